"""Emulator safety figures: what one oversized request costs the server process.

``flood`` sends a request with a huge chunked body over a raw socket (bounded in bytes and
seconds) while a reader thread collects the answer; ``body_flood`` runs the emulator's own
command line in a child process and prints its peak RSS (``VmHWM``) before and after one
300 MB chunked body, and whether it answered before the body was through.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional
from urllib.parse import urlsplit

from ._procs import emulator_command, running

FLOOD_BYTES = 300 * 1024 * 1024
CHUNK = 256 * 1024
FLOOD_SECONDS = 60.0


@dataclass
class Flood:
    sent: int = 0
    answer: bytes = b""
    error: Optional[str] = None
    seconds: float = 0.0
    chunks: List[int] = field(default_factory=list)

    @property
    def status(self) -> Optional[int]:
        first = self.answer.split(b"\r\n", 1)[0].split()
        return int(first[1]) if len(first) >= 2 and first[1].isdigit() else None


def flood(
    url: str,
    path: str,
    headers: Dict[str, str],
    total: int = FLOOD_BYTES,
    seconds: float = FLOOD_SECONDS,
) -> Flood:
    """POST ``total`` bytes of chunked body to ``url + path``; stop early if the server closes."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    result = Flood()
    started = time.monotonic()
    with socket.create_connection((host, port), timeout=seconds) as sock:
        head = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", "Transfer-Encoding: chunked"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))

        def read() -> None:
            try:
                while True:
                    data = sock.recv(65536)
                    if not data:
                        return
                    result.answer += data
            except OSError:
                return

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        chunk = b"%x\r\n" % CHUNK + b"[" * CHUNK + b"\r\n"
        try:
            while result.sent < total and time.monotonic() - started < seconds:
                sock.sendall(chunk)
                result.sent += CHUNK
            sock.sendall(b"0\r\n\r\n")
        except OSError as exc:  # the server closed the connection: it stopped reading
            result.error = type(exc).__name__
        reader.join(timeout=max(seconds - (time.monotonic() - started), 1.0))
    result.seconds = time.monotonic() - started
    return result


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def body_flood() -> Dict[str, Any]:
    """Peak RSS of the emulator process before and after one 300 MB chunked body."""
    figures: Dict[str, Any] = {}
    with running(emulator_command(duration_ms=50, api_key="bench-key")) as child:
        before = peak_rss_mb(child.proc.pid)
        result = flood(
            child.url,
            "/v1/runtimes/00000000-0000-4000-8000-000000000000/invocations",
            {"Authorization": "Bearer bench-key", "Content-Type": "application/json"},
        )
        after = peak_rss_mb(child.proc.pid)
    figures.update(
        peak_rss_before_mb=round(before, 1),
        peak_rss_after_mb=round(after, 1),
        growth_mb=round(after - before, 1),
        status=result.status,
        body_sent_mb=round(result.sent / 2**20, 1),
        seconds=round(result.seconds, 2),
    )
    print(
        f"body flood: 300 MB chunked body -> {result.status}, the server stopped it after "
        f"{figures['body_sent_mb']} MB; peak RSS {figures['peak_rss_before_mb']} -> "
        f"{figures['peak_rss_after_mb']} MB ({figures['growth_mb']:+} MB) in {figures['seconds']} s"
    )
    return figures


if __name__ == "__main__":
    body_flood()
