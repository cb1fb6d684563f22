/* test_text.c - UTF-8 <-> wchar_t and copying results to callers. */
#include <string.h>
#include <wchar.h>

#include "api/errors.h"
#include "api/text.h"
#include "../common/check_main.h"

START_TEST(round_trip)
{
    const wchar_t *w = L"Gr\u00fc\u00dfe \u65e5\u672c \U0001F600";
    char *u = NULL;
    ck_assert_uint_eq(mw_utf8_from_wide(w, &u), 0);
    ck_assert_str_eq(u, "Gr\xc3\xbc\xc3\x9f" "e \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80");
    wchar_t back[32];
    mw_out o = {1, back, 32};
    ck_assert_int_eq(mw_out_put(&o, u, strlen(u)), (int)wcslen(w));
    ck_assert(wcscmp(back, w) == 0);
    mw_text_free(&u, 1);
    ck_assert_ptr_null(u);
    ck_assert_uint_eq(mw_utf8_from_wide(NULL, &u), 0);
    ck_assert_ptr_null(u);
}
END_TEST

START_TEST(malformed_utf8_becomes_replacement)
{
    const char bad[] = "a\xff" "b\xc3";
    wchar_t out[8];
    mw_out o = {1, out, 8};
    ck_assert_int_eq(mw_out_put(&o, bad, strlen(bad)), 4);
    ck_assert(out[1] == 0xFFFD && out[3] == 0xFFFD);
    const char overlong[] = "\xc0\xaf";
    ck_assert_int_eq(mw_out_put(&o, overlong, 2), 2);
    ck_assert(out[0] == 0xFFFD);
}
END_TEST

START_TEST(buffer_rules)
{
    char buf[6];
    mw_out need = {0, NULL, 0};
    ck_assert_int_eq(mw_out_put(&need, "hello", 5), 5);
    mw_out o = {0, buf, 6};
    ck_assert_int_eq(mw_out_put(&o, "hello", 5), 5);
    ck_assert_str_eq(buf, "hello");
    mw_set_error(0);
    mw_out small = {0, buf, 5};
    ck_assert_int_eq(mw_out_put(&small, "hello", 5), -1);
    ck_assert_uint_eq(mw_get_error(), ST_ERROR_BUFFER_TOO_SMALL);
    ck_assert_str_eq(buf, "");
    mw_out bad = {0, NULL, 5};
    ck_assert_int_eq(mw_out_put(&bad, "x", 1), -1);
    ck_assert_uint_eq(mw_get_error(), ST_ERROR_INVALID_PARAMETER);
}
END_TEST

START_TEST(fixed_wide_truncates_on_characters)
{
    wchar_t out[4];
    mw_wide_from_utf8_fixed("ab\xc3\xa4zz", out, 4);
    ck_assert(wcscmp(out, L"ab\u00e4") == 0);
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, round_trip);
    tcase_add_test(tc, malformed_utf8_becomes_replacement);
    tcase_add_test(tc, buffer_rules);
    tcase_add_test(tc, fixed_wide_truncates_on_characters);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(text_suite)
