#!/usr/bin/env python3
"""tls_relay.py CERT KEY PORTFILE TARGET - implicit TLS in front of a
plaintext scripted server: listens on a free port of 127.0.0.1 (written to
PORTFILE), takes one TLS connection with the harness's certificate and
relays its bytes both ways to 127.0.0.1:TARGET until either side closes.
The scripted server then sees exactly what the client sent over TLS."""
import socket
import ssl
import sys
import threading

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from tls_listen import listen_announced  # noqa: E402


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except (OSError, ssl.SSLError):
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def main():
    cert, key, portfile, target = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    ctx, listener = listen_announced(cert, key, portfile, 1)
    listener.settimeout(30)
    raw, _ = listener.accept()
    client = ctx.wrap_socket(raw, server_side=True)
    server = socket.create_connection(("127.0.0.1", target))
    back = threading.Thread(target=pump, args=(server, client), daemon=True)
    back.start()
    pump(client, server)
    back.join(5)


if __name__ == "__main__":
    main()
