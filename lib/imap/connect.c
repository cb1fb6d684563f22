/*
 * connect.c - the IMAP session from greeting to ready: greeting,
 * capabilities, required STARTTLS, ID; and LOGOUT at the end.
 */
#include <string.h>

#include "../proto/transport.h"
#include "imap.h"
#include "tree.h"

/* Untagged data between STARTTLS and its OK is read and dropped: nothing
 * learned in plaintext may matter once TLS is on. */
static DWORD ignore_untagged(mw_session *s, const mw_imap_resp *r, void *ctx)
{
    (void)s;
    (void)r;
    (void)ctx;
    return 0;
}

static DWORD starttls(mw_session *s)
{
    if (!mw_caps_has(&s->caps, "STARTTLS"))
        return ST_ERROR_SECURE_NOT_SUPPORTED;
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, "STARTTLS");
    if (err == 0)
        err = mw_imap_run(s, &c, ignore_untagged, NULL);
    mw_imap_cmd_free(&c);
    if (err == ST_ERROR_COMMAND_REJECTED || err == ST_ERROR_COMMAND_MALFORMED)
        return ST_ERROR_SECURE_NOT_SUPPORTED;
    if (err == 0)
        err = mw_transport_upgrade(s);
    if (err == 0)
        err = mw_imap_ensure_capabilities(s);
    return err;
}

/* "* ID ("name" "Dovecot" ...)" or "* ID NIL" -> "name=Dovecot\n..." */
static DWORD identity_pairs(const mw_imap_tree *t, mw_buf *out)
{
    uint32_t list = mw_node_first(t, 0);
    if (mw_node_is_nil(t, list))
        return 0;
    if (!mw_node_is_list(t, list))
        return ST_ERROR_PROTOCOL_VIOLATION;
    DWORD err = 0;
    for (uint32_t key = mw_node_first(t, list); err == 0 && key != 0;) {
        uint32_t val = mw_node_next(t, list, key);
        if (!mw_node_is_string(t, key) || !(mw_node_is_string(t, val) || mw_node_is_nil(t, val)))
            return ST_ERROR_PROTOCOL_VIOLATION;
        err = mw_node_value(t, key, out);
        if (err == 0)
            err = mw_buf_append(out, "=", 1);
        if (err == 0)
            err = mw_node_value(t, val, out);
        if (err == 0)
            err = mw_buf_append(out, "\n", 1);
        key = mw_node_next(t, list, val);
    }
    return err;
}

static DWORD parse_identity(mw_session *s, const mw_imap_resp *r, void *ctx)
{
    (void)ctx;
    if (r->has_number || !mw_imap_text_is(r->name, "ID"))
        return 0;
    mw_buf *out = &s->imap->identity;
    mw_buf_reset(out);
    mw_imap_tree own;
    DWORD err;
    const mw_imap_tree *t = mw_imap_resp_tree(r, &own, &err);
    if (t != NULL)
        err = identity_pairs(t, out);
    mw_imap_tree_free(&own);
    return err != 0 ? err : mw_buf_terminate(out);
}

static DWORD identify(mw_session *s)
{
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, "ID");
    if (err == 0)
        err = mw_buf_append_str(&c.text, " (\"name\" \"mailwire\" \"version\" \"" MAILWIRE_VERSION_STRING
                                         "\")");
    if (err == 0)
        err = mw_imap_run(s, &c, parse_identity, NULL);
    mw_imap_cmd_free(&c);
    return err;
}

/* RFC 6855: with UTF8=ACCEPT enabled, mailbox names travel as UTF-8. */
DWORD mw_imap_enable_utf8(mw_session *s)
{
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, "ENABLE UTF8=ACCEPT");
    if (err == 0)
        err = mw_imap_run(s, &c, mw_imap_on_enabled, NULL);
    mw_imap_cmd_free(&c);
    /* a server that refuses just keeps modified UTF-7 */
    return err == ST_ERROR_COMMAND_REJECTED || err == ST_ERROR_COMMAND_MALFORMED ? 0 : err;
}

static int implicit_tls(const mw_session *s)
{
    return (s->options & IMAP_OPTION_SECURE_IMPLICIT) != 0 ||
           (s->port == IMAP_PORT_SECURE && !(s->options & IMAP_OPTION_TUNNEL));
}

/* IMAP_OPTION_EARLY_LOGIN: over TLS, the login need not wait for the
 * greeting (nothing in it protects the password that TLS does not); ID
 * must come before the login, so it keeps the greeting first. */
static int logs_in_early(const mw_session *s)
{
    return (s->options & IMAP_OPTION_EARLY_LOGIN) && s->stream.tls != NULL &&
           !(s->options & IMAP_OPTION_IDENTIFY);
}

DWORD mw_imap_open(mw_session *s)
{
    DWORD err = mw_transport_open(s, implicit_tls(s));
    if (err == 0 && logs_in_early(s)) {
        s->imap->greeting_pending = 1;
        mw_session_set_state(s, MW_STATE_NOT_AUTHENTICATED);
        return 0;
    }
    if (err == 0)
        err = mw_imap_take_greeting(s);
    int preauth = s->state == MW_STATE_AUTHENTICATED;
    if (err == 0 && (s->options & IMAP_OPTION_SECURE_EXPLICIT) && s->stream.tls == NULL) {
        /* PREAUTH means the server will never take STARTTLS: refuse it. */
        err = preauth ? ST_ERROR_SECURE_NOT_SUPPORTED : mw_imap_ensure_capabilities(s);
        if (err == ST_ERROR_COMMAND_REJECTED || err == ST_ERROR_COMMAND_MALFORMED)
            err = ST_ERROR_SECURE_NOT_SUPPORTED; /* no capability list, no STARTTLS */
        if (err == 0)
            err = starttls(s);
    } else if (err == 0 && (s->options & IMAP_OPTION_SECURE_OPPORTUNISTIC) && !preauth) {
        err = mw_imap_ensure_capabilities(s);
        if (err == 0 && mw_caps_has(&s->caps, "STARTTLS"))
            err = starttls(s); /* offered: it must work, never a silent fallback */
    }
    if (err == 0)
        err = mw_imap_ensure_capabilities(s);
    if (err == 0 && (s->options & IMAP_OPTION_IDENTIFY) && mw_caps_has(&s->caps, "ID"))
        err = identify(s);
    if (err == 0)
        mw_session_set_state(s, preauth ? MW_STATE_AUTHENTICATED : MW_STATE_NOT_AUTHENTICATED);
    if (err == 0 && preauth) /* no login comes: compress now, if asked */
        err = mw_imap_compress_if_asked(s);
    return err;
}

void mw_imap_logout(mw_session *s)
{
    if (s->stream.sock == MW_INVALID_SOCKET)
        return;
    /* The BYE and OK are read so the server sees an orderly close; an
     * error here changes nothing for the caller. */
    if (s->imap->idling)
        (void)mw_imap_idle_stop(s);
    (void)mw_imap_simple(s, "LOGOUT");
}
