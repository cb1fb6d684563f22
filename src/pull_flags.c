/*
 * pull_flags.c - the IMAP flags of what `mailwire pull` holds: the Maildir
 * info ("NAME:2,FRS") a new message is delivered with, and the changes a
 * later pull learns with CONDSTORE (flags changed since the mod-sequence
 * of the last pull) and QRESYNC (UIDs expunged since) applied to the
 * messages already held, found by UID in one pass over the Maildir.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os.h"
#include "pull.h"

/* The Maildir letters of the IMAP system flags, in ASCII order: a
 * reader's own letters (P for passed, lower-case ones) are never these. */
static const struct {
    DWORD flag;
    char letter;
} letters[] = {{IMAP_FLAG_DRAFT, 'D'},
               {IMAP_FLAG_FLAGGED, 'F'},
               {IMAP_FLAG_ANSWERED, 'R'},
               {IMAP_FLAG_SEEN, 'S'},
               {IMAP_FLAG_DELETED, 'T'}};
#define NLETTERS (sizeof letters / sizeof letters[0])

void pull_info(DWORD flags, char out[PULL_INFO_MAX])
{
    size_t n = 0;
    for (size_t i = 0; i < NLETTERS; i++)
        if (flags & letters[i].flag)
            out[n++] = letters[i].letter;
    out[n] = '\0';
}

static int server_letter(char c)
{
    for (size_t i = 0; i < NLETTERS; i++)
        if (letters[i].letter == c)
            return 1;
    return 0;
}

/* ---- the messages held, by UID ------------------------------------------- */

static int note_held(const char *sub, const char *name, size_t base_len, void *ctx)
{
    held_index *ix = ctx;
    unsigned long uid;
    if (!maildir_uid_of(name, ix->uidvalidity, ix->key, &uid))
        return 0;
    held_msg *grown = cli_room_for_one(ix->v, ix->n, &ix->cap, sizeof *grown, 256);
    if (grown == NULL)
        return -1;
    ix->v = grown;
    held_msg *m = &ix->v[ix->n];
    m->uid = uid;
    m->in_cur = strcmp(sub, "cur") == 0;
    m->base_len = base_len;
    m->on_server = 0;
    m->name = strdup(name);
    if (m->name == NULL)
        return -1;
    ix->n++;
    return 0;
}

static int by_uid(const void *a, const void *b)
{
    unsigned long x = ((const held_msg *)a)->uid, y = ((const held_msg *)b)->uid;
    return x < y ? -1 : x > y;
}

int held_index_build(held_index *ix, const char *dir, unsigned long uidvalidity, const char *key)
{
    memset(ix, 0, sizeof *ix);
    ix->uidvalidity = uidvalidity;
    ix->key = key;
    ix->built = 1;
    if (maildir_each_entry(dir, note_held, ix) != 0)
        return -1;
    if (ix->n > 0) /* an empty Maildir has no array */
        qsort(ix->v, ix->n, sizeof *ix->v, by_uid);
    return 0;
}

/* The first message held whose UID is uid or more (ix->n: none). */
size_t held_from(const held_index *ix, unsigned long uid)
{
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->v[mid].uid < uid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void held_index_free(held_index *ix)
{
    for (size_t i = 0; i < ix->n; i++)
        free(ix->v[i].name);
    free(ix->v);
    memset(ix, 0, sizeof *ix);
}

/* ---- applying a change ---------------------------------------------------- */

/* The reader's letters of an info ("2,FPS" -> "P"), the server's left out. */
static void reader_letters(const char *info, char *out, size_t cap)
{
    size_t n = 0;
    if (info[0] != '\0' && strncmp(info + 1, "2,", 2) == 0)
        for (const char *c = info + 3; *c && n + 1 < cap; c++)
            if (!server_letter(*c))
                out[n++] = *c;
    out[n] = '\0';
}

static int by_char(const void *a, const void *b)
{
    return *(const char *)a - *(const char *)b;
}

int held_set_flags(const char *dir, held_msg *m, DWORD flags)
{
    char info[64], mine[48];
    pull_info(flags, info);
    reader_letters(m->name + m->base_len, mine, sizeof mine);
    strcat(info, mine);
    qsort(info, strlen(info), 1, by_char);
    if (!m->in_cur && info[0] == '\0')
        return 0; /* still new, with nothing to say */
    char name[4096], from[4200], to[4200];
    snprintf(name, sizeof name, "%.*s%c2,%s", (int)m->base_len, m->name, MAILDIR_INFO_WRITE, info);
    if (m->in_cur && strcmp(name, m->name) == 0)
        return 0;
    snprintf(from, sizeof from, "%s/%s/%s", dir, m->in_cur ? "cur" : "new", m->name);
    snprintf(to, sizeof to, "%s/cur/%s", dir, name);
    if (os_exists(to) || os_rename(from, to) != 0) /* never over another file */
        return -1;
    char *kept = strdup(name);
    if (kept == NULL)
        return -1;
    free(m->name);
    m->name = kept;
    m->in_cur = 1;
    return 1;
}

int held_remove(const char *dir, held_msg *m)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s/%s", dir, m->in_cur ? "cur" : "new", m->name);
    os_remove(path);
    if (os_exists(path))
        return -1;
    free(m->name);
    m->name = NULL;
    return 0;
}

DWORD maildir_info_flags(const char *name)
{
    const char *info = name + strcspn(name, MAILDIR_INFO_SEPARATORS);
    DWORD flags = 0;
    if (info[0] == '\0' || strncmp(info + 1, "2,", 2) != 0)
        return 0;
    for (const char *c = info + 3; *c; c++)
        for (size_t i = 0; i < NLETTERS; i++)
            if (letters[i].letter == *c)
                flags |= letters[i].flag;
    return flags;
}
