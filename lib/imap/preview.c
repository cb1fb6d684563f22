/* preview.c - message previews (see preview.h). */
#include "preview.h"

#include <string.h>

#include "../mime/pipe.h"
#include "bodystructure.h"
#include "fetch_items.h"
#include "imap.h"
#include "parts.h"

/* ---- the server's: FETCH (PREVIEW) ------------------------------------------------- */

typedef struct server_preview {
    mw_buf *out;
    int found;
    UINT id;
    DWORD options;
    DWORD err;
} server_preview;

static DWORD preview_item(void *vctx, const mw_imap_tree *t, mw_imap_text name, uint32_t v)
{
    server_preview *p = vctx;
    if (!mw_imap_text_is(name, "PREVIEW") || p->out->len > 0)
        return 0;
    /* NIL or "": the server has none to give (Cyrus, before it has made
     * one): made here instead */
    if (!mw_node_is_nil(t, v))
        p->err = mw_node_value(t, v, p->out);
    p->found = p->out->len > 0;
    return 0;
}

typedef struct uid_item {
    uint64_t uid;
} uid_item;

static DWORD uid_of(void *vctx, const mw_imap_tree *t, mw_imap_text name, uint32_t v)
{
    uid_item *u = vctx;
    if (mw_imap_text_is(name, "UID"))
        (void)mw_node_number(t, v, 0xFFFFFFFFu, &u->uid);
    return 0;
}

static DWORD on_preview(mw_session *s, const mw_imap_resp *r, void *vctx)
{
    server_preview *p = vctx;
    (void)s;
    if (!r->has_number || !mw_imap_text_is(r->name, "FETCH") || r->tree == NULL)
        return 0;
    uid_item u = {0};
    (void)mw_imap_fetch_items(r->tree, uid_of, &u);
    UINT about = (p->options & IMAP_MESSAGE_UID) ? (UINT)u.uid : (UINT)r->number;
    if (about == p->id)
        (void)mw_imap_fetch_items(r->tree, preview_item, p);
    return 0;
}

static DWORD server_made(mw_session *s, UINT id, DWORD options, mw_buf *out, int *found_r)
{
    char idtext[16];
    snprintf(idtext, sizeof idtext, "%u", id);
    server_preview p = {out, 0, id, options, 0};
    mw_imap_cmd c;
    DWORD err = mw_imap_fetch_begin(s, &c, idtext, options);
    if (err == 0)
        err = mw_imap_cmd_atom(&c, "(UID PREVIEW)");
    if (err == 0)
        err = mw_imap_run(s, &c, on_preview, &p);
    mw_imap_cmd_free(&c);
    *found_r = p.found;
    return err != 0 ? err : p.err;
}

/* ---- made here: the first text part's first bytes ------------------------------------- */

typedef struct text_part {
    mw_found_part found;
    int rank; /* 0 none, 1 text/html, 2 text/plain */
} text_part;

static DWORD pick_text(void *ctx, const MIMEPARTA *p, const mw_bs_node *node, const char *message)
{
    text_part *t = ctx;
    (void)node;
    if (message != NULL || !(p->dwFlags & MIME_PART_TEXT) || (p->dwFlags & MIME_PART_ATTACHMENT))
        return 0; /* a forwarded message's text or an attached file is not this one's */
    int rank = strcmp(p->szSubType, "plain") == 0 ? 2 : strcmp(p->szSubType, "html") == 0 ? 1 : 0;
    if (rank > t->rank) {
        t->rank = rank;
        t->found.part = *p;
        t->found.message[0] = '\0';
    }
    return 0;
}

static DWORD to_buf(void *ctx, const void *p, size_t n)
{
    return mw_buf_append(ctx, p, n);
}

static DWORD through_pipe(void *ctx, const void *p, size_t n)
{
    return mw_part_pipe_feed(ctx, p, n);
}

/* The part's first MW_PREVIEW_READ bytes, decoded, in UTF-8 when its
 * charset is known (else as they are). */
static DWORD first_text(mw_session *s, UINT id, DWORD options, const MIMEPARTA *part, mw_buf *text)
{
    mw_part_pipe pipe;
    const char *charset = part->szCharset[0] != '\0' ? part->szCharset : NULL;
    DWORD err = mw_part_pipe_open(&pipe, part->szEncoding, 1, charset, to_buf, text);
    if (err == ST_ERROR_UNKNOWN_CHARSET)
        err = mw_part_pipe_open(&pipe, part->szEncoding, 1, NULL, to_buf, text);
    if (err != 0)
        return err;
    mw_sink filter;
    mw_sink_filter(&filter, through_pipe, &pipe);
    err = mw_imap_fetch_range(s, id, part->szPart, options | IMAP_MESSAGE_PEEK, 0, MW_PREVIEW_READ, &filter);
    if (err == 0)
        err = mw_part_pipe_finish(&pipe);
    mw_part_pipe_close(&pipe);
    return err;
}

/* Markup dropped from HTML, roughly: tags, and what style and script hold. */
static void strip_tags(mw_buf *text)
{
    size_t o = 0;
    int in_tag = 0, hidden = 0;
    for (size_t i = 0; i < text->len; i++) {
        char c = (char)text->p[i];
        if (c == '<') {
            const char *t = (const char *)text->p + i + 1;
            size_t left = text->len - i - 1;
            if (left >= 5 && (strncmp(t, "style", 5) == 0 || strncmp(t, "scrip", 5) == 0))
                hidden = 1;
            else if (left >= 6 && (strncmp(t, "/style", 6) == 0 || strncmp(t, "/scrip", 6) == 0))
                hidden = 0;
            in_tag = 1;
        } else if (c == '>' && in_tag) {
            in_tag = 0;
            text->p[o++] = ' ';
        } else if (!in_tag && !hidden) {
            text->p[o++] = (unsigned char)c;
        }
    }
    text->len = o;
}

/* Runs of blanks and line ends as one space, cut at MW_PREVIEW_CHARS
 * characters; a character left incomplete by the read's end dropped. */
static DWORD tidy(const mw_buf *text, mw_buf *out)
{
    size_t chars = 0;
    int space = 1; /* no leading blank */
    DWORD err = 0;
    for (size_t i = 0; i < text->len && chars < MW_PREVIEW_CHARS && err == 0;) {
        unsigned char c = text->p[i];
        size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (n > text->len - i)
            break;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (!space) {
                err = mw_buf_append(out, " ", 1);
                chars++;
            }
            space = 1;
            i++;
            continue;
        }
        if (c < 0x20 || c == 0x7F) {
            i++;
            continue;
        }
        space = 0;
        err = mw_buf_append(out, text->p + i, n);
        chars++;
        i += n;
    }
    while (out->len > 0 && out->p[out->len - 1] == ' ')
        out->len--;
    /* U+FFFD last: the read ended inside a character */
    if (out->len >= 3 && memcmp(out->p + out->len - 3, "\xEF\xBF\xBD", 3) == 0)
        out->len -= 3;
    return err;
}

static DWORD made_here(mw_session *s, UINT id, DWORD options, mw_buf *out)
{
    mw_bs_node *root = NULL;
    text_part t;
    memset(&t, 0, sizeof t);
    unsigned count;
    DWORD err = mw_imap_bodystructure(s, id, options & IMAP_MESSAGE_UID, &root);
    if (err == 0)
        err = mw_bs_walk(root, pick_text, &t, &count);
    mw_bs_free(&root);
    if (err != 0 || t.rank == 0)
        return err; /* no text: an empty preview */
    mw_buf text;
    mw_buf_init(&text, 0);
    err = first_text(s, id, options, &t.found.part, &text);
    if (err == 0 && t.rank == 1)
        strip_tags(&text);
    if (err == 0)
        err = tidy(&text, out);
    mw_buf_free(&text);
    return err;
}

DWORD mw_imap_preview(mw_session *s, UINT id, DWORD options, mw_buf *out)
{
    DWORD err = mw_imap_check_id(s, id, options);
    if (err != 0)
        return err;
    if (mw_caps_has(&s->caps, "PREVIEW")) {
        int found = 0;
        mw_buf text; /* tidied as one made here: no controls reach the caller */
        mw_buf_init(&text, 0);
        err = server_made(s, id, options, &text, &found);
        if (err == 0 && found)
            err = tidy(&text, out);
        mw_buf_free(&text);
        if (err != 0 || found)
            return err;
    }
    return made_here(s, id, options, out);
}
