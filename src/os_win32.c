/* os_win32.c - the mailwire tool's system services on Windows (see os.h):
 * UTF-16 file names, UTF-8 arguments and console, binary standard streams. */
#include "os.h"

#include <fcntl.h>
#include <io.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <shellapi.h>

static wchar_t *wide(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
    wchar_t *w = n > 0 ? malloc((size_t)n * sizeof *w) : NULL;
    if (w != NULL && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n) != n) {
        free(w);
        w = NULL;
    }
    return w;
}

static char *narrow(const wchar_t *w)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    char *s = n > 0 ? malloc((size_t)n) : NULL;
    if (s != NULL && WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL) != n) {
        free(s);
        s = NULL;
    }
    return s;
}

void os_init(int *argc, char ***argv)
{
    /* main's argv is in the ANSI code page, which cannot hold every name:
     * take the UTF-16 command line instead */
    int n = 0;
    wchar_t **wargv = CommandLineToArgvW(GetCommandLineW(), &n);
    char **args = wargv != NULL ? calloc((size_t)n + 1, sizeof *args) : NULL;
    for (int i = 0; args != NULL && i < n; i++) {
        args[i] = narrow(wargv[i]);
        if (args[i] == NULL)
            args = NULL; /* keep the C library's arguments; the few bytes stay */
    }
    if (args != NULL) {
        *argc = n;
        *argv = args;
    }
    if (wargv != NULL)
        LocalFree(wargv);
    SetConsoleOutputCP(CP_UTF8);
    SetConsoleCP(CP_UTF8);
    /* messages are bytes: no LF -> CRLF on the way out */
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
    _setmode(_fileno(stdin), _O_BINARY);
}

FILE *os_fopen(const char *path, const char *mode)
{
    wchar_t wmode[8];
    size_t i = 0;
    for (; mode[i] != '\0' && i < 5; i++)
        wmode[i] = (wchar_t)mode[i];
    wmode[i++] = L'N'; /* not inherited */
    wmode[i] = L'\0';
    wchar_t *w = wide(path);
    FILE *f = w != NULL ? _wfopen(w, wmode) : NULL;
    free(w);
    return f;
}

int os_fsync(FILE *f)
{
    return _commit(_fileno(f)) == 0 ? 0 : -1;
}

int os_fsync_batched(FILE *f)
{
    return os_fsync(f); /* no call flushes a whole volume without privileges */
}

int os_sync_files(const char *dir)
{
    (void)dir; /* each file was flushed when it was closed */
    return 0;
}

int os_sync_dir(const char *dir)
{
    /* NTFS journals its directory entries; there is no handle to flush */
    (void)dir;
    return 0;
}

int os_mkdir(const char *path)
{
    wchar_t *w = wide(path);
    BOOL ok = w != NULL && (CreateDirectoryW(w, NULL) || GetLastError() == ERROR_ALREADY_EXISTS);
    free(w);
    return ok ? 0 : -1;
}

int os_is_separator(char c)
{
    return c == '/' || c == '\\';
}

int os_move_new(const char *from, const char *to)
{
    wchar_t *wf = wide(from), *wt = wide(to);
    /* no MOVEFILE_REPLACE_EXISTING: a file already there fails the move */
    int r = wf == NULL || wt == NULL                     ? -1
            : MoveFileExW(wf, wt, MOVEFILE_WRITE_THROUGH) ? 0
            : GetLastError() == ERROR_ALREADY_EXISTS || GetLastError() == ERROR_FILE_EXISTS
                ? 1
                : -1;
    free(wf);
    free(wt);
    return r;
}

int os_rename(const char *from, const char *to)
{
    wchar_t *wf = wide(from), *wt = wide(to);
    BOOL ok = wf != NULL && wt != NULL &&
              MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
    free(wf);
    free(wt);
    return ok ? 0 : -1;
}

void os_remove(const char *path)
{
    wchar_t *w = wide(path);
    if (w != NULL)
        DeleteFileW(w);
    free(w);
}

int os_exists(const char *path)
{
    wchar_t *w = wide(path);
    int there = w != NULL && GetFileAttributesW(w) != INVALID_FILE_ATTRIBUTES;
    free(w);
    return there;
}

/* FILETIME counts 100 ns from 1601; Unix time seconds from 1970. */
#define FILETIME_1970 116444736000000000ULL

int os_mtime(const char *path, long long *secs)
{
    wchar_t *w = wide(path);
    WIN32_FILE_ATTRIBUTE_DATA a;
    BOOL ok = w != NULL && GetFileAttributesExW(w, GetFileExInfoStandard, &a);
    free(w);
    if (!ok)
        return -1;
    ULONGLONG t = (ULONGLONG)a.ftLastWriteTime.dwHighDateTime << 32 | a.ftLastWriteTime.dwLowDateTime;
    *secs = (long long)((t - FILETIME_1970) / 10000000ULL);
    return 0;
}

int os_set_mtime(const char *path, long long secs)
{
    wchar_t *w = wide(path);
    HANDLE h = w != NULL ? CreateFileW(w, FILE_WRITE_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE,
                                       NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL)
                         : INVALID_HANDLE_VALUE;
    free(w);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    ULONGLONG t = (ULONGLONG)secs * 10000000ULL + FILETIME_1970;
    FILETIME ft = {(DWORD)t, (DWORD)(t >> 32)};
    BOOL ok = SetFileTime(h, NULL, NULL, &ft);
    CloseHandle(h);
    return ok ? 0 : -1;
}

FILE *os_command_output(const char *command)
{
    wchar_t *w = wide(command);
    fflush(NULL);
    FILE *f = w != NULL ? _wpopen(w, L"rb") : NULL;
    free(w);
    return f;
}

int os_command_status(FILE *f)
{
    return _pclose(f);
}

int os_run(const char *command)
{
    wchar_t *w = wide(command);
    fflush(NULL);
    int status = w != NULL ? _wsystem(w) : -1;
    free(w);
    return status;
}

int os_setenv(const char *name, const char *value)
{
    wchar_t *n = wide(name), *v = wide(value);
    int r = n != NULL && v != NULL && _wputenv_s(n, v) == 0 ? 0 : -1;
    free(n);
    free(v);
    return r;
}

int os_terminal_width(FILE *f)
{
    CONSOLE_SCREEN_BUFFER_INFO info;
    HANDLE h = (HANDLE)_get_osfhandle(_fileno(f));
    if (h != INVALID_HANDLE_VALUE && GetConsoleScreenBufferInfo(h, &info))
        return info.srWindow.Right - info.srWindow.Left + 1;
    return 80;
}

static wchar_t *pattern_for(const char *dir)
{
    size_t n = strlen(dir);
    char *p = malloc(n + 3);
    if (p == NULL)
        return NULL;
    memcpy(p, dir, n);
    memcpy(p + n, "\\*", 3);
    wchar_t *w = wide(p);
    free(p);
    return w;
}

int os_dir_each(const char *dir, int (*fn)(const char *name, void *ctx), void *ctx)
{
    wchar_t *pattern = pattern_for(dir);
    WIN32_FIND_DATAW found;
    HANDLE h = pattern != NULL ? FindFirstFileW(pattern, &found) : INVALID_HANDLE_VALUE;
    free(pattern);
    if (h == INVALID_HANDLE_VALUE)
        return GetLastError() == ERROR_FILE_NOT_FOUND ? 0 : -1;
    int rc = 0;
    do {
        if (wcscmp(found.cFileName, L".") == 0 || wcscmp(found.cFileName, L"..") == 0)
            continue;
        char *name = narrow(found.cFileName);
        if (name != NULL)
            rc = fn(name, ctx);
        free(name);
    } while (rc == 0 && FindNextFileW(h, &found));
    FindClose(h);
    return rc;
}

int os_isatty(FILE *f)
{
    /* a console, not any character device: _isatty says yes to NUL too */
    DWORD mode;
    return GetConsoleMode((HANDLE)_get_osfhandle(_fileno(f)), &mode) != 0;
}

int os_read_hidden_line(char *buf, size_t cap)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode;
    if (!GetConsoleMode(in, &mode))
        return -1;
    SetConsoleMode(in, mode & ~(DWORD)ENABLE_ECHO_INPUT);
    int r = fgets(buf, (int)cap, stdin) != NULL ? 0 : -1;
    SetConsoleMode(in, mode);
    return r;
}

double os_seconds(void)
{
    return (double)GetTickCount64() / 1000.0;
}

long os_pid(void)
{
    return (long)GetCurrentProcessId();
}

void os_sleep_ms(unsigned ms)
{
    Sleep(ms);
}

/* ---- Ctrl-C: Windows runs the handler on a thread of its own ------------- */

static void (*interrupt_fn)(void *);
static void *interrupt_ctx;
static volatile LONG interrupted;

static BOOL WINAPI on_console_event(DWORD event)
{
    if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT && event != CTRL_CLOSE_EVENT)
        return FALSE;
    if (InterlockedExchange(&interrupted, 1) == 0)
        interrupt_fn(interrupt_ctx);
    return TRUE;
}

int os_interrupt_begin(void (*fn)(void *ctx), void *ctx)
{
    interrupt_fn = fn;
    interrupt_ctx = ctx;
    interrupted = 0;
    return SetConsoleCtrlHandler(on_console_event, TRUE) ? 0 : -1;
}

void os_interrupt_end(void)
{
    SetConsoleCtrlHandler(on_console_event, FALSE);
}
