/*
 * test_imap_dovecot.c - IMAP against the harness's real Dovecot: every
 * mechanism in every security mode, host forms, certificate failures,
 * wrong passwords, wide-character entry points, async connects and
 * concurrent sessions.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "../common/check_main.h"
#include "../common/testsys.h"
#include "../common/testutil.h"

static char ca_file[512];
static unsigned imap_port, imaps_port;
/* the server (the any_server case): GNU Mailutils' imap4d, Cyrus' imapd */
static int mailutils, cyrus;

static void setup(void)
{
    ck_assert_msg(server_env("MW_CA_FILE") != NULL, "MAILWIRE_SERVER_ENV not set or unreadable");
    snprintf(ca_file, sizeof ca_file, "%s", server_env("MW_CA_FILE"));
    imap_port = server_port("MW_IMAP_PORT");
    imaps_port = server_port("MW_IMAPS_PORT");
    mailutils = server_is("mailutils");
    cyrus = server_is("cyrus");
    ck_assert(ImapInitializeA(NULL, NULL));
}

static void teardown(void)
{
    ImapUninitialize();
}

static SECURITYCREDENTIALSA creds(const char *server_name)
{
    SECURITYCREDENTIALSA c;
    memset(&c, 0, sizeof c);
    c.dwSize = sizeof c;
    c.lpszCAFile = ca_file;
    c.lpszServerName = server_name;
    return c;
}

static HCLIENT open_session(const char *host, unsigned port, DWORD options, const char *sni)
{
    SECURITYCREDENTIALSA c = creds(sni);
    HCLIENT h = ImapConnectA(host, port, 10, options, &c);
    ck_assert_msg(h != INVALID_CLIENT, "connect %s:%u opt 0x%x: 0x%x", host, port,
                  (unsigned)options, (unsigned)ImapGetLastError());
    return h;
}

static const UINT mechanisms[] = {IMAP_AUTH_DEFAULT, IMAP_AUTH_LOGIN, IMAP_AUTH_PLAIN,
                                  IMAP_AUTH_CRAM_MD5, IMAP_AUTH_SCRAM_SHA256};
#define NMECH (int)(sizeof mechanisms / sizeof mechanisms[0])

static void login_every_way(DWORD options, unsigned port)
{
    for (int i = 0; i < NMECH; i++) {
        HCLIENT h = open_session("127.0.0.1", port, options, NULL);
        ck_assert_msg(ImapLoginA(h, mechanisms[i], server_user("alice"), "wonderland") == 0,
                      "mechanism %u: 0x%x", mechanisms[i], (unsigned)ImapGetLastError());
        ck_assert(ImapIsConnected(h));
        ck_assert_int_eq(ImapGetResultCode(h), IMAP_RESULT_OK);
        ck_assert_int_eq(ImapLoginA(h, mechanisms[i], server_user("alice"), "wonderland"), IMAP_ERROR);
        ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_ALREADY_AUTHENTICATED);
        ck_assert_int_eq(ImapDisconnect(h), 0);
    }
}

START_TEST(plain_connection_every_mechanism)
{
    login_every_way(IMAP_OPTION_NONE, imap_port);
}
END_TEST

START_TEST(starttls_every_mechanism)
{
    login_every_way(IMAP_OPTION_SECURE_EXPLICIT, imap_port);
}
END_TEST

START_TEST(implicit_tls_every_mechanism)
{
    login_every_way(IMAP_OPTION_SECURE_IMPLICIT, imaps_port);
}
END_TEST

START_TEST(starttls_forgets_plaintext_capabilities)
{
    HCLIENT plain = open_session("127.0.0.1", imap_port, 0, NULL);
    ck_assert(ImapHasCapabilityA(plain, "STARTTLS"));
    ImapDisconnect(plain);
    HCLIENT h = open_session("127.0.0.1", imap_port, IMAP_OPTION_SECURE, NULL);
    /* The list was asked again over TLS, where STARTTLS is not offered. */
    ck_assert(!ImapHasCapabilityA(h, "STARTTLS"));
    ck_assert(ImapHasCapabilityA(h, "AUTH=SCRAM-SHA-256"));
    SECURITYINFOA si;
    si.dwSize = sizeof si;
    ck_assert(ImapGetSecurityInformationA(h, &si));
    ck_assert(si.dwProtocol == SECURITY_PROTOCOL_TLS12 || si.dwProtocol == SECURITY_PROTOCOL_TLS13);
    ck_assert_uint_eq(si.dwVerifyResult, SECURITY_VERIFY_OK);
    ck_assert_str_eq(si.szSubject, "CN=server");
    ck_assert_str_eq(si.szIssuer, "CN=mailwire test CA");
    ck_assert_uint_ge(si.dwCipherStrength, 128);
    ck_assert(strlen(si.szCipherSuite) > 0);
    ImapDisconnect(h);
}
END_TEST

/* IMAP_OPTION_EARLY_LOGIN: the login leaves with the TLS handshake's end,
 * before the greeting was read (the trace shows it sent first); every
 * mechanism logs in, the ones that cannot go early after the greeting;
 * a wrong password fails and leaves the session usable; the capabilities
 * are those after login. Mailutils takes no SASL-IR: its BAD sends PLAIN
 * the usual way. */
START_TEST(early_login_every_mechanism)
{
    char trace[128];
    snprintf(trace, sizeof trace, "/tmp/mailwire-early-%ld.trace", (long)getpid());
    unlink(trace);
    static char after_login[4096], early[4096];
    for (int i = 0; i < NMECH; i++) {
        /* Cyrus lists more after LOGIN than after AUTHENTICATE */
        HCLIENT usual = open_session("localhost", imaps_port, IMAP_OPTION_SECURE_IMPLICIT, NULL);
        ck_assert_int_eq(ImapLoginA(usual, mechanisms[i], server_user("alice"), "wonderland"), 0);
        ck_assert_int_gt(ImapGetCapabilitiesA(usual, after_login, sizeof after_login), 0);
        ImapDisconnect(usual);
        HCLIENT h = open_session("localhost", imaps_port, IMAP_OPTION_SECURE_IMPLICIT | IMAP_OPTION_EARLY_LOGIN, NULL);
        ck_assert_msg(ImapLoginA(h, mechanisms[i], server_user("alice"), "wonderland") == 0,
                      "mechanism %u: 0x%x", mechanisms[i], (unsigned)ImapGetLastError());
        ck_assert_int_gt(ImapGetCapabilitiesA(h, early, sizeof early), 0);
        ck_assert_str_eq(early, after_login); /* the list after login, not the greeting's */
        IMAPMAILBOX mb;
        memset(&mb, 0, sizeof mb);
        mb.dwSize = sizeof mb;
        ck_assert_msg(ImapSelectMailboxA(h, "INBOX", &mb) == 0, "0x%x", (unsigned)ImapGetLastError());
        ImapDisconnect(h);
    }
    ck_assert(ImapEnableTraceA(trace, 0));
    HCLIENT h = open_session("localhost", imaps_port, IMAP_OPTION_SECURE_IMPLICIT | IMAP_OPTION_EARLY_LOGIN, NULL);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, server_user("alice"), "not-the-password"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_AUTH_FAILED);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, server_user("carol"), "p\xc3\xa4ss \"q\" \\back"), 0);
    ImapDisconnect(h);
    ImapDisableTrace();
    size_t len = 0;
    char *text = read_whole_file(trace, &len);
    unlink(trace);
    ck_assert(text != NULL);
    const char *greeting = strstr(text, "S: * OK");
    const char *login = strstr(text, "C: A0001 AUTHENTICATE PLAIN");
    ck_assert_msg(login != NULL && greeting != NULL && login < greeting, "%.2000s", text);
    free(text);
}
END_TEST

START_TEST(host_forms)
{
    char spec[64];
    snprintf(spec, sizeof spec, "127.0.0.1:%u", imap_port);
    ImapDisconnect(open_session(spec, 0, 0, NULL));
    snprintf(spec, sizeof spec, "[::1]:%u", imap_port);
    ImapDisconnect(open_session(spec, 0, 0, NULL));
    ImapDisconnect(open_session("::1", imaps_port, IMAP_OPTION_SECURE_IMPLICIT, NULL));
    ImapDisconnect(open_session("localhost", imaps_port, IMAP_OPTION_SECURE_IMPLICIT, NULL));
    snprintf(spec, sizeof spec, "localhost:%u", imap_port);
    ImapDisconnect(open_session(spec, 0, IMAP_OPTION_SECURE_EXPLICIT, NULL));
}
END_TEST

static DWORD tls_failure(const char *host, const char *sni, DWORD options, const char *ca)
{
    SECURITYCREDENTIALSA c = creds(sni);
    c.lpszCAFile = ca;
    HCLIENT h = ImapConnectA(host, options & IMAP_OPTION_SECURE_EXPLICIT ? imap_port : imaps_port,
                             10, options, &c);
    if (h != INVALID_CLIENT) {
        ImapDisconnect(h);
        return 0;
    }
    return ImapGetLastError();
}

START_TEST(certificate_failures)
{
    const DWORD implicit = IMAP_OPTION_SECURE_IMPLICIT;
    ck_assert_uint_eq(tls_failure("127.0.0.1", NULL, implicit, NULL), ST_ERROR_CERTIFICATE_UNTRUSTED);
    ck_assert_uint_eq(tls_failure("127.0.0.1", "wrong.test", implicit, ca_file),
                      ST_ERROR_CERTIFICATE_NAME_MISMATCH);
    ck_assert_uint_eq(tls_failure("127.0.0.1", "expired.test", implicit, ca_file),
                      ST_ERROR_CERTIFICATE_EXPIRED);
    ck_assert_uint_eq(tls_failure("127.0.0.1", "future.test", implicit, ca_file),
                      ST_ERROR_CERTIFICATE_EXPIRED);
    ck_assert_uint_eq(tls_failure("127.0.0.1", "selfsigned.test", implicit, ca_file),
                      ST_ERROR_CERTIFICATE_UNTRUSTED);
    ck_assert_uint_eq(tls_failure("127.0.0.1", "unknownca.test", implicit, ca_file),
                      ST_ERROR_CERTIFICATE_UNTRUSTED);
    /* 127.0.0.2 serves a certificate naming only DNS:localhost */
    ck_assert_uint_eq(tls_failure("127.0.0.2", NULL, implicit, ca_file),
                      ST_ERROR_CERTIFICATE_NAME_MISMATCH);
    ck_assert_uint_eq(tls_failure("::1", NULL, implicit, ca_file), 0);
    /* the name only in the CN, no subjectAltName: no match (RFC 9525) */
    ck_assert_uint_eq(tls_failure("127.0.0.1", "cnonly.test", implicit, ca_file),
                      ST_ERROR_CERTIFICATE_NAME_MISMATCH);
    /* STARTTLS checks the certificate just the same */
    ck_assert_uint_eq(tls_failure("127.0.0.1", "expired.test", IMAP_OPTION_SECURE_EXPLICIT, ca_file),
                      ST_ERROR_CERTIFICATE_EXPIRED);
    ck_assert_uint_eq(tls_failure("127.0.0.1", NULL, IMAP_OPTION_SECURE_EXPLICIT, "/nonexistent/ca.pem"),
                      ST_ERROR_FILE_IO);
}
END_TEST

START_TEST(trusted_site_skips_verification_only)
{
    HCLIENT h = open_session("127.0.0.1", imaps_port,
                             IMAP_OPTION_SECURE_IMPLICIT | IMAP_OPTION_TRUSTEDSITE, "expired.test");
    SECURITYINFOA si;
    si.dwSize = sizeof si;
    ck_assert(ImapGetSecurityInformationA(h, &si));
    ck_assert_uint_eq(si.dwVerifyResult, SECURITY_VERIFY_SKIPPED);
    ck_assert_str_eq(si.szSubject, "CN=expired"); /* SNI was still sent */
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_DEFAULT, server_user("alice"), "wonderland"), 0);
    ImapDisconnect(h);
}
END_TEST

/* TLS 1.3 where the mbedTLS linked has it (3.x), 1.2 otherwise; 1.2 still
 * negotiable, and 1.3 alone refused by a build without it. */
START_TEST(tls13_where_mbedtls_has_it)
{
#if defined(MAILWIRE_MBEDTLS_VERSION_NUMBER) && MAILWIRE_MBEDTLS_VERSION_NUMBER >= 0x03000000
    const int has13 = 1;
#else
    const int has13 = 0;
#endif
    LPSECURITYCREDENTIALSA c = NULL;
    ck_assert(ImapCreateSecurityCredentialsA(0, 0, NULL, NULL, NULL, ca_file, NULL, NULL, &c));
    HCLIENT h = ImapConnectA("localhost", imaps_port, 10, IMAP_OPTION_SECURE_IMPLICIT, c);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)ImapGetLastError());
    SECURITYINFOA si;
    si.dwSize = sizeof si;
    ck_assert(ImapGetSecurityInformationA(h, &si));
    ck_assert_str_eq(si.szProtocol, has13 ? "TLSv1.3" : "TLSv1.2");
    ck_assert_uint_eq(si.dwProtocol, has13 ? SECURITY_PROTOCOL_TLS13 : SECURITY_PROTOCOL_TLS12);
    ck_assert_msg(strncmp(si.szCipherSuite, has13 ? "TLS1-3-" : "TLS-", has13 ? 7 : 4) == 0, "%s",
                  si.szCipherSuite);
    ck_assert_uint_ge(si.dwCipherStrength, 128);
    ck_assert_uint_eq(si.dwVerifyResult, 0);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_DEFAULT, server_user("alice"), "wonderland"), 0);
    ImapDisconnect(h);
    ImapDeleteSecurityCredentialsA(c);
    ck_assert(ImapCreateSecurityCredentialsA(SECURITY_PROTOCOL_TLS13, 0, NULL, NULL, NULL, ca_file,
                                             NULL, NULL, &c));
    h = ImapConnectA("localhost", imaps_port, 10, IMAP_OPTION_SECURE_IMPLICIT, c);
    if (has13) {
        ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)ImapGetLastError());
        ck_assert(ImapGetSecurityInformationA(h, &si));
        ck_assert_str_eq(si.szProtocol, "TLSv1.3");
        ImapDisconnect(h);
    } else {
        ck_assert(h == INVALID_CLIENT);
        ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_TLS_HANDSHAKE_FAILED);
    }
    ImapDeleteSecurityCredentialsA(c);
}
END_TEST

START_TEST(client_certificate_and_protocols)
{
    char cert[600], key[600];
    snprintf(cert, sizeof cert, "%s/client.crt", server_env("MW_CERT_DIR"));
    snprintf(key, sizeof key, "%s/client.key", server_env("MW_CERT_DIR"));
    LPSECURITYCREDENTIALSA c = NULL;
    ck_assert(ImapCreateSecurityCredentialsA(SECURITY_PROTOCOL_TLS12, 0, cert, key, NULL, ca_file,
                                             NULL, NULL, &c));
    HCLIENT h = ImapConnectA("127.0.0.1", imaps_port, 10, IMAP_OPTION_SECURE_IMPLICIT, c);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)ImapGetLastError());
    SECURITYINFOA si;
    si.dwSize = sizeof si;
    ck_assert(ImapGetSecurityInformationA(h, &si));
    ck_assert_str_eq(si.szProtocol, "TLSv1.2");
    ImapDisconnect(h);
    ImapDeleteSecurityCredentialsA(c);
    ck_assert(ImapCreateSecurityCredentialsA(0, 0, "/nonexistent.crt", NULL, NULL, ca_file, NULL,
                                             NULL, &c));
    ck_assert(ImapConnectA("127.0.0.1", imaps_port, 10, IMAP_OPTION_SECURE_IMPLICIT, c) ==
              INVALID_CLIENT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_FILE_IO);
    ImapDeleteSecurityCredentialsA(c);
}
END_TEST

START_TEST(wrong_password)
{
    for (int i = 0; i < NMECH; i++) {
        HCLIENT h = open_session("127.0.0.1", imap_port, 0, NULL);
        ck_assert_int_eq(ImapLoginA(h, mechanisms[i], server_user("alice"), "not-the-password"), IMAP_ERROR);
        ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_AUTH_FAILED);
        ck_assert_int_eq(ImapGetResultCode(h), IMAP_RESULT_NO);
        char text[256];
        ck_assert_int_gt(ImapGetResultStringA(h, text, sizeof text), 0);
        if (server_is("dovecot")) /* Mailutils' and Cyrus' carry no response code */
            ck_assert_msg(strstr(text, "[AUTHENTICATIONFAILED]") != NULL, "%s", text);
        /* the session stays usable: the right password works next */
        ck_assert_int_eq(ImapLoginA(h, mechanisms[i], server_user("alice"), "wonderland"), 0);
        ImapDisconnect(h);
    }
}
END_TEST

START_TEST(special_password_every_mechanism)
{
    /* carol's password holds a quote, a backslash and UTF-8 */
    const char *pw = "p\xc3\xa4ss \"q\" \\back";
    for (int i = 0; i < NMECH; i++) {
        HCLIENT h = open_session("127.0.0.1", imap_port, 0, NULL);
        ck_assert_msg(ImapLoginA(h, mechanisms[i], server_user("carol"), pw) == 0, "mechanism %u: 0x%x",
                      mechanisms[i], (unsigned)ImapGetLastError());
        ImapDisconnect(h);
    }
}
END_TEST

START_TEST(wide_entry_points)
{
    SECURITYCREDENTIALSW c;
    memset(&c, 0, sizeof c);
    c.dwSize = sizeof c;
    wchar_t wca[512];
    mbstowcs(wca, ca_file, 512);
    c.lpszCAFile = wca;
    HCLIENT h = ImapConnectW(L"localhost", imap_port, 10, IMAP_OPTION_SECURE_EXPLICIT, &c);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)ImapGetLastError());
    ck_assert(ImapHasCapabilityW(h, L"auth=plain"));
    wchar_t carol[64];
    mbstowcs(carol, server_user("carol"), 64);
    ck_assert_int_eq(ImapLoginW(h, IMAP_AUTH_LOGIN, carol, L"p\u00e4ss \"q\" \\back"), 0);
    /* room for Cyrus' answer, whose capabilities take over 1,000 characters */
    static wchar_t caps[4096], line[4096];
    ck_assert_int_gt(ImapGetCapabilitiesW(h, caps, 4096), 10);
    ck_assert(wcsstr(caps, L"IMAP4REV1") != NULL);
    ck_assert_int_gt(ImapGetResultStringW(h, line, 4096), 0);
    ck_assert_msg(wcsstr(line, mailutils ? L"CAPABILITY Completed" : cyrus ? L"User logged in" : L"Logged in") != NULL, "%ls", line);
    int n = ImapGetResponseCount(h);
    ck_assert_int_ge(n, 1);
    ck_assert_int_gt(ImapGetResponseLineW(h, n - 1, line, 4096), 0);
    ck_assert(wcsncmp(line, L"A0", 2) == 0);
    SECURITYINFOW si;
    si.dwSize = sizeof si;
    ck_assert(ImapGetSecurityInformationW(h, &si));
    ck_assert(wcscmp(si.szSubject, L"CN=server") == 0);
    ImapDisconnect(h);
}
END_TEST

START_TEST(identify_with_dovecot)
{
    HCLIENT h = open_session("127.0.0.1", imap_port, IMAP_OPTION_IDENTIFY, NULL);
    char name[64];
    ck_assert_int_gt(ImapGetServerIdentityA(h, "name", name, sizeof name), 0);
    ck_assert_str_eq(name, "Dovecot");
    ImapDisconnect(h);
}
END_TEST

static unsigned closed_port(void)
{
    test_sockets_init();
    test_socket s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    bind(s, (struct sockaddr *)&a, sizeof a);
    getsockname(s, (struct sockaddr *)&a, &len);
    test_close_socket(s); /* nothing listens there now */
    return ntohs(a.sin_port);
}

START_TEST(network_errors)
{
    ck_assert(ImapConnectA("127.0.0.1", closed_port(), 5, 0, NULL) == INVALID_CLIENT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_CONNECTION_REFUSED);
    /* plaintext to the TLS port: the server waits for a ClientHello */
    int64_t t0 = now_ms();
    ck_assert(ImapConnectA("127.0.0.1", imaps_port, 1, 0, NULL) == INVALID_CLIENT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_TIMEOUT);
    ck_assert(now_ms() - t0 < 3000);
}
END_TEST

START_TEST(async_connect_with_dovecot)
{
    event_wait w = {0, 0, 0, NULL};
    SECURITYCREDENTIALSA c = creds(NULL);
    HCLIENT h = ImapAsyncConnectA("127.0.0.1", imaps_port, 10, IMAP_OPTION_SECURE_IMPLICIT, &c,
                                  event_record, (DWORD_PTR)&w);
    ck_assert(h != INVALID_CLIENT);
    ck_assert(event_wait_for(&w, 10000));
    ck_assert_uint_eq(w.id, IMAP_EVENT_CONNECT);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_DEFAULT, server_user("alice"), "wonderland"), 0);
    ImapDisconnect(h);
}
END_TEST

static void *worker(void *arg)
{
    const char *user = arg; /* named before the threads: server_user() is not thread-safe */
    uintptr_t failures = 0;
    SECURITYCREDENTIALSA c = creds(NULL);
    for (int i = 0; i < 6; i++) {
        /* every other one over TLS: handshakes at once share the parsed CA */
        HCLIENT h = i % 2 ? ImapConnectA("127.0.0.1", imaps_port, 10, IMAP_OPTION_SECURE_IMPLICIT, &c)
                          : ImapConnectA("127.0.0.1", imap_port, 10, 0, NULL);
        if (h == INVALID_CLIENT || ImapLoginA(h, IMAP_AUTH_PLAIN, user, "builder") != 0) {
            failures++;
            fprintf(stderr, "session %d (%s): 0x%x\n", i, i % 2 ? "TLS" : "plain", (unsigned)ImapGetLastError());
        }
        if (h != INVALID_CLIENT)
            ImapDisconnect(h);
    }
    return (void *)failures;
}

START_TEST(concurrent_sessions)
{
    char bob[128];
    snprintf(bob, sizeof bob, "%s", server_user("bob"));
    pthread_t t[8];
    for (int i = 0; i < 8; i++)
        pthread_create(&t[i], NULL, worker, bob);
    for (int i = 0; i < 8; i++) {
        void *failures;
        pthread_join(t[i], &failures);
        ck_assert_uint_eq((uintptr_t)failures, 0);
    }
}
END_TEST

START_TEST(uninitialize_frees_open_sessions)
{
    /* What is freed is seen by valgrind and LSan; what is closed, here:
     * the handles stop being valid and (on Linux) the sockets are gone. */
    int fds = open_fd_count();
    HCLIENT h[3];
    for (int i = 0; i < 3; i++)
        h[i] = open_session("127.0.0.1", imap_port, 0, NULL);
    if (fds >= 0)
        ck_assert_int_ge(open_fd_count(), fds + 3);
    ImapUninitialize();
    if (fds >= 0)
        ck_assert_int_eq(open_fd_count(), fds);
    ck_assert(ImapInitializeA(NULL, NULL)); /* the teardown's Uninitialize */
    for (int i = 0; i < 3; i++) {
        ck_assert(!ImapIsConnected(h[i]));
        ck_assert_int_eq(ImapDisconnect(h[i]), IMAP_ERROR);
        ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_HANDLE);
    }
}
END_TEST

static Suite *imap_suite(void)
{
    Suite *s = suite_create("imap_dovecot");
    /* what every real server of the harness must pass */
    TCase *any = tcase_create("any_server");
    tcase_add_checked_fixture(any, setup, teardown);
    tcase_set_timeout(any, 60);
    tcase_add_test(any, plain_connection_every_mechanism);
    tcase_add_test(any, starttls_every_mechanism);
    tcase_add_test(any, implicit_tls_every_mechanism);
    tcase_add_test(any, starttls_forgets_plaintext_capabilities);
    tcase_add_test(any, tls13_where_mbedtls_has_it);
    tcase_add_test(any, wrong_password);
    tcase_add_test(any, special_password_every_mechanism);
    tcase_add_test(any, wide_entry_points);
    tcase_add_test(any, concurrent_sessions);
    tcase_add_test(any, early_login_every_mechanism);
    suite_add_tcase(s, any);
    /* what needs the harness's Dovecot: its extra addresses and certificates
     * chosen by name, its ID, client certificates */
    TCase *tc = tcase_create("dovecot");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, host_forms);
    tcase_add_test(tc, certificate_failures);
    tcase_add_test(tc, trusted_site_skips_verification_only);
    tcase_add_test(tc, client_certificate_and_protocols);
    tcase_add_test(tc, identify_with_dovecot);
    tcase_add_test(tc, network_errors);
    tcase_add_test(tc, async_connect_with_dovecot);
    tcase_add_test(tc, uninitialize_frees_open_sessions);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(imap_suite)
