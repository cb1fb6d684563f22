/* fakeserver.c - the scripted loopback server used by the tests. */
#define _GNU_SOURCE
#include "fakeserver.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/testsys.h"

#define RECV_CAP (1u << 20)
#define IO_TIMEOUT_MS 5000

struct fake_server {
    test_socket listen_fd;
    test_socket conn_fd;
    unsigned port;
    const fake_step *script;
    size_t nsteps;
    pthread_t thread;
    int ok;
    char why[256];
    char *received;
    size_t received_len;
};

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static void keep(fake_server *f, const char *buf, size_t n);

/* Sleeps ms, or less when the client hangs up (returns 0 then). Bytes the
 * client sends meanwhile are recorded (not matched by a later EXPECT). */
static int pause_unless_closed(fake_server *f, unsigned ms)
{
    for (unsigned waited = 0; waited < ms; waited += 10) {
        char buf[512];
        struct pollfd p = {f->conn_fd, POLLIN, 0};
        if (test_poll(&p, 1, 0) > 0) {
            int n = (int)recv(f->conn_fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n <= 0)
                return 0;
            keep(f, buf, (size_t)n);
        }
        sleep_ms(ms - waited < 10 ? ms - waited : 10);
    }
    return 1;
}

static int wait_readable(test_socket fd, int ms)
{
    struct pollfd p = {fd, POLLIN, 0};
    return test_poll(&p, 1, ms) > 0;
}

static void keep(fake_server *f, const char *buf, size_t n)
{
    if (f->received_len + n >= RECV_CAP)
        n = RECV_CAP - 1 - f->received_len;
    memcpy(f->received + f->received_len, buf, n);
    f->received_len += n;
    f->received[f->received_len] = '\0';
}

/* Takes up to cap bytes, and never past the first LF when stop_at_lf: it
 * peeks first, so nothing the script has not reached is consumed, and a
 * line costs two calls rather than one per byte (which under Wine made
 * a 100 KB command take tens of seconds). Returns the count, or -1. */
static int take_bytes(fake_server *f, char *buf, size_t cap, int stop_at_lf)
{
    if (!wait_readable(f->conn_fd, IO_TIMEOUT_MS))
        return -1;
    int got = (int)recv(f->conn_fd, buf, (int)cap, MSG_PEEK);
    if (got <= 0)
        return -1;
    const char *lf = stop_at_lf ? memchr(buf, '\n', (size_t)got) : NULL;
    int want = lf != NULL ? (int)(lf - buf) + 1 : got;
    if ((int)recv(f->conn_fd, buf, want, 0) != want)
        return -1;
    keep(f, buf, (size_t)want);
    return want;
}

/* Reads one line (to LF); a line longer than cap is cut, and read to its end. */
static int read_line(fake_server *f, char *line, size_t cap)
{
    size_t n = 0;
    for (;;) {
        char buf[4096];
        int got = take_bytes(f, buf, sizeof buf, 1);
        if (got < 0)
            return -1;
        size_t copy = (size_t)got < cap - 1 - n ? (size_t)got : cap - 1 - n;
        memcpy(line + n, buf, copy);
        n += copy;
        if (buf[got - 1] == '\n')
            break;
    }
    if (n > 0 && line[n - 1] == '\n')
        n--;
    if (n > 0 && line[n - 1] == '\r')
        n--;
    line[n] = '\0';
    return 0;
}

static int write_all(test_socket fd, const char *p, size_t n)
{
    while (n > 0) {
        int w = (int)send(fd, p, (int)n, MSG_NOSIGNAL);
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int fail(fake_server *f, size_t step, const char *what, const char *got)
{
    snprintf(f->why, sizeof f->why, "step %zu: %s (got \"%.120s\")", step, what, got);
    return 0;
}

static int run_step(fake_server *f, size_t i)
{
    const fake_step *s = &f->script[i];
    char line[8192];
    switch (s->op) {
    case FS_SEND:
        return write_all(f->conn_fd, s->data, strlen(s->data)) == 0 || fail(f, i, "send failed", "");
    case FS_SLOW:
        for (const char *p = s->data; *p != '\0'; p++) {
            if (write_all(f->conn_fd, p, 1) != 0 || !pause_unless_closed(f, s->ms))
                return fail(f, i, "client left during slow send", "");
        }
        return 1;
    case FS_EXPECT:
    case FS_EXPECT_PREFIX:
        if (read_line(f, line, sizeof line) != 0)
            return fail(f, i, "expected a line, got none", s->data);
        if (s->op == FS_EXPECT ? strcmp(line, s->data) != 0
                               : strncmp(line, s->data, strlen(s->data)) != 0)
            return fail(f, i, s->data, line);
        return 1;
    case FS_SLEEP:
        return pause_unless_closed(f, s->ms) || fail(f, i, "client left during pause", "");
    case FS_CLOSE:
        shutdown(f->conn_fd, SHUT_RDWR);
        return 1;
    case FS_SEND_BYTES:
        return write_all(f->conn_fd, s->data, s->len) == 0 || fail(f, i, "send failed", "");
    case FS_QUIET:
        if (wait_readable(f->conn_fd, s->ms) && read_line(f, line, sizeof line) == 0)
            return fail(f, i, "the client sent ahead", line);
        return 1;
    case FS_EXPECT_BYTES:
        for (size_t k = 0; k < s->len;) {
            char buf[4096];
            size_t cap = s->len - k < sizeof buf ? s->len - k : sizeof buf;
            int got = take_bytes(f, buf, cap, 0);
            if (got < 0)
                return fail(f, i, "expected bytes, got none", "");
            if (memcmp(buf, s->data + k, (size_t)got) != 0)
                return fail(f, i, "bytes differ", "");
            k += (size_t)got;
        }
        return 1;
    }
    return 0;
}

/* After the script: collect whatever else the client sends until it closes. */
static void drain(fake_server *f)
{
    char buf[4096];
    while (wait_readable(f->conn_fd, 300)) {
        int n = (int)recv(f->conn_fd, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        keep(f, buf, (size_t)n);
    }
}

static void *serve(void *arg)
{
    fake_server *f = arg;
    if (!wait_readable(f->listen_fd, 10000)) {
        snprintf(f->why, sizeof f->why, "no client connected");
        return NULL;
    }
    f->conn_fd = accept(f->listen_fd, NULL, NULL);
    if (f->conn_fd == TEST_NO_SOCKET)
        return NULL;
    f->ok = 1;
    for (size_t i = 0; i < f->nsteps && f->ok; i++)
        f->ok = run_step(f, i);
    drain(f);
    test_close_socket(f->conn_fd);
    f->conn_fd = TEST_NO_SOCKET;
    return NULL;
}

fake_server *fake_start(const fake_step *script, size_t nsteps)
{
    return fake_start_on(script, nsteps, 0);
}

fake_server *fake_start_on(const fake_step *script, size_t nsteps, unsigned port)
{
    fake_server *f = calloc(1, sizeof *f);
    f->received = calloc(1, RECV_CAP);
    test_sockets_init();
    f->conn_fd = TEST_NO_SOCKET;
    f->script = script;
    f->nsteps = nsteps;
    f->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(f->listen_fd, SOL_SOCKET, SO_REUSEADDR, (const char *)&one, sizeof one);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((uint16_t)port);
    socklen_t len = sizeof a;
    if (bind(f->listen_fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(f->listen_fd, 4) != 0 ||
        getsockname(f->listen_fd, (struct sockaddr *)&a, &len) != 0) {
        perror("fake_start");
        abort();
    }
    f->port = ntohs(a.sin_port);
    pthread_create(&f->thread, NULL, serve, f);
    return f;
}

unsigned fake_port(const fake_server *f)
{
    return f->port;
}

int fake_finish(fake_server *f, char *why, size_t whycap)
{
    pthread_join(f->thread, NULL);
    if (why != NULL)
        snprintf(why, whycap, "%s", f->why);
    return f->ok;
}

const char *fake_received(const fake_server *f)
{
    return f->received;
}

void fake_free(fake_server *f)
{
    if (f == NULL)
        return;
    test_close_socket(f->listen_fd);
    free(f->received);
    free(f);
}
