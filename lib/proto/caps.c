/* caps.c - capability lists. */
#include "caps.h"

#include <ctype.h>
#include <string.h>

#include "../sys/ascii.h"

#define CAPS_LIMIT 16384

void mw_caps_init(mw_caps *c)
{
    mw_buf_init(&c->list, CAPS_LIMIT);
    c->known = 0;
    c->generation = 0;
}

void mw_caps_free(mw_caps *c)
{
    mw_buf_free(&c->list);
    c->known = 0;
}

void mw_caps_clear(mw_caps *c)
{
    mw_buf_reset(&c->list);
    if (c->list.p != NULL)
        c->list.p[0] = '\0';
    c->known = 0;
    c->generation++;
}

static DWORD add_word(mw_caps *c, const char *prefix, const char *w, size_t n)
{
    char up[256];
    size_t plen = strlen(prefix);
    if (n == 0 || n + plen >= sizeof up)
        return 0; /* empty or absurd words carry no capability */
    memcpy(up, prefix, plen);
    for (size_t i = 0; i < n; i++)
        up[plen + i] = (char)toupper((unsigned char)w[i]);
    up[plen + n] = '\0';
    if (mw_caps_has(c, up))
        return 0;
    DWORD err = 0;
    if (c->list.len > 0)
        err = mw_buf_append(&c->list, " ", 1);
    if (err == 0)
        err = mw_buf_append(&c->list, up, plen + n);
    return err;
}

DWORD mw_caps_add_prefixed(mw_caps *c, const char *prefix, const char *text, size_t len)
{
    size_t i = 0;
    c->known = 1;
    while (i < len) {
        while (i < len && text[i] == ' ')
            i++;
        size_t start = i;
        while (i < len && text[i] != ' ')
            i++;
        DWORD err = add_word(c, prefix, text + start, i - start);
        if (err != 0)
            return err;
    }
    return mw_buf_terminate(&c->list);
}

DWORD mw_caps_add_words(mw_caps *c, const char *text, size_t len)
{
    return mw_caps_add_prefixed(c, "", text, len);
}

int mw_caps_has(const mw_caps *c, const char *name)
{
    size_t n = strlen(name);
    const char *p = (const char *)c->list.p;
    if (p == NULL || n == 0)
        return 0;
    const char *end = p + c->list.len;
    while (p < end) {
        const char *sp = memchr(p, ' ', (size_t)(end - p));
        size_t wl = sp != NULL ? (size_t)(sp - p) : (size_t)(end - p);
        if (wl == n && mw_ascii_ncasecmp(p, name, n) == 0)
            return 1;
        p += wl + 1;
    }
    return 0;
}

const char *mw_caps_text(const mw_caps *c)
{
    return c->list.p != NULL ? (const char *)c->list.p : "";
}
