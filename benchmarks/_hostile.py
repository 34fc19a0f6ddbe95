"""Stand-in servers that misbehave on purpose, on 127.0.0.1.

:class:`HostileServer` is a small threaded HTTP/1.1 server on a raw socket: it parses each
request (method, path, headers, body), records it, and hands it to a behaviour that writes
whatever bytes it likes to the connection: a JSON answer, a body dribbled a byte at a
time, a hold, an endless chunked stream. Every behaviour is bounded (``MAX_SECONDS``) and
:meth:`HostileServer.stop` closes every connection, so a test ends even when the client
under test would not.
"""

from __future__ import annotations

import contextlib
import functools
import json
import socket
import threading
import time
import zlib
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, Union

import attrs

MAX_SECONDS = 20.0
"""No behaviour keeps a connection longer than this."""

RT = "1c9e6679-7425-40de-944b-e07fc1f90ae7"
RUN = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
INV = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
SPACE = "5b1f7a4e-2d3c-4e8f-9a0b-1c2d3e4f5a6b"
KEY = "sk-hostile-test-key"


@attrs.define
class Request:
    method: str
    path: str
    headers: Dict[str, str]
    body: bytes
    at: float

    def json(self) -> Any:
        return json.loads(self.body or b"null")


class Closed(Exception):
    """The peer went away (or the server is stopping)."""


class Conn:
    """One accepted connection, with the writes a behaviour needs."""

    def __init__(self, sock: socket.socket, server: HostileServer) -> None:
        self.sock = sock
        self.server = server
        self.buffer = b""
        self.keep_alive = True

    def send(self, data: bytes) -> None:
        if self.server.stopping.is_set():
            raise Closed()
        try:
            self.sock.sendall(data)
        except OSError:
            raise Closed() from None

    def sleep(self, seconds: float) -> None:
        """Sleep, unless the server stops first."""
        if self.server.stopping.wait(seconds):
            raise Closed()

    def head(self, status: int, headers: Dict[str, str]) -> None:
        lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        self.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def json(self, status: int, body: Any, headers: Optional[Dict[str, str]] = None) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.head(status, {"Content-Type": "application/json", "Content-Length": str(len(data)), **(headers or {})})
        self.send(data)

    def read_request(self) -> Optional[Request]:
        while b"\r\n\r\n" not in self.buffer:
            chunk = self._recv()
            if not chunk:
                return None
            self.buffer += chunk
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        method, path, _version = request_line.split(" ", 2)
        headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0") or 0)
        while len(self.buffer) < length:
            chunk = self._recv()
            if not chunk:
                return None
            self.buffer += chunk
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return Request(method=method, path=path, headers=headers, body=body, at=time.monotonic())

    def _recv(self) -> bytes:
        try:
            return self.sock.recv(65536)
        except OSError:
            return b""


Behaviour = Callable[[Request, Conn], None]


class HostileServer:
    """A threaded server on 127.0.0.1 answering every request with ``behaviour``."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.requests: List[Request] = []
        self.stopping = threading.Event()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(0.1)  # accept() wakes up to see stop()
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._conns: List[socket.socket] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def of(self, suffix: str) -> List[Request]:
        """The requests whose path ends with ``suffix`` (``/wait``, ``/cancel``...)."""
        return [r for r in self.requests if r.path.split("?")[0].endswith(suffix)]

    def stop(self) -> None:
        self.stopping.set()
        self._listener.close()
        with self._lock:
            for sock in self._conns:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
        self._thread.join(5)

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            sock.settimeout(None)
            with self._lock:
                self._conns.append(sock)
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _serve(self, sock: socket.socket) -> None:
        conn = Conn(sock, self)
        try:
            while conn.keep_alive and not self.stopping.is_set():
                request = conn.read_request()
                if request is None:
                    return
                with self._lock:
                    self.requests.append(request)
                self.behaviour(request, conn)
        except Closed:
            pass
        finally:
            with contextlib.suppress(OSError):
                sock.close()


REASONS = {200: "OK", 202: "Accepted", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error"}


@contextlib.contextmanager
def serving(behaviour: Behaviour, **options: Any) -> Iterator[Tuple[HostileServer, Any]]:
    """A running server and a :class:`bctrl.Bctrl` client pointed at it."""
    from bctrl import Bctrl

    with HostileServer(behaviour) as server, Bctrl(api_key=KEY, base_url=server.url, **options) as client:
        yield server, client


# --- bodies -------------------------------------------------------------------------


def invocation(status: str = "running", **fields: Any) -> Dict[str, Any]:
    body: Dict[str, Any] = {
        "action": "extract",
        "createdAt": "2024-06-01T12:00:00Z",
        "id": INV,
        "runId": RUN,
        "runtimeId": RT,
        "status": status,
    }
    body.update(fields)
    return body


def wait_answer(status: str = "running", wait_status: str = "timeout", **fields: Any) -> Dict[str, Any]:
    return invocation(status, waitStatus=wait_status, **fields)


def runtime(**fields: Any) -> Dict[str, Any]:
    body: Dict[str, Any] = {
        "activeRunId": RUN,
        "config": {},
        "createdAt": "2024-06-01T12:00:00Z",
        "id": RT,
        "name": None,
        "status": "active",
        "type": "browser",
        "updatedAt": "2024-06-01T12:00:00Z",
    }
    body.update(fields)
    return body


def deep_json(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@attrs.frozen
class Padded:
    """A JSON body of about ``size`` bytes, produced a megabyte at a time (never held whole)."""

    size: int

    def __len__(self) -> int:
        return self.size

    def parts(self) -> Iterator[bytes]:
        head, tail = b'{"pad": "', b'"}'
        filler = self.size - len(head) - len(tail)
        yield head
        block = b"x" * (1 << 20)
        while filler > 0:
            yield block[: min(filler, len(block))]
            filler -= len(block)
        yield tail


def padded(size: int) -> Padded:
    return Padded(size)


@functools.cache
def gzip_bomb(decoded_bytes: int) -> bytes:
    """A gzip body that inflates to ``decoded_bytes`` zeros (about 1000:1)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (1 << 20)
    parts = [compressor.compress(block) for _ in range(decoded_bytes // len(block))]
    parts.append(compressor.flush())
    return b"".join(parts)


# --- behaviours -------------------------------------------------------------------------


def answer(status: int, body: Any, headers: Optional[Dict[str, str]] = None) -> Behaviour:
    def behaviour(request: Request, conn: Conn) -> None:
        conn.json(status, body, headers)

    return behaviour


def hold_forever(request: Request, conn: Conn) -> None:
    """Read the request, answer nothing (until the bound)."""
    conn.sleep(MAX_SECONDS)
    conn.keep_alive = False


def dribble_body(body: Any, interval: float = 1.0) -> Behaviour:
    """Send the headers at once, then the body one byte per ``interval``."""
    data = json.dumps(body).encode()

    def behaviour(request: Request, conn: Conn) -> None:
        conn.head(200, {"Content-Type": "application/json", "Content-Length": str(len(data))})
        deadline = time.monotonic() + MAX_SECONDS
        for byte in data:
            if time.monotonic() > deadline:
                break
            conn.send(bytes([byte]))
            conn.sleep(interval)
        conn.keep_alive = False

    return behaviour


def dribble_headers(interval: float = 1.0) -> Behaviour:
    """Send the status line and then one header byte per ``interval``, for ever (to the bound)."""

    def behaviour(request: Request, conn: Conn) -> None:
        conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: ")
        deadline = time.monotonic() + MAX_SECONDS
        while time.monotonic() < deadline:
            conn.send(b"a")
            conn.sleep(interval)
        conn.keep_alive = False

    return behaviour


def chunked_forever(chunk: bytes = b" " * 65536, limit_seconds: float = MAX_SECONDS) -> Behaviour:
    """A 200 with a chunked body that never ends (up to the bound)."""

    def behaviour(request: Request, conn: Conn) -> None:
        conn.head(200, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
        conn.send(b"%x\r\n[\r\n" % 1)
        frame = b"%x\r\n" % len(chunk) + chunk + b"\r\n"
        deadline = time.monotonic() + limit_seconds
        while time.monotonic() < deadline:
            conn.send(frame)
        conn.keep_alive = False

    return behaviour


def raw_body(data: Union[bytes, Padded], headers: Dict[str, str], *, declare_length: bool = True) -> Behaviour:
    """A 200 with ``data`` as it is (already encoded as ``headers`` say), a megabyte per write."""

    def parts() -> Iterator[bytes]:
        if isinstance(data, Padded):
            yield from data.parts()
            return
        view = memoryview(data)
        for start in range(0, len(data), 1 << 20):
            yield bytes(view[start : start + (1 << 20)])

    def behaviour(request: Request, conn: Conn) -> None:
        h = {"Content-Type": "application/json", **headers}
        if declare_length:
            h["Content-Length"] = str(len(data))
            conn.head(200, h)
            for part in parts():
                conn.send(part)
        else:
            h["Transfer-Encoding"] = "chunked"
            conn.head(200, h)
            for part in parts():
                conn.send(b"%x\r\n" % len(part) + part + b"\r\n")
            conn.send(b"0\r\n\r\n")
        conn.keep_alive = False

    return behaviour
