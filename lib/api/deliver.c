/* deliver.c - giving transferred messages to the caller, both protocols. */
#include "deliver.h"

#include <limits.h>
#include <string.h>

#include "../mime/mime.h"
#include "../proto/line.h"
#include "call.h"
#include "handles.h"

static INT clamp_int(uint64_t v)
{
    return v > INT_MAX ? INT_MAX : (INT)v;
}

INT mw_deliver_finish(mw_session *s, DWORD err, INT value)
{
    if (err != 0)
        mw_call_after_failure(s, err);
    return mw_call_leave(s, err, value);
}

INT mw_deliver_memory(mw_session *s, mw_transfer_fn fn, void *args, LPVOID dest, LPDWORD length)
{
    mw_sink sink;
    int alloc = *length == 0;
    if (alloc)
        mw_sink_alloc(&sink);
    else
        mw_sink_buffer(&sink, dest, *length);
    DWORD err = fn(s, args, &sink);
    if (err == 0 && sink.total > 0xFFFFFFFFu)
        err = ST_ERROR_RESPONSE_TOO_LARGE;
    if (err == 0 && sink.overflow) {
        *length = (DWORD)sink.total; /* the size needed */
        mw_sink_free(&sink);
        /* the data was read to its end: the session is in step */
        return mw_call_leave(s, ST_ERROR_BUFFER_TOO_SMALL, 0);
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
    uint64_t total = sink.total;
    mw_sink_free(&sink);
    return mw_deliver_finish(s, err, clamp_int(total));
}

/* Finishes a streaming sink; a callback's stop is not a broken session. */
static INT finish_stream(mw_session *s, DWORD err, mw_sink *sink)
{
    DWORD ferr = mw_sink_finish(sink, err == 0 && !sink->stopped);
    if (err == 0)
        err = ferr;
    uint64_t total = sink->total;
    int stopped = sink->stopped;
    mw_sink_free(sink);
    if (err == 0 && stopped)
        return mw_call_leave(s, ST_ERROR_CANCELLED, 0);
    return mw_deliver_finish(s, err, clamp_int(total));
}

INT mw_deliver_file(mw_session *s, mw_transfer_fn fn, void *args, const char *path)
{
    mw_sink sink;
    DWORD err = mw_sink_file(&sink, path);
    if (err != 0)
        return mw_call_leave(s, err, 0);
    return finish_stream(s, fn(s, args, &sink), &sink);
}

INT mw_deliver_callback(mw_session *s, HCLIENT h, mw_transfer_fn fn, void *args, mw_read_proc proc,
                        DWORD_PTR param)
{
    mw_sink sink;
    mw_sink_callback(&sink, h, proc, param);
    return finish_stream(s, fn(s, args, &sink), &sink);
}

/* The value of field name in a header block: unfolded, trimmed and, with
 * decode, RFC 2047 words decoded to UTF-8. ST_ERROR_INVALID_PARAMETER when
 * the block has no such field. */
static DWORD header_value(const char *block, size_t len, const char *name, int decode,
                          mw_buf *value)
{
    DWORD err = 0;
    mw_buf raw;
    mw_buf_init(&raw, 0);
    int found = mw_header_find(block, len, name, &raw, &err);
    if (err == 0 && !found)
        err = ST_ERROR_INVALID_PARAMETER; /* no such field in this message */
    if (err == 0)
        err = decode ? mw_decode_words((const char *)raw.p, raw.len, value)
                     : mw_buf_append(value, raw.p, raw.len);
    mw_buf_free(&raw);
    return err;
}

INT mw_deliver_header_value(mw_session *s, mw_transfer_fn fn, void *args, const char *name,
                            int decode, const mw_out *out)
{
    mw_sink sink;
    mw_sink_alloc(&sink);
    DWORD err = fn(s, args, &sink);
    size_t len = (size_t)sink.total;
    char *block = err == 0 ? mw_sink_take_memory(&sink) : NULL;
    mw_sink_free(&sink);
    if (err == 0 && block == NULL)
        err = ST_ERROR_OUT_OF_MEMORY;
    if (err != 0)
        return mw_deliver_finish(s, err, 0);
    mw_buf value;
    mw_buf_init(&value, 0);
    err = header_value(block, len, name, decode, &value);
    INT r = err == 0 ? mw_out_put(out, value.p ? (const char *)value.p : "", value.len) : -1;
    mw_buf_free(&value);
    mw_global_free(block);
    if (err != 0)
        return mw_call_leave(s, err, 0);
    mw_handle_release(s);
    return r;
}

int mw_bad_field_name(const char *name)
{
    return name == NULL || *name == '\0' || strchr(name, ':') != NULL ||
           mw_has_line_breaks(name, strlen(name));
}

INT mw_parse_header_value(const void *block, DWORD len, const char *name, const mw_out *out)
{
    if (block == NULL || mw_bad_field_name(name))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    mw_buf value;
    mw_buf_init(&value, 0);
    DWORD err = header_value(block, len, name, 1, &value);
    INT r = err == 0 ? mw_out_put(out, value.p ? (const char *)value.p : "", value.len) : -1;
    mw_buf_free(&value);
    return err != 0 ? mw_call_leave(NULL, err, 0) : r;
}
