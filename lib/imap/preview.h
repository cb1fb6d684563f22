/*
 * preview.h - a short text of a message for a list (RFC 8970 PREVIEW):
 * the server's when it has PREVIEW, else made here from the first bytes
 * of the message's first text part, decoded and in UTF-8.
 */
#ifndef MW_IMAP_PREVIEW_H
#define MW_IMAP_PREVIEW_H

#include "../proto/buf.h"
#include "../proto/session.h"

/* At most this many characters (RFC 8970: 256). */
#define MW_PREVIEW_CHARS 256
/* Bytes of the text part read to make one here. */
#define MW_PREVIEW_READ 4096

/* The preview of message id into out (UTF-8, no line ends); empty when
 * the message has no text. */
DWORD mw_imap_preview(mw_session *s, UINT id, DWORD options, mw_buf *out);

#endif /* MW_IMAP_PREVIEW_H */
