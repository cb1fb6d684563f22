/* test_sasl.c - SASL mechanisms against their RFC test vectors, and the
 * exchange engine against scripted replies. */
#include <stdio.h>
#include <string.h>

#include "../common/check_main.h"
#include "imap/state.h"
#include "pop3/pop3.h"
#include "proto/sasl.h"
#include "proto/session.h"

static void step_ok(mw_sasl *x, const char *in, const char *expect, size_t expect_len)
{
    mw_buf out;
    mw_buf_init(&out, 0);
    DWORD err = mw_sasl_step(x, (const unsigned char *)in, in ? strlen(in) : 0, &out);
    ck_assert_uint_eq(err, 0);
    ck_assert_uint_eq(out.len, expect_len);
    if (expect_len > 0) /* an empty response may have no buffer at all */
        ck_assert_mem_eq(out.p, expect, expect_len);
    mw_buf_free(&out);
}

START_TEST(plain_rfc4616)
{
    mw_sasl x;
    mw_sasl_init(&x, MW_MECH_PLAIN, "tim", "tanstaaftanstaaf");
    step_ok(&x, NULL, "\0tim\0tanstaaftanstaaf", 21);
    ck_assert(mw_sasl_complete(&x));
    mw_buf out;
    mw_buf_init(&out, 0);
    ck_assert_uint_eq(mw_base64_encode((const unsigned char *)"\0tim\0tanstaaftanstaaf", 21, &out), 0);
    ck_assert_str_eq((char *)out.p, "AHRpbQB0YW5zdGFhZnRhbnN0YWFm");
    mw_buf_free(&out);
    mw_sasl_free(&x);
}
END_TEST

START_TEST(cram_md5_rfc2195)
{
    mw_sasl x;
    mw_sasl_init(&x, MW_MECH_CRAM_MD5, "tim", "tanstaaftanstaaf");
    const char *expect = "tim b913a602c7eda7a495b4e6e7334d3890";
    step_ok(&x, "<1896.697170952@postoffice.reston.mci.net>", expect, strlen(expect));
    mw_sasl_free(&x);
}
END_TEST

START_TEST(scram_sha256_rfc7677)
{
    mw_sasl x;
    mw_sasl_init(&x, MW_MECH_SCRAM_SHA256, "user", "pencil");
    strcpy(x.nonce, "rOprNGfwEbeRWgbNEkqO");
    const char *first = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    step_ok(&x, NULL, first, strlen(first));
    const char *server_first =
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    const char *final = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                        "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    step_ok(&x, server_first, final, strlen(final));
    ck_assert(!mw_sasl_complete(&x));
    step_ok(&x, "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", "", 0);
    ck_assert(mw_sasl_complete(&x));
    mw_sasl_free(&x);
}
END_TEST

static DWORD scram_reply(const char *server_first, const char *server_final)
{
    mw_sasl x;
    mw_buf out;
    mw_sasl_init(&x, MW_MECH_SCRAM_SHA256, "user", "pencil");
    mw_buf_init(&out, 0);
    strcpy(x.nonce, "rOprNGfwEbeRWgbNEkqO");
    DWORD err = mw_sasl_step(&x, NULL, 0, &out);
    if (err == 0)
        err = mw_sasl_step(&x, (const unsigned char *)server_first, strlen(server_first), &out);
    if (err == 0 && server_final != NULL)
        err = mw_sasl_step(&x, (const unsigned char *)server_final, strlen(server_final), &out);
    mw_buf_free(&out);
    mw_sasl_free(&x);
    return err;
}

START_TEST(scram_rejects_bad_servers)
{
    const char *good = "r=rOprNGfwEbeRWgbNEkqO%hvY,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    /* The server's nonce must extend ours. */
    ck_assert_uint_eq(scram_reply("r=other,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", NULL),
                      ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_uint_eq(scram_reply("r=rOprNGfwEbeRWgbNEkqO,s=W22Z,i=4096", NULL),
                      ST_ERROR_PROTOCOL_VIOLATION); /* not longer than ours */
    ck_assert_uint_eq(scram_reply("r=rOprNGfwEbeRWgbNEkqOx,s=!!!,i=4096", NULL),
                      ST_ERROR_PROTOCOL_VIOLATION); /* bad base64 salt */
    ck_assert_uint_eq(scram_reply("r=rOprNGfwEbeRWgbNEkqOx,s=W22Z,i=0", NULL),
                      ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_uint_eq(scram_reply("r=rOprNGfwEbeRWgbNEkqOx,s=W22Z,i=99999999999", NULL),
                      ST_ERROR_PROTOCOL_VIOLATION); /* would burn minutes of CPU */
    ck_assert_uint_eq(scram_reply("r=rOprNGfwEbeRWgbNEkqOx,s=W22Z", NULL),
                      ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_uint_eq(scram_reply(good, "v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
                      ST_ERROR_AUTH_FAILED); /* wrong server signature */
    ck_assert_uint_eq(scram_reply(good, "e=invalid-proof"), ST_ERROR_AUTH_FAILED);
    ck_assert_uint_eq(scram_reply(good, "x=nothing"), ST_ERROR_PROTOCOL_VIOLATION);
}
END_TEST

START_TEST(scram_escapes_user)
{
    mw_sasl x;
    mw_sasl_init(&x, MW_MECH_SCRAM_SHA256, "a,b=c", "p");
    strcpy(x.nonce, "N");
    const char *first = "n,,n=a=2Cb=3Dc,r=N";
    step_ok(&x, NULL, first, strlen(first));
    mw_sasl_free(&x);
}
END_TEST

START_TEST(login_and_tokens)
{
    mw_sasl x;
    mw_sasl_init(&x, MW_MECH_LOGIN, "tim", "secret");
    step_ok(&x, "Username:", "tim", 3);
    step_ok(&x, "Password:", "secret", 6);
    mw_sasl_free(&x);

    mw_sasl_init(&x, MW_MECH_XOAUTH2, "someuser@example.com", "ya29.vF9dft4");
    const char *xo = "user=someuser@example.com\001auth=Bearer ya29.vF9dft4\001\001";
    step_ok(&x, NULL, xo, strlen(xo));
    step_ok(&x, "{\"status\":\"401\"}", "", 0); /* error challenge: empty reply */
    mw_sasl_free(&x);

    mw_sasl_init(&x, MW_MECH_OAUTHBEARER, "user@example.com", "vF9dft4qmT");
    x.host = "server.example.com";
    x.port = 143;
    const char *ob = "n,a=user@example.com,\001host=server.example.com\001port=143\001"
                     "auth=Bearer vF9dft4qmT\001\001";
    step_ok(&x, NULL, ob, strlen(ob));
    step_ok(&x, "{}", "\001", 1);
    mw_sasl_free(&x);

    mw_sasl_init(&x, MW_MECH_ANONYMOUS, "trace@example.test", "");
    step_ok(&x, NULL, "trace@example.test", 18);
    mw_sasl_free(&x);
}
END_TEST

START_TEST(apop_rfc1939)
{
    char digest[33];
    ck_assert_uint_eq(mw_pop_apop_digest("<1896.697170952@dbc.mtview.ca.us>", "tanstaaf", digest), 0);
    ck_assert_str_eq(digest, "c4c9334bac560ecc979e58001b3e22fb");
}
END_TEST

/* APOP's MD5 is chosen over no SASL mechanism the server offers, except
 * PLAIN and LOGIN on a connection without TLS (they would show the
 * password itself). */
START_TEST(apop_after_offered_sasl)
{
    static const struct {
        const char *sasl;
        int tls;
        UINT expect;
    } cases[] = {
        {"PLAIN LOGIN", 1, POP_AUTH_PLAIN},
        {"LOGIN", 1, POP_AUTH_LOGIN},
        {"PLAIN", 0, POP_AUTH_APOP},
        {"CRAM-MD5 PLAIN", 0, POP_AUTH_CRAM_MD5},
        {"SCRAM-SHA-256 CRAM-MD5", 1, POP_AUTH_SCRAM_SHA256},
        {"", 1, POP_AUTH_APOP},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mw_session *s = mw_pop_session_new();
        ck_assert_ptr_nonnull(s);
        snprintf(s->pop->apop_stamp, sizeof s->pop->apop_stamp, "<1.2@example.test>");
        ck_assert_uint_eq(mw_caps_add_words(&s->caps, "USER", 4), 0);
        ck_assert_uint_eq(mw_caps_add_prefixed(&s->caps, "SASL=", cases[i].sasl, strlen(cases[i].sasl)), 0);
        s->caps.known = 1;
        mw_tls *stand_in = (mw_tls *)&cases[i]; /* only compared with NULL */
        s->stream.tls = cases[i].tls ? stand_in : NULL;
        UINT got = mw_pop_choose_default(s);
        s->stream.tls = NULL;
        mw_session_free(&s);
        ck_assert_msg(got == cases[i].expect, "case %u: %u", (unsigned)i, got);
    }
}
END_TEST

START_TEST(base64_strict)
{
    mw_buf out;
    mw_buf_init(&out, 0);
    ck_assert_uint_eq(mw_base64_decode("aGVsbG8=", 8, &out), 0);
    ck_assert_str_eq((char *)out.p, "hello");
    ck_assert_uint_eq(mw_base64_decode("aGV$bG8=", 8, &out), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_uint_eq(mw_base64_decode("", 0, &out), 0);
    ck_assert_uint_eq(out.len, 0);
    mw_buf_free(&out);
}
END_TEST

/* ---- the engine against a scripted server ---------------------------- */

typedef struct script {
    const char *replies[12]; /* "+xxx" challenge (base64), "OK", or "NO" */
    int next;
    char sent[12][256];
    int nsent;
    char started[256];
} script;

static script *current;

static DWORD io_start(mw_session *s, const char *mech, const char *ir)
{
    (void)s;
    snprintf(current->started, sizeof current->started, "%s %s", mech, ir ? ir : "-");
    return 0;
}

static DWORD io_next(mw_session *s, mw_sasl_reply *kind, const char **b64, size_t *len)
{
    (void)s;
    const char *r = current->replies[current->next++];
    ck_assert_ptr_nonnull(r);
    if (r[0] == '+') {
        *kind = MW_SASL_CHALLENGE;
        *b64 = r + 1;
        *len = strlen(r + 1);
        return 0;
    }
    *kind = MW_SASL_SUCCESS;
    return strcmp(r, "OK") == 0 ? 0 : ST_ERROR_AUTH_FAILED;
}

static DWORD io_respond(mw_session *s, const char *b64, size_t len)
{
    (void)s;
    snprintf(current->sent[current->nsent++], 256, "%.*s", (int)len, b64);
    return 0;
}

static const mw_sasl_io test_io = {io_start, io_next, io_respond};

static DWORD run_engine(script *sc, mw_mech mech, int ir)
{
    mw_session *s = mw_imap_session_new();
    mw_sasl x;
    current = sc;
    mw_sasl_init(&x, mech, "tim", "tanstaaftanstaaf");
    DWORD err = mw_sasl_authenticate(s, &test_io, &x, ir);
    ck_assert_int_eq(s->in_sasl, 0);
    mw_sasl_free(&x);
    mw_session_free(&s);
    return err;
}

START_TEST(engine_initial_response)
{
    script sc = {{"OK"}, 0, {{0}}, 0, {0}};
    ck_assert_uint_eq(run_engine(&sc, MW_MECH_PLAIN, 1), 0);
    ck_assert_str_eq(sc.started, "PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm");
    ck_assert_int_eq(sc.nsent, 0);
}
END_TEST

START_TEST(engine_without_initial_response)
{
    script sc = {{"+", "OK"}, 0, {{0}}, 0, {0}};
    ck_assert_uint_eq(run_engine(&sc, MW_MECH_PLAIN, 0), 0);
    ck_assert_str_eq(sc.started, "PLAIN -");
    ck_assert_str_eq(sc.sent[0], "AHRpbQB0YW5zdGFhZnRhbnN0YWFm");
}
END_TEST

START_TEST(engine_cram_exchange)
{
    /* base64 of the RFC 2195 challenge */
    script sc = {{"+PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+", "OK"}, 0, {{0}}, 0, {0}};
    ck_assert_uint_eq(run_engine(&sc, MW_MECH_CRAM_MD5, 1), 0);
    ck_assert_str_eq(sc.started, "CRAM-MD5 -");
    ck_assert_str_eq(sc.sent[0], "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw");
}
END_TEST

START_TEST(engine_bad_base64_aborts)
{
    script sc = {{"+not*base64", "NO"}, 0, {{0}}, 0, {0}};
    ck_assert_uint_eq(run_engine(&sc, MW_MECH_CRAM_MD5, 1), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_str_eq(sc.sent[0], "*");
}
END_TEST

START_TEST(engine_endless_challenges)
{
    script sc = {{"+", "+", "+", "+", "+", "+", "+", "+", "+", "NO"}, 0, {{0}}, 0, {0}};
    ck_assert_uint_eq(run_engine(&sc, MW_MECH_XOAUTH2, 1), ST_ERROR_PROTOCOL_VIOLATION);
}
END_TEST

START_TEST(engine_scram_success_without_proof)
{
    /* A server that says OK without proving it knows the password. */
    script sc = {{"OK"}, 0, {{0}}, 0, {0}};
    ck_assert_uint_eq(run_engine(&sc, MW_MECH_SCRAM_SHA256, 1), ST_ERROR_PROTOCOL_VIOLATION);
}
END_TEST

START_TEST(engine_failure)
{
    script sc = {{"NO"}, 0, {{0}}, 0, {0}};
    ck_assert_uint_eq(run_engine(&sc, MW_MECH_PLAIN, 1), ST_ERROR_AUTH_FAILED);
}
END_TEST

static Suite *sasl_suite(void)
{
    Suite *s = suite_create("sasl");
    TCase *tc = tcase_create("mechanisms");
    tcase_add_test(tc, plain_rfc4616);
    tcase_add_test(tc, cram_md5_rfc2195);
    tcase_add_test(tc, scram_sha256_rfc7677);
    tcase_add_test(tc, scram_rejects_bad_servers);
    tcase_add_test(tc, scram_escapes_user);
    tcase_add_test(tc, login_and_tokens);
    tcase_add_test(tc, apop_rfc1939);
    tcase_add_test(tc, apop_after_offered_sasl);
    tcase_add_test(tc, base64_strict);
    suite_add_tcase(s, tc);
    TCase *te = tcase_create("engine");
    tcase_add_test(te, engine_initial_response);
    tcase_add_test(te, engine_without_initial_response);
    tcase_add_test(te, engine_cram_exchange);
    tcase_add_test(te, engine_bad_base64_aborts);
    tcase_add_test(te, engine_endless_challenges);
    tcase_add_test(te, engine_scram_success_without_proof);
    tcase_add_test(te, engine_failure);
    suite_add_tcase(s, te);
    return s;
}

CHECK_MAIN(sasl_suite)
