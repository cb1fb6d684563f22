/* sys_posix.c - lib/sys services on POSIX systems. */
#define _GNU_SOURCE
#include "sys.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

uint32_t mw_thread_id(void)
{
    return (uint32_t)syscall(SYS_gettid);
}

void mw_mutex_lock(mw_mutex *m)
{
    pthread_mutex_lock(m);
}

void mw_mutex_unlock(mw_mutex *m)
{
    pthread_mutex_unlock(m);
}

void mw_run_once(mw_once *flag, void (*fn)(void))
{
    pthread_once(flag, fn);
}

int mw_thread_start(mw_thread *t, void *(*fn)(void *), void *arg)
{
    return pthread_create(t, NULL, fn, arg) == 0 ? 0 : -1;
}

void mw_thread_join(mw_thread t)
{
    pthread_join(t, NULL);
}

int mw_file_stamp(const char *path, mw_stamp *out)
{
    struct stat st;
    if (path == NULL || stat(path, &st) != 0)
        return -1;
    out->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    out->size = (int64_t)st.st_size;
    return 0;
}

int64_t mw_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void mw_sleep_ms(unsigned ms)
{
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

int mw_random(void *buf, size_t len)
{
    unsigned char *p = buf;
    while (len > 0) {
        ssize_t n = getrandom(p, len, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

void mw_wipe(void *p, size_t len)
{
    if (p != NULL && len > 0)
        explicit_bzero(p, len);
}

uint32_t mw_sys_startup(void)
{
    return 0;
}

void mw_utc_time_of_day(int *hour, int *minute, int *second, int *millisecond)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    *hour = tm.tm_hour;
    *minute = tm.tm_min;
    *second = tm.tm_sec;
    *millisecond = (int)(ts.tv_nsec / 1000000);
}
