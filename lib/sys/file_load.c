/* file_load.c - what mw_file_load does alike on every system (file.h). */
#include "file.h"

#include <mailwire/errors.h>

#include "alloc.h"

DWORD mw_file_loaded(unsigned char *buf, size_t got, size_t len, unsigned char **buf_r,
                     size_t *len_r)
{
    if (buf == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    if (got != len) { /* a key file half read is still a secret */
        mw_wipe(buf, got);
        mw_free(buf);
        return ST_ERROR_FILE_IO;
    }
    buf[len] = '\0';
    *buf_r = buf;
    *len_r = len + 1;
    return 0;
}
