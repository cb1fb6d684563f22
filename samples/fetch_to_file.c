/*
 * fetch_to_file.c - save one message of a mailbox to a file, in constant
 * memory whatever its size.
 *
 *   fetch_to_file [--cacert FILE] HOST[:PORT] USER MAILBOX UID FILE
 *
 * Implicit TLS (port 993 unless HOST names another); the password comes
 * from MAILWIRE_PASSWORD.
 */
#include <mailwire.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what)
{
    char why[256];
    ImapGetErrorString(ImapGetLastError(), why, sizeof why);
    fprintf(stderr, "%s failed: %s\n", what, why);
    return 1;
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
    if (argc - a != 5 || password == NULL) {
        fprintf(stderr, "usage: fetch_to_file [--cacert FILE] HOST[:PORT] USER MAILBOX UID FILE\n");
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
    else {
        UINT uid = (UINT)strtoul(argv[a + 3], NULL, 10);
        INT size = ImapSaveMessage(h, uid, 0, argv[a + 4], IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK);
        if (size < 0)
            fail("ImapSaveMessage");
        else {
            printf("saved %d bytes to %s\n", size, argv[a + 4]);
            rc = 0;
        }
    }
    ImapDisconnect(h);
    ImapUninitialize();
    return rc;
}
