/*
 * mime.h - message headers: finding a field in a header block (unfolded)
 * and decoding RFC 2047 encoded words to UTF-8.
 */
#ifndef MW_MIME_H
#define MW_MIME_H

#include <stddef.h>

#include <mailwire/errors.h>

#include "../proto/buf.h"
#include "../sys/charset.h"

/* Finds the first field called name (case-insensitive) in the header block
 * text[0..len) - which ends at the first empty line - and appends its value,
 * unfolded, leading and trailing blanks removed, to out. Returns 1 if
 * found, 0 if not; errors come back through *err_r. */
int mw_header_find(const char *text, size_t len, const char *name, mw_buf *out, DWORD *err_r);

/* Appends in[0..len) to out with RFC 2047 encoded words decoded to UTF-8.
 * Words in unknown charsets or malformed ones are kept as they are;
 * whitespace between two adjacent encoded words is dropped. */
DWORD mw_decode_words(const char *in, size_t len, mw_buf *out);

/* The canonical name (into out, at least 16 bytes) of a charset as mail
 * names it ("latin1", "cp1251", "ks_c_5601-1987" ...), or NULL when it is
 * not one the library converts. */
const char *mw_charset_canonical(const char *charset, char *out, size_t cap);

/* Appends text in charset as UTF-8; bytes that are no character in it come
 * out as U+FFFD. ST_ERROR_UNKNOWN_CHARSET for a charset not converted. */
DWORD mw_charset_to_utf8(const char *charset, const unsigned char *in, size_t len, mw_buf *out);

/* A stream of text in one charset, converted to UTF-8 piece by piece. */
enum { MW_TEXT_ASCII = 1, MW_TEXT_LATIN1, MW_TEXT_LATIN9, MW_TEXT_CP1252 };
typedef struct mw_text_conv {
    mw_charset_conv *conv;
    int utf8;    /* already UTF-8: given as it is */
    int builtin; /* MW_TEXT_*: read by the library itself */
} mw_text_conv;

/* ST_ERROR_UNKNOWN_CHARSET, ST_ERROR_OUT_OF_MEMORY or 0; close it either way. */
DWORD mw_text_conv_open(mw_text_conv *t, const char *charset);
/* Converts in[0..len) to emit; last ends the stream. */
DWORD mw_text_conv_feed(mw_text_conv *t, const void *in, size_t len, int last, mw_utf8_emit emit,
                        void *ctx);
void mw_text_conv_close(mw_text_conv *t);

/* Modified UTF-7 (RFC 3501 5.1.3) for mailbox names. Encoding refuses
 * malformed UTF-8 (ST_ERROR_INVALID_PARAMETER); decoding refuses anything
 * but the one correct spelling (ST_ERROR_PROTOCOL_VIOLATION). */
DWORD mw_utf7_encode(const char *utf8, size_t len, mw_buf *out);
DWORD mw_utf7_decode(const char *s, size_t len, mw_buf *out);

#endif /* MW_MIME_H */
