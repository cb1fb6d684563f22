/* local_msg.c - a message of a Maildir as push and sync send it: its
 * bytes and its arrival time (see local_msg.h). */
#include "local_msg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "dates.h"
#include "os.h"
#include "pull.h"

/* A time a message can have arrived at: after 1980, not in the future. */
static int plausible(long long t, long long now)
{
    return t > 315532800 && t <= now + 86400;
}

/* The arrival time: the file's, or the one that starts its name. */
long long local_arrival(const char *path, const char *name)
{
    long long now = (long long)time(NULL), t;
    if (os_mtime(path, &t) == 0 && plausible(t, now))
        return t;
    char *end;
    t = strtoll(name, &end, 10);
    return end != name && *end == '.' && plausible(t, now) ? t : 0;
}

/* The whole file, NUL-terminated; NULL for an empty file (*rc_r EXIT_OK)
 * or one that cannot be read (said, *rc_r set). */
char *local_read(const char *path, size_t *len_r, int *rc_r)
{
    *rc_r = EXIT_OK;
    FILE *f = os_fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "mailwire: %s: %s\n", path, strerror(errno));
        *rc_r = EXIT_LOCAL;
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *msg = n > 0 ? malloc((size_t)n + 1) : NULL;
    if (msg == NULL || fread(msg, 1, (size_t)n, f) != (size_t)n) {
        if (n != 0) {
            fprintf(stderr, "mailwire: %s: %s\n", path, n < 0 ? strerror(errno) : "cannot be read whole");
            *rc_r = EXIT_LOCAL;
        }
        free(msg);
        msg = NULL;
    } else {
        msg[n] = '\0';
        *len_r = (size_t)n;
    }
    fclose(f);
    return msg;
}

INT local_append(HCLIENT h, const char *mailbox, const char *msg, size_t len, const char *name, long long when)
{
    char date[64];
    if (when != 0)
        cli_imap_date(when, date);
    return ImapAppendMessageA(h, mailbox, msg, (DWORD)len, maildir_info_flags(name), when != 0 ? date : NULL);
}
