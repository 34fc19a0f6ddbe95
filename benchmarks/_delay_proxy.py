"""A userspace TCP proxy that delays every chunk, in each direction, by a fixed time.

``python -m benchmarks._delay_proxy --target-port 8443 --delay-ms 10`` listens on a free
port of 127.0.0.1, prints ``delay proxy listening on tcp://127.0.0.1:<port>`` and
forwards each connection to the target. Chunks keep their order and are not throttled:
the proxy adds latency (``2 * delay`` per round trip), not a bandwidth limit. It exits by
itself after ``--max-seconds``.

The kernel completes the TCP handshake with the proxy at once, so a new connection costs
no round trip for it; ``--connect-rtt`` stands in for it by holding each connection's
first client chunk one more round trip.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from typing import List, Optional, Tuple

CHUNK = 65536


async def _feed(
    reader: asyncio.StreamReader, queue: asyncio.Queue[Tuple[float, bytes]], delay: float, first_extra: float
) -> None:
    loop = asyncio.get_running_loop()
    extra = first_extra
    while True:
        data = await reader.read(CHUNK)
        await queue.put((loop.time() + delay + extra, data))
        extra = 0.0
        if not data:
            return


async def _deliver(writer: asyncio.StreamWriter, queue: asyncio.Queue[Tuple[float, bytes]]) -> None:
    loop = asyncio.get_running_loop()
    while True:
        due, data = await queue.get()
        pause = due - loop.time()
        if pause > 0:
            await asyncio.sleep(pause)
        if not data:
            if writer.can_write_eof():
                writer.write_eof()
            return
        writer.write(data)
        await writer.drain()


async def pump(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float, first_extra: float = 0.0
) -> None:
    """Copy ``reader`` to ``writer``, each chunk ``delay`` seconds after it arrived (the
    first one ``first_extra`` seconds later still)."""
    queue: asyncio.Queue[Tuple[float, bytes]] = asyncio.Queue()
    await asyncio.gather(_feed(reader, queue, delay, first_extra), _deliver(writer, queue))


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(Exception):
        await writer.wait_closed()


async def relay(
    client_reader: asyncio.StreamReader,
    client_writer: asyncio.StreamWriter,
    target: Tuple[str, int],
    delay: float,
    connect_rtt: bool = False,
) -> None:
    try:
        upstream_reader, upstream_writer = await asyncio.open_connection(*target)
    except OSError:
        await _close(client_writer)
        return
    tasks: List[asyncio.Task[None]] = [
        asyncio.create_task(pump(client_reader, upstream_writer, delay, 2 * delay if connect_rtt else 0.0)),
        asyncio.create_task(pump(upstream_reader, client_writer, delay)),
    ]
    try:
        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        for task in pending:
            if any(t.exception() is not None for t in done):
                task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        await _close(upstream_writer)
        await _close(client_writer)


async def serve(
    target: Tuple[str, int], delay: float, max_seconds: float, *, connect_rtt: bool = False, port: int = 0
) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await relay(reader, writer, target, delay, connect_rtt)

    server = await asyncio.start_server(handle, "127.0.0.1", port)
    bound = server.sockets[0].getsockname()[1]
    print(f"delay proxy listening on tcp://127.0.0.1:{bound}", flush=True)
    async with server:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(server.serve_forever(), timeout=max_seconds)


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--target-port", type=int, required=True)
    parser.add_argument("--delay-ms", type=float, default=10.0)
    parser.add_argument("--max-seconds", type=float, default=300.0)
    parser.add_argument(
        "--connect-rtt",
        action="store_true",
        help="hold each connection's first client chunk one more round trip, standing in for the TCP "
        "handshake (which the kernel completes with the proxy at once)",
    )
    args = parser.parse_args(argv)
    target = ("127.0.0.1", args.target_port)
    asyncio.run(serve(target, args.delay_ms / 1000.0, args.max_seconds, connect_rtt=args.connect_rtt))


if __name__ == "__main__":
    main()
