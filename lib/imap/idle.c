/*
 * idle.c - waiting for mailbox changes: IDLE (RFC 2177) where the server
 * has it, NOOP polling where it does not; and raw commands.
 */
#include <string.h>

#include "../proto/line.h"
#include "../proto/trace.h"
#include "../sys/ascii.h"
#include "imap.h"

#define POLL_INTERVAL_MS 5000

/* Waits until the server has something to say (0), the deadline passes
 * (ST_ERROR_TIMEOUT) or Cancel is called (ST_ERROR_CANCELLED). Bytes TLS
 * has already decrypted count: the socket is quiet while they wait. */
static DWORD wait_for_server(mw_session *s, int64_t deadline)
{
    if (mw_stream_has_buffered(&s->stream))
        return 0;
    return mw_sock_wait(s->stream.sock, MW_WAIT_READ, &s->waker, deadline);
}

/* IDLE, up to the server's "+": *idling_r says it came (a tagged answer
 * instead ends the command at once). */
static DWORD start_idle(mw_session *s, int *idling_r)
{
    *idling_r = 0;
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, "IDLE");
    if (err == 0)
        err = mw_line_send(s, (const char *)c.text.p, c.text.len, MW_TRACE_ALL);
    mw_imap_cmd_free(&c);
    while (err == 0) {
        mw_imap_resp r;
        err = mw_imap_read(s, &r);
        if (err == 0 && r.kind == MW_IMAP_CONTINUE)
            *idling_r = 1;
        if (err != 0 || r.kind == MW_IMAP_CONTINUE)
            break;
        if (r.kind == MW_IMAP_TAGGED)
            return mw_imap_is_ours(s, &r) ? mw_imap_finish(s, &r) : ST_ERROR_PROTOCOL_VIOLATION;
        err = mw_imap_handle_untagged(s, &r);
    }
    return err;
}

/* DONE, then the tagged end of the IDLE command. */
static DWORD finish_idle(mw_session *s)
{
    DWORD err = mw_line_send(s, "DONE", 4, MW_TRACE_ALL);
    while (err == 0) {
        mw_imap_resp r;
        err = mw_imap_read(s, &r);
        if (err != 0)
            break;
        if (r.kind == MW_IMAP_TAGGED)
            return mw_imap_is_ours(s, &r) ? mw_imap_finish(s, &r) : ST_ERROR_PROTOCOL_VIOLATION;
        if (r.kind == MW_IMAP_CONTINUE)
            return ST_ERROR_PROTOCOL_VIOLATION;
        err = mw_imap_handle_untagged(s, &r);
    }
    return err;
}

static DWORD idle_with_idle(mw_session *s, int64_t deadline, int *cancelled_r)
{
    int idling;
    DWORD err = start_idle(s, &idling);
    if (err == 0 && !idling)
        return 0; /* the server ended the command at once: nothing to stop */
    while (err == 0 && s->imap->changes == 0) {
        err = wait_for_server(s, deadline);
        if (err == ST_ERROR_TIMEOUT) {
            err = 0;
            break;
        }
        if (err == ST_ERROR_CANCELLED) {
            mw_waker_drain(&s->waker); /* DONE below must not be cancelled too */
            *cancelled_r = 1;
            err = 0;
            break;
        }
        mw_imap_resp r;
        if (err == 0)
            err = mw_imap_read(s, &r);
        if (err == 0 && r.kind == MW_IMAP_TAGGED) /* the server ended it */
            return mw_imap_is_ours(s, &r) ? mw_imap_finish(s, &r) : ST_ERROR_PROTOCOL_VIOLATION;
        if (err == 0)
            err = mw_imap_handle_untagged(s, &r);
    }
    return err != 0 ? err : finish_idle(s);
}

static DWORD idle_by_polling(mw_session *s, int64_t deadline, int *cancelled_r)
{
    DWORD err = 0;
    while (err == 0 && s->imap->changes == 0) {
        int64_t now = mw_now_ms();
        if (now >= deadline)
            break;
        int64_t until = now + POLL_INTERVAL_MS < deadline ? now + POLL_INTERVAL_MS : deadline;
        err = wait_for_server(s, until);
        if (err == ST_ERROR_CANCELLED) {
            mw_waker_drain(&s->waker);
            *cancelled_r = 1;
            return 0;
        }
        if (err == ST_ERROR_TIMEOUT || err == 0)
            err = mw_imap_simple(s, "NOOP");
    }
    return err;
}

DWORD mw_imap_idle(mw_session *s, unsigned timeout_ms, DWORD *changes_r)
{
    *changes_r = 0;
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    s->imap->changes = 0;
    int cancelled = 0;
    int64_t deadline = mw_now_ms() + timeout_ms;
    s->stream.limits_off = 1; /* the caller's timeout bounds the wait */
    DWORD err = mw_caps_has(&s->caps, "IDLE") ? idle_with_idle(s, deadline, &cancelled)
                                               : idle_by_polling(s, deadline, &cancelled);
    s->stream.limits_off = 0;
    *changes_r = s->imap->changes;
    if (err == 0 && cancelled)
        return ST_ERROR_CANCELLED; /* ended cleanly: the session is usable */
    return err;
}

/* ---- IDLE for event loops ----------------------------------------------- */

DWORD mw_imap_idle_start(mw_session *s)
{
    if (s->imap->idling)
        return ST_ERROR_HANDLE_BUSY; /* it runs already */
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    if (!mw_caps_has(&s->caps, "IDLE"))
        return ST_ERROR_NOT_SUPPORTED;
    s->imap->changes = 0;
    int idling;
    DWORD err = start_idle(s, &idling);
    s->imap->idling = err == 0 && idling; /* an answer that ended it at once leaves none */
    return err;
}

DWORD mw_imap_idle_process(mw_session *s, DWORD *changes_r)
{
    DWORD err = 0;
    /* what is here already, never waiting for more: a response begun
     * is read to its end (servers send whole lines) */
    while (err == 0 && s->imap->idling && mw_stream_has_pending(&s->stream)) {
        mw_imap_resp r;
        err = mw_imap_read(s, &r);
        if (err == 0 && r.kind == MW_IMAP_TAGGED) { /* the server ended the IDLE */
            s->imap->idling = 0;
            err = mw_imap_is_ours(s, &r) ? mw_imap_finish(s, &r) : ST_ERROR_PROTOCOL_VIOLATION;
        } else if (err == 0) {
            err = mw_imap_handle_untagged(s, &r);
        }
    }
    if (err != 0)
        s->imap->idling = 0;
    *changes_r = s->imap->changes;
    s->imap->changes = 0;
    return err;
}

DWORD mw_imap_idle_stop(mw_session *s)
{
    if (!s->imap->idling)
        return 0; /* the server ended it already, or it never began */
    s->imap->idling = 0;
    return finish_idle(s);
}

/* ---- raw commands ------------------------------------------------------- */

static int verb_is(const char *text, const char *verb)
{
    size_t n = strlen(verb);
    return mw_ascii_ncasecmp(text, verb, n) == 0 && (text[n] == '\0' || text[n] == ' ');
}

DWORD mw_imap_raw(mw_session *s, const char *text, int *code_r)
{
    /* These change the session in ways only the library's functions track. */
    static const char *const refused[] = {"LOGIN", "AUTHENTICATE", "STARTTLS", "LOGOUT", "SELECT",
                                          "EXAMINE", "IDLE", "COMPRESS", "CLOSE", "UNSELECT",
                                          "ENABLE"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        if (verb_is(text, refused[i]))
            return ST_ERROR_INVALID_PARAMETER;
    size_t len = strlen(text);
    if (len > 0 && text[len - 1] == '}')
        return ST_ERROR_INVALID_PARAMETER; /* a literal would need a continuation */
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, text);
    if (err == 0)
        err = mw_imap_run(s, &c, NULL, NULL);
    mw_imap_cmd_free(&c);
    if (err == 0 || err == ST_ERROR_COMMAND_REJECTED || err == ST_ERROR_COMMAND_MALFORMED) {
        *code_r = s->result_code;
        return 0;
    }
    return err;
}
