/*
 * thread_handoff.c - connect on one thread, hand the handle to a worker with
 * ImapAttachThread, and let the worker do the work.
 *
 *   thread_handoff HOST[:PORT] USER     (password in MAILWIRE_PASSWORD)
 */
#include <mailwire.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef _WIN32
#include <process.h>
#else
#include <pthread.h>
#endif

typedef struct job {
    HCLIENT handle;
    INT messages;
    DWORD error;
} job;

static void do_work(void *arg)
{
    job *j = arg;
    /* Before this call the handle belongs to the thread that connected it. */
    ImapAttachThread(j->handle, 0);
    if (ImapExamineMailbox(j->handle, "INBOX", NULL) == 0)
        j->messages = ImapGetMessageCount(j->handle);
    else
        j->error = ImapGetLastError();
}

/* The same worker on a Windows thread or a POSIX one. */
#ifdef _WIN32
static unsigned __stdcall worker(void *arg)
{
    do_work(arg);
    return 0;
}

static void run_worker(job *j)
{
    HANDLE t = (HANDLE)_beginthreadex(NULL, 0, worker, j, 0, NULL);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
}
#else
static void *worker(void *arg)
{
    do_work(arg);
    return NULL;
}

static void run_worker(job *j)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, j);
    pthread_join(t, NULL);
}
#endif

int main(int argc, char **argv)
{
    const char *password = getenv("MAILWIRE_PASSWORD");
    if (argc != 3 || password == NULL) {
        fprintf(stderr, "usage: thread_handoff HOST[:PORT] USER\n");
        return 2;
    }
    ImapInitialize(NULL, NULL);
    HCLIENT h = ImapConnect(argv[1], 0, 30, IMAP_OPTION_NONE, NULL);
    if (h == INVALID_CLIENT || ImapLogin(h, IMAP_AUTH_DEFAULT, argv[2], password) != 0)
        return 1;
    job j = {h, -1, 0};
    run_worker(&j);
    /* The main thread is no longer the owner: take the handle back. */
    INT before = ImapGetMessageCount(h);
    DWORD refused = ImapGetLastError();
    ImapAttachThread(h, 0);
    printf("worker saw %d messages; main thread before taking it back: %s\n", j.messages,
           before < 0 && refused == ST_ERROR_NOT_HANDLE_OWNER ? "refused (not the owner)" : "allowed");
    ImapDisconnect(h);
    ImapUninitialize();
    return j.messages >= 0 ? 0 : 1;
}
