/*
 * test_imap_messages.c - IMAP mailbox and message operations against a
 * real server of the harness (Dovecot, or GNU Mailutils' imap4d as
 * mailutils_imap_messages): messages compared byte for byte with the
 * stored files, every buffer mode, sections and parts, streaming with flat
 * memory, flags and keywords, copy / move / append / search, UTF-8
 * mailbox names, IDLE with updates and Cancel, raw commands.
 *
 * What Mailutils is allowed to do differently is stated where it matters:
 * it keeps no keywords (no \* in PERMANENTFLAGS, a keyword STORE is BAD),
 * and has no UIDPLUS (APPEND and COPY report no new UIDs), no LIST-STATUS
 * (counts cost a STATUS each) and no MOVE.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "../common/check_main.h"
#include "../common/testsys.h"
#include "../common/testutil.h"

static unsigned imap_port;
static int mailutils; /* the server is GNU Mailutils' imap4d */

static void setup(void)
{
    ck_assert_msg(server_env("MW_MAIL_DIR") != NULL, "MAILWIRE_SERVER_ENV not set or unreadable");
    imap_port = server_port("MW_IMAP_PORT");
    mailutils = server_is("mailutils");
    ck_assert(ImapInitializeA(NULL, NULL));
}

static void teardown(void)
{
    ImapUninitialize();
}

static HCLIENT login(const char *user, const char *password, const char *mailbox)
{
    HCLIENT h = ImapConnectA("127.0.0.1", imap_port, 30, 0, NULL);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)ImapGetLastError());
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_DEFAULT, server_user(user), password), 0);
    if (mailbox != NULL)
        ck_assert_msg(ImapSelectMailboxA(h, mailbox, NULL) == 0, "select: 0x%x", (unsigned)ImapGetLastError());
    return h;
}

/* The n-th stored message of user (file-name order = UID order here). */
static char *stored(const char *user, int n, size_t *len)
{
    char *data = stored_message(user, n, len);
    ck_assert_ptr_nonnull(data);
    return data;
}

START_TEST(select_examine_status)
{
    HCLIENT h = login("alice", "wonderland", NULL);
    IMAPMAILBOX mb = {.dwSize = sizeof(IMAPMAILBOX)};
    memset(&mb, 0xff, sizeof mb);
    mb.dwSize = sizeof mb;
    ck_assert_int_eq(ImapExamineMailboxA(h, "INBOX", &mb), 0);
    ck_assert_uint_eq(mb.nMessages, 3);
    ck_assert_uint_eq(mb.dwAccessMode, IMAP_ACCESS_READONLY);
    ck_assert_uint_gt(mb.dwMailboxUID, 0);
    ck_assert_uint_eq(mb.dwNextMessageUID, 4);
    ck_assert(mb.dwFlags & IMAP_FLAG_SEEN);
    ck_assert_int_eq(ImapGetMessageCount(h), 3);
    /* read-only: nothing may be stored */
    ck_assert_int_eq(ImapSetMessageFlags(h, 1, IMAP_FLAG_FLAGGED, IMAP_FLAGS_ADD), IMAP_ERROR);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", &mb), 0);
    ck_assert_uint_eq(mb.dwAccessMode, IMAP_ACCESS_READWRITE);
    ck_assert_int_eq((mb.dwPermanentFlags & IMAP_FLAG_KEYWORDS) != 0, !mailutils);
    IMAPMAILBOXSTATUS st = {.dwSize = sizeof(IMAPMAILBOXSTATUS)};
    ck_assert_int_eq(ImapGetMailboxStatusA(h, "INBOX", &st), 0);
    ck_assert_uint_eq(st.nMessages, 3);
    ck_assert_uint_eq(st.dwMailboxUID, mb.dwMailboxUID);
    ck_assert_int_eq(ImapSelectMailboxA(h, "No/Such/Box", &mb), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_MAILBOX_NOT_FOUND);
    ck_assert_int_eq(ImapGetMessageCount(h), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NO_MAILBOX_SELECTED);
    ck_assert_int_eq(ImapGetMailboxStatusA(h, "No/Such/Box", &st), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_MAILBOX_NOT_FOUND);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    ck_assert_int_eq(ImapUnselectMailbox(h), 0);
    ck_assert_int_eq(ImapUnselectMailbox(h), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NO_MAILBOX_SELECTED);
    ImapDisconnect(h);
}
END_TEST

START_TEST(every_message_byte_for_byte)
{
    HCLIENT h = login("alice", "wonderland", "INBOX");
    IMAPMESSAGE m[8] = {{.dwSize = sizeof(IMAPMESSAGE)}};
    ck_assert_int_eq(ImapEnumMessages(h, 1, 0xFFFFFFFF, 0, 0, m, 8), 3);
    char path[] = "/tmp/mailwire-imap-save-XXXXXX";
    close(mkstemp(path));
    for (int i = 1; i <= 3; i++) {
        size_t len;
        char *file = stored("alice", i, &len);
        ck_assert_uint_eq(m[i - 1].nMessageId, (UINT)i);
        ck_assert_uint_eq(m[i - 1].dwMessageSize, len);
        ck_assert(strlen(m[i - 1].szInternalDate) > 10);
        HGLOBAL mem = NULL;
        DWORD got = 0;
        ck_assert_int_eq(ImapGetMessage(h, (UINT)i, 0, &mem, &got, IMAP_MESSAGE_PEEK), (int)len);
        ck_assert_uint_eq(got, len);
        ck_assert_mem_eq(mem, file, len);
        ImapFreeMemory(mem);
        /* by UID, into the caller's buffer */
        char *buf = malloc(len);
        got = (DWORD)len;
        ck_assert_int_eq(ImapGetMessage(h, m[i - 1].dwUid, 0, buf, &got, IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK), (int)len);
        ck_assert_mem_eq(buf, file, len);
        free(buf);
        ck_assert_int_eq(ImapSaveMessageA(h, (UINT)i, 0, path, IMAP_MESSAGE_PEEK), (int)len);
        size_t slen;
        char *saved = read_whole_file(path, &slen);
        ck_assert_uint_eq(slen, len);
        ck_assert_mem_eq(saved, file, len);
        free(saved);
        DWORD size = 0, uid = 0;
        ck_assert_int_eq(ImapGetMessageSize(h, (UINT)i, &size, 0), (int)len);
        ck_assert_int_eq(ImapGetMessageUid(h, (UINT)i, &uid), (int)m[i - 1].dwUid);
        free(file);
    }
    unlink(path);
    char small[8];
    DWORD got = sizeof small;
    ck_assert_int_eq(ImapGetMessage(h, 1, 0, small, &got, IMAP_MESSAGE_PEEK), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_BUFFER_TOO_SMALL);
    ck_assert_uint_gt(got, sizeof small);
    HGLOBAL mem;
    got = 0;
    ck_assert_int_eq(ImapGetMessage(h, 9, 0, &mem, &got, 0), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_MESSAGE_NOT_FOUND);
    ck_assert_int_eq(ImapGetMessage(h, 999, 0, &mem, &got, IMAP_MESSAGE_UID), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_MESSAGE_NOT_FOUND);
    ck_assert(ImapIsConnected(h));
    ImapDisconnect(h);
}
END_TEST

START_TEST(sections_parts_and_headers)
{
    HCLIENT h = login("alice", "wonderland", "INBOX");
    size_t len;
    char *file = stored("alice", 2, &len);
    const char *body = strstr(file, "\r\n\r\n") + 4;
    char buf[2048];
    DWORD got = sizeof buf;
    ck_assert_int_eq(ImapGetMessageHeaders(h, 2, buf, &got, 0), (int)(body - file));
    ck_assert_mem_eq(buf, file, got);
    got = sizeof buf;
    ck_assert_int_eq(ImapGetMessage(h, 2, 0, buf, &got, IMAP_MESSAGE_PEEK | IMAP_SECTION_BODY), (int)(file + len - body));
    ck_assert_mem_eq(buf, body, got);
    got = sizeof buf;
    ck_assert_int_gt(ImapGetMessage(h, 2, 1, buf, &got, IMAP_MESSAGE_PEEK), 0);
    ck_assert_str_eq(buf, "Gr\xc3\xbc\xc3\x9f" "e aus M\xc3\xbcnchen.");
    got = sizeof buf;
    ck_assert_int_gt(ImapGetMessage(h, 2, 2, buf, &got, IMAP_MESSAGE_PEEK | IMAP_SECTION_MIMEHEADER), 0);
    ck_assert(strstr(buf, "filename=\"data.bin\"") != NULL);
    got = sizeof buf;
    ck_assert_int_eq(ImapGetMessage(h, 2, 0, buf, &got, IMAP_SECTION_MIMEHEADER), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    char v[256];
    ck_assert_int_gt(ImapGetHeaderValueA(h, 2, "Subject", v, sizeof v, 0), 0);
    ck_assert_str_eq(v, "Gr\xc3\xbc\xc3\x9f" "e aus M\xc3\xbcnchen");
    ck_assert_int_gt(ImapGetHeaderValueA(h, 2, "from", v, sizeof v, 0), 0);
    ck_assert_str_eq(v, "J\xc3\xbcrgen M\xc3\xbcller <juergen@example.test>");
    wchar_t w[64];
    ck_assert_int_eq(ImapGetHeaderValueW(h, 1, L"Message-ID", w, 64, 0), 22);
    ck_assert(wcscmp(w, L"<welcome@example.test>") == 0);
    ck_assert_int_eq(ImapGetHeaderValueA(h, 1, "X-None", v, sizeof v, 0), IMAP_ERROR);
    /* PEEK leaves \Seen alone; a plain fetch sets it. (A POP3 test
     * retrieving this message in parallel sets it too: clear it first.) */
    DWORD flags = 0;
    ck_assert_int_eq(ImapSetMessageFlags(h, 2, IMAP_FLAG_SEEN, IMAP_FLAGS_REMOVE), 0);
    got = sizeof buf;
    ck_assert_int_gt(ImapGetMessage(h, 2, 1, buf, &got, IMAP_MESSAGE_PEEK), 0);
    ck_assert_int_eq(ImapGetMessageFlags(h, 2, &flags, 0), 0);
    ck_assert(!(flags & IMAP_FLAG_SEEN));
    got = sizeof buf;
    ck_assert_int_gt(ImapGetMessage(h, 2, 1, buf, &got, 0), 0);
    ck_assert_int_eq(ImapGetMessageFlags(h, 2, &flags, 0), 0);
    ck_assert(flags & IMAP_FLAG_SEEN);
    /* BODYSTRUCTURE */
    ck_assert_int_eq(ImapGetMessageParts(h, 2, 0), 2);
    ck_assert_int_eq(ImapGetMessageParts(h, 1, 0), 1);
    IMAPMESSAGEPARTA part;
    part.dwSize = sizeof part;
    ck_assert_int_eq(ImapGetMessagePartInfoA(h, 2, 1, &part, 0), 2);
    ck_assert_str_eq(part.szType, "text");
    ck_assert_str_eq(part.szSubType, "plain");
    ck_assert_str_eq(part.szCharset, "utf-8");
    ck_assert_str_eq(part.szEncoding, "8bit");
    ck_assert_int_eq(ImapGetMessagePartInfoA(h, 2, 2, &part, 0), 2);
    ck_assert_str_eq(part.szType, "application");
    ck_assert_str_eq(part.szEncoding, "base64");
    ck_assert_str_eq(part.szFileName, "data.bin");
    ck_assert_str_eq(part.szDisposition, "attachment");
    ck_assert_uint_eq(part.dwPartSize, 16); /* the CRLF before a boundary belongs to it */
    ck_assert_int_eq(ImapGetMessagePartInfoA(h, 2, 3, &part, 0), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_MESSAGE_NOT_FOUND);
    IMAPMESSAGEPARTW wpart;
    wpart.dwSize = sizeof wpart;
    ck_assert_int_eq(ImapGetMessagePartInfoW(h, 2, 2, &wpart, 0), 2);
    ck_assert(wcscmp(wpart.szFileName, L"data.bin") == 0);
    free(file);
    ImapDisconnect(h);
}
END_TEST

typedef struct fetched {
    char *data[8];
    size_t len[8];
    DWORD uid[8];
    int finals;
    int consistent;
} fetched;

static BOOL CALLBACK on_fetch(HCLIENT h, const IMAPFETCHDATA *d, DWORD_PTR param)
{
    (void)h;
    fetched *f = (fetched *)param;
    int i = (int)d->nMessageId - 1;
    if (i < 0 || i >= 8 || d->dwOffset != f->len[i])
        f->consistent = 0;
    if (d->bLastChunk) {
        f->finals++;
        f->uid[i] = d->dwUid;
        if (d->dwMessageSize != f->len[i])
            f->consistent = 0;
        return TRUE;
    }
    f->data[i] = realloc(f->data[i], f->len[i] + d->dwLength);
    memcpy(f->data[i] + f->len[i], d->lpvData, d->dwLength);
    f->len[i] += d->dwLength;
    return TRUE;
}

START_TEST(fetch_many_in_one_command)
{
    HCLIENT h = login("alice", "wonderland", "INBOX");
    trace_log *log = calloc(1, sizeof *log);
    ImapRegisterStatusProc(h, trace_collect, (DWORD_PTR)log);
    fetched f;
    memset(&f, 0, sizeof f);
    f.consistent = 1;
    ck_assert_int_eq(ImapFetchMessagesA(h, "1:*", IMAP_MESSAGE_PEEK, on_fetch, (DWORD_PTR)&f), 3);
    ck_assert_int_eq(count_of(log->text, "C: "), 1); /* one command for all */
    ck_assert(f.consistent);
    ck_assert_int_eq(f.finals, 3);
    for (int i = 0; i < 3; i++) {
        size_t len;
        char *file = stored("alice", i + 1, &len);
        ck_assert_uint_eq(f.len[i], len);
        ck_assert_mem_eq(f.data[i], file, len);
        ck_assert_uint_eq(f.uid[i], (DWORD)i + 1);
        free(file);
        free(f.data[i]);
    }
    memset(&f, 0, sizeof f);
    f.consistent = 1;
    ck_assert_int_eq(ImapFetchMessagesW(h, L"1,3", IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK, on_fetch, (DWORD_PTR)&f), 2);
    free(f.data[0]);
    free(f.data[2]);
    ck_assert_int_eq(ImapFetchMessagesA(h, "1;DELETE", 0, on_fetch, (DWORD_PTR)&f), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ImapDisconnect(h);
    free(log);
}
END_TEST


START_TEST(select_and_fetch_in_one_round_trip)
{
    HCLIENT h = login("alice", "wonderland", NULL);
    trace_log *log = calloc(1, sizeof *log);
    ImapRegisterStatusProc(h, trace_collect, (DWORD_PTR)log);
    fetched f;
    memset(&f, 0, sizeof f);
    f.consistent = 1;
    IMAPMAILBOX mb = {.dwSize = sizeof(IMAPMAILBOX)};
    ck_assert_int_eq(ImapSelectAndFetchA(h, "INBOX", &mb, "1:*", IMAP_SELECT_READONLY | IMAP_MESSAGE_PEEK,
                                         on_fetch, (DWORD_PTR)&f),
                     3);
    ck_assert_uint_eq(mb.nMessages, 3);
    ck_assert_uint_eq(mb.dwAccessMode, IMAP_ACCESS_READONLY);
    ck_assert(f.consistent);
    for (int i = 0; i < 3; i++) {
        size_t len;
        char *file = stored("alice", i + 1, &len);
        ck_assert_uint_eq(f.len[i], len);
        ck_assert_mem_eq(f.data[i], file, len);
        free(file);
        free(f.data[i]);
    }
    /* both commands left before the first answer came back */
    const char *examine = strstr(log->text, " EXAMINE INBOX\n");
    const char *fetch = strstr(log->text, " FETCH 1:* ");
    const char *answer = strstr(log->text, "S: ");
    ck_assert(examine != NULL && fetch != NULL && answer != NULL);
    ck_assert(examine < fetch && fetch < answer);
    /* Dovecot refuses "1:*" in an empty mailbox: that is no messages */
    ck_assert_int_eq(ImapCreateMailboxA(h, "Pipeline$$"), 0);
    ck_assert_int_eq(ImapSelectAndFetchA(h, "Pipeline$$", &mb, "1:*", 0, on_fetch, (DWORD_PTR)&f), 0);
    ck_assert_uint_eq(mb.nMessages, 0);
    ck_assert_int_eq(ImapSelectAndFetchA(h, "No such box", NULL, "1", 0, on_fetch, (DWORD_PTR)&f),
                     IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_MAILBOX_NOT_FOUND);
    ck_assert_int_eq(ImapDeleteMailboxA(h, "Pipeline$$"), 0);
    ImapDisconnect(h);
    free(log);
}
END_TEST

/* Many TLS records in one read, and records split across reads: a
 * 2 MB message goes up with APPEND and comes back with one FETCH over
 * implicit TLS, byte for byte. */
START_TEST(large_message_over_tls)
{
    enum { LINES = 27000 };
    static char msg[LINES * 78 + 64];
    size_t len = (size_t)sprintf(msg, "Subject: big over TLS\r\n\r\n");
    unsigned seed = 7;
    for (int i = 0; i < LINES; i++) {
        for (int j = 0; j < 76; j++) {
            seed = seed * 1103515245u + 12345u;
            msg[len++] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[(seed >> 16) & 63];
        }
        msg[len++] = '\r';
        msg[len++] = '\n';
    }
    char ca[512];
    snprintf(ca, sizeof ca, "%s", server_env("MW_CA_FILE")); /* the next lookup reuses its buffer */
    SECURITYCREDENTIALSA c;
    memset(&c, 0, sizeof c);
    c.dwSize = sizeof c;
    c.lpszCAFile = ca;
    HCLIENT h = ImapConnectA("127.0.0.1", server_port("MW_IMAPS_PORT"), 30, IMAP_OPTION_SECURE_IMPLICIT, &c);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)ImapGetLastError());
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, server_user("alice"), "wonderland"), 0);
    ImapDeleteMailboxA(h, "TlsRoundTrip$$"); /* left by an interrupted run */
    ck_assert_int_eq(ImapCreateMailboxA(h, "TlsRoundTrip$$"), 0);
    ck_assert_int_ge(ImapAppendMessageA(h, "TlsRoundTrip$$", msg, (DWORD)len, 0, NULL), 0);
    fetched f;
    memset(&f, 0, sizeof f);
    f.consistent = 1;
    ck_assert_int_eq(ImapSelectAndFetchA(h, "TlsRoundTrip$$", NULL, "1", IMAP_MESSAGE_PEEK, on_fetch,
                                         (DWORD_PTR)&f),
                     1);
    ck_assert(f.consistent);
    ck_assert_uint_eq(f.len[0], len);
    ck_assert_mem_eq(f.data[0], msg, len);
    free(f.data[0]);
    ck_assert_int_eq(ImapUnselectMailbox(h), 0);
    ck_assert_int_eq(ImapDeleteMailboxA(h, "TlsRoundTrip$$"), 0);
    ImapDisconnect(h);
}
END_TEST

START_TEST(list_with_status_in_one_round_trip)
{
    HCLIENT h = login("alice", "wonderland", NULL);
    ck_assert_int_eq(ImapHasCapabilityA(h, "LIST-STATUS"), !mailutils);
    trace_log *log = calloc(1, sizeof *log);
    ImapRegisterStatusProc(h, trace_collect, (DWORD_PTR)log);
    char name[256];
    DWORD flags;
    int inbox = 0, listed = 0, asked = 0;
    for (INT r = ImapGetFirstMailboxA(h, "", "*", IMAP_LIST_STATUS, name, sizeof name, &flags); r >= 0;
         r = ImapGetNextMailboxA(h, name, sizeof name, &flags)) {
        IMAPMAILBOXSTATUS st = {.dwSize = sizeof(IMAPMAILBOXSTATUS)};
        listed++;
        asked += !(flags & IMAP_FLAG_NOSELECT);
        if ((flags & IMAP_FLAG_NOSELECT) || ImapGetMailboxStatusA(h, name, &st) != 0)
            continue;
        ck_assert_uint_ne(st.dwMailboxUID, 0);
        if (strcmp(name, "INBOX") == 0) {
            inbox = 1;
            ck_assert_uint_eq(st.nMessages, 3);
            ck_assert_uint_ge(st.dwNextMessageUID, 4);
        }
    }
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NO_MORE_MAILBOXES);
    ck_assert(inbox && listed >= 1);
    if (!mailutils) {
        ck_assert_int_eq(count_of(log->text, "C: "), 1); /* the LIST alone */
        ck_assert_ptr_nonnull(strstr(log->text, " RETURN (STATUS ("));
    } else { /* a plain LIST, then a STATUS for each mailbox */
        ck_assert_int_eq(count_of(log->text, "C: "), 1 + asked);
        ck_assert_ptr_null(strstr(log->text, " RETURN ("));
    }
    ImapDisconnect(h);
    free(log);
}
END_TEST

static BOOL CALLBACK count_pair(HCLIENT h, DWORD validity, DWORD from, DWORD to, DWORD_PTR param)
{
    DWORD *last = (DWORD *)param; /* last[0]: pairs, last[1]: the last new UID */
    (void)h;
    (void)from;
    last[0] += validity != 0 && to > last[1];
    last[1] = to;
    return TRUE;
}

/* The set operations: flags and keywords of a set in one STORE, a copy of
 * six with their six new UIDs (none from Mailutils), a move, and the
 * expunge of one \Deleted message that leaves the other alone (UID
 * EXPUNGE; Mailutils has no UIDPLUS: the other's \Deleted is lifted
 * around a plain EXPUNGE). */
START_TEST(message_sets_on_server)
{
    HCLIENT h = login("erin", "erin", NULL);
    (void)ImapDeleteMailboxA(h, "Sets$$");
    (void)ImapDeleteMailboxA(h, "SetsCopy$$");
    ck_assert_int_eq(ImapCreateMailboxA(h, "Sets$$"), 0);
    ck_assert_int_eq(ImapCreateMailboxA(h, "SetsCopy$$"), 0);
    const char *msg = "Subject: set\r\n\r\nbody\r\n";
    for (int i = 0; i < 6; i++)
        ck_assert_int_ge(ImapAppendMessageA(h, "Sets$$", msg, (DWORD)strlen(msg), 0, NULL), !mailutils);
    ck_assert_int_eq(ImapSelectMailboxA(h, "Sets$$", NULL), 0);
    ck_assert_int_eq(ImapSetMessagesFlagsA(h, "1:6", IMAP_FLAG_FLAGGED, IMAP_FLAGS_ADD), 0);
    ck_assert_int_eq(ImapSearchMailboxA(h, "FLAGGED", NULL, 0, NULL, 0), 6);
    if (!mailutils) {
        ck_assert_int_eq(ImapSetMessagesKeywordsA(h, "3,2", "$Work", IMAP_FLAGS_ADD), 0);
        ck_assert_int_eq(ImapSearchMailboxA(h, "KEYWORD $Work", NULL, 0, NULL, 0), 2);
    }
    DWORD last[2] = {0, 0};
    ck_assert_int_eq(ImapCopyMessagesA(h, "1:*", "SetsCopy$$", IMAP_MESSAGE_UID, count_pair, (DWORD_PTR)last),
                     mailutils ? 0 : 6);
    ck_assert_uint_eq(last[0], mailutils ? 0 : 6); /* six pairs, new UIDs rising */
    ck_assert_int_eq(ImapMoveMessagesA(h, "4:6", "SetsCopy$$", IMAP_MESSAGE_UID, NULL, 0), 0);
    ck_assert_int_eq(ImapGetMessageCount(h), 3);
    ck_assert_int_eq(ImapSetMessagesFlagsA(h, "1:2", IMAP_FLAG_DELETED, IMAP_MESSAGE_UID | IMAP_FLAGS_ADD), 0);
    ck_assert_int_eq(ImapExpungeMessagesA(h, "1"), 0);
    ck_assert_int_eq(ImapGetMessageCount(h), 2); /* UID 2 is \Deleted, but stays */
    IMAPMAILBOXSTATUS st = {.dwSize = sizeof st};
    ck_assert_int_eq(ImapGetMailboxStatusA(h, "SetsCopy$$", &st), 0);
    ck_assert_uint_eq(st.nMessages, 9);
    ck_assert_int_eq(ImapUnselectMailbox(h), 0);
    ck_assert_int_eq(ImapDeleteMailboxA(h, "Sets$$"), 0);
    ck_assert_int_eq(ImapDeleteMailboxA(h, "SetsCopy$$"), 0);
    ImapDisconnect(h);
}
END_TEST

typedef struct streamed_boxes {
    int listed, inbox_messages, with_counts, status_only;
} streamed_boxes;

static BOOL CALLBACK take_streamed_box(HCLIENT h, const IMAPMAILBOXINFOA *m, DWORD_PTR param)
{
    streamed_boxes *b = (streamed_boxes *)param;
    (void)h;
    b->listed += !m->bStatusOnly;
    b->status_only += m->bStatusOnly != FALSE;
    b->with_counts += m->lpStatus != NULL;
    if (strcmp(m->lpszMailbox, "INBOX") == 0 && m->lpStatus != NULL)
        b->inbox_messages = (int)m->lpStatus->nMessages;
    return TRUE;
}

/* The streamed listing: Dovecot sends each STATUS right after its LIST
 * line, so every selectable mailbox comes with its counts, in one round
 * trip; Mailutils has no LIST-STATUS: names alone. */
START_TEST(list_mailboxes_streamed_with_counts)
{
    HCLIENT h = login("alice", "wonderland", NULL);
    trace_log *log = calloc(1, sizeof *log);
    ImapRegisterStatusProc(h, trace_collect, (DWORD_PTR)log);
    streamed_boxes b = {0, -1, 0, 0};
    INT n = ImapListMailboxesA(h, "", "*", IMAP_LIST_STATUS, take_streamed_box, (DWORD_PTR)&b);
    ck_assert_int_ge(n, 1);
    ck_assert_int_eq(n, b.listed);
    ck_assert_int_eq(b.inbox_messages, mailutils ? -1 : 3);
    ck_assert_int_eq(b.status_only, 0);
    ck_assert_int_ge(b.with_counts, !mailutils);
    ck_assert_int_eq(count_of(log->text, "C: "), 1);
    char name[256];
    DWORD flags;
    int cursor = 0;
    for (INT r = ImapGetFirstMailboxA(h, "", "*", 0, name, sizeof name, &flags); r >= 0;
         r = ImapGetNextMailboxA(h, name, sizeof name, &flags))
        cursor++;
    ck_assert_int_eq(cursor, n); /* the same mailboxes as the cursor lists */
    ImapDisconnect(h);
    free(log);
}
END_TEST

typedef struct progress {
    int events;
} progress;

static VOID CALLBACK on_progress(HCLIENT h, UINT id, DWORD err, DWORD_PTR param)
{
    (void)id;
    (void)err;
    DWORD done = 0, total = 0;
    ImapGetTransferStatus(h, &done, &total);
    ((progress *)param)->events += done <= total;
}

START_TEST(large_message_flat_memory)
{
    /* The size comes from the directory: reading the 61.6 MB reference
     * would raise the peak before the measurement and hide any growth. */
    long long len = stored_message_size("dave", 1);
    ck_assert_int_gt(len, 60000000);
    HCLIENT h = login("dave", "bigmail", "INBOX");
    progress p = {0};
    ImapRegisterEvent(h, IMAP_EVENT_PROGRESS, on_progress, (DWORD_PTR)&p);
    char path[] = "/tmp/mailwire-imap-big-XXXXXX";
    close(mkstemp(path));
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(ImapSaveMessageA(h, 1, 0, path, IMAP_MESSAGE_PEEK), (int)len);
    long grown = peak_rss_kb() - before;
    struct stat st;
    stat(path, &st);
    ck_assert_int_eq((long long)st.st_size, len);
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB for %lld bytes", grown, len);
    ck_assert_int_gt(p.events, 100);
    unlink(path);
    ImapDisconnect(h);
}
END_TEST

/* COMPRESS=DEFLATE (Dovecot with imap_zlib, Cyrus; Mailutils has none,
 * and the option then leaves the session plain): over TLS, every message
 * byte for byte, and the 61.6 MB one saved with flat memory and fewer
 * bytes on the wire than of protocol (it is base64). */
START_TEST(compressed_session)
{
    long long big = stored_message_size("dave", 1);
    SECURITYCREDENTIALSA c;
    memset(&c, 0, sizeof c);
    c.dwSize = sizeof c;
    char ca[512];
    snprintf(ca, sizeof ca, "%s", server_env("MW_CA_FILE"));
    c.lpszCAFile = ca;
    HCLIENT h = ImapConnectA("127.0.0.1", server_port("MW_IMAPS_PORT"), 30,
                             IMAP_OPTION_SECURE_IMPLICIT | IMAP_OPTION_COMPRESS, &c);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)ImapGetLastError());
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_DEFAULT, server_user("alice"), "wonderland"), 0);
    IMAPTRAFFIC t = {.dwSize = sizeof t};
    ck_assert_int_eq(ImapGetTraffic(h, &t), 0);
    ck_assert_int_eq(t.bCompressed != FALSE, !mailutils);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    for (int i = 1; i <= 3; i++) {
        size_t len;
        char *file = stored("alice", i, &len);
        HGLOBAL mem = NULL;
        DWORD got = 0;
        ck_assert_int_eq(ImapGetMessage(h, (UINT)i, 0, &mem, &got, IMAP_MESSAGE_PEEK), (int)len);
        ck_assert_mem_eq(mem, file, len);
        ImapFreeMemory(mem);
        free(file);
    }
    ImapDisconnect(h);
    h = ImapConnectA("127.0.0.1", imap_port, 30, IMAP_OPTION_COMPRESS, NULL);
    ck_assert(h != INVALID_CLIENT);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_DEFAULT, server_user("dave"), "bigmail"), 0);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    char path[] = "/tmp/mailwire-imap-zbig-XXXXXX";
    close(mkstemp(path));
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(ImapSaveMessageA(h, 1, 0, path, IMAP_MESSAGE_PEEK), (int)big);
    long grown = peak_rss_kb() - before;
    struct stat fst;
    stat(path, &fst);
    ck_assert_int_eq((long long)fst.st_size, big);
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB for %lld bytes", grown, big);
    ck_assert_int_eq(ImapGetTraffic(h, &t), 0);
    ck_assert(t.ullDataIn > (ULONGLONG)big);
    if (!mailutils) /* random base64: about 3/4 of it on the wire */
        ck_assert_msg(t.ullWireIn < t.ullDataIn * 9 / 10, "%llu on the wire for %llu",
                      (unsigned long long)t.ullWireIn, (unsigned long long)t.ullDataIn);
    unlink(path);
    ImapDisconnect(h);
}
END_TEST

START_TEST(flags_keywords_delete)
{
    HCLIENT h = login("carol", "p\xc3\xa4ss \"q\" \\back", "INBOX");
    DWORD flags = 0;
    ck_assert_int_eq(ImapSetMessageFlags(h, 1, IMAP_FLAG_FLAGGED | IMAP_FLAG_ANSWERED, IMAP_FLAGS_ADD), 0);
    ck_assert_int_eq(ImapGetMessageFlags(h, 1, &flags, 0), 0);
    ck_assert((flags & (IMAP_FLAG_FLAGGED | IMAP_FLAG_ANSWERED)) == (IMAP_FLAG_FLAGGED | IMAP_FLAG_ANSWERED));
    ck_assert_int_eq(ImapSetMessageFlags(h, 1, IMAP_FLAG_ANSWERED, IMAP_FLAGS_REMOVE), 0);
    ck_assert_int_eq(ImapGetMessageFlags(h, 1, &flags, 0), 0);
    ck_assert(!(flags & IMAP_FLAG_ANSWERED));
    ck_assert_int_eq(ImapSetMessageFlags(h, 1, IMAP_FLAG_SEEN, IMAP_FLAGS_SET), 0);
    ck_assert_int_eq(ImapGetMessageFlags(h, 1, &flags, 0), 0);
    ck_assert_uint_eq(flags & ~(DWORD)IMAP_FLAG_RECENT, IMAP_FLAG_SEEN);
    ck_assert_int_eq(ImapSetMessageFlags(h, 1, IMAP_FLAG_RECENT, IMAP_FLAGS_ADD), IMAP_ERROR);
    if (mailutils) { /* no keywords: refused, the session goes on */
        ck_assert_int_eq(ImapSetMessageKeywordsA(h, 1, "$Forwarded Work", IMAP_FLAGS_ADD), IMAP_ERROR);
        ck_assert(ImapIsConnected(h));
    } else {
        ck_assert_int_eq(ImapSetMessageKeywordsA(h, 1, "$Forwarded Work", IMAP_FLAGS_ADD), 0);
        char kw[128];
        ck_assert_int_gt(ImapGetMessageKeywordsA(h, 1, kw, sizeof kw, 0), 0);
        ck_assert(strstr(kw, "$Forwarded") != NULL && strstr(kw, "Work") != NULL);
        ck_assert_int_eq(ImapSetMessageKeywordsA(h, 1, "Work", IMAP_FLAGS_REMOVE), 0);
    }
    ck_assert_int_eq(ImapSetMessageKeywordsA(h, 1, "bad\\word", IMAP_FLAGS_ADD), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapSetMessageKeywordsA(h, 1, "x) (y", IMAP_FLAGS_ADD), IMAP_ERROR);
    ck_assert_int_eq(ImapDeleteMessage(h, 1, 0), 0);
    ck_assert_int_eq(ImapGetMessageFlags(h, 1, &flags, 0), 0);
    ck_assert(flags & IMAP_FLAG_DELETED);
    ck_assert_int_eq(ImapUndeleteMessage(h, 1, 0), 0);
    ck_assert_int_eq(ImapGetMessageFlags(h, 1, &flags, 0), 0);
    ck_assert(!(flags & IMAP_FLAG_DELETED));
    ImapDisconnect(h);
}
END_TEST

START_TEST(utf8_mailboxes_copy_move_append)
{
    const char *names[] = {"Entw\xc3\xbc" "rfe", "\xc3\x89l\xc3\xa9ments envoy\xc3\xa9s",
                           "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "A&B"};
    HCLIENT h = login("erin", "erin", NULL);
    char delim = (char)ImapGetMailboxDelimiter(h);
    ck_assert(delim == '.' || delim == '/');
    for (int i = 0; i < 4; i++) /* left by an earlier run against this server */
        (void)ImapDeleteMailboxA(h, names[i]);
    (void)ImapDeleteMailboxA(h, "Renamed");
    for (int i = 0; i < 4; i++)
        ck_assert_msg(ImapCreateMailboxA(h, names[i]) == 0, "create %s: 0x%x", names[i], (unsigned)ImapGetLastError());
    int seen = 0;
    char name[256];
    DWORD flags;
    for (INT r = ImapGetFirstMailboxA(h, "", "*", 0, name, sizeof name, &flags); r >= 0;
         r = ImapGetNextMailboxA(h, name, sizeof name, &flags))
        for (int i = 0; i < 4; i++)
            seen += strcmp(name, names[i]) == 0;
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NO_MORE_MAILBOXES);
    ck_assert_int_eq(seen, 4);
    wchar_t wname[64];
    ck_assert_int_ge(ImapGetFirstMailboxW(h, L"", L"\u65e5\u672c\u8a9e", 0, wname, 64, &flags), 0);
    ck_assert(wcscmp(wname, L"\u65e5\u672c\u8a9e") == 0);
    ck_assert_int_eq(ImapSubscribeMailboxA(h, names[0]), 0);
    ck_assert_int_ge(ImapGetFirstMailboxA(h, "", "*", IMAP_LIST_SUBSCRIBED, name, sizeof name, &flags), 0);
    ck_assert(flags & IMAP_FLAG_SUBSCRIBED);
    ck_assert_int_eq(ImapUnsubscribeMailboxA(h, names[0]), 0);
    /* copy and move into them */
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    int n = ImapGetMessageCount(h);
    ck_assert_int_eq(ImapCopyMessageA(h, 1, names[0], 0), 0);
    ck_assert_int_eq(ImapMoveMessageW(h, 1, L"\u65e5\u672c\u8a9e", 0), 0);
    ck_assert_int_eq(ImapGetMessageCount(h), n - 1);
    IMAPMAILBOXSTATUS st = {.dwSize = sizeof(IMAPMAILBOXSTATUS)};
    ck_assert_int_eq(ImapGetMailboxStatusA(h, names[0], &st), 0);
    ck_assert_uint_eq(st.nMessages, 1);
    ck_assert_int_eq(ImapGetMailboxStatusA(h, names[2], &st), 0);
    ck_assert_uint_eq(st.nMessages, 1);
    ck_assert_int_eq(ImapCopyMessageA(h, 1, "No Such Box", 0), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_MAILBOX_NOT_FOUND);
    /* append, with the new UID from APPENDUID (Mailutils: 0, it is message 1) */
    const char *msg = "From: erin@example.test\r\nSubject: appended\r\n\r\n.leading dot\r\n";
    INT uid = ImapAppendMessageA(h, names[1], msg, (DWORD)strlen(msg), IMAP_FLAG_SEEN, "05-Mar-2024 10:00:00 +0000");
    ck_assert_int_eq(uid > 0, !mailutils);
    ck_assert_int_eq(ImapSelectMailboxA(h, names[1], NULL), 0);
    char buf[256];
    DWORD got = sizeof buf;
    ck_assert_int_eq(ImapGetMessage(h, uid > 0 ? (UINT)uid : 1, 0, buf, &got, uid > 0 ? IMAP_MESSAGE_UID : 0),
                     (int)strlen(msg));
    ck_assert_mem_eq(buf, msg, got);
    IMAPMESSAGE m = {.dwSize = sizeof(IMAPMESSAGE)};
    ck_assert_int_eq(ImapEnumMessages(h, 1, 1, 0, 0, &m, 1), 1);
    if (!mailutils) /* Mailutils dates an appended message by its arrival */
        ck_assert_str_eq(m.szInternalDate, "05-Mar-2024 10:00:00 +0000");
    ck_assert(m.dwFlags & IMAP_FLAG_SEEN);
    ck_assert_int_eq(ImapAppendMessageA(h, "No Such Box", msg, (DWORD)strlen(msg), 0, NULL), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_MAILBOX_NOT_FOUND);
    ck_assert_int_eq(ImapAppendMessageA(h, names[1], msg, (DWORD)strlen(msg), 0, "bad\"date"), IMAP_ERROR);
    /* rename and delete */
    ck_assert_int_eq(ImapCloseMailbox(h), 0);
    ck_assert_int_eq(ImapRenameMailboxA(h, names[3], "Renamed"), 0);
    ck_assert_int_eq(ImapDeleteMailboxA(h, "Renamed"), 0);
    ck_assert_int_eq(ImapDeleteMailboxA(h, "Renamed"), IMAP_ERROR);
    ImapDisconnect(h);
}
END_TEST

START_TEST(search_is_safe)
{
    HCLIENT h = login("alice", "wonderland", "INBOX");
    DWORD r[8];
    ck_assert_int_eq(ImapSearchMailboxA(h, "SUBJECT \"Dots\"", NULL, 0, r, 8), 1);
    ck_assert_uint_eq(r[0], 3);
    ck_assert_int_eq(ImapSearchMailboxA(h, "ALL", NULL, IMAP_MESSAGE_UID, r, 8), 3);
    ck_assert_int_eq(ImapSearchMailboxA(h, "ALL", NULL, 0, r, 1), 3); /* count beyond nMax */
    DWORD lo = 0, hi = 0; /* ESEARCH MIN MAX COUNT (Dovecot, Cyrus), counted (Mailutils) */
    ck_assert_int_eq(ImapSearchSummaryA(h, "ALL", NULL, 0, &lo, &hi), 3);
    ck_assert_uint_eq(lo, 1);
    ck_assert_uint_eq(hi, 3);
    ck_assert_int_eq(ImapSearchSummaryA(h, "SUBJECT \"no such subject\"", NULL, IMAP_MESSAGE_UID, &lo, &hi), 0);
    ck_assert_uint_eq(lo + hi, 0);
    ck_assert_int_eq(ImapSearchMailboxA(h, "BODY \"M\xc3\xbcnchen\"", NULL, 0, r, 8), 1);
    ck_assert_uint_eq(r[0], 2);
    ck_assert_int_eq(ImapSearchMailboxA(h, "OR (FROM \"carol\") (SUBJECT \"welcome\")", NULL, 0, r, 8), 2);
    /* injection attempts are refused or quoted, never spliced */
    ck_assert_int_eq(ImapSearchMailboxA(h, "ALL\r\nA1 DELETE INBOX", NULL, 0, r, 8), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapSearchMailboxA(h, "SUBJECT \"x\\\" ALL\"", NULL, 0, r, 8), 0);
    ck_assert_int_eq(ImapSearchMailboxA(h, "SUBJECT {5}", NULL, 0, r, 8), IMAP_ERROR);
    ck_assert(ImapIsConnected(h));
    ImapDisconnect(h);
}
END_TEST

typedef struct idler {
    HCLIENT h;
    INT rc;
    DWORD err;
    DWORD changes;
    int64_t took;
} idler;

static void *idle_thread(void *arg)
{
    idler *i = arg;
    ImapAttachThread(i->h, 0); /* the worker takes the handle over */
    int64_t t0 = now_ms();
    /* Mailutils says nothing during IDLE: new mail shows when it ends */
    i->rc = ImapIdle(i->h, mailutils ? 3 : 20, &i->changes);
    i->err = ImapGetLastError();
    i->took = now_ms() - t0;
    return NULL;
}

START_TEST(idle_sees_new_mail_and_cancel)
{
    /* erin's INBOX: other suites count alice's messages meanwhile */
    HCLIENT h = login("erin", "erin", "INBOX");
    HCLIENT other = login("erin", "erin", NULL);
    int before = ImapGetMessageCount(h);
    idler i = {h, 0, 0, 0, 0};
    pthread_t t;
    pthread_create(&t, NULL, idle_thread, &i);
    usleep(300000);
    const char *msg = "From: x@example.test\r\nSubject: new\r\n\r\nhi\r\n";
    ck_assert_int_ge(ImapAppendMessageA(other, "INBOX", msg, (DWORD)strlen(msg), 0, NULL), !mailutils);
    pthread_join(t, NULL);
    ck_assert_msg(i.rc >= 0, "0x%x", (unsigned)i.err);
    ck_assert(i.changes & IMAP_CHANGE_NEW);
    ck_assert_msg(i.took < 10000, "IDLE saw the new message after %lld ms", (long long)i.took);
    ImapAttachThread(h, 0);
    ck_assert_int_eq(ImapGetMessageCount(h), before + 1);
    /* Cancel from another thread ends IDLE with DONE: still usable */
    idler j = {h, 0, 0, 0, 0};
    pthread_create(&t, NULL, idle_thread, &j);
    usleep(300000);
    ck_assert_int_eq(ImapCancel(h), 0);
    pthread_join(t, NULL);
    ck_assert_int_eq(j.rc, IMAP_ERROR);
    ck_assert_uint_eq(j.err, ST_ERROR_CANCELLED);
    ck_assert(j.took < 3000);
    ImapAttachThread(h, 0);
    ck_assert(ImapIsConnected(h));
    ck_assert_int_eq(ImapCheckMailbox(h), 0);
    /* clean up: the new message goes again */
    ck_assert_int_eq(ImapDeleteMessage(h, (UINT)before + 1, 0), 0);
    ck_assert_int_eq(ImapExpungeMailbox(h), 0);
    ck_assert_int_eq(ImapGetMessageCount(h), before);
    ImapDisconnect(h);
    ImapDisconnect(other);
}
END_TEST

/* IDLE in an application's event loop: wait on the socket, read what
 * came, stop. (Mailutils says nothing during IDLE: its news comes with
 * the end of the IDLE.) */
START_TEST(idle_in_an_event_loop)
{
    HCLIENT h = login("erin", "erin", "INBOX");
    HCLIENT other = login("erin", "erin", NULL);
    int before = ImapGetMessageCount(h);
    ck_assert_int_eq(ImapIdleStart(h), 0);
    DWORD changes = 0, seen = 0;
    ck_assert_int_eq(ImapIdleProcess(h, &changes), 1);
    seen |= changes;
    const char *msg = "From: x@example.test\r\nSubject: loop\r\n\r\nhi\r\n";
    ck_assert_int_ge(ImapAppendMessageA(other, "INBOX", msg, (DWORD)strlen(msg), 0, NULL), !mailutils);
    DWORD_PTR sock = 0;
    ck_assert_int_eq(ImapGetSocket(h, &sock), 0);
    int64_t t0 = now_ms();
    while (!(seen & IMAP_CHANGE_NEW) && now_ms() - t0 < (mailutils ? 2000 : 10000)) {
        struct pollfd p = {(test_socket)sock, POLLIN, 0};
        if (test_poll(&p, 1, 200) > 0) {
            ck_assert_int_eq(ImapIdleProcess(h, &changes), 1);
            seen |= changes;
        }
    }
    ck_assert_int_eq(ImapIdleStop(h, &changes), 0);
    seen |= changes;
    ck_assert(seen & IMAP_CHANGE_NEW);
    ck_assert_int_eq(ImapGetMessageCount(h), before + 1);
    ck_assert_int_eq(ImapDeleteMessage(h, (UINT)before + 1, 0), 0);
    ck_assert_int_eq(ImapExpungeMailbox(h), 0);
    ImapDisconnect(h);
    ImapDisconnect(other);
}
END_TEST

START_TEST(idle_timeout_without_changes)
{
    HCLIENT h = login("alice", "wonderland", "INBOX");
    DWORD changes = 99;
    int64_t t0 = now_ms();
    ck_assert_int_eq(ImapIdle(h, 1, &changes), 0);
    ck_assert_uint_eq(changes, 0);
    ck_assert(now_ms() - t0 >= 900);
    ck_assert_int_eq(ImapIdle(h, 0, &changes), IMAP_ERROR);
    ImapDisconnect(h);
}
END_TEST

/* Numbers handed on: [0] how many, then the first three. */
static BOOL CALLBACK take_number(HCLIENT h, DWORD n, DWORD_PTR param)
{
    DWORD *v = (DWORD *)param;
    (void)h;
    if (v[0] < 3)
        v[1 + v[0]] = n;
    v[0]++;
    return TRUE;
}

typedef struct changes {
    int flag_changes, expunged;
    DWORD flags_of_2;     /* the flags reported for UID 2 */
    ULONGLONG modseq_of_2;
    int uid3_gone;        /* UID 3 was in an expunged range */
} changes;

static BOOL CALLBACK take_change(HCLIENT h, const IMAPCHANGE *c, DWORD_PTR param)
{
    changes *ch = (changes *)param;
    (void)h;
    ck_assert_uint_eq(c->dwSize, sizeof *c);
    if (c->dwKind == IMAP_CHANGE_EXPUNGED) {
        ch->expunged++;
        ch->uid3_gone |= c->dwUid <= 3 && 3 <= c->dwLastUid;
    } else {
        ck_assert_uint_eq(c->dwKind, IMAP_CHANGE_FLAGS);
        ch->flag_changes++;
        if (c->dwUid == 2) {
            ch->flags_of_2 = c->dwFlags;
            ch->modseq_of_2 = c->ullModSeq;
        }
    }
    return TRUE;
}

/* CONDSTORE and QRESYNC (Dovecot and Cyrus have both; Mailutils neither,
 * and each call says so without sending anything): HIGHESTMODSEQ from
 * SELECT and STATUS, MODSEQ per message, the flags changed and the UIDs
 * expunged since a mod-sequence, a STORE that leaves messages changed
 * since alone, and SELECT with QRESYNC from a state a copy kept, with a
 * stale UIDVALIDITY too. */
START_TEST(condstore_and_qresync)
{
    HCLIENT h = login("erin", "erin", NULL);
    if (mailutils) {
        ck_assert_int_eq(ImapEnableA(h, "QRESYNC"), IMAP_ERROR);
        ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_SUPPORTED);
        IMAPMAILBOX mb = {.dwSize = sizeof mb};
        ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", &mb), 0);
        ck_assert(mb.ullHighestModSeq == 0);
        changes c = {0};
        ck_assert_int_eq(ImapFetchChangesA(h, "1:*", 1, 0, take_change, (DWORD_PTR)&c), IMAP_ERROR);
        ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_SUPPORTED);
        ck_assert(ImapIsConnected(h));
        ImapDisconnect(h);
        return;
    }
    HCLIENT o = login("erin", "erin", NULL);
    (void)ImapDeleteMailboxA(o, "Sync$$");
    ck_assert_int_eq(ImapCreateMailboxA(o, "Sync$$"), 0);
    const char *msg = "Subject: sync\r\n\r\nbody\r\n";
    for (int i = 0; i < 3; i++)
        ck_assert_int_gt(ImapAppendMessageA(o, "Sync$$", msg, (DWORD)strlen(msg), 0, NULL), 0);
    ck_assert_int_eq(ImapEnableA(h, "QRESYNC"), 0);
    IMAPMAILBOX mb = {.dwSize = sizeof mb};
    ck_assert_int_eq(ImapSelectMailboxA(h, "Sync$$", &mb), 0);
    ck_assert(mb.ullHighestModSeq > 0);
    ck_assert_uint_eq(mb.dwSize, sizeof mb);
    ULONGLONG since = mb.ullHighestModSeq, now = 0;
    DWORD validity = mb.dwMailboxUID;
    IMAPMAILBOXSTATUS st = {.dwSize = sizeof st};
    ck_assert_int_eq(ImapGetMailboxStatusA(o, "Sync$$", &st), 0);
    ck_assert(st.ullHighestModSeq == since);
    /* another session flags UID 2 and expunges UID 3 */
    ck_assert_int_eq(ImapSelectMailboxA(o, "Sync$$", NULL), 0);
    ck_assert_int_eq(ImapSetMessagesFlagsA(o, "2", IMAP_FLAG_FLAGGED, IMAP_MESSAGE_UID | IMAP_FLAGS_ADD), 0);
    ck_assert_int_eq(ImapSetMessagesFlagsA(o, "3", IMAP_FLAG_DELETED, IMAP_MESSAGE_UID | IMAP_FLAGS_ADD), 0);
    ck_assert_int_eq(ImapExpungeMailbox(o), 0);
    changes c = {0};
    INT n = ImapFetchChangesA(h, "1:*", since, IMAP_MESSAGE_UID | IMAP_CHANGES_VANISHED, take_change,
                              (DWORD_PTR)&c);
    ck_assert_int_eq(n, c.flag_changes + c.expunged);
    ck_assert(c.flags_of_2 & IMAP_FLAG_FLAGGED);
    ck_assert(c.modseq_of_2 > since);
    ck_assert(c.uid3_gone); /* said while the FETCH ran, or as VANISHED (EARLIER) */
    ck_assert_int_eq(ImapGetMessageCount(h), 2);
    ck_assert_int_eq(ImapGetHighestModSeq(h, &now), 0);
    ck_assert(now >= c.modseq_of_2);
    IMAPMESSAGE m[4] = {{.dwSize = sizeof(IMAPMESSAGE)}};
    ck_assert_int_eq(ImapEnumMessages(h, 1, 0xFFFFFFFF, 0, 0, m, 4), 2);
    ck_assert(m[1].ullModSeq == c.modseq_of_2);
    /* a conditional STORE leaves UID 2, changed since, alone */
    DWORD left[4] = {0, 0, 0, 0};
    ck_assert_int_eq(ImapSetMessagesFlagsIfUnchangedA(h, "1:2", IMAP_FLAG_SEEN, IMAP_MESSAGE_UID | IMAP_FLAGS_ADD,
                                                       since, take_number, (DWORD_PTR)left),
                     1);
    ck_assert_uint_eq(left[0], 1);
    ck_assert_uint_eq(left[1], 2);
    DWORD flags = 0;
    ck_assert_int_eq(ImapGetMessageFlags(h, 1, &flags, IMAP_MESSAGE_UID), 0);
    ck_assert(flags & IMAP_FLAG_SEEN);
    ck_assert_int_eq(ImapGetMessageFlags(h, 2, &flags, IMAP_MESSAGE_UID), 0);
    ck_assert(!(flags & IMAP_FLAG_SEEN));
    /* a copy that knew UIDs 1:3 at mod-sequence since catches up in one step */
    ck_assert_int_eq(ImapUnselectMailbox(h), 0);
    memset(&c, 0, sizeof c);
    n = ImapSelectResyncA(h, "Sync$$", validity, since, "1:3", IMAP_SELECT_READONLY, &mb, take_change,
                          (DWORD_PTR)&c);
    ck_assert_int_eq(n, c.flag_changes + c.expunged);
    ck_assert(c.uid3_gone && (c.flags_of_2 & IMAP_FLAG_FLAGGED));
    ck_assert_uint_eq(mb.nMessages, 2);
    ck_assert_uint_eq(mb.dwAccessMode, IMAP_ACCESS_READONLY);
    ck_assert(mb.ullHighestModSeq >= c.modseq_of_2);
    /* a stale UIDVALIDITY: no changes, and the mailbox's own says so */
    memset(&c, 0, sizeof c);
    ck_assert_int_eq(ImapSelectResyncA(h, "Sync$$", validity + 1, since, NULL, 0, &mb, take_change,
                                       (DWORD_PTR)&c), 0);
    ck_assert_uint_ne(mb.dwMailboxUID, validity + 1);
    /* ENABLE belongs before a SELECT */
    ck_assert_int_eq(ImapEnableA(h, "CONDSTORE"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ImapDisconnect(h);
    ck_assert_int_eq(ImapUnselectMailbox(o), 0);
    char why[256] = "";
    INT deleted = ImapDeleteMailboxA(o, "Sync$$");
    ImapGetResultStringA(o, why, sizeof why);
    ck_assert_msg(deleted == 0, "%s", why);
    ImapDisconnect(o);
}
END_TEST

START_TEST(raw_commands_and_responses)
{
    HCLIENT h = login("alice", "wonderland", "INBOX");
    ck_assert_int_eq(ImapCommandA(h, "NOOP"), IMAP_RESULT_OK);
    ck_assert_int_eq(ImapCommandA(h, "FETCH 1 (UID)"), IMAP_RESULT_OK);
    ck_assert_int_eq(ImapGetResponseCount(h), 2);
    char line[256];
    ck_assert_int_gt(ImapGetResponseLineA(h, 0, line, sizeof line), 0);
    ck_assert_str_eq(line, "* 1 FETCH (UID 1)");
    ck_assert_int_eq(ImapCommandA(h, "BOGUS"), IMAP_RESULT_BAD);
    ck_assert_int_eq(ImapCommandW(h, L"STATUS INBOX (MESSAGES)"), IMAP_RESULT_OK);
    ck_assert_int_eq(ImapCommandA(h, "LOGOUT"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapCommandA(h, "NOOP\r\nLOGOUT"), IMAP_ERROR);
    ck_assert_int_eq(ImapCommandA(h, "APPEND INBOX {5}"), IMAP_ERROR);
    ck_assert(ImapIsConnected(h));
    ImapDisconnect(h);
    h = ImapConnectA("127.0.0.1", imap_port, 10, 0, NULL);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_AUTHENTICATED);
    ImapDisconnect(h);
}
END_TEST

static Suite *imap_messages_suite(void)
{
    Suite *s = suite_create("imap_messages");
    TCase *tc = tcase_create("any_server"); /* every test, on every server */
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, select_examine_status);
    tcase_add_test(tc, every_message_byte_for_byte);
    tcase_add_test(tc, sections_parts_and_headers);
    tcase_add_test(tc, fetch_many_in_one_command);
    tcase_add_test(tc, select_and_fetch_in_one_round_trip);
    tcase_add_test(tc, list_with_status_in_one_round_trip);
    tcase_add_test(tc, list_mailboxes_streamed_with_counts);
    tcase_add_test(tc, message_sets_on_server);
    tcase_add_test(tc, large_message_over_tls);
    tcase_add_test(tc, large_message_flat_memory);
    tcase_add_test(tc, flags_keywords_delete);
    tcase_add_test(tc, utf8_mailboxes_copy_move_append);
    tcase_add_test(tc, search_is_safe);
    tcase_add_test(tc, idle_sees_new_mail_and_cancel);
    tcase_add_test(tc, idle_timeout_without_changes);
    tcase_add_test(tc, raw_commands_and_responses);
    tcase_add_test(tc, condstore_and_qresync);
    tcase_add_test(tc, idle_in_an_event_loop);
    tcase_add_test(tc, compressed_session);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(imap_messages_suite)
