/* url.c - mail URLs in curl's style (RFC 5092's IMAP URLs):
 * imap://user[:password]@host:port/mailbox[;UIDVALIDITY=v][/;UID=n[/;SECTION=s]][?criteria] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Percent-decodes s[0..n) into out; refuses NUL and line breaks. */
static int decode(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%') {
            int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
            int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return -1;
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        if (c == '\0' || c == '\r' || c == '\n' || o + 1 >= cap)
            return -1;
        out[o++] = c;
    }
    out[o] = '\0';
    return 0;
}

/* The last '@' of the authority: a login that is a mail address may be
 * written as it is (user@example.com@host), as browsers read it. */
static const char *last_at(const char *authority, size_t n)
{
    const char *at = NULL;
    for (size_t i = 0; i < n; i++)
        if (authority[i] == '@')
            at = authority + i;
    return at;
}

/* user[:password], each percent-decoded: the first ':' ends the user, so
 * a ':' in a user name is written %3A. */
static int split_userinfo(const char *s, size_t n, cli_url *u)
{
    const char *colon = memchr(s, ':', n);
    size_t ulen = colon != NULL ? (size_t)(colon - s) : n;
    if (decode(s, ulen, u->user, sizeof u->user) != 0)
        return -1;
    if (colon == NULL)
        return 0;
    u->has_password = 1;
    return decode(colon + 1, n - ulen - 1, u->password, sizeof u->password);
}

/* Refuses the URL with a reason the caller shows; always -1. */
static int refuse(cli_url *u, const char *why, const char *what, size_t n)
{
    snprintf(u->error, sizeof u->error, "%s%.*s", why, (int)(n < 60 ? n : 60), what);
    return -1;
}

/* A port after the host, if any, is a number from 1 to 65535: checked
 * here so that the error names it (the connect would only say "invalid
 * parameter"). A bare IPv6 address (more than one ':') has none. */
static int check_port(cli_url *u)
{
    const char *colon = strrchr(u->host, ':');
    if (u->host[0] == '[') {
        const char *close = strchr(u->host, ']');
        if (close == NULL)
            return refuse(u, "no ']' after the IPv6 address ", u->host, strlen(u->host));
        colon = close[1] == ':' ? close + 1 : NULL;
        if (close[1] != '\0' && colon == NULL)
            return refuse(u, "text after the IPv6 address: ", close + 1, strlen(close + 1));
    } else if (colon != strchr(u->host, ':')) {
        return 0;
    }
    if (colon == NULL)
        return 0;
    const char *digits = colon + 1;
    size_t n = strlen(digits);
    if (n == 0 || strspn(digits, "0123456789") != n)
        return refuse(u, "the port is not a number: ", digits, n);
    if (n > 5 || strtoul(digits, NULL, 10) < 1 || strtoul(digits, NULL, 10) > 65535)
        return refuse(u, "the port is out of range (1-65535): ", digits, n);
    return 0;
}

/* A number parameter (;UID=, ;UIDVALIDITY=): 1 to 4294967295. */
static int number_param(const char *v, size_t n, unsigned long *out, cli_url *u)
{
    char text[16];
    if (n == 0 || n >= sizeof text || strspn(v, "0123456789") < n)
        return refuse(u, "not a number: ", v, n);
    memcpy(text, v, n);
    text[n] = '\0';
    unsigned long long x = strtoull(text, NULL, 10);
    if (x == 0 || x > 4294967295ULL)
        return refuse(u, "out of range (1-4294967295): ", v, n);
    *out = (unsigned long)x;
    return 0;
}

/* ;SECTION= as RFC 5092 writes it, where the tool can fetch it: HEADER,
 * TEXT, or a MIME part number such as 1.2 (shown decoded, as --part). */
static int section_param(const char *v, size_t n, cli_url *u)
{
    if (decode(v, n, u->section, sizeof u->section) != 0)
        return refuse(u, "bad ;SECTION=", v, n);
    for (char *c = u->section; *c; c++)
        if (*c >= 'a' && *c <= 'z')
            *c = (char)(*c - 'a' + 'A');
    if (strcmp(u->section, "HEADER") == 0 || strcmp(u->section, "TEXT") == 0)
        return 0;
    const char *c = u->section;
    while (*c >= '1' && *c <= '9') {
        c += strspn(c, "0123456789");
        if (*c == '\0')
            return 0;
        if (*c++ != '.')
            break;
    }
    return refuse(u, ";SECTION= takes HEADER, TEXT or a part number such as 1.2, not ", v, n);
}

/* p[0..n) is name, ASCII letters compared case-blind. */
static int is_name(const char *p, size_t n, const char *name)
{
    if (n != strlen(name))
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i] >= 'a' && p[i] <= 'z' ? (char)(p[i] - 'a' + 'A') : p[i];
        if (c != name[i])
            return 0;
    }
    return 1;
}

/* One ;NAME=value of the path (a '/' may end it, as curl writes them). */
static int url_param(const char *p, size_t n, cli_url *u)
{
    if (n > 0 && p[n - 1] == '/')
        n--;
    const char *eq = memchr(p, '=', n);
    size_t name = eq != NULL ? (size_t)(eq - p) : n;
    const char *v = eq != NULL ? eq + 1 : p + n;
    size_t vn = n - name - (eq != NULL);
    if (is_name(p, name, "UID"))
        return number_param(v, vn, &u->uid, u);
    if (is_name(p, name, "UIDVALIDITY"))
        return number_param(v, vn, &u->uidvalidity, u);
    if (is_name(p, name, "SECTION"))
        return section_param(v, vn, u);
    return refuse(u, "unknown URL parameter (UID, UIDVALIDITY and SECTION are known): ;", p, n);
}

/* mailbox[;NAME=value...][?criteria]: the first ';' or '?' ends the
 * mailbox, so one in a mailbox's name is written %3B or %3F. */
static int parse_path(const char *path, cli_url *u)
{
    const char *query = strchr(path, '?');
    size_t end = query != NULL ? (size_t)(query - path) : strlen(path);
    size_t plen = strcspn(path, ";?");
    size_t blen = plen > 0 && path[plen - 1] == '/' ? plen - 1 : plen;
    if (decode(path, blen, u->mailbox, sizeof u->mailbox) != 0)
        return refuse(u, "bad mailbox name: ", path, blen);
    for (size_t at = plen; at < end;) {
        size_t n = 1 + strcspn(path + at + 1, ";?");
        if (n > end - at)
            n = end - at;
        if (url_param(path + at + 1, n - 1, u) != 0)
            return -1;
        at += n;
    }
    if (query == NULL)
        return 0;
    if (decode(query + 1, strlen(query + 1), u->search, sizeof u->search) != 0 || u->search[0] == '\0')
        return refuse(u, "bad search after '?': ", query + 1, strlen(query + 1));
    return 0;
}

static int parse_url(const char *text, cli_url *u)
{
    static const struct {
        const char *scheme;
        int pop, tls;
    } schemes[] = {{"imap://", 0, 0}, {"imaps://", 0, 1}, {"pop3://", 1, 0}, {"pop3s://", 1, 1}};
    memset(u, 0, sizeof *u);
    const char *rest = NULL;
    for (size_t i = 0; i < 4 && rest == NULL; i++) {
        size_t n = strlen(schemes[i].scheme);
        if (strncmp(text, schemes[i].scheme, n) == 0) {
            rest = text + n;
            u->pop = schemes[i].pop;
            u->tls = schemes[i].tls;
        }
    }
    if (rest == NULL)
        return refuse(u, "the scheme is none of imap://, imaps://, pop3://, pop3s://", "", 0);
    size_t authority = strcspn(rest, "/?");
    const char *at = last_at(rest, authority);
    if (at != NULL) {
        if (split_userinfo(rest, (size_t)(at - rest), u) != 0)
            return refuse(u, "bad user or password (a '%' not followed by two hex digits?)", "", 0);
        authority -= (size_t)(at - rest) + 1;
        rest = at + 1;
    }
    if (authority == 0 || authority >= sizeof u->host)
        return refuse(u, authority == 0 ? "no host" : "the host name is too long", "", 0);
    memcpy(u->host, rest, authority);
    u->host[authority] = '\0';
    if (check_port(u) != 0)
        return -1;
    rest += authority;
    return parse_path(*rest == '/' ? rest + 1 : rest, u);
}

int cli_parse_url(const cli_options *o, const char *text, cli_url *u)
{
    if (parse_url(text, u) != 0)
        return -1;
    if (o->user == NULL)
        return 0;
    /* -u as curl takes it: the first ':' ends the user, nothing decoded */
    size_t ulen = strcspn(o->user, ":");
    if (ulen >= sizeof u->user || strlen(o->user + ulen) >= sizeof u->password)
        return refuse(u, "-u: the user or the password is too long", "", 0);
    memcpy(u->user, o->user, ulen);
    u->user[ulen] = '\0';
    u->has_password = o->user[ulen] == ':';
    snprintf(u->password, sizeof u->password, "%s", u->has_password ? o->user + ulen + 1 : "");
    return 0;
}

int cli_url_arg(const cli_options *o, const char *text, cli_url *u, const char *command, unsigned takes)
{
    char shown[1200];
    cli_url_shown(text, shown, sizeof shown);
    if (cli_parse_url(o, text, u) != 0) {
        fprintf(stderr, "mailwire: %s: %s\n", shown, u->error);
        return EXIT_USAGE;
    }
    const char *extra = (u->uid || u->uidvalidity) && !(takes & CLI_URL_UID) ? ";UID="
                        : u->section[0] && !(takes & CLI_URL_SECTION)   ? ";SECTION="
                        : u->search[0] && !(takes & CLI_URL_SEARCH)     ? "?criteria"
                                                                         : NULL;
    if (extra != NULL) {
        fprintf(stderr, "mailwire: %s takes no %s in its URL: %s\n", command, extra, shown);
        return EXIT_USAGE;
    }
    if (u->section[0] && u->uid == 0) {
        fprintf(stderr, "mailwire: ;SECTION= needs a ;UID= before it: %s\n", shown);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

int cli_host_is_loopback(const char *host)
{
    char name[300];
    snprintf(name, sizeof name, "%s", host);
    char *end = NULL;
    if (name[0] == '[') { /* [v6] or [v6]:port */
        end = strchr(name, ']');
        if (end == NULL)
            return 0;
        *end = '\0';
        memmove(name, name + 1, strlen(name + 1) + 1);
    } else if (strchr(name, ':') == strrchr(name, ':') && (end = strchr(name, ':')) != NULL) {
        *end = '\0'; /* host:port; a bare v6 address has more than one colon */
    }
    for (char *c = name; *c; c++) /* host names are ASCII, case-blind */
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    if (strcmp(name, "localhost") == 0 || strcmp(name, "::1") == 0)
        return 1;
    /* 127.0.0.0/8, written as a dotted quad (no other spelling passes) */
    unsigned a, b, c, d;
    char extra;
    return sscanf(name, "%3u.%3u.%3u.%3u%c", &a, &b, &c, &d, &extra) == 4 && a == 127 && b < 256 &&
           c < 256 && d < 256 && strspn(name, "0123456789.") == strlen(name);
}

int cli_needs_imap(const cli_url *u, const char *command)
{
    if (!u->pop)
        return EXIT_OK;
    fprintf(stderr, "mailwire: %s needs IMAP (an imap:// or imaps:// URL)\n", command);
    return EXIT_USAGE;
}

void cli_url_shown(const char *text, char *out, size_t cap)
{
    const char *start = strstr(text, "://");
    start = start != NULL ? start + 3 : text;
    size_t authority = strcspn(start, "/");
    const char *at = last_at(start, authority);
    const char *colon = at != NULL ? memchr(start, ':', (size_t)(at - start)) : NULL;
    if (colon == NULL)
        snprintf(out, cap, "%s", text);
    else
        snprintf(out, cap, "%.*s:***%s", (int)(colon - text), text, at);
}
