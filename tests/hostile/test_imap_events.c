/*
 * test_imap_events.c - IDLE for event loops against scripted servers: a
 * change that came with the server's "+" is seen before any wait, later
 * ones once the socket is readable, nothing is waited for, other
 * commands are refused while IDLE runs, a server that ends IDLE itself,
 * one without IDLE, and a disconnect in the middle.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check_main.h"
#include "../common/testsys.h"
#include "../common/testutil.h"
#include "../fake/fake_imap.h"

#define SELECTED(caps)                                                                     \
    SEND("* PREAUTH [CAPABILITY IMAP4rev1" caps "] hi\r\n"), EXPECT("A0001 SELECT INBOX"), \
        SEND("* 3 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n")

/* Waits up to ms for the handle's socket to be readable, as an
 * application's event loop would. */
static int readable(HCLIENT h, int ms)
{
    DWORD_PTR sock = 0;
    ck_assert_int_eq(ImapGetSocket(h, &sock), 0);
    struct pollfd p = {(test_socket)sock, POLLIN, 0};
    return test_poll(&p, 1, ms) > 0;
}

START_TEST(changes_without_waiting)
{
    fake_step s[] = {SELECTED(" IDLE"), EXPECT("A0002 IDLE"), SEND("+ idling\r\n* 4 EXISTS\r\n"),
                     SLEEP(300), SEND("* 2 EXPUNGE\r\n"), EXPECT("DONE"),
                     SEND("* 1 FETCH (FLAGS (\\Seen))\r\nA0002 OK done\r\n"), EXPECT("A0003 NOOP"),
                     SEND("A0003 OK\r\n"), EXPECT("A0004 LOGOUT"), SEND("* BYE\r\nA0004 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    ck_assert_int_eq(ImapIdleStart(h), 0);
    DWORD changes = 0;
    /* the EXISTS that came with "+" is read already: the socket is quiet */
    ck_assert_int_eq(ImapIdleProcess(h, &changes), 1);
    ck_assert_uint_eq(changes, IMAP_CHANGE_NEW);
    ck_assert_int_eq(ImapGetMessageCount(h), 4);
    int64_t t0 = now_ms();
    ck_assert_int_eq(ImapIdleProcess(h, &changes), 1); /* nothing there: no wait */
    ck_assert_uint_eq(changes, 0);
    ck_assert(now_ms() - t0 < 200);
    ck_assert_int_eq(ImapCommandA(h, "NOOP"), IMAP_ERROR); /* IDLE runs */
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_HANDLE_BUSY);
    ck_assert_int_eq(ImapIdleStart(h), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_HANDLE_BUSY);
    ck_assert(readable(h, 5000));
    ck_assert_int_eq(ImapIdleProcess(h, &changes), 1);
    ck_assert_uint_eq(changes, IMAP_CHANGE_EXPUNGED);
    ck_assert_int_eq(ImapGetMessageCount(h), 3);
    ck_assert_int_eq(ImapIdleStop(h, &changes), 0);
    ck_assert_uint_eq(changes, IMAP_CHANGE_FLAGS); /* what came before the OK */
    ck_assert_int_eq(ImapIdleStop(h, &changes), 0); /* stopped already: nothing sent */
    ck_assert_int_eq(ImapCommandA(h, "NOOP"), IMAP_RESULT_OK);
    fake_imap_done(f, h);
}
END_TEST

/* The server ends IDLE itself (servers do after 30 minutes): Process
 * says so with 0, and the session is ready for the next command. */
START_TEST(server_ends_idle)
{
    fake_step s[] = {SELECTED(" IDLE"), EXPECT("A0002 IDLE"), SEND("+ idling\r\n"), SLEEP(100),
                     SEND("* OK still here\r\nA0002 OK IDLE terminated\r\n"), EXPECT("A0003 NOOP"),
                     SEND("A0003 OK\r\n"), EXPECT("A0004 IDLE"), SEND("A0004 NO not now\r\n"),
                     EXPECT("A0005 LOGOUT"), SEND("* BYE\r\nA0005 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    ck_assert_int_eq(ImapIdleStart(h), 0);
    DWORD changes = 9;
    ck_assert(readable(h, 5000));
    int64_t t0 = now_ms();
    while (ImapIdleProcess(h, &changes) == 1 && now_ms() - t0 < 5000)
        (void)readable(h, 100);
    ck_assert_int_eq(ImapIdleProcess(h, &changes), 0);
    ck_assert_int_eq(ImapIdleStop(h, &changes), 0); /* nothing to stop: no DONE */
    ck_assert_int_eq(ImapCommandA(h, "NOOP"), IMAP_RESULT_OK);
    ck_assert_int_eq(ImapIdleStart(h), IMAP_ERROR); /* refused at once: no IDLE runs */
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_COMMAND_REJECTED);
    ck_assert_int_eq(ImapIdleProcess(h, &changes), 0);
    fake_imap_done(f, h);
}
END_TEST

/* No IDLE capability: refused, nothing sent. No mailbox: refused. A
 * disconnect while IDLE runs ends it with DONE before LOGOUT. */
START_TEST(refusals_and_disconnect)
{
    fake_step none[] = {SELECTED(""), EXPECT("A0002 LOGOUT"), SEND("* BYE\r\nA0002 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(none));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapIdleStart(h), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NO_MAILBOX_SELECTED);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    ck_assert_int_eq(ImapIdleStart(h), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_SUPPORTED);
    DWORD_PTR sock = 0;
    ck_assert_int_eq(ImapGetSocket(h, NULL), IMAP_ERROR);
    ck_assert_int_eq(ImapGetSocket(h, &sock), 0);
    fake_imap_done(f, h);

    fake_step s[] = {SELECTED(" IDLE"), EXPECT("A0002 IDLE"), SEND("+ idling\r\n"), EXPECT("DONE"),
                     SEND("A0002 OK\r\n"), EXPECT("A0003 LOGOUT"), SEND("* BYE\r\nA0003 OK\r\n")};
    f = fake_start(FAKE_STEPS(s));
    h = fake_imap_open_selected(f);
    ck_assert_int_eq(ImapIdleStart(h), 0);
    fake_imap_done(f, h);
}
END_TEST

static Suite *events_suite(void)
{
    Suite *s = suite_create("imap_events");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, fake_imap_setup, fake_imap_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, changes_without_waiting);
    tcase_add_test(tc, server_ends_idle);
    tcase_add_test(tc, refusals_and_disconnect);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(events_suite)
