/*
 * session.h - the state of one client session, shared by IMAP and POP3.
 *
 * The API layer owns the handle table and serializes calls on a session
 * (busy flag); everything below it runs on one thread at a time per
 * session, except mw_waker_signal (Cancel) which any thread may call.
 */
#ifndef MW_SESSION_H
#define MW_SESSION_H

#include <stdatomic.h>
#include <stdint.h>

#include <mailwire/imap.h>
#include <mailwire/pop3.h>

#include "../net/addr.h"
#include "../net/stream.h"
#include "../sys/sys.h"
#include "buf.h"
#include "caps.h"

typedef enum { MW_PROTO_IMAP = 1, MW_PROTO_POP = 2 } mw_proto;

typedef enum {
    MW_STATE_CLOSED,
    MW_STATE_CONNECTING,
    MW_STATE_NOT_AUTHENTICATED,
    MW_STATE_AUTHENTICATED,
    MW_STATE_SELECTED,
    MW_STATE_FAILED
} mw_state;

#define MW_EVENT_MAX 7
#define MW_RESPONSE_LINES_MAX 4096
#define MW_RESPONSE_BYTES_MAX (4u << 20)

/* The status and event procedures have the same shape for both protocols. */
typedef VOID(CALLBACK *mw_status_proc)(HCLIENT, UINT, LPCSTR, DWORD, DWORD_PTR);
typedef VOID(CALLBACK *mw_event_proc)(HCLIENT, UINT, DWORD, DWORD_PTR);

/* A private copy of SECURITYCREDENTIALS (UTF-8 strings we own). */
typedef struct mw_creds {
    DWORD protocol;
    DWORD options;
    char *cert_file;
    char *key_file;
    char *key_password;
    char *ca_file;
    char *server_name;
    char *proxy;
    char *ca_path;
} mw_creds;

typedef struct mw_lines {
    char **v;
    int count;
    int cap;
    size_t bytes;
} mw_lines;


typedef struct mw_session {
    mw_proto proto;
    HCLIENT handle;
    DWORD options;
    unsigned timeout_s;
    _Atomic uint32_t owner;
    _Atomic int busy;
    _Atomic int connecting; /* an asynchronous connect is running */
    mw_waker waker;
    mw_state state;
    int in_sasl; /* traces show server challenges as "+ ***" */
    /* The call's protocol violation (or response too large) was in the
     * content of a response read whole (a UID out of range, a bad UIDL,
     * keywords cut at the line limit): client and server still agree
     * where they are, so the session stays open. A read that breaks off
     * clears it. */
    int framing_intact;

    /* connect parameters, kept for the asynchronous connect */
    char host[MW_HOST_MAX];
    unsigned port;
    mw_creds creds;
    DWORD async_error;
    int async_started;
    mw_thread async_thread;

    SECURITYINFOA security;
    int result_code;
    mw_buf result_text;
    mw_lines responses;
    mw_buf line; /* the response being read */
    mw_caps caps;

    mw_status_proc status_proc;
    DWORD_PTR status_param;
    /* the connect's lines (greeting, CAPABILITY, STARTTLS), kept while no
     * status procedure could be registered yet, for the first one */
    mw_lines connect_lines;
    int keeping_connect_lines;
    mw_event_proc event_procs[MW_EVENT_MAX + 1];
    DWORD_PTR event_params[MW_EVENT_MAX + 1];

    /* the protocol's own state: lib/imap's or lib/pop3's, which set it
     * up with the session and free it through free_protocol */
    struct mw_imap_state *imap;
    struct mw_pop_state *pop;
    void (*free_protocol)(struct mw_session *s);

    /* progress of the current transfer, readable from any thread */
    _Atomic uint64_t xfer_done;
    _Atomic uint64_t xfer_total;

    mw_stream stream; /* last: holds the read buffer */
} mw_session;

/* Allocates a session in state CLOSED, without protocol state (lib/imap
 * and lib/pop3 add theirs: mw_imap_session_new, mw_pop_session_new);
 * NULL when out of memory. */
mw_session *mw_session_new(mw_proto proto);
/* Closes the connection (no LOGOUT) and frees everything. */
void mw_session_free(mw_session **s);

void mw_session_set_state(mw_session *s, mw_state state);
const char *mw_state_name(mw_state state);

/* The server's last status: code and text. */
DWORD mw_session_set_result(mw_session *s, int code, const char *text, size_t len);
/* Response lines of the current call. */
void mw_session_clear_responses(mw_session *s);
void mw_session_record(mw_session *s, const char *text, size_t len);

/* Calls the event procedure registered for id, if any. */
void mw_session_event(mw_session *s, UINT id, DWORD err);

/* Sets the stream's deadline from the session timeout. */
void mw_session_arm_timeout(mw_session *s);

void mw_creds_free(mw_creds *c);

#endif /* MW_SESSION_H */
