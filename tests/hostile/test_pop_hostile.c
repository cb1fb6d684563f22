/*
 * test_pop_hostile.c - POP3 against scripted servers: STLS stripping,
 * refusal and injection, bad greetings, RESP-CODES, APOP timestamps,
 * CAPA floods, and what the trace shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check_main.h"
#include "../common/testutil.h"
#include "../fake/fakeserver.h"

#define CAPA_NO_STLS "+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n"

static void setup(void)
{
    ck_assert(PopInitializeA(NULL, NULL));
}

static void teardown(void)
{
    PopUninitialize();
    /* whatever the server sent, memory stayed bounded */
    ck_assert_msg(peak_rss_kb() < 96 * 1024, "peak memory %ld KiB", peak_rss_kb());
}

/* Logs out and checks that the server saw exactly the script. */
static void pop_done(fake_server *f, HCLIENT h)
{
    PopDisconnect(h);
    char why[256];
    ck_assert_msg(fake_finish(f, why, sizeof why), "%s", why);
    fake_free(f);
}

static void expect_connect_failure(const fake_step *script, size_t n, DWORD options, DWORD want,
                                   const char *sent)
{
    fake_server *f = fake_start(script, n);
    HCLIENT h = PopConnectA("127.0.0.1", fake_port(f), 5, options, NULL);
    ck_assert(h == INVALID_CLIENT);
    DWORD err = PopGetLastError();
    ck_assert_msg(err == want, "error 0x%x, wanted 0x%x", (unsigned)err, (unsigned)want);
    FAKE_ASSERT_FINISHED(f);
    if (sent != NULL)
        ck_assert_str_eq(fake_received(f), sent);
    ck_assert(strstr(fake_received(f), "USER") == NULL);
    ck_assert(strstr(fake_received(f), "PASS") == NULL);
    ck_assert(strstr(fake_received(f), "APOP") == NULL);
    fake_free(f);
}

/* STLS offered with POP_OPTION_SECURE_OPPORTUNISTIC: used, and a refusal
 * fails the connect; not offered: plaintext goes on. */
START_TEST(opportunistic_stls)
{
    fake_step s[] = {SEND("+OK ready\r\n"), EXPECT("CAPA"), SEND("+OK\r\nSTLS\r\nUSER\r\n.\r\n"),
                     EXPECT("STLS"), SEND("-ERR not now\r\n")};
    expect_connect_failure(FAKE_STEPS(s), POP_OPTION_SECURE_OPPORTUNISTIC,
                           ST_ERROR_SECURE_NOT_SUPPORTED, "CAPA\r\nSTLS\r\n");
    fake_step plain[] = {SEND("+OK ready\r\n"), EXPECT("CAPA"), SEND(CAPA_NO_STLS), EXPECT("QUIT"),
                         SEND("+OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(plain));
    HCLIENT h = PopConnectA("127.0.0.1", fake_port(f), 5, POP_OPTION_SECURE_OPPORTUNISTIC, NULL);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)PopGetLastError());
    pop_done(f, h);
}
END_TEST

START_TEST(stls_not_advertised)
{
    fake_step s[] = {SEND("+OK ready\r\n"), EXPECT("CAPA"), SEND(CAPA_NO_STLS)};
    expect_connect_failure(FAKE_STEPS(s), POP_OPTION_SECURE_EXPLICIT, ST_ERROR_SECURE_NOT_SUPPORTED,
                           "CAPA\r\n");
}
END_TEST

START_TEST(capa_refused)
{
    fake_step s[] = {SEND("+OK ready\r\n"), EXPECT("CAPA"), SEND("-ERR unknown command\r\n")};
    expect_connect_failure(FAKE_STEPS(s), POP_OPTION_SECURE_EXPLICIT, ST_ERROR_SECURE_NOT_SUPPORTED,
                           "CAPA\r\n");
}
END_TEST

START_TEST(stls_refused)
{
    fake_step s[] = {SEND("+OK ready\r\n"), EXPECT("CAPA"), SEND("+OK\r\nSTLS\r\nUSER\r\n.\r\n"),
                     EXPECT("STLS"), SEND("-ERR [SYS/TEMP] not now\r\n")};
    expect_connect_failure(FAKE_STEPS(s), POP_OPTION_SECURE_EXPLICIT, ST_ERROR_SECURE_NOT_SUPPORTED,
                           "CAPA\r\nSTLS\r\n");
}
END_TEST

START_TEST(stls_injection)
{
    fake_step s[] = {SEND("+OK ready\r\n"), EXPECT("CAPA"), SEND("+OK\r\nSTLS\r\nUSER\r\n.\r\n"),
                     EXPECT("STLS"), SEND("+OK begin\r\n+OK [injected] logged in\r\n")};
    expect_connect_failure(FAKE_STEPS(s), POP_OPTION_SECURE_EXPLICIT, ST_ERROR_PROTOCOL_VIOLATION,
                           "CAPA\r\nSTLS\r\n");
}
END_TEST

START_TEST(greetings)
{
    fake_step err_greeting[] = {SEND("-ERR [SYS/TEMP] maintenance\r\n")};
    expect_connect_failure(FAKE_STEPS(err_greeting), 0, ST_ERROR_SERVER_UNAVAILABLE, "");
    fake_step garbage[] = {SEND("* OK this is IMAP\r\n")};
    expect_connect_failure(FAKE_STEPS(garbage), 0, ST_ERROR_PROTOCOL_VIOLATION, "");
    fake_step almost[] = {SEND("+OKAY\r\n")};
    expect_connect_failure(FAKE_STEPS(almost), 0, ST_ERROR_PROTOCOL_VIOLATION, "");
    fake_step closed[] = {CLOSE()};
    expect_connect_failure(FAKE_STEPS(closed), 0, ST_ERROR_CONNECTION_CLOSED, "");
}
END_TEST

START_TEST(capa_flood)
{
    static char flood[200000];
    size_t n = (size_t)snprintf(flood, sizeof flood, "+OK\r\n");
    for (int i = 0; i < 5000 && n < sizeof flood - 16; i++)
        n += (size_t)snprintf(flood + n, sizeof flood - n, "X%d\r\n", i);
    fake_step s[] = {SEND("+OK ready\r\n"), EXPECT("CAPA"), SEND(flood)};
    expect_connect_failure(FAKE_STEPS(s), 0, ST_ERROR_RESPONSE_TOO_LARGE, "CAPA\r\n");
}
END_TEST

/* Connect, then one login attempt against a scripted reply, which must end
 * with want. The capabilities a successful login leaves owed (RFC 2449)
 * go with the next command, and none comes: the client says QUIT, as
 * after a refused login; after a protocol violation it just closes. The
 * whole script must run. */
static void login_expect(DWORD want, const char *greeting, const char *capa,
                         const fake_step *tail, size_t ntail, UINT type, const char *user,
                         const char *pass, char *sent, size_t sentcap, trace_log *log)
{
    fake_step s[16] = {SEND(greeting), EXPECT("CAPA"), SEND(capa)};
    size_t n = 3;
    if (ntail > 0)
        memcpy(s + n, tail, ntail * sizeof *tail);
    n += ntail;
    if (want != ST_ERROR_PROTOCOL_VIOLATION) {
        s[n++] = (fake_step)EXPECT("QUIT");
        s[n++] = (fake_step)SEND("+OK bye\r\n");
    }
    fake_server *f = fake_start(s, n);
    HCLIENT h = PopConnectA("127.0.0.1", fake_port(f), 5, 0, NULL);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)PopGetLastError());
    if (log != NULL)
        PopRegisterStatusProc(h, trace_collect, (DWORD_PTR)log);
    DWORD err = PopLoginA(h, type, user, pass) == 0 ? 0 : PopGetLastError();
    PopDisconnect(h);
    FAKE_ASSERT_FINISHED(f);
    snprintf(sent, sentcap, "%s", fake_received(f));
    fake_free(f);
    ck_assert_msg(err == want, "login ended with 0x%x, wanted 0x%x", (unsigned)err, (unsigned)want);
}

START_TEST(resp_codes)
{
    char sent[512];
    fake_step in_use[] = {EXPECT("USER alice"), SEND("+OK\r\n"), EXPECT("PASS secret"),
                          SEND("-ERR [IN-USE] Mailbox is locked\r\n")};
    login_expect(ST_ERROR_MAILBOX_IN_USE, "+OK hi\r\n", CAPA_NO_STLS, FAKE_STEPS(in_use),
                 POP_AUTH_PASS, "alice", "secret", sent, sizeof sent, NULL);
    fake_step auth[] = {EXPECT("USER alice"), SEND("+OK\r\n"), EXPECT("PASS secret"),
                        SEND("-ERR [AUTH] Invalid credentials\r\n")};
    login_expect(ST_ERROR_AUTH_FAILED, "+OK hi\r\n", CAPA_NO_STLS, FAKE_STEPS(auth), POP_AUTH_PASS,
                 "alice", "secret", sent, sizeof sent, NULL);
    fake_step temp[] = {EXPECT("USER alice"), SEND("-ERR [SYS/TEMP] try later\r\n")};
    login_expect(ST_ERROR_SERVER_UNAVAILABLE, "+OK hi\r\n", CAPA_NO_STLS, FAKE_STEPS(temp),
                 POP_AUTH_PASS, "alice", "secret", sent, sizeof sent, NULL);
    ck_assert(strstr(sent, "PASS") == NULL); /* USER failed: no password sent */
    fake_step plain[] = {EXPECT("USER alice"), SEND("+OK\r\n"), EXPECT("PASS secret"),
                         SEND("-ERR no\r\n")};
    login_expect(ST_ERROR_AUTH_FAILED, "+OK hi\r\n", CAPA_NO_STLS, FAKE_STEPS(plain), POP_AUTH_PASS,
                 "alice", "secret", sent, sizeof sent, NULL);
}
END_TEST

START_TEST(apop_default_and_trace)
{
    char sent[512];
    trace_log *log = calloc(1, sizeof *log);
    fake_step tail[] = {EXPECT("APOP tim c4c9334bac560ecc979e58001b3e22fb"), SEND("+OK maildrop\r\n")};
    login_expect(0, "+OK POP3 ready <1896.697170952@dbc.mtview.ca.us>\r\n", "+OK\r\nUSER\r\n.\r\n",
                 FAKE_STEPS(tail), POP_AUTH_DEFAULT, "tim", "tanstaaf", sent, sizeof sent, log);
    ck_assert(strstr(log->text, "C: APOP tim ***") != NULL);
    ck_assert(strstr(log->text, "c4c9334b") == NULL);
    free(log);
}
END_TEST

/* GNU Mailutils and solid-pop3d stamp every greeting without APOP
 * secrets: a refused APOP that DEFAULT chose falls back to what it would
 * choose without a stamp (here USER/PASS); APOP asked for by name does not. */
START_TEST(apop_refused_falls_back)
{
    char sent[512];
    const char *stamped = "+OK POP3 ready <1896.697170952@dbc.mtview.ca.us>\r\n";
    fake_step tail[] = {EXPECT("APOP tim c4c9334bac560ecc979e58001b3e22fb"),
                        SEND("-ERR [AUTH] no APOP secret\r\n"), EXPECT("USER tim"), SEND("+OK\r\n"),
                        EXPECT("PASS tanstaaf"), SEND("+OK in\r\n")};
    login_expect(0, stamped, "+OK\r\nUSER\r\n.\r\n", FAKE_STEPS(tail), POP_AUTH_DEFAULT, "tim",
                 "tanstaaf", sent, sizeof sent, NULL);
    fake_step sasl[] = {EXPECT("APOP tim c4c9334bac560ecc979e58001b3e22fb"), SEND("-ERR no\r\n"),
                        EXPECT("AUTH PLAIN AHRpbQB0YW5zdGFhZg=="), SEND("+OK in\r\n")};
    login_expect(0, stamped, "+OK\r\nSASL PLAIN\r\n.\r\n", FAKE_STEPS(sasl), POP_AUTH_DEFAULT,
                 "tim", "tanstaaf", sent, sizeof sent, NULL);
    fake_step named[] = {EXPECT("APOP tim c4c9334bac560ecc979e58001b3e22fb"), SEND("-ERR no\r\n")};
    login_expect(ST_ERROR_AUTH_FAILED, stamped, "+OK\r\nUSER\r\n.\r\n", FAKE_STEPS(named),
                 POP_AUTH_APOP, "tim", "tanstaaf", sent, sizeof sent, NULL);
    ck_assert(strstr(sent, "USER") == NULL);
}
END_TEST

START_TEST(apop_stamp_bounded)
{
    /* An oversized timestamp is not an APOP offer: DEFAULT uses USER/PASS. */
    char greeting[600] = "+OK <";
    memset(greeting + 5, 'a', 400);
    strcpy(greeting + 405, "@x>\r\n");
    char sent[512];
    fake_step tail[] = {EXPECT("USER tim"), SEND("+OK\r\n"), EXPECT("PASS tanstaaf"),
                        SEND("+OK\r\n")};
    login_expect(0, greeting, "+OK\r\nUSER\r\n.\r\n", FAKE_STEPS(tail), POP_AUTH_DEFAULT, "tim",
                 "tanstaaf", sent, sizeof sent, NULL);
    /* nothing is tried: the next line the server sees is QUIT */
    login_expect(ST_ERROR_AUTH_NOT_SUPPORTED, "+OK no stamp\r\n", "+OK\r\nUSER\r\n.\r\n", NULL,
                 0, POP_AUTH_APOP, "tim", "x", sent, sizeof sent, NULL);
}
END_TEST

START_TEST(sasl_plain_initial_response)
{
    char sent[512];
    trace_log *log = calloc(1, sizeof *log);
    fake_step tail[] = {EXPECT("AUTH PLAIN AGFsaWNlAHNlY3JldA=="), SEND("+OK welcome\r\n")};
    login_expect(0, "+OK hi\r\n", "+OK\r\nSASL PLAIN\r\n.\r\n", FAKE_STEPS(tail), POP_AUTH_DEFAULT,
                 "alice", "secret", sent, sizeof sent, log);
    ck_assert(strstr(log->text, "C: AUTH PLAIN ***") != NULL);
    ck_assert(strstr(log->text, "AGFsaWNl") == NULL);
    free(log);
}
END_TEST

START_TEST(sasl_bad_challenge)
{
    char sent[512];
    fake_step tail[] = {EXPECT("AUTH CRAM-MD5"), SEND("+ %%% not base64\r\n"), EXPECT("*"),
                        SEND("-ERR cancelled\r\n")};
    login_expect(ST_ERROR_PROTOCOL_VIOLATION, "+OK hi\r\n", "+OK\r\nSASL CRAM-MD5\r\n.\r\n",
                 FAKE_STEPS(tail), POP_AUTH_CRAM_MD5, "alice", "secret", sent, sizeof sent, NULL);
}
END_TEST

START_TEST(no_usable_mechanism)
{
    char sent[512];
    /* nothing is tried: the next line the server sees is QUIT */
    login_expect(ST_ERROR_AUTH_NOT_SUPPORTED, "+OK hi\r\n", "+OK\r\nTOP\r\n.\r\n", NULL, 0,
                 POP_AUTH_DEFAULT, "alice", "secret", sent, sizeof sent, NULL);
    ck_assert(strstr(sent, "secret") == NULL);
}
END_TEST

/* ---- maildrop operations ---------------------------------------------- */

#define LOGGED_IN(capa) SEND("+OK hi\r\n"), EXPECT("CAPA"), SEND(capa), EXPECT("USER u"), \
    SEND("+OK\r\n"), EXPECT("PASS p"), SEND("+OK in\r\n"), EXPECT("CAPA"), SEND(capa)

static HCLIENT session_for(fake_server *f)
{
    HCLIENT h = PopConnectA("127.0.0.1", fake_port(f), 5, 0, NULL);
    ck_assert(h != INVALID_CLIENT);
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PASS, "u", "p"), 0);
    return h;
}

/* Sizes at the 32-bit edge: 4294967295 is a size, one more is not. */
START_TEST(sizes_at_the_32_bit_edge)
{
    fake_step s[] = {LOGGED_IN(CAPA_NO_STLS), EXPECT("STAT"), SEND("+OK 3 4294967295\r\n"),
                     EXPECT("QUIT"), SEND("+OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    DWORD bytes = 0;
    ck_assert_int_eq(PopGetMailboxSize(h, &bytes), 3);
    ck_assert_uint_eq(bytes, 4294967295u);
    pop_done(f, h);

    fake_step over[] = {LOGGED_IN(CAPA_NO_STLS), EXPECT("STAT"), SEND("+OK 3 4294967296\r\n")};
    f = fake_start(FAKE_STEPS(over));
    h = session_for(f);
    ck_assert_int_eq(PopGetMailboxSize(h, &bytes), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    PopDisconnect(h);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}
END_TEST

/* A UIDL that breaks RFC 1939 costs that message its UIDL, not the others
 * theirs, and not the session. */
START_TEST(bad_uidl_costs_one_message)
{
    fake_step s[] = {LOGGED_IN(CAPA_NO_STLS), EXPECT("STAT"),
                     SEND("+OK 3 30\r\n"), EXPECT("UIDL"),
                     SEND("+OK\r\n1 aaa\r\n2 b\x1b]0;owned\x07b\r\n3 ccc\r\n.\r\n"), EXPECT("NOOP"),
                     SEND("+OK\r\n"), EXPECT("QUIT"), SEND("+OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    ck_assert_int_eq(PopGetMessageCount(h), 3);
    char uid[80];
    ck_assert_int_ge(PopGetMessageUidA(h, 1, uid, sizeof uid), 0);
    ck_assert_str_eq(uid, "aaa");
    ck_assert_int_eq(PopGetMessageUidA(h, 2, uid, sizeof uid), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_int_ge(PopGetMessageUidA(h, 3, uid, sizeof uid), 0);
    ck_assert_str_eq(uid, "ccc");
    ck_assert_int_ge(PopCommandA(h, "NOOP"), 0);
    pop_done(f, h);
}
END_TEST


typedef struct sink_counts {
    int messages;
    char last[64];
} sink_counts;

static BOOL CALLBACK count_fetch(HCLIENT h, const POPFETCHDATA *d, DWORD_PTR param)
{
    (void)h;
    sink_counts *c = (sink_counts *)param;
    if (d->bLastChunk)
        c->messages++;
    else
        snprintf(c->last, sizeof c->last, "%.*s", (int)d->dwLength, (const char *)d->lpvData);
    return TRUE;
}

START_TEST(pipelined_fetch_sends_all_first)
{
    /* The server reads all three RETRs before it answers any: a client
     * waiting for each reply would deadlock here and time out. */
    fake_step s[] = {LOGGED_IN("+OK\r\nUSER\r\nPIPELINING\r\n.\r\n"), EXPECT("STAT"),
                     SEND("+OK 3 30\r\n"), EXPECT("RETR 1"), EXPECT("RETR 2"), EXPECT("RETR 3"),
                     SEND("+OK 5 octets\r\none\r\n.\r\n+OK\r\ntwo\r\n.\r\n-ERR gone\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    sink_counts c = {0, ""};
    ck_assert_int_eq(PopFetchMessages(h, 1, 0xFFFFFFFFu, count_fetch, (DWORD_PTR)&c, 0), 2);
    ck_assert_int_eq(c.messages, 2);
    ck_assert_str_eq(c.last, "two\r\n");
    pop_done(f, h);
}
END_TEST

/* Capabilities are asked again after login (RFC 2449): Gmail announces
 * PIPELINING only then, and retrieval is pipelined there. */
START_TEST(capabilities_after_login)
{
    fake_step s[] = {SEND("+OK hi\r\n"), EXPECT("CAPA"), SEND("+OK\r\nUSER\r\n.\r\n"), EXPECT("USER u"),
                     SEND("+OK\r\n"), EXPECT("PASS p"), SEND("+OK in\r\n"), EXPECT("CAPA"),
                     SEND("+OK\r\nUSER\r\nPIPELINING\r\nUIDL\r\n.\r\n"), EXPECT("STAT"),
                     SEND("+OK 2 20\r\n"), EXPECT("RETR 1"), EXPECT("RETR 2"),
                     SEND("+OK\r\none\r\n.\r\n+OK\r\ntwo\r\n.\r\n"), EXPECT("QUIT"), SEND("+OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = PopConnectA("127.0.0.1", fake_port(f), 5, 0, NULL);
    ck_assert(h != INVALID_CLIENT);
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PASS, "u", "p"), 0);
    sink_counts c = {0, ""};
    ck_assert_int_eq(PopFetchMessages(h, 1, 0xFFFFFFFFu, count_fetch, (DWORD_PTR)&c, 0), 2);
    pop_done(f, h);
}
END_TEST

/* With PIPELINING the capabilities are asked right behind PASS (the server
 * below answers only once both are in: waiting for the login's answer
 * first would time out); a refused login's CAPA answer is read too, and
 * the session stays in step for another attempt. Behind AUTH nothing is
 * sent before its answer (Cyrus drops it: a security layer may start). */
START_TEST(capa_pipelined_behind_login)
{
    fake_step s[] = {SEND("+OK hi\r\n"), EXPECT("CAPA"),
                     SEND("+OK\r\nUSER\r\nPIPELINING\r\nSASL PLAIN\r\n.\r\n"), EXPECT("USER u"),
                     SEND("+OK\r\n"), EXPECT("PASS wrong"), EXPECT("CAPA"),
                     SEND("-ERR [AUTH] no\r\n+OK\r\nUSER\r\nPIPELINING\r\nSASL PLAIN\r\n.\r\n"),
                     EXPECT("AUTH PLAIN AHUAcA=="), QUIET(300), SEND("+OK in\r\n"), EXPECT("CAPA"),
                     SEND("+OK\r\nPIPELINING\r\nUIDL\r\n.\r\n"), EXPECT("NOOP"),
                     SEND("+OK\r\n"), EXPECT("QUIT"), SEND("+OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = PopConnectA("127.0.0.1", fake_port(f), 5, 0, NULL);
    ck_assert(h != INVALID_CLIENT);
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PASS, "u", "wrong"), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_AUTH_FAILED);
    ck_assert_int_eq(PopGetResultCode(h), POP_RESULT_ERR); /* the login's answer, not CAPA's */
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PLAIN, "u", "p"), 0);
    ck_assert_int_eq(PopCommandA(h, "NOOP"), POP_RESULT_OK);
    pop_done(f, h);
}
END_TEST

/* After AUTH the capabilities are asked again (RFC 2449), but not on
 * their own: with PIPELINING the CAPA goes in the same flight as the next
 * command (this server answers only once both are in), its answer read
 * first; without, it is asked alone before it. What reads the
 * capabilities asks at once. */
START_TEST(capa_owed_after_auth)
{
    fake_step piped[] = {SEND("+OK hi\r\n"), EXPECT("CAPA"), SEND("+OK\r\nSASL PLAIN\r\nPIPELINING\r\n.\r\n"),
                         EXPECT("AUTH PLAIN AHUAcA=="), SEND("+OK in\r\n"), EXPECT("CAPA"), EXPECT("STAT"),
                         SEND("+OK\r\nPIPELINING\r\nUIDL\r\n.\r\n+OK 2 30\r\n"), EXPECT("QUIT"),
                         SEND("+OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(piped));
    HCLIENT h = PopConnectA("127.0.0.1", fake_port(f), 5, 0, NULL);
    ck_assert(h != INVALID_CLIENT);
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PLAIN, "u", "p"), 0);
    ck_assert_int_eq(PopGetMessageCount(h), 2);
    ck_assert(PopHasCapabilityA(h, "UIDL")); /* the list after login */
    ck_assert(!PopHasCapabilityA(h, "SASL"));
    char text[64];
    ck_assert_int_gt(PopGetResultStringA(h, text, sizeof text), 0);
    ck_assert_str_eq(text, "2 30"); /* STAT's answer, not CAPA's */
    pop_done(f, h);
    fake_step alone[] = {SEND("+OK hi\r\n"), EXPECT("CAPA"), SEND("+OK\r\nSASL PLAIN\r\n.\r\n"),
                         EXPECT("AUTH PLAIN AHUAcA=="), SEND("+OK in\r\n"), EXPECT("CAPA"),
                         SEND("+OK\r\nUIDL\r\n.\r\n"), EXPECT("STAT"), SEND("+OK 0 0\r\n"),
                         EXPECT("QUIT"), SEND("+OK bye\r\n")};
    f = fake_start(FAKE_STEPS(alone));
    h = PopConnectA("127.0.0.1", fake_port(f), 5, 0, NULL);
    ck_assert(h != INVALID_CLIENT);
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PLAIN, "u", "p"), 0);
    ck_assert_int_eq(PopGetMessageCount(h), 0);
    pop_done(f, h);
    fake_step asked[] = {SEND("+OK hi\r\n"), EXPECT("CAPA"), SEND("+OK\r\nSASL PLAIN\r\nPIPELINING\r\n.\r\n"),
                         EXPECT("AUTH PLAIN AHUAcA=="), SEND("+OK in\r\n"), EXPECT("CAPA"),
                         SEND("+OK\r\nTOP\r\n.\r\n"), EXPECT("QUIT"), SEND("+OK bye\r\n")};
    f = fake_start(FAKE_STEPS(asked));
    h = PopConnectA("127.0.0.1", fake_port(f), 5, 0, NULL);
    ck_assert(h != INVALID_CLIENT);
    ck_assert_int_eq(PopLoginA(h, POP_AUTH_PLAIN, "u", "p"), 0);
    ck_assert(PopHasCapabilityA(h, "TOP"));
    ck_assert(!PopHasCapabilityA(h, "PIPELINING"));
    pop_done(f, h);
}
END_TEST

/* The first message read of a session: STAT and RETR in one flight with
 * PIPELINING (this server answers only once both are in). A message past
 * the count is not found, even when the server sends it anyway. */
START_TEST(stat_pipelined_with_first_retr)
{
    fake_step s[] = {LOGGED_IN("+OK\r\nUSER\r\nPIPELINING\r\n.\r\n"), EXPECT("STAT"), EXPECT("RETR 1"),
                     SEND("+OK 1 5\r\n+OK 5 octets\r\nabc\r\n.\r\n"), EXPECT("RETR 1"),
                     SEND("+OK\r\nabc\r\n.\r\n"), EXPECT("QUIT"), SEND("+OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    char buf[32];
    DWORD len = sizeof buf;
    ck_assert_int_ge(PopGetMessage(h, 1, buf, &len, 0), 0);
    ck_assert_uint_eq(len, 5);
    len = sizeof buf;
    ck_assert_int_ge(PopGetMessage(h, 1, buf, &len, 0), 0); /* the count is known: no STAT */
    pop_done(f, h);

    fake_step past[] = {LOGGED_IN("+OK\r\nUSER\r\nPIPELINING\r\n.\r\n"), EXPECT("STAT"), EXPECT("RETR 2"),
                        SEND("+OK 1 5\r\n+OK\r\nghost\r\n.\r\n"), EXPECT("NOOP"), SEND("+OK\r\n"),
                        EXPECT("QUIT"), SEND("+OK bye\r\n")};
    f = fake_start(FAKE_STEPS(past));
    h = session_for(f);
    len = sizeof buf;
    ck_assert_int_eq(PopGetMessage(h, 2, buf, &len, 0), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_MESSAGE_NOT_FOUND);
    ck_assert_int_eq(PopCommandA(h, "NOOP"), POP_RESULT_OK); /* in step */
    pop_done(f, h);
}
END_TEST

/* A raw command's reply: LANG without an argument is known to be
 * multi-line; for others the caller says, and the session stays in step. */
START_TEST(raw_multiline_replies)
{
    fake_step s[] = {LOGGED_IN(CAPA_NO_STLS), EXPECT("LANG"), SEND("+OK langs\r\nen English\r\n.\r\n"),
                     EXPECT("X-FOLDERS"), SEND("+OK\r\nInbox\r\nSent\r\n.\r\n"),
                     EXPECT("X-PING"), SEND("+OK pong\r\n"), EXPECT("NOOP"), SEND("+OK\r\n"),
                     EXPECT("QUIT"), SEND("+OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    char line[64];
    ck_assert_int_eq(PopCommandA(h, "LANG"), POP_RESULT_OK);
    ck_assert_int_eq(PopGetResponseCount(h), 2);
    ck_assert_int_eq(PopCommandExA(h, "X-FOLDERS", POP_COMMAND_MULTILINE), POP_RESULT_OK);
    ck_assert_int_eq(PopGetResponseCount(h), 3);
    ck_assert_int_ge(PopGetResponseLineA(h, 2, line, sizeof line), 0);
    ck_assert_str_eq(line, "Sent");
    ck_assert_int_eq(PopCommandExA(h, "X-PING", POP_COMMAND_SINGLELINE), POP_RESULT_OK);
    ck_assert_int_eq(PopCommandExA(h, "NOOP", 7), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_INVALID_PARAMETER);
    ck_assert_int_eq(PopCommandA(h, "NOOP"), POP_RESULT_OK);
    pop_done(f, h);
}
END_TEST

static BOOL CALLBACK join_fetch(HCLIENT h, const POPFETCHDATA *d, DWORD_PTR param)
{
    (void)h;
    char *all = (char *)param;
    size_t len = strlen(all);
    if (d->bLastChunk)
        snprintf(all + len, 256 - len, "|%u|", d->nMessageId);
    else
        snprintf(all + len, 256 - len, "%.*s", (int)d->dwLength, (const char *)d->lpvData);
    return TRUE;
}

START_TEST(pipelined_header_blocks)
{
    /* POP_MESSAGE_HEADERS: TOP n 0 for each, all sent before any answer;
     * "+OK" of TOP carries no size, and the cached LIST size is the whole
     * message's, so the header block's size is reported as unknown */
    fake_step s[] = {LOGGED_IN("+OK\r\nUSER\r\nTOP\r\nPIPELINING\r\n.\r\n"), EXPECT("STAT"),
                     SEND("+OK 2 900\r\n"), EXPECT("TOP 1 0"), EXPECT("TOP 2 0"),
                     SEND("+OK\r\nSubject: a\r\n\r\n.\r\n+OK top of message follows\r\nSubject: b\r\n\r\n.\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    char all[256] = "";
    ck_assert_int_eq(PopFetchMessages(h, 1, 2, join_fetch, (DWORD_PTR)all, POP_MESSAGE_HEADERS), 2);
    ck_assert_str_eq(all, "Subject: a\r\n\r\n|1|Subject: b\r\n\r\n|2|");
    ck_assert_int_eq(PopFetchMessages(h, 1, 2, join_fetch, (DWORD_PTR)all, 0x100), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_INVALID_PARAMETER);
    pop_done(f, h);
}
END_TEST

START_TEST(header_blocks_need_top)
{
    /* CAPA without TOP: refused before anything is sent, rather than every
     * message looking gone */
    fake_step s[] = {LOGGED_IN("+OK\r\nUSER\r\nPIPELINING\r\n.\r\n"), EXPECT("QUIT"),
                     SEND("+OK bye\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    sink_counts c = {0, ""};
    ck_assert_int_eq(PopFetchMessages(h, 1, 2, count_fetch, (DWORD_PTR)&c, POP_MESSAGE_HEADERS),
                     POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_COMMAND_REJECTED);
    pop_done(f, h);
}
END_TEST

START_TEST(no_pipelining_one_at_a_time)
{
    fake_step s[] = {LOGGED_IN("+OK\r\nUSER\r\n.\r\n"), EXPECT("STAT"), SEND("+OK 2 20\r\n"),
                     EXPECT("RETR 1"), SEND("+OK\r\none\r\n.\r\n"), EXPECT("RETR 2"),
                     SEND("+OK\r\ntwo\r\n.\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    sink_counts c = {0, ""};
    ck_assert_int_eq(PopFetchMessages(h, 1, 2, count_fetch, (DWORD_PTR)&c, 0), 2);
    pop_done(f, h);
}
END_TEST

START_TEST(dot_unstuffing_exact)
{
    fake_step s[] = {LOGGED_IN("+OK\r\nUSER\r\n.\r\n"), EXPECT("STAT"), SEND("+OK 1 40\r\n"),
                     EXPECT("RETR 1"),
                     SEND("+OK\r\n..lead\r\n.\r\r\nmid.dle\r\n...\r\nbare lf\n.x\r\n.\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    char buf[128];
    DWORD len = sizeof buf;
    ck_assert_int_eq(PopGetMessage(h, 1, buf, &len, 0), 34);
    ck_assert_mem_eq(buf, ".lead\r\n\r\r\nmid.dle\r\n..\r\nbare lf\nx\r\n", 34);
    PopDisconnect(h);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
}
END_TEST

START_TEST(err_replies_map_to_errors)
{
    fake_step s[] = {LOGGED_IN("+OK\r\nUSER\r\n.\r\n"), EXPECT("STAT"), SEND("+OK 3 30\r\n"),
                     EXPECT("RETR 1"), SEND("-ERR no such message\r\n"),
                     EXPECT("RETR 2"), SEND("-ERR [SYS/TEMP] disk trouble\r\n"),
                     EXPECT("DELE 3"), SEND("-ERR [IN-USE] locked\r\n"),
                     EXPECT("RSET"), SEND("-ERR cannot\r\n")};
    fake_server *f = fake_start(FAKE_STEPS(s));
    HCLIENT h = session_for(f);
    HGLOBAL m;
    DWORD len = 0;
    ck_assert_int_eq(PopGetMessage(h, 1, &m, &len, 0), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_MESSAGE_NOT_FOUND);
    char text[64];
    PopGetResultStringA(h, text, sizeof text);
    ck_assert_str_eq(text, "no such message");
    ck_assert_int_eq(PopGetMessage(h, 2, &m, &len, 0), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_SERVER_UNAVAILABLE);
    ck_assert_int_eq(PopDeleteMessage(h, 3), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_MAILBOX_IN_USE);
    ck_assert_int_eq(PopReset(h), POP_ERROR);
    ck_assert_uint_eq(PopGetLastError(), ST_ERROR_COMMAND_REJECTED);
    ck_assert_int_eq(PopGetResultCode(h), POP_RESULT_ERR);
    ck_assert(PopIsConnected(h)); /* -ERR leaves the session usable */
    pop_done(f, h);
}
END_TEST

static DWORD malformed(const char *reply_to_stat, const char *cmd, const char *reply)
{
    fake_step s[] = {LOGGED_IN("+OK\r\nUSER\r\n.\r\n"), EXPECT("STAT"), SEND(reply_to_stat),
                     EXPECT(cmd), SEND(reply)};
    fake_server *f = fake_start(s, cmd[0] ? 13 : 11); /* the last two steps need a command */
    HCLIENT h = session_for(f);
    DWORD size, err = 0;
    HGLOBAL m;
    DWORD len = 0;
    char uid[80];
    INT rc = strncmp(cmd, "LIST", 4) == 0   ? PopGetMessageSize(h, 1, &size)
             : strncmp(cmd, "UIDL", 4) == 0 ? PopGetMessageUidA(h, 1, uid, sizeof uid)
             : cmd[0]                       ? PopGetMessage(h, 1, &m, &len, 0)
                                            : PopGetMessageCount(h);
    if (rc == POP_ERROR)
        err = PopGetLastError();
    PopDisconnect(h);
    FAKE_ASSERT_FINISHED(f);
    fake_free(f);
    return err;
}

START_TEST(malformed_multiline)
{
    ck_assert_uint_eq(malformed("+OK three 30\r\n", "", ""), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_uint_eq(malformed("+OK 99999999999 1\r\n", "", ""), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_uint_eq(malformed("+OK 2 20\r\n", "LIST", "+OK\r\n1 10\r\n7 10\r\n.\r\n"),
                      ST_ERROR_PROTOCOL_VIOLATION); /* a message that does not exist */
    ck_assert_uint_eq(malformed("+OK 2 20\r\n", "LIST", "+OK\r\n1 10\r\n2 10\r\n3 10\r\n.\r\n"),
                      ST_ERROR_PROTOCOL_VIOLATION); /* more lines than messages */
    ck_assert_uint_eq(malformed("+OK 1 20\r\n", "UIDL", "+OK\r\n1 bad\001uid\r\n.\r\n"),
                      ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_uint_eq(malformed("+OK 1 20\r\n", "RETR 1", "+OK\r\npartial body\r\n"),
                      ST_ERROR_CONNECTION_CLOSED); /* closed before the final dot */
}
END_TEST

START_TEST(endless_body_line)
{
    static char huge[(1 << 20) + 64];
    memcpy(huge, "+OK\r\n", 5);
    memset(huge + 5, 'x', sizeof huge - 6);
    huge[sizeof huge - 1] = '\0';
    DWORD err = malformed("+OK 1 20\r\n", "RETR 1", huge);
    ck_assert_uint_eq(err, ST_ERROR_RESPONSE_TOO_LARGE);
}
END_TEST

static Suite *pop_suite(void)
{
    Suite *s = suite_create("pop_hostile");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, stls_not_advertised);
    tcase_add_test(tc, opportunistic_stls);
    tcase_add_test(tc, bad_uidl_costs_one_message);
    tcase_add_test(tc, sizes_at_the_32_bit_edge);
    tcase_add_test(tc, capa_refused);
    tcase_add_test(tc, stls_refused);
    tcase_add_test(tc, stls_injection);
    tcase_add_test(tc, greetings);
    tcase_add_test(tc, capa_flood);
    tcase_add_test(tc, resp_codes);
    tcase_add_test(tc, apop_default_and_trace);
    tcase_add_test(tc, apop_refused_falls_back);
    tcase_add_test(tc, capabilities_after_login);
    tcase_add_test(tc, capa_pipelined_behind_login);
    tcase_add_test(tc, capa_owed_after_auth);
    tcase_add_test(tc, stat_pipelined_with_first_retr);
    tcase_add_test(tc, raw_multiline_replies);
    tcase_add_test(tc, apop_stamp_bounded);
    tcase_add_test(tc, sasl_plain_initial_response);
    tcase_add_test(tc, sasl_bad_challenge);
    tcase_add_test(tc, no_usable_mechanism);
    suite_add_tcase(s, tc);
    TCase *ops = tcase_create("maildrop");
    tcase_add_checked_fixture(ops, setup, teardown);
    tcase_set_timeout(ops, 30);
    tcase_add_test(ops, pipelined_fetch_sends_all_first);
    tcase_add_test(ops, no_pipelining_one_at_a_time);
    tcase_add_test(ops, pipelined_header_blocks);
    tcase_add_test(ops, header_blocks_need_top);
    tcase_add_test(ops, dot_unstuffing_exact);
    tcase_add_test(ops, err_replies_map_to_errors);
    tcase_add_test(ops, malformed_multiline);
    tcase_add_test(ops, endless_body_line);
    suite_add_tcase(s, ops);
    return s;
}

CHECK_MAIN(pop_suite)
