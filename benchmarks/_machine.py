"""What machine the figures come from."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path
from typing import Dict, Union


def cpu_model() -> str:
    path = Path("/proc/cpuinfo")
    if not path.exists():
        return platform.processor() or "unknown"
    for line in path.read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def machine() -> Dict[str, Union[str, int]]:
    return {
        "nproc": usable_cpus(),
        "cpu": cpu_model(),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
    }
