/*
 * fake_imap.h - an IMAP session against a scripted server, for the Check
 * suites that drive one: connect (no login), and at the end disconnect and
 * require that the whole script ran.
 */
#ifndef FAKE_IMAP_H
#define FAKE_IMAP_H

#include <check.h>
#include <mailwire.h>

#include "fakeserver.h"

static inline HCLIENT fake_imap_open(fake_server *f)
{
    HCLIENT h = ImapConnectA("127.0.0.1", fake_port(f), 5, 0, NULL);
    ck_assert_msg(h != INVALID_CLIENT, "0x%x", (unsigned)ImapGetLastError());
    return h;
}

/* Connected and INBOX selected (the script's first command). */
static inline HCLIENT fake_imap_open_selected(fake_server *f)
{
    HCLIENT h = fake_imap_open(f);
    ck_assert_int_eq(ImapSelectMailboxA(h, "INBOX", NULL), 0);
    return h;
}

/* The checked fixture of a suite that uses the IMAP side only. */
static inline void fake_imap_setup(void)
{
    ck_assert(ImapInitializeA(NULL, NULL));
}

static inline void fake_imap_teardown(void)
{
    ImapUninitialize();
}

static inline void fake_imap_done(fake_server *f, HCLIENT h)
{
    ImapDisconnect(h);
    char why[256];
    ck_assert_msg(fake_finish(f, why, sizeof why), "%s", why);
    fake_free(f);
}

/* For scripts the client is meant to leave early (an error ends the
 * session): disconnect and free, whatever part of the script ran. */
static inline void fake_imap_abandon(fake_server *f, HCLIENT h)
{
    ImapDisconnect(h);
    fake_finish(f, NULL, 0);
    fake_free(f);
}

#endif
