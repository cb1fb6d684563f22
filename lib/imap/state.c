/* state.c - the IMAP state of a session: set up and freed with it. */
#include "state.h"

#include <string.h>

#include "../sys/alloc.h"

#define IDENTITY_LIMIT 8192

void mw_name_list_free(mw_name_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        mw_free(l->names[i]);
    mw_free(l->names);
    mw_free(l->flags);
    mw_free(l->status);
    mw_free(l->has_status);
    memset(l, 0, sizeof *l);
}

static void free_state(mw_session *s)
{
    mw_imap_state *st = s->imap;
    if (st == NULL)
        return;
    mw_buf_free(&st->identity);
    mw_imap_asm_free(&st->asm_);
    mw_imap_tree_free(&st->tree);
    mw_free(st->mailbox);
    mw_name_list_free(&st->listing);
    mw_free(st);
    s->imap = NULL;
}

mw_session *mw_imap_session_new(void)
{
    mw_session *s = mw_session_new(MW_PROTO_IMAP);
    mw_imap_state *st = s != NULL ? mw_calloc(1, sizeof *st) : NULL;
    if (st == NULL) {
        mw_session_free(&s);
        return NULL;
    }
    mw_buf_init(&st->identity, IDENTITY_LIMIT);
    mw_imap_asm_init(&st->asm_);
    mw_imap_tree_init(&st->tree);
    s->imap = st;
    s->free_protocol = free_state;
    return s;
}
