/* file_posix.c - lib/sys files on POSIX (see file.h). */
#define _GNU_SOURCE
#include "file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mailwire/errors.h>

#include "alloc.h"

#define SYSTEM_CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"
#define SYSTEM_CA_DIR "/etc/ssl/certs"

DWORD mw_file_create(const char *path, mw_fd *fd_r)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    *fd_r = fd < 0 ? MW_NO_FD : (mw_fd)fd;
    return fd < 0 ? ST_ERROR_FILE_IO : 0;
}

int mw_file_create_new(const char *path, mw_fd *fd_r)
{
    /* O_NOFOLLOW: a link planted under the name is not followed either */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    *fd_r = fd < 0 ? MW_NO_FD : (mw_fd)fd;
    return fd >= 0 ? 0 : errno == EEXIST ? 1 : -1;
}

DWORD mw_file_write(mw_fd fd, const void *data, size_t len)
{
    const unsigned char *p = data;
    while (len > 0) {
        ssize_t w = write((int)fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return ST_ERROR_FILE_IO;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

DWORD mw_file_close(mw_fd fd, int sync)
{
    DWORD err = sync && fsync((int)fd) != 0 ? ST_ERROR_FILE_IO : 0;
    if (close((int)fd) != 0 && err == 0)
        err = ST_ERROR_FILE_IO;
    return err;
}

DWORD mw_file_replace(const char *from, const char *to)
{
    return rename(from, to) == 0 ? 0 : ST_ERROR_FILE_IO;
}

void mw_file_remove(const char *path)
{
    unlink(path);
}

FILE *mw_file_stream(const char *path, int append)
{
    return fopen(path, append ? "abe" : "wbe");
}

FILE *mw_file_read_stream(const char *path)
{
    return fopen(path, "rbe");
}

DWORD mw_file_load(const char *path, unsigned char **buf_r, size_t *len_r)
{
    *buf_r = NULL;
    *len_r = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return ST_ERROR_FILE_IO;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size >= SIZE_MAX) {
        close(fd);
        return ST_ERROR_FILE_IO;
    }
    size_t len = (size_t)st.st_size;
    unsigned char *buf = mw_malloc(len + 1);
    size_t got = 0;
    while (buf != NULL && got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    return mw_file_loaded(buf, got, len, buf_r, len_r);
}

static int is_regular(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int mw_dir_each(const char *dir, int (*fn)(void *ctx, const char *path), void *ctx)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    size_t dlen = strlen(dir);
    struct dirent *e;
    int stop = 0;
    while (!stop && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        char *path = mw_malloc(dlen + n + 2);
        if (path == NULL)
            break;
        memcpy(path, dir, dlen);
        path[dlen] = '/';
        memcpy(path + dlen + 1, e->d_name, n + 1);
        if (is_regular(path))
            stop = fn(ctx, path);
        mw_free(path);
    }
    closedir(d);
    return 0;
}

typedef struct roots_walk {
    int (*add)(void *ctx, const unsigned char *data, size_t len);
    void *ctx;
    int given;
} roots_walk;

static int add_file(void *p, const char *path)
{
    roots_walk *w = p;
    unsigned char *buf;
    size_t len;
    if (mw_file_load(path, &buf, &len) == 0) {
        (void)w->add(w->ctx, buf, len);
        w->given++;
        mw_free(buf);
    }
    return 0;
}

int mw_system_roots(int (*add)(void *ctx, const unsigned char *data, size_t len), void *ctx)
{
    roots_walk w = {add, ctx, 0};
    /* Debian's bundle; the directory of single certificates elsewhere */
    (void)add_file(&w, SYSTEM_CA_BUNDLE);
    if (w.given == 0)
        (void)mw_dir_each(SYSTEM_CA_DIR, add_file, &w);
    return w.given;
}

void mw_system_roots_stamp(mw_stamp *a, mw_stamp *b)
{
    memset(a, 0, sizeof *a);
    memset(b, 0, sizeof *b);
    (void)mw_file_stamp(SYSTEM_CA_BUNDLE, a);
    (void)mw_file_stamp(SYSTEM_CA_DIR, b);
}
