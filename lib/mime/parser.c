/*
 * parser.c - the streaming MIME parser (see parser.h).
 *
 * Open parts stand on a stack: a multipart's parts above it, the body of a
 * message/rfc822 part above that part. Body bytes are read line by line
 * but never held a line at a time: only a line's first bytes wait, while
 * they could still be a boundary of an open multipart, and the line end
 * before them, which belongs to the boundary if one follows.
 */
#include "parser.h"

#include <stdio.h>
#include <string.h>

#include "../proto/buf.h"
#include "../sys/alloc.h"
#include "mime.h"
#include "part.h"
#include "pipe.h"

#define BOUNDARY_MAX 128
/* "--", the boundary, "--", and blanks some mailers leave after it. */
#define HEAD_MAX (2 + BOUNDARY_MAX + 2 + 32)

enum kind { LEAF, MULTI, MESSAGE };
enum state { S_HEADERS, S_BODY, S_SKIP, S_DONE };
enum where { AT_ROOT, IN_MULTI, IN_MESSAGE };

typedef struct level {
    MIMEPARTA part;
    int kind;
    int closed;                  /* MULTI: its final boundary was seen */
    size_t blen;                 /* MULTI: strlen(part.szBoundary) */
    char child_prefix[128];      /* MULTI: its parts' specifiers start so */
    unsigned children;
    uint64_t size;
    uint64_t lines;
    uint64_t opened_at;          /* MESSAGE: where its body began */
    unsigned char last;          /* LEAF: the last body byte */
    mw_part_pipe pipe;
    int piping;
} level;

struct mw_mime_parser {
    mw_mime_events ev;
    DWORD options;
    level *stack; /* MIME_MAX_DEPTH + 1 */
    int depth;    /* levels open */
    int state;
    int next_where; /* where the part whose header is read stands */
    mw_buf header;
    size_t line_off; /* where the header line being read starts */
    unsigned char head[HEAD_MAX];
    size_t nhead;
    int line_start;
    unsigned char eol[2]; /* the line end held back */
    size_t neol;
    int cr_held;          /* mid-line: a CR ended the last piece */
    uint64_t pos;         /* bytes read so far, the step under way's included */
    unsigned nparts;
    DWORD err;
};

static level *top(mw_mime_parser *p)
{
    return p->depth > 0 ? &p->stack[p->depth - 1] : NULL;
}

/* ---- body bytes ------------------------------------------------------------------ */

static DWORD to_caller(void *ctx, const void *d, size_t n)
{
    mw_mime_parser *p = ctx;
    return p->ev.data != NULL ? p->ev.data(p->ev.ctx, &top(p)->part, d, n) : 0;
}

/* Bytes of the body being read: a leaf's go through its pipe; a
 * preamble's or epilogue's are dropped. */
static DWORD body(mw_mime_parser *p, const unsigned char *d, size_t n)
{
    level *l = top(p);
    if (p->state != S_BODY || n == 0)
        return 0;
    l->size += n;
    for (const unsigned char *c = d; (c = memchr(c, '\n', n - (size_t)(c - d))) != NULL; c++)
        l->lines++;
    l->last = d[n - 1];
    return mw_part_pipe_feed(&l->pipe, d, n);
}

/* Data: the line end held before it goes first. */
static DWORD data(mw_mime_parser *p, const unsigned char *d, size_t n)
{
    DWORD err = 0;
    if (p->neol > 0 && n > 0) {
        err = body(p, p->eol, p->neol);
        p->neol = 0;
    }
    return err != 0 ? err : body(p, d, n);
}

static DWORD flush_held(mw_mime_parser *p)
{
    unsigned char eol[2];
    size_t n = p->neol;
    memcpy(eol, p->eol, n);
    p->neol = 0;
    return body(p, eol, n);
}

/* ---- parts open and close -------------------------------------------------------- */

/* Ends the innermost open part; its content ended at end_at. */
static DWORD end_level(mw_mime_parser *p, uint64_t end_at)
{
    level *l = top(p);
    DWORD err = 0;
    if (l->piping) {
        err = mw_part_pipe_finish(&l->pipe);
        mw_part_pipe_close(&l->pipe);
        l->piping = 0;
    }
    if (l->kind == LEAF && l->size > 0 && l->last != '\n')
        l->lines++; /* a last line without its line end */
    if (l->kind == MESSAGE)
        l->size = end_at > l->opened_at ? end_at - l->opened_at : 0;
    l->part.dwPartSize = l->size > 0xFFFFFFFFu ? 0xFFFFFFFFu : (DWORD)l->size;
    l->part.dwLines = l->lines > 0xFFFFFFFFu ? 0xFFFFFFFFu : (DWORD)l->lines;
    l->part.nSubParts = l->children;
    if (err == 0 && p->ev.end != NULL)
        err = p->ev.end(p->ev.ctx, &l->part);
    p->depth--;
    if (p->depth > 0 && top(p)->kind == MESSAGE && p->state == S_BODY)
        p->state = S_SKIP; /* the rest of the message part is not a part's body */
    return err;
}

/* Ends the parts above stack index k. */
static DWORD end_above(mw_mime_parser *p, int k, uint64_t end_at)
{
    DWORD err = 0;
    while (err == 0 && p->depth > k + 1)
        err = end_level(p, end_at);
    return err;
}

/* The specifier of the part whose header was just read. */
static int spec_of(mw_mime_parser *p, int multipart, char *out, size_t cap)
{
    level *parent = top(p);
    int n;
    if (p->next_where == AT_ROOT)
        n = snprintf(out, cap, "%s", multipart ? "" : "1");
    else if (p->next_where == IN_MESSAGE)
        n = snprintf(out, cap, "%s.%s", parent->part.szPart, multipart ? "TEXT" : "1");
    else if (parent->child_prefix[0] == '\0')
        n = snprintf(out, cap, "%u", parent->children);
    else
        n = snprintf(out, cap, "%s.%u", parent->child_prefix, parent->children);
    return n >= 0 && (size_t)n < cap;
}

typedef struct fields_text {
    mw_buf type, disp, id, desc, cte, lang, loc, tok_type, tok_disp;
    mw_mime_param *params, *dparams;
    size_t nparams, ndparams;
} fields_text;

static void fields_free(fields_text *t)
{
    mw_buf *all[] = {&t->type, &t->disp, &t->id,  &t->desc,     &t->cte,
                     &t->lang, &t->loc,  &t->tok_type, &t->tok_disp};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        mw_buf_free(all[i]);
    mw_params_free(&t->params, t->nparams);
    mw_params_free(&t->dparams, t->ndparams);
}

/* A header field's value, NUL-terminated, or NULL when absent. */
static const char *field(mw_mime_parser *p, const char *name, mw_buf *b, DWORD *err)
{
    mw_buf_init(b, 0);
    if (*err != 0 || !mw_header_find((const char *)p->header.p, p->header.len, name, b, err))
        return NULL;
    *err = mw_buf_terminate(b);
    return *err == 0 ? (const char *)b->p : NULL;
}

/* "type/subtype" split in place. */
static void split_type(char *tok, const char **type_r, const char **sub_r)
{
    char *slash = strchr(tok, '/');
    *type_r = tok[0] != '\0' ? tok : NULL;
    *sub_r = NULL;
    if (slash != NULL) {
        *slash = '\0';
        *sub_r = slash + 1;
    }
}

/* Reads the header into the part's description. */
static DWORD describe(mw_mime_parser *p, MIMEPARTA *out)
{
    fields_text t;
    memset(&t, 0, sizeof t);
    mw_buf_init(&t.tok_type, 0);
    mw_buf_init(&t.tok_disp, 0);
    DWORD err = 0;
    mw_part_fields f = {0};
    const char *ct = field(p, "Content-Type", &t.type, &err);
    const char *cd = field(p, "Content-Disposition", &t.disp, &err);
    f.id = field(p, "Content-ID", &t.id, &err);
    f.description = field(p, "Content-Description", &t.desc, &err);
    f.encoding = field(p, "Content-Transfer-Encoding", &t.cte, &err);
    f.language = field(p, "Content-Language", &t.lang, &err);
    f.location = field(p, "Content-Location", &t.loc, &err);
    if (ct != NULL && err == 0)
        err = mw_params_parse(ct, strlen(ct), &t.tok_type, &t.params, &t.nparams);
    if (cd != NULL && err == 0)
        err = mw_params_parse(cd, strlen(cd), &t.tok_disp, &t.dparams, &t.ndparams);
    if (err == 0 && (err = mw_buf_terminate(&t.tok_type)) == 0 &&
        (err = mw_buf_terminate(&t.tok_disp)) == 0) {
        split_type((char *)t.tok_type.p, &f.type, &f.subtype);
        level *parent = top(p);
        if (f.type == NULL && p->next_where == IN_MULTI && strcmp(parent->part.szSubType, "digest") == 0) {
            f.type = "message"; /* RFC 2046 5.1.5 */
            f.subtype = "rfc822";
        }
        f.params = t.params;
        f.nparams = t.nparams;
        f.disposition = cd != NULL && t.tok_disp.len > 0 ? (const char *)t.tok_disp.p : NULL;
        f.dparams = t.dparams;
        f.ndparams = t.ndparams;
        err = mw_part_describe(&f, out);
    }
    fields_free(&t);
    return err;
}

static DWORD open_pipe(mw_mime_parser *p, level *l)
{
    int decode = (p->options & (MIME_DECODE | MIME_DECODE_UTF8)) != 0;
    int convert = (p->options & MIME_DECODE_UTF8) && (l->part.dwFlags & MIME_PART_TEXT) &&
                  l->part.szCharset[0] != '\0';
    DWORD err = mw_part_pipe_open(&l->pipe, l->part.szEncoding, decode,
                                  convert ? l->part.szCharset : NULL, to_caller, p);
    if (err == ST_ERROR_UNKNOWN_CHARSET) { /* said, not guessed: the bytes as they are */
        l->part.dwFlags |= MIME_PART_UNCONVERTED;
        err = mw_part_pipe_open(&l->pipe, l->part.szEncoding, decode, NULL, to_caller, p);
    }
    l->piping = err == 0;
    return err;
}

static int kind_of(const MIMEPARTA *part)
{
    if ((part->dwFlags & MIME_PART_MULTIPART) && part->szBoundary[0] != '\0')
        return MULTI;
    /* a message sent encoded is a leaf: its parts are not read */
    if ((part->dwFlags & MIME_PART_MESSAGE) && mw_cte_of(part->szEncoding) == MW_CTE_IDENTITY)
        return MESSAGE;
    return LEAF;
}

/* The header of the next part is complete: push it and begin its body,
 * which starts at body_at. */
static DWORD header_done(mw_mime_parser *p, uint64_t body_at)
{
    if (p->nparts >= MIME_MAX_PARTS || p->depth > MIME_MAX_DEPTH)
        return ST_ERROR_MESSAGE_TOO_COMPLEX;
    level *parent = top(p);
    level *l = &p->stack[p->depth];
    memset(l, 0, sizeof *l);
    l->part.dwSize = sizeof l->part;
    DWORD err = describe(p, &l->part);
    if (err != 0)
        return err;
    l->kind = kind_of(&l->part);
    if (!spec_of(p, l->kind == MULTI, l->part.szPart, sizeof l->part.szPart))
        return ST_ERROR_MESSAGE_TOO_COMPLEX;
    l->part.nIndex = p->nparts++;
    l->part.nParent = parent != NULL ? (INT)parent->part.nIndex : -1;
    l->part.nDepth = (UINT)p->depth;
    if (l->kind == MULTI) {
        l->blen = strlen(l->part.szBoundary);
        snprintf(l->child_prefix, sizeof l->child_prefix, "%s",
                 p->next_where == IN_MESSAGE ? parent->part.szPart : l->part.szPart);
    }
    if (p->next_where == IN_MESSAGE)
        parent->children = 1;
    l->opened_at = body_at;
    p->depth++;
    /* the header stays readable (mw_mime_parser_header) while begin runs */
    if (p->ev.begin != NULL)
        err = p->ev.begin(p->ev.ctx, &l->part);
    mw_buf_reset(&p->header);
    p->line_off = 0;
    if (err != 0)
        return err;
    p->line_start = 1;
    p->neol = 0;
    if (l->kind == MULTI) {
        p->state = S_SKIP; /* the preamble */
        return 0;
    }
    if (l->kind == MESSAGE) {
        p->state = S_HEADERS;
        p->next_where = IN_MESSAGE;
        return 0;
    }
    p->state = S_BODY;
    return open_pipe(p, l);
}

/* ---- boundaries ------------------------------------------------------------------ */

/* Whether head[0..n) can still grow into a boundary line of an open
 * multipart. */
static int could_be_boundary(const mw_mime_parser *p, const unsigned char *h, size_t n)
{
    if (n >= 1 && h[0] != '-')
        return 0;
    if (n >= 2 && h[1] != '-')
        return 0;
    for (int k = p->depth - 1; k >= 0; k--) {
        const level *l = &p->stack[k];
        if (l->kind != MULTI || l->closed)
            continue;
        size_t m = n - 2 < l->blen ? n - 2 : l->blen;
        if (n <= 2 || memcmp(h + 2, l->part.szBoundary, m) == 0)
            return 1;
    }
    return 0;
}

/* The stack index of the multipart whose boundary line h[0..n) is (line
 * end included), -1 if none; *closing_r for "--boundary--". */
static int boundary_line(const mw_mime_parser *p, const unsigned char *h, size_t n, int *closing_r)
{
    while (n > 0 && (h[n - 1] == '\n' || h[n - 1] == '\r' || h[n - 1] == ' ' || h[n - 1] == '\t'))
        n--;
    if (n < 2 || h[0] != '-' || h[1] != '-')
        return -1;
    for (int k = p->depth - 1; k >= 0; k--) {
        const level *l = &p->stack[k];
        if (l->kind != MULTI || l->closed || n - 2 < l->blen ||
            memcmp(h + 2, l->part.szBoundary, l->blen) != 0)
            continue;
        size_t rest = n - 2 - l->blen;
        if (rest == 0 || (rest == 2 && h[n - 2] == '-' && h[n - 1] == '-')) {
            *closing_r = rest == 2;
            return k;
        }
    }
    return -1;
}

/* A boundary of the multipart at stack index k, the content before it
 * ending at end_at: the parts inside it end; a new part's header follows,
 * or (closing) its epilogue. */
static DWORD boundary(mw_mime_parser *p, int k, int closing, uint64_t end_at)
{
    /* the line end held before it is the boundary's: the states that
     * follow (a header, a preamble or epilogue) drop it */
    if (p->state == S_BODY && p->depth > k + 1)
        p->state = S_SKIP;
    DWORD err = end_above(p, k, end_at);
    level *l = top(p);
    if (err != 0)
        return err;
    if (closing) {
        l->closed = 1;
        p->state = S_SKIP;
        return 0;
    }
    l->children++;
    p->state = S_HEADERS;
    p->next_where = IN_MULTI;
    mw_buf_reset(&p->header);
    p->line_off = 0;
    return 0;
}

/* ---- reading ---------------------------------------------------------------------- */

static int blank_line(const unsigned char *l, size_t n)
{
    return (n == 1 && l[0] == '\n') || (n == 2 && l[0] == '\r' && l[1] == '\n');
}

/* A line with no colon in its name: body text where a header should be. */
static int not_a_field(const unsigned char *l, size_t n)
{
    if (n > 0 && (l[0] == ' ' || l[0] == '\t'))
        return 0; /* a continuation */
    for (size_t i = 0; i < n; i++) {
        if (l[i] == ':')
            return i == 0;
        if (l[i] <= ' ')
            return 1;
    }
    return 1;
}

static DWORD body_from(mw_mime_parser *p, const unsigned char *d, size_t n);

/* A complete header line at the end of the header buffer. */
static DWORD header_line(mw_mime_parser *p)
{
    const unsigned char *l = p->header.p + p->line_off;
    size_t n = p->header.len - p->line_off;
    int closing = 0, k = boundary_line(p, l, n, &closing);
    if (p->depth == 0 && p->line_off == 0 && n >= 5 && memcmp(l, "From ", 5) == 0) {
        p->header.len = 0; /* an mbox separator before the message */
        return 0;
    }
    uint64_t line_at = p->pos - n; /* where this line starts */
    if (blank_line(l, n)) {
        p->header.len = p->line_off;
        return header_done(p, p->pos);
    }
    if (k >= 0) { /* a part with a header and no body */
        p->header.len = p->line_off;
        DWORD err = header_done(p, line_at);
        return err != 0 ? err : boundary(p, k, closing, line_at);
    }
    if (not_a_field(l, n)) { /* no blank line: the body starts here */
        mw_buf line;
        mw_buf_init(&line, 0);
        DWORD err = mw_buf_append(&line, l, n);
        p->header.len = p->line_off;
        if (err == 0)
            err = header_done(p, line_at);
        uint64_t after = p->pos;
        p->pos = line_at; /* read again, from where it starts */
        if (err == 0)
            err = body_from(p, line.p, line.len);
        p->pos = after;
        mw_buf_free(&line);
        return err;
    }
    p->line_off = p->header.len;
    return 0;
}

static size_t step_header(mw_mime_parser *p, const unsigned char *in, size_t len, DWORD *err)
{
    const unsigned char *lf = memchr(in, '\n', len);
    size_t n = lf != NULL ? (size_t)(lf - in) + 1 : len;
    p->pos += n;
    if (p->header.len + n > MIME_MAX_HEADER) {
        *err = ST_ERROR_MESSAGE_TOO_COMPLEX;
        return n;
    }
    *err = mw_buf_append(&p->header, in, n);
    if (*err == 0 && lf != NULL)
        *err = header_line(p);
    return n;
}

/* The head of a line is complete (ends in LF) or cannot be a boundary. */
static DWORD head_done(mw_mime_parser *p, int complete)
{
    int closing = 0, k = complete ? boundary_line(p, p->head, p->nhead, &closing) : -1;
    size_t n = p->nhead;
    p->nhead = 0;
    if (k >= 0) /* the content ended before the line end held */
        return boundary(p, k, closing, p->pos - n - p->neol);
    size_t eol = 0;
    if (complete)
        eol = n >= 2 && p->head[n - 2] == '\r' ? 2 : 1;
    int cr_last = !complete && p->head[n - 1] == '\r'; /* perhaps a line end's start */
    DWORD err = data(p, p->head, n - eol - (size_t)cr_last);
    p->cr_held = cr_last;
    if (err == 0 && eol > 0) {
        if (p->neol > 0 && (err = flush_held(p)) != 0)
            return err;
        memcpy(p->eol, p->head + n - eol, eol);
        p->neol = eol;
    }
    p->line_start = complete;
    return err;
}

static size_t step_line_start(mw_mime_parser *p, const unsigned char *in, size_t len, DWORD *err)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = in[i++];
        p->pos++;
        p->head[p->nhead++] = c;
        if (c == '\n') {
            *err = head_done(p, 1);
            return i;
        }
        if (p->nhead == HEAD_MAX || !could_be_boundary(p, p->head, p->nhead)) {
            *err = head_done(p, 0);
            return i;
        }
    }
    return i;
}

static size_t step_mid_line(mw_mime_parser *p, const unsigned char *in, size_t len, DWORD *err)
{
    const unsigned char *lf = memchr(in, '\n', len);
    size_t n = lf != NULL ? (size_t)(lf - in) : len;
    int cr_before = p->cr_held;
    p->cr_held = 0;
    if (lf == NULL) { /* a CR last may start this line's end */
        int hold = n > 0 && in[n - 1] == '\r';
        if (cr_before)
            *err = data(p, (const unsigned char *)"\r", 1);
        if (*err == 0)
            *err = data(p, in, n - (size_t)hold);
        p->cr_held = hold;
        p->pos += len;
        return len;
    }
    size_t run = n > 0 && in[n - 1] == '\r' ? n - 1 : n;
    int crlf = run < n || (n == 0 && cr_before);
    if (cr_before && n > 0)
        *err = data(p, (const unsigned char *)"\r", 1);
    if (*err == 0)
        *err = data(p, in, run);
    if (*err == 0 && p->neol > 0)
        *err = flush_held(p);
    memcpy(p->eol, crlf ? "\r\n" : "\n", crlf ? 2 : 1);
    p->neol = crlf ? 2 : 1;
    p->line_start = 1;
    p->pos += n + 1;
    return n + 1;
}

static size_t step(mw_mime_parser *p, const unsigned char *in, size_t len, DWORD *err)
{
    if (p->state == S_HEADERS)
        return step_header(p, in, len, err);
    if (p->state == S_DONE) { /* after the outermost part ended: nothing more is read */
        p->pos += len;
        return len;
    }
    if (p->line_start)
        return step_line_start(p, in, len, err);
    return step_mid_line(p, in, len, err);
}

static DWORD body_from(mw_mime_parser *p, const unsigned char *d, size_t n)
{
    DWORD err = 0;
    for (size_t i = 0; i < n && err == 0;)
        i += step(p, d + i, n - i, &err);
    return err;
}

/* ---- the interface ---------------------------------------------------------------- */

DWORD mw_mime_parser_new(const mw_mime_events *ev, DWORD options, mw_mime_parser **p_r)
{
    *p_r = NULL;
    mw_mime_parser *p = mw_calloc(1, sizeof *p);
    if (p == NULL || (p->stack = mw_calloc(MIME_MAX_DEPTH + 1, sizeof *p->stack)) == NULL) {
        mw_free(p);
        return ST_ERROR_OUT_OF_MEMORY;
    }
    p->ev = *ev;
    p->options = options;
    p->state = S_HEADERS;
    p->next_where = AT_ROOT;
    p->line_start = 1;
    mw_buf_init(&p->header, 0);
    *p_r = p;
    return 0;
}

DWORD mw_mime_parser_feed(mw_mime_parser *p, const void *data_in, size_t len)
{
    const unsigned char *in = data_in;
    for (size_t i = 0; i < len && p->err == 0;)
        i += step(p, in + i, len - i, &p->err); /* which counts p->pos */
    return p->err;
}

/* The end of input in the middle of a body: what waits is body. */
static DWORD finish_body(mw_mime_parser *p)
{
    DWORD err = 0;
    if (p->nhead > 0) {
        int closing = 0, k = boundary_line(p, p->head, p->nhead, &closing);
        size_t n = p->nhead;
        p->nhead = 0;
        err = k >= 0 ? boundary(p, k, closing, p->pos - n - p->neol) : data(p, p->head, n);
    }
    if (err == 0 && p->cr_held)
        err = data(p, (const unsigned char *)"\r", 1);
    p->cr_held = 0;
    if (err == 0 && p->neol > 0)
        err = flush_held(p);
    return err;
}

DWORD mw_mime_parser_finish(mw_mime_parser *p)
{
    if (p->err != 0 || p->state == S_DONE)
        return p->err;
    if (p->state == S_HEADERS && (p->header.len > 0 || p->depth == 0 || p->next_where == IN_MESSAGE))
        p->err = header_done(p, p->pos); /* a header without a body */
    if (p->err == 0 && p->state != S_HEADERS)
        p->err = finish_body(p);
    while (p->err == 0 && p->depth > 0)
        p->err = end_level(p, p->pos);
    if (p->err == 0)
        p->state = S_DONE;
    return p->err;
}

const void *mw_mime_parser_header(const mw_mime_parser *p, size_t *len_r)
{
    *len_r = p->header.len;
    return p->header.p != NULL ? p->header.p : (const void *)"";
}

unsigned mw_mime_parser_parts(const mw_mime_parser *p)
{
    return p->nparts;
}

void mw_mime_parser_free(mw_mime_parser **pp)
{
    mw_mime_parser *p = *pp;
    if (p == NULL)
        return;
    for (int i = 0; i < p->depth; i++)
        if (p->stack[i].piping)
            mw_part_pipe_close(&p->stack[i].pipe);
    mw_buf_free(&p->header);
    mw_free(p->stack);
    mw_free(p);
    *pp = NULL;
}
