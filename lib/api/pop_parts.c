/*
 * pop_parts.c - MIME parts of a POP3 message: RETR streamed through the
 * MIME parser, so the message is never held whole, whatever its size.
 */
#include "../mime/attach.h"
#include "../mime/parser.h"
#include "../pop3/pop3.h"
#include "call.h"
#include "deliver.h"
#include "imap_messages.h"
#include "parts.h"
#include "pop_messages.h"

/* RETR n through a parser with these events. */
static INT parse_message(HCLIENT h, UINT n, const mw_mime_events *ev, DWORD options,
                         void (*on_error)(void *ctx), void *ctx)
{
    mw_session *s;
    DWORD err = mw_api_pop_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    mw_parse_sink ps;
    err = mw_parse_sink_open(&ps, ev, options);
    if (err != 0) {
        mw_parse_sink_close(&ps, err);
        return mw_call_leave(s, err, 0);
    }
    DWORD transfer = mw_pop_retrieve(s, n, -1, &ps.sink);
    unsigned parts = ps.parser != NULL ? mw_mime_parser_parts(ps.parser) : 0;
    err = mw_parse_sink_close(&ps, transfer);
    if (err != 0 && on_error != NULL)
        on_error(ctx);
    if (transfer != 0) /* the session's own failure: it may be out of step */
        return mw_deliver_finish(s, transfer, 0);
    return mw_call_leave(s, err, (INT)parts);
}

static DWORD store_end(void *ctx, const MIMEPARTA *p)
{
    mw_part_store_put(ctx, p);
    return 0;
}

INT mw_api_pop_enum_parts(HCLIENT h, UINT n, const mw_part_store *st, DWORD options)
{
    if (mw_part_store_bad(st) || options != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    mw_mime_events ev = {NULL, NULL, store_end, (void *)st};
    return parse_message(h, n, &ev, 0, NULL, NULL);
}

static void abandon(void *ctx)
{
    mw_attach_abandon(ctx);
}

INT mw_api_pop_save_attachments(HCLIENT h, UINT n, const char *folder, DWORD options)
{
    if (mw_api_bad_text(folder) || (options & ~(DWORD)MW_PART_DECODE_OPTIONS) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    mw_attach_saver a;
    mw_mime_events ev;
    mw_attach_events(&a, folder, &ev);
    INT r = parse_message(h, n, &ev, options | MIME_DECODE, abandon, &a);
    return r < 0 ? r : (INT)a.saved;
}
