/*
 * sasl_mech.c - the client side of each SASL mechanism: PLAIN (RFC 4616),
 * LOGIN, CRAM-MD5 (RFC 2195), SCRAM-SHA-256 (RFC 5802, 7677), XOAUTH2,
 * OAUTHBEARER (RFC 7628) and ANONYMOUS (RFC 4505).
 */
#include "../net/mbedtls_guard.h"
#include <mbedtls/md.h>
#include <mbedtls/pkcs5.h>
#include <mbedtls/version.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../sys/sys.h"
#include "sasl.h"

#define SCRAM_ITERATIONS_MAX 1000000
#define SHA256_LEN 32

const char *mw_mech_name(mw_mech mech)
{
    switch (mech) {
    case MW_MECH_PLAIN:
        return "PLAIN";
    case MW_MECH_LOGIN:
        return "LOGIN";
    case MW_MECH_CRAM_MD5:
        return "CRAM-MD5";
    case MW_MECH_SCRAM_SHA256:
        return "SCRAM-SHA-256";
    case MW_MECH_XOAUTH2:
        return "XOAUTH2";
    case MW_MECH_OAUTHBEARER:
        return "OAUTHBEARER";
    case MW_MECH_ANONYMOUS:
        return "ANONYMOUS";
    default:
        return "";
    }
}

int mw_mech_client_first(mw_mech mech)
{
    return mech != MW_MECH_LOGIN && mech != MW_MECH_CRAM_MD5;
}

void mw_sasl_init(mw_sasl *x, mw_mech mech, const char *user, const char *secret)
{
    memset(x, 0, sizeof *x);
    x->mech = mech;
    x->user = user;
    x->secret = secret;
    mw_buf_init(&x->client_first_bare, 4096);
}

void mw_sasl_free(mw_sasl *x)
{
    mw_buf_free_secret(&x->client_first_bare);
    mw_wipe(x->server_signature, sizeof x->server_signature);
}

int mw_sasl_complete(const mw_sasl *x)
{
    if (x->mech == MW_MECH_SCRAM_SHA256)
        return x->server_verified;
    return x->step > 0;
}

static DWORD plain_step(mw_sasl *x, mw_buf *out)
{
    DWORD err = mw_buf_append(out, "", 1); /* empty authzid, then NUL */
    if (err == 0)
        err = mw_buf_append_str(out, x->user);
    if (err == 0)
        err = mw_buf_append(out, "", 1);
    if (err == 0)
        err = mw_buf_append_str(out, x->secret);
    return err;
}

static DWORD login_step(mw_sasl *x, mw_buf *out)
{
    /* Prompts vary ("Username:", "User Name"): answer by position. */
    if (x->step == 0)
        return mw_buf_append_str(out, x->user);
    if (x->step == 1)
        return mw_buf_append_str(out, x->secret);
    return ST_ERROR_PROTOCOL_VIOLATION;
}

static void hex(const unsigned char *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

static DWORD cram_step(mw_sasl *x, const unsigned char *in, size_t inlen, mw_buf *out)
{
    unsigned char mac[16];
    char digest[33];
    if (x->step != 0 || inlen == 0)
        return ST_ERROR_PROTOCOL_VIOLATION;
    const mbedtls_md_info_t *md5 = mbedtls_md_info_from_type(MBEDTLS_MD_MD5);
    if (mbedtls_md_hmac(md5, (const unsigned char *)x->secret, strlen(x->secret), in, inlen, mac))
        return ST_ERROR_OUT_OF_MEMORY;
    hex(mac, sizeof mac, digest);
    DWORD err = mw_buf_printf(out, "%s %s", x->user, digest);
    mw_wipe(mac, sizeof mac);
    return err;
}

static DWORD xoauth2_step(mw_sasl *x, mw_buf *out)
{
    /* A second step means the server sent an error challenge; the reply
     * is empty and the server then fails the command. */
    if (x->step > 0)
        return 0;
    return mw_buf_printf(out, "user=%s\001auth=Bearer %s\001\001", x->user, x->secret);
}

static DWORD oauthbearer_step(mw_sasl *x, mw_buf *out)
{
    if (x->step > 0)
        return mw_buf_append(out, "\001", 1); /* RFC 7628 3.2.3: abort */
    DWORD err = mw_buf_printf(out, "n,a=%s,\001", x->user);
    if (err == 0 && x->host != NULL)
        err = mw_buf_printf(out, "host=%s\001port=%u\001", x->host, x->port);
    if (err == 0)
        err = mw_buf_printf(out, "auth=Bearer %s\001\001", x->secret);
    return err;
}

static DWORD anonymous_step(mw_sasl *x, mw_buf *out)
{
    return x->step == 0 ? mw_buf_append_str(out, x->user) : ST_ERROR_PROTOCOL_VIOLATION;
}

/* ---- SCRAM-SHA-256 ---------------------------------------------------- */

static DWORD scram_nonce(mw_sasl *x)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned char raw[MW_SCRAM_NONCE_LEN];
    if (x->nonce[0] != '\0')
        return 0; /* set by a test */
    if (mw_random(raw, sizeof raw) != 0)
        return ST_ERROR_TLS_HANDSHAKE_FAILED;
    for (size_t i = 0; i < sizeof raw; i++)
        x->nonce[i] = alphabet[raw[i] & 63];
    x->nonce[sizeof raw] = '\0';
    return 0;
}

/* saslname: ',' and '=' escaped (RFC 5802 5.1). */
static DWORD append_saslname(mw_buf *out, const char *name)
{
    DWORD err = 0;
    for (const char *p = name; *p != '\0' && err == 0; p++) {
        if (*p == ',')
            err = mw_buf_append_str(out, "=2C");
        else if (*p == '=')
            err = mw_buf_append_str(out, "=3D");
        else
            err = mw_buf_append(out, p, 1);
    }
    return err;
}

static DWORD scram_first(mw_sasl *x, mw_buf *out)
{
    DWORD err = scram_nonce(x);
    if (err == 0)
        err = mw_buf_append_str(&x->client_first_bare, "n=");
    if (err == 0)
        err = append_saslname(&x->client_first_bare, x->user);
    if (err == 0)
        err = mw_buf_printf(&x->client_first_bare, ",r=%s", x->nonce);
    if (err == 0)
        err = mw_buf_append_str(out, "n,,");
    if (err == 0)
        err = mw_buf_append(out, x->client_first_bare.p, x->client_first_bare.len);
    return err;
}

/* Finds attribute `key` ("r", "s", "i") in a SCRAM message. */
static int scram_attr(const char *msg, size_t len, char key, const char **val_r, size_t *vlen_r)
{
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && msg[end] != ',')
            end++;
        if (end - i >= 2 && msg[i] == key && msg[i + 1] == '=') {
            *val_r = msg + i + 2;
            *vlen_r = end - i - 2;
            return 1;
        }
        i = end + 1;
    }
    return 0;
}

static int hmac256(const unsigned char *key, size_t klen, const void *msg, size_t mlen,
                   unsigned char *out)
{
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    return mbedtls_md_hmac(md, key, klen, msg, mlen, out);
}

static int salted_password(const char *pass, const unsigned char *salt, size_t slen,
                           unsigned iterations, unsigned char *out)
{
#if MBEDTLS_VERSION_MAJOR >= 3
    return mbedtls_pkcs5_pbkdf2_hmac_ext(MBEDTLS_MD_SHA256, (const unsigned char *)pass,
                                         strlen(pass), salt, slen, iterations, SHA256_LEN, out);
#else
    mbedtls_md_context_t ctx;
    mbedtls_md_init(&ctx);
    int rc = mbedtls_md_setup(&ctx, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 1);
    if (rc == 0)
        rc = mbedtls_pkcs5_pbkdf2_hmac(&ctx, (const unsigned char *)pass, strlen(pass), salt, slen,
                                       iterations, SHA256_LEN, out);
    mbedtls_md_free(&ctx);
    return rc;
#endif
}

typedef struct scram_keys {
    unsigned char salted[SHA256_LEN];
    unsigned char client_key[SHA256_LEN];
    unsigned char stored_key[SHA256_LEN];
    unsigned char server_key[SHA256_LEN];
    unsigned char signature[SHA256_LEN];
} scram_keys;

static int scram_derive(scram_keys *k, const char *pass, const unsigned char *salt, size_t slen,
                        unsigned iterations, const mw_buf *auth_message)
{
    const mbedtls_md_info_t *sha = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    if (salted_password(pass, salt, slen, iterations, k->salted) != 0 ||
        hmac256(k->salted, SHA256_LEN, "Client Key", 10, k->client_key) != 0 ||
        mbedtls_md(sha, k->client_key, SHA256_LEN, k->stored_key) != 0 ||
        hmac256(k->stored_key, SHA256_LEN, auth_message->p, auth_message->len, k->signature) != 0 ||
        hmac256(k->salted, SHA256_LEN, "Server Key", 10, k->server_key) != 0)
        return -1;
    return 0;
}

static DWORD scram_parse_first(mw_sasl *x, const char *msg, size_t len, const char **nonce_r,
                               size_t *nlen_r, mw_buf *salt, unsigned *iter_r)
{
    const char *s, *i;
    size_t slen, ilen;
    if (!scram_attr(msg, len, 'r', nonce_r, nlen_r) || !scram_attr(msg, len, 's', &s, &slen) ||
        !scram_attr(msg, len, 'i', &i, &ilen))
        return ST_ERROR_PROTOCOL_VIOLATION;
    size_t cn = strlen(x->nonce);
    /* The server's nonce must extend ours, or this is not our exchange. */
    if (*nlen_r <= cn || memcmp(*nonce_r, x->nonce, cn) != 0)
        return ST_ERROR_PROTOCOL_VIOLATION;
    if (ilen == 0 || ilen > 7)
        return ST_ERROR_PROTOCOL_VIOLATION;
    unsigned long it = 0;
    for (size_t k = 0; k < ilen; k++) {
        if (i[k] < '0' || i[k] > '9')
            return ST_ERROR_PROTOCOL_VIOLATION;
        it = it * 10 + (unsigned long)(i[k] - '0');
    }
    if (it == 0 || it > SCRAM_ITERATIONS_MAX)
        return ST_ERROR_PROTOCOL_VIOLATION;
    *iter_r = (unsigned)it;
    return mw_base64_decode(s, slen, salt); /* bad base64 or out of memory */
}

static DWORD scram_final(mw_sasl *x, const unsigned char *in, size_t inlen, mw_buf *out)
{
    const char *nonce;
    size_t nlen;
    unsigned iterations;
    mw_buf salt, auth;
    scram_keys k;
    mw_buf_init(&salt, 1024);
    mw_buf_init(&auth, 8192);
    DWORD err = scram_parse_first(x, (const char *)in, inlen, &nonce, &nlen, &salt, &iterations);
    if (err == 0)
        err = mw_buf_printf(out, "c=biws,r=%.*s", (int)nlen, nonce);
    if (err == 0)
        err = mw_buf_append(&auth, x->client_first_bare.p, x->client_first_bare.len);
    if (err == 0)
        err = mw_buf_append(&auth, ",", 1);
    if (err == 0)
        err = mw_buf_append(&auth, in, inlen);
    if (err == 0)
        err = mw_buf_append(&auth, ",", 1);
    if (err == 0)
        err = mw_buf_append(&auth, out->p, out->len);
    if (err == 0 && scram_derive(&k, x->secret, salt.p, salt.len, iterations, &auth) != 0)
        err = ST_ERROR_OUT_OF_MEMORY;
    if (err == 0) {
        unsigned char proof[SHA256_LEN];
        for (int j = 0; j < SHA256_LEN; j++)
            proof[j] = k.client_key[j] ^ k.signature[j];
        if (hmac256(k.server_key, SHA256_LEN, auth.p, auth.len, x->server_signature) != 0)
            err = ST_ERROR_OUT_OF_MEMORY;
        if (err == 0)
            err = mw_buf_append_str(out, ",p=");
        if (err == 0)
            err = mw_base64_encode(proof, sizeof proof, out);
        mw_wipe(proof, sizeof proof);
    }
    mw_wipe(&k, sizeof k);
    mw_buf_free(&salt);
    mw_buf_free(&auth);
    return err;
}

static DWORD scram_verify(mw_sasl *x, const unsigned char *in, size_t inlen, mw_buf *out)
{
    const char *v;
    size_t vlen;
    mw_buf sig;
    (void)out; /* the answer to server-final is empty */
    if (scram_attr((const char *)in, inlen, 'e', &v, &vlen))
        return ST_ERROR_AUTH_FAILED;
    if (!scram_attr((const char *)in, inlen, 'v', &v, &vlen))
        return ST_ERROR_PROTOCOL_VIOLATION;
    mw_buf_init(&sig, 256);
    DWORD err = mw_base64_decode(v, vlen, &sig);
    if (err == 0 && (sig.len != SHA256_LEN ||
                     memcmp(sig.p, x->server_signature, SHA256_LEN) != 0))
        err = ST_ERROR_AUTH_FAILED; /* the server does not know the password */
    if (err == 0)
        x->server_verified = 1;
    mw_buf_free(&sig);
    return err;
}

static DWORD scram_step(mw_sasl *x, const unsigned char *in, size_t inlen, mw_buf *out)
{
    switch (x->step) {
    case 0:
        return scram_first(x, out);
    case 1:
        return scram_final(x, in, inlen, out);
    case 2:
        return scram_verify(x, in, inlen, out);
    default:
        return ST_ERROR_PROTOCOL_VIOLATION;
    }
}

DWORD mw_sasl_step(mw_sasl *x, const unsigned char *in, size_t inlen, mw_buf *out)
{
    DWORD err;
    switch (x->mech) {
    case MW_MECH_PLAIN:
        err = x->step == 0 ? plain_step(x, out) : ST_ERROR_PROTOCOL_VIOLATION;
        break;
    case MW_MECH_LOGIN:
        err = login_step(x, out);
        break;
    case MW_MECH_CRAM_MD5:
        err = cram_step(x, in, inlen, out);
        break;
    case MW_MECH_SCRAM_SHA256:
        err = scram_step(x, in, inlen, out);
        break;
    case MW_MECH_XOAUTH2:
        err = xoauth2_step(x, out);
        break;
    case MW_MECH_OAUTHBEARER:
        err = oauthbearer_step(x, out);
        break;
    case MW_MECH_ANONYMOUS:
        err = anonymous_step(x, out);
        break;
    default:
        err = ST_ERROR_AUTH_NOT_SUPPORTED;
        break;
    }
    if (err == 0)
        x->step++;
    return err;
}
