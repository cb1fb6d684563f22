/*
 * store.c - changing messages: STORE of flags and keywords, COPY, MOVE
 * (or COPY + \Deleted + EXPUNGE), EXPUNGE and APPEND.
 */
#include <stdio.h>
#include <string.h>

#include "../proto/line.h"
#include "../proto/number.h"
#include "../proto/trace.h"
#include "../sys/ascii.h"
#include "imap.h"

static DWORD begin_uid(mw_session *s, mw_imap_cmd *c, const char *verb, UINT id, DWORD options)
{
    char cmd[32], idtext[16];
    snprintf(cmd, sizeof cmd, "%s%s", (options & IMAP_MESSAGE_UID) ? "UID " : "", verb);
    snprintf(idtext, sizeof idtext, "%u", id);
    DWORD err = mw_imap_cmd_begin(s, c, cmd);
    return err != 0 ? err : mw_imap_cmd_atom(c, idtext);
}

static DWORD append_flag_list(mw_buf *b, DWORD flags)
{
    static const struct {
        DWORD bit;
        const char *name;
    } names[] = {{IMAP_FLAG_SEEN, "\\Seen"},       {IMAP_FLAG_ANSWERED, "\\Answered"},
                 {IMAP_FLAG_FLAGGED, "\\Flagged"}, {IMAP_FLAG_DELETED, "\\Deleted"},
                 {IMAP_FLAG_DRAFT, "\\Draft"}};
    DWORD err = mw_buf_append(b, "(", 1);
    int first = 1;
    for (size_t i = 0; err == 0 && i < sizeof names / sizeof names[0]; i++) {
        if (!(flags & names[i].bit))
            continue;
        err = mw_buf_printf(b, "%s%s", first ? "" : " ", names[i].name);
        first = 0;
    }
    return err != 0 ? err : mw_buf_append(b, ")", 1);
}


static const char *store_verb(DWORD options)
{
    if (options & IMAP_FLAGS_ADD)
        return " +FLAGS.SILENT ";
    if (options & IMAP_FLAGS_REMOVE)
        return " -FLAGS.SILENT ";
    return " FLAGS.SILENT ";
}

/* "[UID ]STORE id +FLAGS.SILENT " and the like, after the checks. */
static DWORD begin_store(mw_session *s, mw_imap_cmd *c, UINT id, DWORD options)
{
    if ((options & IMAP_FLAGS_ADD) && (options & IMAP_FLAGS_REMOVE))
        return ST_ERROR_INVALID_PARAMETER;
    DWORD err = mw_imap_check_id(s, id, options);
    if (err == 0 && s->imap.read_only)
        err = ST_ERROR_COMMAND_REJECTED; /* EXAMINE: nothing can be stored */
    if (err == 0)
        err = begin_uid(s, c, "STORE", id, options);
    if (err == 0)
        err = mw_buf_append_str(&c->text, store_verb(options));
    return err;
}

DWORD mw_imap_store_flags(mw_session *s, UINT id, DWORD flags, DWORD options)
{
    if ((flags & ~(DWORD)(IMAP_FLAG_SEEN | IMAP_FLAG_ANSWERED | IMAP_FLAG_FLAGGED |
                          IMAP_FLAG_DELETED | IMAP_FLAG_DRAFT)) != 0)
        return ST_ERROR_INVALID_PARAMETER; /* \Recent is the server's alone */
    mw_imap_cmd c;
    memset(&c, 0, sizeof c);
    DWORD err = begin_store(s, &c, id, options);
    if (err == 0)
        err = append_flag_list(&c.text, flags);
    if (err == 0)
        err = mw_imap_run(s, &c, NULL, NULL);
    mw_imap_cmd_free(&c);
    return err;
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
    mw_imap_cmd c;
    memset(&c, 0, sizeof c);
    DWORD err = begin_store(s, &c, id, options);
    if (err == 0)
        err = mw_buf_append(&c.text, "(", 1);
    for (const char *p = keywords; err == 0 && *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (n == 0)
            break;
        if (!mw_imap_valid_keyword(p, n))
            err = ST_ERROR_INVALID_PARAMETER;
        else if (c.text.p[c.text.len - 1] != '(')
            err = mw_buf_append(&c.text, " ", 1);
        if (err == 0)
            err = mw_buf_append(&c.text, p, n);
        p += n;
    }
    if (err == 0)
        err = mw_buf_append(&c.text, ")", 1);
    if (err == 0)
        err = mw_imap_run(s, &c, NULL, NULL);
    mw_imap_cmd_free(&c);
    return err;
}

static DWORD copy_to(mw_session *s, const char *verb, UINT id, const char *mailbox, DWORD options)
{
    DWORD err = mw_imap_check_id(s, id, options);
    if (err != 0)
        return err;
    mw_imap_cmd c;
    err = begin_uid(s, &c, verb, id, options);
    if (err == 0)
        err = mw_imap_cmd_mailbox(s, &c, mailbox);
    if (err == 0)
        err = mw_imap_run(s, &c, NULL, NULL);
    mw_imap_cmd_free(&c);
    return mw_imap_mailbox_error(err, s);
}

DWORD mw_imap_copy(mw_session *s, UINT id, const char *mailbox, DWORD options)
{
    return copy_to(s, "COPY", id, mailbox, options);
}

DWORD mw_imap_move(mw_session *s, UINT id, const char *mailbox, DWORD options)
{
    if (mw_caps_has(&s->caps, "MOVE"))
        return copy_to(s, "MOVE", id, mailbox, options);
    /* RFC 6851's fallback: copy, mark deleted, expunge just that message
     * (UID EXPUNGE with UIDPLUS; a plain EXPUNGE takes every \Deleted one). */
    DWORD err = copy_to(s, "COPY", id, mailbox, options);
    if (err == 0)
        err = mw_imap_store_flags(s, id, IMAP_FLAG_DELETED, options | IMAP_FLAGS_ADD);
    if (err != 0)
        return err;
    if (!mw_caps_has(&s->caps, "UIDPLUS"))
        return mw_imap_simple(s, "EXPUNGE");
    DWORD uid = id;
    if (!(options & IMAP_MESSAGE_UID)) {
        mw_imap_fetch_info info;
        err = mw_imap_fetch_info_of(s, id, options, &info, NULL);
        uid = info.uid;
    }
    mw_imap_cmd c;
    if (err == 0)
        err = begin_uid(s, &c, "EXPUNGE", uid, IMAP_MESSAGE_UID);
    if (err == 0) {
        err = mw_imap_run(s, &c, NULL, NULL);
        mw_imap_cmd_free(&c);
    }
    return err;
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
    if ((flags & ~(DWORD)(IMAP_FLAG_SEEN | IMAP_FLAG_ANSWERED | IMAP_FLAG_FLAGGED |
                          IMAP_FLAG_DELETED | IMAP_FLAG_DRAFT)) != 0 ||
        (date != NULL && !valid_date(date)) || len == 0)
        return ST_ERROR_INVALID_PARAMETER;
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, "APPEND");
    if (err == 0)
        err = mw_imap_cmd_mailbox(s, &c, mailbox);
    if (err == 0 && flags != 0)
        err = mw_buf_append(&c.text, " ", 1) == 0 ? append_flag_list(&c.text, flags) : ST_ERROR_OUT_OF_MEMORY;
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
