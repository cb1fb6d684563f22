/* maildir.c - durable Maildir delivery: tmp/, fsync, rename into new/. */
#include "maildir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int make_dir(const char *path)
{
    return mkdir(path, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

int maildir_prepare(const char *dir)
{
    char sub[4096];
    if (make_dir(dir) != 0)
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
    int fd = open(slash != NULL ? dir : ".", O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return -1;
    int r = fsync(fd);
    close(fd);
    return r;
}

int maildir_begin(maildir_msg *m, const char *dir, const char *name)
{
    snprintf(m->tmp_path, sizeof m->tmp_path, "%s/tmp/%s", dir, name);
    snprintf(m->final_path, sizeof m->final_path, "%s/new/%s", dir, name);
    m->f = fopen(m->tmp_path, "wbe");
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
    if (link(m->tmp_path, m->final_path) == 0)
        return unlink(m->tmp_path) == 0 ? 0 : -1;
    if (errno == EEXIST)
        return 1;
    if (errno != EPERM && errno != ENOSYS && errno != EOPNOTSUPP)
        return -1;
    /* a file system without hard links: check, then rename */
    struct stat st;
    if (stat(m->final_path, &st) == 0)
        return 1;
    return rename(m->tmp_path, m->final_path) == 0 ? 0 : -1;
}

int maildir_commit(maildir_msg *m)
{
    int r = fflush(m->f) == 0 && fsync(fileno(m->f)) == 0 ? 0 : -1;
    if (fclose(m->f) != 0)
        r = -1;
    m->f = NULL;
    if (r == 0)
        r = place(m);
    if (r != 0)
        unlink(m->tmp_path);
    return r;
}

int maildir_commit_as(maildir_msg *m, const char *dir, const char *name)
{
    snprintf(m->final_path, sizeof m->final_path, "%s/new/%s", dir, name);
    return maildir_commit(m);
}

int maildir_sync(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/new/x", dir);
    return sync_dir(path);
}

int maildir_each_name(const char *dir, maildir_name_fn fn, void *ctx)
{
    const char *subs[] = {"new", "cur"};
    int rc = 0;
    for (int i = 0; i < 2 && rc == 0; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, subs[i]);
        DIR *d = opendir(path);
        for (struct dirent *e; d != NULL && rc == 0 && (e = readdir(d)) != NULL;) {
            if (e->d_name[0] == '.')
                continue;
            const char *info = strchr(e->d_name, ':'); /* a reader's ":2,FLAGS" in cur/ */
            rc = fn(e->d_name, info != NULL ? (size_t)(info - e->d_name) : strlen(e->d_name), ctx);
        }
        if (d != NULL)
            closedir(d);
    }
    return rc;
}

typedef struct max_uid {
    unsigned long uidvalidity, best;
    const char *key;
} max_uid;

static int note_uid(const char *name, size_t len, void *ctx)
{
    max_uid *m = ctx;
    unsigned long v, uid;
    char key[16];
    (void)len;
    if (sscanf(name, "mw-%lu-%lu.%15[0-9a-f].", &v, &uid, key) == 3 && v == m->uidvalidity &&
        strcmp(key, m->key) == 0 && uid > m->best)
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
    unlink(m->tmp_path);
}

int write_file_atomically(const char *path, const char *text)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "we");
    if (f == NULL)
        return -1;
    int r = fputs(text, f) >= 0 && fflush(f) == 0 && fsync(fileno(f)) == 0 ? 0 : -1;
    if (fclose(f) != 0)
        r = -1;
    if (r == 0 && rename(tmp, path) != 0)
        r = -1;
    if (r == 0)
        r = sync_dir(path);
    if (r != 0)
        unlink(tmp);
    return r;
}

/* ---- progress ------------------------------------------------------------- */

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

void progress_start(progress *p, int quiet, unsigned long total_msgs)
{
    memset(p, 0, sizeof *p);
    p->enabled = !quiet && isatty(STDERR_FILENO);
    p->total_msgs = total_msgs;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
}

void progress_update(progress *p, int force)
{
    static double last;
    if (!p->enabled)
        return;
    double t = seconds_since(&p->start);
    if (!force && t - last < 0.1)
        return;
    last = t;
    double rate = t > 0 ? (double)p->bytes / t : 0;
    char bar[21];
    int filled = p->total_msgs ? (int)(20.0 * (double)p->done_msgs / (double)p->total_msgs) : 0;
    for (int i = 0; i < 20; i++)
        bar[i] = i < filled ? '#' : ' ';
    bar[20] = '\0';
    double eta = p->done_msgs > 0 && p->total_msgs > p->done_msgs
                     ? t / (double)p->done_msgs * (double)(p->total_msgs - p->done_msgs)
                     : 0;
    fprintf(stderr, "\r[%s] %lu/%lu msgs  %.1f MB  %.0f KB/s  ETA %d:%02d ", bar, p->done_msgs,
            p->total_msgs, (double)p->bytes / 1e6, rate / 1e3, (int)eta / 60, (int)eta % 60);
}

void progress_finish(progress *p, const char *verb)
{
    if (p->enabled) {
        progress_update(p, 1);
        fputc('\n', stderr);
    }
    (void)verb;
}
