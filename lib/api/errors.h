/* errors.h - the per-thread last-error slot and error descriptions. */
#ifndef MW_API_ERRORS_H
#define MW_API_ERRORS_H

#include <mailwire/errors.h>
#include <mailwire/types.h>

void mw_set_error(DWORD err);
DWORD mw_get_error(void);
/* The description of err, or NULL for a value that is not ours. */
const char *mw_error_text(DWORD err);
/* The symbolic name ("ST_ERROR_TIMEOUT"), or NULL. */
const char *mw_error_name(DWORD err);

#endif /* MW_API_ERRORS_H */
