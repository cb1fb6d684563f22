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
long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
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

void free_names(char **names, int count)
{
    for (int i = 0; i < count; i++)
        free(names[i]);
    free(names);
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
