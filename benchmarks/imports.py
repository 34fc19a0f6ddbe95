"""Import time: ``python -X importtime -c <statement>`` in fresh interpreters, alternated.

The figure of a statement is the cumulative µs of the top-level entries it added after
interpreter start-up (for ``import bctrl`` that is the ``bctrl`` line; ``from bctrl import
Bctrl`` also loads the client lazily, which shows as further top-level entries).
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any, Dict, List

from ._procs import ROOT
from ._stats import median, ratio, verdict

STATEMENTS = {
    "import bctrl": "import bctrl",
    "import httpx": "import httpx",
    "from bctrl import Bctrl": "from bctrl import Bctrl",
    "emulator app": "import bctrl.emulator.app",
}
TARGET = 1.5
STARTUP_MODULES = {"site"}


def cumulative_us(importtime_output: str) -> int:
    """Sum of the top-level cumulative times after the interpreter's own start-up imports."""
    total = 0
    after_startup = False
    for line in importtime_output.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _self, cumulative, name = line[len("import time:") :].split("|", 2)
        if not cumulative.strip().isdigit() or name.startswith("  "):
            continue
        module = name.strip()
        if module in STARTUP_MODULES:
            after_startup = True
            continue
        if after_startup:
            total += int(cumulative)
    return total


def measure_once(statement: str) -> int:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return cumulative_us(done.stderr)


def import_time(runs: int = 9) -> Dict[str, Any]:
    samples: Dict[str, List[int]] = {name: [] for name in STATEMENTS}
    for statement in STATEMENTS.values():  # warm the bytecode caches
        measure_once(statement)
    for _ in range(runs):
        for name, statement in STATEMENTS.items():
            samples[name].append(measure_once(statement))
    figures = {name: median(values) for name, values in samples.items()}
    light = ratio(figures["import bctrl"], figures["import httpx"])
    full = ratio(figures["from bctrl import Bctrl"], figures["import httpx"])
    passed = light <= TARGET
    print(
        f"import time (median of {runs} alternating fresh interpreters): "
        f"import bctrl {figures['import bctrl'] / 1000:.1f} ms, "
        f"import httpx {figures['import httpx'] / 1000:.1f} ms -> bctrl/httpx {light:.2f}x (target <= {TARGET}x) "
        f"{verdict(passed)}; from bctrl import Bctrl {figures['from bctrl import Bctrl'] / 1000:.1f} ms "
        f"= {full:.2f}x httpx (loads httpx and the client)"
    )
    print(f"import time: import bctrl.emulator.app {figures['emulator app'] / 1000:.1f} ms (Starlette, jsonschema)")
    return {
        "runs": runs,
        "import_bctrl_us": figures["import bctrl"],
        "import_httpx_us": figures["import httpx"],
        "from_bctrl_import_Bctrl_us": figures["from bctrl import Bctrl"],
        "import_emulator_app_us": figures["emulator app"],
        "bctrl_over_httpx": light,
        "client_over_httpx": full,
        "target": TARGET,
        "pass": passed,
    }
