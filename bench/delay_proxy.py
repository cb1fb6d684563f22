#!/usr/bin/env python3
"""delay_proxy.py DELAY_MS TARGET_PORT... - a loopback TCP proxy that holds
every chunk for DELAY_MS in each direction, so that one round trip costs
2 * DELAY_MS. For each target port it listens on a free port of 127.0.0.1
and prints "TARGET_PORT LISTEN_PORT" once all are listening. Data is
delayed, never reordered or throttled.

The TCP handshake is delayed too. On loopback the kernel completes it at
once, so the proxy holds the first data instead, as a network would: with
d = DELAY_MS, the client's SYN-ACK comes back at 2d, so no client byte
reaches the server before 3d after the connect; the server accepts when
the client's ACK arrives, at 3d, so no server byte reaches the client
before 4d (a greeting: two round trips after the connect began)."""
import asyncio
import sys


async def pump(reader, writer, delay, not_before):
    """Copies reader to writer, each chunk written `delay` after it came, or
    after `not_before` (loop time) when it came earlier."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def deliver():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if data is None:
                writer.close()
                return
            writer.write(data)
            await writer.drain()

    sender = asyncio.create_task(deliver())
    try:
        while True:
            data = await reader.read(65536)
            queue.put_nowait((max(loop.time(), not_before) + delay, data or None))
            if not data:
                break
        await sender
    except (ConnectionError, OSError):
        sender.cancel()
        writer.close()


def handler(target, delay):
    async def handle(client_reader, client_writer):
        accepted = asyncio.get_running_loop().time()
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pump(client_reader, server_writer, delay, accepted + 2 * delay),
                             pump(server_reader, client_writer, delay, accepted + 3 * delay))
    return handle


async def main():
    delay = float(sys.argv[1]) / 1000.0
    servers = []
    for target in sys.argv[2:]:
        server = await asyncio.start_server(handler(int(target), delay), "127.0.0.1", 0)
        servers.append(server)
        print(target, server.sockets[0].getsockname()[1], flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: delay_proxy.py DELAY_MS TARGET_PORT...")
    asyncio.run(main())
