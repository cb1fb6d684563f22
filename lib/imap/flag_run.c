/* flag_run.c - flag lists past the line limit, system flags kept
 * (flag_run.h). */
#include "flag_run.h"

#include <string.h>

#include <mailwire/errors.h>

#include "../sys/ascii.h"

/* "FLAGS (" ends at i (the "(" at i - 1)? PERMANENTFLAGS matches too. */
static int opens_flag_list(const char *line, size_t i)
{
    return i >= 7 && mw_ascii_ncasecmp(line + i - 7, "FLAGS (", 7) == 0;
}

int mw_flag_list_open(const char *line, size_t len, size_t *list_r)
{
    int quoted = 0, escaped = 0, open = 0;
    for (size_t i = 0; i < len; i++) {
        char c = line[i];
        if (quoted) {
            escaped = !escaped && c == '\\';
            quoted = escaped || c != '"';
            continue;
        }
        if (c == '"') {
            quoted = 1;
            open = 0; /* no flag list holds a string */
        } else if (c == '(' || c == ')') {
            open = c == '(' && opens_flag_list(line, i + 1);
            if (open)
                *list_r = i + 1;
        }
    }
    return open && !quoted;
}

/* The flag read so far is complete: kept when it is a system flag. */
static DWORD finish_atom(mw_flag_run *r, mw_buf *text)
{
    DWORD err = 0;
    int system = r->atom_len > 1 && r->atom[0] == '\\' && !r->atom_long;
    if (system && r->kept < MW_FLAG_KEPT_MAX) {
        if (r->kept++ > 0)
            err = mw_buf_append(text, " ", 1);
        if (err == 0)
            err = mw_buf_append(text, r->atom, r->atom_len);
    }
    r->atom_len = 0;
    r->atom_long = 0;
    return err;
}

static void add_byte(mw_flag_run *r, char c)
{
    if (r->atom_len == MW_FLAG_ATOM_MAX)
        r->atom_long = 1;
    else
        r->atom[r->atom_len++] = c;
}

DWORD mw_flag_run_start(mw_flag_run *r, mw_buf *text, size_t list)
{
    mw_buf kept; /* the system flags among the items read so far */
    mw_buf_init(&kept, 0);
    memset(r, 0, sizeof *r);
    DWORD err = 0;
    for (size_t i = list; i < text->len && err == 0; i++) {
        if (text->p[i] == ' ')
            err = finish_atom(r, &kept);
        else
            add_byte(r, (char)text->p[i]);
    }
    /* the last item stays in the run: the next bytes may go on with it */
    text->len = list;
    if (err == 0 && kept.len > 0)
        err = mw_buf_append(text, kept.p, kept.len);
    mw_buf_free(&kept);
    return err;
}

DWORD mw_flag_run_feed(mw_flag_run *r, mw_buf *text, const unsigned char *p, size_t len,
                       size_t *used_r, int *closed_r)
{
    DWORD err = 0;
    size_t i = 0;
    *closed_r = 0;
    for (; i < len && err == 0 && !*closed_r; i++) {
        char c = (char)p[i];
        if (c == ' ') {
            err = finish_atom(r, text);
        } else if (c == ')') {
            err = finish_atom(r, text);
            if (err == 0)
                err = mw_buf_append(text, ")", 1);
            *closed_r = 1;
        } else if (c == '(' || c == '"' || c == '\r' || c == '\n' || c == '{' || c == '\0') {
            err = ST_ERROR_RESPONSE_TOO_LARGE;
        } else {
            add_byte(r, c);
        }
    }
    *used_r = i;
    return err;
}
