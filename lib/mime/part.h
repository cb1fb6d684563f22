/*
 * part.h - one MIME part described for the caller (MIMEPARTA) from what a
 * header block or a BODYSTRUCTURE says about it, and the names under which
 * the "save attachments" calls store parts.
 */
#ifndef MW_MIME_PART_H
#define MW_MIME_PART_H

#include <mailwire/mime.h>

#include "params.h"

/* What is known of a part; NULL for what was not said. */
typedef struct mw_part_fields {
    const char *type;
    const char *subtype;
    const mw_mime_param *params;
    size_t nparams;
    const char *disposition;
    const mw_mime_param *dparams;
    size_t ndparams;
    const char *id;
    const char *description; /* RFC 2047 words decoded here */
    const char *encoding;
    const char *language;
    const char *location;
} mw_part_fields;

/* Fills out's texts and dwFlags (the walk's numbers and sizes are the
 * caller's). A part without a type is text/plain (RFC 2045). */
DWORD mw_part_describe(const mw_part_fields *f, MIMEPARTA *out);

/* Copies text into a field of cap bytes: cut at a UTF-8 character
 * boundary, control characters (which a terminal would act on) as '?'. */
void mw_part_text(char *field, size_t cap, const char *text, size_t len);

/* The file name a part is saved under: its own name stripped of any
 * directory, of characters no file system takes and of names Windows
 * reserves, or "part-<specifier>" with an extension for its type. */
void mw_part_file_name(const MIMEPARTA *p, char *out, size_t cap);

#endif /* MW_MIME_PART_H */
