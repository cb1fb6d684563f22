/*
 * fake_script.c - the scripted server as a program, so shell tests can
 * run the mailwire tool against a hostile peer.
 *
 *   fake_script SCRIPT PORTFILE [PORT]
 *
 * Serves one connection on 127.0.0.1 (on PORT when given, so a second run
 * can play the same server); writes the port to PORTFILE once it
 * listens; exits 0 when every step ran and every expectation held, else
 * prints why and exits 1. Script lines (escapes \r \n \t \e \\ \xNN):
 *
 *   S text      send text + CRLF        R text    send text, no CRLF
 *   C text      expect this line        P text    expect a line starting so
 *   W ms        pause                   T ms text send text + CRLF slowly
 *   X           close                   # ...     comment
 *   Q ms        the client must send nothing for ms (a server that drops
 *               what is sent ahead of its answer)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fakeserver.h"

#define SCRIPT_MAX 512

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes the escapes of in; returns the length (the text may hold NUL). */
static size_t unescape(const char *in, char *out)
{
    size_t n = 0;
    for (const char *p = in; *p; p++) {
        if (*p != '\\' || p[1] == '\0') {
            out[n++] = *p;
            continue;
        }
        p++;
        switch (*p) {
        case 'r': out[n++] = '\r'; break;
        case 'n': out[n++] = '\n'; break;
        case 't': out[n++] = '\t'; break;
        case 'e': out[n++] = '\x1b'; break;
        case 'x':
            if (hex_digit(p[1]) >= 0 && hex_digit(p[2]) >= 0) {
                out[n++] = (char)(hex_digit(p[1]) * 16 + hex_digit(p[2]));
                p += 2;
                break;
            }
            /* fall through */
        default: out[n++] = *p; break;
        }
    }
    out[n] = '\0';
    return n;
}

/* One script line into a step; 0 for a comment or blank line, -1 if bad. */
static int parse_line(char *line, fake_step *st)
{
    line[strcspn(line, "\n")] = '\0';
    if (line[0] == '\0' || line[0] == '#')
        return 0;
    char op = line[0];
    char *arg = line[1] == ' ' ? line + 2 : line + 1;
    unsigned ms = 0;
    if (op == 'W' || op == 'T' || op == 'Q') {
        ms = (unsigned)strtoul(arg, &arg, 10);
        if (*arg == ' ')
            arg++;
    }
    int crlf = op == 'S' || op == 'T';
    char *text = malloc(strlen(arg) + 3);
    size_t len = unescape(arg, text);
    if (crlf) {
        memcpy(text + len, "\r\n", 3);
        len += 2;
    }
    switch (op) {
    case 'S': case 'R': *st = (fake_step){FS_SEND_BYTES, text, 0, len}; return 1;
    case 'C': *st = (fake_step){FS_EXPECT, text, 0, 0}; return 1;
    case 'P': *st = (fake_step){FS_EXPECT_PREFIX, text, 0, 0}; return 1;
    case 'W': *st = (fake_step){FS_SLEEP, text, ms, 0}; return 1;
    case 'T': *st = (fake_step){FS_SLOW, text, ms, 0}; return 1;
    case 'X': *st = (fake_step){FS_CLOSE, text, 0, 0}; return 1;
    case 'Q': *st = (fake_step){FS_QUIET, text, ms, 0}; return 1;
    default: free(text); return -1;
    }
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: fake_script SCRIPT PORTFILE [PORT]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    static fake_step steps[SCRIPT_MAX];
    size_t n = 0;
    char line[65536];
    for (int lineno = 1; fgets(line, sizeof line, f) != NULL; lineno++) {
        int r = n < SCRIPT_MAX ? parse_line(line, &steps[n]) : -1;
        if (r < 0) {
            fprintf(stderr, "%s:%d: bad script line\n", argv[1], lineno);
            return 2;
        }
        n += (size_t)r;
    }
    fclose(f);
    fake_server *srv = fake_start_on(steps, n, argc == 4 ? (unsigned)atoi(argv[3]) : 0);
    FILE *pf = fopen(argv[2], "wb"); /* "\n", not "\r\n", on Windows too */
    if (pf == NULL || fprintf(pf, "%u\n", fake_port(srv)) < 0 || fclose(pf) != 0) {
        perror(argv[2]);
        return 2;
    }
    char why[256];
    int ok = fake_finish(srv, why, sizeof why);
    if (!ok)
        fprintf(stderr, "fake_script: %s\n", why);
    fake_free(srv);
    for (size_t i = 0; i < n; i++)
        free((void *)steps[i].data);
    return ok ? 0 : 1;
}
