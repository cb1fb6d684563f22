/*
 * assembler.h - the push side of the IMAP response parser: fed bytes in
 * any pieces, it answers "need more" or "done" (one whole response) and
 * never touches a socket. Literals are inlined into the response text
 * ("{n}\r\n" + bytes) - except message bodies, which a consumer may claim
 * when their size is announced: those bytes go to its callback as they
 * arrive and the text keeps an empty literal "{0}\r\n" in their place.
 *
 * Hard limits: line length, non-body literal size and response size give
 * ST_ERROR_RESPONSE_TOO_LARGE; a literal size is checked before anything
 * is reserved for it.
 */
#ifndef MW_IMAP_ASSEMBLER_H
#define MW_IMAP_ASSEMBLER_H

#include <stddef.h>
#include <stdint.h>

#include "../proto/buf.h"

#define MW_IMAP_LINE_MAX 65536u
#define MW_IMAP_NONBODY_LITERAL_MAX (64u * 1024u)
#define MW_IMAP_RESPONSE_MAX (1u << 20)
#define MW_IMAP_BODY_LITERAL_MAX 0xFFFFFFFFull

typedef struct mw_imap_body_hooks {
    /* At "{n}": the response so far; nonzero claims the literal. */
    int (*claim)(void *ctx, const char *text, size_t len, uint64_t size);
    DWORD (*data)(void *ctx, const void *bytes, size_t len);
    DWORD (*end)(void *ctx);
    void *ctx;
} mw_imap_body_hooks;

#define MW_IMAP_ASM_STREAMED_MAX 16
typedef struct mw_imap_asm {
    mw_buf text;
    enum { ASM_LINE, ASM_LITERAL, ASM_BODY } state;
    uint64_t remaining;
    size_t line_start;
    const mw_imap_body_hooks *hooks; /* NULL: every literal is inlined */
    /* The first streamed literals: where their "{0}" line ends in text,
     * and their real size (for the trace). */
    struct {
        size_t end;
        uint64_t size;
    } streamed[MW_IMAP_ASM_STREAMED_MAX];
    int nstreamed;
} mw_imap_asm;

void mw_imap_asm_init(mw_imap_asm *a);
void mw_imap_asm_free(mw_imap_asm *a);
/* Starts a new response (keeps the buffer's memory). */
void mw_imap_asm_reset(mw_imap_asm *a);
/* Consumes bytes; *used_r says how many. *done_r becomes 1 when a whole
 * response is in a->text (without its final CRLF). */
DWORD mw_imap_asm_feed(mw_imap_asm *a, const unsigned char *p, size_t len, size_t *used_r,
                       int *done_r);

#endif /* MW_IMAP_ASSEMBLER_H */
