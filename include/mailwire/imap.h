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

#ifdef __cplusplus
extern "C" {
#endif

#define IMAP_ERROR (-1)
#define IMAP_PORT_DEFAULT 143
#define IMAP_PORT_SECURE 993
#define IMAP_TIMEOUT_DEFAULT 30

/* ImapConnect options (a bitmask; unknown bits are rejected). */
#define IMAP_OPTION_NONE 0x00000000
#define IMAP_OPTION_IDENTIFY 0x00000001
#define IMAP_OPTION_TUNNEL 0x00000002
#define IMAP_OPTION_TRUSTEDSITE 0x00000004
#define IMAP_OPTION_SECURE_EXPLICIT 0x00000008
#define IMAP_OPTION_SECURE IMAP_OPTION_SECURE_EXPLICIT
#define IMAP_OPTION_SECURE_IMPLICIT 0x00000010
#define IMAP_OPTION_FREETHREAD 0x00000020

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
#endif

#ifdef __cplusplus
}
#endif

#endif /* MAILWIRE_IMAP_H */
