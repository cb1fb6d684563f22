/*
 * test_tls_versions.c - a server that refuses TLS 1.3 (OpenSSL's s_server
 * with -no_tls1_3, on loopback, with the harness's certificate): the
 * default settings fall back to TLS 1.2 and say so; a client that asks
 * for TLS 1.3 only fails the handshake and sends nothing else.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include "../common/check_main.h"
#include "../common/testutil.h"

static char ca_file[512], cert[600], key[600];
static pid_t server;
static int greeting_fd = -1;
static unsigned port;

/* A port nobody listens on now (the server binds it right after). */
static unsigned free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    ck_assert(fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0);
    ck_assert(getsockname(fd, (struct sockaddr *)&a, &len) == 0);
    close(fd);
    return ntohs(a.sin_port);
}

/* s_server sends what it reads on stdin to the client that completed a
 * handshake: the IMAP greeting is written there. */
static void setup(void)
{
    char dir[512];
    ck_assert_msg(server_env("MW_CERT_DIR") != NULL, "MAILWIRE_SERVER_ENV not set or unreadable");
    snprintf(dir, sizeof dir, "%s", server_env("MW_CERT_DIR")); /* server_env's text is reused */
    snprintf(ca_file, sizeof ca_file, "%s", server_env("MW_CA_FILE"));
    snprintf(cert, sizeof cert, "%s/server.crt", dir);
    snprintf(key, sizeof key, "%s/server.key", dir);
    port = free_port();
    char accept[32];
    snprintf(accept, sizeof accept, "127.0.0.1:%u", port);
    int in[2];
    ck_assert(pipe(in) == 0);
    server = fork();
    ck_assert(server >= 0);
    if (server == 0) {
        dup2(in[0], 0);
        close(in[1]);
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        execlp("openssl", "openssl", "s_server", "-accept", accept, "-cert", cert, "-key", key,
               "-no_tls1_3", "-quiet", "-crlf", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    greeting_fd = in[1];
    ck_assert(ImapInitializeA(NULL, NULL));
}

static void teardown(void)
{
    ImapUninitialize();
    close(greeting_fd);
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
    for (int tries = 0; tries < 100; tries++) {
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
    static const char greeting[] = "* PREAUTH [CAPABILITY IMAP4rev1] TLS 1.2 only\n";
    ck_assert(write(greeting_fd, greeting, sizeof greeting - 1) == (ssize_t)(sizeof greeting - 1));
    h = connect_tls(SECURITY_PROTOCOL_DEFAULT, &err);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)err);
    SECURITYINFOA si;
    si.dwSize = sizeof si;
    ck_assert(ImapGetSecurityInformationA(h, &si));
    ck_assert_uint_eq(si.dwProtocol, SECURITY_PROTOCOL_TLS12);
    ck_assert_str_eq(si.szProtocol, "TLSv1.2");
    ck_assert_uint_eq(si.dwVerifyResult, 0);
    static const char bye[] = "* BYE\nA0001 OK\n"; /* the answer to LOGOUT */
    ck_assert(write(greeting_fd, bye, sizeof bye - 1) == (ssize_t)(sizeof bye - 1));
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
