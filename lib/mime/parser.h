/*
 * parser.h - a push parser for one MIME message: fed its bytes in pieces
 * of any size, it reports each part's beginning (header read), body bytes
 * (decoded as asked) and end, never holding more than one header block
 * and one line's start. It reads what real mail does: LF-only line ends,
 * missing final boundaries, boundaries of an outer multipart closing
 * inner ones, parts without a blank line, nested multiparts and
 * message/rfc822, 8-bit headers.
 */
#ifndef MW_MIME_PARSER_H
#define MW_MIME_PARSER_H

#include <stddef.h>

#include <mailwire/mime.h>

typedef struct mw_mime_events {
    DWORD (*begin)(void *ctx, const MIMEPARTA *part);
    DWORD (*data)(void *ctx, const MIMEPARTA *part, const void *p, size_t n);
    DWORD (*end)(void *ctx, const MIMEPARTA *part);
    void *ctx;
} mw_mime_events;

typedef struct mw_mime_parser mw_mime_parser;

/* options: MIME_DECODE, MIME_DECODE_UTF8. Any event may be NULL. */
DWORD mw_mime_parser_new(const mw_mime_events *ev, DWORD options, mw_mime_parser **p_r);
/* An event's failure, or ST_ERROR_MESSAGE_TOO_COMPLEX past a limit, ends
 * the parse: later calls return the same error. */
DWORD mw_mime_parser_feed(mw_mime_parser *p, const void *data, size_t len);
/* The end of the message: open parts end. */
DWORD mw_mime_parser_finish(mw_mime_parser *p);
/* During a begin event: the part's header block as it came (its line
 * ends included, without the blank line that ends it). */
const void *mw_mime_parser_header(const mw_mime_parser *p, size_t *len_r);
/* Parts begun so far. */
unsigned mw_mime_parser_parts(const mw_mime_parser *p);
void mw_mime_parser_free(mw_mime_parser **p);

#endif /* MW_MIME_PARSER_H */
