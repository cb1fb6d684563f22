/* credentials.c - Create/DeleteSecurityCredentials: one allocation holding
 * the structure and copies of its strings. */
#include <string.h>

#include "../sys/alloc.h"
#include "../sys/sys.h"
#include "client.h"
#include "errors.h"

/* The order of the strings[] arguments, as in the public signature. */
enum { CERT, KEY, KEY_PASSWORD, CA_FILE, SERVER_NAME, PROXY, CA_PATH, NSTRINGS };

BOOL mw_api_create_credentials(DWORD protocol, DWORD options, const char *const strings[7],
                               LPSECURITYCREDENTIALSA *out_r)
{
    if (out_r == NULL || (protocol & ~(DWORD)SECURITY_PROTOCOL_MASK) != 0 ||
        (options & ~(DWORD)CREDENTIAL_OPTIONS_MASK) != 0) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *out_r = NULL;
    size_t total = sizeof(SECURITYCREDENTIALSA);
    for (int i = 0; i < NSTRINGS; i++)
        total += strings[i] != NULL ? strlen(strings[i]) + 1 : 0;
    SECURITYCREDENTIALSA *c = mw_calloc(1, total);
    if (c == NULL) {
        mw_set_error(ST_ERROR_OUT_OF_MEMORY);
        return FALSE;
    }
    char *at = (char *)(c + 1);
    const char *copies[NSTRINGS];
    for (int i = 0; i < NSTRINGS; i++) {
        copies[i] = NULL;
        if (strings[i] != NULL) {
            size_t n = strlen(strings[i]) + 1;
            memcpy(at, strings[i], n);
            copies[i] = at;
            at += n;
        }
    }
    c->dwSize = sizeof *c;
    c->dwProtocol = protocol;
    c->dwOptions = options;
    c->lpszCertFile = copies[CERT];
    c->lpszKeyFile = copies[KEY];
    c->lpszKeyPassword = copies[KEY_PASSWORD];
    c->lpszCAFile = copies[CA_FILE];
    c->lpszServerName = copies[SERVER_NAME];
    c->lpszProxy = copies[PROXY];
    c->lpszCAPath = copies[CA_PATH];
    *out_r = c;
    return TRUE;
}

void mw_api_delete_credentials(LPSECURITYCREDENTIALSA c)
{
    if (c == NULL)
        return;
    if (c->lpszKeyPassword != NULL)
        mw_wipe((char *)c->lpszKeyPassword, strlen(c->lpszKeyPassword));
    if (c->lpszProxy != NULL) /* may carry user:password */
        mw_wipe((char *)c->lpszProxy, strlen(c->lpszProxy));
    mw_free(c);
}
