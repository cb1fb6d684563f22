/* folders.c - a folder per mailbox for `pull --all` (see folders.h). */
#include "folders.h"

#include <stdio.h>
#include <string.h>

#include "os.h"

static int is_ascii_letter_or_digit(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Kept as it is: letters, digits, UTF-8 beyond ASCII, and punctuation that
 * every file system takes. */
static int kept(unsigned char c)
{
    return is_ascii_letter_or_digit(c) || c >= 0x80 || strchr(" -_+,=@#&()[]{}!~'$;^`", c) != NULL;
}

/* A name a level may not have as it is: Windows devices (with or without
 * an extension), and in the nested layout a Maildir's own folders. */
static int reserved(const char *name, size_t n, folder_layout layout)
{
    static const char *devices[] = {"CON", "PRN", "AUX", "NUL"};
    char stem[6];
    size_t s = 0;
    while (s < n && name[s] != '.') {
        if (s == sizeof stem - 1)
            return 0; /* longer than any device name */
        char c = name[s];
        stem[s++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
    }
    stem[s] = '\0';
    for (size_t i = 0; i < sizeof devices / sizeof devices[0]; i++)
        if (strcmp(stem, devices[i]) == 0)
            return 1;
    if (s == 4 && (strncmp(stem, "COM", 3) == 0 || strncmp(stem, "LPT", 3) == 0) && stem[3] >= '1' &&
        stem[3] <= '9')
        return 1;
    return layout == LAYOUT_NESTED && n == 3 &&
           (strncmp(name, "cur", 3) == 0 || strncmp(name, "new", 3) == 0 || strncmp(name, "tmp", 3) == 0);
}

/* Appends one level, made safe (an empty one as "%"-free "_"); -1 when
 * it does not fit. */
static int put_level(const char *name, size_t n, folder_layout layout, char *out, size_t cap, size_t *o)
{
    static const char hex[] = "0123456789ABCDEF";
    if (n == 0) {
        name = "_";
        n = 1;
    }
    int escape_first = reserved(name, n, layout);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        /* a blank that starts or ends a name is lost by some systems */
        int edge_blank = c == ' ' && (i == 0 || i + 1 == n);
        if (*o + 4 >= cap)
            return -1;
        if (kept(c) && !edge_blank && !(i == 0 && escape_first)) {
            out[(*o)++] = (char)c;
        } else {
            out[(*o)++] = '%';
            out[(*o)++] = hex[c >> 4];
            out[(*o)++] = hex[c & 15];
        }
    }
    out[*o] = '\0';
    return 0;
}

static int is_inbox(const char *mailbox)
{
    static const char inbox[] = "inbox";
    for (size_t i = 0; i < 5; i++) {
        char c = mailbox[i];
        if ((char)(c >= 'A' && c <= 'Z' ? c + 32 : c) != inbox[i])
            return 0;
    }
    return mailbox[5] == '\0';
}

int folder_for(const char *dir, const char *mailbox, char delim, folder_layout layout, char *out,
               size_t cap)
{
    int n = snprintf(out, cap, "%s", dir);
    if (n < 0 || (size_t)n >= cap)
        return -1;
    if (is_inbox(mailbox))
        return 0;
    size_t o = (size_t)n;
    const char *level = mailbox;
    for (int first = 1;; first = 0) {
        const char *end = delim != '\0' ? strchr(level, delim) : NULL;
        size_t len = end != NULL ? (size_t)(end - level) : strlen(level);
        if (o + 2 >= cap)
            return -1;
        out[o++] = layout == LAYOUT_NESTED || first ? '/' : '.';
        if (layout == LAYOUT_MAILDIRPP && first)
            out[o++] = '.';
        if (put_level(level, len, layout, out, cap, &o) != 0)
            return -1;
        if (end == NULL)
            return 0;
        level = end + 1;
    }
}

int folder_make_parents(const char *dir, const char *folder)
{
    char path[4096];
    size_t base = strlen(dir), len = strlen(folder);
    if (len >= sizeof path)
        return -1;
    memcpy(path, folder, len + 1);
    for (size_t i = base + 1; i < len; i++) { /* INBOX's folder is dir itself: none */
        if (path[i] != '/')
            continue;
        path[i] = '\0';
        int r = os_mkdir(path);
        path[i] = '/';
        if (r != 0)
            return -1;
    }
    return 0;
}
