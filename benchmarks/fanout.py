"""Fan-out: 1,000 concurrent ``create_and_wait`` over 100 runtimes on one event loop.

A runtime runs its invocations one at a time, so with a fixed simulated duration ``d``
the ideal wall time is ``calls / runtimes * d``. The emulator and the client each run in
their own child process; the client reports its wall time and peak RSS (``VmHWM``, the
``ru_maxrss`` of this process image) as one JSON line:
``python -m benchmarks.fanout --url U --api-key K``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
import uuid
from typing import Any, Dict, List, Optional

from . import _procs
from ._stats import median, verdict

API_KEY = "sk-bench-fanout"
TARGET_MULTIPLE = 1.5
TARGET_RSS_MB = 150.0
SHARDS = 50
LIMIT_SECONDS = 60.0
POOLS = {
    "default": "AsyncBctrl() as shipped (one httpx pool, 1000 connections / 200 keep-alive)",
    "sharded": f"AsyncBctrl(http_client=sharded_client()): {SHARDS} httpx pools, 1000 connections kept alive",
}


def peak_rss_mb() -> float:
    """This process's peak RSS.

    On Linux ``ru_maxrss`` survives ``exec`` (it would include the parent's RSS at fork),
    so the kernel's per-image high-water mark ``VmHWM`` is read instead when available.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _fan_out(url: str, api_key: str, runtimes: int, calls: int, pool: str, limit: float) -> Dict[str, Any]:
    """Start every call at once; stop waiting after ``limit`` seconds (unfinished calls are
    cancelled and counted)."""
    from bctrl import AsyncBctrl, BctrlError

    from ._sharded import sharded_client

    http = sharded_client(shards=SHARDS, max_connections=1000, max_keepalive=1000) if pool == "sharded" else None
    async with AsyncBctrl(api_key=api_key, base_url=url, timeout=120, http_client=http) as client:
        created = await asyncio.gather(
            *(client.runtimes.create(space_id=str(uuid.uuid4()), type="browser") for _ in range(runtimes))
        )
        rss_before = peak_rss_mb()
        cpu_started = _cpu_seconds()
        started = time.perf_counter()
        tasks = [
            asyncio.ensure_future(
                client.runtimes.invocations.create_and_wait(
                    created[i % runtimes].id, action="act", instruction="x", timeout=limit
                )
            )
            for i in range(calls)
        ]
        done, pending = await asyncio.wait(tasks, timeout=limit)
        wall = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_started
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
    if http is not None:
        await http.aclose()
    results = [task.result() for task in done if task.exception() is None]
    failures = [task.exception() for task in done if task.exception() is not None]
    return {
        "wall_s": wall,
        "client_cpu_s": cpu,
        "unfinished": len(pending),
        "succeeded": sum(1 for r in results if r.status == "succeeded"),
        "errors": [type(e).__name__ for e in failures][:20],
        "error_count": len(failures),
        "unexpected": [type(e).__name__ for e in failures if not isinstance(e, BctrlError)][:20],
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak_rss_mb(),
    }


def client_main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--runtimes", type=int, default=100)
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--pool", choices=sorted(POOLS), default="default")
    parser.add_argument("--limit", type=float, default=LIMIT_SECONDS, help="stop waiting after this many seconds")
    args = parser.parse_args(argv)
    _procs.raise_file_limit()
    figures = asyncio.run(_fan_out(args.url, args.api_key, args.runtimes, args.calls, args.pool, args.limit))
    print(json.dumps(figures), flush=True)


def _run_client(url: str, runtimes: int, calls: int, pool: str, timeout: float) -> Dict[str, Any]:
    import subprocess

    command = _procs.python_module(
        "benchmarks.fanout",
        *("--url", url, "--api-key", API_KEY, "--runtimes", str(runtimes)),
        *("--calls", str(calls), "--pool", pool),
    )
    done = subprocess.run(command, cwd=_procs.ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"fan-out client failed: {done.stderr[-2000:]}")
    result: Dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _one_run(pool: str, runtimes: int, calls: int, duration_ms: int) -> Dict[str, Any]:
    command = _procs.emulator_command(duration_ms=duration_ms, api_key=API_KEY)
    with _procs.running(command) as child:
        return _run_client(child.url, runtimes, calls, pool, timeout=LIMIT_SECONDS + 60)


def _combine(runs: List[Dict[str, Any]]) -> Dict[str, Any]:
    """Median wall and client CPU, worst RSS and outcomes, and every run's wall."""
    return {
        "wall_s": median([r["wall_s"] for r in runs]),
        "walls_s": [r["wall_s"] for r in runs],
        "client_cpu_s": median([r["client_cpu_s"] for r in runs]),
        "unfinished": max(r["unfinished"] for r in runs),
        "succeeded": min(r["succeeded"] for r in runs),
        "errors": sorted({e for r in runs for e in r["errors"]}),
        "error_count": max(r["error_count"] for r in runs),
        "unexpected": sorted({e for r in runs for e in r["unexpected"]}),
        "rss_before_mb": max(r["rss_before_mb"] for r in runs),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
    }


def fan_out(runtimes: int = 100, calls: int = 1000, duration_ms: int = 200, rounds: int = 2) -> Dict[str, Any]:
    """Both client set-ups, alternated round by round, each run against a fresh emulator."""
    names = list(POOLS)
    runs: Dict[str, List[Dict[str, Any]]] = {name: [] for name in names}
    for index in range(rounds):
        shift = index % len(names)
        for pool in [*names[shift:], *names[:shift]]:
            runs[pool].append(_one_run(pool, runtimes, calls, duration_ms))
    return {pool: _report(pool, _combine(runs[pool]), runtimes, calls, duration_ms) for pool in names}


def _report(pool: str, figures: Dict[str, Any], runtimes: int, calls: int, duration_ms: int) -> Dict[str, Any]:
    ideal = calls / runtimes * duration_ms / 1000
    multiple = figures["wall_s"] / ideal
    wall_ok = multiple <= TARGET_MULTIPLE and figures["unfinished"] == 0
    rss_ok = figures["peak_rss_mb"] <= TARGET_RSS_MB
    walls = ", ".join(f"{w:.2f}" for w in figures["walls_s"])
    print(
        f"fan-out [{pool}] ({calls} create_and_wait over {runtimes} runtimes, {duration_ms} ms each, one loop): "
        f"median wall {figures['wall_s']:.2f} s of runs ({walls}) = {multiple:.2f}x ideal {ideal:.1f} s "
        f"(target <= {TARGET_MULTIPLE}x) "
        f"{verdict(wall_ok)}; peak RSS {figures['peak_rss_mb']:.0f} MB (before the fan-out "
        f"{figures['rss_before_mb']:.0f} MB; target <= {TARGET_RSS_MB:.0f} MB) {verdict(rss_ok)}; "
        f"client CPU {figures['client_cpu_s']:.2f} s; succeeded {figures['succeeded']}/{calls}, "
        f"errors {figures['error_count']}, "
        f"unfinished after {LIMIT_SECONDS:.0f} s {figures['unfinished']}"
    )
    return {
        "client": POOLS[pool],
        **figures,
        "calls": calls,
        "runtimes": runtimes,
        "duration_ms": duration_ms,
        "ideal_s": ideal,
        "multiple_of_ideal": multiple,
        "target_multiple": TARGET_MULTIPLE,
        "target_rss_mb": TARGET_RSS_MB,
        "wall_pass": wall_ok,
        "rss_pass": rss_ok,
        "pass": wall_ok and rss_ok,
    }


if __name__ == "__main__":
    client_main()
