/*
 * ops.c - POP3 maildrop operations: STAT, LIST and UIDL cached for lookups
 * by message number (each fetched whole once, so N lookups cost one round
 * trip; listing.c streams them instead), RETR and TOP, DELE, RSET, NOOP and
 * raw commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../proto/line.h"
#include "../proto/number.h"
#include "../proto/trace.h"
#include "../sys/alloc.h"
#include "../sys/ascii.h"
#include "pop3.h"

int mw_pop_parse_number(const char **p, unsigned long *v_r)
{
    size_t n = 0;
    while ((*p)[n] >= '0' && (*p)[n] <= '9')
        n++;
    uint64_t v;
    if (mw_decimal(*p, n, 0xFFFFFFFFu, &v) != 0)
        return -1; /* no digits, or beyond 32 bits: never expanded into anything */
    *p += n;
    *v_r = (unsigned long)v;
    return 0;
}

/* The answer to a STAT already sent. */
static DWORD read_stat(mw_session *s, DWORD *count_r, DWORD *octets_r)
{
    mw_pop_status st;
    DWORD err = mw_pop_read_status(s, &st);
    if (err != 0)
        return err;
    if (!st.ok)
        return mw_pop_error(&st, ST_ERROR_COMMAND_REJECTED);
    const char *p = st.text;
    unsigned long count, octets;
    if (mw_pop_parse_number(&p, &count) != 0 || *p++ != ' ' || mw_pop_parse_number(&p, &octets) != 0)
        return ST_ERROR_PROTOCOL_VIOLATION;
    /* The first STAT fixes the highest message number for the session;
     * later ones leave out messages marked deleted. */
    if (!s->pop->stat_known) {
        s->pop->count = (DWORD)count;
        s->pop->octets = (DWORD)octets;
        s->pop->stat_known = 1;
    }
    *count_r = (DWORD)count;
    *octets_r = (DWORD)octets;
    return 0;
}

DWORD mw_pop_stat(mw_session *s, DWORD *count_r, DWORD *octets_r)
{
    DWORD err = mw_pop_send(s, "STAT", 4, MW_TRACE_ALL);
    return err != 0 ? err : read_stat(s, count_r, octets_r);
}

/* Sizes the caches for message numbers up to n. */
DWORD mw_pop_reserve_listing(mw_session *s, DWORD n)
{
    if (n <= s->pop->listed)
        return 0;
    if (n > MW_POP_LIST_MAX)
        return ST_ERROR_RESPONSE_TOO_LARGE;
    DWORD *sizes = mw_realloc(s->pop->sizes, n * sizeof *sizes);
    if (sizes != NULL)
        s->pop->sizes = sizes;
    char **uids = mw_realloc(s->pop->uids, n * sizeof *uids);
    if (uids != NULL)
        s->pop->uids = uids;
    unsigned char *del = mw_realloc(s->pop->deleted, n);
    if (del != NULL)
        s->pop->deleted = del;
    if (sizes == NULL || uids == NULL || del == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    for (DWORD i = s->pop->listed; i < n; i++) {
        sizes[i] = (DWORD)-1;
        uids[i] = NULL;
        del[i] = 0;
    }
    s->pop->listed = n;
    return 0;
}

DWORD mw_pop_ensure_stat(mw_session *s)
{
    DWORD count, octets;
    return s->pop->stat_known ? 0 : mw_pop_stat(s, &count, &octets);
}

/* A message number that can exist and is not marked deleted. */
static DWORD check_number(mw_session *s, UINT n)
{
    DWORD err = mw_pop_ensure_stat(s);
    if (err != 0)
        return err;
    if (n == 0 || n > s->pop->count)
        return ST_ERROR_MESSAGE_NOT_FOUND;
    if (n <= s->pop->listed && s->pop->deleted[n - 1])
        return ST_ERROR_MESSAGE_NOT_FOUND;
    return mw_pop_reserve_listing(s, s->pop->count);
}

/* One "n value" line of LIST or UIDL into the caches. A UIDL the server
 * spelled wrong costs that message its UIDL (kept as "", which no UIDL can
 * be), not the listing of the others. */
static DWORD listing_line(mw_session *s, const char *line, size_t len, void *ctx)
{
    int uidl = ctx != NULL;
    mw_pop_entry e;
    if (mw_pop_parse_entry(line, len, uidl, s->pop->count, &e) != 0)
        return ST_ERROR_PROTOCOL_VIOLATION;
    if (!uidl) {
        s->pop->sizes[e.n - 1] = e.size;
        return 0;
    }
    mw_free(s->pop->uids[e.n - 1]);
    s->pop->uids[e.n - 1] = mw_strndup(e.uid, e.uid_len);
    return s->pop->uids[e.n - 1] != NULL ? 0 : ST_ERROR_OUT_OF_MEMORY;
}

static DWORD load_listing(mw_session *s, int uidl)
{
    const char *cmd = uidl ? "UIDL" : "LIST";
    DWORD err = mw_pop_command(s, cmd, MW_TRACE_ALL, ST_ERROR_COMMAND_REJECTED);
    if (err == 0)
        err = mw_pop_read_multiline(s, (size_t)s->pop->count + 1, listing_line, uidl ? s : NULL);
    return err;
}

DWORD mw_pop_size(mw_session *s, UINT n, DWORD *size_r)
{
    DWORD err = check_number(s, n);
    if (err == 0 && s->pop->sizes[n - 1] == (DWORD)-1)
        err = load_listing(s, 0);
    if (err == 0 && s->pop->sizes[n - 1] == (DWORD)-1)
        err = ST_ERROR_MESSAGE_NOT_FOUND;
    if (err == 0)
        *size_r = s->pop->sizes[n - 1];
    return err;
}

DWORD mw_pop_uid(mw_session *s, UINT n, const char **uid_r)
{
    DWORD err = check_number(s, n);
    if (err == 0 && s->pop->uids[n - 1] == NULL)
        err = load_listing(s, 1);
    if (err == 0 && s->pop->uids[n - 1] == NULL)
        err = ST_ERROR_MESSAGE_NOT_FOUND;
    if (err == 0 && s->pop->uids[n - 1][0] == '\0') {
        s->framing_intact = 1; /* only this message's UIDL was bad */
        err = ST_ERROR_PROTOCOL_VIOLATION;
    }
    if (err == 0)
        *uid_r = s->pop->uids[n - 1];
    return err;
}

/* "+OK 1234 octets": the size, when the server says it. */
static uint64_t announced_size(const mw_pop_status *st)
{
    const char *p = st->text;
    unsigned long v;
    return mw_pop_parse_number(&p, &v) == 0 ? v : 0;
}

/* The first message read of a session needs the message count first:
 * with PIPELINING, STAT and the command go in one flight. A message the
 * count rules out that the server sends anyway is read and dropped. */
static DWORD stat_and_send(mw_session *s, UINT n, const char *cmd, mw_pop_status *st)
{
    DWORD count, octets;
    DWORD err = mw_pop_send(s, "STAT", 4, MW_TRACE_ALL);
    if (err == 0)
        err = mw_pop_send(s, cmd, strlen(cmd), MW_TRACE_ALL);
    DWORD stat_err = err == 0 ? read_stat(s, &count, &octets) : err;
    if (err == 0)
        err = mw_pop_read_status(s, st);
    if (err != 0)
        return err;
    DWORD check = stat_err != 0 ? stat_err : check_number(s, n);
    if (check != 0 && st->ok) {
        mw_sink drop;
        mw_sink_discard(&drop);
        err = mw_pop_stream_body(s, &drop, MW_POP_BODY_LINE_MAX);
    }
    return err != 0 ? err : check;
}

/* Sends RETR or TOP for message n and reads its status line. */
static DWORD send_retrieve(mw_session *s, UINT n, const char *cmd, mw_pop_status *st)
{
    if (!s->pop->stat_known && mw_caps_has(&s->caps, "PIPELINING"))
        return stat_and_send(s, n, cmd, st);
    DWORD err = check_number(s, n);
    if (err == 0)
        err = mw_pop_send(s, cmd, strlen(cmd), MW_TRACE_ALL);
    return err != 0 ? err : mw_pop_read_status(s, st);
}

DWORD mw_pop_retrieve(mw_session *s, UINT n, long top, mw_sink *sink)
{
    char cmd[48];
    if (top < 0)
        snprintf(cmd, sizeof cmd, "RETR %u", n);
    else
        snprintf(cmd, sizeof cmd, "TOP %u %ld", n, top);
    mw_pop_status st;
    DWORD err = send_retrieve(s, n, cmd, &st);
    if (err != 0)
        return err;
    if (!st.ok)
        return mw_pop_error(&st, ST_ERROR_MESSAGE_NOT_FOUND);
    uint64_t total = announced_size(&st);
    if (total == 0 && top < 0 && s->pop->sizes[n - 1] != (DWORD)-1)
        total = s->pop->sizes[n - 1];
    atomic_store(&s->xfer_done, 0);
    atomic_store(&s->xfer_total, total);
    return mw_pop_stream_body(s, sink, MW_POP_BODY_LINE_MAX);
}

DWORD mw_pop_delete(mw_session *s, UINT n)
{
    char cmd[32];
    DWORD err = check_number(s, n);
    if (err != 0)
        return err;
    snprintf(cmd, sizeof cmd, "DELE %u", n);
    err = mw_pop_command(s, cmd, MW_TRACE_ALL, ST_ERROR_MESSAGE_NOT_FOUND);
    if (err == 0)
        s->pop->deleted[n - 1] = 1;
    return err;
}

DWORD mw_pop_reset(mw_session *s)
{
    DWORD err = mw_pop_command(s, "RSET", MW_TRACE_ALL, ST_ERROR_COMMAND_REJECTED);
    if (err == 0 && s->pop->deleted != NULL)
        memset(s->pop->deleted, 0, s->pop->listed);
    return err;
}

DWORD mw_pop_noop(mw_session *s)
{
    return mw_pop_command(s, "NOOP", MW_TRACE_ALL, ST_ERROR_COMMAND_REJECTED);
}

/* ---- raw commands ----------------------------------------------------- */

static int verb_is(const char *text, const char *verb)
{
    size_t n = strlen(verb);
    return mw_ascii_ncasecmp(text, verb, n) == 0 && (text[n] == '\0' || text[n] == ' ');
}

/* Commands whose +OK starts a multi-line reply, unless the caller says. */
static int multiline_reply(const char *text, DWORD options)
{
    if (options != POP_COMMAND_DEFAULT)
        return options == POP_COMMAND_MULTILINE;
    if (verb_is(text, "RETR") || verb_is(text, "TOP") || verb_is(text, "CAPA"))
        return 1;
    /* without an argument: every message, every language (RFC 6856) */
    return (verb_is(text, "LIST") || verb_is(text, "UIDL") || verb_is(text, "LANG")) &&
           strchr(text, ' ') == NULL;
}

static DWORD record_line(mw_session *s, const char *line, size_t len, void *ctx)
{
    (void)ctx;
    mw_session_record(s, line, len);
    return 0;
}

DWORD mw_pop_raw(mw_session *s, const char *text, DWORD options, int *code_r)
{
    /* These change the connection or the session in ways only the
     * library's own functions keep track of. */
    if (verb_is(text, "STLS") || verb_is(text, "AUTH") || verb_is(text, "QUIT") ||
        verb_is(text, "USER") || verb_is(text, "PASS") || verb_is(text, "APOP"))
        return ST_ERROR_INVALID_PARAMETER;
    mw_pop_status st;
    /* the CAPA a login left owed on its own, so that the response lines
     * are this command's alone */
    DWORD err = mw_pop_settle_capa(s);
    mw_session_clear_responses(s);
    if (err == 0)
        err = mw_pop_send(s, text, strlen(text), MW_TRACE_ALL);
    if (err == 0)
        err = mw_pop_read_status(s, &st);
    if (err == 0 && st.ok && multiline_reply(text, options))
        err = mw_pop_read_multiline(s, MW_RESPONSE_LINES_MAX, record_line, NULL);
    if (err != 0)
        return err;
    /* DELE, RSET and the like may have changed what the caches say. */
    if (!verb_is(text, "NOOP") && !verb_is(text, "STAT"))
        mw_pop_forget_maildrop(s);
    *code_r = st.ok ? POP_RESULT_OK : POP_RESULT_ERR;
    return 0;
}
