/* imap_exports.c - the exported Imap... functions. */
#include <mailwire.h>

#include "client.h"
#include "errors.h"

#define MW_NAME(x) Imap##x
#define MW_THIS_PROTO MW_PROTO_IMAP
#define MW_EVENTPROC IMAPEVENTPROC
#define MW_STATUSPROC IMAPSTATUSPROC
#include "exports.inc"

INT WINAPI ImapGetServerIdentityA(HCLIENT hClient, LPCSTR lpszField, LPSTR lpszValue, INT nMax)
{
    mw_out out = {0, lpszValue, nMax};
    return mw_api_get_identity(MW_PROTO_IMAP, hClient, lpszField, &out);
}

INT WINAPI ImapGetServerIdentityW(HCLIENT hClient, LPCWSTR lpszField, LPWSTR lpszValue, INT nMax)
{
    return mw_wide_get_identity(MW_PROTO_IMAP, hClient, lpszField, lpszValue, nMax);
}
