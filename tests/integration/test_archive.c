/*
 * test_archive.c - a mailbox of 100,000 messages on the harness's Dovecot
 * (user archive, made by tests/server/make_archive.py): every UID by a
 * streamed search, a sort by size in the server's order, every message's
 * attributes listed, a set of 50,000
 * scattered UIDs fetched, the POP3 listing of the same maildrop, cached
 * and streamed - each
 * checked against what the generator wrote, with memory that does not
 * grow with the mailbox where the call keeps nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check_main.h"
#include "../common/testutil.h"

enum { MESSAGES = 100000 };

/* The generator's message i: its size and flags. */
static DWORD archive_size(DWORD i)
{
    return (DWORD)snprintf(NULL, 0,
                           "From: Sender %u <sender%u@example.test>\r\n"
                           "To: archive@example.test\r\n"
                           "Subject: Archive message %u\r\n"
                           "Date: Mon, 01 Jan 2024 00:00:00 +0000\r\n"
                           "Message-ID: <archive%u@example.test>\r\n"
                           "\r\n"
                           "This is archived message number %u.\r\n",
                           (unsigned)(i % 97), (unsigned)(i % 97), (unsigned)i, (unsigned)i, (unsigned)i);
}

static DWORD archive_flags(DWORD i)
{
    return (i % 7 == 0 ? IMAP_FLAG_FLAGGED : 0) | (i % 3 == 0 ? IMAP_FLAG_SEEN : 0);
}

static void setup(void)
{
    ck_assert_msg(server_env("MW_MAIL_DIR") != NULL, "MAILWIRE_SERVER_ENV not set or unreadable");
    ck_assert(ImapInitializeA(NULL, NULL));
}

static void teardown(void)
{
    ImapUninitialize();
}

static HCLIENT open_archive(void)
{
    HCLIENT h = ImapConnectA("127.0.0.1", server_port("MW_IMAP_PORT"), 120, 0, NULL);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)ImapGetLastError());
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_DEFAULT, "archive", "archive"), 0);
    ck_assert_int_eq(ImapExamineMailboxA(h, "INBOX", NULL), 0);
    ck_assert_int_eq(ImapGetMessageCount(h), MESSAGES);
    return h;
}

typedef struct in_order {
    DWORD next;
    int wrong;
} in_order;

static BOOL CALLBACK take_uid(HCLIENT h, DWORD uid, DWORD_PTR param)
{
    in_order *o = (in_order *)param;
    (void)h;
    o->wrong |= uid != o->next;
    o->next = uid + 1;
    return TRUE;
}

/* UID i is message i: every UID, in order, none held. */
START_TEST(search_streams_every_uid)
{
    HCLIENT h = open_archive();
    in_order o = {1, 0};
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(ImapSearchMessagesA(h, "ALL", NULL, IMAP_MESSAGE_UID, take_uid, (DWORD_PTR)&o),
                     MESSAGES);
    long grown = peak_rss_kb() - before;
    ck_assert(!o.wrong);
    ck_assert_uint_eq(o.next, MESSAGES + 1);
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB", grown);
    ck_assert_int_eq(ImapSearchMailboxA(h, "FLAGGED", NULL, IMAP_MESSAGE_UID, NULL, 0), MESSAGES / 7);
    ck_assert_int_eq(ImapSearchMailboxA(h, "SEEN", NULL, 0, NULL, 0), MESSAGES / 3);
    DWORD uid = 0;
    ck_assert_int_eq(ImapSearchMailboxA(h, "HEADER Message-ID \"<archive99991@example.test>\"", NULL,
                                        IMAP_MESSAGE_UID, &uid, 1),
                     1);
    ck_assert_uint_eq(uid, 99991);
    char set[32];
    DWORD matches = 0;
    ck_assert_int_eq(ImapSearchMessageSetA(h, "ALL", NULL, IMAP_MESSAGE_UID, set, sizeof set, &matches), 8);
    ck_assert_str_eq(set, "1:100000");
    ck_assert_uint_eq(matches, MESSAGES);
    ImapDisconnect(h);
}
END_TEST

typedef struct by_size {
    DWORD last_size; /* of the match before */
    INT count;
    int wrong;
} by_size;

static BOOL CALLBACK take_larger_first(HCLIENT h, DWORD uid, DWORD_PTR param)
{
    by_size *b = (by_size *)param;
    (void)h;
    DWORD size = archive_size(uid);
    b->wrong |= b->count > 0 && size > b->last_size;
    b->wrong |= uid == 0 || uid > 20000; /* outside what was asked for */
    b->last_size = size;
    b->count++;
    return TRUE;
}

/* SORT by size, largest first, of 20,000 messages: each handed on in the
 * server's order, the sizes never growing; the same flat memory. */
START_TEST(sort_streams_in_server_order)
{
    HCLIENT h = open_archive();
    by_size b = {0, 0, 0};
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(ImapSortMessagesA(h, "REVERSE SIZE", "UID 1:20000", NULL, IMAP_MESSAGE_UID,
                                       take_larger_first, (DWORD_PTR)&b),
                     20000);
    long grown = peak_rss_kb() - before;
    ck_assert_int_eq(b.count, 20000);
    ck_assert(!b.wrong);
    ck_assert_uint_eq(b.last_size, archive_size(1)); /* the smallest comes last */
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB", grown);
    ImapDisconnect(h);
}
END_TEST

typedef struct checked {
    DWORD next;
    DWORD bad; /* the first message that was not as written, 0 if none */
} checked;

static BOOL CALLBACK check_message(HCLIENT h, const IMAPMESSAGE *m, DWORD_PTR param)
{
    checked *c = (checked *)param;
    (void)h;
    DWORD i = c->next++;
    if (c->bad == 0 && (m->nMessageId != i || m->dwUid != i || m->dwMessageSize != archive_size(i) ||
                        (m->dwFlags & ~(DWORD)IMAP_FLAG_RECENT) != archive_flags(i) ||
                        m->szInternalDate[0] == '\0'))
        c->bad = i;
    return TRUE;
}

START_TEST(list_every_message_in_flat_memory)
{
    HCLIENT h = open_archive();
    checked c = {1, 0};
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(ImapListMessagesA(h, "1:*", 0, check_message, (DWORD_PTR)&c), MESSAGES);
    long grown = peak_rss_kb() - before;
    ck_assert_msg(c.bad == 0, "message %u differs from what was stored", (unsigned)c.bad);
    ck_assert_uint_eq(c.next, MESSAGES + 1);
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB", grown);
    /* the array form: every entry, in order */
    IMAPMESSAGE *all = calloc(MESSAGES, sizeof *all);
    all[0].dwSize = sizeof *all;
    ck_assert_int_eq(ImapEnumMessages(h, 1, 0xFFFFFFFFu, 0, 0, all, MESSAGES), MESSAGES);
    ck_assert_uint_eq(all[0].dwUid, 1);
    ck_assert_uint_eq(all[MESSAGES - 1].dwUid, MESSAGES);
    ck_assert_uint_eq(all[MESSAGES - 1].dwMessageSize, archive_size(MESSAGES));
    free(all);
    ImapDisconnect(h);
}
END_TEST

typedef struct headers {
    char buf[1024];
    size_t len;
    DWORD messages, bad;
} headers;

/* Each message's header block must name its own UID. */
static BOOL CALLBACK check_header(HCLIENT h, const IMAPFETCHDATA *d, DWORD_PTR param)
{
    headers *c = (headers *)param;
    (void)h;
    if (!d->bLastChunk) {
        if (c->len + d->dwLength < sizeof c->buf) {
            memcpy(c->buf + c->len, d->lpvData, d->dwLength);
            c->len += d->dwLength;
        }
        return TRUE;
    }
    char want[64];
    c->buf[c->len] = '\0';
    snprintf(want, sizeof want, "Subject: Archive message %u\r\n", (unsigned)d->dwUid);
    if (c->bad == 0 && (d->dwUid % 2 != 1 || strstr(c->buf, want) == NULL))
        c->bad = d->dwUid ? d->dwUid : 0xFFFFFFFFu;
    c->messages++;
    c->len = 0;
    return TRUE;
}

/* 50,000 odd UIDs: a set of 290 KB, sent in commands under 8 KB. */
START_TEST(fetch_fifty_thousand_scattered_uids)
{
    HCLIENT h = open_archive();
    char *set = malloc(50000 * 7);
    size_t len = 0;
    for (DWORD u = 1; u <= MESSAGES; u += 2)
        len += (size_t)sprintf(set + len, "%s%u", len ? "," : "", (unsigned)u);
    headers *c = calloc(1, sizeof *c);
    ck_assert_int_eq(ImapFetchMessagesA(h, set, IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK | IMAP_SECTION_HEADER,
                                        check_header, (DWORD_PTR)c),
                     MESSAGES / 2);
    ck_assert_msg(c->bad == 0, "message of UID %u is not the one asked for", (unsigned)c->bad);
    ck_assert_uint_eq(c->messages, MESSAGES / 2);
    free(c);
    free(set);
    ImapDisconnect(h);
}
END_TEST

/* The same maildrop over POP3: its count, sizes and UIDLs. */
typedef struct pop_seen {
    UINT next;
    DWORD bad; /* the first message not as written, 0 if none */
    char last_uid[POP_UID_LENGTH + 1];
} pop_seen;

static BOOL CALLBACK check_pop_message(HCLIENT h, const POPMESSAGEINFO *m, DWORD_PTR param)
{
    pop_seen *p = (pop_seen *)param;
    (void)h;
    if (p->bad == 0 && (m->nMessageId != p->next || m->dwMessageSize != archive_size(p->next) ||
                        m->szUid[0] == '\0' || strcmp(m->szUid, p->last_uid) == 0))
        p->bad = p->next;
    snprintf(p->last_uid, sizeof p->last_uid, "%s", m->szUid);
    p->next++;
    return TRUE;
}

START_TEST(pop_maildrop_of_a_hundred_thousand)
{
    ck_assert(PopInitializeA(NULL, NULL));
    HCLIENT h = PopConnectA("127.0.0.1", server_port("MW_POP3_PORT"), 120, 0, NULL);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)PopGetLastError());
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_DEFAULT, "archive", "archive"), 0);
    ck_assert_int_eq(PopGetMessageCount(h), MESSAGES);
    static const DWORD probe[] = {1, 2, 77777, MESSAGES};
    char first[80] = "", uid[80];
    for (size_t k = 0; k < sizeof probe / sizeof probe[0]; k++) {
        DWORD size = 0;
        ck_assert_int_ge(PopGetMessageSize(h, probe[k], &size), 0);
        ck_assert_uint_eq(size, archive_size(probe[k]));
        ck_assert_int_gt(PopGetMessageUidA(h, probe[k], uid, sizeof uid), 0);
        if (k == 0)
            snprintf(first, sizeof first, "%s", uid);
        else
            ck_assert_str_ne(uid, first);
    }
    ck_assert_int_eq(PopGetMessageSize(h, MESSAGES + 1, &(DWORD){0}), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_MESSAGE_NOT_FOUND);
    PopDisconnect(h);
    /* the streamed listing, on a session with no cache: each message's
     * size and UIDL, in order, memory flat but for 4 bytes a message */
    h = PopConnectA("127.0.0.1", server_port("MW_POP3_PORT"), 120, 0, NULL);
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_DEFAULT, "archive", "archive"), 0);
    pop_seen seen = {1, 0, ""};
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(PopListMessages(h, POP_LIST_DEFAULT, check_pop_message, (DWORD_PTR)&seen), MESSAGES);
    long grown = peak_rss_kb() - before;
    ck_assert_msg(seen.bad == 0, "message %u is not as written", (unsigned)seen.bad);
    ck_assert_uint_eq(seen.next, MESSAGES + 1);
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB", grown);
    PopDisconnect(h);
    PopUninitialize();
}
END_TEST

static Suite *archive_suite(void)
{
    Suite *s = suite_create("archive");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, search_streams_every_uid);
    tcase_add_test(tc, sort_streams_in_server_order);
    tcase_add_test(tc, list_every_message_in_flat_memory);
    tcase_add_test(tc, fetch_fifty_thousand_scattered_uids);
    tcase_add_test(tc, pop_maildrop_of_a_hundred_thousand);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(archive_suite)
