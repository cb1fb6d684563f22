/* tls.c - the TLS handshake, certificate checks and record I/O (mbedTLS). */
#include "tls.h"

#include "mbedtls_guard.h"
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/oid.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_ciphersuites.h>
#include <mbedtls/version.h>
#include <mbedtls/x509_crt.h>
#if MBEDTLS_VERSION_MAJOR >= 3
#include <psa/crypto.h>
#endif
#include <stdio.h>
#include <string.h>

#include "../sys/alloc.h"
#include "../sys/file.h"
#include "../sys/sys.h"
#include "addr.h"
#include "tls_resume.h"
#include "tls_platform.h"
#include "trust.h"

/* mbedTLS asks for a record's 5-byte header, then for its body: two
 * system calls per record, and servers such as Dovecot send records of a
 * few KB. Reading ahead into this buffer serves many records per call. */
#define TLS_AHEAD_SIZE 16384
/* A read that got less than this keeps taking records that have already
 * arrived, so bodies reach the sink in larger pieces. */
#define TLS_GATHER_MIN 32768

struct mw_tls {
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mw_trust *trust; /* shared anchors; NULL without verification */
    mbedtls_x509_crt own_cert;
    mbedtls_pk_context own_key;
    mw_stream *stream;
    int no_wait;   /* bio_recv answers WANT_READ instead of waiting */
    DWORD pending; /* an error met while gathering, for the next read */
    size_t ahead_pos, ahead_len;
    unsigned char *ahead; /* only while it holds unread bytes: idle costs nothing */
    char *resume_key;     /* where this connection's sessions are kept; NULL: not kept */
    int offered;          /* a kept session was offered to the server */
    int certs_verified;   /* certificates checked in the handshake: 0 when it resumed */
    mw_resume_peer peer;  /* the verified server: kept with its sessions */
};

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    mw_tls *t = ctx;
    DWORD err = mw_stream_raw_write(t->stream, buf, len);
    if (err != 0) {
        t->stream->io_error = err;
        return MBEDTLS_ERR_NET_SEND_FAILED;
    }
    return (int)len;
}

/* One read from the socket into a fresh read-ahead buffer; without
 * waiting when t->no_wait is set. */
static DWORD refill_ahead(mw_tls *t)
{
    size_t got = 0;
    t->ahead = mw_malloc(TLS_AHEAD_SIZE);
    if (t->ahead == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    DWORD err = t->no_wait ? mw_sock_recv(t->stream->sock, t->ahead, TLS_AHEAD_SIZE, &got)
                           : mw_stream_raw_read(t->stream, t->ahead, TLS_AHEAD_SIZE, &got);
    t->ahead_pos = 0;
    t->ahead_len = got;
    return err;
}

/* Frees the read-ahead buffer once every byte in it has been taken. */
static void drop_ahead_if_empty(mw_tls *t)
{
    if (t->ahead_pos < t->ahead_len)
        return;
    mw_free(t->ahead);
    t->ahead = NULL;
    t->ahead_pos = t->ahead_len = 0;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    mw_tls *t = ctx;
    if (t->ahead == NULL) {
        DWORD err = refill_ahead(t);
        if (err == 0 && t->ahead_len == 0) {
            drop_ahead_if_empty(t);
            return MBEDTLS_ERR_SSL_WANT_READ; /* only when not waiting */
        }
        if (err != 0) {
            drop_ahead_if_empty(t);
            if (err == ST_ERROR_CONNECTION_CLOSED)
                return 0;
            t->stream->io_error = err;
            return MBEDTLS_ERR_NET_RECV_FAILED;
        }
    }
    size_t n = t->ahead_len - t->ahead_pos < len ? t->ahead_len - t->ahead_pos : len;
    memcpy(buf, t->ahead + t->ahead_pos, n);
    t->ahead_pos += n;
    drop_ahead_if_empty(t);
    return (int)n;
}

static mw_tls *tls_new(void)
{
    mw_tls_platform_setup(); /* before mbedTLS's first mutex */
    mw_tls *t = mw_calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    mbedtls_ssl_init(&t->ssl);
    mbedtls_ssl_config_init(&t->conf);
    mbedtls_entropy_init(&t->entropy);
    mbedtls_ctr_drbg_init(&t->drbg);
    mbedtls_x509_crt_init(&t->own_cert);
    mbedtls_pk_init(&t->own_key);
    return t;
}

static void tls_delete(mw_tls *t)
{
    mw_free(t->ahead);
    mw_free(t->resume_key);
    mbedtls_ssl_free(&t->ssl);
    mbedtls_ssl_config_free(&t->conf);
    mbedtls_ctr_drbg_free(&t->drbg);
    mbedtls_entropy_free(&t->entropy);
    mw_trust_release(t->trust);
    mbedtls_x509_crt_free(&t->own_cert);
    mbedtls_pk_free(&t->own_key);
    mw_free(t);
}

/* The key is read by lib/sys and wiped as soon as mbedTLS has parsed it. */
static DWORD load_key(mw_tls *t, const char *path, const char *password)
{
    unsigned char *buf;
    size_t len;
    DWORD err = mw_file_load(path, &buf, &len);
    if (err != 0)
        return err == ST_ERROR_OUT_OF_MEMORY ? err : ST_ERROR_FILE_IO;
    const unsigned char *pwd = (const unsigned char *)password;
    size_t pwdlen = password != NULL ? strlen(password) : 0;
#if MBEDTLS_VERSION_MAJOR >= 3
    int rc = mbedtls_pk_parse_key(&t->own_key, buf, len, pwd, pwdlen, mbedtls_ctr_drbg_random,
                                  &t->drbg);
#else
    int rc = mbedtls_pk_parse_key(&t->own_key, buf, len, pwd, pwdlen);
#endif
    mw_wipe(buf, len);
    mw_free(buf);
    return rc == 0 ? 0 : ST_ERROR_FILE_IO;
}

static DWORD load_client_cert(mw_tls *t, const mw_tls_params *p)
{
    if (p->cert_file == NULL)
        return 0;
    int rc = mw_x509_parse_file(&t->own_cert, p->cert_file);
    if (rc != 0)
        return mw_x509_file_error(rc);
    DWORD err = load_key(t, p->key_file != NULL ? p->key_file : p->cert_file, p->key_password);
    if (err != 0)
        return err;
    if (mbedtls_ssl_conf_own_cert(&t->conf, &t->own_cert, &t->own_key) != 0)
        return ST_ERROR_TLS_HANDSHAKE_FAILED;
    return 0;
}

static DWORD set_versions(mw_tls *t, DWORD protocol)
{
    if ((protocol & ~(DWORD)SECURITY_PROTOCOL_MASK) != 0)
        return ST_ERROR_INVALID_PARAMETER;
#if MBEDTLS_VERSION_MAJOR >= 3
    mbedtls_ssl_conf_min_tls_version(&t->conf, MBEDTLS_SSL_VERSION_TLS1_2);
    if (protocol == SECURITY_PROTOCOL_TLS12)
        mbedtls_ssl_conf_max_tls_version(&t->conf, MBEDTLS_SSL_VERSION_TLS1_2);
    else if (protocol == SECURITY_PROTOCOL_TLS13)
        mbedtls_ssl_conf_min_tls_version(&t->conf, MBEDTLS_SSL_VERSION_TLS1_3);
#else
    /* This mbedTLS has no TLS 1.3 client: asking for 1.3 only cannot work. */
    if (protocol == SECURITY_PROTOCOL_TLS13)
        return ST_ERROR_TLS_HANDSHAKE_FAILED;
    mbedtls_ssl_conf_min_version(&t->conf, MBEDTLS_SSL_MAJOR_VERSION_3,
                                 MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_max_version(&t->conf, MBEDTLS_SSL_MAJOR_VERSION_3,
                                 MBEDTLS_SSL_MINOR_VERSION_3);
#endif
    return 0;
}

/* Counts the certificates mbedTLS checks: a resumed handshake checks
 * none, as the server sends none. */
static int count_verify(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    (void)crt;
    (void)depth;
    (void)flags;
    ((mw_tls *)ctx)->certs_verified++;
    return 0;
}

static size_t text_len(const char *s)
{
    return s != NULL ? strlen(s) : 0;
}

/* Where sessions of this connection are kept: everything their
 * verification depended on - server and port, the name verified, the
 * parse of the trust store, the client certificate (and its file's
 * state), the versions allowed. Lengths go first, so no two differ only
 * in where one part ends. NULL without memory. */
static char *resume_key(const mw_tls *t, const mw_tls_params *p)
{
    mw_stamp cert = {0, 0};
    if (p->cert_file != NULL)
        (void)mw_file_stamp(p->cert_file, &cert);
    const char *parts[] = {p->peer_host, p->server_name, p->cert_file, p->key_file};
    size_t cap = 160;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        cap += text_len(parts[i]) + 24;
    char *key = mw_malloc(cap);
    if (key == NULL)
        return NULL;
    size_t n = (size_t)snprintf(key, cap, "%u %lu %llu %lld %lld", p->peer_port,
                                (unsigned long)p->protocol,
                                (unsigned long long)mw_trust_serial(t->trust),
                                (long long)cert.mtime_ns, (long long)cert.size);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0] && n < cap; i++)
        n += (size_t)snprintf(key + n, cap - n, " %zu:%s", text_len(parts[i]),
                              parts[i] != NULL ? parts[i] : "");
    return key;
}

/* Resumption for verified connections only: a session made without
 * checks must never stand in for a checked one. */
static DWORD configure_resumption(mw_tls *t, const mw_tls_params *p)
{
    int on = p->resume && p->verify && p->peer_host != NULL;
#if defined(MBEDTLS_SSL_SESSION_TICKETS)
    mbedtls_ssl_conf_session_tickets(&t->conf, on ? MBEDTLS_SSL_SESSION_TICKETS_ENABLED
                                                  : MBEDTLS_SSL_SESSION_TICKETS_DISABLED);
#if defined(MBEDTLS_SSL_PROTO_TLS1_3) && MBEDTLS_VERSION_NUMBER >= 0x03060100
    mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(
        &t->conf, on ? MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED
                     : MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_DISABLED);
#endif
#endif
    if (!on)
        return 0;
    mbedtls_ssl_conf_verify(&t->conf, count_verify, t);
    t->resume_key = resume_key(t, p);
    return t->resume_key != NULL ? 0 : ST_ERROR_OUT_OF_MEMORY;
}

/* Keeps the session the connection now has (TLS 1.2 after the handshake,
 * TLS 1.3 after each ticket). */
static void keep_session(mw_tls *t)
{
    mbedtls_ssl_session session;
    mbedtls_ssl_session_init(&session);
    if (t->resume_key != NULL && mbedtls_ssl_get_session(&t->ssl, &session) == 0)
        mw_resume_put(t->resume_key, &session, &t->peer);
    mbedtls_ssl_session_free(&session);
}

/* Offers a kept session, if there is one, for the handshake to come. */
static void offer_session(mw_tls *t)
{
    mbedtls_ssl_session session;
    mbedtls_ssl_session_init(&session);
    if (t->resume_key != NULL && mw_resume_take(t->resume_key, &session, &t->peer))
        t->offered = mbedtls_ssl_set_session(&t->ssl, &session) == 0;
    mbedtls_ssl_session_free(&session);
}

static DWORD configure(mw_tls *t, const mw_tls_params *p)
{
    static const char pers[] = "mailwire";
#if MBEDTLS_VERSION_MAJOR >= 3
    /* TLS 1.3 runs on PSA; initializing again is a no-op, and thread-safe
     * with MBEDTLS_THREADING_C */
    if (psa_crypto_init() != PSA_SUCCESS)
        return ST_ERROR_TLS_HANDSHAKE_FAILED;
#endif
    if (mbedtls_ctr_drbg_seed(&t->drbg, mbedtls_entropy_func, &t->entropy,
                              (const unsigned char *)pers, sizeof pers - 1) != 0)
        return ST_ERROR_TLS_HANDSHAKE_FAILED;
    if (mbedtls_ssl_config_defaults(&t->conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                    MBEDTLS_SSL_PRESET_DEFAULT) != 0)
        return ST_ERROR_OUT_OF_MEMORY;
    mbedtls_ssl_conf_rng(&t->conf, mbedtls_ctr_drbg_random, &t->drbg);
    DWORD err = set_versions(t, p->protocol);
    if (err != 0)
        return err;
    if (p->verify) {
        err = mw_trust_acquire(p->ca_file, p->ca_path, &t->trust);
        if (err != 0)
            return err;
        mbedtls_ssl_conf_ca_chain(&t->conf, mw_trust_chain(t->trust), NULL);
        /* OPTIONAL: the handshake completes and the checks below say which
         * rule failed, so each failure gets its own error. */
        mbedtls_ssl_conf_authmode(&t->conf, MBEDTLS_SSL_VERIFY_OPTIONAL);
    } else {
        mbedtls_ssl_conf_authmode(&t->conf, MBEDTLS_SSL_VERIFY_NONE);
    }
    err = configure_resumption(t, p);
    return err == 0 ? load_client_cert(t, p) : err;
}

static DWORD setup_session(mw_tls *t, mw_stream *s, const mw_tls_params *p)
{
    if (mbedtls_ssl_setup(&t->ssl, &t->conf) != 0)
        return ST_ERROR_OUT_OF_MEMORY;
    /* SNI and DNS-name checks for names; IP literals get no SNI (RFC 6066)
     * and are matched against IP subjectAltNames after the handshake. */
    const char *name = mw_addr_is_ip_literal(p->server_name) ? NULL : p->server_name;
    if (mbedtls_ssl_set_hostname(&t->ssl, name) != 0)
        return ST_ERROR_OUT_OF_MEMORY;
    t->stream = s;
    mbedtls_ssl_set_bio(&t->ssl, t, bio_send, bio_recv, NULL);
    offer_session(t);
    return 0;
}

static DWORD verify_error(uint32_t flags)
{
    if (flags & (MBEDTLS_X509_BADCERT_NOT_TRUSTED | MBEDTLS_X509_BADCERT_MISSING))
        return ST_ERROR_CERTIFICATE_UNTRUSTED;
    if (flags & (MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE))
        return ST_ERROR_CERTIFICATE_EXPIRED;
    if (flags & MBEDTLS_X509_BADCERT_CN_MISMATCH)
        return ST_ERROR_CERTIFICATE_NAME_MISMATCH;
    return flags != 0 ? ST_ERROR_CERTIFICATE_UNTRUSTED : 0;
}

static DWORD verify_bits(uint32_t flags)
{
    DWORD bits = 0;
    if (flags & (MBEDTLS_X509_BADCERT_NOT_TRUSTED | MBEDTLS_X509_BADCERT_MISSING))
        bits |= SECURITY_VERIFY_UNTRUSTED;
    if (flags & (MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE))
        bits |= SECURITY_VERIFY_EXPIRED;
    if (flags & MBEDTLS_X509_BADCERT_CN_MISMATCH)
        bits |= SECURITY_VERIFY_NAME_MISMATCH;
    if (flags != 0 && bits == 0)
        bits = SECURITY_VERIFY_OTHER;
    return bits;
}

static DWORD cipher_bits(const char *suite)
{
    const mbedtls_ssl_ciphersuite_t *cs = mbedtls_ssl_ciphersuite_from_string(suite);
    if (cs == NULL)
        return 0;
#if MBEDTLS_VERSION_MAJOR >= 3
    return (DWORD)mbedtls_ssl_ciphersuite_get_cipher_key_bitlen(cs);
#else
    const mbedtls_cipher_info_t *ci = mbedtls_cipher_info_from_type(cs->cipher);
    return ci != NULL ? (DWORD)ci->key_bitlen : 0;
#endif
}

static void describe(mw_tls *t, SECURITYINFOA *info, DWORD verify_result)
{
    const char *version = mbedtls_ssl_get_version(&t->ssl);
    const char *suite = mbedtls_ssl_get_ciphersuite(&t->ssl);
    info->dwProtocol = strcmp(version, "TLSv1.3") == 0 ? SECURITY_PROTOCOL_TLS13
                                                        : SECURITY_PROTOCOL_TLS12;
    info->dwVerifyResult = verify_result;
    info->dwFlags = 0;
    info->dwCipherStrength = suite != NULL ? cipher_bits(suite) : 0;
    snprintf(info->szProtocol, sizeof info->szProtocol, "%s", version);
    snprintf(info->szCipherSuite, sizeof info->szCipherSuite, "%s", suite ? suite : "");
    const mbedtls_x509_crt *peer = mbedtls_ssl_get_peer_cert(&t->ssl);
    if (peer != NULL) { /* else a resumed TLS 1.3 session: the kept names */
        mbedtls_x509_dn_gets(t->peer.subject, sizeof t->peer.subject, &peer->subject);
        mbedtls_x509_dn_gets(t->peer.issuer, sizeof t->peer.issuer, &peer->issuer);
    }
    snprintf(info->szSubject, sizeof info->szSubject, "%s", t->peer.subject);
    snprintf(info->szIssuer, sizeof info->szIssuer, "%s", t->peer.issuer);
}

/* A TLS 1.3 NewSessionTicket arrived (only signalled with resumption on). */
static int is_ticket(int rc)
{
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
    return rc == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET;
#else
    (void)rc;
    return 0;
#endif
}

static DWORD handshake_error(mw_stream *s, int rc)
{
    if (s->io_error != 0)
        return s->io_error;
    return rc == MBEDTLS_ERR_SSL_ALLOC_FAILED ? ST_ERROR_OUT_OF_MEMORY
                                              : ST_ERROR_TLS_HANDSHAKE_FAILED;
}

/* mbedTLS reports running out of memory with a code per module (MPI, ECP,
 * PK, X.509, PSA...), often as some other failure of the step that needed
 * it: a failure after an allocation failed on this thread is put down to
 * memory (mbedTLS allocates through lib/sys, see tls_platform.h). */
static DWORD memory_or(DWORD err, unsigned long failures_before)
{
    return err != 0 && mw_alloc_failures() != failures_before ? ST_ERROR_OUT_OF_MEMORY : err;
}

/* RFC 9525: names are matched against subjectAltName only. mbedTLS falls
 * back to the subject's CN when a certificate has no subjectAltName at
 * all; such a certificate matches no name here. */
static int has_subject_alt_name(const mbedtls_x509_crt *crt)
{
#if MBEDTLS_VERSION_MAJOR >= 3
    return mbedtls_x509_crt_has_ext_type(crt, MBEDTLS_X509_EXT_SUBJECT_ALT_NAME);
#else
    return (crt->ext_types & MBEDTLS_X509_EXT_SUBJECT_ALT_NAME) != 0;
#endif
}

static DWORD check_peer(mw_tls *t, const mw_tls_params *p, DWORD *bits_r)
{
    uint32_t flags = mbedtls_ssl_get_verify_result(&t->ssl);
    const mbedtls_x509_crt *peer = mbedtls_ssl_get_peer_cert(&t->ssl);
    if (peer == NULL)
        flags |= MBEDTLS_X509_BADCERT_MISSING;
    else if (mw_addr_is_ip_literal(p->server_name) &&
             !mw_tls_cert_has_ip(peer->raw.p, peer->raw.len, p->server_name))
        flags |= MBEDTLS_X509_BADCERT_CN_MISMATCH;
    else if (!has_subject_alt_name(peer))
        flags |= MBEDTLS_X509_BADCERT_CN_MISMATCH;
    *bits_r = verify_bits(flags);
    return verify_error(flags);
}

static DWORD handshake(mw_stream *s, const mw_tls_params *p, SECURITYINFOA *info)
{
    mw_tls *t = tls_new();
    if (t == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    DWORD err = configure(t, p);
    if (err == 0)
        err = setup_session(t, s, p);
    s->io_error = 0;
    int rc = 0;
    while (err == 0 && (rc = mbedtls_ssl_handshake(&t->ssl)) != 0) {
        if (is_ticket(rc))
            keep_session(t);
        else if (rc != MBEDTLS_ERR_SSL_WANT_READ && rc != MBEDTLS_ERR_SSL_WANT_WRITE)
            err = handshake_error(s, rc);
    }
    DWORD bits = SECURITY_VERIFY_SKIPPED;
    /* A TLS 1.3 resumption carries no certificate: the server proved it
     * holds the secret of a session that was verified, under this same key
     * (the same name, trust store and settings), before it was kept. */
    int resumed = t->offered && t->certs_verified == 0;
    int inherited = resumed && mbedtls_ssl_get_peer_cert(&t->ssl) == NULL;
    if (err == 0 && p->verify)
        err = inherited ? 0 : check_peer(t, p, &bits);
    if (err == 0 && inherited)
        bits = SECURITY_VERIFY_OK;
    if (err != 0) {
        tls_delete(t);
        return err;
    }
    describe(t, info, bits);
    if (resumed)
        info->dwFlags |= SECURITY_INFO_RESUMED;
    if (info->dwProtocol == SECURITY_PROTOCOL_TLS12)
        keep_session(t); /* TLS 1.3 sessions come as tickets, later */
    s->tls = t;
    return 0;
}

DWORD mw_tls_handshake(mw_stream *s, const mw_tls_params *p, SECURITYINFOA *info)
{
    unsigned long failures = mw_alloc_failures();
    return memory_or(handshake(s, p, info), failures);
}

DWORD mw_tls_write(mw_stream *s, const void *buf, size_t len)
{
    const unsigned char *p = buf;
    unsigned long failures = mw_alloc_failures();
    s->io_error = 0;
    while (len > 0) {
        int rc = mbedtls_ssl_write(&s->tls->ssl, p, len);
        if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE)
            continue;
        if (rc < 0)
            return memory_or(s->io_error != 0 ? s->io_error : ST_ERROR_CONNECTION_CLOSED, failures);
        p += rc;
        len -= (size_t)rc;
    }
    return 0;
}

static DWORD read_error(mw_stream *s, int rc, unsigned long failures_before)
{
    if (rc == 0 || rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY)
        return ST_ERROR_CONNECTION_CLOSED;
    if (s->io_error != 0)
        return s->io_error;
    return memory_or(ST_ERROR_PROTOCOL_VIOLATION, failures_before);
}

/* mbedtls_ssl_read, keeping each TLS 1.3 ticket that arrives on the way. */
static int read_keeping_tickets(mw_tls *t, unsigned char *buf, size_t len)
{
    int rc;
    while (is_ticket(rc = mbedtls_ssl_read(&t->ssl, buf, len)))
        keep_session(t);
    return rc;
}

/* Adds the records that have already arrived to a short read, without
 * waiting for more. An error met on the way is kept for the next read,
 * so the bytes in hand are delivered first. */
static size_t gather(mw_stream *s, unsigned char *buf, size_t have, size_t len)
{
    mw_tls *t = s->tls;
    unsigned long failures = mw_alloc_failures();
    t->no_wait = 1;
    while (have < TLS_GATHER_MIN && have < len) {
        int rc = read_keeping_tickets(t, buf + have, len - have);
        if (rc > 0) {
            have += (size_t)rc;
            continue;
        }
        if (rc != MBEDTLS_ERR_SSL_WANT_READ && rc != MBEDTLS_ERR_SSL_WANT_WRITE)
            t->pending = read_error(s, rc, failures);
        break;
    }
    t->no_wait = 0;
    return have;
}

DWORD mw_tls_read(mw_stream *s, void *buf, size_t len, size_t *got_r)
{
    *got_r = 0;
    s->io_error = 0;
    if (s->tls->pending != 0)
        return s->tls->pending;
    unsigned long failures = mw_alloc_failures();
    for (;;) {
        int rc = read_keeping_tickets(s->tls, buf, len);
        if (rc > 0) {
            *got_r = gather(s, buf, (size_t)rc, len);
            return 0;
        }
        if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE)
            continue;
        return read_error(s, rc, failures);
    }
}

int mw_tls_has_pending(const mw_stream *s)
{
    const mw_tls *t = s->tls;
    return t->ahead != NULL || mbedtls_ssl_get_bytes_avail(&t->ssl) > 0;
}

void mw_tls_free(mw_stream *s)
{
    if (s->tls == NULL)
        return;
    if (s->sock != MW_INVALID_SOCKET) {
        /* A short deadline: close_notify is a courtesy, never a wait. */
        s->deadline = 0;
        mbedtls_ssl_close_notify(&s->tls->ssl);
    }
    tls_delete(s->tls);
    s->tls = NULL;
}
