/* wide.c - the W entry points' work: convert wide text to UTF-8, call the
 * shared operation, convert results back. */
#include <stddef.h>
#include <string.h>

#include "../sys/alloc.h"
#include "../sys/sys.h"
#include "client.h"
#include "errors.h"

/* Converts n wide strings; on failure frees what was converted. */
static DWORD convert_all(LPCWSTR const *in, char **out, int n)
{
    for (int i = 0; i < n; i++) {
        DWORD err = mw_utf8_from_wide(in[i], &out[i]);
        if (err != 0) {
            while (i-- > 0)
                mw_text_free(&out[i], 1);
            return err;
        }
    }
    return 0;
}

static void free_all(char **v, int n)
{
    for (int i = 0; i < n; i++)
        mw_text_free(&v[i], 1);
}

#define CRED_STRINGS 7

static void wide_cred_fields(const SECURITYCREDENTIALSW *c, LPCWSTR f[CRED_STRINGS])
{
    LPCWSTR all[CRED_STRINGS] = {c->lpszCertFile, c->lpszKeyFile,   c->lpszKeyPassword,
                                 c->lpszCAFile,   c->lpszServerName, c->lpszProxy,
                                 c->lpszCAPath};
    /* Fields past an older structure's dwSize are absent. */
    size_t first = offsetof(SECURITYCREDENTIALSW, lpszCertFile);
    for (int i = 0; i < CRED_STRINGS; i++)
        f[i] = c->dwSize >= first + (size_t)(i + 1) * sizeof(LPCWSTR) ? all[i] : NULL;
}

HCLIENT mw_wide_connect(mw_proto p, LPCWSTR host, UINT port, UINT timeout, DWORD options,
                        const SECURITYCREDENTIALSW *creds, mw_event_proc proc, DWORD_PTR param,
                        int async)
{
    char *h = NULL;
    char *f[CRED_STRINGS] = {0};
    LPCWSTR wf[CRED_STRINGS] = {0};
    if (creds != NULL && creds->dwSize < offsetof(SECURITYCREDENTIALSW, lpszCertFile)) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return INVALID_CLIENT;
    }
    if (creds != NULL)
        wide_cred_fields(creds, wf);
    DWORD err = mw_utf8_from_wide(host, &h);
    if (err == 0)
        err = convert_all(wf, f, CRED_STRINGS);
    if (err != 0) {
        mw_text_free(&h, 0);
        mw_set_error(err);
        return INVALID_CLIENT;
    }
    SECURITYCREDENTIALSA a = {sizeof a, 0, 0, f[0], f[1], f[2], f[3], f[4], f[5], f[6]};
    if (creds != NULL) {
        a.dwProtocol = creds->dwProtocol;
        a.dwOptions = creds->dwOptions;
    }
    HCLIENT r = mw_api_connect(p, h, port, timeout, options, creds != NULL ? &a : NULL, proc,
                               param, async);
    mw_text_free(&h, 0);
    free_all(f, CRED_STRINGS);
    return r;
}

BOOL mw_wide_create_credentials(DWORD protocol, DWORD options, LPCWSTR const strings[7],
                                LPSECURITYCREDENTIALSW *out_r)
{
    if (out_r == NULL || (protocol & ~(DWORD)SECURITY_PROTOCOL_MASK) != 0 || options != 0) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *out_r = NULL;
    size_t total = sizeof(SECURITYCREDENTIALSW);
    for (int i = 0; i < CRED_STRINGS; i++)
        total += strings[i] != NULL ? (wcslen(strings[i]) + 1) * sizeof(wchar_t) : 0;
    SECURITYCREDENTIALSW *c = mw_calloc(1, total);
    if (c == NULL) {
        mw_set_error(ST_ERROR_OUT_OF_MEMORY);
        return FALSE;
    }
    wchar_t *at = (wchar_t *)(c + 1);
    LPCWSTR copies[CRED_STRINGS];
    for (int i = 0; i < CRED_STRINGS; i++) {
        copies[i] = NULL;
        if (strings[i] != NULL) {
            size_t n = wcslen(strings[i]) + 1;
            memcpy(at, strings[i], n * sizeof(wchar_t));
            copies[i] = at;
            at += n;
        }
    }
    c->dwSize = sizeof *c;
    c->dwProtocol = protocol;
    c->dwOptions = options;
    c->lpszCertFile = copies[0];
    c->lpszKeyFile = copies[1];
    c->lpszKeyPassword = copies[2];
    c->lpszCAFile = copies[3];
    c->lpszServerName = copies[4];
    c->lpszProxy = copies[5];
    c->lpszCAPath = copies[6];
    *out_r = c;
    return TRUE;
}

void mw_wide_delete_credentials(LPSECURITYCREDENTIALSW c)
{
    if (c == NULL)
        return;
    if (c->lpszKeyPassword != NULL)
        mw_wipe((wchar_t *)c->lpszKeyPassword, wcslen(c->lpszKeyPassword) * sizeof(wchar_t));
    if (c->lpszProxy != NULL)
        mw_wipe((wchar_t *)c->lpszProxy, wcslen(c->lpszProxy) * sizeof(wchar_t));
    mw_free(c);
}

BOOL mw_wide_get_security(mw_proto p, HCLIENT h, SECURITYINFOW *info)
{
    if (info == NULL || info->dwSize < offsetof(SECURITYINFOW, dwFlags)) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SECURITYINFOA a;
    a.dwSize = sizeof a;
    if (!mw_api_get_security(p, h, &a))
        return FALSE;
    if (info->dwSize >= sizeof *info) {
        info->dwSize = sizeof *info;
        info->dwFlags = a.dwFlags;
    }
    info->dwProtocol = a.dwProtocol;
    info->dwVerifyResult = a.dwVerifyResult;
    info->dwCipherStrength = a.dwCipherStrength;
    mw_wide_from_utf8_fixed(a.szProtocol, info->szProtocol, sizeof info->szProtocol / sizeof(WCHAR));
    mw_wide_from_utf8_fixed(a.szCipherSuite, info->szCipherSuite,
                            sizeof info->szCipherSuite / sizeof(WCHAR));
    mw_wide_from_utf8_fixed(a.szSubject, info->szSubject, sizeof info->szSubject / sizeof(WCHAR));
    mw_wide_from_utf8_fixed(a.szIssuer, info->szIssuer, sizeof info->szIssuer / sizeof(WCHAR));
    return TRUE;
}

INT mw_wide_login(mw_proto p, HCLIENT h, UINT type, LPCWSTR user, LPCWSTR pass)
{
    LPCWSTR in[2] = {user, pass};
    char *v[2] = {0};
    DWORD err = convert_all(in, v, 2);
    if (err != 0) {
        mw_set_error(err);
        return -1;
    }
    INT r = mw_api_login(p, h, type, v[0], v[1]);
    free_all(v, 2);
    return r;
}

BOOL mw_wide_has_capability(mw_proto p, HCLIENT h, LPCWSTR name)
{
    char *n = NULL;
    DWORD err = mw_utf8_from_wide(name, &n);
    if (err != 0) {
        mw_set_error(err);
        return FALSE;
    }
    BOOL r = mw_api_has_capability(p, h, n);
    mw_text_free(&n, 0);
    return r;
}

INT mw_wide_get_identity(mw_proto p, HCLIENT h, LPCWSTR field, LPWSTR buf, INT nmax)
{
    char *f = NULL;
    DWORD err = mw_utf8_from_wide(field, &f);
    if (err != 0) {
        mw_set_error(err);
        return -1;
    }
    mw_out out = {1, buf, nmax};
    INT r = mw_api_get_identity(p, h, f, &out);
    mw_text_free(&f, 0);
    return r;
}

BOOL mw_wide_enable_trace(mw_proto p, LPCWSTR path, DWORD flags)
{
    char *f = NULL;
    DWORD err = mw_utf8_from_wide(path, &f);
    if (err != 0) {
        mw_set_error(err);
        return FALSE;
    }
    BOOL r = mw_api_enable_trace(p, f, flags);
    mw_text_free(&f, 0);
    return r;
}
