/* reader.c - POP3 status lines and dot-stuffed multi-line bodies. */
#include <string.h>

#include "../proto/line.h"
#include "../proto/trace.h"
#include "../sys/ascii.h"
#include "pop3.h"

DWORD mw_pop_parse_status(mw_session *s, mw_pop_status *st)
{
    const char *line = (const char *)s->line.p;
    size_t len = s->line.len;
    mw_session_record(s, line, len);
    size_t skip;
    if (len >= 3 && memcmp(line, "+OK", 3) == 0 && (len == 3 || line[3] == ' ')) {
        st->ok = 1;
        skip = 3;
    } else if (len >= 4 && memcmp(line, "-ERR", 4) == 0 && (len == 4 || line[4] == ' ')) {
        st->ok = 0;
        skip = 4;
    } else {
        return ST_ERROR_PROTOCOL_VIOLATION;
    }
    if (skip < len)
        skip++;
    st->text = line + skip;
    st->len = len - skip;
    mw_session_set_result(s, st->ok ? POP_RESULT_OK : POP_RESULT_ERR, st->text, st->len);
    return 0;
}

DWORD mw_pop_take_pending(mw_session *s)
{
    DWORD err = 0;
    if (s->pop->greeting_pending) /* POP_OPTION_EARLY_LOGIN */
        err = mw_pop_take_greeting(s);
    if (err == 0 && s->pop->capa_ahead) {
        s->pop->capa_ahead = 0;
        err = mw_pop_capa_read(s);
    }
    return err;
}

DWORD mw_pop_read_status(mw_session *s, mw_pop_status *st)
{
    DWORD err = mw_pop_take_pending(s);
    if (err == 0)
        err = mw_line_read(s);
    return err != 0 ? err : mw_pop_parse_status(s, st);
}

/* The CAPA owed after AUTH (mw_pop_login): with PIPELINING it goes in the
 * same flight as the command that follows, its answer read before that
 * command's; without, it is asked on its own first. */
DWORD mw_pop_capa_ahead(mw_session *s)
{
    DWORD err = mw_line_send(s, "CAPA", 4, MW_TRACE_ALL);
    s->pop->capa_ahead = err == 0;
    return err;
}

static DWORD pay_capa(mw_session *s)
{
    s->pop->capa_due = 0;
    return mw_caps_has(&s->caps, "PIPELINING") ? mw_pop_capa_ahead(s) : mw_pop_capa(s);
}

DWORD mw_pop_send(mw_session *s, const char *line, size_t len, size_t visible)
{
    DWORD err = s->pop->capa_due ? pay_capa(s) : 0;
    return err != 0 ? err : mw_line_send(s, line, len, visible);
}

DWORD mw_pop_settle_capa(mw_session *s)
{
    if (!s->pop->capa_due)
        return 0;
    s->pop->capa_due = 0;
    return mw_pop_capa(s);
}

static int has_code(const mw_pop_status *st, const char *code)
{
    size_t n = strlen(code);
    return st->len >= n && mw_ascii_ncasecmp(st->text, code, n) == 0;
}

DWORD mw_pop_error(const mw_pop_status *st, DWORD dflt)
{
    if (has_code(st, "[IN-USE]"))
        return ST_ERROR_MAILBOX_IN_USE;
    if (has_code(st, "[SYS/TEMP]"))
        return ST_ERROR_SERVER_UNAVAILABLE;
    if (has_code(st, "[AUTH]"))
        return ST_ERROR_AUTH_FAILED;
    if (has_code(st, "[SYS/PERM]"))
        return ST_ERROR_COMMAND_REJECTED;
    return dflt;
}

DWORD mw_pop_read_reply(mw_session *s, DWORD dflt)
{
    mw_pop_status st;
    DWORD err = mw_pop_read_status(s, &st);
    if (err == 0 && !st.ok)
        err = mw_pop_error(&st, dflt);
    return err;
}

DWORD mw_pop_command(mw_session *s, const char *line, size_t visible, DWORD dflt)
{
    DWORD err = mw_pop_send(s, line, strlen(line), visible);
    return err != 0 ? err : mw_pop_read_reply(s, dflt);
}

DWORD mw_pop_read_multiline(mw_session *s, size_t max_lines, mw_pop_line_fn fn, void *ctx)
{
    for (size_t n = 0;; n++) {
        DWORD err = mw_line_read(s);
        if (err != 0)
            return err;
        const char *line = (const char *)s->line.p;
        size_t len = s->line.len;
        if (len == 1 && line[0] == '.')
            return 0;
        if (n == max_lines)
            return ST_ERROR_RESPONSE_TOO_LARGE;
        if (len > 0 && line[0] == '.') {
            line++;
            len--;
        }
        err = fn(s, line, len, ctx);
        if (err != 0)
            return err;
    }
}
