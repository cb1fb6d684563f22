/* number.c - decimal numbers a server sends, range-checked. */
#include "number.h"

int mw_decimal(const char *p, size_t len, uint64_t max, uint64_t *v_r)
{
    uint64_t v = 0;
    if (len == 0)
        return -1;
    for (size_t i = 0; i < len; i++) {
        unsigned d = (unsigned)(p[i] - '0');
        if (d > 9 || v > (max - d) / 10)
            return -1; /* never saturated, never wrapped */
        v = v * 10 + d;
    }
    *v_r = v;
    return 0;
}
