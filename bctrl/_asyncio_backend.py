"""An httpcore network backend straight on asyncio's transports and protocols.

httpcore's default backend on asyncio goes through anyio: every read and write opens a
cancel scope, and every check of an idle connection (``is_readable``, asked for each
connection of a pool whenever a request is assigned) rebuilds anyio's table of socket
attributes. At thousands of requests a second that is most of the transport's cost.
This backend implements the same public interface (:class:`httpcore.AsyncNetworkBackend`)
with a buffering :class:`asyncio.Protocol`; timeouts are timers on the pending read,
write or connect.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from typing import Any, Iterable, Optional, Type

import httpcore

HIGH_WATER = 64 * 1024


class _Reader(asyncio.Protocol):
    """Buffers what arrives; one reader and one writer wait on it at a time."""

    def __init__(self) -> None:
        self.transport: Optional[asyncio.Transport] = None
        self.buffer = bytearray()
        self.eof = False
        self.error: Optional[BaseException] = None
        self.waiter: Optional[asyncio.Future[None]] = None
        self.drained: Optional[asyncio.Future[None]] = None
        self.paused = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        self._wake()

    def eof_received(self) -> Optional[bool]:
        self.eof = True
        self._wake()
        return None

    def connection_lost(self, exc: Optional[Exception]) -> None:
        self.eof = True
        self.error = exc
        self._wake()
        self.paused = False
        if self.drained is not None and not self.drained.done():
            self.drained.set_result(None)

    def pause_writing(self) -> None:
        self.paused = True

    def resume_writing(self) -> None:
        self.paused = False
        if self.drained is not None and not self.drained.done():
            self.drained.set_result(None)

    def _wake(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)


async def _until(future: asyncio.Future[Any], timeout: Optional[float], error: Type[Exception], what: str) -> None:
    """Await ``future``; past ``timeout`` seconds raise ``error``."""
    if timeout is None:
        await future
        return
    timer = asyncio.get_running_loop().call_later(max(0.0, timeout), _expire, future, error, what)
    try:
        await future
    finally:
        timer.cancel()


def _expire(future: asyncio.Future[Any], error: Type[Exception], what: str) -> None:
    if not future.done():
        future.set_exception(error(f"{what} timed out"))


class AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(self, transport: asyncio.Transport, protocol: _Reader) -> None:
        self._transport = transport
        self._protocol = protocol
        transport.set_write_buffer_limits(high=HIGH_WATER)

    async def read(self, max_bytes: int, timeout: Optional[float] = None) -> bytes:
        protocol = self._protocol
        if not protocol.buffer and not protocol.eof:
            protocol.waiter = asyncio.get_running_loop().create_future()
            try:
                await _until(protocol.waiter, timeout, httpcore.ReadTimeout, "read")
            finally:
                protocol.waiter = None
        if protocol.buffer:
            data = bytes(protocol.buffer[:max_bytes])
            del protocol.buffer[:max_bytes]
            return data
        if protocol.error is not None:
            raise httpcore.ReadError(str(protocol.error) or type(protocol.error).__name__)
        return b""

    async def write(self, buffer: bytes, timeout: Optional[float] = None) -> None:
        if not buffer:
            return
        protocol = self._protocol
        if self._transport.is_closing():
            raise httpcore.WriteError("the connection is closed")
        self._transport.write(buffer)
        if protocol.paused:
            protocol.drained = asyncio.get_running_loop().create_future()
            try:
                await _until(protocol.drained, timeout, httpcore.WriteTimeout, "write")
            finally:
                protocol.drained = None
            if protocol.error is not None:
                raise httpcore.WriteError(str(protocol.error) or type(protocol.error).__name__)

    async def aclose(self) -> None:
        self._transport.close()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: Optional[str] = None, timeout: Optional[float] = None
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            transport = await asyncio.wait_for(
                loop.start_tls(self._transport, self._protocol, ssl_context, server_hostname=server_hostname),
                timeout,
            )
        except asyncio.TimeoutError:
            self._transport.close()
            raise httpcore.ConnectTimeout("TLS handshake timed out") from None
        except (OSError, ssl.SSLError) as exc:
            self._transport.close()
            raise httpcore.ConnectError(str(exc)) from exc
        if transport is None:
            raise httpcore.ConnectError("the connection closed during the TLS handshake")
        return AsyncioStream(transport, self._protocol)

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            protocol = self._protocol
            return bool(protocol.buffer) or protocol.eof or self._transport.is_closing()
        if info == "ssl_object":
            return self._transport.get_extra_info("ssl_object")
        if info == "client_addr":
            return self._transport.get_extra_info("sockname")
        if info == "server_addr":
            return self._transport.get_extra_info("peername")
        if info == "socket":
            return self._transport.get_extra_info("socket")
        return None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: Optional[float] = None,
        local_address: Optional[str] = None,
        socket_options: Optional[Iterable[Any]] = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        local = None if local_address is None else (local_address, 0)
        try:
            transport, protocol = await asyncio.wait_for(
                loop.create_connection(_Reader, host, port, local_addr=local), timeout
            )
        except asyncio.TimeoutError:
            raise httpcore.ConnectTimeout(f"connecting to {host}:{port} timed out") from None
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for option in socket_options or ():
                sock.setsockopt(*option)
        return AsyncioStream(transport, protocol)

    async def connect_unix_socket(
        self, path: str, timeout: Optional[float] = None, socket_options: Optional[Iterable[Any]] = None
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            transport, protocol = await asyncio.wait_for(loop.create_unix_connection(_Reader, path), timeout)
        except asyncio.TimeoutError:
            raise httpcore.ConnectTimeout(f"connecting to {path} timed out") from None
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        return AsyncioStream(transport, protocol)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
