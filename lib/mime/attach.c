/* attach.c - attachments saved as new files (see attach.h). */
#include "attach.h"

#include <stdio.h>
#include <string.h>

#include "part.h"

/* "name.ext" -> "name (n).ext"; a leading dot is no extension. */
static void numbered(const char *name, unsigned n, char *out, size_t cap)
{
    const char *dot = strrchr(name, '.');
    if (dot == NULL || dot == name)
        dot = name + strlen(name);
    snprintf(out, cap, "%.*s (%u)%s", (int)(dot - name), name, n, dot);
}

DWORD mw_attachment_create(const char *folder, const MIMEPARTA *part, mw_sink *sink)
{
    char name[256], try_name[300], path[4096];
    mw_part_file_name(part, name, sizeof name);
    for (unsigned n = 1; n <= MW_ATTACH_TRIES; n++) {
        if (n == 1)
            snprintf(try_name, sizeof try_name, "%s", name);
        else
            numbered(name, n, try_name, sizeof try_name);
        int w = snprintf(path, sizeof path, "%s/%s", folder, try_name);
        if (w < 0 || (size_t)w >= sizeof path)
            return ST_ERROR_INVALID_PARAMETER;
        DWORD err = 0;
        int r = mw_sink_new_file(sink, path, &err);
        if (r == 0)
            return 0;
        if (r < 0)
            return err;
    }
    return ST_ERROR_FILE_IO;
}

static DWORD on_begin(void *ctx, const MIMEPARTA *part)
{
    mw_attach_saver *a = ctx;
    if (!(part->dwFlags & MIME_PART_ATTACHMENT))
        return 0;
    DWORD err = mw_attachment_create(a->folder, part, &a->sink);
    a->open = err == 0;
    return err;
}

static DWORD on_data(void *ctx, const MIMEPARTA *part, const void *p, size_t n)
{
    mw_attach_saver *a = ctx;
    (void)part;
    return a->open ? mw_sink_write(&a->sink, p, n) : 0;
}

static DWORD on_end(void *ctx, const MIMEPARTA *part)
{
    mw_attach_saver *a = ctx;
    (void)part;
    if (!a->open)
        return 0;
    a->open = 0;
    DWORD err = mw_sink_finish(&a->sink, 1);
    mw_sink_free(&a->sink);
    a->saved += err == 0;
    return err;
}

void mw_attach_events(mw_attach_saver *a, const char *folder, mw_mime_events *ev)
{
    memset(a, 0, sizeof *a);
    a->folder = folder;
    ev->begin = on_begin;
    ev->data = on_data;
    ev->end = on_end;
    ev->ctx = a;
}

void mw_attach_abandon(mw_attach_saver *a)
{
    if (a->open)
        mw_sink_free(&a->sink); /* removes the file */
    a->open = 0;
}
