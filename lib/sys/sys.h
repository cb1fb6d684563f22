/*
 * sys.h - the few operating-system services the library uses: thread ids,
 * threads, mutexes, clocks, random bytes and secure wiping. Protocol code
 * uses only these, so a Win32 build replaces this one file's implementation.
 */
#ifndef MW_SYS_H
#define MW_SYS_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#error "the Win32 port of lib/sys is not written yet"
#else
#include <pthread.h>
typedef pthread_mutex_t mw_mutex;
typedef pthread_t mw_thread;
#define MW_MUTEX_INITIALIZER PTHREAD_MUTEX_INITIALIZER
#endif

#define MW_THREAD_LOCAL _Thread_local

/* The kernel id of the calling thread (gettid / GetCurrentThreadId). */
uint32_t mw_thread_id(void);

void mw_mutex_lock(mw_mutex *m);
void mw_mutex_unlock(mw_mutex *m);

/* Returns 0 on success. */
int mw_thread_start(mw_thread *t, void *(*fn)(void *), void *arg);
void mw_thread_join(mw_thread t);

/* Milliseconds of a monotonic clock. */
int64_t mw_now_ms(void);

/* What changes when a file or directory is rewritten. */
typedef struct mw_stamp {
    int64_t mtime_ns;
    int64_t size;
} mw_stamp;

/* 0 with *out filled, or -1 when path cannot be read. */
int mw_file_stamp(const char *path, mw_stamp *out);
void mw_sleep_ms(unsigned ms);

/* Cryptographically strong random bytes; returns 0 on success. */
int mw_random(void *buf, size_t len);

/* Overwrites memory in a way the compiler may not remove. */
void mw_wipe(void *p, size_t len);

#endif /* MW_SYS_H */
