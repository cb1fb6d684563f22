/* connect.c - the POP3 session from greeting to ready: greeting (with the
 * APOP timestamp), CAPA, required STLS; and QUIT at the end. */
#include <string.h>

#include "../proto/line.h"
#include "../proto/trace.h"
#include "../proto/transport.h"
#include "../sys/ascii.h"
#include "pop3.h"

/* RFC 1939: the timestamp is a msg-id "<...@...>" in the greeting. */
static void keep_apop_stamp(mw_session *s, const char *text, size_t len)
{
    s->pop->apop_stamp[0] = '\0';
    const char *open = memchr(text, '<', len);
    if (open == NULL)
        return;
    size_t rest = len - (size_t)(open - text);
    const char *close = memchr(open, '>', rest);
    if (close == NULL)
        return;
    size_t n = (size_t)(close - open) + 1;
    if (n >= sizeof s->pop->apop_stamp || memchr(open, '@', n) == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)open[i] <= 0x20 || (unsigned char)open[i] >= 0x7F)
            return;
    memcpy(s->pop->apop_stamp, open, n);
    s->pop->apop_stamp[n] = '\0';
}

DWORD mw_pop_take_greeting(mw_session *s)
{
    mw_pop_status st;
    s->pop->greeting_pending = 0;
    /* the line itself: a CAPA sent ahead is answered only after it */
    DWORD err = mw_line_read(s);
    if (err == 0)
        err = mw_pop_parse_status(s, &st);
    if (err != 0)
        return err;
    if (!st.ok) {
        mw_session_set_state(s, MW_STATE_FAILED); /* the server closes after it */
        return ST_ERROR_SERVER_UNAVAILABLE;
    }
    keep_apop_stamp(s, st.text, st.len);
    return 0;
}

DWORD mw_pop_settle_greeting(mw_session *s)
{
    if (!s->pop->greeting_pending)
        return 0;
    DWORD err = mw_pop_take_greeting(s);
    return err != 0 ? err : mw_pop_capa(s);
}

static DWORD add_capa_line(mw_session *s, const char *line, size_t len, void *ctx)
{
    (void)ctx;
    size_t w = 0;
    while (w < len && line[w] != ' ')
        w++;
    DWORD err = mw_caps_add_words(&s->caps, line, w);
    if (err == 0 && w == 4 && mw_ascii_ncasecmp(line, "SASL", 4) == 0 && w < len)
        err = mw_caps_add_prefixed(&s->caps, "SASL=", line + w + 1, len - w - 1);
    return err;
}

/* The answer to a CAPA already sent. */
DWORD mw_pop_capa_read(mw_session *s)
{
    mw_caps_clear(&s->caps);
    DWORD err = mw_pop_read_reply(s, ST_ERROR_COMMAND_REJECTED);
    if (err == ST_ERROR_COMMAND_REJECTED)
        return 0; /* an RFC 1939 server without CAPA: no capabilities known */
    if (err == 0)
        err = mw_pop_read_multiline(s, MW_POP_CAPA_LINES_MAX, add_capa_line, NULL);
    if (err == 0)
        s->caps.known = 1;
    return err;
}

DWORD mw_pop_capa(mw_session *s)
{
    DWORD err = mw_line_send(s, "CAPA", 4, MW_TRACE_ALL);
    return err != 0 ? err : mw_pop_capa_read(s);
}

static DWORD stls(mw_session *s)
{
    if (!mw_caps_has(&s->caps, "STLS"))
        return ST_ERROR_SECURE_NOT_SUPPORTED;
    DWORD err = mw_pop_command(s, "STLS", (size_t)-1, ST_ERROR_SECURE_NOT_SUPPORTED);
    if (err == ST_ERROR_COMMAND_REJECTED || err == ST_ERROR_MAILBOX_IN_USE ||
        err == ST_ERROR_SERVER_UNAVAILABLE || err == ST_ERROR_AUTH_FAILED)
        err = ST_ERROR_SECURE_NOT_SUPPORTED;
    if (err == 0)
        err = mw_transport_upgrade(s);
    if (err == 0)
        err = mw_pop_capa(s);
    return err;
}

static int implicit_tls(const mw_session *s)
{
    return (s->options & POP_OPTION_SECURE_IMPLICIT) != 0 ||
           (s->port == POP_PORT_SECURE && !(s->options & POP_OPTION_TUNNEL));
}

DWORD mw_pop_open(mw_session *s)
{
    DWORD err = mw_transport_open(s, implicit_tls(s));
    if (err == 0 && (s->options & POP_OPTION_EARLY_LOGIN) && s->stream.tls != NULL) {
        s->pop->greeting_pending = 1; /* the login, or any other call, reads it */
        mw_session_set_state(s, MW_STATE_NOT_AUTHENTICATED);
        return 0;
    }
    if (err == 0)
        err = mw_pop_take_greeting(s);
    if (err == 0)
        err = mw_pop_capa(s);
    int wanted = (s->options & POP_OPTION_SECURE_EXPLICIT) ||
                 ((s->options & POP_OPTION_SECURE_OPPORTUNISTIC) && mw_caps_has(&s->caps, "STLS"));
    if (err == 0 && wanted && s->stream.tls == NULL)
        err = stls(s); /* required, or offered: it must work, never a silent fallback */
    if (err == 0)
        mw_session_set_state(s, MW_STATE_NOT_AUTHENTICATED);
    return err;
}

void mw_pop_quit(mw_session *s)
{
    s->pop->capa_due = 0; /* nothing more will read them */
    if (s->stream.sock != MW_INVALID_SOCKET)
        (void)mw_pop_command(s, "QUIT", (size_t)-1, ST_ERROR_COMMAND_REJECTED);
}
