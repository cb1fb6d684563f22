/* progress.h - the progress bar of pull and push, on a terminal only. */
#ifndef MAILWIRE_PROGRESS_H
#define MAILWIRE_PROGRESS_H

#include <stdint.h>

typedef struct progress {
    int enabled;      /* stderr is a terminal and not --quiet */
    unsigned long done_msgs, total_msgs;
    uint64_t bytes;
    double start;     /* os_seconds() */
    double last_draw; /* seconds after start */
} progress;

/* total_msgs 0: not known (no bar, counts only). */
void progress_start(progress *p, int quiet, unsigned long total_msgs);
void progress_update(progress *p, int force);
/* The last state, and the line ended. */
void progress_finish(progress *p);

#endif
