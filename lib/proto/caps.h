/*
 * caps.h - a capability list: upper-cased words separated by single spaces.
 * POP3 SASL mechanisms are stored as "SASL=NAME" so both protocols query
 * them the same way as IMAP's "AUTH=NAME".
 */
#ifndef MW_CAPS_H
#define MW_CAPS_H

#include <stddef.h>

#include <mailwire/types.h>

#include "buf.h"

typedef struct mw_caps {
    mw_buf list;
    int known;           /* nonzero once the server has told us */
    unsigned generation; /* counts replacements of the list */
} mw_caps;

void mw_caps_init(mw_caps *c);
void mw_caps_free(mw_caps *c);
/* Forgets everything (after STARTTLS, or a new CAPABILITY response). */
void mw_caps_clear(mw_caps *c);
/* Adds the space-separated words of text[0..len). */
DWORD mw_caps_add_words(mw_caps *c, const char *text, size_t len);
DWORD mw_caps_add_prefixed(mw_caps *c, const char *prefix, const char *text, size_t len);
int mw_caps_has(const mw_caps *c, const char *name);
const char *mw_caps_text(const mw_caps *c);

#endif /* MW_CAPS_H */
