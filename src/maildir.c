/* maildir.c - durable Maildir delivery: tmp/, fsync (one per batch where
 * the system can), rename into new/. */
#include "maildir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os.h"

static int make_dir(const char *path)
{
    return os_mkdir(path);
}

/* path, with the directories above it made where missing (mkdir -p). A
 * level that cannot be made (a drive, a share, one of another user's)
 * is passed over: what matters shows in making path itself. */
static int make_dirs(const char *path)
{
    char above[4096];
    size_t len = strlen(path);
    if (len >= sizeof above)
        return -1;
    memcpy(above, path, len + 1);
    for (size_t i = 1; i < len; i++) {
        char c = above[i];
        if (os_is_separator(c) && !os_is_separator(above[i - 1])) {
            above[i] = '\0';
            (void)os_mkdir(above);
            above[i] = c;
        }
    }
    return make_dir(path);
}

int maildir_prepare(const char *dir)
{
    char sub[4096];
    if (make_dirs(dir) != 0) /* ~/Mail/inbox where there is no ~/Mail yet */
        return -1;
    const char *parts[] = {"tmp", "new", "cur"};
    for (int i = 0; i < 3; i++) {
        snprintf(sub, sizeof sub, "%s/%s", dir, parts[i]);
        if (make_dir(sub) != 0)
            return -1;
    }
    return 0;
}

static int sync_dir(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash != NULL)
        *slash = '\0';
    return os_sync_dir(slash != NULL ? dir : ".");
}

int maildir_begin(maildir_msg *m, const char *dir, const char *name)
{
    snprintf(m->tmp_path, sizeof m->tmp_path, "%s/tmp/%s", dir, name);
    snprintf(m->final_path, sizeof m->final_path, "%s/new/%s", dir, name);
    m->arrived = 0;
    m->f = os_fopen(m->tmp_path, "wb");
    return m->f != NULL ? 0 : -1;
}

int maildir_write(maildir_msg *m, const void *data, size_t len)
{
    return fwrite(data, 1, len, m->f) == len ? 0 : -1;
}

/* Puts tmp_path at final_path without ever replacing a file there: 1 when
 * one was there (this copy is dropped), 0 when moved, -1 on error. */
static int place(const maildir_msg *m)
{
    return os_move_new(m->tmp_path, m->final_path);
}

/* Queues the closed file for the batch's flush. */
static int enqueue(maildir_msg *m)
{
    maildir_batch *b = m->batch;
    char *tmp = strdup(m->tmp_path), *final = strdup(m->final_path);
    if (tmp == NULL || final == NULL) {
        free(tmp);
        free(final);
        return -1;
    }
    b->tmp[b->n] = tmp;
    b->final[b->n++] = final;
    return 0;
}

/* Each queued file into new/, once the file system is flushed. */
static int move_batch(const char *dir, maildir_batch *b)
{
    int r = b->n > 0 ? os_sync_files(dir) : 0;
    for (int i = 0; i < b->n; i++) {
        int placed = r == 0 ? os_move_new(b->tmp[i], b->final[i]) : -1;
        if (placed != 0)
            os_remove(b->tmp[i]); /* a copy already there, or an error */
        if (placed < 0)
            r = -1;
        else if (placed > 0)
            b->dropped++;
        free(b->tmp[i]);
        free(b->final[i]);
    }
    b->n = 0;
    return r;
}

int maildir_commit(maildir_msg *m)
{
    int sync_now = m->batch == NULL;
    int r = fflush(m->f) == 0 && (sync_now ? os_fsync(m->f) : os_fsync_batched(m->f)) == 0 ? 0 : -1;
    if (fclose(m->f) != 0)
        r = -1;
    m->f = NULL;
    /* the arrival time, kept as the file's time: only a reader's sorting
     * and a later push's date depend on it, so a failure costs no mail */
    if (r == 0 && m->arrived != 0)
        (void)os_set_mtime(m->tmp_path, m->arrived);
    if (r == 0 && !sync_now && m->batch->n == MAILDIR_BATCH_MAX) {
        char dir[4096]; /* full: flush the queued ones first */
        snprintf(dir, sizeof dir, "%s", m->final_path);
        *strrchr(dir, '/') = '\0';
        r = move_batch(dir, m->batch);
    }
    if (r == 0)
        r = sync_now ? place(m) : enqueue(m);
    if (r != 0)
        os_remove(m->tmp_path);
    return r;
}

int maildir_commit_in(maildir_msg *m, const char *dir, const char *sub, const char *name)
{
    snprintf(m->final_path, sizeof m->final_path, "%s/%s/%s", dir, sub, name);
    return maildir_commit(m);
}

int maildir_commit_as(maildir_msg *m, const char *dir, const char *name)
{
    return maildir_commit_in(m, dir, "new", name);
}

int maildir_sync(const char *dir, maildir_batch *batch)
{
    char path[4096], cur[4096];
    snprintf(path, sizeof path, "%s/new/x", dir);
    snprintf(cur, sizeof cur, "%s/cur/x", dir); /* messages delivered with their flags */
    int r = batch != NULL ? move_batch(dir, batch) : 0;
    return sync_dir(path) == 0 && sync_dir(cur) == 0 ? r : -1;
}

void maildir_batch_discard(maildir_batch *b)
{
    for (int i = 0; i < b->n; i++) {
        os_remove(b->tmp[i]);
        free(b->tmp[i]);
        free(b->final[i]);
    }
    b->n = 0;
}

typedef struct entry_walk {
    const char *sub;
    maildir_entry_fn fn;
    void *ctx;
} entry_walk;

static int each_entry(const char *name, void *ctx)
{
    entry_walk *w = ctx;
    if (name[0] == '.')
        return 0;
    /* a reader's ":2,FLAGS" in cur/ (or "!2,FLAGS" where ':' cannot be in a name) */
    size_t len = strcspn(name, MAILDIR_INFO_SEPARATORS);
    return w->fn(w->sub, name, len, w->ctx);
}

int maildir_each_entry(const char *dir, maildir_entry_fn fn, void *ctx)
{
    const char *subs[] = {"new", "cur"};
    int rc = 0;
    for (int i = 0; i < 2 && rc == 0; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, subs[i]);
        entry_walk w = {subs[i], fn, ctx};
        rc = os_dir_each(path, each_entry, &w);
        if (rc < 0)
            rc = 0; /* no new/ or cur/ yet: no names */
    }
    return rc;
}

typedef struct name_walk {
    maildir_name_fn fn;
    void *ctx;
} name_walk;

static int each_name(const char *sub, const char *name, size_t base_len, void *ctx)
{
    name_walk *w = ctx;
    (void)sub;
    return w->fn(name, base_len, w->ctx);
}

int maildir_each_name(const char *dir, maildir_name_fn fn, void *ctx)
{
    name_walk w = {fn, ctx};
    return maildir_each_entry(dir, each_name, &w);
}

typedef struct max_uid {
    unsigned long uidvalidity, best;
    const char *key;
} max_uid;

int maildir_uid_of(const char *name, unsigned long uidvalidity, const char *key, unsigned long *uid)
{
    unsigned long v, u;
    char k[16];
    if (sscanf(name, "mw-%lu-%lu.%15[0-9a-f].", &v, &u, k) != 3 || v != uidvalidity || strcmp(k, key) != 0)
        return 0;
    *uid = u;
    return 1;
}

void maildir_uid_name(char *out, size_t cap, unsigned long uidvalidity, unsigned long uid, const char *key,
                      const char *host, const char *info)
{
    int n = snprintf(out, cap, "mw-%lu-%lu.%s.%s", uidvalidity, uid, key, host);
    if (info != NULL && n > 0 && (size_t)n < cap)
        snprintf(out + n, cap - (size_t)n, "%c2,%s", MAILDIR_INFO_WRITE, info);
}

static int note_uid(const char *name, size_t len, void *ctx)
{
    max_uid *m = ctx;
    unsigned long uid;
    (void)len;
    if (maildir_uid_of(name, m->uidvalidity, m->key, &uid) && uid > m->best)
        m->best = uid;
    return 0;
}

unsigned long maildir_max_uid(const char *dir, unsigned long uidvalidity, const char *key)
{
    max_uid m = {uidvalidity, 0, key};
    maildir_each_name(dir, note_uid, &m);
    return m.best;
}

void maildir_abort(maildir_msg *m)
{
    if (m->f != NULL)
        fclose(m->f);
    m->f = NULL;
    os_remove(m->tmp_path);
}

int write_file_atomically(const char *path, const char *text)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = os_fopen(tmp, "wb");
    if (f == NULL)
        return -1;
    int r = fputs(text, f) >= 0 && fflush(f) == 0 && os_fsync(f) == 0 ? 0 : -1;
    if (fclose(f) != 0)
        r = -1;
    if (r == 0 && os_rename(tmp, path) != 0)
        r = -1;
    if (r == 0)
        r = sync_dir(path);
    if (r != 0)
        os_remove(tmp);
    return r;
}
