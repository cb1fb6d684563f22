/*
 * parts.h - MIME parts at the API: the caller's array of part descriptions
 * (A or W) filled as a walk goes, and the operations behind the Imap...,
 * Pop... and Mime... part functions.
 */
#ifndef MW_API_PARTS_H
#define MW_API_PARTS_H

#include <mailwire.h>

#include "../proto/sink.h"

/* The caller's array: MIMEPARTA or MIMEPARTW elements, max of them. */
typedef struct mw_part_store {
    void *array;
    int wide;
    INT max;
} mw_part_store;

/* Nonzero when the array and count cannot be used: NULL needs max 0, an
 * array needs max > 0 and its first element's dwSize set. */
int mw_part_store_bad(const mw_part_store *st);
/* Copies p into element p->nIndex when the array has it. */
void mw_part_store_put(const mw_part_store *st, const MIMEPARTA *p);
void mw_part_to_wide(const MIMEPARTA *a, MIMEPARTW *w);

/* Options the part calls take beyond the ids': MIME_DECODE, MIME_DECODE_UTF8. */
#define MW_PART_DECODE_OPTIONS (MIME_DECODE | MIME_DECODE_UTF8)

INT mw_api_imap_enum_parts(HCLIENT h, UINT id, const mw_part_store *st, DWORD options);
/* A part to memory (*length as ImapGetMessage), a file or a callback:
 * exactly one of dest, path, proc is set. */
INT mw_api_imap_part(HCLIENT h, UINT id, const char *spec, DWORD options, LPVOID dest,
                     LPDWORD length, const char *path, IMAPREADPROC proc, DWORD_PTR param);
INT mw_api_imap_save_attachments(HCLIENT h, UINT id, const char *folder, DWORD options);

INT mw_api_pop_enum_parts(HCLIENT h, UINT n, const mw_part_store *st, DWORD options);
INT mw_api_pop_save_attachments(HCLIENT h, UINT n, const char *folder, DWORD options);
/* Part spec of message n to a file (path) or a callback (proc). */
INT mw_api_pop_part(HCLIENT h, UINT n, const char *spec, DWORD options, const char *path,
                    POPREADPROC proc, DWORD_PTR param);

INT mw_api_file_enum_parts(const char *file, const mw_part_store *st, DWORD options);
INT mw_api_file_save_attachments(const char *file, const char *folder, DWORD options);

#endif /* MW_API_PARTS_H */
