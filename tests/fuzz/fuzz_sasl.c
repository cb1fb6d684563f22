/*
 * fuzz_sasl.c - SASL challenge handling: the input is a series of server
 * replies (one per line: "+base64" challenges, "OK", "NO") driving the
 * engine through every mechanism.
 *
 * Oracles: every line the client sends is base64 (or "*", the cancel); a
 * success is only ever reported after the server said OK; and SCRAM never
 * succeeds, because no input can prove knowledge of the password for a
 * client nonce the fuzzer cannot see.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "imap/state.h"
#include "proto/sasl.h"
#include "proto/session.h"

typedef struct feed {
    const char *p;
    const char *end;
} feed;

static feed *current;
static int last_was_ok;

static int is_b64(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

/* Base64 as RFC 4648 spells it: groups of four, '=' only at the end. */
static int valid_base64(const char *p, size_t len)
{
    if (len % 4 != 0)
        return 0;
    size_t pad = len >= 1 && p[len - 1] == '=' ? (len >= 2 && p[len - 2] == '=' ? 2 : 1) : 0;
    for (size_t i = 0; i < len - pad; i++)
        if (!is_b64((unsigned char)p[i]))
            return 0;
    return 1;
}

static void check_sent(const char *b64, size_t len)
{
    if (!(len == 1 && b64[0] == '*') && !valid_base64(b64, len))
        abort(); /* the client sent a line that is not base64 */
}

static DWORD io_start(mw_session *s, const char *mech, const char *ir)
{
    (void)s;
    (void)mech;
    if (ir != NULL && ir[0] != '\0' && !(ir[0] == '=' && ir[1] == '\0'))
        check_sent(ir, strlen(ir));
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
    last_was_ok = 0;
    if (n > 0 && line[0] == '+') {
        *kind = MW_SASL_CHALLENGE;
        *b64 = line + 1;
        *len = n - 1;
        return 0;
    }
    *kind = MW_SASL_SUCCESS;
    last_was_ok = n >= 2 && memcmp(line, "OK", 2) == 0;
    return last_was_ok ? 0 : ST_ERROR_AUTH_FAILED;
}

static DWORD io_respond(mw_session *s, const char *b64, size_t len)
{
    (void)s;
    check_sent(b64, len);
    return 0;
}

static const mw_sasl_io io = {io_start, io_next, io_respond};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const mw_mech mechs[] = {MW_MECH_PLAIN, MW_MECH_LOGIN, MW_MECH_CRAM_MD5,
                                    MW_MECH_SCRAM_SHA256, MW_MECH_XOAUTH2, MW_MECH_OAUTHBEARER,
                                    MW_MECH_ANONYMOUS};
    mw_session *s = mw_imap_session_new();
    if (s == NULL)
        return 0;
    for (size_t m = 0; m < sizeof mechs / sizeof mechs[0]; m++) {
        feed f = {(const char *)data, (const char *)data + size};
        current = &f;
        mw_sasl x;
        mw_sasl_init(&x, mechs[m], "user", "pencil");
        last_was_ok = 0;
        DWORD err = mw_sasl_authenticate(s, &io, &x, (int)(m & 1));
        if (err == 0 && !last_was_ok)
            abort(); /* success without the server's OK */
        if (err == 0 && mechs[m] == MW_MECH_SCRAM_SHA256)
            abort(); /* SCRAM accepted a server that cannot know the password */
        mw_sasl_free(&x);
    }
    mw_session_free(&s);
    return 0;
}
