/* auth.c - POP3 USER/PASS, APOP (RFC 1939) and AUTH (RFC 5034, through the
 * shared SASL engine). */
#include "../net/mbedtls_guard.h"
#include <mbedtls/md.h>
#include <string.h>

#include "../proto/line.h"
#include "../proto/sasl.h"
#include "../proto/trace.h"
#include "../sys/sys.h"
#include "pop3.h"

/* CAPA sent right behind the last login command: its answer is read
 * after the login's, saving the round trip of asking after login. */
static DWORD send_capa_ahead(mw_session *s)
{
    DWORD err = mw_line_send(s, "CAPA", 4, MW_TRACE_ALL);
    s->pop->capa_sent = err == 0;
    return err;
}

static DWORD sasl_start(mw_session *s, const char *mech, const char *ir)
{
    mw_buf line;
    mw_buf_init(&line, 0);
    DWORD err = mw_buf_printf(&line, "AUTH %s", mech);
    size_t visible = line.len;
    if (err == 0 && ir != NULL)
        err = mw_buf_printf(&line, " %s", ir);
    if (err == 0)
        err = mw_line_send(s, (const char *)line.p, line.len, visible);
    mw_buf_free_secret(&line);
    /* Nothing goes behind AUTH before its answer, PIPELINING or not: a
     * server may start a security layer there and drop what was sent
     * ahead (Cyrus does, and the CAPA's answer never comes). */
    return err;
}

static DWORD sasl_next(mw_session *s, mw_sasl_reply *kind_r, const char **b64_r, size_t *len_r)
{
    DWORD err = mw_pop_take_pending(s); /* an early login: greeting and CAPA first */
    if (err == 0)
        err = mw_line_read(s);
    if (err != 0)
        return err;
    const char *line = (const char *)s->line.p;
    size_t len = s->line.len;
    if (len >= 1 && line[0] == '+' && (len == 1 || line[1] == ' ')) {
        mw_session_record(s, line, len);
        *kind_r = MW_SASL_CHALLENGE;
        *b64_r = len > 1 ? line + 2 : line + 1;
        *len_r = len > 1 ? len - 2 : 0;
        return 0;
    }
    /* Not a challenge: it must be the final status line. */
    mw_pop_status st;
    err = mw_pop_parse_status(s, &st);
    if (err != 0)
        return err;
    *kind_r = MW_SASL_SUCCESS;
    return st.ok ? 0 : mw_pop_error(&st, ST_ERROR_AUTH_FAILED);
}

static DWORD sasl_respond(mw_session *s, const char *b64, size_t len)
{
    return mw_line_send(s, b64, len, 0);
}

static const mw_sasl_io pop_sasl_io = {sasl_start, sasl_next, sasl_respond};

static DWORD user_pass(mw_session *s, const char *user, const char *pass)
{
    mw_buf line;
    mw_buf_init(&line, 0);
    DWORD err = mw_buf_printf(&line, "USER %s", user);
    if (err == 0)
        err = mw_pop_command(s, (const char *)line.p, (size_t)-1, ST_ERROR_AUTH_FAILED);
    mw_buf_reset(&line);
    if (err == 0)
        err = mw_buf_printf(&line, "PASS %s", pass);
    if (err == 0) /* PASS only once USER was accepted: the password goes nowhere else */
        err = mw_line_send(s, (const char *)line.p, line.len, 5);
    if (err == 0 && s->pop->capa_follows)
        err = send_capa_ahead(s);
    if (err == 0)
        err = mw_pop_read_reply(s, ST_ERROR_AUTH_FAILED);
    mw_buf_free_secret(&line);
    return err;
}

/* APOP digest: MD5(timestamp + secret) in lower-case hex. */
DWORD mw_pop_apop_digest(const char *stamp, const char *secret, char out[33])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char md[16];
    mbedtls_md_context_t ctx;
    mbedtls_md_init(&ctx);
    int rc = mbedtls_md_setup(&ctx, mbedtls_md_info_from_type(MBEDTLS_MD_MD5), 0);
    if (rc == 0)
        rc = mbedtls_md_starts(&ctx);
    if (rc == 0)
        rc = mbedtls_md_update(&ctx, (const unsigned char *)stamp, strlen(stamp));
    if (rc == 0)
        rc = mbedtls_md_update(&ctx, (const unsigned char *)secret, strlen(secret));
    if (rc == 0)
        rc = mbedtls_md_finish(&ctx, md);
    mbedtls_md_free(&ctx);
    for (int i = 0; i < 16; i++) {
        out[2 * i] = digits[md[i] >> 4];
        out[2 * i + 1] = digits[md[i] & 15];
    }
    out[32] = '\0';
    mw_wipe(md, sizeof md);
    return rc == 0 ? 0 : ST_ERROR_OUT_OF_MEMORY;
}

static DWORD apop(mw_session *s, const char *user, const char *pass)
{
    char digest[33];
    if (s->pop->apop_stamp[0] == '\0')
        return ST_ERROR_AUTH_NOT_SUPPORTED;
    DWORD err = mw_pop_apop_digest(s->pop->apop_stamp, pass, digest);
    mw_buf line;
    mw_buf_init(&line, 0);
    if (err == 0)
        err = mw_buf_printf(&line, "APOP %s ", user);
    size_t visible = line.len;
    if (err == 0)
        err = mw_buf_append_str(&line, digest);
    if (err == 0)
        err = mw_pop_command(s, (const char *)line.p, visible, ST_ERROR_AUTH_FAILED);
    mw_buf_free_secret(&line);
    mw_wipe(digest, sizeof digest);
    return err;
}

static int offers(const mw_session *s, mw_mech mech)
{
    return mw_mech_offered(s, "SASL=", mech);
}

/* POP3 adds SASL LOGIN (its USER/PASS takes IMAP's LOGIN number). */
static mw_mech mech_for(UINT type)
{
    return type == POP_AUTH_LOGIN ? MW_MECH_LOGIN : mw_mech_for_auth_type(type);
}

/* APOP (MD5 of a timestamp and the password) comes after the SASL
 * mechanisms the server offers; only without TLS does it go before PLAIN
 * and LOGIN, which would show the password itself to the wire. The choice
 * without APOP is the fallback when APOP is refused. */
static UINT choose(const mw_session *s, int apop)
{
    int encrypted = s->stream.tls != NULL;
    if (offers(s, MW_MECH_SCRAM_SHA256))
        return POP_AUTH_SCRAM_SHA256;
    if (offers(s, MW_MECH_CRAM_MD5))
        return POP_AUTH_CRAM_MD5;
    if (apop && !encrypted)
        return POP_AUTH_APOP;
    if (offers(s, MW_MECH_PLAIN))
        return POP_AUTH_PLAIN;
    if (offers(s, MW_MECH_LOGIN))
        return POP_AUTH_LOGIN;
    if (apop)
        return POP_AUTH_APOP;
    /* USER is advertised by CAPA servers that take it, and assumed by
     * RFC 1939 servers that have no CAPA. */
    if (mw_caps_has(&s->caps, "USER") || !s->caps.known)
        return POP_AUTH_PASS;
    return POP_AUTH_DEFAULT;
}

UINT mw_pop_choose_default(const mw_session *s)
{
    return choose(s, s->pop->apop_stamp[0] != '\0');
}

static DWORD run_sasl(mw_session *s, mw_mech mech, const char *user, const char *pass)
{
    /* RFC 5034 allows the initial response on the AUTH line. */
    return mw_sasl_login(s, &pop_sasl_io, "SASL=", mech, user, pass, 1);
}

static DWORD login_with(mw_session *s, UINT type, const char *user, const char *pass)
{
    if (type == POP_AUTH_DEFAULT)
        return ST_ERROR_AUTH_NOT_SUPPORTED;
    if (type == POP_AUTH_PASS)
        return user_pass(s, user, pass);
    if (type == POP_AUTH_APOP)
        return apop(s, user, pass);
    if (mech_for(type) != MW_MECH_NONE)
        return run_sasl(s, mech_for(type), user, pass);
    return ST_ERROR_INVALID_PARAMETER;
}

/* The answer to the CAPA sent behind PASS, the login's reply staying the
 * call's result text. */
static DWORD capa_keeping_result(mw_session *s)
{
    mw_buf kept;
    mw_buf_init(&kept, 0);
    int code = s->result_code;
    DWORD err = mw_buf_append(&kept, s->result_text.p, s->result_text.len);
    s->pop->capa_sent = 0;
    if (err == 0)
        err = mw_pop_capa_read(s);
    if (err == 0)
        err = mw_session_set_result(s, code, (const char *)kept.p, kept.len);
    mw_buf_free(&kept);
    return err;
}

/* POP_OPTION_EARLY_LOGIN: the SASL mechanisms whose whole secret goes on
 * the AUTH line (RFC 5034 initial response). */
static int goes_early(UINT type)
{
    return type == POP_AUTH_PLAIN || type == POP_AUTH_XOAUTH2 || type == POP_AUTH_BEARER;
}

/* CAPA and AUTH in the first flight, before the greeting was read; the
 * greeting, CAPA's answer and AUTH's come back together. A mechanism the
 * capabilities then show not offered is ST_ERROR_AUTH_NOT_SUPPORTED. */
static DWORD login_early(mw_session *s, UINT type, const char *user, const char *pass)
{
    DWORD err = mw_pop_capa_ahead(s);
    if (err == 0)
        err = mw_sasl_login_unoffered(s, &pop_sasl_io, mech_for(type), user, pass, 1);
    if ((err == ST_ERROR_AUTH_FAILED || err == ST_ERROR_COMMAND_REJECTED) && s->caps.known &&
        !offers(s, mech_for(type)))
        err = ST_ERROR_AUTH_NOT_SUPPORTED;
    return err;
}

/* The login once the greeting and CAPA are in. */
static DWORD login_after_greeting(mw_session *s, UINT type, const char *user, const char *pass)
{
    DWORD settled = mw_pop_settle_greeting(s);
    if (settled != 0)
        return settled;
    int chosen = type == POP_AUTH_DEFAULT;
    if (chosen)
        type = mw_pop_choose_default(s);
    s->pop->capa_follows = s->caps.known && mw_caps_has(&s->caps, "PIPELINING");
    DWORD err = login_with(s, type, user, pass);
    s->pop->capa_follows = 0;
    if (err != 0 && s->pop->capa_sent) { /* refused: the answer to CAPA is read all the same */
        DWORD read = capa_keeping_result(s);
        if (read != 0)
            err = read; /* the session is out of step */
    }
    /* Many servers (GNU Mailutils, solid-pop3d) put a timestamp in every
     * greeting without keeping APOP secrets: a refused APOP that the
     * library chose falls back to what it would choose without one. */
    if (err == ST_ERROR_AUTH_FAILED && chosen && type == POP_AUTH_APOP) {
        UINT next = choose(s, 0);
        mw_trace_note(s, "APOP refused; trying the next mechanism");
        if (next != POP_AUTH_DEFAULT)
            err = login_with(s, next, user, pass);
    }
    return err;
}

DWORD mw_pop_login(mw_session *s, UINT type, const char *user, const char *pass)
{
    if (s->state >= MW_STATE_AUTHENTICATED)
        return ST_ERROR_ALREADY_AUTHENTICATED;
    DWORD err = s->pop->greeting_pending && goes_early(type) ? login_early(s, type, user, pass)
                                                            : login_after_greeting(s, type, user, pass);
    if (err == 0)
        mw_session_set_state(s, MW_STATE_AUTHENTICATED);
    /* RFC 2449: capabilities may change with login (Gmail announces
     * PIPELINING only then); a server without CAPA is not asked again.
     * A CAPA sent behind PASS is read now; after AUTH, where nothing may
     * go ahead of the answer, it is owed and goes with the next command
     * (mw_pop_send), which saves its round trip. */
    if (err == 0 && s->pop->capa_sent)
        err = capa_keeping_result(s);
    else if (err == 0 && s->caps.known)
        s->pop->capa_due = 1;
    return err;
}
