"""Serving the emulator with uvicorn.

Dropped connections: when fault injection drops an invocation create *after* storing it,
the client must see a transport error, not an HTTP answer. uvicorn answers 500 to an app
that fails before responding, so the emulator serves HTTP/1.1 with a small subclass of
uvicorn's protocol (:func:`droppable`) that puts an ``abort`` callable into
``scope["extensions"]["bctrl.abort"]``. The app calls it (which aborts the socket: the
client sees the connection reset without any response bytes) and returns once uvicorn
has seen the disconnect, so nothing is logged and no 500 is sent.

The protocol is uvicorn's httptools one when httptools is installed (the ``emulator``
extra lists it: it parses requests in C, so the emulator keeps up with thousands of
concurrent calls), else its h11 one.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Dict, List, Optional, Type

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from .app import ABORT_EXTENSION, EmulatorApp


def droppable(base: Type[Any]) -> Type[Any]:
    """uvicorn's protocol ``base``, plus an ASGI extension to abort the current connection."""

    class Droppable(base):  # type: ignore[misc]
        app: Any
        transport: Any

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            inner: Any = self.app

            async def app(scope: Any, receive: Any, send: Any) -> None:
                extensions: Dict[str, Any] = scope.setdefault("extensions", {})
                extensions[ABORT_EXTENSION] = self._abort
                await inner(scope, receive, send)

            self.app = app

        def _abort(self) -> None:
            if self.transport is not None and not self.transport.is_closing():
                self.transport.abort()

    Droppable.__name__ = Droppable.__qualname__ = f"Droppable{base.__name__}"
    return Droppable


DroppableH11Protocol = droppable(H11Protocol)


def protocol() -> Type[Any]:
    """The HTTP/1.1 protocol the emulator serves with: httptools' when installed, else h11's."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:
        return DroppableH11Protocol
    return droppable(HttpToolsProtocol)


def make_config(
    app: EmulatorApp,
    host: str = "127.0.0.1",
    port: int = 8787,
    *,
    log_level: str = "warning",
    access_log: bool = False,
    ssl_certfile: Optional[str] = None,
    ssl_keyfile: Optional[str] = None,
) -> uvicorn.Config:
    """A uvicorn configuration serving ``app`` with droppable connections.

    With ``ssl_certfile`` (PEM certificate chain; ``ssl_keyfile`` is its private key,
    unless the key is in the same file) it serves HTTPS, still over the same protocol.
    """
    if ssl_keyfile is not None and ssl_certfile is None:
        raise ValueError("ssl_keyfile needs ssl_certfile")
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=protocol(),
        proxy_headers=False,
        ws="none",
        lifespan="on",
        log_level=log_level,
        access_log=access_log,
        timeout_graceful_shutdown=2,
        loop="asyncio",
        ssl_certfile=ssl_certfile,
        ssl_keyfile=ssl_keyfile,
    )


def check_tls_files(certfile: str, keyfile: Optional[str]) -> None:
    """Raise ``ValueError`` naming the problem if the certificate and key cannot be loaded."""
    import ssl

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(certfile, keyfile)
    except (OSError, ssl.SSLError) as exc:
        raise ValueError(f"cannot load the TLS certificate/key ({exc})") from None


class Server(uvicorn.Server):
    """A uvicorn server that may run outside the main thread (no signal handlers there)."""

    def __init__(self, config: uvicorn.Config, on_started: Optional[Callable[[Server], None]] = None) -> None:
        super().__init__(config)
        self.loop: Optional[asyncio.AbstractEventLoop] = None
        self.on_started = on_started

    async def serve(self, sockets: Any = None) -> None:
        self.loop = asyncio.get_running_loop()
        await super().serve(sockets=sockets)

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets=sockets)
        if self.started and self.on_started is not None:
            self.on_started(self)

    async def shutdown(self, sockets: Any = None) -> None:
        app = self.config.app
        if isinstance(app, EmulatorApp):
            app.begin_shutdown()
        await super().shutdown(sockets=sockets)

    @property
    def bound_port(self) -> int:
        """The port actually listened on (useful after binding port 0)."""
        servers: List[Any] = getattr(self, "servers", [])
        for srv in servers:
            for sock in srv.sockets or []:
                return int(sock.getsockname()[1])
        raise RuntimeError("the server is not listening")
