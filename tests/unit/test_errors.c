/* test_errors.c - every error value has a name and a description, values
 * are stable, and the last-error slot is per thread. */
#include <mailwire.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "api/errors.h"
#include "../common/check_main.h"

#define LIST_ERROR(name, number, text) name,
static const DWORD all_errors[] = {MAILWIRE_ERROR_TABLE(LIST_ERROR)};
#define COUNT (sizeof all_errors / sizeof all_errors[0])

START_TEST(every_error_described)
{
    for (size_t i = 0; i < COUNT; i++) {
        const char *text = mw_error_text(all_errors[i]);
        ck_assert_ptr_nonnull(text);
        ck_assert(strlen(text) > 10);
        ck_assert_ptr_nonnull(mw_error_name(all_errors[i]));
        char buf[256];
        ck_assert_int_eq(ImapGetErrorStringA(all_errors[i], buf, sizeof buf), (int)strlen(text));
        ck_assert_str_eq(buf, text);
        for (size_t j = 0; j < i; j++)
            ck_assert_uint_ne(all_errors[i], all_errors[j]);
    }
    ck_assert_ptr_null(mw_error_text(12345));
}
END_TEST

START_TEST(stable_values)
{
    /* Released values never change: applications store and compare them. */
    ck_assert_uint_eq(ST_ERROR_INVALID_PARAMETER, 0x20000001);
    ck_assert_uint_eq(ST_ERROR_TIMEOUT, 0x20000009);
    ck_assert_uint_eq(ST_ERROR_AUTH_FAILED, 0x20000011);
    ck_assert_uint_eq(ST_ERROR_NO_MORE_MESSAGES, 0x20000020);
    ck_assert_str_eq(mw_error_name(ST_ERROR_TIMEOUT), "ST_ERROR_TIMEOUT");
}
END_TEST

START_TEST(error_string_api)
{
    char small[4];
    ImapSetLastError(0);
    ck_assert_int_eq(ImapGetErrorStringA(ST_ERROR_TIMEOUT, small, sizeof small), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(PopGetErrorStringA(ST_ERROR_TIMEOUT, NULL, 0),
                     (int)strlen("The operation timed out"));
    ck_assert_int_eq(ImapGetErrorStringA(0x12345678, small, sizeof small), IMAP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_INVALID_PARAMETER);
    wchar_t wide[64];
    ck_assert_int_eq(ImapGetErrorStringW(ST_ERROR_TIMEOUT, wide, 64), 23);
    ck_assert(wcscmp(wide, L"The operation timed out") == 0);
}
END_TEST

static void *other_thread(void *arg)
{
    (void)arg;
    ImapSetLastError(ST_ERROR_TIMEOUT);
    return (void *)(uintptr_t)ImapGetLastError();
}

START_TEST(slot_is_per_thread)
{
    pthread_t t;
    void *seen;
    ImapSetLastError(ST_ERROR_CANCELLED);
    pthread_create(&t, NULL, other_thread, NULL);
    pthread_join(t, &seen);
    ck_assert_uint_eq((uintptr_t)seen, ST_ERROR_TIMEOUT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_CANCELLED);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_CANCELLED); /* one slot */
}
END_TEST

static Suite *errors_suite(void)
{
    Suite *s = suite_create("errors");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, every_error_described);
    tcase_add_test(tc, stable_values);
    tcase_add_test(tc, error_string_api);
    tcase_add_test(tc, slot_is_per_thread);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(errors_suite)
