#!/usr/bin/env python3
"""cyrus_fill.py PORT HOME ADMIN_PASSWORD < USERS

Gives each harness user (lines NAME<TAB>PASSWORD on stdin) a mailbox on the
harness's Cyrus and appends the messages of HOME/NAME/Maildir/cur to its
INBOX in file-name order, so the n-th file is the n-th message as on the
other servers. Cyrus keeps its own store: the Maildir stays the reference
the tests compare with.
"""
import imaplib
import os
import sys


def login(port, name, password):
    """AUTHENTICATE PLAIN: the passwords hold UTF-8, which imaplib's LOGIN
    cannot send."""
    client = imaplib.IMAP4("127.0.0.1", port)
    plain = b"\0" + name.encode() + b"\0" + password.encode()
    client.authenticate("PLAIN", lambda _: plain)
    return client


def fill(port, home, name, password):
    box = os.path.join(home, name, "Maildir", "cur")
    files = sorted(os.listdir(box)) if os.path.isdir(box) else []
    client = login(port, name, password)
    for f in files:
        with open(os.path.join(box, f), "rb") as data:
            status, _ = client.append("INBOX", None, None, data.read())
        if status != "OK":
            sys.exit("cyrus_fill: APPEND of %s for %s failed" % (f, name))
    client.logout()


def main():
    port, home, admin_password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    lines = sys.stdin.buffer.read().decode("utf-8").splitlines()
    users = [line.split("\t", 1) for line in lines if "\t" in line]
    admin = login(port, "cyrusadmin", admin_password)
    for name, _ in users:
        status, _ = admin.create("user/" + name)
        if status != "OK":
            sys.exit("cyrus_fill: CREATE user/%s failed" % name)
    admin.logout()
    for name, password in users:
        fill(port, home, name, password)


if __name__ == "__main__":
    main()
