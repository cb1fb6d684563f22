/*
 * charset.h - text in a named charset converted to UTF-8 by the platform:
 * iconv where the C library has it, MultiByteToWideChar on Windows. The
 * converter is fed a stream in pieces of any size; a character split
 * between two pieces comes out whole.
 */
#ifndef MW_SYS_CHARSET_H
#define MW_SYS_CHARSET_H

#include <stddef.h>

typedef struct mw_charset_conv mw_charset_conv;

/* Where converted UTF-8 goes; nonzero stops the conversion with that value. */
typedef unsigned long (*mw_utf8_emit)(void *ctx, const char *utf8, size_t len);

/* Opens a converter from charset (a canonical name: "ISO-8859-2",
 * "windows-1251", "Shift_JIS", "ISO-2022-JP" ...) to UTF-8. Returns 0, or
 * -1 when the platform does not know the charset, -2 out of memory. */
int mw_charset_open(const char *charset, mw_charset_conv **conv_r);

/* Converts in[0..len); bytes that do not form a character come out as
 * U+FFFD. With last set, a character left incomplete at the end comes out
 * as U+FFFD too. Returns 0, an emit failure, or -2 out of memory. */
unsigned long mw_charset_feed(mw_charset_conv *conv, const unsigned char *in, size_t len, int last,
                              mw_utf8_emit emit, void *ctx);

void mw_charset_close(mw_charset_conv **conv);

#endif /* MW_SYS_CHARSET_H */
