/*
 * test_parse_header.c - ImapParseHeaderValue / PopParseHeaderValue: one
 * field out of a header block the caller holds, unfolded and decoded,
 * with the buffer rules of every text-returning call.
 */
#include <check.h>
#include <mailwire.h>
#include <string.h>
#include <wchar.h>

#include "../common/check_main.h"

static const char block[] = "Received: from a\r\n\tby b\r\n"
                            "From: =?UTF-8?Q?J=C3=B6rg?= <j@example.test>\r\n"
                            "subject: Gr=?ISO-8859-1?Q?=FC?=\r\n"
                            "Subject: =?UTF-8?B?R3LDvMOfZQ==?= aus\r\n"
                            " M=?UTF-8?Q?=C3=BC?=nchen\r\n"
                            "X-Empty:\r\n"
                            "\r\n"
                            "Body-Line: not a header\r\n";

START_TEST(finds_unfolds_decodes)
{
    char v[128];
    ck_assert_int_eq(ImapParseHeaderValueA(block, sizeof block - 1, "FROM", v, sizeof v),
                     (int)strlen("J\xc3\xb6rg <j@example.test>"));
    ck_assert_str_eq(v, "J\xc3\xb6rg <j@example.test>");
    /* the first field of that name, ignoring case */
    ck_assert_int_ge(ImapParseHeaderValueA(block, sizeof block - 1, "Subject", v, sizeof v), 0);
    ck_assert_str_eq(v, "Gr\xc3\xbc"); /* words inside text are decoded too, as mail readers do */
    ck_assert_int_ge(PopParseHeaderValueA(block, sizeof block - 1, "received", v, sizeof v), 0);
    ck_assert_str_eq(v, "from a by b");
    ck_assert_int_eq(ImapParseHeaderValueA(block, sizeof block - 1, "X-Empty", v, sizeof v), 0);
    ck_assert_str_eq(v, "");
}
END_TEST

START_TEST(missing_fields_and_bad_names)
{
    char v[64];
    ck_assert_int_eq(ImapParseHeaderValueA(block, sizeof block - 1, "Body-Line", v, sizeof v), -1);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER); /* the body is not searched */
    ck_assert_int_eq(ImapParseHeaderValueA(block, sizeof block - 1, "From:", v, sizeof v), -1);
    ck_assert_int_eq(ImapParseHeaderValueA(block, sizeof block - 1, "", v, sizeof v), -1);
    ck_assert_int_eq(ImapParseHeaderValueA(NULL, 10, "From", v, sizeof v), -1);
    ck_assert_int_eq(ImapParseHeaderValueA(block, sizeof block - 1, NULL, v, sizeof v), -1);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    /* a block cut short: only the bytes given are read */
    ck_assert_int_eq(ImapParseHeaderValueA(block, 10, "From", v, sizeof v), -1);
}
END_TEST

START_TEST(buffer_rules_and_wide)
{
    char small[4];
    INT need = ImapParseHeaderValueA(block, sizeof block - 1, "From", NULL, 0);
    ck_assert_int_eq(need, (int)strlen("J\xc3\xb6rg <j@example.test>"));
    ck_assert_int_eq(ImapParseHeaderValueA(block, sizeof block - 1, "From", small, sizeof small), -1);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_BUFFER_TOO_SMALL);
    wchar_t w[64];
    ck_assert_int_eq(ImapParseHeaderValueW(block, sizeof block - 1, L"from", w, 64),
                     (int)wcslen(L"J\u00f6rg <j@example.test>"));
    ck_assert(wcscmp(w, L"J\u00f6rg <j@example.test>") == 0);
    ck_assert_int_ge(PopParseHeaderValueW(block, sizeof block - 1, L"X-Empty", w, 64), 0);
}
END_TEST

static Suite *parse_header_suite(void)
{
    Suite *s = suite_create("parse_header");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, finds_unfolds_decodes);
    tcase_add_test(tc, missing_fields_and_bad_names);
    tcase_add_test(tc, buffer_rules_and_wide);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(parse_header_suite)
