/* cmd_watch.c - IDLE on a mailbox, one line per new message, until Ctrl-C. */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "os.h"

static atomic_int stopping; /* Ctrl-C came: whatever the call was doing, it ends cleanly */

/* On Ctrl-C: cancels the IDLE in progress. */
static void stop(void *arg)
{
    atomic_store(&stopping, 1);
    ImapCancel(*(HCLIENT *)arg);
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
    if (argc != 1 || cli_parse_url(o, argv[0], &u) != 0 || u.pop) {
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
    if (os_interrupt_begin(stop, &h) != 0) {
        cli_close(&u, h);
        return cli_fail("Ctrl-C handler", ST_ERROR_FILE_IO);
    }
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
    os_interrupt_end();
    cli_close(&u, h);
    return rc;
}
