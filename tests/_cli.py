"""Helpers shared by the command-line tests."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Dict

BIN = Path(sys.executable).parent
BCTRL = str(BIN / "bctrl")
"""The installed console script."""


def clean_env(**extra: str) -> Dict[str, str]:
    """This process's environment without any ``BCTRL_*`` setting, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BCTRL_")}
    env.update(extra)
    return env


def read_line(proc: subprocess.Popen[str], stream: IO[str], seconds: float = 60) -> str:
    """One line from ``stream``; the process is killed if none comes in time (no hung test)."""
    timer = threading.Timer(seconds, proc.kill)
    timer.start()
    try:
        return stream.readline()
    finally:
        timer.cancel()
