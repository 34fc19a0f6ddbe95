"""Large history: iterate 100,000 invocation summaries of one run, 100 per page.

The emulator runs in a child process whose store was filled directly with the finished
invocations (:func:`benchmarks._servers.seed_history`). The client traces its own
allocations with ``tracemalloc``; after 10k and after 100k items it notes the peak so
far, what is still allocated after ``gc.collect()`` (retained) and the RSS. Flat means
the retained memory and the RSS do not grow with the number of items iterated. The peak
also drifts up a little over a long run (the largest transient of any page, before the
collector frees a page's objects), so it is printed but not the criterion.
"""

from __future__ import annotations

import gc
import re
import time
import tracemalloc
from typing import Any, Dict

from bctrl import Bctrl

from . import _procs
from ._stats import ratio, verdict

API_KEY = "sk-bench-history"
RETAINED_GROWTH_MB = 1.0
RSS_GROWTH_MB = 5.0
MB = 1024 * 1024


def current_rss_mb() -> float:
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
    except OSError:
        return float("nan")
    import resource

    return pages * resource.getpagesize() / MB


def _memory(label: str) -> Dict[str, float]:
    """tracemalloc peak so far, what is still held after a full collection, and RSS."""
    peak = tracemalloc.get_traced_memory()[1] / MB
    gc.collect()
    return {
        f"peak_at_{label}_mb": peak,
        f"retained_at_{label}_mb": tracemalloc.get_traced_memory()[0] / MB,
        f"rss_at_{label}_mb": current_rss_mb(),
    }


def _iterate(url: str, run_id: str, total: int, checkpoint: int) -> Dict[str, float]:
    figures: Dict[str, float] = {}
    with Bctrl(api_key=API_KEY, base_url=url, timeout=60) as client:
        next(iter(client.runs.invocations.list(run_id, limit=1)))  # load the lazy modules first
        started = time.perf_counter()
        tracemalloc.start()
        count = 0
        try:
            for _item in client.runs.invocations.list(run_id, limit=100):
                count += 1
                if count == checkpoint:
                    figures.update(_memory("checkpoint"))
            figures.update(_memory("end"))
        finally:
            tracemalloc.stop()
        figures["seconds"] = time.perf_counter() - started
        figures["items"] = count
    return figures


def large_history(total: int = 100_000, checkpoint: int = 10_000) -> Dict[str, Any]:
    command = _procs.python_module(
        "benchmarks._servers", "history", "--api-key", API_KEY, "--count", str(total), "--max-seconds", "300"
    )
    with _procs.running(command) as child:
        found = re.search(r"run=(\S+)", child.lines[-1])
        if found is None:
            raise RuntimeError(f"the history server did not name its run: {child.lines}")
        figures = _iterate(child.url, found.group(1), total, checkpoint)
    retained_growth = figures["retained_at_end_mb"] - figures["retained_at_checkpoint_mb"]
    rss_growth = figures["rss_at_end_mb"] - figures["rss_at_checkpoint_mb"]
    passed = figures["items"] == total and retained_growth <= RETAINED_GROWTH_MB and rss_growth <= RSS_GROWTH_MB
    k, n = checkpoint // 1000, total // 1000
    print(
        f"large history ({int(figures['items'])} summaries, limit=100 pages, {figures['seconds']:.1f} s): "
        f"retained after gc {figures['retained_at_checkpoint_mb']:.2f} MB at {k}k -> "
        f"{figures['retained_at_end_mb']:.2f} MB at {n}k "
        f"({retained_growth:+.2f} MB, target <= +{RETAINED_GROWTH_MB} MB), "
        f"RSS {figures['rss_at_checkpoint_mb']:.0f} -> {figures['rss_at_end_mb']:.0f} MB "
        f"({rss_growth:+.1f} MB, target <= +{RSS_GROWTH_MB:.0f} MB); tracemalloc peak "
        f"{figures['peak_at_checkpoint_mb']:.2f} MB at {k}k, {figures['peak_at_end_mb']:.2f} MB at {n}k "
        f"({ratio(figures['peak_at_end_mb'], figures['peak_at_checkpoint_mb']):.2f}x) {verdict(passed)}"
    )
    return {
        **figures,
        "checkpoint": checkpoint,
        "retained_growth_mb": retained_growth,
        "rss_growth_mb": rss_growth,
        "peak_growth": ratio(figures["peak_at_end_mb"], figures["peak_at_checkpoint_mb"]),
        "target_retained_growth_mb": RETAINED_GROWTH_MB,
        "target_rss_growth_mb": RSS_GROWTH_MB,
        "pass": passed,
    }
