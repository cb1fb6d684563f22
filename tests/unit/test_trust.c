/*
 * test_trust.c - parsed CA stores are shared while their files are
 * unchanged, parsed again when rewritten, and freed once no session holds
 * them (beyond a few kept for the next connection).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/check_main.h"
#include "../common/testsys.h"
#include "../common/testutil.h"
#include "net/trust.h"

static char dir[] = "/tmp/mailwire-trust-XXXXXX";
static char ca[600], other[600];

/* Appends the bytes of file from to file to. */
static void append_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "ab");
    ck_assert(in != NULL && out != NULL);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
    fclose(in);
    ck_assert_int_eq(fclose(out), 0);
}

#if defined(_WIN32)
/* Windows has no openssl command: the harness's two CAs stand in (its
 * server.env comes with the test). */
static void make_cert(const char *path, const char *cn)
{
    char from[700];
    const char *dir_of_certs = server_env("MW_CERT_DIR");
    ck_assert_ptr_nonnull(dir_of_certs);
    snprintf(from, sizeof from, "%s/%s", dir_of_certs,
             strcmp(cn, "Other CA") == 0 ? "otherca.crt" : "ca.crt");
    append_file(from, path);
}
#else
/* A self-signed certificate in path, from the openssl command. */
static void make_cert(const char *path, const char *cn)
{
    char cmd[1600];
    snprintf(cmd, sizeof cmd,
             "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
             "-subj '/CN=%s' -keyout %s.key -out %s 2>/dev/null",
             cn, path, path);
    ck_assert_int_eq(system(cmd), 0);
}
#endif

static void setup(void)
{
    strcpy(dir, "/tmp/mailwire-trust-XXXXXX");
    ck_assert_ptr_nonnull(test_mkdtemp(dir));
    snprintf(ca, sizeof ca, "%s/ca.pem", dir);
    snprintf(other, sizeof other, "%s/other.pem", dir);
    make_cert(ca, "Trust Test CA");
    make_cert(other, "Other CA");
}

static void teardown(void)
{
    mw_trust_cleanup();
    int count;
    char **names = sorted_names(dir, &count);
    for (int i = 0; i < count; i++) {
        char path[700];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        ck_assert_int_eq(remove(path), 0);
    }
    free_names(names, count);
    ck_assert_int_eq(rmdir(dir), 0);
}

static int chain_length(mw_trust *t)
{
    int n = 0;
    for (mbedtls_x509_crt *c = mw_trust_chain(t); c != NULL && c->raw.len > 0; c = c->next)
        n++;
    return n;
}

START_TEST(same_file_shared)
{
    mw_trust *a, *b, *c;
    ck_assert_int_eq(mw_trust_acquire(ca, NULL, &a), 0);
    ck_assert_int_eq(mw_trust_acquire(ca, NULL, &b), 0);
    ck_assert_ptr_eq(a, b); /* one parse for both */
    ck_assert_int_eq(chain_length(a), 1);
    ck_assert_int_eq(mw_trust_acquire(other, NULL, &c), 0);
    ck_assert_ptr_ne(a, c);
    mw_trust_release(a);
    mw_trust_release(b);
    /* kept for the next connection */
    ck_assert_int_eq(mw_trust_acquire(ca, NULL, &b), 0);
    ck_assert_ptr_eq(a, b);
    mw_trust_release(b);
    mw_trust_release(c);
}
END_TEST

START_TEST(rewritten_file_parsed_again)
{
    mw_trust *old, *fresh;
    ck_assert_int_eq(mw_trust_acquire(ca, NULL, &old), 0);
    sleep(1); /* a new modification time */
    append_file(other, ca); /* now two anchors */
    ck_assert_int_eq(mw_trust_acquire(ca, NULL, &fresh), 0);
    ck_assert_ptr_ne(old, fresh);
    ck_assert_int_eq(chain_length(fresh), 2);
    ck_assert_int_eq(chain_length(old), 1); /* still whole for the session holding it */
    mw_trust_release(old);
    mw_trust_release(fresh);
}
END_TEST

START_TEST(unreadable_and_system)
{
    mw_trust *t = (mw_trust *)1;
    char missing[700];
    snprintf(missing, sizeof missing, "%s/missing.pem", dir);
    ck_assert_uint_eq(mw_trust_acquire(missing, NULL, &t), ST_ERROR_FILE_IO);
    ck_assert_ptr_null(t);
    ck_assert_uint_eq(mw_trust_acquire(NULL, missing, &t), ST_ERROR_FILE_IO);
    /* the system store: present or not, never an error */
    ck_assert_int_eq(mw_trust_acquire(NULL, NULL, &t), 0);
    mw_trust_release(t);
    ck_assert_int_eq(mw_trust_acquire(NULL, dir, &t), 0); /* a directory of anchors */
    ck_assert_int_ge(chain_length(t), 2);
    mw_trust_release(t);
}
END_TEST

static Suite *trust_suite(void)
{
    Suite *s = suite_create("trust");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, same_file_shared);
    tcase_add_test(tc, rewritten_file_parsed_again);
    tcase_add_test(tc, unreadable_and_system);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(trust_suite)
