/* buf.h - a growable byte buffer with a hard size limit. */
#ifndef MW_BUF_H
#define MW_BUF_H

#include <stddef.h>

#include <mailwire/types.h>

#include "../sys/sys.h"

typedef struct mw_buf {
    unsigned char *p;
    size_t len;
    size_t cap;
    size_t limit; /* 0 = no limit beyond memory */
} mw_buf;

void mw_buf_init(mw_buf *b, size_t limit);
/* Frees; wipe first when the buffer may hold a secret. */
void mw_buf_free(mw_buf *b);
void mw_buf_free_secret(mw_buf *b);
/* ST_ERROR_OUT_OF_MEMORY, or ST_ERROR_RESPONSE_TOO_LARGE past the limit. */
DWORD mw_buf_append(mw_buf *b, const void *data, size_t len);
/* Appends n bytes the caller then fills; *at_r points at them. */
DWORD mw_buf_extend(mw_buf *b, size_t n, unsigned char **at_r);
DWORD mw_buf_append_str(mw_buf *b, const char *s);
/* Appends code point cp (at most U+10FFFF) encoded as UTF-8. */
DWORD mw_buf_append_utf8(mw_buf *b, unsigned long cp);
DWORD mw_buf_printf(mw_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    MW_PRINTF_LIKE(2, 3)
#endif
    ;
/* Keeps the contents NUL-terminated (the NUL is not counted in len). */
DWORD mw_buf_terminate(mw_buf *b);
void mw_buf_reset(mw_buf *b);

#endif /* MW_BUF_H */
