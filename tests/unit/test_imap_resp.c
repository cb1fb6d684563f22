/* test_imap_resp.c - classifying IMAP responses, the lexer and the
 * command builder's choice of atom, quoted string or literal. */
#include <stdio.h>
#include <stdlib.h>
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

/* Numbers at the edges of their fields: the largest value passes, one
 * more is a protocol violation, never saturated or wrapped. */
START_TEST(number_edges)
{
    static const struct {
        const char *text;
        DWORD num32, nz32; /* 0 = accepted; else the error */
        uint64_t value;
    } cases[] = {
        {"0", 0, ST_ERROR_PROTOCOL_VIOLATION, 0},
        {"1", 0, 0, 1},
        {"4294967294", 0, 0, 4294967294u},
        {"4294967295", 0, 0, 4294967295u},
        {"4294967296", ST_ERROR_PROTOCOL_VIOLATION, ST_ERROR_PROTOCOL_VIOLATION, 0},
        {"99999999999", ST_ERROR_PROTOCOL_VIOLATION, ST_ERROR_PROTOCOL_VIOLATION, 0},
        {"9223372036854775808", ST_ERROR_PROTOCOL_VIOLATION, ST_ERROR_PROTOCOL_VIOLATION, 0},
        {"", ST_ERROR_PROTOCOL_VIOLATION, ST_ERROR_PROTOCOL_VIOLATION, 0},
        {"12a", ST_ERROR_PROTOCOL_VIOLATION, ST_ERROR_PROTOCOL_VIOLATION, 0},
        {"-1", ST_ERROR_PROTOCOL_VIOLATION, ST_ERROR_PROTOCOL_VIOLATION, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mw_imap_text t = {cases[i].text, strlen(cases[i].text)};
        DWORD v = 12345;
        ck_assert_msg(mw_imap_num32(t, &v) == cases[i].num32, "num32 %s", cases[i].text);
        if (cases[i].num32 == 0)
            ck_assert_uint_eq(v, cases[i].value);
        ck_assert_msg(mw_imap_nz32(t, &v) == cases[i].nz32, "nz32 %s", cases[i].text);
    }
    uint64_t v;
    mw_imap_text max63 = {"9223372036854775807", 19}, over63 = {"9223372036854775808", 19};
    mw_imap_text two64 = {"18446744073709551616", 20};
    ck_assert_uint_eq(mw_imap_number_max(max63, MW_IMAP_NUM63_MAX, &v), 0);
    ck_assert(v == MW_IMAP_NUM63_MAX);
    ck_assert_uint_eq(mw_imap_number_max(over63, MW_IMAP_NUM63_MAX, &v), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_uint_eq(mw_imap_number_max(two64, MW_IMAP_NUM63_MAX, &v), ST_ERROR_PROTOCOL_VIOLATION);
    /* a message number past 32 bits breaks the response itself */
    mw_imap_resp r;
    const char *big = "* 4294967296 EXISTS", *edge = "* 4294967295 EXISTS";
    ck_assert_uint_eq(mw_imap_resp_parse(big, strlen(big), &r), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_uint_eq(mw_imap_resp_parse(edge, strlen(edge), &r), 0);
    ck_assert_uint_eq(r.number, 4294967295u);
}
END_TEST

/* FETCH items in any order, and out-of-range UIDs and sizes refused. */
START_TEST(fetch_items_checked)
{
    static const struct {
        const char *line;
        DWORD err, uid, size;
    } cases[] = {
        {"* 1 FETCH (FLAGS (\\Seen) RFC822.SIZE 10 UID 4294967295)", 0, 4294967295u, 10},
        {"* 1 FETCH (UID 4294967294 RFC822.SIZE 9223372036854775807)", 0, 4294967294u, 0xFFFFFFFFu},
        {"* 1 FETCH (UID 4294967296)", ST_ERROR_PROTOCOL_VIOLATION, 0, 0},
        {"* 1 FETCH (UID 0)", ST_ERROR_PROTOCOL_VIOLATION, 0, 0},
        {"* 1 FETCH (UID abc)", ST_ERROR_PROTOCOL_VIOLATION, 0, 0},
        {"* 1 FETCH (UID 3 RFC822.SIZE 18446744073709551616)", ST_ERROR_PROTOCOL_VIOLATION, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mw_imap_resp r;
        mw_imap_fetch_info info;
        ck_assert_uint_eq(mw_imap_resp_parse(cases[i].line, strlen(cases[i].line), &r), 0);
        ck_assert_msg(mw_imap_parse_fetch(&r, NULL, &info) == cases[i].err, "%s", cases[i].line);
        if (cases[i].err == 0) {
            ck_assert_uint_eq(info.uid, cases[i].uid);
            ck_assert_uint_eq(info.size, cases[i].size);
        }
    }
}
END_TEST

/* A section with spaces and parentheses is one item; the body asked for
 * is told apart from sections nobody asked for. */
START_TEST(fetch_sections)
{
    static const struct {
        const char *line, *want;
        int has_body;
        const char *body;
    } cases[] = {
        {"* 1 FETCH (UID 5 BODY[HEADER.FIELDS (REFERENCES X-MAILER)] \"R\" BODY[HEADER] \"H\")",
         "HEADER", 1, "H"},
        {"* 1 FETCH (BODY[HEADER.FIELDS (\"To\" CC)] \"R\" UID 5)", "HEADER", 0, NULL},
        {"* 1 FETCH (BODY[HEADER.FIELDS (TO CC)] \"R\" UID 5)", "header.fields (to cc)", 1, "R"},
        {"* 1 FETCH (UID 5 BODY[1.TEXT]<0> \"T\")", "1.TEXT", 1, "T"},
        {"* 1 FETCH (UID 5 RFC822.HEADER \"H\")", "HEADER", 1, "H"},
        {"* 1 FETCH (UID 5 BODY[] \"A\")", NULL, 1, "A"},
        {"* 1 FETCH (UID 5 BODY[2] \"A\")", "", 0, NULL},
        /* Domino: the items in a second pair of parentheses */
        {"* 1 FETCH ((UID 5 BODY[] \"D\"))", "", 1, "D"},
        /* unknown items, a literal among them, are skipped */
        {"* 1 FETCH (X-GM-LABELS (\\Inbox \"a b\") X-NEW {3}\r\nabc UID 5 MODSEQ (12))", NULL, 0, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mw_imap_resp r;
        mw_imap_fetch_info info;
        ck_assert_uint_eq(mw_imap_resp_parse(cases[i].line, strlen(cases[i].line), &r), 0);
        ck_assert_msg(mw_imap_parse_fetch(&r, cases[i].want, &info) == 0, "%s", cases[i].line);
        ck_assert_uint_eq(info.uid, 5);
        ck_assert_msg(info.has_body == cases[i].has_body, "%s", cases[i].line);
        if (cases[i].body != NULL)
            ck_assert(mw_imap_text_is(info.body_text.raw, cases[i].body));
    }
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

    /* a section runs to its "]"; a "[" without one is an atom character */
    const char *atoms[][2] = {{"BODY[HEADER.FIELDS (A \"]\" B)]<0> x", "BODY[HEADER.FIELDS (A \"]\" B)]<0>"},
                              {"[Gmail]/Sent x", "[Gmail]/Sent"},
                              {"foo[bar (x)", "foo[bar"}};
    for (size_t i = 0; i < sizeof atoms / sizeof atoms[0]; i++) {
        mw_imap_text a = {atoms[i][0], strlen(atoms[i][0])};
        mw_imap_lexer_init(&lx, a);
        ck_assert_int_eq(mw_imap_lex(&lx, &tok), MW_TOK_ATOM);
        ck_assert_msg(mw_imap_text_is(tok.raw, atoms[i][1]), "%s", atoms[i][0]);
    }

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
    mw_session *s = mw_imap_session_new();
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

/* ---- the push assembler ------------------------------------------------ */

typedef struct body_sink {
    char data[256];
    size_t len;
    int ends;
    uint64_t announced;
} body_sink;

static int claim_body(void *ctx, const char *text, size_t len, uint64_t size)
{
    body_sink *b = ctx;
    (void)len;
    b->announced = size;
    return strstr(text, "BODY[] {") != NULL;
}

static DWORD body_data(void *ctx, const void *p, size_t n)
{
    body_sink *b = ctx;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}

static DWORD body_end(void *ctx)
{
    ((body_sink *)ctx)->ends++;
    return 0;
}

/* Feeds input in pieces of step bytes; returns the error, fills text. */
static DWORD feed_all(const char *in, size_t step, const mw_imap_body_hooks *hooks, char *text,
                      int *responses)
{
    mw_imap_asm a;
    mw_imap_asm_init(&a);
    a.hooks = hooks;
    size_t len = strlen(in), at = 0;
    DWORD err = 0;
    *responses = 0;
    text[0] = '\0';
    while (at < len && err == 0) {
        size_t n = len - at < step ? len - at : step, used = 0;
        int done = 0;
        err = mw_imap_asm_feed(&a, (const unsigned char *)in + at, n, &used, &done);
        at += used;
        if (done) {
            (*responses)++;
            strcat(text, (char *)a.text.p);
            strcat(text, "|");
            mw_imap_asm_reset(&a);
            a.hooks = hooks;
        }
    }
    mw_imap_asm_free(&a);
    return err;
}

START_TEST(assembler_any_split)
{
    const char *in = "* OK hi\r\n* 1 FETCH (UID 7 BODY[] {5}\r\nab\r\nc FLAGS (\\Seen))\r\n"
                     "* ID (\"k\" {3}\r\nv\r\n)\r\nA1 OK done\r\n";
    char whole[512], piece[512];
    int n1, n2;
    ck_assert_uint_eq(feed_all(in, 4096, NULL, whole, &n1), 0);
    ck_assert_int_eq(n1, 4);
    ck_assert_str_eq(whole, "* OK hi|* 1 FETCH (UID 7 BODY[] {5}\r\nab\r\nc FLAGS (\\Seen))|"
                            "* ID (\"k\" {3}\r\nv\r\n)|A1 OK done|");
    /* one byte at a time gives the same: "need more" is real */
    for (size_t step = 1; step < 8; step++) {
        ck_assert_uint_eq(feed_all(in, step, NULL, piece, &n2), 0);
        ck_assert_int_eq(n2, 4);
        ck_assert_str_eq(piece, whole);
    }
}
END_TEST

/* The quirk responses of real servers, fed one byte at a time as well as
 * whole, give the same response and the same FETCH reading. */
START_TEST(quirks_any_split_same_reading)
{
    static const struct {
        const char *raw, *want; /* want: the section asked for */
        DWORD uid;
        int has_body;
    } cases[] = {
        {"* 1 FETCH (UID 7 BODY[HEADER.FIELDS (TO \"CC\")] {4}\r\nTo:x BODY[HEADER] {3}\r\nH:y)\r\n",
         "HEADER", 7, 1},
        {"* 2 FETCH ((UID 9 BODY[] {5}\r\nhello))\r\n", "", 9, 1},
        {"* 3 FETCH (X-GM-LABELS (\\Inbox \"a b\") X-NEW {2}\r\nab UID 4 BODY[1.TEXT] \"q\")\r\n",
         "1.TEXT", 4, 1},
        {"* 4 FETCH (UID 5 BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" -1 NIL))\r\n", "", 5, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char whole[512], piece[512];
        int n1, n2;
        ck_assert_uint_eq(feed_all(cases[i].raw, 4096, NULL, whole, &n1), 0);
        ck_assert_int_eq(n1, 1);
        for (size_t step = 1; step < 5; step++) {
            ck_assert_uint_eq(feed_all(cases[i].raw, step, NULL, piece, &n2), 0);
            ck_assert_str_eq(piece, whole);
        }
        whole[strlen(whole) - 1] = '\0'; /* the "|" feed_all adds */
        mw_imap_resp r;
        mw_imap_fetch_info info;
        ck_assert_uint_eq(mw_imap_resp_parse(whole, strlen(whole), &r), 0);
        ck_assert_msg(mw_imap_parse_fetch(&r, cases[i].want, &info) == 0, "%s", cases[i].raw);
        ck_assert_uint_eq(info.uid, cases[i].uid);
        ck_assert_int_eq(info.has_body, cases[i].has_body);
    }
}
END_TEST

START_TEST(assembler_streams_bodies)
{
    const char *in = "* 1 FETCH (UID 7 BODY[] {12}\r\nhello\r\nworld FLAGS ())\r\n";
    for (size_t step = 1; step <= 64; step *= 2) {
        body_sink b;
        memset(&b, 0, sizeof b);
        mw_imap_body_hooks hooks = {claim_body, body_data, body_end, &b};
        char text[256];
        int n;
        ck_assert_uint_eq(feed_all(in, step, &hooks, text, &n), 0);
        ck_assert_int_eq(n, 1);
        ck_assert_str_eq(text, "* 1 FETCH (UID 7 BODY[] {0}\r\n FLAGS ())|");
        ck_assert_uint_eq(b.len, 12);
        ck_assert_mem_eq(b.data, "hello\r\nworld", 12);
        ck_assert_int_eq(b.ends, 1);
        ck_assert_uint_eq(b.announced, 12);
    }
}
END_TEST

typedef struct number_sink {
    uint64_t count, sum, last;
} number_sink;

static DWORD take_number(void *ctx, uint64_t n)
{
    number_sink *k = ctx;
    k->count++;
    k->sum += n;
    k->last = n;
    return 0;
}

/* One response fed in pieces of step bytes, with these hooks; the
 * response's text goes to text, and the most memory the text held to
 * *cap_r. */
static DWORD feed_with(const char *in, size_t len, size_t step, const mw_imap_body_hooks *hooks,
                       const mw_imap_vanished_hooks *vanished, char *text, size_t *cap_r)
{
    mw_imap_asm a;
    mw_imap_asm_init(&a);
    a.hooks = hooks;
    if (vanished != NULL)
        a.vanished = *vanished;
    DWORD err = 0;
    int done = 0;
    *cap_r = 0;
    for (size_t at = 0; at < len && err == 0 && !done;) {
        size_t used = 0;
        err = mw_imap_asm_feed(&a, (const unsigned char *)in + at, len - at < step ? len - at : step,
                               &used, &done);
        at += used;
        *cap_r = a.text.cap > *cap_r ? a.text.cap : *cap_r;
    }
    strcpy(text, done ? (const char *)a.text.p : "(not done)");
    mw_imap_asm_free(&a);
    return err;
}

/* The same with the SEARCH numbers streamed to k. */
static DWORD feed_numbers(const char *in, size_t len, size_t step, number_sink *k, char *text,
                          size_t *cap_r)
{
    mw_imap_body_hooks hooks = {NULL, NULL, NULL, k, take_number};
    memset(k, 0, sizeof *k);
    return feed_with(in, len, step, &hooks, NULL, text, cap_r);
}

/* A SEARCH line grows with the mailbox: its numbers are streamed, so a
 * 10 MB line costs no more memory than a short one, whole or a byte at a
 * time, and what follows the numbers is still text. */
START_TEST(assembler_streams_search_numbers)
{
    size_t cap = 11u << 20, len = 0;
    char *big = malloc(cap), text[256];
    len += (size_t)sprintf(big, "* SEARCH");
    uint64_t n = 0, sum = 0;
    while (len < (10u << 20))
        len += (size_t)sprintf(big + len, " %llu", (unsigned long long)++n), sum += n;
    len += (size_t)sprintf(big + len, "\r\n");
    number_sink k;
    size_t held;
    ck_assert_uint_eq(feed_numbers(big, len, len, &k, text, &held), 0);
    ck_assert_str_eq(text, "* SEARCH");
    ck_assert_uint_eq(k.count, n);
    ck_assert_uint_eq(k.sum, sum);
    ck_assert_uint_le(held, 4096);
    /* a byte at a time, over the first megabyte's worth of numbers */
    size_t mb = 1u << 20;
    while (big[mb] != ' ')
        mb--;
    memcpy(big + mb, "\r\n", 2);
    ck_assert_uint_eq(feed_numbers(big, mb + 2, 1, &k, text, &held), 0);
    ck_assert_str_eq(text, "* SEARCH");
    ck_assert_uint_eq(k.last, k.count);
    ck_assert_uint_le(held, 4096);
    free(big);

    static const struct {
        const char *in, *text;
        uint64_t count, last;
    } tails[] = {
        {"* SEARCH 2 5 (MODSEQ 917)\r\n", "* SEARCH (MODSEQ 917)", 2, 5},
        {"* search 7\r\n", "* search", 1, 7},
        {"* SEARCH\r\n", "* SEARCH", 0, 0},
        {"* SEARCH 4 5x 6\r\n", "* SEARCH 5x 6", 1, 4},
        {"* SEARCH 0 4294967296\r\n", "* SEARCH", 2, 4294967296ull},
        {"* SEARCH 123456789012345678901234\r\n", "* SEARCH", 1, MW_NUMBER_RUN_HUGE},
        /* 2^64 + 5: twenty digits, which must not wrap to UID 5 */
        {"* SEARCH 18446744073709551621\r\n", "* SEARCH", 1, MW_NUMBER_RUN_HUGE},
        {"* SEARCHX 1\r\n", "* SEARCHX 1", 0, 0},
        {"* OK 1 2\r\n", "* OK 1 2", 0, 0},
    };
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++)
        for (size_t step = 1; step <= 64; step *= 4) {
            ck_assert_uint_eq(feed_numbers(tails[i].in, strlen(tails[i].in), step, &k, text, &held),
                              0);
            ck_assert_str_eq(text, tails[i].text);
            ck_assert_uint_eq(k.count, tails[i].count);
            ck_assert_uint_eq(k.last, tails[i].last);
        }
}
END_TEST

START_TEST(assembler_limits)
{
    static char text[2 * MW_IMAP_RESPONSE_MAX];
    int n;
    ck_assert_uint_eq(feed_all("* OK {4294967295}\r\n", 1, NULL, text, &n), ST_ERROR_RESPONSE_TOO_LARGE);
    ck_assert_uint_eq(feed_all("* OK {99999999999999999999}\r\n", 3, NULL, text, &n),
                      ST_ERROR_RESPONSE_TOO_LARGE);
    ck_assert_uint_eq(feed_all("* OK {65537}\r\n", 64, NULL, text, &n), ST_ERROR_RESPONSE_TOO_LARGE);
    static char endless[MW_IMAP_LINE_MAX + 100];
    memset(endless, 'a', sizeof endless - 1);
    ck_assert_uint_eq(feed_all(endless, 1000, NULL, text, &n), ST_ERROR_RESPONSE_TOO_LARGE);
    /* many literals: the whole response is bounded too */
    static char many[200000];
    size_t at = (size_t)sprintf(many, "* X");
    while (at < sizeof many - 16000)
        at += (size_t)sprintf(many + at, " {8000}\r\n%08000d", 0);
    strcpy(many + at, "\r\n");
    ck_assert_uint_eq(feed_all(many, 5000, NULL, text, &n), 0);
    static char more[(MW_IMAP_RESPONSE_MAX / 8000 + 2) * 8020];
    at = (size_t)sprintf(more, "* X");
    for (unsigned i = 0; i < MW_IMAP_RESPONSE_MAX / 8000 + 1; i++)
        at += (size_t)sprintf(more + at, " {8000}\r\n%08000d", 0);
    strcpy(more + at, "\r\n");
    ck_assert_uint_eq(feed_all(more, 5000, NULL, text, &n), ST_ERROR_RESPONSE_TOO_LARGE);
}
END_TEST

/* " kw0 kw1 ..." keywords until the text holds at least len bytes. */
static size_t keywords(char *out, size_t at, size_t min_len)
{
    for (unsigned i = 0; at < min_len; i++)
        at += (size_t)sprintf(out + at, " $Keyword%u", i);
    return at;
}

/* Flag lists past the line limit (a message's keywords, a mailbox's FLAGS
 * and PERMANENTFLAGS): the system flags kept wherever they stand, the
 * keywords dropped, what follows the list still text, the text short,
 * whole or a byte at a time; a long line that is no flag list still
 * fails. */
START_TEST(assembler_cuts_long_flag_lists)
{
    static char in[400000], text[8192];
    size_t cap;
    size_t at = (size_t)sprintf(in, "* 7 FETCH (UID 9 FLAGS (\\Seen");
    at = keywords(in, at, 150000);
    at += (size_t)sprintf(in + at, " \\Flagged");
    at = keywords(in, at, 300000);
    sprintf(in + at, " \\Deleted) RFC822.SIZE 42)\r\n");
    for (size_t step = 1; step <= 65536; step *= 16) {
        ck_assert_uint_eq(feed_with(in, strlen(in), step, NULL, NULL, text, &cap), 0);
        ck_assert_str_eq(text, "* 7 FETCH (UID 9 FLAGS (\\Seen \\Flagged \\Deleted) RFC822.SIZE 42)");
        ck_assert_uint_le(cap, 2 * MW_IMAP_LINE_MAX + 64);
        mw_imap_resp r;
        ck_assert_uint_eq(mw_imap_resp_parse(text, strlen(text), &r), 0);
        mw_imap_fetch_info info;
        ck_assert_uint_eq(mw_imap_parse_fetch(&r, NULL, &info), 0);
        ck_assert_uint_eq(info.flags, IMAP_FLAG_SEEN | IMAP_FLAG_FLAGGED | IMAP_FLAG_DELETED);
        ck_assert_uint_eq(info.size, 42);
    }
    /* the limit falls inside a system flag: it is read whole */
    at = (size_t)sprintf(in, "* FLAGS (");
    at = keywords(in, at, MW_IMAP_LINE_MAX - 3);
    sprintf(in + at, " \\Answered)\r\n");
    ck_assert_uint_eq(feed_with(in, strlen(in), 1, NULL, NULL, text, &cap), 0);
    ck_assert_str_eq(text, "* FLAGS (\\Answered)");
    at = (size_t)sprintf(in, "* OK [PERMANENTFLAGS (\\Seen");
    at = keywords(in, at, 200000);
    sprintf(in + at, " \\*)] Limited\r\n");
    ck_assert_uint_eq(feed_with(in, strlen(in), 4096, NULL, NULL, text, &cap), 0);
    ck_assert_str_eq(text, "* OK [PERMANENTFLAGS (\\Seen \\*)] Limited");
    /* no flag list: a quoted "FLAGS (", a list already closed */
    at = (size_t)sprintf(in, "* 1 FETCH (ENVELOPE (\"FLAGS (");
    at = keywords(in, at, 100000);
    sprintf(in + at, "\"))\r\n");
    ck_assert_uint_eq(feed_with(in, strlen(in), 4096, NULL, NULL, text, &cap), ST_ERROR_RESPONSE_TOO_LARGE);
    at = (size_t)sprintf(in, "* 1 FETCH (FLAGS (\\Seen) X-LONG (");
    at = keywords(in, at, 100000);
    sprintf(in + at, "))\r\n");
    ck_assert_uint_eq(feed_with(in, strlen(in), 4096, NULL, NULL, text, &cap), ST_ERROR_RESPONSE_TOO_LARGE);
    at = (size_t)sprintf(in, "* 1 FETCH (FLAGS (\\Seen \"a string\"");
    at = keywords(in, at, 100000);
    sprintf(in + at, "))\r\n");
    ck_assert_uint_eq(feed_with(in, strlen(in), 4096, NULL, NULL, text, &cap), ST_ERROR_RESPONSE_TOO_LARGE);
    /* a list that never closes on its line */
    at = (size_t)sprintf(in, "* FLAGS (");
    at = keywords(in, at, 100000);
    sprintf(in + at, "\r\n");
    ck_assert_uint_eq(feed_with(in, strlen(in), 4096, NULL, NULL, text, &cap), ST_ERROR_RESPONSE_TOO_LARGE);
}
END_TEST

typedef struct range_sink {
    uint64_t ranges, messages; /* elements, and the numbers they cover */
    uint64_t lo, hi;           /* the last element */
    int earlier;               /* an element came through the EARLIER hook */
} range_sink;

static DWORD take_range(void *ctx, uint64_t lo, uint64_t hi)
{
    range_sink *k = ctx;
    k->ranges++;
    k->messages += (lo < hi ? hi - lo : lo - hi) + 1;
    k->lo = lo;
    k->hi = hi;
    return 0;
}

static DWORD take_earlier(void *ctx, uint64_t lo, uint64_t hi)
{
    ((range_sink *)ctx)->earlier = 1;
    return take_range(ctx, lo, hi);
}

/* The same with VANISHED sets streamed to k and no per-call hooks, as
 * for any command. */
static DWORD feed_sets(const char *in, size_t len, size_t step, range_sink *k, char *text,
                       size_t *cap_r)
{
    mw_imap_vanished_hooks vanished = {take_range, take_earlier, k};
    memset(k, 0, sizeof *k);
    return feed_with(in, len, step, NULL, &vanished, text, cap_r);
}

/* A VANISHED set of a million UIDs (1,3,5... 7 MB): its ranges are
 * streamed, whole or a byte at a time, in the memory of a short line. */
START_TEST(assembler_streams_vanished_sets)
{
    size_t cap = 8u << 20, len = 0;
    char *big = malloc(cap), text[256];
    len += (size_t)sprintf(big, "* VANISHED ");
    for (uint64_t u = 1; u < 2000000; u += 2)
        len += (size_t)sprintf(big + len, "%s%llu", u > 1 ? "," : "", (unsigned long long)u);
    len += (size_t)sprintf(big + len, "\r\n");
    range_sink k;
    size_t held;
    ck_assert_uint_eq(feed_sets(big, len, len, &k, text, &held), 0);
    ck_assert_str_eq(text, "* VANISHED");
    ck_assert_uint_eq(k.ranges, 1000000);
    ck_assert_uint_eq(k.messages, 1000000);
    ck_assert_uint_eq(k.hi, 1999999);
    ck_assert(!k.earlier);
    ck_assert_uint_le(held, 4096);
    ck_assert_uint_eq(feed_sets(big, len, 1, &k, text, &held), 0);
    ck_assert_str_eq(text, "* VANISHED");
    ck_assert_uint_eq(k.ranges, 1000000);
    ck_assert_uint_eq(k.hi, 1999999);
    ck_assert_uint_le(held, 4096);
    free(big);

    static const struct {
        const char *in, *text;
        uint64_t ranges, messages, lo, hi;
        int earlier;
    } forms[] = {
        {"* VANISHED 1:5,7,9:12\r\n", "* VANISHED", 3, 10, 9, 12, 0},
        {"* VANISHED (EARLIER) 300:310,405\r\n", "* VANISHED (EARLIER)", 2, 12, 405, 405, 1},
        {"* vanished (earlier) 7:5\r\n", "* vanished (earlier)", 1, 3, 7, 5, 1},
        {"* VANISHED 4294967296\r\n", "* VANISHED", 1, 1, 4294967296ull, 4294967296ull, 0},
        {"* VANISHED 1,,2\r\n", "* VANISHED", 2, 2, 2, 2, 0},
        {"* VANISHED 1:2 x\r\n", "* VANISHED  x", 1, 2, 1, 2, 0},
        {"* VANISHED (EARLIEST) 1\r\n", "* VANISHED (EARLIEST) 1", 0, 0, 0, 0, 0},
        {"* VANISHEDX 1\r\n", "* VANISHEDX 1", 0, 0, 0, 0, 0},
        {"* SEARCH 1 2\r\n", "* SEARCH 1 2", 0, 0, 0, 0, 0}, /* no SEARCH hook here */
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        for (size_t step = 1; step <= 64; step *= 4) {
            ck_assert_uint_eq(feed_sets(forms[i].in, strlen(forms[i].in), step, &k, text, &held), 0);
            ck_assert_str_eq(text, forms[i].text);
            ck_assert_uint_eq(k.ranges, forms[i].ranges);
            ck_assert_uint_eq(k.messages, forms[i].messages);
            ck_assert_uint_eq(k.lo, forms[i].lo);
            ck_assert_uint_eq(k.hi, forms[i].hi);
            ck_assert_int_eq(k.earlier, forms[i].earlier);
        }
}
END_TEST

static Suite *resp_suite(void)
{
    Suite *s = suite_create("imap_resp");
    TCase *tc = tcase_create("core");
    /* a million-element set fed a byte at a time takes seconds under the
     * thread sanitizer */
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, tagged_with_code);
    tcase_add_test(tc, untagged_forms);
    tcase_add_test(tc, malformed);
    tcase_add_test(tc, fetch_sections);
    tcase_add_test(tc, quirks_any_split_same_reading);
    tcase_add_test(tc, lexer);
    tcase_add_test(tc, number_edges);
    tcase_add_test(tc, fetch_items_checked);
    tcase_add_test(tc, astring_forms);
    tcase_add_test(tc, assembler_any_split);
    tcase_add_test(tc, assembler_streams_bodies);
    tcase_add_test(tc, assembler_limits);
    tcase_add_test(tc, assembler_cuts_long_flag_lists);
    tcase_add_test(tc, assembler_streams_search_numbers);
    tcase_add_test(tc, assembler_streams_vanished_sets);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(resp_suite)
