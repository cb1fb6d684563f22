/* maildir.h - durable Maildir delivery (and, from progress.h, the progress
 * bar of pull and push). */
#ifndef MAILWIRE_MAILDIR_H
#define MAILWIRE_MAILDIR_H

#include <stdint.h>
#include <stdio.h>

/* What ends a message's name and starts a reader's flags ("name:2,FLAGS");
 * on Windows, where ':' cannot be in a file name, also the "!" that
 * Windows mail readers write instead. */
#if defined(_WIN32)
#define MAILDIR_INFO_SEPARATORS ":!"
#define MAILDIR_INFO_WRITE '!'
#else
#define MAILDIR_INFO_SEPARATORS ":"
#define MAILDIR_INFO_WRITE ':'
#endif

/* Messages written and closed in tmp/, waiting for one flush of the file
 * system before they move into new/: a flush per message costs more than
 * the rest of a pull of small messages together. */
#define MAILDIR_BATCH_MAX 256
typedef struct maildir_batch {
    char *tmp[MAILDIR_BATCH_MAX];
    char *final[MAILDIR_BATCH_MAX];
    int n;
    unsigned long dropped; /* moved none: new/ already held the name */
} maildir_batch;

typedef struct maildir_msg {
    char tmp_path[4096];
    char final_path[4096];
    FILE *f;
    long long arrived;    /* the file's time once written (seconds); 0: now */
    maildir_batch *batch; /* NULL: each commit is flushed and moved at once */
} maildir_msg;

/* Creates DIR, DIR/tmp, DIR/new and DIR/cur as needed; 0 or -1. */
int maildir_prepare(const char *dir);
/* Starts writing message `name` into DIR/tmp. */
int maildir_begin(maildir_msg *m, const char *dir, const char *name);
int maildir_write(maildir_msg *m, const void *data, size_t len);
/* Without a batch: fsync, then move into DIR/new. With one: close and
 * queue; maildir_sync flushes the file system once for all queued
 * messages, then moves them (a full batch is synced first). Either way a
 * message reaches new/ only once its bytes are on the disk, and the
 * directory itself is flushed by maildir_sync (at checkpoints): until then
 * a crash may forget the move, and the message is simply fetched again. A
 * message already there under the same name is never replaced: 1 then
 * (this copy is dropped), 0 when delivered or queued, -1 on error. */
int maildir_commit(maildir_msg *m);
/* The same, under a name chosen only now (once the UID is known). */
int maildir_commit_as(maildir_msg *m, const char *dir, const char *name);
/* The same into DIR/sub ("cur" for a message delivered with its flags). */
int maildir_commit_in(maildir_msg *m, const char *dir, const char *sub, const char *name);
/* Moves the batch's messages (if any) into new/ after one flush of the
 * file system, then flushes DIR/new, making every commit before it
 * permanent. batch->dropped counts the queued messages dropped because
 * new/ already held their name. */
int maildir_sync(const char *dir, maildir_batch *batch);
/* Removes the queued messages' files from tmp/ and frees the batch. */
void maildir_batch_discard(maildir_batch *batch);
/* The names of messages fetched under their UIDs:
 * "mw-UIDVALIDITY-UID.KEY.HOST", then ":2,INFO" unless info is NULL.
 * maildir_uid_of: 1 and *uid when name is one of this UIDVALIDITY and key. */
void maildir_uid_name(char *out, size_t cap, unsigned long uidvalidity, unsigned long uid, const char *key,
                      const char *host, const char *info);
int maildir_uid_of(const char *name, unsigned long uidvalidity, const char *key, unsigned long *uid);
/* The highest UID already in DIR/new or DIR/cur for names
 * "mw-V-UID.KEY.*" of this UIDVALIDITY and key. */
unsigned long maildir_max_uid(const char *dir, unsigned long uidvalidity, const char *key);
void maildir_abort(maildir_msg *m);
typedef int (*maildir_name_fn)(const char *name, size_t len, void *ctx);
/* Calls fn with the name of every message in DIR/new and DIR/cur, len
 * excluding the ":2,FLAGS" a reader may have added; stops at the first
 * nonzero return and returns it. One pass, however many messages. */
int maildir_each_name(const char *dir, maildir_name_fn fn, void *ctx);
typedef int (*maildir_entry_fn)(const char *sub, const char *name, size_t base_len, void *ctx);
/* The same with the folder ("new" or "cur") and the whole name, info
 * included; base_len is the length before it. */
int maildir_each_entry(const char *dir, maildir_entry_fn fn, void *ctx);
/* Writes path atomically (tmp, fsync, rename, fsync dir). */
int write_file_atomically(const char *path, const char *text);

#include "progress.h"

#endif
