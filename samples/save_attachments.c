/*
 * save_attachments.c - save every attachment of the unread messages of a
 * mailbox into a folder, decoded, under safe names; the messages stay
 * unread.
 *
 *   save_attachments [--cacert FILE] HOST[:PORT] USER MAILBOX FOLDER
 *
 * Implicit TLS (port 993 unless HOST names another); the password comes
 * from MAILWIRE_PASSWORD. Prints each message's parts, then what it saved.
 */
#include <mailwire.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_UNREAD 1000
#define MAX_PARTS 100

static int fail(const char *what)
{
    char why[256];
    ImapGetErrorString(ImapGetLastError(), why, sizeof why);
    fprintf(stderr, "%s failed: %s\n", what, why);
    return 1;
}

/* Prints the tree of one message's parts: "  1.2 image/png logo.png". */
static int show_parts(HCLIENT h, UINT uid)
{
    static MIMEPARTA parts[MAX_PARTS];
    parts[0].dwSize = sizeof parts[0];
    INT n = ImapEnumMessagePartsA(h, uid, parts, MAX_PARTS, IMAP_MESSAGE_UID);
    if (n < 0)
        return fail("ImapEnumMessageParts");
    for (INT i = 0; i < n && i < MAX_PARTS; i++)
        printf("%*s%s %s/%s %s\n", 2 + 2 * (int)parts[i].nDepth, "", parts[i].szPart[0] ? parts[i].szPart : "-",
               parts[i].szType, parts[i].szSubType, parts[i].szFileName);
    return 0;
}

static int save_unread(HCLIENT h, const char *folder)
{
    DWORD uids[MAX_UNREAD];
    INT n = ImapSearchMailbox(h, "UNSEEN", NULL, IMAP_MESSAGE_UID, uids, MAX_UNREAD);
    if (n < 0)
        return fail("ImapSearchMailbox");
    int saved = 0;
    for (INT i = 0; i < n && i < MAX_UNREAD; i++) {
        printf("message %lu:\n", (unsigned long)uids[i]);
        if (show_parts(h, uids[i]) != 0)
            return 1;
        /* PEEK: saving does not mark the message read */
        INT k = ImapSaveAttachments(h, uids[i], folder, IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK);
        if (k < 0)
            return fail("ImapSaveAttachments");
        saved += k;
    }
    printf("saved %d attachments of %d unread messages in %s\n", saved, (int)n, folder);
    return 0;
}

int main(int argc, char **argv)
{
    SECURITYCREDENTIALS creds = {.dwSize = sizeof creds};
    int a = 1;
    if (argc > 2 && strcmp(argv[1], "--cacert") == 0) {
        creds.lpszCAFile = argv[2];
        a = 3;
    }
    const char *password = getenv("MAILWIRE_PASSWORD");
    if (argc - a != 4 || password == NULL) {
        fprintf(stderr, "usage: save_attachments [--cacert FILE] HOST[:PORT] USER MAILBOX FOLDER\n");
        return 2;
    }
    ImapInitialize(NULL, NULL);
    HCLIENT h = ImapConnect(argv[a], 0, 30, IMAP_OPTION_SECURE_IMPLICIT, &creds);
    if (h == INVALID_CLIENT)
        return fail("ImapConnect");
    int rc = 1;
    if (ImapLogin(h, IMAP_AUTH_DEFAULT, argv[a + 1], password) != 0)
        fail("ImapLogin");
    else if (ImapExamineMailbox(h, argv[a + 2], NULL) != 0)
        fail("ImapExamineMailbox");
    else
        rc = save_unread(h, argv[a + 3]);
    ImapDisconnect(h);
    ImapUninitialize();
    return rc;
}
