"""Command line: ``python -m bctrl.emulator --port 8787``.

Prints the URL and an example API key, serves until Ctrl-C (exit status 0). With
``--ssl-certfile`` (and ``--ssl-keyfile``) it serves HTTPS and prints an ``https`` URL.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from typing import List, Optional

from .._version import pip_install
from . import MISSING_EXTRA
from .faults import FaultConfig

PROG = "python -m bctrl.emulator"


def parse_args(argv: Optional[List[str]] = None, *, prog: str = PROG) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Run a stateful local emulator of the bctrl API.",
        epilog=f"example: {prog} --port 8787, then BCTRL_BASE_URL=http://127.0.0.1:8787 BCTRL_API_KEY=any-token",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8787, help="port (default 8787)")
    parser.add_argument(
        "--api-key",
        default=None,
        help="accept only this bearer token (default: any token is accepted)",
    )
    parser.add_argument(
        "--duration-ms",
        type=int,
        default=200,
        help="how long an invocation takes once it is its runtime's turn (default 200)",
    )
    parser.add_argument(
        "--minute-ms",
        type=int,
        default=60_000,
        help="real milliseconds in one minute of idle timeout (default 60000; small values test idle stops)",
    )
    parser.add_argument("--lenient", action="store_true", help="accept unknown fields in request bodies")
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests whose Host is NAME (repeatable; '*' for any). Loopback names and "
        "the address a request came in on are always answered",
    )
    parser.add_argument("--fault-seed", type=int, default=None, help="seed for fault decisions")
    parser.add_argument("--fault-503", type=float, default=0.0, help="share of requests answered 503")
    parser.add_argument("--fault-429", type=float, default=0.0, help="share of requests answered 429")
    parser.add_argument(
        "--fault-drop-after-store",
        type=float,
        default=0.0,
        help="share of invocation creates whose connection is dropped after storing",
    )
    parser.add_argument("--fault-latency-ms", type=int, default=0, help="latency added to every API request")
    parser.add_argument(
        "--fault-retry-after",
        type=int,
        default=1,
        help="Retry-After seconds sent with injected 429/503 answers (default 1)",
    )
    parser.add_argument(
        "--ssl-certfile",
        default=None,
        help="serve HTTPS with this PEM certificate (chain)",
    )
    parser.add_argument(
        "--ssl-keyfile",
        default=None,
        help="the PEM private key of --ssl-certfile (if not in the same file)",
    )
    parser.add_argument(
        "--http2",
        action="store_true",
        help=f"serve HTTP/2 as well as HTTP/1.1 (Hypercorn; needs {pip_install('emulator-http2')})",
    )
    parser.add_argument("--log-level", default="warning", help="server log level (default warning)")
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None, *, prog: str = PROG) -> int:
    """Serve until Ctrl-C; ``prog`` names the command in help and errors."""
    args = parse_args(argv, prog=prog)
    if MISSING_EXTRA:
        print(f"error: {MISSING_EXTRA}", file=sys.stderr)
        return 2
    try:
        faults = FaultConfig(
            seed=args.fault_seed,
            rate_503=args.fault_503,
            rate_429=args.fault_429,
            drop_after_store=args.fault_drop_after_store,
            latency_ms=args.fault_latency_ms,
            retry_after_seconds=args.fault_retry_after,
        )
        from .app import EmulatorOptions, create_app

        options = EmulatorOptions(
            api_key=args.api_key,
            duration_ms=args.duration_ms,
            minute_ms=args.minute_ms,
            strict=not args.lenient,
            faults=faults,
            allowed_hosts=tuple(args.allow_host),
        )
        if args.ssl_keyfile is not None and args.ssl_certfile is None:
            raise ValueError("--ssl-keyfile needs --ssl-certfile")
        if args.ssl_certfile is not None:
            from .server import check_tls_files

            check_tls_files(args.ssl_certfile, args.ssl_keyfile)
        if args.http2:
            if args.fault_drop_after_store:
                raise ValueError("--fault-drop-after-store needs the HTTP/1.1 server (leave out --http2)")
            import hypercorn  # noqa: F401  (fail now, with the install command, if it is missing)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:
        extra = "emulator-http2" if args.http2 else "emulator"
        print(f"error: the emulator needs the {extra} extra: {pip_install(extra)} ({exc})", file=sys.stderr)
        return 2

    app = create_app(options)
    example_key = "any bearer token" if args.api_key is None else "(the key given)"
    token = args.api_key is None and f"bctrl_local_{secrets.token_hex(8)}"
    scheme = "https" if args.ssl_certfile is not None else "http"

    def announce_port(port: int) -> None:
        url = f"{scheme}://{args.host}:{port}"
        print(f"bctrl emulator listening on {url}", flush=True)
        if token:
            print(f"example API key: {token} ({example_key} works)", flush=True)
        else:
            print("API key: the one passed with --api-key", flush=True)
        print("control: POST /_emulator/script|faults|reset|runtimes/{id}/fail, GET /_emulator/state", flush=True)
        print("press Ctrl-C to stop", flush=True)

    if args.http2:
        from . import http2

        try:
            sock = http2.bind(args.host, args.port)
        except OSError as exc:
            print(f"error: cannot listen on {args.host}:{args.port} ({exc})", file=sys.stderr)
            return 1
        http2.serve(
            app,
            sock,
            ssl_certfile=args.ssl_certfile,
            ssl_keyfile=args.ssl_keyfile,
            on_started=announce_port,
            log_level=args.log_level,
        )
        print("bctrl emulator stopped", flush=True)
        return 0

    from .server import Server, make_config

    config = make_config(
        app,
        args.host,
        args.port,
        log_level=args.log_level,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
    )
    server = Server(config, on_started=lambda server: announce_port(server.bound_port))
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 1
    if not server.started:
        return 1
    print("bctrl emulator stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
