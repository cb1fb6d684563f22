/*
 * test_pop_dovecot.c - POP3 against the harness's real Dovecot: every
 * authentication type in every security mode, wrong passwords with their
 * RESP-CODES, certificates, and the wide-character entry points.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "../common/check_main.h"
#include "../common/testutil.h"

static char ca_file[512];
static unsigned pop_port, pops_port;
/* the server (the any_server case): GNU Mailutils' pop3d, Cyrus' pop3d */
static int mailutils, cyrus;

static void setup(void)
{
    ck_assert_msg(server_env("MW_CA_FILE") != NULL, "MAILWIRE_SERVER_ENV not set or unreadable");
    snprintf(ca_file, sizeof ca_file, "%s", server_env("MW_CA_FILE"));
    pop_port = server_port("MW_POP3_PORT");
    pops_port = server_port("MW_POP3S_PORT");
    mailutils = server_is("mailutils");
    cyrus = server_is("cyrus");
    ck_assert(PopInitializeA(NULL, NULL));
}

static void teardown(void)
{
    PopUninitialize();
}

static HCLIENT open_session(unsigned port, DWORD options, const char *sni)
{
    SECURITYCREDENTIALSA c;
    memset(&c, 0, sizeof c);
    c.dwSize = sizeof c;
    c.lpszCAFile = ca_file;
    c.lpszServerName = sni;
    HCLIENT h = PopConnectA("127.0.0.1", port, 10, options, &c);
    ck_assert_msg(h != INVALID_CLIENT, "connect %u opt 0x%x: 0x%x", port, (unsigned)options,
                  (unsigned)PopGetLastError());
    return h;
}

static const UINT types[] = {POP_AUTH_DEFAULT, POP_AUTH_PASS,     POP_AUTH_APOP,
                             POP_AUTH_PLAIN,   POP_AUTH_LOGIN,    POP_AUTH_CRAM_MD5,
                             POP_AUTH_SCRAM_SHA256};
#define NTYPES (int)(sizeof types / sizeof types[0])

/* Mailutils' pop3d offers USER/PASS alone: no SASL, and APOP only with
 * a database of its own that the harness does not make. */
static int offered(UINT type)
{
    return !mailutils || type == POP_AUTH_DEFAULT || type == POP_AUTH_PASS;
}

static void login_every_way(unsigned port, DWORD options)
{
    for (int i = 0; i < NTYPES; i++) {
        HCLIENT h = open_session(port, options, NULL);
        if (!offered(types[i])) {
            ck_assert_int_eq(PopLoginA(h, types[i], server_user("alice"), "wonderland"), POP_ERROR);
            ck_assert_msg(PopGetLastError() == ST_ERROR_AUTH_NOT_SUPPORTED ||
                              (types[i] == POP_AUTH_APOP && PopGetLastError() == ST_ERROR_AUTH_FAILED),
                          "type %u: 0x%x", types[i], (unsigned)PopGetLastError());
            ck_assert_int_eq(PopDisconnect(h), 0);
            continue;
        }
        ck_assert_msg(PopLoginA(h, types[i], server_user("alice"), "wonderland") == 0, "type %u: 0x%x",
                      types[i], (unsigned)PopGetLastError());
        ck_assert_int_eq(PopGetResultCode(h), POP_RESULT_OK);
        ck_assert_int_eq(PopLoginA(h, types[i], server_user("alice"), "wonderland"), POP_ERROR);
        ck_assert_uint_eq(PopGetLastError(), ST_ERROR_ALREADY_AUTHENTICATED);
        ck_assert_int_eq(PopDisconnect(h), 0);
    }
}

START_TEST(plain_every_type)
{
    login_every_way(pop_port, POP_OPTION_NONE);
}
END_TEST

START_TEST(stls_every_type)
{
    login_every_way(pop_port, POP_OPTION_SECURE_EXPLICIT);
}
END_TEST

START_TEST(implicit_every_type)
{
    login_every_way(pops_port, POP_OPTION_SECURE_IMPLICIT);
}
END_TEST

START_TEST(stls_forgets_plaintext_capabilities)
{
    HCLIENT h = open_session(pop_port, 0, NULL);
    ck_assert(PopHasCapabilityA(h, "STLS"));
    ck_assert_int_eq(PopHasCapabilityA(h, "SASL=SCRAM-SHA-256"), !mailutils);
    PopDisconnect(h);
    h = open_session(pop_port, POP_OPTION_SECURE, NULL);
    ck_assert(!PopHasCapabilityA(h, "STLS"));
    ck_assert(PopHasCapabilityA(h, "UIDL"));
    SECURITYINFOA si;
    si.dwSize = sizeof si;
    ck_assert(PopGetSecurityInformationA(h, &si));
    ck_assert_uint_eq(si.dwVerifyResult, SECURITY_VERIFY_OK);
    ck_assert_str_eq(si.szSubject, "CN=server");
    PopDisconnect(h);
}
END_TEST

START_TEST(wrong_password_every_type)
{
    for (int i = 0; i < NTYPES; i++) {
        HCLIENT h = open_session(pop_port, 0, NULL);
        ck_assert_int_eq(PopLoginA(h, types[i], server_user("alice"), "nope"), POP_ERROR);
        if (!offered(types[i]) && PopGetLastError() == ST_ERROR_AUTH_NOT_SUPPORTED) {
            PopDisconnect(h);
            continue;
        }
        ck_assert_uint_eq(PopGetLastError(), ST_ERROR_AUTH_FAILED);
        ck_assert_int_eq(PopGetResultCode(h), POP_RESULT_ERR);
        char text[256];
        ck_assert_int_gt(PopGetResultStringA(h, text, sizeof text), 0);
        ck_assert_msg(strstr(text, "[AUTH]") != NULL, "%s", text);
        PopDisconnect(h);
    }
}
END_TEST

/* POP_OPTION_EARLY_LOGIN: every type logs in (Mailutils, without SASL,
 * refuses PLAIN as not offered, its CAPA read in the same flight), and the
 * first RETR comes whole; PLAIN, CAPA ahead of it, leaves before the
 * greeting is read (the trace shows both sent first). */
START_TEST(early_login_every_type)
{
    char trace[128];
    snprintf(trace, sizeof trace, "/tmp/mailwire-pop-early-%ld.trace", (long)getpid());
    unlink(trace);
    for (int i = 0; i < NTYPES; i++) {
        HCLIENT h = open_session(pops_port, POP_OPTION_SECURE_IMPLICIT | POP_OPTION_EARLY_LOGIN, NULL);
        int traced = types[i] == POP_AUTH_PLAIN && PopEnableTraceA(trace, 0);
        DWORD err = PopLoginA(h, types[i], server_user("alice"), "wonderland") == 0 ? 0 : PopGetLastError();
        if (traced)
            PopDisableTrace();
        if (!offered(types[i])) {
            ck_assert_msg(err == ST_ERROR_AUTH_NOT_SUPPORTED || (types[i] == POP_AUTH_APOP && err == ST_ERROR_AUTH_FAILED),
                          "type %u: 0x%x", types[i], (unsigned)err);
            ck_assert_int_eq(PopLoginA(h, POP_AUTH_PASS, server_user("alice"), "wonderland"), 0);
        } else {
            ck_assert_msg(err == 0, "type %u: 0x%x", types[i], (unsigned)err);
        }
        char buf[65536];
        DWORD len = sizeof buf;
        ck_assert_int_ge(PopGetMessage(h, 1, buf, &len, 0), 0);
        ck_assert_uint_gt(len, 10);
        ck_assert_int_eq(PopDisconnect(h), 0);
    }
    size_t len = 0;
    char *text = read_whole_file(trace, &len);
    unlink(trace);
    ck_assert(text != NULL);
    const char *capa = strstr(text, "C: CAPA"), *auth = strstr(text, "C: AUTH PLAIN");
    const char *greeting = strstr(text, "S: +OK");
    ck_assert_msg(capa != NULL && auth != NULL && greeting != NULL && capa < auth && auth < greeting, "%.2000s",
                  text);
    free(text);
}
END_TEST

START_TEST(certificate_failures)
{
    const char *names[] = {"expired.test", "selfsigned.test", "wrong.test"};
    const DWORD want[] = {ST_ERROR_CERTIFICATE_EXPIRED, ST_ERROR_CERTIFICATE_UNTRUSTED,
                          ST_ERROR_CERTIFICATE_NAME_MISMATCH};
    for (int i = 0; i < 3; i++) {
        SECURITYCREDENTIALSA c;
        memset(&c, 0, sizeof c);
        c.dwSize = sizeof c;
        c.lpszCAFile = ca_file;
        c.lpszServerName = names[i];
        ck_assert(PopConnectA("127.0.0.1", pops_port, 10, POP_OPTION_SECURE_IMPLICIT, &c) ==
                  INVALID_CLIENT);
        ck_assert_uint_eq(PopGetLastError(), want[i]);
        ck_assert(PopConnectA("127.0.0.1", pop_port, 10, POP_OPTION_SECURE_EXPLICIT, &c) ==
                  INVALID_CLIENT);
        ck_assert_uint_eq(PopGetLastError(), want[i]);
    }
    HCLIENT h = PopConnectA("127.0.0.1", pops_port, 10,
                            POP_OPTION_SECURE_IMPLICIT | POP_OPTION_TRUSTEDSITE, NULL);
    ck_assert(h != INVALID_CLIENT);
    PopDisconnect(h);
}
END_TEST

START_TEST(wide_entry_points)
{
    /* the harness's Mailutils and Cyrus listen on 127.0.0.1 alone */
    HCLIENT h = PopConnectW(server_is("dovecot") ? L"::1" : L"127.0.0.1", pop_port, 10, 0, NULL);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)PopGetLastError());
    wchar_t carol[64];
    mbstowcs(carol, server_user("carol"), 64);
    ck_assert_int_eq(PopLoginW(h, POP_AUTH_PASS, carol, L"p\u00e4ss \"q\" \\back"), 0);
    wchar_t text[256];
    ck_assert_int_gt(PopGetResultStringW(h, text, 256), 0);
    ck_assert_msg(wcsstr(text, mailutils ? L"opened mailbox" : cyrus ? L"Mailbox locked and ready" : L"Logged in") != NULL, "%ls", text);
    ck_assert_int_ge(PopGetResponseCount(h), 1);
    PopDisconnect(h);
}
END_TEST

START_TEST(async_connect)
{
    event_wait w = {0, 0, 0, NULL};
    HCLIENT h = PopAsyncConnectA("127.0.0.1", pop_port, 10, 0, NULL, event_record, (DWORD_PTR)&w);
    ck_assert(event_wait_for(&w, 10000));
    ck_assert_uint_eq(w.id, POP_EVENT_CONNECT);
    ck_assert(PopIsConnected(h));
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_DEFAULT, server_user("bob"), "builder"), 0);
    PopDisconnect(h);
}
END_TEST

static Suite *pop_suite(void)
{
    Suite *s = suite_create("pop_dovecot");
    /* what every real server of the harness must pass */
    TCase *any = tcase_create("any_server");
    tcase_add_checked_fixture(any, setup, teardown);
    tcase_set_timeout(any, 60);
    tcase_add_test(any, plain_every_type);
    tcase_add_test(any, stls_every_type);
    tcase_add_test(any, implicit_every_type);
    tcase_add_test(any, stls_forgets_plaintext_capabilities);
    tcase_add_test(any, wrong_password_every_type);
    tcase_add_test(any, wide_entry_points);
    tcase_add_test(any, async_connect);
    tcase_add_test(any, early_login_every_type);
    suite_add_tcase(s, any);
    /* what needs the harness's Dovecot: certificates chosen by name */
    TCase *tc = tcase_create("dovecot");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, certificate_failures);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(pop_suite)
