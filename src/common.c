/* common.c - what every mailwire command shares: passwords, sessions,
 * error lines and exit codes, safe file names, JSON strings. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "os.h"

/* ---- passwords --------------------------------------------------------- */

static int read_first_line(FILE *f, char *buf, size_t cap)
{
    if (fgets(buf, (int)cap, f) == NULL)
        return -1;
    buf[strcspn(buf, "\r\n")] = '\0';
    return 0;
}

/* ~/.netrc: "machine HOST login USER password PASS" (any layout). */
static int from_netrc(const cli_url *u, char *buf, size_t cap)
{
    const char *home = getenv("HOME");
    char path[1024], host[300];
#if defined(_WIN32)
    if (home == NULL)
        home = getenv("USERPROFILE"); /* where Windows keeps a user's files */
#endif
    if (home == NULL)
        return -1;
    snprintf(path, sizeof path, "%s/.netrc", home);
    snprintf(host, sizeof host, "%s", u->host);
    char *colon = strrchr(host, ':');
    if (colon != NULL && strchr(host, ']') == NULL && strchr(host, ':') == colon)
        *colon = '\0'; /* host:port -> host */
    FILE *f = os_fopen(path, "r");
    if (f == NULL)
        return -1;
    char word[512], machine[512] = "", login[512] = "";
    int found = -1;
    while (found != 0 && fscanf(f, "%511s", word) == 1) {
        char value[512];
        if (strcmp(word, "default") == 0) {
            machine[0] = '*';
            machine[1] = '\0';
            continue;
        }
        if (fscanf(f, "%511s", value) != 1)
            break;
        if (strcmp(word, "machine") == 0) {
            snprintf(machine, sizeof machine, "%s", value);
            login[0] = '\0';
        } else if (strcmp(word, "login") == 0) {
            snprintf(login, sizeof login, "%s", value);
        } else if (strcmp(word, "password") == 0 &&
                   (strcmp(machine, host) == 0 || strcmp(machine, "*") == 0) &&
                   (login[0] == '\0' || u->user[0] == '\0' || strcmp(login, u->user) == 0)) {
            snprintf(buf, cap, "%s", value);
            found = 0;
        }
    }
    fclose(f);
    return found;
}

static int prompt(const cli_url *u, char *buf, size_t cap)
{
    if (!os_isatty(stdin))
        return -1;
    fprintf(stderr, "Password for %s@%s: ", u->user, u->host);
    int r = os_read_hidden_line(buf, cap);
    if (r == 0)
        buf[strcspn(buf, "\r\n")] = '\0';
    fputc('\n', stderr);
    return r;
}

int cli_password(const cli_options *o, const cli_url *u, char *buf, size_t cap)
{
    if (u->has_password) {
        snprintf(buf, cap, "%s", u->password);
        return 0;
    }
    const char *env = getenv("MAILWIRE_PASSWORD");
    if (env != NULL) {
        snprintf(buf, cap, "%s", env);
        return 0;
    }
    if (o->password_file != NULL) {
        FILE *f = os_fopen(o->password_file, "r");
        int r = f != NULL ? read_first_line(f, buf, cap) : -1;
        if (f != NULL)
            fclose(f);
        return r;
    }
    if (from_netrc(u, buf, cap) == 0)
        return 0;
    return prompt(u, buf, cap);
}

/* ---- errors --------------------------------------------------------------- */

int cli_exit_code(DWORD err)
{
    switch (err) {
    case ST_ERROR_AUTH_FAILED:
    case ST_ERROR_AUTH_NOT_SUPPORTED:
        return EXIT_AUTH;
    case ST_ERROR_MAILBOX_NOT_FOUND:
    case ST_ERROR_MESSAGE_NOT_FOUND:
        return EXIT_NOTFOUND;
    case ST_ERROR_FILE_IO:
        return EXIT_LOCAL;
    case ST_ERROR_INVALID_PARAMETER:
        return EXIT_USAGE;
    case ST_ERROR_HOST_NOT_FOUND:
    case ST_ERROR_CONNECTION_REFUSED:
    case ST_ERROR_TIMEOUT:
    case ST_ERROR_NETWORK:
    case ST_ERROR_TLS_HANDSHAKE_FAILED:
    case ST_ERROR_CERTIFICATE_UNTRUSTED:
    case ST_ERROR_CERTIFICATE_NAME_MISMATCH:
    case ST_ERROR_CERTIFICATE_EXPIRED:
    case ST_ERROR_SECURE_NOT_SUPPORTED:
        return EXIT_CONNECT;
    default:
        return EXIT_SERVER;
    }
}

int cli_fail(const char *what, DWORD err)
{
    char text[256];
    if (ImapGetErrorStringA(err, text, sizeof text) < 0)
        snprintf(text, sizeof text, "error 0x%08lx", (unsigned long)err);
    fputs("mailwire: ", stderr);
    cli_print_text(stderr, what); /* a mailbox name or a host: maybe the server's words */
    fprintf(stderr, ": %s\n", text);
    return cli_exit_code(err);
}

int cli_fail_imap(HCLIENT h, const char *what, DWORD err)
{
    char said[512];
    int rc = cli_fail(what, err);
    if ((err == ST_ERROR_COMMAND_REJECTED || err == ST_ERROR_COMMAND_MALFORMED) &&
        ImapGetResultStringA(h, said, sizeof said) > 0)
    {
        fputs("mailwire: the server said: ", stderr);
        cli_print_text(stderr, said);
        fputc('\n', stderr);
    }
    return rc;
}

/* ---- sessions ------------------------------------------------------------- */

static VOID CALLBACK trace_line(HCLIENT h, UINT dir, LPCSTR line, DWORD len, DWORD_PTR param)
{
    (void)h;
    (void)param;
    fputs(dir == IMAP_STATUS_SENT ? "C: " : "S: ", stderr);
    cli_print_text_n(stderr, line, len);
    fputc('\n', stderr);
}

/* imap:// and pop3:// upgrade with STARTTLS / STLS whenever the server
 * offers it. It is required (no password in clear) with --starttls, and
 * for any host but loopback unless --plaintext says otherwise. */
static int tls_required(const cli_options *o, const cli_url *u)
{
    return !u->tls && (o->starttls || (!o->plaintext && !cli_host_is_loopback(u->host)));
}

HCLIENT cli_open(const cli_options *o, const cli_url *u, int *exit_r)
{
    char password[1024];
    SECURITYCREDENTIALSA creds;
    memset(&creds, 0, sizeof creds);
    creds.dwSize = sizeof creds;
    creds.lpszCAFile = o->cacert;
    int required = tls_required(o, u);
    DWORD options = (u->tls ? IMAP_OPTION_SECURE_IMPLICIT
                     : required ? IMAP_OPTION_SECURE_EXPLICIT
                                : IMAP_OPTION_SECURE_OPPORTUNISTIC) |
                    (o->insecure ? IMAP_OPTION_TRUSTEDSITE : 0);
    if (u->user[0] == '\0') {
        fprintf(stderr, "mailwire: the URL names no user (imap://user@host/...)\n");
        *exit_r = EXIT_USAGE;
        return INVALID_CLIENT;
    }
    /* a trust file that cannot be read is said as such, before a password
     * is asked for or a connection made */
    FILE *ca = o->cacert != NULL ? os_fopen(o->cacert, "rb") : NULL;
    if (o->cacert != NULL && ca == NULL) {
        fprintf(stderr, "mailwire: --cacert %s: %s\n", o->cacert, strerror(errno));
        *exit_r = EXIT_LOCAL;
        return INVALID_CLIENT;
    }
    if (ca != NULL)
        fclose(ca);
    if (cli_password(o, u, password, sizeof password) != 0) {
        fprintf(stderr, "mailwire: no password (MAILWIRE_PASSWORD, --password-file, ~/.netrc "
                        "or a terminal)\n");
        *exit_r = EXIT_USAGE;
        return INVALID_CLIENT;
    }
    HCLIENT h = u->pop ? PopConnectA(u->host, 0, o->timeout, options, &creds)
                       : ImapConnectA(u->host, 0, o->timeout, options, &creds);
    if (h == INVALID_CLIENT) {
        DWORD err = ImapGetLastError();
        *exit_r = cli_fail(u->host, err);
        if (err == ST_ERROR_SECURE_NOT_SUPPORTED && required && !o->starttls)
            fprintf(stderr, "mailwire: the password would cross the network unencrypted; "
                            "--plaintext allows that\n");
        memset(password, 0, sizeof password);
        return INVALID_CLIENT;
    }
    if (o->trace)
        u->pop ? PopRegisterStatusProc(h, trace_line, 0) : ImapRegisterStatusProc(h, trace_line, 0);
    /* the rate needs a window: one without the other turns the rule off */
    DWORD rate = o->speed_time ? o->speed_limit : 0, window = o->speed_limit ? o->speed_time : 0;
    u->pop ? PopSetTransferLimits(h, o->max_time, rate, window)
           : ImapSetTransferLimits(h, o->max_time, rate, window);
    int rc = u->pop ? PopLoginA(h, POP_AUTH_DEFAULT, u->user, password)
                    : ImapLoginA(h, IMAP_AUTH_DEFAULT, u->user, password);
    memset(password, 0, sizeof password);
    if (rc != 0) {
        *exit_r = cli_fail("login", ImapGetLastError());
        cli_close(u, h);
        return INVALID_CLIENT;
    }
    return h;
}

void cli_close(const cli_url *u, HCLIENT h)
{
    if (u->pop)
        PopDisconnect(h);
    else
        ImapDisconnect(h);
}

/* ---- output --------------------------------------------------------------- */

void cli_safe_name(const char *in, char *out, size_t cap)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && o + 4 < cap; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || (*p == '.' && o > 0)) {
            out[o++] = (char)*p;
        } else { /* '/', '..', ':' and the rest never reach the file system */
            out[o++] = '%';
            out[o++] = hex[*p >> 4];
            out[o++] = hex[*p & 15];
        }
    }
    out[o] = '\0';
}
