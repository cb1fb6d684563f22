/*
 * test_windows.c - what only the Windows build can get wrong, against the
 * harness's Dovecot: file names that only UTF-16 can spell, through every W
 * function that takes a path; saved messages byte for byte (no CRLF
 * translation); the last error kept per thread; the Windows root store as
 * the trust anchors when no CA file is given (see with_test_ca.sh).
 */
#include <mailwire.h>
#include <process.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check_main.h"
#include "../common/testutil.h"

/* e-acute, a CJK ideograph and an envelope outside the BMP (a surrogate
 * pair): none of them is in every ANSI code page */
#define ODD_NAME L"mailwire-\u00e9\u4e2d\U0001F4E7"

static wchar_t dir[MAX_PATH];
static wchar_t ca_w[MAX_PATH], cert_w[MAX_PATH], key_w[MAX_PATH];
static unsigned imaps_port, pop3s_port;

static void widen(const char *s, wchar_t *out, size_t cap)
{
    ck_assert(MultiByteToWideChar(CP_UTF8, 0, s, -1, out, (int)cap) > 0);
}

static void in_dir(wchar_t *out, const wchar_t *name)
{
    ck_assert(_snwprintf(out, MAX_PATH, L"%ls\\%ls", dir, name) > 0);
}

/* Copies a harness file (a Linux path, which Wine reaches as is) into the
 * folder under a name of our own. */
static void copy_in(const char *key, const char *file, const wchar_t *name, wchar_t *out)
{
    char from[600];
    wchar_t wfrom[600];
    snprintf(from, sizeof from, "%s/%s", server_env(key), file);
    widen(from, wfrom, 600);
    in_dir(out, name);
    ck_assert_msg(CopyFileW(wfrom, out, FALSE), "copy %s: %lu", from, GetLastError());
}

static void setup(void)
{
    ck_assert_msg(server_env("MW_CERT_DIR") != NULL, "MAILWIRE_SERVER_ENV not set or unreadable");
    imaps_port = server_port("MW_IMAPS_PORT");
    pop3s_port = server_port("MW_POP3S_PORT");
    wchar_t tmp[MAX_PATH];
    ck_assert(GetTempPathW(MAX_PATH, tmp) > 0);
    ck_assert(_snwprintf(dir, MAX_PATH, L"%ls%ls-%lu", tmp, ODD_NAME, GetCurrentProcessId()) > 0);
    ck_assert(CreateDirectoryW(dir, NULL) || GetLastError() == ERROR_ALREADY_EXISTS);
    copy_in("MW_CERT_DIR", "ca.crt", L"ca-\u00e9.crt", ca_w);
    copy_in("MW_CERT_DIR", "client.crt", L"client-\u4e2d.crt", cert_w);
    copy_in("MW_CERT_DIR", "client.key", L"client-\u4e2d.key", key_w);
    ck_assert(ImapInitializeW(NULL, NULL));
    ck_assert(PopInitializeW(NULL, NULL));
}

/* Empties and removes the test's folder. */
static void remove_dir(void)
{
    wchar_t pattern[MAX_PATH], path[MAX_PATH];
    in_dir(pattern, L"*");
    WIN32_FIND_DATAW found;
    HANDLE h = FindFirstFileW(pattern, &found);
    if (h != INVALID_HANDLE_VALUE) {
        do {
            in_dir(path, found.cFileName);
            if (!(found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY))
                DeleteFileW(path);
        } while (FindNextFileW(h, &found));
        FindClose(h);
    }
    ck_assert_msg(RemoveDirectoryW(dir), "%ls left behind: %lu", dir, GetLastError());
}

static void teardown(void)
{
    PopUninitialize();
    ImapUninitialize();
    remove_dir();
}

static long file_size(const wchar_t *path)
{
    WIN32_FILE_ATTRIBUTE_DATA a;
    if (!GetFileAttributesExW(path, GetFileExInfoStandard, &a))
        return -1;
    return (long)a.nFileSizeLow;
}

/* The file's bytes must be exactly want[0..len). */
static void assert_file_is(const wchar_t *path, const void *want, DWORD len)
{
    FILE *f = _wfopen(path, L"rb");
    ck_assert_msg(f != NULL, "%ls not written", path);
    char *got = malloc(len + 1);
    size_t n = fread(got, 1, len + 1, f);
    fclose(f);
    ck_assert_uint_eq(n, len); /* "\r\n" as "\r\r\n" would be longer */
    ck_assert(memcmp(got, want, len) == 0);
    free(got);
}

static HCLIENT imap_with(const wchar_t *ca_file, const wchar_t *ca_path)
{
    SECURITYCREDENTIALSW c;
    memset(&c, 0, sizeof c);
    c.dwSize = sizeof c;
    c.lpszCAFile = ca_file;
    c.lpszCAPath = ca_path;
    c.lpszCertFile = cert_w;
    c.lpszKeyFile = key_w;
    HCLIENT h = ImapConnectW(L"127.0.0.1", imaps_port, 10, IMAP_OPTION_SECURE_IMPLICIT, &c);
    ck_assert_msg(h != INVALID_CLIENT, "connect: 0x%x", (unsigned)ImapGetLastError());
    return h;
}

START_TEST(imap_paths_are_utf16)
{
    wchar_t trace[MAX_PATH], saved[MAX_PATH];
    in_dir(trace, L"imap-\u00e9.log");
    in_dir(saved, L"message-\U0001F4E7.eml");
    ck_assert(ImapEnableTraceW(trace, IMAP_TRACE_TIMESTAMP));
    /* the CA file, the client certificate and its key, all by UTF-16 name */
    HCLIENT h = imap_with(ca_w, NULL);
    ck_assert_int_eq(ImapLoginW(h, IMAP_AUTH_DEFAULT, L"alice", L"wonderland"), 0);
    ck_assert_int_eq(ImapExamineMailboxW(h, L"INBOX", NULL), 0);
    HGLOBAL mem = NULL;
    DWORD len = 0;
    INT size = ImapGetMessage(h, 1, 0, &mem, &len, 0);
    ck_assert_int_gt(size, 0);
    ck_assert_ptr_nonnull(strstr((const char *)mem, "\r\n")); /* there is a CRLF to keep */
    ck_assert_int_eq(ImapSaveMessageW(h, 1, 0, saved, 0), size);
    assert_file_is(saved, mem, (DWORD)size);
    /* a second save replaces the first (rename onto an existing file) */
    ck_assert_int_eq(ImapSaveMessageW(h, 1, 0, saved, 0), size);
    assert_file_is(saved, mem, (DWORD)size);
    ImapFreeMemory(mem);
    ImapDisconnect(h);
    ImapDisableTrace();
    ck_assert_int_gt(file_size(trace), 0);

    /* the same trust from the folder, read by UTF-16 name */
    h = imap_with(NULL, dir);
    ImapDisconnect(h);

    LPSECURITYCREDENTIALSW made = NULL;
    ck_assert(ImapCreateSecurityCredentialsW(0, 0, NULL, NULL, NULL, ca_w, NULL, NULL, &made));
    h = ImapConnectW(L"127.0.0.1", imaps_port, 10, IMAP_OPTION_SECURE_IMPLICIT, made);
    ck_assert_msg(h != INVALID_CLIENT, "connect: 0x%x", (unsigned)ImapGetLastError());
    ImapDisconnect(h);
    ImapDeleteSecurityCredentialsW(made);
}
END_TEST

/* The asynchronous connects take the same UTF-16 paths (the credentials
 * are copied before the call returns). */
START_TEST(async_connects_take_utf16_paths)
{
    SECURITYCREDENTIALSW c;
    memset(&c, 0, sizeof c);
    c.dwSize = sizeof c;
    c.lpszCAFile = ca_w;
    event_wait imap = {0}, pop = {0};
    HCLIENT h = ImapAsyncConnectW(L"127.0.0.1", imaps_port, 10, IMAP_OPTION_SECURE_IMPLICIT, &c,
                                  event_record, (DWORD_PTR)&imap);
    ck_assert(h != INVALID_CLIENT);
    LPSECURITYCREDENTIALSW made = NULL;
    ck_assert(PopCreateSecurityCredentialsW(0, 0, cert_w, key_w, NULL, ca_w, NULL, NULL, &made));
    HCLIENT p = PopAsyncConnectW(L"127.0.0.1", pop3s_port, 10, POP_OPTION_SECURE_IMPLICIT, made,
                                 event_record, (DWORD_PTR)&pop);
    PopDeleteSecurityCredentialsW(made);
    ck_assert(p != INVALID_CLIENT);
    ck_assert(event_wait_for(&imap, 15000) && event_wait_for(&pop, 15000));
    ck_assert_msg(imap.id == IMAP_EVENT_CONNECT, "IMAP: event %u, error 0x%x", imap.id,
                  (unsigned)imap.error);
    ck_assert_msg(pop.id == POP_EVENT_CONNECT, "POP3: event %u, error 0x%x", pop.id,
                  (unsigned)pop.error);
    ImapDisconnect(h);
    PopDisconnect(p);
}
END_TEST

START_TEST(pop_paths_are_utf16)
{
    wchar_t trace[MAX_PATH], saved[MAX_PATH];
    in_dir(trace, L"pop-\u4e2d.log");
    in_dir(saved, L"pop-\u00e9.eml");
    ck_assert(PopEnableTraceW(trace, 0));
    SECURITYCREDENTIALSW c;
    memset(&c, 0, sizeof c);
    c.dwSize = sizeof c;
    c.lpszCAFile = ca_w;
    HCLIENT h = PopConnectW(L"127.0.0.1", pop3s_port, 10, POP_OPTION_SECURE_IMPLICIT, &c);
    ck_assert_msg(h != INVALID_CLIENT, "connect: 0x%x", (unsigned)PopGetLastError());
    ck_assert_int_eq(PopLoginW(h, POP_AUTH_DEFAULT, L"alice", L"wonderland"), 0);
    HGLOBAL mem = NULL;
    DWORD len = 0;
    INT size = PopGetMessage(h, 1, &mem, &len, 0);
    ck_assert_int_gt(size, 0);
    ck_assert_int_eq(PopSaveMessageW(h, 1, saved, 0), size);
    assert_file_is(saved, mem, (DWORD)size);
    PopFreeMemory(mem);
    PopDisconnect(h);
    PopDisableTrace();
    ck_assert_int_gt(file_size(trace), 0);
}
END_TEST

typedef struct error_slot {
    DWORD seen_first, seen_after;
} error_slot;

static unsigned __stdcall set_own_error(void *arg)
{
    error_slot *e = arg;
    e->seen_first = ImapGetLastError(); /* a new thread starts with none */
    ImapSetLastError(ST_ERROR_TIMEOUT);
    Sleep(50); /* the main thread sets its own meanwhile */
    e->seen_after = ImapGetLastError();
    return 0;
}

START_TEST(last_error_is_per_thread)
{
    ImapSetLastError(ST_ERROR_INVALID_HANDLE);
    error_slot e = {1, 1};
    HANDLE t = (HANDLE)_beginthreadex(NULL, 0, set_own_error, &e, 0, NULL);
    ck_assert_ptr_nonnull(t);
    Sleep(20);
    ImapSetLastError(ST_ERROR_CANCELLED);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    ck_assert_uint_eq(e.seen_first, 0);
    ck_assert_uint_eq(e.seen_after, ST_ERROR_TIMEOUT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_CANCELLED);
}
END_TEST

static DWORD connect_without_ca(void)
{
    HCLIENT h = ImapConnectW(L"127.0.0.1", imaps_port, 10, IMAP_OPTION_SECURE_IMPLICIT, NULL);
    if (h == INVALID_CLIENT)
        return ImapGetLastError();
    ImapDisconnect(h);
    return 0;
}

/* Wine's root store is the host's CA bundle; with_test_ca.sh runs this case
 * in a mount namespace where that bundle also holds the harness's CA, and
 * says so in MAILWIRE_TEST_CA_IN_ROOTS. Without it the same connection must
 * fail: the certificate is checked, against the store. */
START_TEST(no_ca_file_means_the_windows_root_store)
{
    int ca_in_roots = getenv("MAILWIRE_TEST_CA_IN_ROOTS") != NULL;
    ck_assert_uint_eq(connect_without_ca(), ca_in_roots ? 0 : ST_ERROR_CERTIFICATE_UNTRUSTED);
}
END_TEST

static Suite *windows_suite(void)
{
    Suite *s = suite_create("windows");
    TCase *tc = tcase_create("windows");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, imap_paths_are_utf16);
    tcase_add_test(tc, pop_paths_are_utf16);
    tcase_add_test(tc, async_connects_take_utf16_paths);
    tcase_add_test(tc, last_error_is_per_thread);
    suite_add_tcase(s, tc);
    TCase *roots = tcase_create("root_store");
    tcase_add_checked_fixture(roots, setup, teardown);
    tcase_set_timeout(roots, 60);
    tcase_add_test(roots, no_ca_file_means_the_windows_root_store);
    suite_add_tcase(s, roots);
    return s;
}

CHECK_MAIN(windows_suite)
