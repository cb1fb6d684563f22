/*
 * resp.h - IMAP responses: classifying one logical response (literals
 * inlined as "{n}\r\n<bytes>") and a small lexer over its data.
 * Never touches a socket: it is fed text and says what it is.
 */
#ifndef MW_IMAP_RESP_H
#define MW_IMAP_RESP_H

#include <stddef.h>
#include <stdint.h>

#include <mailwire/types.h>

#include "../proto/buf.h"

typedef enum { MW_IMAP_UNTAGGED, MW_IMAP_TAGGED, MW_IMAP_CONTINUE } mw_imap_kind;

typedef enum {
    MW_IMAP_ST_NONE,
    MW_IMAP_ST_OK,
    MW_IMAP_ST_NO,
    MW_IMAP_ST_BAD,
    MW_IMAP_ST_PREAUTH,
    MW_IMAP_ST_BYE
} mw_imap_status;

typedef struct mw_imap_text {
    const char *p;
    size_t len;
} mw_imap_text;

struct mw_imap_tree;

typedef struct mw_imap_resp {
    mw_imap_kind kind;
    mw_imap_text tag;    /* tagged only */
    mw_imap_status status;
    mw_imap_text code;   /* inside [ ], without brackets */
    mw_imap_text text;   /* human text of a status response, or continuation text */
    int has_number;      /* "* 23 EXISTS" */
    unsigned long number;
    mw_imap_text name;   /* CAPABILITY, ID, EXISTS, ... (status names too) */
    mw_imap_text data;   /* everything after the name */
    int flags_cut;       /* a flag list lost its keywords to the line limit */
    /* data parsed into a tree (tree.h) by the reader, for untagged data
     * responses; NULL with tree_err when it does not parse (NULL and 0:
     * not parsed, as for a response that was never read by the reader) */
    const struct mw_imap_tree *tree;
    DWORD tree_err;
} mw_imap_resp;

/* ST_ERROR_PROTOCOL_VIOLATION when the line is no IMAP response. */
DWORD mw_imap_resp_parse(const char *line, size_t len, mw_imap_resp *r);
/* Nonzero when t equals the NUL-terminated word w, ignoring case. */
int mw_imap_text_is(mw_imap_text t, const char *w);
/* The leading word of a response code ("CAPABILITY" of "CAPABILITY IMAP4rev1"),
 * and what follows it. */
void mw_imap_code_split(mw_imap_text code, mw_imap_text *word_r, mw_imap_text *rest_r);

typedef enum {
    MW_TOK_END,
    MW_TOK_ATOM,
    MW_TOK_STRING, /* quoted or literal */
    MW_TOK_NIL,
    MW_TOK_LPAREN,
    MW_TOK_RPAREN,
    MW_TOK_ERROR
} mw_tok_kind;

typedef struct mw_imap_lexer {
    const char *p;
    const char *end;
} mw_imap_lexer;

typedef struct mw_imap_token {
    mw_tok_kind kind;
    mw_imap_text raw; /* atom text, or string contents still escaped */
    int quoted;       /* raw holds backslash escapes */
} mw_imap_token;

void mw_imap_lexer_init(mw_imap_lexer *lx, mw_imap_text text);
mw_tok_kind mw_imap_lex(mw_imap_lexer *lx, mw_imap_token *t);
/* Appends a string token's value (escapes undone) to out. */
DWORD mw_imap_token_value(const mw_imap_token *t, mw_buf *out);

/* A number atom: digits only, at most max. Anything else, a value past
 * max included, is ST_ERROR_PROTOCOL_VIOLATION: never saturated or wrapped. */
DWORD mw_imap_number_max(mw_imap_text t, uint64_t max, uint64_t *v_r);
/* RFC 9051 number (0..4294967295) and nz-number / uniqueid (1..4294967295). */
DWORD mw_imap_num32(mw_imap_text t, DWORD *v_r);
DWORD mw_imap_nz32(mw_imap_text t, DWORD *v_r);
/* Sizes and MODSEQ: 63 bits. */
#define MW_IMAP_NUM63_MAX 0x7FFFFFFFFFFFFFFFull

#endif /* MW_IMAP_RESP_H */
