/*
 * fakeserver.h - a scripted server for tests: exact bytes out, exact lines
 * expected in, on 127.0.0.1 only. It records every byte the client sent so
 * a test can prove what did (or did not) cross the wire.
 */
#ifndef FAKESERVER_H
#define FAKESERVER_H

#include <stddef.h>

typedef enum {
    FS_SEND,        /* write data */
    FS_EXPECT,      /* read one line; it must equal data (CRLF excluded) */
    FS_EXPECT_PREFIX, /* read one line; it must start with data */
    FS_SLEEP,       /* pause ms */
    FS_SLOW,        /* write data one byte every ms */
    FS_CLOSE,       /* close the connection now */
    FS_EXPECT_BYTES, /* read exactly len bytes; they must equal data */
    FS_SEND_BYTES,  /* write len bytes (may hold NUL) */
    FS_QUIET        /* the client must send nothing for ms: a server that
                       drops what was sent ahead (Cyrus after AUTH) */
} fake_op;

typedef struct fake_step {
    fake_op op;
    const char *data;
    unsigned ms;
    size_t len;
} fake_step;

#define SEND(s) {FS_SEND, (s), 0, 0}
#define EXPECT(s) {FS_EXPECT, (s), 0, 0}
#define EXPECT_PREFIX(s) {FS_EXPECT_PREFIX, (s), 0, 0}
#define SLEEP(ms) {FS_SLEEP, NULL, (ms), 0}
#define QUIET(ms) {FS_QUIET, NULL, (ms), 0}
#define SLOW(s, ms) {FS_SLOW, (s), (ms), 0}
#define CLOSE() {FS_CLOSE, NULL, 0, 0}
#define EXPECT_BYTES(s) {FS_EXPECT_BYTES, (s), 0, sizeof(s) - 1}
#define SEND_BYTES(s) {FS_SEND_BYTES, (s), 0, sizeof(s) - 1}

typedef struct fake_server fake_server;

/* Starts listening on 127.0.0.1 (a free port) and serves one connection
 * with the script in a background thread. */
fake_server *fake_start(const fake_step *script, size_t nsteps);
/* The same on a given port (0: a free one). */
fake_server *fake_start_on(const fake_step *script, size_t nsteps, unsigned port);
unsigned fake_port(const fake_server *f);
/* Waits for the script to end and the client to close (at most a few
 * seconds). Returns 1 if every step ran and every expectation held;
 * otherwise why holds the reason. */
int fake_finish(fake_server *f, char *why, size_t whycap);
/* In a Check test: fake_finish, failing the test with the reason unless
 * the whole script ran as written (its last steps included: the LOGOUT or
 * QUIT it expects). */
#define FAKE_ASSERT_FINISHED(f)                                                                    \
    do {                                                                                           \
        char why_[256];                                                                            \
        ck_assert_msg(fake_finish((f), why_, sizeof why_), "%s", why_);                            \
    } while (0)
/* Everything the client sent, NUL-terminated (valid until fake_free). */
const char *fake_received(const fake_server *f);
void fake_free(fake_server *f);

#define FAKE_STEPS(arr) (arr), (sizeof(arr) / sizeof((arr)[0]))

#endif /* FAKESERVER_H */
