/* test_bodystructure.c - BODYSTRUCTURE parsing, limits and round trips. */
#include <stdio.h>
#include <string.h>

#include "../common/check_main.h"
#include "imap/bodystructure.h"
#include "imap/imap.h"

static DWORD parse(const char *text, mw_bs_node **root)
{
    return mw_bs_parse_text((mw_imap_text){text, strlen(text)}, root);
}

static const char *const good[] = {
    /* Dovecot's answer for the sample multipart/mixed message */
    "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"8bit\" 20 1 NIL NIL NIL NIL)"
    "(\"application\" \"octet-stream\" (\"name\" \"data.bin\") NIL NIL \"base64\" 18 NIL "
    "(\"attachment\" (\"filename\" \"data.bin\")) NIL NIL) \"mixed\" (\"boundary\" \"b1\") NIL NIL NIL)",
    /* one part, no extensions */
    "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)",
    /* nested multipart inside multipart, with literals */
    "(((\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1)(\"text\" \"html\" NIL NIL NIL \"7bit\" 20 1) \"alternative\")"
    "(\"image\" \"png\" NIL \"<id@x>\" {4}\r\ndesc \"base64\" 100) \"mixed\")",
    /* message/rfc822 with an envelope and a body inside */
    "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 500 (\"date\" \"subj\" NIL NIL NIL NIL NIL NIL NIL NIL) "
    "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 100 5) 12 NIL (\"inline\" NIL))",
    /* multiparts without parts, with and without parameters */
    "(\"\")",
    "(\"MIXED\" (\"BOUNDARY\" \"x\") NIL NIL)",
};

START_TEST(parses_and_round_trips)
{
    mw_bs_node *a = NULL, *b = NULL;
    ck_assert_uint_eq(parse(good[_i], &a), 0);
    mw_buf out;
    mw_buf_init(&out, 0);
    ck_assert_uint_eq(mw_bs_write(a, &out), 0);
    ck_assert_msg(parse((char *)out.p, &b) == 0, "re-parse of %s", (char *)out.p);
    ck_assert(mw_bs_equal(a, b));
    mw_buf_free(&out);
    mw_bs_free(&a);
    mw_bs_free(&b);
    ck_assert_ptr_null(a);
}
END_TEST

START_TEST(fields)
{
    mw_bs_node *r = NULL;
    ck_assert_uint_eq(parse(good[0], &r), 0);
    ck_assert(r->multipart);
    ck_assert_str_eq(r->subtype, "mixed");
    ck_assert_uint_eq(r->nchildren, 2);
    mw_bs_node *a = r->children[1];
    ck_assert_str_eq(a->type, "application");
    ck_assert_str_eq(a->encoding, "base64");
    ck_assert_uint_eq(a->size, 18);
    ck_assert_str_eq(a->disposition, "attachment");
    ck_assert_str_eq(mw_bs_param_of(a->dparams, a->ndparams, "FILENAME"), "data.bin");
    ck_assert_str_eq(mw_bs_param_of(r->children[0]->params, r->children[0]->nparams, "charset"), "utf-8");
    ck_assert_uint_eq(r->children[0]->lines, 1);
    mw_bs_free(&r);
    ck_assert_uint_eq(parse(good[1], &r), 0); /* Cyrus' upper case, lowered */
    ck_assert_str_eq(r->type, "text");
    ck_assert_str_eq(r->encoding, "7bit");
    mw_bs_free(&r);
    ck_assert_uint_eq(parse("(\"TEXT\" \"PLAIN\" NIL NIL NIL \"8BIT\" 3 1 NIL (\"ATTACHMENT\" NIL) NIL NIL)", &r), 0);
    ck_assert_str_eq(r->encoding, "8bit");
    ck_assert_str_eq(r->disposition, "attachment");
    mw_bs_free(&r);
    ck_assert_uint_eq(parse(good[2], &r), 0);
    ck_assert_str_eq(r->children[1]->desc, "desc");
    ck_assert_uint_eq(r->children[0]->nchildren, 2);
    mw_bs_free(&r);
    ck_assert_uint_eq(parse(good[3], &r), 0);
    ck_assert_uint_eq(r->nchildren, 1);
    ck_assert_uint_eq(r->lines, 12);
    ck_assert_str_eq(r->children[0]->subtype, "plain");
    mw_bs_free(&r);
}
END_TEST

START_TEST(malformed_and_bombs)
{
    const char *bad[] = {"", "(", "()", "(\"text\" \"plain\" NIL NIL NIL \"7bit\" x 1)",
                         "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 99999999999 1)",
                         "(\"text\" \"plain\" (\"a\") NIL NIL \"7bit\" 1 1)", "((\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1))",
                         "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1", "(\"text\" \"plain\" NIL NIL NIL \"7bit\" -2 1)"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mw_bs_node *r = NULL;
        ck_assert_msg(parse(bad[i], &r) != 0, "accepted %s", bad[i]);
        ck_assert_ptr_null(r);
    }
    /* deep nesting: a clean error, not a stack overflow */
    static char deep[20000];
    memset(deep, '(', 10000);
    mw_bs_node *r = NULL;
    ck_assert_uint_eq(parse(deep, &r), ST_ERROR_RESPONSE_TOO_LARGE);
    /* too many parameters */
    static char params[8000];
    size_t n = (size_t)sprintf(params, "(\"text\" \"plain\" (");
    for (int i = 0; i < 100; i++)
        n += (size_t)sprintf(params + n, "\"k%d\" \"v\" ", i);
    strcpy(params + n, ") NIL NIL \"7bit\" 1 1)");
    ck_assert_uint_eq(parse(params, &r), ST_ERROR_RESPONSE_TOO_LARGE);
}
END_TEST

/* What real servers send and a strict reading refuses: the best
 * meaningful structure, as MailKit and Thunderbird read it. */
START_TEST(liberal)
{
    static const struct {
        const char *text, *type, *subtype, *disposition;
        DWORD size, lines;
        size_t children, params;
    } cases[] = {
        /* upper case (Cyrus), size -1, lines NIL */
        {"(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" -1 NIL)", "text", "plain", NULL, 0, 0, 0, 1},
        /* NIL where the type belongs, lines left out, lower-case nil */
        {"(NIL nil nil nil nil \"7bit\" 5)", "text", "plain", NULL, 5, 0, 0, 0},
        /* a multipart without parts */
        {"(\"MIXED\" (\"BOUNDARY\" \"x\") NIL NIL)", "multipart", "mixed", NULL, 0, 0, 0, 1},
        {"(\"text\")", "multipart", "text", NULL, 0, 0, 0, 0},
        /* a multipart whose subtype is NIL */
        {"((\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1) NIL)", "multipart", "mixed", NULL, 0, 0, 1, 0},
        /* a disposition as a bare string; NIL in parameter pairs */
        {"(\"application\" \"pdf\" (\"name\" NIL NIL \"v\" \"a\" \"b\") NIL NIL \"base64\" 10 NIL \"attachment\" NIL)",
         "application", "pdf", "attachment", 10, 0, 0, 1},
        /* extension fields past the known ones */
        {"(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 2 NIL NIL NIL NIL \"extra\" (1 (2)))", "text", "plain", NULL, 1, 2, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mw_bs_node *r = NULL;
        ck_assert_msg(parse(cases[i].text, &r) == 0, "refused %s", cases[i].text);
        ck_assert_str_eq(r->type, cases[i].type);
        ck_assert_str_eq(r->subtype, cases[i].subtype);
        if (cases[i].disposition != NULL)
            ck_assert_str_eq(r->disposition, cases[i].disposition);
        ck_assert_uint_eq(r->size, cases[i].size);
        ck_assert_uint_eq(r->lines, cases[i].lines);
        ck_assert_uint_eq(r->nchildren, cases[i].children);
        ck_assert_uint_eq(r->nparams, cases[i].params);
        mw_bs_free(&r);
    }
}
END_TEST

static Suite *bs_suite(void)
{
    Suite *s = suite_create("bodystructure");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, parses_and_round_trips, 0, (int)(sizeof good / sizeof good[0]));
    tcase_add_test(tc, fields);
    tcase_add_test(tc, malformed_and_bombs);
    tcase_add_test(tc, liberal);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(bs_suite)
