/* pop_exports.c - the exported Pop... functions. */
#include <mailwire.h>

#include "client.h"
#include "deliver.h"
#include "errors.h"

#define MW_NAME(x) Pop##x
#define MW_THIS_PROTO MW_PROTO_POP
#define MW_EVENTPROC POPEVENTPROC
#define MW_STATUSPROC POPSTATUSPROC
#include "exports.inc"

/* ---- the maildrop (section 7) ----------------------------------------- */

#include "../proto/sink.h"
#include "pop_messages.h"

INT WINAPI PopGetMessageCount(HCLIENT hClient)
{
    return mw_api_pop_stat(hClient, NULL);
}

INT WINAPI PopGetMailboxSize(HCLIENT hClient, LPDWORD lpdwBytes)
{
    if (lpdwBytes == NULL) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return POP_ERROR;
    }
    return mw_api_pop_stat(hClient, lpdwBytes);
}

INT WINAPI PopGetMessageSize(HCLIENT hClient, UINT nMessageId, LPDWORD lpdwSize)
{
    return mw_api_pop_size(hClient, nMessageId, lpdwSize);
}

INT WINAPI PopGetMessageUidA(HCLIENT hClient, UINT nMessageId, LPSTR lpszUid, INT nMax)
{
    mw_out out = {0, lpszUid, nMax};
    return mw_api_pop_uid(hClient, nMessageId, &out);
}

INT WINAPI PopGetMessageUidW(HCLIENT hClient, UINT nMessageId, LPWSTR lpszUid, INT nMax)
{
    mw_out out = {1, lpszUid, nMax};
    return mw_api_pop_uid(hClient, nMessageId, &out);
}

INT WINAPI PopGetMessage(HCLIENT hClient, UINT nMessageId, LPVOID lpvMessage, LPDWORD lpdwLength,
                         DWORD dwOptions)
{
    return mw_api_pop_get(hClient, nMessageId, lpvMessage, lpdwLength, dwOptions, -1);
}

INT WINAPI PopGetMessageHeaders(HCLIENT hClient, LONG nMessageId, LPVOID lpvHeaders,
                                LPDWORD lpdwLength)
{
    if (nMessageId <= 0) {
        mw_set_error(ST_ERROR_MESSAGE_NOT_FOUND);
        return POP_ERROR;
    }
    return mw_api_pop_get(hClient, (UINT)nMessageId, lpvHeaders, lpdwLength, POP_MESSAGE_DEFAULT, 0);
}

INT WINAPI PopSaveMessageA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszFileName, DWORD dwOptions)
{
    return mw_api_pop_save(hClient, nMessageId, lpszFileName, dwOptions);
}

typedef struct save_args {
    HCLIENT h;
    UINT n;
    DWORD options;
} save_args;

static INT save_utf8(const char *path, void *ctx)
{
    save_args *a = ctx;
    return mw_api_pop_save(a->h, a->n, path, a->options);
}

INT WINAPI PopSaveMessageW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszFileName, DWORD dwOptions)
{
    save_args a = {hClient, nMessageId, dwOptions};
    return mw_with_utf8(lpszFileName, save_utf8, &a);
}

INT WINAPI PopReadMessage(HCLIENT hClient, UINT nMessageId, POPREADPROC lpReadProc, DWORD_PTR dwParam,
                          DWORD dwOptions)
{
    return mw_api_pop_read(hClient, nMessageId, lpReadProc, dwParam, dwOptions);
}

INT WINAPI PopListMessages(HCLIENT hClient, DWORD dwOptions, POPMESSAGEPROC lpMessageProc,
                           DWORD_PTR dwParam)
{
    return mw_api_pop_list(hClient, dwOptions, lpMessageProc, dwParam);
}

INT WINAPI PopFetchMessages(HCLIENT hClient, UINT nFirst, UINT nLast, POPFETCHPROC lpFetchProc,
                            DWORD_PTR dwParam, DWORD dwOptions)
{
    return mw_api_pop_fetch(hClient, nFirst, nLast, lpFetchProc, dwParam, dwOptions);
}

INT WINAPI PopGetHeaderValueA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszHeader, LPSTR lpszValue,
                              INT nMax)
{
    mw_out out = {0, lpszValue, nMax};
    return mw_api_pop_header(hClient, nMessageId, lpszHeader, 1, &out);
}

typedef struct header_args {
    HCLIENT h;
    UINT n;
    int decode;
    mw_out out;
} header_args;

static INT header_utf8(const char *name, void *ctx)
{
    header_args *a = ctx;
    return mw_api_pop_header(a->h, a->n, name, a->decode, &a->out);
}

INT WINAPI PopGetHeaderValueW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszHeader,
                              LPWSTR lpszValue, INT nMax)
{
    header_args a = {hClient, nMessageId, 1, {1, lpszValue, nMax}};
    return mw_with_utf8(lpszHeader, header_utf8, &a);
}

INT WINAPI PopGetMessageIdA(HCLIENT hClient, UINT nMessageId, LPSTR lpszId, INT nMax)
{
    mw_out out = {0, lpszId, nMax};
    return mw_api_pop_header(hClient, nMessageId, "Message-ID", 0, &out);
}

INT WINAPI PopGetMessageIdW(HCLIENT hClient, UINT nMessageId, LPWSTR lpszId, INT nMax)
{
    mw_out out = {1, lpszId, nMax};
    return mw_api_pop_header(hClient, nMessageId, "Message-ID", 0, &out);
}

INT WINAPI PopDeleteMessage(HCLIENT hClient, UINT nMessageId)
{
    return mw_api_pop_delete(hClient, nMessageId);
}

INT WINAPI PopReset(HCLIENT hClient)
{
    return mw_api_pop_reset(hClient);
}

INT WINAPI PopNoop(HCLIENT hClient)
{
    return mw_api_pop_noop(hClient);
}

INT WINAPI PopCommandA(HCLIENT hClient, LPCSTR lpszCommand)
{
    return mw_api_pop_command(hClient, lpszCommand, POP_COMMAND_DEFAULT);
}

INT WINAPI PopCommandExA(HCLIENT hClient, LPCSTR lpszCommand, DWORD dwOptions)
{
    return mw_api_pop_command(hClient, lpszCommand, dwOptions);
}

typedef struct command_args {
    HCLIENT h;
    DWORD options;
} command_args;

static INT command_utf8(const char *text, void *ctx)
{
    const command_args *a = ctx;
    return mw_api_pop_command(a->h, text, a->options);
}

INT WINAPI PopCommandW(HCLIENT hClient, LPCWSTR lpszCommand)
{
    command_args a = {hClient, POP_COMMAND_DEFAULT};
    return mw_with_utf8(lpszCommand, command_utf8, &a);
}

INT WINAPI PopCommandExW(HCLIENT hClient, LPCWSTR lpszCommand, DWORD dwOptions)
{
    command_args a = {hClient, dwOptions};
    return mw_with_utf8(lpszCommand, command_utf8, &a);
}

INT WINAPI PopGetTransferStatus(HCLIENT hClient, LPDWORD lpdwBytesCopied, LPDWORD lpdwBytesTotal)
{
    return mw_api_transfer_status(MW_PROTO_POP, hClient, lpdwBytesCopied, lpdwBytesTotal);
}

VOID WINAPI PopFreeMemory(HGLOBAL hMemory)
{
    mw_global_free(hMemory);
}
