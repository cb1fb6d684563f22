/* assembler.c - IMAP responses assembled from bytes, literals included. */
#include "assembler.h"

#include <string.h>

#include <mailwire/errors.h>

#include "../sys/ascii.h"

/* The response a number run starts: the numbers follow it. */
#define RUN_PREFIX "* SEARCH "
#define RUN_PREFIX_LEN (sizeof RUN_PREFIX - 1)

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
    mw_number_run_start(&a->run);
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

/* While the start of a response that may open a number run is coming in:
 * how many more bytes to take before deciding (0: decided). */
static size_t run_prefix_room(const mw_imap_asm *a)
{
    if (a->run_checked || a->hooks == NULL || a->hooks->number == NULL || a->line_start != 0)
        return 0;
    return a->text.len < RUN_PREFIX_LEN ? RUN_PREFIX_LEN - a->text.len : 0;
}

/* The response's first bytes are in: a number run starts after them, or
 * the line goes on as text. */
static void decide_run(mw_imap_asm *a)
{
    a->run_checked = 1;
    if (a->text.len == RUN_PREFIX_LEN &&
        mw_ascii_ncasecmp((const char *)a->text.p, RUN_PREFIX, RUN_PREFIX_LEN) == 0) {
        /* "* SEARCH"; the run itself was reset with the response */
        a->text.len = RUN_PREFIX_LEN - 1;
        a->state = ASM_NUMBERS;
    }
}

static DWORD feed_line(mw_imap_asm *a, const unsigned char *p, size_t len, size_t *used, int *done)
{
    const unsigned char *lf = memchr(p, '\n', len);
    size_t take = lf != NULL ? (size_t)(lf - p) + 1 : len;
    size_t room = run_prefix_room(a);
    if (room > 0 && room < take) { /* up to the decision, no further */
        take = room;
        lf = NULL;
    }
    size_t keep = lf != NULL ? take - 1 : take;
    if (a->text.len - a->line_start + keep > MW_IMAP_LINE_MAX + 1)
        return ST_ERROR_RESPONSE_TOO_LARGE;
    DWORD err = mw_buf_append(&a->text, p, keep);
    *used = take;
    if (err == 0 && room > 0 && lf == NULL && run_prefix_room(a) == 0)
        decide_run(a);
    if (err != 0 || lf == NULL)
        return err;
    a->run_checked = 1; /* a line shorter than the prefix */
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
    DWORD err = mw_number_run_feed(&a->run, p, len, a->hooks->number, a->hooks->ctx, used, &end);
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
