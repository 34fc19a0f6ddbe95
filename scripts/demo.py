"""`make demo`: start the local emulator, run examples/quickstart.py against it, stop it.

No API key and no network needed; exits with the example's status.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
API_KEY = "bctrl-demo-key"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_listening(port: int, proc: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"demo: the emulator exited early with status {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("demo: the emulator did not start within 20 s")


def main() -> int:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    emulator = subprocess.Popen(
        [
            *(sys.executable, "-m", "bctrl.emulator", "--host", "127.0.0.1", "--port", str(port)),
            *("--api-key", API_KEY),
            *("--duration-ms", "2500"),  # long enough for the progress output to show each phase
        ],
        cwd=ROOT,
    )
    try:
        wait_until_listening(port, emulator, time.monotonic() + 20)
        env = dict(os.environ, BCTRL_BASE_URL=url, BCTRL_API_KEY=API_KEY)
        return subprocess.run([sys.executable, str(ROOT / "examples" / "quickstart.py")], env=env).returncode
    finally:
        emulator.send_signal(signal.SIGINT)
        try:
            emulator.wait(timeout=10)
        except subprocess.TimeoutExpired:
            emulator.kill()
            emulator.wait()


if __name__ == "__main__":
    sys.exit(main())
