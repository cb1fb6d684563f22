/*
 * text.h - text crossing the API: UTF-8 for A functions, wchar_t for W
 * functions (UTF-32 where wchar_t is 4 bytes, UTF-16 where it is 2).
 */
#ifndef MW_TEXT_H
#define MW_TEXT_H

#include <stddef.h>

#include <mailwire/types.h>

/* Where a function's text result goes: the caller's A or W buffer. */
typedef struct mw_out {
    int wide;
    void *buf;
    INT nmax; /* in characters, terminator included */
} mw_out;

/* Copies utf8[0..len) out. With a NULL buffer and nmax 0 it only returns
 * the length needed. Returns the length in characters, or -1 with the
 * error slot set (ST_ERROR_BUFFER_TOO_SMALL, ST_ERROR_INVALID_PARAMETER). */
INT mw_out_put(const mw_out *o, const char *utf8, size_t len);

/* A newly allocated UTF-8 copy of a wide string (NULL in, NULL out with
 * 0). ST_ERROR_OUT_OF_MEMORY on failure. */
DWORD mw_utf8_from_wide(LPCWSTR w, char **out_r);
/* Converts into a fixed wide array (truncating at a character boundary). */
void mw_wide_from_utf8_fixed(const char *utf8, LPWSTR out, size_t cap);

/* Calls fn with the UTF-8 form of w; sets the last error and returns -1
 * when the conversion fails. For the W shims of one-string functions. */
typedef INT (*mw_with_utf8_fn)(const char *utf8, void *ctx);
INT mw_with_utf8(LPCWSTR w, mw_with_utf8_fn fn, void *ctx);

/* Frees a converted string; with secret, wipes it first. */
void mw_text_free(char **s, int secret);

#endif /* MW_TEXT_H */
