/* cmd_read.c - the reading commands: ls, list, get, search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dates.h"
#include "os.h"

static const char *mailbox_of(const cli_url *u)
{
    return u->mailbox[0] ? u->mailbox : "INBOX";
}

/* ---- ls ------------------------------------------------------------------- */

/* One mailbox; counts NULL when they could not be had ("?" then). */
static void print_box(const cli_options *o, int first, const char *name,
                      const IMAPMAILBOXSTATUS *st)
{
    char total[16] = "?", unseen[16] = "?";
    if (st != NULL) {
        snprintf(total, sizeof total, "%u", st->nMessages);
        snprintf(unseen, sizeof unseen, "%u", st->nUnseenMessages);
    }
    if (o->json) {
        printf("%s{\"mailbox\":", first ? "" : ",");
        cli_json_string(stdout, name);
        printf(",\"messages\":%s,\"unseen\":%s}", st ? total : "null", st ? unseen : "null");
    } else {
        char safe[4096];
        cli_safe_text(name, safe, sizeof safe);
        /* padded by characters, not bytes: "Entwürfe" lines up too */
        int chars = 0;
        for (const char *c = safe; *c; c++)
            chars += (*c & 0xC0) != 0x80;
        printf("%s%*s %8s messages %8s unseen\n", safe, chars < 40 ? 40 - chars : 0, "", total, unseen);
    }
}

/* The next listed mailbox into *name (grown as needed); <0 at the end or
 * on error, as ImapGetNextMailbox. */
static INT next_box(HCLIENT h, int first, char **name, size_t *cap, DWORD *flags)
{
    for (;;) {
        INT r = first ? ImapGetFirstMailboxA(h, "", "*", IMAP_LIST_STATUS, *name, (INT)*cap, flags)
                      : ImapGetNextMailboxA(h, *name, (INT)*cap, flags);
        if (r >= 0 || ImapGetLastError() != ST_ERROR_BUFFER_TOO_SMALL || *cap >= (1u << 20))
            return r;
        char *bigger = realloc(*name, *cap * 4); /* the entry waits for a bigger buffer */
        if (bigger == NULL)
            return r;
        *name = bigger;
        *cap *= 4;
        first = 0;
    }
}

/* Every mailbox with its counts; one that cannot be counted is shown
 * with "?", said on stderr, and the listing goes on (exit 5 at the end). */
static int ls_imap(const cli_options *o, HCLIENT h)
{
    size_t cap = 1024;
    char *name = malloc(cap);
    DWORD flags;
    int first = 1, rc = EXIT_OK;
    INT r = name != NULL ? next_box(h, 1, &name, &cap, &flags) : -1;
    for (; r >= 0; r = next_box(h, 0, &name, &cap, &flags)) {
        IMAPMAILBOXSTATUS st = {.dwSize = sizeof(IMAPMAILBOXSTATUS)};
        int counted = 1;
        if (flags & (IMAP_FLAG_NOSELECT | IMAP_FLAG_NONEXISTENT)) {
            counted = 0; /* nothing to count: not an error */
        } else if (ImapGetMailboxStatusA(h, name, &st) != 0) {
            counted = 0;
            rc = cli_fail_imap(h, name, ImapGetLastError());
        }
        print_box(o, first, name, counted ? &st : NULL);
        first = 0;
    }
    DWORD err = name == NULL ? ST_ERROR_OUT_OF_MEMORY : ImapGetLastError();
    if (err != ST_ERROR_NO_MORE_MAILBOXES)
        rc = cli_fail_imap(h, "LIST", err);
    free(name);
    return rc;
}

int cmd_ls(const cli_options *o, int argc, char **argv)
{
    cli_url u;
    if (argc != 1) {
        fprintf(stderr, "usage: mailwire ls URL\n");
        return EXIT_USAGE;
    }
    int rc = cli_url_arg(o, argv[0], &u, "ls", 0);
    if (rc != EXIT_OK)
        return rc;
    HCLIENT h = cli_open(o, &u, &rc);
    if (h == INVALID_CLIENT)
        return rc;
    if (o->json)
        fputc('[', stdout);
    if (u.pop) {
        DWORD bytes = 0;
        INT n = PopGetMailboxSize(h, &bytes);
        IMAPMAILBOXSTATUS st = {.dwSize = sizeof(IMAPMAILBOXSTATUS)};
        st.nMessages = st.nUnseenMessages = (UINT)(n > 0 ? n : 0);
        if (n < 0)
            rc = cli_fail("STAT", PopGetLastError());
        else
            print_box(o, 1, "INBOX", &st);
    } else {
        rc = ls_imap(o, h);
    }
    if (o->json)
        fputs("]\n", stdout);
    cli_close(&u, h);
    return rc;
}

/* ---- list and search: one line per message -------------------------------- */

/* Prints server text s in a column of width characters (escaped, UTF-8
 * aware: cut or padded). */
static void column(const char *raw, int width)
{
    char s[4096];
    cli_safe_text(raw, s, sizeof s);
    int chars = 0;
    const char *p = s;
    while (*p && chars < width) {
        p++;
        while ((*p & 0xC0) == 0x80)
            p++; /* continuation bytes */
        chars++;
    }
    printf("%.*s%*s", (int)(p - s), s, width - chars, "");
}

/* The flags as a JSON array of their IMAP names. */
static void json_flags(DWORD f)
{
    static const struct {
        DWORD bit;
        const char *name;
    } names[] = {{IMAP_FLAG_SEEN, "\\\\Seen"},         {IMAP_FLAG_ANSWERED, "\\\\Answered"},
                 {IMAP_FLAG_FLAGGED, "\\\\Flagged"},   {IMAP_FLAG_DELETED, "\\\\Deleted"},
                 {IMAP_FLAG_DRAFT, "\\\\Draft"}};
    const char *sep = "";
    putchar('[');
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (f & names[i].bit) {
            printf("%s\"%s\"", sep, names[i].name);
            sep = ",";
        }
    }
    putchar(']');
}

/* INTERNALDATE as ISO 8601 in UTC, null when the server's is unreadable. */
static void json_date(const char *internal_date)
{
    long long secs;
    char iso[64];
    if (cli_parse_imap_date(internal_date, &secs) != 0) {
        fputs("null", stdout);
        return;
    }
    cli_iso_date(secs, iso);
    printf("\"%s\"", iso);
}

static void flag_letters(DWORD f, char *out)
{
    snprintf(out, 8, "%c%c%c%c%c", f & IMAP_FLAG_SEEN ? 'S' : '-', f & IMAP_FLAG_ANSWERED ? 'A' : '-',
             f & IMAP_FLAG_FLAGGED ? 'F' : '-', f & IMAP_FLAG_DELETED ? 'D' : '-',
             f & IMAP_FLAG_DRAFT ? 'T' : '-');
}

static void print_message(const cli_options *o, const IMAPMESSAGE *m, const cli_summary *sum,
                          int first)
{
    char flags[8];
    flag_letters(m->dwFlags, flags);
    if (o->json) {
        printf("%s{\"uid\":%lu,\"date\":", first ? "" : ",", (unsigned long)m->dwUid);
        json_date(m->szInternalDate);
        printf(",\"from\":");
        cli_json_string(stdout, sum->from);
        printf(",\"subject\":");
        cli_json_string(stdout, sum->subject);
        printf(",\"size\":%lu,\"flags\":", (unsigned long)m->dwMessageSize);
        json_flags(m->dwFlags);
        putchar('}');
    } else {
        printf("%6lu  ", (unsigned long)m->dwUid);
        column(m->szInternalDate, 20);
        fputs("  ", stdout);
        column(sum->from, 30);
        fputs("  ", stdout);
        column(sum->subject, 40);
        printf(" %8lu %s\n", (unsigned long)m->dwMessageSize, flags);
    }
}

enum { LIST_CHUNK = 500 };

/* One chunk of a listing: its messages and their summaries by position. */
typedef struct list_chunk {
    IMAPMESSAGE m[LIST_CHUNK];
    cli_summary sum[LIST_CHUNK];
    INT n;
    UINT first; /* sequence number of m[0] when the chunk was read */
} list_chunk;

/* Matched by UID: a message expunged meanwhile shifts sequence numbers. */
static BOOL keep_summary(const cli_summary *s, void *ctx)
{
    list_chunk *c = ctx;
    UINT guess = s->id - c->first; /* usually right */
    for (INT i = 0; i < c->n; i++) {
        INT k = (INT)((guess + (UINT)i) % (UINT)c->n);
        if (c->m[k].dwUid == s->uid) {
            c->sum[k] = *s;
            break;
        }
    }
    return TRUE;
}

static BOOL CALLBACK keep_message(HCLIENT h, const IMAPMESSAGE *m, DWORD_PTR param)
{
    list_chunk *c = (list_chunk *)param;
    (void)h;
    if (c->n < LIST_CHUNK)
        c->m[c->n++] = *m;
    return TRUE;
}

/* The chunk's UIDs as a set ("4:9,12"; the library cuts a long one). */
static char *uid_set(const list_chunk *c)
{
    char *set = malloc((size_t)c->n * 12 + 1);
    size_t len = 0;
    for (INT i = 0; set != NULL && i < c->n; i++)
        len += (size_t)sprintf(set + len, "%s%lu", len ? "," : "", (unsigned long)c->m[i].dwUid);
    if (set != NULL)
        set[len] = '\0';
    return set;
}

/* Headers of the chunk's messages, in one FETCH. */
static int summarize(HCLIENT h, list_chunk *c)
{
    memset(c->sum, 0, sizeof c->sum);
    char *set = c->n > 0 ? uid_set(c) : NULL;
    if (c->n > 0 && set == NULL)
        return cli_fail("list", ST_ERROR_OUT_OF_MEMORY);
    INT r = set != NULL ? cli_summaries(h, set, IMAP_MESSAGE_UID, keep_summary, c) : 0;
    free(set);
    return r < 0 ? cli_fail_imap(h, "FETCH", ImapGetLastError()) : EXIT_OK;
}

/* Attributes, then headers, of one chunk: sequence numbers "a:b", or
 * UIDs with IMAP_MESSAGE_UID. Prints them; *first says whether nothing
 * was printed before. */
static int list_chunk_of(const cli_options *o, HCLIENT h, list_chunk *c, const char *set,
                         DWORD options, int *first)
{
    c->n = 0;
    if (ImapListMessagesA(h, set, options, keep_message, (DWORD_PTR)c) < 0)
        return cli_fail_imap(h, "FETCH", ImapGetLastError());
    c->first = c->n > 0 ? c->m[0].nMessageId : 1;
    int rc = summarize(h, c);
    for (INT i = 0; i < c->n && rc == EXIT_OK; i++) {
        print_message(o, &c->m[i], &c->sum[i], *first);
        *first = 0;
    }
    return rc;
}

static int by_value(const void *a, const void *b)
{
    DWORD x = *(const DWORD *)a, y = *(const DWORD *)b;
    return x < y ? -1 : x > y;
}

/* Lists messages of the selected mailbox; uids NULL means all. Two
 * round trips per 500 messages, whatever the mailbox holds: their
 * attributes, then their headers. */
static int list_messages(const cli_options *o, HCLIENT h, DWORD *uids, INT nuids)
{
    static list_chunk c;
    int first = 1, rc = EXIT_OK;
    char set[LIST_CHUNK * 12 + 1];
    if (o->json)
        fputc('[', stdout);
    if (uids != NULL) { /* the matches, in UID order, LIST_CHUNK at a time */
        qsort(uids, (size_t)nuids, sizeof *uids, by_value);
        for (INT at = 0; at < nuids && rc == EXIT_OK; at += LIST_CHUNK) {
            size_t len = 0;
            for (INT i = at; i < nuids && i < at + LIST_CHUNK; i++)
                len += (size_t)sprintf(set + len, "%s%lu", len ? "," : "", (unsigned long)uids[i]);
            rc = list_chunk_of(o, h, &c, set, IMAP_MESSAGE_UID, &first);
        }
    } else {
        INT total = ImapGetMessageCount(h);
        for (INT at = 1; at <= total && rc == EXIT_OK; at += LIST_CHUNK) {
            INT last = total - at < LIST_CHUNK ? total : at + LIST_CHUNK - 1;
            snprintf(set, sizeof set, "%d:%d", at, last);
            rc = list_chunk_of(o, h, &c, set, 0, &first);
        }
    }
    if (o->json && rc == EXIT_OK)
        fputs("]\n", stdout);
    return rc;
}

typedef struct pop_listing {
    const cli_options *o;
    UINT first;              /* the chunk's first message number */
    char uid[LIST_CHUNK][80]; /* by message number - first */
    DWORD size[LIST_CHUNK];
} pop_listing;

/* One line (or JSON object) per message. */
static BOOL print_pop_message(const cli_summary *sum, void *ctx)
{
    pop_listing *l = ctx;
    if (sum->id < l->first || sum->id - l->first >= LIST_CHUNK)
        return TRUE; /* no message of this chunk */
    const char *uid = l->uid[sum->id - l->first];
    unsigned long size = l->size[sum->id - l->first];
    if (l->o->json) {
        printf("%s{\"number\":%u,\"uidl\":", sum->id == 1 ? "" : ",", sum->id);
        cli_json_string(stdout, uid);
        printf(",\"from\":");
        cli_json_string(stdout, sum->from);
        printf(",\"subject\":");
        cli_json_string(stdout, sum->subject);
        printf(",\"size\":%lu}", size);
    } else {
        printf("%6u  ", sum->id);
        column(uid, 20);
        fputs("  ", stdout);
        column(sum->from, 30);
        fputs("  ", stdout);
        column(sum->subject, 40);
        printf(" %8lu\n", size);
    }
    return TRUE;
}

/* Messages first..last (at most LIST_CHUNK): UIDLs and sizes (the library
 * keeps them from one UIDL and one LIST), then their header blocks with
 * pipelined TOP commands; without TOP, the list without headers. */
static int pop_list_chunk(HCLIENT h, pop_listing *l, UINT first, UINT last)
{
    l->first = first;
    for (UINT i = first; i <= last; i++) {
        l->uid[i - first][0] = '\0';
        l->size[i - first] = 0;
        PopGetMessageUidA(h, i, l->uid[i - first], sizeof l->uid[0]);
        PopGetMessageSize(h, i, &l->size[i - first]);
    }
    if (cli_pop_summaries(h, first, last, print_pop_message, l) >= 0)
        return EXIT_OK;
    if (PopGetLastError() != ST_ERROR_COMMAND_REJECTED)
        return cli_fail("TOP", PopGetLastError());
    for (UINT i = first; i <= last; i++) {
        cli_summary none = {.id = i};
        print_pop_message(&none, l);
    }
    return EXIT_OK;
}

/* The maildrop LIST_CHUNK messages at a time: memory stays flat. */
static int pop_list(const cli_options *o, HCLIENT h)
{
    static pop_listing l;
    INT n = PopGetMessageCount(h);
    if (n < 0)
        return cli_fail("STAT", PopGetLastError());
    l.o = o;
    int rc = EXIT_OK;
    if (o->json)
        fputc('[', stdout);
    for (INT at = 1; at <= n && rc == EXIT_OK; at += LIST_CHUNK) {
        INT last = n - at < LIST_CHUNK ? n : at + LIST_CHUNK - 1;
        rc = pop_list_chunk(h, &l, (UINT)at, (UINT)last);
    }
    if (rc == EXIT_OK && o->json)
        fputs("]\n", stdout);
    return rc;
}

/* Connects and, for IMAP, examines the URL's mailbox; a ;UIDVALIDITY= the
 * mailbox no longer has means its UIDs name other messages now. */
static HCLIENT open_mailbox(const cli_options *o, const cli_url *u, int *rc)
{
    HCLIENT h = cli_open(o, u, rc);
    if (h == INVALID_CLIENT || u->pop)
        return h;
    IMAPMAILBOX box = {.dwSize = sizeof(IMAPMAILBOX)};
    if (ImapExamineMailboxA(h, mailbox_of(u), &box) != 0) {
        *rc = cli_fail(mailbox_of(u), ImapGetLastError());
    } else if (u->uidvalidity != 0 && box.dwMailboxUID != u->uidvalidity) {
        fprintf(stderr, "mailwire: ");
        cli_print_text(stderr, mailbox_of(u));
        fprintf(stderr, ": UIDVALIDITY is %lu now, not %lu: the URL's UID may name another message\n",
                (unsigned long)box.dwMailboxUID, u->uidvalidity);
        *rc = EXIT_NOTFOUND;
    } else {
        return h;
    }
    cli_close(u, h);
    return INVALID_CLIENT;
}

static int search_and_list(const cli_options *o, const cli_url *u, const char *criteria);

int cmd_list(const cli_options *o, int argc, char **argv)
{
    cli_url u;
    if (argc != 1) {
        fprintf(stderr, "usage: mailwire list URL/MAILBOX[?CRITERIA]\n");
        return EXIT_USAGE;
    }
    int rc = cli_url_arg(o, argv[0], &u, "list", CLI_URL_SEARCH);
    if (rc == EXIT_OK && u.search[0]) /* curl's imap://host/INBOX?UNSEEN */
        return cli_needs_imap(&u, "a search") != EXIT_OK ? EXIT_USAGE : search_and_list(o, &u, u.search);
    HCLIENT h = rc == EXIT_OK ? open_mailbox(o, &u, &rc) : INVALID_CLIENT;
    if (h == INVALID_CLIENT)
        return rc;
    rc = u.pop ? pop_list(o, h) : list_messages(o, h, NULL, 0);
    cli_close(&u, h);
    return rc;
}

/* The UIDs a search matched, gathered as the library hands them on. */
typedef struct match_list {
    DWORD *uids;
    size_t n, cap;
    int failed;
} match_list;

static BOOL CALLBACK keep_match(HCLIENT h, DWORD uid, DWORD_PTR param)
{
    match_list *m = (match_list *)param;
    (void)h;
    DWORD *uids = cli_room_for_one(m->uids, m->n, &m->cap, sizeof *uids, 1024);
    if (uids == NULL) {
        m->failed = 1;
        return FALSE;
    }
    m->uids = uids;
    m->uids[m->n++] = uid;
    return TRUE;
}

/* The messages matching criteria, listed as list lists them. */
static int search_and_list(const cli_options *o, const cli_url *u, const char *criteria)
{
    int rc = EXIT_OK;
    HCLIENT h = open_mailbox(o, u, &rc);
    if (h == INVALID_CLIENT)
        return rc;
    /* The matches as they arrive, into an array that grows with them. */
    match_list m = {NULL, 0, 0, 0};
    INT n = ImapSearchMessagesA(h, criteria, NULL, IMAP_MESSAGE_UID, keep_match, (DWORD_PTR)&m);
    if (m.failed)
        rc = cli_fail("search", ST_ERROR_OUT_OF_MEMORY);
    else if (n < 0)
        rc = cli_fail_imap(h, "search", ImapGetLastError());
    else if (m.n == 0)
        fputs(o->json ? "[]\n" : "", stdout); /* nothing matched */
    else
        rc = list_messages(o, h, m.uids, (INT)m.n);
    free(m.uids);
    cli_close(u, h);
    return rc;
}

/* The criteria as an argument, or in the URL as curl takes them. */
int cmd_search(const cli_options *o, int argc, char **argv)
{
    cli_url u;
    if (argc != 1 && argc != 2) {
        fprintf(stderr, "usage: mailwire search URL/MAILBOX CRITERIA (or URL/MAILBOX?CRITERIA)\n");
        return EXIT_USAGE;
    }
    int rc = cli_url_arg(o, argv[0], &u, "search", CLI_URL_SEARCH);
    if (rc == EXIT_OK && (argc == 2) == (u.search[0] != '\0')) {
        fprintf(stderr, "mailwire: search takes its criteria once: after '?' in the URL or as an argument\n");
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK && cli_needs_imap(&u, "search") != EXIT_OK)
        rc = EXIT_USAGE;
    return rc == EXIT_OK ? search_and_list(o, &u, argc == 2 ? argv[1] : u.search) : rc;
}

/* ---- get ------------------------------------------------------------------ */

/* Where get writes to stdout: bytes as they are into a pipe or a file; on
 * a terminal through cli_print_body, so a message's escape sequences and
 * other controls show as text instead of acting on the terminal. */
typedef struct stdout_sink {
    int terminal;
    cli_body_out body;
} stdout_sink;

static BOOL sink_write(stdout_sink *s, const void *data, size_t len)
{
    if (!s->terminal)
        return fwrite(data, 1, len, stdout) == len;
    cli_print_body(stdout, &s->body, data, len, 0);
    return !ferror(stdout);
}

static void sink_end(stdout_sink *s)
{
    if (s->terminal)
        cli_print_body(stdout, &s->body, NULL, 0, 1);
    fflush(stdout);
}

static BOOL CALLBACK to_stdout(HCLIENT h, LPCVOID data, DWORD len, DWORD_PTR param)
{
    (void)h;
    return sink_write((stdout_sink *)param, data, len);
}

static BOOL CALLBACK chunk_to_stdout(HCLIENT h, const IMAPFETCHDATA *d, DWORD_PTR param)
{
    (void)h;
    return d->bLastChunk || sink_write((stdout_sink *)param, d->lpvData, d->dwLength);
}

/* IMAP to stdout: EXAMINE and UID FETCH go together, one round trip. */
static int imap_get_to_stdout(const cli_options *o, const cli_url *u, DWORD section)
{
    int rc = EXIT_OK;
    HCLIENT h = cli_open(o, u, &rc);
    if (h == INVALID_CLIENT)
        return rc;
    char set[16];
    snprintf(set, sizeof set, "%lu", (unsigned long)u->uid);
    stdout_sink out = {os_isatty(stdout), {{0}, 0, 0}};
    INT n = ImapSelectAndFetchA(h, mailbox_of(u), NULL, set,
                                IMAP_SELECT_READONLY | IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK | section,
                                chunk_to_stdout, (DWORD_PTR)&out);
    sink_end(&out);
    DWORD err = n < 0 ? ImapGetLastError() : n == 0 ? ST_ERROR_MESSAGE_NOT_FOUND : 0;
    if (err != 0)
        rc = cli_fail(err == ST_ERROR_MAILBOX_NOT_FOUND ? mailbox_of(u) : "get", err);
    cli_close(u, h);
    return rc;
}

/* ;SECTION= in get's URL: a part number is --part (copied into with);
 * HEADER and TEXT become *section. Either conflicts with the part options. */
static int section_of_url(const cli_url *u, cli_options *with, DWORD *section)
{
    *section = IMAP_SECTION_DEFAULT;
    if (u->section[0] == '\0')
        return EXIT_OK;
    if (with->list_parts || with->part != NULL || with->attachments != NULL) {
        fprintf(stderr, "mailwire: get takes ;SECTION= or one of --parts, --part, --attachments, not both\n");
        return EXIT_USAGE;
    }
    int header = strcmp(u->section, "HEADER") == 0, text = strcmp(u->section, "TEXT") == 0;
    if (!header && !text) {
        with->part = u->section;
        return EXIT_OK;
    }
    if (u->pop) {
        fprintf(stderr, "mailwire: POP3 has no ;SECTION=%s: a part number works\n", u->section);
        return EXIT_USAGE;
    }
    *section = header ? IMAP_SECTION_HEADER : IMAP_SECTION_BODY;
    return EXIT_OK;
}

/* The whole message (or its HEADER or TEXT) to -o FILE or stdout. */
static int get_whole(const cli_options *o, const cli_url *u, HCLIENT h, DWORD section)
{
    stdout_sink out = {os_isatty(stdout), {{0}, 0, 0}};
    DWORD imap = IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK | section;
    INT r;
    if (u->pop)
        r = o->output ? PopSaveMessageA(h, (UINT)u->uid, o->output, 0)
                      : PopReadMessage(h, (UINT)u->uid, to_stdout, (DWORD_PTR)&out, 0);
    else
        r = o->output ? ImapSaveMessageA(h, (UINT)u->uid, 0, o->output, imap)
                      : ImapReadMessage(h, (UINT)u->uid, 0, to_stdout, (DWORD_PTR)&out, imap);
    sink_end(&out);
    return r < 0 ? cli_fail_imap(h, "get", u->pop ? PopGetLastError() : ImapGetLastError()) : EXIT_OK;
}

int cmd_get(const cli_options *o, int argc, char **argv)
{
    cli_url u;
    if (argc != 1) {
        fprintf(stderr, "usage: mailwire get URL/MAILBOX;UID=n[;SECTION=s] [-o FILE] [--parts | --part N | --attachments DIR]\n");
        return EXIT_USAGE;
    }
    int rc = cli_url_arg(o, argv[0], &u, "get", CLI_URL_UID | CLI_URL_SECTION);
    if (rc == EXIT_OK && u.uid == 0) {
        fprintf(stderr, "mailwire: get needs ;UID=n in the URL (for POP3: the message number)\n");
        return EXIT_USAGE;
    }
    cli_options with = *o;
    DWORD section = 0;
    if (rc != EXIT_OK || (rc = section_of_url(&u, &with, &section)) != EXIT_OK)
        return rc;
    int parts = with.list_parts + (with.part != NULL) + (with.attachments != NULL);
    if (parts > 1) {
        fprintf(stderr, "mailwire: get takes one of --parts, --part, --attachments\n");
        return EXIT_USAGE;
    }
    if (parts == 0 && !u.pop && with.output == NULL && u.uidvalidity == 0)
        return imap_get_to_stdout(&with, &u, section);
    HCLIENT h = open_mailbox(&with, &u, &rc);
    if (h == INVALID_CLIENT)
        return rc;
    rc = parts > 0 ? cli_get_parts(&with, &u, h) : get_whole(&with, &u, h, section);
    fflush(stdout);
    cli_close(&u, h);
    return rc;
}
