/* url.c - mail URLs in curl's style: imap://user[:password]@host:port/mailbox;UID=n */
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
        return -1;
    const char *slash = strchr(rest, '/');
    size_t authority = slash != NULL ? (size_t)(slash - rest) : strlen(rest);
    const char *at = last_at(rest, authority);
    if (at != NULL) {
        if (split_userinfo(rest, (size_t)(at - rest), u) != 0)
            return -1;
        authority -= (size_t)(at - rest) + 1;
        rest = at + 1;
    }
    if (authority == 0 || authority >= sizeof u->host)
        return -1;
    memcpy(u->host, rest, authority);
    u->host[authority] = '\0';
    if (slash == NULL)
        return 0;
    const char *path = slash + 1;
    const char *semi = strstr(path, ";UID=");
    if (semi == NULL)
        semi = strstr(path, ";uid=");
    size_t plen = semi != NULL ? (size_t)(semi - path) : strlen(path);
    if (plen > 0 && path[plen - 1] == '/')
        plen--;
    if (decode(path, plen, u->mailbox, sizeof u->mailbox) != 0)
        return -1;
    if (semi != NULL) {
        char *end;
        u->uid = strtoul(semi + 5, &end, 10);
        if (u->uid == 0 || *end != '\0')
            return -1;
    }
    return 0;
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
        return -1;
    memcpy(u->user, o->user, ulen);
    u->user[ulen] = '\0';
    u->has_password = o->user[ulen] == ':';
    snprintf(u->password, sizeof u->password, "%s", u->has_password ? o->user + ulen + 1 : "");
    return 0;
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
