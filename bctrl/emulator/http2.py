"""Serving the emulator over HTTP/2 as well as HTTP/1.1, with Hypercorn.

``python -m bctrl.emulator --http2`` serves the same app with Hypercorn: HTTP/1.1 and
HTTP/2 on one port (cleartext HTTP/2 with prior knowledge, or negotiated by ALPN over
TLS). It needs the ``emulator-http2`` extra (``pip install "bctrl-python[emulator-http2]"``).
Dropping a connection after storing an invocation (``--fault-drop-after-store``) needs the
uvicorn server and is refused here.
"""

from __future__ import annotations

import asyncio
import signal
import socket
from typing import Callable, Optional

from .app import EmulatorApp

MAX_STREAMS = 1000
"""Concurrent streams allowed on one HTTP/2 connection (Hypercorn's default is 100)."""


def bind(host: str, port: int) -> socket.socket:
    """A listening-ready TCP socket on ``host:port`` (port 0: a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def serve(
    app: EmulatorApp,
    sock: socket.socket,
    *,
    ssl_certfile: Optional[str] = None,
    ssl_keyfile: Optional[str] = None,
    on_started: Optional[Callable[[int], None]] = None,
    log_level: str = "warning",
) -> None:
    """Serve ``app`` on ``sock`` until SIGINT or SIGTERM; long polls are answered at once on the way out."""
    from hypercorn.asyncio import serve as hypercorn_serve
    from hypercorn.config import Config

    config = Config()
    config.bind = [f"fd://{sock.fileno()}"]
    config.h2_max_concurrent_streams = MAX_STREAMS
    config.keep_alive_timeout = 75.0
    config.backlog = 2048
    config.accesslog = None
    config.loglevel = log_level.upper()
    config.graceful_timeout = 2.0
    if ssl_certfile is not None:
        config.certfile = ssl_certfile
        config.keyfile = ssl_keyfile

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)

        async def shutdown_trigger() -> None:
            await stop.wait()
            app.begin_shutdown()

        if on_started is not None:
            loop.call_soon(on_started, sock.getsockname()[1])
        await hypercorn_serve(app, config, shutdown_trigger=shutdown_trigger)  # type: ignore[arg-type]

    asyncio.run(run())
