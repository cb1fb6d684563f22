/* ascii.c - case-insensitive comparison of ASCII text (see ascii.h). */
#include "ascii.h"

static int lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int mw_ascii_ncasecmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int ca = lower((unsigned char)a[i]), cb = lower((unsigned char)b[i]);
        if (ca != cb || ca == '\0')
            return ca - cb;
    }
    return 0;
}

int mw_ascii_casecmp(const char *a, const char *b)
{
    return mw_ascii_ncasecmp(a, b, (size_t)-1);
}

int mw_ascii_tolower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}
