/* imap_messages.c - the IMAP mailbox and message operations of the API
 * (sections 5, 6 and 8). */
#include <limits.h>
#include <string.h>

#include "../imap/imap.h"
#include "../proto/line.h"
#include "../proto/sink.h"
#include "../proto/sized.h"
#include "../sys/alloc.h"
#include "call.h"
#include "client.h"
#include "deliver.h"
#include "handles.h"
#include "imap_messages.h"

/* A call that needs a logged-in session. */
DWORD mw_api_imap_enter(HCLIENT h, mw_session **s_r)
{
    DWORD err = mw_call_enter_network(MW_PROTO_IMAP, h, s_r);
    if (err == 0 && (*s_r)->state < MW_STATE_AUTHENTICATED) {
        mw_handle_release(*s_r);
        return ST_ERROR_NOT_AUTHENTICATED;
    }
    return err;
}

int mw_api_bad_text(const char *t)
{
    return t == NULL || *t == '\0' || mw_has_line_breaks(t, strlen(t));
}

/* Runs op on an authenticated session and finishes the call. */
#define RUN_AUTHENTICATED(h, expr)                          \
    do {                                                    \
        mw_session *s;                                      \
        DWORD err_ = mw_api_imap_enter(h, &s);            \
        if (err_ != 0)                                      \
            return mw_call_leave(NULL, err_, 0);            \
        return mw_deliver_finish(s, (expr), 0);             \
    } while (0)

/* ---- mailboxes ---------------------------------------------------------- */

/* A structure the caller hands in to be filled: NULL where allowed, else
 * at least the first version's size. */
static int bad_sized(const void *out, size_t min, int may_be_null)
{
    return out == NULL ? !may_be_null : !mw_sized_ok(out, min);
}

INT mw_api_imap_select(HCLIENT h, const char *name, IMAPMAILBOX *out, int read_only)
{
    mw_session *s;
    if (mw_api_bad_text(name) || bad_sized(out, MW_IMAPMAILBOX_V1, 1))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    IMAPMAILBOX box = {0};
    err = mw_imap_select(s, name, read_only, out != NULL ? &box : NULL);
    if (out != NULL)
        mw_sized_put(out, &box, sizeof box);
    return mw_deliver_finish(s, err, 0);
}

INT mw_api_imap_unselect(HCLIENT h)
{
    RUN_AUTHENTICATED(h, mw_imap_unselect(s));
}

INT mw_api_imap_close(HCLIENT h)
{
    RUN_AUTHENTICATED(h, mw_imap_close(s));
}

INT mw_api_imap_check(HCLIENT h)
{
    RUN_AUTHENTICATED(h, s->state == MW_STATE_SELECTED ? mw_imap_simple(s, "NOOP")
                                                       : ST_ERROR_NO_MAILBOX_SELECTED);
}

INT mw_api_imap_expunge(HCLIENT h)
{
    RUN_AUTHENTICATED(h, mw_imap_expunge(s));
}

INT mw_api_imap_mailbox_op(HCLIENT h, const char *verb, const char *name, const char *name2)
{
    if (mw_api_bad_text(name) || (strcmp(verb, "RENAME") == 0 && mw_api_bad_text(name2)))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    RUN_AUTHENTICATED(h, mw_imap_mailbox_op(s, verb, name, name2));
}

INT mw_api_imap_status(HCLIENT h, const char *name, IMAPMAILBOXSTATUS *out)
{
    mw_session *s;
    if (mw_api_bad_text(name) || bad_sized(out, MW_IMAPMAILBOXSTATUS_V1, 0))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    IMAPMAILBOXSTATUS st = {0};
    err = mw_imap_listed_status(s, name, &st) ? 0 /* came with the listing: no round trip */
                                              : mw_imap_status_of(s, name, &st);
    if (err == 0)
        mw_sized_put(out, &st, sizeof st);
    return mw_deliver_finish(s, err, 0);
}

/* Hands out the cursor's next entry, or ST_ERROR_NO_MORE_MAILBOXES. */
static INT next_mailbox(mw_session *s, const mw_out *out, LPDWORD flags)
{
    mw_name_list *l = &s->imap->listing;
    if (l->next >= l->count)
        return mw_call_leave(s, ST_ERROR_NO_MORE_MAILBOXES, 0);
    const char *name = l->names[l->next];
    INT r = mw_out_put(out, name, strlen(name));
    if (r >= 0) { /* a buffer too small keeps the entry for the next try */
        if (flags != NULL)
            *flags = l->flags[l->next];
        l->next++;
    }
    mw_handle_release(s);
    return r;
}

/* Options or patterns a listing refuses. */
static int bad_listing(const char *reference, const char *wildcard, DWORD options)
{
    return (options & ~(DWORD)(IMAP_LIST_SUBSCRIBED | IMAP_LIST_STATUS)) != 0 ||
           (reference != NULL && mw_has_line_breaks(reference, strlen(reference))) ||
           (wildcard != NULL && mw_has_line_breaks(wildcard, strlen(wildcard)));
}

INT mw_api_imap_first_mailbox(HCLIENT h, const char *reference, const char *wildcard,
                              DWORD options, const mw_out *out, LPDWORD flags)
{
    mw_session *s;
    if (bad_listing(reference, wildcard, options))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    mw_imap_listing_free(&s->imap->listing);
    err = mw_imap_list(s, reference ? reference : "", wildcard ? wildcard : "*", options,
                       &s->imap->listing);
    if (err != 0)
        return mw_deliver_finish(s, err, 0);
    s->imap->listing_fresh = 1; /* until the next command */
    return next_mailbox(s, out, flags);
}

/* ImapListMailboxes' consumer: the caller's A or W callback. */
typedef struct mailbox_proc {
    HCLIENT h;
    IMAPMAILBOXPROCA proc_a; /* one of the two */
    IMAPMAILBOXPROCW proc_w;
    DWORD_PTR param;
    DWORD err; /* a name that could not be converted */
} mailbox_proc;

static BOOL hand_mailbox_w(mailbox_proc *p, const mw_imap_mailbox_entry *e, int status_only)
{
    mw_out size = {1, NULL, 0};
    INT n = mw_out_put(&size, e->name, strlen(e->name));
    LPWSTR name = n >= 0 ? mw_malloc(((size_t)n + 1) * sizeof *name) : NULL;
    mw_out out = {1, name, n + 1};
    if (name == NULL || mw_out_put(&out, e->name, strlen(e->name)) < 0) {
        mw_free(name);
        p->err = n < 0 ? ST_ERROR_PROTOCOL_VIOLATION : ST_ERROR_OUT_OF_MEMORY;
        return FALSE;
    }
    IMAPMAILBOXINFOW m = {sizeof m, name, e->flags, (unsigned char)e->delimiter, e->status,
                          status_only ? TRUE : FALSE};
    BOOL more = p->proc_w(p->h, &m, p->param);
    mw_free(name);
    return more;
}

static BOOL hand_mailbox(void *ctx, const mw_imap_mailbox_entry *e, int status_only)
{
    mailbox_proc *p = ctx;
    if (p->proc_w != NULL)
        return hand_mailbox_w(p, e, status_only);
    IMAPMAILBOXINFOA m = {sizeof m, e->name, e->flags, (unsigned char)e->delimiter, e->status,
                          status_only ? TRUE : FALSE};
    return p->proc_a(p->h, &m, p->param);
}

INT mw_api_imap_list_mailboxes(HCLIENT h, const char *reference, const char *wildcard,
                               DWORD options, IMAPMAILBOXPROCA proc_a, IMAPMAILBOXPROCW proc_w,
                               DWORD_PTR param)
{
    mw_session *s;
    if ((proc_a == NULL && proc_w == NULL) || bad_listing(reference, wildcard, options))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    mailbox_proc p = {h, proc_a, proc_w, param, 0};
    DWORD count = 0;
    err = mw_imap_list_joined(s, reference ? reference : "", wildcard ? wildcard : "*", options,
                              hand_mailbox, &p, &count);
    if (err == ST_ERROR_CANCELLED && p.err != 0)
        err = p.err; /* the answer was read to its end: the session goes on */
    if (err == ST_ERROR_CANCELLED || (p.err != 0 && err == p.err))
        return mw_call_leave(s, err, 0);
    return mw_deliver_finish(s, err, count > INT_MAX ? INT_MAX : (INT)count);
}

INT mw_api_imap_next_mailbox(HCLIENT h, const mw_out *out, LPDWORD flags)
{
    mw_session *s;
    DWORD err = mw_call_enter(MW_PROTO_IMAP, h, &s);
    return err != 0 ? mw_call_leave(NULL, err, 0) : next_mailbox(s, out, flags);
}

INT mw_api_imap_delimiter(HCLIENT h)
{
    mw_session *s;
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    char d = 0;
    err = mw_imap_delimiter(s, &d);
    return mw_deliver_finish(s, err, (INT)(unsigned char)d);
}

/* ---- messages ------------------------------------------------------------ */

INT mw_api_imap_count(HCLIENT h)
{
    mw_session *s;
    DWORD err = mw_call_enter(MW_PROTO_IMAP, h, &s);
    if (err == 0 && s->state != MW_STATE_SELECTED)
        err = ST_ERROR_NO_MAILBOX_SELECTED;
    return err != 0 ? mw_call_leave(err == ST_ERROR_NO_MAILBOX_SELECTED ? s : NULL, err, 0)
                    : mw_call_leave(s, 0, s->imap->exists > INT_MAX ? INT_MAX : (INT)s->imap->exists);
}

INT mw_api_imap_enum(HCLIENT h, UINT first, UINT last, DWORD flags, IMAPMESSAGE *out, INT max)
{
    mw_session *s;
    if (bad_sized(out, MW_IMAPMESSAGE_V1, 0) || max <= 0 || flags != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    INT filled = 0;
    err = mw_imap_enum(s, first, last, out, max, &filled);
    if (err == ST_ERROR_NO_MORE_MESSAGES)
        return mw_call_leave(s, err, 0);
    return mw_deliver_finish(s, err, filled);
}

typedef struct body_args {
    UINT id;
    UINT part;
    DWORD options;
} body_args;

static DWORD fetch_body(mw_session *s, void *vargs, mw_sink *sink)
{
    body_args *a = vargs;
    return mw_imap_fetch_body(s, a->id, a->part, a->options, sink);
}

#define MESSAGE_OPTIONS (IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK | IMAP_SECTION_HEADER | \
                         IMAP_SECTION_MIMEHEADER | IMAP_SECTION_BODY)

INT mw_api_imap_get(HCLIENT h, UINT id, UINT part, LPVOID dest, LPDWORD length, DWORD options)
{
    mw_session *s;
    if (dest == NULL || length == NULL || (options & ~(DWORD)MESSAGE_OPTIONS) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    body_args a = {id, part, options};
    return mw_deliver_memory(s, fetch_body, &a, dest, length);
}

INT mw_api_imap_save(HCLIENT h, UINT id, UINT part, const char *path, DWORD options)
{
    mw_session *s;
    if (mw_api_bad_text(path) || (options & ~(DWORD)MESSAGE_OPTIONS) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    body_args a = {id, part, options};
    return mw_deliver_file(s, fetch_body, &a, path);
}

INT mw_api_imap_read(HCLIENT h, UINT id, UINT part, IMAPREADPROC proc, DWORD_PTR param,
                     DWORD options)
{
    mw_session *s;
    if (proc == NULL || (options & ~(DWORD)MESSAGE_OPTIONS) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    body_args a = {id, part, options};
    return mw_deliver_callback(s, h, fetch_body, &a, proc, param);
}

static int bad_fetch(const char *set, DWORD options, IMAPFETCHPROC proc)
{
    return mw_api_bad_text(set) || !mw_msgset_valid(set) || proc == NULL ||
           (options & ~(DWORD)MESSAGE_OPTIONS) != 0 || (options & IMAP_SECTION_MIMEHEADER);
}

/* How a call that streamed many messages ends. */
static INT fetch_leave(mw_session *s, DWORD err, UINT count)
{
    if (err == ST_ERROR_CANCELLED) /* stopped by the callback; the rest was read */
        return mw_call_leave(s, err, 0);
    return mw_deliver_finish(s, err, count > INT_MAX ? INT_MAX : (INT)count);
}

INT mw_api_imap_fetch(HCLIENT h, const char *set, DWORD options, IMAPFETCHPROC proc,
                      DWORD_PTR param)
{
    mw_session *s;
    if (bad_fetch(set, options, proc))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    UINT count = 0;
    mw_imap_many_args a = {set, options, h, proc, param};
    err = mw_imap_fetch_many(s, &a, &count);
    return fetch_leave(s, err, count);
}

INT mw_api_imap_select_fetch(HCLIENT h, const char *mailbox, IMAPMAILBOX *out, const char *set,
                             DWORD options, IMAPFETCHPROC proc, DWORD_PTR param)
{
    mw_session *s;
    DWORD fetch_options = options & ~(DWORD)IMAP_SELECT_READONLY;
    if (mw_api_bad_text(mailbox) || bad_fetch(set, fetch_options, proc) || bad_sized(out, MW_IMAPMAILBOX_V1, 1))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    UINT count = 0;
    mw_imap_many_args a = {set, fetch_options, h, proc, param};
    int read_only = (options & IMAP_SELECT_READONLY) != 0;
    IMAPMAILBOX box = {0}; /* handed out once the SELECT is in, whatever the fetch did */
    err = mw_imap_select_fetch(s, mailbox, read_only, out != NULL ? &box : NULL, &a, &count);
    if (out != NULL)
        mw_sized_put(out, &box, sizeof box);
    return fetch_leave(s, err, count);
}

INT mw_api_imap_header_value(HCLIENT h, UINT id, const char *name, const mw_out *out,
                             DWORD options)
{
    mw_session *s;
    if (mw_bad_field_name(name) || (options & ~(DWORD)(IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK)) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    body_args a = {id, 0, (options & IMAP_MESSAGE_UID) | IMAP_MESSAGE_PEEK | IMAP_SECTION_HEADER};
    return mw_deliver_header_value(s, fetch_body, &a, name, 1, out);
}

/* UID, size, flags (and keywords) of one message. */
static INT with_info(HCLIENT h, UINT id, DWORD options, int what, LPDWORD value,
                     const mw_out *keywords_out)
{
    mw_session *s;
    if ((value == NULL && keywords_out == NULL) || (options & ~(DWORD)IMAP_MESSAGE_UID) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    mw_imap_fetch_info info;
    mw_buf keywords;
    mw_buf_init(&keywords, 0);
    err = mw_imap_fetch_info_of(s, id, options, &info, keywords_out ? &keywords : NULL);
    if (err != 0) {
        mw_buf_free(&keywords);
        return mw_deliver_finish(s, err, 0);
    }
    if (keywords_out != NULL) {
        INT r = mw_out_put(keywords_out, keywords.p ? (const char *)keywords.p : "", keywords.len);
        mw_buf_free(&keywords);
        mw_handle_release(s);
        return r;
    }
    *value = what == 0 ? info.uid : what == 1 ? info.size : info.flags;
    mw_buf_free(&keywords);
    return mw_call_leave(s, 0, what == 2 ? 0 : (*value > INT_MAX ? INT_MAX : (INT)*value));
}

INT mw_api_imap_uid(HCLIENT h, UINT id, LPDWORD uid)
{
    return with_info(h, id, 0, 0, uid, NULL);
}

INT mw_api_imap_size(HCLIENT h, UINT id, LPDWORD size, DWORD options)
{
    return with_info(h, id, options, 1, size, NULL);
}

INT mw_api_imap_flags(HCLIENT h, UINT id, LPDWORD flags, DWORD options)
{
    return with_info(h, id, options, 2, flags, NULL);
}

INT mw_api_imap_keywords(HCLIENT h, UINT id, const mw_out *out, DWORD options)
{
    return with_info(h, id, options, 3, NULL, out);
}

#define STORE_OPTIONS (IMAP_MESSAGE_UID | IMAP_FLAGS_ADD | IMAP_FLAGS_REMOVE)

INT mw_api_imap_set_flags(HCLIENT h, UINT id, DWORD flags, DWORD options)
{
    if ((options & ~(DWORD)STORE_OPTIONS) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    RUN_AUTHENTICATED(h, mw_imap_store_flags(s, id, flags, options));
}

INT mw_api_imap_set_keywords(HCLIENT h, UINT id, const char *keywords, DWORD options)
{
    if (keywords == NULL || (options & ~(DWORD)STORE_OPTIONS) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    RUN_AUTHENTICATED(h, mw_imap_store_keywords(s, id, keywords, options));
}

INT mw_api_imap_delete(HCLIENT h, UINT id, DWORD options, int undelete)
{
    if ((options & ~(DWORD)IMAP_MESSAGE_UID) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD mode = undelete ? IMAP_FLAGS_REMOVE : IMAP_FLAGS_ADD;
    RUN_AUTHENTICATED(h, mw_imap_store_flags(s, id, IMAP_FLAG_DELETED, options | mode));
}

INT mw_api_imap_copy(HCLIENT h, UINT id, const char *mailbox, DWORD options, int move)
{
    if (mw_api_bad_text(mailbox) || (options & ~(DWORD)IMAP_MESSAGE_UID) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    RUN_AUTHENTICATED(h, move ? mw_imap_move(s, id, mailbox, options)
                              : mw_imap_copy(s, id, mailbox, options));
}

INT mw_api_imap_append(HCLIENT h, const char *mailbox, LPCVOID msg, DWORD len, DWORD flags,
                       const char *date)
{
    mw_session *s;
    if (mw_api_bad_text(mailbox) || msg == NULL || len == 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    DWORD uid = 0;
    err = mw_imap_append(s, mailbox, msg, len, flags, date, &uid);
    return mw_deliver_finish(s, err, uid > INT_MAX ? INT_MAX : (INT)uid);
}

/* ImapSearchMailbox's consumer: the caller's array, while it has room. */
typedef struct search_array {
    LPDWORD out;
    INT max;
    INT stored;
} search_array;

static BOOL store_match(void *vctx, DWORD first, DWORD last)
{
    search_array *a = vctx;
    for (uint64_t n = first; n <= last && a->stored < a->max; n++)
        a->out[a->stored++] = (DWORD)n;
    return TRUE;
}

/* ImapSearchMessages' consumer: the caller's callback. */
BOOL mw_api_hand_match(void *vctx, DWORD first, DWORD last)
{
    search_proc *p = vctx;
    for (uint64_t n = first; p->proc != NULL && n <= last; n++)
        if (!p->proc(p->h, (DWORD)n, p->param))
            return FALSE;
    return TRUE;
}

INT mw_api_imap_search_with(HCLIENT h, const char *keys, const char *criteria, const char *charset,
                            DWORD options, mw_imap_match_fn fn, void *ctx)
{
    mw_session *s;
    if (mw_api_bad_text(criteria) || (options & ~(DWORD)IMAP_MESSAGE_UID) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    INT count = 0;
    err = keys != NULL ? mw_imap_sort(s, keys, criteria, charset, options, fn, ctx, &count)
                       : mw_imap_search(s, criteria, charset, options, fn, ctx, &count);
    if (err == ST_ERROR_INVALID_PARAMETER || err == ST_ERROR_CANCELLED)
        return mw_call_leave(s, err, 0);
    return mw_deliver_finish(s, err, count);
}

INT mw_api_imap_search(HCLIENT h, const char *criteria, const char *charset, DWORD options,
                       LPDWORD results, INT max)
{
    if (max < 0 || (max > 0 && results == NULL))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    search_array a = {results, max, 0};
    return mw_api_imap_search_with(h, NULL, criteria, charset, options, store_match, &a);
}

INT mw_api_imap_search_each(HCLIENT h, const char *criteria, const char *charset, DWORD options,
                            IMAPSEARCHPROC proc, DWORD_PTR param)
{
    if (proc == NULL)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    search_proc p = {h, proc, param};
    return mw_api_imap_search_with(h, NULL, criteria, charset, options, mw_api_hand_match, &p);
}

INT mw_api_imap_sort(HCLIENT h, const char *keys, const char *criteria, const char *charset,
                     DWORD options, IMAPSEARCHPROC proc, DWORD_PTR param)
{
    if (proc == NULL || mw_api_bad_text(keys))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    search_proc p = {h, proc, param};
    return mw_api_imap_search_with(h, keys, criteria, charset, options, mw_api_hand_match, &p);
}

/* ImapListMessages' consumer: the caller's callback. */
typedef struct list_proc {
    HCLIENT h;
    IMAPMESSAGEPROC proc;
    DWORD_PTR param;
} list_proc;

static BOOL hand_message(void *vctx, const IMAPMESSAGE *m)
{
    list_proc *p = vctx;
    return p->proc(p->h, m, p->param);
}

INT mw_api_imap_list(HCLIENT h, const char *set, DWORD options, IMAPMESSAGEPROC proc,
                     DWORD_PTR param)
{
    mw_session *s;
    if (mw_api_bad_text(set) || !mw_msgset_valid(set) || proc == NULL ||
        (options & ~(DWORD)IMAP_MESSAGE_UID) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    list_proc p = {h, proc, param};
    mw_imap_listed listed;
    err = mw_imap_list_messages(s, set, options, hand_message, &p, &listed);
    if (mw_imap_refused_as_empty(s, err, options) && strchr(set, '*') != NULL)
        err = 0; /* "1:*" of an empty mailbox, which servers answer with BAD: nothing */
    if (err == 0 && listed.stopped)
        err = ST_ERROR_CANCELLED; /* the rest of the answer was read */
    if (err == 0 && listed.malformed) {
        s->framing_intact = 1; /* the tagged response is in: the session goes on */
        err = ST_ERROR_PROTOCOL_VIOLATION;
    }
    return fetch_leave(s, err, listed.delivered);
}

INT mw_api_imap_idle(HCLIENT h, UINT timeout, LPDWORD changes)
{
    mw_session *s;
    if (timeout == 0 || timeout > 86400)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    DWORD seen = 0;
    err = mw_imap_idle(s, timeout * 1000u, &seen);
    if (changes != NULL)
        *changes = seen;
    if (err == ST_ERROR_CANCELLED) /* IDLE was ended with DONE: still usable */
        return mw_call_leave(s, err, 0);
    return mw_deliver_finish(s, err, seen != 0);
}

INT mw_api_imap_command(HCLIENT h, const char *text)
{
    mw_session *s;
    if (mw_api_bad_text(text))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_call_enter_network(MW_PROTO_IMAP, h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    int code = 0;
    err = mw_imap_raw(s, text, &code);
    if (err == ST_ERROR_INVALID_PARAMETER)
        return mw_call_leave(s, err, 0);
    return mw_deliver_finish(s, err, code);
}

/* ---- BODYSTRUCTURE ---------------------------------------------------------- */

#include <stdio.h>

#include "../imap/bodystructure.h"

/* The parts a number addresses: a multipart's children, else the message. */
static mw_bs_node *part_of(mw_bs_node *root, UINT part, size_t *count_r)
{
    *count_r = root->multipart ? root->nchildren : 1;
    if (part == 0 || part > *count_r)
        return NULL;
    return root->multipart ? root->children[part - 1] : root;
}

static void describe_part(const mw_bs_node *n, UINT number, IMAPMESSAGEPARTA *out)
{
    const char *charset = mw_bs_param_of(n->params, n->nparams, "charset");
    const char *file = mw_bs_param_of(n->dparams, n->ndparams, "filename");
    if (file == NULL)
        file = mw_bs_param_of(n->params, n->nparams, "name");
    memset(out, 0, sizeof *out);
    out->dwSize = sizeof *out;
    out->nPart = number;
    out->nSubParts = (UINT)n->nchildren;
    out->dwPartSize = n->size;
    out->dwLines = n->lines;
    snprintf(out->szType, sizeof out->szType, "%s", n->type ? n->type : "");
    snprintf(out->szSubType, sizeof out->szSubType, "%s", n->subtype ? n->subtype : "");
    snprintf(out->szCharset, sizeof out->szCharset, "%s", charset ? charset : "");
    snprintf(out->szEncoding, sizeof out->szEncoding, "%s", n->encoding ? n->encoding : "");
    snprintf(out->szFileName, sizeof out->szFileName, "%s", file ? file : "");
    snprintf(out->szDisposition, sizeof out->szDisposition, "%s", n->disposition ? n->disposition : "");
}

INT mw_api_imap_parts(HCLIENT h, UINT id, DWORD options, UINT part, IMAPMESSAGEPARTA *info)
{
    mw_session *s;
    if ((options & ~(DWORD)IMAP_MESSAGE_UID) != 0 || (info != NULL && info->dwSize < sizeof *info))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    mw_bs_node *root = NULL;
    err = mw_imap_bodystructure(s, id, options, &root);
    if (err != 0)
        return mw_deliver_finish(s, err, 0);
    size_t count = 0;
    mw_bs_node *n = part_of(root, info != NULL ? part : 1, &count);
    if (info != NULL && n == NULL)
        err = ST_ERROR_MESSAGE_NOT_FOUND; /* no such part */
    else if (info != NULL)
        describe_part(n, part, info);
    mw_bs_free(&root);
    return mw_call_leave(s, err, (INT)count);
}

INT mw_api_imap_search_summary(HCLIENT h, const char *criteria, const char *charset, DWORD options,
                               LPDWORD min, LPDWORD max)
{
    mw_session *s;
    if (mw_api_bad_text(criteria) || (options & ~(DWORD)IMAP_MESSAGE_UID) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    DWORD count = 0, lo = 0, hi = 0;
    err = mw_imap_search_summary(s, criteria, charset, options, &count, &lo, &hi);
    if (err == ST_ERROR_INVALID_PARAMETER)
        return mw_call_leave(s, err, 0);
    if (err == 0 && min != NULL)
        *min = lo;
    if (err == 0 && max != NULL)
        *max = hi;
    return mw_deliver_finish(s, err, count > INT_MAX ? INT_MAX : (INT)count);
}
