/*
 * date.h - RFC 5322 dates ("Tue, 14 Nov 2023 10:00:00 +0000"), read as
 * real mail writes them (obsolete two-digit years and zone names, no
 * seconds, comments), to seconds since 1970 UTC and to ISO 8601.
 */
#ifndef MW_MIME_DATE_H
#define MW_MIME_DATE_H

#include <stdint.h>

/* 1 and *utc_r, or 0 when text holds no date that can be read. */
int mw_date_parse(const char *text, int64_t *utc_r);

/* "2023-11-14T10:00:00Z" into out (at least 21 bytes). */
void mw_date_iso(int64_t utc, char out[21]);

#endif /* MW_MIME_DATE_H */
