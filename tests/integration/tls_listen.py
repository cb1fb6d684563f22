"""tls_listen.py - the listening side the Python TLS test servers share."""
import os
import socket
import ssl


def listen_announced(cert, key, portfile, backlog, max_version=None):
    """A TLS server context with the harness's certificate, and a socket
    listening on a free port of 127.0.0.1, the port written to PORTFILE
    (through a rename, so a reader never sees half of it)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    if max_version is not None:
        ctx.maximum_version = max_version
    ctx.load_cert_chain(cert, key)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(backlog)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(listener.getsockname()[1]))
    os.rename(portfile + ".tmp", portfile)
    return ctx, listener
