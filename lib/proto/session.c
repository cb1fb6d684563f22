/* session.c - session allocation, state changes, results and events. */
#include "session.h"

#include <string.h>

#include "../sys/alloc.h"
#include "trace.h"

#define LINE_LIMIT (1u << 20)
#define RESULT_LIMIT 4096

mw_session *mw_session_new(mw_proto proto)
{
    mw_session *s = mw_calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->proto = proto;
    s->timeout_s = IMAP_TIMEOUT_DEFAULT;
    if (mw_waker_open(&s->waker) != 0) {
        mw_free(s);
        return NULL;
    }
    mw_stream_init(&s->stream, &s->waker);
    s->stream.limits = (mw_call_limits){IMAP_MAX_TIME_DEFAULT, IMAP_LOW_SPEED_LIMIT_DEFAULT,
                                        IMAP_LOW_SPEED_TIME_DEFAULT};
    mw_buf_init(&s->result_text, RESULT_LIMIT);
    mw_buf_init(&s->line, LINE_LIMIT);
    mw_caps_init(&s->caps);
    s->state = MW_STATE_CLOSED;
    return s;
}

void mw_creds_free(mw_creds *c)
{
    mw_free(c->cert_file);
    mw_free(c->key_file);
    mw_free_secret(&c->key_password);
    mw_free(c->ca_file);
    mw_free(c->server_name);
    mw_free(c->proxy);
    mw_free(c->ca_path);
    memset(c, 0, sizeof *c);
}

void mw_session_free(mw_session **sp)
{
    mw_session *s = *sp;
    if (s == NULL)
        return;
    mw_stream_close(&s->stream);
    mw_waker_close(&s->waker);
    mw_creds_free(&s->creds);
    mw_buf_free(&s->result_text);
    mw_buf_free(&s->line);
    if (s->free_protocol != NULL)
        s->free_protocol(s);
    mw_caps_free(&s->caps);
    mw_session_clear_responses(s);
    mw_free(s->responses.v);
    mw_trace_forget_connect(s);
    mw_free(s);
    *sp = NULL;
}

const char *mw_state_name(mw_state state)
{
    static const char *const names[] = {"CLOSED",        "CONNECTING", "NOT_AUTHENTICATED",
                                        "AUTHENTICATED", "SELECTED",   "FAILED"};
    return (unsigned)state < sizeof names / sizeof names[0] ? names[state] : "?";
}

void mw_session_set_state(mw_session *s, mw_state state)
{
    if (s->state != state)
        mw_trace_note(s, "state %s -> %s", mw_state_name(s->state), mw_state_name(state));
    s->state = state;
}

DWORD mw_session_set_result(mw_session *s, int code, const char *text, size_t len)
{
    s->result_code = code;
    mw_buf_reset(&s->result_text);
    if (len > RESULT_LIMIT - 1)
        len = RESULT_LIMIT - 1; /* the text is informative: keep its head */
    return mw_buf_append(&s->result_text, text, len);
}

void mw_session_clear_responses(mw_session *s)
{
    for (int i = 0; i < s->responses.count; i++)
        mw_free(s->responses.v[i]);
    s->responses.count = 0;
    s->responses.bytes = 0;
}

void mw_session_record(mw_session *s, const char *text, size_t len)
{
    mw_lines *l = &s->responses;
    /* Bounded: past the limits the oldest lines are what the caller keeps. */
    if (l->count >= MW_RESPONSE_LINES_MAX || l->bytes + len > MW_RESPONSE_BYTES_MAX)
        return;
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 16;
        char **v = mw_realloc(l->v, (size_t)cap * sizeof *v);
        if (v == NULL)
            return;
        l->v = v;
        l->cap = cap;
    }
    char *copy = mw_strndup(text, len);
    if (copy == NULL)
        return;
    l->v[l->count++] = copy;
    l->bytes += len;
}

void mw_session_event(mw_session *s, UINT id, DWORD err)
{
    if (id == 0 || id > MW_EVENT_MAX)
        return;
    mw_event_proc proc = s->event_procs[id];
    if (proc != NULL)
        proc(s->handle, id, err, s->event_params[id]);
}

void mw_session_arm_timeout(mw_session *s)
{
    mw_stream_set_timeout(&s->stream, s->timeout_s * 1000u);
}
