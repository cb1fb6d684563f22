/* parse_sink.c - the MIME parser as a sink (see parse_sink.h). */
#include "parse_sink.h"

static DWORD to_parser(void *ctx, const void *data, size_t len)
{
    mw_parse_sink *ps = ctx;
    if (ps->err == 0)
        ps->err = mw_mime_parser_feed(ps->parser, data, len);
    return 0; /* the rest is read and dropped: the session stays in step */
}

DWORD mw_parse_sink_open(mw_parse_sink *ps, const mw_mime_events *ev, DWORD options)
{
    ps->err = 0;
    mw_sink_filter(&ps->sink, to_parser, ps);
    return mw_mime_parser_new(ev, options, &ps->parser);
}

DWORD mw_parse_sink_close(mw_parse_sink *ps, DWORD transfer)
{
    DWORD err = transfer != 0 ? transfer : ps->err;
    if (err == 0)
        err = mw_mime_parser_finish(ps->parser);
    mw_mime_parser_free(&ps->parser);
    return err;
}
