"""``make soak``: many ``create_and_wait`` calls against an emulator that misbehaves.

Faults: 20 % of API requests answered 503 and 10 % 429 (both with ``Retry-After``), 5 %
of invocation creates dropped after the invocation was stored, and added latency. Sync
calls run from a few threads sharing one :class:`bctrl.Bctrl`, async calls concurrently
on one :class:`bctrl.AsyncBctrl`. Every call passes its own ``idempotency_key``.

What the run checks (and ``tests/test_soak.py`` asserts on a short run):

* every call ends with its invocation in a terminal state, or raises a
  :class:`bctrl.BctrlError` subclass (counted by class); anything else is unhandled;
* the emulator holds at most one invocation per key, exactly one (the one returned, in
  the same terminal state) for every call that returned;
* threads and connections are back to their baseline once the clients are closed;
* a canary API key and a canary ``sensitiveData`` value appear nowhere in the SDK's
  debug log, the reprs of results or the texts of exceptions.

Nothing is patched: the SDK and the emulator run as shipped.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import secrets
import sys
import threading
import time
import traceback
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Sequence

from bctrl import AsyncBctrl, Bctrl, BctrlError, Invocation
from bctrl.testing import Emulator

SPACE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
SETTLE_SECONDS = 5.0


@dataclass(frozen=True)
class SoakConfig:
    calls: int = 400
    sync_share: float = 0.25
    sync_threads: int = 4
    async_runtimes: int = 40
    duration_ms: int = 50
    fault_503: float = 0.2
    fault_429: float = 0.1
    fault_drop_after_store: float = 0.05
    fault_latency_ms: int = 10
    fault_retry_after_seconds: int = 1
    fault_seed: int = 20261123
    max_retries: int = 6
    wait_timeout: float = 90.0
    browser_use_every: int = 4
    """Every n-th call is a ``browser_use.agent`` carrying the canary ``sensitive_data``."""


@dataclass
class CallRecord:
    index: int
    key: str
    client: str
    invocation: Optional[Invocation] = None
    error: Optional[BaseException] = None


@dataclass
class Canaries:
    api_key: str = field(default_factory=lambda: f"sk-canary-{secrets.token_hex(12)}")
    secret: str = field(default_factory=lambda: f"canary-{secrets.token_hex(12)}")

    def leaks(self, texts: Dict[str, str]) -> List[str]:
        """Where (by label) either canary appears."""
        found = []
        for label, text in texts.items():
            for name, value in (("api key", self.api_key), ("sensitiveData", self.secret)):
                if value in text:
                    found.append(f"{name} in {label}")
        return found


@dataclass
class SoakReport:
    config: SoakConfig
    seconds: float = 0.0
    returned: Counter[str] = field(default_factory=Counter)
    typed_errors: Counter[str] = field(default_factory=Counter)
    unhandled: List[str] = field(default_factory=list)
    duplicates: List[str] = field(default_factory=list)
    returned_not_stored_once: List[str] = field(default_factory=list)
    returned_mismatch: List[str] = field(default_factory=list)
    not_terminal: List[str] = field(default_factory=list)
    raised_stored: Counter[int] = field(default_factory=Counter)
    threads_before: int = 0
    threads_after: int = 0
    connections_left: int = 0
    fds_before: int = -1
    fds_after: int = -1
    canary_leaks: List[str] = field(default_factory=list)
    faults_injected: Dict[str, int] = field(default_factory=dict)
    stored_invocations: int = 0

    @property
    def calls(self) -> int:
        return sum(self.returned.values()) + sum(self.typed_errors.values()) + len(self.unhandled)

    @property
    def ok(self) -> bool:
        return not (
            self.unhandled
            or self.duplicates
            or self.returned_not_stored_once
            or self.returned_mismatch
            or self.not_terminal
            or self.canary_leaks
            or self.threads_after != self.threads_before
            or self.connections_left
            or self.fds_after > self.fds_before
            or self.calls != self.config.calls
        )

    def lines(self) -> List[str]:
        c = self.config
        return [
            f"soak: {self.calls} create_and_wait calls ({round(c.calls * c.sync_share)} sync in {c.sync_threads} "
            f"threads, the rest async) in {self.seconds:.1f} s; faults 503 {c.fault_503:.0%}, 429 {c.fault_429:.0%}, "
            f"drop-after-store {c.fault_drop_after_store:.0%}, +{c.fault_latency_ms} ms, "
            f"Retry-After {c.fault_retry_after_seconds} s; injected {self.faults_injected}",
            f"  returned (terminal status): {dict(self.returned)}",
            f"  typed errors (BctrlError subclasses): {dict(self.typed_errors) or 0}",
            f"  unhandled exceptions: {len(self.unhandled)} {self.unhandled[:5]}",
            f"  emulator: {self.stored_invocations} invocations stored; duplicates (count > 1): "
            f"{len(self.duplicates)}; returned but not stored exactly once: {len(self.returned_not_stored_once)}; "
            f"returned id/status differs from stored: {len(self.returned_mismatch)}; "
            f"not terminal: {len(self.not_terminal)}; raised calls by stored count: {dict(self.raised_stored) or 0}",
            f"  leaks: threads {self.threads_before} -> {self.threads_after}, open connections to the emulator "
            f"after close {self.connections_left}, fds {self.fds_before} -> {self.fds_after}",
            f"  canaries (API key, sensitiveData) found: {self.canary_leaks or 'nowhere'}",
            f"soak {'PASS' if self.ok else 'FAIL'}",
        ]


# ---- process-level observations ---------------------------------------------------


def open_fds() -> int:
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return -1


def established_to(port: int) -> int:
    """Established TCP connections (any local process) whose remote end is ``port``."""
    total = 0
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(name) as table:
                rows = table.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            parts = row.split()
            remote_port = int(parts[2].rsplit(":", 1)[1], 16)
            if remote_port == port and parts[3] == "01":
                total += 1
    return total


def settle(expected: int, observe: Any, seconds: float = SETTLE_SECONDS) -> int:
    """Poll ``observe()`` until it equals ``expected`` or the time is up; its last value."""
    deadline = time.monotonic() + seconds
    value: int = observe()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.05)
        value = observe()
    return value


@contextmanager
def captured_debug_log() -> Iterator[io.StringIO]:
    """The ``bctrl`` logger (SDK and emulator) at DEBUG into a string."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger("bctrl")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield buffer
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@contextmanager
def thread_exceptions(sink: List[str]) -> Iterator[None]:
    """Record exceptions that escape any thread."""
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        sink.append(f"thread {args.thread.name if args.thread else '?'}: {args.exc_type.__name__}")

    threading.excepthook = hook
    try:
        yield
    finally:
        threading.excepthook = previous


# ---- the calls -------------------------------------------------------------------


def call_key(index: int, run_tag: str) -> str:
    return f"soak-{run_tag}-{index:05d}"


def sync_call(client: Bctrl, runtime_id: str, record: CallRecord, cfg: SoakConfig, secret: str) -> None:
    invocations = client.runtimes.invocations
    try:
        if record.index % cfg.browser_use_every == 0:
            record.invocation = invocations.browser_use.agent(
                runtime_id,
                instruction="Log in and open the invoices page.",
                sensitive_data={"password": secret},
                idempotency_key=record.key,
                wait=True,
                timeout=cfg.wait_timeout,
            )
        else:
            record.invocation = invocations.create_and_wait(
                runtime_id,
                action="act",
                instruction=f"click step {record.index}",
                idempotency_key=record.key,
                timeout=cfg.wait_timeout,
            )
    except Exception as exc:  # sorted into typed / unhandled by the report
        record.error = exc


async def async_call(client: AsyncBctrl, runtime_id: str, record: CallRecord, cfg: SoakConfig, secret: str) -> None:
    invocations = client.runtimes.invocations
    try:
        if record.index % cfg.browser_use_every == 0:
            record.invocation = await invocations.browser_use.agent(
                runtime_id,
                instruction="Log in and open the invoices page.",
                sensitive_data={"password": secret},
                idempotency_key=record.key,
                wait=True,
                timeout=cfg.wait_timeout,
            )
        else:
            record.invocation = await invocations.create_and_wait(
                runtime_id,
                action="act",
                instruction=f"click step {record.index}",
                idempotency_key=record.key,
                timeout=cfg.wait_timeout,
            )
    except Exception as exc:
        record.error = exc


def run_sync_worker(
    client: Bctrl, runtime_id: str, records: Sequence[CallRecord], cfg: SoakConfig, secret: str
) -> None:
    for record in records:
        sync_call(client, runtime_id, record, cfg, secret)


async def run_async(
    emu: Emulator, records: Sequence[CallRecord], cfg: SoakConfig, secret: str, unhandled: List[str]
) -> str:
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _loop, context: unhandled.append(f"event loop: {context.get('message')}"))
    runtimes = [emu.create_runtime(space_id=SPACE_ID).id for _ in range(max(1, cfg.async_runtimes))]
    async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url, max_retries=cfg.max_retries, timeout=30) as client:
        await asyncio.gather(
            *(async_call(client, runtimes[i % len(runtimes)], r, cfg, secret) for i, r in enumerate(records))
        )
        return repr(client)


def drive(emu: Emulator, records: Sequence[CallRecord], cfg: SoakConfig, secret: str, unhandled: List[str]) -> str:
    """Run the sync threads and the async calls at the same time; the clients' reprs."""
    sync_records = [r for r in records if r.client == "sync"]
    async_records = [r for r in records if r.client == "async"]
    client = Bctrl(api_key=emu.api_key, base_url=emu.url, max_retries=cfg.max_retries, timeout=30)
    threads = []
    for slot in range(cfg.sync_threads):
        runtime_id = emu.create_runtime(space_id=SPACE_ID).id
        mine = sync_records[slot :: cfg.sync_threads]
        worker = threading.Thread(
            target=run_sync_worker, args=(client, runtime_id, mine, cfg, secret), name=f"soak-sync-{slot}"
        )
        threads.append(worker)
        worker.start()
    try:
        async_repr = asyncio.run(run_async(emu, async_records, cfg, secret, unhandled))
    finally:
        for worker in threads:
            worker.join(timeout=cfg.wait_timeout * 2)
            if worker.is_alive():
                unhandled.append(f"{worker.name} still running")
        client.close()
    return repr(client) + "\n" + async_repr


# ---- checking --------------------------------------------------------------------


def exception_text(exc: BaseException) -> str:
    return repr(exc) + "\n" + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def classify(report: SoakReport, records: Sequence[CallRecord]) -> None:
    for record in records:
        if record.invocation is not None:
            report.returned[record.invocation.status] += 1
            if not record.invocation.is_terminal:
                report.not_terminal.append(record.key)
        elif isinstance(record.error, BctrlError):
            report.typed_errors[type(record.error).__name__] += 1
        else:
            report.unhandled.append(f"{record.key}: {type(record.error).__name__}: {record.error}")


def check_store(report: SoakReport, emu: Emulator, records: Sequence[CallRecord]) -> None:
    stored = {item["idempotencyKey"]: item for item in emu.invocations if item.get("idempotencyKey")}
    report.stored_invocations = len(emu.invocations)
    for record in records:
        count = emu.count(record.key)
        if count > 1:
            report.duplicates.append(record.key)
        if record.invocation is None:
            report.raised_stored[count] += 1
            continue
        if count != 1:
            report.returned_not_stored_once.append(record.key)
            continue
        item = stored[record.key]
        if item["id"] != record.invocation.id or item["status"] != record.invocation.status:
            report.returned_mismatch.append(record.key)


def texts_to_scan(log: str, records: Sequence[CallRecord], client_reprs: str) -> Dict[str, str]:
    texts = {"debug log": log, "client reprs": client_reprs}
    texts["result reprs"] = "\n".join(repr(r.invocation) for r in records if r.invocation is not None)
    texts["exception texts"] = "\n".join(exception_text(r.error) for r in records if r.error is not None)
    return texts


def make_records(cfg: SoakConfig, run_tag: str) -> List[CallRecord]:
    sync_calls = round(cfg.calls * cfg.sync_share)
    return [
        CallRecord(index=i, key=call_key(i, run_tag), client="sync" if i < sync_calls else "async")
        for i in range(cfg.calls)
    ]


def run_soak(cfg: Optional[SoakConfig] = None) -> SoakReport:
    cfg = cfg or SoakConfig()
    canaries = Canaries()
    report = SoakReport(config=cfg)
    records = make_records(cfg, secrets.token_hex(4))
    threads_at_start = threading.active_count()
    with captured_debug_log() as log, thread_exceptions(report.unhandled):
        emulator = Emulator(
            api_key=canaries.api_key,
            duration_ms=cfg.duration_ms,
            fault_seed=cfg.fault_seed,
            fault_503=cfg.fault_503,
            fault_429=cfg.fault_429,
            fault_drop_after_store=cfg.fault_drop_after_store,
            fault_latency_ms=cfg.fault_latency_ms,
            fault_retry_after_seconds=cfg.fault_retry_after_seconds,
        )
        with emulator as emu:
            report.threads_before = threading.active_count()
            report.fds_before = open_fds()
            started = time.perf_counter()
            client_reprs = drive(emu, records, cfg, canaries.secret, report.unhandled)
            report.seconds = time.perf_counter() - started
            report.threads_after = settle(report.threads_before, threading.active_count)
            report.connections_left = settle(0, lambda: established_to(emu.port))
            report.fds_after = settle(report.fds_before, open_fds)
            report.faults_injected = dict(emu.state()["faults"]["injected"])
            classify(report, records)
            check_store(report, emu, records)
        if threading.active_count() != threads_at_start:
            report.unhandled.append(f"threads after the emulator stopped: {threading.active_count()}")
    report.canary_leaks = canaries.leaks(texts_to_scan(log.getvalue(), records, client_reprs))
    return report


def main() -> int:
    report = run_soak(SoakConfig())
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
