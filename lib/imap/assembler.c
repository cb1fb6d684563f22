/* assembler.c - IMAP responses assembled from bytes, literals included. */
#include "assembler.h"

#include <string.h>

#include <mailwire/errors.h>

#include "../sys/ascii.h"

/* The responses that open a run: the numbers (or the set) follow the
 * prefix. "* VANISHED (EARLIER) " and "* VANISHED " share a start: the
 * bytes decide which. */
static const struct {
    const char *prefix;
    mw_imap_run_kind kind;
} runs[] = {
    {"* SEARCH ", MW_RUN_SEARCH},
    {"* SORT ", MW_RUN_SEARCH},
    {"* VANISHED ", MW_RUN_VANISHED},
    {"* VANISHED (EARLIER) ", MW_RUN_VANISHED_EARLIER},
};
#define NRUNS (sizeof runs / sizeof runs[0])

void mw_imap_asm_init(mw_imap_asm *a)
{
    memset(a, 0, sizeof *a);
    mw_buf_init(&a->text, MW_IMAP_RESPONSE_MAX);
}

void mw_imap_asm_free(mw_imap_asm *a)
{
    mw_buf_free(&a->text);
}

void mw_imap_asm_reset(mw_imap_asm *a)
{
    mw_buf_reset(&a->text);
    a->state = ASM_LINE;
    a->remaining = 0;
    a->line_start = 0;
    a->nstreamed = 0;
    a->run_checked = 0;
    a->run_kind = MW_RUN_NONE;
    mw_number_run_start(&a->run);
    a->flags_cut = 0;
}

/* Does the line text[start..len) end in "{n}" or "{n+}"? */
static DWORD literal_at_end(const mw_buf *t, size_t start, int *has_r, uint64_t *n_r)
{
    const char *s = (const char *)t->p + start;
    size_t len = t->len - start;
    *has_r = 0;
    if (len < 3 || s[len - 1] != '}')
        return 0;
    size_t end = len - 1;
    if (s[end - 1] == '+')
        end--; /* LITERAL+ form; a server should not, but it is harmless */
    size_t i = end;
    while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
        i--;
    if (i == 0 || i == end || s[i - 1] != '{')
        return 0;
    if (end - i > 10) /* more digits than any 32-bit size: refuse unread */
        return ST_ERROR_RESPONSE_TOO_LARGE;
    uint64_t v = 0;
    for (size_t k = i; k < end; k++)
        v = v * 10 + (uint64_t)(s[k] - '0');
    *has_r = 1;
    *n_r = v;
    return 0;
}

/* The line is complete (CRLF consumed): a literal follows, or the end. */
static DWORD end_of_line(mw_imap_asm *a, int *done_r)
{
    int has;
    uint64_t n;
    DWORD err = literal_at_end(&a->text, a->line_start, &has, &n);
    if (err != 0)
        return err;
    if (!has) {
        *done_r = 1;
        return 0;
    }
    const mw_imap_body_hooks *h = a->hooks;
    if (h != NULL && h->claim != NULL && n <= MW_IMAP_BODY_LITERAL_MAX &&
        h->claim(h->ctx, (const char *)a->text.p, a->text.len, n)) {
        /* keep "{0}" in the text: the bytes go to the consumer */
        size_t open = a->text.len;
        while (a->text.p[open - 1] != '{')
            open--;
        a->text.len = open;
        err = mw_buf_append(&a->text, "0}\r\n", 4);
        if (a->nstreamed < MW_IMAP_ASM_STREAMED_MAX) {
            a->streamed[a->nstreamed].end = a->text.len;
            a->streamed[a->nstreamed++].size = n;
        }
        a->state = ASM_BODY;
        a->remaining = n;
        if (err == 0 && n == 0) {
            a->state = ASM_LINE;
            a->line_start = a->text.len;
            err = h->end(h->ctx);
        }
        return err;
    }
    if (n > MW_IMAP_NONBODY_LITERAL_MAX)
        return ST_ERROR_RESPONSE_TOO_LARGE;
    err = mw_buf_append(&a->text, "\r\n", 2);
    a->state = ASM_LITERAL;
    a->remaining = n;
    if (n == 0) {
        a->state = ASM_LINE;
        a->line_start = a->text.len;
    }
    return err;
}

/* The prefix of run k (the static ones, then the command's own), NULL
 * when no one takes that run now. */
static const char *run_prefix(const mw_imap_asm *a, size_t k, mw_imap_run_kind *kind_r)
{
    if (k == NRUNS) {
        *kind_r = MW_RUN_CALL_SET;
        /* an empty prefix names no response: it would open a run at once */
        const mw_imap_body_hooks *h = a->hooks;
        return h != NULL && h->set_range != NULL && h->set_prefix != NULL && h->set_prefix[0] != '\0'
                   ? h->set_prefix
                   : NULL;
    }
    *kind_r = runs[k].kind;
    if (runs[k].kind == MW_RUN_SEARCH)
        return a->hooks != NULL && a->hooks->number != NULL ? runs[k].prefix : NULL;
    return a->vanished.fn != NULL ? runs[k].prefix : NULL;
}

/* Is the response's first line still short of deciding whether it opens
 * a run? */
static int deciding_run(const mw_imap_asm *a)
{
    mw_imap_run_kind kind;
    if (a->run_checked || a->line_start != 0)
        return 0;
    for (size_t k = 0; k <= NRUNS; k++)
        if (run_prefix(a, k, &kind) != NULL)
            return 1;
    return 0;
}

/* Does byte b after the text so far still follow some wanted prefix? */
static int extends_prefix(const mw_imap_asm *a, unsigned char b)
{
    size_t n = a->text.len;
    mw_imap_run_kind kind;
    for (size_t k = 0; k <= NRUNS; k++) {
        const char *pre = run_prefix(a, k, &kind);
        if (pre != NULL && strlen(pre) > n && mw_ascii_ncasecmp((const char *)a->text.p, pre, n) == 0 &&
            mw_ascii_ncasecmp(pre + n, (const char *)&b, 1) == 0)
            return 1;
    }
    return 0;
}

/* The next byte follows no prefix: the text so far opens a run if it is
 * a whole prefix, else the line goes on as text. */
static void decide_run(mw_imap_asm *a)
{
    mw_imap_run_kind kind;
    a->run_checked = 1;
    for (size_t k = 0; k <= NRUNS; k++) {
        const char *pre = run_prefix(a, k, &kind);
        size_t n = pre != NULL ? strlen(pre) : 0;
        if (pre != NULL && a->text.len == n && mw_ascii_ncasecmp((const char *)a->text.p, pre, n) == 0) {
            a->text.len = n - 1; /* keep "* SEARCH"; the run was reset with the response */
            a->run_kind = kind;
            a->state = ASM_NUMBERS;
            return;
        }
    }
}

/* The response's first bytes, while they may open a run: taken one by one
 * as long as they follow a prefix, so none is taken past the decision. */
static DWORD feed_prefix(mw_imap_asm *a, const unsigned char *p, size_t len, size_t *used)
{
    size_t i = 0;
    DWORD err = 0;
    for (; i < len && err == 0 && extends_prefix(a, p[i]); i++)
        err = mw_buf_append(&a->text, p + i, 1);
    *used = i;
    if (err == 0 && i < len)
        decide_run(a);
    return err;
}

/* The line reaches the limit with the room bytes at p: fatal, unless it
 * is inside a flag list, which is then read on without its keywords. */
static DWORD line_at_limit(mw_imap_asm *a, const unsigned char *p, size_t room, size_t *used)
{
    size_t list;
    DWORD err = mw_buf_append(&a->text, p, room);
    *used = room;
    if (err != 0)
        return err;
    if (!mw_flag_list_open((const char *)a->text.p + a->line_start, a->text.len - a->line_start, &list))
        return ST_ERROR_RESPONSE_TOO_LARGE;
    a->flags_cut = 1;
    a->state = ASM_FLAGS;
    return mw_flag_run_start(&a->flag_run, &a->text, a->line_start + list);
}

static DWORD feed_flags(mw_imap_asm *a, const unsigned char *p, size_t len, size_t *used)
{
    int closed;
    DWORD err = mw_flag_run_feed(&a->flag_run, &a->text, p, len, used, &closed);
    if (closed)
        a->state = ASM_LINE;
    return err;
}

static DWORD feed_line(mw_imap_asm *a, const unsigned char *p, size_t len, size_t *used, int *done)
{
    if (deciding_run(a))
        return feed_prefix(a, p, len, used);
    const unsigned char *lf = memchr(p, '\n', len);
    size_t take = lf != NULL ? (size_t)(lf - p) + 1 : len;
    size_t keep = lf != NULL ? take - 1 : take;
    size_t line_len = a->text.len - a->line_start;
    if (line_len + keep > MW_IMAP_LINE_MAX + 1)
        return line_at_limit(a, p, MW_IMAP_LINE_MAX + 1 - line_len, used);
    DWORD err = mw_buf_append(&a->text, p, keep);
    *used = take;
    if (err != 0 || lf == NULL)
        return err;
    if (a->text.len > a->line_start && a->text.p[a->text.len - 1] == '\r')
        a->text.len--;
    a->text.p[a->text.len] = '\0';
    return end_of_line(a, done);
}

static DWORD feed_literal(mw_imap_asm *a, const unsigned char *p, size_t len, size_t *used)
{
    size_t take = a->remaining < len ? (size_t)a->remaining : len;
    DWORD err = a->state == ASM_BODY ? a->hooks->data(a->hooks->ctx, p, take)
                                     : mw_buf_append(&a->text, p, take);
    *used = take;
    a->remaining -= take;
    if (err == 0 && a->remaining == 0) {
        if (a->state == ASM_BODY)
            err = a->hooks->end(a->hooks->ctx);
        a->state = ASM_LINE;
        a->line_start = a->text.len;
    }
    return err;
}

/* The line ended inside the run: the response is "* SEARCH", complete
 * unless a literal... which a number run cannot announce. */
static DWORD end_of_run_line(mw_imap_asm *a, int *done_r)
{
    a->state = ASM_LINE;
    DWORD err = mw_buf_terminate(&a->text);
    if (err == 0)
        err = end_of_line(a, done_r);
    return err;
}

/* Something that is no number ends the run: it and the digits before it
 * go on as text, under the line limit. */
static DWORD leave_run(mw_imap_asm *a)
{
    a->state = ASM_LINE;
    DWORD err = mw_buf_append(&a->text, " ", 1);
    if (err == 0)
        err = mw_buf_append(&a->text, a->run.digits, a->run.ndigits);
    return err;
}

static DWORD feed_numbers(mw_imap_asm *a, const unsigned char *p, size_t len, size_t *used,
                          int *done)
{
    mw_run_end end;
    DWORD err;
    if (a->run_kind == MW_RUN_SEARCH)
        err = mw_number_run_feed(&a->run, p, len, a->hooks->number, a->hooks->ctx, used, &end);
    else if (a->run_kind == MW_RUN_CALL_SET)
        err = mw_set_run_feed(&a->run, p, len, a->hooks->set_range, a->hooks->ctx, used, &end);
    else
        err = mw_set_run_feed(&a->run, p, len,
                              a->run_kind == MW_RUN_VANISHED ? a->vanished.fn : a->vanished.earlier_fn,
                              a->vanished.ctx, used, &end);
    if (err != 0 || end == MW_RUN_MORE)
        return err;
    return end == MW_RUN_LF ? end_of_run_line(a, done) : leave_run(a);
}

DWORD mw_imap_asm_feed(mw_imap_asm *a, const unsigned char *p, size_t len, size_t *used_r,
                       int *done_r)
{
    size_t total = 0;
    *done_r = 0;
    while (total < len && !*done_r) {
        size_t used = 0;
        DWORD err;
        if (a->state == ASM_LINE)
            err = feed_line(a, p + total, len - total, &used, done_r);
        else if (a->state == ASM_NUMBERS)
            err = feed_numbers(a, p + total, len - total, &used, done_r);
        else if (a->state == ASM_FLAGS)
            err = feed_flags(a, p + total, len - total, &used);
        else
            err = feed_literal(a, p + total, len - total, &used);
        total += used;
        if (err != 0) {
            *used_r = total;
            return err;
        }
    }
    *used_r = total;
    return mw_buf_terminate(&a->text);
}
