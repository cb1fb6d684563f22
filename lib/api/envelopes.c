/*
 * envelopes.c - ENVELOPE for the caller: one block holding the structure,
 * its address arrays and every text (UTF-8 for A, wide for W), so a
 * single ImapFreeMemory releases it; and the calls that fetch it.
 */
#include <string.h>

#include "../imap/bodystructure.h"
#include "../imap/envelope.h"
#include "../imap/imap.h"
#include "../imap/msgset.h"
#include "../imap/parts.h"
#include "../mime/date.h"
#include "../sys/alloc.h"
#include "call.h"
#include "deliver.h"
#include "errors.h"
#include "imap_messages.h"
#include "text.h"
#include "with_utf8.h"

/* ---- the block --------------------------------------------------------------------- */

/* Texts go after the structure and the arrays; a first pass with no
 * memory only counts. */
typedef struct block {
    unsigned char *mem; /* NULL while counting */
    size_t used;
    int wide;
} block;

static void *reserve(block *b, size_t n, size_t align)
{
    b->used = (b->used + align - 1) / align * align;
    void *at = b->mem != NULL ? b->mem + b->used : NULL;
    b->used += n;
    return at;
}

/* A copy of text (NULL reads as "") in the block; its address. */
static const void *text_of(block *b, const char *text)
{
    const char *s = text != NULL ? text : "";
    size_t len = strlen(s);
    mw_out count = {b->wide, NULL, 0};
    size_t units = b->wide ? (size_t)mw_out_put(&count, s, len) + 1 : len + 1;
    size_t unit = b->wide ? sizeof(WCHAR) : 1;
    void *at = reserve(b, units * unit, unit);
    if (at != NULL) {
        mw_out o = {b->wide, at, (INT)units};
        mw_out_put(&o, s, len);
    }
    return at;
}

/* The same for "mailbox@host" ("" when the mailbox is not said). */
static const void *address_text(block *b, const mw_env_addr *a)
{
    char buf[1024];
    if (a->mailbox == NULL)
        return text_of(b, "");
    snprintf(buf, sizeof buf, "%s%s%s", a->mailbox, a->host != NULL ? "@" : "", a->host != NULL ? a->host : "");
    return text_of(b, buf);
}

/* IMAPADDRESSA and IMAPADDRESSW differ only in their pointers' targets. */
typedef struct any_address {
    const void *name, *mailbox, *host, *address, *group;
} any_address;

static const void *address_array(block *b, const mw_env_addr *v, size_t n)
{
    any_address *out = reserve(b, n * sizeof *out, sizeof(void *));
    for (size_t i = 0; i < n; i++) {
        any_address a = {text_of(b, v[i].name), text_of(b, v[i].mailbox), text_of(b, v[i].host),
                         address_text(b, &v[i]), text_of(b, v[i].group)};
        if (out != NULL)
            out[i] = a;
    }
    return n > 0 ? out : NULL;
}

/* The common layout of IMAPENVELOPEA and IMAPENVELOPEW. */
typedef struct any_envelope {
    DWORD dwSize;
    UINT nMessageId;
    DWORD dwUid;
    const void *date, *date_utc, *subject, *in_reply_to, *message_id;
    UINT counts[MW_ENV_LISTS];
    const void *lists[MW_ENV_LISTS];
} any_envelope;

static void lay_out(block *b, const mw_envelope *e, UINT seq, DWORD uid)
{
    any_envelope *out = reserve(b, b->wide ? sizeof(IMAPENVELOPEW) : sizeof(IMAPENVELOPEA), sizeof(void *));
    any_envelope v;
    memset(&v, 0, sizeof v);
    v.dwSize = b->wide ? sizeof(IMAPENVELOPEW) : sizeof(IMAPENVELOPEA);
    v.nMessageId = seq;
    v.dwUid = uid;
    char iso[21] = "";
    int64_t utc;
    if (e->date != NULL && mw_date_parse(e->date, &utc))
        mw_date_iso(utc, iso);
    v.date = text_of(b, e->date);
    v.date_utc = text_of(b, iso);
    v.subject = text_of(b, e->subject);
    v.in_reply_to = text_of(b, e->in_reply_to);
    v.message_id = text_of(b, e->message_id);
    for (int k = 0; k < MW_ENV_LISTS; k++) {
        v.counts[k] = (UINT)e->counts[k];
        v.lists[k] = address_array(b, e->lists[k], e->counts[k]);
    }
    if (out != NULL)
        memcpy(out, &v, sizeof v);
}

/* The whole block in memory from mw_malloc (ImapFreeMemory frees it). */
static void *envelope_block(const mw_envelope *e, UINT seq, DWORD uid, int wide)
{
    block b = {NULL, 0, wide};
    lay_out(&b, e, seq, uid);
    b.mem = mw_calloc(1, b.used);
    if (b.mem == NULL)
        return NULL;
    b.used = 0;
    lay_out(&b, e, seq, uid);
    return b.mem;
}

/* ---- one message or part ------------------------------------------------------------- */

typedef struct one {
    mw_envelope e;
    UINT seq;
    DWORD uid;
    int found;
    UINT id;
    DWORD options;
} one;

static int keep_first(void *ctx, UINT seq, DWORD uid, mw_envelope *e)
{
    one *o = ctx;
    UINT asked = (o->options & IMAP_MESSAGE_UID) ? uid : seq;
    if (o->found || asked != o->id)
        return 0; /* another message's: an update */
    o->found = 1;
    o->seq = seq;
    o->uid = uid;
    o->e = *e; /* moved out */
    memset(e, 0, sizeof *e);
    return 0;
}

/* The envelope a message/rfc822 part's BODYSTRUCTURE carries. */
static DWORD part_envelope(mw_session *s, UINT id, const char *spec, DWORD options, one *o)
{
    mw_bs_node *root = NULL;
    DWORD err = mw_imap_bodystructure(s, id, options & IMAP_MESSAGE_UID, &root);
    mw_found_part found;
    if (err == 0)
        err = mw_bs_find(root, spec, &found);
    if (err == 0 && !(found.part.dwFlags & MIME_PART_MESSAGE))
        err = ST_ERROR_INVALID_PARAMETER; /* no message/rfc822 part */
    if (err == 0) {
        const mw_bs_node *n = found.node;
        err = n->envelope != NULL ? mw_envelope_parse_text(n->envelope, n->envelope_len, &o->e)
                                  : ST_ERROR_PROTOCOL_VIOLATION;
    }
    o->found = err == 0;
    mw_bs_free(&root);
    return err;
}

static INT get_envelope(HCLIENT h, UINT id, const char *spec, HGLOBAL *out, DWORD options, int wide)
{
    mw_session *s;
    if (out == NULL || (options & ~(DWORD)IMAP_MESSAGE_UID) != 0 ||
        (spec != NULL && spec[0] != '\0' && !mw_part_spec_valid(spec)))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    *out = NULL;
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    one o;
    memset(&o, 0, sizeof o);
    o.id = id;
    o.options = options;
    if (spec != NULL && spec[0] != '\0') {
        err = mw_imap_check_id(s, id, options);
        if (err == 0)
            err = part_envelope(s, id, spec, options, &o);
    } else {
        char set[16];
        UINT count;
        snprintf(set, sizeof set, "%u", id);
        err = mw_imap_check_id(s, id, options);
        if (err == 0)
            err = mw_imap_fetch_envelopes(s, set, options, keep_first, &o, &count);
        if (err == 0 && !o.found)
            err = ST_ERROR_MESSAGE_NOT_FOUND;
    }
    if (err == 0 && (*out = envelope_block(&o.e, o.seq, o.uid, wide)) == NULL)
        err = ST_ERROR_OUT_OF_MEMORY;
    mw_envelope_free(&o.e);
    if (err == ST_ERROR_INVALID_PARAMETER || err == ST_ERROR_MESSAGE_NOT_FOUND)
        return mw_call_leave(s, err, 0);
    return mw_deliver_finish(s, err, 0);
}

/* ---- many ---------------------------------------------------------------------------- */

typedef struct many {
    HCLIENT h;
    IMAPENVELOPEPROCA proc_a;
    IMAPENVELOPEPROCW proc_w;
    DWORD_PTR param;
    DWORD err;
} many;

static int deliver(void *ctx, UINT seq, DWORD uid, mw_envelope *e)
{
    many *m = ctx;
    void *blockp = envelope_block(e, seq, uid, m->proc_w != NULL);
    if (blockp == NULL) {
        m->err = ST_ERROR_OUT_OF_MEMORY;
        return 1;
    }
    BOOL go = m->proc_w != NULL ? m->proc_w(m->h, blockp, m->param) : m->proc_a(m->h, blockp, m->param);
    mw_free(blockp);
    if (!go)
        m->err = ST_ERROR_CANCELLED;
    return !go;
}

static INT fetch_envelopes(HCLIENT h, const char *set, DWORD options, IMAPENVELOPEPROCA proc_a,
                           IMAPENVELOPEPROCW proc_w, DWORD_PTR param)
{
    mw_session *s;
    if (mw_api_bad_text(set) || !mw_msgset_valid(set) || (proc_a == NULL && proc_w == NULL) ||
        (options & ~(DWORD)IMAP_MESSAGE_UID) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    many m = {h, proc_a, proc_w, param, 0};
    UINT count = 0;
    err = mw_imap_fetch_envelopes(s, set, options, deliver, &m, &count);
    if (err == 0 && m.err != 0) /* stopped by the callback, or no memory: the answer was read */
        return mw_call_leave(s, m.err, 0);
    return mw_deliver_finish(s, err, (INT)count);
}

/* ---- exports ----------------------------------------------------------------------------- */

INT WINAPI ImapGetMessageEnvelopeA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszPart, HGLOBAL *lphEnvelope,
                                   DWORD dwOptions)
{
    return get_envelope(hClient, nMessageId, lpszPart, lphEnvelope, dwOptions, 0);
}

INT WINAPI ImapGetMessageEnvelopeW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszPart, HGLOBAL *lphEnvelope,
                                   DWORD dwOptions)
{
    WITH_UTF8(lpszPart, get_envelope(hClient, nMessageId, lpszPart_u, lphEnvelope, dwOptions, 1));
}

INT WINAPI ImapFetchEnvelopesA(HCLIENT hClient, LPCSTR lpszMessageSet, DWORD dwOptions,
                               IMAPENVELOPEPROCA lpEnvelopeProc, DWORD_PTR dwParam)
{
    return fetch_envelopes(hClient, lpszMessageSet, dwOptions, lpEnvelopeProc, NULL, dwParam);
}

INT WINAPI ImapFetchEnvelopesW(HCLIENT hClient, LPCWSTR lpszMessageSet, DWORD dwOptions,
                               IMAPENVELOPEPROCW lpEnvelopeProc, DWORD_PTR dwParam)
{
    if (lpEnvelopeProc == NULL)
        return fetch_envelopes(hClient, "", dwOptions, NULL, NULL, 0);
    WITH_UTF8(lpszMessageSet,
              fetch_envelopes(hClient, lpszMessageSet_u, dwOptions, NULL, lpEnvelopeProc, dwParam));
}

/* ---- byte ranges and previews ---------------------------------------------------------- */

#include "../imap/preview.h"

typedef struct range_args {
    UINT id;
    const char *spec;
    DWORD offset;
    DWORD count;
    DWORD options;
} range_args;

static DWORD fetch_range(mw_session *s, void *vargs, mw_sink *sink)
{
    range_args *a = vargs;
    return mw_imap_fetch_range(s, a->id, a->spec, a->options, a->offset, a->count, sink);
}

static INT get_range(HCLIENT h, UINT id, const char *spec, DWORD offset, LPVOID data, LPDWORD length,
                     DWORD options)
{
    mw_session *s;
    const char *section = spec != NULL ? spec : "";
    if (!mw_part_spec_valid(section) || data == NULL || length == NULL || *length == 0 ||
        (options & ~(DWORD)(IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK)) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    range_args a = {id, section, offset, *length, options};
    return mw_deliver_memory(s, fetch_range, &a, data, length);
}

static INT get_preview(HCLIENT h, UINT id, const mw_out *out, DWORD options)
{
    mw_session *s;
    if ((options & ~(DWORD)IMAP_MESSAGE_UID) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    mw_buf text;
    mw_buf_init(&text, 0);
    err = mw_imap_preview(s, id, options, &text);
    if (err != 0) {
        mw_buf_free(&text);
        if (err == ST_ERROR_MESSAGE_NOT_FOUND)
            return mw_call_leave(s, err, 0);
        return mw_deliver_finish(s, err, 0);
    }
    INT r = mw_out_put(out, text.p != NULL ? (const char *)text.p : "", text.len);
    mw_buf_free(&text);
    return mw_call_leave(s, 0, r); /* a buffer too small has set the error */
}

INT WINAPI ImapGetMessageRangeA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszPart, DWORD dwOffset,
                                LPVOID lpvData, LPDWORD lpdwLength, DWORD dwOptions)
{
    return get_range(hClient, nMessageId, lpszPart, dwOffset, lpvData, lpdwLength, dwOptions);
}

INT WINAPI ImapGetMessageRangeW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszPart, DWORD dwOffset,
                                LPVOID lpvData, LPDWORD lpdwLength, DWORD dwOptions)
{
    WITH_UTF8(lpszPart, get_range(hClient, nMessageId, lpszPart_u, dwOffset, lpvData, lpdwLength, dwOptions));
}

INT WINAPI ImapGetMessagePreviewA(HCLIENT hClient, UINT nMessageId, LPSTR lpszPreview, INT nMax,
                                  DWORD dwOptions)
{
    mw_out out = {0, lpszPreview, nMax};
    return get_preview(hClient, nMessageId, &out, dwOptions);
}

INT WINAPI ImapGetMessagePreviewW(HCLIENT hClient, UINT nMessageId, LPWSTR lpszPreview, INT nMax,
                                  DWORD dwOptions)
{
    mw_out out = {1, lpszPreview, nMax};
    return get_preview(hClient, nMessageId, &out, dwOptions);
}
