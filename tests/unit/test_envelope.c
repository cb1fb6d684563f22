/* test_envelope.c - ENVELOPE parsing (groups, NILs, encoded words) and
 * RFC 5322 dates as real mail writes them. */
#include <string.h>

#include "../common/check_main.h"
#include <mailwire/errors.h>

#include "imap/envelope.h"
#include "mime/date.h"

#define ENV(s) mw_envelope_parse_text(s, sizeof(s) - 1, &e)

START_TEST(full_envelope)
{
    mw_envelope e;
    ck_assert_uint_eq(ENV("(\"Tue, 14 Nov 2023 10:00:00 +0000\" \"=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\" "
                          "((\"=?ISO-8859-1?Q?J=FCrgen?=\" NIL \"j\" \"example.test\")) "
                          "((\"J\" NIL \"j\" \"example.test\")) NIL "
                          "((NIL NIL \"a\" \"x.test\")(\"B\" NIL \"b\" \"y.test\")) NIL NIL "
                          "\"<parent@x>\" \"<id@x>\")"),
                      0);
    ck_assert_str_eq(e.date, "Tue, 14 Nov 2023 10:00:00 +0000");
    ck_assert_str_eq(e.subject, "Gr\xc3\xbc\xc3\x9f" "e");
    ck_assert_uint_eq(e.counts[MW_ENV_FROM], 1);
    ck_assert_str_eq(e.lists[MW_ENV_FROM][0].name, "J\xc3\xbcrgen");
    ck_assert_str_eq(e.lists[MW_ENV_FROM][0].mailbox, "j");
    ck_assert_str_eq(e.lists[MW_ENV_FROM][0].host, "example.test");
    ck_assert_uint_eq(e.counts[MW_ENV_REPLY_TO], 0);
    ck_assert_uint_eq(e.counts[MW_ENV_TO], 2);
    ck_assert_ptr_null(e.lists[MW_ENV_TO][0].name);
    ck_assert_str_eq(e.lists[MW_ENV_TO][1].host, "y.test");
    ck_assert_str_eq(e.in_reply_to, "<parent@x>");
    ck_assert_str_eq(e.message_id, "<id@x>");
    mw_envelope_free(&e);
}
END_TEST

START_TEST(groups)
{
    mw_envelope e;
    /* To: Team: a@x, b@y;, c@z */
    ck_assert_uint_eq(ENV("(NIL NIL NIL NIL NIL ((NIL NIL \"Team\" NIL)(NIL NIL \"a\" \"x\")(NIL NIL \"b\" \"y\")"
                          "(NIL NIL NIL NIL)(NIL NIL \"c\" \"z\")) NIL NIL NIL NIL)"),
                      0);
    ck_assert_uint_eq(e.counts[MW_ENV_TO], 3);
    ck_assert_str_eq(e.lists[MW_ENV_TO][0].group, "Team");
    ck_assert_str_eq(e.lists[MW_ENV_TO][1].group, "Team");
    ck_assert_ptr_null(e.lists[MW_ENV_TO][2].group);
    ck_assert_ptr_null(e.date);
    mw_envelope_free(&e);
    /* undisclosed-recipients:; - a group with nobody in it */
    ck_assert_uint_eq(ENV("(NIL NIL NIL NIL NIL ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL NIL)"), 0);
    ck_assert_uint_eq(e.counts[MW_ENV_TO], 0);
    mw_envelope_free(&e);
}
END_TEST

START_TEST(malformed)
{
    mw_envelope e;
    ck_assert_uint_eq(ENV("(NIL NIL)"), ST_ERROR_PROTOCOL_VIOLATION);
    mw_envelope_free(&e);
    ck_assert_uint_eq(ENV("(NIL NIL ((NIL NIL \"a\")) NIL NIL NIL NIL NIL NIL NIL)"), ST_ERROR_PROTOCOL_VIOLATION);
    mw_envelope_free(&e);
    ck_assert_uint_eq(ENV("(NIL (\"list\") NIL NIL NIL NIL NIL NIL NIL NIL)"), ST_ERROR_PROTOCOL_VIOLATION);
    mw_envelope_free(&e);
    ck_assert_uint_eq(ENV("\"not a list\""), ST_ERROR_PROTOCOL_VIOLATION);
    mw_envelope_free(&e);
}
END_TEST

static const char *const dates[][2] = {
    {"Tue, 14 Nov 2023 10:00:00 +0000", "2023-11-14T10:00:00Z"},
    {"Wed, 15 Nov 2023 11:30:00 +0100", "2023-11-15T10:30:00Z"},
    {"15 Nov 2023 11:30 -0530", "2023-11-15T17:00:00Z"},           /* no day name, no seconds */
    {"Thu, 1 Jan 70 00:00:00 GMT", "1970-01-01T00:00:00Z"},           /* two-digit year */
    {"Fri, 31 Dec 99 23:59:59 EST", "2000-01-01T04:59:59Z"},          /* 99 is 1999; EST is -0500 */
    {"Mon, 29 Feb 2016 12:00:00 +0000 (UTC)", "2016-02-29T12:00:00Z"}, /* comment */
    {"Sun,  3 December 2023 1:02:03 PDT", "2023-12-03T08:02:03Z"},    /* full month name */
    {"  (c) Sat, 1 Mar 2025 00:00:00 +1400", "2025-02-28T10:00:00Z"},
};

START_TEST(rfc5322_dates)
{
    int64_t t;
    char iso[21];
    ck_assert_msg(mw_date_parse(dates[_i][0], &t), "%s unread", dates[_i][0]);
    mw_date_iso(t, iso);
    ck_assert_str_eq(iso, dates[_i][1]);
}
END_TEST

START_TEST(bad_dates)
{
    int64_t t;
    const char *bad[] = {"", "yesterday", "32 Jan 2024 00:00:00 +0000", "1 Foo 2024 00:00:00",
                         "1 Jan 2024", "1 Jan 2024 24:00:00", "1 Jan 2024 10:61:00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(!mw_date_parse(bad[i], &t), "read '%s'", bad[i]);
}
END_TEST

static Suite *envelope_suite(void)
{
    Suite *s = suite_create("envelope");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, full_envelope);
    tcase_add_test(tc, groups);
    tcase_add_test(tc, malformed);
    tcase_add_loop_test(tc, rfc5322_dates, 0, (int)(sizeof dates / sizeof dates[0]));
    tcase_add_test(tc, bad_dates);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(envelope_suite)
