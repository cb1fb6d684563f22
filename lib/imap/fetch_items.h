/*
 * fetch_items.h - FETCH responses item by item (fetch_items.c): the
 * iterator over a parsed response's items, and the head of a response
 * whose body literal is about to stream.
 */
#ifndef MW_IMAP_FETCH_ITEMS_H
#define MW_IMAP_FETCH_ITEMS_H

#include "resp.h"
#include "tree.h"

/* The list of a FETCH's items in its tree ("(...)", or the inner list of
 * Domino's "((...))"); 0 when the data is no list. */
uint32_t mw_imap_fetch_list(const mw_imap_tree *t);

/* Called with each item's name and the index of its value. */
typedef DWORD (*mw_fetch_item_fn)(void *ctx, const mw_imap_tree *t, mw_imap_text name, uint32_t value);
/* Walks the items in order; a name that is no atom, or one without a
 * value, is ST_ERROR_PROTOCOL_VIOLATION; more than 256 items
 * ST_ERROR_RESPONSE_TOO_LARGE; fn's error stops the walk. */
DWORD mw_imap_fetch_items(const mw_imap_tree *t, mw_fetch_item_fn fn, void *ctx);

/* Is name the body item asked for ("BODY[1.MIME]<0>", "RFC822.HEADER",
 * "BINARY[2]"...; any body item when want is NULL)? */
int mw_imap_is_body_item(mw_imap_text name, const char *want);

/* What the head of a FETCH says when a literal is announced: "* 12 FETCH
 * (UID 7 BODY[] {n}" -> seq 12, uid 7 (0 when not said yet, or out of
 * range), item "BODY[]" (its origin "<0>" kept). */
typedef struct mw_imap_fetch_head_info {
    UINT seq;
    DWORD uid;
    mw_imap_text item;
} mw_imap_fetch_head_info;
/* Parses text (the response so far, ending in "{n}") into t.
 * ST_ERROR_PROTOCOL_VIOLATION when it is no FETCH or the literal is no
 * item's value. */
DWORD mw_imap_fetch_head(mw_imap_tree *t, const char *text, size_t len, mw_imap_fetch_head_info *h);

#endif /* MW_IMAP_FETCH_ITEMS_H */
