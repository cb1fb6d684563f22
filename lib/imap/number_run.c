/* number_run.c - numbers separated by blanks, or sets of them, streamed
 * (number_run.h). */
#include "number_run.h"

#include <string.h>

#include "../proto/number.h"

void mw_number_run_start(mw_number_run *r)
{
    memset(r, 0, sizeof *r);
}

/* Twenty digits can pass 2^64: the shared parser refuses what would wrap. */
static uint64_t value_of(const mw_number_run *r)
{
    uint64_t v;
    if (r->huge || mw_decimal(r->digits, r->ndigits, UINT64_MAX, &v) != 0)
        return MW_NUMBER_RUN_HUGE;
    return v;
}

/* Hands on the number read so far, if any. */
static DWORD finish_number(mw_number_run *r, mw_number_fn fn, void *ctx)
{
    if (r->ndigits == 0 && !r->huge)
        return 0;
    DWORD err = fn(ctx, value_of(r));
    r->count++;
    r->ndigits = 0;
    r->huge = 0;
    return err;
}

static void add_digit(mw_number_run *r, unsigned char c)
{
    if (r->ndigits == MW_NUMBER_RUN_DIGITS)
        r->huge = 1; /* keep the first digits: they are shown if the run breaks */
    else
        r->digits[r->ndigits++] = (char)c;
}

/* The element read so far ("5" or "5:9") is complete: handed on. */
static DWORD finish_element(mw_number_run *r, mw_range_fn fn, void *ctx)
{
    if (r->ndigits == 0 && !r->huge) {
        r->broken |= r->ranged; /* "5:" */
        r->ranged = 0;
        return 0;
    }
    uint64_t v = value_of(r);
    DWORD err = fn(ctx, r->ranged ? r->lo : v, v);
    r->count++;
    r->ndigits = 0;
    r->huge = 0;
    r->ranged = 0;
    return err;
}

/* ':' in an element: what came before is its first number. */
static void start_range(mw_number_run *r)
{
    if (r->ranged || (r->ndigits == 0 && !r->huge)) {
        r->broken = 1; /* "5:6:7", ":5" */
        return;
    }
    r->lo = value_of(r);
    r->ranged = 1;
    r->ndigits = 0;
    r->huge = 0;
}

/* Where a run's numbers go: one by one, or as set elements. */
typedef struct run_sink {
    mw_number_fn number; /* NULL for a set */
    mw_range_fn range;
    void *ctx;
} run_sink;

static DWORD finish(mw_number_run *r, const run_sink *k)
{
    return k->number != NULL ? finish_number(r, k->number, k->ctx) : finish_element(r, k->range, k->ctx);
}

/* Numbers end at a blank; set elements at ',' or CR, the set at a space
 * (not taken). The line's LF ends either. */
static DWORD feed(mw_number_run *r, const unsigned char *p, size_t len, const run_sink *k,
                  size_t *used_r, mw_run_end *end_r)
{
    int set = k->number == NULL;
    DWORD err = 0;
    size_t i = 0;
    *end_r = MW_RUN_MORE;
    for (; i < len && err == 0; i++) {
        unsigned char c = p[i];
        if (c >= '0' && c <= '9') {
            add_digit(r, c);
        } else if (set && c == ':') {
            start_range(r);
        } else if (c == '\r' || (set ? c == ',' : c == ' ')) {
            r->broken |= set && c == ',' && r->ndigits == 0 && !r->huge; /* ",," */
            err = finish(r, k);
        } else if (c == '\n') {
            err = finish(r, k);
            *end_r = MW_RUN_LF;
            i++;
            break;
        } else {
            if (set && c == ' ')
                err = finish(r, k);
            *end_r = MW_RUN_OTHER;
            break;
        }
    }
    *used_r = i;
    return err;
}

DWORD mw_number_run_feed(mw_number_run *r, const unsigned char *p, size_t len, mw_number_fn fn,
                         void *ctx, size_t *used_r, mw_run_end *end_r)
{
    run_sink k = {fn, NULL, ctx};
    return feed(r, p, len, &k, used_r, end_r);
}

DWORD mw_set_run_feed(mw_number_run *r, const unsigned char *p, size_t len, mw_range_fn fn,
                      void *ctx, size_t *used_r, mw_run_end *end_r)
{
    run_sink k = {NULL, fn, ctx};
    return feed(r, p, len, &k, used_r, end_r);
}
