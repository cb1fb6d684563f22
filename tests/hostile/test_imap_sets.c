/*
 * test_imap_sets.c - operations on message sets against scripted servers:
 * STORE, COPY, MOVE and UID EXPUNGE of a set in one command (several,
 * each under 8 KB, for a set too long for one), COPYUID's old -> new UID
 * pairs handed on in order, a COPYUID that does not pair up said without
 * losing the session, arguments refused before anything is sent, and the
 * set builder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../common/check_main.h"
#include "../common/testutil.h"
#include "../fake/fake_imap.h"

#define SELECTED(caps)                                                                     \
    SEND("* PREAUTH [CAPABILITY IMAP4rev1" caps "] hi\r\n"), EXPECT("A0001 SELECT INBOX"), \
        SEND("* 9 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n")

/* The set goes out compacted, in one command; bad sets, flags, options
 * and keywords are refused with nothing sent. */
START_TEST(store_a_set_in_one_command)
{
    fake_step s[] = {SELECTED(""), EXPECT("A0002 STORE 1:5,9 +FLAGS.SILENT (\\Seen \\Deleted)"),
                     SEND("A0002 OK\r\n"), EXPECT("A0003 UID STORE 7:* -FLAGS.SILENT ($Work Later)"),
                     SEND("A0003 OK\r\n"), EXPECT("A0004 UID STORE 3 FLAGS.SILENT ()"),
                     SEND("A0004 OK\r\n"), EXPECT("A0005 LOGOUT"), SEND("* BYE\r\nA0005 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    ck_assert_int_eq(ImapSetMessagesFlagsA(h, "5,1:3,4,9", IMAP_FLAG_SEEN | IMAP_FLAG_DELETED,
                                           IMAP_FLAGS_ADD),
                     0);
    ck_assert_int_eq(ImapSetMessagesKeywordsA(h, "7:*", " $Work  Later ", IMAP_MESSAGE_UID | IMAP_FLAGS_REMOVE),
                     0);
    ck_assert_int_eq(ImapSetMessagesFlagsA(h, "3", 0, IMAP_MESSAGE_UID), 0);
    static const char *const bad_sets[] = {"", "0", "1,", "1:2:3", "4294967296", "1 2", "1\r\nA9 LOGOUT"};
    for (size_t i = 0; i < sizeof bad_sets / sizeof bad_sets[0]; i++) {
        ck_assert_int_eq(ImapSetMessagesFlagsA(h, bad_sets[i], IMAP_FLAG_SEEN, 0), IMAP_ERROR);
        ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    }
    ck_assert_int_eq(ImapSetMessagesFlagsA(h, "1", IMAP_FLAG_RECENT, 0), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapSetMessagesFlagsA(h, "1", IMAP_FLAG_SEEN, IMAP_FLAGS_ADD | IMAP_FLAGS_REMOVE),
                     IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapSetMessagesKeywordsA(h, "1", "ok (bad)", 0), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapSetMessagesKeywordsA(h, "1", NULL, 0), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    fake_imap_done(f, h);
}
END_TEST

/* 20,000 scattered UIDs, built into a set by ImapMakeMessageSet: as many
 * commands as the greedy cut under 7,680 bytes makes, each line under
 * 8 KB, every UID in one of them once, in order. */
START_TEST(long_set_in_commands_under_8kb)
{
    enum { N = 20000 };
    DWORD *uids = malloc(N * sizeof *uids);
    for (DWORD i = 0; i < N; i++)
        uids[N - 1 - i] = 2 * i + 1; /* backwards: the builder puts them in order */
    INT need = ImapMakeMessageSetA(uids, N, NULL, 0);
    ck_assert_int_gt(need, 100000);
    char *set = malloc((size_t)need + 1);
    ck_assert_int_eq(ImapMakeMessageSetA(uids, N, set, need + 1), need);
    int commands = 0;
    for (size_t used = 7680, i = 0; i < N; i++) {
        size_t w = (size_t)snprintf(NULL, 0, "%lu", (unsigned long)(2 * i + 1)) + 1;
        if (used + w > 7680) {
            commands++;
            used = 0;
        }
        used += w;
    }
    fake_step *s = calloc((size_t)commands * 2 + 8, sizeof *s);
    char (*tags)[40] = calloc((size_t)commands + 1, sizeof *tags);
    char (*oks)[40] = calloc((size_t)commands + 1, sizeof *oks);
    size_t k = 0;
    s[k++] = (fake_step)SEND("* PREAUTH [CAPABILITY IMAP4rev1] hi\r\n");
    s[k++] = (fake_step)EXPECT("A0001 SELECT INBOX");
    s[k++] = (fake_step)SEND("* 9 EXISTS\r\nA0001 OK [READ-WRITE] in\r\n");
    for (int c = 0; c < commands; c++) {
        snprintf(tags[c], sizeof tags[c], "A%04d UID STORE ", c + 2);
        snprintf(oks[c], sizeof oks[c], "A%04d OK\r\n", c + 2);
        s[k++] = (fake_step){FS_EXPECT_PREFIX, tags[c], 0, 0};
        s[k++] = (fake_step){FS_SEND, oks[c], 0, 0};
    }
    fake_server *f = fake_start(s, k);
    HCLIENT h = fake_imap_open_selected(f);
    ck_assert_int_eq(ImapSetMessagesFlagsA(h, set, IMAP_FLAG_FLAGGED, IMAP_MESSAGE_UID | IMAP_FLAGS_ADD), 0);
    ImapDisconnect(h);
    fake_finish(f, NULL, 0);
    const char *got = fake_received(f);
    size_t seen = 0;
    int lines = 0;
    for (const char *p = strstr(got, " UID STORE "); p != NULL; p = strstr(p, " UID STORE ")) {
        const char *line = p - 5, *eol = strstr(p, "\r\n");
        ck_assert_int_lt(eol - line + 2, 8192);
        lines++;
        for (p += 11; *p != ' ';) {
            char *after;
            unsigned long v = strtoul(p, &after, 10);
            ck_assert_uint_eq(v, 2 * seen + 1);
            seen++;
            p = *after == ',' ? after + 1 : after;
        }
        p = eol;
    }
    ck_assert_int_eq(lines, commands);
    ck_assert_uint_eq(seen, N);
    fake_free(f);
    free(oks);
    free(tags);
    free(s);
    free(set);
    free(uids);
}
END_TEST

typedef struct pairs {
    DWORD from[8], to[8], validity;
    int n, stop_at;
} pairs;

static BOOL CALLBACK take_pair(HCLIENT h, DWORD validity, DWORD from, DWORD to, DWORD_PTR param)
{
    pairs *p = (pairs *)param;
    (void)h;
    p->validity = validity;
    if (p->n < 8) {
        p->from[p->n] = from;
        p->to[p->n] = to;
    }
    return ++p->n != p->stop_at;
}

/* COPY's tagged COPYUID and MOVE's untagged one: each old UID with its new
 * one, in order; a COPYUID whose sets do not pair up is said, the session
 * kept; the callback stops the pairs, not the copy. */
START_TEST(copyuid_pairs_in_order)
{
    fake_step s[] = {SELECTED(" UIDPLUS MOVE"), EXPECT("A0002 UID COPY 1:3 Archive"),
                     SEND("A0002 OK [COPYUID 77 1:3 10,13:12] done\r\n"),
                     EXPECT("A0003 MOVE 2 Archive"),
                     SEND("* OK [COPYUID 77 5 20] moved\r\n* 2 EXPUNGE\r\nA0003 OK done\r\n"),
                     EXPECT("A0004 UID COPY 1:2 Archive"),
                     SEND("A0004 OK [COPYUID 77 1:2 10] short\r\n"),
                     EXPECT("A0005 UID COPY 4:6 Archive"),
                     SEND("A0005 OK [COPYUID 77 4:6 30:32] done\r\n"), EXPECT("A0006 NOOP"),
                     SEND("A0006 OK\r\n"), EXPECT("A0007 LOGOUT"), SEND("* BYE\r\nA0007 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    pairs p = {{0}, {0}, 0, 0, 0};
    ck_assert_int_eq(ImapCopyMessagesA(h, "3,1:2", "Archive", IMAP_MESSAGE_UID, take_pair, (DWORD_PTR)&p), 3);
    ck_assert_int_eq(p.n, 3);
    ck_assert_uint_eq(p.validity, 77);
    ck_assert_uint_eq(p.from[0], 1);
    ck_assert_uint_eq(p.to[0], 10);
    ck_assert_uint_eq(p.from[2], 3);
    ck_assert_uint_eq(p.to[2], 13);
    pairs m = {{0}, {0}, 0, 0, 0};
    ck_assert_int_eq(ImapMoveMessagesA(h, "2", "Archive", 0, take_pair, (DWORD_PTR)&m), 1);
    ck_assert_uint_eq(m.from[0], 5);
    ck_assert_uint_eq(m.to[0], 20);
    ck_assert_int_eq(ImapGetMessageCount(h), 8);
    pairs bad = {{0}, {0}, 0, 0, 0};
    ck_assert_int_eq(ImapCopyMessagesA(h, "1:2", "Archive", IMAP_MESSAGE_UID, take_pair, (DWORD_PTR)&bad),
                     IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    pairs stop = {{0}, {0}, 0, 0, 2};
    ck_assert_int_eq(ImapCopyMessagesA(h, "4:6", "Archive", IMAP_MESSAGE_UID, take_pair, (DWORD_PTR)&stop),
                     IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_CANCELLED);
    ck_assert_int_eq(stop.n, 2);
    ck_assert_int_eq(ImapCheckMailbox(h), 0);
    fake_imap_done(f, h);
}
END_TEST

/* Without MOVE: COPY, \Deleted, then UID EXPUNGE of just those messages
 * (their UIDs asked for when the set is of sequence numbers); without
 * UIDPLUS, a plain EXPUNGE with the other \Deleted messages' flag lifted
 * around it. */
START_TEST(move_fallback_and_uid_expunge)
{
    fake_step s[] = {SELECTED(" UIDPLUS"), EXPECT("A0002 COPY 2:3 Trash"),
                     SEND("A0002 OK [COPYUID 9 21:22 5:6] done\r\n"),
                     EXPECT("A0003 STORE 2:3 +FLAGS.SILENT (\\Deleted)"), SEND("A0003 OK\r\n"),
                     EXPECT("A0004 UID SEARCH 2:3"), SEND("* SEARCH 21 22\r\nA0004 OK\r\n"),
                     EXPECT("A0005 UID EXPUNGE 21:22"),
                     SEND("* 3 EXPUNGE\r\n* 2 EXPUNGE\r\nA0005 OK\r\n"),
                     EXPECT("A0006 UID EXPUNGE 4:6,8"), SEND("* 4 EXPUNGE\r\nA0006 OK\r\n"),
                     EXPECT("A0007 LOGOUT"), SEND("* BYE\r\nA0007 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    pairs p = {{0}, {0}, 0, 0, 0};
    ck_assert_int_eq(ImapMoveMessagesA(h, "2:3", "Trash", 0, take_pair, (DWORD_PTR)&p), 2);
    ck_assert_uint_eq(p.to[1], 6);
    ck_assert_int_eq(ImapGetMessageCount(h), 7);
    ck_assert_int_eq(ImapExpungeMessagesA(h, "8,4:6"), 0);
    ck_assert_int_eq(ImapGetMessageCount(h), 6);
    fake_imap_done(f, h);

    fake_step by_uid[] = {SELECTED(" UIDPLUS"), EXPECT("A0002 UID COPY 7,9 Trash"),
                          SEND("A0002 OK done\r\n"),
                          EXPECT("A0003 UID STORE 7,9 +FLAGS.SILENT (\\Deleted)"), SEND("A0003 OK\r\n"),
                          EXPECT("A0004 UID EXPUNGE 7,9"), SEND("* 1 EXPUNGE\r\nA0004 OK\r\n"),
                          EXPECT("A0005 LOGOUT"), SEND("* BYE\r\nA0005 OK\r\n")};
    f = fake_start(FAKE_STEPS(by_uid));
    h = fake_imap_open_selected(f);
    ck_assert_int_eq(ImapMoveMessagesA(h, "9,7", "Trash", IMAP_MESSAGE_UID, NULL, 0), 0);
    fake_imap_done(f, h);

    /* no UIDPLUS: the other \Deleted messages keep their flag around a
     * plain EXPUNGE, so only the ones named go */
    fake_step plain[] = {SELECTED(""), EXPECT("A0002 UID SEARCH DELETED"),
                         SEND("* SEARCH 3 7 9\r\nA0002 OK\r\n"),
                         EXPECT("A0003 UID STORE 7,9 -FLAGS.SILENT (\\Deleted)"), SEND("A0003 OK\r\n"),
                         EXPECT("A0004 EXPUNGE"), SEND("* 2 EXPUNGE\r\nA0004 OK\r\n"),
                         EXPECT("A0005 UID STORE 7,9 +FLAGS.SILENT (\\Deleted)"), SEND("A0005 OK\r\n"),
                         EXPECT("A0006 COPY 2:3 Trash"), SEND("A0006 OK\r\n"),
                         EXPECT("A0007 STORE 2:3 +FLAGS.SILENT (\\Deleted)"), SEND("A0007 OK\r\n"),
                         EXPECT("A0008 UID SEARCH 2:3"), SEND("* SEARCH 21 22\r\nA0008 OK\r\n"),
                         EXPECT("A0009 UID SEARCH DELETED"), SEND("* SEARCH 21 22\r\nA0009 OK\r\n"),
                         EXPECT("A0010 EXPUNGE"), SEND("* 3 EXPUNGE\r\n* 2 EXPUNGE\r\nA0010 OK\r\n"),
                         EXPECT("A0011 UID SEARCH DELETED"), SEND("* SEARCH 5\r\nA0011 OK\r\n"),
                         EXPECT("A0012 UID STORE 5 -FLAGS.SILENT (\\Deleted)"), SEND("A0012 OK\r\n"),
                         EXPECT("A0013 EXPUNGE"), SEND("A0013 NO busy\r\n"),
                         EXPECT("A0014 UID STORE 5 +FLAGS.SILENT (\\Deleted)"), SEND("A0014 OK\r\n"),
                         EXPECT("A0015 LOGOUT"), SEND("* BYE\r\nA0015 OK\r\n")};
    f = fake_start(FAKE_STEPS(plain));
    h = fake_imap_open_selected(f);
    ck_assert_int_eq(ImapExpungeMessagesA(h, "1:5"), 0);
    ck_assert_int_eq(ImapGetMessageCount(h), 8);
    ck_assert_int_eq(ImapMoveMessagesA(h, "2:3", "Trash", 0, NULL, 0), 0);
    ck_assert_int_eq(ImapGetMessageCount(h), 6);
    /* the EXPUNGE refused: the flag still comes back, the error is its */
    ck_assert_int_eq(ImapExpungeMessagesA(h, "8"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_COMMAND_REJECTED);
    fake_imap_done(f, h);
}
END_TEST

/* The builder: runs compacted, order and repeats of no account, zeros
 * left out; the length it needs; a buffer too small said. */
START_TEST(make_message_set)
{
    static const DWORD ids[] = {9, 1, 2, 3, 5, 0, 3, 4294967295u};
    char set[64];
    wchar_t wide[64];
    ck_assert_int_eq(ImapMakeMessageSetA(ids, 8, NULL, 0), 18);
    ck_assert_int_eq(ImapMakeMessageSetA(ids, 8, set, sizeof set), 18);
    ck_assert_str_eq(set, "1:3,5,9,4294967295");
    ck_assert_int_eq(ImapMakeMessageSetW(ids, 3, wide, 64), 5);
    ck_assert(wcscmp(wide, L"1:2,9") == 0);
    ck_assert_int_eq(ImapMakeMessageSetA(ids, 8, set, 5), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(ImapMakeMessageSetA(ids, 0, set, sizeof set), 0);
    ck_assert_str_eq(set, "");
    ck_assert_int_eq(ImapMakeMessageSetA(NULL, 3, set, sizeof set), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
}
END_TEST

#define ESEARCH_SELECTED                                                                   \
    SEND("* PREAUTH [CAPABILITY IMAP4rev1 ESEARCH] hi\r\n"), EXPECT("A0001 SELECT INBOX"),    \
        SEND("* 9 EXISTS\r\nA0001 OK [READ-WRITE] in\r\n")

/* A search's matches as a compact set: ESEARCH ranges and SEARCH numbers
 * merged where they touch, the number of matches beside; the length asked
 * for first; too small a buffer said; no match, an empty set. */
START_TEST(search_as_a_set)
{
    fake_step s[] = {ESEARCH_SELECTED, EXPECT("A0002 UID SEARCH RETURN (ALL) ALL"),
                     SEND("* ESEARCH (TAG \"A0002\") UID ALL 1:1000000,1000001,1000005\r\nA0002 OK\r\n"),
                     EXPECT("A0003 UID SEARCH RETURN (ALL) ALL"),
                     SEND("* ESEARCH (TAG \"A0003\") UID ALL 1:1000000,1000001,1000005\r\nA0003 OK\r\n"),
                     EXPECT("A0004 SEARCH RETURN (ALL) DELETED"), SEND("* ESEARCH (TAG \"A0004\")\r\nA0004 OK\r\n"),
                     EXPECT("A0005 SEARCH RETURN (ALL) SEEN"),
                     SEND("* ESEARCH (TAG \"A0005\") ALL 1:9\r\nA0005 OK\r\n"),
                     EXPECT("A0006 LOGOUT"), SEND("* BYE\r\nA0006 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    DWORD matches = 0;
    char set[64];
    ck_assert_int_eq(ImapSearchMessageSetA(h, "ALL", NULL, IMAP_MESSAGE_UID, NULL, 0, &matches), 17);
    ck_assert_int_eq(ImapSearchMessageSetA(h, "ALL", NULL, IMAP_MESSAGE_UID, set, sizeof set, &matches), 17);
    ck_assert_str_eq(set, "1:1000001,1000005");
    ck_assert_uint_eq(matches, 1000002);
    ck_assert_int_eq(ImapSearchMessageSetA(h, "DELETED", NULL, 0, set, sizeof set, &matches), 0);
    ck_assert_str_eq(set, "");
    ck_assert_uint_eq(matches, 0);
    ck_assert_int_eq(ImapSearchMessageSetA(h, "SEEN", NULL, 0, set, 3, NULL), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_BUFFER_TOO_SMALL);
    fake_imap_done(f, h);

    fake_step plain[] = {SELECTED(""), EXPECT("A0002 SEARCH FLAGGED"),
                         SEND("* SEARCH 1 2 3 5 7 8\r\nA0002 OK\r\n"), EXPECT("A0003 LOGOUT"),
                         SEND("* BYE\r\nA0003 OK\r\n")};
    f = fake_start(FAKE_STEPS(plain));
    h = fake_imap_open_selected(f);
    wchar_t wide[32];
    ck_assert_int_eq(ImapSearchMessageSetW(h, L"FLAGGED", NULL, 0, wide, 32, &matches), 9);
    ck_assert(wcscmp(wide, L"1:3,5,7:8") == 0);
    ck_assert_uint_eq(matches, 6);
    fake_imap_done(f, h);
}
END_TEST

static Suite *sets_suite(void)
{
    Suite *s = suite_create("imap_sets");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, fake_imap_setup, fake_imap_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, store_a_set_in_one_command);
    tcase_add_test(tc, long_set_in_commands_under_8kb);
    tcase_add_test(tc, copyuid_pairs_in_order);
    tcase_add_test(tc, move_fallback_and_uid_expunge);
    tcase_add_test(tc, make_message_set);
    tcase_add_test(tc, search_as_a_set);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(sets_suite)
