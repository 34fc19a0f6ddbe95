"""Leaving a ``with`` block against a raw-socket server that never answers the stop.

The server creates runtimes properly and then holds every ``/stop`` request open without
a byte of answer. The block must still end within the stop bound, with the stop's
timeout raised when the block itself succeeded and the block's own exception otherwise.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from typing import Iterator, List

import pytest

from bctrl import APITimeoutError, AsyncBctrl, Bctrl, _runtime

RT = "1c9e6679-7425-40de-944b-e07fc1f90ae7"
RUNTIME = {
    "id": RT,
    "activeRunId": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    "status": "active",
    "type": "browser",
    "name": "held",
    "createdAt": "2024-06-01T12:00:00Z",
    "updatedAt": "2024-06-01T12:00:00Z",
}
BOUND = 0.5


class HoldingServer:
    """Answers ``POST /v2/runtimes``; reads a stop request and then says nothing."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.stops = 0
        self.held: List[socket.socket] = []
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self) -> None:
        while not self._done.is_set():
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        try:
            while not self._done.is_set():
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    head += chunk
                request_line = head.split(b"\r\n", 1)[0].decode()
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                body = head.split(b"\r\n\r\n", 1)[1]
                while len(body) < length:
                    body += conn.recv(4096)
                if request_line.endswith("/stop HTTP/1.1"):
                    self.stops += 1
                    self.held.append(conn)
                    self._done.wait(30)  # hold: no answer at all
                    return
                payload = json.dumps(RUNTIME).encode()
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                    + f"content-length: {len(payload)}\r\n\r\n".encode()
                    + payload
                )
        except OSError:
            return
        finally:
            conn.close()

    def close(self) -> None:
        self._done.set()
        self.sock.close()
        self._thread.join(timeout=5)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[HoldingServer]:
    monkeypatch.setattr(_runtime, "STOP_TIMEOUT", BOUND)
    srv = HoldingServer()
    yield srv
    srv.close()


@pytest.mark.parametrize("raised", [None, ValueError("mine")])
def test_sync_block_ends_within_the_stop_bound(server: HoldingServer, raised: Exception) -> None:
    with Bctrl(api_key="sk-test", base_url=server.url, max_retries=5) as client:
        started = time.monotonic()
        expected = APITimeoutError if raised is None else ValueError
        with pytest.raises(expected) as caught, client.runtimes.create(space_id=RT, type="browser"):
            if raised is not None:
                raise raised
        took = time.monotonic() - started
    assert took < BOUND + 4  # the bound plus room for a loaded machine; unbounded it would be 60 s x 6
    assert server.stops >= 1
    if raised is not None:
        assert caught.value is raised


@pytest.mark.parametrize("raised", [None, ValueError("mine")])
async def test_async_block_ends_within_the_stop_bound(server: HoldingServer, raised: Exception) -> None:
    async with AsyncBctrl(api_key="sk-test", base_url=server.url, max_retries=5) as client:
        started = time.monotonic()
        expected = APITimeoutError if raised is None else ValueError
        with pytest.raises(expected) as caught:
            async with client.runtimes.create(space_id=RT, type="browser"):
                if raised is not None:
                    raise raised
        took = time.monotonic() - started
        await asyncio.sleep(0)
    assert took < BOUND + 4
    assert server.stops >= 1
    if raised is not None:
        assert caught.value is raised
