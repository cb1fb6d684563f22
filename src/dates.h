/* dates.h - IMAP's date-time ("05-Mar-2024 10:00:00 +0000") to and from
 * seconds since 1970 (UTC): APPEND's date and INTERNALDATE. */
#ifndef MAILWIRE_DATES_H
#define MAILWIRE_DATES_H

/* secs as an IMAP date-time in UTC. */
void cli_imap_date(long long secs, char out[64]);
/* secs as ISO 8601 in UTC: "2023-11-14T22:13:20Z". */
void cli_iso_date(long long secs, char out[64]);
/* An IMAP date-time ("d-Mon-yyyy hh:mm:ss +zzzz", the day maybe one digit
 * or blank-led) as seconds since 1970; 0 and -1 when it is not one. */
int cli_parse_imap_date(const char *text, long long *secs);

#endif
