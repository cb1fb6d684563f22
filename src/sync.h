/* sync.h - what `mailwire sync` shares between its files: the run, and the
 * tables of UIDs with flags (cmd_sync.c: pairs, flags, removals, fetching;
 * sync_upload.c: messages new here). */
#ifndef MAILWIRE_SYNC_H
#define MAILWIRE_SYNC_H

#include "cli.h"
#include "pull.h"

#define SYSTEM_FLAGS \
    (IMAP_FLAG_SEEN | IMAP_FLAG_ANSWERED | IMAP_FLAG_FLAGGED | IMAP_FLAG_DELETED | IMAP_FLAG_DRAFT)

typedef struct uid_flags {
    DWORD uid;
    DWORD flags;
} uid_flags;

typedef struct uid_table {
    uid_flags *v;
    size_t n, cap;
} uid_table;

typedef struct sync_run {
    const cli_options *o;
    HCLIENT h;
    const char *mailbox;
    pull_ctx p;          /* the fetching half, shared with pull */
    DWORD uidnext;       /* the mailbox's UIDNEXT when selected */
    uid_table server;    /* UID and flags of every message there */
    uid_table state;     /* what the last sync left both sides agreeing on */
    uid_table agreed;    /* ... and what this one does */
    uid_table to_expunge;
    char state_path[4200];
    char journal_path[4300]; /* the names about to be appended */
    unsigned long down, up, flags_there, flags_here, removed_here, removed_there;
} sync_run;

/* 0, or -1 out of memory. */
int table_add(uid_table *t, DWORD uid, DWORD flags);
/* The entry of uid in a table sorted by UID, or NULL. */
const uid_flags *table_find(const uid_table *t, DWORD uid);

/* Appends each message new here (no name pairing it with a UID) and
 * renames it after the UID the server gave; their names are journaled
 * first. EXIT_OK or the exit code (said). */
int sync_upload_new(sync_run *r);
/* After a run cut off while appending (its journal is still there): each
 * journaled message still unpaired that the server holds, among the UIDs
 * it gave since, is paired with it by its bytes instead of being appended
 * (and fetched) again. Call with the server's listing and the state read,
 * before the Maildir's messages are indexed. EXIT_OK or the exit code. */
int sync_recover_appends(sync_run *r);

#endif
