/* date.c - RFC 5322 dates (see date.h). */
#include "date.h"

#include <stdio.h>
#include <string.h>

#include "../sys/ascii.h"

typedef struct cursor {
    const char *p;
} cursor;

/* Skips blanks, commas and comments "( ... )". */
static void skip(cursor *c)
{
    int depth = 0;
    for (; *c->p != '\0'; c->p++) {
        if (*c->p == '(')
            depth++;
        else if (*c->p == ')' && depth > 0)
            depth--;
        else if (depth == 0 && *c->p != ' ' && *c->p != '\t' && *c->p != '\r' && *c->p != '\n' &&
                 *c->p != ',')
            return;
    }
}

/* A number of 1 to max_digits digits; -1 when there is none. */
static long number(cursor *c, int max_digits, int *digits_r)
{
    long v = 0;
    int n = 0;
    while (*c->p >= '0' && *c->p <= '9' && n < max_digits) {
        v = v * 10 + (*c->p++ - '0');
        n++;
    }
    if (digits_r != NULL)
        *digits_r = n;
    return n > 0 ? v : -1;
}

static int month_of(cursor *c)
{
    static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    for (int m = 0; m < 12; m++)
        if (mw_ascii_ncasecmp(c->p, names + 3 * m, 3) == 0) {
            c->p += 3;
            while ((*c->p >= 'a' && *c->p <= 'z') || (*c->p >= 'A' && *c->p <= 'Z'))
                c->p++; /* "November" */
            return m + 1;
        }
    return 0;
}

/* The zone's offset east of UTC in minutes; names and anything unread
 * count as UTC (RFC 5322 4.3: unknown zones are -0000). */
static long zone_of(cursor *c)
{
    static const struct {
        const char *name;
        long minutes;
    } names[] = {{"EDT", -240}, {"EST", -300}, {"CDT", -300}, {"CST", -360},
                 {"MDT", -360}, {"MST", -420}, {"PDT", -420}, {"PST", -480}};
    if (*c->p == '+' || *c->p == '-') {
        int sign = *c->p++ == '-' ? -1 : 1, digits;
        long hhmm = number(c, 4, &digits);
        return digits == 4 ? sign * ((hhmm / 100) * 60 + hhmm % 100) : 0;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (mw_ascii_ncasecmp(c->p, names[i].name, 3) == 0)
            return names[i].minutes;
    return 0;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

int mw_date_parse(const char *text, int64_t *utc_r)
{
    cursor c = {text};
    skip(&c);
    if ((*c.p >= 'a' && *c.p <= 'z') || (*c.p >= 'A' && *c.p <= 'Z')) {
        while ((*c.p >= 'a' && *c.p <= 'z') || (*c.p >= 'A' && *c.p <= 'Z'))
            c.p++; /* the day of the week */
        skip(&c);
    }
    long day = number(&c, 2, NULL);
    skip(&c);
    int month = month_of(&c);
    skip(&c);
    int ydigits;
    long year = number(&c, 4, &ydigits);
    skip(&c);
    long hour = number(&c, 2, NULL);
    long minute = *c.p == ':' ? (c.p++, number(&c, 2, NULL)) : -1;
    long second = *c.p == ':' ? (c.p++, number(&c, 2, NULL)) : 0;
    if (day < 1 || day > 31 || month == 0 || year < 0 || hour < 0 || hour > 23 || minute < 0 ||
        minute > 59 || second < 0 || second > 60)
        return 0;
    if (ydigits == 2)
        year += year < 50 ? 2000 : 1900; /* RFC 5322 4.3 */
    else if (ydigits == 3)
        year += 1900;
    skip(&c);
    long zone = zone_of(&c);
    *utc_r = days_from_civil(year, (unsigned)month, (unsigned)day) * 86400 + hour * 3600 + minute * 60 +
             second - zone * 60;
    return 1;
}

void mw_date_iso(int64_t utc, char out[21])
{
    int64_t days = utc >= 0 ? utc / 86400 : (utc - 86399) / 86400;
    int64_t secs = utc - days * 86400;
    /* civil_from_days */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    int64_t y = (int64_t)yoe + era * 400 + (m <= 2);
    char buf[64]; /* room for what the compiler cannot prove stays short */
    snprintf(buf, sizeof buf, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)(y % 10000), m % 13, d % 32,
             (unsigned)(secs / 3600) % 24, (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
    memcpy(out, buf, 20);
    out[20] = '\0';
}
