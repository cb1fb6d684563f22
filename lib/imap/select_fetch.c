/*
 * select_fetch.c - SELECT (or EXAMINE) and FETCH sent back to back, so
 * opening a mailbox and reading its first messages costs one round trip
 * instead of two.
 *
 * Sending the FETCH before the SELECT is answered is safe: a server
 * completes them in order, and a SELECT that fails leaves no mailbox
 * selected (RFC 3501 6.3.1), so the FETCH is refused rather than run
 * against the mailbox selected before.
 */
#include "imap.h"

/* A mailbox name that needs a synchronizing literal waits for "+", so it
 * cannot be pipelined: the FETCH follows the SELECT's answer. */
static DWORD one_after_other(mw_session *s, mw_imap_cmd *select, const char *mailbox,
                             IMAPMAILBOX *out, const mw_imap_many_args *a, UINT *count_r)
{
    DWORD err = mw_imap_run(s, select, NULL, NULL);
    mw_imap_cmd_free(select);
    err = mw_imap_select_end(s, err, mailbox, out);
    return err != 0 ? err : mw_imap_fetch_many(s, a, count_r);
}

DWORD mw_imap_select_fetch(mw_session *s, const char *mailbox, int read_only, IMAPMAILBOX *out,
                           const mw_imap_many_args *a, UINT *count_r)
{
    mw_imap_cmd select, fetch;
    mw_imap_many m;
    *count_r = 0;
    DWORD err = mw_imap_select_begin(s, mailbox, read_only, &select);
    if (err == 0 && select.nsplits > 0)
        return one_after_other(s, &select, mailbox, out, a, count_r);
    DWORD fetch_err = mw_imap_many_begin(s, &m, a, &fetch);
    if (err == 0)
        err = fetch_err;
    mw_imap_step steps[2] = {{&select, NULL, NULL, NULL, 0},
                             {&fetch, &m.hooks, mw_imap_many_untagged, &m, 0}};
    if (err == 0)
        err = mw_imap_pipeline(s, steps, 2);
    mw_imap_cmd_free(&select);
    mw_imap_cmd_free(&fetch);
    if (err == 0)
        err = mw_imap_select_end(s, steps[0].result, mailbox, out);
    else
        (void)mw_imap_select_end(s, err, mailbox, NULL); /* nothing is selected */
    DWORD fetched = steps[1].result;
    if (err == 0 && fetched == 0)
        fetched = mw_imap_many_rest(s, &m, a); /* a long set's other chunks */
    fetched = mw_imap_many_end(s, &m, a, fetched, count_r); /* frees m in any case */
    return err != 0 ? err : fetched;
}
