/*
 * mailwire/pop3.h - the POP3 client API. It follows the conventions of
 * mailwire/imap.h: POP_ERROR (-1) on failure, the reason in the last-error
 * slot shared with IMAP, A and W entry points for text.
 */
#ifndef MAILWIRE_POP3_H
#define MAILWIRE_POP3_H

#include "types.h"
#include "errors.h"
#include "security.h"
#include "mime.h"

#ifdef __cplusplus
extern "C" {
#endif

#define POP_ERROR (-1)
#define POP_PORT_DEFAULT 110
#define POP_PORT_SECURE 995
#define POP_TIMEOUT_DEFAULT 30
/* Call limits (PopSetTransferLimits), as for IMAP. */
#define POP_MAX_TIME_DEFAULT 0
#define POP_LOW_SPEED_LIMIT_DEFAULT 256
#define POP_LOW_SPEED_TIME_DEFAULT 120

/* PopConnect options. 0x00000001 is IMAP's IDENTIFY and is not valid here. */
#define POP_OPTION_NONE 0x00000000
#define POP_OPTION_TUNNEL 0x00000002
#define POP_OPTION_TRUSTEDSITE 0x00000004
#define POP_OPTION_SECURE_EXPLICIT 0x00000008
#define POP_OPTION_SECURE POP_OPTION_SECURE_EXPLICIT
#define POP_OPTION_SECURE_IMPLICIT 0x00000010
#define POP_OPTION_FREETHREAD 0x00000020
/* STLS when the server offers it, plaintext when it does not. */
#define POP_OPTION_SECURE_OPPORTUNISTIC 0x00000040
/* Over implicit TLS: PopConnect returns once TLS is up, without waiting
 * for the greeting, and a PopLogin with POP_AUTH_PLAIN, _XOAUTH2 or
 * _BEARER goes out at once, behind a CAPA in the same flight, the
 * greeting and both answers arriving together: two round trips less.
 * Any other first call reads the greeting and asks CAPA first. No
 * effect without implicit TLS. */
#define POP_OPTION_EARLY_LOGIN 0x00000100
/* The lines the connect exchanges (greeting, CAPA, STLS) are kept,
 * redacted, and handed to the first status procedure registered
 * (PopRegisterStatusProc) before any other: a trace from the greeting. */
#define POP_OPTION_TRACE_CONNECT 0x00000200

/* PopLogin authentication types. */
#define POP_AUTH_DEFAULT 0      /* strongest both sides support */
#define POP_AUTH_PASS 1         /* USER / PASS */
#define POP_AUTH_PLAIN 2        /* SASL PLAIN */
#define POP_AUTH_CRAM_MD5 3     /* SASL CRAM-MD5 */
#define POP_AUTH_SCRAM_SHA256 4 /* SASL SCRAM-SHA-256 */
#define POP_AUTH_XOAUTH2 5      /* password argument carries the token */
#define POP_AUTH_BEARER 6       /* OAUTHBEARER: token as password */
#define POP_AUTH_ANONYMOUS 7    /* SASL ANONYMOUS */
#define POP_AUTH_APOP 8         /* APOP (RFC 1939) */
#define POP_AUTH_LOGIN 9        /* SASL LOGIN */

#define POP_RESULT_NONE 0
#define POP_RESULT_OK 1
#define POP_RESULT_ERR 2

/* PopCommandEx: how the reply ends. By default the library knows which
 * commands answer with several lines (RETR, TOP, CAPA, LIST and UIDL
 * without an argument, LANG without one). */
#define POP_COMMAND_DEFAULT 0x00000000
#define POP_COMMAND_MULTILINE 0x00000001  /* +OK starts a dot-ended block */
#define POP_COMMAND_SINGLELINE 0x00000002 /* the status line is all */

#define POP_EVENT_CONNECT 1
#define POP_EVENT_DISCONNECT 2
#define POP_EVENT_PROGRESS 3
#define POP_EVENT_TIMEOUT 5
#define POP_EVENT_CANCEL 6
#define POP_EVENT_ERROR 7

#define POP_STATUS_SENT 1
#define POP_STATUS_RECEIVED 2

#define POP_TRACE_DEFAULT 0x00000000
#define POP_TRACE_APPEND 0x00000001
#define POP_TRACE_TIMESTAMP 0x00000002

/* dwOptions of the message functions. */
#define POP_MESSAGE_DEFAULT 0x00000000
#define POP_MESSAGE_HEADERS 0x00000010 /* PopFetchMessages: header blocks only (TOP n 0) */

/* PopListMessages: what to list (both when neither is given). */
#define POP_LIST_DEFAULT 0x00000000
#define POP_LIST_SIZES 0x00000001 /* LIST: each message's size */
#define POP_LIST_UIDS 0x00000002  /* UIDL: each message's unique id */

#define POP_UID_LENGTH 70 /* the longest unique id (RFC 1939) */

/* One message of PopListMessages. */
typedef struct _POPMESSAGEINFO {
    DWORD dwSize;                  /* sizeof(POPMESSAGEINFO) */
    UINT nMessageId;               /* message number */
    DWORD dwMessageSize;           /* from LIST; 0 when not asked for */
    CHAR szUid[POP_UID_LENGTH + 1]; /* from UIDL (printable ASCII); "" when not asked for */
} POPMESSAGEINFO, *LPPOPMESSAGEINFO;

typedef BOOL(CALLBACK *POPMESSAGEPROC)(HCLIENT hClient, const POPMESSAGEINFO *lpMessage,
                                       DWORD_PTR dwParam); /* FALSE stops */

/* Receives a message's bytes in chunks (PopReadMessage); FALSE stops. */
typedef BOOL(CALLBACK *POPREADPROC)(HCLIENT hClient, LPCVOID lpvData, DWORD dwLength,
                                    DWORD_PTR dwParam);

/* One chunk of one message of PopFetchMessages. */
typedef struct _POPFETCHDATA {
    DWORD dwSize;        /* sizeof(POPFETCHDATA) */
    UINT nMessageId;     /* message number */
    DWORD dwMessageSize; /* size the server announced (LIST / RETR); 0 if none */
    DWORD dwOffset;      /* where this chunk starts in the message */
    LPCVOID lpvData;     /* this chunk */
    DWORD dwLength;      /* its length; 0 in the final call of a message */
    BOOL bLastChunk;     /* TRUE once per message, after its last byte */
} POPFETCHDATA, *LPPOPFETCHDATA;

typedef BOOL(CALLBACK *POPFETCHPROC)(HCLIENT hClient, const POPFETCHDATA *lpData,
                                     DWORD_PTR dwParam); /* FALSE stops */

typedef VOID(CALLBACK *POPEVENTPROC)(HCLIENT hClient, UINT nEventId, DWORD dwError,
                                     DWORD_PTR dwParam);
typedef VOID(CALLBACK *POPSTATUSPROC)(HCLIENT hClient, UINT nDirection, LPCSTR lpszLine,
                                      DWORD dwLength, DWORD_PTR dwParam);

MAILWIRE_FUNCTION(BOOL, PopInitializeA, (LPCSTR lpszLicenseKey, LPVOID lpReserved));
MAILWIRE_FUNCTION(BOOL, PopInitializeW, (LPCWSTR lpszLicenseKey, LPVOID lpReserved));
MAILWIRE_FUNCTION(VOID, PopUninitialize, (VOID));

MAILWIRE_FUNCTION(DWORD, PopGetLastError, (VOID));
MAILWIRE_FUNCTION(VOID, PopSetLastError, (DWORD dwError));
MAILWIRE_FUNCTION(INT, PopGetErrorStringA, (DWORD dwError, LPSTR lpszDesc, INT nMax));
MAILWIRE_FUNCTION(INT, PopGetErrorStringW, (DWORD dwError, LPWSTR lpszDesc, INT nMax));

MAILWIRE_FUNCTION(HCLIENT, PopConnectA,
                  (LPCSTR lpszHostName, UINT nRemotePort, UINT nTimeout, DWORD dwOptions,
                   LPSECURITYCREDENTIALSA lpCredentials));
MAILWIRE_FUNCTION(HCLIENT, PopConnectW,
                  (LPCWSTR lpszHostName, UINT nRemotePort, UINT nTimeout, DWORD dwOptions,
                   LPSECURITYCREDENTIALSW lpCredentials));
MAILWIRE_FUNCTION(HCLIENT, PopAsyncConnectA,
                  (LPCSTR lpszHostName, UINT nRemotePort, UINT nTimeout, DWORD dwOptions,
                   LPSECURITYCREDENTIALSA lpCredentials, POPEVENTPROC lpEventProc,
                   DWORD_PTR dwParam));
MAILWIRE_FUNCTION(HCLIENT, PopAsyncConnectW,
                  (LPCWSTR lpszHostName, UINT nRemotePort, UINT nTimeout, DWORD dwOptions,
                   LPSECURITYCREDENTIALSW lpCredentials, POPEVENTPROC lpEventProc,
                   DWORD_PTR dwParam));
/* Sends QUIT (which commits DELE), closes and frees the handle. */
MAILWIRE_FUNCTION(INT, PopDisconnect, (HCLIENT hClient));
MAILWIRE_FUNCTION(BOOL, PopIsConnected, (HCLIENT hClient));
MAILWIRE_FUNCTION(DWORD, PopAttachThread, (HCLIENT hClient, DWORD dwThreadId));
MAILWIRE_FUNCTION(INT, PopCancel, (HCLIENT hClient));
MAILWIRE_FUNCTION(INT, PopSetTimeout, (HCLIENT hClient, UINT nTimeout));
/* Bounds on every later call: ImapSetTransferLimits' rules. */
MAILWIRE_FUNCTION(INT, PopSetTransferLimits,
                  (HCLIENT hClient, DWORD dwMaxTime, DWORD dwLowSpeedLimit, DWORD dwLowSpeedTime));
MAILWIRE_FUNCTION(INT, PopGetTransferLimits,
                  (HCLIENT hClient, LPDWORD lpdwMaxTime, LPDWORD lpdwLowSpeedLimit,
                   LPDWORD lpdwLowSpeedTime));
MAILWIRE_FUNCTION(INT, PopGetTimeout, (HCLIENT hClient));

/* CAPA list, one capability per space ("SASL PLAIN LOGIN" items joined). */
MAILWIRE_FUNCTION(INT, PopGetCapabilitiesA, (HCLIENT hClient, LPSTR lpszBuffer, INT nMax));
MAILWIRE_FUNCTION(INT, PopGetCapabilitiesW, (HCLIENT hClient, LPWSTR lpszBuffer, INT nMax));
/* "STLS", "UIDL", "SASL=PLAIN" (a SASL mechanism) ... case-insensitive. */
MAILWIRE_FUNCTION(BOOL, PopHasCapabilityA, (HCLIENT hClient, LPCSTR lpszCapability));
MAILWIRE_FUNCTION(BOOL, PopHasCapabilityW, (HCLIENT hClient, LPCWSTR lpszCapability));

MAILWIRE_FUNCTION(BOOL, PopCreateSecurityCredentialsA,
                  (DWORD dwProtocol, DWORD dwOptions, LPCSTR lpszCertFile, LPCSTR lpszKeyFile,
                   LPCSTR lpszKeyPassword, LPCSTR lpszCAFile, LPCSTR lpszServerName,
                   LPCSTR lpszProxy, LPSECURITYCREDENTIALSA *lppCredentials));
MAILWIRE_FUNCTION(BOOL, PopCreateSecurityCredentialsW,
                  (DWORD dwProtocol, DWORD dwOptions, LPCWSTR lpszCertFile, LPCWSTR lpszKeyFile,
                   LPCWSTR lpszKeyPassword, LPCWSTR lpszCAFile, LPCWSTR lpszServerName,
                   LPCWSTR lpszProxy, LPSECURITYCREDENTIALSW *lppCredentials));
MAILWIRE_FUNCTION(VOID, PopDeleteSecurityCredentialsA, (LPSECURITYCREDENTIALSA lpCredentials));
MAILWIRE_FUNCTION(VOID, PopDeleteSecurityCredentialsW, (LPSECURITYCREDENTIALSW lpCredentials));
MAILWIRE_FUNCTION(BOOL, PopGetSecurityInformationA, (HCLIENT hClient, LPSECURITYINFOA lpInfo));
MAILWIRE_FUNCTION(BOOL, PopGetSecurityInformationW, (HCLIENT hClient, LPSECURITYINFOW lpInfo));

MAILWIRE_FUNCTION(INT, PopLoginA,
                  (HCLIENT hClient, UINT nAuthType, LPCSTR lpszUserName, LPCSTR lpszPassword));
MAILWIRE_FUNCTION(INT, PopLoginW,
                  (HCLIENT hClient, UINT nAuthType, LPCWSTR lpszUserName, LPCWSTR lpszPassword));

MAILWIRE_FUNCTION(INT, PopGetResultCode, (HCLIENT hClient));
MAILWIRE_FUNCTION(INT, PopGetResultStringA, (HCLIENT hClient, LPSTR lpszResult, INT nMax));
MAILWIRE_FUNCTION(INT, PopGetResultStringW, (HCLIENT hClient, LPWSTR lpszResult, INT nMax));
MAILWIRE_FUNCTION(INT, PopGetResponseCount, (HCLIENT hClient));
MAILWIRE_FUNCTION(INT, PopGetResponseLineA, (HCLIENT hClient, INT nIndex, LPSTR lpszLine, INT nMax));
MAILWIRE_FUNCTION(INT, PopGetResponseLineW,
                  (HCLIENT hClient, INT nIndex, LPWSTR lpszLine, INT nMax));

/* ---- The maildrop (RFC 1939) ---------------------------------------- */

/* Number of messages (STAT). Messages are numbered from 1. */
MAILWIRE_FUNCTION(INT, PopGetMessageCount, (HCLIENT hClient));
/* Total size in bytes (STAT); returns the message count. */
MAILWIRE_FUNCTION(INT, PopGetMailboxSize, (HCLIENT hClient, LPDWORD lpdwBytes));
/* Size of one message (LIST; the whole list is fetched once). */
MAILWIRE_FUNCTION(INT, PopGetMessageSize, (HCLIENT hClient, UINT nMessageId, LPDWORD lpdwSize));
/* Unique id of one message (UIDL; the whole list is fetched once). */
MAILWIRE_FUNCTION(INT, PopGetMessageUidA, (HCLIENT hClient, UINT nMessageId, LPSTR lpszUid, INT nMax));
MAILWIRE_FUNCTION(INT, PopGetMessageUidW, (HCLIENT hClient, UINT nMessageId, LPWSTR lpszUid, INT nMax));
/* LIST and/or UIDL with each message handed to the callback as its line
 * is read; returns how many were. Memory stays flat whatever the maildrop
 * holds (4 bytes a message with both). */
MAILWIRE_FUNCTION(INT, PopListMessages,
                  (HCLIENT hClient, DWORD dwOptions, POPMESSAGEPROC lpMessageProc, DWORD_PTR dwParam));
/* RETR into the caller's buffer (*lpdwLength > 0: its size) or into memory
 * the library allocates (*lpdwLength == 0: lpvMessage is an HGLOBAL*,
 * freed with PopFreeMemory). Returns the size; *lpdwLength gets it too. */
MAILWIRE_FUNCTION(INT, PopGetMessage,
                  (HCLIENT hClient, UINT nMessageId, LPVOID lpvMessage, LPDWORD lpdwLength,
                   DWORD dwOptions));
/* RETR streamed to a file (written beside it, then renamed). */
MAILWIRE_FUNCTION(INT, PopSaveMessageA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszFileName, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, PopSaveMessageW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszFileName, DWORD dwOptions));
/* RETR streamed to a callback in chunks. */
MAILWIRE_FUNCTION(INT, PopReadMessage,
                  (HCLIENT hClient, UINT nMessageId, POPREADPROC lpReadProc, DWORD_PTR dwParam,
                   DWORD dwOptions));
/* RETR of messages nFirst..nLast (0xFFFFFFFF: the last) in one pipelined
 * exchange; returns how many were delivered. */
MAILWIRE_FUNCTION(INT, PopFetchMessages,
                  (HCLIENT hClient, UINT nFirst, UINT nLast, POPFETCHPROC lpFetchProc,
                   DWORD_PTR dwParam, DWORD dwOptions));
/* The header block (TOP n 0), buffer rules as PopGetMessage. */
MAILWIRE_FUNCTION(INT, PopGetMessageHeaders,
                  (HCLIENT hClient, LONG nMessageId, LPVOID lpvHeaders, LPDWORD lpdwLength));
/* One header field, unfolded, RFC 2047 words decoded to UTF-8. */
MAILWIRE_FUNCTION(INT, PopGetHeaderValueA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszHeader, LPSTR lpszValue, INT nMax));
MAILWIRE_FUNCTION(INT, PopGetHeaderValueW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszHeader, LPWSTR lpszValue,
                   INT nMax));
/* One field of a header block the caller holds, as PopGetHeaderValue
 * decodes it; no handle, no network. */
MAILWIRE_FUNCTION(INT, PopParseHeaderValueA,
                  (LPCVOID lpvHeaders, DWORD dwLength, LPCSTR lpszHeader, LPSTR lpszValue,
                   INT nMax));
MAILWIRE_FUNCTION(INT, PopParseHeaderValueW,
                  (LPCVOID lpvHeaders, DWORD dwLength, LPCWSTR lpszHeader, LPWSTR lpszValue,
                   INT nMax));
/* The Message-ID field. */
MAILWIRE_FUNCTION(INT, PopGetMessageIdA, (HCLIENT hClient, UINT nMessageId, LPSTR lpszId, INT nMax));
MAILWIRE_FUNCTION(INT, PopGetMessageIdW, (HCLIENT hClient, UINT nMessageId, LPWSTR lpszId, INT nMax));
/* DELE: takes effect at PopDisconnect (QUIT); PopReset undoes it. */
MAILWIRE_FUNCTION(INT, PopDeleteMessage, (HCLIENT hClient, UINT nMessageId));
MAILWIRE_FUNCTION(INT, PopReset, (HCLIENT hClient));
MAILWIRE_FUNCTION(INT, PopNoop, (HCLIENT hClient));
/* A raw command; returns POP_RESULT_OK or POP_RESULT_ERR. */
MAILWIRE_FUNCTION(INT, PopCommandA, (HCLIENT hClient, LPCSTR lpszCommand));
MAILWIRE_FUNCTION(INT, PopCommandW, (HCLIENT hClient, LPCWSTR lpszCommand));
/* The same, saying whether the reply is multi-line (POP_COMMAND_*). */
MAILWIRE_FUNCTION(INT, PopCommandExA, (HCLIENT hClient, LPCSTR lpszCommand, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, PopCommandExW, (HCLIENT hClient, LPCWSTR lpszCommand, DWORD dwOptions));
/* Bytes of the current (or last) transfer so far and announced; any thread. */
MAILWIRE_FUNCTION(INT, PopGetTransferStatus,
                  (HCLIENT hClient, LPDWORD lpdwBytesCopied, LPDWORD lpdwBytesTotal));
/* The MIME parts of message n, read as RETR streams it through the parser
 * (see ImapEnumMessageParts); returns how many parts it has. */
MAILWIRE_FUNCTION(INT, PopEnumMessagePartsA,
                  (HCLIENT hClient, UINT nMessageId, LPMIMEPARTA lpParts, INT nMaxParts,
                   DWORD dwOptions));
MAILWIRE_FUNCTION(INT, PopEnumMessagePartsW,
                  (HCLIENT hClient, UINT nMessageId, LPMIMEPARTW lpParts, INT nMaxParts,
                   DWORD dwOptions));
/* Part lpszPart ("1.2") of message n, read in one RETR through the parser,
 * decoded as dwOptions say (MIME_DECODE, MIME_DECODE_UTF8), to a callback
 * or into a file. Returns its size. */
MAILWIRE_FUNCTION(INT, PopReadMessagePartA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszPart, POPREADPROC lpReadProc,
                   DWORD_PTR dwParam, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, PopReadMessagePartW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszPart, POPREADPROC lpReadProc,
                   DWORD_PTR dwParam, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, PopSaveMessagePartA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszPart, LPCSTR lpszFileName,
                   DWORD dwOptions));
MAILWIRE_FUNCTION(INT, PopSaveMessagePartW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszPart, LPCWSTR lpszFileName,
                   DWORD dwOptions));
/* Saves message n's attachments as new files in lpszFolder (see
 * ImapSaveAttachments) in one RETR; returns how many it saved. */
MAILWIRE_FUNCTION(INT, PopSaveAttachmentsA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszFolder, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, PopSaveAttachmentsW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszFolder, DWORD dwOptions));
/* Frees memory PopGetMessage / PopGetMessageHeaders allocated. */
MAILWIRE_FUNCTION(VOID, PopFreeMemory, (HGLOBAL hMemory));

MAILWIRE_FUNCTION(BOOL, PopRegisterStatusProc,
                  (HCLIENT hClient, POPSTATUSPROC lpStatusProc, DWORD_PTR dwParam));
MAILWIRE_FUNCTION(BOOL, PopRegisterEvent,
                  (HCLIENT hClient, UINT nEventId, POPEVENTPROC lpEventProc, DWORD_PTR dwParam));
MAILWIRE_FUNCTION(BOOL, PopEnableTraceA, (LPCSTR lpszFileName, DWORD dwFlags));
MAILWIRE_FUNCTION(BOOL, PopEnableTraceW, (LPCWSTR lpszFileName, DWORD dwFlags));
MAILWIRE_FUNCTION(VOID, PopDisableTrace, (VOID));

#ifdef UNICODE
#define PopInitialize PopInitializeW
#define PopGetErrorString PopGetErrorStringW
#define PopConnect PopConnectW
#define PopAsyncConnect PopAsyncConnectW
#define PopGetCapabilities PopGetCapabilitiesW
#define PopHasCapability PopHasCapabilityW
#define PopCreateSecurityCredentials PopCreateSecurityCredentialsW
#define PopDeleteSecurityCredentials PopDeleteSecurityCredentialsW
#define PopGetSecurityInformation PopGetSecurityInformationW
#define PopLogin PopLoginW
#define PopGetResultString PopGetResultStringW
#define PopGetResponseLine PopGetResponseLineW
#define PopEnableTrace PopEnableTraceW
#define PopGetMessageUid PopGetMessageUidW
#define PopSaveMessage PopSaveMessageW
#define PopGetHeaderValue PopGetHeaderValueW
#define PopParseHeaderValue PopParseHeaderValueW
#define PopGetMessageId PopGetMessageIdW
#define PopCommand PopCommandW
#define PopCommandEx PopCommandExW
#define PopReadMessagePart PopReadMessagePartW
#define PopSaveMessagePart PopSaveMessagePartW
#define PopEnumMessageParts PopEnumMessagePartsW
#define PopSaveAttachments PopSaveAttachmentsW
#else
#define PopInitialize PopInitializeA
#define PopGetErrorString PopGetErrorStringA
#define PopConnect PopConnectA
#define PopAsyncConnect PopAsyncConnectA
#define PopGetCapabilities PopGetCapabilitiesA
#define PopHasCapability PopHasCapabilityA
#define PopCreateSecurityCredentials PopCreateSecurityCredentialsA
#define PopDeleteSecurityCredentials PopDeleteSecurityCredentialsA
#define PopGetSecurityInformation PopGetSecurityInformationA
#define PopLogin PopLoginA
#define PopGetResultString PopGetResultStringA
#define PopGetResponseLine PopGetResponseLineA
#define PopEnableTrace PopEnableTraceA
#define PopGetMessageUid PopGetMessageUidA
#define PopSaveMessage PopSaveMessageA
#define PopGetHeaderValue PopGetHeaderValueA
#define PopParseHeaderValue PopParseHeaderValueA
#define PopGetMessageId PopGetMessageIdA
#define PopCommand PopCommandA
#define PopCommandEx PopCommandExA
#define PopReadMessagePart PopReadMessagePartA
#define PopSaveMessagePart PopSaveMessagePartA
#define PopEnumMessageParts PopEnumMessagePartsA
#define PopSaveAttachments PopSaveAttachmentsA
#endif

#ifdef __cplusplus
}
#endif

#endif /* MAILWIRE_POP3_H */
