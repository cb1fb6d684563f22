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
/* Lowers the peak to the current resident memory where the OS allows it
 * (Linux: /proc/self/clear_refs), so that a measurement that follows sees
 * only its own growth, not what earlier work in the process touched.
 * Returns 1 when the peak was reset. */
int peak_rss_reset(void);
/* The sanitizers count in the resident memory what is theirs: shadow
 * memory for every byte touched (ThreadSanitizer) and freed blocks held
 * in quarantine, up to 256 MB (AddressSanitizer: 100,000 small buffers
 * freed one after another grow it by tens of MB). Under them a growth
 * says nothing of the library's own; the other builds check it. */
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define MW_RSS_SLACK_KB (512 * 1024L)
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define MW_RSS_SLACK_KB (512 * 1024L)
#endif
#endif
#ifndef MW_RSS_SLACK_KB
#define MW_RSS_SLACK_KB 0L
#endif
uint32_t current_tid(void);
/* How many file descriptors the process has open (Linux: /proc/self/fd);
 * -1 where the OS cannot say. */
int open_fd_count(void);

/* The names in dir that do not start with '.', in strcmp order (scandir
 * with alphasort, which Windows lacks); *count_r of them, or -1. Free with
 * free_names. */
char **sorted_names(const char *dir, int *count_r);
void free_names(char **names, int count);
/* The size of the n-th (1-based, sorted_names order) file in dir, read
 * from the directory without reading the file; -1 when there is none. */
long long nth_file_size(const char *dir, int n);

/* Writes "* SEARCH 1 2 3 ..." into buf, numbers up to the first that
 * takes it to at least min_len bytes (no line end); returns its length
 * and sets *last_r to the last number. buf needs min_len + 12 bytes. */
size_t search_line(char *buf, size_t min_len, unsigned long *last_r);

/* Counts occurrences of needle in haystack. */
int count_of(const char *haystack, const char *needle);

/* Reads KEY from the harness's server.env (path in MAILWIRE_SERVER_ENV);
 * NULL when the file or key is missing. */
const char *server_env(const char *key);
unsigned server_port(const char *key);
/* Whether the harness's server is KIND ("dovecot", "mailutils"): MW_SERVER,
 * Dovecot when unset. */
int server_is(const char *kind);
/* (Not thread-safe: call it before starting threads.)
 * The login name of the harness's user NAME on this server (NAME and the
 * server's MW_USER_SUFFIX, "@localhost" on Mailutils). */
const char *server_user(const char *name);

/* fopen and remove by UTF-8 path, as the library's calls take paths
 * (Windows' narrow calls would read them in the ANSI code page). */
#include <stdio.h>
FILE *test_fopen(const char *path, const char *mode);
int test_remove(const char *path);
/* The whole file at path, NUL-terminated (malloc'd); NULL when unreadable. */
char *read_whole_file(const char *path, size_t *len);
/* The n-th (1-based, file-name order: delivery order) message in user's
 * Maildir of the harness, as the server sends it: with CRLF line ends even
 * where the server keeps LF (MW_MAIL_LF). NULL when there is none. */
char *stored_message(const char *user, int n, size_t *len);
/* The path of that message's file; 0 when there is none. */
int stored_path(const char *user, int n, char *path, size_t cap);
/* Its size in the same terms, read without holding it; -1 when absent. */
long long stored_message_size(const char *user, int n);

#endif
