/* test_cli_tools.c - the tool's own helpers: SHA-256 (push's record of
 * messages without a Message-ID), IMAP date-times (push's dates, pull's
 * file times), folder names and mail URLs. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../common/check_main.h"
#include "../common/testsys.h"
#include "cli.h"
#include "dates.h"
#include "folders.h"
#include "os.h"
#include "sha256.h"

static void assert_digest(const char *data, size_t len, size_t piece, const char *want)
{
    sha256 s;
    char hex[65];
    sha256_start(&s);
    for (size_t at = 0; at < len; at += piece)
        sha256_add(&s, data + at, len - at < piece ? len - at : piece);
    sha256_hex(&s, hex);
    ck_assert_str_eq(hex, want);
}

/* FIPS 180-4's examples, fed whole and in pieces across block bounds */
START_TEST(sha256_known_digests)
{
    const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    for (size_t piece = 1; piece <= 65; piece += 16) {
        assert_digest("", 0, piece, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_digest("abc", 3, piece, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_digest(two_blocks, strlen(two_blocks), piece,
                      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }
    static char million[1000000];
    memset(million, 'a', sizeof million);
    assert_digest(million, sizeof million, 4096,
                  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

START_TEST(imap_dates_both_ways)
{
    char out[64];
    long long t;
    cli_imap_date(0, out);
    ck_assert_str_eq(out, "01-Jan-1970 00:00:00 +0000");
    cli_imap_date(1700000000, out);
    ck_assert_str_eq(out, "14-Nov-2023 22:13:20 +0000");
    cli_imap_date(951782400, out); /* a leap day */
    ck_assert_str_eq(out, "29-Feb-2000 00:00:00 +0000");
    cli_iso_date(1700000000, out);
    ck_assert_str_eq(out, "2023-11-14T22:13:20Z");
    cli_iso_date(-1, out);
    ck_assert_str_eq(out, "1969-12-31T23:59:59Z");
    ck_assert_int_eq(cli_parse_imap_date("14-Nov-2023 22:13:20 +0000", &t), 0);
    ck_assert_int_eq(t, 1700000000);
    ck_assert_int_eq(cli_parse_imap_date(" 3-Feb-2024 11:30:00 -0130", &t), 0);
    ck_assert_int_eq(t, 1706965200); /* 13:00 UTC */
    ck_assert_int_eq(cli_parse_imap_date("01-Jan-2024 05:00:00 +0500", &t), 0);
    ck_assert_int_eq(t, 1704067200);
    /* every day of a few years goes there and back */
    for (long long s = 946684800; s < 1104537600; s += 86400 + 3607) {
        cli_imap_date(s, out);
        ck_assert_int_eq(cli_parse_imap_date(out, &t), 0);
        ck_assert_int_eq(t, s);
    }
}
END_TEST

START_TEST(imap_dates_refused)
{
    long long t = 42;
    const char *bad[] = {"", "bogus", "14-Nov-2023", "14-Foo-2023 22:13:20 +0000",
                         "14-Nov-2023 22:13:20 0000", "32-Nov-2023 22:13:20 +0000",
                         "14-Nov-2023 24:13:20 +0000", "14-Nov-2023 22:13:20 +0070",
                         "14-ov-2023 22:13:20 +0000"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(cli_parse_imap_date(bad[i], &t) == -1, "took \"%s\"", bad[i]);
    ck_assert_int_eq(t, 42);
}
END_TEST

static void assert_folder(const char *mailbox, char delim, folder_layout layout, const char *want)
{
    char out[256];
    ck_assert_int_eq(folder_for("D", mailbox, delim, layout, out, sizeof out), 0);
    ck_assert_str_eq(out, want);
}

START_TEST(folders_for_mailboxes)
{
    assert_folder("INBOX", '/', LAYOUT_MAILDIRPP, "D");
    assert_folder("inbox", '.', LAYOUT_NESTED, "D");
    assert_folder("INBOX/Sub", '/', LAYOUT_MAILDIRPP, "D/.INBOX.Sub");
    assert_folder("Work/Projects", '/', LAYOUT_MAILDIRPP, "D/.Work.Projects");
    assert_folder("Work/Projects", '/', LAYOUT_NESTED, "D/Work/Projects");
    assert_folder("a.b", '/', LAYOUT_MAILDIRPP, "D/.a%2Eb"); /* '.' is Maildir++'s level mark */
    assert_folder("a/b", '.', LAYOUT_NESTED, "D/a%2Fb");
    assert_folder("Entw\xc3\xbcrfe", '/', LAYOUT_MAILDIRPP, "D/.Entw\xc3\xbcrfe");
    assert_folder("..", '/', LAYOUT_NESTED, "D/%2E%2E");
    assert_folder("x\\y:z\x1b", 0, LAYOUT_NESTED, "D/x%5Cy%3Az%1B");
    assert_folder(" lead trail ", 0, LAYOUT_NESTED, "D/%20lead trail%20");
    assert_folder("CON", 0, LAYOUT_NESTED, "D/%43ON");
    assert_folder("nul.txt", 0, LAYOUT_MAILDIRPP, "D/.%6Eul%2Etxt");
    assert_folder("COM7", 0, LAYOUT_NESTED, "D/%43OM7");
    assert_folder("COM0", 0, LAYOUT_NESTED, "D/COM0");
    assert_folder("CONSOLE", 0, LAYOUT_NESTED, "D/CONSOLE");
    assert_folder("cur", 0, LAYOUT_NESTED, "D/%63ur"); /* a Maildir's own */
    assert_folder("cur", 0, LAYOUT_MAILDIRPP, "D/.cur");
    assert_folder("a//b", '/', LAYOUT_NESTED, "D/a/_/b");
    char small[8];
    ck_assert_int_eq(folder_for("D", "a-long-name", '/', LAYOUT_NESTED, small, sizeof small), -1);
}
END_TEST

/* A nested folder's parents are made; INBOX's folder (the directory
 * itself) needs none. */
START_TEST(folder_parents_made)
{
    char dir[] = "mw-folders-XXXXXX", folder[256], parent[300];
    ck_assert_ptr_nonnull(test_mkdtemp(dir));
    ck_assert_int_eq(folder_make_parents(dir, dir), 0);
    ck_assert_int_eq(folder_for(dir, "A/B/C", '/', LAYOUT_NESTED, folder, sizeof folder), 0);
    ck_assert_int_eq(folder_make_parents(dir, folder), 0);
    snprintf(parent, sizeof parent, "%s/A/B", dir);
    ck_assert(os_exists(parent));
    snprintf(parent, sizeof parent, "%s/A/B/C", dir);
    ck_assert(!os_exists(parent)); /* the folder itself is the Maildir's to make */
    snprintf(parent, sizeof parent, "%s/A/B", dir);
    ck_assert_int_eq(rmdir(parent), 0);
    snprintf(parent, sizeof parent, "%s/A", dir);
    ck_assert_int_eq(rmdir(parent), 0);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

static void parse_ok(const char *text, cli_url *u)
{
    cli_options o;
    memset(&o, 0, sizeof o);
    int r = cli_parse_url(&o, text, u);
    ck_assert_msg(r == 0, "%s: %s", text, u->error);
}

static void parse_refused(const char *text, const char *why)
{
    cli_options o;
    cli_url u;
    memset(&o, 0, sizeof o);
    ck_assert_msg(cli_parse_url(&o, text, &u) != 0, "%s was taken", text);
    ck_assert_msg(strstr(u.error, why) != NULL, "%s: \"%s\" lacks \"%s\"", text, u.error, why);
}

/* RFC 5092's forms as curl writes them: parameters with or without a '/'
 * before them, case-blind names, the search after '?' */
START_TEST(urls_with_parameters)
{
    cli_url u;
    parse_ok("imaps://a%40b.example:p%3Aw@mail.example:993/Sent%20Items/;UID=42/;SECTION=1.2", &u);
    ck_assert_str_eq(u.user, "a@b.example");
    ck_assert_str_eq(u.password, "p:w");
    ck_assert_str_eq(u.host, "mail.example:993");
    ck_assert_str_eq(u.mailbox, "Sent Items");
    ck_assert_uint_eq(u.uid, 42);
    ck_assert_str_eq(u.section, "1.2");
    ck_assert_str_eq(u.search, "");
    parse_ok("imap://h/INBOX;UIDVALIDITY=385759045/;uid=20;section=header", &u);
    ck_assert_str_eq(u.mailbox, "INBOX");
    ck_assert_uint_eq(u.uidvalidity, 385759045UL);
    ck_assert_uint_eq(u.uid, 20);
    ck_assert_str_eq(u.section, "HEADER");
    parse_ok("imap://h/INBOX?SUBJECT%20%22a%3Fb%22%20UNSEEN", &u);
    ck_assert_str_eq(u.mailbox, "INBOX");
    ck_assert_str_eq(u.search, "SUBJECT \"a?b\" UNSEEN");
    parse_ok("imap://h?NEW", &u);
    ck_assert_str_eq(u.host, "h");
    ck_assert_str_eq(u.mailbox, "");
    ck_assert_str_eq(u.search, "NEW");
    parse_ok("imap://h/Q%26A%3F%3B", &u);
    ck_assert_str_eq(u.mailbox, "Q&A?;");
    parse_ok("pop3://[::1]:110/;UID=3", &u);
    ck_assert_str_eq(u.host, "[::1]:110");
    ck_assert_uint_eq(u.uid, 3);
    parse_ok("imap://::1/INBOX", &u); /* a bare IPv6 address has no port */
    parse_ok("imap://h:65535/;SECTION=TEXT", &u);
    ck_assert_str_eq(u.section, "TEXT");
}
END_TEST

START_TEST(urls_refused_with_reasons)
{
    parse_refused("imap://h:99999/INBOX", "out of range (1-65535): 99999");
    parse_refused("imap://h:0/INBOX", "out of range (1-65535): 0");
    parse_refused("imap://h:143x/INBOX", "not a number: 143x");
    parse_refused("imap://h:/INBOX", "not a number");
    parse_refused("imap://[::1/INBOX", "no ']'");
    parse_refused("imap://[::1]x/INBOX", "text after the IPv6 address");
    parse_refused("imap://h/INBOX;UID=0", "out of range");
    parse_refused("imap://h/INBOX;UID=4294967296", "out of range");
    parse_refused("imap://h/INBOX;UID=-1", "not a number");
    parse_refused("imap://h/INBOX;PARTIAL=0.10", "unknown URL parameter");
    parse_refused("imap://h/INBOX;UID=1;SECTION=1.MIME", "not 1.MIME");
    parse_refused("imap://h/INBOX;UID=1;SECTION=0", "not 0");
    parse_refused("imap://h/INBOX;UID=1;SECTION=1.", "not 1.");
    parse_refused("imap://h/INBOX?", "bad search");
    parse_refused("imap://h/INBOX?a%0Db", "bad search");
    parse_refused("imap://h/IN%2", "bad mailbox name");
    parse_refused("http://h/", "the scheme");
    parse_refused("imap:///INBOX", "no host");
}
END_TEST

static Suite *cli_tools_suite(void)
{
    Suite *s = suite_create("cli_tools");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, sha256_known_digests);
    tcase_add_test(tc, imap_dates_both_ways);
    tcase_add_test(tc, imap_dates_refused);
    tcase_add_test(tc, folders_for_mailboxes);
    tcase_add_test(tc, folder_parents_made);
    tcase_add_test(tc, urls_with_parameters);
    tcase_add_test(tc, urls_refused_with_reasons);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(cli_tools_suite)
