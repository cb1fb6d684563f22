/* imap_messages.h - the IMAP mailbox and message operations behind the exports. */
#ifndef MW_IMAP_MESSAGES_H
#define MW_IMAP_MESSAGES_H

#include <mailwire/imap.h>

#include "text.h"

struct mw_session;
/* A call that needs a logged-in session (the handle entered), or why not. */
DWORD mw_api_imap_enter(HCLIENT h, struct mw_session **s_r);
/* NULL, empty, or with a line break: no text the protocol can carry. */
int mw_api_bad_text(const char *t);

INT mw_api_imap_select(HCLIENT h, const char *name, IMAPMAILBOX *out, int read_only);
INT mw_api_imap_unselect(HCLIENT h);
INT mw_api_imap_close(HCLIENT h);
INT mw_api_imap_check(HCLIENT h);
INT mw_api_imap_expunge(HCLIENT h);
/* CREATE, DELETE, SUBSCRIBE, UNSUBSCRIBE (name2 NULL), RENAME. */
INT mw_api_imap_mailbox_op(HCLIENT h, const char *verb, const char *name, const char *name2);
INT mw_api_imap_status(HCLIENT h, const char *name, IMAPMAILBOXSTATUS *out);
INT mw_api_imap_first_mailbox(HCLIENT h, const char *reference, const char *wildcard,
                              DWORD options, const mw_out *out, LPDWORD flags);
/* ImapListMailboxes: proc_a or proc_w is the caller's callback. */
INT mw_api_imap_list_mailboxes(HCLIENT h, const char *reference, const char *wildcard,
                               DWORD options, IMAPMAILBOXPROCA proc_a, IMAPMAILBOXPROCW proc_w,
                               DWORD_PTR param);
INT mw_api_imap_next_mailbox(HCLIENT h, const mw_out *out, LPDWORD flags);
INT mw_api_imap_delimiter(HCLIENT h);
INT mw_api_imap_count(HCLIENT h);
INT mw_api_imap_enum(HCLIENT h, UINT first, UINT last, DWORD flags, IMAPMESSAGE *out, INT max);
INT mw_api_imap_get(HCLIENT h, UINT id, UINT part, LPVOID dest, LPDWORD length, DWORD options);
INT mw_api_imap_save(HCLIENT h, UINT id, UINT part, const char *path, DWORD options);
INT mw_api_imap_read(HCLIENT h, UINT id, UINT part, IMAPREADPROC proc, DWORD_PTR param,
                     DWORD options);
INT mw_api_imap_fetch(HCLIENT h, const char *set, DWORD options, IMAPFETCHPROC proc,
                      DWORD_PTR param);
INT mw_api_imap_select_fetch(HCLIENT h, const char *mailbox, IMAPMAILBOX *out, const char *set,
                             DWORD options, IMAPFETCHPROC proc, DWORD_PTR param);
INT mw_api_imap_header_value(HCLIENT h, UINT id, const char *name, const mw_out *out,
                             DWORD options);
INT mw_api_imap_uid(HCLIENT h, UINT id, LPDWORD uid);
INT mw_api_imap_size(HCLIENT h, UINT id, LPDWORD size, DWORD options);
INT mw_api_imap_flags(HCLIENT h, UINT id, LPDWORD flags, DWORD options);
INT mw_api_imap_keywords(HCLIENT h, UINT id, const mw_out *out, DWORD options);
INT mw_api_imap_set_flags(HCLIENT h, UINT id, DWORD flags, DWORD options);
INT mw_api_imap_set_keywords(HCLIENT h, UINT id, const char *keywords, DWORD options);
INT mw_api_imap_delete(HCLIENT h, UINT id, DWORD options, int undelete);
INT mw_api_imap_copy(HCLIENT h, UINT id, const char *mailbox, DWORD options, int move);
INT mw_api_imap_append(HCLIENT h, const char *mailbox, LPCVOID msg, DWORD len, DWORD flags,
                       const char *date);
INT mw_api_imap_search(HCLIENT h, const char *criteria, const char *charset, DWORD options,
                       LPDWORD results, INT max);
INT mw_api_imap_search_each(HCLIENT h, const char *criteria, const char *charset, DWORD options,
                            IMAPSEARCHPROC proc, DWORD_PTR param);
INT mw_api_imap_search_summary(HCLIENT h, const char *criteria, const char *charset, DWORD options,
                               LPDWORD min, LPDWORD max);
INT mw_api_imap_sort(HCLIENT h, const char *keys, const char *criteria, const char *charset,
                     DWORD options, IMAPSEARCHPROC proc, DWORD_PTR param);
INT mw_api_imap_list(HCLIENT h, const char *set, DWORD options, IMAPMESSAGEPROC proc,
                     DWORD_PTR param);
/* The caller's IMAPSEARCHPROC, for numbers the library hands on. */
typedef struct search_proc {
    HCLIENT h;
    IMAPSEARCHPROC proc; /* NULL: the numbers are only counted */
    DWORD_PTR param;
} search_proc;
/* Each number of first..last to the caller's proc; FALSE when it stopped. */
BOOL mw_api_hand_match(void *ctx, DWORD first, DWORD last);
INT mw_api_imap_store_unchanged(HCLIENT h, const char *set, DWORD flags, DWORD options,
                                ULONGLONG since, IMAPSEARCHPROC proc, DWORD_PTR param);
/* IDLE for event loops (imap_events.c). */
INT mw_api_imap_idle_start(HCLIENT h);
INT mw_api_imap_idle_process(HCLIENT h, LPDWORD changes);
INT mw_api_imap_idle_stop(HCLIENT h, LPDWORD changes);
INT mw_api_imap_socket(HCLIENT h, DWORD_PTR *sock);
INT mw_api_imap_traffic(HCLIENT h, IMAPTRAFFIC *out);
/* CONDSTORE and QRESYNC (imap_sync.c). */
INT mw_api_imap_enable(HCLIENT h, const char *names);
INT mw_api_imap_highest_modseq(HCLIENT h, ULONGLONG *out);
INT mw_api_imap_fetch_changes(HCLIENT h, const char *set, ULONGLONG modseq, DWORD options,
                              IMAPCHANGEPROC proc, DWORD_PTR param);
struct mw_imap_resync;
INT mw_api_imap_select_resync(HCLIENT h, const struct mw_imap_resync *rs, IMAPMAILBOX *out,
                              IMAPCHANGEPROC proc, DWORD_PTR param);
INT mw_api_imap_idle(HCLIENT h, UINT timeout, LPDWORD changes);
INT mw_api_imap_command(HCLIENT h, const char *text);
/* Counts the parts (info NULL) or describes part `part`. */
INT mw_api_imap_parts(HCLIENT h, UINT id, DWORD options, UINT part, IMAPMESSAGEPARTA *info);

/* SEARCH, or SORT by keys when keys is not NULL, the matches to fn;
 * returns how many matched. */
INT mw_api_imap_search_with(HCLIENT h, const char *keys, const char *criteria, const char *charset,
                            DWORD options, BOOL (*fn)(void *ctx, DWORD first, DWORD last),
                            void *ctx);

/* ---- message sets (imap_sets.c) ---- */
INT mw_api_imap_make_set(const DWORD *ids, INT count, const mw_out *out);
INT mw_api_imap_store_set(HCLIENT h, const char *set, DWORD flags, const char *keywords,
                          DWORD options);
INT mw_api_imap_copy_set(HCLIENT h, const char *set, const char *mailbox, DWORD options,
                         IMAPCOPYPROC proc, DWORD_PTR param, int move);
INT mw_api_imap_expunge_set(HCLIENT h, const char *uidset);
INT mw_api_imap_search_set(HCLIENT h, const char *criteria, const char *charset, DWORD options,
                           const mw_out *out, LPDWORD matches);

#endif /* MW_IMAP_MESSAGES_H */
