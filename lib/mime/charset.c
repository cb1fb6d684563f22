/*
 * charset.c - the names mail gives charsets, mapped to one canonical name
 * each, and text in them converted to UTF-8 through the platform's
 * converter (lib/sys/charset.h). A name not in the table is unknown: it is
 * reported, never guessed.
 */
#include <stdio.h>
#include <string.h>

#include "../sys/alloc.h"
#include "../sys/ascii.h"
#include "mime.h"

/* UTF-7 (RFC 2152) is not among them: glibc's converter keeps half a
 * base64 run in its state without saying so, and the text would then
 * depend on where a stream was cut (fuzz_mime found it). */
static const struct {
    const char *alias;
    const char *name;
} aliases[] = {
    {"utf-8", "UTF-8"},
    {"utf8", "UTF-8"},
    {"us-ascii", "US-ASCII"},
    {"ascii", "US-ASCII"},
    {"ansi_x3.4-1968", "US-ASCII"},
    {"latin1", "ISO-8859-1"},
    {"latin2", "ISO-8859-2"},
    {"iso-8859-8-i", "ISO-8859-8"},
    {"iso-8859-6-i", "ISO-8859-6"},
    {"koi8-r", "KOI8-R"},
    {"koi8-u", "KOI8-U"},
    {"iso-2022-jp", "ISO-2022-JP"},
    {"shift_jis", "Shift_JIS"},
    {"shift-jis", "Shift_JIS"},
    {"sjis", "Shift_JIS"},
    {"x-sjis", "Shift_JIS"},
    {"ms_kanji", "Shift_JIS"},
    {"windows-31j", "Shift_JIS"},
    {"cp932", "Shift_JIS"},
    {"euc-jp", "EUC-JP"},
    {"x-euc-jp", "EUC-JP"},
    /* GB2312 labels carry GBK text in practice; GBK reads both */
    {"gb2312", "GBK"},
    {"euc-cn", "GBK"},
    {"x-gbk", "GBK"},
    {"gbk", "GBK"},
    {"cp936", "GBK"},
    {"gb18030", "GB18030"},
    {"big5", "Big5"},
    {"big-5", "Big5"},
    {"x-x-big5", "Big5"},
    /* Outlook's name for Korean; the EUC-KR converters read its superset */
    {"euc-kr", "EUC-KR"},
    {"ks_c_5601-1987", "EUC-KR"},
    {"cp949", "EUC-KR"},
};

/* "iso-8859-N", "iso8859-N", "iso_8859-N" (N 1..16 but 12). */
static const char *iso8859(const char *cs, char *out, size_t cap)
{
    static const char *const forms[] = {"iso-8859-", "iso8859-", "iso_8859-"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(forms[i]);
        if (mw_ascii_ncasecmp(cs, forms[i], n) != 0)
            continue;
        const char *d = cs + n;
        unsigned v = 0;
        size_t digits = 0;
        while (d[digits] >= '0' && d[digits] <= '9' && digits < 2)
            v = v * 10 + (unsigned)(d[digits++] - '0');
        if (digits == 0 || d[digits] != '\0' || v < 1 || v > 16 || v == 12)
            return NULL;
        snprintf(out, cap, "ISO-8859-%u", v);
        return out;
    }
    return NULL;
}

/* "windows-125N", "cp125N", "x-cp125N". */
static const char *windows125x(const char *cs, char *out, size_t cap)
{
    const char *d = mw_ascii_ncasecmp(cs, "windows-", 8) == 0 ? cs + 8
                    : mw_ascii_ncasecmp(cs, "x-cp", 4) == 0   ? cs + 4
                    : mw_ascii_ncasecmp(cs, "cp", 2) == 0     ? cs + 2
                                                               : NULL;
    if (d == NULL || strncmp(d, "125", 3) != 0 || d[3] < '0' || d[3] > '8' || d[4] != '\0')
        return NULL;
    snprintf(out, cap, "windows-125%c", d[3]);
    return out;
}

const char *mw_charset_canonical(const char *charset, char *out, size_t cap)
{
    if (charset == NULL || cap < 16)
        return NULL;
    while (*charset == ' ' || *charset == '"')
        charset++;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (mw_ascii_casecmp(charset, aliases[i].alias) == 0)
            return strcpy(out, aliases[i].name);
    const char *r = iso8859(charset, out, cap);
    return r != NULL ? r : windows125x(charset, out, cap);
}

/* ---- the charsets read here, the same on every platform ---------------------------- */

/* Windows-1252 0x80-0x9F; 0 where the code page leaves a hole. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* ISO-8859-15 differs from Latin-1 in eight places. */
static unsigned latin9(unsigned c)
{
    switch (c) {
    case 0xA4: return 0x20AC;
    case 0xA6: return 0x0160;
    case 0xA8: return 0x0161;
    case 0xB4: return 0x017D;
    case 0xB8: return 0x017E;
    case 0xBC: return 0x0152;
    case 0xBD: return 0x0153;
    case 0xBE: return 0x0178;
    default: return c;
    }
}

/* The most common charsets of mail, and the ones whose holes platforms
 * fill differently (Windows maps 1252's 0x81 to U+0081), are read here:
 * the same text gives the same UTF-8 everywhere. */
static int builtin_of(const char *name)
{
    return strcmp(name, "US-ASCII") == 0      ? MW_TEXT_ASCII
           : strcmp(name, "ISO-8859-1") == 0  ? MW_TEXT_LATIN1
           : strcmp(name, "ISO-8859-15") == 0 ? MW_TEXT_LATIN9
           : strcmp(name, "windows-1252") == 0 ? MW_TEXT_CP1252
                                               : 0;
}

static unsigned builtin_char(int kind, unsigned c)
{
    if (c < 0x80)
        return c;
    if (kind == MW_TEXT_ASCII)
        return 0xFFFD;
    if (kind == MW_TEXT_LATIN9)
        return latin9(c);
    if (kind == MW_TEXT_CP1252 && c < 0xA0)
        return cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
    return c;
}

static DWORD builtin_feed(int kind, const unsigned char *in, size_t len, mw_utf8_emit emit, void *ctx)
{
    char out[1024];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = builtin_char(kind, in[i]);
        if (c < 0x80) {
            out[n++] = (char)c;
        } else if (c < 0x800) {
            out[n++] = (char)(0xC0 | (c >> 6));
            out[n++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[n++] = (char)(0xE0 | (c >> 12));
            out[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[n++] = (char)(0x80 | (c & 0x3F));
        }
        if (n > sizeof out - 3 || i + 1 == len) {
            unsigned long err = emit(ctx, out, n);
            if (err != 0)
                return (DWORD)err;
            n = 0;
        }
    }
    return 0;
}

/* ---- whole strings ------------------------------------------------------------ */

static unsigned long to_buf(void *ctx, const char *p, size_t n)
{
    return mw_buf_append(ctx, p, n);
}

DWORD mw_charset_to_utf8(const char *charset, const unsigned char *in, size_t len, mw_buf *out)
{
    mw_text_conv t;
    DWORD err = mw_text_conv_open(&t, charset);
    if (err == 0)
        err = mw_text_conv_feed(&t, in, len, 1, to_buf, out);
    mw_text_conv_close(&t);
    return err;
}

/* ---- streams ------------------------------------------------------------------ */

DWORD mw_text_conv_open(mw_text_conv *t, const char *charset)
{
    char name[32];
    t->conv = NULL;
    t->utf8 = 0;
    t->builtin = 0;
    if (mw_charset_canonical(charset, name, sizeof name) == NULL)
        return ST_ERROR_UNKNOWN_CHARSET;
    if (strcmp(name, "UTF-8") == 0) {
        t->utf8 = 1; /* given as it is */
        return 0;
    }
    if ((t->builtin = builtin_of(name)) != 0)
        return 0;
    int r = mw_charset_open(name, &t->conv);
    return r == 0 ? 0 : r == -2 ? ST_ERROR_OUT_OF_MEMORY : ST_ERROR_UNKNOWN_CHARSET;
}

DWORD mw_text_conv_feed(mw_text_conv *t, const void *in, size_t len, int last, mw_utf8_emit emit,
                        void *ctx)
{
    if (t->utf8)
        return len > 0 ? (DWORD)emit(ctx, in, len) : 0;
    if (t->builtin)
        return builtin_feed(t->builtin, in, len, emit, ctx);
    unsigned long r = mw_charset_feed(t->conv, in, len, last, emit, ctx);
    return r == (unsigned long)-2 ? ST_ERROR_OUT_OF_MEMORY : (DWORD)r;
}

void mw_text_conv_close(mw_text_conv *t)
{
    mw_charset_close(&t->conv);
}
