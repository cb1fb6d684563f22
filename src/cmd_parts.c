/*
 * cmd_parts.c - mailwire get --parts, --part SPEC, --attachments DIR: a
 * message's MIME parts listed, one part decoded (text in UTF-8), or every
 * attachment saved. IMAP asks the server for the part alone; POP3 reads
 * the message once through the streaming parser.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "os.h"

#define MAX_PARTS 1000

/* ---- --parts ------------------------------------------------------------------------ */

static void print_part(const cli_options *o, const MIMEPARTA *p, int first)
{
    if (o->json) {
        printf("%s{\"part\":", first ? "" : ",\n ");
        cli_json_string(stdout, p->szPart);
        printf(",\"type\":");
        char type[100];
        snprintf(type, sizeof type, "%s/%s", p->szType, p->szSubType);
        cli_json_string(stdout, type);
        printf(",\"depth\":%u,\"parent\":%d,\"size\":%lu,\"charset\":", p->nDepth, p->nParent,
               (unsigned long)p->dwPartSize);
        cli_json_string(stdout, p->szCharset);
        printf(",\"encoding\":");
        cli_json_string(stdout, p->szEncoding);
        printf(",\"attachment\":%s,\"filename\":", (p->dwFlags & MIME_PART_ATTACHMENT) ? "true" : "false");
        cli_json_string(stdout, p->szFileName);
        printf("}");
        return;
    }
    printf("%*s%-8s ", (int)p->nDepth * 2, "", p->szPart[0] ? p->szPart : "-");
    cli_print_text(stdout, p->szType);
    putchar('/');
    cli_print_text(stdout, p->szSubType);
    printf("  %lu bytes", (unsigned long)p->dwPartSize);
    if (p->szCharset[0]) {
        printf("  ");
        cli_print_text(stdout, p->szCharset);
    }
    if (p->dwFlags & MIME_PART_ATTACHMENT) {
        printf("  attachment \"");
        cli_print_text(stdout, p->szFileName);
        putchar('"');
    }
    putchar('\n');
}

static int list_parts(const cli_options *o, const cli_url *u, HCLIENT h)
{
    static MIMEPARTA parts[MAX_PARTS];
    parts[0].dwSize = sizeof parts[0];
    INT n = u->pop ? PopEnumMessagePartsA(h, (UINT)u->uid, parts, MAX_PARTS, 0)
                   : ImapEnumMessagePartsA(h, (UINT)u->uid, parts, MAX_PARTS, IMAP_MESSAGE_UID);
    if (n < 0)
        return cli_fail_imap(h, "parts", ImapGetLastError());
    if (o->json)
        printf("[");
    for (INT i = 0; i < n && i < MAX_PARTS; i++)
        print_part(o, &parts[i], i == 0);
    if (o->json)
        printf("]\n");
    return EXIT_OK;
}

/* ---- --attachments ---------------------------------------------------------------------- */

static int save_attachments(const cli_options *o, const cli_url *u, HCLIENT h)
{
    INT n = u->pop ? PopSaveAttachmentsA(h, (UINT)u->uid, o->attachments, 0)
                   : ImapSaveAttachmentsA(h, (UINT)u->uid, o->attachments,
                                          IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK);
    if (n < 0)
        return cli_fail_imap(h, n < 0 && ImapGetLastError() == ST_ERROR_FILE_IO ? o->attachments : "attachments",
                             ImapGetLastError());
    if (!o->quiet)
        fprintf(stderr, "mailwire: %d attachment%s saved in %s\n", (int)n, n == 1 ? "" : "s",
                o->attachments);
    return EXIT_OK;
}

/* ---- --part ---------------------------------------------------------------------------- */

/* Where a part's bytes go: a file, stdout, or a terminal (text escaped;
 * anything else refused). */
typedef struct part_out {
    FILE *f;
    int terminal;
    int text;
    int refused;
    int failed;
    cli_body_out body;
} part_out;

static void out_bytes(part_out *po, const void *data, size_t len)
{
    if (po->refused || po->failed)
        return;
    if (po->terminal)
        cli_print_body(po->f, &po->body, data, len, 0);
    else if (fwrite(data, 1, len, po->f) != len)
        po->failed = 1;
}

static BOOL CALLBACK imap_chunk(HCLIENT h, LPCVOID data, DWORD len, DWORD_PTR param)
{
    (void)h;
    part_out *po = (part_out *)param;
    out_bytes(po, data, len);
    return !po->failed;
}

typedef struct pop_part {
    part_out *out;
    const char *spec;
    int found;
} pop_part;

static BOOL CALLBACK pop_event(HMIMEPARSER hp, UINT event, const MIMEPARTA *p, LPCVOID data,
                               DWORD len, DWORD_PTR param)
{
    pop_part *pp = (pop_part *)param;
    (void)hp;
    if (strcmp(p->szPart, pp->spec) != 0)
        return TRUE;
    if (event == MIME_EVENT_PART_BEGIN) {
        pp->found = 1;
        pp->out->refused = pp->out->terminal && !(p->dwFlags & MIME_PART_TEXT);
    } else if (event == MIME_EVENT_PART_DATA) {
        out_bytes(pp->out, data, len);
    }
    return !pp->out->failed;
}

static BOOL CALLBACK to_parser(HCLIENT h, LPCVOID data, DWORD len, DWORD_PTR param)
{
    (void)h;
    return MimeParserWrite((HMIMEPARSER)param, data, len);
}

static DWORD pop_part_out(HCLIENT h, const cli_url *u, const char *spec, part_out *po)
{
    pop_part pp = {po, spec, 0};
    HMIMEPARSER hp = MimeCreateParser(pop_event, (DWORD_PTR)&pp, MIME_DECODE_UTF8);
    if (hp == NULL)
        return ImapGetLastError();
    INT r = PopReadMessage(h, (UINT)u->uid, to_parser, (DWORD_PTR)hp, 0);
    DWORD err = r < 0 ? PopGetLastError() : 0;
    if (MimeParserClose(hp) < 0 && err == 0)
        err = ImapGetLastError();
    return err == 0 && !pp.found ? ST_ERROR_MESSAGE_NOT_FOUND : err;
}

/* On a terminal, IMAP asks first what the part is: only text is shown. */
static int imap_part_is_text(HCLIENT h, const cli_url *u, const char *spec, DWORD *err_r)
{
    static MIMEPARTA parts[MAX_PARTS];
    parts[0].dwSize = sizeof parts[0];
    INT n = ImapEnumMessagePartsA(h, (UINT)u->uid, parts, MAX_PARTS, IMAP_MESSAGE_UID);
    *err_r = n < 0 ? ImapGetLastError() : ST_ERROR_MESSAGE_NOT_FOUND;
    for (INT i = 0; i < n && i < MAX_PARTS; i++)
        if (strcmp(parts[i].szPart, spec) == 0) {
            *err_r = 0;
            return (parts[i].dwFlags & MIME_PART_TEXT) != 0;
        }
    return 0;
}

static int get_part(const cli_options *o, const cli_url *u, HCLIENT h)
{
    part_out po = {0};
    DWORD err = 0;
    DWORD flags = IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK | MIME_DECODE_UTF8;
    if (o->output == NULL) {
        po.f = stdout;
        po.terminal = os_isatty(stdout);
    } else if (!u->pop) { /* written to a new file, renamed when whole */
        INT r = ImapSaveMessagePartA(h, (UINT)u->uid, o->part, o->output, flags);
        return r < 0 ? cli_fail_imap(h, "part", ImapGetLastError()) : EXIT_OK;
    } else if ((po.f = os_fopen(o->output, "wb")) == NULL) {
        return cli_fail(o->output, ST_ERROR_FILE_IO);
    }
    if (!u->pop && po.terminal && !imap_part_is_text(h, u, o->part, &err) && err == 0)
        po.refused = 1;
    if (err == 0 && !po.refused) {
        INT r = u->pop ? 0 : ImapReadMessagePartA(h, (UINT)u->uid, o->part, imap_chunk, (DWORD_PTR)&po, flags);
        err = u->pop ? pop_part_out(h, u, o->part, &po) : r < 0 ? ImapGetLastError() : 0;
    }
    if (po.terminal && !po.refused)
        cli_print_body(po.f, &po.body, NULL, 0, 1);
    if (po.f != stdout && fclose(po.f) != 0 && err == 0)
        po.failed = 1;
    if (po.refused) {
        fprintf(stderr, "mailwire: part %s is not text: give -o FILE to save it\n", o->part);
        return EXIT_USAGE;
    }
    if (o->output != NULL && (po.failed || err != 0))
        os_remove(o->output); /* no half part left behind */
    if (po.failed && err == 0)
        return cli_fail(o->output != NULL ? o->output : "stdout", ST_ERROR_FILE_IO);
    return err != 0 ? cli_fail_imap(h, "part", err) : EXIT_OK;
}

int cli_get_parts(const cli_options *o, const cli_url *u, HCLIENT h)
{
    if (o->list_parts)
        return list_parts(o, u, h);
    if (o->attachments != NULL)
        return save_attachments(o, u, h);
    return get_part(o, u, h);
}
