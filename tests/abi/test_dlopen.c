/*
 * test_dlopen.c - loads the shared library at run time and uses it only
 * through the header's PFN_ function-pointer types: initialize, connect to
 * the harness's Dovecot, log in, read the result, disconnect.
 * On Windows the same through LoadLibrary and GetProcAddress.
 * Usage: test_dlopen /path/to/libmailwire.so.N   (server.env in MAILWIRE_SERVER_ENV)
 *        test_dlopen C:\path\to\mailwire.dll
 */
#include <mailwire.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#define open_library(path) ((void *)LoadLibraryA(path))
#define find_symbol(lib, name) ((void *)GetProcAddress((HMODULE)(lib), (name)))
#define close_library(lib) FreeLibrary((HMODULE)(lib))
#define load_error() "LoadLibrary failed"
#else
#include <dlfcn.h>
#define open_library(path) dlopen((path), RTLD_NOW | RTLD_LOCAL)
#define find_symbol(lib, name) dlsym((lib), (name))
#define close_library(lib) dlclose(lib)
#define load_error() dlerror()
#endif

#include "../common/testutil.h"

#define LOAD(lib, name) ((PFN_##name)load_symbol(lib, #name))

static void *load_symbol(void *lib, const char *name)
{
    void *p = find_symbol(lib, name);
    if (p == NULL) {
        fprintf(stderr, "missing export %s\n", name);
        exit(1);
    }
    return p;
}

static int fail(const char *what, DWORD err)
{
    printf("0 passed, 1 failed: %s (0x%08x)\n", what, (unsigned)err);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return fail("usage: test_dlopen LIBRARY", 0);
    void *lib = open_library(argv[1]);
    if (lib == NULL)
        return fail(load_error(), 0);
    /* Internal symbols must not be reachable. */
    if (find_symbol(lib, "mw_session_new") != NULL || find_symbol(lib, "mw_imap_open") != NULL)
        return fail("internal symbol exported", 0);

    PFN_ImapInitializeA init = LOAD(lib, ImapInitializeA);
    PFN_ImapUninitialize uninit = LOAD(lib, ImapUninitialize);
    PFN_ImapConnectA connect = LOAD(lib, ImapConnectA);
    PFN_ImapLoginA login = LOAD(lib, ImapLoginA);
    PFN_ImapGetResultStringA result = LOAD(lib, ImapGetResultStringA);
    PFN_ImapDisconnect disconnect = LOAD(lib, ImapDisconnect);
    PFN_ImapGetLastError last_error = LOAD(lib, ImapGetLastError);
    PFN_ImapGetErrorStringA error_string = LOAD(lib, ImapGetErrorStringA);
    PFN_PopInitializeA pop_init = LOAD(lib, PopInitializeA);
    PFN_PopConnectA pop_connect = LOAD(lib, PopConnectA);
    PFN_PopLoginA pop_login = LOAD(lib, PopLoginA);
    PFN_PopDisconnect pop_disconnect = LOAD(lib, PopDisconnect);
    PFN_PopUninitialize pop_uninit = LOAD(lib, PopUninitialize);

    char text[4096]; /* the OK after login carries the capability list */
    if (error_string(ST_ERROR_AUTH_FAILED, text, sizeof text) <= 0 || strstr(text, "Authentication") == NULL)
        return fail("error string", last_error());
    if (!init(NULL, NULL) || !pop_init(NULL, NULL))
        return fail("initialize", last_error());
    unsigned port = server_port("MW_IMAP_PORT"), pop_port = server_port("MW_POP3_PORT");
    if (port == 0 || pop_port == 0)
        return fail("no server.env", 0);
    HCLIENT h = connect("127.0.0.1", port, 10, IMAP_OPTION_NONE, NULL);
    if (h == INVALID_CLIENT)
        return fail("ImapConnectA", last_error());
    if (login(h, IMAP_AUTH_DEFAULT, "alice", "wonderland") != 0)
        return fail("ImapLoginA", last_error());
    if (result(h, text, sizeof text) <= 0 || strstr(text, "Logged in") == NULL)
        return fail("ImapGetResultStringA", last_error());
    if (disconnect(h) != 0)
        return fail("ImapDisconnect", last_error());
    HCLIENT p = pop_connect("127.0.0.1", pop_port, 10, POP_OPTION_NONE, NULL);
    if (p == INVALID_CLIENT || pop_login(p, POP_AUTH_DEFAULT, "alice", "wonderland") != 0)
        return fail("POP3 through function pointers", last_error());
    pop_disconnect(p);
    uninit();
    pop_uninit();
    close_library(lib);
    printf("1 passed, 0 failed: IMAP and POP3 loaded at run time through the PFN_ types\n");
    return 0;
}
