/* sink.c - destinations for streamed message data. */
#include "sink.h"

#include <stdlib.h>
#include <string.h>

#include <mailwire/errors.h>

#include "../sys/alloc.h"
#include "../sys/file.h"

static void init(mw_sink *k, mw_sink_kind kind)
{
    memset(k, 0, sizeof *k);
    k->kind = kind;
    k->fd = MW_NO_FD;
}

void mw_sink_buffer(mw_sink *k, void *buf, size_t cap)
{
    init(k, MW_SINK_BUFFER);
    k->buf = buf;
    k->cap = cap;
}

void mw_sink_alloc(mw_sink *k)
{
    init(k, MW_SINK_ALLOC);
}

void mw_sink_callback(mw_sink *k, HCLIENT h, mw_read_proc proc, DWORD_PTR param)
{
    init(k, MW_SINK_CALLBACK);
    k->proc = proc;
    k->param = param;
    k->handle = h;
}

void mw_sink_discard(mw_sink *k)
{
    init(k, MW_SINK_DISCARD);
}

DWORD mw_sink_file(mw_sink *k, const char *path)
{
    init(k, MW_SINK_FILE);
    size_t n = strlen(path);
    k->path = mw_strdup(path);
    k->tmp_path = mw_malloc(n + 6);
    if (k->path == NULL || k->tmp_path == NULL) {
        mw_sink_free(k);
        return ST_ERROR_OUT_OF_MEMORY;
    }
    memcpy(k->tmp_path, path, n);
    memcpy(k->tmp_path + n, ".part", 6);
    DWORD err = mw_file_create(k->tmp_path, &k->fd);
    if (err != 0)
        mw_sink_free(k);
    return err;
}

int mw_sink_new_file(mw_sink *k, const char *path, DWORD *err_r)
{
    init(k, MW_SINK_FILE);
    *err_r = 0;
    k->path = mw_strdup(path);
    if (k->path == NULL) {
        *err_r = ST_ERROR_OUT_OF_MEMORY;
        return -1;
    }
    int r = mw_file_create_new(path, &k->fd);
    if (r != 0) {
        mw_free(k->path);
        k->path = NULL;
        *err_r = r < 0 ? ST_ERROR_FILE_IO : 0;
    }
    return r;
}

void mw_sink_filter(mw_sink *k, mw_sink_fn fn, void *ctx)
{
    init(k, MW_SINK_FILTER);
    k->filter = fn;
    k->filter_ctx = ctx;
}

static DWORD grow_memory(mw_sink *k, size_t need)
{
    if (need <= k->memcap)
        return 0;
    size_t cap = k->memcap ? k->memcap : 4096;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return ST_ERROR_OUT_OF_MEMORY;
        cap *= 2;
    }
    unsigned char *p = mw_realloc(k->mem, cap);
    if (p == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    k->mem = p;
    k->memcap = cap;
    return 0;
}

DWORD mw_sink_write(mw_sink *k, const void *data, size_t len)
{
    uint64_t at = k->total;
    k->total += len;
    switch (k->kind) {
    case MW_SINK_BUFFER:
        if (at + len > k->cap) {
            k->overflow = 1;
            return 0;
        }
        memcpy(k->buf + at, data, len);
        return 0;
    case MW_SINK_ALLOC: {
        DWORD err = grow_memory(k, (size_t)at + len + 1);
        if (err == 0)
            memcpy(k->mem + at, data, len);
        return err;
    }
    case MW_SINK_FILE:
        return mw_file_write(k->fd, data, len);
    case MW_SINK_FILTER:
        return len > 0 ? k->filter(k->filter_ctx, data, len) : 0;
    case MW_SINK_CALLBACK:
        if (!k->stopped && len > 0 && !k->proc(k->handle, data, (DWORD)len, k->param))
            k->stopped = 1;
        return 0;
    default:
        return 0;
    }
}

DWORD mw_sink_finish(mw_sink *k, int ok)
{
    if (k->kind != MW_SINK_FILE || k->fd == MW_NO_FD)
        return 0;
    /* Durable before visible: a crash leaves the old file or the whole new one. */
    DWORD err = mw_file_close(k->fd, ok);
    k->fd = MW_NO_FD;
    if (k->tmp_path == NULL) { /* a new file written in place */
        if (!ok || err != 0)
            mw_file_remove(k->path);
        return err;
    }
    if (ok && err == 0)
        err = mw_file_replace(k->tmp_path, k->path);
    if (!ok || err != 0)
        mw_file_remove(k->tmp_path);
    return err;
}

void *mw_sink_take_memory(mw_sink *k)
{
    /* The buffer comes from mw_realloc, i.e. the C heap that
     * mw_global_free releases: hand it over instead of copying it. */
    if (grow_memory(k, (size_t)k->total + 1) != 0)
        return NULL;
    k->mem[k->total] = '\0';
    void *out = k->mem;
    k->mem = NULL;
    k->memcap = 0;
    return out;
}

void mw_sink_free(mw_sink *k)
{
    if (k->kind == MW_SINK_FILE && k->fd != MW_NO_FD)
        mw_sink_finish(k, 0);
    mw_free(k->mem);
    mw_free(k->path);
    mw_free(k->tmp_path);
    k->mem = NULL;
    k->path = k->tmp_path = NULL;
}

/* Applications free with ImapFreeMemory/PopFreeMemory, never with free():
 * the memory comes from mw_realloc (the C heap) here, and a Windows build
 * can switch both to GlobalAlloc without changing any caller. */
void mw_global_free(void *p)
{
    free(p);
}
