/*
 * resync_bench.c - catching a copy of a large mailbox up after a few
 * changes: SELECT with QRESYNC against SELECT and a full
 * "UID FETCH 1:* (FLAGS)" (what mbsync and most clients without QRESYNC
 * do).
 *
 *   resync_bench HOST PORT USER PASSWORD MESSAGES
 *
 * Fills a fresh mailbox with MESSAGES small messages (100 appended, then
 * copied onto themselves until there are enough), notes its UIDVALIDITY
 * and HIGHESTMODSEQ, lets a second session flag 10 messages and expunge
 * 5, then catches up both ways from a new session each. Prints, for each
 * way, the bytes of protocol received (lines and literals, CRLF
 * included), the commands sent after the login (each one round trip),
 * the changes found (for the full fetch: the messages whose flags came,
 * among which the copy must find the changed ones itself), and the wall
 * time from the SELECT to the end.
 */
#define _POSIX_C_SOURCE 200809L
#include <mailwire.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BOX "ResyncBench"

typedef struct tally {
    unsigned long long received; /* bytes */
    unsigned long sent;          /* commands */
    unsigned long fetches;       /* FETCH responses */
} tally;

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static VOID CALLBACK count(HCLIENT h, UINT direction, LPCSTR line, DWORD len, DWORD_PTR param)
{
    tally *t = (tally *)param;
    (void)h;
    (void)line;
    if (direction == IMAP_STATUS_SENT)
        t->sent++;
    else if (direction == IMAP_STATUS_RECEIVED) {
        t->received += len + 2;
        t->fetches += strstr(line, " FETCH (") != NULL;
    }
}

static HCLIENT open_session(char **argv)
{
    HCLIENT h = ImapConnect(argv[1], (UINT)atoi(argv[2]), 300, 0, NULL);
    if (h != INVALID_CLIENT && ImapLogin(h, IMAP_AUTH_DEFAULT, argv[3], argv[4]) == 0)
        return h;
    fprintf(stderr, "resync_bench: cannot log in (0x%lx)\n", (unsigned long)ImapGetLastError());
    exit(1);
}

/* A fresh mailbox of n messages. */
static int fill(HCLIENT h, int n)
{
    static const char msg[] = "Subject: resync\r\n\r\nA message to keep in step.\r\n";
    (void)ImapDeleteMailbox(h, BOX);
    if (ImapCreateMailbox(h, BOX) != 0)
        return -1;
    for (int i = 0; i < 100 && i < n; i++)
        if (ImapAppendMessage(h, BOX, msg, sizeof msg - 1, 0, NULL) < 0)
            return -1;
    if (ImapSelectMailbox(h, BOX, NULL) != 0)
        return -1;
    while (ImapGetMessageCount(h) < n) {
        int have = ImapGetMessageCount(h), more = n - have < have ? n - have : have;
        char set[32];
        snprintf(set, sizeof set, "1:%d", more);
        if (ImapCopyMessages(h, set, BOX, 0, NULL, 0) < 0 || ImapCheckMailbox(h) != 0)
            return -1;
    }
    return ImapUnselectMailbox(h);
}

/* Another client: 10 messages flagged, 5 expunged, spread over the box. */
static int change(HCLIENT h, int n)
{
    char set[64];
    if (ImapSelectMailbox(h, BOX, NULL) != 0)
        return -1;
    int half = n / 2 - 1; /* flagged: even numbers; expunged: odd ones */
    for (int i = 0; i < 10; i++) {
        snprintf(set, sizeof set, "%d", 2 + 2 * ((i * half) / 10));
        if (ImapSetMessagesFlags(h, set, IMAP_FLAG_FLAGGED, IMAP_FLAGS_ADD) != 0)
            return -1;
    }
    for (int i = 0; i < 5; i++) {
        snprintf(set, sizeof set, "%d", 1 + 2 * ((i * half) / 5));
        if (ImapSetMessagesFlags(h, set, IMAP_FLAG_DELETED, IMAP_FLAGS_ADD) != 0)
            return -1;
    }
    return ImapExpungeMailbox(h);
}

static BOOL CALLBACK count_change(HCLIENT h, const IMAPCHANGE *c, DWORD_PTR param)
{
    (void)h;
    *(unsigned long *)param += c->dwKind == IMAP_CHANGE_EXPUNGED ? c->dwLastUid - c->dwUid + 1 : 1;
    return TRUE;
}

static void report(const char *what, const tally *t, unsigned long changes, double seconds)
{
    printf("%-44s %12llu %9lu %8lu %9.3f\n", what, t->received, t->sent, changes, seconds);
}

static int by_qresync(char **argv, DWORD validity, ULONGLONG modseq)
{
    HCLIENT h = open_session(argv);
    if (ImapEnable(h, "QRESYNC") != 0)
        return -1;
    tally t = {0, 0, 0};
    unsigned long changes = 0;
    ImapRegisterStatusProc(h, count, (DWORD_PTR)&t);
    double start = wall_now();
    IMAPMAILBOX mb = {.dwSize = sizeof mb};
    if (ImapSelectResync(h, BOX, validity, modseq, NULL, IMAP_SELECT_READONLY, &mb, count_change,
                         (DWORD_PTR)&changes) < 0)
        return -1;
    report("SELECT with QRESYNC (ImapSelectResync)", &t, changes, wall_now() - start);
    ImapDisconnect(h);
    return 0;
}

static int by_full_fetch(char **argv)
{
    HCLIENT h = open_session(argv);
    tally t = {0, 0, 0};
    ImapRegisterStatusProc(h, count, (DWORD_PTR)&t);
    double start = wall_now();
    if (ImapExamineMailbox(h, BOX, NULL) != 0 || ImapCommand(h, "UID FETCH 1:* (FLAGS)") != IMAP_RESULT_OK)
        return -1;
    /* every message's flags: the copy compares them all to find the 10 */
    report("SELECT, then UID FETCH 1:* (FLAGS)", &t, t.fetches, wall_now() - start);
    ImapDisconnect(h);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: resync_bench HOST PORT USER PASSWORD MESSAGES\n");
        return 2;
    }
    int n = atoi(argv[5]);
    if (n < 20 || !ImapInitialize(NULL, NULL))
        return 2;
    HCLIENT h = open_session(argv);
    IMAPMAILBOX mb = {.dwSize = sizeof mb};
    /* Dovecot says HIGHESTMODSEQ on SELECT once CONDSTORE is on */
    int step = ImapEnable(h, "CONDSTORE") != 0 || fill(h, n) != 0              ? 1
               : ImapExamineMailbox(h, BOX, &mb) != 0 || mb.ullHighestModSeq == 0 ? 2
               : ImapUnselectMailbox(h) != 0 || change(h, n) != 0                 ? 3
                                                                                  : 0;
    if (step != 0) {
        fprintf(stderr, "resync_bench: preparing the mailbox failed at step %d (0x%lx)\n", step,
                (unsigned long)ImapGetLastError());
        return 1;
    }
    printf("resync of %d messages after 10 flag changes and 5 expunges\n", n);
    printf("%-44s %12s %9s %8s %9s\n", "", "bytes in", "commands", "found", "wall (s)");
    int rc = by_qresync(argv, mb.dwMailboxUID, mb.ullHighestModSeq) != 0 || by_full_fetch(argv) != 0;
    if (rc != 0)
        fprintf(stderr, "resync_bench: a catch-up failed (0x%lx)\n", (unsigned long)ImapGetLastError());
    (void)ImapUnselectMailbox(h);
    (void)ImapDeleteMailbox(h, BOX);
    ImapDisconnect(h);
    ImapUninitialize();
    return rc;
}
