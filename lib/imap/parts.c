/* parts.c - MIME parts of a message on the server (see parts.h). */
#include "parts.h"

#include <stdio.h>
#include <string.h>

#include "../mime/part.h"
#include "../mime/parse_sink.h"
#include "../mime/pipe.h"
#include "imap.h"

/* ---- the walk --------------------------------------------------------------------- */

typedef struct walk {
    mw_part_fn fn;
    void *ctx;
    unsigned count;
} walk;

static DWORD describe(const mw_bs_node *n, MIMEPARTA *out)
{
    mw_part_fields f = {0};
    f.type = n->type;
    f.subtype = n->subtype;
    f.params = n->params;
    f.nparams = n->nparams;
    f.disposition = n->disposition;
    f.dparams = n->dparams;
    f.ndparams = n->ndparams;
    f.id = n->id;
    f.description = n->desc;
    f.encoding = n->encoding;
    f.language = n->language;
    f.location = n->location;
    memset(out, 0, sizeof *out);
    out->dwSize = sizeof *out;
    DWORD err = mw_part_describe(&f, out);
    if (n->multipart) /* even without a boundary parameter */
        out->dwFlags = MIME_PART_MULTIPART;
    out->dwPartSize = n->size;
    out->dwLines = n->lines;
    out->nSubParts = (UINT)n->nchildren;
    return err;
}

/* One node: spec is its specifier, prefix what its parts' start with,
 * message the nearest message part it is in. */
static DWORD walk_node(walk *w, const mw_bs_node *n, const char *spec, const char *prefix,
                       const char *message, INT parent, UINT depth)
{
    MIMEPARTA p;
    DWORD err = describe(n, &p);
    if (err != 0)
        return err;
    if (snprintf(p.szPart, sizeof p.szPart, "%s", spec) >= (int)sizeof p.szPart)
        return ST_ERROR_MESSAGE_TOO_COMPLEX;
    p.nIndex = w->count++;
    p.nParent = parent;
    p.nDepth = depth;
    if ((err = w->fn(w->ctx, &p, n, message)) != 0)
        return err;
    char child[160], child_prefix[160];
    for (size_t i = 0; i < n->nchildren && err == 0; i++) {
        const mw_bs_node *c = n->children[i];
        if (n->multipart) {
            snprintf(child, sizeof child, prefix[0] ? "%s.%zu" : "%s%zu", prefix, i + 1);
            snprintf(child_prefix, sizeof child_prefix, "%s", child);
        } else { /* message/rfc822: the message's body */
            snprintf(child, sizeof child, "%s.%s", spec, c->multipart ? "TEXT" : "1");
            snprintf(child_prefix, sizeof child_prefix, "%s", spec);
        }
        err = walk_node(w, c, child, child_prefix, n->multipart ? message : spec, (INT)p.nIndex,
                        depth + 1);
    }
    return err;
}

DWORD mw_bs_walk(const mw_bs_node *root, mw_part_fn fn, void *ctx, unsigned *count_r)
{
    walk w = {fn, ctx, 0};
    DWORD err = walk_node(&w, root, root->multipart ? "" : "1", "", NULL, -1, 0);
    *count_r = w.count;
    return err;
}

typedef struct finder {
    const char *spec;
    mw_found_part *out;
} finder;

#define FOUND 1 /* stops the walk: not an error value */

static DWORD find_one(void *ctx, const MIMEPARTA *p, const mw_bs_node *node, const char *message)
{
    finder *f = ctx;
    if (strcmp(p->szPart, f->spec) != 0)
        return 0;
    f->out->part = *p;
    f->out->node = node;
    snprintf(f->out->message, sizeof f->out->message, "%s", message != NULL ? message : "");
    return FOUND;
}

DWORD mw_bs_find(const mw_bs_node *root, const char *spec, mw_found_part *out)
{
    finder f = {spec, out};
    unsigned count;
    DWORD err = mw_bs_walk(root, find_one, &f, &count);
    return err == FOUND ? 0 : err != 0 ? err : ST_ERROR_MESSAGE_NOT_FOUND;
}

int mw_part_spec_valid(const char *spec)
{
    if (spec == NULL || strlen(spec) >= sizeof ((MIMEPARTA *)0)->szPart)
        return 0;
    if (spec[0] == '\0')
        return 1;
    const char *c = spec;
    for (;;) {
        if (*c < '1' || *c > '9')
            return 0; /* parts count from 1, with no leading zero */
        while (*c >= '0' && *c <= '9')
            c++;
        if (*c == '\0')
            return 1;
        if (strcmp(c, ".TEXT") == 0)
            return 1;
        if (*c++ != '.')
            return 0;
    }
}

/* ---- fetching decoded ---------------------------------------------------------------- */

static DWORD to_sink(void *ctx, const void *p, size_t n)
{
    return mw_sink_write(ctx, p, n);
}

/* Bytes from the server on their way to the pipe. The size the server
 * announces is checked against BODYSTRUCTURE's first: a server that sends
 * something else (GNU Mailutils sends the whole message part for a part
 * inside it, and cuts a last part whose final boundary is missing) has its
 * bytes dropped - read to the end, so the session stays in step - and the
 * part is read again from the message part around it. */
typedef struct piped {
    mw_part_pipe pipe;
    mw_session *s;
    int check;        /* compare the announced size with expect */
    uint64_t expect;
    int misaddressed;
    int started;
} piped;

static DWORD through_pipe(void *ctx, const void *p, size_t n)
{
    piped *pp = ctx;
    if (!pp->started) {
        pp->started = 1;
        pp->misaddressed = pp->check && atomic_load(&pp->s->xfer_total) != pp->expect;
    }
    return pp->misaddressed ? 0 : mw_part_pipe_feed(&pp->pipe, p, n);
}

/* One FETCH through a pipe into sink; *misaddressed_r when checked and the
 * server sent a body of another size. */
static DWORD fetch_piped(mw_session *s, UINT id, const char *spec, const mw_found_part *found,
                         DWORD options, int binary, mw_sink *sink, int *misaddressed_r)
{
    const MIMEPARTA *part = &found->part;
    int decode = (options & (MIME_DECODE | MIME_DECODE_UTF8)) != 0;
    int convert = (options & MIME_DECODE_UTF8) && (part->dwFlags & MIME_PART_TEXT) &&
                  part->szCharset[0] != '\0';
    piped pp = {.s = s, .check = !binary, .expect = part->dwPartSize};
    DWORD err = mw_part_pipe_open(&pp.pipe, part->szEncoding, decode && !binary,
                                  convert ? part->szCharset : NULL, to_sink, sink);
    if (err != 0)
        return err;
    mw_sink filter;
    mw_sink_filter(&filter, through_pipe, &pp);
    err = mw_imap_fetch_section(s, id, spec, options & (IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK),
                                binary, &filter);
    if (err == 0 && !pp.misaddressed)
        err = mw_part_pipe_finish(&pp.pipe);
    mw_part_pipe_close(&pp.pipe);
    *misaddressed_r = pp.misaddressed;
    return err;
}

/* ---- a part read from the message part it is in --------------------------------------- */

typedef struct extract {
    const char *rel; /* the part's specifier inside the message */
    mw_sink *sink;
} extract;

static DWORD extract_data(void *ctx, const MIMEPARTA *p, const void *d, size_t n)
{
    extract *x = ctx;
    return strcmp(p->szPart, x->rel) == 0 ? mw_sink_write(x->sink, d, n) : 0;
}

/* FETCHes message part found->message (the whole message for "") and
 * parses it for the part. */
static DWORD fetch_from_message(mw_session *s, UINT id, const char *spec, const mw_found_part *found,
                                DWORD options, mw_sink *sink)
{
    size_t skip = found->message[0] != '\0' ? strlen(found->message) + 1 : 0;
    const char *rel = spec + skip; /* "2.1" in "2": "1" */
    if (strcmp(rel, "TEXT") == 0)
        rel = ""; /* the message's multipart body */
    extract x = {rel, sink};
    mw_mime_events ev = {NULL, extract_data, NULL, &x};
    mw_parse_sink ps;
    DWORD err = mw_parse_sink_open(&ps, &ev, options & (MIME_DECODE | MIME_DECODE_UTF8));
    if (err != 0)
        return mw_parse_sink_close(&ps, err);
    DWORD transfer = mw_imap_fetch_section(s, id, found->message,
                                           options & (IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK), 0, &ps.sink);
    return mw_parse_sink_close(&ps, transfer);
}

DWORD mw_imap_fetch_part(mw_session *s, UINT id, const char *spec, const mw_found_part *found,
                         DWORD options, mw_sink *sink)
{
    int misaddressed = 0;
    if (found == NULL) /* as sent, and not inside a message part */
        return mw_imap_fetch_section(s, id, spec, options & (IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK), 0,
                                     sink);
    int nested = found->message[0] != '\0';
    int encoded = mw_cte_of(found->part.szEncoding) != MW_CTE_IDENTITY;
    int decode = (options & (MIME_DECODE | MIME_DECODE_UTF8)) != 0;
    /* the server decodes when it can; a part it cannot decode (NO
     * [UNKNOWN-CTE]) is asked for again as it is sent */
    if (decode && encoded && !nested && spec[0] != '\0' && mw_caps_has(&s->caps, "BINARY")) {
        DWORD err = fetch_piped(s, id, spec, found, options, 1, sink, &misaddressed);
        if (err != ST_ERROR_NOT_SUPPORTED || sink->total != 0)
            return err;
    }
    DWORD err = fetch_piped(s, id, spec, found, options, 0, sink, &misaddressed);
    if (sink->total == 0 && spec[0] != '\0' &&
        (misaddressed || (nested && err == ST_ERROR_MESSAGE_NOT_FOUND)))
        err = fetch_from_message(s, id, spec, found, options, sink);
    return err;
}
