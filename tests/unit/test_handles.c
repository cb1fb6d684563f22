/* test_handles.c - the handle table: generations, protocols, owners,
 * busy handles, and the public entry points' handle checks. */
#include <mailwire.h>
#include <pthread.h>
#include <stdint.h>
#include <wchar.h>

#include "api/handles.h"
#include "../common/check_main.h"
#include "sys/alloc.h"

static mw_session *new_session(mw_proto p)
{
    mw_session *s = mw_session_new(p);
    ck_assert_ptr_nonnull(s);
    atomic_store(&s->owner, mw_thread_id());
    ck_assert_uint_eq(mw_handles_add(s), 0);
    ck_assert_ptr_nonnull(s->handle);
    ck_assert(s->handle != INVALID_CLIENT);
    return s;
}

static void drop(mw_session *s)
{
    mw_session *t;
    ck_assert_uint_eq(mw_handle_take(s->handle, s->proto, &t), 0);
    ck_assert_ptr_eq(t, s);
    mw_session_free(&t);
}

START_TEST(acquire_and_release)
{
    mw_session *s = new_session(MW_PROTO_IMAP), *got;
    ck_assert_uint_eq(mw_handle_acquire(s->handle, MW_PROTO_IMAP, &got), 0);
    ck_assert_ptr_eq(got, s);
    /* a second call while the first is in progress */
    ck_assert_uint_eq(mw_handle_acquire(s->handle, MW_PROTO_IMAP, &got), ST_ERROR_HANDLE_BUSY);
    mw_handle_release(s);
    ck_assert_uint_eq(mw_handle_acquire(s->handle, MW_PROTO_IMAP, &got), 0);
    mw_handle_release(s);
    drop(s);
}
END_TEST

START_TEST(wrong_protocol_and_garbage)
{
    mw_session *s = new_session(MW_PROTO_IMAP), *got;
    ck_assert_uint_eq(mw_handle_acquire(s->handle, MW_PROTO_POP, &got), ST_ERROR_INVALID_HANDLE);
    ck_assert_uint_eq(mw_handle_acquire(NULL, MW_PROTO_IMAP, &got), ST_ERROR_INVALID_HANDLE);
    ck_assert_uint_eq(mw_handle_acquire(INVALID_CLIENT, MW_PROTO_IMAP, &got), ST_ERROR_INVALID_HANDLE);
    ck_assert_uint_eq(mw_handle_acquire((HCLIENT)(uintptr_t)0xdeadbeef, MW_PROTO_IMAP, &got),
                      ST_ERROR_INVALID_HANDLE);
    ck_assert_uint_eq(mw_handle_acquire((HCLIENT)(uintptr_t)1, MW_PROTO_IMAP, &got),
                      ST_ERROR_INVALID_HANDLE);
    drop(s);
}
END_TEST

START_TEST(stale_handle_after_reuse)
{
    /* Free a slot and fill every slot again: the old handle must stay
     * invalid even though its slot now holds a newer session. */
    mw_session *first = new_session(MW_PROTO_IMAP), *got;
    HCLIENT old = first->handle;
    drop(first);
    ck_assert_uint_eq(mw_handle_acquire(old, MW_PROTO_IMAP, &got), ST_ERROR_INVALID_HANDLE);
    static mw_session *all[MW_HANDLE_SLOTS];
    int n = 0;
    for (; n < MW_HANDLE_SLOTS; n++) {
        all[n] = mw_session_new(MW_PROTO_IMAP);
        if (mw_handles_add(all[n]) != 0) {
            mw_session_free(&all[n]);
            break;
        }
    }
    ck_assert_int_eq(n, MW_HANDLE_SLOTS); /* every slot usable */
    mw_session *extra = mw_session_new(MW_PROTO_IMAP);
    ck_assert_uint_eq(mw_handles_add(extra), ST_ERROR_OUT_OF_MEMORY); /* table full */
    mw_session_free(&extra);
    ck_assert_uint_eq(mw_handle_acquire(old, MW_PROTO_IMAP, &got), ST_ERROR_INVALID_HANDLE);
    size_t taken = 0;
    mw_session **back = mw_handles_take_all(MW_PROTO_IMAP, &taken);
    ck_assert_uint_eq(taken, MW_HANDLE_SLOTS);
    for (size_t i = 0; i < taken; i++)
        mw_session_free(&back[i]);
    mw_free(back);
}
END_TEST

static void *try_acquire(void *arg)
{
    mw_session *s = arg, *got;
    return (void *)(uintptr_t)mw_handle_acquire(s->handle, s->proto, &got);
}

START_TEST(owner_thread)
{
    mw_session *s = new_session(MW_PROTO_POP);
    pthread_t t;
    void *r;
    pthread_create(&t, NULL, try_acquire, s);
    pthread_join(t, &r);
    ck_assert_uint_eq((uintptr_t)r, ST_ERROR_NOT_HANDLE_OWNER);
    s->options |= POP_OPTION_FREETHREAD;
    pthread_create(&t, NULL, try_acquire, s);
    pthread_join(t, &r);
    ck_assert_uint_eq((uintptr_t)r, 0);
    mw_handle_release(s);
    drop(s);
}
END_TEST

START_TEST(in_progress)
{
    mw_session *s = new_session(MW_PROTO_IMAP), *got;
    atomic_store(&s->connecting, 1);
    ck_assert_uint_eq(mw_handle_acquire(s->handle, MW_PROTO_IMAP, &got), ST_ERROR_IN_PROGRESS);
    atomic_store(&s->connecting, 0);
    drop(s);
}
END_TEST

START_TEST(public_entry_points)
{
    /* Before Initialize, everything says so. */
    ck_assert(ImapConnectA("127.0.0.1", 1, 1, 0, NULL) == INVALID_CLIENT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_INITIALIZED);
    ck_assert_int_eq(ImapGetResultCode((HCLIENT)(uintptr_t)5), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_INITIALIZED);
    ck_assert(ImapInitializeA(NULL, NULL));
    ck_assert(PopInitializeA("ignored key", NULL));
    ck_assert_int_eq(ImapDisconnect(NULL), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_HANDLE);
    ck_assert_int_eq(PopLoginA(INVALID_CLIENT, 0, "u", "p"), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_INVALID_HANDLE);
    ck_assert_uint_eq(ImapAttachThread((HCLIENT)(uintptr_t)0x1234, 0), (DWORD)IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_HANDLE);
    ck_assert_int_eq(ImapCancel(NULL), IMAP_ERROR);
    ck_assert(!ImapIsConnected(NULL));
    /* Unknown option bits, and options that contradict each other. */
    ck_assert(ImapConnectA("127.0.0.1", 1, 1, 0x80000000u, NULL) == INVALID_CLIENT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert(PopConnectA("127.0.0.1", 1, 1, IMAP_OPTION_IDENTIFY, NULL) == INVALID_CLIENT);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert(ImapConnectA("127.0.0.1", 1, 1,
                           IMAP_OPTION_SECURE_EXPLICIT | IMAP_OPTION_SECURE_IMPLICIT,
                           NULL) == INVALID_CLIENT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert(ImapConnectA(NULL, 0, 1, 0, NULL) == INVALID_CLIENT);
    ck_assert(ImapConnectA("host:1", 143, 1, 0, NULL) == INVALID_CLIENT); /* two ports */
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    SECURITYCREDENTIALSA bad = {0};
    ck_assert(ImapConnectA("127.0.0.1", 1, 1, 0, &bad) == INVALID_CLIENT); /* dwSize 0 */
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ImapUninitialize();
    PopUninitialize();
    ck_assert(ImapConnectA("127.0.0.1", 1, 1, 0, NULL) == INVALID_CLIENT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_INITIALIZED);
}
END_TEST

START_TEST(init_is_reference_counted)
{
    ck_assert(ImapInitializeA(NULL, NULL));
    ck_assert(ImapInitializeW(NULL, NULL));
    ImapUninitialize();
    ck_assert(ImapConnectA("bad host", 0, 1, 0, NULL) == INVALID_CLIENT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER); /* still initialized */
    ImapUninitialize();
    ImapUninitialize(); /* extra calls are harmless */
    ck_assert(ImapConnectA("bad host", 0, 1, 0, NULL) == INVALID_CLIENT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_INITIALIZED);
}
END_TEST

START_TEST(credentials_helpers)
{
    LPSECURITYCREDENTIALSA c = NULL;
    ck_assert(ImapCreateSecurityCredentialsA(SECURITY_PROTOCOL_TLS12, 0, NULL, NULL, "pw",
                                             "/ca.pem", "name.test", NULL, &c));
    ck_assert_uint_eq(c->dwSize, sizeof *c);
    ck_assert_str_eq(c->lpszCAFile, "/ca.pem");
    ck_assert_str_eq(c->lpszServerName, "name.test");
    ck_assert_ptr_null(c->lpszCertFile);
    ImapDeleteSecurityCredentialsA(c);
    ImapDeleteSecurityCredentialsA(NULL);
    ck_assert(!ImapCreateSecurityCredentialsA(0x100, 0, NULL, NULL, NULL, NULL, NULL, NULL, &c));
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    LPSECURITYCREDENTIALSW w = NULL;
    ck_assert(PopCreateSecurityCredentialsW(0, 0, NULL, NULL, NULL, L"/ca.pem", NULL,
                                            L"socks5://127.0.0.1:1", &w));
    ck_assert(wcscmp(w->lpszProxy, L"socks5://127.0.0.1:1") == 0);
    PopDeleteSecurityCredentialsW(w);
}
END_TEST

static Suite *handles_suite(void)
{
    Suite *s = suite_create("handles");
    TCase *tc = tcase_create("core");
    /* filling every handle slot opens thousands of wakers: slow under
     * ThreadSanitizer on a busy machine, not a hang */
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, acquire_and_release);
    tcase_add_test(tc, wrong_protocol_and_garbage);
    tcase_add_test(tc, stale_handle_after_reuse);
    tcase_add_test(tc, owner_thread);
    tcase_add_test(tc, in_progress);
    tcase_add_test(tc, public_entry_points);
    tcase_add_test(tc, init_is_reference_counted);
    tcase_add_test(tc, credentials_helpers);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(handles_suite)
