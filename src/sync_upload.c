/*
 * sync_upload.c - sync's messages new here: appended (with their flags and
 * date), then renamed after the UID the server gave (UIDPLUS), which pairs
 * them with it.
 *
 * A run cut off between the server's answer and the rename would leave a
 * message unpaired here while the server holds it: the next run would
 * append it again and fetch the first copy as new. So before the first
 * APPEND the names go to a journal (the state file's name + ".append",
 * with the mailbox's UIDNEXT), removed once the run's state is written;
 * the run after a cut finds each journaled message still unpaired among
 * the UIDs the server gave since, compares bytes (line ends aside) and
 * pairs it with the one that holds the same.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "local_msg.h"
#include "os.h"
#include "sync.h"

/* ---- pairing a file with a UID ------------------------------------------------------ */

/* sub/name renamed into cur/ after uid, its info kept (a reader's own
 * letters too). EXIT_OK, or EXIT_LOCAL said. */
static int name_after_uid(sync_run *r, const char *sub, const char *name, DWORD uid)
{
    char path[8192], final[8192];
    snprintf(path, sizeof path, "%s/%s/%s", r->p.dir, sub, name);
    const char *sep = name + strcspn(name, MAILDIR_INFO_SEPARATORS);
    const char *letters = strncmp(sep + (sep[0] != '\0'), "2,", 2) == 0 ? sep + 3 : "";
    int n = snprintf(final, sizeof final, "%s/cur/", r->p.dir);
    maildir_uid_name(final + n, sizeof final - (size_t)n, r->p.uidvalidity, (unsigned long)uid, r->p.key,
                     r->p.host, letters);
    if (os_move_new(path, final) != 0) {
        fprintf(stderr, "mailwire: %s: could not be renamed after its UID %lu\n", path, (unsigned long)uid);
        return EXIT_LOCAL;
    }
    return EXIT_OK;
}

/* ---- the names to append ------------------------------------------------------------ */

typedef struct name_list {
    char **v; /* "new/NAME" or "cur/NAME" */
    size_t n, cap;
    unsigned long uidvalidity;
    const char *key;
} name_list;

static void names_free(name_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static int names_add(name_list *l, const char *sub, const char *name)
{
    char **v = cli_room_for_one(l->v, l->n, &l->cap, sizeof *v, 64);
    if (v == NULL)
        return -1;
    l->v = v;
    size_t len = strlen(sub) + strlen(name) + 2;
    if ((l->v[l->n] = malloc(len)) == NULL)
        return -1;
    snprintf(l->v[l->n++], len, "%s/%s", sub, name);
    return 0;
}

/* A name of this mailbox's pairing, or one of pull's own in tmp, is not new. */
static int collect_new(const char *sub, const char *name, size_t base_len, void *ctx)
{
    name_list *l = ctx;
    unsigned long uid;
    (void)base_len;
    if (maildir_uid_of(name, l->uidvalidity, l->key, &uid) || strncmp(name, "mw-tmp-", 7) == 0 ||
        strpbrk(name, "\r\n") != NULL)
        return 0;
    return names_add(l, sub, name) != 0;
}

/* "UIDNEXT n" and the names, a line each, written atomically. 0 or -1. */
static int write_journal(const sync_run *r, const name_list *l)
{
    size_t cap = 32, at = 0;
    for (size_t i = 0; i < l->n; i++)
        cap += strlen(l->v[i]) + 1;
    char *text = malloc(cap);
    if (text == NULL)
        return -1;
    at += (size_t)snprintf(text, cap, "UIDNEXT %lu\n", (unsigned long)r->uidnext);
    for (size_t i = 0; i < l->n; i++)
        at += (size_t)snprintf(text + at, cap - at, "%s\n", l->v[i]);
    int rc = write_file_atomically(r->journal_path, text);
    free(text);
    return rc;
}

/* ---- appending ----------------------------------------------------------------------- */

static int upload_one(sync_run *r, const char *entry)
{
    char path[8192], sub[4];
    snprintf(path, sizeof path, "%s/%s", r->p.dir, entry);
    snprintf(sub, sizeof sub, "%.3s", entry);
    const char *name = entry + 4;
    size_t len = 0;
    int rc;
    char *msg = local_read(path, &len, &rc);
    if (msg == NULL)
        return rc;
    DWORD flags = maildir_info_flags(name);
    INT uid = local_append(r->h, r->mailbox, msg, len, name, local_arrival(path, name));
    free(msg);
    if (uid < 0)
        return cli_fail_imap(r->h, "append", ImapGetLastError());
    if (uid == 0) {
        fprintf(stderr, "mailwire: the server said no UID for the message appended (UIDPLUS)\n");
        return EXIT_SERVER;
    }
    if ((rc = name_after_uid(r, sub, name, (DWORD)uid)) != EXIT_OK)
        return rc;
    r->up++;
    return table_add(&r->agreed, (DWORD)uid, flags) == 0 ? EXIT_OK : cli_fail("sync", ST_ERROR_OUT_OF_MEMORY);
}

int sync_upload_new(sync_run *r)
{
    name_list l = {NULL, 0, 0, r->p.uidvalidity, r->p.key};
    int rc = EXIT_OK;
    if (maildir_each_entry(r->p.dir, collect_new, &l) != 0)
        rc = cli_fail(r->p.dir, ST_ERROR_FILE_IO);
    else if (l.n > 0 && write_journal(r, &l) != 0)
        rc = cli_fail(r->journal_path, ST_ERROR_FILE_IO);
    for (size_t i = 0; i < l.n && rc == EXIT_OK; i++)
        rc = upload_one(r, l.v[i]);
    names_free(&l);
    return rc;
}

/* ---- after a run cut off while appending --------------------------------------------- */

/* A server's copy compared with the file's bytes as they stream in, CRs
 * left out on both sides (a server may store LF lines as CRLF). */
typedef struct same_bytes {
    const char *msg;
    size_t len, at;
    int differs;
} same_bytes;

static BOOL CALLBACK compare_chunk(HCLIENT h, LPCVOID data, DWORD len, DWORD_PTR param)
{
    same_bytes *s = (same_bytes *)param;
    const char *d = data;
    (void)h;
    for (DWORD i = 0; i < len; i++) {
        if (d[i] == '\r')
            continue;
        while (s->at < s->len && s->msg[s->at] == '\r')
            s->at++;
        if (s->at == s->len || s->msg[s->at] != d[i]) {
            s->differs = 1;
            return FALSE; /* the rest is read and dropped */
        }
        s->at++;
    }
    return TRUE;
}

static int same_message(HCLIENT h, DWORD uid, const char *msg, size_t len)
{
    same_bytes s = {msg, len, 0, 0};
    INT r = ImapReadMessage(h, uid, 0, compare_chunk, (DWORD_PTR)&s, IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK);
    while (s.at < s.len && s.msg[s.at] == '\r')
        s.at++;
    return r >= 0 && !s.differs && s.at == s.len;
}

/* The UIDs the server gave since the journal's UIDNEXT that neither the
 * state nor a file here pairs: where a cut-off append may be. */
static size_t candidates(const sync_run *r, unsigned long since, DWORD *out)
{
    held_index held;
    size_t n = 0;
    if (held_index_build(&held, r->p.dir, r->p.uidvalidity, r->p.key) != 0)
        return 0;
    for (size_t i = 0; i < r->server.n; i++) {
        DWORD uid = r->server.v[i].uid;
        size_t h = held_from(&held, uid);
        if (uid >= since && table_find(&r->state, uid) == NULL && !(h < held.n && held.v[h].uid == uid))
            out[n++] = uid;
    }
    held_index_free(&held);
    return n;
}

/* A journaled entry a mail reader has moved since (new/ to cur/, its info
 * added or changed): the message of the same name before the info. */
typedef struct moved_entry {
    const char *base;
    size_t base_len;
    char *out;
    size_t cap;
} moved_entry;

static int same_base(const char *sub, const char *name, size_t base_len, void *ctx)
{
    moved_entry *m = ctx;
    if (base_len != m->base_len || strncmp(name, m->base, base_len) != 0)
        return 0;
    snprintf(m->out, m->cap, "%s/%s", sub, name);
    return 1;
}

/* Where the journaled entry is now, into out: 1, or 0 when it is gone
 * (appended and renamed after its UID, or removed). */
static int entry_now(const sync_run *r, const char *entry, char *out, size_t cap)
{
    char path[8192];
    snprintf(out, cap, "%s", entry);
    snprintf(path, sizeof path, "%s/%s", r->p.dir, entry);
    if (os_exists(path))
        return 1;
    moved_entry m = {entry + 4, strcspn(entry + 4, MAILDIR_INFO_SEPARATORS), out, cap};
    return maildir_each_entry(r->p.dir, same_base, &m) == 1; /* one walk, only after a cut */
}

/* The journaled entry, if still here unpaired, paired with the candidate
 * holding its bytes (taken out of the list). 1 paired, 0 not, or <0. */
static int recover_one(sync_run *r, const char *journaled, DWORD *cand, size_t *ncand)
{
    char path[8192], entry[4200];
    if (strlen(journaled) < 5 || !entry_now(r, journaled, entry, sizeof entry))
        return 0;
    snprintf(path, sizeof path, "%s/%s", r->p.dir, entry);
    size_t len = 0;
    int rc;
    char *msg = local_read(path, &len, &rc);
    if (msg == NULL)
        return 0; /* appended as it stands, if at all, by the upload */
    int paired = 0;
    for (size_t i = 0; i < *ncand && !paired; i++) {
        if (!same_message(r->h, cand[i], msg, len))
            continue;
        char sub[4];
        snprintf(sub, sizeof sub, "%.3s", entry);
        if (name_after_uid(r, sub, entry + 4, cand[i]) != EXIT_OK) {
            free(msg);
            return -1;
        }
        cand[i] = cand[--*ncand];
        paired = 1;
    }
    free(msg);
    return paired;
}

int sync_recover_appends(sync_run *r)
{
    FILE *f = os_fopen(r->journal_path, "r");
    if (f == NULL)
        return errno == ENOENT ? EXIT_OK : cli_fail(r->journal_path, ST_ERROR_FILE_IO);
    unsigned long since = 0, found = 0;
    DWORD *cand = malloc((r->server.n + 1) * sizeof *cand);
    size_t ncand = cand != NULL && fscanf(f, "UIDNEXT %lu\n", &since) == 1 ? candidates(r, since, cand) : 0;
    char entry[4200];
    int rc = cand != NULL ? EXIT_OK : cli_fail("sync", ST_ERROR_OUT_OF_MEMORY);
    while (rc == EXIT_OK && ncand > 0 && fgets(entry, sizeof entry, f) != NULL) {
        entry[strcspn(entry, "\n")] = '\0';
        int e = recover_one(r, entry, cand, &ncand);
        if (e < 0)
            rc = EXIT_LOCAL;
        found += e > 0;
    }
    fclose(f);
    free(cand);
    if (found > 0)
        fprintf(stderr, "mailwire: %lu message(s) a run cut off had appended found on the server and paired\n",
                found);
    return rc;
}
