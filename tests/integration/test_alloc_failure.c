/*
 * test_alloc_failure.c - fails the Nth allocation, for N = 1, 2, ... in
 * turn, through connect + login + select + fetch against the harness's
 * Dovecot (IMAP, plain and over implicit TLS) and connect + login +
 * retrieve (POP3), with mbedTLS's own allocations where it shares mailwire's
 * allocator (tls_platform.h). Every step must
 * either succeed or fail with ST_ERROR_OUT_OF_MEMORY: no other error, no
 * crash, and (in the sanitizer build) no leak. Ends when a whole run goes
 * through without reaching the failing allocation. (A run may succeed
 * although an allocation failed: some only cost a trace or a kept line.)
 * On Windows the TLS sweep is left out: its ~10,000 runs are mbedTLS's
 * allocations, the same code on every system and swept by the native
 * stages, while the plain IMAP and POP3 sweeps reach what is Windows's
 * own (sockets, wide-character conversions).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mailwire.h>

#include "../common/testutil.h"
#include "net/tls_platform.h"
#include "sys/alloc.h"

static int bad;

#ifdef _WIN32
#define TLS_SWEPT 0
#else
#define TLS_SWEPT 1
#endif

/* More than any run takes: a TLS run with mbedTLS's allocations has ~10,000. */
#define SWEEP_MAX 50000

static void expect_oom_or_ok(int ok, const char *what, long n)
{
    DWORD err = ImapGetLastError();
    if (!ok && err != ST_ERROR_OUT_OF_MEMORY) {
        printf("allocation %ld: %s failed with 0x%08x, not ST_ERROR_OUT_OF_MEMORY\n", n, what,
               (unsigned)err);
        bad++;
    }
}

/* Where to connect: plain when ca is NULL, else implicit TLS. */
typedef struct target {
    unsigned port;
    const char *ca;
} target;

/* One run; returns 1 when the failing allocation was never reached. */
static int imap_run(const target *t, long n)
{
    char buf[4096];
    DWORD len = sizeof buf;
    SECURITYCREDENTIALSA creds;
    memset(&creds, 0, sizeof creds);
    creds.dwSize = sizeof creds;
    creds.lpszCAFile = t->ca;
    mw_alloc_fail_after(n);
    HCLIENT h = ImapConnectA("127.0.0.1", t->port, 10, t->ca ? IMAP_OPTION_SECURE_IMPLICIT : 0,
                             t->ca ? &creds : NULL);
    int ok = h != INVALID_CLIENT;
    expect_oom_or_ok(ok, "ImapConnect", n);
    if (ok) {
        ok = ImapLoginA(h, IMAP_AUTH_DEFAULT, "alice", "wonderland") == 0;
        expect_oom_or_ok(ok, "ImapLogin", n);
    }
    if (ok) {
        ok = ImapExamineMailboxA(h, "INBOX", NULL) == 0;
        expect_oom_or_ok(ok, "ImapExamineMailbox", n);
    }
    if (ok) {
        ok = ImapGetMessage(h, 1, 0, buf, &len, IMAP_MESSAGE_PEEK) > 0;
        expect_oom_or_ok(ok, "ImapGetMessage", n);
    }
    int unreached = mw_alloc_fail_pending();
    mw_alloc_fail_after(0);
    if (h != INVALID_CLIENT)
        ImapDisconnect(h);
    return unreached;
}

static int pop_run(unsigned port, long n)
{
    HGLOBAL m = NULL;
    DWORD len = 0;
    mw_alloc_fail_after(n);
    HCLIENT h = PopConnectA("127.0.0.1", port, 10, 0, NULL);
    int ok = h != INVALID_CLIENT;
    expect_oom_or_ok(ok, "PopConnect", n);
    if (ok) {
        ok = PopLoginA(h, POP_AUTH_DEFAULT, "alice", "wonderland") == 0;
        expect_oom_or_ok(ok, "PopLogin", n);
    }
    if (ok) {
        ok = PopGetMessage(h, 1, &m, &len, 0) > 0;
        expect_oom_or_ok(ok, "PopGetMessage", n);
        if (ok)
            PopFreeMemory(m);
    }
    int unreached = mw_alloc_fail_pending();
    mw_alloc_fail_after(0);
    if (h != INVALID_CLIENT)
        PopDisconnect(h);
    return unreached;
}

int main(void)
{
    char ca[512];
    snprintf(ca, sizeof ca, "%s", server_env("MW_CA_FILE") ? server_env("MW_CA_FILE") : "");
    target plain = {server_port("MW_IMAP_PORT"), NULL};
    target tls = {server_port("MW_IMAPS_PORT"), ca};
    unsigned pop = server_port("MW_POP3_PORT");
    if (plain.port == 0 || tls.port == 0 || pop == 0 || ca[0] == '\0') {
        printf("0 passed, 1 failed: MAILWIRE_SERVER_ENV not set\n");
        return 1;
    }
    ImapInitializeA(NULL, NULL);
    PopInitializeA(NULL, NULL);
    long runs = 0;
    long n, k;
    for (n = 1; n < SWEEP_MAX && !imap_run(&plain, n); n++)
        runs++;
#ifdef _WIN32
    k = n;
    (void)tls;
#else
    for (k = 1; k < SWEEP_MAX && !imap_run(&tls, k); k++)
        runs++;
#endif
    long m;
    for (m = 1; m < SWEEP_MAX && !pop_run(pop, m); m++)
        runs++;
    ImapUninitialize();
    PopUninitialize();
    if (n >= SWEEP_MAX || k >= SWEEP_MAX || m >= SWEEP_MAX)
        bad++;
    /* Where mbedTLS allocates through mailwire (mbedTLS 3.6 as
     * scripts/mbedtls.sh builds it), the TLS sweep also fails each of its
     * allocations: parsing the CA file and the handshake take hundreds. */
    if (mw_tls_allocator_shared() && k - n < 200 && TLS_SWEPT) {
        printf("the TLS sweep failed only %ld allocations more than the plain one: mbedTLS's "
               "allocations were not tried\n",
               k - n);
        bad++;
    }
    char tls_runs[64] = "IMAP over TLS left to the native stages";
    if (TLS_SWEPT)
        snprintf(tls_runs, sizeof tls_runs, "%ld IMAP over TLS", k - 1);
    printf("%ld passed, %d failed: failing each allocation in turn (%ld IMAP, %s, %ld POP3%s)\n", runs, bad,
           n - 1, tls_runs, m - 1,
           mw_tls_allocator_shared() ? ", mbedTLS's among them" : "; mbedTLS's not reachable");
    return bad == 0 ? 0 : 1;
}
