/* command.c - building IMAP commands: tags, atoms, quoted strings, literals. */
#include <stdio.h>
#include <string.h>

#include "../sys/ascii.h"
#include "imap.h"

/* LITERAL- allows non-synchronizing literals up to this size (RFC 7888). */
#define LITERAL_MINUS_MAX 4096

DWORD mw_imap_cmd_begin(mw_session *s, mw_imap_cmd *c, const char *name)
{
    memset(c, 0, sizeof *c);
    mw_buf_init(&c->text, 0);
    c->visible = (size_t)-1;
    if (s->imap->idling)
        return ST_ERROR_HANDLE_BUSY; /* ImapIdleStart's IDLE runs: ImapIdleStop first */
    snprintf(s->imap->tag, sizeof s->imap->tag, "A%04u", ++s->imap->next_tag % 100000u);
    memcpy(c->tag, s->imap->tag, sizeof c->tag);
    s->imap->listing_fresh = 0; /* a command may change what a listing's STATUS said */
    return mw_buf_printf(&c->text, "%s %s", s->imap->tag, name);
}

DWORD mw_imap_cmd_atom(mw_imap_cmd *c, const char *word)
{
    DWORD err = mw_buf_append(&c->text, " ", 1);
    return err != 0 ? err : mw_buf_append_str(&c->text, word);
}

void mw_imap_cmd_secret(mw_imap_cmd *c)
{
    if (c->visible == (size_t)-1)
        c->visible = c->text.len;
}

void mw_imap_cmd_free(mw_imap_cmd *c)
{
    mw_buf_free_secret(&c->text);
}

static int is_atom_char(unsigned char ch)
{
    return ch > 0x20 && ch < 0x7F && ch != '(' && ch != ')' && ch != '{' && ch != '%' &&
           ch != '*' && ch != '"' && ch != '\\' && ch != ']';
}

typedef enum { FORM_ATOM, FORM_QUOTED, FORM_LITERAL } string_form;

static string_form choose_form(const char *v, size_t len)
{
    string_form form = len > 0 ? FORM_ATOM : FORM_QUOTED;
    /* "NIL" as an atom would be read as NIL, not as the string. */
    if (len == 3 && mw_ascii_ncasecmp(v, "NIL", 3) == 0)
        form = FORM_QUOTED;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)v[i];
        if (ch >= 0x80 || ch == '\r' || ch == '\n')
            return FORM_LITERAL;
        if (!is_atom_char(ch))
            form = FORM_QUOTED;
    }
    return form;
}

static DWORD append_quoted(mw_imap_cmd *c, const char *v, size_t len)
{
    DWORD err = mw_buf_append(&c->text, "\"", 1);
    for (size_t i = 0; i < len && err == 0; i++) {
        if (v[i] == '"' || v[i] == '\\')
            err = mw_buf_append(&c->text, "\\", 1);
        if (err == 0)
            err = mw_buf_append(&c->text, v + i, 1);
    }
    return err != 0 ? err : mw_buf_append(&c->text, "\"", 1);
}

static DWORD append_literal(mw_session *s, mw_imap_cmd *c, const char *v, size_t len)
{
    int non_sync = mw_caps_has(&s->caps, "LITERAL+") ||
                   (mw_caps_has(&s->caps, "LITERAL-") && len <= LITERAL_MINUS_MAX);
    if (!non_sync && c->nsplits == MW_IMAP_CMD_SPLITS_MAX)
        return ST_ERROR_INVALID_PARAMETER;
    DWORD err = mw_buf_printf(&c->text, "{%zu%s}\r\n", len, non_sync ? "+" : "");
    if (err == 0 && !non_sync)
        c->splits[c->nsplits++] = c->text.len;
    return err != 0 ? err : mw_buf_append(&c->text, v, len);
}

DWORD mw_imap_cmd_astring(mw_session *s, mw_imap_cmd *c, const char *v, size_t len)
{
    if (memchr(v, '\0', len) != NULL)
        return ST_ERROR_INVALID_PARAMETER;
    DWORD err = mw_buf_append(&c->text, " ", 1);
    return err != 0 ? err : mw_imap_cmd_astring_here(s, c, v, len);
}

DWORD mw_imap_cmd_astring_here(mw_session *s, mw_imap_cmd *c, const char *v, size_t len)
{
    if (memchr(v, '\0', len) != NULL)
        return ST_ERROR_INVALID_PARAMETER;
    switch (choose_form(v, len)) {
    case FORM_ATOM:
        return mw_buf_append(&c->text, v, len);
    case FORM_QUOTED:
        return append_quoted(c, v, len);
    default:
        return append_literal(s, c, v, len);
    }
}

DWORD mw_imap_cmd_literal(mw_session *s, mw_imap_cmd *c, const void *data, size_t len)
{
    DWORD err = mw_buf_append(&c->text, " ", 1);
    return err != 0 ? err : append_literal(s, c, (const char *)data, len);
}
