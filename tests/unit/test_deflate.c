/*
 * test_deflate.c - COMPRESS=DEFLATE on a stream (lib/net/deflate.c),
 * against zlib on the other end of a loopback connection: what the server
 * deflates arrives whole, however it is cut (a byte at a time, flushes
 * anywhere); what the client writes inflates back to the same bytes, each
 * write flushed; bytes read ahead of the switch count as compressed;
 * output is handed out in pieces no larger than asked, zlib's held-back
 * output included; what is no deflate ends the stream.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../common/check_main.h"
#include "../common/testsys.h"
#include "../common/testutil.h"
#include "net/deflate.h"
#include "net/stream.h"
#include "sys/sys.h"

static mw_stream *st;
static test_socket peer = TEST_NO_SOCKET;

/* A connected loopback pair: the stream holds one end, the test the other. */
static void setup(void)
{
    test_sockets_init();
    test_socket l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ck_assert(bind(l, (struct sockaddr *)&a, sizeof a) == 0 && listen(l, 1) == 0);
    ck_assert(getsockname(l, (struct sockaddr *)&a, &len) == 0);
    test_socket c = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert(connect(c, (struct sockaddr *)&a, sizeof a) == 0);
    peer = accept(l, NULL, NULL);
    ck_assert(peer != TEST_NO_SOCKET);
    test_close_socket(l);
    st = calloc(1, sizeof *st);
    mw_stream_init(st, NULL);
    st->sock = (mw_socket)c;
    mw_stream_set_timeout(st, 5000);
}

static void teardown(void)
{
    mw_stream_close(st);
    free(st);
    test_close_socket(peer);
}

static void peer_send(const void *p, size_t n)
{
    ck_assert_int_eq((int)send(peer, p, (int)n, 0), (int)n);
}

/* text deflated raw, flushed (Z_SYNC_FLUSH) after every `every` bytes of
 * input, into out; returns its length. */
static size_t deflated(const char *text, size_t every, unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    ck_assert_int_eq(deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t len = strlen(text), at = 0;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    while (at < len) {
        size_t step = len - at < every ? len - at : every;
        z.next_in = (Bytef *)(uintptr_t)(text + at);
        z.avail_in = (uInt)step;
        at += step;
        ck_assert_int_eq(deflate(&z, Z_SYNC_FLUSH), Z_OK);
    }
    size_t n = cap - z.avail_out;
    deflateEnd(&z);
    return n;
}

/* Reads n plaintext bytes from the stream, through its buffer. */
static void read_exactly(char *out, size_t n)
{
    size_t have = 0;
    while (have < n) {
        if (st->rpos == st->rlen)
            ck_assert_uint_eq(mw_stream_fill(st), 0);
        size_t take = st->rlen - st->rpos < n - have ? st->rlen - st->rpos : n - have;
        memcpy(out + have, st->rbuf + st->rpos, take);
        st->rpos += take;
        have += take;
    }
}

START_TEST(server_bytes_however_cut)
{
    static char text[60000];
    for (size_t i = 0; i < sizeof text - 1; i++) /* compressible, not trivially */
        text[i] = (char)('a' + (i * 7 + i / 13) % 26);
    static unsigned char z[70000];
    size_t zn = deflated(text, 1000, z, sizeof z);
    ck_assert_uint_lt(zn, sizeof text / 2);
    ck_assert_uint_eq(mw_deflate_start(st), 0);
    for (size_t i = 0; i < 64; i++) /* the first bytes one at a time */
        peer_send(z + i, 1);
    peer_send(z + 64, zn - 64);
    static char got[sizeof text];
    read_exactly(got, sizeof text - 1);
    ck_assert_mem_eq(got, text, sizeof text - 1);
    ck_assert_uint_eq(st->data_in, sizeof text - 1);
    ck_assert_uint_eq(st->wire_in, zn);
    ck_assert(!mw_stream_has_buffered(st));
}
END_TEST

START_TEST(client_writes_flushed)
{
    ck_assert_uint_eq(mw_deflate_start(st), 0);
    const char *cmds[] = {"A0001 NOOP\r\n", "A0002 SELECT INBOX\r\n"};
    z_stream z;
    memset(&z, 0, sizeof z);
    ck_assert_int_eq(inflateInit2(&z, -15), Z_OK);
    for (int i = 0; i < 2; i++) {
        ck_assert_uint_eq(mw_stream_write(st, cmds[i], strlen(cmds[i])), 0);
        /* each write can be inflated whole on its own: it was flushed */
        unsigned char in[256];
        char out[256];
        int n = (int)recv(peer, (char *)in, sizeof in, 0);
        ck_assert_int_gt(n, 0);
        z.next_in = in;
        z.avail_in = (uInt)n;
        z.next_out = (Bytef *)out;
        z.avail_out = sizeof out;
        ck_assert_int_eq(inflate(&z, Z_SYNC_FLUSH), Z_OK);
        ck_assert_uint_eq(sizeof out - z.avail_out, strlen(cmds[i]));
        ck_assert_mem_eq(out, cmds[i], strlen(cmds[i]));
    }
    inflateEnd(&z);
    ck_assert_uint_eq(st->data_out, strlen(cmds[0]) + strlen(cmds[1]));
}
END_TEST

/* Bytes read past the command's answer before the switch are the first
 * compressed ones; small reads get no more than they ask, and what zlib
 * holds back is pending, not lost. */
START_TEST(read_ahead_and_small_reads)
{
    const char *text = "* 1 EXISTS\r\n* 2 EXISTS\r\n";
    unsigned char z[128];
    size_t zn = deflated(text, 100, z, sizeof z);
    memcpy(st->rbuf, z, 5); /* as if read with "A0001 OK ..." */
    st->rlen = 5;
    ck_assert_uint_eq(mw_deflate_start(st), 0);
    ck_assert_uint_eq(st->rlen, 0);
    ck_assert(mw_stream_has_buffered(st)); /* the 5 wait in zlib's input */
    peer_send(z + 5, zn - 5);
    char got[64];
    size_t have = 0;
    while (have < strlen(text)) {
        size_t n = 0;
        ck_assert_uint_eq(mw_stream_read_direct(st, got + have, 3, &n), 0);
        ck_assert_uint_le(n, 3);
        have += n;
    }
    ck_assert_mem_eq(got, text, strlen(text));
}
END_TEST

START_TEST(not_deflate)
{
    ck_assert_uint_eq(mw_deflate_start(st), 0);
    peer_send("\xff\xff\xff\xff garbage", 12);
    ck_assert_uint_eq(mw_stream_fill(st), ST_ERROR_PROTOCOL_VIOLATION);
}
END_TEST

static Suite *deflate_suite(void)
{
    Suite *s = suite_create("deflate");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, server_bytes_however_cut);
    tcase_add_test(tc, client_writes_flushed);
    tcase_add_test(tc, read_ahead_and_small_reads);
    tcase_add_test(tc, not_deflate);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(deflate_suite)
