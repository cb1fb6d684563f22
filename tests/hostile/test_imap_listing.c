/*
 * test_imap_listing.c - listings that grow with the mailbox, against
 * scripted servers: a long UID set goes in commands under 8 KB with every
 * UID once and in order; ImapListMessages hands on each message as its
 * answer arrives, skips the flag updates a server slips in, survives a
 * broken response and stops when told; ImapSearchMessages and
 * ImapSortMessages do the same for numbers, and ImapListMailboxes for
 * mailboxes, in bounded memory whatever the answer's size.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../common/check_main.h"
#include "../common/testutil.h"
#include "../fake/fake_imap.h"

#define PREAUTH SEND("* PREAUTH [CAPABILITY IMAP4rev1] hi\r\n")
#define SELECTED(exists)                                                                   \
    PREAUTH, EXPECT("A0001 SELECT INBOX"),                                                 \
        SEND("* " exists " EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n")
#define DATE "INTERNALDATE \"01-Jan-2024 00:00:00 +0000\""

/* ---- a long UID set ------------------------------------------------------ */

enum { SCATTERED = 20000 }; /* odd UIDs 1, 3, ... 39999: no two make a range */

static BOOL CALLBACK count_finals(HCLIENT h, const IMAPFETCHDATA *d, DWORD_PTR param)
{
    (void)h;
    if (d->bLastChunk)
        ++*(int *)param;
    return TRUE;
}

/* The UIDs the client's "A.... UID FETCH <set> (...)" lines named, in the
 * order sent; each line under 8 KB. Returns how many lines there were. */
static int sent_uids(const char *received, unsigned *uids, size_t *n_r)
{
    int lines = 0;
    *n_r = 0;
    for (const char *p = strstr(received, " UID FETCH "); p != NULL;
         p = strstr(p, " UID FETCH ")) {
        const char *line = p;
        while (line > received && line[-1] != '\n')
            line--;
        const char *eol = strstr(p, "\r\n");
        ck_assert_ptr_nonnull(eol);
        ck_assert_int_lt(eol - line + 2, 8192);
        lines++;
        for (p += 11; *p != ' ';) {
            char *end;
            unsigned long lo = strtoul(p, &end, 10), hi = lo;
            if (*end == ':')
                hi = strtoul(end + 1, &end, 10);
            for (unsigned long v = lo; v <= hi; v++)
                uids[(*n_r)++] = (unsigned)v;
            p = *end == ',' ? end + 1 : end;
        }
        p = eol;
    }
    return lines;
}

START_TEST(long_uid_set_goes_in_commands_under_8kb)
{
    /* the set, given backwards: "39999,39997,...,1" (about 110 KB) */
    char *set = malloc(SCATTERED * 7);
    size_t len = 0;
    for (int i = SCATTERED - 1; i >= 0; i--)
        len += (size_t)sprintf(set + len, "%s%d", len ? "," : "", 2 * i + 1);
    /* the commands it takes: as many as the greedy cut under 7,680 bytes makes */
    int commands = 0;
    for (size_t used = 7680, i = 0; i < SCATTERED; i++) {
        size_t w = (size_t)snprintf(NULL, 0, "%lu", (unsigned long)(2 * i + 1)) + 1;
        if (used + w > 7680) {
            commands++;
            used = 0;
        }
        used += w;
    }
    ck_assert_int_gt(commands, 10);
    fake_step *s = calloc((size_t)commands * 2 + 8, sizeof *s);
    char (*tags)[40] = calloc((size_t)commands, sizeof *tags);
    char (*replies)[160] = calloc((size_t)commands, sizeof *replies);
    size_t k = 0;
    s[k++] = (fake_step)PREAUTH;
    s[k++] = (fake_step)EXPECT("A0001 SELECT INBOX");
    s[k++] = (fake_step)SEND("* 20000 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK in\r\n");
    for (int c = 0; c < commands; c++) {
        snprintf(tags[c], sizeof tags[c], "A%04d UID FETCH ", c + 2);
        /* each command's answer carries one message */
        snprintf(replies[c], sizeof replies[c],
                 "* %d FETCH (UID %d FLAGS () BODY[] {1}\r\nx)\r\nA%04d OK\r\n", c + 1, 2 * c + 1,
                 c + 2);
        s[k++] = (fake_step){FS_EXPECT_PREFIX, tags[c], 0, 0};
        s[k++] = (fake_step){FS_SEND, replies[c], 0, 0};
    }
    fake_server *f = fake_start(s, k);
    HCLIENT h = fake_imap_open_selected(f);
    int finals = 0;
    ck_assert_int_eq(ImapFetchMessagesA(h, set, IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK,
                                        count_finals, (DWORD_PTR)&finals),
                     commands);
    ck_assert_int_eq(finals, commands);
    ImapDisconnect(h);
    fake_finish(f, NULL, 0);
    unsigned *uids = calloc(SCATTERED + 1, sizeof *uids);
    size_t n;
    ck_assert_int_eq(sent_uids(fake_received(f), uids, &n), commands);
    ck_assert_uint_eq(n, SCATTERED); /* each once... */
    for (size_t i = 0; i < n; i++)
        ck_assert_uint_eq(uids[i], 2 * i + 1); /* ...and in order */
    fake_free(f);
    free(uids);
    free(replies);
    free(tags);
    free(s);
    free(set);
}
END_TEST

/* Consecutive UIDs become one range: 30,000 of them fit one command. */
START_TEST(consecutive_uids_become_ranges)
{
    char *set = malloc(30000 * 7);
    size_t len = 0;
    for (int i = 1; i <= 30000; i++)
        len += (size_t)sprintf(set + len, "%s%d", len ? "," : "", i == 30000 ? 40000 : i);
    fake_step s[] = {SELECTED("30000"), EXPECT("A0002 UID FETCH 1:29999,40000 (UID FLAGS BODY.PEEK[])"),
                     SEND("A0002 OK\r\n"), EXPECT("A0003 LOGOUT"), SEND("* BYE\r\nA0003 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    int finals = 0;
    ck_assert_int_eq(ImapFetchMessagesA(h, set, IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK,
                                        count_finals, (DWORD_PTR)&finals),
                     0);
    fake_imap_done(f, h);
    free(set);
}
END_TEST

START_TEST(malformed_sets_are_refused_unsent)
{
    fake_step s[] = {SELECTED("3"), EXPECT("A0002 LOGOUT"), SEND("* BYE\r\nA0002 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    int finals = 0;
    static const char *bad[] = {"0", "1,", "1:2:3", "4294967296", "05", "1,,2"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(ImapFetchMessagesA(h, bad[i], 0, count_finals, (DWORD_PTR)&finals),
                         IMAP_ERROR);
        ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
        ck_assert_int_eq(ImapListMessagesA(h, bad[i], 0, NULL, 0), IMAP_ERROR);
    }
    fake_imap_done(f, h);
}
END_TEST

/* ---- ImapListMessages ----------------------------------------------------- */

typedef struct listed {
    IMAPMESSAGE m[8];
    int n;
    int stop_after; /* 0: never */
} listed;

static BOOL CALLBACK keep_message(HCLIENT h, const IMAPMESSAGE *m, DWORD_PTR param)
{
    listed *l = (listed *)param;
    (void)h;
    ck_assert_int_lt(l->n, 8);
    l->m[l->n++] = *m;
    return l->stop_after == 0 || l->n < l->stop_after;
}

/* Flag updates another session caused arrive as FETCH responses in the
 * middle of the answer: they are no entry. */
START_TEST(list_skips_flag_updates)
{
    fake_step s[] = {SELECTED("3"),
                     EXPECT("A0002 UID FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE)"),
                     SEND("* 1 FETCH (UID 11 FLAGS (\\Seen) RFC822.SIZE 50 " DATE ")\r\n"
                          "* 3 FETCH (FLAGS (\\Deleted))\r\n"
                          "* 3 FETCH (UID 13 FLAGS (\\Deleted) MODSEQ (9))\r\n"
                          "* 2 FETCH (UID 12 FLAGS () RFC822.SIZE 60 " DATE ")\r\n"
                          "* 3 FETCH (UID 13 FLAGS (\\Deleted) RFC822.SIZE 70 " DATE ")\r\n"
                          "A0002 OK\r\n"),
                     EXPECT("A0003 LOGOUT"), SEND("* BYE\r\nA0003 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    listed l = {0};
    ck_assert_int_eq(ImapListMessagesA(h, "1:*", IMAP_MESSAGE_UID, keep_message, (DWORD_PTR)&l), 3);
    ck_assert_int_eq(l.n, 3);
    ck_assert_uint_eq(l.m[0].dwUid, 11);
    ck_assert_uint_eq(l.m[0].dwFlags, IMAP_FLAG_SEEN);
    ck_assert_uint_eq(l.m[0].dwMessageSize, 50);
    ck_assert_str_eq(l.m[0].szInternalDate, "01-Jan-2024 00:00:00 +0000");
    ck_assert_uint_eq(l.m[1].nMessageId, 2);
    ck_assert_uint_eq(l.m[2].dwUid, 13);
    ck_assert_uint_eq(l.m[2].dwFlags, IMAP_FLAG_DELETED);
    fake_imap_done(f, h);
}
END_TEST

/* " $Keyword0 $Keyword1 ..." appended at out+at until 200 KB. */
static size_t many_keywords(char *out, size_t at)
{
    for (unsigned i = 0; at < 200000; i++)
        at += (size_t)sprintf(out + at, " $Keyword%u", i);
    return at;
}

/* Thousands of keywords: a mailbox's FLAGS and PERMANENTFLAGS and a
 * message's FLAGS of 200 KB each. The system flags are read right, the
 * listing goes on; the keywords of that message are refused as too large,
 * the session kept, and another message's keywords are read. */
START_TEST(thousands_of_keywords_keep_the_session)
{
    static char select[450000], fetch[250000], one[250000];
    size_t at = (size_t)sprintf(select, "* FLAGS (\\Answered");
    at = many_keywords(select, at);
    at += (size_t)sprintf(select + at, " \\Seen)\r\n* OK [PERMANENTFLAGS (\\Seen");
    at = many_keywords(select, at);
    sprintf(select + at, " \\*)] ok\r\n* 2 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n");
    at = (size_t)sprintf(fetch, "* 1 FETCH (UID 11 FLAGS (\\Seen");
    at = many_keywords(fetch, at);
    at += (size_t)sprintf(fetch + at, " \\Flagged) RFC822.SIZE 50 " DATE ")\r\n");
    strcpy(one, fetch);
    sprintf(fetch + at, "* 2 FETCH (UID 12 FLAGS (a b) RFC822.SIZE 60 " DATE ")\r\nA0002 OK\r\n");
    strcat(one, "A0003 OK\r\n");
    fake_step s[] = {PREAUTH, EXPECT("A0001 SELECT INBOX"), SEND(select),
                     EXPECT("A0002 UID FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE)"), SEND(fetch),
                     EXPECT("A0003 UID FETCH 11 (UID FLAGS RFC822.SIZE INTERNALDATE)"), SEND(one),
                     EXPECT("A0004 UID FETCH 12 (UID FLAGS RFC822.SIZE INTERNALDATE)"),
                     /* keywords only: the system flags travel as bits */
                     SEND("* 2 FETCH (UID 12 FLAGS (\\Seen a \\Answered b) RFC822.SIZE 60 " DATE ")\r\nA0004 OK\r\n"),
                     EXPECT("A0005 LOGOUT"), SEND("* BYE\r\nA0005 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    IMAPMAILBOX box = {.dwSize = sizeof(IMAPMAILBOX)};
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", &box), 0);
    ck_assert_uint_eq(box.dwFlags, IMAP_FLAG_ANSWERED | IMAP_FLAG_SEEN);
    ck_assert_uint_eq(box.dwPermanentFlags, IMAP_FLAG_SEEN | IMAP_FLAG_KEYWORDS);
    ck_assert_uint_eq(box.nMessages, 2);
    listed l = {0};
    ck_assert_int_eq(ImapListMessagesA(h, "1:*", IMAP_MESSAGE_UID, keep_message, (DWORD_PTR)&l), 2);
    ck_assert_uint_eq(l.m[0].dwFlags, IMAP_FLAG_SEEN | IMAP_FLAG_FLAGGED);
    ck_assert_uint_eq(l.m[0].dwMessageSize, 50);
    ck_assert_uint_eq(l.m[1].dwMessageSize, 60);
    char words[256];
    ck_assert_int_eq(ImapGetMessageKeywordsA(h, 11, words, sizeof words, IMAP_MESSAGE_UID), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_RESPONSE_TOO_LARGE);
    ck_assert_int_ge(ImapGetMessageKeywordsA(h, 12, words, sizeof words, IMAP_MESSAGE_UID), 0);
    ck_assert_str_eq(words, "a b");
    fake_imap_done(f, h);
}
END_TEST

/* The versioned structures: a dwSize below the first version's, or not a
 * multiple of 4, is refused before anything is sent; a newer program's
 * larger structure is filled as far as this version knows, dwSize saying
 * how far, and not a byte past the size the caller gave; an array's
 * elements are dwSize apart. */
START_TEST(structures_keep_to_their_size)
{
    fake_step s[] = {PREAUTH, EXPECT("A0001 SELECT INBOX"),
                     SEND("* 2 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n"),
                     EXPECT("A0002 STATUS INBOX (MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT)"),
                     SEND("* STATUS INBOX (MESSAGES 2 UIDNEXT 9)\r\nA0002 OK\r\n"),
                     EXPECT("A0003 FETCH 1:2 (UID FLAGS RFC822.SIZE INTERNALDATE)"),
                     SEND("* 1 FETCH (UID 7 FLAGS () RFC822.SIZE 70 " DATE ")\r\n"
                          "* 2 FETCH (UID 8 FLAGS () RFC822.SIZE 80 " DATE ")\r\nA0003 OK\r\n"),
                     EXPECT("A0004 LOGOUT"), SEND("* BYE\r\nA0004 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    IMAPMAILBOX small = {.dwSize = 8};
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", &small), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    small.dwSize = sizeof small - 2;
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", &small), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    union {
        IMAPMAILBOX box;
        unsigned char bytes[sizeof(IMAPMAILBOX) + 16];
    } newer;
    memset(&newer, 0xAA, sizeof newer);
    newer.box.dwSize = sizeof newer; /* a later version's, 16 bytes larger */
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", &newer.box), 0);
    ck_assert_uint_eq(newer.box.dwSize, sizeof(IMAPMAILBOX));
    ck_assert_uint_eq(newer.box.nMessages, 2);
    ck_assert_uint_eq(newer.box.dwMailboxUID, 5);
    for (size_t i = sizeof(IMAPMAILBOX); i < sizeof newer; i++)
        ck_assert_uint_eq(newer.bytes[i], 0xAA);
    IMAPMAILBOXSTATUS st = {.dwSize = 4};
    ck_assert_int_eq(ImapGetMailboxStatusA(h, "INBOX", &st), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    st.dwSize = sizeof st;
    ck_assert_int_eq(ImapGetMailboxStatusA(h, "INBOX", &st), 0);
    ck_assert_uint_eq(st.dwSize, sizeof st);
    ck_assert_uint_eq(st.nMessages, 2);
    ck_assert_uint_eq(st.dwNextMessageUID, 9);
    enum { STRIDE = sizeof(IMAPMESSAGE) + 12 };
    static unsigned char array[3 * STRIDE];
    IMAPMESSAGE *first = (IMAPMESSAGE *)(void *)array;
    first->dwSize = 8;
    ck_assert_int_eq(ImapEnumMessages(h, 1, 2, 0, 0, first, 3), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    first->dwSize = STRIDE;
    ck_assert_int_eq(ImapEnumMessages(h, 1, 2, 0, 0, first, 3), 2);
    for (int i = 0; i < 2; i++) {
        IMAPMESSAGE m;
        memcpy(&m, array + (size_t)i * STRIDE, sizeof m);
        ck_assert_uint_eq(m.dwSize, sizeof m);
        ck_assert_uint_eq(m.dwUid, 7u + (unsigned)i);
        ck_assert_uint_eq(m.dwMessageSize, 70u + 10u * (unsigned)i);
    }
    fake_imap_done(f, h);
}
END_TEST

/* "1:*" of an empty mailbox: servers answer BAD; the listing is empty. */
START_TEST(list_of_an_empty_mailbox)
{
    fake_step s[] = {SELECTED("0"), EXPECT("A0002 FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE)"),
                     SEND("A0002 BAD Invalid messageset\r\n"), EXPECT("A0003 FETCH 1:3 (UID FLAGS RFC822.SIZE INTERNALDATE)"),
                     SEND("A0003 BAD Invalid messageset\r\n"), EXPECT("A0004 LOGOUT"),
                     SEND("* BYE\r\nA0004 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    listed l = {0};
    ck_assert_int_eq(ImapListMessagesA(h, "1:*", 0, keep_message, (DWORD_PTR)&l), 0);
    ck_assert_int_eq(ImapListMessagesA(h, "1:3", 0, keep_message, (DWORD_PTR)&l), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_COMMAND_MALFORMED);
    ck_assert_int_eq(l.n, 0);
    fake_imap_done(f, h);
}
END_TEST

/* A response with a UID past 32 bits is skipped and the call fails as a
 * protocol violation, after handing on the others; the session goes on. */
START_TEST(list_survives_a_broken_response)
{
    fake_step s[] = {SELECTED("3"), EXPECT("A0002 FETCH 1:3 (UID FLAGS RFC822.SIZE INTERNALDATE)"),
                     SEND("* 1 FETCH (UID 11 FLAGS () RFC822.SIZE 5 " DATE ")\r\n"
                          "* 2 FETCH (UID 4294967296 FLAGS () RFC822.SIZE 5 " DATE ")\r\n"
                          "* 3 FETCH (UID 13 FLAGS () RFC822.SIZE 5 " DATE ")\r\nA0002 OK\r\n"),
                     EXPECT("A0003 NOOP"), SEND("A0003 OK\r\n"), EXPECT("A0004 LOGOUT"),
                     SEND("* BYE\r\nA0004 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    listed l = {0};
    ck_assert_int_eq(ImapListMessagesA(h, "1:3", 0, keep_message, (DWORD_PTR)&l), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_int_eq(l.n, 2);
    ck_assert_uint_eq(l.m[0].dwUid, 11);
    ck_assert_uint_eq(l.m[1].dwUid, 13);
    ck_assert(ImapIsConnected(h));
    ck_assert_int_eq(ImapCheckMailbox(h), 0);
    fake_imap_done(f, h);
}
END_TEST

/* FALSE from the callback: nothing more is handed on, the answer is read
 * to its end, and the next command is in step. */
START_TEST(list_stopped_by_the_callback)
{
    fake_step s[] = {SELECTED("3"), EXPECT("A0002 FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE)"),
                     SEND("* 1 FETCH (UID 11 FLAGS () RFC822.SIZE 5 " DATE ")\r\n"
                          "* 2 FETCH (UID 12 FLAGS () RFC822.SIZE 5 " DATE ")\r\n"
                          "* 3 FETCH (UID 13 FLAGS () RFC822.SIZE 5 " DATE ")\r\nA0002 OK\r\n"),
                     EXPECT("A0003 NOOP"), SEND("A0003 OK\r\n"), EXPECT("A0004 LOGOUT"),
                     SEND("* BYE\r\nA0004 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    listed l = {.stop_after = 2};
    ck_assert_int_eq(ImapListMessagesA(h, "1:*", 0, keep_message, (DWORD_PTR)&l), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_CANCELLED);
    ck_assert_int_eq(l.n, 2);
    ck_assert_int_eq(ImapCheckMailbox(h), 0);
    fake_imap_done(f, h);
}
END_TEST

typedef struct tally {
    DWORD expect; /* the next UID */
    DWORD count;
} tally;

static BOOL CALLBACK check_in_order(HCLIENT h, const IMAPMESSAGE *m, DWORD_PTR param)
{
    tally *t = (tally *)param;
    (void)h;
    if (m->dwUid != t->expect || m->nMessageId != t->expect || m->dwMessageSize != 100)
        return FALSE;
    t->expect++;
    t->count++;
    return TRUE;
}

/* 200,000 messages listed in one answer of 17 MB: each is handed on as
 * it arrives, and memory does not grow with them. */
START_TEST(list_of_two_hundred_thousand_in_flat_memory)
{
    enum { N = 200000 };
    size_t cap = (size_t)N * 112 + 64;
    char *reply = malloc(cap);
    size_t len = 0;
    for (int i = 1; i <= N; i++)
        len += (size_t)sprintf(reply + len, "* %d FETCH (UID %d FLAGS (\\Seen) RFC822.SIZE 100 " DATE ")\r\n", i, i);
    strcpy(reply + len, "A0002 OK\r\n");
    fake_step s[] = {SELECTED("200000"), EXPECT("A0002 FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE)"),
                     SEND(reply), EXPECT("A0003 LOGOUT"), SEND("* BYE\r\nA0003 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    tally t = {1, 0};
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(ImapListMessagesA(h, "1:*", 0, check_in_order, (DWORD_PTR)&t), N);
    long grown = peak_rss_kb() - before;
    ck_assert_uint_eq(t.count, N);
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB for %d messages", grown, N);
    fake_imap_done(f, h);
    free(reply);
}
END_TEST

/* ---- ImapSearchMessages ---------------------------------------------------- */

typedef struct numbers {
    DWORD next;
    DWORD stop_at; /* 0: never */
    int out_of_order;
    int down; /* each number one less than the one before, not one more */
} numbers;

static BOOL CALLBACK take_number(HCLIENT h, DWORD n, DWORD_PTR param)
{
    numbers *c = (numbers *)param;
    (void)h;
    if (n != c->next)
        c->out_of_order = 1;
    c->next = c->down ? n - 1 : n + 1;
    return n != c->stop_at;
}

/* A 10 MB SEARCH line: every number handed on in order, memory flat; then
 * a search stopped after its fifth match, read to its end, the session in
 * step. */
START_TEST(search_each_number_in_flat_memory)
{
    static char reply[11u << 20];
    unsigned long n;
    size_t len = search_line(reply, 10u << 20, &n);
    strcpy(reply + len, "\r\nA0002 OK done\r\n");
    fake_step s[] = {SELECTED("1"), EXPECT("A0002 UID SEARCH ALL"), SEND(reply),
                     EXPECT("A0003 SEARCH ALL"), SEND("* SEARCH 1 2 3 4 5 6 7 8\r\nA0003 OK\r\n"),
                     EXPECT("A0004 NOOP"), SEND("A0004 OK\r\n"), EXPECT("A0005 LOGOUT"),
                     SEND("* BYE\r\nA0005 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    numbers c = {1, 0, 0};
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(ImapSearchMessagesA(h, "ALL", NULL, IMAP_MESSAGE_UID, take_number, (DWORD_PTR)&c),
                     (INT)n);
    long grown = peak_rss_kb() - before;
    ck_assert(!c.out_of_order);
    ck_assert_uint_eq(c.next, n + 1);
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB", grown);
    numbers stop = {1, 5, 0};
    ck_assert_int_eq(ImapSearchMessagesA(h, "ALL", NULL, 0, take_number, (DWORD_PTR)&stop), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_CANCELLED);
    ck_assert_uint_eq(stop.next, 6);
    ck_assert_int_eq(ImapCheckMailbox(h), 0);
    ck_assert_int_eq(ImapSearchMessagesA(h, "ALL", NULL, 0, NULL, 0), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    fake_imap_done(f, h);
}
END_TEST

/* ---- SORT ------------------------------------------------------------------ */

#define SORT_SELECTED(exists)                                                              \
    SEND("* PREAUTH [CAPABILITY IMAP4rev1 SORT] hi\r\n"), EXPECT("A0001 SELECT INBOX"),    \
        SEND("* " exists " EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n")

/* A 10 MB SORT line: every number handed on in the server's order, memory
 * flat; sort keys checked before anything is sent; a server without SORT
 * refused with ST_ERROR_NOT_SUPPORTED, the session kept. */
START_TEST(sort_each_number_in_order_in_flat_memory)
{
    static char reply[11u << 20];
    size_t len = (size_t)sprintf(reply, "* SORT");
    unsigned long n = 1200000; /* 9 MB of numbers */
    for (unsigned long u = n; u >= 1; u--)
        len += (size_t)sprintf(reply + len, " %lu", u);
    strcpy(reply + len, "\r\nA0002 OK done\r\n");
    fake_step s[] = {SORT_SELECTED("1200000"), EXPECT("A0002 UID SORT (REVERSE ARRIVAL) UTF-8 ALL"),
                     SEND(reply), EXPECT("A0003 SORT (SUBJECT DATE) US-ASCII FROM x"),
                     SEND("* SORT\r\nA0003 OK\r\n"), EXPECT("A0004 NOOP"), SEND("A0004 OK\r\n"),
                     EXPECT("A0005 LOGOUT"), SEND("* BYE\r\nA0005 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    numbers c = {(DWORD)n, 0, 0, 1};
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(ImapSortMessagesA(h, "reverse arrival", "ALL", NULL, IMAP_MESSAGE_UID,
                                       take_number, (DWORD_PTR)&c),
                     (INT)n);
    long grown = peak_rss_kb() - before;
    ck_assert(!c.out_of_order);
    ck_assert_uint_eq(c.next, 0);
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB", grown);
    static const char *const bad_keys[] = {"", "REVERSE", "DATE REVERSE", "REVERSE REVERSE DATE",
                                           "BOGUS", "(DATE)", "DATE\r\nA9 LOGOUT"};
    for (size_t i = 0; i < sizeof bad_keys / sizeof bad_keys[0]; i++) {
        ck_assert_int_eq(ImapSortMessagesA(h, bad_keys[i], "ALL", NULL, 0, take_number, (DWORD_PTR)&c),
                         IMAP_ERROR);
        ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    }
    ck_assert_int_eq(ImapSortMessagesA(h, "DATE", "ALL", NULL, 0, NULL, 0), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapSortMessagesA(h, " SUBJECT  DATE ", "FROM x", "US-ASCII", 0, take_number,
                                       (DWORD_PTR)&c),
                     0);
    ck_assert_int_eq(ImapCheckMailbox(h), 0);
    fake_imap_done(f, h);
}
END_TEST

START_TEST(sort_without_the_capability)
{
    fake_step s[] = {SELECTED("3"), EXPECT("A0002 NOOP"), SEND("A0002 OK\r\n"),
                     EXPECT("A0003 LOGOUT"), SEND("* BYE\r\nA0003 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    numbers c = {3, 0, 0, 1};
    ck_assert_int_eq(ImapSortMessagesA(h, "DATE", "ALL", NULL, 0, take_number, (DWORD_PTR)&c),
                     IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_SUPPORTED);
    ck_assert_int_eq(ImapCheckMailbox(h), 0);
    fake_imap_done(f, h);
}
END_TEST

/* ---- ESEARCH ---------------------------------------------------------------- */

#define ESEARCH_SELECTED(exists)                                                           \
    SEND("* PREAUTH [CAPABILITY IMAP4rev1 ESEARCH] hi\r\n"), EXPECT("A0001 SELECT INBOX"), \
        SEND("* " exists " EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n")

/* Where the server has ESEARCH, a search asks for its matches as ranges
 * (RETURN (ALL)): "1:1000000" is a million matches in nine bytes, handed
 * on one by one in order; a scattered set of a million (7 MB) is streamed
 * in flat memory; no match, another command's answer, an answer without
 * its correlator, each read right. */
START_TEST(esearch_ranges_are_matches)
{
    size_t cap = 8u << 20;
    char *scattered = malloc(cap);
    size_t len = (size_t)sprintf(scattered, "* ESEARCH (TAG \"A0003\") UID ALL ");
    for (unsigned u = 1; u < 2000000; u += 2)
        len += (size_t)sprintf(scattered + len, "%s%u", u > 1 ? "," : "", u);
    strcpy(scattered + len, "\r\nA0003 OK\r\n");
    fake_step s[] = {ESEARCH_SELECTED("1000002"), EXPECT("A0002 UID SEARCH RETURN (ALL) ALL"),
                     SEND("* ESEARCH (TAG \"A0002\") UID ALL 1:1000000,1000001\r\nA0002 OK\r\n"),
                     EXPECT("A0003 UID SEARCH RETURN (ALL) FLAGGED"), SEND(scattered),
                     EXPECT("A0004 SEARCH RETURN (ALL) DELETED"),
                     SEND("* ESEARCH (TAG \"A0004\")\r\nA0004 OK\r\n"),
                     EXPECT("A0005 UID SEARCH RETURN (ALL) SEEN"),
                     SEND("* ESEARCH (TAG \"A9999\") UID ALL 1:5\r\n"
                          "* ESEARCH (tag \"a0005\") uid all 7\r\nA0005 OK\r\n"),
                     EXPECT("A0006 UID SEARCH RETURN (ALL) DRAFT"),
                     SEND("* ESEARCH UID ALL 9:8\r\nA0006 OK\r\n"), EXPECT("A0007 LOGOUT"),
                     SEND("* BYE\r\nA0007 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    numbers c = {1, 0, 0};
    ck_assert_int_eq(ImapSearchMessagesA(h, "ALL", NULL, IMAP_MESSAGE_UID, take_number, (DWORD_PTR)&c),
                     1000001);
    ck_assert(!c.out_of_order);
    ck_assert_uint_eq(c.next, 1000002);
    DWORD r[10];
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(ImapSearchMailboxA(h, "FLAGGED", NULL, IMAP_MESSAGE_UID, r, 10), 1000000);
    long grown = peak_rss_kb() - before;
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB", grown);
    ck_assert_uint_eq(r[0], 1);
    ck_assert_uint_eq(r[9], 19);
    ck_assert_int_eq(ImapSearchMailboxA(h, "DELETED", NULL, 0, r, 10), 0);
    ck_assert_int_eq(ImapSearchMailboxA(h, "SEEN", NULL, IMAP_MESSAGE_UID, r, 10), 1);
    ck_assert_uint_eq(r[0], 7);
    ck_assert_int_eq(ImapSearchMailboxA(h, "DRAFT", NULL, IMAP_MESSAGE_UID, r, 10), 2);
    ck_assert_uint_eq(r[0], 8);
    ck_assert_uint_eq(r[1], 9);
    fake_imap_done(f, h);
    free(scattered);
}
END_TEST

/* ---- mailboxes ---------------------------------------------------------------- */

/* 20,000 mailboxes listed with LIST-STATUS, every STATUS after all the
 * LIST lines: each matched to its mailbox (no STATUS command is sent for
 * any of them), whole listing in one round trip. */
START_TEST(twenty_thousand_mailboxes_with_statuses)
{
    enum { N = 20000 };
    char *reply = malloc((size_t)N * 80 + 64);
    size_t len = 0;
    for (int i = 0; i < N; i++)
        len += (size_t)sprintf(reply + len, "* LIST () \"/\" Box%05d\r\n", i);
    for (int i = 0; i < N; i++)
        len += (size_t)sprintf(reply + len, "* STATUS Box%05d (MESSAGES %d UNSEEN 0)\r\n", i, i + 1);
    strcpy(reply + len, "A0001 OK\r\n");
    fake_step s[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1 LIST-STATUS] hi\r\n"),
                     EXPECT("A0001 LIST \"\" \"*\" RETURN (STATUS (MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT))"),
                     SEND(reply), EXPECT("A0002 LOGOUT"), SEND("* BYE\r\nA0002 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    char name[64], want[64];
    DWORD flags;
    IMAPMAILBOXSTATUS st = {.dwSize = sizeof(IMAPMAILBOXSTATUS)};
    int n = 0;
    for (INT r = ImapGetFirstMailboxA(h, "", "*", IMAP_LIST_STATUS, name, sizeof name, &flags); r >= 0;
         r = ImapGetNextMailboxA(h, name, sizeof name, &flags), n++) {
        snprintf(want, sizeof want, "Box%05d", n);
        ck_assert_str_eq(name, want);
        ck_assert_int_eq(ImapGetMailboxStatusA(h, name, &st), 0); /* from the listing */
        ck_assert_uint_eq(st.nMessages, (UINT)n + 1);
    }
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NO_MORE_MAILBOXES);
    ck_assert_int_eq(n, N);
    fake_imap_done(f, h);
    free(reply);
}
END_TEST

/* What ImapListMailboxes handed on: names "BoxNNNNN" in order, each with
 * MESSAGES NNNNN + 1 where counts came. */
typedef struct boxes {
    int listed, status_only, with_counts, wrong;
    int stop_at; /* 0: never */
    DWORD flags[4];
    char names[4][64];
} boxes;

static BOOL CALLBACK take_box(HCLIENT h, const IMAPMAILBOXINFOA *m, DWORD_PTR param)
{
    boxes *b = (boxes *)param;
    char want[64];
    (void)h;
    int i = m->bStatusOnly ? b->status_only++ : b->listed++;
    if (!m->bStatusOnly && i < 4) {
        snprintf(b->names[i], sizeof b->names[i], "%s", m->lpszMailbox);
        b->flags[i] = m->dwFlags;
    }
    if (strncmp(m->lpszMailbox, "Box", 3) == 0) {
        snprintf(want, sizeof want, "Box%05d", i);
        b->wrong |= strcmp(m->lpszMailbox, want) != 0 || m->dwSize != sizeof *m;
        b->wrong |= m->dwDelimiter != (m->bStatusOnly ? 0u : '/');
        b->wrong |= m->lpStatus != NULL && m->lpStatus->nMessages != (UINT)i + 1;
    }
    b->with_counts += m->lpStatus != NULL;
    return b->listed + b->status_only != b->stop_at;
}

/* 100,000 mailboxes, each STATUS right after its LIST line: each handed
 * on with its counts, in memory that does not grow with the listing. */
START_TEST(hundred_thousand_mailboxes_streamed)
{
    enum { N = 100000 };
    char *reply = malloc((size_t)N * 90 + 64);
    size_t len = 0;
    for (int i = 0; i < N; i++)
        len += (size_t)sprintf(reply + len, "* LIST (\\HasNoChildren) \"/\" Box%05d\r\n"
                                            "* STATUS Box%05d (MESSAGES %d UNSEEN 0)\r\n", i, i, i + 1);
    strcpy(reply + len, "A0001 OK\r\n");
    fake_step s[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1 LIST-STATUS] hi\r\n"),
                     EXPECT("A0001 LIST \"\" \"*\" RETURN (STATUS (MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT))"),
                     SEND(reply), EXPECT("A0002 LOGOUT"), SEND("* BYE\r\nA0002 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    boxes b = {0};
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(ImapListMailboxesA(h, NULL, NULL, IMAP_LIST_STATUS, take_box, (DWORD_PTR)&b), N);
    long grown = peak_rss_kb() - before;
    ck_assert(!b.wrong);
    ck_assert_int_eq(b.listed, N);
    ck_assert_int_eq(b.status_only, 0);
    ck_assert_int_eq(b.with_counts, N);
    ck_assert_uint_eq(b.flags[0], IMAP_FLAG_HASNOCHILDREN);
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB", grown);
    fake_imap_done(f, h);
    free(reply);
}
END_TEST

/* Every STATUS after every LIST line: the mailboxes go on as they come,
 * their counts after them, each marked as counts only; a malformed LIST
 * line costs its entry; a mailbox named NIL is a mailbox; FALSE stops the
 * listing, which is read to its end, the session kept. */
START_TEST(late_counts_and_broken_lines)
{
    fake_step s[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1 LIST-STATUS] hi\r\n"),
                     EXPECT("A0001 LIST \"\" \"*\" RETURN (STATUS (MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT))"),
                     SEND("* LIST () \"/\" Box00000\r\n* LIST (\\Noselect \"/\" Broken\r\n"
                          "* LIST (\\Sent) \"/\" Box00001\r\n* LIST () NIL NIL\r\n"
                          "* STATUS Box00000 (MESSAGES 1)\r\n* STATUS Box00001 (MESSAGES 2)\r\n"
                          "A0001 OK\r\n"),
                     EXPECT("A0002 LSUB \"\" \"%\""),
                     SEND("* LSUB () \"/\" Box00000\r\n* LSUB () \"/\" Box00001\r\n"
                          "* LSUB () \"/\" Box00002\r\nA0002 OK\r\n"),
                     EXPECT("A0003 NOOP"), SEND("A0003 OK\r\n"), EXPECT("A0004 LOGOUT"),
                     SEND("* BYE\r\nA0004 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    boxes b = {0};
    ck_assert_int_eq(ImapListMailboxesA(h, "", "*", IMAP_LIST_STATUS, take_box, (DWORD_PTR)&b), 3);
    ck_assert(!b.wrong);
    ck_assert_int_eq(b.listed, 3);
    ck_assert_int_eq(b.status_only, 2);
    ck_assert_int_eq(b.with_counts, 2);
    ck_assert_str_eq(b.names[1], "Box00001");
    ck_assert_uint_eq(b.flags[1], IMAP_FLAG_SENT);
    ck_assert_str_eq(b.names[2], "NIL");
    boxes stop = {0};
    stop.stop_at = 2;
    ck_assert_int_eq(ImapListMailboxesA(h, "", "%", IMAP_LIST_SUBSCRIBED, take_box, (DWORD_PTR)&stop),
                     IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_CANCELLED);
    ck_assert_int_eq(stop.listed, 2);
    ck_assert_uint_eq(stop.flags[0], IMAP_FLAG_SUBSCRIBED);
    ck_assert_int_eq(ImapListMailboxesA(h, "", "*", 0, NULL, 0), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapListMailboxesA(h, "", "*", 0x100, take_box, (DWORD_PTR)&b), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapListMailboxesA(h, "", "*\r\nA1 LOGOUT", 0, take_box, (DWORD_PTR)&b), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapCommandA(h, "NOOP"), IMAP_RESULT_OK);
    fake_imap_done(f, h);
}
END_TEST

static BOOL CALLBACK take_wide_box(HCLIENT h, const IMAPMAILBOXINFOW *m, DWORD_PTR param)
{
    (void)h;
    wcsncpy((wchar_t *)param, m->lpszMailbox, 31);
    return m->dwSize == sizeof *m;
}

/* The wide form: a modified UTF-7 name arrives decoded. */
START_TEST(wide_mailbox_names)
{
    fake_step s[] = {PREAUTH, EXPECT("A0001 LIST \"\" \"*\""),
                     SEND("* LIST () \"/\" \"&AOk-t&AOk-\"\r\nA0001 OK\r\n"), EXPECT("A0002 LOGOUT"),
                     SEND("* BYE\r\nA0002 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open(f);
    wchar_t name[32] = {0};
    ck_assert_int_eq(ImapListMailboxesW(h, L"", NULL, 0, take_wide_box, (DWORD_PTR)name), 1);
    ck_assert(wcscmp(name, L"\u00e9t\u00e9") == 0);
    fake_imap_done(f, h);
}
END_TEST

/* ---- VANISHED -------------------------------------------------------------- */

/* A million UIDs expunged in one VANISHED (7 MB, with any command): the
 * count goes down by as many, in the memory of a short line; a VANISHED
 * (EARLIER) leaves it alone; the session goes on. */
START_TEST(vanished_million_takes_the_count_down)
{
    size_t cap = 8u << 20;
    char *reply = malloc(cap);
    size_t len = (size_t)sprintf(reply, "* VANISHED ");
    for (unsigned u = 1; u < 2000000; u += 2)
        len += (size_t)sprintf(reply + len, "%s%u", u > 1 ? "," : "", u);
    strcpy(reply + len, "\r\n* VANISHED (EARLIER) 5:9\r\nA0002 OK\r\n");
    fake_step s[] = {SELECTED("2000000"), EXPECT("A0002 NOOP"), SEND(reply), EXPECT("A0003 NOOP"),
                     SEND("* VANISHED 2:4\r\nA0003 OK\r\n"), EXPECT("A0004 LOGOUT"),
                     SEND("* BYE\r\nA0004 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    ck_assert_int_eq(ImapGetMessageCount(h), 2000000);
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(ImapCheckMailbox(h), 0);
    long grown = peak_rss_kb() - before;
    ck_assert_int_eq(ImapGetMessageCount(h), 1000000);
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB", grown);
    ck_assert_int_eq(ImapCheckMailbox(h), 0);
    ck_assert_int_eq(ImapGetMessageCount(h), 999997);
    fake_imap_done(f, h);
    free(reply);
}
END_TEST

static Suite *listing_suite(void)
{
    Suite *s = suite_create("imap_listing");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, fake_imap_setup, fake_imap_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, long_uid_set_goes_in_commands_under_8kb);
    tcase_add_test(tc, consecutive_uids_become_ranges);
    tcase_add_test(tc, malformed_sets_are_refused_unsent);
    tcase_add_test(tc, list_skips_flag_updates);
    tcase_add_test(tc, list_survives_a_broken_response);
    tcase_add_test(tc, list_of_an_empty_mailbox);
    tcase_add_test(tc, structures_keep_to_their_size);
    tcase_add_test(tc, thousands_of_keywords_keep_the_session);
    tcase_add_test(tc, list_stopped_by_the_callback);
    tcase_add_test(tc, list_of_two_hundred_thousand_in_flat_memory);
    tcase_add_test(tc, search_each_number_in_flat_memory);
    tcase_add_test(tc, vanished_million_takes_the_count_down);
    tcase_add_test(tc, esearch_ranges_are_matches);
    tcase_add_test(tc, sort_each_number_in_order_in_flat_memory);
    tcase_add_test(tc, sort_without_the_capability);
    tcase_add_test(tc, twenty_thousand_mailboxes_with_statuses);
    tcase_add_test(tc, hundred_thousand_mailboxes_streamed);
    tcase_add_test(tc, late_counts_and_broken_lines);
    tcase_add_test(tc, wide_mailbox_names);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(listing_suite)
