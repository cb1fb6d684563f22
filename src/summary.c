/*
 * summary.c - From and Subject of many messages from one FETCH of their
 * header blocks, decoded here: a listing costs one round trip, not two per
 * message.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Header blocks are a few KB; one beyond this is cut, not kept whole. */
#define HEADER_MAX (256u * 1024u)

typedef struct collector {
    cli_summary_fn fn;
    void *ctx;
    char *buf;
    size_t len;
    int failed; /* out of memory: the rest is read and dropped */
} collector;

/* Copies field name of block into out, cut at a UTF-8 character boundary
 * when it is longer; "" when the message has no such field. */
static void field(const char *block, size_t len, const char *name, char *out, size_t cap)
{
    out[0] = '\0';
    INT need = ImapParseHeaderValueA(block, (DWORD)len, name, NULL, 0);
    char *full = need >= 0 ? malloc((size_t)need + 1) : NULL;
    if (full == NULL || ImapParseHeaderValueA(block, (DWORD)len, name, full, need + 1) < 0) {
        free(full);
        return;
    }
    size_t n = (size_t)need < cap - 1 ? (size_t)need : cap - 1;
    while (n > 0 && n < (size_t)need && ((unsigned char)full[n] & 0xC0) == 0x80)
        n--; /* do not split a character */
    memcpy(out, full, n);
    out[n] = '\0';
    free(full);
}

/* Adds a chunk of the current message's header block. */
static void collect(collector *c, const void *data, size_t len)
{
    size_t room = HEADER_MAX - c->len;
    size_t n = len < room ? len : room;
    if (c->buf == NULL && (c->buf = malloc(HEADER_MAX)) == NULL)
        c->failed = 1;
    if (!c->failed) {
        memcpy(c->buf + c->len, data, n);
        c->len += n;
    }
}

/* The block is complete: its summary goes to the caller's function. */
static BOOL summarize(collector *c, UINT id, DWORD uid, DWORD flags)
{
    cli_summary s;
    memset(&s, 0, sizeof s);
    s.id = id;
    s.uid = uid;
    s.flags = flags;
    field(c->buf, c->len, "From", s.from, sizeof s.from);
    field(c->buf, c->len, "Subject", s.subject, sizeof s.subject);
    c->len = 0;
    return c->fn(&s, c->ctx);
}

static BOOL CALLBACK on_imap_chunk(HCLIENT h, const IMAPFETCHDATA *d, DWORD_PTR param)
{
    collector *c = (collector *)param;
    (void)h;
    if (!d->bLastChunk) {
        collect(c, d->lpvData, d->dwLength);
        return TRUE;
    }
    return summarize(c, d->nMessageId, d->dwUid, d->dwFlags);
}

static BOOL CALLBACK on_pop_chunk(HCLIENT h, const POPFETCHDATA *d, DWORD_PTR param)
{
    collector *c = (collector *)param;
    (void)h;
    if (!d->bLastChunk) {
        collect(c, d->lpvData, d->dwLength);
        return TRUE;
    }
    return summarize(c, d->nMessageId, 0, 0);
}

INT cli_summaries(HCLIENT h, const char *set, DWORD options, cli_summary_fn fn, void *ctx)
{
    collector c = {fn, ctx, NULL, 0, 0};
    INT n = ImapFetchMessagesA(h, set, options | IMAP_SECTION_HEADER | IMAP_MESSAGE_PEEK,
                               on_imap_chunk, (DWORD_PTR)&c);
    free(c.buf);
    return n;
}

INT cli_pop_summaries(HCLIENT h, UINT first, UINT last, cli_summary_fn fn, void *ctx)
{
    collector c = {fn, ctx, NULL, 0, 0};
    INT n = PopFetchMessages(h, first, last, on_pop_chunk, (DWORD_PTR)&c, POP_MESSAGE_HEADERS);
    free(c.buf);
    return n;
}
