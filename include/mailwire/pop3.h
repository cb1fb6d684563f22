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

#ifdef __cplusplus
extern "C" {
#endif

#define POP_ERROR (-1)
#define POP_PORT_DEFAULT 110
#define POP_PORT_SECURE 995
#define POP_TIMEOUT_DEFAULT 30

/* PopConnect options. 0x00000001 is IMAP's IDENTIFY and is not valid here. */
#define POP_OPTION_NONE 0x00000000
#define POP_OPTION_TUNNEL 0x00000002
#define POP_OPTION_TRUSTEDSITE 0x00000004
#define POP_OPTION_SECURE_EXPLICIT 0x00000008
#define POP_OPTION_SECURE POP_OPTION_SECURE_EXPLICIT
#define POP_OPTION_SECURE_IMPLICIT 0x00000010
#define POP_OPTION_FREETHREAD 0x00000020

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
#endif

#ifdef __cplusplus
}
#endif

#endif /* MAILWIRE_POP3_H */
