/*
 * connect_login.c - connect to an IMAP or POP3 server, log in, report what
 * the server offers and list the mailboxes: the seeds' first example.
 *
 *   connect_login [--pop] [--starttls | --tls] [--cacert FILE] [--insecure]
 *                 [--trace] HOST[:PORT] USER
 *
 * The password comes from the MAILWIRE_PASSWORD environment variable.
 */
#include <mailwire.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct options {
    int pop;
    DWORD flags;
    const char *cacert;
    int trace;
    const char *host;
    const char *user;
} options;

static void CALLBACK show_line(HCLIENT h, UINT dir, LPCSTR line, DWORD len, DWORD_PTR param)
{
    (void)h;
    (void)param;
    printf("  %s %.*s\n", dir == IMAP_STATUS_SENT ? "C:" : "S:", (int)len, line);
}

static int usage(void)
{
    fprintf(stderr, "usage: connect_login [--pop] [--starttls|--tls] [--cacert FILE] [--insecure]"
                    " [--trace] HOST[:PORT] USER\n(password in MAILWIRE_PASSWORD)\n");
    return 2;
}

static int parse(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--pop") == 0)
            o->pop = 1;
        else if (strcmp(argv[i], "--starttls") == 0)
            o->flags |= IMAP_OPTION_SECURE_EXPLICIT;
        else if (strcmp(argv[i], "--tls") == 0)
            o->flags |= IMAP_OPTION_SECURE_IMPLICIT;
        else if (strcmp(argv[i], "--insecure") == 0)
            o->flags |= IMAP_OPTION_TRUSTEDSITE;
        else if (strcmp(argv[i], "--trace") == 0)
            o->trace = 1;
        else if (strcmp(argv[i], "--cacert") == 0 && i + 1 < argc)
            o->cacert = argv[++i];
        else
            return -1;
    }
    if (argc - i != 2)
        return -1;
    o->host = argv[i];
    o->user = argv[i + 1];
    if (!o->pop)
        o->flags |= IMAP_OPTION_IDENTIFY;
    return 0;
}

/* Prints the failed call and the library's description of why. */
static int fail(const char *what)
{
    char why[256];
    DWORD err = ImapGetLastError(); /* the one slot IMAP and POP3 share */
    if (ImapGetErrorString(err, why, sizeof why) < 0)
        snprintf(why, sizeof why, "error 0x%08lx", (unsigned long)err);
    fprintf(stderr, "%s failed: %s\n", what, why);
    return 1;
}

static void report(const options *o, HCLIENT h)
{
    char text[4096];
    SECURITYINFO si;
    si.dwSize = sizeof si;
    if ((o->pop ? PopGetSecurityInformation(h, &si) : ImapGetSecurityInformation(h, &si)) &&
        si.dwProtocol != 0)
        printf("security:     %s, %s, %lu-bit; certificate %s issued by %s\n", si.szProtocol,
               si.szCipherSuite, (unsigned long)si.dwCipherStrength, si.szSubject, si.szIssuer);
    else
        printf("security:     none (plain text)\n");
    if ((o->pop ? PopGetCapabilities(h, text, sizeof text) : ImapGetCapabilities(h, text, sizeof text)) >= 0)
        printf("capabilities: %s\n", text);
    if (!o->pop && ImapGetServerIdentity(h, "name", text, sizeof text) > 0)
        printf("server:       %s\n", text);
}

int main(int argc, char **argv)
{
    options o;
    const char *password = getenv("MAILWIRE_PASSWORD");
    if (parse(argc, argv, &o) != 0 || password == NULL)
        return usage();
    SECURITYCREDENTIALS creds;
    memset(&creds, 0, sizeof creds);
    creds.dwSize = sizeof creds;
    creds.lpszCAFile = o.cacert;

    if (!ImapInitialize(NULL, NULL) || !PopInitialize(NULL, NULL))
        return fail("Initialize");
    HCLIENT h = o.pop ? PopConnect(o.host, 0, 10, o.flags & ~IMAP_OPTION_IDENTIFY, &creds)
                      : ImapConnect(o.host, 0, 10, o.flags, &creds);
    if (h == INVALID_CLIENT)
        return fail(o.pop ? "PopConnect" : "ImapConnect");
    printf("connected to %s (%s)\n", o.host, o.pop ? "POP3" : "IMAP");
    if (o.trace)
        o.pop ? PopRegisterStatusProc(h, show_line, 0) : ImapRegisterStatusProc(h, show_line, 0);
    report(&o, h);

    int rc = o.pop ? PopLogin(h, POP_AUTH_DEFAULT, o.user, password)
                   : ImapLogin(h, IMAP_AUTH_DEFAULT, o.user, password);
    if (rc != 0) {
        fail(o.pop ? "PopLogin" : "ImapLogin");
    } else {
        char result[4096];
        if (o.pop)
            PopGetResultString(h, result, sizeof result);
        else
            ImapGetResultString(h, result, sizeof result);
        printf("logged in as %s: %s\n", o.user, result);
        if (!o.pop) { /* the seeds' example goes on to list the mailboxes */
            char name[512];
            DWORD flags;
            for (INT r = ImapGetFirstMailbox(h, "", "*", IMAP_LIST_DEFAULT, name, sizeof name, &flags);
                 r != IMAP_ERROR; r = ImapGetNextMailbox(h, name, sizeof name, &flags))
                printf("mailbox:      %s\n", name);
        }
    }
    o.pop ? PopDisconnect(h) : ImapDisconnect(h);
    ImapUninitialize();
    PopUninitialize();
    return rc == 0 ? 0 : 1;
}
