/* config.h - named accounts from the configuration file: `mailwire pull
 * work` instead of a URL and its options (docs/mailwire.1, FILES). */
#ifndef MAILWIRE_CONFIG_H
#define MAILWIRE_CONFIG_H

#include "cli.h"

#define CONFIG_VALUE_MAX 1024

typedef struct cli_account {
    char name[64];
    char url[CONFIG_VALUE_MAX];
    char user[CONFIG_VALUE_MAX];
    char password_file[CONFIG_VALUE_MAX];
    char password_command[CONFIG_VALUE_MAX];
    char auth[32];
    char oauth2_command[CONFIG_VALUE_MAX];
    char cacert[CONFIG_VALUE_MAX];
    char tls[16]; /* implicit, starttls, plaintext; empty: as the URL says */
    char maildir[CONFIG_VALUE_MAX];
    char folders[CONFIG_VALUE_MAX]; /* LIST patterns, blank-separated */
} cli_account;

/* The file: $MAILWIRE_CONFIG, else $XDG_CONFIG_HOME/mailwire/config, else
 * ~/.config/mailwire/config (%APPDATA%\mailwire\config on Windows). */
void cli_config_path(char *out, size_t cap);
/* Account `name` of the file: 1 found, 0 not there (or no file), -1 when
 * the file is malformed (said, with its line). */
int cli_config_account(const char *name, cli_account *a);
/* Takes an account's settings into o where the command line gave none
 * (its folders as --mailbox patterns when folders is nonzero).
 * 0, or -1 when one is malformed (said). */
int cli_config_apply(const cli_account *a, cli_options *o, int folders);
/* An operand that names an account ("work", or "work/Sent" for one of its
 * mailboxes) instead of a URL: *url becomes the account's URL (with the
 * mailbox), *maildir its maildir (or NULL), and the account's settings
 * fill what the command line left unset (its folders only when
 * to_maildir - pull or sync - and for the account as a whole). 1 done, 0 no such account (or a URL), -1 on
 * a malformed file or account (said). */
int cli_config_resolve(const char *operand, cli_options *o, int to_maildir, char **url, const char **maildir);

#endif
