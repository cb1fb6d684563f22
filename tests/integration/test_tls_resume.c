/*
 * test_tls_resume.c - TLS session resumption against the harness's real
 * Dovecot: a second connection to the same server resumes (TLS 1.3
 * tickets, TLS 1.2 sessions), but never with other verification settings,
 * never from or for a TRUSTEDSITE connection, never with
 * CREDENTIAL_NO_RESUME; and a resumed session is as checked as a full one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/check_main.h"
#include "../common/testutil.h"

#if defined(MAILWIRE_MBEDTLS_VERSION_NUMBER) && MAILWIRE_MBEDTLS_VERSION_NUMBER >= 0x03000000
#define HAS_TLS13 1
#else
#define HAS_TLS13 0
#endif

static char ca_file[512];
static unsigned imaps_port, pop3s_port;

static void setup(void)
{
    ck_assert_msg(server_env("MW_CA_FILE") != NULL, "MAILWIRE_SERVER_ENV not set or unreadable");
    snprintf(ca_file, sizeof ca_file, "%s", server_env("MW_CA_FILE"));
    imaps_port = server_port("MW_IMAPS_PORT");
    pop3s_port = server_port("MW_POP3S_PORT");
    ck_assert(ImapInitializeA(NULL, NULL));
    ck_assert(PopInitializeA(NULL, NULL));
}

static void teardown(void)
{
    PopUninitialize();
    ImapUninitialize();
}

static SECURITYCREDENTIALSA creds(DWORD protocol, DWORD options, const char *ca)
{
    SECURITYCREDENTIALSA c;
    memset(&c, 0, sizeof c);
    c.dwSize = sizeof c;
    c.dwProtocol = protocol;
    c.dwOptions = options;
    c.lpszCAFile = ca;
    return c;
}

/* Connects over implicit TLS, logs in, and returns the security flags
 * (the TLS version in *protocol_r when not NULL). */
static DWORD session_flags(SECURITYCREDENTIALSA *c, DWORD extra, DWORD *protocol_r)
{
    HCLIENT h = ImapConnectA("localhost", imaps_port, 10, IMAP_OPTION_SECURE_IMPLICIT | extra, c);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)ImapGetLastError());
    SECURITYINFOA si;
    si.dwSize = sizeof si;
    ck_assert(ImapGetSecurityInformationA(h, &si));
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "alice", "wonderland"), 0);
    if (!(extra & IMAP_OPTION_TRUSTEDSITE)) {
        ck_assert_uint_eq(si.dwVerifyResult, 0);
        ck_assert_msg(strstr(si.szSubject, "CN=") != NULL, "%s", si.szSubject);
    }
    if (protocol_r != NULL)
        *protocol_r = si.dwProtocol;
    ImapDisconnect(h);
    return si.dwFlags;
}

/* The second connection resumes the first's session, for each version. */
START_TEST(second_connection_resumes)
{
    static const DWORD protocols[] = {SECURITY_PROTOCOL_TLS12, SECURITY_PROTOCOL_DEFAULT};
    for (size_t i = 0; i < sizeof protocols / sizeof protocols[0]; i++) {
        SECURITYCREDENTIALSA c = creds(protocols[i], 0, ca_file);
        DWORD version = 0;
        ck_assert_uint_eq(session_flags(&c, 0, &version) & SECURITY_INFO_RESUMED, 0);
        ck_assert_uint_eq(version, protocols[i] == SECURITY_PROTOCOL_TLS12 || !HAS_TLS13
                                       ? SECURITY_PROTOCOL_TLS12
                                       : SECURITY_PROTOCOL_TLS13);
        for (int again = 0; again < 3; again++) /* each resumption keeps a new session */
            ck_assert_msg(session_flags(&c, 0, NULL) & SECURITY_INFO_RESUMED,
                          "protocol %lu, connection %d", (unsigned long)protocols[i], again + 2);
    }
}
END_TEST

/* Other verification settings never resume: another trust store (even
 * the same CA under another name), TLS 1.2 only after TLS 1.3, another
 * port, TRUSTEDSITE; CREDENTIAL_NO_RESUME neither resumes nor keeps. */
START_TEST(other_settings_miss)
{
    SECURITYCREDENTIALSA c = creds(0, 0, ca_file);
    ck_assert_uint_eq(session_flags(&c, 0, NULL) & SECURITY_INFO_RESUMED, 0);

    char copy[600];
    snprintf(copy, sizeof copy, "%s.copy-%ld.pem", ca_file, (long)getpid());
    FILE *in = fopen(ca_file, "rb"), *out = fopen(copy, "wb");
    ck_assert(in != NULL && out != NULL);
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, in)) > 0;)
        ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
    fclose(in);
    ck_assert_int_eq(fclose(out), 0);
    SECURITYCREDENTIALSA other_ca = creds(0, 0, copy);
    ck_assert_uint_eq(session_flags(&other_ca, 0, NULL) & SECURITY_INFO_RESUMED, 0);
    unlink(copy);

    SECURITYCREDENTIALSA only12 = creds(SECURITY_PROTOCOL_TLS12, 0, ca_file);
    ck_assert_uint_eq(session_flags(&only12, 0, NULL) & SECURITY_INFO_RESUMED, 0);
    ck_assert_uint_eq(session_flags(&c, IMAP_OPTION_TRUSTEDSITE, NULL) & SECURITY_INFO_RESUMED, 0);

    HCLIENT p = PopConnectA("localhost", pop3s_port, 10, POP_OPTION_SECURE_IMPLICIT, &c);
    ck_assert_msg(p != INVALID_CLIENT, "0x%x", (unsigned)PopGetLastError());
    SECURITYINFOA si;
    si.dwSize = sizeof si;
    ck_assert(PopGetSecurityInformationA(p, &si));
    ck_assert_uint_eq(si.dwFlags & SECURITY_INFO_RESUMED, 0); /* another port */
    PopDisconnect(p);

    SECURITYCREDENTIALSA off = creds(0, CREDENTIAL_NO_RESUME, ca_file);
    ck_assert_uint_eq(session_flags(&off, 0, NULL) & SECURITY_INFO_RESUMED, 0);
    ck_assert_uint_eq(session_flags(&off, 0, NULL) & SECURITY_INFO_RESUMED, 0);
    /* the verified sessions kept before still serve their own settings */
    ck_assert(session_flags(&c, 0, NULL) & SECURITY_INFO_RESUMED);
}
END_TEST

/* A caller built before dwFlags existed passes the smaller structure. */
START_TEST(older_security_info_size)
{
    SECURITYCREDENTIALSA c = creds(0, 0, ca_file);
    HCLIENT h = ImapConnectA("localhost", imaps_port, 10, IMAP_OPTION_SECURE_IMPLICIT, &c);
    ck_assert(h != INVALID_CLIENT);
    SECURITYINFOA si;
    memset(&si, 0xAB, sizeof si);
    si.dwSize = (DWORD)offsetof(SECURITYINFOA, dwFlags);
    ck_assert(ImapGetSecurityInformationA(h, &si));
    ck_assert_uint_eq(si.dwSize, offsetof(SECURITYINFOA, dwFlags));
    ck_assert_uint_eq(si.dwFlags, 0xABABABABu); /* past its size: untouched */
    si.dwSize = (DWORD)offsetof(SECURITYINFOA, dwFlags) - 1;
    ck_assert(!ImapGetSecurityInformationA(h, &si));
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ImapDisconnect(h);
}
END_TEST

static Suite *resume_suite(void)
{
    Suite *s = suite_create("tls_resume");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, second_connection_resumes);
    tcase_add_test(tc, other_settings_miss);
    tcase_add_test(tc, older_security_info_size);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(resume_suite)
