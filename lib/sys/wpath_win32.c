/* wpath_win32.c - UTF-8 <-> UTF-16 for file names (see win32/wpath.h). */
#include "win32/wpath.h"

#include <stdlib.h>
#include <windows.h>

wchar_t *mw_wpath(const char *path)
{
    if (path == NULL)
        return NULL;
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, NULL, 0);
    if (n <= 0)
        return NULL;
    wchar_t *w = malloc((size_t)n * sizeof *w);
    if (w != NULL && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, w, n) != n) {
        free(w);
        w = NULL;
    }
    return w;
}

char *mw_utf8_name(const wchar_t *name)
{
    int n = WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, name, -1, NULL, 0, NULL, NULL);
    if (n <= 0)
        return NULL;
    char *s = malloc((size_t)n);
    if (s != NULL &&
        WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, name, -1, s, n, NULL, NULL) != n) {
        free(s);
        s = NULL;
    }
    return s;
}
