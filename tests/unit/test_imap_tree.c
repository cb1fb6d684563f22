/*
 * test_imap_tree.c - the response tree and the readers built on it, from
 * tables: the tree's shape for each input (and its limits), the head of a
 * FETCH whose literal is announced, and the FETCH, LIST, STATUS and
 * BODYSTRUCTURE readers, each response fed to the assembler whole and one
 * byte at a time (and in other pieces) with the same reading expected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/check_main.h"
#include "imap/bodystructure.h"
#include "imap/fetch_items.h"
#include "imap/imap.h"
#include "imap/tree.h"

/* ---- the tree's shape -------------------------------------------------- */

/* "atom", "q:value" (quoted, escapes kept), "l:value" (literal), NIL,
 * "(...)" for lists; siblings separated by one space. */
static void shape(const mw_imap_tree *t, uint32_t list, char *out, size_t cap)
{
    for (uint32_t c = mw_node_first(t, list); c != 0; c = mw_node_next(t, list, c)) {
        char piece[1100];
        const mw_imap_node *n = &t->v[c];
        if (n->kind == MW_NODE_LIST) {
            char inner[1024] = "";
            shape(t, c, inner, sizeof inner);
            snprintf(piece, sizeof piece, "(%s)", inner);
        } else if (n->kind == MW_NODE_NIL) {
            snprintf(piece, sizeof piece, "NIL");
        } else {
            snprintf(piece, sizeof piece, "%s%.*s", n->kind == MW_NODE_ATOM ? "" : n->literal ? "l:" : "q:",
                     (int)n->text.len, n->text.p);
        }
        size_t at = strlen(out);
        snprintf(out + at, cap - at, "%s%s", at > 0 ? " " : "", piece);
    }
}

START_TEST(tree_shapes)
{
    static const struct {
        const char *in;
        DWORD err;
        const char *shape;
    } cases[] = {
        {"", 0, ""},
        {"A b 12", 0, "A b 12"},
        {"(A (B C) \"d e\" NIL nil)", 0, "(A (B C) q:d e NIL NIL)"},
        {"(\"a\\\"b\" {3}\r\nx)y)", 0, "(q:a\\\"b l:x)y)"},
        {"()", 0, "()"},
        {"((()))", 0, "((()))"},
        {"BODY[HEADER.FIELDS (TO CC)]<0> {2}\r\nab", 0, "BODY[HEADER.FIELDS (TO CC)]<0> l:ab"},
        {"(\\Seen \\Flagged $Label1)", 0, "(\\Seen \\Flagged $Label1)"},
        {"(A", ST_ERROR_PROTOCOL_VIOLATION, NULL},
        {"A)", ST_ERROR_PROTOCOL_VIOLATION, NULL},
        {"(\"unterminated)", ST_ERROR_PROTOCOL_VIOLATION, NULL},
        {"({5}\r\nab)", ST_ERROR_PROTOCOL_VIOLATION, NULL},
        {"(\"a\r\nb\")", ST_ERROR_PROTOCOL_VIOLATION, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mw_imap_tree t;
        mw_imap_tree_init(&t);
        DWORD err = mw_imap_tree_parse(&t, (mw_imap_text){cases[i].in, strlen(cases[i].in)}, 0);
        ck_assert_msg(err == cases[i].err, "%s: 0x%x", cases[i].in, (unsigned)err);
        if (err == 0) {
            char got[1024] = "";
            shape(&t, 0, got, sizeof got);
            ck_assert_str_eq(got, cases[i].shape);
        }
        mw_imap_tree_free(&t);
    }
}
END_TEST

START_TEST(tree_limits_and_partial_parses)
{
    static char deep[2 * (MW_IMAP_TREE_DEPTH_MAX + 1) + 1];
    mw_imap_tree t;
    mw_imap_tree_init(&t);
    for (int depth = MW_IMAP_TREE_DEPTH_MAX; depth <= MW_IMAP_TREE_DEPTH_MAX + 1; depth++) {
        memset(deep, '(', (size_t)depth);
        memset(deep + depth, ')', (size_t)depth);
        DWORD err = mw_imap_tree_parse(&t, (mw_imap_text){deep, 2 * (size_t)depth}, 0);
        ck_assert_uint_eq(err, depth > MW_IMAP_TREE_DEPTH_MAX ? ST_ERROR_RESPONSE_TOO_LARGE : 0);
    }
    size_t n = 2 * (size_t)MW_IMAP_TREE_NODES_MAX;
    char *many = malloc(n);
    ck_assert(many != NULL);
    for (size_t i = 0; i < n; i += 2)
        memcpy(many + i, "a ", 2);
    ck_assert_uint_eq(mw_imap_tree_parse(&t, (mw_imap_text){many, n - 2}, 0), 0); /* the root and all but one */
    ck_assert_uint_eq(mw_imap_tree_parse(&t, (mw_imap_text){many, n}, 0), ST_ERROR_RESPONSE_TOO_LARGE);
    free(many);
    /* partial: the text may end inside lists, which are counted */
    const char *head = "(UID 7 FLAGS (\\Seen) BODY[] ";
    ck_assert_uint_eq(mw_imap_tree_parse(&t, (mw_imap_text){head, strlen(head)}, 1), 0);
    ck_assert_int_eq(t.open_lists, 1);
    ck_assert_uint_eq(mw_node_count(&t, mw_node_first(&t, 0)), 5);
    ck_assert_uint_eq(mw_imap_tree_parse(&t, (mw_imap_text){head, strlen(head)}, 0), ST_ERROR_PROTOCOL_VIOLATION);
    mw_imap_tree_free(&t);
}
END_TEST

START_TEST(typed_accessors)
{
    const char *in = "(UID 4294967295 N 4294967296 Z 0 S \"a\\\\b\" L {2}\r\nxy NIL (1 2))";
    mw_imap_tree t;
    mw_imap_tree_init(&t);
    ck_assert_uint_eq(mw_imap_tree_parse(&t, (mw_imap_text){in, strlen(in)}, 0), 0);
    uint32_t l = mw_node_first(&t, 0);
    DWORD v = 0;
    ck_assert(mw_node_is_atom(&t, mw_node_child(&t, l, 0), "uid"));
    ck_assert_uint_eq(mw_node_nz32(&t, mw_node_child(&t, l, 1), &v), 0);
    ck_assert_uint_eq(v, 4294967295u);
    ck_assert_uint_eq(mw_node_nz32(&t, mw_node_child(&t, l, 3), &v), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_uint_eq(mw_node_nz32(&t, mw_node_child(&t, l, 5), &v), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_uint_eq(mw_node_nz32(&t, mw_node_child(&t, l, 7), &v), ST_ERROR_PROTOCOL_VIOLATION);
    mw_buf b;
    mw_buf_init(&b, 0);
    ck_assert_uint_eq(mw_node_value(&t, mw_node_child(&t, l, 7), &b), 0);
    ck_assert_uint_eq(mw_node_value(&t, mw_node_child(&t, l, 9), &b), 0);
    ck_assert_uint_eq(mw_node_value(&t, mw_node_child(&t, l, 10), &b), 0);
    ck_assert_mem_eq(b.p, "a\\bxy", 5);
    ck_assert_uint_eq(b.len, 5);
    ck_assert_uint_eq(mw_node_value(&t, mw_node_child(&t, l, 11), &b), ST_ERROR_PROTOCOL_VIOLATION);
    ck_assert_uint_eq(mw_node_count(&t, l), 12);
    ck_assert_uint_eq(mw_node_count(&t, mw_node_child(&t, l, 11)), 2);
    ck_assert_uint_eq(mw_node_child(&t, l, 12), 0);
    ck_assert_uint_eq(mw_node_first(&t, mw_node_child(&t, l, 0)), 0); /* an atom has no children */
    mw_buf_free(&b);
    mw_imap_tree_free(&t);
}
END_TEST

/* ---- the head of a FETCH whose literal is announced --------------------- */

START_TEST(fetch_heads)
{
    static const struct {
        const char *in;
        DWORD err;
        UINT seq;
        DWORD uid;
        const char *item;
    } cases[] = {
        {"* 12 FETCH (UID 7 BODY[] {5}", 0, 12, 7, "BODY[]"},
        {"* 3 FETCH (BODY[HEADER.FIELDS (TO CC)]<0> {5}", 0, 3, 0, "BODY[HEADER.FIELDS (TO CC)]<0>"},
        {"* 4 FETCH ((UID 9 FLAGS (\\Seen) RFC822 {5}", 0, 4, 9, "RFC822"},
        {"* 5 FETCH (UID 0 BODY[] {5}", 0, 5, 0, "BODY[]"},
        {"* 6 FETCH (X-GM-LABELS (\"a b\" {1}\r\nc) UID 2 BODY[1] {5}", 0, 6, 2, "BODY[1]"},
        {"* 7 FETCH (UID {5}", 0, 7, 0, "UID"}, /* no body item: never claimed */
        {"* 8 EXPUNGE {5}", ST_ERROR_PROTOCOL_VIOLATION, 0, 0, NULL},
        {"* ID (\"k\" {5}", ST_ERROR_PROTOCOL_VIOLATION, 0, 0, NULL},
    };
    mw_imap_tree t;
    mw_imap_tree_init(&t);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mw_imap_fetch_head_info h;
        DWORD err = mw_imap_fetch_head(&t, cases[i].in, strlen(cases[i].in), &h);
        ck_assert_msg(err == cases[i].err, "%s: 0x%x", cases[i].in, (unsigned)err);
        if (err != 0)
            continue;
        ck_assert_uint_eq(h.seq, cases[i].seq);
        ck_assert_uint_eq(h.uid, cases[i].uid);
        ck_assert_int_eq((int)h.item.len, (int)strlen(cases[i].item));
        ck_assert(memcmp(h.item.p, cases[i].item, h.item.len) == 0);
    }
    mw_imap_tree_free(&t);
}
END_TEST

/* ---- readers, fed whole and in pieces ------------------------------------ */

/* One response through the assembler in pieces of step bytes (literals
 * inlined); its text into out. */
static void assemble(const char *in, size_t len, size_t step, char *out, size_t cap, size_t *out_len)
{
    mw_imap_asm a;
    mw_imap_asm_init(&a);
    size_t at = 0;
    int done = 0;
    while (!done) {
        ck_assert_msg(at < len, "%s: no whole response", in);
        size_t used = 0;
        ck_assert_uint_eq(
            mw_imap_asm_feed(&a, (const unsigned char *)in + at, len - at < step ? len - at : step, &used, &done), 0);
        at += used;
    }
    ck_assert_uint_eq(at, len);
    ck_assert_uint_lt(a.text.len, cap);
    memcpy(out, a.text.p, a.text.len);
    *out_len = a.text.len;
    mw_imap_asm_free(&a);
}

typedef void (*reader_fn)(mw_session *s, const mw_imap_resp *r, char *out, size_t cap);

/* How a reading failed, as the table says it. */
static void failed(DWORD err, char *out, size_t cap)
{
    if (err == ST_ERROR_PROTOCOL_VIOLATION)
        snprintf(out, cap, "violation");
    else
        snprintf(out, cap, "error 0x%x", (unsigned)err);
}

/* Flag bits by name, for readings a reader can check by eye. */
static void flag_names(DWORD flags, char *out, size_t cap)
{
    static const struct {
        DWORD bit;
        const char *name;
    } names[] = {{IMAP_FLAG_SEEN, "Seen"},
                 {IMAP_FLAG_ANSWERED, "Answered"},
                 {IMAP_FLAG_NOSELECT, "Noselect"},
                 {IMAP_FLAG_HASNOCHILDREN, "HasNoChildren"},
                 {IMAP_FLAG_SUBSCRIBED, "Subscribed"},
                 {IMAP_FLAG_SENT, "Sent"},
                 {IMAP_FLAG_ARCHIVE, "Archive"}};
    out[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (flags & names[i].bit) {
            size_t at = strlen(out);
            snprintf(out + at, cap - at, "%s%s", at ? "," : "", names[i].name);
        }
}

static void read_fetch(mw_session *s, const mw_imap_resp *r, char *out, size_t cap)
{
    (void)s;
    mw_imap_fetch_info f;
    DWORD err = mw_imap_parse_fetch(r, "", &f);
    if (err != 0) {
        failed(err, out, cap);
        return;
    }
    mw_buf body;
    mw_buf_init(&body, 0);
    if (f.body_inline)
        ck_assert_uint_eq(mw_imap_token_value(&f.body_text, &body), 0);
    char flags[128];
    flag_names(f.flags, flags, sizeof flags);
    snprintf(out, cap, "seq %u uid %u size %u flags %s date %s modseq %llu body %s%.*s", (unsigned)f.seq,
             (unsigned)f.uid, (unsigned)f.size, flags, f.date, (unsigned long long)f.modseq,
             !f.has_body ? "-" : f.body_nil ? "NIL" : f.body_inline ? "inline:" : "streamed", (int)body.len,
             body.p ? (const char *)body.p : "");
    mw_buf_free(&body);
}

static void read_list(mw_session *s, const mw_imap_resp *r, char *out, size_t cap)
{
    mw_imap_mailbox_entry e;
    mw_buf name;
    mw_buf_init(&name, 0);
    DWORD err = mw_imap_parse_list(s, r, &e, &name);
    if (err != 0)
        failed(err, out, cap);
    else
    {
        char flags[128];
        flag_names(e.flags, flags, sizeof flags);
        snprintf(out, cap, "%s flags %s delimiter %c", e.name, flags, e.delimiter ? e.delimiter : '-');
    }
    mw_buf_free(&name);
}

static void read_status(mw_session *s, const mw_imap_resp *r, char *out, size_t cap)
{
    IMAPMAILBOXSTATUS st;
    mw_buf name;
    mw_buf_init(&name, 0);
    DWORD err = mw_imap_parse_status(s, r, &name, &st);
    if (err != 0)
        failed(err, out, cap);
    else
        snprintf(out, cap, "%s messages %u recent %u unseen %u validity %u next %u modseq %llu", (const char *)name.p,
                 st.nMessages, st.nRecentMessages, st.nUnseenMessages, (unsigned)st.dwMailboxUID,
                 (unsigned)st.dwNextMessageUID, (unsigned long long)st.ullHighestModSeq);
    mw_buf_free(&name);
}

static DWORD bodystructure_item(void *ctx, const mw_imap_tree *t, mw_imap_text name, uint32_t v)
{
    mw_bs_node **root = ctx;
    return mw_imap_text_is(name, "BODYSTRUCTURE") && *root == NULL ? mw_bs_parse(t, v, root) : 0;
}

/* The structure as the library writes it back: what it understood. */
static void read_bodystructure(mw_session *s, const mw_imap_resp *r, char *out, size_t cap)
{
    (void)s;
    mw_bs_node *root = NULL;
    DWORD err = r->tree != NULL ? mw_imap_fetch_items(r->tree, bodystructure_item, &root) : r->tree_err;
    mw_buf text;
    mw_buf_init(&text, 0);
    if (err == 0 && root == NULL)
        err = ST_ERROR_MESSAGE_NOT_FOUND;
    if (err == 0)
        err = mw_bs_write(root, &text);
    if (err != 0)
        failed(err, out, cap);
    else
        snprintf(out, cap, "%.*s", (int)text.len, (const char *)text.p);
    mw_buf_free(&text);
    mw_bs_free(&root);
}

static const struct {
    reader_fn read;
    const char *raw;
    const char *reading;
} readers[] = {
    /* FETCH */
    {read_fetch, "* 1 FETCH (UID 7 FLAGS (\\Seen \\Answered) RFC822.SIZE 44 INTERNALDATE \" 5-Mar-2024 10:00:00 +0000\")\r\n",
     "seq 1 uid 7 size 44 flags Seen,Answered date 05-Mar-2024 10:00:00 +0000 modseq 0 body -"},
    {read_fetch, "* 2 FETCH ((UID 9 MODSEQ (12345678901) BODY[] \"hi \\\"there\\\"\"))\r\n",
     "seq 2 uid 9 size 10 flags  date  modseq 12345678901 body inline:hi \"there\""},
    {read_fetch, "* 3 FETCH (X-GM-LABELS (\\Inbox \"a b\") X-NEW {4}\r\nab)c UID 4 BODY[] NIL)\r\n",
     "seq 3 uid 4 size 0 flags  date  modseq 0 body NIL"},
    {read_fetch, "* 4 FETCH (BODY[HEADER.FIELDS (REFERENCES X-MAILER)] {6}\r\nX: y\r\n UID 5 BODY[] {3}\r\nabc)\r\n",
     "seq 4 uid 5 size 0 flags  date  modseq 0 body streamed"},
    {read_fetch, "* 5 FETCH (UID 0)\r\n", "violation"},
    {read_fetch, "* 6 FETCH (UID 4294967296)\r\n", "violation"},
    {read_fetch, "* 7 FETCH (UID)\r\n", "violation"},
    {read_fetch, "* 8 FETCH (MODSEQ 5)\r\n", "violation"},
    /* LIST and LSUB */
    {read_list, "* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n", "Sent flags HasNoChildren,Sent delimiter /"},
    {read_list, "* LIST () NIL NIL\r\n", "NIL flags  delimiter -"},
    {read_list, "* LSUB (\\Noselect) \".\" {8}\r\nA \"b\" &-\r\n", "A \"b\" & flags Noselect,Subscribed delimiter ."},
    {read_list, "* LIST (\\Archive) \"/\" \"Archive/2024\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n",
     "Archive/2024 flags Archive delimiter /"},
    {read_list, "* LIST \\Noselect \"/\" x\r\n", "violation"},
    {read_list, "* LIST (\\Noselect) \"/\"\r\n", "violation"},
    /* STATUS */
    {read_status, "* STATUS INBOX (MESSAGES 3 UIDNEXT 9 UIDVALIDITY 77 UNSEEN 1 RECENT 0 HIGHESTMODSEQ 99)\r\n",
     "INBOX messages 3 recent 0 unseen 1 validity 77 next 9 modseq 99"},
    {read_status, "* STATUS \"a b\" (SIZE 123456 MAILBOXID (F12) MESSAGES 2 X-NEW {3}\r\n(x))\r\n",
     "a b messages 2 recent 0 unseen 0 validity 0 next 0 modseq 0"},
    {read_status, "* STATUS My Mail (MESSAGES 4)\r\n", "My Mail messages 4 recent 0 unseen 0 validity 0 next 0 modseq 0"},
    {read_status, "* STATUS INBOX (MESSAGES x)\r\n", "violation"},
    {read_status, "* STATUS INBOX (MESSAGES 4294967296)\r\n", "violation"},
    {read_status, "* STATUS (MESSAGES 1)\r\n", "violation"},
    /* BODYSTRUCTURE */
    {read_bodystructure,
     "* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" -1 NIL))\r\n",
     "( \"text\" \"plain\" ( \"CHARSET\" \"US-ASCII\") NIL NIL \"7bit\" 0 0 NIL NIL)"},
    {read_bodystructure,
     "* 2 FETCH (UID 3 BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1)(\"image\" \"png\" (\"name\" {5}\r\na.png) "
     "NIL NIL \"base64\" 100 NIL \"attachment\" NIL) \"mixed\" (\"boundary\" \"b\") NIL))\r\n",
     "(( \"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1 NIL NIL)( \"image\" \"png\" ( \"name\" \"a.png\") NIL NIL "
     "\"base64\" 100 NIL ( \"attachment\" NIL)) \"mixed\" ( \"boundary\" \"b\") NIL)"},
    /* multiparts without parts: the subtype comes first */
    {read_bodystructure, "* 3 FETCH (BODYSTRUCTURE (\"MIXED\" (\"BOUNDARY\" \"x\") NIL NIL))\r\n",
     "( \"mixed\" ( \"BOUNDARY\" \"x\") NIL)"},
    {read_bodystructure, "* 4 FETCH (BODYSTRUCTURE (\"text\"))\r\n", "( \"text\" () NIL)"},
    {read_bodystructure, "* 5 FETCH (BODYSTRUCTURE (\"MIXED\" NIL NIL NIL))\r\n", "violation"},
    {read_bodystructure, "* 6 FETCH (BODYSTRUCTURE \"text\")\r\n", "violation"},
};

START_TEST(readers_whole_and_byte_at_a_time)
{
    mw_session *s = mw_imap_session_new();
    ck_assert(s != NULL);
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        const char *raw = readers[i].raw;
        static const size_t steps[] = {4096, 1, 2, 3, 7};
        for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
            char text[2048], reading[1024];
            size_t len;
            assemble(raw, strlen(raw), steps[k], text, sizeof text, &len);
            mw_imap_resp r;
            ck_assert_uint_eq(mw_imap_resp_parse(text, len, &r), 0);
            /* as the reader does: the tree parsed once, handlers read it */
            r.tree_err = mw_imap_tree_parse(&s->imap->tree, r.data, 0);
            r.tree = r.tree_err == 0 ? &s->imap->tree : NULL;
            readers[i].read(s, &r, reading, sizeof reading);
            ck_assert_msg(strcmp(reading, readers[i].reading) == 0, "%s (step %u):\n got  %s\n want %s", raw,
                          (unsigned)steps[k], reading, readers[i].reading);
        }
    }
    mw_session_free(&s);
}
END_TEST

static Suite *tree_suite(void)
{
    Suite *s = suite_create("imap_tree");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, tree_shapes);
    tcase_add_test(tc, tree_limits_and_partial_parses);
    tcase_add_test(tc, typed_accessors);
    tcase_add_test(tc, fetch_heads);
    tcase_add_test(tc, readers_whole_and_byte_at_a_time);
    suite_add_tcase(s, tc);
    return s;
}

CHECK_MAIN(tree_suite)
