"""Servers in child processes: start, wait for the line announcing the URL, stop.

Every child is stopped (terminate, then kill) when the ``running`` block ends, and the
servers written for the benchmarks also exit by themselves after ``--max-seconds``.
"""

from __future__ import annotations

import contextlib
import os
import re
import resource
import selectors
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Sequence

ROOT = Path(__file__).resolve().parent.parent
URL_PATTERN = re.compile(r"listening on (\w+://\S+)")
START_TIMEOUT = 30.0
FILE_LIMIT = 8192


@dataclass
class Child:
    proc: subprocess.Popen[str]
    url: str
    lines: List[str]


def raise_file_limit() -> None:
    """Allow a few thousand sockets (soft limit up to the hard one)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = FILE_LIMIT if hard == resource.RLIM_INFINITY else min(FILE_LIMIT, hard)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def python_module(module: str, *args: str) -> List[str]:
    return [sys.executable, "-m", module, *args]


def _read_until_url(proc: subprocess.Popen[str], deadline: float) -> List[str]:
    assert proc.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    lines: List[str] = []
    try:
        while time.monotonic() < deadline:
            if not selector.select(timeout=0.2):
                if proc.poll() is not None:
                    break
                continue
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if URL_PATTERN.search(line):
                return lines
    finally:
        selector.close()
    return lines


def stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
    if proc.stdout is not None:
        proc.stdout.close()


@contextlib.contextmanager
def running(command: Sequence[str]) -> Iterator[Child]:
    """Run ``command`` until the block ends; it must print ``listening on <url>``."""
    with tempfile.TemporaryFile(mode="w+") as errors:
        proc = subprocess.Popen(
            list(command),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            preexec_fn=raise_file_limit,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            lines = _read_until_url(proc, time.monotonic() + START_TIMEOUT)
            found = URL_PATTERN.search(lines[-1]) if lines else None
            if found is None:
                errors.seek(0)
                raise RuntimeError(f"{' '.join(command)} did not start: {lines} {errors.read()[-2000:]}")
            yield Child(proc=proc, url=found.group(1), lines=lines)
        finally:
            stop(proc)


def emulator_command(*, duration_ms: int, api_key: str) -> List[str]:
    """The emulator's own command line on a free port."""
    return python_module("bctrl.emulator", "--port", "0", "--duration-ms", str(duration_ms), "--api-key", api_key)
