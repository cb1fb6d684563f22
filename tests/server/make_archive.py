#!/usr/bin/env python3
"""make_archive.py DIR COUNT - a Maildir of COUNT small messages for the
big-mailbox tests and benchmarks, written straight to DIR/cur (about 20
seconds for 100,000 files; a shell loop takes minutes).

Message i (from 1) is 'Archive message i', from one of 97 senders, with
a body that names it; every third is \\Seen, every seventh \\Flagged. The
file names sort in message order, so Dovecot gives message i UID i.
Nothing random: the same COUNT always gives the same mailbox."""
import os
import sys


def message(i):
    return (
        "From: Sender %d <sender%d@example.test>\r\n"
        "To: archive@example.test\r\n"
        "Subject: Archive message %d\r\n"
        "Date: Mon, 01 Jan 2024 00:00:00 +0000\r\n"
        "Message-ID: <archive%d@example.test>\r\n"
        "\r\n"
        "This is archived message number %d.\r\n" % (i % 97, i % 97, i, i, i)
    ).encode()


def flags(i):
    return ("F" if i % 7 == 0 else "") + ("S" if i % 3 == 0 else "")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make_archive.py DIR COUNT")
    box, count = sys.argv[1], int(sys.argv[2])
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(box, sub), exist_ok=True)
    cur = os.path.join(box, "cur")
    for i in range(1, count + 1):
        data = message(i)
        # S= and W= give Dovecot the size without opening the file
        name = "%d.M%07dP1.archive,S=%d,W=%d:2,%s" % (1600000000 + i, i, len(data), len(data), flags(i))
        with open(os.path.join(cur, name), "wb") as f:
            f.write(data)


main()
