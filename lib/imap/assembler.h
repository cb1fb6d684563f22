/*
 * assembler.h - the push side of the IMAP response parser: fed bytes in
 * any pieces, it answers "need more" or "done" (one whole response) and
 * never touches a socket. Literals are inlined into the response text
 * ("{n}\r\n" + bytes) - except message bodies, which a consumer may claim
 * when their size is announced: those bytes go to its callback as they
 * arrive and the text keeps an empty literal "{0}\r\n" in their place.
 *
 * Number runs: with a number hook, the numbers of a "* SEARCH" or "* SORT"
 * response (a line that grows with the mailbox: 110 KB for 20,000 UIDs) go
 * to it one by one as they arrive; the text keeps "* SEARCH" and what follows the
 * numbers, if anything ("(MODSEQ n)"), so memory stays bounded whatever
 * the mailbox holds. With a VANISHED hook, the set of a "* VANISHED" or
 * "* VANISHED (EARLIER)" response (a million UIDs expunged) goes to it
 * range by range the same way, whichever command it arrives with; and a
 * command may name a response of its own whose set is streamed so (the
 * ALL of an ESEARCH).
 *
 * Flag lists: a line that reaches the limit inside a flag list ("FLAGS (",
 * "PERMANENTFLAGS (") keeps its system flags and drops its keywords
 * (flag_run.h), and the response is marked as cut.
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
#include "flag_run.h"
#include "number_run.h"

#define MW_IMAP_LINE_MAX 65536u
#define MW_IMAP_NONBODY_LITERAL_MAX (64u * 1024u)
#define MW_IMAP_RESPONSE_MAX (1u << 20)
#define MW_IMAP_BODY_LITERAL_MAX 0xFFFFFFFFull

typedef struct mw_imap_body_hooks {
    /* At "{n}": the response so far; nonzero claims the literal. NULL:
     * no literal is claimed (data and end are then never called). */
    int (*claim)(void *ctx, const char *text, size_t len, uint64_t size);
    DWORD (*data)(void *ctx, const void *bytes, size_t len);
    DWORD (*end)(void *ctx);
    void *ctx;
    /* Each number of a "* SEARCH" or "* SORT" response (MW_NUMBER_RUN_HUGE past 20
     * digits); NULL: the numbers stay in the text, under the line limit. */
    mw_number_fn number;
    /* A response of this command that ends in a set, up to the set
     * ("* ESEARCH (TAG "A0003") UID ALL "), matched without regard to
     * case: the set's ranges go to set_range. NULL or "": none. */
    const char *set_prefix;
    mw_range_fn set_range;
} mw_imap_body_hooks;

/* Where the elements of VANISHED sets go (fn NULL: kept as text). */
typedef struct mw_imap_vanished_hooks {
    mw_range_fn fn;         /* "* VANISHED set": expunged now */
    mw_range_fn earlier_fn; /* "* VANISHED (EARLIER) set": before now */
    void *ctx;
} mw_imap_vanished_hooks;

typedef enum {
    MW_RUN_NONE,
    MW_RUN_SEARCH,
    MW_RUN_VANISHED,
    MW_RUN_VANISHED_EARLIER,
    MW_RUN_CALL_SET /* the command's own set_prefix */
} mw_imap_run_kind;

#define MW_IMAP_ASM_STREAMED_MAX 16
typedef struct mw_imap_asm {
    mw_buf text;
    enum { ASM_LINE, ASM_LITERAL, ASM_BODY, ASM_NUMBERS, ASM_FLAGS } state;
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
    int run_checked;   /* the response's start was looked at for a run */
    mw_imap_run_kind run_kind;
    mw_number_run run; /* its numbers, in ASM_NUMBERS */
    mw_flag_run flag_run; /* a flag list past the line limit, in ASM_FLAGS */
    int flags_cut;        /* the response lost keywords that way */
    mw_imap_vanished_hooks vanished; /* kept across responses */
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
