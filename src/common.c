/* common.c - what every mailwire command shares: sessions,
 * error lines and exit codes, safe file names, JSON strings. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "os.h"

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

void *cli_room_for_one(void *v, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap)
        return v;
    size_t more = *cap ? *cap * 2 : first;
    if (more < *cap || more > SIZE_MAX / size)
        return NULL;
    void *grown = realloc(v, more * size);
    if (grown != NULL)
        *cap = more;
    return grown;
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

/* "*  TLS TLSv1.3 TLS_AES_256_GCM_SHA384, CN=server (verified)": what the
 * connection negotiated, after the connect's lines. */
static void trace_security(const cli_url *u, HCLIENT h)
{
    SECURITYINFOA info;
    memset(&info, 0, sizeof info);
    info.dwSize = sizeof info;
    BOOL ok = u->pop ? PopGetSecurityInformationA(h, &info) : ImapGetSecurityInformationA(h, &info);
    if (!ok || info.dwProtocol == 0) {
        fputs("*  no TLS: the connection is not encrypted\n", stderr);
        return;
    }
    fputs("*  TLS ", stderr);
    cli_print_text(stderr, info.szProtocol);
    fputc(' ', stderr);
    cli_print_text(stderr, info.szCipherSuite);
    fputs(", certificate ", stderr);
    cli_print_text(stderr, info.szSubject); /* the server's words */
    fputs(info.dwVerifyResult == SECURITY_VERIFY_OK ? " (verified)"
          : info.dwVerifyResult & SECURITY_VERIFY_SKIPPED ? " (not verified: --insecure)"
                                                          : " (NOT verified)", stderr);
    fputs(info.dwFlags & SECURITY_INFO_RESUMED ? ", session resumed\n" : "\n", stderr);
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
    static cli_login login; /* large: off the stack, wiped after use */
    SECURITYCREDENTIALSA creds;
    memset(&creds, 0, sizeof creds);
    creds.dwSize = sizeof creds;
    creds.lpszCAFile = o->cacert;
    int required = tls_required(o, u);
    DWORD options = (u->tls ? IMAP_OPTION_SECURE_IMPLICIT
                     : required ? IMAP_OPTION_SECURE_EXPLICIT
                                : IMAP_OPTION_SECURE_OPPORTUNISTIC) |
                    (o->insecure ? IMAP_OPTION_TRUSTEDSITE : 0) |
                    (o->trace ? IMAP_OPTION_TRACE_CONNECT : 0); /* the same bit for POP3 */
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
    if (cli_login_secret(o, u, &login) != 0) {
        memset(&login, 0, sizeof login);
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
        memset(&login, 0, sizeof login);
        return INVALID_CLIENT;
    }
    if (o->trace) /* from the greeting on: the library replays the connect */
        u->pop ? PopRegisterStatusProc(h, trace_line, 0) : ImapRegisterStatusProc(h, trace_line, 0);
    if (o->trace)
        trace_security(u, h);
    /* the rate needs a window: one without the other turns the rule off */
    DWORD rate = o->speed_time ? o->speed_limit : 0, window = o->speed_limit ? o->speed_time : 0;
    u->pop ? PopSetTransferLimits(h, o->max_time, rate, window)
           : ImapSetTransferLimits(h, o->max_time, rate, window);
    int method = cli_login_method(&login, u, h);
    int rc = u->pop ? PopLoginA(h, (UINT)method, u->user, login.secret)
                    : ImapLoginA(h, (UINT)method, u->user, login.secret);
    memset(&login, 0, sizeof login);
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
