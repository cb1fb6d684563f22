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
/* An SRWLOCK, an INIT_ONCE and a thread HANDLE, by size: <windows.h>
 * stays in lib/sys. lib/sys/win32/threading_alt.h declares the same
 * struct for the mutexes mbedTLS keeps. */
#ifndef MW_MUTEX_STRUCT_DEFINED
#define MW_MUTEX_STRUCT_DEFINED
struct mw_mutex {
    void *srwlock;
};
#endif
typedef struct mw_mutex mw_mutex;
typedef struct mw_once {
    void *init_once;
} mw_once;
typedef void *mw_thread;
#define MW_MUTEX_INITIALIZER {0} /* SRWLOCK_INIT */
#define MW_ONCE_INITIALIZER {0}  /* INIT_ONCE_STATIC_INIT */
#else
#include <pthread.h>
typedef pthread_mutex_t mw_mutex;
typedef pthread_t mw_thread;
typedef pthread_once_t mw_once;
#define MW_MUTEX_INITIALIZER PTHREAD_MUTEX_INITIALIZER
#define MW_ONCE_INITIALIZER PTHREAD_ONCE_INIT
#endif

#define MW_THREAD_LOCAL _Thread_local

/* printf-style argument checking: mingw's C99 printf (which the Windows
 * build uses) is gnu_printf, not the msvcrt formats of plain "printf". */
#if defined(__MINGW32__)
#define MW_PRINTF_LIKE(fmt, args) __attribute__((format(gnu_printf, fmt, args)))
#else
#define MW_PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#endif

/* The kernel id of the calling thread (gettid / GetCurrentThreadId). */
uint32_t mw_thread_id(void);

void mw_mutex_lock(mw_mutex *m);
void mw_mutex_unlock(mw_mutex *m);

/* Runs fn exactly once per flag, whichever thread comes first; the others
 * wait until it has returned. */
void mw_run_once(mw_once *flag, void (*fn)(void));

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

/* Process-wide setup, done once whoever asks first: Winsock and mbedTLS's
 * mutexes on Windows, nothing elsewhere. Returns 0 or an ST_ERROR_* value.
 * It is never undone: another thread may still be inside mbedTLS, and the
 * operating system releases both at exit. */
uint32_t mw_sys_startup(void);

/* The current UTC time of day, for trace lines. */
void mw_utc_time_of_day(int *hour, int *minute, int *second, int *millisecond);

#endif /* MW_SYS_H */
