/* test_imap_resp.c - classifying IMAP responses, the lexer and the
 * command builder's choice of atom, quoted string or literal. */
#include <string.h>

#include "../common/check_main.h"
#include "imap/imap.h"

static mw_imap_resp parse(const char *line, DWORD expect)
{
    mw_imap_resp r;
    ck_assert_uint_eq(mw_imap_resp_parse(line, strlen(line), &r), expect);
    return r;
}

START_TEST(tagged_with_code)
{
    mw_imap_resp r = parse("A0001 NO [AUTHENTICATIONFAILED] Authentication failed.", 0);
    ck_assert_int_eq(r.kind, MW_IMAP_TAGGED);
    ck_assert(mw_imap_text_is(r.tag, "A0001"));
    ck_assert_int_eq(r.status, MW_IMAP_ST_NO);
    ck_assert(mw_imap_text_is(r.code, "AUTHENTICATIONFAILED"));
    ck_assert(mw_imap_text_is(r.text, "Authentication failed."));
}
END_TEST

START_TEST(untagged_forms)
{
    mw_imap_resp r = parse("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready", 0);
    ck_assert_int_eq(r.kind, MW_IMAP_UNTAGGED);
    ck_assert_int_eq(r.status, MW_IMAP_ST_OK);
    mw_imap_text word, rest;
    mw_imap_code_split(r.code, &word, &rest);
    ck_assert(mw_imap_text_is(word, "CAPABILITY"));
    ck_assert(mw_imap_text_is(rest, "IMAP4rev1 STARTTLS"));

    r = parse("* 23 EXISTS", 0);
    ck_assert(r.has_number);
    ck_assert_uint_eq(r.number, 23);
    ck_assert(mw_imap_text_is(r.name, "EXISTS"));
    ck_assert_int_eq(r.status, MW_IMAP_ST_NONE);

    r = parse("* CAPABILITY IMAP4rev1 IDLE", 0);
    ck_assert(mw_imap_text_is(r.name, "CAPABILITY"));
    ck_assert(mw_imap_text_is(r.data, "IMAP4rev1 IDLE"));

    r = parse("* PREAUTH welcome", 0);
    ck_assert_int_eq(r.status, MW_IMAP_ST_PREAUTH);
    r = parse("* BYE", 0);
    ck_assert_int_eq(r.status, MW_IMAP_ST_BYE);
    r = parse("+ dGVzdA==", 0);
    ck_assert_int_eq(r.kind, MW_IMAP_CONTINUE);
    ck_assert(mw_imap_text_is(r.text, "dGVzdA=="));
    r = parse("+", 0);
    ck_assert_uint_eq(r.text.len, 0);
}
END_TEST

START_TEST(malformed)
{
    parse("", ST_ERROR_PROTOCOL_VIOLATION);
    parse("*", ST_ERROR_PROTOCOL_VIOLATION);
    parse("* ", ST_ERROR_PROTOCOL_VIOLATION);
    parse("A1", ST_ERROR_PROTOCOL_VIOLATION);
    parse("A1 MAYBE", ST_ERROR_PROTOCOL_VIOLATION);
    parse("A1 PREAUTH hi", ST_ERROR_PROTOCOL_VIOLATION);
    parse("A{1 OK", ST_ERROR_PROTOCOL_VIOLATION);
    parse("A1 OK [unterminated", ST_ERROR_PROTOCOL_VIOLATION);
    parse("* 99999999999 EXISTS", ST_ERROR_PROTOCOL_VIOLATION); /* beyond 32 bits */
    parse("* 12", ST_ERROR_PROTOCOL_VIOLATION);
}
END_TEST

START_TEST(lexer)
{
    const char *data = "(\"name\" \"Dov\\\"ecot\" \"v\" {5}\r\n1.2.3 NIL atom)";
    mw_imap_text t = {data, strlen(data)};
    mw_imap_lexer lx;
    mw_imap_token tok;
    mw_buf v;
    mw_buf_init(&v, 0);
    mw_imap_lexer_init(&lx, t);
    ck_assert_int_eq(mw_imap_lex(&lx, &tok), MW_TOK_LPAREN);
    ck_assert_int_eq(mw_imap_lex(&lx, &tok), MW_TOK_STRING);
    ck_assert_int_eq(mw_imap_lex(&lx, &tok), MW_TOK_STRING);
    ck_assert_uint_eq(mw_imap_token_value(&tok, &v), 0);
    ck_assert_str_eq((char *)v.p, "Dov\"ecot");
    ck_assert_int_eq(mw_imap_lex(&lx, &tok), MW_TOK_STRING);
    ck_assert_int_eq(mw_imap_lex(&lx, &tok), MW_TOK_STRING);
    ck_assert(mw_imap_text_is(tok.raw, "1.2.3"));
    ck_assert_int_eq(mw_imap_lex(&lx, &tok), MW_TOK_NIL);
    ck_assert_int_eq(mw_imap_lex(&lx, &tok), MW_TOK_ATOM);
    ck_assert_int_eq(mw_imap_lex(&lx, &tok), MW_TOK_RPAREN);
    ck_assert_int_eq(mw_imap_lex(&lx, &tok), MW_TOK_END);
    mw_buf_free(&v);

    const char *bad[] = {"\"open", "{99}\r\nshort", "{5}x", "{}\r\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mw_imap_text b = {bad[i], strlen(bad[i])};
        mw_imap_lexer_init(&lx, b);
        ck_assert_int_eq(mw_imap_lex(&lx, &tok), MW_TOK_ERROR);
    }
}
END_TEST

static const char *build(mw_session *s, const char *value, mw_imap_cmd *c)
{
    ck_assert_uint_eq(mw_imap_cmd_begin(s, c, "LOGIN"), 0);
    ck_assert_uint_eq(mw_imap_cmd_astring(s, c, value, strlen(value)), 0);
    return (const char *)c->text.p;
}

START_TEST(astring_forms)
{
    mw_session *s = mw_session_new(MW_PROTO_IMAP);
    mw_imap_cmd c;
    ck_assert_str_eq(build(s, "alice", &c), "A0001 LOGIN alice");
    mw_imap_cmd_free(&c);
    ck_assert_str_eq(build(s, "two words", &c), "A0002 LOGIN \"two words\"");
    mw_imap_cmd_free(&c);
    ck_assert_str_eq(build(s, "q\"b\\", &c), "A0003 LOGIN \"q\\\"b\\\\\"");
    mw_imap_cmd_free(&c);
    ck_assert_str_eq(build(s, "", &c), "A0004 LOGIN \"\"");
    mw_imap_cmd_free(&c);
    ck_assert_str_eq(build(s, "nil", &c), "A0005 LOGIN \"nil\"");
    mw_imap_cmd_free(&c);
    /* 8-bit and line breaks travel as literals, synchronizing by default */
    ck_assert_str_eq(build(s, "p\xc3\xa4ss", &c), "A0006 LOGIN {5}\r\np\xc3\xa4ss");
    ck_assert_int_eq(c.nsplits, 1);
    ck_assert_uint_eq(c.splits[0], strlen("A0006 LOGIN {5}\r\n"));
    mw_imap_cmd_free(&c);
    ck_assert_str_eq(build(s, "a\r\nb", &c), "A0007 LOGIN {4}\r\na\r\nb");
    mw_imap_cmd_free(&c);
    /* LITERAL+ lets the literal go without waiting */
    mw_caps_add_words(&s->caps, "LITERAL+", 8);
    ck_assert_str_eq(build(s, "\xc3\xa4", &c), "A0008 LOGIN {2+}\r\n\xc3\xa4");
    ck_assert_int_eq(c.nsplits, 0);
    mw_imap_cmd_free(&c);
    /* NUL cannot be sent at all */
    ck_assert_uint_eq(mw_imap_cmd_begin(s, &c, "LOGIN"), 0);
    ck_assert_uint_eq(mw_imap_cmd_astring(s, &c, "a\0b", 3), ST_ERROR_INVALID_PARAMETER);
    mw_imap_cmd_free(&c);
    mw_session_free(&s);
}
END_TEST

static Suite *resp_suite(void)
{
    Suite *s = suite_create("imap_resp");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, tagged_with_code);
    tcase_add_test(tc, untagged_forms);
    tcase_add_test(tc, malformed);
    tcase_add_test(tc, lexer);
    tcase_add_test(tc, astring_forms);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(resp_suite)
