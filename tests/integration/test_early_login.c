/*
 * test_early_login.c - IMAP_OPTION_EARLY_LOGIN against scripted servers
 * behind implicit TLS (tests/integration/tls_relay.py relays the TLS
 * connection to the plaintext script, exact bytes both ways). Each script
 * expects the login before it sends the greeting, so a client that waits
 * for the greeting stalls the script and fails. Covered: the greeting
 * and the answer arriving together, a refusing greeting (BYE), PREAUTH, a
 * server without SASL-IR, a mechanism not offered, a wrong password, a
 * first call other than the login, and no early login without TLS; for
 * POP3 the same with CAPA in the login's flight.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../common/check_main.h"
#include "../common/testutil.h"
#include "../fake/fakeserver.h"
#include "tls_child.h"

#define PLAIN_IR "AGFsaWNlAHNlY3JldA==" /* \0alice\0secret */
#define EARLY (IMAP_OPTION_SECURE_IMPLICIT | IMAP_OPTION_EARLY_LOGIN)

static char ca_file[512];
static pid_t relay = -1;

static void setup(void)
{
    ck_assert_msg(server_env("MW_CA_FILE") != NULL, "MAILWIRE_SERVER_ENV not set or unreadable");
    snprintf(ca_file, sizeof ca_file, "%s", server_env("MW_CA_FILE"));
    ck_assert(ImapInitializeA(NULL, NULL));
    ck_assert(PopInitializeA(NULL, NULL));
}

static void teardown(void)
{
    ImapUninitialize();
    PopUninitialize();
    if (relay > 0) {
        kill(relay, SIGTERM);
        waitpid(relay, NULL, 0);
        relay = -1;
    }
}

/* Starts tls_relay.py in front of the scripted server; returns its port. */
static unsigned start_relay(unsigned target)
{
    char port[16];
    snprintf(port, sizeof port, "%u", target);
    return start_tls_child("tls_relay.py", port, &relay);
}

/* Disconnects (LOGOUT / QUIT) and checks the whole script ran. */
static void imap_done(fake_server *f, HCLIENT h)
{
    ck_assert_int_eq(ImapDisconnect(h), 0);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}

static void pop_done(fake_server *f, HCLIENT h)
{
    ck_assert_int_eq(PopDisconnect(h), 0);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}

static HCLIENT pop_early(fake_server *f)
{
    SECURITYCREDENTIALSA c;
    memset(&c, 0, sizeof c);
    c.dwSize = sizeof c;
    c.lpszCAFile = ca_file;
    HCLIENT h = PopConnectA("localhost", start_relay(fake_port(f)), 5,
                            POP_OPTION_SECURE_IMPLICIT | POP_OPTION_EARLY_LOGIN, &c);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)PopGetLastError());
    return h;
}

static HCLIENT connect_early(fake_server *f)
{
    SECURITYCREDENTIALSA c;
    memset(&c, 0, sizeof c);
    c.dwSize = sizeof c;
    c.lpszCAFile = ca_file;
    HCLIENT h = ImapConnectA("localhost", start_relay(fake_port(f)), 5, EARLY, &c);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)ImapGetLastError());
    return h;
}

START_TEST(login_goes_before_the_greeting)
{
    static const fake_step s[] = {
        EXPECT("A0001 AUTHENTICATE PLAIN " PLAIN_IR),
        SEND("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n"
             "A0001 OK [CAPABILITY IMAP4rev1 UIDPLUS MOVE] in\r\n"),
        EXPECT("A0002 LOGOUT"),
        SEND("* BYE\r\nA0002 OK\r\n"),
    };
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = connect_early(f);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "alice", "secret"), 0);
    ck_assert(ImapHasCapabilityA(h, "MOVE"));        /* the list after login */
    ck_assert(!ImapHasCapabilityA(h, "AUTH=PLAIN")); /* not the greeting's */
    imap_done(f, h);
}
END_TEST

START_TEST(login_command_goes_early_too)
{
    static const fake_step s[] = {
        EXPECT("A0001 LOGIN alice secret"),
        SEND("* OK [CAPABILITY IMAP4rev1] ready\r\nA0001 OK in\r\n"),
        EXPECT("A0002 CAPABILITY"), /* the OK brought none */
        SEND("* CAPABILITY IMAP4rev1 IDLE\r\nA0002 OK\r\n"),
        EXPECT("A0003 LOGOUT"),
        SEND("* BYE\r\nA0003 OK\r\n"),
    };
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = connect_early(f);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_LOGIN, "alice", "secret"), 0);
    ck_assert(ImapHasCapabilityA(h, "IDLE"));
    imap_done(f, h);
}
END_TEST

START_TEST(refusing_greeting_fails_the_login)
{
    static const fake_step s[] = {
        EXPECT("A0001 AUTHENTICATE PLAIN " PLAIN_IR),
        SEND("* BYE too many connections\r\n"),
        CLOSE(),
    };
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = connect_early(f);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "alice", "secret"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_SERVER_UNAVAILABLE);
    char text[128];
    ck_assert_int_gt(ImapGetResultStringA(h, text, sizeof text), 0);
    ck_assert_str_eq(text, "too many connections");
    ck_assert(!ImapIsConnected(h));
    imap_done(f, h);
}
END_TEST

START_TEST(preauth_greeting_needs_no_login)
{
    static const fake_step s[] = {
        EXPECT("A0001 AUTHENTICATE PLAIN " PLAIN_IR),
        SEND("* PREAUTH [CAPABILITY IMAP4rev1] welcome back\r\nA0001 BAD already authenticated\r\n"),
        EXPECT("A0002 SELECT INBOX"),
        SEND("* 2 EXISTS\r\nA0002 OK [READ-WRITE] done\r\n"),
        EXPECT("A0003 LOGOUT"),
        SEND("* BYE\r\nA0003 OK\r\n"),
    };
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = connect_early(f);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "alice", "secret"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_ALREADY_AUTHENTICATED);
    IMAPMAILBOX mb;
    memset(&mb, 0, sizeof mb);
    mb.dwSize = sizeof mb;
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", &mb), 0);
    ck_assert_uint_eq(mb.nMessages, 2);
    imap_done(f, h);
}
END_TEST

START_TEST(server_without_sasl_ir_gets_plain_again)
{
    static const fake_step s[] = {
        EXPECT("A0001 AUTHENTICATE PLAIN " PLAIN_IR),
        SEND("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\nA0001 BAD unexpected argument\r\n"),
        EXPECT("A0002 AUTHENTICATE PLAIN"),
        SEND("+ \r\n"),
        EXPECT(PLAIN_IR),
        SEND("A0002 OK [CAPABILITY IMAP4rev1 IDLE] in\r\n"),
        EXPECT("A0003 LOGOUT"),
        SEND("* BYE\r\nA0003 OK\r\n"),
    };
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = connect_early(f);
    ck_assert_msg(ImapLoginA(h, IMAP_AUTH_PLAIN, "alice", "secret") == 0, "0x%x", (unsigned)ImapGetLastError());
    ck_assert(ImapHasCapabilityA(h, "IDLE"));
    imap_done(f, h);
}
END_TEST

START_TEST(mechanism_not_offered_is_not_supported)
{
    static const fake_step s[] = {
        EXPECT("A0001 AUTHENTICATE PLAIN " PLAIN_IR),
        SEND("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=SCRAM-SHA-256] ready\r\n"
             "A0001 NO unsupported mechanism\r\n"),
        EXPECT("A0002 LOGOUT"),
        SEND("* BYE\r\nA0002 OK\r\n"),
    };
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = connect_early(f);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "alice", "secret"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_AUTH_NOT_SUPPORTED);
    ck_assert(ImapIsConnected(h));
    imap_done(f, h);
}
END_TEST

START_TEST(wrong_password_then_right_one)
{
    static const fake_step s[] = {
        EXPECT("A0001 AUTHENTICATE PLAIN " PLAIN_IR),
        SEND("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n"
             "A0001 NO [AUTHENTICATIONFAILED] wrong\r\n"),
        EXPECT("A0002 AUTHENTICATE PLAIN AGFsaWNlAHJpZ2h0"), /* now after the greeting */
        SEND("A0002 OK [CAPABILITY IMAP4rev1] in\r\n"),
        EXPECT("A0003 LOGOUT"),
        SEND("* BYE\r\nA0003 OK\r\n"),
    };
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = connect_early(f);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "alice", "secret"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_AUTH_FAILED);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "alice", "right"), 0);
    imap_done(f, h);
}
END_TEST

/* The greeting first, without SASL-IR: a login after it waits for "+". */
static const fake_step greeting_first[] = {
    SEND("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"),
    EXPECT("A0001 AUTHENTICATE PLAIN"),
    SEND("+ \r\n"),
    EXPECT(PLAIN_IR),
    SEND("A0001 OK [CAPABILITY IMAP4rev1] in\r\n"),
    EXPECT("A0002 LOGOUT"),
    SEND("* BYE\r\nA0002 OK\r\n"),
};

START_TEST(other_first_call_reads_the_greeting)
{
    fake_server *f = fake_start(FAKE_STEPS(greeting_first));
    HCLIENT h = connect_early(f);
    ck_assert(ImapHasCapabilityA(h, "AUTH=PLAIN"));
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "alice", "secret"), 0);
    imap_done(f, h);
}
END_TEST

/* Over plain TCP the option changes nothing: the greeting comes first,
 * and a password only after it said whether it may travel. */
START_TEST(no_early_login_without_tls)
{
    fake_server *f = fake_start(FAKE_STEPS(greeting_first));
    HCLIENT h = ImapConnectA("127.0.0.1", fake_port(f), 5, IMAP_OPTION_EARLY_LOGIN, NULL);
    ck_assert(h != INVALID_CLIENT);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "alice", "secret"), 0);
    imap_done(f, h);
}
END_TEST

/* ---- POP3 ----------------------------------------------------------------- */

#define POP_CAPS "+OK\r\nSASL PLAIN\r\nPIPELINING\r\nUSER\r\n.\r\n"

/* CAPA and AUTH leave together before the greeting; greeting, capabilities
 * and the login's answer come back together; the CAPA owed after login
 * goes with the first STAT. */
START_TEST(pop_login_goes_before_the_greeting)
{
    static const fake_step s[] = {
        EXPECT("CAPA"), EXPECT("AUTH PLAIN " PLAIN_IR),
        SEND("+OK ready <1.2@x>\r\n" POP_CAPS "+OK in\r\n"),
        EXPECT("CAPA"), EXPECT("STAT"),
        SEND("+OK\r\nPIPELINING\r\nUIDL\r\n.\r\n+OK 2 30\r\n"),
        EXPECT("QUIT"), SEND("+OK bye\r\n"),
    };
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = pop_early(f);
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PLAIN, "alice", "secret"), 0);
    ck_assert_int_eq(PopGetMessageCount(h), 2);
    ck_assert(PopHasCapabilityA(h, "UIDL"));
    pop_done(f, h);
}
END_TEST

START_TEST(pop_refusing_greeting_fails_the_login)
{
    static const fake_step s[] = {
        EXPECT("CAPA"), EXPECT("AUTH PLAIN " PLAIN_IR), SEND("-ERR [SYS/TEMP] too busy\r\n"), CLOSE(),
    };
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = pop_early(f);
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PLAIN, "alice", "secret"), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_SERVER_UNAVAILABLE);
    ck_assert(!PopIsConnected(h));
    pop_done(f, h);
}
END_TEST

/* A server without SASL: the early AUTH is refused, the capabilities say
 * why, and USER/PASS works next. */
START_TEST(pop_mechanism_not_offered)
{
    static const fake_step s[] = {
        EXPECT("CAPA"), EXPECT("AUTH PLAIN " PLAIN_IR),
        SEND("+OK ready\r\n+OK\r\nUSER\r\n.\r\n-ERR no AUTH here\r\n"),
        EXPECT("USER alice"), SEND("+OK\r\n"), EXPECT("PASS secret"), SEND("+OK in\r\n"),
        EXPECT("QUIT"), SEND("+OK bye\r\n"),
    };
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = pop_early(f);
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PLAIN, "alice", "secret"), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_AUTH_NOT_SUPPORTED);
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PASS, "alice", "secret"), 0);
    pop_done(f, h);
}
END_TEST

/* Any other first call reads the greeting and asks CAPA on its own. */
START_TEST(pop_other_first_call_reads_the_greeting)
{
    static const fake_step s[] = {
        SEND("+OK ready\r\n"), EXPECT("CAPA"), SEND(POP_CAPS),
        EXPECT("USER alice"), SEND("+OK\r\n"), EXPECT("PASS secret"), EXPECT("CAPA"),
        SEND("+OK in\r\n" POP_CAPS), EXPECT("QUIT"), SEND("+OK bye\r\n"),
    };
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = pop_early(f);
    ck_assert(PopHasCapabilityA(h, "SASL=PLAIN"));
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PASS, "alice", "secret"), 0);
    pop_done(f, h);
}
END_TEST

/* Over plain TCP the option changes nothing: the greeting first, then
 * CAPA and its answer (nothing else may be sent meanwhile), then AUTH. */
START_TEST(pop_no_early_login_without_tls)
{
    static const fake_step s[] = {
        SEND("+OK ready\r\n"), EXPECT("CAPA"), QUIET(300), SEND(POP_CAPS),
        EXPECT("AUTH PLAIN " PLAIN_IR), SEND("+OK in\r\n"), EXPECT("QUIT"), SEND("+OK bye\r\n"),
    };
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = PopConnectA("127.0.0.1", fake_port(f), 5, POP_OPTION_EARLY_LOGIN, NULL);
    ck_assert(h != INVALID_CLIENT);
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PLAIN, "alice", "secret"), 0);
    pop_done(f, h);
}
END_TEST

static Suite *early_suite(void)
{
    Suite *s = suite_create("early_login");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, login_goes_before_the_greeting);
    tcase_add_test(tc, login_command_goes_early_too);
    tcase_add_test(tc, refusing_greeting_fails_the_login);
    tcase_add_test(tc, preauth_greeting_needs_no_login);
    tcase_add_test(tc, server_without_sasl_ir_gets_plain_again);
    tcase_add_test(tc, mechanism_not_offered_is_not_supported);
    tcase_add_test(tc, wrong_password_then_right_one);
    tcase_add_test(tc, other_first_call_reads_the_greeting);
    tcase_add_test(tc, no_early_login_without_tls);
    tcase_add_test(tc, pop_login_goes_before_the_greeting);
    tcase_add_test(tc, pop_refusing_greeting_fails_the_login);
    tcase_add_test(tc, pop_mechanism_not_offered);
    tcase_add_test(tc, pop_other_first_call_reads_the_greeting);
    tcase_add_test(tc, pop_no_early_login_without_tls);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(early_suite)
