/* dates.c - IMAP date-times and seconds since 1970 (see dates.h). */
#include "dates.h"

#include <stdio.h>
#include <string.h>

static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's
 * algorithms: exact for every Gregorian date). */
static long long days_from_civil(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long long days, long long *y, int *m, int *d)
{
    long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* secs as a civil date and the seconds into its day. */
static void split_time(long long secs, long long *y, int *m, int *d, long long *rest)
{
    long long days = secs / 86400;
    *rest = secs % 86400;
    if (*rest < 0) {
        *rest += 86400;
        days--;
    }
    civil_from_days(days, y, m, d);
}

void cli_imap_date(long long secs, char out[64])
{
    long long year, rest;
    int month, day;
    split_time(secs, &year, &month, &day, &rest);
    snprintf(out, 64, "%02d-%.3s-%04lld %02d:%02d:%02d +0000", day, months + 3 * (month - 1), year,
             (int)(rest / 3600), (int)(rest / 60 % 60), (int)(rest % 60));
}

int cli_parse_imap_date(const char *text, long long *secs)
{
    int day, hour, minute, second, zone, used = 0;
    long long year;
    char mon[4], sign;
    if (sscanf(text, " %2d-%3s-%4lld %2d:%2d:%2d %c%4d%n", &day, mon, &year, &hour, &minute,
               &second, &sign, &zone, &used) != 8 || used == 0 || (sign != '+' && sign != '-'))
        return -1;
    const char *at = strstr(months, mon);
    if (at == NULL || (at - months) % 3 != 0 || strlen(mon) != 3 || day < 1 || day > 31 ||
        hour > 23 || minute > 59 || second > 60 || zone < 0 || zone % 100 > 59)
        return -1;
    int month = (int)(at - months) / 3 + 1;
    long long offset = (zone / 100 * 60 + zone % 100) * 60LL;
    *secs = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
            (sign == '+' ? offset : -offset);
    return 0;
}

void cli_iso_date(long long secs, char out[64])
{
    long long year, rest;
    int month, day;
    split_time(secs, &year, &month, &day, &rest);
    snprintf(out, 64, "%04lld-%02d-%02dT%02d:%02d:%02dZ", year, month, day, (int)(rest / 3600),
             (int)(rest / 60 % 60), (int)(rest % 60));
}
