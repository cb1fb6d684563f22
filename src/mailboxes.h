/* mailboxes.h - the mailboxes `--all` or `--mailbox PATTERN` pick, each
 * with a folder of its own under one directory (pull and sync). */
#ifndef MAILWIRE_MAILBOXES_H
#define MAILWIRE_MAILBOXES_H

#include "cli.h"

/* 1 when o asks for many mailboxes, 0 for the URL's one; -1 (said on
 * stderr) when the URL cannot take them: POP3, or a mailbox named. */
int mailboxes_wanted(const cli_options *o, const cli_url *u, const char *command);

/* dir made as a Maildir (with the folders above it) where missing:
 * EXIT_OK, or EXIT_LOCAL said on stderr. */
int mailboxes_maildir_ready(const char *dir);

/* Work on one mailbox (box->mailbox) whose folder, a Maildir, is ready. */
typedef int (*mailbox_fn)(const cli_options *o, const cli_url *box, HCLIENT h, const char *folder);

/* Without many, fn for u's mailbox and dir. With many: lists the
 * mailboxes o picks (each once, \Noselect ones left out), then, for each,
 * makes its folder under dir (o's layout, as folder_for names it) and
 * calls fn; one that fails is said and the others still done, a listing
 * that fails does none; unless quiet, "N mailbox(es) <done> DIR" at the
 * end. Returns EXIT_OK or the first failure's exit code. */
int mailboxes_run(const cli_options *o, const cli_url *u, HCLIENT h, const char *dir, int many,
                  mailbox_fn fn, const char *done);

#endif
