/* test_addr.c - host specifications and proxy URLs. */
#include <string.h>

#include "../common/check_main.h"
#include "net/addr.h"
#include "net/proxy.h"

typedef struct {
    const char *spec;
    DWORD err;
    const char *host;
    unsigned port;
} addr_case;

static const addr_case cases[] = {
    {"imap.example.test", 0, "imap.example.test", 0},
    {"imap.example.test:1143", 0, "imap.example.test", 1143},
    {"127.0.0.1", 0, "127.0.0.1", 0},
    {"127.0.0.1:993", 0, "127.0.0.1", 993},
    {"::1", 0, "::1", 0},
    {"[::1]", 0, "::1", 0},
    {"[::1]:143", 0, "::1", 143},
    {"fe80::1:2", 0, "fe80::1:2", 0},
    {"", ST_ERROR_INVALID_PARAMETER, NULL, 0},
    {"host:", ST_ERROR_INVALID_PARAMETER, NULL, 0},
    {"host:0", ST_ERROR_INVALID_PARAMETER, NULL, 0},
    {"host:65536", ST_ERROR_INVALID_PARAMETER, NULL, 0},
    {"host:12a", ST_ERROR_INVALID_PARAMETER, NULL, 0},
    {"[::1", ST_ERROR_INVALID_PARAMETER, NULL, 0},
    {"[::1]x", ST_ERROR_INVALID_PARAMETER, NULL, 0},
    {"[nothex]:1", ST_ERROR_INVALID_PARAMETER, NULL, 0},
    {"bad host", ST_ERROR_INVALID_PARAMETER, NULL, 0},
    {"evil\r\nhost", ST_ERROR_INVALID_PARAMETER, NULL, 0},
    {":::", ST_ERROR_INVALID_PARAMETER, NULL, 0},
};

START_TEST(parse_table)
{
    const addr_case *c = &cases[_i];
    char host[MW_HOST_MAX];
    unsigned port = 99;
    DWORD err = mw_addr_parse(c->spec, host, sizeof host, &port);
    ck_assert_msg(err == c->err, "%s: got 0x%x", c->spec, (unsigned)err);
    if (c->err == 0) {
        ck_assert_str_eq(host, c->host);
        ck_assert_uint_eq(port, c->port);
    }
}
END_TEST

START_TEST(too_long_host)
{
    char spec[400], host[MW_HOST_MAX];
    unsigned port;
    memset(spec, 'a', sizeof spec - 1);
    spec[sizeof spec - 1] = '\0';
    ck_assert_uint_eq(mw_addr_parse(spec, host, sizeof host, &port), ST_ERROR_INVALID_PARAMETER);
}
END_TEST

START_TEST(ip_literals)
{
    ck_assert(mw_addr_is_ip_literal("127.0.0.1"));
    ck_assert(mw_addr_is_ip_literal("::1"));
    ck_assert(!mw_addr_is_ip_literal("localhost"));
    ck_assert(!mw_addr_is_ip_literal("1.2.3"));
}
END_TEST

START_TEST(proxy_urls)
{
    mw_proxy p;
    ck_assert_uint_eq(mw_proxy_parse("socks5://127.0.0.1:1080", &p), 0);
    ck_assert_int_eq(p.kind, MW_PROXY_SOCKS5);
    ck_assert_str_eq(p.host, "127.0.0.1");
    ck_assert_uint_eq(p.port, 1080);
    ck_assert_str_eq(p.user, "");
    ck_assert_uint_eq(mw_proxy_parse("http://us%40r:p%3Ass@[::1]:3128", &p), 0);
    ck_assert_int_eq(p.kind, MW_PROXY_HTTP);
    ck_assert_str_eq(p.host, "::1");
    ck_assert_uint_eq(p.port, 3128);
    ck_assert_str_eq(p.user, "us@r");
    ck_assert_str_eq(p.password, "p:ss");
    ck_assert_uint_eq(mw_proxy_parse("socks5://proxy.test", &p), 0);
    ck_assert_uint_eq(p.port, 1080);
    ck_assert_uint_eq(mw_proxy_parse("ftp://x:1", &p), ST_ERROR_INVALID_PARAMETER);
    ck_assert_uint_eq(mw_proxy_parse("http://", &p), ST_ERROR_INVALID_PARAMETER);
    ck_assert_uint_eq(mw_proxy_parse("http://h:1/path", &p), ST_ERROR_INVALID_PARAMETER);
    ck_assert_uint_eq(mw_proxy_parse("http://a%00b@h:1", &p), ST_ERROR_INVALID_PARAMETER);
}
END_TEST

static Suite *addr_suite(void)
{
    Suite *s = suite_create("addr");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, parse_table, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, too_long_host);
    tcase_add_test(tc, ip_literals);
    tcase_add_test(tc, proxy_urls);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(addr_suite)
