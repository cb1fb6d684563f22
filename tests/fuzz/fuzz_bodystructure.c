/* fuzz_bodystructure.c - parse -> write -> parse gives the same tree. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "imap/bodystructure.h"
#include "imap/imap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mw_imap_text t = {(const char *)data, size};
    mw_bs_node *a = NULL, *b = NULL;
    if (mw_bs_parse_text(t, &a) != 0)
        return 0;
    mw_buf out;
    mw_buf_init(&out, 0);
    if (mw_bs_write(a, &out) != 0)
        abort();
    mw_imap_text t2 = {(const char *)out.p, out.len};
    if (mw_bs_parse_text(t2, &b) != 0 || !mw_bs_equal(a, b))
        abort();
    mw_buf_free(&out);
    mw_bs_free(&a);
    mw_bs_free(&b);
    return 0;
}
