#!/usr/bin/env python3
"""imaplib_client.py PORT USER PASSWORD MODE ARG - the Python imaplib
contender of bench/archive_bench.sh, over plain TCP on 127.0.0.1, as an
application would write it: LOGIN, EXAMINE INBOX, then

  search TEXT  UID SEARCH SUBJECT "TEXT", the matches counted
  list -       FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE), the flagged counted
  since UID    nothing when UIDNEXT is past UID + 1, else UID SEARCH UID UID+1:*
"""
import imaplib
import sys


def main():
    port, user, password, mode, arg = sys.argv[1:]
    conn = imaplib.IMAP4("127.0.0.1", int(port))
    conn.login(user, password)
    conn.select("INBOX", readonly=True)
    if mode == "search":
        status, data = conn.uid("SEARCH", "SUBJECT", '"%s"' % arg)
        print(status, len(data[0].split()), "matches")
    elif mode == "list":
        status, data = conn.fetch("1:*", "(UID FLAGS RFC822.SIZE INTERNALDATE)")
        flagged = sum(1 for d in data if isinstance(d, bytes) and b"\\Flagged" in d)
        print(status, len(data), "messages,", flagged, "flagged")
    elif mode == "since":
        uidnext = int(conn.untagged_responses.get("UIDNEXT", [b"0"])[-1])
        last = int(arg)
        if uidnext and last + 1 >= uidnext:
            print("0 new")
        else:
            status, data = conn.uid("SEARCH", "UID", "%d:*" % (last + 1))
            print(status, len(data[0].split()), "matches")
    else:
        sys.exit("unknown mode " + mode)
    conn.logout()


main()
