/*
 * test_imap_pipeline.c - ImapSelectAndFetch against scripted servers. The
 * scripts answer only once both commands are in, so a client that waited
 * for the SELECT answer before sending the FETCH would hang: passing proves
 * one round trip. Also: a failed SELECT, an empty mailbox, answers out of
 * order, and the literal that forces the two commands apart.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check_main.h"
#include "../common/testutil.h"
#include "../fake/fake_imap.h"

#define PREAUTH(caps) SEND("* PREAUTH [CAPABILITY IMAP4rev1 " caps "] hi\r\n")
#define LOGOUT(tag) EXPECT(tag " LOGOUT"), SEND("* BYE\r\n" tag " OK\r\n")
#define SELECT_OK(exists) "* " exists " EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n"

typedef struct collected {
    char data[4][16];
    DWORD uid[4];
    DWORD flags[4];
    int finals;
} collected;

static BOOL CALLBACK on_fetch(HCLIENT h, const IMAPFETCHDATA *d, DWORD_PTR param)
{
    collected *c = (collected *)param;
    (void)h;
    ck_assert(d->nMessageId >= 1 && d->nMessageId <= 4);
    char *slot = c->data[d->nMessageId - 1];
    if (d->bLastChunk) {
        c->uid[d->nMessageId - 1] = d->dwUid;
        c->flags[d->nMessageId - 1] = d->dwFlags;
        c->finals++;
    } else {
        ck_assert_uint_lt(d->dwOffset + d->dwLength, sizeof c->data[0]);
        memcpy(slot + d->dwOffset, d->lpvData, d->dwLength);
    }
    return TRUE;
}

static void setup(void)
{
    ck_assert(ImapInitializeA(NULL, NULL));
}

static void teardown(void)
{
    ImapUninitialize();
}

START_TEST(one_round_trip)
{
    fake_step s[] = {PREAUTH(""), EXPECT("A0001 SELECT INBOX"),
                     EXPECT("A0002 FETCH 1:2 (UID FLAGS BODY.PEEK[])"),
                     SEND(SELECT_OK("2") "* 1 FETCH (UID 7 FLAGS (\\Seen) BODY[] {5}\r\nhello)\r\n"
                                         "* 2 FETCH (UID 9 FLAGS () BODY[] {3}\r\nbye)\r\n"
                                         "A0002 OK done\r\n"),
                     LOGOUT("A0003")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    collected c = {0};
    IMAPMAILBOX mb = {.dwSize = sizeof(IMAPMAILBOX)};
    memset(&mb, 0xAA, sizeof mb);
    mb.dwSize = sizeof mb;
    ck_assert_int_eq(ImapSelectAndFetchA(h, "INBOX", &mb, "1:2", IMAP_MESSAGE_PEEK, on_fetch,
                                         (DWORD_PTR)&c),
                     2);
    ck_assert_uint_eq(mb.nMessages, 2);
    ck_assert_uint_eq(mb.dwMailboxUID, 5);
    ck_assert_uint_eq(mb.dwAccessMode, IMAP_ACCESS_READWRITE);
    ck_assert_str_eq(c.data[0], "hello");
    ck_assert_str_eq(c.data[1], "bye");
    ck_assert_uint_eq(c.uid[0], 7);
    ck_assert_uint_eq(c.uid[1], 9);
    ck_assert_uint_eq(c.flags[0], IMAP_FLAG_SEEN);
    ck_assert_int_eq(c.finals, 2);
    ck_assert_int_eq(ImapGetMessageCount(h), 2); /* the mailbox stays selected */
    ck_assert_int_eq(ImapGetResultCode(h), IMAP_RESULT_OK);
    fake_imap_done(f, h);
}
END_TEST

START_TEST(examine_by_uid_wide)
{
    fake_step s[] = {PREAUTH(""), EXPECT("A0001 EXAMINE Archive"),
                     EXPECT("A0002 UID FETCH 9 (UID FLAGS BODY[HEADER])"),
                     SEND("* 1 EXISTS\r\nA0001 OK [READ-ONLY] in\r\n"
                          "* 1 FETCH (UID 9 FLAGS () BODY[HEADER] {4}\r\nA: b)\r\nA0002 OK\r\n"),
                     LOGOUT("A0003")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    collected c = {0};
    IMAPMAILBOX mb = {.dwSize = sizeof(IMAPMAILBOX)};
    ck_assert_int_eq(ImapSelectAndFetchW(h, L"Archive", &mb, L"9",
                                         IMAP_SELECT_READONLY | IMAP_MESSAGE_UID | IMAP_SECTION_HEADER,
                                         on_fetch, (DWORD_PTR)&c),
                     1);
    ck_assert_uint_eq(mb.dwAccessMode, IMAP_ACCESS_READONLY);
    ck_assert_str_eq(c.data[0], "A: b");
    fake_imap_done(f, h);
}
END_TEST

START_TEST(failed_select_selects_nothing)
{
    /* Selected before; the new SELECT fails, so the FETCH cannot touch the
     * old mailbox: the server refuses it, and so does the client after. */
    fake_step s[] = {PREAUTH(""), EXPECT("A0001 SELECT INBOX"), SEND(SELECT_OK("3")),
                     EXPECT("A0002 SELECT Nope"), EXPECT("A0003 FETCH 1:* (UID FLAGS BODY[])"),
                     SEND("A0002 NO [NONEXISTENT] Mailbox doesn't exist\r\n"
                          "A0003 BAD No mailbox selected\r\n"),
                     LOGOUT("A0004")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    collected c = {0};
    ck_assert_int_eq(ImapSelectAndFetchA(h, "Nope", NULL, "1:*", 0, on_fetch, (DWORD_PTR)&c),
                     IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_MAILBOX_NOT_FOUND);
    char text[128];
    ImapGetResultStringA(h, text, sizeof text); /* the SELECT's answer, not the FETCH's */
    ck_assert_ptr_nonnull(strstr(text, "NONEXISTENT"));
    ck_assert_int_eq(c.finals, 0);
    ck_assert_int_eq(ImapFetchMessagesA(h, "1", 0, on_fetch, (DWORD_PTR)&c), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NO_MAILBOX_SELECTED);
    fake_imap_done(f, h);
}
END_TEST

START_TEST(empty_mailbox_delivers_nothing)
{
    fake_step s[] = {PREAUTH(""), EXPECT("A0001 SELECT Empty"),
                     EXPECT("A0002 FETCH 1:* (UID FLAGS BODY[])"),
                     SEND(SELECT_OK("0") "A0002 BAD Error in IMAP command FETCH: Invalid messageset\r\n"),
                     EXPECT("A0003 FETCH 1 (UID FLAGS BODY[])"),
                     SEND("A0003 BAD Error in IMAP command FETCH: Invalid messageset\r\n"),
                     LOGOUT("A0004")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    collected c = {0};
    ck_assert_int_eq(ImapSelectAndFetchA(h, "Empty", NULL, "1:*", 0, on_fetch, (DWORD_PTR)&c), 0);
    ck_assert_int_eq(ImapGetMessageCount(h), 0);
    /* all of nothing is nothing; message 1 of nothing is missing */
    ck_assert_int_eq(ImapFetchMessagesA(h, "1", 0, on_fetch, (DWORD_PTR)&c), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_MESSAGE_NOT_FOUND);
    fake_imap_done(f, h);
}
END_TEST

START_TEST(answers_out_of_order)
{
    fake_step s[] = {PREAUTH(""), EXPECT("A0001 SELECT INBOX"),
                     EXPECT("A0002 FETCH 1 (UID FLAGS BODY[])"),
                     SEND("A0002 OK forged\r\nA0001 OK in\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    collected c = {0};
    ck_assert_int_eq(ImapSelectAndFetchA(h, "INBOX", NULL, "1", 0, on_fetch, (DWORD_PTR)&c),
                     IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_int_eq(ImapGetMessageCount(h), IMAP_ERROR); /* out of step: closed */
    ImapDisconnect(h);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}
END_TEST

START_TEST(synchronizing_literal_goes_first)
{
    /* A UTF-8 name without LITERAL+ waits for "+": no pipelining then. */
    fake_step s[] = {SEND("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi\r\n"),
                     EXPECT_PREFIX("A0001 AUTHENTICATE PLAIN "),
                     SEND("A0001 OK [CAPABILITY IMAP4rev1 UTF8=ACCEPT] in\r\n"),
                     EXPECT("A0002 ENABLE UTF8=ACCEPT"), SEND("* ENABLED UTF8=ACCEPT\r\nA0002 OK\r\n"),
                     EXPECT("A0003 SELECT {9}"), SEND("+ go\r\n"), EXPECT("Entw\xc3\xbc" "rfe"),
                     SEND("* 1 EXISTS\r\nA0003 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0004 FETCH 1 (UID FLAGS BODY[])"),
                     SEND("* 1 FETCH (UID 3 FLAGS () BODY[] {2}\r\nhi)\r\nA0004 OK\r\n"),
                     LOGOUT("A0005")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "u", "p"), 0);
    collected c = {0};
    ck_assert_int_eq(ImapSelectAndFetchA(h, "Entw\xc3\xbc" "rfe", NULL, "1", 0, on_fetch,
                                         (DWORD_PTR)&c),
                     1);
    ck_assert_str_eq(c.data[0], "hi");
    fake_imap_done(f, h);
}
END_TEST

START_TEST(bad_arguments_send_nothing)
{
    fake_step s[] = {PREAUTH(""), LOGOUT("A0001")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    collected c = {0};
    ck_assert_int_eq(ImapSelectAndFetchA(h, NULL, NULL, "1", 0, on_fetch, (DWORD_PTR)&c), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapSelectAndFetchA(h, "INBOX", NULL, "1 BODY[]", 0, on_fetch, (DWORD_PTR)&c),
                     IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapSelectAndFetchA(h, "INBOX", NULL, "1", IMAP_FLAGS_ADD, on_fetch,
                                         (DWORD_PTR)&c),
                     IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapSelectAndFetchA(h, "IN\r\nBOX", NULL, "1", 0, on_fetch, (DWORD_PTR)&c),
                     IMAP_ERROR);
    ck_assert_int_eq(ImapSelectAndFetchA(h, "INBOX", NULL, "1", 0, NULL, 0), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    fake_imap_done(f, h);
}
END_TEST

static Suite *pipeline_suite(void)
{
    Suite *s = suite_create("imap_pipeline");
    TCase *tc = tcase_create("select_and_fetch");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, one_round_trip);
    tcase_add_test(tc, examine_by_uid_wide);
    tcase_add_test(tc, failed_select_selects_nothing);
    tcase_add_test(tc, empty_mailbox_delivers_nothing);
    tcase_add_test(tc, answers_out_of_order);
    tcase_add_test(tc, synchronizing_literal_goes_first);
    tcase_add_test(tc, bad_arguments_send_nothing);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(pipeline_suite)
