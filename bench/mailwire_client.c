/*
 * mailwire_client.c - the mailwire contender of the benchmark.
 *
 *   mailwire_client [--cacert FILE] HOST:PORT USER PASSWORD MAILBOX fetch SET
 *   mailwire_client [--cacert FILE] HOST:PORT USER PASSWORD MAILBOX save UID FILE
 *   mailwire_client [--cacert FILE] HOST:PORT USER PASSWORD MAILBOX search CRITERIA
 *   mailwire_client [--cacert FILE] HOST:PORT USER PASSWORD MAILBOX list SET
 *
 * Logs in with PLAIN, then
 * fetch:  ImapFetchMessages(SET) with a callback that counts and discards.
 * save:   ImapSaveMessage of one message (by UID) to FILE.
 * search: ImapSearchMessages(CRITERIA, UIDs), each match counted.
 * list:   ImapListMessages(SET): UID, flags, size and date of each,
 *         counted (the flagged ones too, so the flags are looked at).
 * With --cacert the session uses implicit TLS verified against FILE.
 */
#include <mailwire.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned long long bytes;
    unsigned long messages;
} TALLY;

static BOOL CALLBACK discard(HCLIENT hClient, const IMAPFETCHDATA *lpData, DWORD_PTR dwParam)
{
    (void)hClient;
    TALLY *tally = (TALLY *)dwParam;
    tally->bytes += lpData->dwLength;
    tally->messages += lpData->bLastChunk ? 1 : 0;
    return TRUE;
}

static BOOL CALLBACK count_match(HCLIENT hClient, DWORD dwUid, DWORD_PTR dwParam)
{
    (void)hClient;
    (void)dwUid;
    ++*(unsigned long *)dwParam;
    return TRUE;
}

static BOOL CALLBACK count_message(HCLIENT hClient, const IMAPMESSAGE *lpMessage, DWORD_PTR dwParam)
{
    (void)hClient;
    TALLY *tally = (TALLY *)dwParam;
    tally->messages++;
    tally->bytes += (lpMessage->dwFlags & IMAP_FLAG_FLAGGED) != 0;
    return TRUE;
}

static int fail(const char *what)
{
    char why[256];
    ImapGetErrorString(ImapGetLastError(), why, sizeof why);
    fprintf(stderr, "%s failed: %s\n", what, why);
    return 1;
}

static int run(HCLIENT h, char **args, int count)
{
    if (count == 2 && strcmp(args[0], "fetch") == 0) {
        TALLY tally = {0, 0};
        if (ImapFetchMessages(h, args[1], IMAP_MESSAGE_PEEK, discard, (DWORD_PTR)&tally) < 0)
            return fail("ImapFetchMessages");
        printf("%lu messages, %llu bytes\n", tally.messages, tally.bytes);
        return 0;
    }
    if (count == 3 && strcmp(args[0], "save") == 0) {
        UINT uid = (UINT)strtoul(args[1], NULL, 10);
        INT size = ImapSaveMessage(h, uid, 0, args[2], IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK);
        if (size < 0)
            return fail("ImapSaveMessage");
        printf("%d bytes\n", size);
        return 0;
    }
    if (count == 2 && strcmp(args[0], "search") == 0) {
        unsigned long matches = 0;
        if (ImapSearchMessages(h, args[1], NULL, IMAP_MESSAGE_UID, count_match, (DWORD_PTR)&matches) < 0)
            return fail("ImapSearchMessages");
        printf("%lu matches\n", matches);
        return 0;
    }
    if (count == 2 && strcmp(args[0], "list") == 0) {
        TALLY tally = {0, 0};
        if (ImapListMessages(h, args[1], 0, count_message, (DWORD_PTR)&tally) < 0)
            return fail("ImapListMessages");
        printf("%lu messages, %llu flagged\n", tally.messages, tally.bytes);
        return 0;
    }
    fprintf(stderr, "unknown mode\n");
    return 2;
}

int main(int argc, char **argv)
{
    SECURITYCREDENTIALS creds = {.dwSize = sizeof creds};
    DWORD options = IMAP_OPTION_NONE;
    int a = 1;
    if (argc > 2 && strcmp(argv[1], "--cacert") == 0) {
        creds.lpszCAFile = argv[2];
        options = IMAP_OPTION_SECURE_IMPLICIT;
        a = 3;
    }
    if (argc - a < 6) {
        fprintf(stderr, "usage: mailwire_client [--cacert FILE] HOST:PORT USER PASSWORD MAILBOX "
                        "fetch SET | save UID FILE | search CRITERIA | list SET\n");
        return 2;
    }
    ImapInitialize(NULL, NULL);
    HCLIENT h = ImapConnect(argv[a], 0, 60, options, &creds);
    if (h == INVALID_CLIENT)
        return fail("ImapConnect");
    SECURITYINFO si = {.dwSize = sizeof si};
    if (options != IMAP_OPTION_NONE && ImapGetSecurityInformation(h, &si))
        fprintf(stderr, "TLS: %s %s\n", si.szProtocol, si.szCipherSuite); /* what the figures rest on */
    int rc;
    /* PLAIN, as the floor and the peers send the password in the clear too:
     * the default, SCRAM-SHA-256, would add its 4096 rounds of PBKDF2 to
     * the client CPU being compared */
    if (ImapLogin(h, IMAP_AUTH_PLAIN, argv[a + 1], argv[a + 2]) != 0)
        rc = fail("ImapLogin");
    else if (ImapExamineMailbox(h, argv[a + 3], NULL) != 0)
        rc = fail("ImapExamineMailbox");
    else
        rc = run(h, argv + a + 4, argc - a - 4);
    ImapDisconnect(h);
    ImapUninitialize();
    return rc;
}
