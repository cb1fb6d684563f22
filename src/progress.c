/*
 * progress.c - the progress bar of pull and push: one line on standard
 * error, redrawn at most ten times a second, as wide as the terminal:
 *
 *   [########            ] 120/300  4.2 MB  1.3 MB/s  ETA 0:02
 *
 * Without a known total, the counts alone. Only on a terminal.
 */
#include "progress.h"

#include <stdio.h>
#include <string.h>

#include "os.h"

#define BAR_MIN 10

void progress_start(progress *p, int quiet, unsigned long total_msgs)
{
    memset(p, 0, sizeof *p);
    p->enabled = !quiet && os_isatty(stderr);
    p->total_msgs = total_msgs;
    p->start = os_seconds();
}

/* 950 B, 12.3 KB, 4.2 MB, 1.1 GB: decimal units, three figures. */
static void human_bytes(double b, const char *suffix, char *out, size_t cap)
{
    static const char *units[] = {"B", "KB", "MB", "GB", "TB"};
    int u = 0;
    while (b >= 999.5 && u < 4) {
        b /= 1000;
        u++;
    }
    snprintf(out, cap, u == 0 || b >= 99.95 ? "%.0f %s%s" : "%.1f %s%s", b, units[u], suffix);
}

/* m:ss, or h:mm:ss past an hour. */
static void duration(double s, char *out, size_t cap)
{
    unsigned long t = s > 0 && s < 360000 ? (unsigned long)(s + 0.5) : 0;
    if (t >= 3600)
        snprintf(out, cap, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(out, cap, "%lu:%02lu", t / 60, t % 60);
}

/* What follows the bar: counts, bytes, rate, time left. */
static int describe(const progress *p, double t, char *out, size_t cap)
{
    char bytes[32], rate[32], eta[32] = "";
    human_bytes((double)p->bytes, "", bytes, sizeof bytes);
    human_bytes(t > 0 ? (double)p->bytes / t : 0, "/s", rate, sizeof rate);
    if (p->total_msgs > 0 && p->done_msgs > 0 && p->done_msgs < p->total_msgs) {
        char left[24];
        duration(t / (double)p->done_msgs * (double)(p->total_msgs - p->done_msgs), left, sizeof left);
        snprintf(eta, sizeof eta, "  ETA %s", left);
    }
    if (p->total_msgs > 0)
        return snprintf(out, cap, "%lu/%lu  %s  %s%s", p->done_msgs, p->total_msgs, bytes, rate, eta);
    return snprintf(out, cap, "%lu messages  %s  %s", p->done_msgs, bytes, rate);
}

void progress_update(progress *p, int force)
{
    if (!p->enabled)
        return;
    double t = os_seconds() - p->start;
    if (!force && t - p->last_draw < 0.1)
        return;
    p->last_draw = t;
    char text[160], bar[512];
    int n = describe(p, t, text, sizeof text);
    int width = os_terminal_width(stderr) - 1; /* the last column would wrap on some terminals */
    int room = width - n - 3;                  /* "[", "] " */
    bar[0] = '\0';
    if (p->total_msgs > 0 && room >= BAR_MIN) {
        int w = room < (int)sizeof bar - 4 ? room : (int)sizeof bar - 4;
        int filled = (int)((double)w * (double)p->done_msgs / (double)p->total_msgs);
        bar[0] = '[';
        for (int i = 0; i < w; i++)
            bar[1 + i] = i < filled ? '#' : ' ';
        snprintf(bar + 1 + w, 3, "] ");
    }
    /* redrawn in place; blanks clear what a longer line left behind */
    int shown = (int)strlen(bar), pad = width - shown - n;
    fprintf(stderr, "\r%s%.*s%*s", bar, width - shown > 0 ? width - shown : 0, text, pad > 0 ? pad : 0, "");
}

void progress_finish(progress *p)
{
    if (!p->enabled)
        return;
    progress_update(p, 1);
    fputc('\n', stderr);
}
