/*
 * attach.h - saving parts as files in a folder: a safe name for each
 * (mw_part_file_name), a new file every time - "name (2).pdf" when the
 * name is taken, never an existing file replaced - and, for messages read
 * by the streaming parser, the events that do it as the bytes pass.
 */
#ifndef MW_MIME_ATTACH_H
#define MW_MIME_ATTACH_H

#include <mailwire/mime.h>

#include "../proto/sink.h"
#include "parser.h"

/* Tries this many names before giving up with ST_ERROR_FILE_IO. */
#define MW_ATTACH_TRIES 1000

/* Opens sink on a new file in folder for part. */
DWORD mw_attachment_create(const char *folder, const MIMEPARTA *part, mw_sink *sink);

/* Saves every attachment of a message fed to a parser made with
 * mw_attach_events. */
typedef struct mw_attach_saver {
    const char *folder;
    mw_sink sink;
    int open;
    unsigned saved;
} mw_attach_saver;

void mw_attach_events(mw_attach_saver *a, const char *folder, mw_mime_events *ev);
/* Removes a file left half written by a parse that failed. */
void mw_attach_abandon(mw_attach_saver *a);

#endif /* MW_MIME_ATTACH_H */
