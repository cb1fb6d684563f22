/*
 * mailwire/mime.h - MIME parts of a message: their description (MIMEPART),
 * the options that decode them, and a streaming parser for a message held
 * anywhere (a POP3 download, a file, any byte stream). IMAP and POP3 calls
 * that work on parts (ImapEnumMessageParts, PopSaveAttachments ...) are in
 * mailwire/imap.h and mailwire/pop3.h and use the same structure.
 *
 * Part specifiers are IMAP's (RFC 3501 6.4.5), whatever the message came
 * from: "1", "2", "1.2", "3.1.2"; a single-part message is part "1"; a
 * multipart message as a whole is "" and the parts of a message/rfc822
 * part "3" are "3.1", "3.2" ..., its own multipart body being "3.TEXT".
 */
#ifndef MAILWIRE_MIME_H
#define MAILWIRE_MIME_H

#include "types.h"
#include "errors.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MIME_ERROR (-1)

/* Options of the calls that give a part's bytes or save attachments.
 * Without either, the part comes as it is sent (base64 stays base64). */
#define MIME_DECODE 0x00000100      /* base64 and quoted-printable undone */
#define MIME_DECODE_UTF8 0x00000200 /* and text parts converted to UTF-8 (implies MIME_DECODE) */

/* MIMEPART dwFlags. */
#define MIME_PART_MULTIPART 0x00000001  /* multipart/...: its parts follow it */
#define MIME_PART_MESSAGE 0x00000002    /* message/rfc822: its message's parts follow it */
#define MIME_PART_TEXT 0x00000004       /* text/... */
#define MIME_PART_ATTACHMENT 0x00000008 /* a file: what the "save attachments" calls save */
/* MIME_DECODE_UTF8 was asked, but the part's charset is one the library
 * does not convert: its text came in that charset. */
#define MIME_PART_UNCONVERTED 0x00000010

/* Limits every parser and BODYSTRUCTURE reader keeps: deeper, larger or
 * longer is ST_ERROR_MESSAGE_TOO_COMPLEX. */
#define MIME_MAX_DEPTH 32
#define MIME_MAX_PARTS 1000
#define MIME_MAX_HEADER (64 * 1024)

/* One part. Texts are NUL-terminated, cut at a character boundary when
 * longer than their field; the file name is decoded (RFC 2231, RFC 2047)
 * but not made safe: the save calls do that. */
typedef struct _MIMEPARTA {
    DWORD dwSize;          /* set by the caller: sizeof(MIMEPARTA) */
    UINT nIndex;           /* its place in the walk (depth first), from 0 */
    INT nParent;           /* the enclosing part's nIndex, -1 for the outermost */
    UINT nDepth;           /* 0 for the outermost part */
    UINT nSubParts;        /* parts directly inside it */
    DWORD dwFlags;         /* MIME_PART_* */
    DWORD dwPartSize;      /* encoded bytes of its body */
    DWORD dwLines;         /* lines of its body (text and message parts) */
    CHAR szPart[128];      /* specifier: "1.2" */
    CHAR szType[32];       /* "text", lower case */
    CHAR szSubType[64];    /* "plain", lower case */
    CHAR szCharset[32];    /* "utf-8", or empty */
    CHAR szEncoding[32];   /* "base64", "quoted-printable", "7bit" ..., lower case */
    CHAR szDisposition[32]; /* "attachment", "inline", or empty */
    CHAR szFileName[256];  /* the disposition's filename, else the type's name */
    CHAR szBoundary[128];  /* multipart parts */
    CHAR szContentId[256]; /* without its angle brackets */
    CHAR szDescription[256];
    CHAR szLanguage[64];
    CHAR szLocation[256];
} MIMEPARTA, *LPMIMEPARTA;

typedef struct _MIMEPARTW {
    DWORD dwSize;
    UINT nIndex;
    INT nParent;
    UINT nDepth;
    UINT nSubParts;
    DWORD dwFlags;
    DWORD dwPartSize;
    DWORD dwLines;
    WCHAR szPart[128];
    WCHAR szType[32];
    WCHAR szSubType[64];
    WCHAR szCharset[32];
    WCHAR szEncoding[32];
    WCHAR szDisposition[32];
    WCHAR szFileName[256];
    WCHAR szBoundary[128];
    WCHAR szContentId[256];
    WCHAR szDescription[256];
    WCHAR szLanguage[64];
    WCHAR szLocation[256];
} MIMEPARTW, *LPMIMEPARTW;

#ifdef UNICODE
typedef MIMEPARTW MIMEPART;
typedef LPMIMEPARTW LPMIMEPART;
#else
typedef MIMEPARTA MIMEPART;
typedef LPMIMEPARTA LPMIMEPART;
#endif

/* ---- the streaming parser --------------------------------------------------- */

typedef struct MAILWIRE_MIMEPARSER_TAG *HMIMEPARSER;

/* What the parser tells its callback, in this order for each part: BEGIN
 * once its header has been read (sizes and nSubParts still 0; lpvData and
 * dwLength hold the header block as it came), DATA for
 * each piece of a leaf part's body (decoded as the options say), END with
 * the description complete. Parts inside a multipart or message come
 * between its BEGIN and END. */
#define MIME_EVENT_PART_BEGIN 1
#define MIME_EVENT_PART_DATA 2
#define MIME_EVENT_PART_END 3

/* lpPart is valid during the call only; texts are UTF-8. FALSE stops the
 * parse: MimeParserWrite then fails with ST_ERROR_CANCELLED. */
typedef BOOL(CALLBACK *MIMEPARSEPROC)(HMIMEPARSER hParser, UINT nEvent, const MIMEPARTA *lpPart,
                                      LPCVOID lpvData, DWORD dwLength, DWORD_PTR dwParam);

/* Creates a parser for one message; dwOptions: MIME_DECODE, MIME_DECODE_UTF8
 * or 0. Returns NULL on failure (last error set). */
MAILWIRE_FUNCTION(HMIMEPARSER, MimeCreateParser,
                  (MIMEPARSEPROC lpParseProc, DWORD_PTR dwParam, DWORD dwOptions));
/* Feeds the next bytes of the message, in pieces of any size. */
MAILWIRE_FUNCTION(BOOL, MimeParserWrite, (HMIMEPARSER hParser, LPCVOID lpvData, DWORD dwLength));
/* Ends the message (parts left open end here, as in mail whose final
 * boundary is missing) and frees the parser. Returns how many parts the
 * message has, or MIME_ERROR. */
MAILWIRE_FUNCTION(INT, MimeParserClose, (HMIMEPARSER hParser));

/* The parts of a message in a file (RFC 5322 as a .eml holds it, CRLF or
 * LF line ends): up to nMaxParts described; returns how many it has. */
MAILWIRE_FUNCTION(INT, MimeEnumFilePartsA,
                  (LPCSTR lpszFileName, LPMIMEPARTA lpParts, INT nMaxParts, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, MimeEnumFilePartsW,
                  (LPCWSTR lpszFileName, LPMIMEPARTW lpParts, INT nMaxParts, DWORD dwOptions));
/* Saves the attachments of a message in a file into a folder (see
 * ImapSaveAttachments); returns how many it saved. */
MAILWIRE_FUNCTION(INT, MimeSaveFileAttachmentsA,
                  (LPCSTR lpszFileName, LPCSTR lpszFolder, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, MimeSaveFileAttachmentsW,
                  (LPCWSTR lpszFileName, LPCWSTR lpszFolder, DWORD dwOptions));

#ifdef UNICODE
#define MimeEnumFileParts MimeEnumFilePartsW
#define MimeSaveFileAttachments MimeSaveFileAttachmentsW
#else
#define MimeEnumFileParts MimeEnumFilePartsA
#define MimeSaveFileAttachments MimeSaveFileAttachmentsA
#endif

#ifdef __cplusplus
}
#endif

#endif /* MAILWIRE_MIME_H */
