/*
 * fuzz_pop3.c - POP3 replies read through the real code: the input is what
 * a server sends on a socket pair; a status line, then a dot-stuffed body,
 * then CAPA-style and LIST-style multi-line replies.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pop3/pop3.h"

static DWORD count_line(mw_session *s, const char *line, size_t len, void *ctx)
{
    (void)s;
    (void)line;
    (void)len;
    ++*(size_t *)ctx;
    return 0;
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
    mw_session *s = mw_session_new(MW_PROTO_POP);
    s->stream.sock = fds[0];
    s->timeout_s = 1;
    mw_pop_status st;
    mw_sink sink;
    mw_sink_discard(&sink);
    size_t lines = 0;
    if (mw_pop_read_status(s, &st) == 0 && st.ok &&
        mw_pop_stream_body(s, &sink, MW_POP_BODY_LINE_MAX) == 0)
        (void)mw_pop_read_multiline(s, 1000, count_line, &lines);
    mw_session_free(&s); /* closes fds[0] */
    close(fds[1]);
    return 0;
}
