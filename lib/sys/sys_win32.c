/* sys_win32.c - lib/sys services on Windows. */
#include "sys.h"

#include <process.h>
#include <stdlib.h>
#include <string.h>
#include <winsock2.h>
#include <windows.h>
#include <bcrypt.h>

#include <mailwire/errors.h>

#include "win32/wpath.h"

uint32_t mw_thread_id(void)
{
    return (uint32_t)GetCurrentThreadId();
}

/* mw_mutex is struct { void * }, laid out as an SRWLOCK. */
static PSRWLOCK srw(mw_mutex *m)
{
    return (PSRWLOCK)(void *)m;
}

void mw_mutex_lock(mw_mutex *m)
{
    AcquireSRWLockExclusive(srw(m));
}

void mw_mutex_unlock(mw_mutex *m)
{
    ReleaseSRWLockExclusive(srw(m));
}

static BOOL CALLBACK once_trampoline(PINIT_ONCE once, PVOID param, PVOID *context)
{
    (void)once;
    (void)context;
    void (**fn)(void) = param;
    (*fn)();
    return TRUE;
}

void mw_run_once(mw_once *flag, void (*fn)(void))
{
    InitOnceExecuteOnce((PINIT_ONCE)(void *)flag, once_trampoline, &fn, NULL);
}

typedef struct thread_start {
    void *(*fn)(void *);
    void *arg;
} thread_start;

static unsigned __stdcall thread_main(void *p)
{
    thread_start start = *(thread_start *)p;
    free(p);
    start.fn(start.arg);
    return 0;
}

int mw_thread_start(mw_thread *t, void *(*fn)(void *), void *arg)
{
    /* Not mw_malloc: a thread's start is not one of the library's
     * allocations that the failure tests count. */
    thread_start *start = malloc(sizeof *start);
    if (start == NULL)
        return -1;
    start->fn = fn;
    start->arg = arg;
    /* _beginthreadex, not CreateThread: the C library's per-thread state */
    uintptr_t h = _beginthreadex(NULL, 0, thread_main, start, 0, NULL);
    if (h == 0) {
        free(start);
        return -1;
    }
    *t = (mw_thread)h;
    return 0;
}

void mw_thread_join(mw_thread t)
{
    WaitForSingleObject((HANDLE)t, INFINITE);
    CloseHandle((HANDLE)t);
}

int mw_file_stamp(const char *path, mw_stamp *out)
{
    wchar_t *wpath = mw_wpath(path);
    WIN32_FILE_ATTRIBUTE_DATA data;
    BOOL ok = wpath != NULL && GetFileAttributesExW(wpath, GetFileExInfoStandard, &data);
    free(wpath);
    if (!ok)
        return -1;
    /* 100 ns units since 1601: only compared, never shown */
    uint64_t t = ((uint64_t)data.ftLastWriteTime.dwHighDateTime << 32) |
                 data.ftLastWriteTime.dwLowDateTime;
    out->mtime_ns = (int64_t)(t * 100);
    out->size = (int64_t)(((uint64_t)data.nFileSizeHigh << 32) | data.nFileSizeLow);
    return 0;
}

int64_t mw_now_ms(void)
{
    return (int64_t)GetTickCount64();
}

void mw_sleep_ms(unsigned ms)
{
    Sleep(ms);
}

int mw_random(void *buf, size_t len)
{
    unsigned char *p = buf;
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, p, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return -1;
        p += n;
        len -= n;
    }
    return 0;
}

void mw_wipe(void *p, size_t len)
{
    if (p != NULL && len > 0)
        SecureZeroMemory(p, len);
}

static mw_once winsock_once = MW_ONCE_INITIALIZER;
static int winsock_error;

static void start_winsock(void)
{
    WSADATA data;
    winsock_error = WSAStartup(MAKEWORD(2, 2), &data);
}

uint32_t mw_sys_startup(void)
{
    mw_run_once(&winsock_once, start_winsock);
    return winsock_error == 0 ? 0 : ST_ERROR_NETWORK;
}

void mw_utc_time_of_day(int *hour, int *minute, int *second, int *millisecond)
{
    SYSTEMTIME st;
    GetSystemTime(&st);
    *hour = st.wHour;
    *minute = st.wMinute;
    *second = st.wSecond;
    *millisecond = st.wMilliseconds;
}
