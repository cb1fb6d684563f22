/* testutil.h - helpers shared by the protocol and integration tests. */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <mailwire.h>
#include <stddef.h>
#include <stdint.h>

/* Collects every status-procedure line of a handle ("C: ..." / "S: ..."). */
typedef struct trace_log {
    char text[65536];
    size_t len;
} trace_log;
VOID CALLBACK trace_collect(HCLIENT h, UINT dir, LPCSTR line, DWORD len, DWORD_PTR param);

/* Waits for one event of an event procedure. */
typedef struct event_wait {
    int fired;
    UINT id;
    DWORD error;
    HCLIENT handle;
} event_wait;
VOID CALLBACK event_record(HCLIENT h, UINT id, DWORD err, DWORD_PTR param);
/* Returns 1 once the event fired, 0 after ms. */
int event_wait_for(event_wait *w, unsigned ms);

int64_t now_ms(void);
/* The process's peak resident memory, in KiB. */
long peak_rss_kb(void);
uint32_t current_tid(void);

/* The names in dir that do not start with '.', in strcmp order (scandir
 * with alphasort, which Windows lacks); *count_r of them, or -1. Free with
 * free_names. */
char **sorted_names(const char *dir, int *count_r);
void free_names(char **names, int count);

/* Counts occurrences of needle in haystack. */
int count_of(const char *haystack, const char *needle);

/* Reads KEY from the Dovecot harness's server.env (path in MAILWIRE_SERVER_ENV);
 * NULL when the file or key is missing. */
const char *server_env(const char *key);
unsigned server_port(const char *key);

#endif
