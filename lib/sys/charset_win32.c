/*
 * charset_win32.c - charset conversion through MultiByteToWideChar, then
 * UTF-16 to UTF-8. The Windows API converts whole buffers only, so pieces
 * are cut after a line feed: no supported charset has 0x0A inside a
 * character, and ISO-2022-JP returns to ASCII before every line end.
 *
 * Two things are done here rather than by the system: bytes that are no
 * character become U+FFFD (Windows puts its own default character, U+30FB
 * in Japanese code pages, which is also a real character), and
 * ISO-2022-JP, whose code page 50220 not every Windows-compatible system
 * has, is read as the EUC-JP it maps to byte for byte.
 */
#include <string.h>
#include <windows.h>

#include "alloc.h"
#include "ascii.h"
#include "charset.h"

/* A line longer than this is converted in pieces of this size. */
#define PENDING_MAX (64u * 1024u)
#define EUC_JP 20932
#define ISO_2022_JP 1 /* not a code page: read as EUC-JP (see jis_to_euc) */

struct mw_charset_conv {
    UINT codepage;
    int jis;       /* ISO-2022-JP: its bytes go through jis_to_euc */
    int jis_state; /* 0 ASCII, 1 JIS X 0208 (ESC $ B / ESC $ @) */
    unsigned char *pending;
    size_t pending_len;
};

static const struct {
    const char *name;
    UINT codepage;
} pages[] = {
    {"UTF-8", CP_UTF8},          {"US-ASCII", 20127},
    {"ISO-8859-1", 28591},       {"ISO-8859-2", 28592},       {"ISO-8859-3", 28593},
    {"ISO-8859-4", 28594},       {"ISO-8859-5", 28595},       {"ISO-8859-6", 28596},
    {"ISO-8859-7", 28597},       {"ISO-8859-8", 28598},       {"ISO-8859-9", 28599},
    {"ISO-8859-11", 874},        {"ISO-8859-13", 28603},      {"ISO-8859-15", 28605},
    {"windows-1250", 1250},      {"windows-1251", 1251},      {"windows-1252", 1252},
    {"windows-1253", 1253},      {"windows-1254", 1254},      {"windows-1255", 1255},
    {"windows-1256", 1256},      {"windows-1257", 1257},      {"windows-1258", 1258},
    {"KOI8-R", 20866},           {"KOI8-U", 21866},           {"ISO-2022-JP", ISO_2022_JP},
    {"Shift_JIS", 932},          {"EUC-JP", EUC_JP},          {"GBK", 936},
    {"GB18030", 54936},          {"Big5", 950},               {"EUC-KR", 949},
};

static UINT codepage_of(const char *charset, int *jis_r)
{
    *jis_r = 0;
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        if (mw_ascii_casecmp(charset, pages[i].name) != 0)
            continue;
        UINT cp = pages[i].codepage;
        if (cp == ISO_2022_JP) {
            *jis_r = 1;
            cp = EUC_JP;
        }
        return IsValidCodePage(cp) ? cp : 0;
    }
    return 0;
}

int mw_charset_open(const char *charset, mw_charset_conv **conv_r)
{
    *conv_r = NULL;
    int jis;
    UINT cp = codepage_of(charset, &jis);
    if (cp == 0)
        return -1;
    mw_charset_conv *c = mw_calloc(1, sizeof *c);
    if (c == NULL || (c->pending = mw_malloc(PENDING_MAX)) == NULL) {
        mw_free(c);
        return -2;
    }
    c->codepage = cp;
    c->jis = jis;
    *conv_r = c;
    return 0;
}

/* ISO-2022-JP to EUC-JP in place (never longer): the escapes go, the JIS
 * X 0208 bytes get their high bit. JIS X 0201 Roman (ESC ( J) reads as
 * ASCII, as mail readers do. */
static size_t jis_to_euc(mw_charset_conv *c, unsigned char *p, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == 0x1B && i + 2 < n && p[i + 1] == '$' && (p[i + 2] == 'B' || p[i + 2] == '@')) {
            c->jis_state = 1;
            i += 2;
        } else if (p[i] == 0x1B && i + 2 < n && p[i + 1] == '(' && (p[i + 2] == 'B' || p[i + 2] == 'J')) {
            c->jis_state = 0;
            i += 2;
        } else if (c->jis_state == 1 && p[i] >= 0x21 && p[i] <= 0x7E) {
            p[o++] = (unsigned char)(p[i] | 0x80);
        } else {
            p[o++] = p[i];
        }
    }
    return o;
}

/* The length of the character at p in code page cp: 2 for a DBCS lead
 * byte followed by another, else 1. */
static size_t char_len(UINT cp, const unsigned char *p, size_t n)
{
    return n >= 2 && IsDBCSLeadByteEx(cp, p[0]) ? 2 : 1;
}

/* Converts to UTF-16; NULL when the code page finds a byte no character. */
static int to_wide(UINT cp, const unsigned char *in, size_t len, WCHAR *wide)
{
    return MultiByteToWideChar(cp, MB_ERR_INVALID_CHARS, (LPCCH)in, (int)len, wide, (int)len);
}

/* Bad bytes somewhere: character by character, each bad one U+FFFD. */
static int to_wide_slowly(UINT cp, const unsigned char *in, size_t len, WCHAR *wide)
{
    int nw = 0;
    for (size_t i = 0; i < len;) {
        size_t n = char_len(cp, in + i, len - i);
        int got = to_wide(cp, in + i, n, wide + nw);
        if (got <= 0 && n == 2) { /* a lead byte whose trail is not one */
            n = 1;
            got = to_wide(cp, in + i, 1, wide + nw);
        }
        if (got <= 0) {
            wide[nw] = 0xFFFD;
            got = 1;
        }
        nw += got;
        i += n;
    }
    return nw;
}

/* Converts one whole piece (never more than PENDING_MAX bytes). */
static unsigned long convert(mw_charset_conv *c, unsigned char *in, size_t len, mw_utf8_emit emit,
                             void *ctx)
{
    if (c->jis)
        len = jis_to_euc(c, in, len);
    if (len == 0)
        return 0;
    /* No supported charset makes more UTF-16 units than bytes. */
    WCHAR *wide = mw_malloc(len * sizeof *wide);
    char *utf8 = mw_malloc(len * 3);
    unsigned long err = wide != NULL && utf8 != NULL ? 0 : (unsigned long)-2;
    int nw = 0;
    if (err == 0 && (nw = to_wide(c->codepage, in, len, wide)) <= 0)
        nw = to_wide_slowly(c->codepage, in, len, wide);
    int n8 = nw > 0 ? WideCharToMultiByte(CP_UTF8, 0, wide, nw, utf8, (int)len * 3, NULL, NULL) : 0;
    if (err == 0 && n8 > 0)
        err = emit(ctx, utf8, (size_t)n8);
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
