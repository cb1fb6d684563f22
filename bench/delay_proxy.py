#!/usr/bin/env python3
"""delay_proxy.py DELAY_MS TARGET_PORT... - a loopback TCP proxy that holds
every chunk for DELAY_MS in each direction, so that one round trip costs
2 * DELAY_MS. For each target port it listens on a free port of 127.0.0.1
and prints "TARGET_PORT LISTEN_PORT" once all are listening. Data is
delayed, never reordered or throttled."""
import asyncio
import sys


async def pump(reader, writer, delay):
    """Copies reader to writer, each chunk written `delay` after it came."""
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
            queue.put_nowait((loop.time() + delay, data or None))
            if not data:
                break
        await sender
    except (ConnectionError, OSError):
        sender.cancel()
        writer.close()


def handler(target, delay):
    async def handle(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pump(client_reader, server_writer, delay),
                             pump(server_reader, client_writer, delay))
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
