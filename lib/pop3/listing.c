/*
 * listing.c - LIST and UIDL streamed: each message handed on as its line
 * is read, so a maildrop of a million messages is listed in the memory of
 * one line (or 4 bytes a message when both are asked for: UIDL comes after
 * LIST, and each message is handed on once, whole).
 */
#include <string.h>

#include "../proto/line.h"
#include "../proto/trace.h"
#include "../sys/alloc.h"
#include "pop3.h"

DWORD mw_pop_parse_entry(const char *line, size_t len, int uidl, DWORD count, mw_pop_entry *e)
{
    const char *p = line;
    unsigned long n, size;
    if (mw_pop_parse_number(&p, &n) != 0 || *p != ' ' || n == 0 || n > count)
        return ST_ERROR_PROTOCOL_VIOLATION;
    p++;
    e->n = (DWORD)n;
    e->size = 0;
    e->uid = p;
    e->uid_len = len - (size_t)(p - line);
    if (!uidl) {
        if (mw_pop_parse_number(&p, &size) != 0)
            return ST_ERROR_PROTOCOL_VIOLATION;
        e->size = (DWORD)size;
        e->uid_len = 0;
        return 0;
    }
    int valid = e->uid_len > 0 && e->uid_len <= MW_POP_UID_MAX;
    for (size_t i = 0; valid && i < e->uid_len; i++)
        valid = (unsigned char)p[i] >= 0x21 && (unsigned char)p[i] <= 0x7E;
    if (!valid)
        e->uid_len = 0;
    return 0;
}

/* A size not (or no longer) waiting for its UIDL. */
#define NO_SIZE 0xFFFFFFFFu

typedef struct list_ctx {
    mw_pop_list_fn fn;
    void *ctx;
    int uidl;       /* the listing being read */
    DWORD *sizes;   /* LIST's, by number, while UIDL streams; NULL: not kept */
    DWORD count;    /* handed on */
    int stopped;
    int broken;     /* a line or a message was lost */
} list_ctx;

/* Hands on one message, unless the consumer stopped. */
static void hand_on(list_ctx *l, DWORD n, DWORD size, const char *uid)
{
    if (l->stopped)
        return;
    if (!l->fn(l->ctx, n, size, uid))
        l->stopped = 1;
    else
        l->count++;
}

/* One line of LIST or UIDL: kept (LIST before UIDL) or handed on. A line
 * that breaks the grammar costs that message, not the listing: the reader
 * delimited it, so the session stays in step. */
static DWORD list_line(mw_session *s, const char *line, size_t len, void *vctx)
{
    list_ctx *l = vctx;
    mw_pop_entry e;
    if (mw_pop_parse_entry(line, len, l->uidl, s->pop->count, &e) != 0 ||
        (l->uidl && e.uid_len == 0)) {
        l->broken = 1;
        return 0;
    }
    if (!l->uidl && l->sizes != NULL) {
        l->sizes[e.n - 1] = e.size < NO_SIZE ? e.size : NO_SIZE - 1;
        return 0;
    }
    char uid[MW_POP_UID_MAX + 1];
    memcpy(uid, e.uid, e.uid_len);
    uid[e.uid_len] = '\0';
    DWORD size = e.size;
    if (l->sizes != NULL) {
        size = l->sizes[e.n - 1];
        l->sizes[e.n - 1] = NO_SIZE;
        if (size == NO_SIZE) { /* in UIDL, not in LIST (or twice in UIDL) */
            l->broken = 1;
            return 0;
        }
    }
    hand_on(l, e.n, size, l->uidl ? uid : NULL);
    return 0;
}

static DWORD read_listing(mw_session *s, list_ctx *l, int uidl)
{
    l->uidl = uidl;
    DWORD err = mw_pop_command(s, uidl ? "UIDL" : "LIST", MW_TRACE_ALL, ST_ERROR_COMMAND_REJECTED);
    if (err == 0)
        err = mw_pop_read_multiline(s, (size_t)s->pop->count + 1, list_line, l);
    return err;
}

/* Room for LIST's sizes, each waiting for its UIDL. */
static DWORD *size_table(DWORD count)
{
    if (count > MW_POP_LIST_MAX)
        return NULL;
    DWORD *t = mw_malloc(((size_t)count + 1) * sizeof *t);
    for (DWORD i = 0; t != NULL && i < count; i++)
        t[i] = NO_SIZE;
    return t;
}

DWORD mw_pop_list_each(mw_session *s, int sizes, int uids, mw_pop_list_fn fn, void *ctx,
                       DWORD *count_r)
{
    list_ctx l = {fn, ctx, 0, NULL, 0, 0, 0};
    *count_r = 0;
    DWORD err = mw_pop_ensure_stat(s);
    if (err == 0 && sizes && uids && (l.sizes = size_table(s->pop->count)) == NULL)
        err = s->pop->count > MW_POP_LIST_MAX ? ST_ERROR_RESPONSE_TOO_LARGE : ST_ERROR_OUT_OF_MEMORY;
    if (err == 0 && sizes)
        err = read_listing(s, &l, 0);
    if (err == 0 && uids)
        err = read_listing(s, &l, 1);
    /* a message LIST had and UIDL left out is lost to the caller: said */
    for (DWORD i = 0; err == 0 && l.sizes != NULL && i < s->pop->count; i++)
        l.broken |= l.sizes[i] != NO_SIZE;
    mw_free(l.sizes);
    *count_r = l.count;
    if (err == 0 && l.stopped)
        return ST_ERROR_CANCELLED;
    if (err == 0 && l.broken) {
        s->framing_intact = 1; /* every answer was read to its end */
        return ST_ERROR_PROTOCOL_VIOLATION;
    }
    return err;
}
