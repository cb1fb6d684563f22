#!/usr/bin/env python3
"""tls12_server.py CERT KEY PORTFILE - an IMAP greeter over implicit TLS
that refuses TLS 1.3 (TLS 1.2 at most), on a free port of 127.0.0.1
written to PORTFILE. Each connection gets a PREAUTH greeting; LOGOUT is
answered; anything else gets BAD. Runs until killed."""
import ssl
import sys
import threading

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from tls_listen import listen_announced  # noqa: E402


def serve(conn):
    try:
        conn.sendall(b"* PREAUTH [CAPABILITY IMAP4rev1] TLS 1.2 only\r\n")
        for line in conn.makefile("rb"):
            tag, _, rest = line.decode("ascii", "replace").strip().partition(" ")
            if rest.upper() == "LOGOUT":
                conn.sendall(f"* BYE\r\n{tag} OK\r\n".encode())
                break
            conn.sendall(f"{tag} BAD not here\r\n".encode())
    except (OSError, ssl.SSLError):
        pass
    finally:
        conn.close()


def main():
    cert, key, portfile = sys.argv[1:4]
    ctx, listener = listen_announced(cert, key, portfile, 8, ssl.TLSVersion.TLSv1_2)
    while True:
        raw, _ = listener.accept()
        try:
            conn = ctx.wrap_socket(raw, server_side=True)
        except (OSError, ssl.SSLError):
            raw.close()  # a client that wants TLS 1.3 only ends here
            continue
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
