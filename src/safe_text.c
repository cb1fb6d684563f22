/*
 * safe_text.c - server text made safe for a terminal and for JSON.
 *
 * Mailbox names, subjects, From lines, alerts and UIDLs come from the
 * server, which may be hostile: an ESC sequence can retitle the window or
 * clear the screen, a CR can overwrite what was printed, a bidi override
 * can reverse a file name. Every such character is shown escaped, and
 * bytes that are not UTF-8 are shown as \xNN (text) or U+FFFD (JSON).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The code point of the UTF-8 sequence at p (at most n bytes) and its
 * length; -1 when the bytes are not well-formed UTF-8. */
static long decode_utf8(const unsigned char *p, size_t n, size_t *len_r)
{
    static const long min[] = {0, 0x80, 0x800, 0x10000};
    int extra = p[0] < 0x80 ? 0 : (p[0] & 0xE0) == 0xC0 ? 1 : (p[0] & 0xF0) == 0xE0 ? 2
              : (p[0] & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0 || (size_t)extra + 1 > n)
        return -1;
    long cp = extra == 0 ? p[0] : p[0] & (0x3F >> extra);
    for (int i = 1; i <= extra; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *len_r = (size_t)extra + 1;
    return cp;
}

/* C0, DEL, C1, and the characters that reorder text (bidi controls). */
static int is_dangerous(long cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
           cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x2028 || cp == 0x2029;
}

/* What to show for the character at p: a pointer to the bytes to emit
 * (the character itself, or an escape written into esc) and their
 * length; *used_r is how many input bytes it stands for. */
static const char *show_char(const unsigned char *p, size_t n, char esc[16], size_t *out_len_r,
                             size_t *used_r)
{
    size_t len = 1;
    long cp = decode_utf8(p, n, &len);
    *used_r = len;
    if (cp >= 0 && !is_dangerous(cp)) {
        *out_len_r = len;
        return (const char *)p;
    }
    if (cp < 0 || cp < 0x80)
        snprintf(esc, 16, "\\x%02x", cp < 0 ? p[0] : (unsigned)cp);
    else
        snprintf(esc, 16, "\\u{%04x}", (unsigned)cp & 0x1FFFFFu);
    *out_len_r = strlen(esc);
    return esc;
}

void cli_safe_text(const char *in, char *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t n = strlen(in), o = 0;
    while (n > 0) {
        char esc[16];
        size_t add, used;
        const char *show = show_char(p, n, esc, &add, &used);
        if (o + add >= cap)
            break; /* cut whole: never half an escape or half a character */
        memcpy(out + o, show, add);
        o += add;
        p += used;
        n -= used;
    }
    if (cap > 0)
        out[o] = '\0';
}

void cli_print_text_n(FILE *f, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    while (n > 0) {
        char esc[16];
        size_t len, used;
        const char *show = show_char(p, n, esc, &len, &used);
        fwrite(show, 1, len, f);
        p += used;
        n -= used;
    }
}

void cli_print_text(FILE *f, const char *s)
{
    cli_print_text_n(f, s, strlen(s));
}

void cli_json_string(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    fputc('"', f);
    while (n > 0) {
        size_t len = 1;
        long cp = decode_utf8(p, n, &len);
        if (cp < 0)
            fputs("\\ufffd", f); /* not UTF-8: JSON must be */
        else if (cp == '"' || cp == '\\')
            fprintf(f, "\\%c", (int)cp);
        else if (is_dangerous(cp))
            fprintf(f, "\\u%04lx", cp);
        else
            fwrite(p, 1, len, f);
        p += len;
        n -= len;
    }
    fputc('"', f);
}

/* One piece of a text body on its way to a terminal: line ends and tabs
 * go out as they are (CRLF as LF), everything else as cli_print_text
 * shows it. A character split between pieces waits in the hold. */
static void body_run(FILE *f, cli_body_out *b, const unsigned char *p, size_t n, int last)
{
    while (n > 0) {
        if (b->cr && p[0] != '\n')
            fputs("\\x0d", f); /* a lone CR would overwrite the line */
        b->cr = 0;
        if (p[0] == '\r' && (n > 1 || !last)) {
            b->cr = 1;
            p++;
            n--;
            continue;
        }
        if (p[0] == '\n' || p[0] == '\t') {
            fputc(p[0], f);
            p++;
            n--;
            continue;
        }
        size_t len = 1;
        if (!last && decode_utf8(p, n, &len) < 0 && n < 4 && p[0] >= 0xC0)
            break; /* perhaps the start of a character the next piece ends */
        char esc[16];
        size_t out_len, used;
        const char *show = show_char(p, n, esc, &out_len, &used);
        fwrite(show, 1, out_len, f);
        p += used;
        n -= used;
    }
    memcpy(b->hold, p, n);
    b->n = n;
}

void cli_print_body(FILE *f, cli_body_out *b, const void *data, size_t len, int last)
{
    unsigned char buf[4096 + 4];
    const unsigned char *p = data;
    do {
        size_t take = len < 4096 ? len : 4096;
        memcpy(buf, b->hold, b->n);
        if (take > 0) /* the last call may have no data at all */
            memcpy(buf + b->n, p, take);
        size_t n = b->n + take;
        b->n = 0;
        p += take;
        len -= take;
        body_run(f, b, buf, n, last && len == 0);
    } while (len > 0);
    if (last && b->cr)
        fputs("\\x0d", f);
}
