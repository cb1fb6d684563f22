/* test_msgset.c - message sets: parsed, compacted, cut into commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check_main.h"
#include "imap/msgset.h"
#include <mailwire/errors.h>

/* text, parsed and written back in one piece */
static void assert_compacts(const char *text, const char *want)
{
    mw_msgset set;
    char out[256];
    size_t next = 0;
    ck_assert_uint_eq(mw_msgset_parse(&set, text), 0);
    mw_msgset_format(&set, &next, out, sizeof out);
    ck_assert_uint_eq(next, set.n);
    ck_assert_str_eq(out, want);
    ck_assert(mw_msgset_valid(text));
    mw_msgset_free(&set);
}

START_TEST(sets_compact)
{
    assert_compacts("1:*", "1:*");
    assert_compacts("*", "*");
    assert_compacts("*:4", "4:*");
    assert_compacts("4,7:9", "4,7:9");
    assert_compacts("3,1,2,9:7", "1:3,7:9");
    assert_compacts("1:5,5:10,12", "1:10,12");
    assert_compacts("1:5,6", "1:6");         /* adjacent ranges join */
    assert_compacts("2,2,2", "2");           /* duplicates go */
    assert_compacts("5,1:*", "1:*");         /* a range to * covers all above it */
    assert_compacts("4294967295,1", "1,4294967295");
    assert_compacts("4294967294:4294967295,*", "4294967294:*");
}
END_TEST

START_TEST(bad_sets_refused)
{
    static const char *bad[] = {"",      "0",      "1:0",   "05",  "1,",  ",1",   "1::2",
                                "1:2:3", "4294967296", "a",  "1 2", "1;2", "-1",   "1:*x",
                                "**",    "1,,2",   ":",     "1:",  "99999999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mw_msgset set;
        ck_assert_msg(!mw_msgset_valid(bad[i]), "%s taken", bad[i]);
        ck_assert_uint_eq(mw_msgset_parse(&set, bad[i]), ST_ERROR_INVALID_PARAMETER);
        ck_assert_ptr_null(set.r);
    }
}
END_TEST

/* 100,000 scattered UIDs: every chunk under the cap, nothing lost,
 * nothing twice, the order kept. */
START_TEST(long_set_is_cut_below_the_cap)
{
    size_t cap = 200000 * 12;
    char *text = malloc(cap);
    size_t len = 0;
    for (unsigned i = 100000; i >= 1; i--) /* backwards: parsing sorts */
        len += (size_t)sprintf(text + len, "%s%u", len ? "," : "", i * 2 + 1);
    mw_msgset set;
    ck_assert_uint_eq(mw_msgset_parse(&set, text), 0);
    ck_assert_uint_eq(set.n, 100000);
    char chunk[MW_MSGSET_CHUNK_MAX];
    unsigned expect = 3, chunks = 0;
    for (size_t next = 0; next < set.n; chunks++) {
        size_t before = next;
        mw_msgset_format(&set, &next, chunk, sizeof chunk);
        ck_assert_uint_gt(next, before);
        ck_assert_uint_lt(strlen(chunk), MW_MSGSET_CHUNK_MAX);
        if (next < set.n) /* filled, not cut short */
            ck_assert_uint_gt(strlen(chunk), MW_MSGSET_CHUNK_MAX - 12);
        for (char *p = chunk; *p;) {
            char *end;
            unsigned long v = strtoul(p, &end, 10);
            ck_assert_uint_eq(v, expect);
            expect += 2;
            p = *end == ',' ? end + 1 : end;
        }
    }
    ck_assert_uint_eq(expect, 200003);
    ck_assert_uint_gt(chunks, 80);
    mw_msgset_free(&set);
    free(text);
}
END_TEST

static Suite *msgset_suite(void)
{
    Suite *s = suite_create("msgset");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, sets_compact);
    tcase_add_test(tc, bad_sets_refused);
    tcase_add_test(tc, long_set_is_cut_below_the_cap);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(msgset_suite)
