/*
 * sessions_bench.c - many sessions in one process.
 *
 *   sessions_bench [--cacert FILE] HOST:PORT USER PASSWORD SESSIONS
 *
 * 1. One session alone: connect, log in, EXAMINE INBOX, fetch messages 1:5.
 * 2. SESSIONS threads do the same at once (the handle table under
 *    contention), then hand their handles to the main thread and exit;
 *    the growth of the resident set divided by SESSIONS is the memory of
 *    one idle session.
 * 3. One session sits in IDLE on its own thread while the main thread
 *    sends NOOP on every other session: if the library serialized
 *    unrelated sessions, the NOOPs would wait for the IDLE to end.
 * With --cacert the sessions use implicit TLS verified against FILE.
 */
#define _GNU_SOURCE
#include <mailwire.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define IDLE_SECONDS 3

typedef struct {
    const char *host, *user, *password;
    DWORD options;
    SECURITYCREDENTIALS *creds;
} TARGET;

typedef struct {
    const TARGET *target;
    HCLIENT handle;
    DWORD error;
} SESSION;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long resident_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "VmRSS:", 6) == 0)
            kib = strtol(line + 6, NULL, 10);
    if (f != NULL)
        fclose(f);
    return kib;
}

static BOOL CALLBACK discard(HCLIENT hClient, const IMAPFETCHDATA *lpData, DWORD_PTR dwParam)
{
    (void)hClient, (void)lpData, (void)dwParam;
    return TRUE;
}

/* Connects, logs in, examines INBOX and fetches a few messages. */
static void open_session(SESSION *s)
{
    const TARGET *t = s->target;
    s->handle = ImapConnect(t->host, 0, 60, t->options, t->creds);
    if (s->handle == INVALID_CLIENT || ImapLogin(s->handle, IMAP_AUTH_DEFAULT, t->user, t->password) != 0 ||
        ImapExamineMailbox(s->handle, "INBOX", NULL) != 0 ||
        ImapFetchMessages(s->handle, "1:5", IMAP_MESSAGE_PEEK, discard, 0) < 0)
        s->error = ImapGetLastError();
}

static void *open_session_thread(void *arg)
{
    open_session(arg);
    return NULL;
}

static void *idle_thread(void *arg)
{
    SESSION *s = arg;
    DWORD changes = 0;
    ImapAttachThread(s->handle, 0);
    if (ImapIdle(s->handle, IDLE_SECONDS, &changes) < 0)
        s->error = ImapGetLastError();
    return NULL;
}

/* NOOP on sessions 1..count-1; returns the seconds it took, or -1. */
static double noop_others(SESSION *sessions, int count)
{
    double start = now();
    for (int i = 1; i < count; i++)
        if (ImapCommand(sessions[i].handle, "NOOP") < 0)
            return -1;
    return now() - start;
}

static int open_all(SESSION *sessions, int count)
{
    pthread_t *threads = calloc((size_t)count, sizeof *threads);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    int started = 0;
    for (; started < count; started++)
        if (pthread_create(&threads[started], &attr, open_session_thread, &sessions[started]) != 0)
            break;
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_attr_destroy(&attr);
    free(threads);
    int failed = count - started;
    for (int i = 0; i < started; i++) {
        if (sessions[i].error != 0) {
            char why[256];
            ImapGetErrorString(sessions[i].error, why, sizeof why);
            if (failed++ == 0)
                fprintf(stderr, "session %d: %s\n", i, why);
        } else
            ImapAttachThread(sessions[i].handle, 0); /* the main thread owns them now */
    }
    return failed;
}

int main(int argc, char **argv)
{
    SECURITYCREDENTIALS creds = {.dwSize = sizeof creds};
    TARGET target = {NULL, NULL, NULL, IMAP_OPTION_NONE, &creds};
    int a = 1;
    if (argc > 2 && strcmp(argv[1], "--cacert") == 0) {
        creds.lpszCAFile = argv[2];
        target.options = IMAP_OPTION_SECURE_IMPLICIT;
        a = 3;
    }
    int count = argc - a == 4 ? atoi(argv[a + 3]) : 0;
    if (count < 2) {
        fprintf(stderr, "usage: sessions_bench [--cacert FILE] HOST:PORT USER PASSWORD SESSIONS(>=2)\n");
        return 2;
    }
    target.host = argv[a], target.user = argv[a + 1], target.password = argv[a + 2];
    ImapInitialize(NULL, NULL);

    SESSION one = {&target, INVALID_CLIENT, 0};
    double start = now();
    open_session(&one); /* also pays the one-off costs (TLS library, CA file) */
    double single = now() - start;
    ImapDisconnect(one.handle);
    if (one.error != 0)
        return 1;

    SESSION *sessions = calloc((size_t)count, sizeof *sessions);
    for (int i = 0; i < count; i++)
        sessions[i] = (SESSION){&target, INVALID_CLIENT, 0};
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    long before = resident_kib();
    start = now();
    int failed = open_all(sessions, count);
    double together = now() - start;
#ifdef __GLIBC__
    malloc_trim(0); /* what the exited threads' arenas no longer use */
#endif
    long after = resident_kib();
    printf("sessions:                 %d (%d failed)\n", count, failed);
    printf("one session alone:        %.3f s (connect, login, examine, fetch 1:5)\n", single);
    printf("%d sessions at once:     %.3f s (one after another would take about %.1f s)\n", count,
           together, single * count);
    printf("memory per idle session:  %.1f KiB\n", (double)(after - before) / count);

    double quiet = noop_others(sessions, count);
    pthread_t idler;
    pthread_create(&idler, NULL, idle_thread, &sessions[0]);
    usleep(300 * 1000);
    double during = noop_others(sessions, count);
    pthread_join(idler, NULL);
    printf("NOOP on %d sessions:     %.3f s alone, %.3f s while session 0 is in a %d s IDLE\n",
           count - 1, quiet, during, IDLE_SECONDS);
    int ok = failed == 0 && quiet >= 0 && during >= 0 && sessions[0].error == 0;
    for (int i = 0; i < count; i++)
        ImapDisconnect(sessions[i].handle);
    free(sessions);
    ImapUninitialize();
    return ok ? 0 : 1;
}
