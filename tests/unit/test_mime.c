/* test_mime.c - header fields and RFC 2047 encoded words. */
#include <string.h>

#include "../common/check_main.h"
#include "mime/mime.h"

typedef struct {
    const char *in;
    const char *out;
} word_case;

static const word_case words[] = {
    {"plain text", "plain text"},
    {"=?UTF-8?B?R3LDvMOfZQ==?=", "Gr\xc3\xbc\xc3\x9f" "e"},
    {"=?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <j@x>", "J\xc3\xbcrgen M\xc3\xbcller <j@x>"},
    {"=?ISO-8859-1?Q?a=E9b?=", "a\xc3\xa9" "b"},
    {"=?windows-1252?Q?=80uro?=", "\xe2\x82\xac" "uro"},
    {"=?ISO-8859-15?Q?=A4?=", "\xe2\x82\xac"},
    /* blanks between adjacent encoded words vanish, others stay */
    {"=?UTF-8?Q?a?= =?UTF-8?Q?b?=", "ab"},
    {"=?UTF-8?Q?a?=\r\n =?UTF-8?Q?b?=", "ab"},
    {"x =?UTF-8?Q?a?= y", "x a y"},
    /* malformed or unknown: left as they are */
    {"=?UTF-8?X?abc?=", "=?UTF-8?X?abc?="},
    {"=?UTF-8?B?!!!?=", "=?UTF-8?B?!!!?="},
    {"=?UTF-8?Q?=ZZ?=", "=?UTF-8?Q?=ZZ?="},
    {"=?X-UNKNOWN?Q?abc?=", "=?X-UNKNOWN?Q?abc?="},
    /* charsets beyond Latin, stateful ones included */
    {"=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=", "\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88"},
    {"=?ISO-8859-8?Q?=F9=EC=E5=ED?=", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d"},
    {"=?KOI8-R?Q?=F0=D2=C9=D7=C5=D4?=", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"},
    /* a character split between two words comes out whole */
    {"=?UTF-8?Q?=E2=82?= =?UTF-8?Q?=AC?=", "\xe2\x82\xac"},
    {"=?UTF-8?Q?a?= =?ISO-8859-1?Q?=E9?=", "a\xc3\xa9"},
    {"=?UTF-8?Q?no end", "=?UTF-8?Q?no end"},
    {"=?UTF-8?Q?a b?=", "=?UTF-8?Q?a b?="},
    {"=??Q?x?=", "=??Q?x?="},
    {"=?", "=?"},
    {"", ""},
};

START_TEST(decode_words)
{
    const word_case *c = &words[_i];
    mw_buf out;
    mw_buf_init(&out, 0);
    ck_assert_uint_eq(mw_decode_words(c->in, strlen(c->in), &out), 0);
    ck_assert_msg(strcmp((char *)out.p, c->out) == 0, "\"%s\" gave \"%s\"", c->in, (char *)out.p);
    mw_buf_free(&out);
}
END_TEST

static const char header[] = "From: a@example.test\r\n"
                             "Subject: first part\r\n"
                             "  and second\r\n"
                             "\tand third  \r\n"
                             "X-Empty:\r\n"
                             "subject: duplicate\r\n"
                             "\r\n"
                             "Body-Field: not a header\r\n";

static int find(const char *name, char *value)
{
    mw_buf out;
    DWORD err;
    mw_buf_init(&out, 0);
    int found = mw_header_find(header, sizeof header - 1, name, &out, &err);
    ck_assert_uint_eq(err, 0);
    strcpy(value, found && out.p ? (char *)out.p : "");
    mw_buf_free(&out);
    return found;
}

START_TEST(header_fields)
{
    char v[128];
    ck_assert(find("SUBJECT", v));
    ck_assert_str_eq(v, "first part and second and third");
    ck_assert(find("from", v));
    ck_assert_str_eq(v, "a@example.test");
    ck_assert(find("X-Empty", v));
    ck_assert_str_eq(v, "");
    ck_assert(!find("Body-Field", v)); /* past the empty line */
    ck_assert(!find("Fro", v));
    ck_assert(!find("X", v));
}
END_TEST

START_TEST(charsets)
{
    mw_buf out;
    mw_buf_init(&out, 0);
    ck_assert_int_eq(mw_charset_to_utf8("us-ascii", (const unsigned char *)"ok", 2, &out), 0);
    ck_assert_int_eq(mw_charset_to_utf8("windows-1252", (const unsigned char *)"\x81", 1, &out), 0);
    ck_assert_str_eq((char *)out.p, "ok\xef\xbf\xbd"); /* a hole in the code page */
    ck_assert_uint_eq(mw_charset_to_utf8("x-unknown", (const unsigned char *)"a", 1, &out),
                      ST_ERROR_UNKNOWN_CHARSET);
    mw_buf_free(&out);
}
END_TEST

/* RFC 3501's example and names in German, French and Japanese. */
static const char *const utf7_pairs[][2] = {
    {"~peter/mail/\xe5\x8f\xb0\xe5\x8c\x97/\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
     "~peter/mail/&U,BTFw-/&ZeVnLIqe-"},
    {"Entw\xc3\xbc" "rfe", "Entw&APw-rfe"},
    {"\xc3\x89l\xc3\xa9ments envoy\xc3\xa9s", "&AMk-l&AOk-ments envoy&AOk-s"},
    {"A&B", "A&-B"},
    {"plain", "plain"},
    {"\xf0\x9f\x98\x80", "&2D3eAA-"},
    {"", ""},
};

START_TEST(utf7_round_trip)
{
    const char *utf8 = utf7_pairs[_i][0], *wire = utf7_pairs[_i][1];
    mw_buf enc, dec;
    mw_buf_init(&enc, 0);
    mw_buf_init(&dec, 0);
    ck_assert_uint_eq(mw_utf7_encode(utf8, strlen(utf8), &enc), 0);
    ck_assert_str_eq(enc.p ? (char *)enc.p : "", wire);
    ck_assert_uint_eq(mw_utf7_decode(wire, strlen(wire), &dec), 0);
    ck_assert_str_eq(dec.p ? (char *)dec.p : "", utf8);
    mw_buf_free(&enc);
    mw_buf_free(&dec);
}
END_TEST

START_TEST(utf7_rejects_bad_spellings)
{
    const char *bad[] = {"&AGE-", "&U,BTFw", "&-&", "&*-", "&2D0-", "&3gA-", "&AP-", "tab\there", "&-x&AOkA-",
                         "&AAA-", "a&AAAA6Q-b"}; /* the last two decode to NUL */
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mw_buf out;
        mw_buf_init(&out, 0);
        ck_assert_msg(mw_utf7_decode(bad[i], strlen(bad[i]), &out) == ST_ERROR_PROTOCOL_VIOLATION,
                      "accepted %s", bad[i]);
        mw_buf_free(&out);
    }
    mw_buf out;
    mw_buf_init(&out, 0);
    ck_assert_uint_eq(mw_utf7_encode("\xff", 1, &out), ST_ERROR_INVALID_PARAMETER);
    mw_buf_free(&out);
}
END_TEST

static Suite *mime_suite(void)
{
    Suite *s = suite_create("mime");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, decode_words, 0, (int)(sizeof words / sizeof words[0]));
    tcase_add_test(tc, header_fields);
    tcase_add_test(tc, charsets);
    tcase_add_loop_test(tc, utf7_round_trip, 0, (int)(sizeof utf7_pairs / sizeof utf7_pairs[0]));
    tcase_add_test(tc, utf7_rejects_bad_spellings);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(mime_suite)
