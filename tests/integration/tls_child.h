/*
 * tls_child.h - the Python TLS servers of the integration tests
 * (tls12_server.py, tls_relay.py) run as a child with the harness's
 * certificate; POSIX only (fork and exec). Included by one test each.
 */
#ifndef TLS_CHILD_H
#define TLS_CHILD_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

#include "../common/check_main.h"
#include "../common/testutil.h"

/* Starts tests/integration/SCRIPT CERT KEY PORTFILE [ARG] and waits for the
 * port it writes into PORTFILE; *pid_r gets the child to kill. */
static unsigned start_tls_child(const char *script, const char *arg, pid_t *pid_r)
{
    char dir[512], cert[600], key[600], portfile[80], path[1024];
    ck_assert_msg(server_env("MW_CERT_DIR") != NULL, "MAILWIRE_SERVER_ENV not set or unreadable");
    snprintf(dir, sizeof dir, "%s", server_env("MW_CERT_DIR")); /* server_env's text is reused */
    snprintf(cert, sizeof cert, "%s/server.crt", dir);
    snprintf(key, sizeof key, "%s/server.key", dir);
    snprintf(portfile, sizeof portfile, "/tmp/mailwire-tls-child-%ld.port", (long)getpid());
    snprintf(path, sizeof path, "%s/tests/integration/%s", MAILWIRE_SOURCE_DIR, script);
    unlink(portfile);
    *pid_r = fork();
    ck_assert(*pid_r >= 0);
    if (*pid_r == 0) {
        execlp("python3", "python3", path, cert, key, portfile, arg, (char *)NULL);
        _exit(127);
    }
    FILE *f = NULL;
    for (int i = 0; i < 200 && (f = fopen(portfile, "r")) == NULL; i++)
        usleep(25 * 1000);
    ck_assert_msg(f != NULL, "%s did not start", script);
    unsigned port = 0;
    ck_assert_int_eq(fscanf(f, "%u", &port), 1);
    fclose(f);
    unlink(portfile);
    return port;
}

#endif
