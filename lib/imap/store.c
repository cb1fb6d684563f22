/*
 * store.c - changing one message (STORE of flags and keywords, COPY, MOVE:
 * the set operations of setops.c for a set of one), EXPUNGE and APPEND.
 */
#include <stdio.h>
#include <string.h>

#include "../proto/line.h"
#include "../proto/number.h"
#include "../proto/trace.h"
#include "../sys/ascii.h"
#include "imap.h"

/* One message as a set: its number, checked first. */
static DWORD one_message(mw_session *s, UINT id, DWORD options, char set[16])
{
    snprintf(set, 16, "%u", id);
    return mw_imap_check_id(s, id, options);
}

DWORD mw_imap_store_flags(mw_session *s, UINT id, DWORD flags, DWORD options)
{
    char set[16];
    if ((flags & ~(DWORD)MW_IMAP_STORABLE_FLAGS) != 0)
        return ST_ERROR_INVALID_PARAMETER; /* before the number is looked at, as always */
    DWORD err = one_message(s, id, options, set);
    return err != 0 ? err : mw_imap_store_set(s, set, flags, NULL, options);
}

int mw_imap_valid_keyword(const char *k, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)k[i];
        if (ch <= 0x20 || ch >= 0x7F || strchr("(){%*\"\\]", ch) != NULL)
            return 0;
    }
    return n > 0;
}

DWORD mw_imap_store_keywords(mw_session *s, UINT id, const char *keywords, DWORD options)
{
    char set[16];
    DWORD err = one_message(s, id, options, set);
    return err != 0 ? err : mw_imap_store_set(s, set, 0, keywords, options);
}

DWORD mw_imap_copy(mw_session *s, UINT id, const char *mailbox, DWORD options)
{
    char set[16];
    DWORD err = one_message(s, id, options, set);
    return err != 0 ? err : mw_imap_copy_set(s, set, mailbox, options, NULL, NULL);
}

DWORD mw_imap_move(mw_session *s, UINT id, const char *mailbox, DWORD options)
{
    char set[16];
    DWORD err = one_message(s, id, options, set);
    return err != 0 ? err : mw_imap_move_set(s, set, mailbox, options, NULL, NULL);
}

DWORD mw_imap_expunge(mw_session *s)
{
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    return mw_imap_simple(s, "EXPUNGE");
}

/* ---- APPEND ------------------------------------------------------------- */

static DWORD on_append_code(mw_session *s, DWORD *uid_r)
{
    /* "[APPENDUID uidvalidity uid] ..." in the result text */
    const char *t = (const char *)s->result_text.p;
    const char *code = t != NULL ? strstr(t, "[APPENDUID ") : NULL;
    *uid_r = 0;
    if (code == NULL)
        return 0;
    /* two 32-bit numbers; one out of range (or not a number) gives no UID,
     * whatever the width of long */
    const char *v = code + strlen("[APPENDUID ");
    size_t vlen = strspn(v, "0123456789");
    const char *u = v + vlen + 1;
    size_t ulen = v[vlen] == ' ' ? strspn(u, "0123456789") : 0;
    uint64_t validity, uid;
    if (ulen > 0 && u[ulen] == ']' && mw_decimal(v, vlen, 0xFFFFFFFFu, &validity) == 0 &&
        mw_decimal(u, ulen, 0xFFFFFFFFu, &uid) == 0)
        *uid_r = (DWORD)uid;
    return 0;
}

static int valid_date(const char *d)
{
    size_t n = strlen(d);
    if (n < 20 || n > 30)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)d[i] < 0x20 || d[i] == '"' || d[i] == '\\' || (unsigned char)d[i] > 0x7E)
            return 0;
    return 1;
}

DWORD mw_imap_append(mw_session *s, const char *mailbox, const void *msg, size_t len, DWORD flags,
                     const char *date, DWORD *uid_r)
{
    if ((flags & ~(DWORD)MW_IMAP_STORABLE_FLAGS) != 0 || (date != NULL && !valid_date(date)) || len == 0)
        return ST_ERROR_INVALID_PARAMETER;
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, "APPEND");
    if (err == 0)
        err = mw_imap_cmd_mailbox(s, &c, mailbox);
    if (err == 0 && flags != 0)
        err = mw_buf_append(&c.text, " (", 2);
    if (err == 0 && flags != 0)
        err = mw_imap_append_flags(&c.text, flags);
    if (err == 0 && flags != 0)
        err = mw_buf_append(&c.text, ")", 1);
    if (err == 0 && date != NULL)
        err = mw_buf_printf(&c.text, " \"%s\"", date);
    if (err == 0)
        err = mw_imap_cmd_literal(s, &c, msg, len);
    if (err == 0)
        err = mw_imap_run(s, &c, NULL, NULL);
    mw_imap_cmd_free(&c);
    err = mw_imap_mailbox_error(err, s);
    return err != 0 ? err : on_append_code(s, uid_r);
}
