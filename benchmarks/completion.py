"""Completion latency: from the emulator marking an invocation terminal to ``wait`` returning.

The emulator runs in-process (``bctrl.testing.Emulator``, a background thread) so both
sides read the same ``time.perf_counter``. :func:`record_terminal_times` registers an
``Emulator.on_terminal`` callback, which runs once the terminal status is set and right
before waiters are woken; the instant is taken there.
"""

from __future__ import annotations

import time
import uuid
from typing import Any, Dict, List

from bctrl import Bctrl
from bctrl.emulator.state import Invocation
from bctrl.testing import Emulator

from ._stats import percentile, verdict

TARGET_P99_MS = 20.0


def record_terminal_times(emu: Emulator) -> Dict[str, float]:
    """Make ``emu`` note ``perf_counter()`` when each invocation turns terminal."""
    marks: Dict[str, float] = {}

    def mark(inv: Invocation) -> None:
        marks.setdefault(inv.id, time.perf_counter())

    emu.on_terminal(mark)
    return marks


def _latencies(client: Bctrl, runtime_id: str, marks: Dict[str, float], count: int) -> List[float]:
    samples: List[float] = []
    for _ in range(count):
        created = client.runtimes.invocations.create(runtime_id, action="act", instruction="x")
        finished = client.runtimes.invocations.wait(runtime_id, created.id, timeout=30)
        returned = time.perf_counter()
        if finished.status != "succeeded" or created.id not in marks:
            raise RuntimeError(f"unexpected invocation outcome {finished!r}")
        samples.append((returned - marks[created.id]) * 1000)
    return samples


def completion_latency(count: int = 250, duration_ms: int = 20) -> Dict[str, Any]:
    with Emulator(duration_ms=duration_ms) as emu:
        marks = record_terminal_times(emu)
        with Bctrl(api_key=emu.api_key, base_url=emu.url) as client:
            runtime_id = client.runtimes.create(space_id=str(uuid.uuid4()), type="browser").id
            _latencies(client, runtime_id, marks, 10)
            samples = _latencies(client, runtime_id, marks, count)
    p50, p99 = percentile(samples, 0.5), percentile(samples, 0.99)
    passed = p99 <= TARGET_P99_MS
    print(
        f"completion latency (terminal -> wait returns, {count} invocations, loopback): "
        f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {max(samples):.2f} ms "
        f"(target p99 <= {TARGET_P99_MS:.0f} ms) {verdict(passed)}"
    )
    return {
        "invocations": count,
        "p50_ms": p50,
        "p99_ms": p99,
        "max_ms": max(samples),
        "target_p99_ms": TARGET_P99_MS,
        "pass": passed,
    }
