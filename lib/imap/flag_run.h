/*
 * flag_run.h - flag lists longer than the line limit. A message may carry
 * thousands of keywords, and a mailbox's FLAGS and PERMANENTFLAGS list
 * every keyword ever used in it: lines past 64 KiB. When a line reaches
 * the limit inside such a list, the keywords read so far are dropped from
 * the text and the rest of the list is read as a stream that keeps only
 * the system flags ("\Seen", "\*": what the library reports as bits), so
 * the line stays short, the session goes on, and the response says that
 * keywords were cut.
 */
#ifndef MW_IMAP_FLAG_RUN_H
#define MW_IMAP_FLAG_RUN_H

#include <stddef.h>

#include "../proto/buf.h"

/* A system flag longer than this is none the library knows: dropped. */
#define MW_FLAG_ATOM_MAX 31
/* System flags kept from one list; the rest are dropped as repeats. */
#define MW_FLAG_KEPT_MAX 32

typedef struct mw_flag_run {
    char atom[MW_FLAG_ATOM_MAX + 1]; /* the flag being read */
    size_t atom_len;
    int atom_long; /* longer than MW_FLAG_ATOM_MAX: dropped */
    unsigned kept;
} mw_flag_run;

/* Does the line end inside a flag list ("... FLAGS (\Seen kw1 kw2")?
 * *list_r gets where the list's items start (after the "("). */
int mw_flag_list_open(const char *line, size_t len, size_t *list_r);
/* Drops the keywords of text[list..] (the items read so far), keeps its
 * system flags, and starts the run with the item that may still go on. */
DWORD mw_flag_run_start(mw_flag_run *r, mw_buf *text, size_t list);
/* Reads on in the list: system flags appended to text, keywords dropped.
 * *closed_r becomes 1 when the ")" was taken (appended to text). A byte
 * no flag list holds (a quote, a parenthesis, a line end) is
 * ST_ERROR_RESPONSE_TOO_LARGE: the line was too long and is no list. */
DWORD mw_flag_run_feed(mw_flag_run *r, mw_buf *text, const unsigned char *p, size_t len,
                       size_t *used_r, int *closed_r);

#endif /* MW_IMAP_FLAG_RUN_H */
