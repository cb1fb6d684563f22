/* sasl.c - the SASL exchange loop shared by IMAP and POP3. */
#include "sasl.h"

#include "../net/mbedtls_guard.h"
#include <mbedtls/base64.h>
#include <stdio.h>
#include <string.h>

#include <mailwire/imap.h>
#include <mailwire/pop3.h>

#define SASL_ROUNDS_MAX 8

DWORD mw_base64_encode(const unsigned char *in, size_t len, mw_buf *out)
{
    size_t need = 4 * ((len + 2) / 3) + 1; /* mbedTLS counts the NUL */
    unsigned char *at;
    DWORD err = mw_buf_extend(out, need, &at);
    if (err != 0)
        return err;
    size_t olen = 0;
    if (mbedtls_base64_encode(at, need, &olen, in, len) != 0)
        return ST_ERROR_OUT_OF_MEMORY;
    out->len -= need - olen;
    out->p[out->len] = '\0';
    return 0;
}

DWORD mw_base64_decode(const char *in, size_t len, mw_buf *out)
{
    size_t olen = 0;
    int rc = mbedtls_base64_decode(NULL, 0, &olen, (const unsigned char *)in, len);
    if (rc == MBEDTLS_ERR_BASE64_INVALID_CHARACTER)
        return ST_ERROR_PROTOCOL_VIOLATION;
    mw_buf_reset(out);
    unsigned char *at;
    DWORD err = mw_buf_extend(out, olen, &at);
    if (err != 0)
        return err;
    if (olen > 0 && mbedtls_base64_decode(at, olen, &olen, (const unsigned char *)in, len) != 0)
        return ST_ERROR_PROTOCOL_VIOLATION;
    out->len = olen;
    return mw_buf_terminate(out);
}

/* Encodes one client message; an empty one is "=" (RFC 4959 initial
 * response) when it is the initial response, "" otherwise. */
static DWORD encode_message(const mw_buf *raw, int initial, mw_buf *b64)
{
    mw_buf_reset(b64);
    if (raw->len == 0)
        return initial ? mw_buf_append_str(b64, "=") : mw_buf_terminate(b64);
    return mw_base64_encode(raw->p, raw->len, b64);
}

/* Client-side abort: "*", then the server's (failing) final reply. */
static DWORD abort_exchange(mw_session *s, const mw_sasl_io *io, DWORD why)
{
    mw_sasl_reply kind;
    const char *b64;
    size_t len;
    if (io->respond(s, "*", 1) == 0)
        (void)io->next(s, &kind, &b64, &len);
    return why;
}

static DWORD answer(mw_session *s, const mw_sasl_io *io, mw_sasl *x, const char *b64, size_t len,
                    int first_pending, mw_buf *raw, mw_buf *enc)
{
    mw_buf challenge;
    mw_buf_init(&challenge, 0);
    DWORD err = mw_base64_decode(b64, len, &challenge);
    mw_buf_reset(raw);
    if (err == 0)
        err = first_pending ? mw_sasl_step(x, NULL, 0, raw)
                            : mw_sasl_step(x, challenge.p, challenge.len, raw);
    mw_buf_free(&challenge);
    if (err == 0)
        err = encode_message(raw, 0, enc);
    if (err != 0)
        return abort_exchange(s, io, err);
    return io->respond(s, (const char *)enc->p, enc->len);
}

DWORD mw_sasl_authenticate(mw_session *s, const mw_sasl_io *io, mw_sasl *x, int use_ir)
{
    mw_buf raw, enc;
    mw_buf_init(&raw, 0);
    mw_buf_init(&enc, 0);
    int first_pending = mw_mech_client_first(x->mech);
    DWORD err = 0;
    s->in_sasl = 1;
    if (first_pending && use_ir) {
        err = mw_sasl_step(x, NULL, 0, &raw);
        if (err == 0)
            err = encode_message(&raw, 1, &enc);
        first_pending = 0;
    }
    if (err == 0)
        err = io->start(s, mw_mech_name(x->mech), enc.len > 0 ? (const char *)enc.p : NULL);
    for (int round = 0; err == 0; round++) {
        mw_sasl_reply kind;
        const char *b64;
        size_t len;
        err = io->next(s, &kind, &b64, &len);
        if (err != 0)
            break;
        if (kind == MW_SASL_SUCCESS) {
            /* SCRAM: a server that never proved it knows the password is
             * not the server we meant to talk to. */
            if (!mw_sasl_complete(x))
                err = ST_ERROR_PROTOCOL_VIOLATION;
            break;
        }
        if (round == SASL_ROUNDS_MAX) {
            err = abort_exchange(s, io, ST_ERROR_PROTOCOL_VIOLATION);
            break;
        }
        err = answer(s, io, x, b64, len, first_pending, &raw, &enc);
        first_pending = 0;
    }
    s->in_sasl = 0;
    mw_buf_free_secret(&raw);
    mw_buf_free_secret(&enc);
    return err;
}

/* One table serves both protocols because their numbers agree. */
_Static_assert(IMAP_AUTH_PLAIN == POP_AUTH_PLAIN && IMAP_AUTH_CRAM_MD5 == POP_AUTH_CRAM_MD5 &&
                   IMAP_AUTH_SCRAM_SHA256 == POP_AUTH_SCRAM_SHA256 &&
                   IMAP_AUTH_XOAUTH2 == POP_AUTH_XOAUTH2 && IMAP_AUTH_BEARER == POP_AUTH_BEARER &&
                   IMAP_AUTH_ANONYMOUS == POP_AUTH_ANONYMOUS,
               "IMAP and POP3 SASL authentication types must share their values");

mw_mech mw_mech_for_auth_type(UINT type)
{
    switch (type) {
    case IMAP_AUTH_PLAIN:
        return MW_MECH_PLAIN;
    case IMAP_AUTH_CRAM_MD5:
        return MW_MECH_CRAM_MD5;
    case IMAP_AUTH_SCRAM_SHA256:
        return MW_MECH_SCRAM_SHA256;
    case IMAP_AUTH_XOAUTH2:
        return MW_MECH_XOAUTH2;
    case IMAP_AUTH_BEARER:
        return MW_MECH_OAUTHBEARER;
    case IMAP_AUTH_ANONYMOUS:
        return MW_MECH_ANONYMOUS;
    default:
        return MW_MECH_NONE;
    }
}

int mw_mech_offered(const mw_session *s, const char *prefix, mw_mech mech)
{
    char name[40];
    snprintf(name, sizeof name, "%s%s", prefix, mw_mech_name(mech));
    return mech != MW_MECH_NONE && mw_caps_has(&s->caps, name);
}

DWORD mw_sasl_login(mw_session *s, const mw_sasl_io *io, const char *prefix, mw_mech mech,
                    const char *user, const char *secret, int use_ir)
{
    if (!mw_mech_offered(s, prefix, mech))
        return ST_ERROR_AUTH_NOT_SUPPORTED;
    return mw_sasl_login_unoffered(s, io, mech, user, secret, use_ir);
}

DWORD mw_sasl_login_unoffered(mw_session *s, const mw_sasl_io *io, mw_mech mech, const char *user,
                              const char *secret, int use_ir)
{
    mw_sasl x;
    mw_sasl_init(&x, mech, user, secret);
    x.host = s->host;
    x.port = s->port;
    DWORD err = mw_sasl_authenticate(s, io, &x, use_ir);
    mw_sasl_free(&x);
    return err;
}
