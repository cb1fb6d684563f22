/*
 * charset_win32.c - charset conversion through MultiByteToWideChar, then
 * UTF-16 to UTF-8. The Windows API converts whole buffers only, so pieces
 * are cut after a line feed: no supported charset has 0x0A inside a
 * character, and ISO-2022-JP returns to ASCII before every line end.
 */
#include <string.h>
#include <windows.h>

#include "alloc.h"
#include "ascii.h"
#include "charset.h"

/* A line longer than this is converted in pieces of this size. */
#define PENDING_MAX (64u * 1024u)

struct mw_charset_conv {
    UINT codepage;
    unsigned char *pending;
    size_t pending_len;
};

static const struct {
    const char *name;
    UINT codepage;
} pages[] = {
    {"UTF-8", CP_UTF8},          {"UTF-7", CP_UTF7},          {"US-ASCII", 20127},
    {"ISO-8859-1", 28591},       {"ISO-8859-2", 28592},       {"ISO-8859-3", 28593},
    {"ISO-8859-4", 28594},       {"ISO-8859-5", 28595},       {"ISO-8859-6", 28596},
    {"ISO-8859-7", 28597},       {"ISO-8859-8", 28598},       {"ISO-8859-9", 28599},
    {"ISO-8859-11", 874},        {"ISO-8859-13", 28603},      {"ISO-8859-15", 28605},
    {"windows-1250", 1250},      {"windows-1251", 1251},      {"windows-1252", 1252},
    {"windows-1253", 1253},      {"windows-1254", 1254},      {"windows-1255", 1255},
    {"windows-1256", 1256},      {"windows-1257", 1257},      {"windows-1258", 1258},
    {"KOI8-R", 20866},           {"KOI8-U", 21866},           {"ISO-2022-JP", 50220},
    {"Shift_JIS", 932},          {"EUC-JP", 20932},           {"GBK", 936},
    {"GB18030", 54936},          {"Big5", 950},               {"EUC-KR", 949},
};

static UINT codepage_of(const char *charset)
{
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
        if (mw_ascii_casecmp(charset, pages[i].name) == 0)
            return IsValidCodePage(pages[i].codepage) ? pages[i].codepage : 0;
    return 0;
}

int mw_charset_open(const char *charset, mw_charset_conv **conv_r)
{
    *conv_r = NULL;
    UINT cp = codepage_of(charset);
    if (cp == 0)
        return -1;
    mw_charset_conv *c = mw_calloc(1, sizeof *c);
    if (c == NULL || (c->pending = mw_malloc(PENDING_MAX)) == NULL) {
        mw_free(c);
        return -2;
    }
    c->codepage = cp;
    *conv_r = c;
    return 0;
}

/* Converts one whole piece (never more than PENDING_MAX bytes). */
static unsigned long convert(mw_charset_conv *c, const unsigned char *in, size_t len,
                             mw_utf8_emit emit, void *ctx)
{
    if (len == 0)
        return 0;
    /* No supported charset makes more UTF-16 units than bytes. */
    WCHAR *wide = mw_malloc(len * sizeof *wide);
    char *utf8 = mw_malloc(len * 3);
    unsigned long err = wide != NULL && utf8 != NULL ? 0 : (unsigned long)-2;
    int nw = err == 0 ? MultiByteToWideChar(c->codepage, 0, (LPCCH)in, (int)len, wide, (int)len) : 0;
    int n8 = nw > 0 ? WideCharToMultiByte(CP_UTF8, 0, wide, nw, utf8, (int)len * 3, NULL, NULL) : 0;
    if (err == 0 && n8 > 0)
        err = emit(ctx, utf8, (size_t)n8);
    else if (err == 0) /* nothing the code page could read */
        err = emit(ctx, "\xEF\xBF\xBD", 3);
    mw_free(wide);
    mw_free(utf8);
    return err;
}

unsigned long mw_charset_feed(mw_charset_conv *c, const unsigned char *in, size_t len, int last,
                              mw_utf8_emit emit, void *ctx)
{
    unsigned long err = 0;
    while (err == 0 && len > 0) {
        size_t take = PENDING_MAX - c->pending_len < len ? PENDING_MAX - c->pending_len : len;
        memcpy(c->pending + c->pending_len, in, take);
        c->pending_len += take;
        in += take;
        len -= take;
        size_t cut = c->pending_len;
        while (cut > 0 && c->pending[cut - 1] != '\n')
            cut--;
        if (cut == 0 && c->pending_len == PENDING_MAX)
            cut = PENDING_MAX; /* one very long line */
        err = convert(c, c->pending, cut, emit, ctx);
        memmove(c->pending, c->pending + cut, c->pending_len - cut);
        c->pending_len -= cut;
    }
    if (err == 0 && last) {
        err = convert(c, c->pending, c->pending_len, emit, ctx);
        c->pending_len = 0;
    }
    return err;
}

void mw_charset_close(mw_charset_conv **conv)
{
    if (*conv == NULL)
        return;
    mw_free((*conv)->pending);
    mw_free(*conv);
    *conv = NULL;
}
