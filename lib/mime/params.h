/*
 * params.h - MIME parameters: a structured header value ("text/plain;
 * charset=utf-8") split into its token and parameters, and a parameter's
 * value found among them with RFC 2231 continuations and charsets
 * ("filename*0*=utf-8''%E2%82%AC; filename*1=.pdf") joined and decoded,
 * RFC 2047 words in plain values tolerated.
 */
#ifndef MW_MIME_PARAMS_H
#define MW_MIME_PARAMS_H

#include <stddef.h>

#include <mailwire/errors.h>

#include "../proto/buf.h"

#define MW_PARAMS_MAX 64

typedef struct mw_mime_param {
    char *name;
    char *value;
} mw_mime_param;

/* Splits value[0..len) into its leading token (lower case, into token) and
 * up to MW_PARAMS_MAX parameters (names in lower case, quoted values
 * unquoted, comments dropped). Parameters past the limit are ignored. */
DWORD mw_params_parse(const char *value, size_t len, mw_buf *token, mw_mime_param **params_r,
                      size_t *n_r);
void mw_params_free(mw_mime_param **params, size_t n);

/* Appends to out the UTF-8 value of parameter name (lower case): from its
 * RFC 2231 forms when present, else its plain value (RFC 2047 words
 * decoded). Returns 1 found, 0 not; errors through *err_r. */
int mw_param_get(const mw_mime_param *p, size_t n, const char *name, mw_buf *out, DWORD *err_r);

#endif /* MW_MIME_PARAMS_H */
