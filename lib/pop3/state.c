/* state.c - the POP3 state of a session: set up and freed with it. */
#include "state.h"

#include "../sys/alloc.h"

void mw_pop_forget_maildrop(mw_session *s)
{
    mw_pop_state *st = s->pop;
    for (DWORD i = 0; st->uids != NULL && i < st->listed; i++)
        mw_free(st->uids[i]);
    mw_free(st->uids);
    mw_free(st->sizes);
    mw_free(st->deleted);
    st->uids = NULL;
    st->sizes = NULL;
    st->deleted = NULL;
    st->listed = 0;
    st->stat_known = 0;
}

static void free_state(mw_session *s)
{
    if (s->pop == NULL)
        return;
    mw_pop_forget_maildrop(s);
    mw_free(s->pop);
    s->pop = NULL;
}

mw_session *mw_pop_session_new(void)
{
    mw_session *s = mw_session_new(MW_PROTO_POP);
    mw_pop_state *st = s != NULL ? mw_calloc(1, sizeof *st) : NULL;
    if (st == NULL) {
        mw_session_free(&s);
        return NULL;
    }
    s->pop = st;
    s->free_protocol = free_state;
    return s;
}
