/*
 * fuzz_sasl.c - SASL challenge handling: the input is a series of server
 * replies (one per line: "+base64" challenges, "OK", "NO") driving the
 * engine through every mechanism.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto/sasl.h"
#include "proto/session.h"

typedef struct feed {
    const char *p;
    const char *end;
} feed;

static feed *current;

static DWORD io_start(mw_session *s, const char *mech, const char *ir)
{
    (void)s;
    (void)mech;
    (void)ir;
    return 0;
}

static DWORD io_next(mw_session *s, mw_sasl_reply *kind, const char **b64, size_t *len)
{
    (void)s;
    if (current->p >= current->end)
        return ST_ERROR_CONNECTION_CLOSED;
    const char *nl = memchr(current->p, '\n', (size_t)(current->end - current->p));
    const char *line = current->p;
    size_t n = nl != NULL ? (size_t)(nl - line) : (size_t)(current->end - line);
    current->p = line + n + (nl != NULL);
    if (n > 0 && line[0] == '+') {
        *kind = MW_SASL_CHALLENGE;
        *b64 = line + 1;
        *len = n - 1;
        return 0;
    }
    *kind = MW_SASL_SUCCESS;
    return n >= 2 && memcmp(line, "OK", 2) == 0 ? 0 : ST_ERROR_AUTH_FAILED;
}

static DWORD io_respond(mw_session *s, const char *b64, size_t len)
{
    (void)s;
    (void)b64;
    (void)len;
    return 0;
}

static const mw_sasl_io io = {io_start, io_next, io_respond};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const mw_mech mechs[] = {MW_MECH_PLAIN, MW_MECH_LOGIN, MW_MECH_CRAM_MD5,
                                    MW_MECH_SCRAM_SHA256, MW_MECH_XOAUTH2, MW_MECH_OAUTHBEARER,
                                    MW_MECH_ANONYMOUS};
    mw_session *s = mw_session_new(MW_PROTO_IMAP);
    if (s == NULL)
        return 0;
    for (size_t m = 0; m < sizeof mechs / sizeof mechs[0]; m++) {
        feed f = {(const char *)data, (const char *)data + size};
        current = &f;
        mw_sasl x;
        mw_sasl_init(&x, mechs[m], "user", "pencil");
        (void)mw_sasl_authenticate(s, &io, &x, (int)(m & 1));
        mw_sasl_free(&x);
    }
    mw_session_free(&s);
    return 0;
}
