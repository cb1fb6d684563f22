/* trace.c - status procedures and trace files, with secret redaction. */
#include "trace.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <mailwire/errors.h>

#include "../sys/file.h"

#define REDACTED "***"
#define TRACE_LINE_MAX 1024 /* a trace shows the head of very long lines */

typedef struct trace_file {
    mw_mutex lock;
    FILE *fp;
    DWORD flags;
} trace_file;

static trace_file traces[3] = {
    {MW_MUTEX_INITIALIZER, NULL, 0},
    {MW_MUTEX_INITIALIZER, NULL, 0},
    {MW_MUTEX_INITIALIZER, NULL, 0},
};

static void write_trace(mw_proto proto, const char *prefix, const char *text, size_t len)
{
    trace_file *t = &traces[proto];
    mw_mutex_lock(&t->lock);
    if (t->fp != NULL) {
        if (t->flags & IMAP_TRACE_TIMESTAMP) {
            int h, m, sec, ms;
            mw_utc_time_of_day(&h, &m, &sec, &ms);
            fprintf(t->fp, "%02d:%02d:%02d.%03d ", h, m, sec, ms);
        }
        fprintf(t->fp, "%s%.*s\n", prefix, (int)len, text);
        fflush(t->fp);
    }
    mw_mutex_unlock(&t->lock);
}

static int tracing(mw_session *s)
{
    return s->status_proc != NULL || traces[s->proto].fp != NULL;
}

void mw_trace_line(mw_session *s, UINT direction, const char *data, size_t len, size_t visible)
{
    if (!tracing(s))
        return;
    char shown[TRACE_LINE_MAX + sizeof REDACTED];
    while (visible < len && data[visible] == ' ')
        visible++; /* "LOGIN alice ***", not "LOGIN alice***" */
    size_t n = visible < len ? visible : len;
    if (n > TRACE_LINE_MAX)
        n = TRACE_LINE_MAX;
    memcpy(shown, data, n);
    if (visible < len) {
        memcpy(shown + n, REDACTED, sizeof REDACTED - 1);
        n += sizeof REDACTED - 1;
    }
    shown[n] = '\0';
    if (s->status_proc != NULL)
        s->status_proc(s->handle, direction, shown, (DWORD)n, s->status_param);
    write_trace(s->proto, direction == IMAP_STATUS_SENT ? "C: " : "S: ", shown, n);
}

void mw_trace_note(mw_session *s, const char *fmt, ...)
{
    if (traces[s->proto].fp == NULL)
        return;
    char text[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (n > 0)
        write_trace(s->proto, "*  ", text, strlen(text));
}

DWORD mw_trace_enable(mw_proto proto, const char *path, DWORD flags)
{
    if ((flags & ~(DWORD)(IMAP_TRACE_APPEND | IMAP_TRACE_TIMESTAMP)) != 0)
        return ST_ERROR_INVALID_PARAMETER;
    FILE *fp = mw_file_stream(path, (flags & IMAP_TRACE_APPEND) != 0);
    if (fp == NULL)
        return ST_ERROR_FILE_IO;
    trace_file *t = &traces[proto];
    mw_mutex_lock(&t->lock);
    if (t->fp != NULL)
        fclose(t->fp);
    t->fp = fp;
    t->flags = flags;
    mw_mutex_unlock(&t->lock);
    return 0;
}

void mw_trace_disable(mw_proto proto)
{
    trace_file *t = &traces[proto];
    mw_mutex_lock(&t->lock);
    if (t->fp != NULL)
        fclose(t->fp);
    t->fp = NULL;
    mw_mutex_unlock(&t->lock);
}
