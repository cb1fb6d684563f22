/*
 * test_pop_listing.c - PopListMessages against scripted servers: a
 * maildrop of 200,000 messages listed in flat memory, sizes and UIDLs
 * joined message by message; a malformed line or a message one listing
 * leaves out costs that message, not the session; the callback stops it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check_main.h"
#include "../common/testutil.h"
#include "../fake/fakeserver.h"

#define CAPA "+OK\r\nUSER\r\n.\r\n"
#define LOGGED_IN SEND("+OK hi\r\n"), EXPECT("CAPA"), SEND(CAPA), EXPECT("USER u"), \
    SEND("+OK\r\n"), EXPECT("PASS p"), SEND("+OK in\r\n"), EXPECT("CAPA"), SEND(CAPA)

static void setup(void)
{
    ck_assert(PopInitializeA(NULL, NULL));
}

static void teardown(void)
{
    PopUninitialize();
}

static HCLIENT session_for(fake_server *f)
{
    HCLIENT h = PopConnectA("127.0.0.1", fake_port(f), 30, 0, NULL);
    ck_assert(h != INVALID_CLIENT);
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PASS, "u", "p"), 0);
    return h;
}

static void pop_done(fake_server *f, HCLIENT h)
{
    PopDisconnect(h);
    char why[256];
    ck_assert_msg(fake_finish(f, why, sizeof why), "%s", why);
    fake_free(f);
}

/* What the callback saw: message numbers in order, each one's size and
 * UIDL as the script made them ("size" 100 + n, UIDL "uid-n"). */
typedef struct seen {
    UINT next;
    UINT stop_at; /* 0: never stops */
    int wrong;
    int want_sizes, want_uids;
    char uids[8][POP_UID_LENGTH + 1]; /* the first few, as handed on */
} seen;

static BOOL CALLBACK take_message(HCLIENT h, const POPMESSAGEINFO *m, DWORD_PTR param)
{
    seen *s = (seen *)param;
    char want[32];
    (void)h;
    snprintf(want, sizeof want, "uid-%u", m->nMessageId);
    s->wrong |= m->dwSize != sizeof *m || m->nMessageId < s->next;
    s->wrong |= m->dwMessageSize != (s->want_sizes ? 100 + m->nMessageId : 0);
    s->wrong |= strcmp(m->szUid, s->want_uids ? want : "") != 0;
    if (m->nMessageId <= 8)
        memcpy(s->uids[m->nMessageId - 1], m->szUid, sizeof m->szUid);
    s->next = m->nMessageId + 1;
    return m->nMessageId != s->stop_at;
}

/* "+OK\r\n" and a LIST (uidl 0) or UIDL line for each of messages
 * 1..n, but skip, then ".\r\n". */
static char *listing(unsigned n, int uidl, unsigned skip)
{
    char *b = malloc((size_t)n * 24 + 16);
    size_t len = (size_t)sprintf(b, "+OK\r\n");
    for (unsigned i = 1; i <= n; i++)
        if (i != skip)
            len += uidl ? (size_t)sprintf(b + len, "%u uid-%u\r\n", i, i)
                        : (size_t)sprintf(b + len, "%u %u\r\n", i, 100 + i);
    strcpy(b + len, ".\r\n");
    return b;
}

enum { BIG = 200000 };

/* Sizes and UIDLs of 200,000 messages, each message handed on once with
 * both, in order; each listing alone; memory flat but for 4 bytes a
 * message while the two are joined. */
START_TEST(two_hundred_thousand_in_flat_memory)
{
    char *list = listing(BIG, 0, 0), *uidl = listing(BIG, 1, 0);
    fake_step s[] = {LOGGED_IN,       EXPECT("STAT"), SEND("+OK 200000 4000000\r\n"),
                     EXPECT("LIST"),  SEND(list),     EXPECT("UIDL"),
                     SEND(uidl),      EXPECT("LIST"), SEND(list),
                     EXPECT("UIDL"),  SEND(uidl),     EXPECT("QUIT"),
                     SEND("+OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    seen both = {1, 0, 0, 1, 1, {{0}}};
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(PopListMessages(h, POP_LIST_DEFAULT, take_message, (DWORD_PTR)&both), BIG);
    long grown = peak_rss_kb() - before;
    ck_assert(!both.wrong);
    ck_assert_uint_eq(both.next, BIG + 1);
    ck_assert_str_eq(both.uids[0], "uid-1");
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB", grown);
    seen sizes = {1, 0, 0, 1, 0, {{0}}};
    ck_assert_int_eq(PopListMessages(h, POP_LIST_SIZES, take_message, (DWORD_PTR)&sizes), BIG);
    ck_assert(!sizes.wrong);
    seen uids = {1, 0, 0, 0, 1, {{0}}};
    ck_assert_int_eq(PopListMessages(h, POP_LIST_UIDS, take_message, (DWORD_PTR)&uids), BIG);
    ck_assert(!uids.wrong);
    ck_assert_uint_eq(uids.next, BIG + 1);
    pop_done(f, h);
    free(list);
    free(uidl);
}
END_TEST

/* A UIDL line with a terminal escape in it, a LIST line without a size, a
 * message UIDL leaves out: each costs that message (the others are handed
 * on), the call says ST_ERROR_PROTOCOL_VIOLATION, the session goes on. */
START_TEST(broken_lines_cost_one_message)
{
    fake_step s[] = {LOGGED_IN, EXPECT("STAT"), SEND("+OK 4 400\r\n"), EXPECT("LIST"),
                     SEND("+OK\r\n1 101\r\n2 102\r\n3 x\r\n4 104\r\n.\r\n"), EXPECT("UIDL"),
                     SEND("+OK\r\n1 uid-1\r\n2 uid-\x1b]0;owned\x07\r\n3 uid-3\r\n9 uid-9\r\n.\r\n"),
                     EXPECT("NOOP"), SEND("+OK\r\n"), EXPECT("QUIT"), SEND("+OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    seen c = {1, 0, 0, 1, 1, {{0}}};
    ck_assert_int_eq(PopListMessages(h, 0, take_message, (DWORD_PTR)&c), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert(!c.wrong);
    ck_assert_str_eq(c.uids[0], "uid-1"); /* 1 only: 2's UIDL, 3's size, 4's UIDL are lost */
    ck_assert_str_eq(c.uids[1], "");
    ck_assert_str_eq(c.uids[2], "");
    ck_assert_str_eq(c.uids[3], "");
    ck_assert_uint_eq(c.next, 2);
    ck_assert_int_eq(PopCommandA(h, "NOOP"), POP_RESULT_OK);
    pop_done(f, h);
}
END_TEST

/* A message UIDL leaves out, all else well formed: the others handed on,
 * the loss said. */
START_TEST(message_left_out_of_uidl)
{
    fake_step s[] = {LOGGED_IN, EXPECT("STAT"), SEND("+OK 2 200\r\n"), EXPECT("LIST"),
                     SEND("+OK\r\n1 101\r\n2 102\r\n.\r\n"), EXPECT("UIDL"),
                     SEND("+OK\r\n1 uid-1\r\n.\r\n"), EXPECT("QUIT"), SEND("+OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    seen c = {1, 0, 0, 1, 1, {{0}}};
    ck_assert_int_eq(PopListMessages(h, 0, take_message, (DWORD_PTR)&c), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert(!c.wrong);
    ck_assert_uint_eq(c.next, 2);
    pop_done(f, h);
}
END_TEST

/* FALSE from the callback: nothing more is handed on, the answer is read
 * to its end, ST_ERROR_CANCELLED, the session goes on; bad arguments are
 * refused before anything is sent. */
START_TEST(stopped_by_the_callback)
{
    char *uidl = listing(1000, 1, 0);
    fake_step s[] = {LOGGED_IN,      EXPECT("STAT"), SEND("+OK 1000 9\r\n"), EXPECT("UIDL"),
                     SEND(uidl),     EXPECT("NOOP"), SEND("+OK\r\n"),        EXPECT("QUIT"),
                     SEND("+OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    seen c = {1, 5, 0, 0, 1, {{0}}};
    ck_assert_int_eq(PopListMessages(h, POP_LIST_UIDS, take_message, (DWORD_PTR)&c), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_CANCELLED);
    ck_assert_uint_eq(c.next, 6);
    ck_assert_int_eq(PopListMessages(h, 0, NULL, 0), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(PopListMessages(h, 4, take_message, (DWORD_PTR)&c), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(PopCommandA(h, "NOOP"), POP_RESULT_OK);
    pop_done(f, h);
    free(uidl);
}
END_TEST

/* An empty maildrop lists nothing, successfully. */
START_TEST(empty_maildrop)
{
    fake_step s[] = {LOGGED_IN,           EXPECT("STAT"),  SEND("+OK 0 0\r\n"), EXPECT("LIST"),
                     SEND("+OK\r\n.\r\n"), EXPECT("UIDL"), SEND("+OK\r\n.\r\n"), EXPECT("QUIT"),
                     SEND("+OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    seen c = {1, 0, 0, 1, 1, {{0}}};
    ck_assert_int_eq(PopListMessages(h, 0, take_message, (DWORD_PTR)&c), 0);
    ck_assert_uint_eq(c.next, 1);
    pop_done(f, h);
}
END_TEST

static Suite *pop_listing_suite(void)
{
    Suite *s = suite_create("pop_listing");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, two_hundred_thousand_in_flat_memory);
    tcase_add_test(tc, broken_lines_cost_one_message);
    tcase_add_test(tc, message_left_out_of_uidl);
    tcase_add_test(tc, stopped_by_the_callback);
    tcase_add_test(tc, empty_maildrop);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(pop_listing_suite)
