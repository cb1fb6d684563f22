/* number.h - decimal numbers a server sends, checked against the range of
 * their field: shared by the IMAP and POP3 readers. */
#ifndef MW_NUMBER_H
#define MW_NUMBER_H

#include <stddef.h>
#include <stdint.h>

/* The decimal digits p[0..len) into *v_r: 0, or -1 when len is 0, a byte
 * is not a digit, or the value passes max (never saturated or wrapped). */
int mw_decimal(const char *p, size_t len, uint64_t max, uint64_t *v_r);

#endif
