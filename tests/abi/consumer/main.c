#include <mailwire.h>
#include <stdio.h>

int main(void)
{
    char text[128];
    if (!ImapInitialize(NULL, NULL))
        return 1;
    ImapGetErrorString(ST_ERROR_TIMEOUT, text, sizeof text);
    printf("%s\n", text);
    ImapUninitialize();
    return 0;
}
