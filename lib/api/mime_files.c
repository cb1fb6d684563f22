/*
 * mime_files.c - the streaming parser for applications (MimeCreateParser
 * ...) and messages in files, read in pieces through it.
 */
#include <stdio.h>

#include "../mime/attach.h"
#include "../mime/parser.h"
#include "../sys/alloc.h"
#include "../sys/file.h"
#include "call.h"
#include "errors.h"
#include "imap_messages.h"
#include "parts.h"

#define READ_CHUNK (64u * 1024u)

/* ---- the application's parser --------------------------------------------------- */

struct MAILWIRE_MIMEPARSER_TAG {
    mw_mime_parser *parser;
    MIMEPARSEPROC proc;
    DWORD_PTR param;
};

static DWORD tell(HMIMEPARSER hp, UINT event, const MIMEPARTA *p, const void *d, size_t n)
{
    return hp->proc(hp, event, p, d, (DWORD)n, hp->param) ? 0 : ST_ERROR_CANCELLED;
}

static DWORD app_begin(void *ctx, const MIMEPARTA *p)
{
    HMIMEPARSER hp = ctx;
    size_t len;
    const void *header = mw_mime_parser_header(hp->parser, &len);
    return tell(hp, MIME_EVENT_PART_BEGIN, p, header, len);
}

static DWORD app_data(void *ctx, const MIMEPARTA *p, const void *d, size_t n)
{
    return tell(ctx, MIME_EVENT_PART_DATA, p, d, n);
}

static DWORD app_end(void *ctx, const MIMEPARTA *p)
{
    return tell(ctx, MIME_EVENT_PART_END, p, NULL, 0);
}

HMIMEPARSER WINAPI MimeCreateParser(MIMEPARSEPROC lpParseProc, DWORD_PTR dwParam, DWORD dwOptions)
{
    if (lpParseProc == NULL || (dwOptions & ~(DWORD)MW_PART_DECODE_OPTIONS) != 0) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return NULL;
    }
    HMIMEPARSER hp = mw_calloc(1, sizeof *hp);
    if (hp == NULL) {
        mw_set_error(ST_ERROR_OUT_OF_MEMORY);
        return NULL;
    }
    hp->proc = lpParseProc;
    hp->param = dwParam;
    mw_mime_events ev = {app_begin, app_data, app_end, hp};
    DWORD err = mw_mime_parser_new(&ev, dwOptions, &hp->parser);
    if (err != 0) {
        mw_free(hp);
        mw_set_error(err);
        return NULL;
    }
    return hp;
}

BOOL WINAPI MimeParserWrite(HMIMEPARSER hParser, LPCVOID lpvData, DWORD dwLength)
{
    if (hParser == NULL || (lpvData == NULL && dwLength > 0))
        return mw_call_fail(ST_ERROR_INVALID_PARAMETER);
    DWORD err = mw_mime_parser_feed(hParser->parser, lpvData, dwLength);
    return err == 0 ? TRUE : mw_call_fail(err);
}

INT WINAPI MimeParserClose(HMIMEPARSER hParser)
{
    if (hParser == NULL)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_mime_parser_finish(hParser->parser);
    unsigned parts = mw_mime_parser_parts(hParser->parser);
    mw_mime_parser_free(&hParser->parser);
    mw_free(hParser);
    return mw_call_leave(NULL, err, (INT)parts);
}

/* ---- files ---------------------------------------------------------------------------- */

/* Feeds the file to a parser with these events; the number of parts. */
static INT parse_file(const char *file, const mw_mime_events *ev, DWORD options, DWORD *err_r)
{
    mw_mime_parser *p = NULL;
    FILE *fp = mw_file_read_stream(file);
    unsigned char *buf = mw_malloc(READ_CHUNK);
    DWORD err = fp == NULL ? ST_ERROR_FILE_IO : buf == NULL ? ST_ERROR_OUT_OF_MEMORY : 0;
    if (err == 0)
        err = mw_mime_parser_new(ev, options, &p);
    size_t n;
    while (err == 0 && (n = fread(buf, 1, READ_CHUNK, fp)) > 0)
        err = mw_mime_parser_feed(p, buf, n);
    if (err == 0 && ferror(fp))
        err = ST_ERROR_FILE_IO;
    if (err == 0)
        err = mw_mime_parser_finish(p);
    INT parts = p != NULL ? (INT)mw_mime_parser_parts(p) : 0;
    mw_mime_parser_free(&p);
    mw_free(buf);
    if (fp != NULL)
        fclose(fp);
    *err_r = err;
    return parts;
}

static DWORD store_end(void *ctx, const MIMEPARTA *p)
{
    mw_part_store_put(ctx, p);
    return 0;
}

INT mw_api_file_enum_parts(const char *file, const mw_part_store *st, DWORD options)
{
    if (mw_api_bad_text(file) || mw_part_store_bad(st) || options != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    mw_mime_events ev = {NULL, NULL, store_end, (void *)st};
    DWORD err;
    INT parts = parse_file(file, &ev, 0, &err);
    return mw_call_leave(NULL, err, parts);
}

INT mw_api_file_save_attachments(const char *file, const char *folder, DWORD options)
{
    if (mw_api_bad_text(file) || mw_api_bad_text(folder) ||
        (options & ~(DWORD)MW_PART_DECODE_OPTIONS) != 0)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    mw_attach_saver a;
    mw_mime_events ev;
    mw_attach_events(&a, folder, &ev);
    DWORD err;
    parse_file(file, &ev, options | MIME_DECODE, &err);
    if (err != 0)
        mw_attach_abandon(&a);
    return mw_call_leave(NULL, err, (INT)a.saved);
}
