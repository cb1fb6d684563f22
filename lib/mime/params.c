/* params.c - MIME parameter lists (RFC 2045, RFC 2231). */
#include "params.h"

#include <stdio.h>
#include <string.h>

#include "../sys/alloc.h"
#include "../sys/ascii.h"
#include "mime.h"

/* ---- splitting a header value -------------------------------------------------- */

typedef struct cursor {
    const char *p;
    const char *end;
} cursor;

/* Skips blanks and (nested) comments. */
static void skip_cfws(cursor *c)
{
    int depth = 0;
    while (c->p < c->end) {
        char ch = *c->p;
        if (depth > 0 && ch == '\\' && c->p + 1 < c->end)
            c->p++;
        else if (ch == '(')
            depth++;
        else if (ch == ')' && depth > 0)
            depth--;
        else if (depth == 0 && ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n')
            return;
        c->p++;
    }
}

/* A run up to a delimiter; real mail has unquoted values with blanks in
 * them, so only ';' ends a value and trailing blanks are trimmed. */
static void take_until(cursor *c, const char *stops, mw_buf *out, DWORD *err)
{
    const char *start = c->p;
    while (c->p < c->end && strchr(stops, *c->p) == NULL)
        c->p++;
    const char *e = c->p;
    while (e > start && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        e--;
    if (*err == 0)
        *err = mw_buf_append(out, start, (size_t)(e - start));
}

static void take_quoted(cursor *c, mw_buf *out, DWORD *err)
{
    c->p++; /* the opening quote */
    while (c->p < c->end && *c->p != '"' && *err == 0) {
        if (*c->p == '\\' && c->p + 1 < c->end)
            c->p++;
        if (*c->p != '\r' && *c->p != '\n') /* folding inside quotes */
            *err = mw_buf_append(out, c->p, 1);
        c->p++;
    }
    if (c->p < c->end)
        c->p++;
}

static void lower(mw_buf *b)
{
    for (size_t i = 0; i < b->len; i++)
        b->p[i] = (unsigned char)mw_ascii_tolower(b->p[i]);
}

static char *take_string(mw_buf *b, DWORD *err)
{
    char *s = *err == 0 ? mw_strndup((const char *)b->p, b->len) : NULL;
    if (s == NULL && *err == 0)
        *err = ST_ERROR_OUT_OF_MEMORY;
    mw_buf_reset(b);
    return s;
}

/* One "name=value" at c into p; 0 when there is none. */
static int take_param(cursor *c, mw_mime_param *p, mw_buf *tmp, DWORD *err)
{
    skip_cfws(c);
    take_until(c, "=;", tmp, err);
    if (c->p >= c->end || *c->p != '=' || tmp->len == 0) {
        mw_buf_reset(tmp);
        while (c->p < c->end && *c->p != ';')
            c->p++; /* a stray word: not a parameter */
        return 0;
    }
    lower(tmp);
    p->name = take_string(tmp, err);
    c->p++;
    skip_cfws(c);
    if (c->p < c->end && *c->p == '"')
        take_quoted(c, tmp, err);
    else
        take_until(c, ";", tmp, err);
    p->value = take_string(tmp, err);
    while (c->p < c->end && *c->p != ';')
        c->p++; /* what follows a quoted value up to the next ';' */
    if (*err != 0) {
        mw_free(p->name);
        mw_free(p->value);
        return 0;
    }
    return 1;
}

DWORD mw_params_parse(const char *value, size_t len, mw_buf *token, mw_mime_param **params_r,
                      size_t *n_r)
{
    cursor c = {value, value + len};
    DWORD err = 0;
    *params_r = NULL;
    *n_r = 0;
    skip_cfws(&c);
    take_until(&c, ";", token, &err);
    lower(token);
    mw_mime_param *v = err == 0 ? mw_calloc(MW_PARAMS_MAX, sizeof *v) : NULL;
    if (v == NULL)
        return err != 0 ? err : ST_ERROR_OUT_OF_MEMORY;
    mw_buf tmp;
    mw_buf_init(&tmp, 0);
    size_t n = 0;
    while (c.p < c.end && err == 0 && n < MW_PARAMS_MAX) {
        c.p++; /* ';' */
        n += (size_t)take_param(&c, &v[n], &tmp, &err);
    }
    mw_buf_free(&tmp);
    if (err != 0) {
        mw_params_free(&v, n);
        return err;
    }
    *params_r = v;
    *n_r = n;
    return 0;
}

void mw_params_free(mw_mime_param **params, size_t n)
{
    if (*params == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        mw_free((*params)[i].name);
        mw_free((*params)[i].value);
    }
    mw_free(*params);
    *params = NULL;
}

/* ---- RFC 2231 -------------------------------------------------------------------- */

/* The index of name*k or name*k* (*ext_r set for the latter), or -1. A
 * lone "name*" counts as section 0, extended. */
static long section_of(const char *pname, const char *name, int *ext_r)
{
    size_t n = strlen(name);
    if (mw_ascii_ncasecmp(pname, name, n) != 0 || pname[n] != '*')
        return -1;
    const char *d = pname + n + 1;
    if (*d == '\0') {
        *ext_r = 1;
        return 0;
    }
    long k = 0;
    const char *start = d;
    while (*d >= '0' && *d <= '9' && k < 1000)
        k = k * 10 + (*d++ - '0');
    if (d == start || (*d != '\0' && strcmp(d, "*") != 0))
        return -1;
    *ext_r = *d == '*';
    return k;
}

static int hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* Appends an extended section's %XX-encoded bytes. */
static DWORD percent_decode(const char *s, mw_buf *raw)
{
    DWORD err = 0;
    for (; *s != '\0' && err == 0; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '%' && hex(s[1]) >= 0 && hex(s[2]) >= 0) {
            c = (unsigned char)(hex(s[1]) * 16 + hex(s[2]));
            s += 2;
        }
        err = mw_buf_append(raw, &c, 1);
    }
    return err;
}

/* "charset'language'text" of section 0: the charset into cs, *text_r past it. */
static void split_charset(const char *v, char *cs, size_t cap, const char **text_r)
{
    const char *q1 = strchr(v, '\'');
    const char *q2 = q1 != NULL ? strchr(q1 + 1, '\'') : NULL;
    cs[0] = '\0';
    *text_r = v;
    if (q2 == NULL)
        return;
    snprintf(cs, cap, "%.*s", (int)(q1 - v), v);
    *text_r = q2 + 1;
}

/* Joins sections 0, 1, ... (stopping at the first missing one) into raw. */
static int join_sections(const mw_mime_param *p, size_t n, const char *name, char *cs, size_t cap,
                         mw_buf *raw, DWORD *err)
{
    int found = 0;
    for (long k = 0; k < 1000 && *err == 0; k++) {
        size_t i;
        int ext = 0;
        for (i = 0; i < n && section_of(p[i].name, name, &ext) != k; i++)
            ;
        if (i == n)
            break;
        const char *text = p[i].value;
        if (k == 0 && ext)
            split_charset(text, cs, cap, &text);
        *err = ext ? percent_decode(text, raw) : mw_buf_append_str(raw, text);
        found = 1;
    }
    return found;
}

int mw_param_get(const mw_mime_param *p, size_t n, const char *name, mw_buf *out, DWORD *err_r)
{
    char cs[64] = "";
    mw_buf raw;
    mw_buf_init(&raw, 0);
    *err_r = 0;
    int found = join_sections(p, n, name, cs, sizeof cs, &raw, err_r);
    if (found && *err_r == 0) {
        size_t mark = out->len;
        /* no charset, or one not converted: the bytes as they are */
        DWORD e = cs[0] != '\0' ? mw_charset_to_utf8(cs, raw.p, raw.len, out) : ST_ERROR_UNKNOWN_CHARSET;
        if (e == ST_ERROR_UNKNOWN_CHARSET) {
            out->len = mark;
            e = mw_buf_append(out, raw.p, raw.len);
        }
        *err_r = e;
    }
    mw_buf_free(&raw);
    for (size_t i = 0; i < n && !found && *err_r == 0; i++)
        if (mw_ascii_casecmp(p[i].name, name) == 0) {
            *err_r = mw_decode_words(p[i].value, strlen(p[i].value), out);
            found = 1;
        }
    if (*err_r == 0)
        *err_r = mw_buf_terminate(out);
    return found && *err_r == 0;
}
