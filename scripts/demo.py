"""`make demo`: start the local emulator, run examples/quickstart.py against it, show from
the emulator's state that no runtime was left active, stop it.

No API key and no network needed; exits with the example's status (1 if a runtime is left active).
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


def report_runtimes(url: str) -> int:
    """Show, from the emulator's own state, that the example left no runtime running."""
    import httpx

    answer = httpx.get(f"{url}/_emulator/state", headers={"Authorization": f"Bearer {API_KEY}"}, timeout=10)
    answer.raise_for_status()  # the control paths need the emulator's key, like the API
    state = answer.json()
    counts = state["counts"]
    print(f"\nGET /_emulator/state: runtimes by status {counts['runtimesByStatus']}, invocations {counts['byStatus']}")
    for runtime in state["runtimes"]:
        print(f"  runtime {runtime['id']} {runtime['status']} (activeRunId {runtime['activeRunId']})")
    active = counts["runtimesByStatus"].get("active", 0)
    if active:
        print(f"demo: {active} runtime(s) left active", file=sys.stderr)
        return 1
    return 0


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
        status = subprocess.run([sys.executable, str(ROOT / "examples" / "quickstart.py")], env=env).returncode
        return status or report_runtimes(url)
    finally:
        emulator.send_signal(signal.SIGINT)
        try:
            emulator.wait(timeout=10)
        except subprocess.TimeoutExpired:
            emulator.kill()
            emulator.wait()


if __name__ == "__main__":
    sys.exit(main())
