/*
 * test_pop_hostile.c - POP3 against scripted servers: STLS stripping,
 * refusal and injection, bad greetings, RESP-CODES, APOP timestamps,
 * CAPA floods, and what the trace shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check_main.h"
#include "../common/testutil.h"
#include "../fake/fakeserver.h"

#define CAPA_NO_STLS "+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n"

static void setup(void)
{
    ck_assert(PopInitializeA(NULL, NULL));
}

static void teardown(void)
{
    PopUninitialize();
}

static void expect_connect_failure(const fake_step *script, size_t n, DWORD options, DWORD want,
                                   const char *sent)
{
    fake_server *f = fake_start(script, n);
    HCLIENT h = PopConnectA("127.0.0.1", fake_port(f), 5, options, NULL);
    ck_assert(h == INVALID_CLIENT);
    DWORD err = PopGetLastError();
    ck_assert_msg(err == want, "error 0x%x, wanted 0x%x", (unsigned)err, (unsigned)want);
    fake_finish(f, NULL, 0);
    if (sent != NULL)
        ck_assert_str_eq(fake_received(f), sent);
    ck_assert(strstr(fake_received(f), "USER") == NULL);
    ck_assert(strstr(fake_received(f), "PASS") == NULL);
    ck_assert(strstr(fake_received(f), "APOP") == NULL);
    fake_free(f);
}

START_TEST(stls_not_advertised)
{
    fake_step s[] = {SEND("+OK ready\r\n"), EXPECT("CAPA"), SEND(CAPA_NO_STLS)};
    expect_connect_failure(FAKE_STEPS(s), POP_OPTION_SECURE_EXPLICIT, ST_ERROR_SECURE_NOT_SUPPORTED,
                           "CAPA\r\n");
}
END_TEST

START_TEST(capa_refused)
{
    fake_step s[] = {SEND("+OK ready\r\n"), EXPECT("CAPA"), SEND("-ERR unknown command\r\n")};
    expect_connect_failure(FAKE_STEPS(s), POP_OPTION_SECURE_EXPLICIT, ST_ERROR_SECURE_NOT_SUPPORTED,
                           "CAPA\r\n");
}
END_TEST

START_TEST(stls_refused)
{
    fake_step s[] = {SEND("+OK ready\r\n"), EXPECT("CAPA"), SEND("+OK\r\nSTLS\r\nUSER\r\n.\r\n"),
                     EXPECT("STLS"), SEND("-ERR [SYS/TEMP] not now\r\n")};
    expect_connect_failure(FAKE_STEPS(s), POP_OPTION_SECURE_EXPLICIT, ST_ERROR_SECURE_NOT_SUPPORTED,
                           "CAPA\r\nSTLS\r\n");
}
END_TEST

START_TEST(stls_injection)
{
    fake_step s[] = {SEND("+OK ready\r\n"), EXPECT("CAPA"), SEND("+OK\r\nSTLS\r\nUSER\r\n.\r\n"),
                     EXPECT("STLS"), SEND("+OK begin\r\n+OK [injected] logged in\r\n")};
    expect_connect_failure(FAKE_STEPS(s), POP_OPTION_SECURE_EXPLICIT, ST_ERROR_PROTOCOL_VIOLATION,
                           "CAPA\r\nSTLS\r\n");
}
END_TEST

START_TEST(greetings)
{
    fake_step err_greeting[] = {SEND("-ERR [SYS/TEMP] maintenance\r\n")};
    expect_connect_failure(FAKE_STEPS(err_greeting), 0, ST_ERROR_SERVER_UNAVAILABLE, "");
    fake_step garbage[] = {SEND("* OK this is IMAP\r\n")};
    expect_connect_failure(FAKE_STEPS(garbage), 0, ST_ERROR_PROTOCOL_VIOLATION, "");
    fake_step almost[] = {SEND("+OKAY\r\n")};
    expect_connect_failure(FAKE_STEPS(almost), 0, ST_ERROR_PROTOCOL_VIOLATION, "");
    fake_step closed[] = {CLOSE()};
    expect_connect_failure(FAKE_STEPS(closed), 0, ST_ERROR_CONNECTION_CLOSED, "");
}
END_TEST

START_TEST(capa_flood)
{
    static char flood[200000];
    size_t n = (size_t)snprintf(flood, sizeof flood, "+OK\r\n");
    for (int i = 0; i < 5000 && n < sizeof flood - 16; i++)
        n += (size_t)snprintf(flood + n, sizeof flood - n, "X%d\r\n", i);
    fake_step s[] = {SEND("+OK ready\r\n"), EXPECT("CAPA"), SEND(flood)};
    expect_connect_failure(FAKE_STEPS(s), 0, ST_ERROR_RESPONSE_TOO_LARGE, "CAPA\r\n");
}
END_TEST

/* Connect, then one login attempt against a scripted reply. */
static DWORD login_against(const char *greeting, const char *capa, const fake_step *tail,
                           size_t ntail, UINT type, const char *user, const char *pass,
                           char *sent, size_t sentcap, trace_log *log)
{
    fake_step s[16] = {SEND(greeting), EXPECT("CAPA"), SEND(capa)};
    memcpy(s + 3, tail, ntail * sizeof *tail);
    fake_server *f = fake_start(s, 3 + ntail);
    HCLIENT h = PopConnectA("127.0.0.1", fake_port(f), 5, 0, NULL);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)PopGetLastError());
    if (log != NULL)
        PopRegisterStatusProc(h, trace_collect, (DWORD_PTR)log);
    DWORD err = PopLoginA(h, type, user, pass) == 0 ? 0 : PopGetLastError();
    PopDisconnect(h);
    fake_finish(f, NULL, 0);
    snprintf(sent, sentcap, "%s", fake_received(f));
    fake_free(f);
    return err;
}

START_TEST(resp_codes)
{
    char sent[512];
    fake_step in_use[] = {EXPECT("USER alice"), SEND("+OK\r\n"), EXPECT("PASS secret"),
                          SEND("-ERR [IN-USE] Mailbox is locked\r\n")};
    ck_assert_uint_eq(login_against("+OK hi\r\n", CAPA_NO_STLS, FAKE_STEPS(in_use), POP_AUTH_PASS,
                                    "alice", "secret", sent, sizeof sent, NULL),
                      ST_ERROR_MAILBOX_IN_USE);
    fake_step auth[] = {EXPECT("USER alice"), SEND("+OK\r\n"), EXPECT("PASS secret"),
                        SEND("-ERR [AUTH] Invalid credentials\r\n")};
    ck_assert_uint_eq(login_against("+OK hi\r\n", CAPA_NO_STLS, FAKE_STEPS(auth), POP_AUTH_PASS,
                                    "alice", "secret", sent, sizeof sent, NULL),
                      ST_ERROR_AUTH_FAILED);
    fake_step temp[] = {EXPECT("USER alice"), SEND("-ERR [SYS/TEMP] try later\r\n")};
    ck_assert_uint_eq(login_against("+OK hi\r\n", CAPA_NO_STLS, FAKE_STEPS(temp), POP_AUTH_PASS,
                                    "alice", "secret", sent, sizeof sent, NULL),
                      ST_ERROR_SERVER_UNAVAILABLE);
    ck_assert(strstr(sent, "PASS") == NULL); /* USER failed: no password sent */
    fake_step plain[] = {EXPECT("USER alice"), SEND("+OK\r\n"), EXPECT("PASS secret"),
                         SEND("-ERR no\r\n")};
    ck_assert_uint_eq(login_against("+OK hi\r\n", CAPA_NO_STLS, FAKE_STEPS(plain), POP_AUTH_PASS,
                                    "alice", "secret", sent, sizeof sent, NULL),
                      ST_ERROR_AUTH_FAILED);
}
END_TEST

START_TEST(apop_default_and_trace)
{
    char sent[512];
    trace_log *log = calloc(1, sizeof *log);
    fake_step tail[] = {EXPECT("APOP tim c4c9334bac560ecc979e58001b3e22fb"), SEND("+OK maildrop\r\n"),
                        EXPECT("QUIT"), SEND("+OK bye\r\n")};
    ck_assert_uint_eq(login_against("+OK POP3 ready <1896.697170952@dbc.mtview.ca.us>\r\n",
                                    "+OK\r\nUSER\r\n.\r\n", FAKE_STEPS(tail), POP_AUTH_DEFAULT,
                                    "tim", "tanstaaf", sent, sizeof sent, log),
                      0);
    ck_assert(strstr(log->text, "C: APOP tim ***") != NULL);
    ck_assert(strstr(log->text, "c4c9334b") == NULL);
    free(log);
}
END_TEST

START_TEST(apop_stamp_bounded)
{
    /* An oversized timestamp is not an APOP offer: DEFAULT uses USER/PASS. */
    char greeting[600] = "+OK <";
    memset(greeting + 5, 'a', 400);
    strcpy(greeting + 405, "@x>\r\n");
    char sent[512];
    fake_step tail[] = {EXPECT("USER tim"), SEND("+OK\r\n"), EXPECT("PASS tanstaaf"),
                        SEND("+OK\r\n")};
    ck_assert_uint_eq(login_against(greeting, "+OK\r\nUSER\r\n.\r\n", FAKE_STEPS(tail),
                                    POP_AUTH_DEFAULT, "tim", "tanstaaf", sent, sizeof sent, NULL),
                      0);
    fake_step none[] = {SLEEP(1)};
    ck_assert_uint_eq(login_against("+OK no stamp\r\n", "+OK\r\nUSER\r\n.\r\n", FAKE_STEPS(none),
                                    POP_AUTH_APOP, "tim", "x", sent, sizeof sent, NULL),
                      ST_ERROR_AUTH_NOT_SUPPORTED);
}
END_TEST

START_TEST(sasl_plain_initial_response)
{
    char sent[512];
    trace_log *log = calloc(1, sizeof *log);
    fake_step tail[] = {EXPECT("AUTH PLAIN AGFsaWNlAHNlY3JldA=="), SEND("+OK welcome\r\n")};
    ck_assert_uint_eq(login_against("+OK hi\r\n", "+OK\r\nSASL PLAIN\r\n.\r\n", FAKE_STEPS(tail),
                                    POP_AUTH_DEFAULT, "alice", "secret", sent, sizeof sent, log),
                      0);
    ck_assert(strstr(log->text, "C: AUTH PLAIN ***") != NULL);
    ck_assert(strstr(log->text, "AGFsaWNl") == NULL);
    free(log);
}
END_TEST

START_TEST(sasl_bad_challenge)
{
    char sent[512];
    fake_step tail[] = {EXPECT("AUTH CRAM-MD5"), SEND("+ %%% not base64\r\n"), EXPECT("*"),
                        SEND("-ERR cancelled\r\n")};
    ck_assert_uint_eq(login_against("+OK hi\r\n", "+OK\r\nSASL CRAM-MD5\r\n.\r\n", FAKE_STEPS(tail),
                                    POP_AUTH_CRAM_MD5, "alice", "secret", sent, sizeof sent, NULL),
                      ST_ERROR_PROTOCOL_VIOLATION);
}
END_TEST

START_TEST(no_usable_mechanism)
{
    char sent[512];
    fake_step none[] = {SLEEP(1)};
    ck_assert_uint_eq(login_against("+OK hi\r\n", "+OK\r\nTOP\r\n.\r\n", FAKE_STEPS(none),
                                    POP_AUTH_DEFAULT, "alice", "secret", sent, sizeof sent, NULL),
                      ST_ERROR_AUTH_NOT_SUPPORTED);
    ck_assert(strstr(sent, "secret") == NULL);
}
END_TEST

static Suite *pop_suite(void)
{
    Suite *s = suite_create("pop_hostile");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, stls_not_advertised);
    tcase_add_test(tc, capa_refused);
    tcase_add_test(tc, stls_refused);
    tcase_add_test(tc, stls_injection);
    tcase_add_test(tc, greetings);
    tcase_add_test(tc, capa_flood);
    tcase_add_test(tc, resp_codes);
    tcase_add_test(tc, apop_default_and_trace);
    tcase_add_test(tc, apop_stamp_bounded);
    tcase_add_test(tc, sasl_plain_initial_response);
    tcase_add_test(tc, sasl_bad_challenge);
    tcase_add_test(tc, no_usable_mechanism);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(pop_suite)
