#!/usr/bin/env python3
"""roundtrip_peers.py CAFILE IMAPS_PORT POP3S_PORT USER PASSWORD RTT_MS - the
same "connect to first message" as bench/roundtrip_bench.c, by Python's
imaplib and poplib and by curl, through the same delaying proxy on
127.0.0.1. Each is run three times and its fastest run is printed, in ms,
in round trips of RTT_MS, and whole round trips."""
import imaplib
import poplib
import shutil
import ssl
import subprocess
import sys
import time


def timed(fn):
    best = None
    for _ in range(3):
        start = time.monotonic()
        fn()
        took = (time.monotonic() - start) * 1000.0
        best = took if best is None else min(best, took)
    return best


def report(what, ms, rtt):
    print(f"{what:<52} {ms:7.1f} ms {ms / rtt:5.2f} RTT {int(ms / rtt):3d} round trips")


def main():
    ca, imaps, pop3s, user, password, rtt = sys.argv[1:7]
    rtt = float(rtt)
    ctx = ssl.create_default_context(cafile=ca)

    def py_imap():
        m = imaplib.IMAP4_SSL("127.0.0.1", int(imaps), ssl_context=ctx)
        m.login(user, password)
        m.select("INBOX", readonly=True)
        typ, _ = m.fetch("1", "(BODY.PEEK[])")
        assert typ == "OK"
        m.shutdown()

    def py_pop():
        p = poplib.POP3_SSL("127.0.0.1", int(pop3s), context=ctx)
        p.user(user)
        p.pass_(password)
        p.retr(1)
        p.close()

    report("Python imaplib: connect to first message", timed(py_imap), rtt)
    report("Python poplib: connect to first message", timed(py_pop), rtt)
    curl = shutil.which("curl")
    if curl is None:
        print("curl: not installed, not compared")
        return
    for name, url in (("IMAP", f"imaps://127.0.0.1:{imaps}/INBOX;UID=1"),
                      ("POP3", f"pop3s://127.0.0.1:{pop3s}/1")):
        def run_curl():
            subprocess.run([curl, "-sS", "--cacert", ca, "-u", f"{user}:{password}", "-o",
                            "/dev/null", url], check=True)
        report(f"curl {name}: connect to first message", timed(run_curl), rtt)


if __name__ == "__main__":
    main()
