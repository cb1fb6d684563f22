/*
 * sized.h - the public structures that begin with dwSize: the caller says
 * how large its copy is (the sizeof of the header it was built with), and
 * the library writes no byte past that, so fields appended in later
 * versions never overrun an older application's structure.
 */
#ifndef MW_SIZED_H
#define MW_SIZED_H

#include <stddef.h>

#include <mailwire/imap.h>

/* The first size each structure had: anything smaller is refused. */
#define MW_IMAPMAILBOX_V1 (offsetof(IMAPMAILBOX, dwAccessMode) + sizeof(DWORD))
#define MW_IMAPMAILBOXSTATUS_V1 (offsetof(IMAPMAILBOXSTATUS, dwNextMessageUID) + sizeof(DWORD))
#define MW_IMAPMESSAGE_V1 (offsetof(IMAPMESSAGE, szInternalDate) + 32)

/* Does the caller's structure say a size of at least min, a whole number
 * of DWORDs (the stride of an array of them)? */
int mw_sized_ok(const void *caller, size_t min);
/* Copies full (full_size bytes, its dwSize set when the library filled it;
 * 0: nothing to hand out) into the caller's structure, up to the caller's
 * dwSize, which then says how much was filled. */
void mw_sized_put(void *caller, const void *full, size_t full_size);
/* The same into a structure whose size the caller gave apart (an element
 * of an array of stride bytes). */
void mw_sized_put_as(void *caller, DWORD size, const void *full, size_t full_size);

#endif /* MW_SIZED_H */
