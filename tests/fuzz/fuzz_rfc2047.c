/* fuzz_rfc2047.c - encoded-word decoding and header field lookup. */
#include <stdint.h>
#include <stdlib.h>

#include "mime/mime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mw_buf out, value;
    mw_buf_init(&out, 0);
    mw_buf_init(&value, 0);
    if (mw_decode_words((const char *)data, size, &out) != 0)
        abort(); /* decoding never fails: bad words stay as they are */
    DWORD err;
    (void)mw_header_find((const char *)data, size, "Subject", &value, &err);
    mw_buf_free(&out);
    mw_buf_free(&value);
    return 0;
}
