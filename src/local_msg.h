/* local_msg.h - a message of a Maildir as push and sync send it. */
#ifndef MAILWIRE_LOCAL_MSG_H
#define MAILWIRE_LOCAL_MSG_H

#include <stddef.h>

#include "cli.h"

/* When it arrived, in seconds since 1970: the file's time of last change,
 * which Maildir readers keep as the arrival time (and pull sets so), or
 * where that is missing or in the future the time that starts a Maildir
 * name ("1700000003.M1P2.host"); 0 when neither tells. */
long long local_arrival(const char *path, const char *name);
/* APPEND of msg to mailbox with the flags of its Maildir name and the
 * arrival time when (0: the server dates it): the new UID (0 when the
 * server does not say), or -1 (ImapGetLastError says why). */
INT local_append(HCLIENT h, const char *mailbox, const char *msg, size_t len, const char *name, long long when);
/* The whole file, NUL-terminated; NULL for an empty file (*rc_r EXIT_OK)
 * or one that cannot be read (said, *rc_r set). */
char *local_read(const char *path, size_t *len_r, int *rc_r);

#endif
