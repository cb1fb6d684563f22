/* wpath.h - UTF-8 paths to the UTF-16 that Windows' W functions take
 * (never the ANSI code page, which cannot name every file). */
#ifndef MW_WPATH_H
#define MW_WPATH_H

#include <wchar.h>

/* A malloc'd UTF-16 copy of path, or NULL (no memory, or not UTF-8). */
wchar_t *mw_wpath(const char *path);
/* A malloc'd UTF-8 copy of a UTF-16 name, or NULL. */
char *mw_utf8_name(const wchar_t *name);

#endif
