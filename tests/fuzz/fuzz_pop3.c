/*
 * fuzz_pop3.c - POP3 replies read through the real code: the input is what
 * a server sends on a socket pair; a status line, then a dot-stuffed body,
 * then CAPA-style and LIST-style multi-line replies.
 *
 * Oracle: a model of RFC 1939's dot-stuffing, written apart from the
 * streaming reader, says what the body must be and where it ends; the
 * reader must agree byte for byte, and count the multi-line reply's lines
 * as the model does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pop3/pop3.h"

/* Where a multi-line reply starting at p ends, as RFC 1939 puts it: lines
 * end at LF; a line that is "." (before CRLF or LF) ends the reply; other
 * lines lose one leading dot. Appends the body to out when out is not
 * NULL, counts its lines; returns the offset past the terminator, or 0
 * when there is none. */
static size_t model_multiline(const uint8_t *p, size_t n, uint8_t *out, size_t *out_len,
                              size_t *lines)
{
    size_t i = 0;
    *lines = 0;
    if (out_len != NULL)
        *out_len = 0;
    while (i < n) {
        const uint8_t *lf = memchr(p + i, '\n', n - i);
        size_t len = lf != NULL ? (size_t)(lf - (p + i)) + 1 : n - i;
        const uint8_t *line = p + i;
        i += len;
        if (lf != NULL && line[0] == '.' &&
            (len == 2 || (len == 3 && line[1] == '\r')))
            return i;
        if (line[0] == '.') {
            line++;
            len--;
        }
        if (out != NULL) {
            memcpy(out + *out_len, line, len);
            *out_len += len;
        }
        ++*lines;
    }
    return 0;
}

static DWORD count_line(mw_session *s, const char *line, size_t len, void *ctx)
{
    (void)s;
    (void)line;
    (void)len;
    ++*(size_t *)ctx;
    return 0;
}

static void check_body(const uint8_t *data, size_t size, mw_session *s, size_t *rest_r)
{
    const uint8_t *status_end = memchr(data, '\n', size);
    *rest_r = 0;
    if (status_end == NULL)
        abort(); /* a status line taken without its line end */
    const uint8_t *body = status_end + 1;
    size_t body_size = size - (size_t)(body - data);
    uint8_t *want = malloc(body_size + 1);
    size_t want_len, lines;
    size_t used = model_multiline(body, body_size, want, &want_len, &lines);
    mw_sink sink;
    mw_sink_alloc(&sink);
    DWORD err = mw_pop_stream_body(s, &sink, MW_POP_BODY_LINE_MAX);
    size_t got_len = (size_t)sink.total;
    char *got = mw_sink_finish(&sink, err == 0) == 0 ? mw_sink_take_memory(&sink) : NULL;
    if ((err == 0) != (used != 0))
        abort(); /* the body ended where the model says it does not, or not where it does */
    if (err == 0 && (got == NULL || got_len != want_len || memcmp(got, want, want_len) != 0))
        abort(); /* a byte lost, added or changed in unstuffing */
    mw_sink_free(&sink);
    mw_global_free(got);
    free(want);
    *rest_r = err == 0 ? (size_t)(body - data) + used : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fds[2];
    if (size > 60000 || socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0)
        return 0;
    if (write(fds[1], data, size) != (ssize_t)size) {
        close(fds[0]);
        close(fds[1]);
        return 0;
    }
    shutdown(fds[1], SHUT_WR);
    mw_session *s = mw_pop_session_new();
    s->stream.sock = fds[0];
    s->timeout_s = 1;
    /* as every API call starts: the transfer limits count from here */
    mw_stream_begin_call(&s->stream);
    mw_session_arm_timeout(s);
    mw_pop_status st;
    size_t rest = 0;
    if (mw_pop_read_status(s, &st) == 0 && st.ok)
        check_body(data, size, s, &rest);
    if (rest != 0) {
        size_t lines = 0, want_lines;
        if (mw_pop_read_multiline(s, 1000, count_line, &lines) == 0 &&
            (model_multiline(data + rest, size - rest, NULL, NULL, &want_lines) == 0 ||
             lines != want_lines))
            abort(); /* a multi-line reply read with lines the model does not see */
    }
    mw_session_free(&s); /* closes fds[0] */
    close(fds[1]);
    return 0;
}
