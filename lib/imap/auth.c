/* auth.c - IMAP LOGIN and AUTHENTICATE (through the shared SASL engine). */
#include <string.h>

#include "../proto/line.h"
#include "../proto/sasl.h"
#include "imap.h"

static DWORD sasl_start(mw_session *s, const char *mech, const char *ir)
{
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, "AUTHENTICATE");
    if (err == 0)
        err = mw_imap_cmd_atom(&c, mech);
    mw_imap_cmd_secret(&c);
    if (err == 0 && ir != NULL)
        err = mw_imap_cmd_atom(&c, ir);
    if (err == 0)
        err = mw_line_send(s, (const char *)c.text.p, c.text.len, c.visible);
    mw_imap_cmd_free(&c);
    return err;
}

static DWORD sasl_next(mw_session *s, mw_sasl_reply *kind_r, const char **b64_r, size_t *len_r)
{
    for (;;) {
        mw_imap_resp r;
        DWORD err = mw_imap_read(s, &r);
        if (err != 0)
            return err;
        if (r.kind == MW_IMAP_CONTINUE) {
            *kind_r = MW_SASL_CHALLENGE;
            *b64_r = r.text.p;
            *len_r = r.text.len;
            return 0;
        }
        if (r.kind == MW_IMAP_UNTAGGED) {
            err = mw_imap_handle_untagged(s, &r);
            if (err != 0)
                return err;
            continue;
        }
        if (!mw_imap_is_ours(s, &r))
            return ST_ERROR_PROTOCOL_VIOLATION;
        err = mw_imap_finish(s, &r);
        *kind_r = MW_SASL_SUCCESS;
        return err == ST_ERROR_COMMAND_REJECTED ? ST_ERROR_AUTH_FAILED : err;
    }
}

static DWORD sasl_respond(mw_session *s, const char *b64, size_t len)
{
    return mw_line_send(s, b64, len, 0);
}

static const mw_sasl_io imap_sasl_io = {sasl_start, sasl_next, sasl_respond};

static DWORD login_command(mw_session *s, const char *user, const char *pass)
{
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, "LOGIN");
    if (err == 0)
        err = mw_imap_cmd_astring(s, &c, user, strlen(user));
    mw_imap_cmd_secret(&c);
    if (err == 0)
        err = mw_imap_cmd_astring(s, &c, pass, strlen(pass));
    if (err == 0)
        err = mw_imap_run(s, &c, NULL, NULL);
    mw_imap_cmd_free(&c);
    return err == ST_ERROR_COMMAND_REJECTED ? ST_ERROR_AUTH_FAILED : err;
}

static int offers(const mw_session *s, mw_mech mech)
{
    return mw_mech_offered(s, "AUTH=", mech);
}

/* Plaintext secrets are refused when the server says LOGINDISABLED. */
static int cleartext_allowed(const mw_session *s)
{
    return !mw_caps_has(&s->caps, "LOGINDISABLED");
}

/* IMAP_AUTH_DEFAULT: the strongest mechanism both sides have. */
static UINT choose_default(const mw_session *s)
{
    if (offers(s, MW_MECH_SCRAM_SHA256))
        return IMAP_AUTH_SCRAM_SHA256;
    if (offers(s, MW_MECH_CRAM_MD5))
        return IMAP_AUTH_CRAM_MD5;
    if (offers(s, MW_MECH_PLAIN) && cleartext_allowed(s))
        return IMAP_AUTH_PLAIN;
    if (cleartext_allowed(s))
        return IMAP_AUTH_LOGIN;
    return IMAP_AUTH_DEFAULT; /* nothing usable */
}

static DWORD run_sasl(mw_session *s, mw_mech mech, const char *user, const char *pass)
{
    if (mech == MW_MECH_PLAIN && !cleartext_allowed(s))
        return ST_ERROR_AUTH_NOT_SUPPORTED;
    return mw_sasl_login(s, &imap_sasl_io, "AUTH=", mech, user, pass,
                         mw_caps_has(&s->caps, "SASL-IR"));
}

/* IMAP_OPTION_EARLY_LOGIN: the mechanisms that need nothing from the
 * greeting, their secret in the first line (SASL-IR assumed). */
static int goes_early(UINT type)
{
    return type == IMAP_AUTH_LOGIN || type == IMAP_AUTH_PLAIN || type == IMAP_AUTH_XOAUTH2 ||
           type == IMAP_AUTH_BEARER;
}

/* The login sent before the greeting was read; the greeting arrives
 * ahead of its answer (mw_imap_read takes it). A server the greeting shows
 * unable to take that login (no SASL-IR, mechanism not offered,
 * LOGINDISABLED) answers NO or BAD: the login is then tried the usual
 * way, which refuses what the server does not offer. */
static DWORD login_early(mw_session *s, UINT type, const char *user, const char *pass, int *again_r)
{
    DWORD err;
    *again_r = 0;
    if (type == IMAP_AUTH_LOGIN) {
        err = login_command(s, user, pass);
    } else {
        err = mw_sasl_login_unoffered(s, &imap_sasl_io, mw_mech_for_auth_type(type), user, pass, 1);
    }
    /* authenticated already (the login sets the state only once it
     * returns): the greeting was PREAUTH, and the login was refused */
    if (s->state >= MW_STATE_AUTHENTICATED) {
        if (err == ST_ERROR_AUTH_FAILED || err == ST_ERROR_COMMAND_MALFORMED || err == 0)
            err = mw_imap_after_greeting(s);
        return err != 0 ? err : ST_ERROR_ALREADY_AUTHENTICATED;
    }
    if (err == ST_ERROR_AUTH_FAILED || err == ST_ERROR_COMMAND_MALFORMED) {
        int fits = type == IMAP_AUTH_LOGIN ? cleartext_allowed(s)
                                           : mw_caps_has(&s->caps, "SASL-IR") &&
                                                 offers(s, mw_mech_for_auth_type(type));
        if (!s->caps.known || !fits)
            *again_r = 1;
    }
    return err;
}

static DWORD login_now(mw_session *s, UINT type, const char *user, const char *pass)
{
    if (type == IMAP_AUTH_DEFAULT)
        type = choose_default(s);
    if (type == IMAP_AUTH_DEFAULT)
        return ST_ERROR_AUTH_NOT_SUPPORTED;
    if (type == IMAP_AUTH_LOGIN)
        return cleartext_allowed(s) ? login_command(s, user, pass) : ST_ERROR_AUTH_NOT_SUPPORTED;
    if (mw_mech_for_auth_type(type) != MW_MECH_NONE)
        return run_sasl(s, mw_mech_for_auth_type(type), user, pass);
    return ST_ERROR_INVALID_PARAMETER;
}

static DWORD log_in(mw_session *s, UINT type, const char *user, const char *pass)
{
    if (s->imap->greeting_pending && goes_early(type)) {
        int again = 0;
        DWORD err = login_early(s, type, user, pass, &again);
        if (!again)
            return err;
    }
    DWORD err = mw_imap_settle_greeting(s);
    if (err == 0)
        err = mw_imap_ensure_capabilities(s);
    if (err == 0 && s->state >= MW_STATE_AUTHENTICATED)
        err = ST_ERROR_ALREADY_AUTHENTICATED;
    return err != 0 ? err : login_now(s, type, user, pass);
}

DWORD mw_imap_login(mw_session *s, UINT type, const char *user, const char *pass)
{
    if (s->state >= MW_STATE_AUTHENTICATED)
        return ST_ERROR_ALREADY_AUTHENTICATED;
    if (!s->imap->greeting_pending) /* else the greeting, when read, says */
        s->imap->caps_before_login = s->caps.generation;
    DWORD err = log_in(s, type, user, pass);
    if (err != 0)
        return err;
    mw_session_set_state(s, MW_STATE_AUTHENTICATED);
    /* Capabilities change with authentication; most servers send the new
     * list with the OK, which saves asking. */
    if (s->caps.generation == s->imap->caps_before_login)
        err = mw_imap_simple(s, "CAPABILITY");
    if (err == 0 && mw_caps_has(&s->caps, "UTF8=ACCEPT"))
        err = mw_imap_enable_utf8(s);
    if (err == 0)
        err = mw_imap_compress_if_asked(s);
    return err;
}
