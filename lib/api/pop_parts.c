/*
 * pop_parts.c - MIME parts of a POP3 message: RETR streamed through the
 * MIME parser, so the message is never held whole, whatever its size.
 */
#include <string.h>

#include "../mime/attach.h"
#include "../mime/parse_sink.h"
#include "../pop3/pop3.h"
#include "call.h"
#include "deliver.h"
#include "imap_messages.h"
#include "parts.h"
#include "pop_messages.h"

/* RETR n through a parser with these events, on an entered session. A
 * parse that fails still reads the message to its end: *transfer_r is the
 * session's own failure (which may leave it out of step), the result the
 * first of the two. */
static DWORD retr_parsed(mw_session *s, UINT n, const mw_mime_events *ev, DWORD options,
                         unsigned *parts_r, DWORD *transfer_r)
{
    mw_parse_sink ps;
    *parts_r = 0;
    *transfer_r = 0;
    DWORD err = mw_parse_sink_open(&ps, ev, options);
    if (err != 0)
        return mw_parse_sink_close(&ps, err);
    *transfer_r = mw_pop_retrieve(s, n, -1, &ps.sink);
    *parts_r = mw_mime_parser_parts(ps.parser);
    return mw_parse_sink_close(&ps, *transfer_r);
}

/* How a call that parsed a message ends. */
static INT parsed_leave(mw_session *s, DWORD err, DWORD transfer, INT value)
{
    if (transfer != 0)
        return mw_deliver_finish(s, transfer, 0);
    return mw_call_leave(s, err, value);
}

static DWORD store_end(void *ctx, const MIMEPARTA *p)
{
    mw_part_store_put(ctx, p);
    return 0;
}

INT mw_api_pop_enum_parts(HCLIENT h, UINT n, const mw_part_store *st, DWORD options)
{
    mw_session *s;
    if (mw_part_store_bad(st) || options != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_pop_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    mw_mime_events ev = {NULL, NULL, store_end, (void *)st};
    unsigned parts;
    DWORD transfer;
    err = retr_parsed(s, n, &ev, 0, &parts, &transfer);
    return parsed_leave(s, err, transfer, (INT)parts);
}

INT mw_api_pop_save_attachments(HCLIENT h, UINT n, const char *folder, DWORD options)
{
    mw_session *s;
    if (mw_api_bad_text(folder) || (options & ~(DWORD)MW_PART_DECODE_OPTIONS) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_pop_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    mw_attach_saver a;
    mw_mime_events ev;
    mw_attach_events(&a, folder, &ev);
    unsigned parts;
    DWORD transfer;
    err = retr_parsed(s, n, &ev, options | MIME_DECODE, &parts, &transfer);
    if (err != 0)
        mw_attach_abandon(&a); /* the file being written when it failed */
    return parsed_leave(s, err, transfer, (INT)a.saved);
}

/* ---- one part ------------------------------------------------------------------------ */

typedef struct pick {
    const char *spec;
    mw_sink *sink;
    int found;
} pick;

static DWORD pick_begin(void *ctx, const MIMEPARTA *p)
{
    pick *k = ctx;
    k->found |= strcmp(p->szPart, k->spec) == 0;
    return 0;
}

static DWORD pick_data(void *ctx, const MIMEPARTA *p, const void *d, size_t n)
{
    pick *k = ctx;
    return strcmp(p->szPart, k->spec) == 0 ? mw_sink_write(k->sink, d, n) : 0;
}

INT mw_api_pop_part(HCLIENT h, UINT n, const char *spec, DWORD options, const char *path,
                    POPREADPROC proc, DWORD_PTR param)
{
    mw_session *s;
    if (spec == NULL || strlen(spec) >= sizeof ((MIMEPARTA *)0)->szPart ||
        (path == NULL) == (proc == NULL) || (path != NULL && mw_api_bad_text(path)) ||
        (options & ~(DWORD)MW_PART_DECODE_OPTIONS) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_pop_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    mw_sink sink;
    if (path != NULL && (err = mw_sink_file(&sink, path)) != 0)
        return mw_call_leave(s, err, 0);
    if (proc != NULL)
        mw_sink_callback(&sink, h, proc, param);
    pick k = {spec, &sink, 0};
    mw_mime_events ev = {pick_begin, pick_data, NULL, &k};
    unsigned parts;
    DWORD transfer;
    err = retr_parsed(s, n, &ev, options, &parts, &transfer);
    if (err == 0 && !k.found)
        err = ST_ERROR_MESSAGE_NOT_FOUND; /* no such part */
    if (err == 0 && sink.stopped)
        err = ST_ERROR_CANCELLED;
    DWORD ferr = mw_sink_finish(&sink, err == 0);
    uint64_t total = sink.total;
    mw_sink_free(&sink);
    if (err == 0)
        err = ferr;
    return parsed_leave(s, err, transfer, total > 0x7FFFFFFF ? 0x7FFFFFFF : (INT)total);
}
