/*
 * listing.c - the attributes (UID, size, flags, date) of the messages of a
 * set, each handed to a consumer as its FETCH response arrives. Nothing
 * grows with the mailbox: a set of a million UIDs goes in commands of
 * under 8 KB, and no response is kept once handed on. The array call,
 * ImapEnumMessages, is one such consumer.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <mailwire/errors.h>

#include "../proto/sized.h"
#include "imap.h"

typedef struct list_ctx {
    mw_imap_message_fn fn;
    void *ctx;
    mw_imap_listed *out;
} list_ctx;

/* A FETCH of ours carries RFC822.SIZE and INTERNALDATE, which the
 * unsolicited ones a server sends for flag changes never do: those are
 * no entry. */
static DWORD on_listed(mw_session *s, const mw_imap_resp *r, void *vctx)
{
    list_ctx *l = vctx;
    mw_imap_fetch_info info;
    (void)s;
    if (!r->has_number || !mw_imap_text_is(r->name, "FETCH"))
        return 0;
    int broken = mw_imap_parse_fetch(r, NULL, &info) != 0;
    if (!broken && !(info.has_size || info.date[0] != '\0'))
        return 0; /* a flag update */
    if (broken || info.uid == 0 || info.seq == 0) {
        l->out->malformed = 1;
        return 0;
    }
    if (l->out->stopped)
        return 0;
    IMAPMESSAGE m;
    memset(&m, 0, sizeof m);
    m.dwSize = sizeof m;
    m.nMessageId = info.seq;
    m.dwUid = info.uid;
    m.dwMessageSize = info.size;
    m.dwFlags = info.flags;
    memcpy(m.szInternalDate, info.date, sizeof m.szInternalDate);
    m.ullModSeq = info.modseq;
    if (l->out->delivered < 0xFFFFFFFFu)
        l->out->delivered++;
    if (!l->fn(l->ctx, &m))
        l->out->stopped = 1; /* the rest of the answer is read and dropped */
    return 0;
}

DWORD mw_imap_list_messages(mw_session *s, const char *set, DWORD options, mw_imap_message_fn fn,
                            void *ctx, mw_imap_listed *out)
{
    memset(out, 0, sizeof *out);
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    mw_msgset ranges;
    DWORD err = mw_msgset_parse(&ranges, set);
    list_ctx l = {fn, ctx, out};
    for (size_t next = 0; err == 0 && next < ranges.n && !out->stopped;) {
        char chunk[MW_MSGSET_CHUNK_MAX];
        mw_msgset_format(&ranges, &next, chunk, sizeof chunk);
        mw_imap_cmd c;
        err = mw_imap_fetch_begin(s, &c, chunk, options);
        if (err == 0) /* MODSEQ only once enabled: asking would enable CONDSTORE */
            err = mw_imap_cmd_atom(&c, s->imap->condstore ? "(UID FLAGS RFC822.SIZE INTERNALDATE MODSEQ)"
                                                         : "(UID FLAGS RFC822.SIZE INTERNALDATE)");
        if (err == 0)
            err = mw_imap_run(s, &c, on_listed, &l);
        mw_imap_cmd_free(&c);
    }
    mw_msgset_free(&ranges);
    return err;
}

/* ---- into an array (ImapEnumMessages) ----------------------------------- */

typedef struct enum_ctx {
    unsigned char *out; /* the caller's array, of elements of stride bytes */
    DWORD stride;
    INT max;
    UINT first;
} enum_ctx;

/* An element of the caller's array. Only bytes are touched there: the
 * stride is the caller's dwSize, a multiple of 4 (an older, smaller
 * IMAPMESSAGE), so an element need not be aligned as this version's
 * IMAPMESSAGE, whose ULONGLONG wants 8. */
static unsigned char *slot(const enum_ctx *e, size_t i)
{
    return e->out + i * e->stride;
}

static DWORD slot_message_id(const enum_ctx *e, size_t i)
{
    UINT id;
    memcpy(&id, slot(e, i) + offsetof(IMAPMESSAGE, nMessageId), sizeof id);
    return id;
}

/* Each entry goes to the slot of its sequence number, as much of it as
 * the caller's elements hold. */
static BOOL keep_entry(void *vctx, const IMAPMESSAGE *m)
{
    enum_ctx *e = vctx;
    if (m->nMessageId >= e->first && m->nMessageId - e->first < (DWORD)e->max)
        mw_sized_put_as(slot(e, m->nMessageId - e->first), e->stride, m, sizeof *m);
    return TRUE;
}

/* Moves the filled entries (a server may skip a message, or send one
 * that breaks the grammar) to the front, in order, and clears the rest:
 * the count returned is the number of entries the caller can read. */
static INT compact_entries(const enum_ctx *e, size_t n)
{
    size_t filled = 0;
    for (size_t i = 0; i < n; i++) {
        if (slot_message_id(e, i) == 0)
            continue;
        if (filled != i) {
            memcpy(slot(e, filled), slot(e, i), e->stride);
            memset(slot(e, i), 0, e->stride);
        }
        filled++;
    }
    return (INT)filled;
}

DWORD mw_imap_enum(mw_session *s, UINT first, UINT last, IMAPMESSAGE *out, INT max, INT *filled_r)
{
    *filled_r = 0;
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    if (last > s->imap->exists)
        last = s->imap->exists;
    if (first == 0)
        first = 1;
    if (first > last)
        return ST_ERROR_NO_MORE_MESSAGES;
    if ((uint64_t)last - first + 1 > (uint64_t)max)
        last = first + (UINT)max - 1; /* what fits in the caller's array */
    DWORD stride;
    memcpy(&stride, out, sizeof stride); /* its dwSize */
    enum_ctx e = {(unsigned char *)out, stride, max, first};
    memset(out, 0, (size_t)max * e.stride); /* an empty slot: message number 0 */
    char set[32];
    snprintf(set, sizeof set, "%u:%u", first, last);
    mw_imap_listed listed;
    DWORD err = mw_imap_list_messages(s, set, 0, keep_entry, &e, &listed);
    *filled_r = compact_entries(&e, (size_t)last - first + 1);
    /* every element keeps the caller's size, the empty ones too */
    for (INT i = *filled_r; i < max; i++)
        memcpy(slot(&e, (size_t)i), &e.stride, sizeof e.stride);
    return err;
}
