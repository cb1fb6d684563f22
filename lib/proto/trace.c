/* trace.c - status procedures and trace files, with secret redaction. */
#include "trace.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <mailwire/errors.h>

#include "../sys/alloc.h"
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

/* What a connect exchanges is a few lines: past these, the rest is not kept. */
#define CONNECT_LINES_MAX 32
#define CONNECT_BYTES_MAX 16384

static int tracing(mw_session *s)
{
    return s->status_proc != NULL || traces[s->proto].fp != NULL || s->keeping_connect_lines;
}

/* Each kept line starts with its direction's digit. */
static void keep_connect_line(mw_session *s, UINT direction, const char *shown, size_t n)
{
    mw_lines *l = &s->connect_lines;
    if (l->count >= CONNECT_LINES_MAX || l->bytes + n > CONNECT_BYTES_MAX)
        return;
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        char **v = mw_realloc(l->v, (size_t)cap * sizeof *v);
        if (v == NULL)
            return;
        l->v = v;
        l->cap = cap;
    }
    char *line = mw_malloc(n + 2);
    if (line == NULL)
        return;
    line[0] = (char)('0' + direction);
    memcpy(line + 1, shown, n);
    line[n + 1] = '\0';
    l->v[l->count++] = line;
    l->bytes += n;
}

void mw_trace_connect_begin(mw_session *s)
{
    s->keeping_connect_lines = 1;
}

void mw_trace_connect_end(mw_session *s)
{
    s->keeping_connect_lines = 0;
}

void mw_trace_forget_connect(mw_session *s)
{
    for (int i = 0; i < s->connect_lines.count; i++)
        mw_free(s->connect_lines.v[i]);
    mw_free(s->connect_lines.v);
    memset(&s->connect_lines, 0, sizeof s->connect_lines);
}

void mw_trace_replay_connect(mw_session *s)
{
    if (s->status_proc == NULL)
        return;
    for (int i = 0; i < s->connect_lines.count; i++) {
        const char *line = s->connect_lines.v[i];
        s->status_proc(s->handle, (UINT)(line[0] - '0'), line + 1, (DWORD)strlen(line + 1),
                       s->status_param);
    }
    mw_trace_forget_connect(s);
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
    else if (s->keeping_connect_lines)
        keep_connect_line(s, direction, shown, n);
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
