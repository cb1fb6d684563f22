/*
 * tree.h - an IMAP response's data parsed once into a tree: atoms,
 * strings (quoted, or literals left as slices of the response, never
 * copied), NIL and lists, with hard limits on depth and size. Handlers
 * read it through the small typed accessors below instead of lexing the
 * text again; FETCH responses through an item iterator (fetch_items.c).
 *
 * The nodes are kept in preorder in one array: a list's children follow
 * it, and each node knows the index past its last descendant, so walking
 * siblings skips whole sublists at once. Node 0 is the root: a list of
 * the top-level values, without parentheses of its own.
 */
#ifndef MW_IMAP_TREE_H
#define MW_IMAP_TREE_H

#include <stdint.h>

#include "../proto/buf.h"
#include "resp.h"

#define MW_IMAP_TREE_DEPTH_MAX 64
#define MW_IMAP_TREE_NODES_MAX (1u << 18)

typedef enum { MW_NODE_ATOM, MW_NODE_STRING, MW_NODE_NIL, MW_NODE_LIST } mw_node_kind;

typedef struct mw_imap_node {
    uint8_t kind;    /* mw_node_kind */
    uint8_t quoted;  /* STRING: text still holds backslash escapes */
    uint8_t literal; /* STRING: sent as a literal (text is its bytes) */
    uint32_t end;    /* the index past this node and its descendants */
    mw_imap_text text; /* ATOM and STRING: the value; LIST: "(" to ")" */
} mw_imap_node;

typedef struct mw_imap_tree {
    mw_imap_node *v;
    uint32_t count;
    uint32_t cap;
    int open_lists; /* a partial parse: lists the text ended inside */
} mw_imap_tree;

void mw_imap_tree_init(mw_imap_tree *t);
void mw_imap_tree_free(mw_imap_tree *t);

/* Parses text. ST_ERROR_PROTOCOL_VIOLATION on bad syntax (an unbalanced
 * parenthesis, a broken string or literal), ST_ERROR_RESPONSE_TOO_LARGE
 * past the depth or node limits. With partial, text may end inside lists
 * (the head of a response whose literal is still coming): they are closed
 * where it ends and counted in open_lists. */
DWORD mw_imap_tree_parse(mw_imap_tree *t, mw_imap_text text, int partial);

/* The tree of r's data: the reader's, or, for a response that did not
 * come through the reader (unit tests, fuzzers), own parsed now (own is
 * initialized here; free it after). NULL with *err_r when it does not
 * parse. */
const mw_imap_tree *mw_imap_resp_tree(const mw_imap_resp *r, mw_imap_tree *own, DWORD *err_r);

/* ---- walking ---------------------------------------------------------- */

/* The first child of list l, or 0 when l is empty or not a list (0 is the
 * root, never a child). */
uint32_t mw_node_first(const mw_imap_tree *t, uint32_t l);
/* The sibling after child c of list l, or 0 after the last. */
uint32_t mw_node_next(const mw_imap_tree *t, uint32_t l, uint32_t c);
/* The i-th child (from 0) of list l, or 0 when it has fewer. */
uint32_t mw_node_child(const mw_imap_tree *t, uint32_t l, unsigned i);
/* How many children list l has. */
unsigned mw_node_count(const mw_imap_tree *t, uint32_t l);

/* ---- typed accessors ---------------------------------------------------- */

int mw_node_is_list(const mw_imap_tree *t, uint32_t i);
int mw_node_is_nil(const mw_imap_tree *t, uint32_t i);
/* A string, quoted or literal (not an atom). */
int mw_node_is_string(const mw_imap_tree *t, uint32_t i);
/* An atom equal to word, ignoring case. */
int mw_node_is_atom(const mw_imap_tree *t, uint32_t i, const char *word);
/* An atom's text, or an empty text for anything else. */
mw_imap_text mw_node_atom(const mw_imap_tree *t, uint32_t i);
/* A number atom up to max (mw_imap_number_max's rules). */
DWORD mw_node_number(const mw_imap_tree *t, uint32_t i, uint64_t max, uint64_t *v_r);
/* RFC 9051 nz-number (1 .. 2^32-1). */
DWORD mw_node_nz32(const mw_imap_tree *t, uint32_t i, DWORD *v_r);
/* Appends the value of a string or atom (escapes undone); NIL appends
 * nothing; a list is ST_ERROR_PROTOCOL_VIOLATION. */
DWORD mw_node_value(const mw_imap_tree *t, uint32_t i, mw_buf *out);
/* The node as a lexer token (for code that still takes one). */
mw_imap_token mw_node_token(const mw_imap_tree *t, uint32_t i);

#endif /* MW_IMAP_TREE_H */
