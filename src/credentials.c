/*
 * credentials.c - what a login sends: the method (--auth) and the secret,
 * a password or an OAuth2 token, from the first source that has one.
 * Explicit options come first, then the environment, then files and the
 * terminal (docs/mailwire.1.md lists the order).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "os.h"

static const struct {
    const char *name;
    int imap, pop; /* -1: not for that protocol */
} methods[] = {{"default", IMAP_AUTH_DEFAULT, POP_AUTH_DEFAULT},
               {"plain", IMAP_AUTH_PLAIN, POP_AUTH_PLAIN},
               {"login", IMAP_AUTH_LOGIN, POP_AUTH_LOGIN},
               {"user", -1, POP_AUTH_PASS},
               {"cram-md5", IMAP_AUTH_CRAM_MD5, POP_AUTH_CRAM_MD5},
               {"scram-sha-256", IMAP_AUTH_SCRAM_SHA256, POP_AUTH_SCRAM_SHA256},
               {"apop", -1, POP_AUTH_APOP},
               {"xoauth2", IMAP_AUTH_XOAUTH2, POP_AUTH_XOAUTH2},
               {"oauthbearer", IMAP_AUTH_BEARER, POP_AUTH_BEARER}};

int cli_auth_method(const char *name)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(name, methods[i].name) == 0)
            return (int)i;
    return -1;
}

const char *cli_auth_names(void)
{
    return "default, plain, login, user (POP3), cram-md5, scram-sha-256, apop (POP3), "
           "xoauth2, oauthbearer";
}

static int is_oauth2(int method)
{
    return method >= 0 &&
           (methods[method].imap == IMAP_AUTH_XOAUTH2 || methods[method].imap == IMAP_AUTH_BEARER);
}

/* ---- sources ------------------------------------------------------------------ */

static int read_first_line(FILE *f, char *buf, size_t cap)
{
    if (fgets(buf, (int)cap, f) == NULL)
        return -1;
    buf[strcspn(buf, "\r\n")] = '\0';
    return 0;
}

static int from_file(const char *path, char *buf, size_t cap)
{
    FILE *f = os_fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "mailwire: --password-file %s: %s\n", path, strerror(errno));
        return -1;
    }
    int r = read_first_line(f, buf, cap);
    fclose(f);
    if (r != 0)
        fprintf(stderr, "mailwire: --password-file %s: it is empty\n", path);
    return r;
}

/* The first line a command prints (mbsync's PassCmd): a helper that keeps
 * the secret elsewhere, or refreshes a token. It must exit 0. */
static int first_line_of(const char *command, char *buf, size_t cap)
{
    FILE *f = os_command_output(command);
    if (f == NULL)
        return -1;
    buf[0] = '\0';
    if (fgets(buf, (int)cap, f) != NULL)
        buf[strcspn(buf, "\r\n")] = '\0';
    char rest[512];
    while (fread(rest, 1, sizeof rest, f) > 0) {
    } /* the rest read, so the command never blocks on a full pipe */
    return os_command_status(f);
}

static int from_command(const char *option, const char *command, char *buf, size_t cap)
{
    int status = first_line_of(command, buf, cap);
    if (status != 0) {
        if (status < 0)
            fprintf(stderr, "mailwire: %s: the command could not be run\n", option);
        else
            fprintf(stderr, "mailwire: %s: the command failed (status %d)\n", option, status);
        return -1;
    }
    if (buf[0] == '\0') {
        fprintf(stderr, "mailwire: %s: the command printed nothing\n", option);
        return -1;
    }
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
    if (u->has_password) { /* -u user:password, or the URL's */
        snprintf(buf, cap, "%s", u->password);
        return 0;
    }
    if (o->password_file != NULL)
        return from_file(o->password_file, buf, cap);
    if (o->password_command != NULL)
        return from_command("--password-command", o->password_command, buf, cap);
    const char *env = getenv("MAILWIRE_PASSWORD");
    if (env != NULL) {
        snprintf(buf, cap, "%s", env);
        return 0;
    }
    if (from_netrc(u, buf, cap) == 0)
        return 0;
    if (prompt(u, buf, cap) == 0)
        return 0;
    fprintf(stderr, "mailwire: no password (-u user:password, --password-file, --password-command, "
                    "MAILWIRE_PASSWORD, ~/.netrc or a terminal)\n");
    return -1;
}

/* The token: --oauth2-bearer, --oauth2-command, MAILWIRE_OAUTH2_TOKEN. */
static int oauth2_token(const cli_options *o, char *buf, size_t cap)
{
    if (o->oauth2_token != NULL) {
        snprintf(buf, cap, "%s", o->oauth2_token);
        return 0;
    }
    if (o->oauth2_command != NULL)
        return from_command("--oauth2-command", o->oauth2_command, buf, cap);
    const char *env = getenv("MAILWIRE_OAUTH2_TOKEN");
    if (env != NULL && env[0] != '\0') {
        snprintf(buf, cap, "%s", env);
        return 0;
    }
    fprintf(stderr, "mailwire: no OAuth2 token (--oauth2-bearer, --oauth2-command or "
                    "MAILWIRE_OAUTH2_TOKEN)\n");
    return -1;
}

int cli_login_secret(const cli_options *o, const cli_url *u, cli_login *l)
{
    l->method = o->auth;
    /* a token given on the command line means OAuth2, whatever the server
     * offers: the method is chosen once it has said (cli_login_method) */
    l->oauth2 = is_oauth2(o->auth) || (o->auth < 0 && (o->oauth2_token || o->oauth2_command));
    if (!l->oauth2 && o->auth >= 0 && (u->pop ? methods[o->auth].pop : methods[o->auth].imap) < 0) {
        fprintf(stderr, "mailwire: --auth %s is not for %s\n", methods[o->auth].name,
                u->pop ? "POP3" : "IMAP");
        return -1;
    }
    return l->oauth2 ? oauth2_token(o, l->secret, sizeof l->secret)
                     : cli_password(o, u, l->secret, sizeof l->secret);
}

int cli_login_method(const cli_login *l, const cli_url *u, HCLIENT h)
{
    int m = l->method;
    if (m < 0 && l->oauth2) /* OAUTHBEARER, the standard one, where offered */
        m = cli_auth_method((u->pop ? PopHasCapabilityA(h, "SASL=OAUTHBEARER")
                                    : ImapHasCapabilityA(h, "AUTH=OAUTHBEARER"))
                                ? "oauthbearer"
                                : "xoauth2");
    if (m < 0)
        return u->pop ? POP_AUTH_DEFAULT : IMAP_AUTH_DEFAULT;
    return u->pop ? methods[m].pop : methods[m].imap;
}
