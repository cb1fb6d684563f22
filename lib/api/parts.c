/* parts.c - part descriptions for the caller, and the parser as a sink. */
#include "parts.h"

#include <string.h>

#include "text.h"

int mw_part_store_bad(const mw_part_store *st)
{
    if (st->array == NULL)
        return st->max != 0;
    DWORD size = *(const DWORD *)st->array; /* dwSize comes first in both */
    return st->max <= 0 || size < (st->wide ? sizeof(MIMEPARTW) : sizeof(MIMEPARTA));
}

void mw_part_to_wide(const MIMEPARTA *a, MIMEPARTW *w)
{
    w->dwSize = sizeof *w;
    w->nIndex = a->nIndex;
    w->nParent = a->nParent;
    w->nDepth = a->nDepth;
    w->nSubParts = a->nSubParts;
    w->dwFlags = a->dwFlags;
    w->dwPartSize = a->dwPartSize;
    w->dwLines = a->dwLines;
#define WIDE_FIELD(f) mw_wide_from_utf8_fixed(a->f, w->f, sizeof w->f / sizeof w->f[0])
    WIDE_FIELD(szPart);
    WIDE_FIELD(szType);
    WIDE_FIELD(szSubType);
    WIDE_FIELD(szCharset);
    WIDE_FIELD(szEncoding);
    WIDE_FIELD(szDisposition);
    WIDE_FIELD(szFileName);
    WIDE_FIELD(szBoundary);
    WIDE_FIELD(szContentId);
    WIDE_FIELD(szDescription);
    WIDE_FIELD(szLanguage);
    WIDE_FIELD(szLocation);
#undef WIDE_FIELD
}

void mw_part_store_put(const mw_part_store *st, const MIMEPARTA *p)
{
    if (st->array == NULL || p->nIndex >= (UINT)st->max)
        return;
    if (st->wide)
        mw_part_to_wide(p, (MIMEPARTW *)st->array + p->nIndex);
    else
        ((MIMEPARTA *)st->array)[p->nIndex] = *p;
}
