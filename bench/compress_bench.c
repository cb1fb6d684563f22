/*
 * compress_bench.c - a bulk fetch with COMPRESS=DEFLATE against without.
 *
 *   compress_bench HOST PORT USER PASSWORD RUNS
 *
 * Fetches every message of INBOX (ImapFetchMessages "1:*", each body
 * streamed to a callback that drops it) over plain TCP, once without and
 * once with IMAP_OPTION_COMPRESS, RUNS times each way, alternating. Prints
 * for each way the bytes received on the wire and of protocol
 * (ImapGetTraffic), the client's CPU time and the wall time, as medians.
 */
#define _POSIX_C_SOURCE 200809L
#include <mailwire.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#define MAX_RUNS 15

typedef struct figures {
    double wall, cpu;
    unsigned long long wire, data;
    int messages;
} figures;

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec +
           (double)u.ru_stime.tv_usec / 1e6;
}

static BOOL CALLBACK drop(HCLIENT h, const IMAPFETCHDATA *d, DWORD_PTR param)
{
    (void)h;
    (void)d;
    (void)param;
    return TRUE;
}

static int one_run(char **argv, DWORD options, figures *f)
{
    double wall = wall_now(), cpu = cpu_now();
    HCLIENT h = ImapConnect(argv[1], (UINT)atoi(argv[2]), 120, options, NULL);
    if (h == INVALID_CLIENT || ImapLogin(h, IMAP_AUTH_PLAIN, argv[3], argv[4]) != 0 ||
        ImapExamineMailbox(h, "INBOX", NULL) != 0)
        return -1;
    f->messages = ImapFetchMessages(h, "1:*", IMAP_MESSAGE_PEEK, drop, 0);
    IMAPTRAFFIC t = {.dwSize = sizeof t};
    if (f->messages < 0 || ImapGetTraffic(h, &t) != 0 || (options != 0) != (t.bCompressed != FALSE))
        return -1;
    ImapDisconnect(h);
    f->wall = wall_now() - wall;
    f->cpu = cpu_now() - cpu;
    f->wire = t.ullWireIn;
    f->data = t.ullDataIn;
    return 0;
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, by_double);
    return v[n / 2];
}

static void report(const char *what, figures *f, int n)
{
    double wall[MAX_RUNS], cpu[MAX_RUNS];
    for (int i = 0; i < n; i++) {
        wall[i] = f[i].wall;
        cpu[i] = f[i].cpu;
    }
    printf("%-22s %9d %14llu %14llu %9.3f %9.3f\n", what, f[0].messages, f[0].wire, f[0].data,
           median(cpu, n), median(wall, n));
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: compress_bench HOST PORT USER PASSWORD RUNS\n");
        return 2;
    }
    int runs = atoi(argv[5]);
    if (runs < 1 || runs > MAX_RUNS || !ImapInitialize(NULL, NULL))
        return 2;
    static figures plain[MAX_RUNS], packed[MAX_RUNS];
    for (int i = 0; i < runs; i++)
        if (one_run(argv, 0, &plain[i]) != 0 || one_run(argv, IMAP_OPTION_COMPRESS, &packed[i]) != 0) {
            fprintf(stderr, "compress_bench: a run failed (0x%lx)\n", (unsigned long)ImapGetLastError());
            return 1;
        }
    printf("%-22s %9s %14s %14s %9s %9s\n", "fetch INBOX, 1:*", "messages", "wire bytes in",
           "data bytes in", "cpu (s)", "wall (s)");
    report("plain", plain, runs);
    report("COMPRESS=DEFLATE", packed, runs);
    ImapUninitialize();
    return 0;
}
