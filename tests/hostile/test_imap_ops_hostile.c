/*
 * test_imap_ops_hostile.c - IMAP operations against scripted servers, for
 * what Dovecot never does: servers without MOVE, UIDPLUS, UNSELECT, IDLE or
 * LITERAL+, unsolicited updates, connections lost mid-body, NO versus BAD,
 * nesting bombs and numbers beyond 32 bits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check_main.h"
#include "../common/testutil.h"
#include "../fake/fake_imap.h"

#define PREAUTH(caps) SEND("* PREAUTH [CAPABILITY IMAP4rev1 " caps "] hi\r\n")
#define SELECTED(caps, exists)                                                        \
    PREAUTH(caps), EXPECT("A0001 SELECT INBOX"),                                      \
        SEND("* " exists " EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n")

static void setup(void)
{
    ck_assert(ImapInitializeA(NULL, NULL));
}

static void teardown(void)
{
    ImapUninitialize();
    /* whatever the server sent, memory stayed bounded */
    ck_assert_msg(peak_rss_kb() < 96 * 1024, "peak memory %ld KiB", peak_rss_kb());
}

static HCLIENT open_fake(fake_server *f, int select)
{
    HCLIENT h = fake_imap_open(f);
    if (select)
        ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    return h;
}

START_TEST(move_fallback_with_uidplus)
{
    fake_step s[] = {SELECTED("UIDPLUS", "2"), EXPECT("A0002 COPY 2 Archive"), SEND("A0002 OK copied\r\n"),
                     EXPECT("A0003 STORE 2 +FLAGS.SILENT (\\Deleted)"), SEND("A0003 OK\r\n"),
                     EXPECT("A0004 UID SEARCH 2"), SEND("* SEARCH 17\r\nA0004 OK\r\n"),
                     EXPECT("A0005 UID EXPUNGE 17"), SEND("* 2 EXPUNGE\r\nA0005 OK\r\n"),
                     EXPECT("A0006 LOGOUT"), SEND("* BYE\r\nA0006 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 1);
    ck_assert_int_eq(ImapMoveMessageA(h, 2, "Archive", 0), 0);
    ck_assert_int_eq(ImapGetMessageCount(h), 1);
    fake_imap_done(f, h);
}
END_TEST

START_TEST(move_fallback_without_uidplus)
{
    fake_step s[] = {SELECTED("", "2"), EXPECT("A0002 UID COPY 9 Archive"), SEND("A0002 OK\r\n"),
                     EXPECT("A0003 UID STORE 9 +FLAGS.SILENT (\\Deleted)"), SEND("A0003 OK\r\n"),
                     /* no UID EXPUNGE: UID 4, \Deleted before, keeps its flag */
                     EXPECT("A0004 UID SEARCH DELETED"), SEND("* SEARCH 4 9\r\nA0004 OK\r\n"),
                     EXPECT("A0005 UID STORE 4 -FLAGS.SILENT (\\Deleted)"), SEND("A0005 OK\r\n"),
                     EXPECT("A0006 EXPUNGE"), SEND("* 1 EXPUNGE\r\nA0006 OK\r\n"),
                     EXPECT("A0007 UID STORE 4 +FLAGS.SILENT (\\Deleted)"), SEND("A0007 OK\r\n"),
                     EXPECT("A0008 LOGOUT"), SEND("* BYE\r\nA0008 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 1);
    ck_assert_int_eq(ImapMoveMessageA(h, 9, "Archive", IMAP_MESSAGE_UID), 0);
    fake_imap_done(f, h);
}
END_TEST

START_TEST(unselect_fallback_and_updates)
{
    fake_step s[] = {SELECTED("", "2"), EXPECT("A0002 NOOP"),
                     SEND("* 4 EXISTS\r\n* 1 RECENT\r\n* 1 EXPUNGE\r\n* 2 FETCH (FLAGS (\\Seen))\r\nA0002 OK\r\n"),
                     EXPECT("A0003 EXAMINE \"\""), SEND("A0003 NO no such mailbox\r\n"),
                     EXPECT("A0004 LOGOUT"), SEND("* BYE\r\nA0004 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 1);
    event_wait w = {0, 0, 0, NULL};
    ImapRegisterEvent(h, IMAP_EVENT_UPDATE, event_record, (DWORD_PTR)&w);
    ck_assert_int_eq(ImapCheckMailbox(h), 0);
    ck_assert(w.fired && w.id == IMAP_EVENT_UPDATE);
    ck_assert_int_eq(ImapGetMessageCount(h), 3); /* 4 EXISTS, then one expunged */
    ck_assert_int_eq(ImapGetResponseCount(h), 5);
    ck_assert_int_eq(ImapUnselectMailbox(h), 0);
    ck_assert_int_eq(ImapGetMessageCount(h), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NO_MAILBOX_SELECTED);
    fake_imap_done(f, h);
}
END_TEST

START_TEST(idle_polls_without_idle)
{
    fake_step s[] = {SELECTED("", "2"), EXPECT("A0002 NOOP"), SEND("* 3 EXISTS\r\nA0002 OK\r\n"),
                     EXPECT("A0003 LOGOUT"), SEND("* BYE\r\nA0003 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 1);
    DWORD changes = 0;
    ck_assert_int_eq(ImapIdle(h, 1, &changes), 1);
    ck_assert_uint_eq(changes, IMAP_CHANGE_NEW);
    fake_imap_done(f, h);
}
END_TEST

START_TEST(idle_exact_exchange)
{
    fake_step s[] = {SELECTED("IDLE", "2"), EXPECT("A0002 IDLE"), SEND("+ idling\r\n"), SLEEP(200),
                     SEND("* 2 EXPUNGE\r\n"), EXPECT("DONE"), SEND("A0002 OK IDLE done\r\n"),
                     EXPECT("A0003 LOGOUT"), SEND("* BYE\r\nA0003 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 1);
    DWORD changes = 0;
    ck_assert_int_eq(ImapIdle(h, 10, &changes), 1);
    ck_assert_uint_eq(changes, IMAP_CHANGE_EXPUNGED);
    ck_assert_int_eq(ImapGetMessageCount(h), 1);
    fake_imap_done(f, h);
}
END_TEST

START_TEST(append_synchronizing_literal)
{
    fake_step s[] = {PREAUTH(""), EXPECT("A0001 APPEND Sent (\\Seen) {5}"), SEND("+ go ahead\r\n"),
                     EXPECT("hello"), SEND("A0001 OK [APPENDUID 9 42] done\r\n"),
                     EXPECT("A0002 APPEND Sent {5}"), SEND("A0002 NO [TRYCREATE] no mailbox\r\n"),
                     EXPECT("A0003 LOGOUT"), SEND("* BYE\r\nA0003 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 0);
    ck_assert_int_eq(ImapAppendMessageA(h, "Sent", "hello", 5, IMAP_FLAG_SEEN, NULL), 42);
    /* refused before the literal: the client must not send it */
    ck_assert_int_eq(ImapAppendMessageA(h, "Sent", "hello", 5, 0, NULL), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_MAILBOX_NOT_FOUND);
    fake_imap_done(f, h);
}
END_TEST

/* A number past 32 bits in APPENDUID is no UID (0), whatever the width of
 * long: 32 bits on Windows, where strtoul-style reading saturates it to a
 * UID that was never given. */
START_TEST(appenduid_out_of_range)
{
    fake_step s[] = {PREAUTH("LITERAL+"), EXPECT("A0001 APPEND Sent {5+}"), EXPECT("hello"),
                     SEND("A0001 OK [APPENDUID 9 4294967297] done\r\n"),
                     EXPECT("A0002 APPEND Sent {5+}"), EXPECT("hello"),
                     SEND("A0002 OK [APPENDUID 4294967295 77] done\r\n"),
                     EXPECT("A0003 APPEND Sent {5+}"), EXPECT("hello"),
                     SEND("A0003 OK [APPENDUID 99999999999 5] done\r\n"),
                     EXPECT("A0004 LOGOUT"), SEND("* BYE\r\nA0004 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 0);
    ck_assert_int_eq(ImapAppendMessageA(h, "Sent", "hello", 5, 0, NULL), 0);
    ck_assert_int_eq(ImapAppendMessageA(h, "Sent", "hello", 5, 0, NULL), 77);
    ck_assert_int_eq(ImapAppendMessageA(h, "Sent", "hello", 5, 0, NULL), 0);
    fake_imap_done(f, h);
}
END_TEST

START_TEST(no_versus_bad)
{
    fake_step s[] = {PREAUTH(""), EXPECT("A0001 CREATE Box"), SEND("A0001 NO [ALREADYEXISTS] exists\r\n"),
                     EXPECT("A0002 DELETE Box"), SEND("A0002 BAD syntax\r\n"),
                     EXPECT("A0003 LOGOUT"), SEND("* BYE\r\nA0003 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 0);
    ck_assert_int_eq(ImapCreateMailboxA(h, "Box"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_COMMAND_REJECTED);
    ck_assert_int_eq(ImapGetResultCode(h), IMAP_RESULT_NO);
    ck_assert_int_eq(ImapDeleteMailboxA(h, "Box"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_COMMAND_MALFORMED);
    ck_assert_int_eq(ImapGetResultCode(h), IMAP_RESULT_BAD);
    fake_imap_done(f, h);
}
END_TEST

START_TEST(connection_lost_mid_body)
{
    fake_step s[] = {SELECTED("", "2"), EXPECT("A0002 FETCH 1 (BODY.PEEK[])"),
                     SEND("* 1 FETCH (BODY[] {100}\r\npartial data"), CLOSE()};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 1);
    HGLOBAL m = NULL;
    DWORD len = 0;
    ck_assert_int_eq(ImapGetMessage(h, 1, 0, &m, &len, IMAP_MESSAGE_PEEK), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_CONNECTION_CLOSED);
    ck_assert(!ImapIsConnected(h));
    ImapDisconnect(h);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}
END_TEST

START_TEST(nesting_bomb_is_bounded)
{
    static char bomb[300000];
    size_t n = (size_t)sprintf(bomb, "* 1 FETCH (UID 1 BODYSTRUCTURE ");
    for (int i = 0; i < 100000; i++)
        bomb[n++] = '(';
    strcpy(bomb + n, "\r\nA0002 OK\r\n");
    fake_step s[] = {SELECTED("", "1"), EXPECT("A0002 FETCH 1 (UID FLAGS RFC822.SIZE INTERNALDATE)"),
                     SEND(bomb)};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 1);
    IMAPMESSAGE m = {.dwSize = sizeof(IMAPMESSAGE)};
    ck_assert_int_eq(ImapEnumMessages(h, 1, 1, 0, 0, &m, 1), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_RESPONSE_TOO_LARGE); /* a 100 KB line */
    ImapDisconnect(h);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}
END_TEST

START_TEST(numbers_beyond_32_bits)
{
    fake_step s[] = {SELECTED("", "2"), EXPECT("A0002 SEARCH ALL"),
                     SEND("* SEARCH 1 4294967295 1:4294967295\r\nA0002 OK\r\n"), EXPECT("A0003 NOOP"),
                     SEND("* 4294967296 EXISTS\r\nA0003 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 1);
    DWORD r[4] = {0};
    /* a set in a SEARCH answer is never expanded: it ends the numbers */
    ck_assert_int_eq(ImapSearchMailboxA(h, "ALL", NULL, 0, r, 4), 2);
    ck_assert_uint_eq(r[1], 4294967295u);
    ck_assert_int_eq(ImapCheckMailbox(h), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    ImapDisconnect(h);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}
END_TEST

START_TEST(utf8_accept_enabled)
{
    fake_step s[] = {SEND("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi\r\n"),
                     EXPECT_PREFIX("A0001 AUTHENTICATE PLAIN "),
                     SEND("A0001 OK [CAPABILITY IMAP4rev1 UTF8=ACCEPT LITERAL+] in\r\n"),
                     EXPECT("A0002 ENABLE UTF8=ACCEPT"), SEND("* ENABLED UTF8=ACCEPT\r\nA0002 OK\r\n"),
                     EXPECT("A0003 CREATE {9+}"), EXPECT("Entw\xc3\xbc" "rfe"), SEND("A0003 OK\r\n"),
                     EXPECT("A0004 SELECT INBOX"), SEND("* 1 EXISTS\r\nA0004 OK [READ-WRITE] in\r\n"),
                     /* RFC 6855: no CHARSET once UTF8=ACCEPT is on */
                     EXPECT("A0005 SEARCH SUBJECT {3+}"), EXPECT("\xc3\xbc" "r"),
                     SEND("* SEARCH 1\r\nA0005 OK\r\n"),
                     EXPECT("A0006 SEARCH SUBJECT x"), SEND("* SEARCH\r\nA0006 OK\r\n"),
                     EXPECT("A0007 LOGOUT"), SEND("* BYE\r\nA0007 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 0);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "u", "p"), 0);
    ck_assert_int_eq(ImapCreateMailboxA(h, "Entw\xc3\xbc" "rfe"), 0); /* UTF-8, not &APw- */
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    ck_assert_int_eq(ImapSearchMailboxA(h, "SUBJECT \"\xc3\xbc" "r\"", NULL, 0, NULL, 0), 1);
    ck_assert_int_eq(ImapSearchMailboxA(h, "SUBJECT x", "utf-8", 0, NULL, 0), 0);
    ck_assert_int_eq(ImapSearchMailboxA(h, "SUBJECT x", "ISO-8859-1", 0, NULL, 0), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    fake_imap_done(f, h);
}
END_TEST

/* A mailbox of a million and a half messages: its SEARCH line is 10 MB,
 * far over the line limit. Its numbers are counted and stored as they
 * arrive, memory does not grow with them, and the session goes on. */
START_TEST(search_line_of_ten_megabytes)
{
    static char reply[11u << 20];
    unsigned long n;
    size_t len = search_line(reply, 10u << 20, &n);
    strcpy(reply + len, "\r\nA0002 OK done\r\n");
    fake_step s[] = {SELECTED("", "1"), EXPECT("A0002 UID SEARCH ALL"), SEND(reply),
                     EXPECT("A0003 UID SEARCH UID 5"), SEND("* SEARCH 5\r\nA0003 OK\r\n"),
                     EXPECT("A0004 LOGOUT"), SEND("* BYE\r\nA0004 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 1);
    DWORD uids[100];
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(ImapSearchMailboxA(h, "ALL", NULL, IMAP_MESSAGE_UID, uids, 100), (INT)n);
    long grown = peak_rss_kb() - before;
    ck_assert_uint_eq(uids[0], 1);
    ck_assert_uint_eq(uids[99], 100);
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB for a %lu-byte line", grown,
                  (unsigned long)len);
    ck_assert_int_eq(ImapSearchMailboxA(h, "UID 5", NULL, IMAP_MESSAGE_UID, uids, 100), 1);
    ck_assert_uint_eq(uids[0], 5);
    fake_imap_done(f, h);
}
END_TEST

/* An expunge of 100,000 messages answers with 100,000 untagged EXPUNGEs:
 * each is taken as it comes, in bounded memory, and the count follows. */
START_TEST(hundred_thousand_expunges)
{
    static char reply[100000 * 14 + 64];
    size_t len = 0;
    for (int i = 0; i < 100000; i++)
        len += (size_t)sprintf(reply + len, "* 1 EXPUNGE\r\n");
    strcpy(reply + len, "A0002 OK expunged\r\n");
    fake_step s[] = {SELECTED("", "100001"), EXPECT("A0002 EXPUNGE"), SEND(reply),
                     EXPECT("A0003 LOGOUT"), SEND("* BYE\r\nA0003 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 1);
    ck_assert_int_eq(ImapGetMessageCount(h), 100001);
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(ImapExpungeMailbox(h), 0);
    long grown = peak_rss_kb() - before;
    ck_assert_int_eq(ImapGetMessageCount(h), 1);
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB for 100,000 EXPUNGEs", grown);
    fake_imap_done(f, h);
}
END_TEST

START_TEST(list_status_in_one_round_trip)
{
    fake_step s[] = {PREAUTH("LIST-STATUS"),
                     EXPECT("A0001 LIST \"\" \"*\" RETURN (STATUS (MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT))"),
                     SEND("* LIST () \"/\" INBOX\r\n* STATUS INBOX (MESSAGES 3 UNSEEN 1 UIDVALIDITY 9 UIDNEXT 4)\r\n"
                          "* LIST (\\Noselect) \"/\" Folders\r\n"
                          "* LIST () \"/\" \"Folders/Entw&APw-rfe\"\r\n"
                          "* STATUS \"Folders/Entw&APw-rfe\" (MESSAGES 7 UNSEEN 0 UIDVALIDITY 2 UIDNEXT 8)\r\n"
                          "A0001 OK done\r\n"),
                     EXPECT("A0002 STATUS Folders (MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT)"),
                     SEND("A0002 NO [NONEXISTENT] not selectable\r\n"),
                     EXPECT("A0003 NOOP"), SEND("A0003 OK\r\n"),
                     EXPECT("A0004 STATUS Folders/Entw&APw-rfe (MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT)"),
                     SEND("* STATUS \"Folders/Entw&APw-rfe\" (MESSAGES 8)\r\nA0004 OK\r\n"),
                     EXPECT("A0005 LOGOUT"), SEND("* BYE\r\nA0005 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 0);
    char name[64];
    DWORD flags;
    IMAPMAILBOXSTATUS st = {.dwSize = sizeof(IMAPMAILBOXSTATUS)};
    ck_assert_int_ge(ImapGetFirstMailboxA(h, "", "*", IMAP_LIST_STATUS, name, sizeof name, &flags), 0);
    ck_assert_str_eq(name, "INBOX");
    ck_assert_int_eq(ImapGetMailboxStatusA(h, "INBOX", &st), 0); /* from the listing */
    ck_assert_uint_eq(st.nMessages, 3);
    ck_assert_uint_eq(st.nUnseenMessages, 1);
    ck_assert_uint_eq(st.dwMailboxUID, 9);
    ck_assert_int_ge(ImapGetNextMailboxA(h, name, sizeof name, &flags), 0);
    ck_assert_str_eq(name, "Folders");
    /* no STATUS came for it: asked for, and refused */
    ck_assert_int_eq(ImapGetMailboxStatusA(h, "Folders", &st), IMAP_ERROR);
    ck_assert_int_ge(ImapGetNextMailboxA(h, name, sizeof name, &flags), 0);
    ck_assert_str_eq(name, "Folders/Entw\xc3\xbc" "rfe");
    ck_assert_int_eq(ImapCommandA(h, "NOOP"), IMAP_RESULT_OK);
    /* a command since the listing: its STATUS no longer holds, so it is asked again */
    ck_assert_int_eq(ImapGetMailboxStatusA(h, "Folders/Entw\xc3\xbc" "rfe", &st), 0);
    ck_assert_uint_eq(st.nMessages, 8);
    fake_imap_done(f, h);
}
END_TEST

/* Lists with IMAP_LIST_STATUS against script, then asks INBOX's count. */
static UINT inbox_count_after_listing(const fake_step *script, size_t n)
{
    fake_server *f = fake_start(script, n);
    HCLIENT h = open_fake(f, 0);
    char name[64];
    IMAPMAILBOXSTATUS st = {.dwSize = sizeof(IMAPMAILBOXSTATUS)};
    ck_assert_int_ge(ImapGetFirstMailboxA(h, "", "*", IMAP_LIST_STATUS, name, sizeof name, NULL), 0);
    ck_assert_int_eq(ImapGetMailboxStatusA(h, "INBOX", &st), 0);
    fake_imap_done(f, h);
    return st.nMessages;
}

START_TEST(list_status_malformed_is_dropped)
{
    fake_step s[] = {PREAUTH("LIST-STATUS"), EXPECT_PREFIX("A0001 LIST \"\" \"*\" RETURN (STATUS "),
                     SEND("* LIST () \"/\" INBOX\r\n* STATUS INBOX MESSAGES 3\r\nA0001 OK\r\n"),
                     EXPECT_PREFIX("A0002 STATUS INBOX "),
                     SEND("* STATUS INBOX (MESSAGES 4)\r\nA0002 OK\r\n"),
                     EXPECT("A0003 LOGOUT"), SEND("* BYE\r\nA0003 OK\r\n")};
    /* asked for with STATUS, since none came with the listing */
    ck_assert_uint_eq(inbox_count_after_listing(s, sizeof s / sizeof s[0]), 4);
}
END_TEST

START_TEST(list_status_needs_the_capability)
{
    fake_step s[] = {PREAUTH(""), EXPECT("A0001 LIST \"\" \"*\""),
                     SEND("* LIST () \"/\" INBOX\r\nA0001 OK\r\n"),
                     EXPECT("A0002 STATUS INBOX (MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT)"),
                     SEND("* STATUS INBOX (MESSAGES 1)\r\nA0002 OK\r\n"),
                     EXPECT("A0003 LOGOUT"), SEND("* BYE\r\nA0003 OK\r\n")};
    ck_assert_uint_eq(inbox_count_after_listing(s, sizeof s / sizeof s[0]), 1);
}
END_TEST

START_TEST(flood_of_untagged_responses)
{
    /* 200,000 untagged responses: bounded memory, bounded work */
    static char flood[200000 * 11 + 64]; /* "* OK nnnn\r\n" is 11 bytes */
    size_t n = 0;
    for (int i = 0; i < 200000; i++)
        n += (size_t)sprintf(flood + n, "* OK %04d\r\n", i % 10000);
    strcpy(flood + n, "A0001 OK done\r\n");
    fake_step s[] = {PREAUTH(""), EXPECT("A0001 NOOP"), SEND(flood), EXPECT("A0002 LOGOUT"),
                     SEND("* BYE\r\nA0002 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = open_fake(f, 0);
    int64_t t0 = now_ms();
    ck_assert_int_eq(ImapCommandA(h, "NOOP"), IMAP_RESULT_OK);
    ck_assert(now_ms() - t0 < 10000);
    ck_assert_int_eq(ImapGetResponseCount(h), 4096); /* the lines kept are capped */
    fake_imap_done(f, h);
}
END_TEST

static Suite *ops_suite(void)
{
    Suite *s = suite_create("imap_ops_hostile");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, move_fallback_with_uidplus);
    tcase_add_test(tc, move_fallback_without_uidplus);
    tcase_add_test(tc, unselect_fallback_and_updates);
    tcase_add_test(tc, idle_polls_without_idle);
    tcase_add_test(tc, idle_exact_exchange);
    tcase_add_test(tc, append_synchronizing_literal);
    tcase_add_test(tc, appenduid_out_of_range);
    tcase_add_test(tc, no_versus_bad);
    tcase_add_test(tc, connection_lost_mid_body);
    tcase_add_test(tc, nesting_bomb_is_bounded);
    tcase_add_test(tc, numbers_beyond_32_bits);
    tcase_add_test(tc, utf8_accept_enabled);
    tcase_add_test(tc, flood_of_untagged_responses);
    tcase_add_test(tc, list_status_in_one_round_trip);
    tcase_add_test(tc, search_line_of_ten_megabytes);
    tcase_add_test(tc, hundred_thousand_expunges);
    tcase_add_test(tc, list_status_needs_the_capability);
    tcase_add_test(tc, list_status_malformed_is_dropped);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(ops_suite)
