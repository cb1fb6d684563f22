/*
 * test_imap_quirks.c - what real servers send that a strict reading gets
 * wrong: mailbox attributes and special-use roles in any case, a mailbox
 * named NIL (Dovecot lists it as an atom), a LIST line that breaks the
 * grammar among good ones, a body section sent as a quoted string
 * (Gmail, for small parts), sections with parentheses or not asked
 * for, and answers about messages not asked for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check_main.h"
#include "../common/testutil.h"
#include "../fake/fake_imap.h"

#define PREAUTH SEND("* PREAUTH [CAPABILITY IMAP4rev1] hi\r\n")
#define LOGOUT(tag) EXPECT(tag " LOGOUT"), SEND("* BYE\r\n" tag " OK\r\n")

static void setup(void)
{
    ck_assert(ImapInitializeA(NULL, NULL));
}

static void teardown(void)
{
    ImapUninitialize();
}

/* The listing, as "name=flags" lines, into out. */
static void listing(HCLIENT h, char *out, size_t cap)
{
    char name[128];
    DWORD flags;
    size_t n = 0;
    out[0] = '\0';
    for (INT r = ImapGetFirstMailboxA(h, "", "*", 0, name, sizeof name, &flags); r >= 0;
         r = ImapGetNextMailboxA(h, name, sizeof name, &flags))
        n += (size_t)snprintf(out + n, cap - n, "%s=%lx\n", name, (unsigned long)flags);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NO_MORE_MAILBOXES);
}

START_TEST(attributes_and_roles)
{
    fake_step s[] = {PREAUTH, EXPECT("A0001 LIST \"\" \"*\""),
                     SEND("* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n"
                          "* LIST (\\noselect \\HASCHILDREN) \"/\" Archive\r\n"
                          "* LIST (\\Marked \\Trash \\Junk) \"/\" Trash\r\n"
                          "* LIST (\\NonExistent \\Drafts \\All \\Flagged \\Archive) \"/\" Gone\r\n"
                          "A0001 OK\r\n"),
                     LOGOUT("A0002")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    char got[512], want[512];
    listing(h, got, sizeof got);
    snprintf(want, sizeof want, "Sent=%lx\nArchive=%lx\nTrash=%lx\nGone=%lx\n",
             (unsigned long)(IMAP_FLAG_HASNOCHILDREN | IMAP_FLAG_SENT),
             (unsigned long)(IMAP_FLAG_NOSELECT | IMAP_FLAG_HASCHILDREN),
             (unsigned long)(IMAP_FLAG_MARKED | IMAP_FLAG_TRASH | IMAP_FLAG_JUNK),
             (unsigned long)(IMAP_FLAG_NONEXISTENT | IMAP_FLAG_DRAFTS | IMAP_FLAG_ALL |
                             IMAP_FLAG_FLAGGED_MAILBOX | IMAP_FLAG_ARCHIVE));
    ck_assert_str_eq(got, want);
    fake_imap_done(f, h);
}
END_TEST

/* NIL as a name is a mailbox called NIL; a line without its attribute list
 * is dropped; the listing and the session go on. */
START_TEST(nil_name_and_broken_line)
{
    fake_step s[] = {PREAUTH, EXPECT("A0001 LIST \"\" \"*\""),
                     SEND("* LIST () \"/\" NIL\r\n* LIST garbage here\r\n* LIST (\\HasNoChildren) \"/\" INBOX\r\n"
                          "A0001 OK\r\n"),
                     EXPECT("A0002 NOOP"), SEND("A0002 OK\r\n"), LOGOUT("A0003")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    char got[256];
    listing(h, got, sizeof got);
    char want[64];
    snprintf(want, sizeof want, "NIL=0\nINBOX=%lx\n", (unsigned long)IMAP_FLAG_HASNOCHILDREN);
    ck_assert_str_eq(got, want);
    ck_assert_int_eq(ImapCommandA(h, "NOOP"), IMAP_RESULT_OK);
    fake_imap_done(f, h);
}
END_TEST

static BOOL CALLBACK gather(HCLIENT h, const IMAPFETCHDATA *d, DWORD_PTR param)
{
    char *out = (char *)param;
    (void)h;
    if (d->bLastChunk)
        snprintf(out + strlen(out), 64, "|uid=%lu", (unsigned long)d->dwUid);
    else
        strncat(out, (const char *)d->lpvData, d->dwLength);
    return TRUE;
}

/* A body section as a quoted string is the body, unescaped - not 0 bytes. */
START_TEST(quoted_string_body)
{
    fake_step s[] = {PREAUTH, EXPECT("A0001 SELECT INBOX"),
                     SEND("* 2 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0002 UID FETCH 7 (BODY.PEEK[1.TEXT])"),
                     SEND("* 1 FETCH (UID 7 BODY[1.TEXT] \"hi \\\"you\\\" \\\\o/\")\r\nA0002 OK\r\n"),
                     EXPECT("A0003 FETCH 1:2 (UID FLAGS BODY[])"),
                     SEND("* 1 FETCH (UID 7 FLAGS () BODY[] \"short\")\r\n"
                          "* 2 FETCH (UID 8 FLAGS () BODY[] {4}\r\nlong)\r\nA0003 OK\r\n"),
                     LOGOUT("A0004")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    char buf[64] = "";
    DWORD len = sizeof buf - 1;
    ck_assert_int_ge(ImapGetMessage(h, 7, 1, buf, &len, IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK |
                                                       IMAP_SECTION_BODY), 0);
    ck_assert_uint_eq(len, 12);
    buf[len] = '\0';
    ck_assert_str_eq(buf, "hi \"you\" \\o/");
    char all[128] = "";
    ck_assert_int_eq(ImapFetchMessagesA(h, "1:2", 0, gather, (DWORD_PTR)all), 2);
    ck_assert_str_eq(all, "short|uid=7long|uid=8");
    fake_imap_done(f, h);
}
END_TEST

/* A section with parentheses in its name is one item; sections nobody
 * asked for (streamed literals included) are skipped, never mixed into
 * the message asked for, and the session goes on. */
START_TEST(unasked_sections_skipped)
{
    fake_step s[] = {PREAUTH, EXPECT("A0001 SELECT INBOX"),
                     SEND("* 2 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0002 UID FETCH 7 (BODY.PEEK[HEADER])"),
                     SEND("* 1 FETCH (UID 7 BODY[HEADER.FIELDS (REFERENCES X-MAILER)] {9}\r\nX-M: a\r\n"
                          " BODY[HEADER]<0> {6}\r\nS: x\r\n)\r\nA0002 OK\r\n"),
                     EXPECT("A0003 FETCH 1:2 (UID FLAGS BODY[])"),
                     SEND("* 1 FETCH (UID 7 FLAGS () BODY[1] {3}\r\none BODY[] {4}\r\nfull)\r\n"
                          "* 2 FETCH (BODY[HEADER.FIELDS (\"TO\")] \"To: z\" UID 8 FLAGS () BODY[] {5}\r\nsecnd)\r\n"
                          "A0003 OK\r\n"),
                     EXPECT("A0004 NOOP"), SEND("A0004 OK\r\n"), LOGOUT("A0005")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    trace_log *log = calloc(1, sizeof *log);
    ck_assert(ImapRegisterStatusProc(h, trace_collect, (DWORD_PTR)log));
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    char buf[64] = "";
    DWORD len = sizeof buf - 1;
    ck_assert_int_ge(ImapGetMessage(h, 7, 0, buf, &len, IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK |
                                                       IMAP_SECTION_HEADER), 0);
    buf[len] = '\0';
    ck_assert_str_eq(buf, "S: x\r\n");
    /* the trace shows the streamed body's size, not the "{0}" left in its place */
    ck_assert_msg(strstr(log->text, "S:  BODY[HEADER]<0> {6}\n") != NULL, "%s", log->text);
    ck_assert(strstr(log->text, "{0}") == NULL);
    char all[128] = "";
    ck_assert_int_eq(ImapFetchMessagesA(h, "1:2", 0, gather, (DWORD_PTR)all), 2);
    ck_assert_str_eq(all, "full|uid=7secnd|uid=8");
    ck_assert_int_ne(ImapCommandA(h, "NOOP"), IMAP_ERROR);
    fake_imap_done(f, h);
    free(log);
}
END_TEST

/* A UID past the last answered with the last message (GNU Mailutils does
 * so for UID FETCH, as if the UID were "*"), or another message's FETCH
 * before the one asked for: never taken for the message asked for,
 * whether its UID comes before or after the body, and the session goes
 * on. A set gets only what it names. */
START_TEST(answers_about_other_messages)
{
    fake_step s[] = {PREAUTH, EXPECT("A0001 SELECT INBOX"),
                     SEND("* 3 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0002 UID FETCH 999 (BODY.PEEK[])"),
                     SEND("* 3 FETCH (UID 3 BODY[] {5}\r\nthird)\r\nA0002 OK\r\n"),
                     EXPECT("A0003 UID FETCH 999 (BODY.PEEK[])"),
                     SEND("* 3 FETCH (BODY[] {5}\r\nthird UID 3)\r\nA0003 OK\r\n"),
                     EXPECT("A0004 UID FETCH 2 (BODY.PEEK[])"),
                     SEND("* 3 FETCH (BODY[] {5}\r\nthird UID 3)\r\n* 2 FETCH (UID 2 BODY[] {6}\r\nsecond)\r\n"
                          "A0004 OK\r\n"),
                     EXPECT("A0005 UID FETCH 999 (UID FLAGS RFC822.SIZE INTERNALDATE)"),
                     SEND("* 3 FETCH (UID 3 FLAGS (\\Seen) RFC822.SIZE 5 INTERNALDATE \"01-Jan-2024 00:00:00 +0000\")\r\n"
                          "A0005 OK\r\n"),
                     EXPECT("A0006 FETCH 2 (UID FLAGS RFC822.SIZE INTERNALDATE)"),
                     SEND("* 3 FETCH (UID 3 FLAGS (\\Seen) RFC822.SIZE 5 INTERNALDATE \"01-Jan-2024 00:00:00 +0000\")\r\n"
                          "* 2 FETCH (UID 2 FLAGS () RFC822.SIZE 6 INTERNALDATE \"01-Jan-2024 00:00:00 +0000\")\r\n"
                          "A0006 OK\r\n"),
                     EXPECT("A0007 UID FETCH 2,999 (UID FLAGS BODY[])"),
                     SEND("* 2 FETCH (UID 2 FLAGS () BODY[] {6}\r\nsecond)\r\n"
                          "* 3 FETCH (UID 3 FLAGS () BODY[] {5}\r\nthird)\r\n"
                          "* 3 FETCH (BODY[] {5}\r\nthird UID 3 FLAGS ())\r\nA0007 OK\r\n"),
                     EXPECT("A0008 NOOP"), SEND("A0008 OK\r\n"), LOGOUT("A0009")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    char buf[64] = "";
    DWORD len = sizeof buf - 1;
    for (int i = 0; i < 2; i++) { /* its UID before the body, then after it */
        len = sizeof buf - 1;
        ck_assert_int_eq(ImapGetMessage(h, 999, 0, buf, &len, IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK),
                         IMAP_ERROR);
        ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_MESSAGE_NOT_FOUND);
    }
    /* another message's body before the one asked for, its UID said late */
    len = sizeof buf - 1;
    ck_assert_int_eq(ImapGetMessage(h, 2, 0, buf, &len, IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    DWORD flags = 0;
    ck_assert_int_eq(ImapGetMessageFlags(h, 999, &flags, IMAP_MESSAGE_UID), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_MESSAGE_NOT_FOUND);
    DWORD size = 0;
    ck_assert_int_eq(ImapGetMessageSize(h, 2, &size, 0), 6);
    char all[128] = "";
    ck_assert_int_eq(ImapFetchMessagesA(h, "2,999", IMAP_MESSAGE_UID, gather, (DWORD_PTR)all), 1);
    ck_assert_str_eq(all, "second|uid=2third|uid=0"); /* the last told to drop it */
    ck_assert_int_ne(ImapCommandA(h, "NOOP"), IMAP_ERROR);
    fake_imap_done(f, h);
}
END_TEST

/* STATUS: items not asked for are skipped (SIZE past 32 bits, MAILBOXID's
 * list, unknown ones); a name with spaces sent unquoted (GNU Mailutils) is
 * read; a line that breaks the grammar, or no line at all, fails that
 * call alone and the session goes on. UIDNEXT not said stays 0. */
START_TEST(status_liberal)
{
    fake_step s[] = {PREAUTH, EXPECT("A0001 STATUS INBOX (MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT)"),
                     SEND("* STATUS INBOX (MESSAGES 3 SIZE 123456789012 MAILBOXID (F2212ea87) "
                          "X-NEW \"x\" UIDNEXT 9 UNSEEN 1)\r\nA0001 OK\r\n"),
                     EXPECT("A0002 STATUS \"My Box\" (MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT)"),
                     SEND("* STATUS My Box (MESSAGES 2 UIDVALIDITY 7)\r\nA0002 OK\r\n"),
                     EXPECT("A0003 STATUS INBOX (MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT)"),
                     SEND("* STATUS INBOX (MESSAGES x)\r\nA0003 OK\r\n"),
                     EXPECT("A0004 STATUS INBOX (MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT)"),
                     SEND("A0004 OK but said nothing\r\n"),
                     EXPECT("A0005 NOOP"), SEND("A0005 OK\r\n"), LOGOUT("A0006")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    IMAPMAILBOXSTATUS st = {.dwSize = sizeof(IMAPMAILBOXSTATUS)};
    ck_assert_int_eq(ImapGetMailboxStatusA(h, "INBOX", &st), 0);
    ck_assert_uint_eq(st.nMessages, 3);
    ck_assert_uint_eq(st.nUnseenMessages, 1);
    ck_assert_uint_eq(st.dwNextMessageUID, 9);
    ck_assert_int_eq(ImapGetMailboxStatusA(h, "My Box", &st), 0);
    ck_assert_uint_eq(st.nMessages, 2);
    ck_assert_uint_eq(st.dwMailboxUID, 7);
    ck_assert_uint_eq(st.dwNextMessageUID, 0); /* not said */
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(ImapGetMailboxStatusA(h, "INBOX", &st), IMAP_ERROR);
        ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    }
    ck_assert_int_ne(ImapCommandA(h, "NOOP"), IMAP_ERROR);
    fake_imap_done(f, h);
}
END_TEST

/* A "+" after the whole command (GNU Mailutils reads a quoted "x{5}" at
 * the end of a line as a literal): the literal it waits for is filled
 * with spaces, the server's answer ends the command, and the session goes
 * on. An OK to the misread command is not trusted. */
START_TEST(unexpected_continuation)
{
    fake_step s[] = {PREAUTH, EXPECT("A0001 SELECT INBOX"),
                     SEND("* 2 EXISTS\r\nA0001 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0002 SEARCH SUBJECT \"x{5}\""), SEND("+ go on\r\n"), EXPECT("     "),
                     SEND("A0002 BAD unterminated string\r\n"),
                     EXPECT("A0003 SEARCH SUBJECT \"{2}\""), SEND("+ go on\r\n"), EXPECT("  "),
                     SEND("* SEARCH 1\r\nA0003 OK\r\n"),
                     EXPECT("A0004 SEARCH SUBJECT z"), SEND("* SEARCH 2\r\nA0004 OK\r\n"),
                     LOGOUT("A0005")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    DWORD found[2];
    ck_assert_int_eq(ImapSearchMailboxA(h, "SUBJECT \"x{5}\"", NULL, 0, found, 2), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_COMMAND_MALFORMED);
    ck_assert_int_eq(ImapSearchMailboxA(h, "SUBJECT \"{2}\"", NULL, 0, found, 2), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_int_eq(ImapSearchMailboxA(h, "SUBJECT z", NULL, 0, found, 2), 1);
    ck_assert_uint_eq(found[0], 2);
    fake_imap_done(f, h);
}
END_TEST

/* BODYSTRUCTURE as servers send it: upper-case types and size -1 (Cyrus
 * and others), the items wrapped in a second pair of parentheses
 * (Domino), a bare-string disposition, unknown FETCH items before it. */
#define DOMINO_STRUCTURE \
    "* 1 FETCH ((X-GM-THRID 1 X-NEW {2}\r\nab BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" " \
    "(\"CHARSET\" \"UTF-8\") NIL NIL \"7BIT\" -1 NIL)(\"APPLICATION\" \"PDF\" " \
    "(\"NAME\" \"a.pdf\") NIL NIL \"BASE64\" 10 NIL \"ATTACHMENT\" NIL) \"MIXED\")))\r\n"

START_TEST(bodystructure_quirks)
{
    fake_step s[] = {PREAUTH, EXPECT("A0001 SELECT INBOX"),
                     SEND("* 1 EXISTS\r\nA0001 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0002 FETCH 1 (BODYSTRUCTURE)"), SEND(DOMINO_STRUCTURE "A0002 OK\r\n"),
                     EXPECT("A0003 FETCH 1 (BODYSTRUCTURE)"), SEND(DOMINO_STRUCTURE "A0003 OK\r\n"),
                     EXPECT("A0004 FETCH 1 (BODYSTRUCTURE)"), SEND(DOMINO_STRUCTURE "A0004 OK\r\n"),
                     LOGOUT("A0005")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    ck_assert_int_eq(ImapGetMessageParts(h, 1, 0), 2);
    IMAPMESSAGEPARTA part = {.dwSize = sizeof part};
    ck_assert_int_eq(ImapGetMessagePartInfoA(h, 1, 1, &part, 0), 2);
    ck_assert_str_eq(part.szType, "text");
    ck_assert_str_eq(part.szSubType, "plain");
    ck_assert_uint_eq(part.dwPartSize, 0);
    ck_assert_int_eq(ImapGetMessagePartInfoA(h, 1, 2, &part, 0), 2);
    ck_assert_str_eq(part.szType, "application");
    ck_assert_str_eq(part.szDisposition, "attachment"); /* sent in upper case */
    ck_assert_str_eq(part.szFileName, "a.pdf");
    fake_imap_done(f, h);
}
END_TEST

/* A line without "*" inside a command's answer (Exchange sends
 * "[COPYUID ...]" alone before the EXPUNGE of a MOVE) is skipped and kept
 * in the response lines; the tagged answer decides. Before the greeting
 * such a line still means the peer is no IMAP server. */
START_TEST(stray_line_skipped)
{
    fake_step s[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1 MOVE] hi\r\n"), EXPECT("A0001 SELECT INBOX"),
                     SEND("* 2 EXISTS\r\nA0001 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0002 MOVE 2 Archive"),
                     SEND("[COPYUID 1 2 3]\r\n* 2 EXPUNGE\r\nA0002 OK moved\r\n"),
                     EXPECT("A0003 NOOP"), SEND("A0003 OK\r\n"), LOGOUT("A0004")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    ck_assert_int_eq(ImapMoveMessageA(h, 2, "Archive", 0), 0);
    ck_assert_int_eq(ImapGetMessageCount(h), 1);
    ck_assert_int_ne(ImapCommandA(h, "NOOP"), IMAP_ERROR);
    fake_imap_done(f, h);
}
END_TEST

static Suite *quirks_suite(void)
{
    Suite *s = suite_create("imap_quirks");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, attributes_and_roles);
    tcase_add_test(tc, nil_name_and_broken_line);
    tcase_add_test(tc, quoted_string_body);
    tcase_add_test(tc, unasked_sections_skipped);
    tcase_add_test(tc, answers_about_other_messages);
    tcase_add_test(tc, status_liberal);
    tcase_add_test(tc, unexpected_continuation);
    tcase_add_test(tc, bodystructure_quirks);
    tcase_add_test(tc, stray_line_skipped);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(quirks_suite)
