/* pop_exports.c - the exported Pop... functions. */
#include <mailwire.h>

#include "client.h"
#include "errors.h"

#define MW_NAME(x) Pop##x
#define MW_THIS_PROTO MW_PROTO_POP
#define MW_EVENTPROC POPEVENTPROC
#define MW_STATUSPROC POPSTATUSPROC
#include "exports.inc"
