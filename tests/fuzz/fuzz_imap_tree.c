/*
 * fuzz_imap_tree.c - the response tree and the readers on it: the input
 * is parsed as a tree, whole and as a partial head, and the tree checked
 * (every node inside its parent, every text inside the input); then, read
 * as one response, its data goes through the FETCH, LIST, STATUS,
 * BODYSTRUCTURE and FETCH-head readers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "imap/bodystructure.h"
#include "imap/fetch_items.h"
#include "imap/imap.h"
#include "imap/tree.h"

static void check_tree(const mw_imap_tree *t, const char *base, size_t size)
{
    if (t->count == 0 || t->v[0].end != t->count)
        abort();
    for (uint32_t i = 0; i < t->count; i++) {
        const mw_imap_node *n = &t->v[i];
        if (n->end <= i || n->end > t->count)
            abort();
        if (n->text.len > 0 && (n->text.p < base || n->text.p + n->text.len > base + size))
            abort();
        uint32_t count = 0;
        for (uint32_t c = mw_node_first(t, i); c != 0; c = mw_node_next(t, i, c)) {
            if (c <= i || t->v[c].end > n->end)
                abort();
            count++;
        }
        if (count != mw_node_count(t, i) || (count > 0 && n->kind != MW_NODE_LIST))
            abort();
    }
}

static DWORD any_item(void *ctx, const mw_imap_tree *t, mw_imap_text name, uint32_t v)
{
    (void)ctx;
    if (mw_imap_text_is(name, "BODYSTRUCTURE") || mw_imap_text_is(name, "BODY")) {
        mw_bs_node *root = NULL;
        if (mw_bs_parse(t, v, &root) == 0 && root == NULL)
            abort();
        mw_bs_free(&root);
    }
    mw_buf value;
    mw_buf_init(&value, 1 << 20);
    (void)mw_node_value(t, v, &value);
    mw_buf_free(&value);
    return 0;
}

static void read_as_response(mw_session *s, const char *text, size_t size)
{
    mw_imap_resp r;
    if (mw_imap_resp_parse(text, size, &r) != 0)
        return;
    r.tree_err = mw_imap_tree_parse(&s->imap->tree, r.data, 0);
    r.tree = r.tree_err == 0 ? &s->imap->tree : NULL;
    mw_imap_fetch_info info;
    (void)mw_imap_parse_fetch(&r, NULL, &info);
    (void)mw_imap_parse_fetch(&r, "", &info);
    if (r.tree != NULL)
        (void)mw_imap_fetch_items(r.tree, any_item, NULL);
    mw_imap_mailbox_entry e;
    IMAPMAILBOXSTATUS st;
    mw_buf name;
    mw_buf_init(&name, 1 << 20);
    (void)mw_imap_parse_list(s, &r, &e, &name);
    (void)mw_imap_parse_status(s, &r, &name, &st);
    mw_buf_free(&name);
    mw_imap_fetch_head_info h;
    if (mw_imap_fetch_head(&s->imap->tree, text, size, &h) == 0 &&
        (h.item.p < text || h.item.p + h.item.len > text + size))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mw_session *s;
    if (s == NULL && (s = mw_imap_session_new()) == NULL)
        abort();
    const char *text = (const char *)data;
    mw_imap_tree t;
    mw_imap_tree_init(&t);
    for (int partial = 0; partial <= 1; partial++)
        if (mw_imap_tree_parse(&t, (mw_imap_text){text, size}, partial) == 0)
            check_tree(&t, text, size);
    mw_imap_tree_free(&t);
    s->imap->utf8 = size > 0 && (data[0] & 1); /* names as UTF-8 or modified UTF-7 */
    read_as_response(s, text, size);
    return 0;
}
