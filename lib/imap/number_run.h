/*
 * number_run.h - a run of numbers separated by spaces, as a SEARCH line
 * carries them, or a set of them ("1:5,7,9:12", as VANISHED carries it),
 * parsed from bytes in any pieces, each number or range handed on as soon
 * as it is complete. The assembler streams such runs, whose length grows
 * with the mailbox, instead of holding them as text.
 */
#ifndef MW_IMAP_NUMBER_RUN_H
#define MW_IMAP_NUMBER_RUN_H

#include <stddef.h>
#include <stdint.h>

#include <mailwire/types.h>

/* A number past 64 bits (at most this many digits are kept) is handed on
 * as MW_NUMBER_RUN_HUGE, for the consumer to refuse; none is wrapped. */
#define MW_NUMBER_RUN_DIGITS 20
#define MW_NUMBER_RUN_HUGE UINT64_MAX

typedef DWORD (*mw_number_fn)(void *ctx, uint64_t n);
/* One element of a set: lo..hi as sent ("9:5" gives 9, 5), lo == hi for
 * a single number; either may be MW_NUMBER_RUN_HUGE. */
typedef DWORD (*mw_range_fn)(void *ctx, uint64_t lo, uint64_t hi);

typedef struct mw_number_run {
    char digits[MW_NUMBER_RUN_DIGITS + 1]; /* the number being read */
    size_t ndigits;
    int huge;
    uint64_t count; /* numbers (or set elements) handed on */
    uint64_t lo;    /* set: the first number of "lo:hi", once ':' came */
    int ranged;     /* set: ':' came in this element */
    int broken;     /* set: an element without digits (",,", "5:", ":5") */
} mw_number_run;

typedef enum {
    MW_RUN_MORE,  /* every byte was taken: feed more */
    MW_RUN_LF,    /* the line ended: the LF was taken */
    MW_RUN_OTHER  /* a byte that is no digit or blank: not taken */
} mw_run_end;

void mw_number_run_start(mw_number_run *r);
/* Takes bytes until the line ends or a byte that belongs to no number
 * comes; *used_r says how many were taken. On MW_RUN_OTHER the digits of
 * an unfinished number stay in r->digits: they belong to the text that
 * follows ("5x" is no number). Errors are fn's. */
DWORD mw_number_run_feed(mw_number_run *r, const unsigned char *p, size_t len, mw_number_fn fn,
                         void *ctx, size_t *used_r, mw_run_end *end_r);
/* The same for a set: elements joined by ',' end at a blank or the line's
 * end; a space ends the set (MW_RUN_OTHER, the space not taken). */
DWORD mw_set_run_feed(mw_number_run *r, const unsigned char *p, size_t len, mw_range_fn fn,
                      void *ctx, size_t *used_r, mw_run_end *end_r);

#endif /* MW_IMAP_NUMBER_RUN_H */
