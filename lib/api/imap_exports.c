/* imap_exports.c - the exported Imap... functions. */
#include <mailwire.h>

#include "client.h"
#include "deliver.h"
#include "errors.h"
#include "with_utf8.h"

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

/* ---- mailboxes and messages (sections 5, 6, 8) ------------------------- */

#include "../proto/sink.h"
#include "../sys/alloc.h"
#include "imap_messages.h"

INT WINAPI ImapSelectMailboxA(HCLIENT hClient, LPCSTR lpszMailbox, LPIMAPMAILBOX lpMailbox)
{
    return mw_api_imap_select(hClient, lpszMailbox, lpMailbox, 0);
}

INT WINAPI ImapSelectMailboxW(HCLIENT hClient, LPCWSTR lpszMailbox, LPIMAPMAILBOX lpMailbox)
{
    WITH_UTF8(lpszMailbox, mw_api_imap_select(hClient, lpszMailbox_u, lpMailbox, 0));
}

INT WINAPI ImapExamineMailboxA(HCLIENT hClient, LPCSTR lpszMailbox, LPIMAPMAILBOX lpMailbox)
{
    return mw_api_imap_select(hClient, lpszMailbox, lpMailbox, 1);
}

INT WINAPI ImapExamineMailboxW(HCLIENT hClient, LPCWSTR lpszMailbox, LPIMAPMAILBOX lpMailbox)
{
    WITH_UTF8(lpszMailbox, mw_api_imap_select(hClient, lpszMailbox_u, lpMailbox, 1));
}

INT WINAPI ImapUnselectMailbox(HCLIENT hClient)
{
    return mw_api_imap_unselect(hClient);
}

INT WINAPI ImapCloseMailbox(HCLIENT hClient)
{
    return mw_api_imap_close(hClient);
}

INT WINAPI ImapCheckMailbox(HCLIENT hClient)
{
    return mw_api_imap_check(hClient);
}

INT WINAPI ImapExpungeMailbox(HCLIENT hClient)
{
    return mw_api_imap_expunge(hClient);
}

#define MAILBOX_OP(Name, VERB)                                                     \
    INT WINAPI Imap##Name##A(HCLIENT hClient, LPCSTR lpszMailbox)                  \
    {                                                                              \
        return mw_api_imap_mailbox_op(hClient, VERB, lpszMailbox, NULL);           \
    }                                                                              \
    INT WINAPI Imap##Name##W(HCLIENT hClient, LPCWSTR lpszMailbox)                 \
    {                                                                              \
        WITH_UTF8(lpszMailbox, mw_api_imap_mailbox_op(hClient, VERB, lpszMailbox_u, NULL)); \
    }

MAILBOX_OP(CreateMailbox, "CREATE")
MAILBOX_OP(DeleteMailbox, "DELETE")
MAILBOX_OP(SubscribeMailbox, "SUBSCRIBE")
MAILBOX_OP(UnsubscribeMailbox, "UNSUBSCRIBE")

INT WINAPI ImapRenameMailboxA(HCLIENT hClient, LPCSTR lpszOldName, LPCSTR lpszNewName)
{
    return mw_api_imap_mailbox_op(hClient, "RENAME", lpszOldName, lpszNewName);
}

INT WINAPI ImapRenameMailboxW(HCLIENT hClient, LPCWSTR lpszOldName, LPCWSTR lpszNewName)
{
    WITH_UTF8_2(lpszOldName, lpszNewName,
                mw_api_imap_mailbox_op(hClient, "RENAME", lpszOldName_u, lpszNewName_u));
}

INT WINAPI ImapGetMailboxStatusA(HCLIENT hClient, LPCSTR lpszMailbox, LPIMAPMAILBOXSTATUS lpStatus)
{
    return mw_api_imap_status(hClient, lpszMailbox, lpStatus);
}

INT WINAPI ImapGetMailboxStatusW(HCLIENT hClient, LPCWSTR lpszMailbox, LPIMAPMAILBOXSTATUS lpStatus)
{
    WITH_UTF8(lpszMailbox, mw_api_imap_status(hClient, lpszMailbox_u, lpStatus));
}

INT WINAPI ImapGetFirstMailboxA(HCLIENT hClient, LPCSTR lpszReference, LPCSTR lpszWildcard,
                                DWORD dwOptions, LPSTR lpszMailbox, INT nMaxLength, LPDWORD lpdwFlags)
{
    mw_out out = {0, lpszMailbox, nMaxLength};
    return mw_api_imap_first_mailbox(hClient, lpszReference, lpszWildcard, dwOptions, &out, lpdwFlags);
}

INT WINAPI ImapGetFirstMailboxW(HCLIENT hClient, LPCWSTR lpszReference, LPCWSTR lpszWildcard,
                                DWORD dwOptions, LPWSTR lpszMailbox, INT nMaxLength, LPDWORD lpdwFlags)
{
    mw_out out = {1, lpszMailbox, nMaxLength};
    WITH_UTF8_2(lpszReference, lpszWildcard,
                mw_api_imap_first_mailbox(hClient, lpszReference_u, lpszWildcard_u, dwOptions, &out,
                                          lpdwFlags));
}

INT WINAPI ImapListMailboxesA(HCLIENT hClient, LPCSTR lpszReference, LPCSTR lpszWildcard,
                              DWORD dwOptions, IMAPMAILBOXPROCA lpMailboxProc, DWORD_PTR dwParam)
{
    return mw_api_imap_list_mailboxes(hClient, lpszReference, lpszWildcard, dwOptions, lpMailboxProc,
                                      NULL, dwParam);
}

INT WINAPI ImapListMailboxesW(HCLIENT hClient, LPCWSTR lpszReference, LPCWSTR lpszWildcard,
                              DWORD dwOptions, IMAPMAILBOXPROCW lpMailboxProc, DWORD_PTR dwParam)
{
    if (lpMailboxProc == NULL) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return IMAP_ERROR;
    }
    WITH_UTF8_2(lpszReference, lpszWildcard,
                mw_api_imap_list_mailboxes(hClient, lpszReference_u, lpszWildcard_u, dwOptions, NULL,
                                           lpMailboxProc, dwParam));
}

INT WINAPI ImapGetNextMailboxA(HCLIENT hClient, LPSTR lpszMailbox, INT nMaxLength, LPDWORD lpdwFlags)
{
    mw_out out = {0, lpszMailbox, nMaxLength};
    return mw_api_imap_next_mailbox(hClient, &out, lpdwFlags);
}

INT WINAPI ImapGetNextMailboxW(HCLIENT hClient, LPWSTR lpszMailbox, INT nMaxLength, LPDWORD lpdwFlags)
{
    mw_out out = {1, lpszMailbox, nMaxLength};
    return mw_api_imap_next_mailbox(hClient, &out, lpdwFlags);
}

INT WINAPI ImapGetMailboxDelimiter(HCLIENT hClient)
{
    return mw_api_imap_delimiter(hClient);
}

INT WINAPI ImapGetMessageCount(HCLIENT hClient)
{
    return mw_api_imap_count(hClient);
}

INT WINAPI ImapEnumMessages(HCLIENT hClient, UINT nFirst, UINT nLast, DWORD dwFlags, DWORD dwReserved,
                            LPIMAPMESSAGE lpMessages, INT nMaxMessages)
{
    (void)dwReserved;
    return mw_api_imap_enum(hClient, nFirst, nLast, dwFlags, lpMessages, nMaxMessages);
}

INT WINAPI ImapGetMessage(HCLIENT hClient, UINT nMessageId, UINT nMessagePart, LPVOID lpvMessage,
                          LPDWORD lpdwLength, DWORD dwOptions)
{
    return mw_api_imap_get(hClient, nMessageId, nMessagePart, lpvMessage, lpdwLength, dwOptions);
}

INT WINAPI ImapSaveMessageA(HCLIENT hClient, UINT nMessageId, UINT nMessagePart, LPCSTR lpszFileName,
                            DWORD dwOptions)
{
    return mw_api_imap_save(hClient, nMessageId, nMessagePart, lpszFileName, dwOptions);
}

INT WINAPI ImapSaveMessageW(HCLIENT hClient, UINT nMessageId, UINT nMessagePart, LPCWSTR lpszFileName,
                            DWORD dwOptions)
{
    WITH_UTF8(lpszFileName,
              mw_api_imap_save(hClient, nMessageId, nMessagePart, lpszFileName_u, dwOptions));
}

INT WINAPI ImapReadMessage(HCLIENT hClient, UINT nMessageId, UINT nMessagePart, IMAPREADPROC lpReadProc,
                           DWORD_PTR dwParam, DWORD dwOptions)
{
    return mw_api_imap_read(hClient, nMessageId, nMessagePart, lpReadProc, dwParam, dwOptions);
}

INT WINAPI ImapFetchMessagesA(HCLIENT hClient, LPCSTR lpszMessageSet, DWORD dwOptions,
                              IMAPFETCHPROC lpFetchProc, DWORD_PTR dwParam)
{
    return mw_api_imap_fetch(hClient, lpszMessageSet, dwOptions, lpFetchProc, dwParam);
}

INT WINAPI ImapFetchMessagesW(HCLIENT hClient, LPCWSTR lpszMessageSet, DWORD dwOptions,
                              IMAPFETCHPROC lpFetchProc, DWORD_PTR dwParam)
{
    WITH_UTF8(lpszMessageSet,
              mw_api_imap_fetch(hClient, lpszMessageSet_u, dwOptions, lpFetchProc, dwParam));
}

INT WINAPI ImapSelectAndFetchA(HCLIENT hClient, LPCSTR lpszMailbox, LPIMAPMAILBOX lpMailbox,
                               LPCSTR lpszMessageSet, DWORD dwOptions, IMAPFETCHPROC lpFetchProc,
                               DWORD_PTR dwParam)
{
    return mw_api_imap_select_fetch(hClient, lpszMailbox, lpMailbox, lpszMessageSet, dwOptions,
                                    lpFetchProc, dwParam);
}

INT WINAPI ImapSelectAndFetchW(HCLIENT hClient, LPCWSTR lpszMailbox, LPIMAPMAILBOX lpMailbox,
                               LPCWSTR lpszMessageSet, DWORD dwOptions, IMAPFETCHPROC lpFetchProc,
                               DWORD_PTR dwParam)
{
    WITH_UTF8_2(lpszMailbox, lpszMessageSet,
                mw_api_imap_select_fetch(hClient, lpszMailbox_u, lpMailbox, lpszMessageSet_u,
                                         dwOptions, lpFetchProc, dwParam));
}

INT WINAPI ImapGetMessageHeaders(HCLIENT hClient, UINT nMessageId, LPVOID lpvHeaders,
                                 LPDWORD lpdwLength, DWORD dwOptions)
{
    if ((dwOptions & ~(DWORD)(IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK)) != 0) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return IMAP_ERROR;
    }
    return mw_api_imap_get(hClient, nMessageId, 0, lpvHeaders, lpdwLength,
                           dwOptions | IMAP_MESSAGE_PEEK | IMAP_SECTION_HEADER);
}

INT WINAPI ImapGetHeaderValueA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszHeader, LPSTR lpszValue,
                               INT nMax, DWORD dwOptions)
{
    mw_out out = {0, lpszValue, nMax};
    return mw_api_imap_header_value(hClient, nMessageId, lpszHeader, &out, dwOptions);
}

INT WINAPI ImapGetHeaderValueW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszHeader, LPWSTR lpszValue,
                               INT nMax, DWORD dwOptions)
{
    mw_out out = {1, lpszValue, nMax};
    WITH_UTF8(lpszHeader, mw_api_imap_header_value(hClient, nMessageId, lpszHeader_u, &out, dwOptions));
}

INT WINAPI ImapGetMessageSize(HCLIENT hClient, UINT nMessageId, LPDWORD lpdwSize, DWORD dwOptions)
{
    return mw_api_imap_size(hClient, nMessageId, lpdwSize, dwOptions);
}

INT WINAPI ImapGetMessageUid(HCLIENT hClient, UINT nMessageId, LPDWORD lpdwUid)
{
    return mw_api_imap_uid(hClient, nMessageId, lpdwUid);
}

INT WINAPI ImapGetMessageFlags(HCLIENT hClient, UINT nMessageId, LPDWORD lpdwFlags, DWORD dwOptions)
{
    return mw_api_imap_flags(hClient, nMessageId, lpdwFlags, dwOptions);
}

INT WINAPI ImapSetMessageFlags(HCLIENT hClient, UINT nMessageId, DWORD dwFlags, DWORD dwOptions)
{
    return mw_api_imap_set_flags(hClient, nMessageId, dwFlags, dwOptions);
}

INT WINAPI ImapSetMessageKeywordsA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszKeywords, DWORD dwOptions)
{
    return mw_api_imap_set_keywords(hClient, nMessageId, lpszKeywords, dwOptions);
}

INT WINAPI ImapSetMessageKeywordsW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszKeywords, DWORD dwOptions)
{
    WITH_UTF8(lpszKeywords, mw_api_imap_set_keywords(hClient, nMessageId, lpszKeywords_u, dwOptions));
}

INT WINAPI ImapGetMessageKeywordsA(HCLIENT hClient, UINT nMessageId, LPSTR lpszKeywords, INT nMax,
                                   DWORD dwOptions)
{
    mw_out out = {0, lpszKeywords, nMax};
    return mw_api_imap_keywords(hClient, nMessageId, &out, dwOptions);
}

INT WINAPI ImapGetMessageKeywordsW(HCLIENT hClient, UINT nMessageId, LPWSTR lpszKeywords, INT nMax,
                                   DWORD dwOptions)
{
    mw_out out = {1, lpszKeywords, nMax};
    return mw_api_imap_keywords(hClient, nMessageId, &out, dwOptions);
}

INT WINAPI ImapDeleteMessage(HCLIENT hClient, UINT nMessageId, DWORD dwOptions)
{
    return mw_api_imap_delete(hClient, nMessageId, dwOptions, 0);
}

INT WINAPI ImapUndeleteMessage(HCLIENT hClient, UINT nMessageId, DWORD dwOptions)
{
    return mw_api_imap_delete(hClient, nMessageId, dwOptions, 1);
}

INT WINAPI ImapCopyMessageA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszMailbox, DWORD dwOptions)
{
    return mw_api_imap_copy(hClient, nMessageId, lpszMailbox, dwOptions, 0);
}

INT WINAPI ImapCopyMessageW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszMailbox, DWORD dwOptions)
{
    WITH_UTF8(lpszMailbox, mw_api_imap_copy(hClient, nMessageId, lpszMailbox_u, dwOptions, 0));
}

INT WINAPI ImapMoveMessageA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszMailbox, DWORD dwOptions)
{
    return mw_api_imap_copy(hClient, nMessageId, lpszMailbox, dwOptions, 1);
}

INT WINAPI ImapMoveMessageW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszMailbox, DWORD dwOptions)
{
    WITH_UTF8(lpszMailbox, mw_api_imap_copy(hClient, nMessageId, lpszMailbox_u, dwOptions, 1));
}

INT WINAPI ImapAppendMessageA(HCLIENT hClient, LPCSTR lpszMailbox, LPCVOID lpvMessage, DWORD dwLength,
                              DWORD dwFlags, LPCSTR lpszDate)
{
    return mw_api_imap_append(hClient, lpszMailbox, lpvMessage, dwLength, dwFlags, lpszDate);
}

INT WINAPI ImapAppendMessageW(HCLIENT hClient, LPCWSTR lpszMailbox, LPCVOID lpvMessage, DWORD dwLength,
                              DWORD dwFlags, LPCWSTR lpszDate)
{
    WITH_UTF8_2(lpszMailbox, lpszDate,
                mw_api_imap_append(hClient, lpszMailbox_u, lpvMessage, dwLength, dwFlags, lpszDate_u));
}

INT WINAPI ImapSearchMailboxA(HCLIENT hClient, LPCSTR lpszCriteria, LPCSTR lpszCharset, DWORD dwOptions,
                              LPDWORD lpdwResults, INT nMax)
{
    return mw_api_imap_search(hClient, lpszCriteria, lpszCharset, dwOptions, lpdwResults, nMax);
}

INT WINAPI ImapSearchMailboxW(HCLIENT hClient, LPCWSTR lpszCriteria, LPCWSTR lpszCharset, DWORD dwOptions,
                              LPDWORD lpdwResults, INT nMax)
{
    WITH_UTF8_2(lpszCriteria, lpszCharset,
                mw_api_imap_search(hClient, lpszCriteria_u, lpszCharset_u, dwOptions, lpdwResults, nMax));
}

INT WINAPI ImapSearchMessagesA(HCLIENT hClient, LPCSTR lpszCriteria, LPCSTR lpszCharset,
                               DWORD dwOptions, IMAPSEARCHPROC lpSearchProc, DWORD_PTR dwParam)
{
    return mw_api_imap_search_each(hClient, lpszCriteria, lpszCharset, dwOptions, lpSearchProc,
                                   dwParam);
}

INT WINAPI ImapSearchMessagesW(HCLIENT hClient, LPCWSTR lpszCriteria, LPCWSTR lpszCharset,
                               DWORD dwOptions, IMAPSEARCHPROC lpSearchProc, DWORD_PTR dwParam)
{
    WITH_UTF8_2(lpszCriteria, lpszCharset,
                mw_api_imap_search_each(hClient, lpszCriteria_u, lpszCharset_u, dwOptions,
                                        lpSearchProc, dwParam));
}

INT WINAPI ImapMakeMessageSetA(const DWORD *lpdwMessageIds, INT nCount, LPSTR lpszMessageSet, INT nMax)
{
    mw_out out = {0, lpszMessageSet, nMax};
    return mw_api_imap_make_set(lpdwMessageIds, nCount, &out);
}

INT WINAPI ImapMakeMessageSetW(const DWORD *lpdwMessageIds, INT nCount, LPWSTR lpszMessageSet, INT nMax)
{
    mw_out out = {1, lpszMessageSet, nMax};
    return mw_api_imap_make_set(lpdwMessageIds, nCount, &out);
}

INT WINAPI ImapSetMessagesFlagsA(HCLIENT hClient, LPCSTR lpszMessageSet, DWORD dwFlags, DWORD dwOptions)
{
    return mw_api_imap_store_set(hClient, lpszMessageSet, dwFlags, NULL, dwOptions);
}

INT WINAPI ImapSetMessagesFlagsW(HCLIENT hClient, LPCWSTR lpszMessageSet, DWORD dwFlags, DWORD dwOptions)
{
    WITH_UTF8(lpszMessageSet, mw_api_imap_store_set(hClient, lpszMessageSet_u, dwFlags, NULL, dwOptions));
}

INT WINAPI ImapSetMessagesKeywordsA(HCLIENT hClient, LPCSTR lpszMessageSet, LPCSTR lpszKeywords,
                                    DWORD dwOptions)
{
    if (lpszKeywords == NULL) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return IMAP_ERROR;
    }
    return mw_api_imap_store_set(hClient, lpszMessageSet, 0, lpszKeywords, dwOptions);
}

INT WINAPI ImapSetMessagesKeywordsW(HCLIENT hClient, LPCWSTR lpszMessageSet, LPCWSTR lpszKeywords,
                                    DWORD dwOptions)
{
    if (lpszKeywords == NULL) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return IMAP_ERROR;
    }
    WITH_UTF8_2(lpszMessageSet, lpszKeywords,
                mw_api_imap_store_set(hClient, lpszMessageSet_u, 0, lpszKeywords_u, dwOptions));
}

INT WINAPI ImapCopyMessagesA(HCLIENT hClient, LPCSTR lpszMessageSet, LPCSTR lpszMailbox, DWORD dwOptions,
                             IMAPCOPYPROC lpCopyProc, DWORD_PTR dwParam)
{
    return mw_api_imap_copy_set(hClient, lpszMessageSet, lpszMailbox, dwOptions, lpCopyProc, dwParam, 0);
}

INT WINAPI ImapCopyMessagesW(HCLIENT hClient, LPCWSTR lpszMessageSet, LPCWSTR lpszMailbox,
                             DWORD dwOptions, IMAPCOPYPROC lpCopyProc, DWORD_PTR dwParam)
{
    WITH_UTF8_2(lpszMessageSet, lpszMailbox,
                mw_api_imap_copy_set(hClient, lpszMessageSet_u, lpszMailbox_u, dwOptions, lpCopyProc,
                                     dwParam, 0));
}

INT WINAPI ImapMoveMessagesA(HCLIENT hClient, LPCSTR lpszMessageSet, LPCSTR lpszMailbox, DWORD dwOptions,
                             IMAPCOPYPROC lpCopyProc, DWORD_PTR dwParam)
{
    return mw_api_imap_copy_set(hClient, lpszMessageSet, lpszMailbox, dwOptions, lpCopyProc, dwParam, 1);
}

INT WINAPI ImapMoveMessagesW(HCLIENT hClient, LPCWSTR lpszMessageSet, LPCWSTR lpszMailbox,
                             DWORD dwOptions, IMAPCOPYPROC lpCopyProc, DWORD_PTR dwParam)
{
    WITH_UTF8_2(lpszMessageSet, lpszMailbox,
                mw_api_imap_copy_set(hClient, lpszMessageSet_u, lpszMailbox_u, dwOptions, lpCopyProc,
                                     dwParam, 1));
}

INT WINAPI ImapSearchMessageSetA(HCLIENT hClient, LPCSTR lpszCriteria, LPCSTR lpszCharset, DWORD dwOptions,
                                 LPSTR lpszMessageSet, INT nMax, LPDWORD lpdwMatches)
{
    mw_out out = {0, lpszMessageSet, nMax};
    return mw_api_imap_search_set(hClient, lpszCriteria, lpszCharset, dwOptions, &out, lpdwMatches);
}

INT WINAPI ImapSearchMessageSetW(HCLIENT hClient, LPCWSTR lpszCriteria, LPCWSTR lpszCharset,
                                 DWORD dwOptions, LPWSTR lpszMessageSet, INT nMax, LPDWORD lpdwMatches)
{
    mw_out out = {1, lpszMessageSet, nMax};
    WITH_UTF8_2(lpszCriteria, lpszCharset,
                mw_api_imap_search_set(hClient, lpszCriteria_u, lpszCharset_u, dwOptions, &out,
                                       lpdwMatches));
}

INT WINAPI ImapExpungeMessagesA(HCLIENT hClient, LPCSTR lpszUidSet)
{
    return mw_api_imap_expunge_set(hClient, lpszUidSet);
}

INT WINAPI ImapExpungeMessagesW(HCLIENT hClient, LPCWSTR lpszUidSet)
{
    WITH_UTF8(lpszUidSet, mw_api_imap_expunge_set(hClient, lpszUidSet_u));
}

INT WINAPI ImapSortMessagesA(HCLIENT hClient, LPCSTR lpszSortKeys, LPCSTR lpszCriteria,
                             LPCSTR lpszCharset, DWORD dwOptions, IMAPSEARCHPROC lpSearchProc,
                             DWORD_PTR dwParam)
{
    return mw_api_imap_sort(hClient, lpszSortKeys, lpszCriteria, lpszCharset, dwOptions,
                            lpSearchProc, dwParam);
}

INT WINAPI ImapSortMessagesW(HCLIENT hClient, LPCWSTR lpszSortKeys, LPCWSTR lpszCriteria,
                             LPCWSTR lpszCharset, DWORD dwOptions, IMAPSEARCHPROC lpSearchProc,
                             DWORD_PTR dwParam)
{
    WITH_UTF8_3(lpszSortKeys, lpszCriteria, lpszCharset,
                mw_api_imap_sort(hClient, lpszSortKeys_u, lpszCriteria_u, lpszCharset_u, dwOptions,
                                 lpSearchProc, dwParam));
}

INT WINAPI ImapListMessagesA(HCLIENT hClient, LPCSTR lpszMessageSet, DWORD dwOptions,
                             IMAPMESSAGEPROC lpMessageProc, DWORD_PTR dwParam)
{
    return mw_api_imap_list(hClient, lpszMessageSet, dwOptions, lpMessageProc, dwParam);
}

INT WINAPI ImapListMessagesW(HCLIENT hClient, LPCWSTR lpszMessageSet, DWORD dwOptions,
                             IMAPMESSAGEPROC lpMessageProc, DWORD_PTR dwParam)
{
    WITH_UTF8(lpszMessageSet,
              mw_api_imap_list(hClient, lpszMessageSet_u, dwOptions, lpMessageProc, dwParam));
}

INT WINAPI ImapIdle(HCLIENT hClient, UINT nTimeout, LPDWORD lpdwChanges)
{
    return mw_api_imap_idle(hClient, nTimeout, lpdwChanges);
}

INT WINAPI ImapCommandA(HCLIENT hClient, LPCSTR lpszCommand)
{
    return mw_api_imap_command(hClient, lpszCommand);
}

INT WINAPI ImapCommandW(HCLIENT hClient, LPCWSTR lpszCommand)
{
    WITH_UTF8(lpszCommand, mw_api_imap_command(hClient, lpszCommand_u));
}

INT WINAPI ImapGetTransferStatus(HCLIENT hClient, LPDWORD lpdwBytesCopied, LPDWORD lpdwBytesTotal)
{
    return mw_api_transfer_status(MW_PROTO_IMAP, hClient, lpdwBytesCopied, lpdwBytesTotal);
}

VOID WINAPI ImapFreeMemory(HGLOBAL hMemory)
{
    mw_global_free(hMemory);
}

INT WINAPI ImapGetMessageParts(HCLIENT hClient, UINT nMessageId, DWORD dwOptions)
{
    return mw_api_imap_parts(hClient, nMessageId, dwOptions, 0, NULL);
}

INT WINAPI ImapGetMessagePartInfoA(HCLIENT hClient, UINT nMessageId, UINT nMessagePart,
                                   LPIMAPMESSAGEPARTA lpPart, DWORD dwOptions)
{
    if (lpPart == NULL) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return IMAP_ERROR;
    }
    return mw_api_imap_parts(hClient, nMessageId, dwOptions, nMessagePart, lpPart);
}

INT WINAPI ImapGetMessagePartInfoW(HCLIENT hClient, UINT nMessageId, UINT nMessagePart,
                                   LPIMAPMESSAGEPARTW lpPart, DWORD dwOptions)
{
    if (lpPart == NULL || lpPart->dwSize < sizeof *lpPart) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return IMAP_ERROR;
    }
    IMAPMESSAGEPARTA a;
    a.dwSize = sizeof a;
    INT r = mw_api_imap_parts(hClient, nMessageId, dwOptions, nMessagePart, &a);
    if (r < 0)
        return r;
    lpPart->dwSize = sizeof *lpPart;
    lpPart->nPart = a.nPart;
    lpPart->nSubParts = a.nSubParts;
    lpPart->dwPartSize = a.dwPartSize;
    lpPart->dwLines = a.dwLines;
    mw_wide_from_utf8_fixed(a.szType, lpPart->szType, 32);
    mw_wide_from_utf8_fixed(a.szSubType, lpPart->szSubType, 64);
    mw_wide_from_utf8_fixed(a.szCharset, lpPart->szCharset, 32);
    mw_wide_from_utf8_fixed(a.szEncoding, lpPart->szEncoding, 32);
    mw_wide_from_utf8_fixed(a.szFileName, lpPart->szFileName, 256);
    mw_wide_from_utf8_fixed(a.szDisposition, lpPart->szDisposition, 32);
    return r;
}

/* ---- CONDSTORE and QRESYNC ------------------------------------------------ */

#include "../imap/imap.h"

INT WINAPI ImapEnableA(HCLIENT hClient, LPCSTR lpszExtensions)
{
    return mw_api_imap_enable(hClient, lpszExtensions);
}

INT WINAPI ImapEnableW(HCLIENT hClient, LPCWSTR lpszExtensions)
{
    WITH_UTF8(lpszExtensions, mw_api_imap_enable(hClient, lpszExtensions_u));
}

INT WINAPI ImapFetchChangesA(HCLIENT hClient, LPCSTR lpszMessageSet, ULONGLONG ullModSeq,
                             DWORD dwOptions, IMAPCHANGEPROC lpChangeProc, DWORD_PTR dwParam)
{
    return mw_api_imap_fetch_changes(hClient, lpszMessageSet, ullModSeq, dwOptions, lpChangeProc,
                                     dwParam);
}

INT WINAPI ImapFetchChangesW(HCLIENT hClient, LPCWSTR lpszMessageSet, ULONGLONG ullModSeq,
                             DWORD dwOptions, IMAPCHANGEPROC lpChangeProc, DWORD_PTR dwParam)
{
    WITH_UTF8(lpszMessageSet, mw_api_imap_fetch_changes(hClient, lpszMessageSet_u, ullModSeq,
                                                        dwOptions, lpChangeProc, dwParam));
}

INT WINAPI ImapSelectResyncA(HCLIENT hClient, LPCSTR lpszMailbox, DWORD dwUidValidity,
                             ULONGLONG ullModSeq, LPCSTR lpszKnownUids, DWORD dwOptions,
                             LPIMAPMAILBOX lpMailbox, IMAPCHANGEPROC lpChangeProc, DWORD_PTR dwParam)
{
    if ((dwOptions & ~(DWORD)IMAP_SELECT_READONLY) != 0) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return IMAP_ERROR;
    }
    mw_imap_resync rs = {lpszMailbox, dwUidValidity, ullModSeq, lpszKnownUids,
                         (dwOptions & IMAP_SELECT_READONLY) != 0};
    return mw_api_imap_select_resync(hClient, &rs, lpMailbox, lpChangeProc, dwParam);
}

INT WINAPI ImapSelectResyncW(HCLIENT hClient, LPCWSTR lpszMailbox, DWORD dwUidValidity,
                             ULONGLONG ullModSeq, LPCWSTR lpszKnownUids, DWORD dwOptions,
                             LPIMAPMAILBOX lpMailbox, IMAPCHANGEPROC lpChangeProc, DWORD_PTR dwParam)
{
    WITH_UTF8_2(lpszMailbox, lpszKnownUids,
                ImapSelectResyncA(hClient, lpszMailbox_u, dwUidValidity, ullModSeq, lpszKnownUids_u,
                                  dwOptions, lpMailbox, lpChangeProc, dwParam));
}

INT WINAPI ImapGetHighestModSeq(HCLIENT hClient, ULONGLONG *lpullModSeq)
{
    return mw_api_imap_highest_modseq(hClient, lpullModSeq);
}

INT WINAPI ImapSetMessagesFlagsIfUnchangedA(HCLIENT hClient, LPCSTR lpszMessageSet, DWORD dwFlags,
                                            DWORD dwOptions, ULONGLONG ullUnchangedSince,
                                            IMAPSEARCHPROC lpModifiedProc, DWORD_PTR dwParam)
{
    return mw_api_imap_store_unchanged(hClient, lpszMessageSet, dwFlags, dwOptions, ullUnchangedSince,
                                       lpModifiedProc, dwParam);
}

INT WINAPI ImapSetMessagesFlagsIfUnchangedW(HCLIENT hClient, LPCWSTR lpszMessageSet, DWORD dwFlags,
                                            DWORD dwOptions, ULONGLONG ullUnchangedSince,
                                            IMAPSEARCHPROC lpModifiedProc, DWORD_PTR dwParam)
{
    WITH_UTF8(lpszMessageSet, mw_api_imap_store_unchanged(hClient, lpszMessageSet_u, dwFlags, dwOptions,
                                                          ullUnchangedSince, lpModifiedProc, dwParam));
}

/* ---- IDLE for event loops --------------------------------------------------- */

INT WINAPI ImapIdleStart(HCLIENT hClient)
{
    return mw_api_imap_idle_start(hClient);
}

INT WINAPI ImapIdleProcess(HCLIENT hClient, LPDWORD lpdwChanges)
{
    return mw_api_imap_idle_process(hClient, lpdwChanges);
}

INT WINAPI ImapIdleStop(HCLIENT hClient, LPDWORD lpdwChanges)
{
    return mw_api_imap_idle_stop(hClient, lpdwChanges);
}

INT WINAPI ImapGetSocket(HCLIENT hClient, DWORD_PTR *lpSocket)
{
    return mw_api_imap_socket(hClient, lpSocket);
}

INT WINAPI ImapGetTraffic(HCLIENT hClient, LPIMAPTRAFFIC lpTraffic)
{
    return mw_api_imap_traffic(hClient, lpTraffic);
}

INT WINAPI ImapSearchSummaryA(HCLIENT hClient, LPCSTR lpszCriteria, LPCSTR lpszCharset, DWORD dwOptions,
                              LPDWORD lpdwMin, LPDWORD lpdwMax)
{
    return mw_api_imap_search_summary(hClient, lpszCriteria, lpszCharset, dwOptions, lpdwMin, lpdwMax);
}

INT WINAPI ImapSearchSummaryW(HCLIENT hClient, LPCWSTR lpszCriteria, LPCWSTR lpszCharset, DWORD dwOptions,
                              LPDWORD lpdwMin, LPDWORD lpdwMax)
{
    WITH_UTF8_2(lpszCriteria, lpszCharset,
                mw_api_imap_search_summary(hClient, lpszCriteria_u, lpszCharset_u, dwOptions, lpdwMin,
                                           lpdwMax));
}
