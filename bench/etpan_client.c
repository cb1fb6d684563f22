/*
 * etpan_client.c - the libetpan contender: LOGIN, EXAMINE and one
 * FETCH SET BODY.PEEK[], as an application using libetpan would write it.
 *
 *   etpan_client [--tls] HOST PORT USER PASSWORD MAILBOX SET
 *
 * libetpan gathers the whole FETCH response into its parse tree before
 * returning it; that is the behaviour being measured.
 */
#include <libetpan/libetpan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fetch_all(mailimap *imap, const char *set_text)
{
    struct mailimap_set *set = NULL;
    if (strcmp(set_text, "1:*") == 0)
        set = mailimap_set_new_interval(1, 0);
    else
        set = mailimap_set_new_single((uint32_t)strtoul(set_text, NULL, 10));
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

int main(int argc, char **argv)
{
    int tls = argc > 1 && strcmp(argv[1], "--tls") == 0;
    int a = tls ? 2 : 1;
    if (argc - a != 6) {
        fprintf(stderr, "usage: etpan_client [--tls] HOST PORT USER PASSWORD MAILBOX SET\n");
        return 2;
    }
    mailimap *imap = mailimap_new(0, NULL);
    uint16_t port = (uint16_t)atoi(argv[a + 1]);
    int rc = tls ? mailimap_ssl_connect(imap, argv[a], port) : mailimap_socket_connect(imap, argv[a], port);
    if (rc != MAILIMAP_NO_ERROR_NON_AUTHENTICATED ||
        mailimap_login(imap, argv[a + 2], argv[a + 3]) != MAILIMAP_NO_ERROR ||
        mailimap_examine(imap, argv[a + 4]) != MAILIMAP_NO_ERROR || fetch_all(imap, argv[a + 5]) != 0) {
        fprintf(stderr, "libetpan failed\n");
        mailimap_free(imap);
        return 1;
    }
    mailimap_logout(imap);
    mailimap_free(imap);
    return 0;
}
