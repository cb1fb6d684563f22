/* testutil.c - helpers shared by the protocol and integration tests. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "testutil.h"

#include <dirent.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#if defined(_WIN32)
#include <windows.h>
#include <psapi.h>
#else
#include <sys/resource.h>
#include <sys/syscall.h>
#endif

#include "testsys.h"

VOID CALLBACK trace_collect(HCLIENT h, UINT dir, LPCSTR line, DWORD len, DWORD_PTR param)
{
    (void)h;
    trace_log *t = (trace_log *)param;
    int n = snprintf(t->text + t->len, sizeof t->text - t->len, "%s%.*s\n",
                     dir == IMAP_STATUS_SENT ? "C: " : "S: ", (int)len, line);
    if (n > 0 && t->len + (size_t)n < sizeof t->text)
        t->len += (size_t)n;
}

VOID CALLBACK event_record(HCLIENT h, UINT id, DWORD err, DWORD_PTR param)
{
    event_wait *w = (event_wait *)param;
    w->id = id;
    w->error = err;
    w->handle = h;
    atomic_thread_fence(memory_order_seq_cst);
    __atomic_store_n(&w->fired, 1, __ATOMIC_SEQ_CST);
}

int event_wait_for(event_wait *w, unsigned ms)
{
    int64_t end = now_ms() + ms;
    while (!__atomic_load_n(&w->fired, __ATOMIC_SEQ_CST)) {
        if (now_ms() > end)
            return 0;
        usleep(5000);
    }
    return 1;
}

int64_t now_ms(void)
{
#if defined(_WIN32)
    /* not clock_gettime: the one in Check's static library stands still */
    return (int64_t)GetTickCount64();
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
#endif
}

#if defined(_WIN32)
long peak_rss_kb(void)
{
    PROCESS_MEMORY_COUNTERS pmc;
    GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc);
    return (long)(pmc.PeakWorkingSetSize / 1024);
}

uint32_t current_tid(void)
{
    return (uint32_t)GetCurrentThreadId();
}

int peak_rss_reset(void)
{
    return 0; /* the peak working set cannot be lowered */
}

int open_fd_count(void)
{
    return -1;
}

char *test_mkdtemp(char *tmpl)
{
    return _mktemp(tmpl) != NULL && CreateDirectoryA(tmpl, NULL) ? tmpl : NULL;
}

void test_sockets_init(void)
{
    static int done;
    WSADATA data;
    if (!done && WSAStartup(MAKEWORD(2, 2), &data) == 0)
        done = 1;
}
#else
/* VmHWM, which clear_refs lowers; ru_maxrss may keep an older peak. */
long peak_rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    long kb = -1;
    char line[256];
    while (f != NULL && kb < 0 && fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "VmHWM: %ld kB", &kb) != 1)
            kb = -1;
    if (f != NULL)
        fclose(f);
    if (kb < 0) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        kb = ru.ru_maxrss;
    }
    return kb;
}

int open_fd_count(void)
{
    int count;
    char **names = sorted_names("/proc/self/fd", &count);
    free_names(names, count);
    return count < 0 ? -1 : count - 1; /* not the one reading the folder */
}

int peak_rss_reset(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (f == NULL)
        return 0;
    int ok = fputs("5", f) >= 0; /* 5: reset the peak resident set size */
    return fclose(f) == 0 && ok;
}

uint32_t current_tid(void)
{
    return (uint32_t)syscall(SYS_gettid);
}

void test_sockets_init(void)
{
}

char *test_mkdtemp(char *tmpl)
{
    return mkdtemp(tmpl);
}
#endif

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

#if defined(_WIN32)
/* UTF-8 paths as the library takes them: Windows' own calls are wide. */
static wchar_t *wide_path(const char *utf8)
{
    int n = MultiByteToWideChar(CP_UTF8, 0, utf8, -1, NULL, 0);
    wchar_t *w = n > 0 ? malloc((size_t)n * sizeof *w) : NULL;
    if (w != NULL)
        MultiByteToWideChar(CP_UTF8, 0, utf8, -1, w, n);
    return w;
}

FILE *test_fopen(const char *path, const char *mode)
{
    wchar_t *wp = wide_path(path), *wm = wide_path(mode);
    FILE *f = wp != NULL && wm != NULL ? _wfopen(wp, wm) : NULL;
    free(wp);
    free(wm);
    return f;
}

int test_remove(const char *path)
{
    wchar_t *wp = wide_path(path);
    int r = wp != NULL ? _wremove(wp) : -1;
    free(wp);
    return r;
}

char **sorted_names(const char *dir, int *count_r)
{
    wchar_t *wdir = wide_path(dir);
    _WDIR *d = wdir != NULL ? _wopendir(wdir) : NULL;
    free(wdir);
    char **names = NULL;
    int n = 0, cap = 0;
    *count_r = -1;
    if (d == NULL)
        return NULL;
    for (struct _wdirent *e; (e = _wreaddir(d)) != NULL;) {
        if (e->d_name[0] == L'.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            names = realloc(names, (size_t)cap * sizeof *names);
        }
        int len = WideCharToMultiByte(CP_UTF8, 0, e->d_name, -1, NULL, 0, NULL, NULL);
        names[n] = malloc((size_t)len);
        WideCharToMultiByte(CP_UTF8, 0, e->d_name, -1, names[n++], len, NULL, NULL);
    }
    _wclosedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    *count_r = n;
    return names;
}
#else
FILE *test_fopen(const char *path, const char *mode)
{
    return fopen(path, mode);
}

int test_remove(const char *path)
{
    return remove(path);
}

char **sorted_names(const char *dir, int *count_r)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    int n = 0, cap = 0;
    *count_r = -1;
    if (d == NULL)
        return NULL;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            names = realloc(names, (size_t)cap * sizeof *names);
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    *count_r = n;
    return names;
}

#endif

void free_names(char **names, int count)
{
    for (int i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

long long nth_file_size(const char *dir, int n)
{
    int count;
    char **names = sorted_names(dir, &count);
    long long size = -1;
    if (n >= 1 && n <= count) {
        size_t len = strlen(dir) + strlen(names[n - 1]) + 2;
        char *path = malloc(len);
        struct stat st;
        snprintf(path, len, "%s/%s", dir, names[n - 1]);
        if (stat(path, &st) == 0)
            size = (long long)st.st_size;
        free(path);
    }
    free_names(names, count);
    return size;
}

size_t search_line(char *buf, size_t min_len, unsigned long *last_r)
{
    size_t len = (size_t)sprintf(buf, "* SEARCH");
    unsigned long n = 0;
    while (len < min_len)
        len += (size_t)sprintf(buf + len, " %lu", ++n);
    *last_r = n;
    return len;
}

int count_of(const char *haystack, const char *needle)
{
    int n = 0;
    size_t len = strlen(needle);
    for (const char *p = strstr(haystack, needle); p != NULL; p = strstr(p + len, needle))
        n++;
    return n;
}

static char env_text[8192];
static int env_loaded;

const char *server_env(const char *key)
{
    if (!env_loaded) {
        const char *path = getenv("MAILWIRE_SERVER_ENV");
        FILE *f = path != NULL ? fopen(path, "r") : NULL;
        if (f == NULL)
            return NULL;
        size_t n = fread(env_text, 1, sizeof env_text - 1, f);
        env_text[n] = '\0';
        fclose(f);
        env_loaded = 1;
    }
    static char value[1024];
    size_t klen = strlen(key);
    for (const char *line = env_text; *line != '\0';) {
        const char *nl = strchr(line, '\n');
        size_t len = nl != NULL ? (size_t)(nl - line) : strlen(line);
        if (len > klen && strncmp(line, key, klen) == 0 && line[klen] == '=') {
            snprintf(value, sizeof value, "%.*s", (int)(len - klen - 1), line + klen + 1);
            return value;
        }
        line += len + (nl != NULL);
    }
    return NULL;
}

unsigned server_port(const char *key)
{
    const char *v = server_env(key);
    return v != NULL ? (unsigned)atoi(v) : 0;
}

int server_is(const char *kind)
{
    const char *v = server_env("MW_SERVER");
    return strcmp(v != NULL ? v : "dovecot", kind) == 0;
}

const char *server_user(const char *name)
{
    /* a few buffers in turn: a call may use two users at once */
    static char users[4][128];
    static unsigned next;
    char *user = users[next++ % 4];
    const char *suffix = server_env("MW_USER_SUFFIX");
    snprintf(user, sizeof users[0], "%s%s", name, suffix != NULL ? suffix : "");
    return user;
}

char *read_whole_file(const char *path, size_t *len)
{
    FILE *f = test_fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *d = NULL;
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (d = malloc((size_t)size + 1)) != NULL) {
        if (fread(d, 1, (size_t)size, f) == (size_t)size) {
            d[size] = '\0';
            *len = (size_t)size;
        } else {
            free(d);
            d = NULL;
        }
    }
    fclose(f);
    return d;
}

/* The path of the n-th file of user's Maildir/cur in the harness's store. */
int stored_path(const char *user, int n, char *path, size_t size)
{
    const char *base = server_env("MW_MAIL_DIR");
    if (base == NULL)
        return 0;
    char dir[700];
    snprintf(dir, sizeof dir, "%s/%s/Maildir/cur", base, user);
    int count;
    char **names = sorted_names(dir, &count);
    int found = n >= 1 && n <= count;
    if (found)
        snprintf(path, size, "%s/%s", dir, names[n - 1]);
    free_names(names, count);
    return found;
}

static int server_keeps_lf(void)
{
    const char *v = server_env("MW_MAIL_LF");
    return v != NULL && strcmp(v, "1") == 0;
}

/* LF line ends made CRLF; a CR already before an LF is kept as it is. */
static char *crlf_copy(const char *data, size_t len, size_t *len_r)
{
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += data[i] == '\n' && (i == 0 || data[i - 1] != '\r');
    char *out = malloc(len + lines + 1);
    if (out == NULL)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
            out[o++] = '\r';
        out[o++] = data[i];
    }
    out[o] = '\0';
    *len_r = o;
    return out;
}

char *stored_message(const char *user, int n, size_t *len)
{
    char path[1200];
    if (!stored_path(user, n, path, sizeof path))
        return NULL;
    char *data = read_whole_file(path, len);
    if (data == NULL || !server_keeps_lf())
        return data;
    char *crlf = crlf_copy(data, *len, len);
    free(data);
    return crlf;
}

long long stored_message_size(const char *user, int n)
{
    char path[1200];
    if (!stored_path(user, n, path, sizeof path))
        return -1;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    long long size = 0;
    int c, prev = 0;
    if (server_keeps_lf()) { /* each bare LF goes out as CRLF */
        while ((c = getc(f)) != EOF) {
            size += 1 + (c == '\n' && prev != '\r');
            prev = c;
        }
    } else if (fseek(f, 0, SEEK_END) == 0) {
        size = ftell(f);
    }
    fclose(f);
    return size;
}
