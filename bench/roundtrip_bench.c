/*
 * roundtrip_bench.c - how many round trips each step costs, measured
 * through bench/delay_proxy.py, which delays every byte by RTT/2 each way
 * and holds the first bytes as long as a TCP handshake would.
 *
 *   roundtrip_bench CAFILE IMAPS_PORT POP3S_PORT USER PASSWORD RTT_MS
 *
 * Both ports are the proxy's, on 127.0.0.1 (the certificate names it).
 * Every step prints its time and that time in round trips.
 */
#define _POSIX_C_SOURCE 200809L
#include <mailwire.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHOSEN_UIDS "3,17,42,99,120,200,256,311,404,499"
#define CHOSEN_COUNT 10
static const UINT chosen_uids[CHOSEN_COUNT] = {3, 17, 42, 99, 120, 200, 256, 311, 404, 499};

static double rtt_ms;
static double step_start;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void begin(void)
{
    step_start = now_ms();
}

/* Prints the step's time, in ms and in RTTs, and its whole round trips
 * (the RTTs rounded down: what is left over is computing, such as the
 * TLS key exchange, not waiting); returns the whole round trips. */
static int end(const char *what, int ok)
{
    double ms = now_ms() - step_start;
    if (!ok) {
        char why[256];
        ImapGetErrorString(ImapGetLastError(), why, sizeof why);
        printf("%-52s failed: %s\n", what, why);
        exit(1);
    }
    int whole = (int)(ms / rtt_ms);
    printf("%-52s %7.1f ms %5.2f RTT %3d round trips\n", what, ms, ms / rtt_ms, whole);
    return whole;
}

static BOOL CALLBACK discard_imap(HCLIENT h, const IMAPFETCHDATA *d, DWORD_PTR p)
{
    (void)h, (void)d, (void)p;
    return TRUE;
}

static BOOL CALLBACK discard_pop(HCLIENT h, const POPFETCHDATA *d, DWORD_PTR p)
{
    (void)h, (void)d, (void)p;
    return TRUE;
}

static BOOL CALLBACK discard_read(HCLIENT h, LPCVOID data, DWORD length, DWORD_PTR p)
{
    (void)h, (void)data, (void)length, (void)p;
    return TRUE;
}

/* The TLS version a handle negotiated, for the labels. */
static const char *tls_version(HCLIENT h, int pop)
{
    static SECURITYINFO si;
    si.dwSize = sizeof si;
    BOOL ok = pop ? PopGetSecurityInformation(h, &si) : ImapGetSecurityInformation(h, &si);
    return ok ? si.szProtocol : "?";
}

static void imap_steps(SECURITYCREDENTIALS *creds, const char *host, const char *user,
                       const char *password)
{
    char label[96];
    double first = now_ms();
    begin();
    HCLIENT h = ImapConnect(host, 0, 30, IMAP_OPTION_SECURE_IMPLICIT, creds);
    snprintf(label, sizeof label, "IMAP connect (TCP, %s, greeting)",
             h != INVALID_CLIENT ? tls_version(h, 0) : "TLS");
    end(label, h != INVALID_CLIENT);
    begin();
    end("IMAP login, PLAIN with SASL-IR", ImapLogin(h, IMAP_AUTH_PLAIN, user, password) == 0);
    begin();
    end("SELECT INBOX + FETCH 1, pipelined (SelectAndFetch)",
        ImapSelectAndFetch(h, "INBOX", NULL, "1", IMAP_MESSAGE_PEEK, discard_imap, 0) == 1);
    step_start = first;
    end("  IMAP: connect to first message, in all", 1);
    begin();
    int ok = ImapSelectMailbox(h, "INBOX", NULL) >= 0;
    ok = ok && ImapReadMessage(h, 1, 0, discard_read, 0, IMAP_MESSAGE_PEEK) >= 0;
    end("  SELECT, then FETCH 1, for comparison", ok);
    begin();
    end("FETCH of 10 chosen UIDs (one command)",
        ImapFetchMessages(h, CHOSEN_UIDS, IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK, discard_imap, 0) ==
            CHOSEN_COUNT);
    begin();
    ok = 1;
    for (int i = 0; i < CHOSEN_COUNT && ok; i++)
        ok = ImapReadMessage(h, chosen_uids[i], 0, discard_read, 0,
                             IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK) >= 0;
    end("  the same as 10 separate reads, for comparison", ok);
    ImapDisconnect(h);

    /* The login leaves with the end of the TLS handshake and its answer
     * comes with the greeting. */
    first = now_ms();
    begin();
    h = ImapConnect(host, 0, 30, IMAP_OPTION_SECURE_IMPLICIT | IMAP_OPTION_EARLY_LOGIN, creds);
    snprintf(label, sizeof label, "IMAP connect, EARLY_LOGIN (TCP, %s)",
             h != INVALID_CLIENT ? tls_version(h, 0) : "TLS");
    end(label, h != INVALID_CLIENT);
    begin();
    end("IMAP login, PLAIN with SASL-IR, greeting with its answer",
        ImapLogin(h, IMAP_AUTH_PLAIN, user, password) == 0);
    begin();
    end("SELECT INBOX + FETCH 1, pipelined (SelectAndFetch)",
        ImapSelectAndFetch(h, "INBOX", NULL, "1", IMAP_MESSAGE_PEEK, discard_imap, 0) == 1);
    step_start = first;
    end("  IMAP, EARLY_LOGIN: connect to first message, in all", 1);
    ImapDisconnect(h);

    begin();
    h = ImapConnect(host, 0, 30, IMAP_OPTION_SECURE_IMPLICIT, creds);
    end("IMAP connect again", h != INVALID_CLIENT);
    begin();
    end("IMAP login, default mechanism (SCRAM-SHA-256)",
        ImapLogin(h, IMAP_AUTH_DEFAULT, user, password) == 0);
    ImapDisconnect(h);
}

static void pop_steps(SECURITYCREDENTIALS *creds, const char *host, const char *user,
                      const char *password)
{
    char label[96];
    double first = now_ms();
    begin();
    HCLIENT h = PopConnect(host, 0, 30, POP_OPTION_SECURE_IMPLICIT, creds);
    snprintf(label, sizeof label, "POP3 connect (TCP, %s, greeting, CAPA)",
             h != INVALID_CLIENT ? tls_version(h, 1) : "TLS");
    end(label, h != INVALID_CLIENT);
    begin();
    end("POP3 login, PLAIN (and CAPA again)", PopLogin(h, POP_AUTH_PLAIN, user, password) == 0);
    begin();
    end("RETR 1", PopReadMessage(h, 1, discard_read, 0, 0) >= 0);
    step_start = first;
    end("  POP3: connect to first message, in all", 1);
    PopDisconnect(h);

    /* CAPA and AUTH leave with the end of the TLS handshake, their answers
     * come with the greeting; the CAPA owed after login goes with STAT
     * and RETR. */
    first = now_ms();
    begin();
    h = PopConnect(host, 0, 30, POP_OPTION_SECURE_IMPLICIT | POP_OPTION_EARLY_LOGIN, creds);
    snprintf(label, sizeof label, "POP3 connect, EARLY_LOGIN (TCP, %s)", h != INVALID_CLIENT ? tls_version(h, 1) : "TLS");
    end(label, h != INVALID_CLIENT);
    begin();
    end("POP3 login, CAPA + AUTH PLAIN, greeting with them", PopLogin(h, POP_AUTH_PLAIN, user, password) == 0);
    begin();
    end("RETR 1 (CAPA and STAT in the same flight)", PopReadMessage(h, 1, discard_read, 0, 0) >= 0);
    step_start = first;
    end("  POP3, EARLY_LOGIN: connect to first message, in all", 1);
    begin();
    end("STAT (PopGetMessageCount)", PopGetMessageCount(h) >= 0);
    begin();
    end("RETR 1..10 (PIPELINING)", PopFetchMessages(h, 1, CHOSEN_COUNT, discard_pop, 0, 0) == CHOSEN_COUNT);
    begin();
    int ok = 1;
    for (UINT n = 1; n <= CHOSEN_COUNT && ok; n++)
        ok = PopReadMessage(h, n, discard_read, 0, 0) >= 0;
    end("  the same as 10 separate RETRs, for comparison", ok);
    PopDisconnect(h);
}

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: roundtrip_bench CAFILE IMAPS_PORT POP3S_PORT USER PASSWORD RTT_MS\n");
        return 2;
    }
    SECURITYCREDENTIALS creds = {.dwSize = sizeof creds};
    creds.lpszCAFile = argv[1];
    rtt_ms = atof(argv[6]);
    char imap[64], pop[64];
    snprintf(imap, sizeof imap, "127.0.0.1:%s", argv[2]);
    snprintf(pop, sizeof pop, "127.0.0.1:%s", argv[3]);
    ImapInitialize(NULL, NULL);
    PopInitialize(NULL, NULL);
    imap_steps(&creds, imap, argv[4], argv[5]);
    pop_steps(&creds, pop, argv[4], argv[5]);
    PopUninitialize();
    ImapUninitialize();
    return 0;
}
