/*
 * bodystructure.h - RFC 3501 BODYSTRUCTURE: parsed into a tree (bounded
 * depth and size), written back (so parse -> write -> parse can be checked),
 * and walked for part information.
 */
#ifndef MW_BODYSTRUCTURE_H
#define MW_BODYSTRUCTURE_H

#include <stddef.h>

#include "../mime/params.h"
#include "resp.h"
#include "tree.h"

#define MW_BS_DEPTH_MAX 32
#define MW_BS_PARTS_MAX 1000
#define MW_BS_PARAMS_MAX 64

/* Parameters as MIME headers give them, so parts from both are described
 * by one function (mw_part_describe). */
typedef mw_mime_param mw_bs_param;

typedef struct mw_bs_node {
    int multipart;
    char *type;      /* "multipart" for multiparts */
    char *subtype;
    mw_bs_param *params;
    size_t nparams;
    char *id;
    char *desc;
    char *encoding;
    DWORD size;
    DWORD lines;
    char *disposition;
    mw_bs_param *dparams;
    size_t ndparams;
    char *language;  /* extension data; not written back by mw_bs_write */
    char *location;
    char *envelope;  /* message/rfc822: the envelope's raw text */
    size_t envelope_len;
    struct mw_bs_node **children;
    size_t nchildren;
} mw_bs_node;

/* Parses one body: node, a list of t. Errors: protocol violation for bad
 * syntax, response too large past the depth or part limits. */
DWORD mw_bs_parse(const mw_imap_tree *t, uint32_t node, mw_bs_node **root_r);
/* The same from text holding one body "(...)" (tests, fuzzers). */
DWORD mw_bs_parse_text(mw_imap_text text, mw_bs_node **root_r);
void mw_bs_free(mw_bs_node **root);
/* Appends the body in BODYSTRUCTURE syntax. */
DWORD mw_bs_write(const mw_bs_node *n, mw_buf *out);
/* Nonzero when two trees say the same. */
int mw_bs_equal(const mw_bs_node *a, const mw_bs_node *b);
/* A parameter's value (case-insensitive name), or NULL. */
const char *mw_bs_param_of(const mw_bs_param *p, size_t n, const char *name);

#endif /* MW_BODYSTRUCTURE_H */
