/* pop_messages.c - the POP3 maildrop operations of the API (section 7). */
#include <limits.h>
#include <string.h>

#include "../mime/mime.h"
#include "../pop3/pop3.h"
#include "../proto/line.h"
#include "../proto/sink.h"
#include "../sys/alloc.h"
#include "call.h"
#include "deliver.h"
#include "handles.h"
#include "client.h"
#include "pop_messages.h"

DWORD mw_api_pop_enter(HCLIENT h, mw_session **s_r)
{
    DWORD err = mw_call_enter_network(MW_PROTO_POP, h, s_r);
    if (err == 0 && (*s_r)->state < MW_STATE_AUTHENTICATED) {
        mw_handle_release(*s_r);
        return ST_ERROR_NOT_AUTHENTICATED;
    }
    return err;
}

static INT finish(mw_session *s, DWORD err, INT value)
{
    return mw_deliver_finish(s, err, value);
}

static INT clamp_int(uint64_t v)
{
    return v > INT_MAX ? INT_MAX : (INT)v;
}

INT mw_api_pop_stat(HCLIENT h, LPDWORD bytes)
{
    mw_session *s;
    DWORD err = mw_api_pop_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    DWORD count = 0, octets = 0;
    err = mw_pop_stat(s, &count, &octets);
    if (err == 0 && bytes != NULL)
        *bytes = octets;
    return finish(s, err, clamp_int(count));
}

INT mw_api_pop_size(HCLIENT h, UINT n, LPDWORD size)
{
    mw_session *s;
    if (size == NULL)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_pop_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    err = mw_pop_size(s, n, size);
    return finish(s, err, err == 0 ? clamp_int(*size) : 0);
}

INT mw_api_pop_uid(HCLIENT h, UINT n, const mw_out *out)
{
    mw_session *s;
    DWORD err = mw_api_pop_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    const char *uid = NULL;
    err = mw_pop_uid(s, n, &uid);
    if (err != 0)
        return finish(s, err, 0);
    INT r = mw_out_put(out, uid, strlen(uid));
    mw_handle_release(s);
    return r;
}

typedef struct retr_args {
    UINT n;
    long top;
} retr_args;

static DWORD retrieve(mw_session *s, void *vargs, mw_sink *sink)
{
    retr_args *a = vargs;
    return mw_pop_retrieve(s, a->n, a->top, sink);
}

INT mw_api_pop_get(HCLIENT h, UINT n, LPVOID dest, LPDWORD length, DWORD options, long top)
{
    mw_session *s;
    if (dest == NULL || length == NULL || options != POP_MESSAGE_DEFAULT)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_pop_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    retr_args a = {n, top};
    return mw_deliver_memory(s, retrieve, &a, dest, length);
}

INT mw_api_pop_save(HCLIENT h, UINT n, const char *path, DWORD options)
{
    mw_session *s;
    if (path == NULL || *path == '\0' || options != POP_MESSAGE_DEFAULT)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_pop_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    retr_args a = {n, -1};
    return mw_deliver_file(s, retrieve, &a, path);
}

INT mw_api_pop_read(HCLIENT h, UINT n, POPREADPROC proc, DWORD_PTR param, DWORD options)
{
    mw_session *s;
    if (proc == NULL || options != POP_MESSAGE_DEFAULT)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_pop_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    retr_args a = {n, -1};
    return mw_deliver_callback(s, h, retrieve, &a, proc, param);
}

/* ---- PopListMessages -------------------------------------------------- */

typedef struct list_proc {
    HCLIENT h;
    POPMESSAGEPROC proc;
    DWORD_PTR param;
} list_proc;

static BOOL hand_message(void *vctx, DWORD n, DWORD size, const char *uid)
{
    list_proc *p = vctx;
    POPMESSAGEINFO m;
    memset(&m, 0, sizeof m);
    m.dwSize = sizeof m;
    m.nMessageId = n;
    m.dwMessageSize = size;
    if (uid != NULL)
        memcpy(m.szUid, uid, strlen(uid) + 1); /* at most POP_UID_LENGTH: checked when parsed */
    return p->proc(p->h, &m, p->param);
}

INT mw_api_pop_list(HCLIENT h, DWORD options, POPMESSAGEPROC proc, DWORD_PTR param)
{
    mw_session *s;
    if (proc == NULL || (options & ~(DWORD)(POP_LIST_SIZES | POP_LIST_UIDS)) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    if (options == POP_LIST_DEFAULT)
        options = POP_LIST_SIZES | POP_LIST_UIDS;
    DWORD err = mw_api_pop_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    list_proc p = {h, proc, param};
    DWORD count = 0;
    err = mw_pop_list_each(s, (options & POP_LIST_SIZES) != 0, (options & POP_LIST_UIDS) != 0,
                           hand_message, &p, &count);
    if (err == ST_ERROR_CANCELLED) /* the answers were read to their end */
        return mw_call_leave(s, err, 0);
    return finish(s, err, clamp_int(count));
}

/* ---- PopFetchMessages ------------------------------------------------- */

typedef struct fetch_ctx {
    HCLIENT handle;
    POPFETCHPROC proc;
    DWORD_PTR param;
    POPFETCHDATA data;
    mw_sink sink;
} fetch_ctx;

static BOOL CALLBACK fetch_chunk(HCLIENT h, LPCVOID data, DWORD len, DWORD_PTR param)
{
    fetch_ctx *f = (fetch_ctx *)param;
    f->data.lpvData = data;
    f->data.dwLength = len;
    f->data.bLastChunk = FALSE;
    BOOL go_on = f->proc(h, &f->data, f->param);
    f->data.dwOffset += len;
    return go_on;
}

static DWORD fetch_step(mw_session *s, const mw_pop_fetch_item *item, int done, mw_sink **sink_r,
                        void *ctx)
{
    fetch_ctx *f = ctx;
    (void)s;
    if (!done) {
        memset(&f->data, 0, sizeof f->data);
        f->data.dwSize = sizeof f->data;
        f->data.nMessageId = item->n;
        f->data.dwMessageSize = item->size;
        mw_sink_callback(&f->sink, f->handle, fetch_chunk, (DWORD_PTR)f);
        *sink_r = &f->sink;
        return 0;
    }
    if (f->sink.stopped)
        return ST_ERROR_CANCELLED;
    f->data.lpvData = NULL;
    f->data.dwLength = 0;
    f->data.bLastChunk = TRUE;
    return f->proc(f->handle, &f->data, f->param) ? 0 : ST_ERROR_CANCELLED;
}

INT mw_api_pop_fetch(HCLIENT h, UINT first, UINT last, POPFETCHPROC proc, DWORD_PTR param,
                     DWORD options)
{
    mw_session *s;
    if (proc == NULL || (options & ~(DWORD)POP_MESSAGE_HEADERS) != 0 || (first > last && last != 0))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_pop_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    fetch_ctx f;
    memset(&f, 0, sizeof f);
    f.handle = h;
    f.proc = proc;
    f.param = param;
    UINT count = 0;
    err = mw_pop_fetch(s, first, last, (options & POP_MESSAGE_HEADERS) != 0, fetch_step, &f, &count);
    if (err == ST_ERROR_CANCELLED) /* stopped by the callback, in step */
        return mw_call_leave(s, err, 0);
    return finish(s, err, clamp_int(count));
}

/* ---- headers ---------------------------------------------------------- */

INT mw_api_pop_header(HCLIENT h, UINT n, const char *name, int decode, const mw_out *out)
{
    mw_session *s;
    if (mw_bad_field_name(name))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_pop_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    retr_args a = {n, 0};
    return mw_deliver_header_value(s, retrieve, &a, name, decode, out);
}

/* ---- DELE, RSET, NOOP, raw commands ----------------------------------- */

typedef DWORD (*simple_op)(mw_session *s, UINT n);

static DWORD op_delete(mw_session *s, UINT n)
{
    return mw_pop_delete(s, n);
}

static DWORD op_reset(mw_session *s, UINT n)
{
    (void)n;
    return mw_pop_reset(s);
}

static DWORD op_noop(mw_session *s, UINT n)
{
    (void)n;
    return mw_pop_noop(s);
}

static INT run_simple(HCLIENT h, simple_op op, UINT n)
{
    mw_session *s;
    DWORD err = mw_api_pop_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    return finish(s, op(s, n), 0);
}

INT mw_api_pop_delete(HCLIENT h, UINT n)
{
    return run_simple(h, op_delete, n);
}

INT mw_api_pop_reset(HCLIENT h)
{
    return run_simple(h, op_reset, 0);
}

INT mw_api_pop_noop(HCLIENT h)
{
    return run_simple(h, op_noop, 0);
}

INT mw_api_pop_command(HCLIENT h, const char *text, DWORD options)
{
    mw_session *s;
    if (text == NULL || *text == '\0' || mw_has_line_breaks(text, strlen(text)) ||
        (options != POP_COMMAND_DEFAULT && options != POP_COMMAND_MULTILINE &&
         options != POP_COMMAND_SINGLELINE))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_call_enter_network(MW_PROTO_POP, h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    int code = 0;
    err = mw_pop_raw(s, text, options, &code);
    if (err == ST_ERROR_INVALID_PARAMETER)
        return mw_call_leave(s, err, 0);
    return finish(s, err, code);
}
