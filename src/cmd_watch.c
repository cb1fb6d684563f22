/*
 * cmd_watch.c - IDLE on a mailbox, one line (or JSON object, or command
 * run) per new message, until Ctrl-C. New messages are known by UID, so
 * when the connection drops, watch connects again (waiting 1, 2, 4 ... up
 * to 60 seconds between tries) and announces what arrived meanwhile,
 * each message once.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "os.h"

#define BACKOFF_MAX_S 60

static atomic_int stopping; /* Ctrl-C came: whatever the call was doing, it ends cleanly */

typedef struct watch {
    const cli_options *o;
    cli_url u;
    const char *mailbox;
    HCLIENT h; /* INVALID_CLIENT while reconnecting */
    DWORD uidvalidity;
    DWORD last_uid; /* the highest UID announced, or there when watching began */
} watch;

/* On Ctrl-C: cancels the IDLE (or wait) in progress. */
static void stop(void *arg)
{
    atomic_store(&stopping, 1);
    HCLIENT h = ((watch *)arg)->h;
    if (h != INVALID_CLIENT)
        ImapCancel(h);
}

static void print_json(const watch *w, const cli_summary *s)
{
    printf("{\"uid\": %lu, \"mailbox\": ", (unsigned long)s->uid);
    cli_json_string(stdout, w->mailbox);
    fputs(", \"from\": ", stdout);
    cli_json_string(stdout, s->from);
    fputs(", \"subject\": ", stdout);
    cli_json_string(stdout, s->subject);
    fputs("}\n", stdout);
}

/* --exec: the command runs with the message in its environment; the
 * server's text reaches it escaped, never as part of a command line. */
static void run_exec(const watch *w, const cli_summary *s)
{
    char uid[16], from[2048], subject[4096];
    snprintf(uid, sizeof uid, "%lu", (unsigned long)s->uid);
    cli_safe_text(s->from, from, sizeof from);
    cli_safe_text(s->subject, subject, sizeof subject);
    os_setenv("MAILWIRE_UID", uid);
    os_setenv("MAILWIRE_MAILBOX", w->mailbox);
    os_setenv("MAILWIRE_FROM", from);
    os_setenv("MAILWIRE_SUBJECT", subject);
    fflush(stdout);
    int status = os_run(w->o->exec_command);
    if (status != 0)
        fprintf(stderr, "mailwire: --exec for UID %s: the command %s %d\n", uid,
                status < 0 ? "could not be run:" : "exited with", status);
}

static BOOL announce_one(const cli_summary *s, void *ctx)
{
    watch *w = ctx;
    if (s->uid <= w->last_uid) /* "n:*" answers with the last message even when n is past it */
        return TRUE;
    w->last_uid = s->uid;
    if (w->o->json) {
        print_json(w, s);
    } else if (!w->o->exec_command || !w->o->quiet) {
        printf("%lu\t", (unsigned long)s->uid);
        cli_print_text(stdout, s->from);
        fputc('\t', stdout);
        cli_print_text(stdout, s->subject);
        fputc('\n', stdout);
    }
    fflush(stdout);
    if (w->o->exec_command != NULL)
        run_exec(w, s);
    return TRUE;
}

/* Every message past the last one announced, in one round trip. */
static INT announce_new(watch *w)
{
    char set[32];
    snprintf(set, sizeof set, "%lu:*", (unsigned long)w->last_uid + 1);
    return cli_summaries(w->h, set, IMAP_MESSAGE_UID, announce_one, w);
}

static BOOL CALLBACK note_uid(HCLIENT h, const IMAPMESSAGE *m, DWORD_PTR param)
{
    DWORD *uid = (DWORD *)param;
    (void)h;
    if (m->dwUid > *uid)
        *uid = m->dwUid;
    return TRUE;
}

/* The mailbox opened (read-only). Reopened after a reconnect, what came
 * meanwhile is announced; on the first open, or when UIDVALIDITY changed,
 * what is there now is the starting point. EXIT_OK or the exit code. */
static int open_mailbox(watch *w, int first)
{
    IMAPMAILBOX box;
    memset(&box, 0, sizeof box);
    box.dwSize = sizeof box;
    if (ImapExamineMailboxA(w->h, w->mailbox, &box) != 0)
        return cli_fail(w->mailbox, ImapGetLastError());
    if (!first && box.dwMailboxUID == w->uidvalidity) {
        int arrived = box.dwNextMessageUID == 0 || box.dwNextMessageUID > w->last_uid + 1;
        if (arrived && announce_new(w) < 0)
            return cli_fail_imap(w->h, "fetch", ImapGetLastError());
        return EXIT_OK;
    }
    if (!first)
        fprintf(stderr, "mailwire: %s has a new UIDVALIDITY: watching from its current end\n",
                w->mailbox);
    w->uidvalidity = box.dwMailboxUID;
    w->last_uid = box.dwNextMessageUID > 0 ? box.dwNextMessageUID - 1 : 0;
    if (box.dwNextMessageUID == 0 && box.nMessages > 0) /* no UIDNEXT: the last message's UID */
        (void)ImapListMessagesA(w->h, "*", 0, note_uid, (DWORD_PTR)&w->last_uid);
    return EXIT_OK;
}

/* Waits ms, or less after Ctrl-C; nonzero when it came. */
static int interruptible_wait(unsigned ms)
{
    for (unsigned waited = 0; waited < ms && !atomic_load(&stopping); waited += 100)
        os_sleep_ms(100);
    return atomic_load(&stopping);
}

/* Connects again until it works (EXIT_OK), Ctrl-C comes (EXIT_OK, h
 * invalid), or retrying cannot help: credentials refused, no mailbox. */
static int reconnect(watch *w)
{
    unsigned delay = 1;
    for (;;) {
        fprintf(stderr, "mailwire: connecting again in %u s\n", delay);
        if (interruptible_wait(delay * 1000))
            return EXIT_OK;
        int rc;
        HCLIENT h = cli_open(w->o, &w->u, &rc);
        if (h != INVALID_CLIENT) {
            w->h = h;
            rc = open_mailbox(w, 0);
            if (rc == EXIT_OK)
                return EXIT_OK;
            cli_close(&w->u, h);
            w->h = INVALID_CLIENT;
        }
        if (rc == EXIT_AUTH || rc == EXIT_USAGE || rc == EXIT_LOCAL || rc == EXIT_NOTFOUND)
            return rc;
        delay = delay * 2 > BACKOFF_MAX_S ? BACKOFF_MAX_S : delay * 2;
    }
}

/* IDLE until Ctrl-C; a dropped connection is made again. */
static int watch_loop(watch *w)
{
    INT known = ImapGetMessageCount(w->h);
    for (;;) {
        DWORD changes = 0;
        INT r = ImapIdle(w->h, 600, &changes); /* servers drop idle sessions after ~30 min */
        if (r >= 0 && ImapGetMessageCount(w->h) > known && announce_new(w) < 0)
            r = -1;
        if (atomic_load(&stopping))
            return EXIT_OK;
        if (r >= 0) {
            known = ImapGetMessageCount(w->h);
            continue;
        }
        DWORD err = ImapGetLastError();
        if (err == ST_ERROR_CANCELLED)
            return EXIT_OK;
        (void)cli_fail_imap(w->h, "the connection was lost", err);
        cli_close(&w->u, w->h);
        w->h = INVALID_CLIENT;
        int rc = reconnect(w);
        if (rc != EXIT_OK || w->h == INVALID_CLIENT)
            return rc;
        known = ImapGetMessageCount(w->h);
    }
}

int cmd_watch(const cli_options *o, int argc, char **argv)
{
    watch w;
    memset(&w, 0, sizeof w);
    w.o = o;
    if (argc != 1) {
        fprintf(stderr, "usage: mailwire watch imap[s]://user@host/MAILBOX\n");
        return EXIT_USAGE;
    }
    if (cli_url_arg(o, argv[0], &w.u, "watch", 0) != EXIT_OK || cli_needs_imap(&w.u, "watch") != EXIT_OK)
        return EXIT_USAGE;
    w.mailbox = w.u.mailbox[0] ? w.u.mailbox : "INBOX";
    int rc;
    w.h = cli_open(o, &w.u, &rc);
    if (w.h == INVALID_CLIENT)
        return rc;
    rc = open_mailbox(&w, 1);
    if (rc == EXIT_OK && os_interrupt_begin(stop, &w) != 0)
        rc = cli_fail("Ctrl-C handler", ST_ERROR_FILE_IO);
    if (rc == EXIT_OK) {
        if (!o->quiet)
            fprintf(stderr, "watching %s (Ctrl-C to stop)\n", w.mailbox);
        rc = watch_loop(&w);
        os_interrupt_end();
    }
    if (w.h != INVALID_CLIENT)
        cli_close(&w.u, w.h);
    return rc;
}
