/* lifecycle.h - readiness of the library and the end of a session. */
#ifndef MW_LIFECYCLE_H
#define MW_LIFECYCLE_H

#include "../proto/session.h"

int mw_lib_ready(mw_proto p);

/* Ends a session that has left the handle table: stops a running
 * asynchronous connect, waits for a call still in progress on another
 * thread, says LOGOUT/QUIT when polite, and frees it. */
void mw_session_shutdown(mw_session *s, int polite);

#endif /* MW_LIFECYCLE_H */
