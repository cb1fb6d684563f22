/* charset.c - the few charsets mail headers use, converted to UTF-8. */
#include "../sys/ascii.h"
#include "mime.h"

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

int mw_charset_to_utf8(const char *cs, const unsigned char *in, size_t len, mw_buf *out)
{
    enum { UTF8, LATIN1, LATIN9, CP1252 } kind;
    if (mw_ascii_casecmp(cs, "utf-8") == 0 || mw_ascii_casecmp(cs, "utf8") == 0 ||
        mw_ascii_casecmp(cs, "us-ascii") == 0 || mw_ascii_casecmp(cs, "ascii") == 0)
        kind = UTF8;
    else if (mw_ascii_casecmp(cs, "iso-8859-1") == 0 || mw_ascii_casecmp(cs, "latin1") == 0)
        kind = LATIN1;
    else if (mw_ascii_casecmp(cs, "iso-8859-15") == 0)
        kind = LATIN9;
    else if (mw_ascii_casecmp(cs, "windows-1252") == 0 || mw_ascii_casecmp(cs, "cp1252") == 0)
        kind = CP1252;
    else
        return -1;
    if (kind == UTF8)
        return mw_buf_append(out, in, len) == 0 ? 0 : -1;
    for (size_t i = 0; i < len; i++) {
        unsigned c = in[i];
        if (kind == LATIN9)
            c = latin9(c);
        else if (kind == CP1252 && c >= 0x80 && c < 0xA0)
            c = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
        if (mw_buf_append_utf8(out, c) != 0)
            return -1;
    }
    return 0;
}
