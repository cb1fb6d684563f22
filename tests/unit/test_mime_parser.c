/* test_mime_parser.c - the streaming MIME parser on real-world shaped
 * messages, fed whole, one byte at a time and in uneven pieces: the parts,
 * their tree and their decoded bytes must come out the same every way. */
#include <stdio.h>
#include <string.h>

#include <mailwire.h>

#include "../common/check_main.h"
#include "mime/parser.h"
#include "proto/buf.h"

/* What the events said, as text: "[spec type/sub d=depth p=parent]" at a
 * part's beginning, its data in between, "(/spec n=subparts)" at its end. */
static DWORD on_begin(void *ctx, const MIMEPARTA *p)
{
    return mw_buf_printf(ctx, "[%s %s/%s d=%u p=%d%s]", p->szPart, p->szType, p->szSubType, p->nDepth,
                         p->nParent, (p->dwFlags & MIME_PART_ATTACHMENT) ? " file" : "");
}

static DWORD on_data(void *ctx, const MIMEPARTA *p, const void *d, size_t n)
{
    (void)p;
    return mw_buf_append(ctx, d, n);
}

static DWORD on_end(void *ctx, const MIMEPARTA *p)
{
    return mw_buf_printf(ctx, "(/%s n=%u)", p->szPart, p->nSubParts);
}

/* Parses msg in pieces of the sizes step gives (0: whole); the trace. */
static DWORD parse(const char *msg, size_t len, DWORD options, size_t (*step)(size_t i), mw_buf *trace)
{
    mw_mime_events ev = {on_begin, on_data, on_end, trace};
    mw_mime_parser *p;
    ck_assert_uint_eq(mw_mime_parser_new(&ev, options, &p), 0);
    DWORD err = 0;
    for (size_t i = 0; i < len && err == 0;) {
        size_t n = step != NULL ? step(i) : len;
        if (n > len - i)
            n = len - i;
        err = mw_mime_parser_feed(p, msg + i, n);
        i += n;
    }
    if (err == 0)
        err = mw_mime_parser_finish(p);
    mw_mime_parser_free(&p);
    if (err == 0)
        err = mw_buf_terminate(trace);
    return err;
}

static size_t one(size_t i)
{
    (void)i;
    return 1;
}

static size_t uneven(size_t i)
{
    return (i * 7919u + 13u) % 23u + 1u;
}

/* Every way of feeding must give want. */
static void check(const char *msg, DWORD options, const char *want)
{
    size_t (*steps[])(size_t) = {NULL, one, uneven};
    for (size_t k = 0; k < 3; k++) {
        mw_buf t;
        mw_buf_init(&t, 0);
        ck_assert_uint_eq(parse(msg, strlen(msg), options, steps[k], &t), 0);
        ck_assert_msg(strcmp((char *)t.p, want) == 0, "feeding %d:\n got %s\nwant %s", (int)k, (char *)t.p, want);
        mw_buf_free(&t);
    }
}

/* An HTML/plain alternative with an inline image inside a related part,
 * and a PDF whose name is RFC 2231 encoded. */
static const char nested[] =
    "From: a@example.test\r\n"
    "Subject: nested\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed;\r\n boundary=\"outer\"\r\n"
    "\r\n"
    "This is a multi-part message in MIME format.\r\n"
    "--outer\r\n"
    "Content-Type: multipart/related; boundary=\"rel\"\r\n"
    "\r\n"
    "--rel\r\n"
    "Content-Type: multipart/alternative; boundary=alt\r\n"
    "\r\n"
    "--alt\r\n"
    "Content-Type: text/plain; charset=iso-8859-1\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "caf=E9 cr=\r\nème\r\n"
    "--alt\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>caf&eacute;</p>\r\n"
    "--alt--\r\n"
    "--rel\r\n"
    "Content-Type: image/png\r\n"
    "Content-ID: <img1@example.test>\r\n"
    "Content-Disposition: inline; filename=\"logo.png\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "iVBORw0K\r\nGgo=\r\n"
    "--rel--\r\n"
    "--outer\r\n"
    "Content-Type: application/pdf; name=\"r.pdf\"\r\n"
    "Content-Disposition: attachment;\r\n filename*=utf-8''%E2%82%AC.pdf\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "JVBERi0xLjQK\r\n"
    "--outer--\r\n"
    "epilogue\r\n";

START_TEST(nested_decoded)
{
    check(nested, MIME_DECODE_UTF8,
          "[ multipart/mixed d=0 p=-1]"
          "[1 multipart/related d=1 p=0]"
          "[1.1 multipart/alternative d=2 p=1]"
          "[1.1.1 text/plain d=3 p=2]caf\xc3\xa9 cr\xc3\x83\xc2\xa8me(/1.1.1 n=0)"
          "[1.1.2 text/html d=3 p=2]<p>caf&eacute;</p>(/1.1.2 n=0)"
          "(/1.1 n=2)"
          "[1.2 image/png d=2 p=1 file]\x89PNG\r\n\x1a\n(/1.2 n=0)"
          "(/1 n=2)"
          "[2 application/pdf d=1 p=0 file]%PDF-1.4\n(/2 n=0)"
          "(/ n=2)");
}
END_TEST

START_TEST(nested_raw)
{
    /* without decoding, the bytes are the body as sent, without the line
     * end that belongs to the next boundary */
    mw_buf t;
    mw_buf_init(&t, 0);
    ck_assert_uint_eq(parse(nested, strlen(nested), 0, NULL, &t), 0);
    ck_assert_ptr_nonnull(strstr((char *)t.p, "]caf=E9 cr=\r\nème(/1.1.1"));
    ck_assert_ptr_nonnull(strstr((char *)t.p, "]iVBORw0K\r\nGgo=(/1.2"));
    mw_buf_free(&t);
}
END_TEST

/* Keeps the end-event description of each part. */
static DWORD keep_end(void *ctx, const MIMEPARTA *p)
{
    MIMEPARTA *all = ctx;
    all[p->nIndex] = *p;
    return 0;
}

START_TEST(part_details)
{
    MIMEPARTA all[8];
    memset(all, 0, sizeof all);
    mw_mime_events ev = {NULL, NULL, keep_end, all};
    mw_mime_parser *p;
    ck_assert_uint_eq(mw_mime_parser_new(&ev, 0, &p), 0);
    ck_assert_uint_eq(mw_mime_parser_feed(p, nested, strlen(nested)), 0);
    ck_assert_uint_eq(mw_mime_parser_finish(p), 0);
    ck_assert_uint_eq(mw_mime_parser_parts(p), 7);
    mw_mime_parser_free(&p);
    ck_assert_str_eq(all[0].szBoundary, "outer");
    ck_assert_uint_eq(all[0].dwFlags, MIME_PART_MULTIPART);
    ck_assert_str_eq(all[3].szCharset, "iso-8859-1");
    ck_assert_str_eq(all[3].szEncoding, "quoted-printable");
    ck_assert_uint_eq(all[3].dwPartSize, strlen("caf=E9 cr=\r\nème"));
    ck_assert_uint_eq(all[3].dwLines, 2);
    ck_assert_uint_eq(all[3].dwFlags, MIME_PART_TEXT);
    ck_assert_str_eq(all[5].szContentId, "img1@example.test");
    ck_assert_str_eq(all[5].szDisposition, "inline");
    ck_assert_str_eq(all[5].szFileName, "logo.png");
    ck_assert_str_eq(all[6].szPart, "2");
    ck_assert_str_eq(all[6].szFileName, "\xe2\x82\xac.pdf"); /* filename* before name */
    ck_assert_str_eq(all[6].szDisposition, "attachment");
    ck_assert_uint_eq(all[6].dwFlags, MIME_PART_ATTACHMENT);
    ck_assert_uint_eq(all[6].nParent, 0);
}
END_TEST

/* A forwarded message: its own header and parts inside part 2. */
static const char forwarded[] =
    "Content-Type: multipart/mixed; boundary=b1\r\n"
    "\r\n"
    "--b1\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "see below\r\n"
    "--b1\r\n"
    "Content-Type: message/rfc822\r\n"
    "\r\n"
    "From: x@example.test\r\n"
    "Subject: inner\r\n"
    "Content-Type: multipart/alternative; boundary=b2\r\n"
    "\r\n"
    "--b2\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "inner text\r\n"
    "--b2\r\n"
    "Content-Type: text/html\r\n"
    "\r\n"
    "<b>inner</b>\r\n"
    "--b2--\r\n"
    "\r\n"
    "--b1--\r\n";

START_TEST(message_rfc822)
{
    check(forwarded, MIME_DECODE,
          "[ multipart/mixed d=0 p=-1]"
          "[1 text/plain d=1 p=0]see below(/1 n=0)"
          "[2 message/rfc822 d=1 p=0]"
          "[2.TEXT multipart/alternative d=2 p=2]"
          "[2.1 text/plain d=3 p=3]inner text(/2.1 n=0)"
          "[2.2 text/html d=3 p=3]<b>inner</b>(/2.2 n=0)"
          "(/2.TEXT n=2)"
          "(/2 n=1)"
          "(/ n=2)");
}
END_TEST

/* LF line ends, a boundary quoted in text, a longer word that starts like
 * the boundary, a part without a blank line, no final boundary. */
static const char broken[] =
    "Content-Type: multipart/mixed; boundary=\"b1\"\n"
    "\n"
    "--b1\n"
    "Content-Type: text/plain\n"
    "\n"
    "> --b1 quoted\n"
    "--b1x not one\n"
    "last line\n"
    "--b1   \n"
    "no header line here\n";

START_TEST(broken_mail)
{
    check(broken, MIME_DECODE,
          "[ multipart/mixed d=0 p=-1]"
          "[1 text/plain d=1 p=0]> --b1 quoted\n--b1x not one\nlast line(/1 n=0)"
          "[2 text/plain d=1 p=0]no header line here\n(/2 n=0)"
          "(/ n=2)");
}
END_TEST

/* An outer boundary ends an inner multipart left open. */
static const char unclosed[] =
    "Content-Type: multipart/mixed; boundary=o\r\n\r\n"
    "--o\r\n"
    "Content-Type: multipart/alternative; boundary=i\r\n\r\n"
    "--i\r\n\r\none\r\n"
    "--o\r\n\r\ntwo\r\n"
    "--o--\r\n";

START_TEST(outer_boundary_closes_inner)
{
    check(unclosed, 0,
          "[ multipart/mixed d=0 p=-1]"
          "[1 multipart/alternative d=1 p=0]"
          "[1.1 text/plain d=2 p=1]one(/1.1 n=0)"
          "(/1 n=1)"
          "[2 text/plain d=1 p=0]two(/2 n=0)"
          "(/ n=2)");
}
END_TEST

START_TEST(single_part)
{
    check("From: a@example.test\r\nContent-Transfer-Encoding: base64\r\n\r\nSGVsbG8=\r\n", MIME_DECODE,
          "[1 text/plain d=0 p=-1]Hello(/1 n=0)");
    check("From a@example.test Mon Jan  1 00:00:00 2024\nSubject: mbox\n\nbody\n", 0,
          "[1 text/plain d=0 p=-1]body\n(/1 n=0)");
    check("Subject: no body\r\n", 0, "[1 text/plain d=0 p=-1](/1 n=0)");
    check("", 0, "[1 text/plain d=0 p=-1](/1 n=0)");
    /* a multipart without a boundary parameter is read as one part */
    check("Content-Type: multipart/mixed\r\n\r\n--x\r\n", 0,
          "[1 multipart/mixed d=0 p=-1]--x\r\n(/1 n=0)");
    /* CR at a piece's end, and a lone CR inside a line */
    check("Subject: cr\r\n\r\na\rb\r\nc\r", 0, "[1 text/plain d=0 p=-1]a\rb\r\nc\r(/1 n=0)");
}
END_TEST

/* Raw UTF-8 in header fields, as mailers write it without RFC 2047: kept
 * as it came; bytes that are no UTF-8 (Latin-1) as U+FFFD. */
START_TEST(eight_bit_headers)
{
    check("Content-Type: multipart/mixed; boundary=b\r\n\r\n"
          "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"Gr\xc3\xbc\xc3\x9f" "e.txt\"\r\n"
          "\r\nx\r\n--b--\r\n",
          0, "[ multipart/mixed d=0 p=-1][1 text/plain d=1 p=0 file]x(/1 n=0)(/ n=1)");
    MIMEPARTA all[2];
    mw_mime_events ev = {NULL, NULL, keep_end, all};
    mw_mime_parser *p;
    static const char msg[] = "Content-Type: application/pdf; name=\"caf\xe9.pdf\"\r\n\r\n%PDF";
    ck_assert_uint_eq(mw_mime_parser_new(&ev, 0, &p), 0);
    ck_assert_uint_eq(mw_mime_parser_feed(p, msg, sizeof msg - 1), 0);
    ck_assert_uint_eq(mw_mime_parser_finish(p), 0);
    mw_mime_parser_free(&p);
    ck_assert_str_eq(all[0].szFileName, "caf\xef\xbf\xbd.pdf"); /* no UTF-8: U+FFFD, a name every system takes */
}
END_TEST

START_TEST(digest_parts_are_messages)
{
    check("Content-Type: multipart/digest; boundary=d\r\n\r\n"
          "--d\r\n\r\nSubject: one\r\n\r\nfirst\r\n--d--\r\n",
          0,
          "[ multipart/digest d=0 p=-1][1 message/rfc822 d=1 p=0]"
          "[1.1 text/plain d=2 p=1]first(/1.1 n=0)(/1 n=1)(/ n=1)");
}
END_TEST

START_TEST(unknown_charset_reported)
{
    check("Content-Type: text/plain; charset=x-unknown\r\n\r\n\xe9\r\n", MIME_DECODE_UTF8,
          "[1 text/plain d=0 p=-1]\xe9\r\n(/1 n=0)");
}
END_TEST

START_TEST(limits)
{
    mw_buf msg, t;
    mw_buf_init(&msg, 0);
    for (int i = 0; i < MIME_MAX_DEPTH + 2; i++)
        ck_assert_uint_eq(mw_buf_printf(&msg, "Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n", i, i), 0);
    mw_buf_init(&t, 0);
    ck_assert_uint_eq(parse((char *)msg.p, msg.len, 0, NULL, &t), ST_ERROR_MESSAGE_TOO_COMPLEX);
    mw_buf_free(&t);
    mw_buf_reset(&msg);
    for (int i = 0; i < 2000; i++)
        ck_assert_uint_eq(mw_buf_append_str(&msg, "X-Filler: 0123456789012345678901234567890123456789\r\n"), 0);
    mw_buf_init(&t, 0);
    ck_assert_uint_eq(parse((char *)msg.p, msg.len, 0, NULL, &t), ST_ERROR_MESSAGE_TOO_COMPLEX);
    mw_buf_free(&t);
    mw_buf_reset(&msg);
    ck_assert_uint_eq(mw_buf_append_str(&msg, "Content-Type: multipart/mixed; boundary=m\r\n\r\n"), 0);
    for (int i = 0; i < MIME_MAX_PARTS + 1; i++)
        ck_assert_uint_eq(mw_buf_append_str(&msg, "--m\r\n\r\nx\r\n"), 0);
    mw_buf_init(&t, 0);
    ck_assert_uint_eq(parse((char *)msg.p, msg.len, 0, NULL, &t), ST_ERROR_MESSAGE_TOO_COMPLEX);
    mw_buf_free(&t);
    mw_buf_free(&msg);
}
END_TEST

/* ---- the public parser ------------------------------------------------------------- */

typedef struct seen {
    char headers[512];
    int data_calls;
    int stop_at_data;
} seen;

static BOOL CALLBACK on_event(HMIMEPARSER hp, UINT event, const MIMEPARTA *p, LPCVOID data, DWORD len,
                              DWORD_PTR param)
{
    seen *s = (seen *)param;
    (void)hp;
    if (event == MIME_EVENT_PART_BEGIN) {
        size_t n = strlen(s->headers);
        snprintf(s->headers + n, sizeof s->headers - n, "[%s]%.*s", p->szPart, (int)len, (const char *)data);
    }
    if (event == MIME_EVENT_PART_DATA)
        s->data_calls++;
    return event != MIME_EVENT_PART_DATA || !s->stop_at_data;
}

START_TEST(public_parser)
{
    static const char msg[] = "Content-Type: multipart/mixed; boundary=b\r\nX-Top: 1\r\n\r\n"
                              "--b\r\nContent-Type: text/plain;\r\n charset=utf-8\r\n\r\nhi\r\n--b--\r\n";
    seen s;
    memset(&s, 0, sizeof s);
    HMIMEPARSER hp = MimeCreateParser(on_event, (DWORD_PTR)&s, MIME_DECODE);
    ck_assert_ptr_nonnull(hp);
    for (size_t i = 0; i < sizeof msg - 1; i++) /* one byte at a time */
        ck_assert(MimeParserWrite(hp, msg + i, 1));
    ck_assert_int_eq(MimeParserClose(hp), 2);
    /* each part's header block as it came, folding and line ends kept */
    ck_assert_str_eq(s.headers, "[]Content-Type: multipart/mixed; boundary=b\r\nX-Top: 1\r\n"
                                "[1]Content-Type: text/plain;\r\n charset=utf-8\r\n");
    ck_assert_int_eq(s.data_calls, 2); /* "h" and "i", as the bytes came */
    /* a callback that stops: the write fails, and so does every later one */
    memset(&s, 0, sizeof s);
    s.stop_at_data = 1;
    hp = MimeCreateParser(on_event, (DWORD_PTR)&s, 0);
    ck_assert(!MimeParserWrite(hp, msg, sizeof msg - 1));
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_CANCELLED);
    ck_assert(!MimeParserWrite(hp, "x", 1));
    ck_assert_int_eq(MimeParserClose(hp), MIME_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_CANCELLED);
    /* bad arguments */
    ck_assert_ptr_null(MimeCreateParser(NULL, 0, 0));
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_ptr_null(MimeCreateParser(on_event, 0, 0x1));
    ck_assert(!MimeParserWrite(NULL, "x", 1));
    ck_assert_int_eq(MimeParserClose(NULL), MIME_ERROR);
}
END_TEST

static Suite *mime_parser_suite(void)
{
    Suite *s = suite_create("mime_parser");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, nested_decoded);
    tcase_add_test(tc, nested_raw);
    tcase_add_test(tc, part_details);
    tcase_add_test(tc, message_rfc822);
    tcase_add_test(tc, broken_mail);
    tcase_add_test(tc, outer_boundary_closes_inner);
    tcase_add_test(tc, single_part);
    tcase_add_test(tc, digest_parts_are_messages);
    tcase_add_test(tc, eight_bit_headers);
    tcase_add_test(tc, unknown_charset_reported);
    tcase_add_test(tc, limits);
    tcase_add_test(tc, public_parser);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(mime_parser_suite)
