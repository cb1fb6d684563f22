/*
 * test_resolve.c - a name that does not resolve gives ST_ERROR_HOST_NOT_FOUND.
 * Run inside a private network namespace (no_network.sh), so the lookup
 * cannot reach any resolver beyond this machine.
 */
#include <mailwire.h>
#include <stdio.h>

static int expect(HCLIENT h, DWORD err, DWORD want, const char *what)
{
    if (h != INVALID_CLIENT || err != want) {
        printf("0 passed, 1 failed: %s gave 0x%08x, wanted 0x%08x\n", what, (unsigned)err,
               (unsigned)want);
        return 1;
    }
    return 0;
}

int main(void)
{
    ImapInitializeA(NULL, NULL);
    PopInitializeA(NULL, NULL);
    int failed = 0;
    HCLIENT h = ImapConnectA("mailwire-no-such-host.invalid", 143, 5, 0, NULL);
    failed += expect(h, ImapGetLastError(), ST_ERROR_HOST_NOT_FOUND, "ImapConnectA");
    h = PopConnectA("mailwire-no-such-host.invalid:110", 0, 5, 0, NULL);
    failed += expect(h, PopGetLastError(), ST_ERROR_HOST_NOT_FOUND, "PopConnectA");
    ImapUninitialize();
    PopUninitialize();
    if (failed == 0)
        printf("2 passed, 0 failed: unknown hosts\n");
    return failed;
}
