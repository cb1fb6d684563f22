/* errors.c - last-error slot and the description table (from the X-macro
 * in mailwire/errors.h, so names, values and texts cannot drift apart). */
#include "errors.h"

#include <stddef.h>

#include "../sys/sys.h"

static MW_THREAD_LOCAL DWORD last_error;

void mw_set_error(DWORD err)
{
    last_error = err;
}

DWORD mw_get_error(void)
{
    return last_error;
}

typedef struct error_entry {
    DWORD value;
    const char *name;
    const char *text;
} error_entry;

#define MW_ERROR_ROW(name, number, text) {MAILWIRE_ERROR_BASE + (number), #name, text},
static const error_entry error_table[] = {
    {ST_ERROR_NONE, "ST_ERROR_NONE", "No error"},
    MAILWIRE_ERROR_TABLE(MW_ERROR_ROW)};

static const error_entry *find(DWORD err)
{
    for (size_t i = 0; i < sizeof error_table / sizeof error_table[0]; i++)
        if (error_table[i].value == err)
            return &error_table[i];
    return NULL;
}

const char *mw_error_text(DWORD err)
{
    const error_entry *e = find(err);
    return e != NULL ? e->text : NULL;
}

const char *mw_error_name(DWORD err)
{
    const error_entry *e = find(err);
    return e != NULL ? e->name : NULL;
}
