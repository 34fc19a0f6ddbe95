"""``make bench``: every figure of the SDK under load, measured in one run.

Prints the machine, then one line per section, and writes ``benchmarks/results.json``
(overwritten each run). Figures are printed, never asserted: the machine is shared and
noisy, so compare ratios measured in the same run.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

from . import completion, fanout, fixture_cost, history, imports, overhead, safety
from ._machine import machine

RESULTS = Path(__file__).resolve().parent / "results.json"

SECTIONS: List[Tuple[str, Callable[[], Dict[str, Any]]]] = [
    ("call_overhead", overhead.call_overhead),
    ("network", overhead.network),
    ("completion_latency", completion.completion_latency),
    ("fan_out", fanout.fan_out),
    ("import_time", imports.import_time),
    ("large_history", history.large_history),
    ("emulator_fixture_cost", fixture_cost.fixture_cost),
    ("emulator_body_flood", safety.body_flood),
]


def run_section(name: str, section: Callable[[], Dict[str, Any]]) -> Dict[str, Any]:
    started = time.perf_counter()
    try:
        figures = section()
    except Exception as exc:  # a broken section is reported, the others still run
        traceback.print_exc()
        print(f"{name}: FAILED ({type(exc).__name__}: {exc})")
        figures = {"error": f"{type(exc).__name__}: {exc}", "pass": False}
    figures["section_seconds"] = round(time.perf_counter() - started, 1)
    sys.stdout.flush()
    return figures


def main() -> int:
    info = machine()
    print(
        f"machine: nproc {info['nproc']}, {info['cpu']}, {info['implementation']} {info['python']}, {info['platform']}"
    )
    started = time.perf_counter()
    results: Dict[str, Any] = {
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": info,
    }
    for name, section in SECTIONS:
        results[name] = run_section(name, section)
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=False) + "\n")
    print(f"bench done in {results['total_seconds']:.0f} s; figures written to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
