/* header.c - finding and unfolding header fields. */
#include <string.h>

#include "../sys/ascii.h"
#include "mime.h"

/* End of the current physical line (at its LF, or at end). */
static size_t line_end(const char *t, size_t len, size_t i)
{
    const char *lf = memchr(t + i, '\n', len - i);
    return lf != NULL ? (size_t)(lf - t) : len;
}

static int blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Appends one line's piece of the value, CR and edge blanks trimmed later. */
static DWORD append_piece(mw_buf *out, const char *p, size_t n)
{
    while (n > 0 && (p[n - 1] == '\r'))
        n--;
    DWORD err = 0;
    if (out->len > 0 && n > 0)
        err = mw_buf_append(out, " ", 1);
    return err != 0 ? err : mw_buf_append(out, p, n);
}

static void trim(mw_buf *out, size_t start)
{
    size_t a = start, b = out->len;
    while (a < b && blank((char)out->p[a]))
        a++;
    while (b > a && blank((char)out->p[b - 1]))
        b--;
    memmove(out->p + start, out->p + a, b - a);
    out->len = start + (b - a);
    if (out->p != NULL)
        out->p[out->len] = '\0';
}

int mw_header_find(const char *t, size_t len, const char *name, mw_buf *out, DWORD *err_r)
{
    size_t nlen = strlen(name), i = 0;
    *err_r = 0;
    while (i < len) {
        size_t end = line_end(t, len, i);
        size_t linelen = end - i;
        if (linelen == 0 || (linelen == 1 && t[i] == '\r'))
            return 0; /* the empty line ends the header */
        if (linelen > nlen && t[i + nlen] == ':' && mw_ascii_ncasecmp(t + i, name, nlen) == 0) {
            size_t start = out->len;
            mw_buf piece;
            mw_buf_init(&piece, 0);
            *err_r = append_piece(&piece, t + i + nlen + 1, linelen - nlen - 1);
            /* continuation lines start with a blank */
            for (i = end + 1; *err_r == 0 && i < len && blank(t[i]); i = end + 1) {
                end = line_end(t, len, i);
                size_t a = i;
                while (a < end && blank(t[a]))
                    a++;
                *err_r = append_piece(&piece, t + a, end - a);
            }
            if (*err_r == 0)
                *err_r = mw_buf_append(out, piece.p, piece.len);
            mw_buf_free(&piece);
            if (*err_r == 0)
                trim(out, start);
            return *err_r == 0;
        }
        i = end + 1;
    }
    return 0;
}
