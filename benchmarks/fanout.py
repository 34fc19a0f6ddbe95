"""Fan-out: thousands of concurrent ``create_and_wait`` on one event loop, before and after.

A runtime runs its invocations one at a time, so with a fixed simulated duration ``d``
the ideal wall time is ``calls / runtimes * d``. Two cases:

* 1,000 calls over 100 runtimes, 200 ms each (ideal 2 s);
* 10,000 calls over 1,000 runtimes, 2 s each (ideal 20 s).

Contenders, each run against a fresh emulator in its own process, alternated round by round:

* ``before``: the SDK as of :data:`BASELINE` (every wait holds its own long poll; 1,024
  connections), extracted from git into a temporary folder and run from there;
* ``after``: this tree's :class:`bctrl.AsyncBctrl` as shipped (its own HTTP/1.1
  connections, answers parsed by httptools, the ``speedups`` extra);
* ``after-h11``: the same without httptools (answers parsed by h11, as when the extra is
  not installed), in the 1,000-call case;
* ``after-h2``: the same with ``http_client=httpx.AsyncClient(http1=False, http2=True)``
  against the emulator served over HTTP/2 (``--http2``), in the 1,000-call case.

Figures per run: wall time (and its multiple of the ideal), the client's CPU per
invocation, its peak RSS, the most TCP connections it held open at once (its ``/proc/<pid>/fd``,
sampled every 20 ms from outside), the emulator's CPU and the requests it served, how
late each call noticed its invocation's end (client clock at return minus the server's
``finishedAt``; same machine, millisecond timestamps), and that every call is accounted
for: returned succeeded, or an error, or unfinished at the limit; the emulator stored
exactly one invocation per call.

``python -m benchmarks.fanout --runtimes 1000 --calls 10000 --duration-ms 2000`` runs
one case side by side; ``python -m benchmarks.fanout --url U --api-key K ...`` is the
client half (one JSON line).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Set

from . import _procs
from ._stats import median, percentile, verdict

API_KEY = "sk-bench-fanout"
BASELINE = "4347033"
"""The last commit where every wait held its own long poll (1,024 connections)."""
CONTENDERS = {
    "before": f"AsyncBctrl as of {BASELINE}: a long poll per wait, up to 1,024 connections",
    "after": "AsyncBctrl as shipped: own HTTP/1.1 connections (httptools), shared wait schedule, <= 256 connections",
    "after-h11": "the same with answers parsed by h11 (without the speedups extra)",
    "after-h2": "the same over HTTP/2 (httpx http2=True, prior knowledge) to the emulator on Hypercorn",
}
CASES = [
    # runtimes, calls, duration ms, rounds, limit s, contenders
    (100, 1_000, 200, 2, 60.0, ["before", "after", "after-h11", "after-h2"]),
    (1_000, 10_000, 2_000, 1, 180.0, ["before", "after"]),
]
TARGET_MULTIPLE = {1_000: 1.5, 10_000: 1.2}
TARGET_CPU_MS = 1.0
TARGET_RSS_MB = 250.0
TARGET_CONNECTIONS = 256
TARGET_NOTICE_P99_MS = 20.0
SAMPLE_SECONDS = 0.02


# ---- the client half ------------------------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak RSS (``VmHWM``: on Linux ``ru_maxrss`` survives ``exec``)."""
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


async def _fan_out(
    url: str, api_key: str, runtimes: int, calls: int, limit: float, http2: bool, parser: Optional[str] = None
) -> Dict[str, Any]:
    """Start every call at once; stop waiting after ``limit`` seconds (unfinished calls are
    cancelled and counted)."""
    import httpx

    from bctrl import AsyncBctrl, BctrlError

    notices: List[float] = []
    client_shares: List[float] = []
    http = httpx.AsyncClient(http1=False, http2=True) if http2 else None

    async with AsyncBctrl(api_key=api_key, base_url=url, timeout=limit + 60, http_client=http) as client:
        if parser is not None:  # before any connection is opened
            client._http.parser = parser  # type: ignore[union-attr]
        created = await asyncio.gather(
            *(client.runtimes.create(space_id=str(uuid.uuid4()), type="browser") for _ in range(runtimes))
        )

        async def call(runtime_id: str) -> Any:
            result = await client.runtimes.invocations.create_and_wait(
                runtime_id, action="act", instruction="x", timeout=limit
            )
            now = time.time()
            if result.finished_at is not None:
                notices.append((now - result.finished_at.timestamp()) * 1000)
            response = getattr(result, "response", None)  # results of the baseline carry none
            sent_at = response.headers.get("x-emulator-sent-at") if response is not None else None
            if sent_at is not None:
                client_shares.append(now * 1000 - float(sent_at))
            return result

        rss_before = peak_rss_mb()
        print("fan-out starts", flush=True)
        cpu_started = _cpu_seconds()
        started = time.perf_counter()
        tasks = [asyncio.ensure_future(call(created[i % runtimes].id)) for i in range(calls)]
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
        "returned": len(results),
        "errors": [type(e).__name__ for e in failures][:20],
        "error_count": len(failures),
        "unexpected": [type(e).__name__ for e in failures if not isinstance(e, BctrlError)][:20],
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak_rss_mb(),
        "notice_p50_ms": percentile(notices, 0.5),
        "notice_p99_ms": percentile(notices, 0.99),
        "notice_max_ms": max(notices) if notices else float("nan"),
        "client_share_p50_ms": percentile(client_shares, 0.5),
        "client_share_p99_ms": percentile(client_shares, 0.99),
    }


def client_main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="the emulator to run against (the client half); without it, run a case")
    parser.add_argument("--api-key", default=API_KEY)
    parser.add_argument("--runtimes", type=int, default=100)
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--duration-ms", type=int, default=200, help="the emulator's invocation duration")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--limit", type=float, default=120.0, help="stop waiting after this many seconds")
    parser.add_argument("--contender", action="append", choices=sorted(CONTENDERS), help="default: all")
    parser.add_argument("--http2", action="store_true", help="(client half) talk HTTP/2 with prior knowledge")
    parser.add_argument("--parser", choices=["httptools", "h11"], help="(client half) the answer parser")
    args = parser.parse_args(argv)
    _procs.raise_file_limit()
    if args.url is None:
        names = args.contender or ["before", "after"]
        fan_out_case(args.runtimes, args.calls, args.duration_ms, args.rounds, args.limit, names)
        return
    figures = asyncio.run(
        _fan_out(args.url, args.api_key, args.runtimes, args.calls, args.limit, args.http2, args.parser)
    )
    print(json.dumps(figures), flush=True)


# ---- the parent: emulator, contenders, sampling ---------------------------------------------


@contextlib.contextmanager
def baseline_tree() -> Iterator[Optional[Path]]:
    """The SDK of :data:`BASELINE` with this tree's benchmarks, in a temporary folder
    (``None`` when git cannot produce it)."""
    folder = Path(tempfile.mkdtemp(prefix="bctrl-baseline-"))
    try:
        archive = subprocess.run(
            ["git", "-C", str(_procs.ROOT), "archive", BASELINE, "bctrl", "generated/bctrl_api"],
            capture_output=True,
            check=False,
        )
        if archive.returncode != 0:
            print(f"(no baseline: git archive {BASELINE} failed: {archive.stderr.decode()[-300:]})")
            yield None
            return
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
        shutil.move(str(folder / "generated" / "bctrl_api"), str(folder / "bctrl_api"))
        shutil.copytree(
            _procs.ROOT / "benchmarks", folder / "benchmarks", ignore=shutil.ignore_patterns("__pycache__", "*.json")
        )
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _tcp_inodes(pid: int) -> Set[str]:
    """Inodes of the TCP sockets in ``pid``'s network namespace that are not listening."""
    inodes: Set[str] = set()
    for table in ("tcp", "tcp6"):
        with contextlib.suppress(OSError), open(f"/proc/{pid}/net/{table}") as lines:
            next(lines, None)
            for line in lines:
                fields = line.split()
                if len(fields) > 9 and fields[3] != "0A":  # 0A: LISTEN
                    inodes.add(fields[9])
    return inodes


def _socket_inodes(pid: int) -> List[str]:
    """Inodes of the sockets ``pid`` holds (its ``/proc/<pid>/fd`` links)."""
    sockets = []
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            with contextlib.suppress(OSError):
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
                if link.startswith("socket:["):
                    sockets.append(link[8:-1])
    except OSError:
        pass
    return sockets


def _connections(pid: int) -> int:
    """TCP connections ``pid`` holds open (its socket descriptors that are TCP sockets;
    the event loop's own socket pair is not counted)."""
    sockets = _socket_inodes(pid)
    if not sockets:
        return 0
    tcp = _tcp_inodes(pid)
    return sum(1 for inode in sockets if inode in tcp)


def _cpu_of(pid: int) -> float:
    """User + system CPU seconds of a running process (``/proc/<pid>/stat``)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


class Sampler:
    """Samples a process's open TCP connections from outside until stopped; keeps the peak.

    Listing the descriptors is cheap; telling TCP sockets from the others means reading the
    whole TCP table, which costs a good share of a core at this rate, so that is done once
    a second and whenever the count would set a new peak: sockets seen then as not TCP
    (the event loop's own pair) are left out."""

    CLASSIFY_SECONDS = 1.0

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        not_tcp: Set[str] = set()
        classified = -math.inf
        while not self._stop.is_set():
            sockets = _socket_inodes(self.pid)
            now = time.monotonic()
            count = sum(1 for inode in sockets if inode not in not_tcp)
            if count > self.peak or now - classified >= self.CLASSIFY_SECONDS:
                tcp = _tcp_inodes(self.pid)
                not_tcp = {inode for inode in sockets if inode not in tcp}
                classified = now
                count = len(sockets) - len(not_tcp)
            self.peak = max(self.peak, count)
            self._stop.wait(SAMPLE_SECONDS)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def _emulator_state(url: str) -> Dict[str, Any]:
    import httpx

    answer = httpx.get(f"{url}/_emulator/state", timeout=60, headers={"Authorization": f"Bearer {API_KEY}"})
    answer.raise_for_status()
    counts: Dict[str, Any] = answer.json()["counts"]
    return counts


def _one_run(
    contender: str, tree: Optional[Path], runtimes: int, calls: int, duration_ms: int, limit: float
) -> Dict[str, Any]:
    http2 = contender == "after-h2"
    command = _procs.emulator_command(duration_ms=duration_ms, api_key=API_KEY)
    if http2:
        command.append("--http2")
    with _procs.running(command) as emulator:
        client_command = _procs.python_module(
            "benchmarks.fanout",
            *("--url", emulator.url, "--api-key", API_KEY, "--runtimes", str(runtimes)),
            *("--calls", str(calls), "--limit", str(limit)),
            *(["--http2"] if http2 else []),
            *(["--parser", "h11"] if contender == "after-h11" else []),
        )
        cwd = tree if contender == "before" and tree is not None else _procs.ROOT
        emulator_cpu_before = _cpu_of(emulator.proc.pid)
        client = subprocess.Popen(
            client_command,
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_procs.raise_file_limit,
        )
        sampler = Sampler(client.pid)
        try:
            out, err = client.communicate(timeout=limit + 120)
        except subprocess.TimeoutExpired:
            client.kill()
            out, err = client.communicate()
        peak_connections = sampler.stop()
        emulator_cpu = _cpu_of(emulator.proc.pid) - emulator_cpu_before
        if client.returncode != 0:
            raise RuntimeError(f"fan-out client ({contender}) failed: {err[-2000:]}")
        figures: Dict[str, Any] = json.loads(out.strip().splitlines()[-1])
        state = _emulator_state(emulator.url)
    figures["peak_connections"] = peak_connections
    figures["emulator_cpu_s"] = emulator_cpu
    figures["stored"] = state["invocations"]
    figures["stored_succeeded"] = state["byStatus"].get("succeeded", 0)
    figures["requests"] = state.get("requests")
    return figures


def _combine(runs: List[Dict[str, Any]]) -> Dict[str, Any]:
    """Median wall and CPU, worst of everything else, and every run's wall."""
    worst = {key: max(r[key] for r in runs) for key in ("unfinished", "error_count", "peak_rss_mb", "peak_connections")}
    worst.update(
        {key: max(r[key] for r in runs) for key in ("notice_p99_ms", "notice_max_ms", "stored", "client_share_p99_ms")}
    )
    return {
        **worst,
        "wall_s": median([r["wall_s"] for r in runs]),
        "walls_s": [r["wall_s"] for r in runs],
        "client_cpu_s": median([r["client_cpu_s"] for r in runs]),
        "emulator_cpu_s": median([r["emulator_cpu_s"] for r in runs]),
        "notice_p50_ms": median([r["notice_p50_ms"] for r in runs]),
        "client_share_p50_ms": median([r["client_share_p50_ms"] for r in runs]),
        "succeeded": min(r["succeeded"] for r in runs),
        "returned": min(r["returned"] for r in runs),
        "stored_min": min(r["stored"] for r in runs),
        "requests": median([r["requests"] for r in runs if r["requests"] is not None] or [float("nan")]),
        "errors": sorted({e for r in runs for e in r["errors"]}),
        "unexpected": sorted({e for r in runs for e in r["unexpected"]}),
        "rss_before_mb": max(r["rss_before_mb"] for r in runs),
    }


def fan_out_case(
    runtimes: int, calls: int, duration_ms: int, rounds: int, limit: float, names: Optional[List[str]] = None
) -> Dict[str, Any]:
    """The contenders alternated round by round, each run against a fresh emulator."""
    names = names or list(CONTENDERS)
    runs: Dict[str, List[Dict[str, Any]]] = {name: [] for name in names}
    with baseline_tree() as tree:
        if tree is None and "before" in names:
            names = [n for n in names if n != "before"]
        for index in range(rounds):
            shift = index % len(names)
            for name in [*names[shift:], *names[:shift]]:
                runs[name].append(_one_run(name, tree, runtimes, calls, duration_ms, limit))
    reports = {name: _report(name, _combine(runs[name]), runtimes, calls, duration_ms) for name in names}
    if "before" in reports and "after" in reports:
        before, after = reports["before"], reports["after"]
        print(
            f"  after/before: wall {after['wall_s'] / before['wall_s']:.2f}x, "
            f"client CPU {after['client_cpu_s'] / before['client_cpu_s']:.2f}x, "
            f"peak connections {after['peak_connections']} vs {before['peak_connections']}"
        )
    return reports


def _report(name: str, figures: Dict[str, Any], runtimes: int, calls: int, duration_ms: int) -> Dict[str, Any]:
    ideal = calls / runtimes * duration_ms / 1000
    multiple = figures["wall_s"] / ideal
    cpu_ms = figures["client_cpu_s"] / calls * 1000
    accounted = (
        figures["returned"] + figures["error_count"] + figures["unfinished"] == calls
        and figures["stored"] == calls
        and figures["stored_min"] == calls
    )
    checks = {
        "wall": multiple <= TARGET_MULTIPLE.get(calls, 1.5) and figures["unfinished"] == 0,
        "cpu": cpu_ms <= TARGET_CPU_MS,
        "rss": figures["peak_rss_mb"] <= TARGET_RSS_MB,
        "connections": figures["peak_connections"] <= TARGET_CONNECTIONS,
        "accounted": accounted,
        "succeeded": figures["succeeded"] == calls,
    }
    walls = ", ".join(f"{w:.2f}" for w in figures["walls_s"])
    requests = figures["requests"]
    per_call = f"{requests / calls:.2f}" if requests == requests else "?"
    print(
        f"fan-out [{name}] {calls} create_and_wait over {runtimes} runtimes, {duration_ms} ms each, one loop: "
        f"wall {figures['wall_s']:.2f} s ({walls}) = {multiple:.2f}x ideal {ideal:.0f} s "
        f"(target <= {TARGET_MULTIPLE.get(calls, 1.5)}x) {verdict(checks['wall'])}; "
        f"client CPU {figures['client_cpu_s']:.1f} s = {cpu_ms:.2f} ms/call (target <= {TARGET_CPU_MS:.0f}) "
        f"{verdict(checks['cpu'])}; peak RSS {figures['peak_rss_mb']:.0f} MB {verdict(checks['rss'])}; "
        f"peak connections {figures['peak_connections']} (target <= {TARGET_CONNECTIONS}) "
        f"{verdict(checks['connections'])}; "
        f"emulator CPU {figures['emulator_cpu_s']:.1f} s, {per_call} requests/call; "
        f"end noticed p50 {figures['notice_p50_ms']:.1f} ms, p99 {figures['notice_p99_ms']:.1f} ms, "
        f"max {figures['notice_max_ms']:.0f} ms (of it the client's share, answer sent -> call returned: "
        f"p50 {figures['client_share_p50_ms']:.1f} ms, p99 {figures['client_share_p99_ms']:.1f} ms); "
        f"succeeded {figures['succeeded']}/{calls} "
        f"{verdict(checks['succeeded'])}, errors {figures['error_count']}, unfinished {figures['unfinished']}, "
        f"stored {figures['stored']}: every call accounted for {verdict(checks['accounted'])}",
        flush=True,
    )
    return {
        "client": CONTENDERS[name],
        **figures,
        "calls": calls,
        "runtimes": runtimes,
        "duration_ms": duration_ms,
        "ideal_s": ideal,
        "multiple_of_ideal": multiple,
        "client_cpu_ms_per_call": cpu_ms,
        "checks": checks,
        "pass": all(checks.values()),
    }


def fan_out() -> Dict[str, Any]:
    """``make bench``: both cases, before and after."""
    return {
        f"{calls}_calls": fan_out_case(runtimes, calls, duration_ms, rounds, limit, names)
        for runtimes, calls, duration_ms, rounds, limit, names in CASES
    }


if __name__ == "__main__":
    client_main()
