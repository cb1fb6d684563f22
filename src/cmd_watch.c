/* cmd_watch.c - IDLE on a mailbox, one line per new message, until Ctrl-C. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static int stop_pipe[2] = {-1, -1};
static atomic_int stopping; /* Ctrl-C came: whatever the call was doing, it ends cleanly */

static void on_signal(int sig)
{
    (void)sig;
    char c = 1;
    ssize_t n = write(stop_pipe[1], &c, 1); /* async-signal-safe: the thread does the rest */
    (void)n;
}

/* Waits for the signal, then cancels the IDLE in progress. */
static void *stopper(void *arg)
{
    char c;
    if (read(stop_pipe[0], &c, 1) == 1) {
        atomic_store(&stopping, 1);
        ImapCancel(*(HCLIENT *)arg);
    }
    return NULL;
}

static BOOL print_summary(const cli_summary *s, void *ctx)
{
    (void)ctx;
    printf("%lu\t", (unsigned long)s->uid);
    cli_print_text(stdout, s->from);
    fputc('\t', stdout);
    cli_print_text(stdout, s->subject);
    fputc('\n', stdout);
    fflush(stdout);
    return TRUE;
}

/* The new messages first..last, in one round trip. */
static void announce(HCLIENT h, INT first, INT last)
{
    char set[32];
    snprintf(set, sizeof set, "%d:%d", (int)first, (int)last);
    cli_summaries(h, set, 0, print_summary, NULL);
}

int cmd_watch(const cli_options *o, int argc, char **argv)
{
    cli_url u;
    if (argc != 1 || cli_parse_url(argv[0], &u) != 0 || u.pop) {
        fprintf(stderr, "usage: mailwire watch imap[s]://user@host/MAILBOX\n");
        return EXIT_USAGE;
    }
    int rc;
    HCLIENT h = cli_open(o, &u, &rc);
    if (h == INVALID_CLIENT)
        return rc;
    const char *mailbox = u.mailbox[0] ? u.mailbox : "INBOX";
    if (ImapExamineMailboxA(h, mailbox, NULL) != 0) {
        rc = cli_fail(mailbox, ImapGetLastError());
        cli_close(&u, h);
        return rc;
    }
    if (pipe(stop_pipe) != 0)
        return cli_fail("pipe", ST_ERROR_FILE_IO);
    pthread_t t;
    pthread_create(&t, NULL, stopper, &h);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    if (!o->quiet)
        fprintf(stderr, "watching %s (Ctrl-C to stop)\n", mailbox);
    INT known = ImapGetMessageCount(h);
    rc = EXIT_OK;
    for (;;) {
        DWORD changes = 0;
        INT r = ImapIdle(h, 600, &changes); /* servers drop idle sessions after ~30 min */
        if (r < 0) {
            if (ImapGetLastError() != ST_ERROR_CANCELLED && !atomic_load(&stopping))
                rc = cli_fail_imap(h, "idle", ImapGetLastError());
            break;
        }
        INT now = ImapGetMessageCount(h);
        if (now > known)
            announce(h, known + 1, now); /* a Ctrl-C meanwhile cancels it, then the loop ends */
        known = now;
        if (atomic_load(&stopping))
            break;
    }
    on_signal(0); /* release the stopper thread if no signal came */
    pthread_join(t, NULL);
    cli_close(&u, h);
    return rc;
}
