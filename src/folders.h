/* folders.h - where `pull --all` puts each mailbox: a folder per mailbox
 * under one directory, in the Maildir++ layout or nested. */
#ifndef MAILWIRE_FOLDERS_H
#define MAILWIRE_FOLDERS_H

#include <stddef.h>

typedef enum { LAYOUT_MAILDIRPP, LAYOUT_NESTED } folder_layout;

/* The folder of mailbox under dir: INBOX is dir itself; any other is
 * dir/.A.B (Maildir++) or dir/A/B (nested), for the mailbox A<delim>B.
 * Each level becomes one safe file-name component: UTF-8 kept; controls,
 * '%', '.', path separators and the characters Windows refuses written
 * %XX; a Windows device name or (nested) cur, new, tmp gets its first
 * letter so written. 0, or -1 when it does not fit. */
int folder_for(const char *dir, const char *mailbox, char delim, folder_layout layout, char *out,
               size_t cap);
/* Creates the directories above a nested folder (a mailbox's parent may be
 * no mailbox at all). 0 or -1. */
int folder_make_parents(const char *dir, const char *folder);

#endif
