/* library.c - Initialize / Uninitialize, reference counted per protocol. */
#include "../net/tls_resume.h"
#include "../net/tls_platform.h"
#include "../net/trust.h"
#include "../sys/alloc.h"
#include "client.h"
#include "errors.h"
#include "handles.h"
#include "lifecycle.h"

static mw_mutex lib_lock = MW_MUTEX_INITIALIZER;
static int refs[3];

BOOL mw_api_initialize(mw_proto p)
{
    DWORD err = mw_sys_startup();
    if (err != 0) {
        mw_set_error(err);
        return FALSE;
    }
    mw_tls_platform_setup();
    mw_mutex_lock(&lib_lock);
    refs[p]++;
    mw_mutex_unlock(&lib_lock);
    return TRUE;
}

int mw_lib_ready(mw_proto p)
{
    mw_mutex_lock(&lib_lock);
    int ready = refs[p] > 0;
    mw_mutex_unlock(&lib_lock);
    return ready;
}

void mw_api_uninitialize(mw_proto p)
{
    mw_mutex_lock(&lib_lock);
    int last = refs[p] == 1;
    if (refs[p] > 0)
        refs[p]--;
    int none = refs[0] == 0 && refs[1] == 0 && refs[2] == 0;
    mw_mutex_unlock(&lib_lock);
    if (none)
        mw_resume_clear(); /* no protocol left: the kept TLS sessions go */
    if (!last)
        return;
    size_t n = 0;
    mw_session **all = mw_handles_take_all(p, &n);
    for (size_t i = 0; i < n; i++)
        mw_session_shutdown(all[i], 0);
    mw_free(all);
    mw_trust_cleanup(); /* the parsed CA stores no session holds any more */
}
