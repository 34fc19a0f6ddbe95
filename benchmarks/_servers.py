"""Emulator servers the benchmarks start in child processes.

``python -m benchmarks._servers tls --certfile C --keyfile K``: the emulator app over TLS.
``python -m benchmarks._servers history --count 100000``: the emulator with one run that
already holds ``count`` finished invocations (built directly in its store, see
:func:`seed_history`), printed as ``run=<id>``.

Each prints ``... listening on <url>`` and exits by itself after ``--max-seconds``.
"""

from __future__ import annotations

import argparse
import threading
import uuid
from typing import List, Optional

import uvicorn

from bctrl.emulator.app import EmulatorApp, EmulatorOptions, create_app
from bctrl.emulator.lifecycle import utcnow
from bctrl.emulator.server import DroppableH11Protocol, Server, make_config
from bctrl.emulator.state import Invocation, Runtime, Store


def seed_history(store: Store, count: int) -> Runtime:
    """A runtime whose run holds ``count`` succeeded invocations, stored directly.

    The emulator has no bulk-insert hook; this builds the same records
    ``Store.create_invocation`` would, already terminal, without timers.
    """
    runtime = store.add_runtime()
    now = utcnow()
    with store.lock:
        for _ in range(count):
            store._seq += 1
            inv = Invocation(
                id=str(uuid.uuid4()),
                runtime_id=runtime.id,
                run_id=runtime.run_id,
                action="act",
                request={"action": "act", "instruction": "x"},
                seq=store._seq,
                created_at=now,
                duration_ms=0,
                status="succeeded",
                started_at=now,
                finished_at=now,
                output={"success": True, "message": "Action completed: x", "action": "x"},
            )
            store.invocations[inv.id] = inv
    return runtime


def tls_config(app: EmulatorApp, certfile: str, keyfile: str) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        http=DroppableH11Protocol,
        ws="none",
        lifespan="on",
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=2,
        loop="asyncio",
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
    )


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
    app = create_app(EmulatorOptions(api_key=args.api_key, duration_ms=args.duration_ms))
    if args.kind == "tls":
        serve(tls_config(app, args.certfile, args.keyfile), "https", args.max_seconds)
        return
    runtime = seed_history(app.store, args.count)
    serve(make_config(app, "127.0.0.1", 0), "http", args.max_seconds, note=f"run={runtime.run_id}")


if __name__ == "__main__":
    main()
