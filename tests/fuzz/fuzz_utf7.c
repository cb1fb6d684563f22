/* fuzz_utf7.c - modified UTF-7 both ways: whatever decodes re-encodes to
 * the same bytes, and whatever encodes decodes back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mime/mime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mw_buf dec, enc;
    mw_buf_init(&dec, 0);
    mw_buf_init(&enc, 0);
    if (mw_utf7_decode((const char *)data, size, &dec) == 0) {
        if (mw_utf7_encode(dec.p ? (const char *)dec.p : "", dec.len, &enc) != 0 || enc.len != size ||
            (size > 0 && memcmp(enc.p, data, size) != 0))
            abort(); /* one spelling per name */
    }
    mw_buf_reset(&dec);
    mw_buf_reset(&enc);
    if (mw_utf7_encode((const char *)data, size, &enc) == 0) {
        if (mw_utf7_decode(enc.p ? (const char *)enc.p : "", enc.len, &dec) != 0 || dec.len != size ||
            (size > 0 && memcmp(dec.p, data, size) != 0))
            abort();
    }
    mw_buf_free(&dec);
    mw_buf_free(&enc);
    return 0;
}
