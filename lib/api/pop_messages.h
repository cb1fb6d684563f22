/* pop_messages.h - the POP3 maildrop operations behind the exports. */
#ifndef MW_POP_MESSAGES_H
#define MW_POP_MESSAGES_H

#include <mailwire/pop3.h>

#include "text.h"

struct mw_session;
/* A call on an authenticated POP3 session (the handle entered), or why not. */
DWORD mw_api_pop_enter(HCLIENT h, struct mw_session **s_r);

INT mw_api_pop_stat(HCLIENT h, LPDWORD bytes);
INT mw_api_pop_size(HCLIENT h, UINT n, LPDWORD size);
INT mw_api_pop_uid(HCLIENT h, UINT n, const mw_out *out);
/* RETR (top < 0) or TOP n top into the caller's buffer or allocated memory. */
INT mw_api_pop_get(HCLIENT h, UINT n, LPVOID dest, LPDWORD length, DWORD options, long top);
INT mw_api_pop_save(HCLIENT h, UINT n, const char *path, DWORD options);
INT mw_api_pop_read(HCLIENT h, UINT n, POPREADPROC proc, DWORD_PTR param, DWORD options);
INT mw_api_pop_fetch(HCLIENT h, UINT first, UINT last, POPFETCHPROC proc, DWORD_PTR param,
                     DWORD options);
INT mw_api_pop_list(HCLIENT h, DWORD options, POPMESSAGEPROC proc, DWORD_PTR param);
/* A header field's value; decode: RFC 2047 words to UTF-8. */
INT mw_api_pop_header(HCLIENT h, UINT n, const char *name, int decode, const mw_out *out);
INT mw_api_pop_delete(HCLIENT h, UINT n);
INT mw_api_pop_reset(HCLIENT h);
INT mw_api_pop_noop(HCLIENT h);
INT mw_api_pop_command(HCLIENT h, const char *text, DWORD options);

#endif /* MW_POP_MESSAGES_H */
