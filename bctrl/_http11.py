"""The HTTP/1.1 connections of :class:`~bctrl.AsyncBctrl`, on asyncio.

At thousands of concurrent calls the general-purpose stack (httpx over httpcore, h11 and
anyio) spends about a millisecond of CPU per request, most of it on machinery this SDK
never uses; this module does only what the SDK needs, so the per-request cost is a few
tens of microseconds:

- HTTP/1.1 to the API's origin, plain or TLS, connections kept alive and reused (the
  most recently freed first, so sequential calls keep to one warm connection);
- at most ``max_connections`` open at once, behind one first-come-first-served
  :class:`Gate` in which answers (``wait`` requests) go before new work;
- one deadline per request covering the wait for a connection, the connect, the write
  and the whole answer: no server can hold a request longer (a timer, not a check
  between reads);
- bodies inflated (gzip, deflate) and held to the size cap as they arrive (:class:`Body`).

Parsing is left to a well-kept parser: ``httptools`` (llhttp, in C) when installed (the
``speedups`` extra), otherwise ``h11`` (pure Python; always installed with httpx).
Failures are raised as httpx's exception types so one mapping (``_transport.Core``)
serves both this module and an ``httpx.AsyncClient`` a caller brings.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import select
import ssl as _ssl
import time
import zlib
from typing import Any, Deque, Dict, Iterator, List, Mapping, Optional, Set, Tuple

import httpx

_now = time.monotonic

KEEPALIVE_EXPIRY = 4.0
"""Seconds an idle connection is kept for reuse (servers commonly close theirs after 5)."""
MAX_HEAD_BYTES = 64 * 1024
"""The most a status line and headers may take (h11 enforces its own, smaller, limit)."""
ACCEPT_ENCODING = "gzip, deflate"
"""The encodings :class:`Body` inflates within the cap."""


# ---- values --------------------------------------------------------------------------


class Headers(Mapping[str, str]):
    """Response headers: case-insensitive, a repeated header's values joined with ``", "``
    (as httpx's ``Headers.get`` gives them)."""

    __slots__ = ("_items", "_map")

    def __init__(self, items: List[Tuple[str, str]]) -> None:
        self._items = items
        joined: Dict[str, str] = {}
        for name, value in items:
            key = name.lower()
            joined[key] = f"{joined[key]}, {value}" if key in joined else value
        self._map = joined

    def __getitem__(self, name: str) -> str:
        return self._map[name.lower()]

    def get(self, name: str, default: Any = None) -> Any:
        return self._map.get(name.lower(), default)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._map

    def __iter__(self) -> Iterator[str]:
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._map)

    def multi_items(self) -> List[Tuple[str, str]]:
        """Every header line as received (name as sent, value)."""
        return list(self._items)

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


class Answer:
    """A whole HTTP answer in memory: what the SDK reads a result or an error from.

    The SDK's own connections and an ``httpx.AsyncClient`` both end in one; the generated
    parsers read ``status_code``, ``content`` and ``json()`` as they would an ``httpx.Response``.
    """

    __slots__ = ("content", "headers", "method", "reason_phrase", "status_code", "url")

    def __init__(
        self, status_code: int, reason_phrase: str, headers: Mapping[str, str], content: bytes, method: str, url: str
    ) -> None:
        self.status_code = status_code
        self.reason_phrase = reason_phrase
        self.headers = headers
        self.content = content
        self.method = method
        self.url = url

    def json(self) -> Any:
        return json.loads(self.content)

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def __repr__(self) -> str:
        return f"<Answer [{self.status_code}] {self.method} {self.url}>"


class BodyTooLarge(Exception):
    """An answer's body passed the cap (``size`` bytes seen so far, decoded)."""

    def __init__(self, status_code: int, headers: Mapping[str, str], size: int) -> None:
        super().__init__(f"body larger than the cap ({size} bytes so far)")
        self.status_code = status_code
        self.headers = headers
        self.size = size


class Body:
    """Collects one answer's body within ``cap`` bytes (decoded).

    The declared ``Content-Length`` is held to the cap before any byte is read. gzip and
    deflate bodies are inflated here, in steps that never produce more than the cap allows,
    so a small compressed body cannot inflate into a large one in memory; other encodings
    are kept as they came (``decodes`` is then ``False``).
    """

    def __init__(self, cap: int, status: int, headers: Mapping[str, str]) -> None:
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > cap:
            raise BodyTooLarge(status, headers, int(declared))
        self._cap = cap
        self._status = status
        self._headers = headers
        self._chunks: List[bytes] = []
        self._size = 0
        encoding = headers.get("content-encoding", "").strip().lower()
        gzip = encoding in ("gzip", "x-gzip")
        self._inflate = zlib.decompressobj(zlib.MAX_WBITS | 16) if gzip else None
        self._sniff: Optional[bytes] = b"" if encoding == "deflate" else None
        """Deflate: the body's first bytes, until they show whether a zlib header wraps it
        (some servers send raw deflate)."""
        self.decodes = gzip or encoding in ("", "identity", "deflate")
        """Whether this class decodes the encoding (else feed it decoded bytes)."""

    def feed(self, data: bytes) -> None:
        if self._sniff is not None:  # deflate: zlib-wrapped or raw? the first two bytes tell
            self._sniff += data
            if len(self._sniff) < 2:
                return
            data, self._sniff = self._sniff, None
            wrapped = (data[0] & 0x0F) == 8 and ((data[0] << 8) | data[1]) % 31 == 0  # a zlib header (RFC 1950)
            self._inflate = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        inflate = self._inflate
        if inflate is None:
            self._add(data)
            return
        try:
            while data:
                self._add(inflate.decompress(data, self._cap - self._size + 1))
                data = inflate.unconsumed_tail
        except zlib.error as exc:
            raise httpx.DecodingError(f"cannot inflate the body: {exc}") from None

    def finish(self) -> bytes:
        if self._sniff:  # a deflate body of a single byte: not a valid stream either way
            raise httpx.DecodingError("cannot inflate the body: it ends before its first block")
        if self._inflate is not None:
            self._add(self._inflate.flush())
        return b"".join(self._chunks)

    def _add(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > self._cap:
            raise BodyTooLarge(self._status, self._headers, self._size)
        if chunk:
            self._chunks.append(chunk)


# ---- parsers -------------------------------------------------------------------------


class _Events:
    """What a parser reports to its connection."""

    def on_head(self, status: int, reason: str, headers: List[Tuple[str, str]]) -> None: ...

    def on_body(self, data: bytes) -> None: ...

    def on_done(self, keep_alive: bool) -> None: ...


class _HttptoolsParser:
    """Answers parsed by ``httptools`` (llhttp). llhttp reports a body that ends with the
    connection (no length, not chunked) only when told of the end: :meth:`feed_eof`."""

    def __init__(self, events: _Events) -> None:
        import httptools

        self._events = events
        self._parser = httptools.HttpResponseParser(self)
        self._errors = (httptools.HttpParserError, httptools.HttpParserUpgrade)
        self._reason = ""
        self._headers: List[Tuple[str, str]] = []
        self._status = 0
        self._until_close = False
        self._head_bytes = 0
        self._in_head = True
        """Between answers and within a head: bytes fed while the head is not complete count
        against MAX_HEAD_BYTES (httptools would keep an endless header line in memory)."""

    @staticmethod
    def encode(method: str, target: str, host: str, headers: List[Tuple[str, str]], body: Optional[bytes]) -> bytes:
        return _encode_request(method, target, host, headers, body)

    def feed(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except self._errors as exc:
            raised = exc.__cause__ or exc.__context__  # what a callback raised (a body over the cap, say)
            if isinstance(raised, (httpx.HTTPError, BodyTooLarge)):
                raise raised from None
            raise httpx.RemoteProtocolError(f"malformed answer: {exc}") from None
        if self._in_head:  # still reading a head: count what it has taken so far
            self._count(len(data))

    def feed_eof(self) -> bool:
        """Whether the connection's end completed an answer: one whose head is read, whose
        body is not, and that declares no length (its body ends with the connection)."""
        if self._until_close and self._status:
            self._until_close = False
            framed = any(name.lower() in ("content-length", "transfer-encoding") for name, _ in self._headers)
            if not framed:
                self._events.on_done(False)
                return True
        return False

    # llhttp callbacks
    def on_message_begin(self) -> None:
        self._headers = []
        self._reason = ""

    def on_status(self, reason: bytes) -> None:
        self._reason += reason.decode("latin-1")

    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers.append((name.decode("latin-1"), value.decode("latin-1")))

    def _count(self, size: int) -> None:
        self._head_bytes += size
        if self._head_bytes > MAX_HEAD_BYTES:
            raise httpx.RemoteProtocolError(f"the answer's headers are larger than {MAX_HEAD_BYTES} bytes")

    def on_headers_complete(self) -> None:
        self._status = self._parser.get_status_code()
        if 100 <= self._status < 200:
            return
        self._in_head = False
        self._until_close = True  # until the message completes (see feed_eof)
        self._events.on_head(self._status, self._reason, self._headers)

    def on_body(self, data: bytes) -> None:
        if not 100 <= self._status < 200:
            self._events.on_body(data)

    def on_message_complete(self) -> None:
        if 100 <= self._status < 200:
            self._status = 0
            return
        self._until_close = False
        self._in_head = True
        self._head_bytes = 0
        self._events.on_done(self._parser.should_keep_alive())


class _H11Parser:
    """Answers parsed by ``h11``; h11 also writes the request (its state machine must see it)."""

    def __init__(self, events: _Events) -> None:
        import h11

        self._h11 = h11
        self._events = events
        self._conn = h11.Connection(h11.CLIENT)
        self._eof = False

    def encode(
        self, method: str, target: str, host: str, headers: List[Tuple[str, str]], body: Optional[bytes]
    ) -> bytes:
        h11 = self._h11
        if self._conn.our_state is h11.DONE and self._conn.their_state is h11.DONE:
            self._conn.start_next_cycle()
        lines = [("Host", host), *headers]
        if body is not None:
            lines.append(("Content-Length", str(len(body))))
        out = self._conn.send(h11.Request(method=method, target=target, headers=lines)) or b""
        if body:
            out += self._conn.send(h11.Data(data=body)) or b""
        return out + (self._conn.send(h11.EndOfMessage()) or b"")

    def feed(self, data: bytes) -> None:
        self._conn.receive_data(data)
        self._drain()

    def feed_eof(self) -> bool:
        self._eof = True
        try:
            self._conn.receive_data(b"")
            return self._drain()
        except httpx.RemoteProtocolError:
            return False

    def _drain(self) -> bool:
        h11 = self._h11
        while True:
            try:
                event = self._conn.next_event()
            except h11.RemoteProtocolError as exc:
                raise httpx.RemoteProtocolError(f"malformed answer: {exc}") from None
            if event is h11.NEED_DATA or event is h11.PAUSED or isinstance(event, h11.ConnectionClosed):
                return False
            if isinstance(event, h11.Response):
                headers = [(n.decode("latin-1"), v.decode("latin-1")) for n, v in event.headers.raw_items()]
                self._events.on_head(event.status_code, event.reason.decode("latin-1"), headers)
            elif isinstance(event, h11.Data):
                self._events.on_body(bytes(event.data))
            elif isinstance(event, h11.EndOfMessage):
                conn = self._conn
                # not reusable: a body that ended with the connection, or bytes after the answer
                keep = conn.our_state is h11.DONE and conn.their_state is h11.DONE
                keep = keep and not self._eof and not conn.trailing_data[0]
                self._events.on_done(keep)
                return True


def _httptools_available() -> bool:
    try:
        import httptools  # noqa: F401
    except ImportError:
        return False
    return True


PARSERS: Dict[str, Any] = {"httptools": _HttptoolsParser, "h11": _H11Parser}


def default_parser() -> str:
    return "httptools" if _httptools_available() else "h11"


def _encode_request(
    method: str, target: str, host: str, headers: List[Tuple[str, str]], body: Optional[bytes]
) -> bytes:
    """The request's bytes. Names and values were checked before (no CR, LF or NUL)."""
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}"]
    lines += [f"{name}: {value}" for name, value in headers]
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    return head + body if body else head


# ---- one connection --------------------------------------------------------------------


class _Exchange:
    """One request's answer as it arrives."""

    __slots__ = ("body", "cap", "future", "headers", "method", "reason", "status", "url")

    def __init__(self, future: asyncio.Future[Answer], method: str, url: str, cap: int) -> None:
        self.future = future
        self.method = method
        self.url = url
        self.cap = cap
        self.status = 0
        self.reason = ""
        self.headers: Optional[Headers] = None
        self.body: Optional[Body] = None


class Connection(asyncio.Protocol, _Events):
    """One TCP (or TLS) connection; one request at a time."""

    def __init__(self, origin: Origin, parser: str) -> None:
        self.origin = origin
        self.parser: Any = PARSERS[parser](self)
        self.transport: Optional[asyncio.Transport] = None
        self.exchange: Optional[_Exchange] = None
        self.closed = False
        self.reusable = False
        self.idle_since = 0.0

    # asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        if self.exchange is None:  # nothing asked: a server talking out of turn
            self.close()
            return
        try:
            self.parser.feed(data)
        except BaseException as exc:  # a malformed answer, a body over the cap
            self._fail(exc)

    def eof_received(self) -> Optional[bool]:
        if self.exchange is not None:
            try:
                self.parser.feed_eof()
            except BaseException as exc:
                self._fail(exc)
        return None  # close the transport

    def connection_lost(self, exc: Optional[Exception]) -> None:
        self.closed = True
        self.reusable = False
        if self.exchange is not None:
            self._fail(httpx.RemoteProtocolError("the server closed the connection before answering in full"))

    # parser events
    def on_head(self, status: int, reason: str, headers: List[Tuple[str, str]]) -> None:
        ex = self.exchange
        if ex is None:  # an answer nobody asked for, right after one: do not reuse the connection
            self.close()
            return
        ex.status, ex.reason, ex.headers = status, reason, Headers(headers)
        ex.body = Body(ex.cap, status, ex.headers)

    def on_body(self, data: bytes) -> None:
        ex = self.exchange
        if ex is not None and ex.body is not None:
            ex.body.feed(data)

    def on_done(self, keep_alive: bool) -> None:
        ex = self.exchange
        if ex is None or ex.body is None or ex.headers is None:
            return
        content = ex.body.finish()
        self.exchange = None
        self.reusable = keep_alive and not self.closed
        if not self.reusable:
            self.close()
        if not ex.future.done():
            ex.future.set_result(Answer(ex.status, ex.reason, ex.headers, content, ex.method, ex.url))

    # the pool's side
    def start(self, exchange: _Exchange, data: bytes) -> None:
        self.exchange = exchange
        self.reusable = False
        if self.transport is None or self.closed:
            self._fail(httpx.RemoteProtocolError("the connection is closed"))
            return
        self.transport.write(data)

    def readable(self) -> bool:
        """Whether the idle socket has something the loop has not read yet: the server's
        close (or stray bytes) arrived with or just after the last answer. Such a connection
        is not reused (httpcore checks the same)."""
        sock = None if self.transport is None else self.transport.get_extra_info("socket")
        if sock is None:
            return False
        try:
            ready, _, _ = select.select([sock], [], [], 0)
        except (OSError, ValueError):
            return True
        return bool(ready)

    def expire(self, error: Exception) -> None:
        """The deadline passed: end the exchange with ``error`` and drop the connection."""
        self._fail(error)

    def _fail(self, exc: BaseException) -> None:
        ex, self.exchange = self.exchange, None
        self.close()
        if ex is not None and not ex.future.done():
            ex.future.set_exception(exc)

    def close(self) -> None:
        self.reusable = False
        if not self.closed:
            self.closed = True
            if self.transport is not None:
                self.transport.abort()


# ---- the pool --------------------------------------------------------------------------


class Origin:
    """Where requests go: scheme, host, port, and the ``Host`` header's value."""

    __slots__ = ("authority", "host", "port", "scheme")

    def __init__(self, scheme: str, host: str, port: int) -> None:
        self.scheme, self.host, self.port = scheme, host, port
        default = 443 if scheme == "https" else 80
        shown = f"[{host}]" if ":" in host else host
        self.authority = shown if port == default else f"{shown}:{port}"

    @classmethod
    def of(cls, url: httpx.URL) -> Origin:
        port = url.port or (443 if url.scheme == "https" else 80)
        return cls(url.scheme, url.raw_host.decode("ascii"), port)

    def key(self) -> Tuple[str, str, int]:
        return (self.scheme, self.host, self.port)


class Gate:
    """A counter of free connections with a line of waiting requests, each with a timeout.
    Requests wait their turn first come first served, except that answers go first: a
    ``wait`` request (a long poll or a read of an invocation's state; a few hundred at
    most, see ``_schedule``) is let through before new work such as thousands of queued
    creates, so a call learns that its invocation ended while the client is still sending
    the rest."""

    def __init__(self, loop: asyncio.AbstractEventLoop, size: int) -> None:
        self.loop = loop
        self.free = size
        self._answers: Deque[asyncio.Future[None]] = collections.deque()
        self._others: Deque[asyncio.Future[None]] = collections.deque()

    async def acquire(self, timeout: Optional[float], answer: bool) -> None:
        if self.free > 0 and not self._answers and not self._others:
            self.free -= 1
            return
        line = self._answers if answer else self._others
        turn: asyncio.Future[None] = self.loop.create_future()
        line.append(turn)
        timer = None if timeout is None else self.loop.call_later(max(timeout, 0.0), _no_turn, turn)
        try:
            await turn
        except BaseException:
            if turn.done() and not turn.cancelled() and turn.exception() is None:
                self.release()  # granted just as the caller gave up: hand it on
            else:
                with contextlib.suppress(ValueError):
                    line.remove(turn)
            raise
        finally:
            if timer is not None:
                timer.cancel()

    def release(self) -> None:
        for line in (self._answers, self._others):
            while line:
                turn = line.popleft()
                if not turn.done():
                    turn.set_result(None)
                    return
        self.free += 1


def _no_turn(turn: asyncio.Future[None]) -> None:
    if not turn.done():
        turn.set_exception(httpx.PoolTimeout("no connection became free in time"))


class Request:
    """One request as the wire sees it (built by ``_transport.Core``)."""

    __slots__ = ("answer_first", "body", "headers", "method", "origin", "target", "url")

    def __init__(
        self,
        method: str,
        url: str,
        origin: Origin,
        target: str,
        headers: List[Tuple[str, str]],
        body: Optional[bytes],
        answer_first: bool = False,
    ) -> None:
        self.method = method
        self.url = url
        self.origin = origin
        self.target = target
        self.headers = headers
        self.body = body
        self.answer_first = answer_first


class Pool:
    """The SDK's own connections: at most ``max_connections`` open, shared by every
    request of a client (and of its ``with_options`` copies)."""

    def __init__(
        self,
        *,
        max_connections: int = 256,
        keepalive_expiry: float = KEEPALIVE_EXPIRY,
        ssl_context: Optional[_ssl.SSLContext] = None,
        parser: Optional[str] = None,
    ) -> None:
        self.max_connections = max_connections
        self.keepalive_expiry = keepalive_expiry
        self.parser = parser or default_parser()
        if self.parser not in PARSERS:
            raise ValueError(f"parser must be one of {sorted(PARSERS)}, got {self.parser!r}")
        self._ssl_context = ssl_context
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._gate: Optional[Gate] = None
        self._idle: Dict[Tuple[str, str, int], List[Connection]] = {}
        self._open: Set[Connection] = set()
        self.is_closed = False
        self.peak_open = 0
        """The most connections open at once (for benchmarks and tests)."""

    @property
    def open_connections(self) -> int:
        return len(self._open)

    async def send(
        self,
        request: Request,
        *,
        deadline: Optional[float],
        cap: int,
        connect_timeout: Optional[float],
        pool_timeout: Optional[float],
    ) -> Answer:
        """Send ``request`` and read its whole answer by ``deadline`` (monotonic seconds).

        Raises httpx's ``PoolTimeout``, ``ConnectTimeout``, ``ConnectError``, ``ReadTimeout``,
        ``RemoteProtocolError``, ``DecodingError``, or :class:`BodyTooLarge`.
        """
        if self.is_closed:
            raise RuntimeError("the connection pool is closed")
        gate = self._loop_gate()
        await gate.acquire(_cut(pool_timeout, deadline), request.answer_first)
        try:
            conn = self._idle_connection(request.origin)
            if conn is None:
                conn = await self._connect(request.origin, _cut(connect_timeout, deadline))
            answer = await self._exchange(conn, request, deadline, cap)
            if conn.reusable and not self.is_closed:
                conn.idle_since = _now()
                self._idle.setdefault(request.origin.key(), []).append(conn)
            else:
                self._forget(conn)
            return answer
        finally:
            gate.release()

    async def aclose(self) -> None:
        self.is_closed = True
        for conn in list(self._open):
            conn.close()
        self._open.clear()
        self._idle.clear()

    # ---- inside

    def _loop_gate(self) -> Gate:
        """The gate of the running loop (futures and connections belong to one loop)."""
        loop = asyncio.get_running_loop()
        if self._gate is None or self._loop is not loop:
            if self._loop is not None:  # a client used again from a new loop: the old one's connections are gone
                for conn in self._open:
                    conn.closed = True
                self._open.clear()
                self._idle.clear()
            self._loop = loop
            self._gate = Gate(loop, self.max_connections)
        return self._gate

    def _idle_connection(self, origin: Origin) -> Optional[Connection]:
        stack = self._idle.get(origin.key())
        now = _now()
        while stack:
            conn = stack.pop()
            if not conn.closed and now - conn.idle_since < self.keepalive_expiry and not conn.readable():
                return conn
            self._forget(conn)
        return None

    def _forget(self, conn: Connection) -> None:
        conn.close()
        self._open.discard(conn)

    def _make_room(self) -> None:
        """Close idle connections (oldest first) so a new one keeps the total within the limit."""
        while len(self._open) >= self.max_connections:
            idle = [(c.idle_since, key, c) for key, stack in self._idle.items() for c in stack]
            if not idle:
                return
            _, key, oldest = min(idle, key=lambda item: item[0])
            self._idle[key].remove(oldest)
            self._forget(oldest)

    async def _connect(self, origin: Origin, timeout: Optional[float]) -> Connection:
        self._make_room()
        loop = asyncio.get_running_loop()
        secure = origin.scheme == "https"
        if secure and self._ssl_context is None:
            self._ssl_context = httpx.create_ssl_context()
        coro = loop.create_connection(
            lambda: Connection(origin, self.parser),
            origin.host,
            origin.port,
            ssl=self._ssl_context if secure else None,
            server_hostname=origin.host if secure else None,
        )
        try:
            if timeout is None:
                _, conn = await coro
            elif timeout <= 0:
                coro.close()
                raise httpx.ConnectTimeout("the call's deadline passed before connecting")
            else:
                _, conn = await asyncio.wait_for(coro, timeout)
        except asyncio.TimeoutError:
            raise httpx.ConnectTimeout(f"connecting to {origin.authority} took longer than {timeout:.3g} s") from None
        except (OSError, _ssl.SSLError) as exc:
            raise httpx.ConnectError(f"cannot connect to {origin.authority}: {exc}") from None
        self._open.add(conn)
        self.peak_open = max(self.peak_open, len(self._open))
        return conn

    async def _exchange(self, conn: Connection, request: Request, deadline: Optional[float], cap: int) -> Answer:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Answer] = loop.create_future()
        exchange = _Exchange(future, request.method, request.url, cap)
        timer = None
        if deadline is not None:
            left = deadline - _now()
            if left <= 0:
                self._forget(conn)
                raise httpx.ReadTimeout("the call's deadline passed before sending")
            timer = loop.call_at(loop.time() + left, conn.expire, httpx.ReadTimeout("the call's deadline passed"))
        try:
            conn.start(
                exchange,
                conn.parser.encode(
                    request.method, request.target, request.origin.authority, request.headers, request.body
                ),
            )
            return await future
        except BaseException:
            self._forget(conn)  # cancelled or failed mid-answer: the connection cannot be reused
            raise
        finally:
            if timer is not None:
                timer.cancel()


def _cut(timeout: Optional[float], deadline: Optional[float]) -> Optional[float]:
    if deadline is None:
        return timeout
    left = deadline - _now()
    return left if timeout is None else min(timeout, left)
