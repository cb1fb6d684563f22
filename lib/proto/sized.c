/* sized.c - structures versioned by their dwSize (sized.h). */
#include "sized.h"

#include <string.h>

static DWORD size_of(const void *s)
{
    DWORD size;
    memcpy(&size, s, sizeof size);
    return size;
}

int mw_sized_ok(const void *caller, size_t min)
{
    DWORD size = size_of(caller);
    return size >= min && size % sizeof(DWORD) == 0;
}

void mw_sized_put(void *caller, const void *full, size_t full_size)
{
    mw_sized_put_as(caller, size_of(caller), full, full_size);
}

void mw_sized_put_as(void *caller, DWORD size, const void *full, size_t full_size)
{
    if (size_of(full) == 0)
        return;
    DWORD filled = size < full_size ? size : (DWORD)full_size;
    memcpy((char *)caller + sizeof(DWORD), (const char *)full + sizeof(DWORD), filled - sizeof(DWORD));
    memcpy(caller, &filled, sizeof filled);
}
