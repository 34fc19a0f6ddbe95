"""Emulator servers the benchmarks start in child processes.

``python -m benchmarks._servers tls --certfile C --keyfile K``: the emulator over TLS,
run through its own command line (``python -m bctrl.emulator --ssl-certfile C
--ssl-keyfile K``, see :func:`tls_args`).
``python -m benchmarks._servers history --count 100000``: the emulator with one run that
already holds ``count`` finished invocations (``Store.seed_invocations``, see
:func:`seed_history`), printed as ``run=<id>``.

Each prints ``... listening on <url>`` and exits by itself after ``--max-seconds``.
"""

from __future__ import annotations

import argparse
import os
import signal
import threading
from typing import List, Optional

import uvicorn

from bctrl.emulator.__main__ import main as emulator_main
from bctrl.emulator.app import EmulatorOptions, create_app
from bctrl.emulator.server import Server, make_config
from bctrl.emulator.state import Runtime, Store


def seed_history(store: Store, count: int) -> Runtime:
    """A runtime whose run holds ``count`` succeeded invocations (the store's bulk seeding)."""
    runtime = store.add_runtime()
    store.seed_invocations(runtime.id, count, status="succeeded")
    return runtime


def tls_args(api_key: str, duration_ms: int, certfile: str, keyfile: str) -> List[str]:
    """The emulator's command-line arguments for HTTPS on a free loopback port."""
    return [
        *("--host", "127.0.0.1", "--port", "0", "--api-key", api_key, "--duration-ms", str(duration_ms)),
        *("--ssl-certfile", certfile, "--ssl-keyfile", keyfile),
    ]


def serve(config: uvicorn.Config, scheme: str, max_seconds: float, note: str = "") -> None:
    def announce(server: Server) -> None:
        print(f"emulator listening on {scheme}://127.0.0.1:{server.bound_port} {note}".rstrip(), flush=True)

    server = Server(config, on_started=announce)
    timer = threading.Timer(max_seconds, lambda: setattr(server, "should_exit", True))
    timer.daemon = True
    timer.start()
    try:
        server.run()
    finally:
        timer.cancel()


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind", choices=["tls", "history"])
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--duration-ms", type=int, default=600_000)
    parser.add_argument("--certfile")
    parser.add_argument("--keyfile")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--max-seconds", type=float, default=300.0)
    args = parser.parse_args(argv)
    if args.kind == "tls":
        if not args.certfile or not args.keyfile:
            parser.error("tls needs --certfile and --keyfile")
        # The command line stops gracefully on SIGINT, as on Ctrl-C.
        timer = threading.Timer(args.max_seconds, lambda: os.kill(os.getpid(), signal.SIGINT))
        timer.daemon = True
        timer.start()
        try:
            raise SystemExit(emulator_main(tls_args(args.api_key, args.duration_ms, args.certfile, args.keyfile)))
        finally:
            timer.cancel()
    app = create_app(EmulatorOptions(api_key=args.api_key, duration_ms=args.duration_ms))
    runtime = seed_history(app.store, args.count)
    serve(make_config(app, "127.0.0.1", 0), "http", args.max_seconds, note=f"run={runtime.run_id}")


if __name__ == "__main__":
    main()
