/*
 * number_run.h - a run of numbers separated by spaces, as a SEARCH line
 * carries them, parsed from bytes in any pieces, each number handed on as
 * soon as it is complete. The assembler streams such runs, whose length
 * grows with the mailbox, instead of holding them as text.
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

typedef struct mw_number_run {
    char digits[MW_NUMBER_RUN_DIGITS + 1]; /* the number being read */
    size_t ndigits;
    int huge;
    uint64_t count; /* numbers handed on */
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

#endif /* MW_IMAP_NUMBER_RUN_H */
