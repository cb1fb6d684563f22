/*
 * etpan_client.c - the libetpan contender, as an application using
 * libetpan would write it: LOGIN, EXAMINE, then one of
 *
 *   etpan_client [--tls] HOST PORT USER PASSWORD MAILBOX SET
 *       one FETCH SET BODY.PEEK[] (the bulk-fetch benchmark)
 *   etpan_client [--tls] HOST PORT USER PASSWORD MAILBOX search SUBJECT-TEXT
 *       UID SEARCH SUBJECT text, the matches counted
 *   etpan_client [--tls] HOST PORT USER PASSWORD MAILBOX list
 *       FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE), the flagged counted
 *   etpan_client [--tls] HOST PORT USER PASSWORD MAILBOX since LAST-UID
 *       what an incremental pull asks: nothing when UIDNEXT is past
 *       LAST-UID + 1, else UID SEARCH UID LAST+1:*
 *
 * libetpan gathers each whole response into its parse tree before
 * returning it; that is the behaviour being measured.
 */
#include <libetpan/libetpan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct mailimap_set *parse_set(const char *set_text)
{
    if (strcmp(set_text, "1:*") == 0)
        return mailimap_set_new_interval(1, 0);
    return mailimap_set_new_single((uint32_t)strtoul(set_text, NULL, 10));
}

static int fetch_all(mailimap *imap, const char *set_text)
{
    struct mailimap_set *set = parse_set(set_text);
    struct mailimap_section *section = mailimap_section_new(NULL);
    struct mailimap_fetch_att *att = mailimap_fetch_att_new_body_peek_section(section);
    struct mailimap_fetch_type *type = mailimap_fetch_type_new_fetch_att(att);
    clist *result = NULL;
    int rc = mailimap_fetch(imap, set, type, &result);
    mailimap_fetch_type_free(type);
    mailimap_set_free(set);
    if (rc != MAILIMAP_NO_ERROR)
        return -1;
    unsigned long long bytes = 0;
    for (clistiter *it = clist_begin(result); it != NULL; it = clist_next(it)) {
        struct mailimap_msg_att *msg = clist_content(it);
        for (clistiter *i = clist_begin(msg->att_list); i != NULL; i = clist_next(i)) {
            struct mailimap_msg_att_item *item = clist_content(i);
            if (item->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
                item->att_data.att_static->att_type == MAILIMAP_MSG_ATT_BODY_SECTION)
                bytes += item->att_data.att_static->att_data.att_body_section->sec_length;
        }
    }
    printf("%d messages, %llu bytes\n", clist_count(result), bytes);
    mailimap_fetch_list_free(result);
    return 0;
}

static int uid_search(mailimap *imap, struct mailimap_search_key *key)
{
    clist *result = NULL;
    int rc = mailimap_uid_search(imap, NULL, key, &result);
    mailimap_search_key_free(key);
    if (rc != MAILIMAP_NO_ERROR)
        return -1;
    printf("%d matches\n", clist_count(result));
    mailimap_search_result_free(result);
    return 0;
}

static int search_subject(mailimap *imap, const char *text)
{
    char *copy = malloc(strlen(text) + 1); /* the key owns it */
    strcpy(copy, text);
    return uid_search(imap, mailimap_search_key_new_subject(copy));
}

static int since(mailimap *imap, const char *last_text)
{
    uint32_t last = (uint32_t)strtoul(last_text, NULL, 10);
    uint32_t next = imap->imap_selection_info->sel_uidnext;
    if (next != 0 && last + 1 >= next) {
        printf("0 new\n");
        return 0;
    }
    return uid_search(imap, mailimap_search_key_new_uid(mailimap_set_new_interval(last + 1, 0)));
}

static int list_all(mailimap *imap)
{
    struct mailimap_fetch_type *type = mailimap_fetch_type_new_fetch_att_list_empty();
    mailimap_fetch_type_new_fetch_att_list_add(type, mailimap_fetch_att_new_uid());
    mailimap_fetch_type_new_fetch_att_list_add(type, mailimap_fetch_att_new_flags());
    mailimap_fetch_type_new_fetch_att_list_add(type, mailimap_fetch_att_new_rfc822_size());
    mailimap_fetch_type_new_fetch_att_list_add(type, mailimap_fetch_att_new_internaldate());
    struct mailimap_set *set = mailimap_set_new_interval(1, 0);
    clist *result = NULL;
    int rc = mailimap_fetch(imap, set, type, &result);
    mailimap_fetch_type_free(type);
    mailimap_set_free(set);
    if (rc != MAILIMAP_NO_ERROR)
        return -1;
    unsigned long flagged = 0;
    for (clistiter *it = clist_begin(result); it != NULL; it = clist_next(it)) {
        struct mailimap_msg_att *msg = clist_content(it);
        for (clistiter *i = clist_begin(msg->att_list); i != NULL; i = clist_next(i)) {
            struct mailimap_msg_att_item *item = clist_content(i);
            if (item->att_type != MAILIMAP_MSG_ATT_ITEM_DYNAMIC)
                continue;
            clist *flags = item->att_data.att_dyn->att_list;
            for (clistiter *f = flags ? clist_begin(flags) : NULL; f != NULL; f = clist_next(f)) {
                struct mailimap_flag_fetch *ff = clist_content(f);
                flagged += ff->fl_type == MAILIMAP_FLAG_FETCH_OTHER && ff->fl_flag != NULL &&
                           ff->fl_flag->fl_type == MAILIMAP_FLAG_FLAGGED;
            }
        }
    }
    printf("%d messages, %lu flagged\n", clist_count(result), flagged);
    mailimap_fetch_list_free(result);
    return 0;
}

static int run(mailimap *imap, char **args, int count)
{
    if (count == 1)
        return fetch_all(imap, args[0]);
    if (count == 2 && strcmp(args[0], "search") == 0)
        return search_subject(imap, args[1]);
    if (count == 2 && strcmp(args[0], "since") == 0)
        return since(imap, args[1]);
    if (count == 2 && strcmp(args[0], "list") == 0)
        return list_all(imap);
    return -1;
}

int main(int argc, char **argv)
{
    int tls = argc > 1 && strcmp(argv[1], "--tls") == 0;
    int a = tls ? 2 : 1;
    if (argc - a < 6 || argc - a > 7) {
        fprintf(stderr, "usage: etpan_client [--tls] HOST PORT USER PASSWORD MAILBOX "
                        "SET | search TEXT | list - | since UID\n");
        return 2;
    }
    mailimap *imap = mailimap_new(0, NULL);
    uint16_t port = (uint16_t)atoi(argv[a + 1]);
    int rc = tls ? mailimap_ssl_connect(imap, argv[a], port) : mailimap_socket_connect(imap, argv[a], port);
    if (rc != MAILIMAP_NO_ERROR_NON_AUTHENTICATED ||
        mailimap_login(imap, argv[a + 2], argv[a + 3]) != MAILIMAP_NO_ERROR ||
        mailimap_examine(imap, argv[a + 4]) != MAILIMAP_NO_ERROR ||
        run(imap, argv + a + 5, argc - a - 5) != 0) {
        fprintf(stderr, "libetpan failed\n");
        mailimap_free(imap);
        return 1;
    }
    mailimap_logout(imap);
    mailimap_free(imap);
    return 0;
}
