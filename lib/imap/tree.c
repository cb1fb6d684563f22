/* tree.c - parsing a response's data into a tree, and reading it. */
#include "tree.h"

#include <string.h>

#include <mailwire/errors.h>

#include "../sys/alloc.h"

void mw_imap_tree_init(mw_imap_tree *t)
{
    memset(t, 0, sizeof *t);
}

void mw_imap_tree_free(mw_imap_tree *t)
{
    mw_free(t->v);
    mw_imap_tree_init(t);
}

static DWORD add(mw_imap_tree *t, mw_node_kind kind, mw_imap_text text, uint32_t *index_r)
{
    if (t->count == MW_IMAP_TREE_NODES_MAX)
        return ST_ERROR_RESPONSE_TOO_LARGE;
    if (t->count == t->cap) {
        uint32_t cap = t->cap ? t->cap * 2 : 64;
        mw_imap_node *v = mw_realloc(t->v, (size_t)cap * sizeof *v);
        if (v == NULL)
            return ST_ERROR_OUT_OF_MEMORY;
        t->v = v;
        t->cap = cap;
    }
    *index_r = t->count;
    mw_imap_node *n = &t->v[t->count++];
    memset(n, 0, sizeof *n);
    n->kind = (uint8_t)kind;
    n->text = text;
    n->end = t->count;
    return 0;
}

static void close_list(mw_imap_tree *t, uint32_t l, const char *text_end)
{
    t->v[l].end = t->count;
    t->v[l].text.len = (size_t)(text_end - t->v[l].text.p);
}

static DWORD add_token(mw_imap_tree *t, const mw_imap_token *tok)
{
    uint32_t at;
    mw_node_kind kind = tok->kind == MW_TOK_NIL      ? MW_NODE_NIL
                        : tok->kind == MW_TOK_STRING ? MW_NODE_STRING
                                                     : MW_NODE_ATOM;
    DWORD err = add(t, kind, tok->raw, &at);
    if (err == 0 && kind == MW_NODE_STRING) {
        t->v[at].quoted = (uint8_t)tok->quoted;
        t->v[at].literal = !tok->quoted;
    }
    return err;
}

DWORD mw_imap_tree_parse(mw_imap_tree *t, mw_imap_text text, int partial)
{
    uint32_t open[MW_IMAP_TREE_DEPTH_MAX + 1];
    int depth = 0;
    t->count = 0;
    t->open_lists = 0;
    DWORD err = add(t, MW_NODE_LIST, text, &open[0]);
    mw_imap_lexer lx;
    mw_imap_lexer_init(&lx, text);
    while (err == 0) {
        mw_imap_token tok;
        mw_tok_kind k = mw_imap_lex(&lx, &tok);
        if (k == MW_TOK_END)
            break;
        if (k == MW_TOK_ERROR)
            return ST_ERROR_PROTOCOL_VIOLATION;
        if (k == MW_TOK_LPAREN) {
            if (depth == MW_IMAP_TREE_DEPTH_MAX)
                return ST_ERROR_RESPONSE_TOO_LARGE;
            err = add(t, MW_NODE_LIST, (mw_imap_text){lx.p - 1, 1}, &open[++depth]);
        } else if (k == MW_TOK_RPAREN) {
            if (depth == 0)
                return ST_ERROR_PROTOCOL_VIOLATION;
            close_list(t, open[depth--], lx.p);
        } else {
            err = add_token(t, &tok);
        }
    }
    if (err != 0)
        return err;
    if (depth > 0 && !partial)
        return ST_ERROR_PROTOCOL_VIOLATION;
    t->open_lists = depth;
    for (; depth >= 0; depth--)
        close_list(t, open[depth], text.p + text.len);
    return 0;
}

const mw_imap_tree *mw_imap_resp_tree(const mw_imap_resp *r, mw_imap_tree *own, DWORD *err_r)
{
    mw_imap_tree_init(own);
    *err_r = r->tree_err;
    if (r->tree != NULL || r->tree_err != 0)
        return r->tree;
    *err_r = mw_imap_tree_parse(own, r->data, 0);
    return *err_r == 0 ? own : NULL;
}

/* ---- walking ------------------------------------------------------------ */

uint32_t mw_node_first(const mw_imap_tree *t, uint32_t l)
{
    if (l >= t->count || t->v[l].kind != MW_NODE_LIST || t->v[l].end == l + 1)
        return 0;
    return l + 1;
}

uint32_t mw_node_next(const mw_imap_tree *t, uint32_t l, uint32_t c)
{
    if (c == 0 || l >= t->count || c >= t->count)
        return 0;
    uint32_t n = t->v[c].end;
    return n < t->v[l].end ? n : 0;
}

uint32_t mw_node_child(const mw_imap_tree *t, uint32_t l, unsigned i)
{
    uint32_t c = mw_node_first(t, l);
    while (c != 0 && i-- > 0)
        c = mw_node_next(t, l, c);
    return c;
}

unsigned mw_node_count(const mw_imap_tree *t, uint32_t l)
{
    unsigned n = 0;
    for (uint32_t c = mw_node_first(t, l); c != 0; c = mw_node_next(t, l, c))
        n++;
    return n;
}

/* ---- typed accessors ------------------------------------------------------ */

static int kind_is(const mw_imap_tree *t, uint32_t i, mw_node_kind kind)
{
    return i < t->count && t->v[i].kind == kind;
}

int mw_node_is_list(const mw_imap_tree *t, uint32_t i)
{
    return i != 0 && kind_is(t, i, MW_NODE_LIST);
}

int mw_node_is_nil(const mw_imap_tree *t, uint32_t i)
{
    return kind_is(t, i, MW_NODE_NIL);
}

int mw_node_is_string(const mw_imap_tree *t, uint32_t i)
{
    return kind_is(t, i, MW_NODE_STRING);
}

int mw_node_is_atom(const mw_imap_tree *t, uint32_t i, const char *word)
{
    return kind_is(t, i, MW_NODE_ATOM) && mw_imap_text_is(t->v[i].text, word);
}

mw_imap_text mw_node_atom(const mw_imap_tree *t, uint32_t i)
{
    return kind_is(t, i, MW_NODE_ATOM) ? t->v[i].text : (mw_imap_text){"", 0};
}

DWORD mw_node_number(const mw_imap_tree *t, uint32_t i, uint64_t max, uint64_t *v_r)
{
    if (!kind_is(t, i, MW_NODE_ATOM))
        return ST_ERROR_PROTOCOL_VIOLATION;
    return mw_imap_number_max(t->v[i].text, max, v_r);
}

DWORD mw_node_nz32(const mw_imap_tree *t, uint32_t i, DWORD *v_r)
{
    return kind_is(t, i, MW_NODE_ATOM) ? mw_imap_nz32(t->v[i].text, v_r) : ST_ERROR_PROTOCOL_VIOLATION;
}

mw_imap_token mw_node_token(const mw_imap_tree *t, uint32_t i)
{
    mw_imap_token tok;
    memset(&tok, 0, sizeof tok);
    if (i >= t->count)
        return tok;
    const mw_imap_node *n = &t->v[i];
    tok.kind = n->kind == MW_NODE_ATOM     ? MW_TOK_ATOM
               : n->kind == MW_NODE_STRING ? MW_TOK_STRING
               : n->kind == MW_NODE_NIL    ? MW_TOK_NIL
                                           : MW_TOK_LPAREN;
    tok.raw = n->text;
    tok.quoted = n->quoted;
    return tok;
}

DWORD mw_node_value(const mw_imap_tree *t, uint32_t i, mw_buf *out)
{
    if (i >= t->count || t->v[i].kind == MW_NODE_LIST)
        return ST_ERROR_PROTOCOL_VIOLATION;
    if (t->v[i].kind == MW_NODE_NIL)
        return 0;
    mw_imap_token tok = mw_node_token(t, i);
    return mw_imap_token_value(&tok, out);
}
