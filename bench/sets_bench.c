/*
 * sets_bench.c - deleting many messages one call at a time against one
 * call for the whole set.
 *
 *   sets_bench HOST PORT USER PASSWORD MESSAGES
 *
 * Fills a fresh mailbox with MESSAGES small messages, then deletes them
 * all: first with ImapDeleteMessage for each message and ImapExpungeMailbox
 * (one command per message), then, with the mailbox filled again, with
 * ImapSetMessagesFlags("1:*") and ImapExpungeMessages (two commands).
 * Prints the commands each way sent (each one round trip) and its wall
 * time. Only the deleting is timed.
 */
#define _POSIX_C_SOURCE 200809L
#include <mailwire.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BOX "SetsBench"

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Counts the command lines the client sends. */
static VOID CALLBACK count_sent(HCLIENT h, UINT direction, LPCSTR line, DWORD len, DWORD_PTR param)
{
    (void)h;
    (void)line;
    (void)len;
    if (direction == IMAP_STATUS_SENT)
        ++*(unsigned long *)param;
}

/* A fresh mailbox of n messages, selected. */
static int fill(HCLIENT h, int n)
{
    static const char msg[] = "Subject: bench\r\n\r\nA message to delete.\r\n";
    (void)ImapUnselectMailbox(h);
    (void)ImapDeleteMailbox(h, BOX);
    if (ImapCreateMailbox(h, BOX) != 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (ImapAppendMessage(h, BOX, msg, sizeof msg - 1, 0, NULL) < 0)
            return -1;
    return ImapSelectMailbox(h, BOX, NULL) == 0 && ImapGetMessageCount(h) == n ? 0 : -1;
}

static int one_per_call(HCLIENT h, int n)
{
    for (int i = 1; i <= n; i++)
        if (ImapDeleteMessage(h, (UINT)i, 0) != 0)
            return -1;
    return ImapExpungeMailbox(h);
}

static int one_set(HCLIENT h, int n)
{
    (void)n;
    if (ImapSetMessagesFlags(h, "1:*", IMAP_FLAG_DELETED, IMAP_MESSAGE_UID | IMAP_FLAGS_ADD) != 0)
        return -1;
    return ImapExpungeMessages(h, "1:*");
}

static int run(HCLIENT h, const char *what, int (*how)(HCLIENT, int), int n, unsigned long *sent)
{
    if (fill(h, n) != 0) {
        fprintf(stderr, "sets_bench: filling the mailbox failed (0x%lx)\n", (unsigned long)ImapGetLastError());
        return -1;
    }
    unsigned long before = *sent;
    double t = wall_now();
    if (how(h, n) != 0 || ImapGetMessageCount(h) != 0) {
        fprintf(stderr, "sets_bench: %s failed (0x%lx)\n", what, (unsigned long)ImapGetLastError());
        return -1;
    }
    printf("%-34s %9lu %10.3f\n", what, *sent - before, wall_now() - t);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: sets_bench HOST PORT USER PASSWORD MESSAGES\n");
        return 2;
    }
    int n = atoi(argv[5]);
    if (n <= 0 || !ImapInitialize(NULL, NULL))
        return 2;
    HCLIENT h = ImapConnect(argv[1], (UINT)atoi(argv[2]), 120, 0, NULL);
    unsigned long sent = 0;
    if (h == INVALID_CLIENT || ImapLogin(h, IMAP_AUTH_DEFAULT, argv[3], argv[4]) != 0) {
        fprintf(stderr, "sets_bench: cannot log in (0x%lx)\n", (unsigned long)ImapGetLastError());
        return 1;
    }
    ImapRegisterStatusProc(h, count_sent, (DWORD_PTR)&sent);
    printf("delete %d messages and expunge    commands  wall (s)\n", n);
    int rc = run(h, "one message per call", one_per_call, n, &sent) != 0 ||
             run(h, "one set (STORE + UID EXPUNGE)", one_set, n, &sent) != 0;
    (void)ImapUnselectMailbox(h);
    (void)ImapDeleteMailbox(h, BOX);
    ImapDisconnect(h);
    ImapUninitialize();
    return rc;
}
