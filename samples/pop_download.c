/*
 * pop_download.c - the classic POP3 job: download every message into a
 * directory, delete it on the server, and commit with QUIT.
 *
 *   pop_download HOST[:PORT] USER DIRECTORY [--keep]
 *
 * STLS is required; MAILWIRE_PASSWORD and MAILWIRE_CAFILE configure it.
 */
#include <mailwire.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *password = getenv("MAILWIRE_PASSWORD");
    if (argc < 4 || password == NULL) {
        fprintf(stderr, "usage: pop_download HOST[:PORT] USER DIRECTORY [--keep]\n");
        return 2;
    }
    int keep = argc > 4 && strcmp(argv[4], "--keep") == 0;
    SECURITYCREDENTIALS creds = {.dwSize = sizeof creds};
    creds.lpszCAFile = getenv("MAILWIRE_CAFILE");
    PopInitialize(NULL, NULL);
    HCLIENT h = PopConnect(argv[1], 0, 30, POP_OPTION_SECURE_EXPLICIT, &creds);
    if (h == INVALID_CLIENT || PopLogin(h, POP_AUTH_DEFAULT, argv[2], password) != 0) {
        char why[256];
        PopGetErrorString(PopGetLastError(), why, sizeof why);
        fprintf(stderr, "could not log in: %s\n", why);
        return 1;
    }
    INT count = PopGetMessageCount(h);
    int saved = 0;
    for (INT i = 1; i <= count; i++) {
        char uid[80], name[3 * sizeof uid], path[4096];
        if (PopGetMessageUid(h, (UINT)i, uid, sizeof uid) < 0)
            continue;
        /* UIDs come from the server: digits and lower-case letters pass, the
         * rest becomes %XX, so two UIDs never share a file name, even on a
         * file system that ignores case */
        size_t n = 0;
        for (const unsigned char *c = (const unsigned char *)uid; *c; c++)
            n += (size_t)snprintf(name + n, sizeof name - n,
                                  (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ? "%c" : "%%%02X", *c);
        snprintf(path, sizeof path, "%s/%s.eml", argv[3], name);
        FILE *exists = fopen(path, "rb");
        if (exists != NULL) { /* kept by an earlier run: never overwritten */
            fclose(exists);
            continue;
        }
        if (PopSaveMessage(h, (UINT)i, path, 0) < 0)
            continue; /* not saved: not deleted either */
        saved++;
        if (!keep)
            PopDeleteMessage(h, (UINT)i);
    }
    printf("saved %d of %d messages\n", saved, count);
    PopDisconnect(h); /* QUIT: the deletions take effect now */
    PopUninitialize();
    return saved == count ? 0 : 1;
}
