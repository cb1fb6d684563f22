/* part.c - part descriptions (see part.h). */
#include "part.h"

#include <stdio.h>
#include <string.h>

#include "../sys/ascii.h"
#include "mime.h"

/* The length of the well-formed UTF-8 character at t[0..n), 0 if none. */
static size_t utf8_char(const unsigned char *t, size_t n)
{
    size_t len = t[0] < 0x80 ? 1 : (t[0] & 0xE0) == 0xC0 ? 2 : (t[0] & 0xF0) == 0xE0 ? 3
               : (t[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || len > n || (len == 2 && t[0] < 0xC2))
        return 0;
    for (size_t k = 1; k < len; k++)
        if ((t[k] & 0xC0) != 0x80)
            return 0;
    return len;
}

void mw_part_text(char *field, size_t cap, const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t o = 0;
    for (size_t i = 0; text != NULL && i < len && t[i] != '\0';) {
        size_t n = utf8_char(t + i, len - i);
        /* bytes that are no UTF-8 (raw 8-bit header text) as U+FFFD */
        const unsigned char *c = n > 0 ? t + i : (const unsigned char *)"\xEF\xBF\xBD";
        size_t out = n > 0 ? n : 3;
        if (o + out >= cap)
            break;
        for (size_t k = 0; k < out; k++)
            field[o++] = (char)(c[k] < 0x20 || c[k] == 0x7F ? '?' : c[k]);
        i += n > 0 ? n : 1;
    }
    field[o] = '\0';
}

static void set_text(char *field, size_t cap, const char *text)
{
    mw_part_text(field, cap, text, text != NULL ? strlen(text) : 0);
}

static void set_lower(char *field, size_t cap, const char *text)
{
    set_text(field, cap, text);
    for (char *c = field; *c != '\0'; c++)
        *c = (char)mw_ascii_tolower((unsigned char)*c);
}

/* A parameter's decoded value into field; 1 when present. */
static int set_param(char *field, size_t cap, const mw_mime_param *p, size_t n, const char *name,
                     DWORD *err)
{
    mw_buf v;
    mw_buf_init(&v, 0);
    int found = *err == 0 && mw_param_get(p, n, name, &v, err);
    if (found)
        mw_part_text(field, cap, (const char *)v.p, v.len);
    mw_buf_free(&v);
    return found;
}

/* Content-ID without its angle brackets. */
static void set_id(char *field, size_t cap, const char *id)
{
    if (id == NULL)
        return set_text(field, cap, NULL);
    while (*id == ' ' || *id == '<')
        id++;
    size_t n = strlen(id);
    while (n > 0 && (id[n - 1] == ' ' || id[n - 1] == '>'))
        n--;
    mw_part_text(field, cap, id, n);
}

static DWORD flags_of(const MIMEPARTA *p)
{
    DWORD f = 0;
    if (strcmp(p->szType, "multipart") == 0)
        return MIME_PART_MULTIPART;
    if (strcmp(p->szType, "message") == 0 &&
        (strcmp(p->szSubType, "rfc822") == 0 || strcmp(p->szSubType, "global") == 0))
        return MIME_PART_MESSAGE;
    if (strcmp(p->szType, "text") == 0)
        f |= MIME_PART_TEXT;
    /* a file: said to be one, or named; text shown inline has no name */
    if (strcmp(p->szDisposition, "attachment") == 0 || p->szFileName[0] != '\0')
        f |= MIME_PART_ATTACHMENT;
    return f;
}

DWORD mw_part_describe(const mw_part_fields *f, MIMEPARTA *out)
{
    DWORD err = 0;
    set_lower(out->szType, sizeof out->szType, f->type != NULL ? f->type : "text");
    set_lower(out->szSubType, sizeof out->szSubType,
              f->subtype != NULL ? f->subtype : f->type == NULL ? "plain" : "");
    if (!set_param(out->szCharset, sizeof out->szCharset, f->params, f->nparams, "charset", &err))
        out->szCharset[0] = '\0';
    set_lower(out->szCharset, sizeof out->szCharset, out->szCharset);
    set_lower(out->szEncoding, sizeof out->szEncoding, f->encoding);
    set_lower(out->szDisposition, sizeof out->szDisposition, f->disposition);
    if (!set_param(out->szFileName, sizeof out->szFileName, f->dparams, f->ndparams, "filename", &err) &&
        !set_param(out->szFileName, sizeof out->szFileName, f->params, f->nparams, "name", &err))
        out->szFileName[0] = '\0';
    if (!set_param(out->szBoundary, sizeof out->szBoundary, f->params, f->nparams, "boundary", &err))
        out->szBoundary[0] = '\0';
    set_id(out->szContentId, sizeof out->szContentId, f->id);
    mw_buf d;
    mw_buf_init(&d, 0);
    if (f->description != NULL && err == 0)
        err = mw_decode_words(f->description, strlen(f->description), &d);
    mw_part_text(out->szDescription, sizeof out->szDescription, (const char *)d.p, d.len);
    mw_buf_free(&d);
    set_text(out->szLanguage, sizeof out->szLanguage, f->language);
    set_text(out->szLocation, sizeof out->szLocation, f->location);
    out->dwFlags = flags_of(out);
    return err;
}

/* ---- file names ------------------------------------------------------------------ */

static int forbidden(unsigned char c)
{
    return c < 0x20 || c == 0x7F || strchr("<>:\"/\\|?*", c) != NULL;
}

/* CON, PRN, AUX, NUL, COM1-9, LPT1-9: with any extension, Windows opens a
 * device instead of a file. */
static int reserved(const char *name)
{
    static const char *const devices[] = {"con", "prn", "aux", "nul"};
    size_t stem = strcspn(name, ".");
    while (stem > 0 && name[stem - 1] == ' ')
        stem--;
    for (size_t i = 0; i < 4; i++)
        if (stem == 3 && mw_ascii_ncasecmp(name, devices[i], 3) == 0)
            return 1;
    return stem == 4 &&
           (mw_ascii_ncasecmp(name, "com", 3) == 0 || mw_ascii_ncasecmp(name, "lpt", 3) == 0) &&
           name[3] >= '1' && name[3] <= '9';
}

static const char *extension_of(const MIMEPARTA *p)
{
    static const struct {
        const char *type, *ext;
    } known[] = {
        {"text/plain", ".txt"},       {"text/html", ".html"},     {"text/calendar", ".ics"},
        {"image/png", ".png"},        {"image/jpeg", ".jpg"},     {"image/gif", ".gif"},
        {"application/pdf", ".pdf"},  {"application/zip", ".zip"}, {"message/rfc822", ".eml"},
    };
    char t[100];
    snprintf(t, sizeof t, "%s/%s", p->szType, p->szSubType);
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(t, known[i].type) == 0)
            return known[i].ext;
    return ".bin";
}

/* name's last path component, cleaned, into out; "" when nothing is left. */
static void clean(const char *name, char *out, size_t cap)
{
    const char *base = name;
    for (const char *c = name; *c != '\0'; c++)
        if (*c == '/' || *c == '\\')
            base = c + 1;
    while (*base == ' ' || *base == '.')
        base++; /* no hidden files, no ".." */
    char tmp[256];
    size_t n = 0;
    for (; *base != '\0' && n + 1 < sizeof tmp; base++)
        tmp[n++] = forbidden((unsigned char)*base) ? '_' : *base;
    while (n > 0 && (tmp[n - 1] == ' ' || tmp[n - 1] == '.'))
        n--; /* Windows drops them, and the name would change */
    tmp[n] = '\0';
    mw_part_text(out, cap, tmp, n); /* cut whole characters only */
}

void mw_part_file_name(const MIMEPARTA *p, char *out, size_t cap)
{
    char name[200];
    clean(p->szFileName, name, sizeof name);
    if (name[0] != '\0' && reserved(name))
        snprintf(out, cap, "_%s", name);
    else if (name[0] != '\0')
        snprintf(out, cap, "%s", name);
    else
        snprintf(out, cap, "part-%s%s", p->szPart[0] != '\0' ? p->szPart : "1", extension_of(p));
}
