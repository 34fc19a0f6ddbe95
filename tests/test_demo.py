"""The README's main command: ``make demo`` runs scripts/demo.py, which must end 0 and show
from the emulator's own state that no runtime was left active."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_demo_runs_and_leaves_no_runtime_active() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "active runtimes left: 0" in done.stdout
    assert "GET /_emulator/state: runtimes by status {'stopped': 1}" in done.stdout
    assert "Traceback" not in done.stderr
