"""Test helpers: a local bctrl API emulator running in a background thread.

>>> from bctrl.testing import Emulator
>>> with Emulator() as emu:                     # doctest: +SKIP
...     client = httpx.Client(base_url=emu.url, headers=emu.headers)
...     emu.script(output={"total": 42})
...     ...

Needs the ``emulator`` extra (``pip install "bctrl-python[emulator]"``: Starlette and uvicorn);
they are imported only when an :class:`Emulator` starts.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Sequence

if TYPE_CHECKING:
    from .emulator.app import EmulatorApp, EmulatorOptions
    from .emulator.server import Server
    from .emulator.state import Invocation, Runtime

__all__ = ["Emulator"]

START_TIMEOUT = 10.0
_UNSET: Any = object()


CONFIGURABLE = (
    "api_key",
    "duration_ms",
    "minute_ms",
    "strict",
    "lenient",
    "fault_seed",
    "fault_503",
    "fault_429",
    "fault_drop_after_store",
    "fault_latency_ms",
    "fault_retry_after_seconds",
    "allowed_hosts",
)


def emulator_options(
    *,
    api_key: Optional[str] = None,
    duration_ms: int = 200,
    minute_ms: int = 60_000,
    strict: bool = True,
    lenient: Optional[bool] = None,
    fault_seed: Optional[int] = None,
    fault_503: float = 0.0,
    fault_429: float = 0.0,
    fault_drop_after_store: float = 0.0,
    fault_latency_ms: int = 0,
    fault_retry_after_seconds: int = 1,
    allowed_hosts: Sequence[str] = (),
) -> EmulatorOptions:
    """:class:`~bctrl.emulator.app.EmulatorOptions` from the keyword options of :class:`Emulator`."""
    from .emulator.app import EmulatorOptions
    from .emulator.faults import FaultConfig

    if lenient is not None:
        strict = not lenient
    faults = FaultConfig(
        seed=fault_seed,
        rate_503=fault_503,
        rate_429=fault_429,
        drop_after_store=fault_drop_after_store,
        latency_ms=fault_latency_ms,
        retry_after_seconds=fault_retry_after_seconds,
    )
    return EmulatorOptions(
        api_key=api_key,
        duration_ms=duration_ms,
        minute_ms=minute_ms,
        strict=strict,
        faults=faults,
        allowed_hosts=tuple(allowed_hosts),
    )


def _as_keywords(options: EmulatorOptions) -> Dict[str, Any]:
    faults = options.faults
    return {
        "api_key": options.api_key,
        "duration_ms": options.duration_ms,
        "minute_ms": options.minute_ms,
        "strict": options.strict,
        "fault_seed": faults.seed,
        "fault_503": faults.rate_503,
        "fault_429": faults.rate_429,
        "fault_drop_after_store": faults.drop_after_store,
        "fault_latency_ms": faults.latency_ms,
        "fault_retry_after_seconds": faults.retry_after_seconds,
        "allowed_hosts": options.allowed_hosts,
    }


class Emulator:
    """A stateful local emulator of the bctrl API for tests.

    Use it as a context manager (or call :meth:`start` / :meth:`stop`). It listens on
    ``127.0.0.1`` on a free port. ``options`` are those of the command line:
    ``api_key``, ``duration_ms``, ``minute_ms`` (real milliseconds in a minute of idle
    timeout), ``strict`` (``lenient`` is the inverse), and the fault
    settings ``fault_seed``, ``fault_503``, ``fault_429``, ``fault_drop_after_store``,
    ``fault_latency_ms``, ``fault_retry_after_seconds``. With ``ssl_certfile`` (and
    ``ssl_keyfile``, PEM files) it serves HTTPS and :attr:`url` is an ``https`` URL.
    ``allowed_hosts`` are ``Host`` names answered besides loopback ones (``--allow-host``).

    When ``api_key`` is not given any bearer token is accepted; :attr:`api_key` is then
    an example token to use.
    """

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        duration_ms: int = 200,
        minute_ms: int = 60_000,
        strict: bool = True,
        lenient: Optional[bool] = None,
        fault_seed: Optional[int] = None,
        fault_503: float = 0.0,
        fault_429: float = 0.0,
        fault_drop_after_store: float = 0.0,
        fault_latency_ms: int = 0,
        fault_retry_after_seconds: int = 1,
        host: str = "127.0.0.1",
        port: int = 0,
        ssl_certfile: Optional[str] = None,
        ssl_keyfile: Optional[str] = None,
        allowed_hosts: Sequence[str] = (),
    ) -> None:
        from .emulator.app import create_app

        if ssl_keyfile is not None and ssl_certfile is None:
            raise ValueError("ssl_keyfile needs ssl_certfile")
        options = emulator_options(
            api_key=api_key,
            duration_ms=duration_ms,
            minute_ms=minute_ms,
            strict=strict,
            lenient=lenient,
            fault_seed=fault_seed,
            fault_503=fault_503,
            fault_429=fault_429,
            fault_drop_after_store=fault_drop_after_store,
            fault_latency_ms=fault_latency_ms,
            fault_retry_after_seconds=fault_retry_after_seconds,
            allowed_hosts=allowed_hosts,
        )
        self.app: EmulatorApp = create_app(options)
        self._example_key = f"bctrl_test_{secrets.token_hex(8)}"
        self.api_key: str = api_key or self._example_key
        self._defaults = options
        self.host = host
        self._port = port
        self.ssl_certfile = ssl_certfile
        self.ssl_keyfile = ssl_keyfile
        self._server: Optional[Server] = None
        self._thread: Optional[threading.Thread] = None
        self._error: Optional[BaseException] = None

    # ---- lifecycle ------------------------------------------------------------------

    def __enter__(self) -> Emulator:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> Emulator:
        """Start serving in a background thread; return once it accepts connections."""
        if self._thread is not None:
            raise RuntimeError("the emulator is already running")
        from .emulator.server import Server, make_config

        started = threading.Event()
        config = make_config(
            self.app,
            self.host,
            self._port,
            ssl_certfile=self.ssl_certfile,
            ssl_keyfile=self.ssl_keyfile,
        )
        server = Server(config, on_started=lambda _: started.set())
        self._server = server

        def run() -> None:
            try:
                server.run()
            except BaseException as exc:  # reported to the starting thread
                self._error = exc
            finally:
                started.set()

        self._thread = threading.Thread(target=run, name="bctrl-emulator", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not started.wait(0.01):
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the emulator did not start in time")
        if not server.started:
            self._thread.join(timeout=START_TIMEOUT)
            self._thread = None
            raise RuntimeError(f"the emulator failed to start: {self._error!r}")
        self._port = server.bound_port
        return self

    def stop(self) -> None:
        """Stop the server and wait for its thread."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.should_exit = True
        thread.join(timeout=10)
        if thread.is_alive():
            server.force_exit = True
            thread.join(timeout=5)
        self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321`` (``https`` when serving TLS)."""
        scheme = "https" if self.ssl_certfile is not None else "http"
        return f"{scheme}://{self.host}:{self._port}"

    @property
    def headers(self) -> Dict[str, str]:
        """``Authorization`` header with :attr:`api_key`."""
        return {"Authorization": f"Bearer {self.api_key}"}

    # ---- state ----------------------------------------------------------------------

    def _on_loop(self, func: Any) -> Any:
        """Run ``func()`` on the server's loop when it runs in another thread."""
        server = self._server
        loop = server.loop if server is not None else None
        if loop is None or not loop.is_running() or not self.running:
            return func()
        try:
            if asyncio.get_running_loop() is loop:
                return func()
        except RuntimeError:
            pass

        async def call() -> Any:
            return func()

        return asyncio.run_coroutine_threadsafe(call(), loop).result(timeout=10)

    def script(
        self,
        output: Any = _UNSET,
        *,
        error_code: Optional[str] = None,
        error_message: Optional[str] = None,
        error_details: Optional[Dict[str, Any]] = None,
        duration_ms: Optional[int] = None,
        status: Optional[str] = None,
        runtime_id: Optional[str] = None,
        count: int = 1,
        validate_output: bool = True,
    ) -> None:
        """Queue the outcome of the next ``count`` invocation(s) (of one runtime, if given).

        ``output`` is returned as is; if the invocation has an ``outputSchema`` and the
        output does not match it, the invocation ends ``failed`` with
        ``invocation.output_validation_failed`` unless ``validate_output=False``.
        ``error_code`` (and/or ``status`` ``failed``/``timed_out``/``cancelled``) makes it
        fail instead. ``duration_ms`` sets how long it takes.
        """
        from .emulator.lifecycle import UNSET, Script

        item = Script(
            output=UNSET if output is _UNSET else output,
            error_code=error_code,
            error_message=error_message,
            error_details=error_details,
            duration_ms=duration_ms,
            status=status,
            runtime_id=runtime_id,
            count=count,
            validate_output=validate_output,
        )
        self.app.store.add_script(item)

    def set_faults(self, **settings: Any) -> Dict[str, Any]:
        """Change fault settings at runtime: ``seed``, ``rate_503``, ``rate_429``,
        ``drop_after_store``, ``latency_ms``, ``retry_after_seconds``."""
        self.app.faults.update(**settings)
        return self.app.faults.snapshot()

    def reset(self) -> None:
        """Forget all state and scripts and restore the starting fault settings."""
        self._on_loop(self.app.reset)

    def configure(self, **options: Any) -> None:
        """Start over (as :meth:`reset`) with other options, on the running server.

        ``options`` are those of the constructor except the server's own (``host``,
        ``port``, TLS): ``api_key``, ``duration_ms``, ``strict``/``lenient``, ``fault_*``,
        ``allowed_hosts``. Options not given take the constructor's values, so
        ``configure()`` restores those. :attr:`api_key` follows.
        """
        unknown = sorted(set(options) - set(CONFIGURABLE))
        if unknown:
            raise TypeError(
                f"configure() got option(s) it cannot change on a running emulator: {', '.join(unknown)}; "
                f"it takes {', '.join(CONFIGURABLE)}"
            )
        new = emulator_options(**{**_as_keywords(self._defaults), **options})
        self._on_loop(lambda: self.app.reconfigure(new))
        self.api_key = new.api_key or self._example_key

    def state(self) -> Dict[str, Any]:
        """The same as ``GET /_emulator/state``."""
        return self.app.state()

    @property
    def invocations(self) -> List[Dict[str, Any]]:
        """Every stored invocation in creation order, with the request body as received
        (``request``) and its ``idempotencyKey``."""
        result: List[Dict[str, Any]] = self.app.store.snapshot()["invocations"]
        return result

    def invocation(self, invocation_id: str) -> Dict[str, Any]:
        """One stored invocation (``KeyError`` if unknown)."""
        store = self.app.store
        with store.lock:
            inv = store.invocations.get(invocation_id)
            if inv is None:
                raise KeyError(invocation_id)
            return inv.to_state()

    def count(self, idempotency_key: str) -> int:
        """How many invocations were stored under ``idempotency_key``."""
        return self.app.store.count_by_key(idempotency_key)

    def create_runtime(
        self, space_id: Optional[str] = None, name: Optional[str] = None, idle_timeout_minutes: Optional[int] = None
    ) -> Runtime:
        """Create a runtime without going through HTTP (with ``idle_timeout_minutes``, its idle clock runs)."""
        store = self.app.store
        runtime: Runtime = self._on_loop(lambda: store.add_runtime(space_id, name, idle_timeout_minutes))
        return runtime

    def fail_runtime(self, runtime_id: str, *, after_ms: int = 0, message: Optional[str] = None) -> None:
        """Make a runtime ``failed`` now (or after ``after_ms``), as ``POST /_emulator/runtimes/{id}/fail`` does.

        Its live invocations end ``failed`` and new ones are refused with 409
        ``runtime.not_executable``.
        """
        store = self.app.store
        self._on_loop(lambda: store.fail_runtime_later(runtime_id, after_ms / 1000.0, message))

    def seed_invocations(self, runtime_id: str, count: int, status: str = "succeeded") -> List[str]:
        """Store ``count`` already-finished invocations of ``runtime_id``; return their ids.

        Fast (no HTTP, no timers): for tests and benchmarks that need a large history.
        ``status`` is a terminal status (``succeeded``, ``failed``, ``cancelled``,
        ``timed_out``); each is an ``act`` with the default output or error, listed in its
        run after everything stored before. :meth:`on_terminal` callbacks are not called.
        """
        return [inv.id for inv in self.app.store.seed_invocations(runtime_id, count, status)]

    def on_terminal(self, callback: Callable[[Invocation], None]) -> Callable[[], None]:
        """Call ``callback(invocation)`` whenever an invocation becomes terminal.

        It runs on the emulator's loop (its server thread) with the store's lock held,
        after the terminal status, output and error are set and right before waiters
        (``wait`` long polls) are woken, so keep it short and do not block. Exceptions it
        raises are logged and ignored. It stays registered across :meth:`reset`; call
        the returned function to remove it.
        """
        store = self.app.store
        with store.lock:
            store.on_terminal.append(callback)

        def remove() -> None:
            with store.lock:
                if callback in store.on_terminal:
                    store.on_terminal.remove(callback)

        return remove
