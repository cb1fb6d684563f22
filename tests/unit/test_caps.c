/* test_caps.c - capability lists. */
#include <stdio.h>
#include <string.h>

#include "../common/check_main.h"
#include "proto/caps.h"
#include <mailwire/errors.h>

START_TEST(imap_list)
{
    mw_caps c;
    mw_caps_init(&c);
    const char *list = "IMAP4rev1 SASL-IR  AUTH=PLAIN auth=scram-sha-256 STARTTLS";
    ck_assert_uint_eq(mw_caps_add_words(&c, list, strlen(list)), 0);
    ck_assert(c.known);
    ck_assert(mw_caps_has(&c, "imap4rev1"));
    ck_assert(mw_caps_has(&c, "AUTH=SCRAM-SHA-256"));
    ck_assert(mw_caps_has(&c, "starttls"));
    ck_assert(!mw_caps_has(&c, "AUTH"));
    ck_assert(!mw_caps_has(&c, "STARTTL"));
    ck_assert(!mw_caps_has(&c, ""));
    ck_assert_str_eq(mw_caps_text(&c), "IMAP4REV1 SASL-IR AUTH=PLAIN AUTH=SCRAM-SHA-256 STARTTLS");
    unsigned gen = c.generation;
    mw_caps_clear(&c);
    ck_assert(!c.known);
    ck_assert_uint_eq(c.generation, gen + 1);
    ck_assert(!mw_caps_has(&c, "STARTTLS"));
    ck_assert_str_eq(mw_caps_text(&c), "");
    mw_caps_free(&c);
}
END_TEST

START_TEST(pop_sasl_prefix)
{
    mw_caps c;
    mw_caps_init(&c);
    ck_assert_uint_eq(mw_caps_add_words(&c, "SASL", 4), 0);
    ck_assert_uint_eq(mw_caps_add_prefixed(&c, "SASL=", "PLAIN CRAM-MD5", 14), 0);
    ck_assert(mw_caps_has(&c, "SASL=CRAM-MD5"));
    ck_assert(mw_caps_has(&c, "SASL"));
    ck_assert(!mw_caps_has(&c, "CRAM-MD5"));
    mw_caps_free(&c);
}
END_TEST

START_TEST(duplicates_and_limits)
{
    mw_caps c;
    mw_caps_init(&c);
    ck_assert_uint_eq(mw_caps_add_words(&c, "A A a", 5), 0);
    ck_assert_str_eq(mw_caps_text(&c), "A");
    /* A flood of distinct words hits the list's limit, not memory. */
    char word[16];
    DWORD err = 0;
    for (int i = 0; i < 100000 && err == 0; i++) {
        int n = snprintf(word, sizeof word, "X%d", i);
        err = mw_caps_add_words(&c, word, (size_t)n);
    }
    ck_assert_uint_eq(err, ST_ERROR_RESPONSE_TOO_LARGE);
    mw_caps_free(&c);
}
END_TEST

static Suite *caps_suite(void)
{
    Suite *s = suite_create("caps");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, imap_list);
    tcase_add_test(tc, pop_sasl_prefix);
    tcase_add_test(tc, duplicates_and_limits);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(caps_suite)
