/*
 * decode.h - Content-Transfer-Encoding decoders that run on a stream:
 * base64 and quoted-printable fed in pieces of any size (a quartet or an
 * "=XX" split between pieces comes out right), identity for 7bit, 8bit
 * and binary. They are tolerant as mail readers must be: base64 skips
 * what is not in its alphabet, quoted-printable keeps a malformed "="
 * as it is.
 */
#ifndef MW_MIME_DECODE_H
#define MW_MIME_DECODE_H

#include <stddef.h>

#include <mailwire/types.h>

typedef enum { MW_CTE_IDENTITY, MW_CTE_BASE64, MW_CTE_QP } mw_cte;

/* The decoder for a Content-Transfer-Encoding value (any case; NULL and
 * unknown values are identity: the bytes are given as they are). */
mw_cte mw_cte_of(const char *encoding);

/* Where decoded bytes go; a nonzero result stops and is returned. */
typedef DWORD (*mw_bytes_fn)(void *ctx, const void *p, size_t n);

/* Quoted-printable keeps trailing blanks until it sees whether a line
 * end follows; longer runs than this go out as they are. */
#define MW_QP_BLANKS_MAX 256

typedef struct mw_decoder {
    mw_cte kind;
    unsigned long bits; /* base64: bits not yet out */
    int nbits;
    int done;           /* base64: padding seen */
    unsigned char esc[3]; /* qp: "=", "=X" or "=\r" waiting for more */
    size_t nesc;
    unsigned char blanks[MW_QP_BLANKS_MAX];
    size_t nblanks;
} mw_decoder;

void mw_decoder_init(mw_decoder *d, mw_cte kind);
DWORD mw_decoder_feed(mw_decoder *d, const void *in, size_t len, mw_bytes_fn fn, void *ctx);
/* Ends the stream: what was held back goes out. */
DWORD mw_decoder_finish(mw_decoder *d, mw_bytes_fn fn, void *ctx);

#endif /* MW_MIME_DECODE_H */
