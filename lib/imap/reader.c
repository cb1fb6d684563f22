/* reader.c - reading one whole IMAP response, literals inlined. */
#include "imap.h"

#include "../proto/line.h"

/* If the line just read ends in "{n}", the size of that literal. */
static DWORD literal_size(const char *line, size_t len, int *has_r, size_t *n_r)
{
    *has_r = 0;
    if (len < 3 || line[len - 1] != '}')
        return 0;
    size_t i = len - 1;
    while (i > 0 && line[i - 1] >= '0' && line[i - 1] <= '9')
        i--;
    if (i == 0 || line[i - 1] != '{' || i == len - 1)
        return 0;
    size_t digits = len - 1 - i;
    /* Ten digits cover every 32-bit size; more is an attack or a bug, and
     * the value is checked before anything is allocated for it. */
    if (digits > 10)
        return ST_ERROR_RESPONSE_TOO_LARGE;
    unsigned long long v = 0;
    for (size_t k = i; k < len - 1; k++)
        v = v * 10 + (unsigned long long)(line[k] - '0');
    if (v > MW_IMAP_LITERAL_MAX)
        return ST_ERROR_RESPONSE_TOO_LARGE;
    *has_r = 1;
    *n_r = (size_t)v;
    return 0;
}

DWORD mw_imap_read(mw_session *s, mw_imap_resp *r)
{
    DWORD err = mw_line_read(s);
    size_t start = 0;
    while (err == 0) {
        int has;
        size_t n;
        err = literal_size((const char *)s->line.p + start, s->line.len - start, &has, &n);
        if (err != 0 || !has)
            break;
        err = mw_buf_append(&s->line, "\r\n", 2);
        if (err == 0)
            err = mw_line_read_bytes_append(s, n);
        if (err == 0)
            err = mw_line_read_append(s, &start);
    }
    if (err != 0)
        return err;
    mw_session_record(s, (const char *)s->line.p, s->line.len);
    return mw_imap_resp_parse((const char *)s->line.p, s->line.len, r);
}
