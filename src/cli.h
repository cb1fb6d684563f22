/*
 * cli.h - the mailwire command-line tool: shared options, URLs, sessions,
 * output. Built on the public API only.
 */
#ifndef MAILWIRE_CLI_H
#define MAILWIRE_CLI_H

#include <mailwire.h>
#include <stdio.h>

/* Exit codes (documented in docs/mailwire.1.md). */
#define EXIT_OK 0
#define EXIT_USAGE 1
#define EXIT_CONNECT 2  /* name, network, TLS or certificate trouble */
#define EXIT_AUTH 3     /* the server refused the credentials */
#define EXIT_NOTFOUND 4 /* no such mailbox or message */
#define EXIT_SERVER 5   /* the server refused or broke the protocol */
#define EXIT_LOCAL 6    /* a local file or directory could not be used */

typedef struct cli_url {
    int pop;              /* pop3:// or pop3s:// */
    int tls;              /* imaps:// or pop3s:// */
    char user[256];
    char password[256];   /* user:password@, decoded */
    int has_password;
    char host[300];       /* host or host:port, as ImapConnect takes it */
    char mailbox[1024];   /* decoded; empty = INBOX */
    unsigned long uid;    /* ;UID=n, 0 if none */
    unsigned long uidvalidity; /* ;UIDVALIDITY=n, 0 if none: the UID holds only then */
    char section[64];     /* ;SECTION=HEADER, TEXT or a part number; empty if none */
    char search[1024];    /* ?criteria, decoded; empty if none */
    char error[160];      /* why cli_parse_url refused it */
} cli_url;

typedef struct cli_options {
    int starttls;
    int plaintext; /* a password may cross an unencrypted connection */
    int insecure;
    int quiet;
    int json;
    int trace;
    int pop_delete;       /* pull over POP3: delete what is safely held */
    int delete_local;     /* pull over IMAP: remove what the server removed */
    int expunge;          /* sync: removals go both ways */
    unsigned timeout;
    unsigned max_time;    /* seconds for each call; 0: none */
    unsigned speed_limit; /* bytes a second ... */
    unsigned speed_time;  /* ... over this many seconds, or the call ends */
    const char *cacert;
    const char *user;             /* -u USER[:PASSWORD], over the URL's */
    const char *password_file;
    const char *password_command; /* its first line of output */
    int auth;                     /* --auth: cli_auth_method's index; -1: none */
    const char *oauth2_token;     /* --oauth2-bearer */
    const char *oauth2_command;   /* --oauth2-command */
    const char *exec_command;     /* watch --exec: run per new message */
#define CLI_MAILBOX_PATTERNS_MAX 32
    int all_mailboxes;            /* pull --all */
    const char *mailbox_patterns[CLI_MAILBOX_PATTERNS_MAX]; /* pull --mailbox, repeatable */
    int npatterns;
    int nested_layout;            /* pull --layout nested (else Maildir++) */
    const char *output;
    const char *part;        /* get --part SPEC */
    const char *attachments; /* get --attachments DIR */
    int list_parts;          /* get --parts */
} cli_options;

/* Parses imap://user[:password]@host:port/mailbox[;UIDVALIDITY=v][/;UID=n
 * [/;SECTION=s]][?criteria] (and imaps, pop3, pop3s); user, password,
 * mailbox, section and criteria are percent-decoded. -u (o->user) replaces
 * the URL's user and password. On -1, u->error says why. */
int cli_parse_url(const cli_options *o, const char *text, cli_url *u);
/* What a command takes in its URL beyond the mailbox (cli_url_arg). */
#define CLI_URL_UID 1u     /* ;UID= and ;UIDVALIDITY= */
#define CLI_URL_SECTION 2u /* ;SECTION= */
#define CLI_URL_SEARCH 4u  /* ?criteria */
/* cli_parse_url for command's URL argument; a URL it cannot parse, or
 * with parts the command does not take, is named on stderr with the
 * reason: EXIT_USAGE then, else EXIT_OK. */
int cli_url_arg(const cli_options *o, const char *text, cli_url *u, const char *command, unsigned takes);
/* EXIT_OK for an IMAP URL; else says command needs IMAP: EXIT_USAGE. */
int cli_needs_imap(const cli_url *u, const char *command);
/* text with the password of user:password@ shown as ***, for messages. */
void cli_url_shown(const char *text, char *out, size_t cap);
/* Nonzero for localhost, 127.0.0.0/8 and ::1 (with or without a port):
 * the only hosts a password may reach unencrypted without --plaintext. */
int cli_host_is_loopback(const char *host);
/* The password, from the first of: -u user:password or the URL's
 * user:password@, --password-file, --password-command, MAILWIRE_PASSWORD,
 * ~/.netrc, a no-echo prompt on a terminal. Returns 0 and fills buf, or
 * -1 having said why. */
int cli_password(const cli_options *o, const cli_url *u, char *buf, size_t cap);

/* --auth NAME: an index for cli_options.auth, or -1; the names, for messages. */
int cli_auth_method(const char *name);
const char *cli_auth_names(void);
/* What a login sends. */
typedef struct cli_login {
    int method; /* --auth's index, -1: none given */
    int oauth2; /* the secret is a token */
    char secret[8192];
} cli_login;
/* The secret: the token (--oauth2-bearer, --oauth2-command,
 * MAILWIRE_OAUTH2_TOKEN) for --auth xoauth2 or oauthbearer, or when a
 * token is given without --auth; the password otherwise. 0, or -1 having
 * said why. */
int cli_login_secret(const cli_options *o, const cli_url *u, cli_login *l);
/* The IMAP_AUTH_ or POP_AUTH_ method, once the server's capabilities are
 * known: a token without --auth goes as OAUTHBEARER where offered, else
 * XOAUTH2. */
int cli_login_method(const cli_login *l, const cli_url *u, HCLIENT h);
/* Connects and logs in; on failure prints one line and returns
 * INVALID_CLIENT with *exit_r set. */
HCLIENT cli_open(const cli_options *o, const cli_url *u, int *exit_r);
void cli_close(const cli_url *u, HCLIENT h);
/* "mailwire: what: <description>" on stderr; returns the exit code. */
int cli_fail(const char *what, DWORD err);
/* Room for one more element (size bytes each) in v, of which n are used
 * and *cap allocated: v itself, or a block twice as large (first
 * elements at least) with *cap updated. NULL when out of memory, v then
 * untouched. */
void *cli_room_for_one(void *v, size_t n, size_t *cap, size_t size, size_t first);
/* The same, plus the server's own words when it refused an IMAP command. */
int cli_fail_imap(HCLIENT h, const char *what, DWORD err);
int cli_exit_code(DWORD err);
/* get --part, --parts, --attachments (cmd_parts.c): h has the mailbox open. */
int cli_get_parts(const cli_options *o, const cli_url *u, HCLIENT h);
/* A server-supplied name made safe as one file-name component. */
void cli_safe_name(const char *in, char *out, size_t cap);
/* Prints s as a JSON string (with quotes): always valid UTF-8, bytes that
 * are not replaced by U+FFFD, controls and bidi controls escaped. */
void cli_json_string(FILE *f, const char *s);
/* Server text made safe for a terminal: C0/C1 controls and DEL as \xNN
 * or \u{NNNN}, bidi controls as \u{NNNN}, invalid UTF-8 bytes as \xNN;
 * cut (whole characters only) to fit cap. */
void cli_safe_text(const char *in, char *out, size_t cap);
/* A text body printed to a terminal in pieces (cli_print_body). */
typedef struct cli_body_out {
    unsigned char hold[4];
    size_t n;
    int cr;
} cli_body_out;
/* Prints a piece of a text body: lines and tabs as they are, CRLF as LF,
 * other controls, lone CRs, bidi controls and bytes that are not UTF-8
 * escaped as cli_safe_text does; last ends the body. */
void cli_print_body(FILE *f, cli_body_out *b, const void *data, size_t len, int last);
/* Prints server text escaped as cli_safe_text does, however long. */
void cli_print_text(FILE *f, const char *s);
void cli_print_text_n(FILE *f, const char *s, size_t len);

/* What a listing shows of one message. */
typedef struct cli_summary {
    UINT id;   /* sequence number */
    DWORD uid;
    DWORD flags;
    char from[512];
    char subject[1024];
} cli_summary;

typedef BOOL (*cli_summary_fn)(const cli_summary *s, void *ctx);

/* From and Subject (decoded, cut to fit) of the messages in set (UIDs
 * with IMAP_MESSAGE_UID in options), all in one FETCH, each handed to fn
 * in order. Returns how many, or IMAP_ERROR. */
INT cli_summaries(HCLIENT h, const char *set, DWORD options, cli_summary_fn fn, void *ctx);
/* The same over POP3 for messages first..last (uid and flags 0), with
 * pipelined TOP commands. Returns how many, or POP_ERROR. */
INT cli_pop_summaries(HCLIENT h, UINT first, UINT last, cli_summary_fn fn, void *ctx);

int cmd_ls(const cli_options *o, int argc, char **argv);
int cmd_list(const cli_options *o, int argc, char **argv);
int cmd_get(const cli_options *o, int argc, char **argv);
int cmd_search(const cli_options *o, int argc, char **argv);
int cmd_pull(const cli_options *o, int argc, char **argv);
int cmd_push(const cli_options *o, int argc, char **argv);
int cmd_watch(const cli_options *o, int argc, char **argv);
int cmd_sync(const cli_options *o, int argc, char **argv);

#endif
