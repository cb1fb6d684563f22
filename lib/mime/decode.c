/* decode.c - streaming base64 and quoted-printable decoding. */
#include "decode.h"

#include "../sys/ascii.h"

#define OUT_MAX 4096

/* Decoded bytes gathered before they go to the callback. */
typedef struct out_run {
    unsigned char p[OUT_MAX];
    size_t n;
    mw_bytes_fn fn;
    void *ctx;
} out_run;

static DWORD out_flush(out_run *o)
{
    DWORD err = o->n > 0 ? o->fn(o->ctx, o->p, o->n) : 0;
    o->n = 0;
    return err;
}

static DWORD out_byte(out_run *o, unsigned char c)
{
    o->p[o->n++] = c;
    return o->n == OUT_MAX ? out_flush(o) : 0;
}

static DWORD out_bytes(out_run *o, const unsigned char *p, size_t n)
{
    DWORD err = 0;
    for (size_t i = 0; i < n && err == 0; i++)
        err = out_byte(o, p[i]);
    return err;
}

mw_cte mw_cte_of(const char *e)
{
    if (e == NULL)
        return MW_CTE_IDENTITY;
    while (*e == ' ' || *e == '\t')
        e++;
    if (mw_ascii_ncasecmp(e, "base64", 6) == 0)
        return MW_CTE_BASE64;
    if (mw_ascii_ncasecmp(e, "quoted-printable", 16) == 0)
        return MW_CTE_QP;
    return MW_CTE_IDENTITY;
}

void mw_decoder_init(mw_decoder *d, mw_cte kind)
{
    *d = (mw_decoder){0};
    d->kind = kind;
}

/* ---- base64 ---------------------------------------------------------------- */

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

static DWORD b64_feed(mw_decoder *d, const unsigned char *in, size_t len, out_run *o)
{
    DWORD err = 0;
    for (size_t i = 0; i < len && err == 0 && !d->done; i++) {
        if (in[i] == '=') { /* padding: the rest of this body is not data */
            d->done = 1;
            break;
        }
        int v = b64_value(in[i]);
        if (v < 0)
            continue; /* line ends, blanks, stray bytes */
        d->bits = (d->bits << 6) | (unsigned long)v;
        d->nbits += 6;
        if (d->nbits >= 8) {
            d->nbits -= 8;
            err = out_byte(o, (unsigned char)(d->bits >> d->nbits));
            d->bits &= (1ul << d->nbits) - 1;
        }
    }
    return err;
}

/* ---- quoted-printable ------------------------------------------------------ */

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') /* lower case is wrong, and common */
        return c - 'a' + 10;
    return -1;
}

static DWORD blanks_out(mw_decoder *d, out_run *o)
{
    DWORD err = out_bytes(o, d->blanks, d->nblanks);
    d->nblanks = 0;
    return err;
}

static DWORD qp_byte(mw_decoder *d, unsigned char c, out_run *o);

/* One more byte after "=": completes "=XX", a soft line break, or shows
 * the "=" was not an escape (then it goes out as it came). */
static DWORD qp_escape(mw_decoder *d, unsigned char c, out_run *o)
{
    d->esc[d->nesc++] = c;
    if (d->nesc == 2 && c == '\n') { /* "=\n": soft break, LF-only */
        d->nesc = 0;
        return 0;
    }
    if (d->nesc == 2 && (c == '\r' || hex_value(c) >= 0))
        return 0;
    if (d->nesc == 3 && d->esc[1] == '\r' && c == '\n') {
        d->nesc = 0; /* "=\r\n": soft break */
        return 0;
    }
    if (d->nesc == 3 && hex_value(d->esc[1]) >= 0 && hex_value(c) >= 0) {
        d->nesc = 0;
        return out_byte(o, (unsigned char)(hex_value(d->esc[1]) * 16 + hex_value(c)));
    }
    /* not an escape: "=" goes out, the bytes after it are read again */
    unsigned char again[2];
    size_t n = d->nesc - 1;
    for (size_t i = 0; i < n; i++)
        again[i] = d->esc[i + 1];
    d->nesc = 0;
    DWORD err = out_byte(o, '=');
    for (size_t i = 0; i < n && err == 0; i++)
        err = qp_byte(d, again[i], o);
    return err;
}

static DWORD qp_byte(mw_decoder *d, unsigned char c, out_run *o)
{
    if (d->nesc > 0)
        return qp_escape(d, c, o);
    if (c == ' ' || c == '\t') {
        DWORD err = d->nblanks == MW_QP_BLANKS_MAX ? blanks_out(d, o) : 0;
        d->blanks[d->nblanks++] = c;
        return err;
    }
    if (c == '\r' || c == '\n')
        d->nblanks = 0; /* blanks before a line end are transport padding */
    DWORD err = blanks_out(d, o);
    if (err == 0 && c == '=')
        d->esc[d->nesc++] = c;
    else if (err == 0)
        err = out_byte(o, c);
    return err;
}

static DWORD qp_feed(mw_decoder *d, const unsigned char *in, size_t len, out_run *o)
{
    DWORD err = 0;
    for (size_t i = 0; i < len && err == 0; i++)
        err = qp_byte(d, in[i], o);
    return err;
}

/* ---- the stream ------------------------------------------------------------ */

DWORD mw_decoder_feed(mw_decoder *d, const void *in, size_t len, mw_bytes_fn fn, void *ctx)
{
    if (d->kind == MW_CTE_IDENTITY)
        return len > 0 ? fn(ctx, in, len) : 0;
    out_run o;
    o.n = 0;
    o.fn = fn;
    o.ctx = ctx;
    DWORD err = d->kind == MW_CTE_BASE64 ? b64_feed(d, in, len, &o) : qp_feed(d, in, len, &o);
    DWORD ferr = out_flush(&o);
    return err != 0 ? err : ferr;
}

DWORD mw_decoder_finish(mw_decoder *d, mw_bytes_fn fn, void *ctx)
{
    out_run o;
    o.n = 0;
    o.fn = fn;
    o.ctx = ctx;
    DWORD err = 0;
    if (d->kind == MW_CTE_QP) {
        /* an escape cut off by the end goes out as it came; blanks at the
         * very end are padding like those before a line end */
        err = out_bytes(&o, d->esc, d->nesc);
        d->nesc = 0;
        d->nblanks = 0;
    }
    DWORD ferr = out_flush(&o);
    return err != 0 ? err : ferr;
}
