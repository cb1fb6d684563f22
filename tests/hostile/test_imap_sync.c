/*
 * test_imap_sync.c - CONDSTORE and QRESYNC against scripted servers: what
 * ENABLE sends and believes, HIGHESTMODSEQ and MODSEQ read (and refused
 * past 63 bits), the changes since a mod-sequence with VANISHED ranges as
 * they stream, SELECT with QRESYNC, STORE UNCHANGEDSINCE and the MODIFIED
 * messages, a callback that stops, a FETCH that
 * breaks the grammar, and servers without the extensions, where nothing
 * is sent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check_main.h"
#include "../common/testutil.h"
#include "../fake/fake_imap.h"

#define PREAUTH(caps) SEND("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE" caps "] hi\r\n")
#define LOGOUT(tag) EXPECT(tag " LOGOUT"), SEND("* BYE\r\n" tag " OK\r\n")

/* The changes a call reported, as text: "F2:4:9" (flags of UID 2 are 4,
 * MODSEQ 9), "X1-3" (UIDs 1 to 3 expunged). */
typedef struct seen {
    char text[512];
    int stop_after; /* FALSE from the callback after this many; 0: never */
    int calls;
} seen;

static BOOL CALLBACK note(HCLIENT h, const IMAPCHANGE *c, DWORD_PTR param)
{
    seen *s = (seen *)param;
    size_t n = strlen(s->text);
    (void)h;
    ck_assert_uint_eq(c->dwSize, sizeof *c);
    if (c->dwKind == IMAP_CHANGE_EXPUNGED)
        snprintf(s->text + n, sizeof s->text - n, "X%lu-%lu ", (unsigned long)c->dwUid,
                 (unsigned long)c->dwLastUid);
    else
        snprintf(s->text + n, sizeof s->text - n, "F%lu:%lx:%llu ", (unsigned long)c->dwUid,
                 (unsigned long)c->dwFlags, (unsigned long long)c->ullModSeq);
    return ++s->calls != s->stop_after;
}

/* ENABLE goes out only with names the library follows, each offered; a
 * name the server leaves out of ENABLED is not taken as on. */
START_TEST(enable_what_is_offered)
{
    fake_step s[] = {PREAUTH(" CONDSTORE QRESYNC"), EXPECT("A0001 ENABLE CONDSTORE"),
                     SEND("A0001 OK nothing enabled\r\n"), EXPECT("A0002 ENABLE QRESYNC"),
                     SEND("* ENABLED QRESYNC\r\nA0002 OK\r\n"), LOGOUT("A0003")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapEnableA(h, "CONDSTORE"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_SUPPORTED);
    static const char *const refused[] = {"", "METADATA", "QRESYNC\r\nA9 LOGOUT", "CONDSTOREX", "UTF8=ONLY"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        ck_assert_int_eq(ImapEnableA(h, refused[i]), IMAP_ERROR);
        ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    }
    ck_assert_int_eq(ImapEnableW(h, L"QRESYNC"), 0);
    fake_imap_done(f, h);

    fake_step none[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE CONDSTORE] hi\r\n"), LOGOUT("A0001")};
    f = fake_start(FAKE_STEPS(none));
    h = fake_imap_open(f);
    ck_assert_int_eq(ImapEnableA(h, "QRESYNC"), IMAP_ERROR); /* not offered: nothing sent */
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_SUPPORTED);
    fake_imap_done(f, h);
}
END_TEST

/* HIGHESTMODSEQ from SELECT and STATUS, up to 2^63-1; past that, or
 * NOMODSEQ, it is 0 (none). MODSEQ of each message once enabled. */
START_TEST(mod_sequences_read)
{
    fake_step s[] = {PREAUTH(" CONDSTORE"), EXPECT("A0001 ENABLE CONDSTORE"),
                     SEND("* ENABLED CONDSTORE\r\nA0001 OK\r\n"),
                     EXPECT("A0002 STATUS INBOX (MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT HIGHESTMODSEQ)"),
                     SEND("* STATUS INBOX (MESSAGES 2 HIGHESTMODSEQ 9223372036854775807)\r\nA0002 OK\r\n"),
                     EXPECT("A0003 SELECT INBOX"),
                     SEND("* 2 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\n* OK [HIGHESTMODSEQ 715194045007] h\r\n"
                          "A0003 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0004 FETCH 1:2 (UID FLAGS RFC822.SIZE INTERNALDATE MODSEQ)"),
                     SEND("* 1 FETCH (UID 7 FLAGS () RFC822.SIZE 5 INTERNALDATE \"01-Jan-2024 00:00:00 +0000\" "
                          "MODSEQ (715194045008))\r\n"
                          "* 2 FETCH (UID 8 MODSEQ (3) FLAGS (\\Seen) RFC822.SIZE 6 INTERNALDATE "
                          "\"01-Jan-2024 00:00:00 +0000\")\r\nA0004 OK\r\n"),
                     EXPECT("A0005 SELECT Other"),
                     SEND("* OK [HIGHESTMODSEQ 9223372036854775808] h\r\nA0005 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0006 SELECT Third"), SEND("* OK [NOMODSEQ] none\r\nA0006 OK [READ-WRITE] in\r\n"),
                     LOGOUT("A0007")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapEnableA(h, "CONDSTORE"), 0);
    IMAPMAILBOXSTATUS st = {.dwSize = sizeof st};
    ck_assert_int_eq(ImapGetMailboxStatusA(h, "INBOX", &st), 0);
    ck_assert(st.ullHighestModSeq == 9223372036854775807ull);
    IMAPMAILBOX mb = {.dwSize = sizeof mb};
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", &mb), 0);
    ck_assert(mb.ullHighestModSeq == 715194045007ull);
    IMAPMESSAGE m[2] = {{.dwSize = sizeof(IMAPMESSAGE)}};
    ck_assert_int_eq(ImapEnumMessages(h, 1, 2, 0, 0, m, 2), 2);
    ck_assert(m[0].ullModSeq == 715194045008ull && m[1].ullModSeq == 3);
    ULONGLONG now = 0;
    ck_assert_int_eq(ImapGetHighestModSeq(h, &now), 0); /* the FETCH's MODSEQ raised it */
    ck_assert(now == 715194045008ull);
    ck_assert_int_eq(ImapSelectMailboxA(h, "Other", &mb), 0);
    ck_assert(mb.ullHighestModSeq == 0);
    ck_assert_int_eq(ImapSelectMailboxA(h, "Third", &mb), 0);
    ck_assert(mb.ullHighestModSeq == 0);
    fake_imap_done(f, h);
}
END_TEST

/* Flags changed since a mod-sequence and the UIDs expunged since, as
 * they stream: VANISHED (EARLIER) ranges, a live VANISHED (the count
 * follows), FETCHes; the count returned is the changes handed on. */
START_TEST(changes_since)
{
    fake_step s[] = {PREAUTH(" CONDSTORE QRESYNC"), EXPECT("A0001 ENABLE QRESYNC"),
                     SEND("* ENABLED QRESYNC\r\nA0001 OK\r\n"), EXPECT("A0002 SELECT INBOX"),
                     SEND("* 9 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\n* OK [HIGHESTMODSEQ 20] h\r\n"
                          "A0002 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0003 UID FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE 12 VANISHED)"),
                     SEND("* VANISHED (EARLIER) 1:3,7\r\n* 2 FETCH (UID 9 FLAGS (\\Seen) MODSEQ (18))\r\n"
                          "* VANISHED 12\r\n* 3 FETCH (MODSEQ (19) UID 10 FLAGS (\\Flagged \\Seen))\r\n"
                          "A0003 OK [HIGHESTMODSEQ 21] done\r\n"),
                     EXPECT("A0004 FETCH 4:5 (UID FLAGS MODSEQ) (CHANGEDSINCE 1)"),
                     SEND("* 4 FETCH (UID 14 FLAGS () MODSEQ (5))\r\nA0004 OK\r\n"), LOGOUT("A0005")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapEnableA(h, "QRESYNC"), 0);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    seen c = {"", 0, 0};
    ck_assert_int_eq(ImapFetchChangesA(h, "1:*", 12, IMAP_MESSAGE_UID | IMAP_CHANGES_VANISHED, note,
                                       (DWORD_PTR)&c),
                     5);
    ck_assert_str_eq(c.text, "X1-3 X7-7 F9:1:18 X12-12 F10:5:19 ");
    ck_assert_int_eq(ImapGetMessageCount(h), 8); /* the live VANISHED took one */
    ULONGLONG now = 0;
    ck_assert_int_eq(ImapGetHighestModSeq(h, &now), 0);
    ck_assert(now == 21);
    memset(&c, 0, sizeof c);
    ck_assert_int_eq(ImapFetchChangesW(h, L"4:5", 1, 0, note, (DWORD_PTR)&c), 1);
    ck_assert_str_eq(c.text, "F14:0:5 ");
    fake_imap_done(f, h);
}
END_TEST

/* Refused with nothing sent: VANISHED without UID or QRESYNC, no
 * CONDSTORE, a bad set, a mod-sequence past 63 bits, no callback, no
 * mailbox selected, unknown options. */
START_TEST(changes_refused_before_sending)
{
    fake_step s[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1 CONDSTORE] hi\r\n"), EXPECT("A0001 SELECT INBOX"),
                     SEND("* 9 EXISTS\r\nA0001 OK [READ-WRITE] in\r\n"), LOGOUT("A0002")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    seen c = {"", 0, 0};
    ck_assert_int_eq(ImapFetchChangesA(h, "1:*", 1, 0, note, (DWORD_PTR)&c), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NO_MAILBOX_SELECTED);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    ck_assert_int_eq(ImapFetchChangesA(h, "1:*", 1, IMAP_CHANGES_VANISHED, note, (DWORD_PTR)&c), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapFetchChangesA(h, "1:*", 1, IMAP_MESSAGE_UID | IMAP_CHANGES_VANISHED, note,
                                       (DWORD_PTR)&c),
                     IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_SUPPORTED); /* QRESYNC not enabled */
    ck_assert_int_eq(ImapFetchChangesA(h, "1:x", 1, 0, note, (DWORD_PTR)&c), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapFetchChangesA(h, "1:*", 1ull << 63, 0, note, (DWORD_PTR)&c), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapFetchChangesA(h, "1:*", 1, 0, NULL, 0), IMAP_ERROR);
    ck_assert_int_eq(ImapFetchChangesA(h, "1:*", 1, 0x80, note, (DWORD_PTR)&c), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapEnableA(h, "CONDSTORE"), IMAP_ERROR); /* a mailbox is selected */
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(c.calls, 0);
    fake_imap_done(f, h);

    fake_step plain[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1] hi\r\n"), EXPECT("A0001 SELECT INBOX"),
                         SEND("* 9 EXISTS\r\nA0001 OK [READ-WRITE] in\r\n"), LOGOUT("A0002")};
    f = fake_start(FAKE_STEPS(plain));
    h = fake_imap_open(f);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    ck_assert_int_eq(ImapFetchChangesA(h, "1:*", 1, 0, note, (DWORD_PTR)&c), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_SUPPORTED);
    fake_imap_done(f, h);
}
END_TEST

/* A callback that stops gets no more calls; the answer is read to its
 * end (ST_ERROR_CANCELLED) and the session goes on. A FETCH that breaks
 * the grammar fails the call (a change may be missing), the session
 * going on too. */
START_TEST(stopped_and_malformed)
{
    fake_step s[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1 CONDSTORE] hi\r\n"), EXPECT("A0001 SELECT INBOX"),
                     SEND("* 9 EXISTS\r\nA0001 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0002 FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE 3)"),
                     SEND("* 1 FETCH (UID 1 FLAGS () MODSEQ (4))\r\n* 2 FETCH (UID 2 FLAGS () MODSEQ (5))\r\n"
                          "* 3 FETCH (UID 3 FLAGS () MODSEQ (6))\r\nA0002 OK\r\n"),
                     EXPECT("A0003 FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE 3)"),
                     SEND("* 1 FETCH (UID 1 FLAGS () MODSEQ (x))\r\n* 2 FETCH (UID 2 FLAGS () MODSEQ (5))\r\n"
                          "* 3 FETCH (UID 3 FLAGS () MODSEQ (9223372036854775808))\r\nA0003 OK\r\n"),
                     EXPECT("A0004 NOOP"), SEND("A0004 OK\r\n"),
                     EXPECT("A0005 FETCH 1:* (UID FLAGS MODSEQ) (CHANGEDSINCE 3)"),
                     SEND("* VANISHED 0:2\r\n* 2 FETCH (UID 2 FLAGS () MODSEQ (5))\r\nA0005 OK\r\n"),
                     LOGOUT("A0006")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    seen c = {"", 2, 0};
    ck_assert_int_eq(ImapFetchChangesA(h, "1:*", 3, 0, note, (DWORD_PTR)&c), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_CANCELLED);
    ck_assert_str_eq(c.text, "F1:0:4 F2:0:5 ");
    memset(&c, 0, sizeof c);
    ck_assert_int_eq(ImapFetchChangesA(h, "1:*", 3, 0, note, (DWORD_PTR)&c), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_str_eq(c.text, "F2:0:5 ");
    ck_assert_int_eq(ImapCommandA(h, "NOOP"), IMAP_RESULT_OK);
    memset(&c, 0, sizeof c); /* a VANISHED range that is no UID range */
    ck_assert_int_eq(ImapFetchChangesA(h, "1:*", 3, 0, note, (DWORD_PTR)&c), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_str_eq(c.text, "F2:0:5 ");
    fake_imap_done(f, h);
}
END_TEST

/* SELECT with QRESYNC: ENABLE first when it is offered and not yet on;
 * the vanished and changed messages come with the SELECT; the known UIDs
 * go along; bad arguments are refused with nothing sent. */
START_TEST(select_resync)
{
    fake_step s[] = {PREAUTH(" CONDSTORE QRESYNC"), EXPECT("A0001 ENABLE QRESYNC"),
                     SEND("* ENABLED QRESYNC\r\nA0001 OK\r\n"),
                     EXPECT("A0002 EXAMINE INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))"),
                     SEND("* 314 EXISTS\r\n* OK [UIDVALIDITY 67890007] v\r\n"
                          "* OK [HIGHESTMODSEQ 20050715194045319] h\r\n* VANISHED (EARLIER) 41,43:116,118\r\n"
                          "* 49 FETCH (UID 117 FLAGS (\\Seen \\Answered) MODSEQ (20050715194045001))\r\n"
                          "A0002 OK [READ-ONLY] done\r\n"),
                     EXPECT("A0003 SELECT Other (QRESYNC (1 2))"),
                     SEND("* 3 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\nA0003 OK [READ-WRITE] done\r\n"),
                     LOGOUT("A0004")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    seen c = {"", 0, 0};
    IMAPMAILBOX mb = {.dwSize = sizeof mb};
    ck_assert_int_eq(ImapSelectResyncA(h, "INBOX", 67890007, 20050715194045000ull, "41,43:211,214:541",
                                       IMAP_SELECT_READONLY, &mb, note, (DWORD_PTR)&c),
                     4);
    ck_assert_str_eq(c.text, "X41-41 X43-116 X118-118 F117:3:20050715194045001 ");
    ck_assert_uint_eq(mb.nMessages, 314);
    ck_assert(mb.ullHighestModSeq == 20050715194045319ull);
    ck_assert_uint_eq(mb.dwAccessMode, IMAP_ACCESS_READONLY);
    ck_assert_int_eq(ImapGetMessageCount(h), 314); /* (EARLIER) never counted */
    static const struct {
        DWORD validity;
        ULONGLONG modseq;
        const char *known;
        DWORD options;
    } bad[] = {{0, 2, NULL, 0}, {1, 0, NULL, 0}, {1, 2, "1:*", 0}, {1, 2, "x", 0}, {1, 2, NULL, 0x2}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(ImapSelectResyncA(h, "Other", bad[i].validity, bad[i].modseq, bad[i].known,
                                           bad[i].options, &mb, note, (DWORD_PTR)&c),
                         IMAP_ERROR);
        ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    }
    memset(&c, 0, sizeof c);
    ck_assert_int_eq(ImapSelectResyncW(h, L"Other", 1, 2, NULL, 0, &mb, note, (DWORD_PTR)&c), 0);
    ck_assert_uint_eq(mb.dwMailboxUID, 7); /* not the 1 asked: the copy starts over */
    fake_imap_done(f, h);

    fake_step none[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1 CONDSTORE] hi\r\n"), LOGOUT("A0001")};
    f = fake_start(FAKE_STEPS(none));
    h = fake_imap_open(f);
    ck_assert_int_eq(ImapSelectResyncA(h, "INBOX", 1, 2, NULL, 0, &mb, note, (DWORD_PTR)&c), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_SUPPORTED);
    fake_imap_done(f, h);
}
END_TEST

/* Numbers handed on, as text: "2 4 5 ". */
static BOOL CALLBACK note_number(HCLIENT h, DWORD n, DWORD_PTR param)
{
    char *out = (char *)param;
    (void)h;
    snprintf(out + strlen(out), 64, "%lu ", (unsigned long)n);
    return TRUE;
}

/* STORE (UNCHANGEDSINCE n): the messages the server left alone (MODIFIED)
 * come one by one and are counted; a MODIFIED that is no set fails the
 * call with the session kept; without CONDSTORE, or with a mod-sequence
 * of 0, nothing is sent. */
START_TEST(conditional_store)
{
    fake_step s[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1 CONDSTORE] hi\r\n"), EXPECT("A0001 SELECT INBOX"),
                     SEND("* 9 EXISTS\r\nA0001 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0002 UID STORE 1:5 (UNCHANGEDSINCE 12) +FLAGS.SILENT (\\Seen)"),
                     SEND("* 1 FETCH (UID 1 MODSEQ (13))\r\nA0002 OK [MODIFIED 2,4:5] Conditional STORE failed\r\n"),
                     EXPECT("A0003 STORE 7 (UNCHANGEDSINCE 3) FLAGS.SILENT ()"), SEND("A0003 OK\r\n"),
                     EXPECT("A0004 STORE 8 (UNCHANGEDSINCE 3) -FLAGS.SILENT (\\Deleted)"),
                     SEND("A0004 OK [MODIFIED 8,x] hm\r\n"), EXPECT("A0005 NOOP"), SEND("A0005 OK\r\n"),
                     LOGOUT("A0006")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    char left[64] = "";
    ck_assert_int_eq(ImapSetMessagesFlagsIfUnchangedA(h, "1:5", IMAP_FLAG_SEEN, IMAP_MESSAGE_UID | IMAP_FLAGS_ADD,
                                                       12, note_number, (DWORD_PTR)left),
                     3);
    ck_assert_str_eq(left, "2 4 5 ");
    ck_assert_int_eq(ImapSetMessagesFlagsIfUnchangedW(h, L"7", 0, 0, 3, NULL, 0), 0);
    ck_assert_int_eq(ImapSetMessagesFlagsIfUnchangedA(h, "8", IMAP_FLAG_DELETED, IMAP_FLAGS_REMOVE, 3, NULL, 0),
                     IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_int_eq(ImapCommandA(h, "NOOP"), IMAP_RESULT_OK);
    ck_assert_int_eq(ImapSetMessagesFlagsIfUnchangedA(h, "1", IMAP_FLAG_SEEN, 0, 0, NULL, 0), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapSetMessagesFlagsIfUnchangedA(h, "1", IMAP_FLAG_RECENT, 0, 5, NULL, 0), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    fake_imap_done(f, h);

    fake_step none[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1] hi\r\n"), EXPECT("A0001 SELECT INBOX"),
                        SEND("* 9 EXISTS\r\nA0001 OK [READ-WRITE] in\r\n"), LOGOUT("A0002")};
    f = fake_start(FAKE_STEPS(none));
    h = fake_imap_open_selected(f);
    ck_assert_int_eq(ImapSetMessagesFlagsIfUnchangedA(h, "1", IMAP_FLAG_SEEN, 0, 5, NULL, 0), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_SUPPORTED);
    fake_imap_done(f, h);
}
END_TEST

/* A summary of a search: MIN MAX COUNT with ESEARCH (a few bytes for any
 * number of matches), counted from a plain SEARCH without it, or from the
 * numbers of a server that ignored RETURN; a MIN that is no number fails
 * the call and, as any answer that breaks the grammar, the session. */
START_TEST(search_summary)
{
    fake_step s[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1 ESEARCH] hi\r\n"), EXPECT("A0001 SELECT INBOX"),
                     SEND("* 99999 EXISTS\r\nA0001 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0002 SEARCH RETURN (MIN MAX COUNT) UNSEEN"),
                     SEND("* ESEARCH (TAG \"A0002\") MIN 4 MAX 99000 COUNT 37\r\nA0002 OK\r\n"),
                     EXPECT("A0003 UID SEARCH RETURN (MIN MAX COUNT) DELETED"),
                     SEND("* SEARCH 9 5 7\r\nA0003 OK\r\n"),
                     EXPECT("A0004 SEARCH RETURN (MIN MAX COUNT) DRAFT"),
                     SEND("* ESEARCH (TAG \"A0004\") COUNT 0\r\nA0004 OK\r\n"),
                     EXPECT("A0005 SEARCH RETURN (MIN MAX COUNT) FLAGGED"),
                     SEND("* ESEARCH (TAG \"A0005\") MIN x\r\nA0005 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    DWORD lo = 0, hi = 0;
    ck_assert_int_eq(ImapSearchSummaryA(h, "UNSEEN", NULL, 0, &lo, &hi), 37);
    ck_assert_uint_eq(lo, 4);
    ck_assert_uint_eq(hi, 99000);
    ck_assert_int_eq(ImapSearchSummaryW(h, L"DELETED", NULL, IMAP_MESSAGE_UID, &lo, &hi), 3);
    ck_assert_uint_eq(lo, 5);
    ck_assert_uint_eq(hi, 9);
    ck_assert_int_eq(ImapSearchSummaryA(h, "DRAFT", NULL, 0, &lo, &hi), 0);
    ck_assert_uint_eq(lo + hi, 0);
    ck_assert_int_eq(ImapSearchSummaryA(h, "FLAGGED", NULL, 0, NULL, NULL), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert(!ImapIsConnected(h));
    fake_imap_done(f, h);

    fake_step plain[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1] hi\r\n"), EXPECT("A0001 SELECT INBOX"),
                         SEND("* 9 EXISTS\r\nA0001 OK [READ-WRITE] in\r\n"), EXPECT("A0002 SEARCH ALL"),
                         SEND("* SEARCH 2 3 8\r\nA0002 OK\r\n"), LOGOUT("A0003")};
    f = fake_start(FAKE_STEPS(plain));
    h = fake_imap_open_selected(f);
    ck_assert_int_eq(ImapSearchSummaryA(h, "ALL", NULL, 0, &lo, &hi), 3);
    ck_assert_uint_eq(lo, 2);
    ck_assert_uint_eq(hi, 8);
    fake_imap_done(f, h);
}
END_TEST

static Suite *sync_suite(void)
{
    Suite *s = suite_create("imap_sync");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, fake_imap_setup, fake_imap_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, enable_what_is_offered);
    tcase_add_test(tc, mod_sequences_read);
    tcase_add_test(tc, changes_since);
    tcase_add_test(tc, changes_refused_before_sending);
    tcase_add_test(tc, stopped_and_malformed);
    tcase_add_test(tc, select_resync);
    tcase_add_test(tc, conditional_store);
    tcase_add_test(tc, search_summary);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(sync_suite)
