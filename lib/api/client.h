/*
 * client.h - the API's operations, written once for both protocols. The
 * exported Imap... and Pop... functions (imap_exports.c, pop_exports.c) are
 * thin shims over these; W shims convert text and call the same ones.
 */
#ifndef MW_CLIENT_H
#define MW_CLIENT_H

#include "../proto/session.h"
#include "text.h"

BOOL mw_api_initialize(mw_proto p);
void mw_api_uninitialize(mw_proto p);
INT mw_api_error_string(DWORD err, const mw_out *out);

HCLIENT mw_api_connect(mw_proto p, const char *host, UINT port, UINT timeout, DWORD options,
                       const SECURITYCREDENTIALSA *creds, mw_event_proc proc, DWORD_PTR param,
                       int async);
INT mw_api_disconnect(mw_proto p, HCLIENT h);
BOOL mw_api_is_connected(mw_proto p, HCLIENT h);
DWORD mw_api_attach_thread(mw_proto p, HCLIENT h, DWORD tid);
INT mw_api_cancel(mw_proto p, HCLIENT h);
INT mw_api_set_timeout(mw_proto p, HCLIENT h, UINT timeout);
INT mw_api_set_limits(mw_proto p, HCLIENT h, DWORD max_time, DWORD low_speed, DWORD low_time);
INT mw_api_get_limits(mw_proto p, HCLIENT h, LPDWORD max_time, LPDWORD low_speed, LPDWORD low_time);
INT mw_api_get_timeout(mw_proto p, HCLIENT h);

INT mw_api_get_capabilities(mw_proto p, HCLIENT h, const mw_out *out);
BOOL mw_api_has_capability(mw_proto p, HCLIENT h, const char *name);
INT mw_api_get_identity(mw_proto p, HCLIENT h, const char *field, const mw_out *out);
BOOL mw_api_get_security(mw_proto p, HCLIENT h, SECURITYINFOA *info);

INT mw_api_login(mw_proto p, HCLIENT h, UINT type, const char *user, const char *pass);

INT mw_api_result_code(mw_proto p, HCLIENT h);
INT mw_api_result_string(mw_proto p, HCLIENT h, const mw_out *out);
INT mw_api_response_count(mw_proto p, HCLIENT h);
INT mw_api_response_line(mw_proto p, HCLIENT h, INT index, const mw_out *out);

/* Progress of the current or last transfer; any thread, busy or not. */
INT mw_api_transfer_status(mw_proto p, HCLIENT h, LPDWORD copied, LPDWORD total);

BOOL mw_api_register_status(mw_proto p, HCLIENT h, mw_status_proc proc, DWORD_PTR param);
BOOL mw_api_register_event(mw_proto p, HCLIENT h, UINT id, mw_event_proc proc, DWORD_PTR param);
BOOL mw_api_enable_trace(mw_proto p, const char *path, DWORD flags);
void mw_api_disable_trace(mw_proto p);

BOOL mw_api_create_credentials(DWORD protocol, DWORD options, const char *const strings[7],
                               LPSECURITYCREDENTIALSA *out_r);
void mw_api_delete_credentials(LPSECURITYCREDENTIALSA c);

/* W helpers shared by both protocols' W shims (wide.c). */
HCLIENT mw_wide_connect(mw_proto p, LPCWSTR host, UINT port, UINT timeout, DWORD options,
                        const SECURITYCREDENTIALSW *creds, mw_event_proc proc, DWORD_PTR param,
                        int async);
BOOL mw_wide_create_credentials(DWORD protocol, DWORD options, LPCWSTR const strings[7],
                                LPSECURITYCREDENTIALSW *out_r);
void mw_wide_delete_credentials(LPSECURITYCREDENTIALSW c);
BOOL mw_wide_get_security(mw_proto p, HCLIENT h, SECURITYINFOW *info);
INT mw_wide_login(mw_proto p, HCLIENT h, UINT type, LPCWSTR user, LPCWSTR pass);
BOOL mw_wide_has_capability(mw_proto p, HCLIENT h, LPCWSTR name);
INT mw_wide_get_identity(mw_proto p, HCLIENT h, LPCWSTR field, LPWSTR buf, INT nmax);
BOOL mw_wide_enable_trace(mw_proto p, LPCWSTR path, DWORD flags);

#endif /* MW_CLIENT_H */
