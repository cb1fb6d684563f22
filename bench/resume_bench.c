/*
 * resume_bench.c - the cost of opening TLS sessions with and without
 * resumption.
 *
 *   resume_bench CAFILE HOST PORT USER PASSWORD SESSIONS
 *
 * Opens SESSIONS sessions one after another (implicit TLS, verified
 * against CAFILE: connect, log in, log out) with resumption on, then as
 * many with CREDENTIAL_NO_RESUME, and prints for each run the wall time,
 * the client's CPU time and how many handshakes resumed.
 */
#define _POSIX_C_SOURCE 200809L
#include <mailwire.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* One session: returns 1 when it resumed, 0 when not, -1 on failure. */
static int one_session(SECURITYCREDENTIALS *c, const char *host, UINT port, const char *user,
                       const char *password)
{
    HCLIENT h = ImapConnect(host, port, 30, IMAP_OPTION_SECURE_IMPLICIT, c);
    if (h == INVALID_CLIENT)
        return -1;
    SECURITYINFO si;
    si.dwSize = sizeof si;
    int ok = ImapGetSecurityInformation(h, &si) && ImapLogin(h, IMAP_AUTH_PLAIN, user, password) == 0;
    ImapDisconnect(h);
    return ok ? (si.dwFlags & SECURITY_INFO_RESUMED) != 0 : -1;
}

static int run(const char *what, DWORD options, char **argv, int sessions)
{
    SECURITYCREDENTIALS c;
    memset(&c, 0, sizeof c);
    c.dwSize = sizeof c;
    c.dwOptions = options;
    c.lpszCAFile = argv[1];
    int resumed = 0;
    double wall = wall_now(), cpu = cpu_now();
    for (int i = 0; i < sessions; i++) {
        int r = one_session(&c, argv[2], (UINT)atoi(argv[3]), argv[4], argv[5]);
        if (r < 0) {
            char why[256];
            ImapGetErrorString(ImapGetLastError(), why, sizeof why);
            fprintf(stderr, "session %d failed: %s\n", i + 1, why);
            return 1;
        }
        resumed += r;
    }
    wall = wall_now() - wall;
    cpu = cpu_now() - cpu;
    printf("%-22s %5d sessions  wall %6.2f s  client CPU %6.2f s (%5.2f ms each)  resumed %d\n", what,
           sessions, wall, cpu, cpu * 1000.0 / sessions, resumed);
    return 0;
}

int main(int argc, char **argv)
{
    int sessions = argc == 7 ? atoi(argv[6]) : 0;
    if (sessions < 1) {
        fprintf(stderr, "usage: resume_bench CAFILE HOST PORT USER PASSWORD SESSIONS\n");
        return 2;
    }
    ImapInitialize(NULL, NULL);
    int rc = run("with resumption", CREDENTIAL_DEFAULT, argv, sessions);
    if (rc == 0)
        rc = run("without (NO_RESUME)", CREDENTIAL_NO_RESUME, argv, sessions);
    ImapUninitialize();
    return rc;
}
