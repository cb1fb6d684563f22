/*
 * test_imap_parts.c - MIME parts against scripted servers, for what the
 * real ones in the harness do not do: a server with BINARY that cannot
 * decode a part (NO [UNKNOWN-CTE]), BINARY's literal8, a server that sends
 * other bytes than the part asked for, and text meant for a terminal
 * (a preview with escape sequences, a file name with controls).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/check_main.h"
#include "../common/testsys.h"
#include "../common/testutil.h"
#include "../fake/fake_imap.h"

#define PREAUTH_BINARY SEND("* PREAUTH [CAPABILITY IMAP4rev1 BINARY PREVIEW] hi\r\n")
#define SELECTED                                                                                   \
    EXPECT("A0001 SELECT INBOX"), SEND("* 1 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\nA0001 OK [READ-WRITE] in\r\n")
#define LOGOUT(tag) EXPECT(tag " LOGOUT"), SEND("* BYE\r\n" tag " OK\r\n")
/* one base64 text part of 8 bytes: "SGVsbG8=" is "Hello" */
#define ONE_PART "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"base64\" 8 1)"

/* ImapGetMessagePart into library memory: the text, "" on failure. */
static void part_text(HCLIENT h, const char *spec, DWORD options, char *out, size_t cap)
{
    HGLOBAL mem = NULL;
    DWORD len = 0;
    out[0] = '\0';
    if (ImapGetMessagePartA(h, 1, spec, &mem, &len, options) >= 0) {
        snprintf(out, cap, "%.*s", (int)len, (char *)mem);
        ImapFreeMemory(mem);
    }
}

START_TEST(binary_refused_then_decoded_here)
{
    fake_step s[] = {PREAUTH_BINARY, SELECTED, EXPECT("A0002 FETCH 1 (BODYSTRUCTURE)"),
                     SEND("* 1 FETCH (BODYSTRUCTURE " ONE_PART ")\r\nA0002 OK\r\n"),
                     EXPECT("A0003 FETCH 1 (BINARY.PEEK[1])"),
                     SEND("A0003 NO [UNKNOWN-CTE] Cannot decode\r\n"),
                     EXPECT("A0004 FETCH 1 (BODY.PEEK[1])"),
                     SEND("* 1 FETCH (BODY[1] {8}\r\nSGVsbG8=)\r\nA0004 OK\r\n"), LOGOUT("A0005")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    char text[64];
    part_text(h, "1", MIME_DECODE | IMAP_MESSAGE_PEEK, text, sizeof text);
    ck_assert_str_eq(text, "Hello");
    fake_imap_done(f, h);
}
END_TEST

START_TEST(binary_literal8)
{
    fake_step s[] = {PREAUTH_BINARY, SELECTED, EXPECT("A0002 FETCH 1 (BODYSTRUCTURE)"),
                     SEND("* 1 FETCH (BODYSTRUCTURE " ONE_PART ")\r\nA0002 OK\r\n"),
                     EXPECT("A0003 FETCH 1 (BINARY.PEEK[1])"),
                     SEND("* 1 FETCH (BINARY[1] ~{6}\r\nHi\xffyou)\r\nA0003 OK\r\n"), LOGOUT("A0004")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    HGLOBAL mem = NULL;
    DWORD len = 0;
    ck_assert_int_eq(ImapGetMessagePartA(h, 1, "1", &mem, &len, MIME_DECODE | IMAP_MESSAGE_PEEK), 6);
    ck_assert(memcmp(mem, "Hi\xffyou", 6) == 0); /* binary, as it came */
    ImapFreeMemory(mem);
    fake_imap_done(f, h);
}
END_TEST

/* A part announced as 5 bytes, answered with 20 (the whole message part):
 * dropped, and read from the message part fetched whole. */
START_TEST(other_bytes_than_the_part)
{
    fake_step s[] = {
        PREAUTH_BINARY, SELECTED, EXPECT("A0002 FETCH 1 (BODYSTRUCTURE)"),
        SEND("* 1 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 2 1)"
             "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 20 (NIL \"in\" NIL NIL NIL NIL NIL NIL NIL NIL)"
             "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 5 1) 3) \"mixed\"))\r\nA0002 OK\r\n"),
        EXPECT("A0003 FETCH 1 (BODY.PEEK[2.1])"),
        SEND("* 1 FETCH (BODY[2.1] {20}\r\nSubject: in\r\n\r\ninner)\r\nA0003 OK\r\n"),
        EXPECT("A0004 FETCH 1 (BODY.PEEK[2])"),
        SEND("* 1 FETCH (BODY[2] {20}\r\nSubject: in\r\n\r\ninner)\r\nA0004 OK\r\n"), LOGOUT("A0005")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    char text[64];
    part_text(h, "2.1", MIME_DECODE | IMAP_MESSAGE_PEEK, text, sizeof text);
    ck_assert_str_eq(text, "inner");
    fake_imap_done(f, h);
}
END_TEST

/* A server's preview goes to the caller on one line, without controls. */
START_TEST(preview_without_controls)
{
    fake_step s[] = {PREAUTH_BINARY, SELECTED, EXPECT("A0002 FETCH 1 (UID PREVIEW)"),
                     SEND("* 1 FETCH (UID 4 PREVIEW {25}\r\nline\r\n\x1b]0;title\x07  two\x1b[2J)\r\nA0002 OK\r\n"),
                     LOGOUT("A0003")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    char text[64];
    ck_assert_int_gt(ImapGetMessagePreviewA(h, 1, text, sizeof text, 0), 0);
    ck_assert_str_eq(text, "line ]0;title two[2J");
    fake_imap_done(f, h);
}
END_TEST

/* A file name with a path, quotes and an escape: the description keeps no
 * control, the saved file stays in the folder. */
START_TEST(hostile_file_name)
{
    fake_step s[] = {
        PREAUTH_BINARY, SELECTED, EXPECT("A0002 FETCH 1 (BODYSTRUCTURE)"),
        SEND("* 1 FETCH (BODYSTRUCTURE (\"application\" \"octet-stream\" NIL NIL NIL \"7bit\" 2 NIL "
             "(\"attachment\" (\"filename\" {16}\r\n../..\x1b[31m/x\".sh)) NIL))\r\nA0002 OK\r\n"),
        EXPECT("A0003 FETCH 1 (BODYSTRUCTURE)"),
        SEND("* 1 FETCH (BODYSTRUCTURE (\"application\" \"octet-stream\" NIL NIL NIL \"7bit\" 2 NIL "
             "(\"attachment\" (\"filename\" {16}\r\n../..\x1b[31m/x\".sh)) NIL))\r\nA0003 OK\r\n"),
        EXPECT("A0004 FETCH 1 (BODY.PEEK[1])"), SEND("* 1 FETCH (BODY[1] {2}\r\nok)\r\nA0004 OK\r\n"),
        LOGOUT("A0005")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = fake_imap_open_selected(f);
    MIMEPARTA p;
    p.dwSize = sizeof p;
    ck_assert_int_eq(ImapEnumMessagePartsA(h, 1, &p, 1, 0), 1);
    ck_assert_str_eq(p.szFileName, "../..?[31m/x\".sh");
    char dir[] = "mw-hostile-XXXXXX";
    ck_assert_ptr_nonnull(test_mkdtemp(dir));
    ck_assert_int_eq(ImapSaveAttachmentsA(h, 1, dir, IMAP_MESSAGE_PEEK), 1);
    int count = 0;
    char **names = sorted_names(dir, &count);
    ck_assert_int_eq(count, 1);
    ck_assert_str_eq(names[0], "x_.sh");
    char path[200];
    snprintf(path, sizeof path, "%s/%s", dir, names[0]);
    free_names(names, count);
    ck_assert_int_eq(test_remove(path), 0);
    ck_assert_int_eq(rmdir(dir), 0);
    fake_imap_done(f, h);
}
END_TEST

static Suite *imap_parts_suite(void)
{
    Suite *s = suite_create("imap_parts");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, fake_imap_setup, fake_imap_teardown);
    tcase_add_test(tc, binary_refused_then_decoded_here);
    tcase_add_test(tc, binary_literal8);
    tcase_add_test(tc, other_bytes_than_the_part);
    tcase_add_test(tc, preview_without_controls);
    tcase_add_test(tc, hostile_file_name);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(imap_parts_suite)
