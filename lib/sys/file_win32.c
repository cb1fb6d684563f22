/* file_win32.c - lib/sys files on Windows (see file.h): UTF-16 names,
 * handles that child processes do not inherit, binary data throughout. */
#include "file.h"

#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <wincrypt.h>

#include <mailwire/errors.h>

#include "alloc.h"
#include "win32/wpath.h"

static HANDLE handle(mw_fd fd)
{
    return (HANDLE)fd;
}

DWORD mw_file_create(const char *path, mw_fd *fd_r)
{
    *fd_r = MW_NO_FD;
    wchar_t *w = mw_wpath(path);
    if (w == NULL)
        return ST_ERROR_FILE_IO;
    /* lpSecurityAttributes NULL: the handle is not inheritable */
    HANDLE h = CreateFileW(w, GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    free(w);
    if (h == INVALID_HANDLE_VALUE)
        return ST_ERROR_FILE_IO;
    *fd_r = (mw_fd)h;
    return 0;
}

int mw_file_create_new(const char *path, mw_fd *fd_r)
{
    *fd_r = MW_NO_FD;
    wchar_t *w = mw_wpath(path);
    if (w == NULL)
        return -1;
    HANDLE h = CreateFileW(w, GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD e = GetLastError();
    free(w);
    if (h == INVALID_HANDLE_VALUE)
        return e == ERROR_FILE_EXISTS || e == ERROR_ALREADY_EXISTS ? 1 : -1;
    *fd_r = (mw_fd)h;
    return 0;
}

DWORD mw_file_write(mw_fd fd, const void *data, size_t len)
{
    const unsigned char *p = data;
    while (len > 0) {
        DWORD chunk = len > 0x40000000 ? 0x40000000 : (DWORD)len;
        DWORD wrote = 0;
        if (!WriteFile(handle(fd), p, chunk, &wrote, NULL) || wrote == 0)
            return ST_ERROR_FILE_IO;
        p += wrote;
        len -= wrote;
    }
    return 0;
}

DWORD mw_file_close(mw_fd fd, int sync)
{
    DWORD err = sync && !FlushFileBuffers(handle(fd)) ? ST_ERROR_FILE_IO : 0;
    if (!CloseHandle(handle(fd)) && err == 0)
        err = ST_ERROR_FILE_IO;
    return err;
}

DWORD mw_file_replace(const char *from, const char *to)
{
    wchar_t *wf = mw_wpath(from);
    wchar_t *wt = mw_wpath(to);
    /* MOVEFILE_REPLACE_EXISTING: rename() on Windows refuses an existing
     * target; WRITE_THROUGH: the rename is on disk when this returns */
    BOOL ok = wf != NULL && wt != NULL &&
              MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
    free(wf);
    free(wt);
    return ok ? 0 : ST_ERROR_FILE_IO;
}

void mw_file_remove(const char *path)
{
    wchar_t *w = mw_wpath(path);
    if (w != NULL)
        DeleteFileW(w);
    free(w);
}

FILE *mw_file_stream(const char *path, int append)
{
    wchar_t *w = mw_wpath(path);
    /* N: not inherited by child processes */
    FILE *fp = w != NULL ? _wfopen(w, append ? L"abN" : L"wbN") : NULL;
    free(w);
    return fp;
}

FILE *mw_file_read_stream(const char *path)
{
    wchar_t *w = mw_wpath(path);
    FILE *fp = w != NULL ? _wfopen(w, L"rbN") : NULL;
    free(w);
    return fp;
}

DWORD mw_file_load(const char *path, unsigned char **buf_r, size_t *len_r)
{
    *buf_r = NULL;
    *len_r = 0;
    wchar_t *w = mw_wpath(path);
    HANDLE h = w == NULL ? INVALID_HANDLE_VALUE
                         : CreateFileW(w, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                                       FILE_ATTRIBUTE_NORMAL, NULL);
    free(w);
    LARGE_INTEGER size;
    if (h == INVALID_HANDLE_VALUE)
        return ST_ERROR_FILE_IO;
    if (!GetFileSizeEx(h, &size) || size.QuadPart < 0 || (uint64_t)size.QuadPart >= SIZE_MAX ||
        size.QuadPart > 0x7fffffff) {
        CloseHandle(h);
        return ST_ERROR_FILE_IO;
    }
    DWORD len = (DWORD)size.QuadPart;
    unsigned char *buf = mw_malloc((size_t)len + 1);
    DWORD got = 0;
    while (buf != NULL && got < len) {
        DWORD n = 0;
        if (!ReadFile(h, buf + got, len - got, &n, NULL) || n == 0)
            break;
        got += n;
    }
    CloseHandle(h);
    return mw_file_loaded(buf, got, len, buf_r, len_r);
}

/* dir\* as UTF-16 */
static wchar_t *pattern_for(const char *dir)
{
    wchar_t *w = mw_wpath(dir);
    if (w == NULL)
        return NULL;
    size_t n = wcslen(w);
    wchar_t *p = realloc(w, (n + 3) * sizeof *w);
    if (p == NULL) {
        free(w);
        return NULL;
    }
    memcpy(p + n, L"\\*", 3 * sizeof *p);
    return p;
}

static int visit(const char *dir, const wchar_t *name, int (*fn)(void *, const char *), void *ctx)
{
    char *u = mw_utf8_name(name);
    if (u == NULL)
        return 0;
    size_t dl = strlen(dir), nl = strlen(u);
    char *path = mw_malloc(dl + nl + 2);
    int stop = 0;
    if (path != NULL) {
        memcpy(path, dir, dl);
        path[dl] = '\\';
        memcpy(path + dl + 1, u, nl + 1);
        stop = fn(ctx, path);
        mw_free(path);
    }
    free(u);
    return stop;
}

int mw_dir_each(const char *dir, int (*fn)(void *ctx, const char *path), void *ctx)
{
    wchar_t *pattern = pattern_for(dir);
    WIN32_FIND_DATAW found;
    HANDLE h = pattern == NULL ? INVALID_HANDLE_VALUE : FindFirstFileW(pattern, &found);
    free(pattern);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    int stop = 0;
    do {
        if (!(found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY))
            stop = visit(dir, found.cFileName, fn, ctx);
    } while (!stop && FindNextFileW(h, &found));
    FindClose(h);
    return 0;
}

/* The current user's "Root" store, which also shows the machine's roots:
 * the anchors Windows' own TLS clients trust. (Opened by name rather than
 * with CertOpenSystemStore, which is the same on Windows but leaves out
 * roots added to the store under Wine.) Read-only where it can be; a user
 * whose store was never opened before has none to open read-only. */
static HCERTSTORE open_roots(void)
{
    HCERTSTORE s = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0,
                                 CERT_SYSTEM_STORE_CURRENT_USER | CERT_STORE_READONLY_FLAG, L"Root");
    if (s == NULL)
        s = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_CURRENT_USER, L"Root");
    return s;
}

int mw_system_roots(int (*add)(void *ctx, const unsigned char *data, size_t len), void *ctx)
{
    HCERTSTORE store = open_roots();
    if (store == NULL)
        return 0;
    int given = 0;
    PCCERT_CONTEXT c = NULL;
    while ((c = CertEnumCertificatesInStore(store, c)) != NULL) {
        (void)add(ctx, c->pbCertEncoded, c->cbCertEncoded);
        given++;
    }
    CertCloseStore(store, 0);
    return given;
}

void mw_system_roots_stamp(mw_stamp *a, mw_stamp *b)
{
    /* Windows keeps no file to look at: the certificates themselves are the
     * stamp (how many, and a hash of each one's signature end), so a store
     * changed since the last parse is parsed again */
    memset(a, 0, sizeof *a);
    memset(b, 0, sizeof *b);
    HCERTSTORE store = open_roots();
    if (store == NULL)
        return;
    uint64_t hash = 14695981039346656037u;
    PCCERT_CONTEXT c = NULL;
    while ((c = CertEnumCertificatesInStore(store, c)) != NULL) {
        DWORD n = c->cbCertEncoded;
        const BYTE *tail = c->pbCertEncoded + (n > 16 ? n - 16 : 0);
        for (DWORD i = 0; i < (n > 16 ? 16 : n); i++)
            hash = (hash ^ tail[i]) * 1099511628211u;
        hash = (hash ^ n) * 1099511628211u;
        b->size++;
    }
    CertCloseStore(store, 0);
    a->mtime_ns = (int64_t)hash;
}
