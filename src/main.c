/* main.c - the mailwire command line: one command, options anywhere. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "os.h"

static const char usage_text[] =
    "usage: mailwire COMMAND ARGS [options]   (options go anywhere; -- ends them)\n"
    "\n"
    "  ls     URL                   mailboxes, with message and unseen counts\n"
    "  list   URL/MAILBOX[?CRIT]    messages: UID, date, from, subject, size, flags\n"
    "  get    URL/MAILBOX;UID=n     one message, raw, to stdout or -o FILE; or its\n"
    "                               MIME parts: --parts, --part N, --attachments DIR;\n"
    "                               ;SECTION=HEADER, TEXT or a part number in the URL\n"
    "  pull   URL[/MAILBOX] DIR     incremental copy into a Maildir (IMAP or POP3);\n"
    "                               with --all or --mailbox PATTERN, a folder per mailbox\n"
    "  push   DIR URL/MAILBOX       append a Maildir's messages to a mailbox\n"
    "  sync   URL/MAILBOX DIR       both ways: new messages and flags; removals\n"
    "                               too with --expunge; --all or --mailbox as pull\n"
    "  watch  URL/MAILBOX           one line per new message until interrupted,\n"
    "                               connecting again when the connection drops\n"
    "  search URL/MAILBOX CRITERIA  matching messages (IMAP search syntax)\n"
    "  help   [COMMAND]             this text, or one command's\n"
    "\n"
    "URLs: imap://, imaps://, pop3://, pop3s://user[:password]@host[:port][/mailbox]\n"
    "[;UIDVALIDITY=v][/;UID=n[/;SECTION=s]][?criteria] (all but the host and port\n"
    "percent-encoded: a ';' or '?' in a mailbox's name is %3B or %3F; the last @\n"
    "ends the user: imaps://me@example.com@host)\n"
    "An account's name from the configuration file may stand for its URL:\n"
    "`mailwire pull work`, `mailwire list work/Sent` (see FILES in the manual)\n"
    "Password, the first of: -u user:password or the URL's, --password-file,\n"
    "--password-command, MAILWIRE_PASSWORD, ~/.netrc, a prompt\n"
    "\n"
    "options:\n"
    "  --starttls          STARTTLS / STLS is required (it is used whenever offered;\n"
    "                      required for any host but localhost unless --plaintext)\n"
    "  --plaintext         the password may cross an unencrypted connection\n"
    "  --cacert FILE       trust anchors for the server certificate\n"
    "  --insecure          encrypt but do not verify the certificate\n"
    "  --timeout SECONDS   for each step (default 30)\n"
    "  --max-time SECONDS  for each exchange with the server (default: none)\n"
    "  --speed-limit BYTES --speed-time SECONDS\n"
    "                      end an exchange slower than BYTES a second over\n"
    "                      SECONDS (default 256 over 120; 0 0: never)\n"
    "  -u, --user U[:P]    log in as U (with password P), over the URL's user\n"
    "  --password-file F   read the password from the first line of F\n"
    "  --password-command C  the password is the first line command C prints\n"
    "  --auth METHOD       default, plain, login, user (POP3), cram-md5,\n"
    "                      scram-sha-256, apop (POP3), xoauth2, oauthbearer\n"
    "  --oauth2-bearer T   log in with OAuth2 token T (OAUTHBEARER where offered,\n"
    "                      else XOAUTH2, unless --auth says which)\n"
    "  --oauth2-command C  the token is the first line command C prints (a helper\n"
    "                      that refreshes it); else MAILWIRE_OAUTH2_TOKEN\n"
    "  --trace             the protocol on stderr, secrets shown as ***\n"
    "  --json              machine-readable output (ls, list, search, get --parts;\n"
    "                      watch: one object per line)\n"
    "  --exec CMD          watch: run CMD for each new message, with MAILWIRE_UID,\n"
    "                      MAILWIRE_FROM, MAILWIRE_SUBJECT, MAILWIRE_MAILBOX set\n"
    "  -o FILE             write to FILE (get)\n"
    "  --parts             get: list the message's MIME parts (with --json too)\n"
    "  --part N            get: part N (\"2\", \"1.2\"), decoded, text in UTF-8\n"
    "  --attachments DIR   get: save every attachment in DIR, under safe new names\n"
    "  --delete            pull over POP3: then delete from the server every message\n"
    "                      the Maildir holds, once it is flushed to disk\n"
    "  --keep              leave the messages on the server (the default)\n"
    "  --all               pull, sync: every mailbox, each with its own folder of DIR\n"
    "  --mailbox PATTERN   pull, sync: the mailboxes matching PATTERN (* any text,\n"
    "                      % any but the hierarchy delimiter); repeatable\n"
    "  --layout L          with --all or --mailbox: maildir++ (DIR/.A.B, the\n"
    "                      default) or nested (DIR/A/B)\n"
    "  --expunge           sync: a message removed on one side is removed on the\n"
    "                      other (without it, none is removed, none comes back)\n"
    "  --delete-local      pull over IMAP: remove here what the server removed\n"
    "                      (learned with QRESYNC)\n"
    "  -q, --quiet         no progress bar, no summary\n"
    "  --help, --version\n";

#define DAY 86400ul

/* A whole decimal number from min to max; says why not. */
static int number_arg(const char *name, const char *text, unsigned long min, unsigned long max,
                      unsigned *out)
{
    char *end;
    unsigned long v = strtoul(text, &end, 10);
    if (*text < '0' || *text > '9' || *end != '\0' || v < min || v > max) {
        fprintf(stderr, "mailwire: %s wants a number from %lu to %lu, not '%s'\n", name, min, max,
                text);
        return 0;
    }
    *out = (unsigned)v;
    return 1;
}

typedef int (*command_fn)(const cli_options *o, int argc, char **argv);

static const struct {
    const char *name;
    command_fn fn;
    const char *args; /* what follows the name, as usage_text lists it */
    int url_at;       /* which argument is the URL (or an account) */
} commands[] = {{"ls", cmd_ls, "URL", 0},
                {"list", cmd_list, "URL/MAILBOX[?CRITERIA]", 0},
                {"get", cmd_get, "URL/MAILBOX;UID=n[;SECTION=s] [-o FILE] [--parts | --part N | --attachments DIR]", 0},
                {"pull", cmd_pull, "URL[/MAILBOX] DIR [--all | --mailbox PATTERN...] [--layout L] [--delete | --keep | --delete-local]", 0},
                {"push", cmd_push, "DIR URL/MAILBOX", 1},
                {"watch", cmd_watch, "URL/MAILBOX [--json] [--exec CMD]", 0},
                {"sync", cmd_sync, "URL[/MAILBOX] DIR [--all | --mailbox PATTERN...] [--layout L] [--expunge]", 0},
                {"search", cmd_search, "URL/MAILBOX CRITERIA (or URL/MAILBOX?CRITERIA)", 0}};

/* An account name where the URL goes: its URL instead, its settings into
 * o; for pull and sync, its maildir when no DIR is given and its folders
 * when no mailbox is. Returns the arguments to run the command with (args
 * has room for one more), or NULL. */
static char **with_account(size_t c, cli_options *o, int *argc, char **argv, char **args)
{
    memcpy(args, argv, (size_t)*argc * sizeof *args);
    args[*argc] = NULL;
    int at = commands[c].url_at, to_maildir = commands[c].fn == cmd_pull || commands[c].fn == cmd_sync;
    char *url;
    const char *maildir;
    if (at >= *argc)
        return args;
    int r = cli_config_resolve(args[at], o, to_maildir, &url, &maildir);
    if (r < 0)
        return NULL;
    if (r == 0)
        return args;
    args[at] = url;
    if (to_maildir && *argc == 1 && maildir != NULL)
        args[(*argc)++] = (char *)maildir;
    return args;
}

/* Options only some commands take: given to another, they are refused
 * rather than silently ignored. */
static const struct {
    int code; /* getopt's */
    const char *name;
    const char *commands; /* the names of those that take it */
} scoped[] = {{'o', "-o", "get"},
              {'R', "--parts", "get"},
              {'r', "--part", "get"},
              {'A', "--attachments", "get"},
              {'D', "--delete", "pull"},
              {'K', "--keep", "pull"},
              {'L', "--delete-local", "pull"},
              {'l', "--all", "pull sync"},
              {'m', "--mailbox", "pull sync"},
              {'W', "--layout", "pull sync"},
              {'X', "--expunge", "sync"},
              {'E', "--exec", "watch"},
              {'j', "--json", "ls list get search watch"}};

/* Nonzero when the blank-separated list of names holds name. */
static int names_hold(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *at = list; *at != '\0'; at += strcspn(at, " "), at += *at == ' ')
        if (strncmp(at, name, n) == 0 && (at[n] == ' ' || at[n] == '\0'))
            return 1;
    return 0;
}

/* EXIT_OK when every option given (given[code] set) is one the command
 * takes, and --all and --mailbox do not come together; else says which. */
static int options_fit(const char *command, const unsigned char *given)
{
    for (size_t i = 0; i < sizeof scoped / sizeof scoped[0]; i++)
        if (given[scoped[i].code] && !names_hold(scoped[i].commands, command)) {
            fprintf(stderr, "mailwire: %s is not an option of %s (it is for: %s)\n", scoped[i].name, command,
                    scoped[i].commands);
            return EXIT_USAGE;
        }
    if (given['l'] && given['m']) {
        fputs("mailwire: --all and --mailbox: one or the other\n", stderr);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* "mailwire help [COMMAND]": one command's usage line, then the options;
 * the whole usage without one. */
static int help(int argc, char **argv)
{
    if (argc == 0) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[0], commands[i].name) == 0) {
            printf("usage: mailwire %s %s [options]\n\n%s", commands[i].name, commands[i].args,
                   strstr(usage_text, "options:\n"));
            return EXIT_OK;
        }
    }
    fprintf(stderr, "mailwire: no command '%s' to help with\n%s", argv[0], usage_text);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"starttls", no_argument, NULL, 's'},  {"plaintext", no_argument, NULL, 'P'},
        {"cacert", required_argument, NULL, 'c'},
        {"insecure", no_argument, NULL, 'k'},  {"timeout", required_argument, NULL, 't'},
        {"password-file", required_argument, NULL, 'p'}, {"trace", no_argument, NULL, 'T'},
        {"user", required_argument, NULL, 'u'},
        {"password-command", required_argument, NULL, 'C'},
        {"auth", required_argument, NULL, 'a'},
        {"oauth2-bearer", required_argument, NULL, 'B'},
        {"oauth2-command", required_argument, NULL, 'O'},
        {"exec", required_argument, NULL, 'E'},
        {"expunge", no_argument, NULL, 'X'},
        {"all", no_argument, NULL, 'l'},
        {"mailbox", required_argument, NULL, 'm'},
        {"layout", required_argument, NULL, 'W'},
        {"max-time", required_argument, NULL, 'M'},
        {"speed-limit", required_argument, NULL, 'Y'},
        {"speed-time", required_argument, NULL, 'y'},
        {"json", no_argument, NULL, 'j'},      {"quiet", no_argument, NULL, 'q'},
        {"delete", no_argument, NULL, 'D'},    {"keep", no_argument, NULL, 'K'},
        {"delete-local", no_argument, NULL, 'L'},
        {"parts", no_argument, NULL, 'R'},     {"part", required_argument, NULL, 'r'},
        {"attachments", required_argument, NULL, 'A'},
        {"help", no_argument, NULL, 'h'},      {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    cli_options o;
    memset(&o, 0, sizeof o);
    o.timeout = 30;
    o.auth = -1;
    int want_help = 0;
    unsigned char given[256] = {0}; /* the options given, by getopt code */
    o.speed_limit = IMAP_LOW_SPEED_LIMIT_DEFAULT;
    o.speed_time = IMAP_LOW_SPEED_TIME_DEFAULT;
    os_init(&argc, &argv);
    int c;
    /* Options before or after the command and its arguments, as git and
     * curl take them: getopt moves the operands behind the options. */
    while ((c = getopt_long(argc, argv, "o:qhu:", longopts, NULL)) != -1) {
        if (c > 0 && c < 256)
            given[c] = 1;
        switch (c) {
        case 's': o.starttls = 1; break;
        case 'P': o.plaintext = 1; break;
        case 'c': o.cacert = optarg; break;
        case 'k': o.insecure = 1; break;
        case 't': if (!number_arg("--timeout", optarg, 1, DAY, &o.timeout)) return EXIT_USAGE; break;
        case 'M': if (!number_arg("--max-time", optarg, 0, DAY, &o.max_time)) return EXIT_USAGE; break;
        case 'Y': if (!number_arg("--speed-limit", optarg, 0, 1000000000ul, &o.speed_limit)) return EXIT_USAGE; break;
        case 'y': if (!number_arg("--speed-time", optarg, 0, DAY, &o.speed_time)) return EXIT_USAGE; break;
        case 'p': o.password_file = optarg; break;
        case 'u': o.user = optarg; break;
        case 'C': o.password_command = optarg; break;
        case 'B': o.oauth2_token = optarg; break;
        case 'O': o.oauth2_command = optarg; break;
        case 'E': o.exec_command = optarg; break;
        case 'X': o.expunge = 1; break;
        case 'l': o.all_mailboxes = 1; break;
        case 'm':
            if (o.npatterns == CLI_MAILBOX_PATTERNS_MAX) {
                fprintf(stderr, "mailwire: at most %d --mailbox patterns\n", CLI_MAILBOX_PATTERNS_MAX);
                return EXIT_USAGE;
            }
            o.mailbox_patterns[o.npatterns++] = optarg;
            break;
        case 'W':
            if (strcmp(optarg, "maildir++") != 0 && strcmp(optarg, "nested") != 0) {
                fprintf(stderr, "mailwire: --layout wants maildir++ or nested, not '%s'\n", optarg);
                return EXIT_USAGE;
            }
            o.nested_layout = strcmp(optarg, "nested") == 0;
            break;
        case 'a':
            if ((o.auth = cli_auth_method(optarg)) < 0) {
                fprintf(stderr, "mailwire: --auth wants one of %s, not '%s'\n", cli_auth_names(), optarg);
                return EXIT_USAGE;
            }
            break;
        case 'T': o.trace = 1; break;
        case 'j': o.json = 1; break;
        case 'q': o.quiet = 1; break;
        case 'D': o.pop_delete = 1; break;
        case 'K': o.pop_delete = 0; break;
        case 'L': o.delete_local = 1; break;
        case 'o': o.output = optarg; break;
        case 'R': o.list_parts = 1; break;
        case 'r': o.part = optarg; break;
        case 'A': o.attachments = optarg; break;
        case 'h': want_help = 1; break; /* "mailwire get --help": get's */
        case 'V': printf("mailwire %s\n", MAILWIRE_VERSION_STRING); return EXIT_OK;
        default: fputs(usage_text, stderr); return EXIT_USAGE;
        }
    }
    if (want_help)
        return help(optind < argc && strcmp(argv[optind], "help") != 0 ? 1 : 0, argv + optind);
    if (optind >= argc) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    if (o.password_file != NULL && o.password_command != NULL) {
        fputs("mailwire: --password-file and --password-command: one or the other\n", stderr);
        return EXIT_USAGE;
    }
    if (o.oauth2_token != NULL && o.oauth2_command != NULL) {
        fputs("mailwire: --oauth2-bearer and --oauth2-command: one or the other\n", stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[optind], "help") == 0)
        return help(argc - optind - 1, argv + optind + 1);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[optind], commands[i].name) == 0) {
            if (options_fit(commands[i].name, given) != EXIT_OK)
                return EXIT_USAGE;
            int nargs = argc - optind - 1;
            char **args = calloc((size_t)nargs + 2, sizeof *args);
            if (args == NULL || with_account(i, &o, &nargs, argv + optind + 1, args) == NULL) {
                free(args);
                return EXIT_USAGE;
            }
            ImapInitializeA(NULL, NULL);
            PopInitializeA(NULL, NULL);
            int rc = commands[i].fn(&o, nargs, args);
            free(args);
            ImapUninitialize();
            PopUninitialize();
            return rc;
        }
    }
    fprintf(stderr, "mailwire: unknown command '%s'\n%s", argv[optind], usage_text);
    return EXIT_USAGE;
}
