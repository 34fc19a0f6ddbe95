"""Referees of :mod:`bctrl._http11`: raw-socket servers that misbehave on purpose.

Every test runs against both response parsers ("httptools" and "h11"), each with a small
``asyncio.start_server`` on 127.0.0.1 started inside the test, and every wait is bounded
by a short deadline so that a hang fails quickly instead of stalling the suite.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import socket
import time
import zlib
from types import TracebackType
from typing import Any, AsyncIterator, Awaitable, Callable, Dict, Iterable, Iterator, List, Optional, Tuple, Type

import httpx
import pytest

from bctrl._http11 import Answer, BodyTooLarge, Headers, Origin, Pool, Request

PARSERS = ["httptools", "h11"]
pytestmark = pytest.mark.parametrize("parser", PARSERS)

HOST = "127.0.0.1"
CAP = 1 << 20
SLACK = 0.5
"""How much later than its deadline a request may end (timer and scheduling latency)."""


# ---- raw servers ---------------------------------------------------------------------


class Peer:
    """One accepted connection, as the server sees it."""

    def __init__(self, server: RawServer, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.server = server
        self.reader = reader
        self.writer = writer
        self.requests: List[bytes] = []
        self.eof = asyncio.Event()
        """Set once the client closed its side (seen by whoever was reading)."""
        self._reading = False

    async def request(self) -> Optional[bytes]:
        """The next whole request's raw bytes (head and Content-Length body), or None at EOF."""
        self._reading = True
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            body = await self.reader.readexactly(length) if length else b""
        except (asyncio.IncompleteReadError, ConnectionError):
            self.eof.set()
            return None
        finally:
            self._reading = False
        raw = head + body
        self.requests.append(raw)
        self.server.requests.append(raw)
        return raw

    async def hold(self) -> None:
        """Answer nothing more: read and drop whatever comes until the client closes."""
        self._reading = True
        try:
            while await self.reader.read(65536):
                pass
        except ConnectionError:
            pass
        finally:
            self._reading = False
        self.eof.set()

    async def send(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()

    async def at_eof(self, timeout: float = 1.0) -> bool:
        """Whether the client closes this connection within ``timeout``."""
        reader = None if self._reading or self.eof.is_set() else asyncio.ensure_future(self.hold())
        try:
            await asyncio.wait_for(self.eof.wait(), timeout)
        except asyncio.TimeoutError:
            return False
        finally:
            if reader is not None:
                reader.cancel()
                await asyncio.gather(reader, return_exceptions=True)
        return True

    def close(self) -> None:
        self.writer.close()


Handler = Callable[[Peer], Awaitable[None]]


class RawServer:
    """``asyncio.start_server`` on 127.0.0.1, port 0, running ``handler`` per connection and
    counting what it accepted and received."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.accepted = 0
        self.peers: List[Peer] = []
        self.requests: List[bytes] = []
        self._tasks: List[asyncio.Task[None]] = []
        self._server: Optional[asyncio.Server] = None
        self.port = 0

    async def __aenter__(self) -> RawServer:
        self._server = await asyncio.start_server(self._accept, HOST, 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(
        self, kind: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        assert self._server is not None
        self._server.close()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for peer in self.peers:
            peer.writer.close()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._server.wait_closed(), 1.0)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.append(task)
        self.accepted += 1
        peer = Peer(self, reader, writer)
        self.peers.append(peer)
        # A handler cancelled at the end returns normally: a cancelled client_connected_cb
        # task makes asyncio (3.11) log an error.
        with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            await self.handler(peer)

    async def wait_requests(self, count: int, timeout: float = 2.0) -> None:
        """Until ``count`` requests in all have arrived."""
        stop = time.monotonic() + timeout
        while len(self.requests) < count:
            assert time.monotonic() < stop, f"{len(self.requests)} of {count} requests arrived"
            await asyncio.sleep(0.01)


def answer(body: bytes = b"ok", status: str = "200 OK", headers: Iterable[Tuple[str, str]] = ()) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{n}: {v}" for n, v in headers), f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def chunked(*chunks: bytes) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks if c) + b"0\r\n\r\n"


def answering(make: Callable[[bytes], bytes]) -> Handler:
    """A well-behaved keep-alive server: each request answered with ``make(request)``."""

    async def handler(peer: Peer) -> None:
        while (raw := await peer.request()) is not None:
            await peer.send(make(raw))

    return handler


def once(data: bytes, then_close: bool = False) -> Handler:
    """Read one request, send ``data`` as is, then close or hold the connection."""

    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.send(data)
        if then_close:
            peer.close()
        else:
            await peer.hold()

    return handler


# ---- the client side -------------------------------------------------------------------


@contextlib.asynccontextmanager
async def pool_of(parser: str, **options: float) -> AsyncIterator[Pool]:
    pool = Pool(parser=parser, **options)  # type: ignore[arg-type]
    try:
        yield pool
    finally:
        await pool.aclose()


def make_request(
    port: int,
    method: str = "GET",
    target: str = "/",
    headers: Iterable[Tuple[str, str]] = (),
    body: Optional[bytes] = None,
    answer_first: bool = False,
) -> Request:
    return Request(
        method, f"http://{HOST}:{port}{target}", Origin("http", HOST, port), target, list(headers), body, answer_first
    )


async def send(
    pool: Pool,
    port: int,
    *,
    timeout: Optional[float] = 1.0,
    cap: int = CAP,
    connect_timeout: Optional[float] = None,
    pool_timeout: Optional[float] = None,
    method: str = "GET",
    target: str = "/",
    headers: Iterable[Tuple[str, str]] = (),
    body: Optional[bytes] = None,
) -> Answer:
    deadline = None if timeout is None else time.monotonic() + timeout
    return await pool.send(
        make_request(port, method, target, headers, body),
        deadline=deadline,
        cap=cap,
        connect_timeout=connect_timeout,
        pool_timeout=pool_timeout,
    )


def send_options(timeout: float = 3.0) -> Dict[str, Any]:
    """The keyword arguments of ``Pool.send`` for a plain call ending within ``timeout``."""
    return {"deadline": time.monotonic() + timeout, "cap": CAP, "connect_timeout": None, "pool_timeout": None}


async def raises_by(error: Type[BaseException], limit: float, call: Awaitable[object]) -> BaseException:
    """``call`` raises exactly ``error`` (or a subclass) within ``limit`` seconds."""
    start = time.monotonic()
    with pytest.raises(BaseException) as info:
        await asyncio.wait_for(call, limit + 2.0)  # a hang fails the test, not the suite
    elapsed = time.monotonic() - start
    assert isinstance(info.value, error), f"expected {error.__name__}, got {info.value!r}"
    assert elapsed < limit, f"took {elapsed:.3f} s (limit {limit} s)"
    return info.value


# ---- 1. bodies and heads ---------------------------------------------------------------


async def test_content_length_body(parser: str) -> None:
    data = answer(b"hello world", headers=[("X-A", "1")])
    async with RawServer(answering(lambda _: data)) as server, pool_of(parser) as pool:
        got = await send(pool, server.port)
    assert (got.status_code, got.reason_phrase, got.content) == (200, "OK", b"hello world")
    assert got.headers["x-a"] == "1"
    assert got.text == "hello world"


async def test_json_body(parser: str) -> None:
    async with RawServer(answering(lambda _: answer(b'{"a": [1, 2]}'))) as server, pool_of(parser) as pool:
        got = await send(pool, server.port)
    assert got.json() == {"a": [1, 2]}


async def test_chunked_body_in_several_chunks(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        while await peer.request() is not None:
            await peer.send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            for part in (b"one-", b"two-", b"x" * 5000, b"-three"):
                await peer.send(b"%x\r\n%s\r\n" % (len(part), part))
                await asyncio.sleep(0.01)
            await peer.send(b"0\r\n\r\n")

    async with RawServer(handler) as server, pool_of(parser) as pool:
        first = await send(pool, server.port)
        second = await send(pool, server.port)
    assert first.content == second.content == b"one-two-" + b"x" * 5000 + b"-three"
    assert server.accepted == 1  # a chunked answer ends the answer, not the connection


async def test_chunked_body_with_extensions_and_trailers(parser: str) -> None:
    data = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n"
    async with RawServer(answering(lambda _: data)) as server, pool_of(parser) as pool:
        got = await send(pool, server.port)
        again = await send(pool, server.port)
    assert got.content == again.content == b"hello"
    assert server.accepted == 1


async def test_close_delimited_body(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil ")
        await asyncio.sleep(0.05)
        await peer.send(b"the end")
        peer.close()

    async with RawServer(handler) as server, pool_of(parser) as pool:
        got = await send(pool, server.port)
        assert got.content == b"until the end"
        await asyncio.sleep(0.05)
        assert (await send(pool, server.port)).content == b"until the end"
        assert server.accepted == 2


async def test_close_delimited_body_then_a_request_at_once(parser: str) -> None:
    """A body that ended with the connection: the next request, sent at once, must not be
    written on that connection."""

    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.send(b"HTTP/1.1 200 OK\r\n\r\nall")
        peer.close()

    async with RawServer(handler) as server, pool_of(parser) as pool:
        assert (await send(pool, server.port)).content == b"all"
        assert (await send(pool, server.port)).content == b"all"
        assert server.accepted == 2


async def test_close_delimited_empty_body(parser: str) -> None:
    async with RawServer(once(b"HTTP/1.1 200 OK\r\n\r\n", then_close=True)) as server, pool_of(parser) as pool:
        got = await send(pool, server.port)
    assert (got.status_code, got.content) == (200, b"")


async def test_http10_close_delimited_body(parser: str) -> None:
    async with RawServer(once(b"HTTP/1.0 200 OK\r\n\r\nold", then_close=True)) as server, pool_of(parser) as pool:
        got = await send(pool, server.port)
    assert got.content == b"old"


async def test_204_without_body_keeps_the_connection(parser: str) -> None:
    data = b"HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n"
    async with RawServer(answering(lambda _: data)) as server, pool_of(parser) as pool:
        first = await send(pool, server.port, timeout=0.5)
        second = await send(pool, server.port, timeout=0.5)
    assert (first.status_code, first.content, second.status_code, second.content) == (204, b"", 204, b"")
    assert server.accepted == 1


async def test_100_continue_is_skipped(parser: str) -> None:
    data = b"HTTP/1.1 100 Continue\r\n\r\n" + answer(b"final", "201 Created", [("X-Final", "yes")])
    async with RawServer(answering(lambda _: data)) as server, pool_of(parser) as pool:
        got = await send(pool, server.port, method="POST", body=b"{}")
        again = await send(pool, server.port, method="POST", body=b"{}")
    assert (got.status_code, got.reason_phrase, got.content) == (201, "Created", b"final")
    assert got.headers.get("x-final") == "yes"
    assert again.content == b"final"


async def test_100_continue_in_a_separate_write_is_skipped(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.send(b"HTTP/1.1 100 Continue\r\n\r\n")
        await asyncio.sleep(0.05)
        await peer.send(answer(b"final"))
        await peer.hold()

    async with RawServer(handler) as server, pool_of(parser) as pool:
        got = await send(pool, server.port)
    assert (got.status_code, got.content) == (200, b"final")


async def test_header_names_are_case_insensitive(parser: str) -> None:
    data = answer(b"", headers=[("X-Request-ID", "abc"), ("content-TYPE", "application/json")])
    async with RawServer(answering(lambda _: data)) as server, pool_of(parser) as pool:
        got = await send(pool, server.port)
    for name in ("x-request-id", "X-REQUEST-ID", "X-Request-Id"):
        assert got.headers[name] == "abc"
        assert name in got.headers
    assert got.headers.get("Content-Type") == "application/json"
    assert got.headers.get("missing", "d") == "d"


async def test_repeated_header_values_are_joined(parser: str) -> None:
    data = answer(b"", headers=[("Set-Cookie", "a=1"), ("X-Other", "o"), ("set-cookie", "b=2")])
    async with RawServer(answering(lambda _: data)) as server, pool_of(parser) as pool:
        got = await send(pool, server.port)
    assert got.headers["set-cookie"] == "a=1, b=2"
    assert isinstance(got.headers, Headers)
    assert [v for n, v in got.headers.multi_items() if n.lower() == "set-cookie"] == ["a=1", "b=2"]


# ---- 2. keep-alive -----------------------------------------------------------------------


async def test_sequential_requests_reuse_one_connection(parser: str) -> None:
    async with RawServer(answering(lambda raw: answer(raw.split(b" ")[1]))) as server, pool_of(parser) as pool:
        got = [(await send(pool, server.port, target=f"/{i}")).content for i in range(4)]
        assert pool.open_connections == 1
    assert got == [b"/0", b"/1", b"/2", b"/3"]
    assert server.accepted == 1


async def test_connection_close_from_the_server_opens_a_new_connection(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.send(answer(b"last", headers=[("Connection", "close")]))
        await peer.at_eof()  # the client must close it (and must not send on it again)
        assert len(peer.requests) == 1

    async with RawServer(handler) as server, pool_of(parser) as pool:
        first = await send(pool, server.port)
        second = await send(pool, server.port)
    assert first.content == second.content == b"last"
    assert server.accepted == 2


async def test_server_closing_an_idle_connection(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.send(answer(b"bye"))  # a keep-alive answer ...
        await asyncio.sleep(0.05)
        peer.close()  # ... and then the server drops the idle connection

    async with RawServer(handler) as server, pool_of(parser) as pool:
        assert (await send(pool, server.port)).content == b"bye"
        await asyncio.sleep(0.2)
        assert (await send(pool, server.port)).content == b"bye"
    assert server.accepted == 2


async def test_server_closing_right_after_its_answer(parser: str) -> None:
    """A server that answers (keep-alive) and closes at once; the next request is sent at
    once too. On loopback the FIN is in the client's socket before that request is written,
    so the pool can know the connection is gone (httpcore checks an idle socket is not
    readable before reusing it)."""

    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.send(answer(b"bye"))
        peer.close()

    async with RawServer(handler) as server, pool_of(parser) as pool:
        assert (await send(pool, server.port)).content == b"bye"
        assert (await send(pool, server.port)).content == b"bye"
        assert server.accepted == 2


async def test_connection_idle_past_keepalive_expiry_is_not_reused(parser: str) -> None:
    async with RawServer(answering(lambda _: answer())) as server, pool_of(parser, keepalive_expiry=0.1) as pool:
        await send(pool, server.port)
        await asyncio.sleep(0.2)
        await send(pool, server.port)
        assert pool.open_connections == 1
        assert server.accepted == 2
        assert await server.peers[0].at_eof()


# ---- 3. deadlines ------------------------------------------------------------------------


async def test_silent_server_times_out_at_the_deadline(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.hold()

    async with RawServer(handler) as server, pool_of(parser) as pool:
        start = time.monotonic()
        await raises_by(httpx.ReadTimeout, 0.3 + SLACK, send(pool, server.port, timeout=0.3))
        assert time.monotonic() - start >= 0.29
        assert pool.open_connections == 0
        assert await server.peers[0].at_eof()


async def test_dribbled_status_line_times_out_at_the_deadline(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        await peer.request()
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000:
            await peer.send(bytes([byte]))
            await asyncio.sleep(0.1)

    async with RawServer(handler) as server, pool_of(parser) as pool:
        await raises_by(httpx.ReadTimeout, 0.5 + SLACK, send(pool, server.port, timeout=0.5))


async def test_dribbled_body_times_out_at_the_deadline(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.send(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
        for _ in range(1000):
            await peer.send(b"x")
            await asyncio.sleep(0.1)

    async with RawServer(handler) as server, pool_of(parser) as pool:
        await raises_by(httpx.ReadTimeout, 0.5 + SLACK, send(pool, server.port, timeout=0.5))


async def test_dribbled_chunked_body_times_out_at_the_deadline(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        for _ in range(1000):
            await peer.send(b"1\r\nx\r\n")
            await asyncio.sleep(0.1)

    async with RawServer(handler) as server, pool_of(parser) as pool:
        await raises_by(httpx.ReadTimeout, 0.5 + SLACK, send(pool, server.port, timeout=0.5))


async def test_timed_out_connection_is_not_reused(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        while (raw := await peer.request()) is not None:
            if raw.startswith(b"GET /slow "):
                await peer.hold()
                return
            await peer.send(answer(raw.split(b" ")[1]))

    async with RawServer(handler) as server, pool_of(parser) as pool:
        assert (await send(pool, server.port, target="/fast")).content == b"/fast"
        await raises_by(httpx.ReadTimeout, 0.3 + SLACK, send(pool, server.port, target="/slow", timeout=0.3))
        assert (await send(pool, server.port, target="/after")).content == b"/after"
        assert pool.open_connections == 1
        assert server.accepted == 2
        assert [len(p.requests) for p in server.peers] == [2, 1]
        assert await server.peers[0].at_eof()


async def test_late_answer_after_timeout_is_not_given_to_the_next_request(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        while (raw := await peer.request()) is not None:
            if raw.startswith(b"GET /slow "):
                await asyncio.sleep(0.4)
            await peer.send(answer(raw.split(b" ")[1]))

    async with RawServer(handler) as server, pool_of(parser) as pool:
        await raises_by(httpx.ReadTimeout, 0.2 + SLACK, send(pool, server.port, target="/slow", timeout=0.2))
        await asyncio.sleep(0.4)
        assert (await send(pool, server.port, target="/next")).content == b"/next"


async def test_deadline_already_passed_with_an_idle_connection(parser: str) -> None:
    """A deadline that passed before sending fails at once and leaks nothing: the idle
    connection taken for it is either put back or closed (not left open and unowned)."""
    async with RawServer(answering(lambda _: answer())) as server, pool_of(parser) as pool:
        await send(pool, server.port)
        await raises_by(httpx.TimeoutException, 0.2, send(pool, server.port, timeout=-1.0))
        idle = sum(len(stack) for stack in pool._idle.values())
        assert pool.open_connections == idle, "a connection is open but neither idle nor in use"
        assert (await send(pool, server.port)).content == b"ok"


# ---- 4. the size cap and encodings -------------------------------------------------------


async def test_content_length_over_the_cap_fails_before_the_body(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.send(b"HTTP/1.1 200 OK\r\nContent-Length: 5000000\r\n\r\n")
        await peer.hold()  # the body never comes: only the declared length can tell

    async with RawServer(handler) as server, pool_of(parser) as pool:
        exc = await raises_by(BodyTooLarge, 0.5, send(pool, server.port, timeout=2.0, cap=1000))
        assert pool.open_connections == 0
    assert isinstance(exc, BodyTooLarge)
    assert (exc.status_code, exc.size) == (200, 5000000)


async def test_content_length_at_the_cap_is_accepted(parser: str) -> None:
    async with RawServer(answering(lambda _: answer(b"x" * 1000))) as server, pool_of(parser) as pool:
        assert len((await send(pool, server.port, cap=1000)).content) == 1000


async def test_endless_chunked_body_fails_at_the_cap(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"%x\r\n%s\r\n" % (65536, b"z" * 65536)
        while True:
            await peer.send(chunk)

    async with RawServer(handler) as server, pool_of(parser) as pool:
        exc = await raises_by(BodyTooLarge, 1.0, send(pool, server.port, timeout=3.0, cap=CAP))
        assert pool.open_connections == 0
    assert isinstance(exc, BodyTooLarge)
    assert CAP < exc.size <= CAP + 65536


async def test_endless_close_delimited_body_fails_at_the_cap(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.send(b"HTTP/1.1 200 OK\r\n\r\n")
        while True:
            await peer.send(b"z" * 65536)

    async with RawServer(handler) as server, pool_of(parser) as pool:
        await raises_by(BodyTooLarge, 1.0, send(pool, server.port, timeout=3.0, cap=CAP))


async def test_gzip_bomb_fails_at_the_cap(parser: str) -> None:
    bomb = gzip.compress(b"\0" * 10_000_000)
    assert len(bomb) < 20_000
    data = answer(bomb, headers=[("Content-Encoding", "gzip")])
    async with RawServer(answering(lambda _: data)) as server, pool_of(parser) as pool:
        exc = await raises_by(BodyTooLarge, 1.0, send(pool, server.port, timeout=3.0, cap=CAP))
    assert isinstance(exc, BodyTooLarge)
    assert exc.size <= CAP + 1  # inflated in steps, never far past the cap


async def test_chunked_gzip_bomb_fails_at_the_cap(parser: str) -> None:
    bomb = gzip.compress(b"\0" * 10_000_000)
    data = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
    data += chunked(*(bomb[i : i + 1000] for i in range(0, len(bomb), 1000)))
    async with RawServer(answering(lambda _: data)) as server, pool_of(parser) as pool:
        await raises_by(BodyTooLarge, 1.0, send(pool, server.port, timeout=3.0, cap=CAP))


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


ENCODED: Dict[str, Callable[[bytes], bytes]] = {
    "gzip": gzip.compress,
    "x-gzip": gzip.compress,
    "deflate": zlib.compress,  # zlib-wrapped, as RFC 9110 means it
    "raw-deflate": _raw_deflate,  # what some servers send as "deflate"
}


@pytest.mark.parametrize("encoding", sorted(ENCODED))
async def test_encoded_body_within_the_cap_is_inflated(parser: str, encoding: str) -> None:
    plain = b'{"result": "' + b"abc" * 20000 + b'"}'
    name = "deflate" if encoding == "raw-deflate" else encoding
    data = answer(ENCODED[encoding](plain), headers=[("Content-Encoding", name)])
    async with RawServer(answering(lambda _: data)) as server, pool_of(parser) as pool:
        got = await send(pool, server.port, cap=len(plain))
    assert got.content == plain


@pytest.mark.parametrize("encoding", sorted(ENCODED))
async def test_encoded_body_in_one_byte_chunks_is_inflated(parser: str, encoding: str) -> None:
    plain = b"hello, " * 100
    name = "deflate" if encoding == "raw-deflate" else encoding
    encoded = ENCODED[encoding](plain)
    data = b"HTTP/1.1 200 OK\r\nContent-Encoding: %s\r\nTransfer-Encoding: chunked\r\n\r\n" % name.encode()
    data += chunked(*(encoded[i : i + 1] for i in range(len(encoded))))
    async with RawServer(answering(lambda _: data)) as server, pool_of(parser) as pool:
        got = await send(pool, server.port)
    assert got.content == plain


async def test_unknown_encoding_is_kept_as_sent_and_capped(parser: str) -> None:
    data = answer(b"\x28\xb5\x2f\xfd", headers=[("Content-Encoding", "zstd")])
    async with RawServer(answering(lambda _: data)) as server, pool_of(parser) as pool:
        assert (await send(pool, server.port)).content == b"\x28\xb5\x2f\xfd"
        await raises_by(BodyTooLarge, 0.5, send(pool, server.port, cap=3))


async def test_corrupt_gzip_body_is_a_decoding_error(parser: str) -> None:
    data = answer(b"this is not gzip at all", headers=[("Content-Encoding", "gzip")])
    async with RawServer(answering(lambda _: data)) as server, pool_of(parser) as pool:
        await raises_by(httpx.DecodingError, 0.5, send(pool, server.port))


# ---- 5. lies ---------------------------------------------------------------------------------


MALFORMED = {
    "status-not-a-number": b"HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n",
    "garbage": b"\x00\x01\x02garbage\xff\r\n\r\n",
    "not-http": b"SSH-2.0-OpenSSH_9.0\r\n\r\n",
    "bad-header-line": b"HTTP/1.1 200 OK\r\nno colon here\r\nContent-Length: 0\r\n\r\n",
    "bad-content-length": b"HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n",
    "conflicting-content-lengths": b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
    "bad-chunk-size": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
async def test_malformed_answer_is_a_protocol_error(parser: str, case: str) -> None:
    async with RawServer(once(MALFORMED[case])) as server, pool_of(parser) as pool:
        await raises_by(httpx.RemoteProtocolError, 0.5, send(pool, server.port, timeout=2.0))
        assert pool.open_connections == 0


TRUNCATED = {
    "nothing": b"",
    "half-a-status-line": b"HTTP/1.1 20",
    "half-the-headers": b"HTTP/1.1 200 OK\r\nContent-Le",
    "a-banner-line": b"SSH-2.0-OpenSSH_9.0\r\n",
    "short-content-length-body": b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this",
    "unfinished-chunked-body": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
}


@pytest.mark.parametrize("case", sorted(TRUNCATED))
async def test_answer_cut_by_the_server_closing_is_a_protocol_error(parser: str, case: str) -> None:
    async with RawServer(once(TRUNCATED[case], then_close=True)) as server, pool_of(parser) as pool:
        await raises_by(httpx.RemoteProtocolError, 0.5, send(pool, server.port, timeout=2.0))
        assert pool.open_connections == 0


async def test_connection_reset_is_a_protocol_error(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        await peer.request()
        sock = peer.writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        peer.writer.transport.abort()  # RST

    async with RawServer(handler) as server, pool_of(parser) as pool:
        await raises_by(httpx.RemoteProtocolError, 0.5, send(pool, server.port, timeout=2.0))


async def test_huge_head_is_refused_without_blocking_the_loop(parser: str) -> None:
    """2 MB of one repeated header: refused as a protocol error (h11 stops at 16 KB, httpcore
    at 100 KB), quickly, and the event loop keeps running meanwhile."""

    async def handler(peer: Peer) -> None:
        await peer.request()
        line = b"X-Big: " + b"b" * 1000 + b"\r\n"
        await peer.send(b"HTTP/1.1 200 OK\r\n" + line * 2000 + b"Content-Length: 0\r\n\r\n")
        await peer.hold()

    gaps: List[float] = []

    async def ticker() -> None:
        last = time.monotonic()
        while True:
            await asyncio.sleep(0.01)
            now = time.monotonic()
            gaps.append(now - last)
            last = now

    async with RawServer(handler) as server, pool_of(parser) as pool:
        ticking = asyncio.ensure_future(ticker())
        try:
            await raises_by(httpx.RemoteProtocolError, 0.5 + SLACK, send(pool, server.port, timeout=0.5))
        finally:
            ticking.cancel()
            await asyncio.gather(ticking, return_exceptions=True)
    assert max(gaps, default=0.0) < 0.3, f"the event loop was blocked for {max(gaps):.2f} s"


@pytest.mark.parametrize("part", ["name", "value", "reason"])
async def test_endless_head_line_is_refused_before_the_deadline(parser: str, part: str) -> None:
    """A status line or header line that never ends (8 MB, then nothing): refused once it is
    too long, not held in memory until the deadline."""
    start = {"name": b"HTTP/1.1 200 OK\r\nX-", "value": b"HTTP/1.1 200 OK\r\nX-A: ", "reason": b"HTTP/1.1 200 O"}

    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.send(start[part])
        for _ in range(128):
            await peer.send(b"a" * 65536)
        await peer.hold()

    async with RawServer(handler) as server, pool_of(parser) as pool:
        await raises_by(httpx.RemoteProtocolError, 0.5, send(pool, server.port, timeout=1.0))


async def test_switching_protocols_without_asking_is_refused(parser: str) -> None:
    data = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
    async with RawServer(once(data)) as server, pool_of(parser) as pool:
        await raises_by(httpx.RemoteProtocolError, 1.0 + SLACK, send(pool, server.port, timeout=1.0))


async def test_unsolicited_data_while_idle(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        await peer.request()
        await peer.send(answer(b"first"))
        await asyncio.sleep(0.05)
        await peer.send(b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nstale!")  # nobody asked
        while await peer.request() is not None:
            await peer.send(answer(b"stale connection"))

    async def fresh(peer: Peer) -> None:
        if server.accepted == 1:
            await handler(peer)
        else:
            await answering(lambda _: answer(b"second"))(peer)

    async with RawServer(fresh) as server, pool_of(parser) as pool:
        assert (await send(pool, server.port)).content == b"first"
        await asyncio.sleep(0.2)
        assert (await send(pool, server.port)).content == b"second"
        assert (await send(pool, server.port)).content == b"second"


async def test_an_extra_answer_is_not_given_to_the_next_request(parser: str) -> None:
    """A server answering one request twice in one write: the second answer belongs to no
    request, and must not become the answer of the next one."""

    async def handler(peer: Peer) -> None:
        if server.accepted == 1:  # the first connection answers its first request twice
            await peer.request()
            await peer.send(answer(b"A") + answer(b"STALE"))
        while (raw := await peer.request()) is not None:
            await peer.send(answer(raw.split(b" ")[1]))

    async with RawServer(handler) as server, pool_of(parser) as pool:
        assert (await send(pool, server.port, target="/1")).content == b"A"
        assert (await send(pool, server.port, target="/2")).content == b"/2"
        assert (await send(pool, server.port, target="/3")).content == b"/3"


async def test_trailing_garbage_after_an_answer(parser: str) -> None:
    async def handler(peer: Peer) -> None:
        while (raw := await peer.request()) is not None:
            await peer.send(answer(raw.split(b" ")[1]) + b"\x00garbage\r\n")

    async with RawServer(handler) as server, pool_of(parser) as pool:
        for target in ("/1", "/2", "/3"):
            assert (await send(pool, server.port, target=target)).content == target.encode()


# ---- 6. pool limits ------------------------------------------------------------------------


def holding(release: asyncio.Event) -> Handler:
    """Answers each request only once ``release`` is set."""

    async def handler(peer: Peer) -> None:
        while (raw := await peer.request()) is not None:
            await release.wait()
            await peer.send(answer(raw.split(b" ")[1]))

    return handler


async def test_at_most_max_connections_are_opened(parser: str) -> None:
    release = asyncio.Event()
    async with RawServer(holding(release)) as server, pool_of(parser, max_connections=2) as pool:
        tasks = [asyncio.create_task(send(pool, server.port, target=f"/{i}", timeout=3.0)) for i in range(5)]
        await server.wait_requests(2)
        await asyncio.sleep(0.2)
        assert (server.accepted, len(server.requests)) == (2, 2)
        release.set()
        got = await asyncio.wait_for(asyncio.gather(*tasks), 2.0)
        assert sorted(a.content for a in got) == [b"/0", b"/1", b"/2", b"/3", b"/4"]
        assert server.accepted == 2
        assert pool.peak_open <= 2
        assert pool.open_connections == 2


async def test_pool_timeout_when_every_connection_is_held(parser: str) -> None:
    release = asyncio.Event()
    async with RawServer(holding(release)) as server, pool_of(parser, max_connections=2) as pool:
        held = [asyncio.create_task(send(pool, server.port, timeout=3.0)) for _ in range(2)]
        await server.wait_requests(2)
        start = time.monotonic()
        await raises_by(httpx.PoolTimeout, 0.2 + SLACK, send(pool, server.port, timeout=3.0, pool_timeout=0.2))
        assert time.monotonic() - start >= 0.19
        release.set()
        await asyncio.wait_for(asyncio.gather(*held), 2.0)
        assert (await send(pool, server.port, pool_timeout=0.2)).content == b"/"
        assert server.accepted == 2


async def test_waiting_for_a_connection_counts_against_the_deadline(parser: str) -> None:
    release = asyncio.Event()
    async with RawServer(holding(release)) as server, pool_of(parser, max_connections=1) as pool:
        held = asyncio.create_task(send(pool, server.port, timeout=3.0))
        await server.wait_requests(1)
        await raises_by(httpx.TimeoutException, 0.3 + SLACK, send(pool, server.port, timeout=0.3))
        release.set()
        await held


async def test_cancelling_a_pending_send_frees_its_slot(parser: str) -> None:
    release = asyncio.Event()
    async with RawServer(holding(release)) as server, pool_of(parser, max_connections=2) as pool:
        task = asyncio.create_task(send(pool, server.port, timeout=3.0))
        await server.wait_requests(1)
        assert pool._gate is not None and pool._gate.free == 1
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert pool._gate.free == 2
        assert pool.open_connections == 0
        assert await server.peers[0].at_eof()  # that connection was closed
        release.set()
        assert (await send(pool, server.port)).content == b"/"
        assert server.accepted == 2


async def test_cancelling_a_send_waiting_for_a_slot(parser: str) -> None:
    release = asyncio.Event()
    async with RawServer(holding(release)) as server, pool_of(parser, max_connections=1) as pool:
        held = asyncio.create_task(send(pool, server.port, timeout=3.0))
        await server.wait_requests(1)
        waiting = asyncio.create_task(send(pool, server.port, timeout=3.0))
        await asyncio.sleep(0.05)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        release.set()
        await held
        assert pool._gate is not None and pool._gate.free == 1
        assert (await send(pool, server.port, pool_timeout=0.2)).content == b"/"
        assert pool._gate.free == 1


async def test_answers_go_first_when_waiting_for_a_connection(parser: str) -> None:
    release = asyncio.Event()
    async with RawServer(holding(release)) as server, pool_of(parser, max_connections=1) as pool:
        held = asyncio.create_task(send(pool, server.port, target="/held", timeout=3.0))
        await server.wait_requests(1)
        waiting = []
        for target, first in (("/new-1", False), ("/new-2", False), ("/wait", True)):
            call = pool.send(make_request(server.port, "POST", target, answer_first=first), **send_options())
            waiting.append(asyncio.create_task(call))
            await asyncio.sleep(0.02)
        release.set()
        await asyncio.wait_for(asyncio.gather(held, *waiting), 2.0)
    assert [raw.split(b" ")[1] for raw in server.requests] == [b"/held", b"/wait", b"/new-1", b"/new-2"]


async def test_aclose_closes_connections_and_refuses_new_requests(parser: str) -> None:
    async with RawServer(answering(lambda _: answer())) as server:
        pool = Pool(parser=parser)
        await send(pool, server.port)
        assert pool.open_connections == 1
        await pool.aclose()
        assert pool.open_connections == 0
        assert pool.is_closed
        assert await server.peers[0].at_eof()
        with pytest.raises(RuntimeError):
            await send(pool, server.port)
        assert server.accepted == 1


async def test_aclose_ends_a_request_in_flight(parser: str) -> None:
    release = asyncio.Event()
    async with RawServer(holding(release)) as server:
        pool = Pool(parser=parser)
        task = asyncio.create_task(send(pool, server.port, timeout=3.0))
        await server.wait_requests(1)
        await pool.aclose()
        await raises_by(httpx.RemoteProtocolError, 0.5, task)
        release.set()


# ---- 7. connecting ---------------------------------------------------------------------------


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


async def test_nothing_listening_is_a_connect_error(parser: str) -> None:
    port = _unused_port()
    async with pool_of(parser) as pool:
        await raises_by(httpx.ConnectError, 0.5, send(pool, port))
        assert pool.open_connections == 0
        assert pool._gate is not None and pool._gate.free == pool.max_connections


@contextlib.contextmanager
def _full_backlog() -> Iterator[int]:
    """A local port whose accept queue is full: connecting to it hangs (SYNs are dropped)."""
    listener = socket.socket()
    fillers: List[socket.socket] = []
    try:
        listener.bind((HOST, 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        for _ in range(2):
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect_ex((HOST, port))
            fillers.append(filler)
        time.sleep(0.05)
        probe = socket.socket()
        probe.settimeout(0.2)
        try:
            probe.connect((HOST, port))
        except (TimeoutError, socket.timeout):
            pass
        else:
            pytest.skip("this system accepts connections past the listen backlog")
        finally:
            probe.close()
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


async def test_cancelling_a_send_while_connecting(parser: str) -> None:
    with _full_backlog() as port:
        async with pool_of(parser, max_connections=1) as pool:
            task = asyncio.create_task(send(pool, port, timeout=3.0))
            await asyncio.sleep(0.1)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert pool.open_connections == 0
            assert pool._gate is not None and pool._gate.free == 1


@pytest.mark.parametrize("bound", ["connect_timeout", "deadline"])
async def test_connect_timeout(parser: str, bound: str) -> None:
    with _full_backlog() as port:
        async with pool_of(parser) as pool:
            if bound == "connect_timeout":
                call = send(pool, port, timeout=3.0, connect_timeout=0.3)
            else:
                call = send(pool, port, timeout=0.3)
            start = time.monotonic()
            await raises_by(httpx.ConnectTimeout, 0.3 + SLACK, call)
            assert time.monotonic() - start >= 0.29
            assert pool.open_connections == 0


# ---- 8. the request's bytes -------------------------------------------------------------------


def _head(raw: bytes) -> Tuple[str, List[Tuple[str, str]], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    first, *lines = head.decode("latin-1").split("\r\n")
    headers = [(n, v.strip()) for n, _, v in (line.partition(":") for line in lines)]
    return first, headers, body


async def test_request_bytes_with_a_body(parser: str) -> None:
    body = b'{"name": "caf\xc3\xa9"}'
    async with RawServer(answering(lambda _: answer())) as server, pool_of(parser) as pool:
        await send(
            pool,
            server.port,
            method="POST",
            target="/v1/things?x=1&y=%20",
            headers=[("Content-Type", "application/json"), ("X-Trace", "t-1"), ("Authorization", "Bearer k")],
            body=body,
        )
    [raw] = server.requests
    line, headers, sent = _head(raw)
    assert line == "POST /v1/things?x=1&y=%20 HTTP/1.1"
    names = [n.lower() for n, _ in headers]
    assert names.count("host") == 1 and names[0] == "host"
    lower = {n.lower(): v for n, v in headers}
    assert lower["host"] == f"{HOST}:{server.port}"
    assert lower["content-type"] == "application/json"
    assert lower["x-trace"] == "t-1"
    assert lower["authorization"] == "Bearer k"
    assert lower["content-length"] == str(len(body))
    assert "transfer-encoding" not in lower
    assert sent == body


async def test_request_bytes_without_a_body(parser: str) -> None:
    async with RawServer(answering(lambda _: answer())) as server, pool_of(parser) as pool:
        await send(pool, server.port, target="/v1/x", headers=[("Accept", "application/json")])
        await send(pool, server.port, method="DELETE", target="/v1/y")
    (line1, headers1, body1), (line2, headers2, body2) = (_head(r) for r in server.requests)
    assert (line1, line2) == ("GET /v1/x HTTP/1.1", "DELETE /v1/y HTTP/1.1")
    assert ("Accept", "application/json") in headers1
    for headers in (headers1, headers2):
        lower = {n.lower(): v for n, v in headers}
        assert lower["host"] == f"{HOST}:{server.port}"
        assert "content-length" not in lower and "transfer-encoding" not in lower
    assert body1 == body2 == b""
    assert server.accepted == 1


async def test_request_with_an_empty_body_declares_zero_length(parser: str) -> None:
    async with RawServer(answering(lambda _: answer())) as server, pool_of(parser) as pool:
        await send(pool, server.port, method="POST", body=b"")
        await send(pool, server.port, method="POST", body=b"x")
    lengths = [{n.lower(): v for n, v in _head(r)[1]}["content-length"] for r in server.requests]
    assert lengths == ["0", "1"]


def test_host_header_of_default_ports(parser: str) -> None:
    assert Origin("http", "api.example", 80).authority == "api.example"
    assert Origin("https", "api.example", 443).authority == "api.example"
    assert Origin("https", "api.example", 8443).authority == "api.example:8443"
    assert Origin("http", "::1", 8080).authority == "[::1]:8080"
    assert Origin.of(httpx.URL("https://api.example/v1")).port == 443
