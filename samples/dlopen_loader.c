/*
 * dlopen_loader.c - load mailwire at run time (dlopen, or LoadLibrary on
 * Windows) and call it only through the header's PFN_ types.
 *
 *   dlopen_loader LIBRARY HOST[:PORT] USER    (password in MAILWIRE_PASSWORD)
 */
#include <mailwire.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef _WIN32
#define OPEN_LIBRARY(name) ((void *)LoadLibraryA(name))
#define FIND(lib, name) ((void *)GetProcAddress((HMODULE)(lib), name))
#else
#include <dlfcn.h>
#define OPEN_LIBRARY(name) dlopen(name, RTLD_NOW | RTLD_LOCAL)
#define FIND(lib, name) dlsym(lib, name)
#endif

#define IMPORT(lib, name) PFN_##name p##name = (PFN_##name)FIND(lib, #name)

int main(int argc, char **argv)
{
    const char *password = getenv("MAILWIRE_PASSWORD");
    if (argc != 4 || password == NULL) {
        fprintf(stderr, "usage: dlopen_loader LIBRARY HOST[:PORT] USER\n");
        return 2;
    }
    void *lib = OPEN_LIBRARY(argv[1]);
    if (lib == NULL) {
        fprintf(stderr, "cannot load %s\n", argv[1]);
        return 1;
    }
    IMPORT(lib, ImapInitializeA);
    IMPORT(lib, ImapConnectA);
    IMPORT(lib, ImapLoginA);
    IMPORT(lib, ImapGetCapabilitiesA);
    IMPORT(lib, ImapDisconnect);
    IMPORT(lib, ImapUninitialize);
    if (!pImapInitializeA || !pImapConnectA || !pImapLoginA || !pImapGetCapabilitiesA ||
        !pImapDisconnect || !pImapUninitialize)
        return 1;
    pImapInitializeA(NULL, NULL);
    HCLIENT h = pImapConnectA(argv[2], 0, 30, IMAP_OPTION_NONE, NULL);
    if (h == INVALID_CLIENT || pImapLoginA(h, IMAP_AUTH_DEFAULT, argv[3], password) != 0)
        return 1;
    char caps[2048];
    pImapGetCapabilitiesA(h, caps, sizeof caps);
    printf("loaded at run time; capabilities: %.60s...\n", caps);
    pImapDisconnect(h);
    pImapUninitialize();
    return 0;
}
