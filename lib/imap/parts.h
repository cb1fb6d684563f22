/*
 * parts.h - a message's MIME parts from BODYSTRUCTURE: walked depth first
 * with IMAP's part specifiers, found by specifier, and fetched decoded
 * (the server decodes with BINARY when it can, the client otherwise).
 */
#ifndef MW_IMAP_PARTS_H
#define MW_IMAP_PARTS_H

#include <mailwire/mime.h>

#include "../proto/session.h"
#include "../proto/sink.h"
#include "bodystructure.h"

/* Called for each part in walk order with its node and the specifier of
 * the nearest message/rfc822 part it is inside (NULL: none); nonzero
 * stops the walk with it. */
typedef DWORD (*mw_part_fn)(void *ctx, const MIMEPARTA *part, const mw_bs_node *node,
                            const char *message);

/* Walks the tree; *count_r gets how many parts it has. */
DWORD mw_bs_walk(const mw_bs_node *root, mw_part_fn fn, void *ctx, unsigned *count_r);

/* The part called spec ("" the whole multipart message) and the
 * specifier of the message/rfc822 part it is inside ("" when none);
 * ST_ERROR_MESSAGE_NOT_FOUND when it has none. */
typedef struct mw_found_part {
    MIMEPARTA part;
    char message[128];
    const mw_bs_node *node; /* in the tree given to mw_bs_find */
} mw_found_part;
DWORD mw_bs_find(const mw_bs_node *root, const char *spec, mw_found_part *out);

/* Whether spec can name a part: "", or numbers joined by dots, the last
 * possibly followed by ".TEXT" (a message part's body). */
int mw_part_spec_valid(const char *spec);

/* FETCHes part spec of message id into sink, decoded as options say
 * (MIME_DECODE, MIME_DECODE_UTF8). found, from mw_bs_find, is needed when
 * decoding or when spec is inside a message/rfc822 part: some servers
 * (GNU Mailutils) answer such a part with NIL or with the whole message
 * part, and it is then read from the message part, fetched whole. */
DWORD mw_imap_fetch_part(mw_session *s, UINT id, const char *spec, const mw_found_part *found,
                         DWORD options, mw_sink *sink);

#endif /* MW_IMAP_PARTS_H */
