/*
 * test_pop_messages.c - POP3 maildrop operations against the harness's
 * Dovecot: every message compared byte for byte with the stored file
 * (lines that begin with a dot included), every buffer mode, streaming to
 * files and callbacks with flat memory, pipelined fetches, headers with
 * RFC 2047 words, DELE / RSET / QUIT, raw commands, W entry points.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "../common/check_main.h"
#include "../common/testutil.h"

typedef struct stored {
    char *data;
    size_t len;
} stored;

static unsigned pop_port;
/* Only Dovecot's RETR answer announces the size ("+OK 221 octets"); GNU
 * Mailutils says "+OK" and Cyrus "+OK Message follows", so the announced
 * size is 0 there, as documented. (Mailutils also adds an X-UIDL header to
 * each stored message: the harness has it do so before the tests.) */
static int size_announced;

static void setup(void)
{
    ck_assert_msg(server_env("MW_MAIL_DIR") != NULL, "MAILWIRE_SERVER_ENV not set or unreadable");
    pop_port = server_port("MW_POP3_PORT");
    size_announced = server_is("dovecot");
    ck_assert(PopInitializeA(NULL, NULL));
}

static void teardown(void)
{
    PopUninitialize();
}

static HCLIENT login(const char *user, const char *password)
{
    HCLIENT h = PopConnectA("127.0.0.1", pop_port, 30, 0, NULL);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)PopGetLastError());
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_DEFAULT, server_user(user), password), 0);
    return h;
}

/* The user's stored messages, in file-name order (Dovecot numbers them so). */
static int load_stored(const char *user, stored *out, int max)
{
    int k = 0;
    while (k < max && (out[k].data = stored_message(user, k + 1, &out[k].len)) != NULL)
        k++;
    ck_assert_int_gt(k, 0);
    return k;
}

static void free_stored(stored *s, int n)
{
    for (int i = 0; i < n; i++)
        free(s[i].data);
}

START_TEST(counts_sizes_and_uids)
{
    stored files[8];
    int n = load_stored("alice", files, 8);
    HCLIENT h = login("alice", "wonderland");
    trace_log *log = calloc(1, sizeof *log);
    PopRegisterStatusProc(h, trace_collect, (DWORD_PTR)log);
    DWORD total = 0, bytes = 0;
    ck_assert_int_eq(PopGetMessageCount(h), n);
    ck_assert_int_eq(PopGetMailboxSize(h, &bytes), n);
    char uids[8][80];
    for (int i = 0; i < n; i++) {
        DWORD size = 0;
        ck_assert_int_eq(PopGetMessageSize(h, (UINT)i + 1, &size), (int)files[i].len);
        ck_assert_uint_eq(size, files[i].len);
        total += size;
        ck_assert_int_gt(PopGetMessageUidA(h, (UINT)i + 1, uids[i], 80), 0);
        for (int j = 0; j < i; j++)
            ck_assert_str_ne(uids[i], uids[j]);
    }
    ck_assert_uint_eq(bytes, total);
    /* listing every message cost one LIST and one UIDL, not one each */
    ck_assert_int_eq(count_of(log->text, "C: LIST"), 1);
    ck_assert_int_eq(count_of(log->text, "C: UIDL"), 1);
    /* STAT twice, LIST, UIDL; and the CAPA an AUTH login leaves owed */
    ck_assert_int_eq(count_of(log->text, "C: ") - count_of(log->text, "C: CAPA"), 4);
    ck_assert_int_le(count_of(log->text, "C: CAPA"), 1);
    DWORD size;
    ck_assert_int_eq(PopGetMessageSize(h, 0, &size), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_MESSAGE_NOT_FOUND);
    ck_assert_int_eq(PopGetMessageSize(h, (UINT)n + 1, &size), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_MESSAGE_NOT_FOUND);
    PopDisconnect(h); /* traces QUIT: the log must outlive it */
    free(log);
    free_stored(files, n);
}
END_TEST

START_TEST(every_message_byte_for_byte)
{
    stored files[8];
    int n = load_stored("alice", files, 8);
    HCLIENT h = login("alice", "wonderland");
    for (int i = 0; i < n; i++) {
        /* memory the library allocates */
        HGLOBAL mem = NULL;
        DWORD len = 0;
        ck_assert_int_eq(PopGetMessage(h, (UINT)i + 1, &mem, &len, 0), (int)files[i].len);
        ck_assert_uint_eq(len, files[i].len);
        ck_assert_mem_eq(mem, files[i].data, len);
        ck_assert_int_eq(((char *)mem)[len], '\0');
        PopFreeMemory(mem);
        /* the caller's buffer, exactly large enough */
        char *buf = malloc(files[i].len);
        len = (DWORD)files[i].len;
        ck_assert_int_eq(PopGetMessage(h, (UINT)i + 1, buf, &len, 0), (int)files[i].len);
        ck_assert_mem_eq(buf, files[i].data, files[i].len);
        free(buf);
    }
    /* the dots: ".hidden", "..double" and "." come back as stored */
    ck_assert(strstr(files[2].data, "\r\n.hidden\r\n..double\r\n.\r\nend.\r\n") != NULL);
    PopDisconnect(h);
    free_stored(files, n);
}
END_TEST

START_TEST(buffer_too_small_keeps_session)
{
    stored files[8];
    load_stored("alice", files, 8);
    HCLIENT h = login("alice", "wonderland");
    char small[16];
    DWORD len = sizeof small;
    ck_assert_int_eq(PopGetMessage(h, 1, small, &len, 0), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(len, files[0].len); /* the size needed */
    ck_assert(PopIsConnected(h));
    ck_assert_int_eq(PopNoop(h), 0);
    ck_assert_int_eq(PopGetMessage(h, 1, NULL, &len, 0), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(PopGetMessage(h, 1, small, &len, 0x80), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_INVALID_PARAMETER);
    PopDisconnect(h);
    free_stored(files, 3);
}
END_TEST

typedef struct collected {
    char *data;
    size_t len;
    int calls;
    int stop_after;
} collected;

static BOOL CALLBACK collect(HCLIENT h, LPCVOID data, DWORD len, DWORD_PTR param)
{
    (void)h;
    collected *c = (collected *)param;
    c->data = realloc(c->data, c->len + len + 1);
    memcpy(c->data + c->len, data, len);
    c->len += len;
    c->calls++;
    return c->stop_after == 0 || c->calls < c->stop_after;
}

START_TEST(save_and_read_stream)
{
    stored files[8];
    int n = load_stored("alice", files, 8);
    HCLIENT h = login("alice", "wonderland");
    char path[] = "/tmp/mailwire-pop-save-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    for (int i = 0; i < n; i++) {
        ck_assert_int_eq(PopSaveMessageA(h, (UINT)i + 1, path, 0), (int)files[i].len);
        size_t len;
        char *saved = read_whole_file(path, &len);
        ck_assert_uint_eq(len, files[i].len);
        ck_assert_mem_eq(saved, files[i].data, len);
        free(saved);
        collected c = {NULL, 0, 0, 0};
        ck_assert_int_eq(PopReadMessage(h, (UINT)i + 1, collect, (DWORD_PTR)&c, 0), (int)files[i].len);
        ck_assert_uint_eq(c.len, files[i].len);
        ck_assert_mem_eq(c.data, files[i].data, c.len);
        free(c.data);
    }
    char part[64];
    snprintf(part, sizeof part, "%s.part", path);
    ck_assert_int_ne(access(part, F_OK), 0);
    ck_assert_int_eq(PopSaveMessageA(h, 1, "/nonexistent-dir/x.eml", 0), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_FILE_IO);
    wchar_t wpath[64];
    mbstowcs(wpath, path, 64);
    ck_assert_int_eq(PopSaveMessageW(h, 2, wpath, 0), (int)files[1].len);
    unlink(path);
    PopDisconnect(h);
    free_stored(files, n);
}
END_TEST

START_TEST(callback_can_stop)
{
    HCLIENT h = login("dave", "bigmail");
    collected c = {NULL, 0, 0, 2};
    ck_assert_int_eq(PopReadMessage(h, 1, collect, (DWORD_PTR)&c, 0), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_CANCELLED);
    ck_assert_int_eq(c.calls, 2);
    ck_assert(PopIsConnected(h)); /* the rest was read and dropped */
    ck_assert_int_eq(PopNoop(h), 0);
    free(c.data);
    PopDisconnect(h);
}
END_TEST


typedef struct progress {
    int events;
} progress;

static VOID CALLBACK on_progress(HCLIENT h, UINT id, DWORD err, DWORD_PTR param)
{
    (void)err;
    progress *p = (progress *)param;
    DWORD done = 0, total = 0;
    ck_assert_uint_eq(id, POP_EVENT_PROGRESS);
    ck_assert_int_eq(PopGetTransferStatus(h, &done, &total), 0);
    if (!size_announced)
        ck_assert_uint_eq(total, 0);
    else
        ck_assert_uint_le(done, total);
    p->events++;
}

START_TEST(large_message_flat_memory)
{
    /* The size comes from the directory: reading the 61.6 MB reference
     * would raise the peak before the measurement and hide any growth. */
    long long size = stored_message_size("dave", 1);
    ck_assert_int_gt(size, 60000000);
    size_t expect = (size_t)size;
    HCLIENT h = login("dave", "bigmail");
    progress p = {0};
    PopRegisterEvent(h, POP_EVENT_PROGRESS, on_progress, (DWORD_PTR)&p);
    char path[] = "/tmp/mailwire-pop-big-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    peak_rss_reset();
    long before = peak_rss_kb();
    ck_assert_int_eq(PopSaveMessageA(h, 1, path, 0), (int)expect);
    long grown = peak_rss_kb() - before;
    struct stat st;
    stat(path, &st);
    ck_assert_uint_eq((size_t)st.st_size, expect);
    ck_assert_msg(grown < 4096 + MW_RSS_SLACK_KB, "peak memory grew by %ld KiB for a %lu-byte message", grown,
                  (unsigned long)expect);
    ck_assert_int_gt(p.events, 100); /* about one per 64 KiB */
    DWORD done = 0, total = 0;
    PopGetTransferStatus(h, &done, &total);
    ck_assert_uint_eq(done, expect);
    ck_assert_uint_eq(total, size_announced ? expect : 0);
    unlink(path);
    PopDisconnect(h);
}
END_TEST

typedef struct fetched {
    char *data[8];
    size_t len[8];
    int last_calls;
    int order_ok;
    UINT next;
    int headers; /* POP_MESSAGE_HEADERS: the size is not announced */
} fetched;

static BOOL CALLBACK on_fetch(HCLIENT h, const POPFETCHDATA *d, DWORD_PTR param)
{
    (void)h;
    fetched *f = (fetched *)param;
    int i = (int)d->nMessageId - 1;
    if (d->nMessageId != f->next)
        f->order_ok = 0;
    if (d->dwOffset != f->len[i])
        f->order_ok = 0;
    f->data[i] = realloc(f->data[i], f->len[i] + d->dwLength + 1);
    memcpy(f->data[i] + f->len[i], d->lpvData ? d->lpvData : "", d->dwLength);
    f->len[i] += d->dwLength;
    if (d->bLastChunk) {
        f->last_calls++;
        f->next++;
        if (d->dwMessageSize != (f->headers || !size_announced ? 0 : f->len[i]))
            f->order_ok = 0;
    }
    return TRUE;
}

START_TEST(fetch_many_pipelined)
{
    stored files[8];
    int n = load_stored("alice", files, 8);
    HCLIENT h = login("alice", "wonderland");
    ck_assert(PopHasCapabilityA(h, "PIPELINING"));
    fetched f;
    memset(&f, 0, sizeof f);
    f.order_ok = 1;
    f.next = 1;
    ck_assert_int_eq(PopFetchMessages(h, 1, 0xFFFFFFFFu, on_fetch, (DWORD_PTR)&f, 0), n);
    ck_assert(f.order_ok);
    ck_assert_int_eq(f.last_calls, n);
    for (int i = 0; i < n; i++) {
        ck_assert_uint_eq(f.len[i], files[i].len);
        ck_assert_mem_eq(f.data[i], files[i].data, f.len[i]);
        free(f.data[i]);
    }
    PopDisconnect(h);
    free_stored(files, n);
}
END_TEST

START_TEST(header_blocks_pipelined)
{
    stored files[8];
    int n = load_stored("alice", files, 8);
    HCLIENT h = login("alice", "wonderland");
    fetched f;
    memset(&f, 0, sizeof f);
    f.order_ok = 1;
    f.next = 1;
    f.headers = 1;
    ck_assert_int_eq(PopFetchMessages(h, 1, 0xFFFFFFFFu, on_fetch, (DWORD_PTR)&f, POP_MESSAGE_HEADERS), n);
    ck_assert(f.order_ok);
    for (int i = 0; i < n; i++) {
        const char *body = strstr(files[i].data, "\r\n\r\n");
        ck_assert_uint_eq(f.len[i], (size_t)(body - files[i].data) + 4); /* through the empty line */
        ck_assert_mem_eq(f.data[i], files[i].data, f.len[i]);
        char v[256];
        ck_assert_int_gt(PopParseHeaderValueA(f.data[i], (DWORD)f.len[i], "Subject", v, sizeof v), 0);
        free(f.data[i]);
    }
    PopDisconnect(h);
    free_stored(files, n);
}
END_TEST

START_TEST(headers_and_values)
{
    stored files[8];
    int n = load_stored("alice", files, 8);
    HCLIENT h = login("alice", "wonderland");
    HGLOBAL mem = NULL;
    DWORD len = 0;
    ck_assert_int_gt(PopGetMessageHeaders(h, 2, &mem, &len), 0);
    const char *body = strstr(files[1].data, "\r\n\r\n");
    ck_assert_uint_eq(len, (size_t)(body - files[1].data) + 4); /* through the empty line */
    ck_assert_mem_eq(mem, files[1].data, len);
    PopFreeMemory(mem);
    char v[256];
    ck_assert_int_gt(PopGetHeaderValueA(h, 2, "subject", v, sizeof v), 0);
    ck_assert_str_eq(v, "Gr\xc3\xbc\xc3\x9f" "e aus M\xc3\xbcnchen");
    ck_assert_int_gt(PopGetHeaderValueA(h, 2, "From", v, sizeof v), 0);
    ck_assert_str_eq(v, "J\xc3\xbcrgen M\xc3\xbcller <juergen@example.test>");
    ck_assert_int_gt(PopGetHeaderValueA(h, 2, "Content-Type", v, sizeof v), 0);
    ck_assert_str_eq(v, "multipart/mixed; boundary=\"b1\"");
    ck_assert_int_eq(PopGetHeaderValueA(h, 2, "X-Missing", v, sizeof v), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(PopGetHeaderValueA(h, 2, "Bad:Name", v, sizeof v), POP_ERROR);
    ck_assert_int_eq(PopGetMessageIdA(h, 1, v, sizeof v), 22);
    ck_assert_str_eq(v, "<welcome@example.test>");
    wchar_t w[64];
    ck_assert_int_eq(PopGetHeaderValueW(h, 2, L"Subject", w, 64), 17);
    ck_assert(wcscmp(w, L"Gr\u00fc\u00dfe aus M\u00fcnchen") == 0);
    ck_assert_int_gt(PopGetMessageIdW(h, 3, w, 64), 0);
    ck_assert(wcscmp(w, L"<dots@example.test>") == 0);
    ck_assert_int_gt(PopGetMessageUidW(h, 1, w, 64), 0);
    ck_assert_int_eq(PopGetMessageHeaders(h, 0, &mem, &len), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_MESSAGE_NOT_FOUND);
    PopDisconnect(h);
    free_stored(files, n);
}
END_TEST

START_TEST(delete_reset_and_commit)
{
    HCLIENT h = login("bob", "builder");
    int n = PopGetMessageCount(h);
    ck_assert_int_ge(n, 2);
    char second[64], id[64];
    ck_assert_int_gt(PopGetMessageIdA(h, 2, second, sizeof second), 0);
    ck_assert_int_eq(PopDeleteMessage(h, 1), 0);
    DWORD size;
    ck_assert_int_eq(PopGetMessageSize(h, 1, &size), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_MESSAGE_NOT_FOUND);
    ck_assert_int_eq(PopDeleteMessage(h, 1), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_MESSAGE_NOT_FOUND);
    ck_assert_int_eq(PopGetMessageCount(h), n - 1); /* STAT leaves deleted ones out */
    ck_assert_int_eq(PopReset(h), 0);
    ck_assert_int_gt(PopGetMessageSize(h, 1, &size), 0);
    ck_assert_int_eq(PopDeleteMessage(h, 1), 0);
    ck_assert_int_eq(PopDisconnect(h), 0); /* QUIT commits */
    h = login("bob", "builder");
    ck_assert_int_eq(PopGetMessageCount(h), n - 1);
    ck_assert_int_gt(PopGetMessageIdA(h, 1, id, sizeof id), 0);
    ck_assert_str_eq(id, second); /* the old second is first now */
    PopDisconnect(h);
}
END_TEST

START_TEST(raw_commands)
{
    HCLIENT h = login("alice", "wonderland");
    char line[256];
    ck_assert_int_eq(PopCommandA(h, "STAT"), POP_RESULT_OK);
    ck_assert_int_eq(PopGetResponseCount(h), 1);
    PopGetResponseLineA(h, 0, line, sizeof line);
    ck_assert(strncmp(line, "+OK 3 ", 6) == 0);
    ck_assert_int_eq(PopCommandA(h, "LIST"), POP_RESULT_OK);
    ck_assert_int_eq(PopGetResponseCount(h), 4); /* status and three lines */
    ck_assert_int_eq(PopCommandW(h, L"UIDL 1"), POP_RESULT_OK);
    ck_assert_int_eq(PopCommandA(h, "XYZZY"), POP_RESULT_ERR);
    ck_assert_int_gt(PopGetResultStringA(h, line, sizeof line), 0);
    ck_assert_int_eq(PopCommandA(h, "PASS secret"), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(PopCommandA(h, "NOOP\r\nDELE 1"), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(PopCommandA(h, ""), POP_ERROR);
    ck_assert_int_eq(PopNoop(h), 0);
    PopDisconnect(h);
}
END_TEST

START_TEST(needs_login)
{
    HCLIENT h = PopConnectA("127.0.0.1", pop_port, 10, 0, NULL);
    DWORD bytes;
    ck_assert_int_eq(PopGetMessageCount(h), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_NOT_AUTHENTICATED);
    ck_assert_int_eq(PopGetMailboxSize(h, NULL), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(PopGetMailboxSize(h, &bytes), POP_ERROR);
    ck_assert_int_eq(PopCommandA(h, "CAPA"), POP_RESULT_OK); /* raw commands work before login */
    PopDisconnect(h);
}
END_TEST

static Suite *pop_messages_suite(void)
{
    Suite *s = suite_create("pop_messages");
    TCase *tc = tcase_create("any_server"); /* every test, on every server */
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, counts_sizes_and_uids);
    tcase_add_test(tc, every_message_byte_for_byte);
    tcase_add_test(tc, buffer_too_small_keeps_session);
    tcase_add_test(tc, save_and_read_stream);
    tcase_add_test(tc, callback_can_stop);
    tcase_add_test(tc, large_message_flat_memory);
    tcase_add_test(tc, fetch_many_pipelined);
    tcase_add_test(tc, header_blocks_pipelined);
    tcase_add_test(tc, headers_and_values);
    tcase_add_test(tc, delete_reset_and_commit);
    tcase_add_test(tc, raw_commands);
    tcase_add_test(tc, needs_login);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(pop_messages_suite)
