/*
 * async_connect.c - connect in the background and learn the outcome from
 * the event procedure.
 *
 *   async_connect HOST[:PORT]
 */
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include <mailwire.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

static void sleep_10ms(void)
{
#ifdef _WIN32
    Sleep(10);
#else
    struct timespec ts = {0, 10000000};
    nanosleep(&ts, NULL);
#endif
}

static atomic_int outcome; /* 0 waiting, 1 connected, -1 failed */
static atomic_uint failure;

static VOID CALLBACK on_event(HCLIENT h, UINT id, DWORD err, DWORD_PTR param)
{
    (void)h;
    (void)param;
    if (id == IMAP_EVENT_CONNECT)
        atomic_store(&outcome, 1);
    else if (id == IMAP_EVENT_ERROR) {
        atomic_store(&failure, err);
        atomic_store(&outcome, -1);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: async_connect HOST[:PORT]\n");
        return 2;
    }
    ImapInitialize(NULL, NULL);
    HCLIENT h = ImapAsyncConnect(argv[1], 0, 30, IMAP_OPTION_NONE, NULL, on_event, 0);
    if (h == INVALID_CLIENT)
        return 1;
    int polls = 0;
    while (atomic_load(&outcome) == 0) { /* the application goes on meanwhile */
        sleep_10ms();
        polls++;
    }
    if (atomic_load(&outcome) > 0) {
        printf("connected after %d polls; ready: %s\n", polls, ImapIsConnected(h) ? "yes" : "no");
    } else {
        char why[256];
        ImapGetErrorString(atomic_load(&failure), why, sizeof why);
        printf("connect failed: %s\n", why);
    }
    ImapDisconnect(h); /* frees the handle either way */
    ImapUninitialize();
    return atomic_load(&outcome) > 0 ? 0 : 1;
}
