/*
 * mailwire.h - the whole mailwire API: IMAP4rev1 and POP3 clients with a
 * Win32-style handle interface.
 *
 *   #include <mailwire.h>
 *
 * Link with -lmailwire (pkg-config mailwire; CMake mailwire::mailwire).
 */
#ifndef MAILWIRE_H
#define MAILWIRE_H

#include "mailwire/types.h"
#include "mailwire/errors.h"
#include "mailwire/security.h"
#include "mailwire/mime.h"
#include "mailwire/imap.h"
#include "mailwire/pop3.h"

#endif /* MAILWIRE_H */
