/* imap_parts.c - a message's MIME parts on an IMAP server, for the API. */
#include <stdio.h>
#include <string.h>

#include "../imap/imap.h"
#include "../imap/parts.h"
#include "../mime/attach.h"
#include "../sys/alloc.h"
#include "call.h"
#include "deliver.h"
#include "imap_messages.h"
#include "parts.h"

#define ID_OPTIONS (IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK)

static DWORD store_one(void *ctx, const MIMEPARTA *p, const mw_bs_node *node, const char *message)
{
    (void)node;
    (void)message;
    mw_part_store_put(ctx, p);
    return 0;
}

INT mw_api_imap_enum_parts(HCLIENT h, UINT id, const mw_part_store *st, DWORD options)
{
    mw_session *s;
    if (mw_part_store_bad(st) || (options & ~(DWORD)IMAP_MESSAGE_UID) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    mw_bs_node *root = NULL;
    unsigned count = 0;
    err = mw_imap_bodystructure(s, id, options, &root);
    if (err != 0)
        return mw_deliver_finish(s, err, 0);
    err = mw_bs_walk(root, store_one, (void *)st, &count);
    mw_bs_free(&root);
    return mw_call_leave(s, err, (INT)count);
}

typedef struct part_args {
    UINT id;
    const char *spec;
    DWORD options;
} part_args;

/* The part's description, when decoding needs its encoding and charset or
 * a part inside another may have to be read from the message part (see
 * mw_imap_fetch_part); NULL in *found_r when neither. */
static DWORD part_of(mw_session *s, const part_args *a, mw_found_part *buf, mw_found_part **found_r)
{
    *found_r = NULL;
    if (!(a->options & MW_PART_DECODE_OPTIONS) && strchr(a->spec, '.') == NULL)
        return 0;
    mw_bs_node *root = NULL;
    DWORD err = mw_imap_bodystructure(s, a->id, a->options & IMAP_MESSAGE_UID, &root);
    if (err == 0)
        err = mw_bs_find(root, a->spec, buf);
    mw_bs_free(&root);
    if (err == 0)
        *found_r = buf;
    return err;
}

static DWORD fetch_part(mw_session *s, void *vargs, mw_sink *sink)
{
    part_args *a = vargs;
    mw_found_part buf, *found;
    DWORD err = part_of(s, a, &buf, &found);
    return err != 0 ? err : mw_imap_fetch_part(s, a->id, a->spec, found, a->options, sink);
}

INT mw_api_imap_part(HCLIENT h, UINT id, const char *spec, DWORD options, LPVOID dest,
                     LPDWORD length, const char *path, IMAPREADPROC proc, DWORD_PTR param)
{
    mw_session *s;
    int bad_target = path != NULL ? mw_api_bad_text(path)
                     : proc == NULL ? dest == NULL || length == NULL
                                    : 0;
    if (!mw_part_spec_valid(spec) || bad_target ||
        (options & ~(DWORD)(ID_OPTIONS | MW_PART_DECODE_OPTIONS)) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    part_args a = {id, spec, options};
    if (path != NULL)
        return mw_deliver_file(s, fetch_part, &a, path);
    if (proc != NULL)
        return mw_deliver_callback(s, h, fetch_part, &a, proc, param);
    return mw_deliver_memory(s, fetch_part, &a, dest, length);
}

/* ---- attachments -------------------------------------------------------------------- */

typedef struct attachments {
    mw_found_part *v;
    size_t n;
} attachments;

static DWORD keep_attachment(void *ctx, const MIMEPARTA *p, const mw_bs_node *node, const char *message)
{
    attachments *at = ctx;
    if (!(p->dwFlags & MIME_PART_ATTACHMENT))
        return 0;
    mw_found_part *v = mw_realloc(at->v, (at->n + 1) * sizeof *v);
    if (v == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    at->v = v;
    v[at->n].part = *p;
    v[at->n].node = NULL; /* the tree is freed before the parts are saved */
    (void)node;
    snprintf(v[at->n].message, sizeof v[at->n].message, "%s", message != NULL ? message : "");
    at->n++;
    return 0;
}

/* Saves one part as a new file in folder, decoded. */
static DWORD save_one(mw_session *s, UINT id, const mw_found_part *p, const char *folder, DWORD options)
{
    mw_sink sink;
    DWORD err = mw_attachment_create(folder, &p->part, &sink);
    if (err != 0)
        return err;
    err = mw_imap_fetch_part(s, id, p->part.szPart, p, options | MIME_DECODE, &sink);
    DWORD ferr = mw_sink_finish(&sink, err == 0);
    mw_sink_free(&sink);
    return err != 0 ? err : ferr;
}

INT mw_api_imap_save_attachments(HCLIENT h, UINT id, const char *folder, DWORD options)
{
    mw_session *s;
    if (mw_api_bad_text(folder) || (options & ~(DWORD)(ID_OPTIONS | MW_PART_DECODE_OPTIONS)) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    mw_bs_node *root = NULL;
    attachments at = {NULL, 0};
    unsigned count = 0;
    err = mw_imap_bodystructure(s, id, options & IMAP_MESSAGE_UID, &root);
    if (err == 0)
        err = mw_bs_walk(root, keep_attachment, &at, &count);
    mw_bs_free(&root);
    size_t saved = 0;
    for (; err == 0 && saved < at.n; saved++)
        err = save_one(s, id, &at.v[saved], folder, options);
    mw_free(at.v);
    return mw_deliver_finish(s, err, (INT)saved);
}
