/*
 * sink.h - where a message's bytes go as they stream in: the caller's
 * buffer, memory the library allocates, a file, or a callback. Transfers
 * write through a sink chunk by chunk, so memory stays flat whatever the
 * message size (except for the allocating sink, which the caller asked for).
 */
#ifndef MW_SINK_H
#define MW_SINK_H

#include <stddef.h>
#include <stdint.h>

#include <mailwire/types.h>

#include "../sys/file.h"

typedef BOOL(CALLBACK *mw_read_proc)(HCLIENT, LPCVOID, DWORD, DWORD_PTR);

typedef enum {
    MW_SINK_BUFFER,
    MW_SINK_ALLOC,
    MW_SINK_FILE,
    MW_SINK_CALLBACK,
    MW_SINK_DISCARD,
    MW_SINK_FILTER
} mw_sink_kind;

/* A filter's work on each chunk (decoding, then another sink). */
typedef DWORD (*mw_sink_fn)(void *ctx, const void *data, size_t len);

typedef struct mw_sink {
    mw_sink_kind kind;
    uint64_t total;  /* bytes written so far (counted even past a full buffer) */
    int overflow;    /* the caller's buffer was too small */
    int stopped;     /* the callback returned FALSE */
    /* buffer */
    unsigned char *buf;
    size_t cap;
    /* alloc */
    unsigned char *mem;
    size_t memcap;
    /* file */
    mw_fd fd;
    char *path;      /* final name */
    char *tmp_path;  /* written here, renamed on success */
    /* callback */
    mw_read_proc proc;
    DWORD_PTR param;
    HCLIENT handle;
    /* filter */
    mw_sink_fn filter;
    void *filter_ctx;
} mw_sink;

void mw_sink_buffer(mw_sink *k, void *buf, size_t cap);
void mw_sink_alloc(mw_sink *k);
/* Opens "<path>.part" next to path; ST_ERROR_FILE_IO on failure. */
DWORD mw_sink_file(mw_sink *k, const char *path);
/* Creates path, only if no file has that name: 0 done, 1 the name is
 * taken, -1 failed (*err_r). Written in place; removed if not finished ok. */
int mw_sink_new_file(mw_sink *k, const char *path, DWORD *err_r);
/* Hands each chunk to fn, whose failure fails the write. */
void mw_sink_filter(mw_sink *k, mw_sink_fn fn, void *ctx);
void mw_sink_callback(mw_sink *k, HCLIENT h, mw_read_proc proc, DWORD_PTR param);
void mw_sink_discard(mw_sink *k);

/* Takes a chunk. A full caller buffer or a stopped callback do not fail
 * the write: the transfer goes on (counting) so the session stays in step. */
DWORD mw_sink_write(mw_sink *k, const void *data, size_t len);
/* Completes the sink: flushes and renames the file (ok) or removes it. */
DWORD mw_sink_finish(mw_sink *k, int ok);
/* The allocating sink's memory, NUL-terminated; the caller now owns it. */
void *mw_sink_take_memory(mw_sink *k);
/* Frees whatever the sink still holds. */
void mw_sink_free(mw_sink *k);

/* Releases memory handed to applications (HGLOBAL outside Windows). */
void mw_global_free(void *p);

#endif /* MW_SINK_H */
