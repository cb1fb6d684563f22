/*
 * deliver.h - handing a transferred message to the caller, for both
 * protocols: into the caller's buffer or library memory, into a file, to
 * a callback, or as one decoded header field. Each takes an acquired
 * session, runs the transfer, finishes the call and releases it.
 */
#ifndef MW_DELIVER_H
#define MW_DELIVER_H

#include "../proto/session.h"
#include "../proto/sink.h"
#include "text.h"

/* Streams the data the call is about into sink. */
typedef DWORD (*mw_transfer_fn)(mw_session *s, void *args, mw_sink *sink);

/* *length > 0: dest is a buffer of that size; 0: dest is an HGLOBAL*. */
INT mw_deliver_memory(mw_session *s, mw_transfer_fn fn, void *args, LPVOID dest, LPDWORD length);
INT mw_deliver_file(mw_session *s, mw_transfer_fn fn, void *args, const char *path);
INT mw_deliver_callback(mw_session *s, HCLIENT h, mw_transfer_fn fn, void *args, mw_read_proc proc,
                        DWORD_PTR param);
/* fn delivers a header block; the field's value (RFC 2047 decoded when
 * decode) goes to out. */
INT mw_deliver_header_value(mw_session *s, mw_transfer_fn fn, void *args, const char *name,
                            int decode, const mw_out *out);
/* Nonzero for a header field name that cannot be asked for: none, empty,
 * with a colon or a line break. */
int mw_bad_field_name(const char *name);
/* One field of a header block the caller holds, unfolded and decoded; no
 * session, no network. Returns its length, or -1 with the error set. */
INT mw_parse_header_value(const void *block, DWORD len, const char *name, const mw_out *out);
/* Ends a call that talked to the server (closing it when out of step). */
INT mw_deliver_finish(mw_session *s, DWORD err, INT value);

#endif /* MW_DELIVER_H */
