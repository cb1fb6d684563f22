/* pop_messages.c - the POP3 maildrop operations of the API (section 7). */
#include <limits.h>
#include <string.h>

#include "../mime/mime.h"
#include "../pop3/pop3.h"
#include "../proto/line.h"
#include "../proto/sink.h"
#include "../sys/alloc.h"
#include "call.h"
#include "handles.h"
#include "client.h"
#include "pop_messages.h"

/* A call on an authenticated POP3 session. */
static DWORD enter_maildrop(HCLIENT h, mw_session **s_r)
{
    DWORD err = mw_call_enter_network(MW_PROTO_POP, h, s_r);
    if (err == 0 && (*s_r)->state < MW_STATE_AUTHENTICATED) {
        mw_handle_release(*s_r);
        return ST_ERROR_NOT_AUTHENTICATED;
    }
    return err;
}

/* Ends a call that talked to the server. */
static INT finish(mw_session *s, DWORD err, INT value)
{
    if (err != 0)
        mw_call_after_failure(s, err);
    return mw_call_leave(s, err, value);
}

static INT clamp_int(uint64_t v)
{
    return v > INT_MAX ? INT_MAX : (INT)v;
}

INT mw_api_pop_stat(HCLIENT h, LPDWORD bytes)
{
    mw_session *s;
    DWORD err = enter_maildrop(h, &s);
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
    DWORD err = enter_maildrop(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    err = mw_pop_size(s, n, size);
    return finish(s, err, err == 0 ? clamp_int(*size) : 0);
}

INT mw_api_pop_uid(HCLIENT h, UINT n, const mw_out *out)
{
    mw_session *s;
    DWORD err = enter_maildrop(h, &s);
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

/* Retrieves into a sink and finishes the call. */
static INT transfer(mw_session *s, UINT n, long top, mw_sink *sink)
{
    DWORD err = mw_pop_retrieve(s, n, top, sink);
    DWORD ferr = mw_sink_finish(sink, err == 0 && !sink->stopped);
    if (err == 0)
        err = ferr;
    if (err == 0 && sink->stopped) /* the callback said stop; the rest was drained */
        return mw_call_leave(s, ST_ERROR_CANCELLED, 0);
    if (err == 0 && sink->total > 0xFFFFFFFFu)
        err = ST_ERROR_RESPONSE_TOO_LARGE;
    return finish(s, err, clamp_int(sink->total));
}

INT mw_api_pop_get(HCLIENT h, UINT n, LPVOID dest, LPDWORD length, DWORD options, long top)
{
    mw_session *s;
    if (dest == NULL || length == NULL || options != POP_MESSAGE_DEFAULT)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = enter_maildrop(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    mw_sink sink;
    int alloc = *length == 0;
    if (alloc)
        mw_sink_alloc(&sink);
    else
        mw_sink_buffer(&sink, dest, *length);
    err = mw_pop_retrieve(s, n, top, &sink);
    if (err == 0 && sink.total > 0xFFFFFFFFu)
        err = ST_ERROR_RESPONSE_TOO_LARGE;
    if (err == 0 && sink.overflow) {
        *length = (DWORD)sink.total; /* the size needed */
        err = ST_ERROR_BUFFER_TOO_SMALL;
    }
    if (err == 0 && alloc) {
        void *mem = mw_sink_take_memory(&sink);
        if (mem == NULL)
            err = ST_ERROR_OUT_OF_MEMORY;
        else
            *(HGLOBAL *)dest = mem;
    } else if (err == 0 && sink.total < *length) {
        ((unsigned char *)dest)[sink.total] = '\0'; /* a courtesy when there is room */
    }
    if (err == 0)
        *length = (DWORD)sink.total;
    mw_sink_free(&sink);
    /* A buffer that was too small leaves the session in step. */
    if (err == ST_ERROR_BUFFER_TOO_SMALL)
        return mw_call_leave(s, err, 0);
    return finish(s, err, clamp_int(sink.total));
}

INT mw_api_pop_save(HCLIENT h, UINT n, const char *path, DWORD options)
{
    mw_session *s;
    if (path == NULL || *path == '\0' || options != POP_MESSAGE_DEFAULT)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = enter_maildrop(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    mw_sink sink;
    err = mw_sink_file(&sink, path);
    if (err != 0)
        return mw_call_leave(s, err, 0);
    INT r = transfer(s, n, -1, &sink);
    mw_sink_free(&sink);
    return r;
}

INT mw_api_pop_read(HCLIENT h, UINT n, POPREADPROC proc, DWORD_PTR param, DWORD options)
{
    mw_session *s;
    if (proc == NULL || options != POP_MESSAGE_DEFAULT)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = enter_maildrop(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    mw_sink sink;
    mw_sink_callback(&sink, h, proc, param);
    INT r = transfer(s, n, -1, &sink);
    mw_sink_free(&sink);
    return r;
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
    if (proc == NULL || options != POP_MESSAGE_DEFAULT || (first > last && last != 0))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = enter_maildrop(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    fetch_ctx f;
    memset(&f, 0, sizeof f);
    f.handle = h;
    f.proc = proc;
    f.param = param;
    UINT count = 0;
    err = mw_pop_fetch(s, first, last, fetch_step, &f, &count);
    if (err == ST_ERROR_CANCELLED) /* stopped by the callback, in step */
        return mw_call_leave(s, err, 0);
    return finish(s, err, clamp_int(count));
}

/* ---- headers ---------------------------------------------------------- */

/* TOP n 0 into memory; the caller frees *text_r with mw_global_free. */
static DWORD header_block(mw_session *s, UINT n, char **text_r, size_t *len_r)
{
    mw_sink sink;
    mw_sink_alloc(&sink);
    DWORD err = mw_pop_retrieve(s, n, 0, &sink);
    *len_r = (size_t)sink.total;
    *text_r = err == 0 ? mw_sink_take_memory(&sink) : NULL;
    if (err == 0 && *text_r == NULL)
        err = ST_ERROR_OUT_OF_MEMORY;
    mw_sink_free(&sink);
    return err;
}

INT mw_api_pop_header(HCLIENT h, UINT n, const char *name, int decode, const mw_out *out)
{
    mw_session *s;
    if (name == NULL || *name == '\0' || mw_has_line_breaks(name, strlen(name)) ||
        strchr(name, ':') != NULL)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = enter_maildrop(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    char *block = NULL;
    size_t len = 0;
    err = header_block(s, n, &block, &len);
    if (err != 0)
        return finish(s, err, 0);
    mw_buf raw, decoded;
    mw_buf_init(&raw, 0);
    mw_buf_init(&decoded, 0);
    int found = mw_header_find(block, len, name, &raw, &err);
    if (err == 0 && !found)
        err = ST_ERROR_INVALID_PARAMETER; /* no such field in this message */
    if (err == 0)
        err = decode ? mw_decode_words((const char *)raw.p, raw.len, &decoded)
                     : mw_buf_append(&decoded, raw.p, raw.len);
    INT r = -1;
    if (err == 0)
        r = mw_out_put(out, decoded.p != NULL ? (const char *)decoded.p : "", decoded.len);
    mw_buf_free(&raw);
    mw_buf_free(&decoded);
    mw_global_free(block);
    if (err != 0)
        return mw_call_leave(s, err, 0);
    mw_handle_release(s);
    return r;
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
    DWORD err = enter_maildrop(h, &s);
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

INT mw_api_pop_command(HCLIENT h, const char *text)
{
    mw_session *s;
    if (text == NULL || *text == '\0' || mw_has_line_breaks(text, strlen(text)))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_call_enter_network(MW_PROTO_POP, h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    int code = 0;
    err = mw_pop_raw(s, text, &code);
    if (err == ST_ERROR_INVALID_PARAMETER)
        return mw_call_leave(s, err, 0);
    return finish(s, err, code);
}
