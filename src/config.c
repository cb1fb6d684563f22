/*
 * config.c - the configuration file's named accounts:
 *
 *   # comment
 *   [work]
 *   url = imaps://alice@mail.example.com
 *   password-command = pass show mail/work
 *   maildir = ~/Mail/work
 *   folders = INBOX Sent Archive.%
 *
 * Keys: url (required), user, password-file, password-command, auth,
 * oauth2-command, cacert, tls, maildir, folders. No password itself: a
 * file that other programs read is no place for one.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os.h"

void cli_config_path(char *out, size_t cap)
{
    const char *env = getenv("MAILWIRE_CONFIG");
    if (env != NULL && env[0] != '\0') {
        snprintf(out, cap, "%s", env);
        return;
    }
#if defined(_WIN32)
    const char *appdata = getenv("APPDATA");
    if (appdata != NULL) {
        snprintf(out, cap, "%s\\mailwire\\config", appdata);
        return;
    }
#endif
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg != NULL && xdg[0] != '\0') {
        snprintf(out, cap, "%s/mailwire/config", xdg);
        return;
    }
    const char *home = getenv("HOME");
    snprintf(out, cap, "%s/.config/mailwire/config", home != NULL ? home : ".");
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* "~/x" as $HOME/x: paths in the file are written as in a shell. */
static void set_path(char *field, const char *value)
{
    const char *home = getenv("HOME");
    if (value[0] == '~' && (value[1] == '/' || value[1] == '\0') && home != NULL)
        snprintf(field, CONFIG_VALUE_MAX, "%s%s", home, value + 1);
    else
        snprintf(field, CONFIG_VALUE_MAX, "%s", value);
}

/* One "key = value" line of the account; 0, or -1 for an unknown key. */
static int set_key(cli_account *a, const char *key, const char *value)
{
    struct {
        const char *key;
        char *field;
        size_t cap;
        int path;
    } keys[] = {{"url", a->url, sizeof a->url, 0},
                {"user", a->user, sizeof a->user, 0},
                {"password-file", a->password_file, sizeof a->password_file, 1},
                {"password-command", a->password_command, sizeof a->password_command, 0},
                {"auth", a->auth, sizeof a->auth, 0},
                {"oauth2-command", a->oauth2_command, sizeof a->oauth2_command, 0},
                {"cacert", a->cacert, sizeof a->cacert, 1},
                {"tls", a->tls, sizeof a->tls, 0},
                {"maildir", a->maildir, sizeof a->maildir, 1},
                {"folders", a->folders, sizeof a->folders, 0}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(key, keys[i].key) != 0)
            continue;
        if (keys[i].path)
            set_path(keys[i].field, value);
        else
            snprintf(keys[i].field, keys[i].cap, "%s", value);
        return 0;
    }
    return -1;
}

static int malformed(const char *path, int line, const char *why)
{
    fprintf(stderr, "mailwire: %s:%d: %s\n", path, line, why);
    return -1;
}

int cli_config_account(const char *name, cli_account *a)
{
    char path[4096], text[4096];
    cli_config_path(path, sizeof path);
    FILE *f = os_fopen(path, "r");
    if (f == NULL) {
        if (errno == ENOENT)
            return 0;
        fprintf(stderr, "mailwire: %s: %s\n", path, strerror(errno));
        return -1;
    }
    memset(a, 0, sizeof *a);
    int found = 0, in_it = 0, line = 0, rc = 0;
    while (rc == 0 && fgets(text, sizeof text, f) != NULL) {
        line++;
        char *s = trim(text);
        if (s[0] == '\0' || s[0] == '#')
            continue;
        if (s[0] == '[') {
            char *end = strchr(s, ']');
            if (end == NULL || end[1] != '\0')
                rc = malformed(path, line, "a section is written [name]");
            else {
                *end = '\0';
                in_it = strcmp(trim(s + 1), name) == 0;
                found |= in_it;
                if (in_it)
                    snprintf(a->name, sizeof a->name, "%s", name);
            }
            continue;
        }
        char *eq = strchr(s, '=');
        if (eq == NULL) {
            rc = malformed(path, line, "expected key = value");
            continue;
        }
        *eq = '\0';
        char *key = trim(s), *value = trim(eq + 1);
        if (strcmp(key, "password") == 0)
            rc = malformed(path, line, "no password here: password-command or password-file");
        else if (in_it && set_key(a, key, value) != 0)
            rc = malformed(path, line, "unknown key (url, user, password-file, password-command, "
                                       "auth, oauth2-command, cacert, tls, maildir, folders)");
    }
    fclose(f);
    if (rc == 0 && found && a->url[0] == '\0')
        rc = malformed(path, line, "the account has no url");
    return rc != 0 ? -1 : found;
}

/* The folders as --mailbox patterns: the blank-separated words, kept in
 * the account (o points into it). */
static int apply_folders(cli_account *a, cli_options *o)
{
    for (char *w = strtok(a->folders, " \t"); w != NULL; w = strtok(NULL, " \t")) {
        if (o->npatterns == CLI_MAILBOX_PATTERNS_MAX)
            return -1;
        o->mailbox_patterns[o->npatterns++] = w;
    }
    return 0;
}

int cli_config_apply(const cli_account *a, cli_options *o, int folders)
{
    static cli_account kept; /* o points into it for the rest of the run */
    kept = *a;
    if (kept.user[0] && o->user == NULL)
        o->user = kept.user;
    if (o->password_file == NULL && o->password_command == NULL) {
        o->password_file = kept.password_file[0] ? kept.password_file : NULL;
        o->password_command = kept.password_command[0] ? kept.password_command : NULL;
    }
    if (kept.auth[0] && o->auth < 0 && (o->auth = cli_auth_method(kept.auth)) < 0) {
        fprintf(stderr, "mailwire: account %s: auth wants one of %s\n", kept.name, cli_auth_names());
        return -1;
    }
    if (kept.oauth2_command[0] && o->oauth2_token == NULL && o->oauth2_command == NULL)
        o->oauth2_command = kept.oauth2_command;
    if (kept.cacert[0] && o->cacert == NULL)
        o->cacert = kept.cacert;
    if (strcmp(kept.tls, "starttls") == 0)
        o->starttls = 1;
    else if (strcmp(kept.tls, "plaintext") == 0)
        o->plaintext = 1;
    else if (kept.tls[0] != '\0' && strcmp(kept.tls, "implicit") != 0) {
        fprintf(stderr, "mailwire: account %s: tls wants implicit, starttls or plaintext\n", kept.name);
        return -1;
    }
    if (folders && !o->all_mailboxes && o->npatterns == 0 && apply_folders(&kept, o) != 0) {
        fprintf(stderr, "mailwire: account %s: at most %d folders\n", kept.name, CLI_MAILBOX_PATTERNS_MAX);
        return -1;
    }
    return 0;
}

int cli_config_resolve(const char *operand, cli_options *o, int to_maildir, char **url, const char **maildir)
{
    static cli_account a;
    static char text[2 * CONFIG_VALUE_MAX + 8];
    char name[sizeof a.name];
    size_t n = strcspn(operand, "/;");
    if (strstr(operand, "://") != NULL || n == 0 || n >= sizeof name)
        return 0; /* a URL, or nothing an account can be called */
    memcpy(name, operand, n);
    name[n] = '\0';
    int found = cli_config_account(name, &a);
    if (found <= 0)
        return found;
    const char *scheme_end = strstr(a.url, "://");
    int scheme_len = scheme_end != NULL ? (int)(scheme_end - a.url) : 0;
    int implicit = strcmp(a.tls, "implicit") == 0 && scheme_len > 0 && scheme_end[-1] != 's';
    size_t len = strlen(a.url);
    if (len > 0 && a.url[len - 1] == '/')
        a.url[len - 1] = '\0'; /* the operand brings its own "/mailbox" */
    /* "work/Sent": the account's URL and the mailbox; implicit TLS written
     * as the scheme says it (imaps://, pop3s://) */
    snprintf(text, sizeof text, "%.*s%s%s%s", scheme_len, a.url, implicit ? "s" : "", a.url + scheme_len,
             operand + n);
    *url = text;
    *maildir = a.maildir[0] ? a.maildir : NULL;
    return cli_config_apply(&a, o, to_maildir && operand[n] == '\0') == 0 ? 1 : -1;
}
