/*
 * msgset.h - message sets ("1:*", "4,7:9") read from the caller's text,
 * put in order with their overlaps merged, and written back out as
 * commands of bounded length. A caller may pass a set of a million UIDs;
 * servers refuse command lines past about 8 KB, so a long set is sent as
 * several commands, each carrying the compacted ranges that fit.
 */
#ifndef MW_IMAP_MSGSET_H
#define MW_IMAP_MSGSET_H

#include <stddef.h>
#include <stdint.h>

#include <mailwire/types.h>

/* "*" (the last message): above every number, so it sorts last. */
#define MW_MSGSET_STAR ((uint64_t)1 << 32)
/* The most bytes of set text one command carries: the command around it
 * stays under 8,192 bytes, the smallest line limit servers are known to
 * enforce. */
#define MW_MSGSET_CHUNK_MAX 7680u

typedef struct mw_msgset_range {
    uint64_t lo, hi; /* lo <= hi; MW_MSGSET_STAR for "*" */
} mw_msgset_range;

typedef struct mw_msgset {
    mw_msgset_range *r;
    size_t n, cap;
} mw_msgset;

/* Reads text (nz-numbers up to 2^32-1 or "*", single or as "a:b", joined
 * by commas); ST_ERROR_INVALID_PARAMETER for anything else. The ranges
 * come out sorted, overlapping and adjacent ones merged: "3,1,2,7:5"
 * becomes 1:3,5:7. */
DWORD mw_msgset_parse(mw_msgset *set, const char *text);
void mw_msgset_free(mw_msgset *set);
/* Whether the server may answer about number v for this set: v is in a
 * range, or the set names "*" (the last message, whatever its number:
 * "999:*" holds the last UID even when that is 3). */
int mw_msgset_may_hold(const mw_msgset *set, uint64_t v);
/* Whether v is in one of the ranges, "*" standing for a number above
 * every 32-bit one (so "5:*" holds 9, and "*" alone holds none). */
int mw_msgset_holds(const mw_msgset *set, uint64_t v);
/* Nonzero when text is a set mw_msgset_parse takes; allocates nothing. */
int mw_msgset_valid(const char *text);
/* Writes the ranges from *next on into out (cap bytes, NUL included; at
 * least 24), as many as fit, and moves *next past them. */
void mw_msgset_format(const mw_msgset *set, size_t *next, char *out, size_t cap);

/* The set of n numbers (any order, repeats allowed) with its runs
 * compacted: {9, 1, 2, 3, 5} gives "1:3,5,9". Writes it into out when cap
 * is enough; returns the bytes it needs, NUL included ("" for n 0), or 0
 * when no memory could be had to put the numbers in order. Numbers of 0
 * are left out. */
size_t mw_msgset_from_numbers(const DWORD *v, size_t n, char *out, size_t cap);

#endif /* MW_IMAP_MSGSET_H */
