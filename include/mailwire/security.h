/*
 * mailwire/security.h - TLS settings passed to a connect, and what a
 * connection negotiated.
 */
#ifndef MAILWIRE_SECURITY_H
#define MAILWIRE_SECURITY_H

#include "types.h"

/* dwProtocol: which TLS versions may be negotiated. 0 = TLS 1.2 and later.
 * Versions below TLS 1.2 are never offered. */
#define SECURITY_PROTOCOL_DEFAULT 0x00000000
#define SECURITY_PROTOCOL_TLS12 0x00000001
#define SECURITY_PROTOCOL_TLS13 0x00000002
#define SECURITY_PROTOCOL_MASK 0x00000003

/* dwOptions: credential options. */
#define CREDENTIAL_DEFAULT 0x00000000
/* Never resume a TLS session, nor keep this connection's sessions for
 * later ones (by default a verified connection resumes one an earlier
 * connection to the same server and port kept). */
#define CREDENTIAL_NO_RESUME 0x00000001
#define CREDENTIAL_OPTIONS_MASK 0x00000001

/*
 * SECURITYCREDENTIALS: dwSize first; fields are only ever appended. A
 * structure from an older header (smaller dwSize) is read up to its size.
 */
typedef struct _SECURITYCREDENTIALSA {
    DWORD dwSize;           /* sizeof(SECURITYCREDENTIALSA) */
    DWORD dwProtocol;       /* SECURITY_PROTOCOL_* bits; 0 = TLS 1.2+ */
    DWORD dwOptions;        /* CREDENTIAL_* bits */
    LPCSTR lpszCertFile;    /* client certificate, PEM or DER; or NULL */
    LPCSTR lpszKeyFile;     /* its private key; or NULL */
    LPCSTR lpszKeyPassword; /* password of the key file; or NULL */
    LPCSTR lpszCAFile;      /* trust anchors (PEM/DER); NULL = system store */
    LPCSTR lpszServerName;  /* name to verify and send as SNI; NULL = host */
    LPCSTR lpszProxy;       /* socks5://host:port or http://host:port, with TUNNEL */
    LPCSTR lpszCAPath;      /* directory of trust anchors; or NULL */
} SECURITYCREDENTIALSA, *LPSECURITYCREDENTIALSA;

typedef struct _SECURITYCREDENTIALSW {
    DWORD dwSize;
    DWORD dwProtocol;
    DWORD dwOptions;
    LPCWSTR lpszCertFile;
    LPCWSTR lpszKeyFile;
    LPCWSTR lpszKeyPassword;
    LPCWSTR lpszCAFile;
    LPCWSTR lpszServerName;
    LPCWSTR lpszProxy;
    LPCWSTR lpszCAPath;
} SECURITYCREDENTIALSW, *LPSECURITYCREDENTIALSW;

/* dwVerifyResult bits of SECURITYINFO. 0 means the certificate verified. */
#define SECURITY_VERIFY_OK 0x00000000
#define SECURITY_VERIFY_UNTRUSTED 0x00000001
#define SECURITY_VERIFY_EXPIRED 0x00000002
#define SECURITY_VERIFY_NAME_MISMATCH 0x00000004
#define SECURITY_VERIFY_OTHER 0x00000008
#define SECURITY_VERIFY_SKIPPED 0x80000000 /* TRUSTEDSITE: not checked */

#define SECURITY_INFO_TEXT 256

/* dwFlags bits of SECURITYINFO. */
#define SECURITY_INFO_RESUMED 0x00000001 /* the handshake resumed an earlier session */

/* What a secure connection negotiated (ImapGetSecurityInformation). */
typedef struct _SECURITYINFOA {
    DWORD dwSize;           /* set by the caller: sizeof(SECURITYINFOA) */
    DWORD dwProtocol;       /* SECURITY_PROTOCOL_TLS12 / _TLS13; 0 = not secure */
    DWORD dwVerifyResult;   /* SECURITY_VERIFY_* bits */
    DWORD dwCipherStrength; /* bits of the negotiated symmetric key */
    CHAR szProtocol[32];    /* "TLSv1.2" */
    CHAR szCipherSuite[96]; /* IANA-style cipher suite name */
    CHAR szSubject[SECURITY_INFO_TEXT]; /* server certificate subject */
    CHAR szIssuer[SECURITY_INFO_TEXT];  /* server certificate issuer */
    DWORD dwFlags;                      /* SECURITY_INFO_* bits (appended: older callers' dwSize ends before it) */
} SECURITYINFOA, *LPSECURITYINFOA;

typedef struct _SECURITYINFOW {
    DWORD dwSize;
    DWORD dwProtocol;
    DWORD dwVerifyResult;
    DWORD dwCipherStrength;
    WCHAR szProtocol[32];
    WCHAR szCipherSuite[96];
    WCHAR szSubject[SECURITY_INFO_TEXT];
    WCHAR szIssuer[SECURITY_INFO_TEXT];
    DWORD dwFlags;
} SECURITYINFOW, *LPSECURITYINFOW;

#ifdef UNICODE
typedef SECURITYCREDENTIALSW SECURITYCREDENTIALS;
typedef LPSECURITYCREDENTIALSW LPSECURITYCREDENTIALS;
typedef SECURITYINFOW SECURITYINFO;
typedef LPSECURITYINFOW LPSECURITYINFO;
#else
typedef SECURITYCREDENTIALSA SECURITYCREDENTIALS;
typedef LPSECURITYCREDENTIALSA LPSECURITYCREDENTIALS;
typedef SECURITYINFOA SECURITYINFO;
typedef LPSECURITYINFOA LPSECURITYINFO;
#endif

#endif /* MAILWIRE_SECURITY_H */
