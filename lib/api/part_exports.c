/* part_exports.c - the exported functions on MIME parts: Imap..., Pop...
 * and Mime... (the parser's own are in mime_files.c). */
#include <mailwire.h>

#include "parts.h"
#include "with_utf8.h"

INT WINAPI ImapEnumMessagePartsA(HCLIENT hClient, UINT nMessageId, LPMIMEPARTA lpParts, INT nMaxParts,
                                 DWORD dwOptions)
{
    mw_part_store st = {lpParts, 0, nMaxParts};
    return mw_api_imap_enum_parts(hClient, nMessageId, &st, dwOptions);
}

INT WINAPI ImapEnumMessagePartsW(HCLIENT hClient, UINT nMessageId, LPMIMEPARTW lpParts, INT nMaxParts,
                                 DWORD dwOptions)
{
    mw_part_store st = {lpParts, 1, nMaxParts};
    return mw_api_imap_enum_parts(hClient, nMessageId, &st, dwOptions);
}

INT WINAPI ImapGetMessagePartA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszPart, LPVOID lpvData,
                               LPDWORD lpdwLength, DWORD dwOptions)
{
    return mw_api_imap_part(hClient, nMessageId, lpszPart, dwOptions, lpvData, lpdwLength, NULL, NULL, 0);
}

INT WINAPI ImapGetMessagePartW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszPart, LPVOID lpvData,
                               LPDWORD lpdwLength, DWORD dwOptions)
{
    WITH_UTF8(lpszPart, mw_api_imap_part(hClient, nMessageId, lpszPart_u, dwOptions, lpvData, lpdwLength,
                                         NULL, NULL, 0));
}

INT WINAPI ImapSaveMessagePartA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszPart, LPCSTR lpszFileName,
                                DWORD dwOptions)
{
    return mw_api_imap_part(hClient, nMessageId, lpszPart, dwOptions, NULL, NULL, lpszFileName, NULL, 0);
}

INT WINAPI ImapSaveMessagePartW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszPart, LPCWSTR lpszFileName,
                                DWORD dwOptions)
{
    WITH_UTF8_2(lpszPart, lpszFileName,
                mw_api_imap_part(hClient, nMessageId, lpszPart_u, dwOptions, NULL, NULL, lpszFileName_u,
                                 NULL, 0));
}

INT WINAPI ImapReadMessagePartA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszPart, IMAPREADPROC lpReadProc,
                                DWORD_PTR dwParam, DWORD dwOptions)
{
    return mw_api_imap_part(hClient, nMessageId, lpszPart, dwOptions, NULL, NULL, NULL, lpReadProc, dwParam);
}

INT WINAPI ImapReadMessagePartW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszPart, IMAPREADPROC lpReadProc,
                                DWORD_PTR dwParam, DWORD dwOptions)
{
    WITH_UTF8(lpszPart, ImapReadMessagePartA(hClient, nMessageId, lpszPart_u, lpReadProc, dwParam, dwOptions));
}

INT WINAPI ImapSaveAttachmentsA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszFolder, DWORD dwOptions)
{
    return mw_api_imap_save_attachments(hClient, nMessageId, lpszFolder, dwOptions);
}

INT WINAPI ImapSaveAttachmentsW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszFolder, DWORD dwOptions)
{
    WITH_UTF8(lpszFolder, mw_api_imap_save_attachments(hClient, nMessageId, lpszFolder_u, dwOptions));
}

INT WINAPI PopEnumMessagePartsA(HCLIENT hClient, UINT nMessageId, LPMIMEPARTA lpParts, INT nMaxParts,
                                DWORD dwOptions)
{
    mw_part_store st = {lpParts, 0, nMaxParts};
    return mw_api_pop_enum_parts(hClient, nMessageId, &st, dwOptions);
}

INT WINAPI PopEnumMessagePartsW(HCLIENT hClient, UINT nMessageId, LPMIMEPARTW lpParts, INT nMaxParts,
                                DWORD dwOptions)
{
    mw_part_store st = {lpParts, 1, nMaxParts};
    return mw_api_pop_enum_parts(hClient, nMessageId, &st, dwOptions);
}

INT WINAPI PopSaveAttachmentsA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszFolder, DWORD dwOptions)
{
    return mw_api_pop_save_attachments(hClient, nMessageId, lpszFolder, dwOptions);
}

INT WINAPI PopSaveAttachmentsW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszFolder, DWORD dwOptions)
{
    WITH_UTF8(lpszFolder, mw_api_pop_save_attachments(hClient, nMessageId, lpszFolder_u, dwOptions));
}

INT WINAPI PopReadMessagePartA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszPart, POPREADPROC lpReadProc,
                               DWORD_PTR dwParam, DWORD dwOptions)
{
    if (lpReadProc == NULL)
        return mw_api_pop_part(hClient, nMessageId, NULL, dwOptions, NULL, NULL, 0);
    return mw_api_pop_part(hClient, nMessageId, lpszPart, dwOptions, NULL, lpReadProc, dwParam);
}

INT WINAPI PopReadMessagePartW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszPart, POPREADPROC lpReadProc,
                               DWORD_PTR dwParam, DWORD dwOptions)
{
    WITH_UTF8(lpszPart, PopReadMessagePartA(hClient, nMessageId, lpszPart_u, lpReadProc, dwParam, dwOptions));
}

INT WINAPI PopSaveMessagePartA(HCLIENT hClient, UINT nMessageId, LPCSTR lpszPart, LPCSTR lpszFileName,
                               DWORD dwOptions)
{
    if (lpszFileName == NULL)
        return mw_api_pop_part(hClient, nMessageId, NULL, dwOptions, NULL, NULL, 0);
    return mw_api_pop_part(hClient, nMessageId, lpszPart, dwOptions, lpszFileName, NULL, 0);
}

INT WINAPI PopSaveMessagePartW(HCLIENT hClient, UINT nMessageId, LPCWSTR lpszPart, LPCWSTR lpszFileName,
                               DWORD dwOptions)
{
    WITH_UTF8_2(lpszPart, lpszFileName,
                PopSaveMessagePartA(hClient, nMessageId, lpszPart_u, lpszFileName_u, dwOptions));
}

INT WINAPI MimeEnumFilePartsA(LPCSTR lpszFileName, LPMIMEPARTA lpParts, INT nMaxParts, DWORD dwOptions)
{
    mw_part_store st = {lpParts, 0, nMaxParts};
    return mw_api_file_enum_parts(lpszFileName, &st, dwOptions);
}

INT WINAPI MimeEnumFilePartsW(LPCWSTR lpszFileName, LPMIMEPARTW lpParts, INT nMaxParts, DWORD dwOptions)
{
    mw_part_store st = {lpParts, 1, nMaxParts};
    WITH_UTF8(lpszFileName, mw_api_file_enum_parts(lpszFileName_u, &st, dwOptions));
}

INT WINAPI MimeSaveFileAttachmentsA(LPCSTR lpszFileName, LPCSTR lpszFolder, DWORD dwOptions)
{
    return mw_api_file_save_attachments(lpszFileName, lpszFolder, dwOptions);
}

INT WINAPI MimeSaveFileAttachmentsW(LPCWSTR lpszFileName, LPCWSTR lpszFolder, DWORD dwOptions)
{
    WITH_UTF8_2(lpszFileName, lpszFolder,
                mw_api_file_save_attachments(lpszFileName_u, lpszFolder_u, dwOptions));
}
