/*
 * test_deadlines.c - every call ends. A server that trickles bytes just
 * inside each step's timeout (a byte of body at a time, an untagged OK
 * now and then, a POP3 line now and then) is stopped by the call's
 * overall deadline or by the minimum transfer rate, with ST_ERROR_TIMEOUT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check_main.h"
#include "../common/testutil.h"
#include "../fake/fake_imap.h"

#define PREAUTH SEND("* PREAUTH [CAPABILITY IMAP4rev1] hi\r\n")

static void setup(void)
{
    ck_assert(ImapInitializeA(NULL, NULL));
    ck_assert(PopInitializeA(NULL, NULL));
}

static void teardown(void)
{
    ImapUninitialize();
    PopUninitialize();
}

static double now_s(void)
{
    return (double)now_ms() / 1000.0;
}

/* The call that began at t0 failed with err, in [lo, hi) seconds. */
static void assert_timed_out(double t0, INT result, DWORD err, double lo, double hi)
{
    double took = now_s() - t0;
    ck_assert_int_eq(result, -1);
    ck_assert_uint_eq(err, ST_ERROR_TIMEOUT);
    ck_assert_msg(took >= lo && took < hi, "took %.1f s", took);
}

START_TEST(limits_are_per_handle)
{
    fake_step s[] = {PREAUTH, EXPECT("A0001 LOGOUT"), SEND("* BYE\r\nA0001 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    DWORD max = 1, rate = 1, window = 1;
    ck_assert_int_eq(ImapGetTransferLimits(h, &max, &rate, &window), 0);
    ck_assert_uint_eq(max, IMAP_MAX_TIME_DEFAULT);
    ck_assert_uint_eq(rate, IMAP_LOW_SPEED_LIMIT_DEFAULT);
    ck_assert_uint_eq(window, IMAP_LOW_SPEED_TIME_DEFAULT);
    ck_assert_int_eq(ImapSetTransferLimits(h, 60, 10, 0), IMAP_ERROR); /* a rate needs a window */
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapSetTransferLimits(h, 60, 10, 5), 0);
    ck_assert_int_eq(ImapGetTransferLimits(h, &max, &rate, &window), 0);
    ck_assert(max == 60 && rate == 10 && window == 5);
    fake_imap_done(f, h);
}
END_TEST

/* 10 bytes a second inside a body, each within the 5-second step timeout:
 * under the 100 bytes a second asked for over 2 seconds. */
START_TEST(body_trickle_hits_the_rate)
{
    static char body[301];
    memset(body, 'x', 300);
    fake_step s[] = {PREAUTH, EXPECT("A0001 SELECT INBOX"),
                     SEND("* 1 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0002 UID FETCH 5 (BODY[])"),
                     SEND("* 1 FETCH (UID 5 BODY[] {300}\r\n"), SLOW(body, 100)};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    ck_assert_int_eq(ImapSetTransferLimits(h, 0, 100, 2), 0);
    char buf[400];
    DWORD len = sizeof buf;
    double t0 = now_s();
    INT r = ImapGetMessage(h, 5, 0, buf, &len, IMAP_MESSAGE_UID);
    assert_timed_out(t0, r, ImapGetLastError(), 1.5, 6);
    fake_imap_abandon(f, h);
}
END_TEST

/* An untagged OK every 300 ms keeps each step alive; the call's 2-second
 * deadline ends the SELECT. */
START_TEST(untagged_chatter_hits_the_deadline)
{
    fake_step s[] = {PREAUTH, EXPECT("A0001 SELECT INBOX"),
                     SLOW("* OK still here\r\n* OK still here\r\n* OK still here\r\n* OK still here\r\n"
                          "* OK still here\r\n* OK still here\r\n* OK still here\r\n* OK still here\r\n",
                          40),
                     SEND("A0001 OK [READ-WRITE] in\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapSetTransferLimits(h, 2, 0, 0), 0);
    double t0 = now_s();
    INT r = ImapSelectMailboxA(h, "INBOX", NULL);
    assert_timed_out(t0, r, ImapGetLastError(), 1.5, 4);
    fake_imap_abandon(f, h);
}
END_TEST

/* Silence is each step's business, not the rate's: a server that thinks
 * for 1.5 s and then answers at once is not cut off by a 1-second window. */
START_TEST(silence_is_not_a_trickle)
{
    fake_step s[] = {PREAUTH, EXPECT("A0001 NOOP"), SLEEP(1500), SEND("A0001 OK done\r\n"),
                     EXPECT("A0002 LOGOUT"), SEND("* BYE\r\nA0002 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapSetTransferLimits(h, 0, 1000, 1), 0);
    ck_assert_int_eq(ImapCommandA(h, "NOOP"), IMAP_RESULT_OK);
    fake_imap_done(f, h);
}
END_TEST

/* A POP3 body line every 300 ms: the 2-second deadline ends the RETR. */
START_TEST(pop_line_trickle_hits_the_deadline)
{
    fake_step s[] = {SEND("+OK hi\r\n"), EXPECT("CAPA"), SEND("+OK\r\nUSER\r\n.\r\n"), EXPECT("USER u"),
                     SEND("+OK\r\n"), EXPECT("PASS p"), SEND("+OK in\r\n"), EXPECT("CAPA"),
                     SEND("+OK\r\nUSER\r\n.\r\n"), EXPECT("STAT"),
                     SEND("+OK 1 100\r\n"), EXPECT("RETR 1"),
                     SLOW("+OK\r\nline 1\r\nline 2\r\nline 3\r\nline 4\r\nline 5\r\nline 6\r\n"
                          "line 7\r\nline 8\r\n.\r\n",
                          60)};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = PopConnectA("127.0.0.1", fake_port(f), 5, 0, NULL);
    ck_assert(h != INVALID_CLIENT);
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PASS, "u", "p"), 0);
    ck_assert_int_eq(PopSetTransferLimits(h, 2, 0, 0), 0);
    char buf[200];
    DWORD len = sizeof buf;
    double t0 = now_s();
    INT r = PopGetMessage(h, 1, buf, &len, 0);
    assert_timed_out(t0, r, PopGetLastError(), 1.5, 4);
    PopDisconnect(h);
    fake_finish(f, NULL, 0); /* the script was cut short on purpose */
    fake_free(f);
}
END_TEST

/* IDLE waits as long as its caller asked, whatever the call limits: the
 * chatter of a live IDLE is not a stalled transfer. */
START_TEST(idle_keeps_its_own_timeout)
{
    fake_step s[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1 IDLE] hi\r\n"), EXPECT("A0001 SELECT INBOX"),
                     SEND("* 1 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0002 IDLE"), SEND("+ idling\r\n"),
                     SLOW("* OK still here\r\n* OK still here\r\n", 60), EXPECT("DONE"),
                     SEND("A0002 OK idle done\r\n"), EXPECT("A0003 LOGOUT"), SEND("* BYE\r\nA0003 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    ck_assert_int_eq(ImapSetTransferLimits(h, 1, 1000, 1), 0);
    DWORD changes = 7;
    ck_assert_int_eq(ImapIdle(h, 3, &changes), 0);
    ck_assert_uint_eq(changes, 0);
    fake_imap_done(f, h);
}
END_TEST

static Suite *deadline_suite(void)
{
    Suite *s = suite_create("deadlines");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, limits_are_per_handle);
    tcase_add_test(tc, body_trickle_hits_the_rate);
    tcase_add_test(tc, untagged_chatter_hits_the_deadline);
    tcase_add_test(tc, silence_is_not_a_trickle);
    tcase_add_test(tc, pop_line_trickle_hits_the_deadline);
    tcase_add_test(tc, idle_keeps_its_own_timeout);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(deadline_suite)
