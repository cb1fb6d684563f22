/*
 * ascii.h - case-insensitive comparison of ASCII text. Protocol words,
 * charset names and header names are ASCII: they compare the same in every
 * locale (strcasecmp follows the C locale), and Windows' C library has no
 * strcasecmp.
 */
#ifndef MW_ASCII_H
#define MW_ASCII_H

#include <stddef.h>

/* c with A-Z made a-z; every other byte as it is. */
int mw_ascii_tolower(int c);

/* <0, 0 or >0, as strcmp, with A-Z read as a-z. */
int mw_ascii_casecmp(const char *a, const char *b);
/* The same over at most n bytes, as strncmp. */
int mw_ascii_ncasecmp(const char *a, const char *b, size_t n);

#endif /* MW_ASCII_H */
