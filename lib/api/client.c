/* client.c - the API operations shared by IMAP and POP3. */
#include "client.h"

#include <stddef.h>
#include <string.h>

#include "../imap/imap.h"
#include "../pop3/pop3.h"
#include "../proto/line.h"
#include "../proto/trace.h"
#include "../sys/alloc.h"
#include "../sys/ascii.h"
#include "call.h"
#include "errors.h"
#include "handles.h"
#include "lifecycle.h"

#define TIMEOUT_MAX_S 86400u

typedef struct proto_ops {
    DWORD (*open)(mw_session *s);
    DWORD (*login)(mw_session *s, UINT type, const char *user, const char *pass);
    void (*close)(mw_session *s);
    unsigned port;
    unsigned secure_port;
    DWORD options_mask;
} proto_ops;

static const proto_ops imap_ops = {
    mw_imap_open, mw_imap_login, mw_imap_logout, IMAP_PORT_DEFAULT, IMAP_PORT_SECURE,
    IMAP_OPTION_IDENTIFY | IMAP_OPTION_TUNNEL | IMAP_OPTION_TRUSTEDSITE |
        IMAP_OPTION_SECURE_EXPLICIT | IMAP_OPTION_SECURE_IMPLICIT | IMAP_OPTION_FREETHREAD |
        IMAP_OPTION_SECURE_OPPORTUNISTIC | IMAP_OPTION_COMPRESS | IMAP_OPTION_EARLY_LOGIN |
        IMAP_OPTION_TRACE_CONNECT,
};

static const proto_ops pop_ops = {
    mw_pop_open, mw_pop_login, mw_pop_quit, POP_PORT_DEFAULT, POP_PORT_SECURE,
    POP_OPTION_TUNNEL | POP_OPTION_TRUSTEDSITE | POP_OPTION_SECURE_EXPLICIT |
        POP_OPTION_SECURE_IMPLICIT | POP_OPTION_FREETHREAD | POP_OPTION_SECURE_OPPORTUNISTIC |
        POP_OPTION_EARLY_LOGIN | POP_OPTION_TRACE_CONNECT,
};

static const proto_ops *ops_for(mw_proto p)
{
    return p == MW_PROTO_IMAP ? &imap_ops : &pop_ops;
}

/* ---- entering and leaving a call ------------------------------------- */

static DWORD enter_checked(mw_proto p, HCLIENT h, mw_session **s_r)
{
    if (!mw_lib_ready(p))
        return ST_ERROR_NOT_INITIALIZED;
    return mw_handle_acquire(h, p, s_r);
}

/* A call that talks to the server starts with a clean slate: no response
 * lines from the last call, no stale Cancel. */
static DWORD prepare_network(mw_session *s)
{
    if (s->state == MW_STATE_CLOSED || s->state == MW_STATE_FAILED)
        return ST_ERROR_NOT_CONNECTED;
    mw_session_clear_responses(s);
    mw_waker_drain(&s->waker);
    mw_stream_begin_call(&s->stream);
    s->framing_intact = 0;
    return 0;
}

/* What a call needs from the server before it starts. */
typedef enum {
    SETTLE_NONE,
    /* IMAP_OPTION_EARLY_LOGIN leaves the greeting unread for the login;
     * any other call that talks to the server reads it first, so that it
     * sees the capabilities, a PREAUTH or a refusal (BYE closes the
     * session) */
    SETTLE_GREETING,
    /* the capabilities themselves: the greeting, and the POP3 CAPA a login
     * left owed (otherwise it goes with the next command) */
    SETTLE_CAPABILITIES
} settle_need;

static DWORD settle(mw_session *s, settle_need need)
{
    int imap = s->proto == MW_PROTO_IMAP;
    int greeting = imap ? s->imap->greeting_pending : s->pop->greeting_pending;
    int capa = !imap && s->pop->capa_due && need == SETTLE_CAPABILITIES;
    if (need == SETTLE_NONE || (!greeting && !capa))
        return 0;
    DWORD err = prepare_network(s);
    if (err == 0)
        err = imap ? mw_imap_settle_greeting(s) : greeting ? mw_pop_settle_greeting(s) : mw_pop_settle_capa(s);
    mw_call_after_failure(s, err);
    return err;
}

static DWORD enter(mw_proto p, HCLIENT h, mw_session **s_r, int network, settle_need need)
{
    DWORD err = enter_checked(p, h, s_r);
    if (err != 0)
        return err;
    err = settle(*s_r, need);
    if (err == 0 && network)
        err = prepare_network(*s_r);
    if (err != 0)
        mw_handle_release(*s_r);
    return err;
}

DWORD mw_call_enter(mw_proto p, HCLIENT h, mw_session **s_r)
{
    return enter(p, h, s_r, 0, SETTLE_NONE);
}

/* For the capabilities: what the greeting and a POP3 login's CAPA tell. */
static DWORD enter_after_greeting(mw_proto p, HCLIENT h, mw_session **s_r)
{
    return enter(p, h, s_r, 0, SETTLE_CAPABILITIES);
}

DWORD mw_call_enter_network(mw_proto p, HCLIENT h, mw_session **s_r)
{
    return enter(p, h, s_r, 1, SETTLE_GREETING);
}

static int leaves_session_unusable(DWORD err)
{
    /* Out of memory too: it may strike halfway through a response. */
    return err == ST_ERROR_CONNECTION_CLOSED || err == ST_ERROR_PROTOCOL_VIOLATION ||
           err == ST_ERROR_RESPONSE_TOO_LARGE || err == ST_ERROR_TIMEOUT ||
           err == ST_ERROR_CANCELLED || err == ST_ERROR_NETWORK ||
           err == ST_ERROR_TLS_HANDSHAKE_FAILED || err == ST_ERROR_OUT_OF_MEMORY;
}

/* Client and server still agree where they are after err: it breaks
 * nothing, or broke only the content of a response read whole. */
static int still_in_step(const mw_session *s, DWORD err)
{
    return !leaves_session_unusable(err) ||
           ((err == ST_ERROR_PROTOCOL_VIOLATION || err == ST_ERROR_RESPONSE_TOO_LARGE) && s->framing_intact);
}

/* After a failed exchange the two sides may disagree on where they are:
 * such a session is closed rather than left to misread later replies. So
 * is one a protocol layer gave up on (FAILED: a greeting that refused). */
void mw_call_after_failure(mw_session *s, DWORD err)
{
    int given_up = s->state == MW_STATE_FAILED && s->stream.sock != MW_INVALID_SOCKET;
    if (!given_up && still_in_step(s, err))
        return;
    mw_stream_close(&s->stream);
    mw_session_set_state(s, MW_STATE_FAILED);
    if (err == ST_ERROR_CANCELLED)
        mw_session_event(s, IMAP_EVENT_CANCEL, err);
    else if (err == ST_ERROR_TIMEOUT)
        mw_session_event(s, IMAP_EVENT_TIMEOUT, err);
    mw_session_event(s, IMAP_EVENT_DISCONNECT, err);
}

INT mw_call_leave(mw_session *s, DWORD err, INT value)
{
    if (s != NULL)
        mw_handle_release(s);
    if (err != 0) {
        mw_set_error(err);
        return -1;
    }
    return value;
}

BOOL mw_call_fail(DWORD err)
{
    mw_set_error(err);
    return FALSE;
}

/* ---- credentials ------------------------------------------------------ */

#define HAS_FIELD(c, f) ((c)->dwSize >= offsetof(SECURITYCREDENTIALSA, f) + sizeof((c)->f))

static DWORD dup_field(const char *v, char **out_r)
{
    *out_r = NULL;
    if (v == NULL)
        return 0;
    *out_r = mw_strdup(v);
    return *out_r != NULL ? 0 : ST_ERROR_OUT_OF_MEMORY;
}

static DWORD copy_credentials(const SECURITYCREDENTIALSA *c, mw_creds *out)
{
    memset(out, 0, sizeof *out);
    if (c == NULL)
        return 0;
    if (c->dwSize < offsetof(SECURITYCREDENTIALSA, lpszCertFile))
        return ST_ERROR_INVALID_PARAMETER;
    if ((c->dwProtocol & ~(DWORD)SECURITY_PROTOCOL_MASK) != 0 ||
        (c->dwOptions & ~(DWORD)CREDENTIAL_OPTIONS_MASK) != 0)
        return ST_ERROR_INVALID_PARAMETER;
    out->protocol = c->dwProtocol;
    out->options = c->dwOptions;
    DWORD err = 0;
#define COPY(field, member)                                         \
    if (err == 0 && HAS_FIELD(c, field))                            \
        err = dup_field(c->field, &out->member);
    COPY(lpszCertFile, cert_file)
    COPY(lpszKeyFile, key_file)
    COPY(lpszKeyPassword, key_password)
    COPY(lpszCAFile, ca_file)
    COPY(lpszServerName, server_name)
    COPY(lpszProxy, proxy)
    COPY(lpszCAPath, ca_path)
#undef COPY
    if (err != 0)
        mw_creds_free(out);
    return err;
}

/* ---- connect ---------------------------------------------------------- */

static DWORD check_connect_args(const proto_ops *ops, const char *host, DWORD options)
{
    if (host == NULL || *host == '\0' || (options & ~ops->options_mask) != 0)
        return ST_ERROR_INVALID_PARAMETER;
    /* one TLS mode at most (the POP3 bits are the same) */
    DWORD modes = options & (IMAP_OPTION_SECURE_EXPLICIT | IMAP_OPTION_SECURE_IMPLICIT |
                             IMAP_OPTION_SECURE_OPPORTUNISTIC);
    if ((modes & (modes - 1)) != 0)
        return ST_ERROR_INVALID_PARAMETER;
    return 0;
}

static DWORD prepare(mw_session *s, const proto_ops *ops, const char *host, UINT port,
                     UINT timeout, DWORD options, const SECURITYCREDENTIALSA *creds)
{
    unsigned spec_port = 0;
    DWORD err = mw_addr_parse(host, s->host, sizeof s->host, &spec_port);
    if (err != 0)
        return err;
    if (port > 65535 || (port != 0 && spec_port != 0))
        return ST_ERROR_INVALID_PARAMETER;
    s->port = port != 0 ? port : spec_port;
    if (s->port == 0)
        s->port = (options & IMAP_OPTION_SECURE_IMPLICIT) ? ops->secure_port : ops->port;
    s->options = options;
    s->timeout_s = timeout == 0 ? IMAP_TIMEOUT_DEFAULT : timeout > TIMEOUT_MAX_S ? TIMEOUT_MAX_S : timeout;
    atomic_store(&s->owner, mw_thread_id());
    return copy_credentials(creds, &s->creds);
}

static void *async_main(void *arg)
{
    mw_session *s = arg;
    mw_stream_begin_call(&s->stream);
    if (s->options & IMAP_OPTION_TRACE_CONNECT) /* the same bit for POP3 */
        mw_trace_connect_begin(s);
    DWORD err = ops_for(s->proto)->open(s);
    mw_trace_connect_end(s);
    s->async_error = err;
    if (err != 0) {
        mw_stream_close(&s->stream);
        mw_session_set_state(s, MW_STATE_FAILED);
    }
    atomic_store(&s->connecting, 0);
    mw_session_event(s, err == 0 ? IMAP_EVENT_CONNECT : IMAP_EVENT_ERROR, err);
    return NULL;
}

static DWORD start_async(mw_session *s, mw_event_proc proc, DWORD_PTR param)
{
    for (UINT id = 1; id <= MW_EVENT_MAX; id++) {
        s->event_procs[id] = proc;
        s->event_params[id] = param;
    }
    mw_session_set_state(s, MW_STATE_CONNECTING);
    atomic_store(&s->connecting, 1);
    if (mw_thread_start(&s->async_thread, async_main, s) != 0) {
        atomic_store(&s->connecting, 0);
        return ST_ERROR_OUT_OF_MEMORY;
    }
    s->async_started = 1;
    return 0;
}

HCLIENT mw_api_connect(mw_proto p, const char *host, UINT port, UINT timeout, DWORD options,
                       const SECURITYCREDENTIALSA *creds, mw_event_proc proc, DWORD_PTR param,
                       int async)
{
    const proto_ops *ops = ops_for(p);
    DWORD err = mw_lib_ready(p) ? check_connect_args(ops, host, options) : ST_ERROR_NOT_INITIALIZED;
    if (err == 0 && async && proc == NULL)
        err = ST_ERROR_INVALID_PARAMETER;
    mw_session *s = NULL;
    if (err == 0 && (s = p == MW_PROTO_IMAP ? mw_imap_session_new() : mw_pop_session_new()) == NULL)
        err = ST_ERROR_OUT_OF_MEMORY;
    if (err == 0)
        err = prepare(s, ops, host, port, timeout, options, creds);
    if (err == 0)
        err = mw_handles_add(s);
    if (err == 0 && async) {
        err = start_async(s, proc, param);
        if (err == 0)
            return s->handle;
    }
    if (err == 0) {
        mw_session_set_state(s, MW_STATE_CONNECTING);
        mw_stream_begin_call(&s->stream);
        if (options & IMAP_OPTION_TRACE_CONNECT) /* the same bit for POP3 */
            mw_trace_connect_begin(s);
        err = ops->open(s);
        mw_trace_connect_end(s);
        if (err == 0)
            return s->handle;
    }
    if (s != NULL) {
        mw_session *taken;
        if (s->handle != NULL && mw_handle_take(s->handle, p, &taken) != 0)
            return INVALID_CLIENT; /* cannot happen: nobody else knows the handle */
        mw_session_free(&s);
    }
    mw_set_error(err);
    return INVALID_CLIENT;
}

void mw_session_shutdown(mw_session *s, int polite)
{
    mw_waker_signal(&s->waker);
    /* A call still running on another thread (FREETHREAD, or Uninitialize
     * racing the owner) gets the cancel and a moment to leave. */
    for (int i = 0; i < 1000 && atomic_load(&s->busy) && !polite; i++)
        mw_sleep_ms(10);
    if (s->async_started) {
        mw_thread_join(s->async_thread);
        s->async_started = 0;
    }
    mw_waker_drain(&s->waker);
    if (polite && s->state >= MW_STATE_NOT_AUTHENTICATED && s->state != MW_STATE_FAILED)
        ops_for(s->proto)->close(s);
    if (s->state != MW_STATE_FAILED && s->state != MW_STATE_CLOSED)
        mw_session_event(s, IMAP_EVENT_DISCONNECT, 0);
    mw_session_free(&s);
}

INT mw_api_disconnect(mw_proto p, HCLIENT h)
{
    mw_session *s;
    DWORD err = mw_lib_ready(p) ? mw_handle_take(h, p, &s) : ST_ERROR_NOT_INITIALIZED;
    if (err != 0) {
        mw_set_error(err);
        return -1;
    }
    /* busy was claimed by take; clear it so shutdown does not wait on us */
    atomic_store(&s->busy, 0);
    mw_session_shutdown(s, 1);
    return 0;
}

BOOL mw_api_is_connected(mw_proto p, HCLIENT h)
{
    mw_session *s;
    DWORD err = mw_call_enter(p, h, &s);
    if (err == ST_ERROR_IN_PROGRESS)
        return FALSE; /* not yet: not an error worth recording */
    if (err != 0)
        return mw_call_fail(err);
    BOOL up = s->state >= MW_STATE_NOT_AUTHENTICATED && s->state != MW_STATE_FAILED;
    mw_handle_release(s);
    return up;
}

static DWORD attach(mw_session *s, void *arg)
{
    DWORD *tid = arg;
    DWORD previous = atomic_exchange(&s->owner, *tid);
    *tid = previous;
    return 0;
}

DWORD mw_api_attach_thread(mw_proto p, HCLIENT h, DWORD tid)
{
    DWORD value = tid != 0 ? tid : mw_thread_id();
    DWORD err = mw_lib_ready(p) ? mw_handle_visit(h, p, attach, &value) : ST_ERROR_NOT_INITIALIZED;
    if (err != 0) {
        mw_set_error(err);
        return (DWORD)-1;
    }
    return value;
}

static DWORD signal_cancel(mw_session *s, void *arg)
{
    (void)arg;
    mw_waker_signal(&s->waker);
    return 0;
}

INT mw_api_cancel(mw_proto p, HCLIENT h)
{
    DWORD err = mw_lib_ready(p) ? mw_handle_visit(h, p, signal_cancel, NULL) : ST_ERROR_NOT_INITIALIZED;
    return mw_call_leave(NULL, err, 0);
}

INT mw_api_set_timeout(mw_proto p, HCLIENT h, UINT timeout)
{
    mw_session *s;
    DWORD err = mw_call_enter(p, h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    s->timeout_s = timeout == 0 ? IMAP_TIMEOUT_DEFAULT : timeout > TIMEOUT_MAX_S ? TIMEOUT_MAX_S : timeout;
    return mw_call_leave(s, 0, 0);
}

/* A day, as for the step timeout: longer is a mistake, not a limit. */
#define LIMIT_TIME_MAX_S (24u * 3600u)

INT mw_api_set_limits(mw_proto p, HCLIENT h, DWORD max_time, DWORD low_speed, DWORD low_time)
{
    if (max_time > LIMIT_TIME_MAX_S || low_time > LIMIT_TIME_MAX_S || (low_speed != 0) != (low_time != 0))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    mw_session *s;
    DWORD err = mw_call_enter(p, h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    s->stream.limits = (mw_call_limits){max_time, low_speed, low_time};
    return mw_call_leave(s, 0, 0);
}

INT mw_api_get_limits(mw_proto p, HCLIENT h, LPDWORD max_time, LPDWORD low_speed, LPDWORD low_time)
{
    mw_session *s;
    DWORD err = mw_call_enter(p, h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    if (max_time != NULL)
        *max_time = s->stream.limits.max_time_s;
    if (low_speed != NULL)
        *low_speed = s->stream.limits.low_speed_limit;
    if (low_time != NULL)
        *low_time = s->stream.limits.low_speed_time_s;
    return mw_call_leave(s, 0, 0);
}

INT mw_api_get_timeout(mw_proto p, HCLIENT h)
{
    mw_session *s;
    DWORD err = mw_call_enter(p, h, &s);
    return err != 0 ? mw_call_leave(NULL, err, 0) : mw_call_leave(s, 0, (INT)s->timeout_s);
}

/* ---- what the server told us ------------------------------------------ */

INT mw_api_get_capabilities(mw_proto p, HCLIENT h, const mw_out *out)
{
    mw_session *s;
    DWORD err = enter_after_greeting(p, h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    const char *caps = mw_caps_text(&s->caps);
    INT n = mw_out_put(out, caps, strlen(caps));
    mw_handle_release(s);
    return n;
}

BOOL mw_api_has_capability(mw_proto p, HCLIENT h, const char *name)
{
    mw_session *s;
    if (name == NULL)
        return mw_call_fail(ST_ERROR_INVALID_PARAMETER);
    DWORD err = enter_after_greeting(p, h, &s);
    if (err != 0)
        return mw_call_fail(err);
    BOOL has = mw_caps_has(&s->caps, name);
    mw_handle_release(s);
    return has;
}

/* One field of "name=value\n" lines, or all of them. */
static int find_field(const mw_buf *id, const char *field, const char **v_r, size_t *len_r)
{
    const char *p = (const char *)id->p, *end = p + id->len;
    size_t fl = strlen(field);
    while (p != NULL && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl != NULL ? nl : end;
        if ((size_t)(line_end - p) > fl && p[fl] == '=' && mw_ascii_ncasecmp(p, field, fl) == 0) {
            *v_r = p + fl + 1;
            *len_r = (size_t)(line_end - p - (ptrdiff_t)fl - 1);
            return 1;
        }
        p = nl != NULL ? nl + 1 : NULL;
    }
    return 0;
}

INT mw_api_get_identity(mw_proto p, HCLIENT h, const char *field, const mw_out *out)
{
    mw_session *s;
    DWORD err = mw_call_enter(p, h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    const char *v = (const char *)s->imap->identity.p;
    size_t len = s->imap->identity.len;
    if (v == NULL)
        v = "";
    if (field != NULL && !find_field(&s->imap->identity, field, &v, &len))
        return mw_call_leave(s, ST_ERROR_INVALID_PARAMETER, 0);
    INT n = mw_out_put(out, v, len);
    mw_handle_release(s);
    return n;
}

BOOL mw_api_get_security(mw_proto p, HCLIENT h, SECURITYINFOA *info)
{
    mw_session *s;
    /* dwFlags was appended: a caller built before it passes a smaller
     * structure, filled up to its own size */
    if (info == NULL || info->dwSize < offsetof(SECURITYINFOA, dwFlags))
        return mw_call_fail(ST_ERROR_INVALID_PARAMETER);
    DWORD err = mw_call_enter(p, h, &s);
    if (err != 0)
        return mw_call_fail(err);
    size_t size = info->dwSize < sizeof *info ? info->dwSize : sizeof *info;
    SECURITYINFOA got;
    memset(&got, 0, sizeof got);
    if (s->stream.tls != NULL)
        got = s->security;
    got.dwSize = (DWORD)size;
    memcpy(info, &got, size);
    mw_handle_release(s);
    return TRUE;
}

/* ---- login ------------------------------------------------------------ */

static DWORD check_credentials(const char *user, const char *pass)
{
    if (user == NULL || pass == NULL)
        return ST_ERROR_INVALID_PARAMETER;
    if (mw_has_line_breaks(user, strlen(user)) || mw_has_line_breaks(pass, strlen(pass)))
        return ST_ERROR_INVALID_PARAMETER;
    return 0;
}

INT mw_api_login(mw_proto p, HCLIENT h, UINT type, const char *user, const char *pass)
{
    mw_session *s;
    if (pass == NULL && (type == IMAP_AUTH_ANONYMOUS))
        pass = "";
    DWORD err = check_credentials(user, pass);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    err = enter(p, h, &s, 1, SETTLE_NONE); /* an early login reads the greeting itself */
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    err = ops_for(p)->login(s, type, user, pass);
    mw_call_after_failure(s, err);
    return mw_call_leave(s, err, 0);
}

/* ---- result and response lines ---------------------------------------- */

INT mw_api_result_code(mw_proto p, HCLIENT h)
{
    mw_session *s;
    DWORD err = mw_call_enter(p, h, &s);
    return err != 0 ? mw_call_leave(NULL, err, 0) : mw_call_leave(s, 0, s->result_code);
}

INT mw_api_result_string(mw_proto p, HCLIENT h, const mw_out *out)
{
    mw_session *s;
    DWORD err = mw_call_enter(p, h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    const char *t = s->result_text.p != NULL ? (const char *)s->result_text.p : "";
    INT n = mw_out_put(out, t, s->result_text.len);
    mw_handle_release(s);
    return n;
}

INT mw_api_response_count(mw_proto p, HCLIENT h)
{
    mw_session *s;
    DWORD err = mw_call_enter(p, h, &s);
    return err != 0 ? mw_call_leave(NULL, err, 0) : mw_call_leave(s, 0, s->responses.count);
}

INT mw_api_response_line(mw_proto p, HCLIENT h, INT index, const mw_out *out)
{
    mw_session *s;
    DWORD err = mw_call_enter(p, h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    if (index < 0 || index >= s->responses.count)
        return mw_call_leave(s, ST_ERROR_INVALID_PARAMETER, 0);
    const char *line = s->responses.v[index];
    INT n = mw_out_put(out, line, strlen(line));
    mw_handle_release(s);
    return n;
}

/* ---- callbacks and tracing -------------------------------------------- */

BOOL mw_api_register_status(mw_proto p, HCLIENT h, mw_status_proc proc, DWORD_PTR param)
{
    mw_session *s;
    DWORD err = mw_call_enter(p, h, &s);
    if (err != 0)
        return mw_call_fail(err);
    s->status_proc = proc;
    s->status_param = param;
    if (!atomic_load(&s->connecting))
        mw_trace_replay_connect(s); /* a trace starts at the greeting */
    mw_handle_release(s);
    return TRUE;
}

BOOL mw_api_register_event(mw_proto p, HCLIENT h, UINT id, mw_event_proc proc, DWORD_PTR param)
{
    mw_session *s;
    if (id == 0 || id > MW_EVENT_MAX)
        return mw_call_fail(ST_ERROR_INVALID_PARAMETER);
    DWORD err = mw_call_enter(p, h, &s);
    if (err != 0)
        return mw_call_fail(err);
    s->event_procs[id] = proc;
    s->event_params[id] = param;
    mw_handle_release(s);
    return TRUE;
}

BOOL mw_api_enable_trace(mw_proto p, const char *path, DWORD flags)
{
    if (path == NULL || *path == '\0')
        return mw_call_fail(ST_ERROR_INVALID_PARAMETER);
    DWORD err = mw_trace_enable(p, path, flags);
    return err != 0 ? mw_call_fail(err) : TRUE;
}

void mw_api_disable_trace(mw_proto p)
{
    mw_trace_disable(p);
}

INT mw_api_error_string(DWORD err, const mw_out *out)
{
    const char *text = mw_error_text(err);
    if (text == NULL) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return -1;
    }
    return mw_out_put(out, text, strlen(text));
}

static DWORD read_transfer(mw_session *s, void *arg)
{
    uint64_t *v = arg;
    v[0] = atomic_load(&s->xfer_done);
    v[1] = atomic_load(&s->xfer_total);
    return 0;
}

INT mw_api_transfer_status(mw_proto p, HCLIENT h, LPDWORD copied, LPDWORD total)
{
    uint64_t v[2] = {0, 0};
    DWORD err = mw_lib_ready(p) ? mw_handle_visit(h, p, read_transfer, v) : ST_ERROR_NOT_INITIALIZED;
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    if (copied != NULL)
        *copied = v[0] > 0xFFFFFFFFu ? 0xFFFFFFFFu : (DWORD)v[0];
    if (total != NULL)
        *total = v[1] > 0xFFFFFFFFu ? 0xFFFFFFFFu : (DWORD)v[1];
    return 0;
}
