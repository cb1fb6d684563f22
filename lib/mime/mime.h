/*
 * mime.h - message headers: finding a field in a header block (unfolded)
 * and decoding RFC 2047 encoded words to UTF-8.
 */
#ifndef MW_MIME_H
#define MW_MIME_H

#include <stddef.h>

#include <mailwire/errors.h>

#include "../proto/buf.h"

/* Finds the first field called name (case-insensitive) in the header block
 * text[0..len) - which ends at the first empty line - and appends its value,
 * unfolded, leading and trailing blanks removed, to out. Returns 1 if
 * found, 0 if not; errors come back through *err_r. */
int mw_header_find(const char *text, size_t len, const char *name, mw_buf *out, DWORD *err_r);

/* Appends in[0..len) to out with RFC 2047 encoded words decoded to UTF-8.
 * Words in unknown charsets or malformed ones are kept as they are;
 * whitespace between two adjacent encoded words is dropped. */
DWORD mw_decode_words(const char *in, size_t len, mw_buf *out);

/* Appends text in charset (UTF-8, US-ASCII, ISO-8859-1, ISO-8859-15,
 * Windows-1252) as UTF-8. Returns 0 when done, -1 for an unknown charset. */
int mw_charset_to_utf8(const char *charset, const unsigned char *in, size_t len, mw_buf *out);

/* Modified UTF-7 (RFC 3501 5.1.3) for mailbox names. Encoding refuses
 * malformed UTF-8 (ST_ERROR_INVALID_PARAMETER); decoding refuses anything
 * but the one correct spelling (ST_ERROR_PROTOCOL_VIOLATION). */
DWORD mw_utf7_encode(const char *utf8, size_t len, mw_buf *out);
DWORD mw_utf7_decode(const char *s, size_t len, mw_buf *out);

#endif /* MW_MIME_H */
