/*
 * imap.h - the IMAP module's internal interface: command building and
 * sending, the response reader, the command exchange, and the session
 * operations the API layer calls.
 */
#ifndef MW_IMAP_H
#define MW_IMAP_H

#include "../proto/session.h"
#include "state.h"
#include "resp.h"
#include "msgset.h"

#define MW_IMAP_CMD_SPLITS_MAX 16

/* ---- command builder (command.c) ------------------------------------ */

typedef struct mw_imap_cmd {
    mw_buf text;                           /* tag, words, literals; no final CRLF */
    size_t splits[MW_IMAP_CMD_SPLITS_MAX]; /* ends of "{n}\r\n": wait for "+" */
    int nsplits;
    size_t visible; /* bytes the trace may show; the rest is *** */
    char tag[16];   /* this command's tag, kept for pipelines */
} mw_imap_cmd;

/* Starts "<tag> <name>" with a fresh tag, remembered in s->imap->tag. */
DWORD mw_imap_cmd_begin(mw_session *s, mw_imap_cmd *c, const char *name);
/* " word" - the caller vouches the word is a valid atom. */
DWORD mw_imap_cmd_atom(mw_imap_cmd *c, const char *word);
/* " " + an astring: atom, quoted string or literal, as the bytes need.
 * NUL is refused (ST_ERROR_INVALID_PARAMETER). */
DWORD mw_imap_cmd_astring(mw_session *s, mw_imap_cmd *c, const char *v, size_t len);
/* The same with no space before it (right after a "(" of the caller's). */
DWORD mw_imap_cmd_astring_here(mw_session *s, mw_imap_cmd *c, const char *v, size_t len);
/* " " + data as a literal, whatever its bytes (APPEND). */
DWORD mw_imap_cmd_literal(mw_session *s, mw_imap_cmd *c, const void *data, size_t len);
/* Everything appended from now on is shown as *** in traces. */
void mw_imap_cmd_secret(mw_imap_cmd *c);
void mw_imap_cmd_free(mw_imap_cmd *c);

/* ---- reading (reader.c) --------------------------------------------- */

/* Reads one whole response (literals inlined) into s->line, records it in
 * the call's response lines and classifies it. */
DWORD mw_imap_read(mw_session *s, mw_imap_resp *r);
/* The same, with message-body literals handed to hooks as they stream. */
DWORD mw_imap_read_with(mw_session *s, const mw_imap_body_hooks *hooks, mw_imap_resp *r);

/* ---- exchange (exchange.c) ------------------------------------------ */

typedef DWORD (*mw_imap_untagged_fn)(mw_session *s, const mw_imap_resp *r, void *ctx);

/* Sends c, waits for continuations of its literals, hands untagged
 * responses to fn (after the generic handling), and returns at the tagged
 * response: 0 for OK, ST_ERROR_COMMAND_REJECTED for NO,
 * ST_ERROR_COMMAND_MALFORMED for BAD. The result code and text are kept. */
DWORD mw_imap_run(mw_session *s, mw_imap_cmd *c, mw_imap_untagged_fn fn, void *ctx);
/* The same, with message bodies streamed to hooks. */
DWORD mw_imap_run_with(mw_session *s, mw_imap_cmd *c, const mw_imap_body_hooks *hooks,
                       mw_imap_untagged_fn fn, void *ctx);
/* One command of a pipeline and where its untagged responses go. */
typedef struct mw_imap_step {
    mw_imap_cmd *cmd;                    /* no synchronizing literal */
    const mw_imap_body_hooks *hooks;     /* NULL: bodies stay inline */
    mw_imap_untagged_fn fn;              /* may be NULL */
    void *ctx;
    DWORD result;                        /* set from its tagged response */
} mw_imap_step;

/* Sends every command before reading any answer, so n commands cost one
 * round trip, then reads the answers in order. Returns 0 once every
 * tagged response is in (each step's result says how it ended) or the
 * error that broke the exchange. The session keeps the result code and
 * text of the first command that failed, else of the last. */
DWORD mw_imap_pipeline(mw_session *s, mw_imap_step *steps, int n);
/* Convenience: a command of one word ("CAPABILITY", "NOOP"). */
DWORD mw_imap_simple(mw_session *s, const char *name);
/* What every command does with untagged responses and response codes. */
/* Sets the assembler to stream VANISHED sets into the session's count. */
void mw_imap_take_vanished(mw_session *s, mw_imap_asm *a);
DWORD mw_imap_handle_untagged(mw_session *s, const mw_imap_resp *r);
void mw_imap_handle_code(mw_session *s, const mw_imap_resp *r);
/* IMAP_FLAG_* bits of the system flags in a flag list's text, "(...)" or
 * without its parentheses (a response code's). */
DWORD mw_imap_flags_of(mw_imap_text list);
struct mw_imap_tree;
/* The same of list, a list in a response's tree. */
DWORD mw_imap_flags_in(const struct mw_imap_tree *t, uint32_t list);
/* Records a tagged response as the session's result; returns its error. */
DWORD mw_imap_finish(mw_session *s, const mw_imap_resp *r);
/* Nonzero when r is the tagged response of the command in flight. */
int mw_imap_is_ours(const mw_session *s, const mw_imap_resp *r);

/* ---- mailboxes (mailbox.c, mailbox_list.c) --------------------------- */

#define MW_IMAP_LISTING_MAX 100000

typedef mw_name_list mw_imap_listing;

void mw_imap_listing_init(mw_imap_listing *l);
void mw_imap_listing_free(mw_imap_listing *l);
DWORD mw_imap_listing_add(mw_imap_listing *l, const char *name, DWORD flags);

/* " " + a mailbox name (UTF-8 in), encoded as the session requires. */
DWORD mw_imap_cmd_mailbox(mw_session *s, mw_imap_cmd *c, const char *name);
/* A mailbox name from the server, decoded to UTF-8. */
DWORD mw_imap_mailbox_name(mw_session *s, const mw_imap_token *t, mw_buf *out);
/* ST_ERROR_MAILBOX_NOT_FOUND for a NO that says the mailbox is missing. */
DWORD mw_imap_mailbox_error(DWORD err, const mw_session *s);
DWORD mw_imap_select(mw_session *s, const char *name, int read_only, IMAPMAILBOX *out);
/* The two halves of mw_imap_select, for pipelines: begin forgets the
 * current selection and builds the command; end takes its result. */
DWORD mw_imap_select_begin(mw_session *s, const char *name, int read_only, mw_imap_cmd *c);
DWORD mw_imap_select_end(mw_session *s, DWORD err, const char *name, IMAPMAILBOX *out);
DWORD mw_imap_unselect(mw_session *s);
DWORD mw_imap_close(mw_session *s);
/* CREATE, DELETE, SUBSCRIBE, UNSUBSCRIBE (name2 NULL) or RENAME. */
DWORD mw_imap_mailbox_op(mw_session *s, const char *verb, const char *name, const char *name2);
DWORD mw_imap_status_of(mw_session *s, const char *name, IMAPMAILBOXSTATUS *st);
/* What STATUS asks for, alone or with LIST-STATUS: the counts, and
 * HIGHESTMODSEQ where the server has CONDSTORE. */
const char *mw_imap_status_items(const mw_session *s);
/* "* STATUS name (MESSAGES n ...)": the name (when name is not NULL) and
 * the items. 1 when r is not a STATUS response. */
DWORD mw_imap_parse_status(mw_session *s, const mw_imap_resp *r, mw_buf *name,
                           IMAPMAILBOXSTATUS *st);

/* ---- listings of mailboxes (mailbox_list.c) --------------------------- */

/* One line of a listing: a LIST line (status NULL), or the STATUS line of
 * LIST-STATUS (name and status only). */
typedef struct mw_imap_mailbox_entry {
    const char *name; /* UTF-8 */
    DWORD flags;      /* IMAP_FLAG_* attributes */
    char delimiter;   /* '\0' for NIL */
    const IMAPMAILBOXSTATUS *status;
} mw_imap_mailbox_entry;
typedef DWORD (*mw_imap_mailbox_fn)(void *ctx, const mw_imap_mailbox_entry *e);
/* Parses a "* LIST" or "* LSUB" line into e, its name decoded into name
 * (e->name points there); 1 when r is neither, ST_ERROR_PROTOCOL_VIOLATION
 * when it breaks the grammar. */
DWORD mw_imap_parse_list(mw_session *s, const mw_imap_resp *r, mw_imap_mailbox_entry *e, mw_buf *name);
/* LIST (LSUB with IMAP_LIST_SUBSCRIBED); with IMAP_LIST_STATUS and a
 * server that has LIST-STATUS, each mailbox's STATUS comes along. Each
 * line goes to fn as it is parsed; a malformed one is dropped. */
DWORD mw_imap_list_each(mw_session *s, const char *reference, const char *pattern, DWORD options,
                        mw_imap_mailbox_fn fn, void *ctx);
/* The same into the listing the cursor hands out. */
DWORD mw_imap_list(mw_session *s, const char *reference, const char *pattern, DWORD options,
                   mw_imap_listing *l);
/* Takes one mailbox of a listing with its counts, if they came right
 * after it; status_only: counts that came later, of a mailbox handed on
 * before. FALSE stops the listing. */
typedef BOOL (*mw_imap_joined_fn)(void *ctx, const mw_imap_mailbox_entry *e, int status_only);
/* mw_imap_list_each with each mailbox joined to its counts; *count_r gets
 * how many mailboxes were handed on. ST_ERROR_CANCELLED when fn stopped
 * (the answer was read to its end). */
DWORD mw_imap_list_joined(mw_session *s, const char *reference, const char *pattern, DWORD options,
                          mw_imap_joined_fn fn, void *ctx, DWORD *count_r);
/* The STATUS that came with the session's listing for the entry the
 * cursor handed out last, when it is name's and no command has been sent
 * since the listing; 0 when there is none. */
int mw_imap_listed_status(const mw_session *s, const char *name, IMAPMAILBOXSTATUS *st);
DWORD mw_imap_delimiter(mw_session *s, char *delim_r);

/* ---- messages (fetch.c, store.c) -------------------------------------- */

#include "../proto/sink.h"

/* What one FETCH response said. */
typedef struct mw_imap_fetch_info {
    DWORD seq;
    DWORD uid;
    DWORD size;
    DWORD flags;
    int has_flags;
    int has_size;     /* RFC822.SIZE was present */
    int has_body;     /* a body section was present (streamed or inline) */
    int body_nil;     /* ... and it was NIL */
    int body_inline;  /* ... and it was a quoted string (Gmail's small parts) */
    mw_imap_token body_text; /* that string, escapes still in */
    char date[32];
    uint64_t modseq;        /* MODSEQ (CONDSTORE), 0 when not said */
    const struct mw_imap_tree *tree; /* the response's, for flags_node */
    uint32_t flags_node;    /* the FLAGS list in it, 0 when not said */
} mw_imap_fetch_info;

/* Parses a FETCH response; want is the body section asked for ("",
 * "HEADER", "1.2"...), NULL for any. */
DWORD mw_imap_parse_fetch(const mw_imap_resp *r, const char *want, mw_imap_fetch_info *out);

/* Starts "FETCH set" or, with IMAP_MESSAGE_UID, "UID FETCH set" in c. */
DWORD mw_imap_fetch_begin(mw_session *s, mw_imap_cmd *c, const char *set, DWORD options);
/* Did the server refuse a FETCH of sequence numbers (NO or BAD) only
 * because the mailbox is empty? Then a set ending in "*" fetched nothing. */
int mw_imap_refused_as_empty(const mw_session *s, DWORD err, DWORD options);
/* A message id argument: the sequence number must exist. */
DWORD mw_imap_check_id(mw_session *s, UINT id, DWORD options);
/* The body section for part and options ("", "HEADER", "2.MIME" ...). */
DWORD mw_imap_section(UINT part, DWORD options, char *out, size_t cap);
/* FETCH one message's section ("1.2", "HEADER", "") into sink; with binary,
 * BINARY[section] (RFC 3516): a refusal is then ST_ERROR_NOT_SUPPORTED
 * (the server cannot decode that part), to ask again with BODY. */
DWORD mw_imap_fetch_section(mw_session *s, UINT id, const char *section, DWORD options, int binary,
                            mw_sink *sink);
/* The bytes offset to offset + count of a section (BODY[1]<0.2048>): fewer
 * when the section ends before. */
DWORD mw_imap_fetch_range(mw_session *s, UINT id, const char *section, DWORD options, DWORD offset,
                          DWORD count, mw_sink *sink);
/* FETCH one message's section into sink. */
DWORD mw_imap_fetch_body(mw_session *s, UINT id, UINT part, DWORD options, mw_sink *sink);
/* FETCH UID, size, flags and date of one message. */
DWORD mw_imap_fetch_info_of(mw_session *s, UINT id, DWORD options, mw_imap_fetch_info *info,
                            mw_buf *keywords);
/* FETCH the attributes of a range into an array whose elements are
 * out->dwSize bytes apart (checked by the caller); *filled_r entries. */
DWORD mw_imap_enum(mw_session *s, UINT first, UINT last, IMAPMESSAGE *out, INT max, INT *filled_r);
/* Takes one message's attributes; FALSE stops the listing. */
typedef BOOL (*mw_imap_message_fn)(void *ctx, const IMAPMESSAGE *m);
/* How a listing went: entries handed on, whether the consumer stopped it,
 * whether a response broke the grammar (it was skipped). */
typedef struct mw_imap_listed {
    UINT delivered;
    int stopped;
    int malformed;
} mw_imap_listed;
/* FETCH the attributes of a message set (UIDs with IMAP_MESSAGE_UID),
 * each handed to fn as it arrives; a long set goes in several commands. */
DWORD mw_imap_list_messages(mw_session *s, const char *set, DWORD options, mw_imap_message_fn fn,
                            void *ctx, mw_imap_listed *out);
/* What a FETCH of many messages asks for and where the messages go. */
typedef struct mw_imap_many_args {
    const char *set; /* "1:*", "4,7:9" */
    DWORD options;   /* IMAP_MESSAGE_UID, _PEEK, IMAP_SECTION_* */
    HCLIENT handle;  /* passed to proc */
    IMAPFETCHPROC proc;
    DWORD_PTR param;
} mw_imap_many_args;

/* The state of one such FETCH while its answer streams in. */
typedef struct mw_imap_many {
    HCLIENT handle;
    IMAPFETCHPROC proc;
    DWORD_PTR param;
    IMAPFETCHDATA data;
    DWORD options; /* IMAP_MESSAGE_UID: the set holds UIDs */
    int stopped;
    int malformed; /* a FETCH response broke the grammar */
    UINT delivered;
    mw_session *s;
    uint64_t next_event;
    mw_imap_body_hooks hooks; /* bodies to proc; ctx is this struct */
    char section[32];         /* the section asked for */
    mw_msgset set;            /* the set, compacted; sent in chunks */
    size_t next;              /* its first range not yet sent */
} mw_imap_many;
/* FETCH a message set, each message streamed to a->proc. */
DWORD mw_imap_fetch_many(mw_session *s, const mw_imap_many_args *a, UINT *count_r);
/* Its parts, for pipelines: begin readies m (which must stay put) and
 * builds in c the command for the set's first chunk (a long set goes in
 * several commands, each under 8 KB); the untagged handler takes m as
 * ctx; rest sends the other chunks one by one once the first is done; end
 * frees m and turns the tagged result into the call's result. */
DWORD mw_imap_many_begin(mw_session *s, mw_imap_many *m, const mw_imap_many_args *a,
                         mw_imap_cmd *c);
DWORD mw_imap_many_untagged(mw_session *s, const mw_imap_resp *r, void *vctx);
DWORD mw_imap_many_rest(mw_session *s, mw_imap_many *m, const mw_imap_many_args *a);
DWORD mw_imap_many_end(mw_session *s, mw_imap_many *m, const mw_imap_many_args *a, DWORD err,
                       UINT *count_r);
/* SELECT (or EXAMINE) and FETCH in one round trip. */
DWORD mw_imap_select_fetch(mw_session *s, const char *mailbox, int read_only, IMAPMAILBOX *out,
                           const mw_imap_many_args *a, UINT *count_r);

DWORD mw_imap_store_flags(mw_session *s, UINT id, DWORD flags, DWORD options);
DWORD mw_imap_store_keywords(mw_session *s, UINT id, const char *keywords, DWORD options);
/* ---- message sets (setops.c) ----------------------------------------- */

/* STORE of system flags (keywords NULL) or keywords to every message of
 * the set ("1:5,9", UIDs with IMAP_MESSAGE_UID), IMAP_FLAGS_* modes; one
 * command per 7,680 bytes of compacted set. */
DWORD mw_imap_store_set(mw_session *s, const char *set, DWORD flags, const char *keywords,
                        DWORD options);
/* The system flags a client may set (STORE, APPEND): \Recent is the
 * server's alone. */
#define MW_IMAP_STORABLE_FLAGS \
    (IMAP_FLAG_SEEN | IMAP_FLAG_ANSWERED | IMAP_FLAG_FLAGGED | IMAP_FLAG_DELETED | IMAP_FLAG_DRAFT)
/* The names of the system flags among flags, after a "(" or a flag. */
DWORD mw_imap_append_flags(mw_buf *b, DWORD flags);
/* Takes one old UID -> new UID pair of a COPYUID; FALSE: no more. */
typedef BOOL (*mw_imap_copy_fn)(void *ctx, DWORD uidvalidity, DWORD from, DWORD to);
/* COPY / MOVE (MOVE, or COPY + \Deleted + UID EXPUNGE) of the set, the
 * COPYUID pairs to fn (NULL: not wanted). ST_ERROR_CANCELLED when fn
 * stopped (the messages were copied all the same). */
DWORD mw_imap_copy_set(mw_session *s, const char *set, const char *mailbox, DWORD options,
                       mw_imap_copy_fn fn, void *ctx);
DWORD mw_imap_move_set(mw_session *s, const char *set, const char *mailbox, DWORD options,
                       mw_imap_copy_fn fn, void *ctx);
/* UID EXPUNGE of a UID set (UIDPLUS); ST_ERROR_NOT_SUPPORTED without. */
DWORD mw_imap_expunge_set(mw_session *s, const char *uidset);

DWORD mw_imap_copy(mw_session *s, UINT id, const char *mailbox, DWORD options);
DWORD mw_imap_move(mw_session *s, UINT id, const char *mailbox, DWORD options);
DWORD mw_imap_expunge(mw_session *s);
DWORD mw_imap_append(mw_session *s, const char *mailbox, const void *msg, size_t len, DWORD flags,
                     const char *date, DWORD *uid_r);
/* Takes the matches first..last of a SEARCH (first == last for one);
 * FALSE stops handing them on. */
typedef BOOL (*mw_imap_match_fn)(void *ctx, DWORD first, DWORD last);
/* STORE of flags (UNCHANGEDSINCE since): the messages it left alone,
 * because they changed since (MODIFIED), one by one to fn (first ==
 * last); *count_r says how many. ST_ERROR_NOT_SUPPORTED without CONDSTORE. */
DWORD mw_imap_store_unchanged(mw_session *s, const char *set, DWORD flags, DWORD options,
                              uint64_t since, mw_imap_match_fn fn, void *ctx, DWORD *count_r);
/* SEARCH (with RETURN (ALL) where the server has ESEARCH: ranges, not a
 * number each), the matches handed to fn as they are parsed; *count_r
 * counts them all. ST_ERROR_CANCELLED when fn stopped (the answer was
 * read to its end). */
DWORD mw_imap_search(mw_session *s, const char *criteria, const char *charset, DWORD options,
                     mw_imap_match_fn fn, void *ctx, INT *count_r);
/* How many match, and the smallest and largest (0 when none): RETURN
 * (MIN MAX COUNT) where the server has ESEARCH, a few bytes whatever the
 * count; else a SEARCH whose numbers are counted as they stream. */
DWORD mw_imap_search_summary(mw_session *s, const char *criteria, const char *charset,
                             DWORD options, DWORD *count_r, DWORD *min_r, DWORD *max_r);
/* SORT (RFC 5256) by keys ("REVERSE DATE"), the matches of criteria
 * handed to fn one by one (first == last) in the server's order, as they
 * are parsed. ST_ERROR_NOT_SUPPORTED without the SORT capability. */
DWORD mw_imap_sort(mw_session *s, const char *keys, const char *criteria, const char *charset,
                   DWORD options, mw_imap_match_fn fn, void *ctx, INT *count_r);
/* A keyword is an atom without a backslash (RFC 3501 flag-keyword). */
int mw_imap_valid_keyword(const char *k, size_t n);
/* IDLE (or NOOP polling) until something changes or timeout_ms passes. */
DWORD mw_imap_idle(mw_session *s, unsigned timeout_ms, DWORD *changes_r);
/* IDLE for event loops: start (ST_ERROR_NOT_SUPPORTED without IDLE), read
 * what has arrived without waiting (the changes since the last call),
 * stop with DONE. Other commands are refused while it runs. */
DWORD mw_imap_idle_start(mw_session *s);
DWORD mw_imap_idle_process(mw_session *s, DWORD *changes_r);
DWORD mw_imap_idle_stop(mw_session *s);
/* A raw command; *code_r gets IMAP_RESULT_*. */
DWORD mw_imap_raw(mw_session *s, const char *text, int *code_r);

struct mw_bs_node;
/* FETCH BODYSTRUCTURE of one message, parsed. */
DWORD mw_imap_bodystructure(mw_session *s, UINT id, DWORD options, struct mw_bs_node **root_r);

/* ---- session operations --------------------------------------------- */

DWORD mw_imap_open(mw_session *s);                         /* connect.c */
DWORD mw_imap_login(mw_session *s, UINT type, const char *user, const char *pass); /* auth.c */
void mw_imap_logout(mw_session *s);                       /* connect.c */
DWORD mw_imap_enable_utf8(mw_session *s);                 /* connect.c */
/* greeting.c: reads the greeting (PREAUTH moves the state on; BYE is
 * ST_ERROR_SERVER_UNAVAILABLE); asks CAPABILITY unless known; and, where
 * IMAP_OPTION_EARLY_LOGIN left the greeting unread, reads it and learns
 * the capabilities (nothing when it was read). */
DWORD mw_imap_take_greeting(mw_session *s);
DWORD mw_imap_ensure_capabilities(mw_session *s);
DWORD mw_imap_settle_greeting(mw_session *s);
/* Once the greeting is read: the capabilities, and COMPRESS after a
 * PREAUTH (no login comes to ask for it). */
DWORD mw_imap_after_greeting(mw_session *s);
/* COMPRESS DEFLATE (compress.c): on, or ST_ERROR_NOT_SUPPORTED. */
DWORD mw_imap_compress(mw_session *s);
/* The same after login when IMAP_OPTION_COMPRESS asks and the server offers it. */
DWORD mw_imap_compress_if_asked(mw_session *s);

/* ---- CONDSTORE and QRESYNC (sync.c) ----------------------------------- */

/* The untagged handler of ENABLE: marks what the server enabled. */
DWORD mw_imap_on_enabled(mw_session *s, const mw_imap_resp *r, void *ctx);
/* ENABLE of "CONDSTORE", "QRESYNC" or both, before a SELECT; each must be
 * offered (else ST_ERROR_NOT_SUPPORTED, nothing sent) and come back. */
DWORD mw_imap_enable(mw_session *s, const char *names);
/* Receives one change; FALSE: no more calls. */
typedef BOOL (*mw_imap_change_fn)(void *ctx, const IMAPCHANGE *change);
/* FETCH (UID FLAGS MODSEQ) (CHANGEDSINCE modseq [VANISHED]) of a set. */
DWORD mw_imap_fetch_changes(mw_session *s, const char *set, uint64_t modseq, DWORD options,
                            mw_imap_change_fn fn, void *ctx, DWORD *count_r);
/* What a SELECT with QRESYNC starts from. */
typedef struct mw_imap_resync {
    const char *mailbox;
    DWORD uidvalidity;
    uint64_t modseq;
    const char *known_uids; /* NULL: none */
    int read_only;          /* EXAMINE */
} mw_imap_resync;
DWORD mw_imap_select_resync(mw_session *s, const mw_imap_resync *rs, mw_imap_change_fn fn,
                            void *ctx, IMAPMAILBOX *out, DWORD *count_r);

#endif /* MW_IMAP_H */
