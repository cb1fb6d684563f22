/*
 * test_tls_versions.c - a server that refuses TLS 1.3
 * (tests/integration/tls12_server.py: Python's ssl with TLS 1.2 at most, on
 * loopback, with the harness's certificate): the default settings fall
 * back to TLS 1.2 and say so; a client that asks for TLS 1.3 only fails
 * the handshake and sends nothing else.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../common/check_main.h"
#include "../common/testutil.h"
#include "tls_child.h"

static char ca_file[512];
static pid_t server;
static unsigned port;

/* Starts the server and waits for the port it writes. */
static void setup(void)
{
    port = start_tls_child("tls12_server.py", NULL, &server);
    snprintf(ca_file, sizeof ca_file, "%s", server_env("MW_CA_FILE"));
    ck_assert(ImapInitializeA(NULL, NULL));
}

static void teardown(void)
{
    ImapUninitialize();
    kill(server, SIGTERM);
    waitpid(server, NULL, 0);
}

/* Connects, retrying while the server is not listening yet. */
static HCLIENT connect_tls(DWORD protocol, DWORD *err_r)
{
    SECURITYCREDENTIALSA c;
    memset(&c, 0, sizeof c);
    c.dwSize = sizeof c;
    c.dwProtocol = protocol;
    c.lpszCAFile = ca_file;
    for (int tries = 0; tries < 20; tries++) {
        HCLIENT h = ImapConnectA("localhost", port, 5, IMAP_OPTION_SECURE_IMPLICIT, &c);
        *err_r = h == INVALID_CLIENT ? ImapGetLastError() : 0;
        if (h != INVALID_CLIENT || *err_r != ST_ERROR_CONNECTION_REFUSED)
            return h;
        usleep(50 * 1000);
    }
    return INVALID_CLIENT;
}

START_TEST(server_without_tls13)
{
    DWORD err;
    /* TLS 1.3 only: the handshake fails, nothing else is sent */
    HCLIENT h = connect_tls(SECURITY_PROTOCOL_TLS13, &err);
    ck_assert(h == INVALID_CLIENT);
    ck_assert_uint_eq(err, ST_ERROR_TLS_HANDSHAKE_FAILED);
    /* the default: TLS 1.2, said as such */
    h = connect_tls(SECURITY_PROTOCOL_DEFAULT, &err);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)err);
    SECURITYINFOA si;
    si.dwSize = sizeof si;
    ck_assert(ImapGetSecurityInformationA(h, &si));
    ck_assert_uint_eq(si.dwProtocol, SECURITY_PROTOCOL_TLS12);
    ck_assert_str_eq(si.szProtocol, "TLSv1.2");
    ck_assert_uint_eq(si.dwVerifyResult, 0);
    ImapDisconnect(h);
}
END_TEST

static Suite *versions_suite(void)
{
    Suite *s = suite_create("tls_versions");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, server_without_tls13);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(versions_suite)
