/* imap_sync.c - CONDSTORE and QRESYNC in the API: ENABLE, the changes
 * since a mod-sequence, and SELECT with QRESYNC. */
#include <limits.h>
#include <string.h>

#include "../imap/imap.h"
#include "../imap/msgset.h"
#include "../proto/sized.h"
#include "call.h"
#include "deliver.h"
#include "handles.h"
#include "imap_messages.h"

INT mw_api_imap_enable(HCLIENT h, const char *names)
{
    mw_session *s;
    if (mw_api_bad_text(names))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    return mw_deliver_finish(s, mw_imap_enable(s, names), 0);
}

/* The caller's callback, and whether it asked for no more. */
typedef struct change_proc {
    HCLIENT h;
    IMAPCHANGEPROC proc;
    DWORD_PTR param;
    int stopped;
} change_proc;

static BOOL hand_change(void *vctx, const IMAPCHANGE *ch)
{
    change_proc *p = vctx;
    if (!p->proc(p->h, ch, p->param))
        p->stopped = 1;
    return !p->stopped;
}

/* The count, or ST_ERROR_CANCELLED when the callback stopped (the rest
 * of the answer was read: the session goes on). */
static INT changes_leave(mw_session *s, DWORD err, const change_proc *p, DWORD count)
{
    if (err == 0 && p->stopped)
        return mw_call_leave(s, ST_ERROR_CANCELLED, 0);
    return mw_deliver_finish(s, err, count > INT_MAX ? INT_MAX : (INT)count);
}

#define CHANGES_OPTIONS (IMAP_MESSAGE_UID | IMAP_CHANGES_VANISHED)

INT mw_api_imap_fetch_changes(HCLIENT h, const char *set, ULONGLONG modseq, DWORD options,
                              IMAPCHANGEPROC proc, DWORD_PTR param)
{
    mw_session *s;
    if (mw_api_bad_text(set) || !mw_msgset_valid(set) || proc == NULL ||
        modseq > MW_IMAP_NUM63_MAX || (options & ~(DWORD)CHANGES_OPTIONS) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    change_proc p = {h, proc, param, 0};
    DWORD count = 0;
    err = mw_imap_fetch_changes(s, set, modseq, options, hand_change, &p, &count);
    if (mw_imap_refused_as_empty(s, err, options) && strchr(set, '*') != NULL)
        err = 0; /* "1:*" of an empty mailbox, which servers answer with BAD: nothing */
    return changes_leave(s, err, &p, count);
}

INT mw_api_imap_select_resync(HCLIENT h, const mw_imap_resync *rs, IMAPMAILBOX *out,
                              IMAPCHANGEPROC proc, DWORD_PTR param)
{
    mw_session *s;
    if (mw_api_bad_text(rs->mailbox) || proc == NULL || rs->modseq > MW_IMAP_NUM63_MAX ||
        (out != NULL && !mw_sized_ok(out, MW_IMAPMAILBOX_V1)))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    change_proc p = {h, proc, param, 0};
    DWORD count = 0;
    IMAPMAILBOX box = {0};
    err = mw_imap_select_resync(s, rs, hand_change, &p, out != NULL ? &box : NULL, &count);
    if (out != NULL && err == 0)
        mw_sized_put(out, &box, sizeof box);
    return changes_leave(s, err, &p, count);
}

INT mw_api_imap_highest_modseq(HCLIENT h, ULONGLONG *out)
{
    mw_session *s;
    if (out == NULL)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_call_enter(MW_PROTO_IMAP, h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    if (s->state != MW_STATE_SELECTED)
        return mw_call_leave(s, ST_ERROR_NO_MAILBOX_SELECTED, 0);
    *out = s->imap->highest_modseq;
    return mw_call_leave(s, 0, 0);
}

#define CONDITIONAL_STORE_OPTIONS (IMAP_MESSAGE_UID | IMAP_FLAGS_ADD | IMAP_FLAGS_REMOVE)

INT mw_api_imap_store_unchanged(HCLIENT h, const char *set, DWORD flags, DWORD options,
                                ULONGLONG since, IMAPSEARCHPROC proc, DWORD_PTR param)
{
    mw_session *s;
    if (set == NULL || !mw_msgset_valid(set) || (options & ~(DWORD)CONDITIONAL_STORE_OPTIONS) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    search_proc p = {h, proc, param};
    DWORD count = 0;
    err = mw_imap_store_unchanged(s, set, flags, options, since, mw_api_hand_match, &p, &count);
    if (err == ST_ERROR_CANCELLED)
        return mw_call_leave(s, err, 0);
    return mw_deliver_finish(s, err, count > INT_MAX ? INT_MAX : (INT)count);
}
