"""Prism (``@stoplight/prism-cli`` from npm), pinned, in a local ``node_modules``.

``python tests/emulator/prism_env.py`` (``make prism``) installs it once into ``.prism/``;
the Prism tests call :func:`prism_command`, which does the same when it is missing, and
:func:`serve`, which runs it on a free port until the ``with`` block ends.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Iterator, List

ROOT = Path(__file__).resolve().parents[2]
PREFIX = ROOT / ".prism"
PACKAGE = "@stoplight/prism-cli@5.14.2"
BIN = PREFIX / "node_modules" / ".bin" / "prism"
STAMP = PREFIX / f".installed-{PACKAGE.replace('/', '_')}"
START_TIMEOUT_S = 60.0


def prism_command() -> List[str]:
    """The Prism executable, installing the pinned version if needed."""
    if not (STAMP.exists() and BIN.exists()):
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("Prism needs node and npm on PATH")
        PREFIX.mkdir(exist_ok=True)
        (PREFIX / "package.json").write_text('{"private": true}\n')
        subprocess.run(
            [npm, "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund", "--no-package-lock", PACKAGE],
            check=True,
            timeout=600,
            capture_output=True,
        )
        STAMP.touch()
    return [str(BIN)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def serve(*args: str) -> Iterator[str]:
    """Run ``prism <args> --port <free>`` and yield its base URL once it accepts connections."""
    port = free_port()
    command = [*prism_command(), *args, "--host", "127.0.0.1", "--port", str(port)]
    with tempfile.TemporaryFile(mode="w+") as log:
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while True:
                if proc.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"prism exited with {proc.returncode}: {log.read()[-3000:]}")
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"prism did not start within {START_TIMEOUT_S} s")
                time.sleep(0.2)
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


if __name__ == "__main__":
    print(f"prism: {prism_command()[0]}")
