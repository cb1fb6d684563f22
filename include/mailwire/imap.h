/*
 * mailwire/imap.h - the IMAP4rev1 client API.
 *
 * Conventions (see docs/guide-conventions.md):
 * - INT functions return IMAP_ERROR (-1) on failure, BOOL functions FALSE,
 *   connects INVALID_CLIENT; the reason goes to the calling thread's
 *   last-error slot (ImapGetLastError). Successful calls leave it alone.
 * - Functions that return text copy it into the caller's buffer of nMax
 *   characters (terminator included) and return its length. With a NULL
 *   buffer and nMax 0 they return the length needed. A buffer that is too
 *   small fails with ST_ERROR_BUFFER_TOO_SMALL.
 * - Every function taking or returning text has an A (UTF-8) and a W
 *   (wchar_t) entry point; the plain name picks one by UNICODE.
 */
#ifndef MAILWIRE_IMAP_H
#define MAILWIRE_IMAP_H

#include "types.h"
#include "errors.h"
#include "security.h"
#include "mime.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IMAP_ERROR (-1)
#define IMAP_PORT_DEFAULT 143
#define IMAP_PORT_SECURE 993
#define IMAP_TIMEOUT_DEFAULT 30
/* Call limits (ImapSetTransferLimits): no overall limit per call; a call
 * whose data arrives at under 256 bytes a second for 120 seconds ends. */
#define IMAP_MAX_TIME_DEFAULT 0
#define IMAP_LOW_SPEED_LIMIT_DEFAULT 256
#define IMAP_LOW_SPEED_TIME_DEFAULT 120

/* ImapConnect options (a bitmask; unknown bits are rejected). */
#define IMAP_OPTION_NONE 0x00000000
#define IMAP_OPTION_IDENTIFY 0x00000001
#define IMAP_OPTION_TUNNEL 0x00000002
#define IMAP_OPTION_TRUSTEDSITE 0x00000004
#define IMAP_OPTION_SECURE_EXPLICIT 0x00000008
#define IMAP_OPTION_SECURE IMAP_OPTION_SECURE_EXPLICIT
#define IMAP_OPTION_SECURE_IMPLICIT 0x00000010
#define IMAP_OPTION_FREETHREAD 0x00000020
/* STARTTLS when the server offers it, plaintext when it does not (for
 * applications that cannot require TLS); a STARTTLS that fails, or a
 * certificate that does not verify, still fails the connect. */
#define IMAP_OPTION_SECURE_OPPORTUNISTIC 0x00000040
/* COMPRESS=DEFLATE (RFC 4978) after login where the server offers it:
 * both ways, over plain or TLS; see ImapGetTrafficCounts. */
#define IMAP_OPTION_COMPRESS 0x00000080
/* Over implicit TLS: ImapConnect returns once TLS is up, without waiting
 * for the greeting, and an ImapLogin with IMAP_AUTH_LOGIN, _PLAIN,
 * _XOAUTH2 or _BEARER goes out at once, its answer arriving with the
 * greeting: one round trip less. Any other first call reads the greeting
 * first. No effect without implicit TLS or with IMAP_OPTION_IDENTIFY. */
#define IMAP_OPTION_EARLY_LOGIN 0x00000100
/* The lines the connect exchanges (greeting, CAPABILITY, STARTTLS) are
 * kept, redacted, and handed to the first status procedure registered
 * (ImapRegisterStatusProc) before any other: a trace from the greeting. */
#define IMAP_OPTION_TRACE_CONNECT 0x00000200

/* ImapLogin authentication types. */
#define IMAP_AUTH_DEFAULT 0      /* strongest both sides support */
#define IMAP_AUTH_LOGIN 1        /* the LOGIN command */
#define IMAP_AUTH_PLAIN 2        /* SASL PLAIN (RFC 4616) */
#define IMAP_AUTH_CRAM_MD5 3     /* SASL CRAM-MD5 (RFC 2195) */
#define IMAP_AUTH_SCRAM_SHA256 4 /* SASL SCRAM-SHA-256 (RFC 7677) */
#define IMAP_AUTH_XOAUTH2 5      /* password argument carries the token */
#define IMAP_AUTH_BEARER 6       /* OAUTHBEARER (RFC 7628): token as password */
#define IMAP_AUTH_ANONYMOUS 7    /* SASL ANONYMOUS: user name is the trace */

/* ImapGetResultCode. */
#define IMAP_RESULT_NONE 0
#define IMAP_RESULT_OK 1
#define IMAP_RESULT_NO 2
#define IMAP_RESULT_BAD 3

/* Events (ImapRegisterEvent, ImapAsyncConnect). */
#define IMAP_EVENT_CONNECT 1
#define IMAP_EVENT_DISCONNECT 2
#define IMAP_EVENT_PROGRESS 3
#define IMAP_EVENT_UPDATE 4
#define IMAP_EVENT_TIMEOUT 5
#define IMAP_EVENT_CANCEL 6
#define IMAP_EVENT_ERROR 7

/* Status procedure directions. */
#define IMAP_STATUS_SENT 1
#define IMAP_STATUS_RECEIVED 2

/* ImapEnableTrace flags. */
#define IMAP_TRACE_DEFAULT 0x00000000
#define IMAP_TRACE_APPEND 0x00000001    /* append instead of truncating */
#define IMAP_TRACE_TIMESTAMP 0x00000002 /* prefix each line with the time */

/* Message flags (IMAPMESSAGE.dwFlags, ImapGetMessageFlags, ...). */
#define IMAP_FLAG_NONE 0x00000000
#define IMAP_FLAG_SEEN 0x00000001
#define IMAP_FLAG_ANSWERED 0x00000002
#define IMAP_FLAG_FLAGGED 0x00000004
#define IMAP_FLAG_DELETED 0x00000008
#define IMAP_FLAG_DRAFT 0x00000010
#define IMAP_FLAG_RECENT 0x00000020
#define IMAP_FLAG_KEYWORDS 0x00000040 /* PERMANENTFLAGS: new keywords allowed ("\*") */
#define IMAP_FLAG_MESSAGE_MASK 0x0000007F

/* Mailbox attributes (ImapGetFirstMailbox / ImapGetNextMailbox). */
#define IMAP_FLAG_NOINFERIORS 0x00000100
#define IMAP_FLAG_NOSELECT 0x00000200
#define IMAP_FLAG_MARKED 0x00000400
#define IMAP_FLAG_UNMARKED 0x00000800
#define IMAP_FLAG_HASCHILDREN 0x00001000
#define IMAP_FLAG_HASNOCHILDREN 0x00002000
#define IMAP_FLAG_NONEXISTENT 0x00004000
#define IMAP_FLAG_SUBSCRIBED 0x00008000
/* Special-use roles (RFC 6154). */
#define IMAP_FLAG_SENT 0x00010000
#define IMAP_FLAG_DRAFTS 0x00020000
#define IMAP_FLAG_TRASH 0x00040000
#define IMAP_FLAG_JUNK 0x00080000
#define IMAP_FLAG_ARCHIVE 0x00100000
#define IMAP_FLAG_ALL 0x00200000
#define IMAP_FLAG_FLAGGED_MAILBOX 0x00400000 /* the \Flagged role */

#define IMAP_ACCESS_READONLY 1
#define IMAP_ACCESS_READWRITE 2

/* ImapGetFirstMailbox options. */
#define IMAP_LIST_DEFAULT 0x00000000
#define IMAP_LIST_SUBSCRIBED 0x00000001 /* LSUB: subscribed mailboxes only */
#define IMAP_LIST_STATUS 0x00000002 /* each mailbox's STATUS in the same round trip
                                       (LIST-STATUS), read with ImapGetMailboxStatus */

/* Message options (dwOptions). */
#define IMAP_MESSAGE_DEFAULT 0x00000000
#define IMAP_MESSAGE_UID 0x00000001  /* the id is a UID, not a sequence number */
#define IMAP_MESSAGE_PEEK 0x00000002 /* leave \Seen alone */
#define IMAP_SECTION_DEFAULT 0x00000000    /* the whole message or part */
#define IMAP_SECTION_HEADER 0x00000010     /* its header */
#define IMAP_SECTION_MIMEHEADER 0x00000020 /* a part's MIME header */
#define IMAP_SECTION_BODY 0x00000040       /* its body (TEXT) */
#define IMAP_FLAGS_SET 0x00000000    /* ImapSetMessageFlags: replace */
#define IMAP_FLAGS_ADD 0x00000100    /* add these */
#define IMAP_FLAGS_REMOVE 0x00000200 /* remove these */
#define IMAP_SELECT_READONLY 0x00001000 /* ImapSelectAndFetch, ImapSelectResync: EXAMINE */
#define IMAP_CHANGES_VANISHED 0x00002000 /* ImapFetchChanges: expunged UIDs too (QRESYNC) */

/* ImapIdle: what changed. */
#define IMAP_CHANGE_NONE 0x00000000
#define IMAP_CHANGE_NEW 0x00000001      /* messages were added (EXISTS grew) */
#define IMAP_CHANGE_EXPUNGED 0x00000002 /* messages were removed */
#define IMAP_CHANGE_FLAGS 0x00000004    /* flags of messages changed */

/* IMAPMAILBOX, IMAPMAILBOXSTATUS and IMAPMESSAGE start with dwSize: the
 * caller sets it to the sizeof it was built with before passing one in,
 * the library writes no byte past it and says in it what it filled.
 * Fields are only ever appended, so an application built against an
 * older header keeps working. */
typedef struct _IMAPMAILBOX {
    DWORD dwSize;           /* sizeof(IMAPMAILBOX) */
    UINT nMessages;         /* EXISTS */
    UINT nRecentMessages;   /* RECENT */
    UINT nUnseenMessageId;  /* first unseen, 0 if none */
    DWORD dwMailboxUID;     /* UIDVALIDITY */
    DWORD dwNextMessageUID; /* UIDNEXT */
    DWORD dwFlags;          /* IMAP_FLAG_* the mailbox defines (FLAGS) */
    DWORD dwPermanentFlags; /* IMAP_FLAG_* that can be stored (PERMANENTFLAGS) */
    DWORD dwAccessMode;     /* IMAP_ACCESS_READONLY / _READWRITE */
    ULONGLONG ullHighestModSeq; /* HIGHESTMODSEQ (CONDSTORE); 0: none */
} IMAPMAILBOX, *LPIMAPMAILBOX;

typedef struct _IMAPMAILBOXSTATUS {
    DWORD dwSize;           /* sizeof(IMAPMAILBOXSTATUS) */
    UINT nMessages;         /* MESSAGES */
    UINT nRecentMessages;   /* RECENT */
    UINT nUnseenMessages;   /* UNSEEN */
    DWORD dwMailboxUID;     /* UIDVALIDITY */
    DWORD dwNextMessageUID; /* UIDNEXT */
    ULONGLONG ullHighestModSeq; /* HIGHESTMODSEQ (CONDSTORE); 0: none */
} IMAPMAILBOXSTATUS, *LPIMAPMAILBOXSTATUS;

typedef struct _IMAPMESSAGE {
    DWORD dwSize;        /* sizeof(IMAPMESSAGE) */
    UINT nMessageId;     /* sequence number */
    DWORD dwUid;
    DWORD dwMessageSize; /* RFC822.SIZE */
    DWORD dwFlags;       /* IMAP_FLAG_* */
    CHAR szInternalDate[32]; /* INTERNALDATE, "17-Jul-1996 02:44:25 -0700" */
    ULONGLONG ullModSeq;     /* MODSEQ, once CONDSTORE is enabled; else 0 */
} IMAPMESSAGE, *LPIMAPMESSAGE;

/* One mailbox of ImapListMailboxes. */
typedef struct _IMAPMAILBOXINFOA {
    DWORD dwSize;                       /* sizeof(IMAPMAILBOXINFOA) */
    LPCSTR lpszMailbox;                 /* the name, UTF-8 */
    DWORD dwFlags;                      /* IMAP_FLAG_* attributes (LIST) */
    DWORD dwDelimiter;                  /* the hierarchy delimiter, 0 if none */
    const IMAPMAILBOXSTATUS *lpStatus;  /* the counts (LIST-STATUS), NULL if none */
    BOOL bStatusOnly;                   /* counts that came after the mailbox was handed on */
} IMAPMAILBOXINFOA, *LPIMAPMAILBOXINFOA;

typedef struct _IMAPMAILBOXINFOW {
    DWORD dwSize;                       /* sizeof(IMAPMAILBOXINFOW) */
    LPCWSTR lpszMailbox;
    DWORD dwFlags;
    DWORD dwDelimiter;
    const IMAPMAILBOXSTATUS *lpStatus;
    BOOL bStatusOnly;
} IMAPMAILBOXINFOW, *LPIMAPMAILBOXINFOW;

/* Receives one mailbox (ImapListMailboxes); FALSE stops. */
typedef BOOL(CALLBACK *IMAPMAILBOXPROCA)(HCLIENT hClient, const IMAPMAILBOXINFOA *lpMailbox,
                                         DWORD_PTR dwParam);
typedef BOOL(CALLBACK *IMAPMAILBOXPROCW)(HCLIENT hClient, const IMAPMAILBOXINFOW *lpMailbox,
                                         DWORD_PTR dwParam);

/* Receives one message's old and new UID after a copy or move (COPYUID,
 * RFC 4315), in the set's order; FALSE: no more. */
typedef BOOL(CALLBACK *IMAPCOPYPROC)(HCLIENT hClient, DWORD dwUidValidity, DWORD dwSourceUid,
                                     DWORD dwTargetUid, DWORD_PTR dwParam);

/* What a session has moved, each way (ImapGetTraffic). */
typedef struct _IMAPTRAFFIC {
    DWORD dwSize;           /* sizeof(IMAPTRAFFIC) */
    BOOL bCompressed;       /* COMPRESS=DEFLATE is on */
    ULONGLONG ullWireIn;    /* bytes received on the socket (TLS included) */
    ULONGLONG ullDataIn;    /* bytes of protocol received (decompressed) */
    ULONGLONG ullWireOut;   /* bytes sent on the socket */
    ULONGLONG ullDataOut;   /* bytes of protocol sent (before compression) */
} IMAPTRAFFIC, *LPIMAPTRAFFIC;

/* One change since a mod-sequence (CONDSTORE / QRESYNC, RFC 7162). */
typedef struct _IMAPCHANGE {
    DWORD dwSize;        /* sizeof(IMAPCHANGE) */
    DWORD dwKind;        /* IMAP_CHANGE_FLAGS or IMAP_CHANGE_EXPUNGED */
    UINT nMessageId;     /* sequence number (IMAP_CHANGE_FLAGS); 0 otherwise */
    DWORD dwUid;         /* its UID; the first of the range (IMAP_CHANGE_EXPUNGED) */
    DWORD dwLastUid;     /* the last UID of the range; dwUid for IMAP_CHANGE_FLAGS */
    DWORD dwFlags;       /* IMAP_FLAG_* as they are now (IMAP_CHANGE_FLAGS) */
    ULONGLONG ullModSeq; /* the message's MODSEQ now (IMAP_CHANGE_FLAGS) */
} IMAPCHANGE, *LPIMAPCHANGE;

/* Receives one change (ImapFetchChanges, ImapSelectResync); FALSE: no
 * more calls, the command is still read to its end. */
typedef BOOL(CALLBACK *IMAPCHANGEPROC)(HCLIENT hClient, const IMAPCHANGE *lpChange,
                                       DWORD_PTR dwParam);

/* Receives one message's attributes (ImapListMessages); FALSE stops. */
typedef BOOL(CALLBACK *IMAPMESSAGEPROC)(HCLIENT hClient, const IMAPMESSAGE *lpMessage,
                                        DWORD_PTR dwParam);
/* Receives one number a search matched (ImapSearchMessages); FALSE stops. */
typedef BOOL(CALLBACK *IMAPSEARCHPROC)(HCLIENT hClient, DWORD dwMessage, DWORD_PTR dwParam);

/* Receives a message's bytes in chunks (ImapReadMessage); FALSE stops. */
typedef BOOL(CALLBACK *IMAPREADPROC)(HCLIENT hClient, LPCVOID lpvData, DWORD dwLength,
                                     DWORD_PTR dwParam);

/* One chunk of one message of ImapFetchMessages. */
typedef struct _IMAPFETCHDATA {
    DWORD dwSize;        /* sizeof(IMAPFETCHDATA) */
    UINT nMessageId;     /* sequence number */
    DWORD dwUid;         /* 0 until the server has said it */
    DWORD dwFlags;       /* IMAP_FLAG_*, complete in the final call */
    DWORD dwMessageSize; /* total bytes of this message's data */
    DWORD dwOffset;      /* where this chunk starts */
    LPCVOID lpvData;     /* this chunk */
    DWORD dwLength;      /* its length; 0 in the final call */
    BOOL bLastChunk;     /* TRUE once per message, after its last byte */
} IMAPFETCHDATA, *LPIMAPFETCHDATA;

typedef BOOL(CALLBACK *IMAPFETCHPROC)(HCLIENT hClient, const IMAPFETCHDATA *lpData,
                                      DWORD_PTR dwParam); /* FALSE stops */

/* One MIME part of a message, from BODYSTRUCTURE (ImapGetMessagePartInfo). */
typedef struct _IMAPMESSAGEPARTA {
    DWORD dwSize;          /* set by the caller: sizeof(IMAPMESSAGEPARTA) */
    UINT nPart;            /* its number, as ImapGetMessage takes it */
    UINT nSubParts;        /* parts inside it (multipart, message/rfc822) */
    DWORD dwPartSize;      /* encoded size in bytes */
    DWORD dwLines;         /* lines (text parts) */
    CHAR szType[32];       /* "text" */
    CHAR szSubType[64];    /* "plain" */
    CHAR szCharset[32];    /* "utf-8", or empty */
    CHAR szEncoding[32];   /* "base64", "quoted-printable", "8bit" ... */
    CHAR szFileName[256];  /* from Content-Disposition or the type's name=, or empty */
    CHAR szDisposition[32]; /* "attachment", "inline", or empty */
} IMAPMESSAGEPARTA, *LPIMAPMESSAGEPARTA;

typedef struct _IMAPMESSAGEPARTW {
    DWORD dwSize;
    UINT nPart;
    UINT nSubParts;
    DWORD dwPartSize;
    DWORD dwLines;
    WCHAR szType[32];
    WCHAR szSubType[64];
    WCHAR szCharset[32];
    WCHAR szEncoding[32];
    WCHAR szFileName[256];
    WCHAR szDisposition[32];
} IMAPMESSAGEPARTW, *LPIMAPMESSAGEPARTW;

#ifdef UNICODE
typedef IMAPMESSAGEPARTW IMAPMESSAGEPART;
typedef LPIMAPMESSAGEPARTW LPIMAPMESSAGEPART;
#else
typedef IMAPMESSAGEPARTA IMAPMESSAGEPART;
typedef LPIMAPMESSAGEPARTA LPIMAPMESSAGEPART;
#endif

/* One address of an envelope (ImapGetMessageEnvelope, ImapFetchEnvelopes).
 * Texts are never NULL: "" for what the server did not say. */
typedef struct _IMAPADDRESSA {
    LPCSTR lpszName;    /* display name, RFC 2047 words decoded */
    LPCSTR lpszMailbox; /* the part before the @ */
    LPCSTR lpszHost;    /* the part after it */
    LPCSTR lpszAddress; /* mailbox@host */
    LPCSTR lpszGroup;   /* the group it was listed in ("Team: a@x, b@y;"), or "" */
} IMAPADDRESSA, *LPIMAPADDRESSA;

typedef struct _IMAPADDRESSW {
    LPCWSTR lpszName;
    LPCWSTR lpszMailbox;
    LPCWSTR lpszHost;
    LPCWSTR lpszAddress;
    LPCWSTR lpszGroup;
} IMAPADDRESSW, *LPIMAPADDRESSW;

/* A message's ENVELOPE: one block, its arrays and texts inside it. */
typedef struct _IMAPENVELOPEA {
    DWORD dwSize;          /* sizeof(IMAPENVELOPEA) */
    UINT nMessageId;       /* sequence number (0 for a message/rfc822 part's) */
    DWORD dwUid;           /* 0 for a message/rfc822 part's */
    LPCSTR lpszDate;       /* the Date field as sent */
    LPCSTR lpszDateUtc;    /* the same in ISO 8601 UTC ("2023-11-14T10:00:00Z"), "" if unreadable */
    LPCSTR lpszSubject;    /* RFC 2047 words decoded, UTF-8 */
    LPCSTR lpszInReplyTo;
    LPCSTR lpszMessageId;
    UINT nFrom, nSender, nReplyTo, nTo, nCc, nBcc;
    const IMAPADDRESSA *lpFrom;
    const IMAPADDRESSA *lpSender;
    const IMAPADDRESSA *lpReplyTo;
    const IMAPADDRESSA *lpTo;
    const IMAPADDRESSA *lpCc;
    const IMAPADDRESSA *lpBcc;
} IMAPENVELOPEA, *LPIMAPENVELOPEA;

typedef struct _IMAPENVELOPEW {
    DWORD dwSize;
    UINT nMessageId;
    DWORD dwUid;
    LPCWSTR lpszDate;
    LPCWSTR lpszDateUtc;
    LPCWSTR lpszSubject;
    LPCWSTR lpszInReplyTo;
    LPCWSTR lpszMessageId;
    UINT nFrom, nSender, nReplyTo, nTo, nCc, nBcc;
    const IMAPADDRESSW *lpFrom;
    const IMAPADDRESSW *lpSender;
    const IMAPADDRESSW *lpReplyTo;
    const IMAPADDRESSW *lpTo;
    const IMAPADDRESSW *lpCc;
    const IMAPADDRESSW *lpBcc;
} IMAPENVELOPEW, *LPIMAPENVELOPEW;

/* Receives one message's envelope (ImapFetchEnvelopes), valid during the
 * call only; FALSE stops. */
typedef BOOL(CALLBACK *IMAPENVELOPEPROCA)(HCLIENT hClient, const IMAPENVELOPEA *lpEnvelope,
                                          DWORD_PTR dwParam);
typedef BOOL(CALLBACK *IMAPENVELOPEPROCW)(HCLIENT hClient, const IMAPENVELOPEW *lpEnvelope,
                                          DWORD_PTR dwParam);

#ifdef UNICODE
typedef IMAPADDRESSW IMAPADDRESS;
typedef IMAPENVELOPEW IMAPENVELOPE;
typedef LPIMAPENVELOPEW LPIMAPENVELOPE;
#define IMAPENVELOPEPROC IMAPENVELOPEPROCW
#else
typedef IMAPADDRESSA IMAPADDRESS;
typedef IMAPENVELOPEA IMAPENVELOPE;
typedef LPIMAPENVELOPEA LPIMAPENVELOPE;
#define IMAPENVELOPEPROC IMAPENVELOPEPROCA
#endif

typedef VOID(CALLBACK *IMAPEVENTPROC)(HCLIENT hClient, UINT nEventId, DWORD dwError,
                                      DWORD_PTR dwParam);

/* Receives every protocol line sent or received on a handle, without its
 * CRLF, with passwords, tokens and AUTHENTICATE payloads replaced by ***.
 * The bytes are the wire's (UTF-8 or ASCII) in both A and W builds. */
typedef VOID(CALLBACK *IMAPSTATUSPROC)(HCLIENT hClient, UINT nDirection, LPCSTR lpszLine,
                                       DWORD dwLength, DWORD_PTR dwParam);

/* ---- Library lifetime ------------------------------------------------- */

/* Reference-counted, thread-safe. The key is accepted and ignored. */
MAILWIRE_FUNCTION(BOOL, ImapInitializeA, (LPCSTR lpszLicenseKey, LPVOID lpReserved));
MAILWIRE_FUNCTION(BOOL, ImapInitializeW, (LPCWSTR lpszLicenseKey, LPVOID lpReserved));
/* The last call disconnects and frees every IMAP handle still open. */
MAILWIRE_FUNCTION(VOID, ImapUninitialize, (VOID));

/* ---- Errors ----------------------------------------------------------- */

/* The calling thread's last error (shared with PopGetLastError). */
MAILWIRE_FUNCTION(DWORD, ImapGetLastError, (VOID));
MAILWIRE_FUNCTION(VOID, ImapSetLastError, (DWORD dwError));
/* Copies the description of dwError; returns its length. */
MAILWIRE_FUNCTION(INT, ImapGetErrorStringA, (DWORD dwError, LPSTR lpszDesc, INT nMax));
MAILWIRE_FUNCTION(INT, ImapGetErrorStringW, (DWORD dwError, LPWSTR lpszDesc, INT nMax));

/* ---- Connecting ------------------------------------------------------- */

/* Connects, reads the greeting and learns the capabilities; negotiates TLS
 * as the options ask. Returns INVALID_CLIENT on failure. */
MAILWIRE_FUNCTION(HCLIENT, ImapConnectA,
                  (LPCSTR lpszHostName, UINT nRemotePort, UINT nTimeout, DWORD dwOptions,
                   LPSECURITYCREDENTIALSA lpCredentials));
MAILWIRE_FUNCTION(HCLIENT, ImapConnectW,
                  (LPCWSTR lpszHostName, UINT nRemotePort, UINT nTimeout, DWORD dwOptions,
                   LPSECURITYCREDENTIALSW lpCredentials));
/* Returns a handle at once and connects in the background; lpEventProc
 * receives IMAP_EVENT_CONNECT (dwError 0) or IMAP_EVENT_ERROR. */
MAILWIRE_FUNCTION(HCLIENT, ImapAsyncConnectA,
                  (LPCSTR lpszHostName, UINT nRemotePort, UINT nTimeout, DWORD dwOptions,
                   LPSECURITYCREDENTIALSA lpCredentials, IMAPEVENTPROC lpEventProc,
                   DWORD_PTR dwParam));
MAILWIRE_FUNCTION(HCLIENT, ImapAsyncConnectW,
                  (LPCWSTR lpszHostName, UINT nRemotePort, UINT nTimeout, DWORD dwOptions,
                   LPSECURITYCREDENTIALSW lpCredentials, IMAPEVENTPROC lpEventProc,
                   DWORD_PTR dwParam));
/* Sends LOGOUT (when connected), closes and frees the handle. */
MAILWIRE_FUNCTION(INT, ImapDisconnect, (HCLIENT hClient));
/* TRUE when the handle is connected and ready for commands. */
MAILWIRE_FUNCTION(BOOL, ImapIsConnected, (HCLIENT hClient));
/* Makes dwThreadId (0 = caller) the owner; returns the previous owner. */
MAILWIRE_FUNCTION(DWORD, ImapAttachThread, (HCLIENT hClient, DWORD dwThreadId));
/* Any thread: makes a blocking call on the handle fail with ST_ERROR_CANCELLED. */
MAILWIRE_FUNCTION(INT, ImapCancel, (HCLIENT hClient));
MAILWIRE_FUNCTION(INT, ImapSetTimeout, (HCLIENT hClient, UINT nTimeout));
/* Bounds on every later call of the handle, beyond each step's timeout:
 * dwMaxTime seconds for the whole call (0 = none), and a minimum rate (a
 * call whose data arrives at fewer than dwLowSpeedLimit bytes a second
 * over dwLowSpeedTime seconds ends; 0 = no rate rule). Either ends the
 * call with ST_ERROR_TIMEOUT. ImapIdle's wait is bounded by its own
 * timeout instead. */
MAILWIRE_FUNCTION(INT, ImapSetTransferLimits,
                  (HCLIENT hClient, DWORD dwMaxTime, DWORD dwLowSpeedLimit, DWORD dwLowSpeedTime));
MAILWIRE_FUNCTION(INT, ImapGetTransferLimits,
                  (HCLIENT hClient, LPDWORD lpdwMaxTime, LPDWORD lpdwLowSpeedLimit,
                   LPDWORD lpdwLowSpeedTime));
MAILWIRE_FUNCTION(INT, ImapGetTimeout, (HCLIENT hClient));

/* Space-separated capability list, as last learned from the server. */
MAILWIRE_FUNCTION(INT, ImapGetCapabilitiesA, (HCLIENT hClient, LPSTR lpszBuffer, INT nMax));
MAILWIRE_FUNCTION(INT, ImapGetCapabilitiesW, (HCLIENT hClient, LPWSTR lpszBuffer, INT nMax));
/* Case-insensitive; "AUTH=PLAIN" style names work too. */
MAILWIRE_FUNCTION(BOOL, ImapHasCapabilityA, (HCLIENT hClient, LPCSTR lpszCapability));
MAILWIRE_FUNCTION(BOOL, ImapHasCapabilityW, (HCLIENT hClient, LPCWSTR lpszCapability));
/* The server's ID answer (IMAP_OPTION_IDENTIFY): one field's value, or with
 * a NULL field every field as "name=value" lines. */
MAILWIRE_FUNCTION(INT, ImapGetServerIdentityA,
                  (HCLIENT hClient, LPCSTR lpszField, LPSTR lpszValue, INT nMax));
MAILWIRE_FUNCTION(INT, ImapGetServerIdentityW,
                  (HCLIENT hClient, LPCWSTR lpszField, LPWSTR lpszValue, INT nMax));

/* ---- Security --------------------------------------------------------- */

/* Allocates a SECURITYCREDENTIALS holding copies of the strings given. */
MAILWIRE_FUNCTION(BOOL, ImapCreateSecurityCredentialsA,
                  (DWORD dwProtocol, DWORD dwOptions, LPCSTR lpszCertFile, LPCSTR lpszKeyFile,
                   LPCSTR lpszKeyPassword, LPCSTR lpszCAFile, LPCSTR lpszServerName,
                   LPCSTR lpszProxy, LPSECURITYCREDENTIALSA *lppCredentials));
MAILWIRE_FUNCTION(BOOL, ImapCreateSecurityCredentialsW,
                  (DWORD dwProtocol, DWORD dwOptions, LPCWSTR lpszCertFile, LPCWSTR lpszKeyFile,
                   LPCWSTR lpszKeyPassword, LPCWSTR lpszCAFile, LPCWSTR lpszServerName,
                   LPCWSTR lpszProxy, LPSECURITYCREDENTIALSW *lppCredentials));
/* Wipes the key password and frees; NULL is accepted. */
MAILWIRE_FUNCTION(VOID, ImapDeleteSecurityCredentialsA, (LPSECURITYCREDENTIALSA lpCredentials));
MAILWIRE_FUNCTION(VOID, ImapDeleteSecurityCredentialsW, (LPSECURITYCREDENTIALSW lpCredentials));
/* Fills what TLS negotiated; the caller sets dwSize. On a session without
 * TLS it succeeds with dwProtocol 0 and empty strings. */
MAILWIRE_FUNCTION(BOOL, ImapGetSecurityInformationA, (HCLIENT hClient, LPSECURITYINFOA lpInfo));
MAILWIRE_FUNCTION(BOOL, ImapGetSecurityInformationW, (HCLIENT hClient, LPSECURITYINFOW lpInfo));

/* ---- Authentication --------------------------------------------------- */

/* Authenticates with IMAP_AUTH_*; the password is wiped after use. */
MAILWIRE_FUNCTION(INT, ImapLoginA,
                  (HCLIENT hClient, UINT nAuthType, LPCSTR lpszUserName, LPCSTR lpszPassword));
MAILWIRE_FUNCTION(INT, ImapLoginW,
                  (HCLIENT hClient, UINT nAuthType, LPCWSTR lpszUserName, LPCWSTR lpszPassword));

/* ---- Mailboxes -------------------------------------------------------- */

/* SELECT (read-write) / EXAMINE (read-only); lpMailbox may be NULL. */
MAILWIRE_FUNCTION(INT, ImapSelectMailboxA, (HCLIENT hClient, LPCSTR lpszMailbox, LPIMAPMAILBOX lpMailbox));
MAILWIRE_FUNCTION(INT, ImapSelectMailboxW, (HCLIENT hClient, LPCWSTR lpszMailbox, LPIMAPMAILBOX lpMailbox));
MAILWIRE_FUNCTION(INT, ImapExamineMailboxA, (HCLIENT hClient, LPCSTR lpszMailbox, LPIMAPMAILBOX lpMailbox));
MAILWIRE_FUNCTION(INT, ImapExamineMailboxW, (HCLIENT hClient, LPCWSTR lpszMailbox, LPIMAPMAILBOX lpMailbox));
/* UNSELECT (or EXAMINE of the same mailbox where UNSELECT is missing). */
MAILWIRE_FUNCTION(INT, ImapUnselectMailbox, (HCLIENT hClient));
/* CLOSE: expunges \Deleted messages and deselects. */
MAILWIRE_FUNCTION(INT, ImapCloseMailbox, (HCLIENT hClient));
/* NOOP: picks up new mail and changes. */
MAILWIRE_FUNCTION(INT, ImapCheckMailbox, (HCLIENT hClient));
MAILWIRE_FUNCTION(INT, ImapExpungeMailbox, (HCLIENT hClient));
MAILWIRE_FUNCTION(INT, ImapCreateMailboxA, (HCLIENT hClient, LPCSTR lpszMailbox));
MAILWIRE_FUNCTION(INT, ImapCreateMailboxW, (HCLIENT hClient, LPCWSTR lpszMailbox));
MAILWIRE_FUNCTION(INT, ImapDeleteMailboxA, (HCLIENT hClient, LPCSTR lpszMailbox));
MAILWIRE_FUNCTION(INT, ImapDeleteMailboxW, (HCLIENT hClient, LPCWSTR lpszMailbox));
MAILWIRE_FUNCTION(INT, ImapRenameMailboxA, (HCLIENT hClient, LPCSTR lpszOldName, LPCSTR lpszNewName));
MAILWIRE_FUNCTION(INT, ImapRenameMailboxW, (HCLIENT hClient, LPCWSTR lpszOldName, LPCWSTR lpszNewName));
MAILWIRE_FUNCTION(INT, ImapSubscribeMailboxA, (HCLIENT hClient, LPCSTR lpszMailbox));
MAILWIRE_FUNCTION(INT, ImapSubscribeMailboxW, (HCLIENT hClient, LPCWSTR lpszMailbox));
MAILWIRE_FUNCTION(INT, ImapUnsubscribeMailboxA, (HCLIENT hClient, LPCSTR lpszMailbox));
MAILWIRE_FUNCTION(INT, ImapUnsubscribeMailboxW, (HCLIENT hClient, LPCWSTR lpszMailbox));
/* STATUS of a mailbox other than (or as well as) the selected one. */
MAILWIRE_FUNCTION(INT, ImapGetMailboxStatusA,
                  (HCLIENT hClient, LPCSTR lpszMailbox, LPIMAPMAILBOXSTATUS lpStatus));
MAILWIRE_FUNCTION(INT, ImapGetMailboxStatusW,
                  (HCLIENT hClient, LPCWSTR lpszMailbox, LPIMAPMAILBOXSTATUS lpStatus));
/* LIST / LSUB as a cursor; the end is ST_ERROR_NO_MORE_MAILBOXES. */
MAILWIRE_FUNCTION(INT, ImapGetFirstMailboxA,
                  (HCLIENT hClient, LPCSTR lpszReference, LPCSTR lpszWildcard, DWORD dwOptions,
                   LPSTR lpszMailbox, INT nMaxLength, LPDWORD lpdwFlags));
MAILWIRE_FUNCTION(INT, ImapGetFirstMailboxW,
                  (HCLIENT hClient, LPCWSTR lpszReference, LPCWSTR lpszWildcard, DWORD dwOptions,
                   LPWSTR lpszMailbox, INT nMaxLength, LPDWORD lpdwFlags));
MAILWIRE_FUNCTION(INT, ImapGetNextMailboxA,
                  (HCLIENT hClient, LPSTR lpszMailbox, INT nMaxLength, LPDWORD lpdwFlags));
MAILWIRE_FUNCTION(INT, ImapGetNextMailboxW,
                  (HCLIENT hClient, LPWSTR lpszMailbox, INT nMaxLength, LPDWORD lpdwFlags));
/* The hierarchy delimiter character; 0 for a flat namespace. */
MAILWIRE_FUNCTION(INT, ImapGetMailboxDelimiter, (HCLIENT hClient));
/* LIST (or LSUB) with each mailbox handed to the callback as its line is
 * read, with its counts under IMAP_LIST_STATUS; returns how many. Nothing
 * is kept: a hundred thousand mailboxes cost the memory of one. */
MAILWIRE_FUNCTION(INT, ImapListMailboxesA,
                  (HCLIENT hClient, LPCSTR lpszReference, LPCSTR lpszWildcard, DWORD dwOptions,
                   IMAPMAILBOXPROCA lpMailboxProc, DWORD_PTR dwParam));
MAILWIRE_FUNCTION(INT, ImapListMailboxesW,
                  (HCLIENT hClient, LPCWSTR lpszReference, LPCWSTR lpszWildcard, DWORD dwOptions,
                   IMAPMAILBOXPROCW lpMailboxProc, DWORD_PTR dwParam));

/* ---- Messages --------------------------------------------------------- */

/* Messages in the selected mailbox (EXISTS, kept current). */
MAILWIRE_FUNCTION(INT, ImapGetMessageCount, (HCLIENT hClient));
/* UID, size, flags and date of nFirst..nLast (0xFFFFFFFF: the last) in
 * one FETCH; returns how many entries it filled, and they come first. */
MAILWIRE_FUNCTION(INT, ImapEnumMessages,
                  (HCLIENT hClient, UINT nFirst, UINT nLast, DWORD dwFlags, DWORD dwReserved,
                   LPIMAPMESSAGE lpMessages, INT nMaxMessages));
/* UID, size, flags and date of every message of a set ("1:*", "4,7:9";
 * UIDs with IMAP_MESSAGE_UID), each handed to the callback as its answer
 * arrives; a long set goes in several commands of under 8 KB. Returns how
 * many it handed on. Memory stays flat whatever the mailbox holds. */
MAILWIRE_FUNCTION(INT, ImapListMessagesA,
                  (HCLIENT hClient, LPCSTR lpszMessageSet, DWORD dwOptions,
                   IMAPMESSAGEPROC lpMessageProc, DWORD_PTR dwParam));
MAILWIRE_FUNCTION(INT, ImapListMessagesW,
                  (HCLIENT hClient, LPCWSTR lpszMessageSet, DWORD dwOptions,
                   IMAPMESSAGEPROC lpMessageProc, DWORD_PTR dwParam));
/* A message (part 0) or MIME part n into the caller's buffer
 * (*lpdwLength > 0) or library memory (*lpdwLength == 0: an HGLOBAL*,
 * freed with ImapFreeMemory). Returns the size. */
MAILWIRE_FUNCTION(INT, ImapGetMessage,
                  (HCLIENT hClient, UINT nMessageId, UINT nMessagePart, LPVOID lpvMessage,
                   LPDWORD lpdwLength, DWORD dwOptions));
/* The same streamed to a file (written beside it, flushed, renamed). */
MAILWIRE_FUNCTION(INT, ImapSaveMessageA,
                  (HCLIENT hClient, UINT nMessageId, UINT nMessagePart, LPCSTR lpszFileName,
                   DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapSaveMessageW,
                  (HCLIENT hClient, UINT nMessageId, UINT nMessagePart, LPCWSTR lpszFileName,
                   DWORD dwOptions));
/* The same streamed to a callback in chunks. */
MAILWIRE_FUNCTION(INT, ImapReadMessage,
                  (HCLIENT hClient, UINT nMessageId, UINT nMessagePart, IMAPREADPROC lpReadProc,
                   DWORD_PTR dwParam, DWORD dwOptions));
/* Many messages ("1:*", "4,7:9"; UIDs with IMAP_MESSAGE_UID) in one FETCH,
 * each streamed to the callback; returns how many it delivered. Each
 * message's final call carries its checked UID; a final call with dwUid 0
 * ends a message whose response broke the grammar (drop it), and the call
 * then fails with ST_ERROR_PROTOCOL_VIOLATION. */
MAILWIRE_FUNCTION(INT, ImapFetchMessagesA,
                  (HCLIENT hClient, LPCSTR lpszMessageSet, DWORD dwOptions,
                   IMAPFETCHPROC lpFetchProc, DWORD_PTR dwParam));
MAILWIRE_FUNCTION(INT, ImapFetchMessagesW,
                  (HCLIENT hClient, LPCWSTR lpszMessageSet, DWORD dwOptions,
                   IMAPFETCHPROC lpFetchProc, DWORD_PTR dwParam));
/* SELECT (or EXAMINE, with IMAP_SELECT_READONLY) a mailbox and FETCH a
 * message set from it in one round trip; as ImapFetchMessages after it. */
MAILWIRE_FUNCTION(INT, ImapSelectAndFetchA,
                  (HCLIENT hClient, LPCSTR lpszMailbox, LPIMAPMAILBOX lpMailbox,
                   LPCSTR lpszMessageSet, DWORD dwOptions, IMAPFETCHPROC lpFetchProc,
                   DWORD_PTR dwParam));
MAILWIRE_FUNCTION(INT, ImapSelectAndFetchW,
                  (HCLIENT hClient, LPCWSTR lpszMailbox, LPIMAPMAILBOX lpMailbox,
                   LPCWSTR lpszMessageSet, DWORD dwOptions, IMAPFETCHPROC lpFetchProc,
                   DWORD_PTR dwParam));
/* One field of a header block the caller holds (from ImapGetMessageHeaders,
 * or ImapFetchMessages with IMAP_SECTION_HEADER), unfolded, RFC 2047
 * words decoded to UTF-8, as ImapGetHeaderValue; no handle, no network. */
MAILWIRE_FUNCTION(INT, ImapParseHeaderValueA,
                  (LPCVOID lpvHeaders, DWORD dwLength, LPCSTR lpszHeader, LPSTR lpszValue,
                   INT nMax));
MAILWIRE_FUNCTION(INT, ImapParseHeaderValueW,
                  (LPCVOID lpvHeaders, DWORD dwLength, LPCWSTR lpszHeader, LPWSTR lpszValue,
                   INT nMax));
/* The header block; buffer rules as ImapGetMessage. */
MAILWIRE_FUNCTION(INT, ImapGetMessageHeaders,
                  (HCLIENT hClient, UINT nMessageId, LPVOID lpvHeaders, LPDWORD lpdwLength,
                   DWORD dwOptions));
/* One header field, unfolded, RFC 2047 words decoded to UTF-8. */
MAILWIRE_FUNCTION(INT, ImapGetHeaderValueA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszHeader, LPSTR lpszValue, INT nMax,
                   DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapGetHeaderValueW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszHeader, LPWSTR lpszValue, INT nMax,
                   DWORD dwOptions));
/* Number of MIME parts (BODYSTRUCTURE): a multipart message's parts, or 1. */
MAILWIRE_FUNCTION(INT, ImapGetMessageParts, (HCLIENT hClient, UINT nMessageId, DWORD dwOptions));
/* Type, encoding, size, charset and file name of part n (1 ...). */
MAILWIRE_FUNCTION(INT, ImapGetMessagePartInfoA,
                  (HCLIENT hClient, UINT nMessageId, UINT nMessagePart, LPIMAPMESSAGEPARTA lpPart,
                   DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapGetMessagePartInfoW,
                  (HCLIENT hClient, UINT nMessageId, UINT nMessagePart, LPIMAPMESSAGEPARTW lpPart,
                   DWORD dwOptions));
/* Every MIME part of a message, nested ones included, depth first (see
 * mailwire/mime.h for part specifiers): up to nMaxParts described in
 * lpParts (NULL with 0: only counted). Returns how many parts it has. */
MAILWIRE_FUNCTION(INT, ImapEnumMessagePartsA,
                  (HCLIENT hClient, UINT nMessageId, LPMIMEPARTA lpParts, INT nMaxParts,
                   DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapEnumMessagePartsW,
                  (HCLIENT hClient, UINT nMessageId, LPMIMEPARTW lpParts, INT nMaxParts,
                   DWORD dwOptions));
/* Part lpszPart ("1.2") into a buffer or library memory, as ImapGetMessage;
 * MIME_DECODE / MIME_DECODE_UTF8 decode it (with BINARY when the server
 * has it). Returns its size after decoding. */
MAILWIRE_FUNCTION(INT, ImapGetMessagePartA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszPart, LPVOID lpvData,
                   LPDWORD lpdwLength, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapGetMessagePartW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszPart, LPVOID lpvData,
                   LPDWORD lpdwLength, DWORD dwOptions));
/* The same into a file, streamed. */
MAILWIRE_FUNCTION(INT, ImapSaveMessagePartA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszPart, LPCSTR lpszFileName,
                   DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapSaveMessagePartW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszPart, LPCWSTR lpszFileName,
                   DWORD dwOptions));
/* The same to a callback, in chunks. */
MAILWIRE_FUNCTION(INT, ImapReadMessagePartA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszPart, IMAPREADPROC lpReadProc,
                   DWORD_PTR dwParam, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapReadMessagePartW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszPart, IMAPREADPROC lpReadProc,
                   DWORD_PTR dwParam, DWORD dwOptions));
/* Saves each part flagged MIME_PART_ATTACHMENT, decoded, as a new file in
 * lpszFolder under a safe name; returns how many it saved. */
MAILWIRE_FUNCTION(INT, ImapSaveAttachmentsA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszFolder, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapSaveAttachmentsW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszFolder, DWORD dwOptions));
/* A message's envelope, or (lpszPart "2") a message/rfc822 part's, in one
 * block the library allocates (*lphEnvelope, an IMAPENVELOPE), freed with
 * ImapFreeMemory. Returns 0. */
MAILWIRE_FUNCTION(INT, ImapGetMessageEnvelopeA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszPart, HGLOBAL *lphEnvelope,
                   DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapGetMessageEnvelopeW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszPart, HGLOBAL *lphEnvelope,
                   DWORD dwOptions));
/* The envelopes of a message set ("1:*", UIDs with IMAP_MESSAGE_UID) in
 * one FETCH, each to the callback; returns how many it delivered. */
MAILWIRE_FUNCTION(INT, ImapFetchEnvelopesA,
                  (HCLIENT hClient, LPCSTR lpszMessageSet, DWORD dwOptions,
                   IMAPENVELOPEPROCA lpEnvelopeProc, DWORD_PTR dwParam));
MAILWIRE_FUNCTION(INT, ImapFetchEnvelopesW,
                  (HCLIENT hClient, LPCWSTR lpszMessageSet, DWORD dwOptions,
                   IMAPENVELOPEPROCW lpEnvelopeProc, DWORD_PTR dwParam));
/* Bytes dwOffset to dwOffset + *lpdwLength of a message (lpszPart NULL or
 * "") or part, as sent, into the caller's buffer: BODY[1]<0.2048>. Returns
 * how many came (fewer when it ends before). */
MAILWIRE_FUNCTION(INT, ImapGetMessageRangeA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszPart, DWORD dwOffset, LPVOID lpvData,
                   LPDWORD lpdwLength, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapGetMessageRangeW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszPart, DWORD dwOffset, LPVOID lpvData,
                   LPDWORD lpdwLength, DWORD dwOptions));
/* A short text of the message for a list (RFC 8970 PREVIEW, else made from
 * its first text part), at most 256 characters on one line. */
MAILWIRE_FUNCTION(INT, ImapGetMessagePreviewA,
                  (HCLIENT hClient, UINT nMessageId, LPSTR lpszPreview, INT nMax, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapGetMessagePreviewW,
                  (HCLIENT hClient, UINT nMessageId, LPWSTR lpszPreview, INT nMax, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapGetMessageSize,
                  (HCLIENT hClient, UINT nMessageId, LPDWORD lpdwSize, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapGetMessageUid, (HCLIENT hClient, UINT nMessageId, LPDWORD lpdwUid));
MAILWIRE_FUNCTION(INT, ImapGetMessageFlags,
                  (HCLIENT hClient, UINT nMessageId, LPDWORD lpdwFlags, DWORD dwOptions));
/* STORE: IMAP_FLAGS_SET / _ADD / _REMOVE in dwOptions. */
MAILWIRE_FUNCTION(INT, ImapSetMessageFlags,
                  (HCLIENT hClient, UINT nMessageId, DWORD dwFlags, DWORD dwOptions));
/* Keywords ("$Forwarded Work"), space separated; same modes. */
MAILWIRE_FUNCTION(INT, ImapSetMessageKeywordsA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszKeywords, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapSetMessageKeywordsW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszKeywords, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapGetMessageKeywordsA,
                  (HCLIENT hClient, UINT nMessageId, LPSTR lpszKeywords, INT nMax, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapGetMessageKeywordsW,
                  (HCLIENT hClient, UINT nMessageId, LPWSTR lpszKeywords, INT nMax, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapDeleteMessage, (HCLIENT hClient, UINT nMessageId, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapUndeleteMessage, (HCLIENT hClient, UINT nMessageId, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapCopyMessageA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszMailbox, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapCopyMessageW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszMailbox, DWORD dwOptions));
/* MOVE, or COPY + \Deleted + (UID) EXPUNGE where MOVE is missing. */
MAILWIRE_FUNCTION(INT, ImapMoveMessageA,
                  (HCLIENT hClient, UINT nMessageId, LPCSTR lpszMailbox, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapMoveMessageW,
                  (HCLIENT hClient, UINT nMessageId, LPCWSTR lpszMailbox, DWORD dwOptions));
/* ---- Message sets ("1:5,9,20:*"; UIDs with IMAP_MESSAGE_UID): one
 * command, one round trip, for any set; a set longer than a command line
 * goes in several, each under 8 KB. ---- */
/* The set of an array of numbers, runs compacted ("1:3,5,9"); returns its
 * length (NULL and 0: the length it needs). */
MAILWIRE_FUNCTION(INT, ImapMakeMessageSetA,
                  (const DWORD *lpdwMessageIds, INT nCount, LPSTR lpszMessageSet, INT nMax));
MAILWIRE_FUNCTION(INT, ImapMakeMessageSetW,
                  (const DWORD *lpdwMessageIds, INT nCount, LPWSTR lpszMessageSet, INT nMax));
/* STORE of flags (IMAP_FLAGS_SET / _ADD / _REMOVE); with \Deleted, the set
 * form of ImapDeleteMessage / ImapUndeleteMessage. */
MAILWIRE_FUNCTION(INT, ImapSetMessagesFlagsA,
                  (HCLIENT hClient, LPCSTR lpszMessageSet, DWORD dwFlags, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapSetMessagesFlagsW,
                  (HCLIENT hClient, LPCWSTR lpszMessageSet, DWORD dwFlags, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapSetMessagesKeywordsA,
                  (HCLIENT hClient, LPCSTR lpszMessageSet, LPCSTR lpszKeywords, DWORD dwOptions));
MAILWIRE_FUNCTION(INT, ImapSetMessagesKeywordsW,
                  (HCLIENT hClient, LPCWSTR lpszMessageSet, LPCWSTR lpszKeywords, DWORD dwOptions));
/* COPY / MOVE; each old UID -> new UID to the callback (may be NULL);
 * returns how many pairs the server reported. */
MAILWIRE_FUNCTION(INT, ImapCopyMessagesA,
                  (HCLIENT hClient, LPCSTR lpszMessageSet, LPCSTR lpszMailbox, DWORD dwOptions,
                   IMAPCOPYPROC lpCopyProc, DWORD_PTR dwParam));
MAILWIRE_FUNCTION(INT, ImapCopyMessagesW,
                  (HCLIENT hClient, LPCWSTR lpszMessageSet, LPCWSTR lpszMailbox, DWORD dwOptions,
                   IMAPCOPYPROC lpCopyProc, DWORD_PTR dwParam));
MAILWIRE_FUNCTION(INT, ImapMoveMessagesA,
                  (HCLIENT hClient, LPCSTR lpszMessageSet, LPCSTR lpszMailbox, DWORD dwOptions,
                   IMAPCOPYPROC lpCopyProc, DWORD_PTR dwParam));
MAILWIRE_FUNCTION(INT, ImapMoveMessagesW,
                  (HCLIENT hClient, LPCWSTR lpszMessageSet, LPCWSTR lpszMailbox, DWORD dwOptions,
                   IMAPCOPYPROC lpCopyProc, DWORD_PTR dwParam));
/* SEARCH with the matches written as a compact set ("1:1000,1005");
 * returns its length (NULL and 0: the length it needs), the number of
 * matches in *lpdwMatches (may be NULL). */
MAILWIRE_FUNCTION(INT, ImapSearchMessageSetA,
                  (HCLIENT hClient, LPCSTR lpszCriteria, LPCSTR lpszCharset, DWORD dwOptions,
                   LPSTR lpszMessageSet, INT nMax, LPDWORD lpdwMatches));
MAILWIRE_FUNCTION(INT, ImapSearchMessageSetW,
                  (HCLIENT hClient, LPCWSTR lpszCriteria, LPCWSTR lpszCharset, DWORD dwOptions,
                   LPWSTR lpszMessageSet, INT nMax, LPDWORD lpdwMatches));
/* UID EXPUNGE (UIDPLUS): removes just these \Deleted messages. */
MAILWIRE_FUNCTION(INT, ImapExpungeMessagesA, (HCLIENT hClient, LPCSTR lpszUidSet));
MAILWIRE_FUNCTION(INT, ImapExpungeMessagesW, (HCLIENT hClient, LPCWSTR lpszUidSet));
/* APPEND; returns the new UID (UIDPLUS), 0 if the server does not say. */
MAILWIRE_FUNCTION(INT, ImapAppendMessageA,
                  (HCLIENT hClient, LPCSTR lpszMailbox, LPCVOID lpvMessage, DWORD dwLength,
                   DWORD dwFlags, LPCSTR lpszDate));
MAILWIRE_FUNCTION(INT, ImapAppendMessageW,
                  (HCLIENT hClient, LPCWSTR lpszMailbox, LPCVOID lpvMessage, DWORD dwLength,
                   DWORD dwFlags, LPCWSTR lpszDate));
/* SEARCH; returns how many matched, which may be more than the nMax
 * stored in lpdwResults: read min(returned, nMax) entries. */
MAILWIRE_FUNCTION(INT, ImapSearchMailboxA,
                  (HCLIENT hClient, LPCSTR lpszCriteria, LPCSTR lpszCharset, DWORD dwOptions,
                   LPDWORD lpdwResults, INT nMax));
MAILWIRE_FUNCTION(INT, ImapSearchMailboxW,
                  (HCLIENT hClient, LPCWSTR lpszCriteria, LPCWSTR lpszCharset, DWORD dwOptions,
                   LPDWORD lpdwResults, INT nMax));
/* SEARCH with each match handed to the callback as it is read; returns
 * how many matched. Memory stays flat whatever the answer's size. */
MAILWIRE_FUNCTION(INT, ImapSearchMessagesA,
                  (HCLIENT hClient, LPCSTR lpszCriteria, LPCSTR lpszCharset, DWORD dwOptions,
                   IMAPSEARCHPROC lpSearchProc, DWORD_PTR dwParam));
MAILWIRE_FUNCTION(INT, ImapSearchMessagesW,
                  (HCLIENT hClient, LPCWSTR lpszCriteria, LPCWSTR lpszCharset, DWORD dwOptions,
                   IMAPSEARCHPROC lpSearchProc, DWORD_PTR dwParam));
/* SORT (RFC 5256) by keys ("REVERSE DATE"): each match of the criteria
 * handed to the callback in sorted order as it is read; returns how many
 * matched. ST_ERROR_NOT_SUPPORTED when the server has no SORT. */
MAILWIRE_FUNCTION(INT, ImapSortMessagesA,
                  (HCLIENT hClient, LPCSTR lpszSortKeys, LPCSTR lpszCriteria, LPCSTR lpszCharset,
                   DWORD dwOptions, IMAPSEARCHPROC lpSearchProc, DWORD_PTR dwParam));
MAILWIRE_FUNCTION(INT, ImapSortMessagesW,
                  (HCLIENT hClient, LPCWSTR lpszSortKeys, LPCWSTR lpszCriteria, LPCWSTR lpszCharset,
                   DWORD dwOptions, IMAPSEARCHPROC lpSearchProc, DWORD_PTR dwParam));
/* How many messages match, and the smallest and largest of them (may be
 * NULL): SEARCH RETURN (MIN MAX COUNT) where the server has ESEARCH. */
MAILWIRE_FUNCTION(INT, ImapSearchSummaryA,
                  (HCLIENT hClient, LPCSTR lpszCriteria, LPCSTR lpszCharset, DWORD dwOptions,
                   LPDWORD lpdwMin, LPDWORD lpdwMax));
MAILWIRE_FUNCTION(INT, ImapSearchSummaryW,
                  (HCLIENT hClient, LPCWSTR lpszCriteria, LPCWSTR lpszCharset, DWORD dwOptions,
                   LPDWORD lpdwMin, LPDWORD lpdwMax));
/* ENABLE (RFC 5161) of "CONDSTORE" or "QRESYNC", separated by spaces,
 * after login and before a mailbox is selected. */
MAILWIRE_FUNCTION(INT, ImapEnableA, (HCLIENT hClient, LPCSTR lpszExtensions));
MAILWIRE_FUNCTION(INT, ImapEnableW, (HCLIENT hClient, LPCWSTR lpszExtensions));
/* The flags and MODSEQ of the messages of a set changed since ullModSeq
 * (FETCH CHANGEDSINCE, RFC 7162), with IMAP_CHANGES_VANISHED the UIDs
 * expunged since too; each to the callback. Returns how many changes. */
MAILWIRE_FUNCTION(INT, ImapFetchChangesA,
                  (HCLIENT hClient, LPCSTR lpszMessageSet, ULONGLONG ullModSeq, DWORD dwOptions,
                   IMAPCHANGEPROC lpChangeProc, DWORD_PTR dwParam));
MAILWIRE_FUNCTION(INT, ImapFetchChangesW,
                  (HCLIENT hClient, LPCWSTR lpszMessageSet, ULONGLONG ullModSeq, DWORD dwOptions,
                   IMAPCHANGEPROC lpChangeProc, DWORD_PTR dwParam));
/* SELECT (EXAMINE with IMAP_SELECT_READONLY) with QRESYNC: what changed
 * and vanished since (dwUidValidity, ullModSeq) comes to the callback in
 * the same round trip. Returns how many changes. */
MAILWIRE_FUNCTION(INT, ImapSelectResyncA,
                  (HCLIENT hClient, LPCSTR lpszMailbox, DWORD dwUidValidity, ULONGLONG ullModSeq,
                   LPCSTR lpszKnownUids, DWORD dwOptions, LPIMAPMAILBOX lpMailbox,
                   IMAPCHANGEPROC lpChangeProc, DWORD_PTR dwParam));
MAILWIRE_FUNCTION(INT, ImapSelectResyncW,
                  (HCLIENT hClient, LPCWSTR lpszMailbox, DWORD dwUidValidity, ULONGLONG ullModSeq,
                   LPCWSTR lpszKnownUids, DWORD dwOptions, LPIMAPMAILBOX lpMailbox,
                   IMAPCHANGEPROC lpChangeProc, DWORD_PTR dwParam));
/* Flags of a set stored only on the messages not changed since
 * ullUnchangedSince (STORE UNCHANGEDSINCE, RFC 7162); the others, left
 * alone, go one by one to the callback (may be NULL). Returns how many
 * were left alone. */
MAILWIRE_FUNCTION(INT, ImapSetMessagesFlagsIfUnchangedA,
                  (HCLIENT hClient, LPCSTR lpszMessageSet, DWORD dwFlags, DWORD dwOptions,
                   ULONGLONG ullUnchangedSince, IMAPSEARCHPROC lpModifiedProc, DWORD_PTR dwParam));
MAILWIRE_FUNCTION(INT, ImapSetMessagesFlagsIfUnchangedW,
                  (HCLIENT hClient, LPCWSTR lpszMessageSet, DWORD dwFlags, DWORD dwOptions,
                   ULONGLONG ullUnchangedSince, IMAPSEARCHPROC lpModifiedProc, DWORD_PTR dwParam));
/* Bytes the session has moved since it connected, on the wire and of the
 * protocol, each way, and whether COMPRESS is on. No round trip. */
MAILWIRE_FUNCTION(INT, ImapGetTraffic, (HCLIENT hClient, LPIMAPTRAFFIC lpTraffic));
/* The selected mailbox's HIGHESTMODSEQ as the server last reported it (on
 * SELECT, or in the answer to a later command); 0: none. No round trip. */
MAILWIRE_FUNCTION(INT, ImapGetHighestModSeq, (HCLIENT hClient, ULONGLONG *lpullModSeq));
/* IDLE for event loops: ImapIdleStart sends IDLE and returns; the
 * application waits on ImapGetSocket's socket (with its own select, poll
 * or WSAEventSelect), and calls ImapIdleProcess when it is readable (and
 * once right after ImapIdleStart), which reads what arrived without
 * waiting and returns 1 while IDLE runs, 0 once the server ended it.
 * ImapIdleStop sends DONE. Other commands fail with ST_ERROR_HANDLE_BUSY
 * meanwhile. */
MAILWIRE_FUNCTION(INT, ImapIdleStart, (HCLIENT hClient));
MAILWIRE_FUNCTION(INT, ImapIdleProcess, (HCLIENT hClient, LPDWORD lpdwChanges));
MAILWIRE_FUNCTION(INT, ImapIdleStop, (HCLIENT hClient, LPDWORD lpdwChanges));
/* The connection's socket (a SOCKET on Windows, a descriptor elsewhere),
 * to wait on for reading; the library keeps owning it. */
MAILWIRE_FUNCTION(INT, ImapGetSocket, (HCLIENT hClient, DWORD_PTR *lpSocket));
/* Waits in IDLE (or NOOP polling) for new, expunged or changed messages. */
MAILWIRE_FUNCTION(INT, ImapIdle, (HCLIENT hClient, UINT nTimeout, LPDWORD lpdwChanges));
/* A raw command (the library adds tag and CRLF); returns IMAP_RESULT_*. */
MAILWIRE_FUNCTION(INT, ImapCommandA, (HCLIENT hClient, LPCSTR lpszCommand));
MAILWIRE_FUNCTION(INT, ImapCommandW, (HCLIENT hClient, LPCWSTR lpszCommand));
/* Bytes of the current (or last) transfer so far and in all; any thread. */
MAILWIRE_FUNCTION(INT, ImapGetTransferStatus,
                  (HCLIENT hClient, LPDWORD lpdwBytesCopied, LPDWORD lpdwBytesTotal));
/* Frees memory ImapGetMessage / ImapGetMessageHeaders allocated. */
MAILWIRE_FUNCTION(VOID, ImapFreeMemory, (HGLOBAL hMemory));

/* ---- The server's words ----------------------------------------------- */

/* IMAP_RESULT_* of the last tagged response. */
MAILWIRE_FUNCTION(INT, ImapGetResultCode, (HCLIENT hClient));
/* Its text, response code included ("[AUTHENTICATIONFAILED] ..."). */
MAILWIRE_FUNCTION(INT, ImapGetResultStringA, (HCLIENT hClient, LPSTR lpszResult, INT nMax));
MAILWIRE_FUNCTION(INT, ImapGetResultStringW, (HCLIENT hClient, LPWSTR lpszResult, INT nMax));
/* The lines the server sent during the last call, tagged line included. */
MAILWIRE_FUNCTION(INT, ImapGetResponseCount, (HCLIENT hClient));
MAILWIRE_FUNCTION(INT, ImapGetResponseLineA,
                  (HCLIENT hClient, INT nIndex, LPSTR lpszLine, INT nMax));
MAILWIRE_FUNCTION(INT, ImapGetResponseLineW,
                  (HCLIENT hClient, INT nIndex, LPWSTR lpszLine, INT nMax));

/* ---- Tracing and events ----------------------------------------------- */

/* Per-handle status procedure; NULL removes it. */
MAILWIRE_FUNCTION(BOOL, ImapRegisterStatusProc,
                  (HCLIENT hClient, IMAPSTATUSPROC lpStatusProc, DWORD_PTR dwParam));
/* Per-handle event procedure for one IMAP_EVENT_*; NULL removes it. */
MAILWIRE_FUNCTION(BOOL, ImapRegisterEvent,
                  (HCLIENT hClient, UINT nEventId, IMAPEVENTPROC lpEventProc, DWORD_PTR dwParam));
/* Process-wide protocol trace of every IMAP handle to a file. */
MAILWIRE_FUNCTION(BOOL, ImapEnableTraceA, (LPCSTR lpszFileName, DWORD dwFlags));
MAILWIRE_FUNCTION(BOOL, ImapEnableTraceW, (LPCWSTR lpszFileName, DWORD dwFlags));
MAILWIRE_FUNCTION(VOID, ImapDisableTrace, (VOID));

#ifdef UNICODE
#define ImapInitialize ImapInitializeW
#define ImapGetErrorString ImapGetErrorStringW
#define ImapConnect ImapConnectW
#define ImapAsyncConnect ImapAsyncConnectW
#define ImapGetCapabilities ImapGetCapabilitiesW
#define ImapHasCapability ImapHasCapabilityW
#define ImapGetServerIdentity ImapGetServerIdentityW
#define ImapCreateSecurityCredentials ImapCreateSecurityCredentialsW
#define ImapDeleteSecurityCredentials ImapDeleteSecurityCredentialsW
#define ImapGetSecurityInformation ImapGetSecurityInformationW
#define ImapLogin ImapLoginW
#define ImapGetResultString ImapGetResultStringW
#define ImapGetResponseLine ImapGetResponseLineW
#define ImapEnableTrace ImapEnableTraceW
#define ImapSelectMailbox ImapSelectMailboxW
#define ImapExamineMailbox ImapExamineMailboxW
#define ImapCreateMailbox ImapCreateMailboxW
#define ImapDeleteMailbox ImapDeleteMailboxW
#define ImapRenameMailbox ImapRenameMailboxW
#define ImapSubscribeMailbox ImapSubscribeMailboxW
#define ImapUnsubscribeMailbox ImapUnsubscribeMailboxW
#define ImapGetMailboxStatus ImapGetMailboxStatusW
#define ImapGetFirstMailbox ImapGetFirstMailboxW
#define ImapGetNextMailbox ImapGetNextMailboxW
#define ImapListMailboxes ImapListMailboxesW
#define IMAPMAILBOXINFO IMAPMAILBOXINFOW
#define LPIMAPMAILBOXINFO LPIMAPMAILBOXINFOW
#define IMAPMAILBOXPROC IMAPMAILBOXPROCW
#define ImapSaveMessage ImapSaveMessageW
#define ImapFetchMessages ImapFetchMessagesW
#define ImapSelectAndFetch ImapSelectAndFetchW
#define ImapParseHeaderValue ImapParseHeaderValueW
#define ImapGetHeaderValue ImapGetHeaderValueW
#define ImapSetMessageKeywords ImapSetMessageKeywordsW
#define ImapGetMessageKeywords ImapGetMessageKeywordsW
#define ImapCopyMessage ImapCopyMessageW
#define ImapMoveMessage ImapMoveMessageW
#define ImapAppendMessage ImapAppendMessageW
#define ImapSearchMailbox ImapSearchMailboxW
#define ImapSearchMessages ImapSearchMessagesW
#define ImapSortMessages ImapSortMessagesW
#define ImapEnable ImapEnableW
#define ImapSearchSummary ImapSearchSummaryW
#define ImapFetchChanges ImapFetchChangesW
#define ImapSelectResync ImapSelectResyncW
#define ImapSetMessagesFlagsIfUnchanged ImapSetMessagesFlagsIfUnchangedW
#define ImapMakeMessageSet ImapMakeMessageSetW
#define ImapSetMessagesFlags ImapSetMessagesFlagsW
#define ImapSetMessagesKeywords ImapSetMessagesKeywordsW
#define ImapCopyMessages ImapCopyMessagesW
#define ImapMoveMessages ImapMoveMessagesW
#define ImapExpungeMessages ImapExpungeMessagesW
#define ImapSearchMessageSet ImapSearchMessageSetW
#define ImapListMessages ImapListMessagesW
#define ImapCommand ImapCommandW
#define ImapGetMessagePartInfo ImapGetMessagePartInfoW
#define ImapGetMessageRange ImapGetMessageRangeW
#define ImapGetMessagePreview ImapGetMessagePreviewW
#define ImapGetMessageEnvelope ImapGetMessageEnvelopeW
#define ImapFetchEnvelopes ImapFetchEnvelopesW
#define ImapEnumMessageParts ImapEnumMessagePartsW
#define ImapGetMessagePart ImapGetMessagePartW
#define ImapSaveMessagePart ImapSaveMessagePartW
#define ImapReadMessagePart ImapReadMessagePartW
#define ImapSaveAttachments ImapSaveAttachmentsW
#else
#define ImapInitialize ImapInitializeA
#define ImapGetErrorString ImapGetErrorStringA
#define ImapConnect ImapConnectA
#define ImapAsyncConnect ImapAsyncConnectA
#define ImapGetCapabilities ImapGetCapabilitiesA
#define ImapHasCapability ImapHasCapabilityA
#define ImapGetServerIdentity ImapGetServerIdentityA
#define ImapCreateSecurityCredentials ImapCreateSecurityCredentialsA
#define ImapDeleteSecurityCredentials ImapDeleteSecurityCredentialsA
#define ImapGetSecurityInformation ImapGetSecurityInformationA
#define ImapLogin ImapLoginA
#define ImapGetResultString ImapGetResultStringA
#define ImapGetResponseLine ImapGetResponseLineA
#define ImapEnableTrace ImapEnableTraceA
#define ImapSelectMailbox ImapSelectMailboxA
#define ImapExamineMailbox ImapExamineMailboxA
#define ImapCreateMailbox ImapCreateMailboxA
#define ImapDeleteMailbox ImapDeleteMailboxA
#define ImapRenameMailbox ImapRenameMailboxA
#define ImapSubscribeMailbox ImapSubscribeMailboxA
#define ImapUnsubscribeMailbox ImapUnsubscribeMailboxA
#define ImapGetMailboxStatus ImapGetMailboxStatusA
#define ImapGetFirstMailbox ImapGetFirstMailboxA
#define ImapGetNextMailbox ImapGetNextMailboxA
#define ImapListMailboxes ImapListMailboxesA
#define IMAPMAILBOXINFO IMAPMAILBOXINFOA
#define LPIMAPMAILBOXINFO LPIMAPMAILBOXINFOA
#define IMAPMAILBOXPROC IMAPMAILBOXPROCA
#define ImapSaveMessage ImapSaveMessageA
#define ImapFetchMessages ImapFetchMessagesA
#define ImapSelectAndFetch ImapSelectAndFetchA
#define ImapParseHeaderValue ImapParseHeaderValueA
#define ImapGetHeaderValue ImapGetHeaderValueA
#define ImapSetMessageKeywords ImapSetMessageKeywordsA
#define ImapGetMessageKeywords ImapGetMessageKeywordsA
#define ImapCopyMessage ImapCopyMessageA
#define ImapMoveMessage ImapMoveMessageA
#define ImapAppendMessage ImapAppendMessageA
#define ImapSearchMailbox ImapSearchMailboxA
#define ImapSearchMessages ImapSearchMessagesA
#define ImapSortMessages ImapSortMessagesA
#define ImapEnable ImapEnableA
#define ImapSearchSummary ImapSearchSummaryA
#define ImapFetchChanges ImapFetchChangesA
#define ImapSelectResync ImapSelectResyncA
#define ImapSetMessagesFlagsIfUnchanged ImapSetMessagesFlagsIfUnchangedA
#define ImapMakeMessageSet ImapMakeMessageSetA
#define ImapSetMessagesFlags ImapSetMessagesFlagsA
#define ImapSetMessagesKeywords ImapSetMessagesKeywordsA
#define ImapCopyMessages ImapCopyMessagesA
#define ImapMoveMessages ImapMoveMessagesA
#define ImapExpungeMessages ImapExpungeMessagesA
#define ImapSearchMessageSet ImapSearchMessageSetA
#define ImapListMessages ImapListMessagesA
#define ImapCommand ImapCommandA
#define ImapGetMessagePartInfo ImapGetMessagePartInfoA
#define ImapGetMessageRange ImapGetMessageRangeA
#define ImapGetMessagePreview ImapGetMessagePreviewA
#define ImapGetMessageEnvelope ImapGetMessageEnvelopeA
#define ImapFetchEnvelopes ImapFetchEnvelopesA
#define ImapEnumMessageParts ImapEnumMessagePartsA
#define ImapGetMessagePart ImapGetMessagePartA
#define ImapSaveMessagePart ImapSaveMessagePartA
#define ImapReadMessagePart ImapReadMessagePartA
#define ImapSaveAttachments ImapSaveAttachmentsA
#endif

#ifdef __cplusplus
}
#endif

#endif /* MAILWIRE_IMAP_H */
