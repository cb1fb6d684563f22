/*
 * test_imap_hostile.c - IMAP against scripted servers doing what a real
 * server never does: stripping or refusing STARTTLS, injecting responses,
 * PREAUTH downgrades, malformed greetings, forged tags, literal bombs,
 * endless lines, slow and silent peers. Each case checks the documented
 * error and, from the bytes the server received, that no credential left.
 */
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "../common/check_main.h"
#include "../common/testutil.h"
#include "../fake/fakeserver.h"

#define GREETING "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake ready\r\n"
#define GREETING_TLS "* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] fake ready\r\n"

static void setup(void)
{
    ck_assert(ImapInitializeA(NULL, NULL));
}

static void teardown(void)
{
    ImapUninitialize();
    /* whatever the server sent, memory stayed bounded */
    ck_assert_msg(peak_rss_kb() < 96 * 1024, "peak memory %ld KiB", peak_rss_kb());
}

/* Connects to the fake server with options; returns the handle or
 * INVALID_CLIENT, and the error in *err. */
static HCLIENT connect_fake(fake_server *f, DWORD options, UINT timeout, DWORD *err)
{
    HCLIENT h = ImapConnectA("127.0.0.1", fake_port(f), timeout, options, NULL);
    *err = h == INVALID_CLIENT ? ImapGetLastError() : 0;
    return h;
}

/* Runs a script that must make connect fail with want; checks that the
 * server saw exactly `sent` from the client. */
/* The client must have left before the script's end (a timeout or a
 * cancel cut the exchange): the server saw the connection close. */
static void fake_assert_client_left(fake_server *f)
{
    char why[256];
    ck_assert(!fake_finish(f, why, sizeof why));
    ck_assert_msg(strstr(why, "client left") != NULL, "%s", why);
}

static void expect_connect_failure(const fake_step *script, size_t n, DWORD options, DWORD want,
                                   const char *sent)
{
    fake_server *f = fake_start(script, n);
    DWORD err;
    HCLIENT h = connect_fake(f, options, 5, &err);
    ck_assert(h == INVALID_CLIENT);
    ck_assert_msg(err == want, "error 0x%x, wanted 0x%x", (unsigned)err, (unsigned)want);
    FAKE_ASSERT_FINISHED(f);
    if (sent != NULL)
        ck_assert_str_eq(fake_received(f), sent);
    ck_assert(strstr(fake_received(f), "LOGIN") == NULL);
    ck_assert(strstr(fake_received(f), "AUTHENTICATE") == NULL);
    fake_free(f);
}

/* ---- STARTTLS when offered (IMAP_OPTION_SECURE_OPPORTUNISTIC) ----------- */

/* Offered: it is used, and a refusal fails the connect (no silent fallback). */
START_TEST(opportunistic_upgrades_when_offered)
{
    fake_step s[] = {SEND(GREETING_TLS), EXPECT("A0001 STARTTLS"), SEND("A0001 NO not today\r\n")};
    expect_connect_failure(FAKE_STEPS(s), IMAP_OPTION_SECURE_OPPORTUNISTIC,
                           ST_ERROR_SECURE_NOT_SUPPORTED, "A0001 STARTTLS\r\n");
}
END_TEST

/* Not offered: the session goes on in plaintext, as the option asks. */
START_TEST(opportunistic_plain_when_not_offered)
{
    fake_step s[] = {SEND("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n"), EXPECT("A0001 NOOP"),
                     SEND("A0001 OK\r\n"), EXPECT("A0002 LOGOUT"), SEND("* BYE\r\nA0002 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    DWORD err;
    HCLIENT h = connect_fake(f, IMAP_OPTION_SECURE_OPPORTUNISTIC, 5, &err);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)err);
    ck_assert_int_eq(ImapCommandA(h, "NOOP"), IMAP_RESULT_OK);
    ImapDisconnect(h);
    char why[256];
    ck_assert_msg(fake_finish(f, why, sizeof why), "%s", why);
    fake_free(f);
    /* one TLS mode at a time */
    ck_assert(ImapConnectA("127.0.0.1", 1, 5,
                           IMAP_OPTION_SECURE_OPPORTUNISTIC | IMAP_OPTION_SECURE_EXPLICIT, NULL) ==
              INVALID_CLIENT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
}
END_TEST

/* ---- STARTTLS required (SECURITY.md 1-6) ------------------------------ */

START_TEST(starttls_not_advertised)
{
    fake_step s[] = {SEND(GREETING)};
    expect_connect_failure(FAKE_STEPS(s), IMAP_OPTION_SECURE_EXPLICIT,
                           ST_ERROR_SECURE_NOT_SUPPORTED, "");
}
END_TEST

START_TEST(starttls_hidden_until_asked)
{
    fake_step s[] = {SEND("* OK ready\r\n"), EXPECT("A0001 CAPABILITY"),
                     SEND("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\nA0001 OK done\r\n")};
    expect_connect_failure(FAKE_STEPS(s), IMAP_OPTION_SECURE_EXPLICIT,
                           ST_ERROR_SECURE_NOT_SUPPORTED, "A0001 CAPABILITY\r\n");
}
END_TEST

START_TEST(capability_command_fails)
{
    fake_step s[] = {SEND("* OK ready\r\n"), EXPECT("A0001 CAPABILITY"), SEND("A0001 NO later\r\n")};
    expect_connect_failure(FAKE_STEPS(s), IMAP_OPTION_SECURE_EXPLICIT,
                           ST_ERROR_SECURE_NOT_SUPPORTED, "A0001 CAPABILITY\r\n");
}
END_TEST

START_TEST(capability_without_list)
{
    fake_step s[] = {SEND("* OK ready\r\n"), EXPECT("A0001 CAPABILITY"), SEND("A0001 OK done\r\n")};
    expect_connect_failure(FAKE_STEPS(s), IMAP_OPTION_SECURE_EXPLICIT,
                           ST_ERROR_PROTOCOL_VIOLATION, "A0001 CAPABILITY\r\n");
}
END_TEST

START_TEST(starttls_refused_no)
{
    fake_step s[] = {SEND(GREETING_TLS), EXPECT("A0001 STARTTLS"), SEND("A0001 NO not today\r\n")};
    expect_connect_failure(FAKE_STEPS(s), IMAP_OPTION_SECURE_EXPLICIT,
                           ST_ERROR_SECURE_NOT_SUPPORTED, "A0001 STARTTLS\r\n");
}
END_TEST

START_TEST(starttls_refused_bad)
{
    fake_step s[] = {SEND(GREETING_TLS), EXPECT("A0001 STARTTLS"), SEND("A0001 BAD what\r\n")};
    expect_connect_failure(FAKE_STEPS(s), IMAP_OPTION_SECURE_EXPLICIT,
                           ST_ERROR_SECURE_NOT_SUPPORTED, "A0001 STARTTLS\r\n");
}
END_TEST

START_TEST(starttls_answered_with_continuation)
{
    fake_step s[] = {SEND(GREETING_TLS), EXPECT("A0001 STARTTLS"), SEND("+ go on\r\n")};
    expect_connect_failure(FAKE_STEPS(s), IMAP_OPTION_SECURE_EXPLICIT,
                           ST_ERROR_PROTOCOL_VIOLATION, "A0001 STARTTLS\r\n");
}
END_TEST

START_TEST(injection_after_starttls_ok)
{
    /* The classic response injection: plaintext riding behind the OK. */
    fake_step s[] = {SEND(GREETING_TLS), EXPECT("A0001 STARTTLS"),
                     SEND("A0001 OK begin TLS\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n")};
    expect_connect_failure(FAKE_STEPS(s), IMAP_OPTION_SECURE_EXPLICIT,
                           ST_ERROR_PROTOCOL_VIOLATION, "A0001 STARTTLS\r\n");
}
END_TEST

START_TEST(injection_in_separate_packet)
{
    /* Bytes that arrive after the check are fed to the TLS handshake as
     * garbage: the connect fails either way and nothing is sent. */
    fake_step s[] = {SEND(GREETING_TLS), EXPECT("A0001 STARTTLS"), SEND("A0001 OK begin TLS\r\n"),
                     SLEEP(50), SEND("A0002 OK [CAPABILITY IMAP4rev1] injected\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    DWORD err;
    HCLIENT h = connect_fake(f, IMAP_OPTION_SECURE_EXPLICIT | IMAP_OPTION_TRUSTEDSITE, 5, &err);
    ck_assert(h == INVALID_CLIENT);
    ck_assert_msg(err == ST_ERROR_PROTOCOL_VIOLATION || err == ST_ERROR_TLS_HANDSHAKE_FAILED ||
                      err == ST_ERROR_CONNECTION_CLOSED,
                  "error 0x%x", (unsigned)err);
    FAKE_ASSERT_FINISHED(f);
    ck_assert(strstr(fake_received(f), "LOGIN") == NULL);
    fake_free(f);
}
END_TEST

START_TEST(preauth_when_tls_required)
{
    fake_step s[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome\r\n")};
    expect_connect_failure(FAKE_STEPS(s), IMAP_OPTION_SECURE_EXPLICIT,
                           ST_ERROR_SECURE_NOT_SUPPORTED, "");
}
END_TEST

START_TEST(preauth_plain_is_authenticated)
{
    fake_step s[] = {SEND("* PREAUTH [CAPABILITY IMAP4rev1] welcome\r\n"), EXPECT("A0001 LOGOUT"),
                     SEND("* BYE\r\nA0001 OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    DWORD err;
    HCLIENT h = connect_fake(f, 0, 5, &err);
    ck_assert(h != INVALID_CLIENT);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_DEFAULT, "u", "p"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_ALREADY_AUTHENTICATED);
    ck_assert_int_eq(ImapDisconnect(h), 0);
    ck_assert(fake_finish(f, NULL, 0));
    ck_assert_str_eq(fake_received(f), "A0001 LOGOUT\r\n");
    fake_free(f);
}
END_TEST

/* ---- greetings and tags (SECURITY.md 7, 16) --------------------------- */

START_TEST(greeting_tagged)
{
    fake_step s[] = {SEND("A1 OK hello\r\n")};
    expect_connect_failure(FAKE_STEPS(s), 0, ST_ERROR_PROTOCOL_VIOLATION, "");
}
END_TEST

START_TEST(greeting_bad)
{
    fake_step s[] = {SEND("* BAD who are you\r\n")};
    expect_connect_failure(FAKE_STEPS(s), 0, ST_ERROR_PROTOCOL_VIOLATION, "");
}
END_TEST

START_TEST(greeting_bye)
{
    fake_step s[] = {SEND("* BYE too busy\r\n")};
    expect_connect_failure(FAKE_STEPS(s), 0, ST_ERROR_SERVER_UNAVAILABLE, "");
}
END_TEST

START_TEST(greeting_garbage)
{
    fake_step s[] = {SEND("SSH-2.0-OpenSSH_9.2\r\n")};
    expect_connect_failure(FAKE_STEPS(s), 0, ST_ERROR_PROTOCOL_VIOLATION, "");
}
END_TEST

START_TEST(greeting_closed)
{
    fake_step s[] = {CLOSE()};
    expect_connect_failure(FAKE_STEPS(s), 0, ST_ERROR_CONNECTION_CLOSED, "");
}
END_TEST

START_TEST(unknown_tag)
{
    fake_step s[] = {SEND("* OK ready\r\n"), EXPECT("A0001 CAPABILITY"),
                     SEND("* CAPABILITY IMAP4rev1\r\nB999 OK forged\r\n")};
    expect_connect_failure(FAKE_STEPS(s), 0, ST_ERROR_PROTOCOL_VIOLATION, "A0001 CAPABILITY\r\n");
}
END_TEST

/* ---- limits (SECURITY.md 10, 11, 15) ---------------------------------- */

START_TEST(literal_size_bombs)
{
    const char *bombs[] = {"* OK [CAPABILITY IMAP4rev1] x {4294967295}\r\n",
                           "* OK x {99999999999999999999}\r\n", "* OK x {65537}\r\n"};
    for (size_t i = 0; i < 3; i++) {
        fake_step s[] = {SEND(bombs[i])};
        expect_connect_failure(FAKE_STEPS(s), 0, ST_ERROR_RESPONSE_TOO_LARGE, "");
    }
}
END_TEST

START_TEST(endless_line)
{
    char *line = malloc(200001);
    memset(line, 'a', 200000);
    line[200000] = '\0';
    memcpy(line, "* OK ", 5);
    fake_step s[] = {SEND(line)};
    expect_connect_failure(FAKE_STEPS(s), 0, ST_ERROR_RESPONSE_TOO_LARGE, "");
    free(line);
}
END_TEST

START_TEST(slow_server_times_out)
{
    fake_step s[] = {SLOW("* OK [CAPABILITY IMAP4rev1] slow\r\n", 300)};
    fake_server *f = fake_start(FAKE_STEPS(s));
    int64_t t0 = now_ms();
    DWORD err;
    ck_assert(connect_fake(f, 0, 1, &err) == INVALID_CLIENT);
    int64_t took = now_ms() - t0;
    ck_assert_uint_eq(err, ST_ERROR_TIMEOUT);
    ck_assert_msg(took >= 900 && took < 2500, "took %lld ms", (long long)took);
    fake_assert_client_left(f); /* the client gave up mid-script, as it should */
    fake_free(f);
}
END_TEST

START_TEST(silent_server_times_out)
{
    fake_step s[] = {SLEEP(3000)};
    fake_server *f = fake_start(FAKE_STEPS(s));
    int64_t t0 = now_ms();
    DWORD err;
    ck_assert(connect_fake(f, 0, 1, &err) == INVALID_CLIENT);
    ck_assert_uint_eq(err, ST_ERROR_TIMEOUT);
    ck_assert(now_ms() - t0 < 2500);
    fake_assert_client_left(f); /* the client gave up mid-script, as it should */
    fake_free(f);
}
END_TEST

/* ---- what the client sends (SECURITY.md 17-19) ------------------------ */

START_TEST(login_disabled_sends_no_password)
{
    fake_step s[] = {SEND("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED AUTH=PLAIN] no\r\n"),
                     EXPECT("A0001 LOGOUT"), SEND("* BYE\r\nA0001 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    DWORD err;
    HCLIENT h = connect_fake(f, 0, 5, &err);
    ck_assert(h != INVALID_CLIENT);
    UINT types[] = {IMAP_AUTH_DEFAULT, IMAP_AUTH_LOGIN, IMAP_AUTH_PLAIN};
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(ImapLoginA(h, types[i], "alice", "secret"), IMAP_ERROR);
        ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_AUTH_NOT_SUPPORTED);
    }
    ImapDisconnect(h);
    ck_assert(fake_finish(f, NULL, 0));
    ck_assert_str_eq(fake_received(f), "A0001 LOGOUT\r\n");
    fake_free(f);
}
END_TEST

START_TEST(mechanism_not_offered)
{
    fake_step s[] = {SEND("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    DWORD err;
    HCLIENT h = connect_fake(f, 0, 5, &err);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_SCRAM_SHA256, "alice", "secret"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_AUTH_NOT_SUPPORTED);
    ck_assert_int_eq(ImapLoginA(h, 99, "alice", "secret"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "ali\r\nce", "secret"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "alice", NULL), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ImapDisconnect(h);
    FAKE_ASSERT_FINISHED(f);
    ck_assert(strstr(fake_received(f), "secret") == NULL);
    fake_free(f);
}
END_TEST

START_TEST(login_with_synchronizing_literal)
{
    /* 8-bit passwords travel as literals; without LITERAL+ the client
     * waits for the continuation. The trace never shows the password. */
    fake_step s[] = {SEND("* OK [CAPABILITY IMAP4rev1] hi\r\n"), EXPECT("A0001 LOGIN alice {5}"),
                     SEND("+ ready\r\n"), EXPECT("p\xc3\xa4ss"),
                     SEND("A0001 OK [CAPABILITY IMAP4rev1 IDLE] Logged in\r\n"),
                     EXPECT("A0002 LOGOUT"), SEND("* BYE\r\nA0002 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    DWORD err;
    trace_log *log = calloc(1, sizeof *log);
    HCLIENT h = connect_fake(f, IMAP_OPTION_TRACE_CONNECT, 5, &err);
    ck_assert(ImapRegisterStatusProc(h, trace_collect, (DWORD_PTR)log));
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_LOGIN, "alice", "p\xc3\xa4ss"), 0);
    ck_assert(ImapHasCapabilityA(h, "IDLE"));
    ck_assert_int_eq(ImapGetResultCode(h), IMAP_RESULT_OK);
    char text[128];
    ck_assert_int_gt(ImapGetResultStringA(h, text, sizeof text), 0);
    ck_assert_str_eq(text, "[CAPABILITY IMAP4rev1 IDLE] Logged in");
    ck_assert_int_eq(ImapGetResponseCount(h), 2);
    ck_assert_int_gt(ImapGetResponseLineA(h, 1, text, sizeof text), 0);
    ck_assert_str_eq(text, "A0001 OK [CAPABILITY IMAP4rev1 IDLE] Logged in");
    ImapDisconnect(h);
    char why[256];
    ck_assert_msg(fake_finish(f, why, sizeof why), "%s", why);
    ck_assert(strstr(log->text, "p\xc3\xa4ss") == NULL);
    /* registered after the connect, the trace still starts at the greeting
     * (IMAP_OPTION_TRACE_CONNECT; without it, at the LOGIN as before) */
    ck_assert_str_eq(log->text, "S: * OK [CAPABILITY IMAP4rev1] hi\n"
                                "C: A0001 LOGIN alice ***\n"
                                "S: + ready\n"
                                "C: ***\n"
                                "S: A0001 OK [CAPABILITY IMAP4rev1 IDLE] Logged in\n"
                                "C: A0002 LOGOUT\n"
                                "S: * BYE\n"
                                "S: A0002 OK\n");
    free(log);
    fake_free(f);
}
END_TEST

START_TEST(authenticate_trace_redacted)
{
    fake_step s[] = {SEND("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi\r\n"),
                     EXPECT("A0001 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA=="),
                     SEND("A0001 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    DWORD err;
    trace_log *log = calloc(1, sizeof *log);
    HCLIENT h = connect_fake(f, 0, 5, &err);
    ImapRegisterStatusProc(h, trace_collect, (DWORD_PTR)log);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_DEFAULT, "alice", "secret"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_AUTH_FAILED);
    ck_assert_int_eq(ImapGetResultCode(h), IMAP_RESULT_NO);
    char text[128];
    ImapGetResultStringA(h, text, sizeof text);
    ck_assert_str_eq(text, "[AUTHENTICATIONFAILED] Authentication failed.");
    ck_assert(strstr(log->text, "AGFsaWNlAHNlY3JldA") == NULL);
    ck_assert(strstr(log->text, "C: A0001 AUTHENTICATE PLAIN ***") != NULL);
    ImapDisconnect(h);
    FAKE_ASSERT_FINISHED(f);
    free(log);
    fake_free(f);
}
END_TEST

START_TEST(identify_keeps_server_id)
{
    fake_step s[] = {SEND("* OK [CAPABILITY IMAP4rev1 ID] hi\r\n"),
                     EXPECT("A0001 ID (\"name\" \"mailwire\" \"version\" \"" MAILWIRE_VERSION_STRING
                            "\")"),
                     SEND("* ID (\"name\" \"Fake \\\"IMAP\\\"\" \"version\" NIL \"os\" {5}\r\nLinux)\r\n"
                          "A0001 OK ID done\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    DWORD err;
    HCLIENT h = connect_fake(f, IMAP_OPTION_IDENTIFY, 5, &err);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)err);
    char id[256];
    ck_assert_int_gt(ImapGetServerIdentityA(h, NULL, id, sizeof id), 0);
    ck_assert_str_eq(id, "name=Fake \"IMAP\"\nversion=\nos=Linux\n");
    ck_assert_int_eq(ImapGetServerIdentityA(h, "OS", id, sizeof id), 5);
    ck_assert_str_eq(id, "Linux");
    ck_assert_int_eq(ImapGetServerIdentityA(h, "missing", id, sizeof id), IMAP_ERROR);
    wchar_t wid[64];
    ck_assert_int_eq(ImapGetServerIdentityW(h, L"name", wid, 64), 11);
    ck_assert(wcscmp(wid, L"Fake \"IMAP\"") == 0);
    ImapDisconnect(h);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}
END_TEST

START_TEST(identify_nil_answer)
{
    fake_step s[] = {SEND("* OK [CAPABILITY IMAP4rev1 ID] hi\r\n"), EXPECT_PREFIX("A0001 ID ("),
                     SEND("* ID NIL\r\nA0001 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    DWORD err;
    HCLIENT h = connect_fake(f, IMAP_OPTION_IDENTIFY, 5, &err);
    ck_assert(h != INVALID_CLIENT);
    char id[16] = "x";
    ck_assert_int_eq(ImapGetServerIdentityA(h, NULL, id, sizeof id), 0);
    ck_assert_str_eq(id, "");
    ImapDisconnect(h);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}
END_TEST

/* ---- threads, cancel, async ------------------------------------------- */

typedef struct login_job {
    HCLIENT h;
    INT rc;
    DWORD err;
} login_job;

static void *login_thread(void *arg)
{
    login_job *j = arg;
    j->rc = ImapLoginA(j->h, IMAP_AUTH_PLAIN, "alice", "secret");
    j->err = ImapGetLastError();
    return NULL;
}

START_TEST(cancel_from_another_thread)
{
    fake_step s[] = {SEND("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi\r\n"), SLEEP(5000)};
    fake_server *f = fake_start(FAKE_STEPS(s));
    DWORD err;
    HCLIENT h = connect_fake(f, IMAP_OPTION_FREETHREAD, 30, &err);
    login_job j = {h, 0, 0};
    pthread_t t;
    int64_t t0 = now_ms();
    pthread_create(&t, NULL, login_thread, &j);
    usleep(200000);
    ck_assert_int_eq(ImapCancel(h), 0);
    pthread_join(t, NULL);
    ck_assert_int_eq(j.rc, IMAP_ERROR);
    ck_assert_uint_eq(j.err, ST_ERROR_CANCELLED);
    ck_assert(now_ms() - t0 < 2000);
    ck_assert(!ImapIsConnected(h)); /* the exchange was cut: session closed */
    ImapDisconnect(h);
    fake_assert_client_left(f); /* the client gave up mid-script, as it should */
    fake_free(f);
}
END_TEST

START_TEST(freethread_race_is_busy)
{
    fake_step s[] = {SEND("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi\r\n"),
                     EXPECT_PREFIX("A0001 AUTHENTICATE PLAIN"), SLEEP(600),
                     SEND("A0001 OK [CAPABILITY IMAP4rev1] ok\r\n"), EXPECT("A0002 LOGOUT"),
                     SEND("* BYE\r\nA0002 OK\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    DWORD err;
    HCLIENT h = connect_fake(f, IMAP_OPTION_FREETHREAD, 5, &err);
    login_job j = {h, 0, 0};
    pthread_t t;
    pthread_create(&t, NULL, login_thread, &j);
    usleep(200000);
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "alice", "secret"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_HANDLE_BUSY);
    ck_assert_int_eq(ImapDisconnect(h), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_HANDLE_BUSY);
    pthread_join(t, NULL);
    ck_assert_int_eq(j.rc, 0);
    ck_assert_int_eq(ImapDisconnect(h), 0);
    char why[256];
    ck_assert_msg(fake_finish(f, why, sizeof why), "%s", why);
    fake_free(f);
}
END_TEST

typedef struct owner_job {
    HCLIENT h;
    INT before;
    DWORD before_err;
    DWORD previous;
    INT after;
    uint32_t tid;
} owner_job;

static void *owner_thread(void *arg)
{
    owner_job *j = arg;
    j->before = ImapGetResultCode(j->h);
    j->before_err = ImapGetLastError();
    j->previous = ImapAttachThread(j->h, 0); /* take it over */
    j->after = ImapGetResultCode(j->h);
    j->tid = current_tid();
    return NULL;
}

START_TEST(owner_thread_and_attach)
{
    fake_step s[] = {SEND(GREETING)};
    fake_server *f = fake_start(FAKE_STEPS(s));
    DWORD err;
    HCLIENT h = connect_fake(f, 0, 5, &err);
    owner_job j = {h, 0, 0, 0, 0, 0};
    pthread_t t;
    pthread_create(&t, NULL, owner_thread, &j);
    pthread_join(t, NULL);
    ck_assert_int_eq(j.before, IMAP_ERROR);
    ck_assert_uint_eq(j.before_err, ST_ERROR_NOT_HANDLE_OWNER);
    ck_assert_uint_eq(j.previous, current_tid());
    ck_assert_int_eq(j.after, IMAP_RESULT_OK);
    /* now the main thread is not the owner */
    ck_assert_int_eq(ImapGetResultCode(h), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_HANDLE_OWNER);
    /* any thread may hand it back */
    ck_assert_uint_eq(ImapAttachThread(h, current_tid()), j.tid);
    ck_assert_int_eq(ImapGetResultCode(h), IMAP_RESULT_OK);
    ImapDisconnect(h);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}
END_TEST

START_TEST(async_connect_reports_event)
{
    fake_step s[] = {SLEEP(400), SEND(GREETING)};
    fake_server *f = fake_start(FAKE_STEPS(s));
    event_wait w = {0, 0, 0, NULL};
    HCLIENT h = ImapAsyncConnectA("127.0.0.1", fake_port(f), 5, 0, NULL, event_record, (DWORD_PTR)&w);
    ck_assert(h != INVALID_CLIENT);
    ck_assert(!ImapIsConnected(h));
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "a", "b"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_IN_PROGRESS);
    ck_assert(event_wait_for(&w, 5000));
    ck_assert_uint_eq(w.id, IMAP_EVENT_CONNECT);
    ck_assert_uint_eq(w.error, 0);
    ck_assert(w.handle == h);
    ck_assert(ImapIsConnected(h));
    ck_assert(ImapHasCapabilityA(h, "AUTH=PLAIN"));
    ImapDisconnect(h);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}
END_TEST

START_TEST(async_connect_failure_event)
{
    fake_step s[] = {SEND("* BYE go away\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    event_wait w = {0, 0, 0, NULL};
    HCLIENT h = ImapAsyncConnectA("127.0.0.1", fake_port(f), 5, 0, NULL, event_record, (DWORD_PTR)&w);
    ck_assert(event_wait_for(&w, 5000));
    ck_assert_uint_eq(w.id, IMAP_EVENT_ERROR);
    ck_assert_uint_eq(w.error, ST_ERROR_SERVER_UNAVAILABLE);
    ck_assert(!ImapIsConnected(h));
    ck_assert_int_eq(ImapLoginA(h, IMAP_AUTH_PLAIN, "a", "b"), IMAP_ERROR);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_NOT_CONNECTED);
    ck_assert_int_eq(ImapDisconnect(h), 0);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
    /* no event procedure: nothing could report the result */
    ck_assert(ImapAsyncConnectA("127.0.0.1", 1, 5, 0, NULL, NULL, 0) == INVALID_CLIENT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_INVALID_PARAMETER);
}
END_TEST

START_TEST(disconnect_during_async_connect)
{
    fake_step s[] = {SLEEP(3000), SEND(GREETING)};
    fake_server *f = fake_start(FAKE_STEPS(s));
    event_wait w = {0, 0, 0, NULL};
    HCLIENT h = ImapAsyncConnectA("127.0.0.1", fake_port(f), 10, 0, NULL, event_record, (DWORD_PTR)&w);
    int64_t t0 = now_ms();
    ck_assert_int_eq(ImapDisconnect(h), 0); /* cancels the connect */
    ck_assert(now_ms() - t0 < 1500);
    ck_assert(w.fired && w.id == IMAP_EVENT_ERROR && w.error == ST_ERROR_CANCELLED);
    fake_assert_client_left(f); /* the client gave up mid-script, as it should */
    fake_free(f);
}
END_TEST

/* ---- proxies (IMAP_OPTION_TUNNEL) ------------------------------------- */

static HCLIENT connect_via(fake_server *f, const char *scheme, const char *userinfo)
{
    char url[128];
    snprintf(url, sizeof url, "%s://%s127.0.0.1:%u", scheme, userinfo, fake_port(f));
    SECURITYCREDENTIALSA c;
    memset(&c, 0, sizeof c);
    c.dwSize = sizeof c;
    c.lpszProxy = url;
    /* The name is resolved by the proxy: it does not exist here. */
    return ImapConnectA("imap.example.test", 143, 5, IMAP_OPTION_TUNNEL, &c);
}

START_TEST(socks5_tunnel)
{
    fake_step s[] = {EXPECT_BYTES("\x05\x01\x00"), SEND_BYTES("\x05\x00"),
                     EXPECT_BYTES("\x05\x01\x00\x03\x11imap.example.test\x00\x8f"),
                     SEND_BYTES("\x05\x00\x00\x01\x7f\x00\x00\x01\x00\x8f"), SEND(GREETING)};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = connect_via(f, "socks5", "");
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)ImapGetLastError());
    ImapDisconnect(h);
    char why[256];
    ck_assert_msg(fake_finish(f, why, sizeof why), "%s", why);
    fake_free(f);
}
END_TEST

START_TEST(socks5_with_password_refused)
{
    fake_step s[] = {EXPECT_BYTES("\x05\x02\x00\x02"), SEND_BYTES("\x05\x02"),
                     EXPECT_BYTES("\x01\x02us\x02pw"), SEND_BYTES("\x01\x01")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    ck_assert(connect_via(f, "socks5", "us:pw@") == INVALID_CLIENT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_AUTH_FAILED);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}
END_TEST

START_TEST(socks5_target_refused)
{
    fake_step s[] = {EXPECT_BYTES("\x05\x01\x00"), SEND_BYTES("\x05\x00"),
                     EXPECT_BYTES("\x05\x01\x00\x03\x11imap.example.test\x00\x8f"),
                     SEND_BYTES("\x05\x05\x00\x01\x00\x00\x00\x00\x00\x00")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    ck_assert(connect_via(f, "socks5", "") == INVALID_CLIENT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_CONNECTION_REFUSED);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}
END_TEST

START_TEST(http_connect_tunnel)
{
    fake_step s[] = {EXPECT("CONNECT imap.example.test:143 HTTP/1.1"),
                     EXPECT("Host: imap.example.test:143"),
                     EXPECT("Proxy-Authorization: Basic dXNlcjpwYXNz"), EXPECT(""),
                     SEND("HTTP/1.1 200 Connection established\r\n\r\n" GREETING)};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = connect_via(f, "http", "user:pass@");
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)ImapGetLastError());
    ck_assert(ImapHasCapabilityA(h, "AUTH=PLAIN")); /* the greeting behind the reply */
    ImapDisconnect(h);
    char why[256];
    ck_assert_msg(fake_finish(f, why, sizeof why), "%s", why);
    fake_free(f);
}
END_TEST

START_TEST(http_connect_needs_auth)
{
    fake_step s[] = {EXPECT_PREFIX("CONNECT"), EXPECT_PREFIX("Host:"), EXPECT(""),
                     SEND("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    ck_assert(connect_via(f, "http", "") == INVALID_CLIENT);
    ck_assert_uint_eq(ImapGetLastError(), ST_ERROR_AUTH_FAILED);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}
END_TEST

static Suite *hostile_suite(void)
{
    Suite *s = suite_create("imap_hostile");
    TCase *tls = tcase_create("starttls");
    tcase_add_checked_fixture(tls, setup, teardown);
    tcase_add_test(tls, starttls_not_advertised);
    tcase_add_test(tls, opportunistic_upgrades_when_offered);
    tcase_add_test(tls, opportunistic_plain_when_not_offered);
    tcase_add_test(tls, starttls_hidden_until_asked);
    tcase_add_test(tls, capability_command_fails);
    tcase_add_test(tls, capability_without_list);
    tcase_add_test(tls, starttls_refused_no);
    tcase_add_test(tls, starttls_refused_bad);
    tcase_add_test(tls, starttls_answered_with_continuation);
    tcase_add_test(tls, injection_after_starttls_ok);
    tcase_add_test(tls, injection_in_separate_packet);
    tcase_add_test(tls, preauth_when_tls_required);
    tcase_add_test(tls, preauth_plain_is_authenticated);
    suite_add_tcase(s, tls);
    TCase *wire = tcase_create("wire");
    tcase_add_checked_fixture(wire, setup, teardown);
    tcase_set_timeout(wire, 30);
    tcase_add_test(wire, greeting_tagged);
    tcase_add_test(wire, greeting_bad);
    tcase_add_test(wire, greeting_bye);
    tcase_add_test(wire, greeting_garbage);
    tcase_add_test(wire, greeting_closed);
    tcase_add_test(wire, unknown_tag);
    tcase_add_test(wire, literal_size_bombs);
    tcase_add_test(wire, endless_line);
    tcase_add_test(wire, slow_server_times_out);
    tcase_add_test(wire, silent_server_times_out);
    tcase_add_test(wire, login_disabled_sends_no_password);
    tcase_add_test(wire, mechanism_not_offered);
    tcase_add_test(wire, login_with_synchronizing_literal);
    tcase_add_test(wire, authenticate_trace_redacted);
    tcase_add_test(wire, identify_keeps_server_id);
    tcase_add_test(wire, identify_nil_answer);
    suite_add_tcase(s, wire);
    TCase *thr = tcase_create("threads");
    tcase_add_checked_fixture(thr, setup, teardown);
    tcase_set_timeout(thr, 30);
    tcase_add_test(thr, cancel_from_another_thread);
    tcase_add_test(thr, freethread_race_is_busy);
    tcase_add_test(thr, owner_thread_and_attach);
    tcase_add_test(thr, async_connect_reports_event);
    tcase_add_test(thr, async_connect_failure_event);
    tcase_add_test(thr, disconnect_during_async_connect);
    suite_add_tcase(s, thr);
    TCase *px = tcase_create("proxy");
    tcase_add_checked_fixture(px, setup, teardown);
    tcase_add_test(px, socks5_tunnel);
    tcase_add_test(px, socks5_with_password_refused);
    tcase_add_test(px, socks5_target_refused);
    tcase_add_test(px, http_connect_tunnel);
    tcase_add_test(px, http_connect_needs_auth);
    suite_add_tcase(s, px);
    return s;
}

CHECK_MAIN(hostile_suite)
