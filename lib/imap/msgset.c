/* msgset.c - message sets parsed, compacted and cut into commands. */
#include "msgset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mailwire/errors.h>

#include "../proto/number.h"
#include "../sys/alloc.h"

/* One end of a range: an nz-number (no leading zero) or "*". */
static int parse_end(const char **pp, uint64_t *v_r)
{
    const char *p = *pp;
    if (*p == '*') {
        *pp = p + 1;
        *v_r = MW_MSGSET_STAR;
        return 0;
    }
    size_t n = 0;
    while (p[n] >= '0' && p[n] <= '9')
        n++;
    if (n == 0 || p[0] == '0' || mw_decimal(p, n, 0xFFFFFFFFu, v_r) != 0)
        return -1;
    *pp = p + n;
    return 0;
}

static DWORD push_range(mw_msgset *set, uint64_t lo, uint64_t hi)
{
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 16;
        mw_msgset_range *r = mw_realloc(set->r, cap * sizeof *r);
        if (r == NULL)
            return ST_ERROR_OUT_OF_MEMORY;
        set->r = r;
        set->cap = cap;
    }
    set->r[set->n].lo = lo < hi ? lo : hi; /* "7:5" is 5:7 */
    set->r[set->n].hi = lo < hi ? hi : lo;
    set->n++;
    return 0;
}

static int by_start(const void *a, const void *b)
{
    const mw_msgset_range *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Sorts, then folds each range into the one before where they overlap or
 * touch. */
static void compact(mw_msgset *set)
{
    if (set->n < 2)
        return;
    qsort(set->r, set->n, sizeof *set->r, by_start);
    size_t out = 0;
    for (size_t i = 1; i < set->n; i++) {
        mw_msgset_range *last = &set->r[out];
        if (set->r[i].lo <= last->hi + 1) {
            if (set->r[i].hi > last->hi)
                last->hi = set->r[i].hi;
        } else {
            set->r[++out] = set->r[i];
        }
    }
    set->n = out + 1;
}

/* Reads the set, each range into set unless it is NULL (a check only). */
static DWORD scan(const char *text, mw_msgset *set)
{
    const char *p = text;
    for (;;) {
        uint64_t lo, hi;
        if (parse_end(&p, &lo) != 0)
            return ST_ERROR_INVALID_PARAMETER;
        hi = lo;
        if (*p == ':') {
            p++;
            if (parse_end(&p, &hi) != 0)
                return ST_ERROR_INVALID_PARAMETER;
        }
        DWORD err = set != NULL ? push_range(set, lo, hi) : 0;
        if (err != 0 || *p == '\0')
            return err;
        if (*p++ != ',')
            return ST_ERROR_INVALID_PARAMETER;
    }
}

int mw_msgset_valid(const char *text)
{
    return scan(text, NULL) == 0;
}

DWORD mw_msgset_parse(mw_msgset *set, const char *text)
{
    memset(set, 0, sizeof *set);
    DWORD err = scan(text, set);
    if (err != 0)
        mw_msgset_free(set);
    else
        compact(set);
    return err;
}

void mw_msgset_free(mw_msgset *set)
{
    mw_free(set->r);
    memset(set, 0, sizeof *set);
}

int mw_msgset_may_hold(const mw_msgset *set, uint64_t v)
{
    if (set->n > 0 && set->r[set->n - 1].hi == MW_MSGSET_STAR)
        return 1; /* "*" is whatever the last message is, "n:*" too */
    return mw_msgset_holds(set, v);
}

int mw_msgset_holds(const mw_msgset *set, uint64_t v)
{
    size_t lo = 0, hi = set->n;
    while (lo < hi) { /* the ranges are sorted and apart */
        size_t mid = lo + (hi - lo) / 2;
        if (v < set->r[mid].lo)
            hi = mid;
        else if (v > set->r[mid].hi)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

static void end_text(uint64_t v, char *out, size_t cap)
{
    if (v == MW_MSGSET_STAR)
        snprintf(out, cap, "*");
    else
        snprintf(out, cap, "%lu", (unsigned long)v);
}

/* "5", "*", "5:9" or "5:*" into out; its length. */
static int format_range(const mw_msgset_range *r, char *out, size_t cap)
{
    char lo[12], hi[12];
    end_text(r->lo, lo, sizeof lo);
    end_text(r->hi, hi, sizeof hi);
    return r->lo == r->hi ? snprintf(out, cap, "%s", lo) : snprintf(out, cap, "%s:%s", lo, hi);
}

void mw_msgset_format(const mw_msgset *set, size_t *next, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (; *next < set->n; ++*next) {
        char one[24];
        int k = format_range(&set->r[*next], one, sizeof one);
        size_t need = (size_t)k + (len > 0);
        if (len + need >= cap && len > 0)
            return; /* the rest goes in the next command */
        if (len > 0)
            out[len++] = ',';
        memcpy(out + len, one, (size_t)k + 1);
        len += (size_t)k;
    }
}

size_t mw_msgset_from_numbers(const DWORD *v, size_t n, char *out, size_t cap)
{
    mw_msgset set;
    memset(&set, 0, sizeof set);
    for (size_t i = 0; i < n; i++) {
        if (v[i] != 0 && push_range(&set, v[i], v[i]) != 0) {
            mw_msgset_free(&set);
            return 0;
        }
    }
    compact(&set);
    size_t need = 1, len = 0;
    for (size_t i = 0; i < set.n; i++) {
        char one[24];
        need += (size_t)format_range(&set.r[i], one, sizeof one) + (i > 0);
    }
    for (size_t i = 0; out != NULL && cap >= need && i < set.n; i++) {
        if (i > 0)
            out[len++] = ',';
        len += (size_t)format_range(&set.r[i], out + len, cap - len);
    }
    if (out != NULL && cap >= need)
        out[len] = '\0';
    mw_msgset_free(&set);
    return need;
}
