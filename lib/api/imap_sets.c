/* imap_sets.c - the message-set operations of the API: STORE, COPY, MOVE
 * and UID EXPUNGE of many messages in one call, and the set builder. */
#include <limits.h>
#include <string.h>

#include "../imap/imap.h"
#include "../imap/msgset.h"
#include "../sys/alloc.h"
#include "call.h"
#include "deliver.h"
#include "handles.h"
#include "imap_messages.h"

INT mw_api_imap_make_set(const DWORD *ids, INT count, const mw_out *out)
{
    if (count < 0 || (count > 0 && ids == NULL))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    size_t need = mw_msgset_from_numbers(ids, (size_t)count, NULL, 0);
    char *text = need > 0 ? mw_malloc(need) : NULL;
    if (text == NULL)
        return mw_call_leave(NULL, ST_ERROR_OUT_OF_MEMORY, 0);
    mw_msgset_from_numbers(ids, (size_t)count, text, need);
    INT r = mw_out_put(out, text, need - 1);
    mw_free(text);
    return r;
}

/* A set the library can send: checked before anything goes out. */
static int bad_set(const char *set)
{
    return set == NULL || !mw_msgset_valid(set);
}

#define STORE_OPTIONS (IMAP_MESSAGE_UID | IMAP_FLAGS_ADD | IMAP_FLAGS_REMOVE)

INT mw_api_imap_store_set(HCLIENT h, const char *set, DWORD flags, const char *keywords,
                          DWORD options)
{
    mw_session *s;
    if (bad_set(set) || (options & ~(DWORD)STORE_OPTIONS) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    err = mw_imap_store_set(s, set, flags, keywords, options);
    return mw_deliver_finish(s, err, 0);
}

/* The caller's COPYUID callback, and how many pairs it took. */
typedef struct copy_proc {
    HCLIENT h;
    IMAPCOPYPROC proc;
    DWORD_PTR param;
    DWORD pairs;
} copy_proc;

static BOOL hand_pair(void *vctx, DWORD uidvalidity, DWORD from, DWORD to)
{
    copy_proc *p = vctx;
    p->pairs++;
    return p->proc(p->h, uidvalidity, from, to, p->param);
}

INT mw_api_imap_copy_set(HCLIENT h, const char *set, const char *mailbox, DWORD options,
                         IMAPCOPYPROC proc, DWORD_PTR param, int move)
{
    mw_session *s;
    if (bad_set(set) || mw_api_bad_text(mailbox) || (options & ~(DWORD)IMAP_MESSAGE_UID) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    copy_proc p = {h, proc, param, 0};
    mw_imap_copy_fn fn = proc != NULL ? hand_pair : NULL;
    err = move ? mw_imap_move_set(s, set, mailbox, options, fn, &p)
               : mw_imap_copy_set(s, set, mailbox, options, fn, &p);
    if (err == ST_ERROR_CANCELLED) /* the messages went all the same */
        return mw_call_leave(s, err, 0);
    return mw_deliver_finish(s, err, p.pairs > INT_MAX ? INT_MAX : (INT)p.pairs);
}

INT mw_api_imap_expunge_set(HCLIENT h, const char *uidset)
{
    mw_session *s;
    if (bad_set(uidset))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    err = s->state != MW_STATE_SELECTED ? ST_ERROR_NO_MAILBOX_SELECTED : mw_imap_expunge_set(s, uidset);
    return mw_deliver_finish(s, err, 0);
}

/* The matches of a search as a set: ranges as they come, each merged
 * with the one before where they touch (servers answer in order). */
typedef struct set_text {
    mw_buf text;
    DWORD lo, hi; /* the range being built; lo 0: none yet */
    DWORD err;
} set_text;

static void flush_range(set_text *t)
{
    if (t->lo == 0 || t->err != 0)
        return;
    DWORD err = t->text.len > 0 ? mw_buf_append(&t->text, ",", 1) : 0;
    if (err == 0)
        err = t->lo == t->hi ? mw_buf_printf(&t->text, "%lu", (unsigned long)t->lo)
                             : mw_buf_printf(&t->text, "%lu:%lu", (unsigned long)t->lo, (unsigned long)t->hi);
    t->err = err;
}

static BOOL add_match(void *vctx, DWORD first, DWORD last)
{
    set_text *t = vctx;
    if (t->lo != 0 && t->hi != 0xFFFFFFFFu && first == t->hi + 1) {
        t->hi = last;
        return TRUE;
    }
    flush_range(t);
    t->lo = first;
    t->hi = last;
    return t->err == 0;
}

INT mw_api_imap_search_set(HCLIENT h, const char *criteria, const char *charset, DWORD options,
                           const mw_out *out, LPDWORD matches)
{
    set_text t;
    memset(&t, 0, sizeof t);
    mw_buf_init(&t.text, 0);
    INT count = mw_api_imap_search_with(h, NULL, criteria, charset, options, add_match, &t);
    flush_range(&t);
    INT r = count;
    if (t.err != 0)
        r = mw_call_leave(NULL, t.err, 0); /* memory ran out while the set grew */
    else if (count >= 0)
        r = mw_out_put(out, t.text.p != NULL ? (const char *)t.text.p : "", t.text.len);
    if (r >= 0 && matches != NULL)
        *matches = (DWORD)count;
    mw_buf_free(&t.text);
    return r;
}
