/*
 * test_imap_integrity.c - what a server can do to make a client lose or
 * misfile mail: FETCH items in any order, UIDs and sizes out of range,
 * an APPEND "accepted" before its literal was sent, holes in an
 * enumeration, a SEARCH that grows between two calls, a mailbox name that
 * decodes to NUL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check_main.h"
#include "../common/testutil.h"
#include "../fake/fake_imap.h"

#define PREAUTH(caps) SEND("* PREAUTH [CAPABILITY IMAP4rev1 " caps "] hi\r\n")
#define LOGOUT(tag) EXPECT(tag " LOGOUT"), SEND("* BYE\r\n" tag " OK\r\n")
#define SELECTED(exists)                                                              \
    PREAUTH(""), EXPECT("A0001 SELECT INBOX"),                                        \
        SEND("* " exists " EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n")

/* What the fetch callback saw: each message's bytes and its final call. */
typedef struct seen {
    char data[4][16];
    DWORD final_uid[4];
    int finals;
    int chunks_after_final; /* data for a message whose final call came */
} seen;

static BOOL CALLBACK on_fetch(HCLIENT h, const IMAPFETCHDATA *d, DWORD_PTR param)
{
    seen *c = (seen *)param;
    (void)h;
    ck_assert(d->nMessageId >= 1 && d->nMessageId <= 4);
    if (d->bLastChunk) {
        c->final_uid[d->nMessageId - 1] = d->dwUid;
        c->finals++;
        return TRUE;
    }
    ck_assert_uint_lt(d->dwOffset + d->dwLength, sizeof c->data[0]);
    memcpy(c->data[d->nMessageId - 1] + d->dwOffset, d->lpvData, d->dwLength);
    return TRUE;
}

/* RFC 9051 lets items come in any order: the UID after the body is still
 * the message's UID, and each message keeps its own. */
START_TEST(uid_after_the_body)
{
    fake_step s[] = {SELECTED("2"), EXPECT("A0002 UID FETCH 1:* (UID FLAGS BODY.PEEK[])"),
                     SEND("* 1 FETCH (FLAGS (\\Seen) BODY[] {5}\r\nhello UID 7)\r\n"
                          "* 2 FETCH (BODY[] {3}\r\nbye FLAGS () UID 9)\r\nA0002 OK\r\n"),
                     LOGOUT("A0003")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    seen c = {0};
    ck_assert_int_eq(ImapFetchMessagesA(h, "1:*", IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK, on_fetch,
                                        (DWORD_PTR)&c), 2);
    ck_assert_int_eq(c.finals, 2);
    ck_assert_uint_eq(c.final_uid[0], 7);
    ck_assert_uint_eq(c.final_uid[1], 9);
    ck_assert_str_eq(c.data[0], "hello");
    ck_assert_str_eq(c.data[1], "bye");
    fake_imap_done(f, h);
}
END_TEST

/* A UID past 32 bits, or 0, is never turned into another UID: the body
 * already streamed ends with a final call of UID 0, the others arrive,
 * and the call fails as a protocol violation. */
START_TEST(uid_out_of_range)
{
    fake_step s[] = {SELECTED("3"), EXPECT("A0002 UID FETCH 1:* (UID FLAGS BODY.PEEK[])"),
                     SEND("* 1 FETCH (UID 4294967295 BODY[] {3}\r\none)\r\n"
                          "* 2 FETCH (BODY[] {3}\r\ntwo UID 99999999999)\r\n"
                          "* 3 FETCH (BODY[] {5}\r\nthree UID 0)\r\nA0002 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    seen c = {0};
    ck_assert_int_eq(ImapFetchMessagesA(h, "1:*", IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK, on_fetch,
                                        (DWORD_PTR)&c), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_int_eq(c.finals, 3);
    ck_assert_uint_eq(c.final_uid[0], 4294967295u);
    ck_assert_uint_eq(c.final_uid[1], 0);
    ck_assert_uint_eq(c.final_uid[2], 0);
    fake_imap_abandon(f, h);
}
END_TEST

START_TEST(size_out_of_range)
{
    fake_step s[] = {SELECTED("1"), EXPECT("A0002 FETCH 1 (UID FLAGS RFC822.SIZE INTERNALDATE)"),
                     SEND("* 1 FETCH (UID 3 FLAGS () RFC822.SIZE 18446744073709551616 "
                          "INTERNALDATE \"01-Jan-2024 00:00:00 +0000\")\r\nA0002 OK\r\n"),
                     LOGOUT("A0003")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    DWORD size = 77;
    ck_assert_int_eq(ImapGetMessageSize(h, 1, &size, 0), IMAP_ERROR);
    ck_assert_uint_eq(size, 77);
    fake_imap_done(f, h);
}
END_TEST

/* The server's OK came before it asked for the literal: the message was
 * never sent, so the APPEND did not happen. */
START_TEST(append_ok_before_continuation)
{
    fake_step s[] = {PREAUTH(""), EXPECT("A0001 APPEND Sent {5}"), SEND("A0001 OK appended\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapAppendMessageA(h, "Sent", "hello", 5, 0, NULL), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_ptr_null(strstr(fake_received(f), "hello"));
    fake_imap_abandon(f, h);
}
END_TEST

/* Message 2 is missing from the answer and message 3 breaks the grammar:
 * the count is the entries filled, and they come first. */
START_TEST(enum_count_is_entries_filled)
{
    fake_step s[] = {SELECTED("4"), EXPECT("A0002 FETCH 1:4 (UID FLAGS RFC822.SIZE INTERNALDATE)"),
                     SEND("* 1 FETCH (UID 11 FLAGS () RFC822.SIZE 5 INTERNALDATE \"01-Jan-2024 00:00:00 +0000\")\r\n"
                          "* 3 FETCH (UID 4294967296 FLAGS () RFC822.SIZE 5)\r\n"
                          "* 4 FETCH (UID 14 FLAGS (\\Seen) RFC822.SIZE 6 INTERNALDATE \" 5-Jan-2024 00:00:00 +0000\")\r\n"
                          "A0002 OK\r\n"),
                     LOGOUT("A0003")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    IMAPMESSAGE m[4] = {{.dwSize = sizeof(IMAPMESSAGE)}};
    memset(m, 0xAB, sizeof m);
    m[0].dwSize = sizeof m[0];
    ck_assert_int_eq(ImapEnumMessages(h, 1, 4, 0, 0, m, 4), 2);
    ck_assert_uint_eq(m[0].dwUid, 11);
    ck_assert_uint_eq(m[1].dwUid, 14);
    ck_assert_uint_eq(m[1].nMessageId, 4);
    ck_assert_uint_eq(m[1].dwFlags, IMAP_FLAG_SEEN);
    ck_assert_str_eq(m[1].szInternalDate, "05-Jan-2024 00:00:00 +0000"); /* Cyrus' " 5-Jan" */
    ck_assert_uint_eq(m[2].nMessageId, 0);
    ck_assert_uint_eq(m[3].dwUid, 0);
    fake_imap_done(f, h);
}
END_TEST

/* The return value is how many matched; only nMax are stored. */
START_TEST(search_stores_at_most_nmax)
{
    fake_step s[] = {SELECTED("9"), EXPECT("A0002 UID SEARCH ALL"),
                     SEND("* SEARCH 4 5 6 7 8\r\nA0002 OK\r\n"), EXPECT("A0003 UID SEARCH ALL"),
                     SEND("* SEARCH 4 4294967296\r\nA0003 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    DWORD r[4] = {0, 0, 0, 0};
    ck_assert_int_eq(ImapSearchMailboxA(h, "ALL", NULL, IMAP_MESSAGE_UID, r, 2), 5);
    ck_assert_uint_eq(r[0], 4);
    ck_assert_uint_eq(r[1], 5);
    ck_assert_uint_eq(r[2], 0); /* nothing past nMax */
    ck_assert_int_eq(ImapSearchMailboxA(h, "ALL", NULL, IMAP_MESSAGE_UID, r, 4), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    fake_imap_abandon(f, h);
}
END_TEST

/* "&AAA-" decodes to NUL: that entry is dropped, not cut to "Bad", and
 * the listing goes on. */
START_TEST(mailbox_name_with_nul_is_dropped)
{
    fake_step s[] = {PREAUTH(""), EXPECT("A0001 LIST \"\" \"*\""),
                     SEND("* LIST () \"/\" Bad&AAA-Name\r\n* LIST () \"/\" Good\r\nA0001 OK\r\n"),
                     LOGOUT("A0002")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    char name[64];
    DWORD flags;
    ck_assert_int_ge(ImapGetFirstMailboxA(h, "", "*", 0, name, sizeof name, &flags), 0);
    ck_assert_str_eq(name, "Good");
    ck_assert_int_eq(ImapGetNextMailboxA(h, name, sizeof name, &flags), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NO_MORE_MAILBOXES);
    fake_imap_done(f, h);
}
END_TEST

static Suite *integrity_suite(void)
{
    Suite *s = suite_create("imap_integrity");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, fake_imap_setup, fake_imap_teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, uid_after_the_body);
    tcase_add_test(tc, uid_out_of_range);
    tcase_add_test(tc, size_out_of_range);
    tcase_add_test(tc, append_ok_before_continuation);
    tcase_add_test(tc, enum_count_is_entries_filled);
    tcase_add_test(tc, search_stores_at_most_nmax);
    tcase_add_test(tc, mailbox_name_with_nul_is_dropped);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(integrity_suite)
