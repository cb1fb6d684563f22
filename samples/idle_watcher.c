/*
 * idle_watcher.c - wait in IDLE and print each new message's subject.
 *
 *   idle_watcher HOST[:PORT] USER MAILBOX SECONDS
 *
 * Plain connection (for a server on loopback); MAILWIRE_PASSWORD holds the
 * password. Stops after SECONDS without news.
 */
#include <mailwire.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    const char *password = getenv("MAILWIRE_PASSWORD");
    if (argc != 5 || password == NULL) {
        fprintf(stderr, "usage: idle_watcher HOST[:PORT] USER MAILBOX SECONDS\n");
        return 2;
    }
    ImapInitialize(NULL, NULL);
    HCLIENT h = ImapConnect(argv[1], 0, 30, IMAP_OPTION_NONE, NULL);
    if (h == INVALID_CLIENT || ImapLogin(h, IMAP_AUTH_DEFAULT, argv[2], password) != 0 ||
        ImapExamineMailbox(h, argv[3], NULL) != 0) {
        fprintf(stderr, "could not open %s (error 0x%08lx)\n", argv[3], (unsigned long)ImapGetLastError());
        return 1;
    }
    INT known = ImapGetMessageCount(h);
    printf("watching %s: %d messages\n", argv[3], known);
    fflush(stdout);
    DWORD changes;
    while (ImapIdle(h, (UINT)atoi(argv[4]), &changes) == 1) {
        INT now = ImapGetMessageCount(h);
        for (INT i = known + 1; i <= now; i++) {
            char subject[512] = "";
            ImapGetHeaderValue(h, (UINT)i, "Subject", subject, sizeof subject, 0);
            for (char *c = subject; *c; c++) /* the sender wrote it: no escape sequences */
                if ((unsigned char)*c < 0x20 || *c == 0x7F)
                    *c = '?';
            printf("new message %d: %s\n", i, subject);
        }
        fflush(stdout);
        known = now;
    }
    ImapDisconnect(h);
    ImapUninitialize();
    return 0;
}
