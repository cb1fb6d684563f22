/*
 * parse_sink.h - a sink that hands a transfer's bytes to the MIME parser.
 * A parse error is kept, not returned to the transfer: the message is read
 * to its end, so the session it comes over stays in step.
 */
#ifndef MW_MIME_PARSE_SINK_H
#define MW_MIME_PARSE_SINK_H

#include "../proto/sink.h"
#include "parser.h"

typedef struct mw_parse_sink {
    mw_sink sink;
    mw_mime_parser *parser;
    DWORD err;
} mw_parse_sink;

DWORD mw_parse_sink_open(mw_parse_sink *ps, const mw_mime_events *ev, DWORD options);
/* Ends the message (when transfer is 0) and frees the parser; the first
 * error of the transfer or the parse. */
DWORD mw_parse_sink_close(mw_parse_sink *ps, DWORD transfer);

#endif /* MW_MIME_PARSE_SINK_H */
