/*
 * file.h - files by UTF-8 path: written in binary (the bytes given are the
 * bytes stored), never inherited by child processes, replaced atomically;
 * read whole into memory for mbedTLS; the system's trusted roots.
 * Results are 0 or ST_ERROR_* values.
 */
#ifndef MW_FILE_H
#define MW_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <mailwire/types.h>

#include "sys.h"

/* A file descriptor, or a Windows HANDLE. */
typedef intptr_t mw_fd;
#define MW_NO_FD ((mw_fd)-1)

/* Creates path for writing, or empties it. */
DWORD mw_file_create(const char *path, mw_fd *fd_r);
/* Creates path for writing only if nothing has that name yet: 0 done,
 * 1 the name is taken, -1 another failure. */
int mw_file_create_new(const char *path, mw_fd *fd_r);
DWORD mw_file_write(mw_fd fd, const void *data, size_t len);
/* Flushes to the disk first when sync is nonzero; the descriptor is
 * closed either way. */
DWORD mw_file_close(mw_fd fd, int sync);
/* Renames from to to, replacing a file already there, in one step. */
DWORD mw_file_replace(const char *from, const char *to);
void mw_file_remove(const char *path);

/* A stdio stream on path, binary, emptied first unless append. */
FILE *mw_file_stream(const char *path, int append);

/* A stdio stream reading path, binary. */
FILE *mw_file_read_stream(const char *path);

/* The whole file in mw_malloc'd memory with a NUL after its last byte;
 * *len_r counts that NUL, as mbedTLS's PEM parsers want. */
DWORD mw_file_load(const char *path, unsigned char **buf_r, size_t *len_r);

/* The end of mw_file_load on every system: got of len bytes were read into
 * buf (NULL: no memory); the result, and buf handed over or wiped. */
DWORD mw_file_loaded(unsigned char *buf, size_t got, size_t len, unsigned char **buf_r,
                     size_t *len_r);

/* Calls fn with the path of each regular file in dir until fn returns
 * nonzero. Returns -1 when dir cannot be read, else 0. */
int mw_dir_each(const char *dir, int (*fn)(void *ctx, const char *path), void *ctx);

/* Hands the operating system's trusted root certificates to add, one at a
 * time or a bundle at once (PEM with its NUL, or DER). Returns how many
 * buffers add was given: 0 when the system has no store. */
int mw_system_roots(int (*add)(void *ctx, const unsigned char *data, size_t len), void *ctx);
/* What changes when the system's store changes. */
void mw_system_roots_stamp(mw_stamp *a, mw_stamp *b);

#endif /* MW_FILE_H */
