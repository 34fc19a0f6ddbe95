"""The emulator's in-memory store: runtimes, runs, invocations, idempotency records and
scripted outcomes, plus the lifecycle engine that moves invocations along.

Ids are UUIDs; a path id that is malformed cannot name anything and is answered as a
404 ``*.not_found``, like an unknown one.

Timing runs on the event loop of the server (one asyncio task per invocation while it
holds its runtime, one idle timer per runtime that has an idle timeout). Invocations on one
runtime run one at a time in creation order; the others stay ``queued``. All mutations hold
one lock so tests may read the state, queue scripts or reset it from another thread.

A runtime is ``active`` until it is stopped (``POST .../stop``, delete, its idle timeout)
or fails (scripted); either way its live invocations end at once and new ones are refused
with 409 ``runtime.not_executable``. A deleted runtime is gone (404) but its run, and the
run's history, stay readable.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Dict, List, Mapping, Optional, Set, Tuple

from .errors import ApiError, not_found
from .lifecycle import (
    CANCEL_DELAY_MS,
    DEFAULT_DURATION_MS,
    DEFAULT_ERROR,
    UNSET,
    Phases,
    Script,
    fingerprint,
    is_terminal,
    iso,
    take_script,
    timeout_cut,
    utcnow,
)
from .outputs import CannotGenerate, default_output, generate, output_errors
from .pagination import paginate, paginate_indexed

LEGACY_ACTIONS = {"stagehand": "stagehandAgent", "browserUse": "browserUse"}
TERMINAL_STATUSES = ("succeeded", "failed", "cancelled", "timed_out")
RUNTIME_STATUSES = ("active", "stopped", "failed")
MINUTE_MS = 60_000
"""Real milliseconds in one minute of runtime lifecycle time (idle timeouts), by default."""

TerminalCallback = Callable[["Invocation"], None]

logger = logging.getLogger("bctrl.emulator")


@dataclass
class Runtime:
    id: str
    space_id: str
    run_id: str
    name: str
    type: str
    config: Dict[str, Any]
    metadata: Optional[Dict[str, Any]]
    created_at: datetime
    sequence: int = 0
    seq: int = 0
    status: str = "active"
    updated_at: Optional[datetime] = None

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def idle_timeout_minutes(self) -> Optional[int]:
        """``config.lifecycle.idleTimeoutMinutes`` when it was given as a whole number."""
        lifecycle = self.config.get("lifecycle")
        value = lifecycle.get("idleTimeoutMinutes") if isinstance(lifecycle, dict) else None
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def to_json(self) -> Dict[str, Any]:
        return {
            "id": self.id,
            "activeRunId": self.run_id if self.active else None,
            "status": self.status,
            "type": self.type,
            "name": self.name,
            "config": self.config,
            "metadata": self.metadata,
            "createdAt": iso(self.created_at),
            "updatedAt": iso(self.updated_at or self.created_at),
        }


@dataclass
class LegacyInfo:
    """What the older, space-scoped create adds to an invocation record."""

    space_id: str
    provider: str
    sequence_no: int
    entry_call: str
    max_steps: Optional[int]
    metadata: Optional[Dict[str, Any]]


@dataclass
class Invocation:
    id: str
    runtime_id: str
    run_id: str
    action: str
    request: Dict[str, Any]
    seq: int
    created_at: datetime
    script: Optional[Script] = None
    duration_ms: int = DEFAULT_DURATION_MS
    status: str = "queued"
    started_at: Optional[datetime] = None
    finished_at: Optional[datetime] = None
    heartbeat_at: Optional[datetime] = None
    cancel_requested_at: Optional[datetime] = None
    output: Any = None
    error: Optional[Dict[str, Any]] = None
    idempotency_key: Optional[str] = None
    legacy: Optional[LegacyInfo] = None
    done: Optional[asyncio.Event] = None

    @property
    def terminal(self) -> bool:
        return is_terminal(self.status)

    @property
    def output_schema(self) -> Any:
        return self.request.get("outputSchema")

    @property
    def timeout_ms(self) -> Optional[int]:
        value = self.request.get("timeoutMs")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def elapsed_ms(self) -> Optional[int]:
        if self.started_at is None or self.finished_at is None:
            return None
        return int((self.finished_at - self.started_at).total_seconds() * 1000)

    def to_json(self) -> Dict[str, Any]:
        """The ``Invocation`` resource."""
        return {
            "id": self.id,
            "runtimeId": self.runtime_id,
            "runId": self.run_id,
            "action": self.action,
            "status": self.status,
            "createdAt": iso(self.created_at),
            "startedAt": iso(self.started_at) if self.started_at else None,
            "finishedAt": iso(self.finished_at) if self.finished_at else None,
            "durationMs": self.elapsed_ms,
            "output": self.output,
            "error": self.error,
        }

    def to_summary(self) -> Dict[str, Any]:
        """The ``InvocationSummary`` of the run listing: the resource without ``startedAt`` and ``output``."""
        return {k: v for k, v in self.to_json().items() if k not in ("startedAt", "output")}

    def to_legacy(self) -> Dict[str, Any]:
        """The richer ``LegacyInvocation`` record of the space-scoped create."""
        info = self.legacy
        if info is None:
            raise ValueError("not a space-scoped invocation")
        step = {"call": info.entry_call, "args": [self.request.get("input", {})]}
        request: Dict[str, Any] = {
            "runtimeId": self.runtime_id,
            "mode": "fail-fast",
            "steps": [step],
        }
        if self.idempotency_key is not None:
            request["idempotencyKey"] = self.idempotency_key
        progress: Optional[Dict[str, Any]] = None
        if self.status != "queued":
            progress = {
                "step": 1 if self.status != "dispatching" else 0,
                "totalSteps": info.max_steps or 1,
                "currentCall": info.entry_call,
                "lastEventType": f"invocation.{self.status}",
                "message": self.status,
            }
        result: Optional[Dict[str, Any]] = None
        if self.status == "succeeded":
            result = {
                "mode": "fail-fast",
                "ok": True,
                "runtimeId": self.runtime_id,
                "steps": [
                    {
                        "call": info.entry_call,
                        "index": 0,
                        "ok": True,
                        "resolved": {
                            "call": info.entry_call,
                            "contextId": None,
                            "handleId": None,
                            "method": "execute",
                            "pageId": None,
                            "ref": None,
                            "runtimeId": self.runtime_id,
                            "target": "browser_page",
                        },
                        "result": self.output,
                    }
                ],
            }
        error = None
        if self.error is not None:
            error = {k: v for k, v in self.error.items() if k in ("code", "message", "details")}
        return {
            "id": self.id,
            "runtimeId": self.runtime_id,
            "runId": self.run_id,
            "spaceId": info.space_id,
            "runtimeKind": "browser",
            "executionMode": "durable",
            "sequenceNo": info.sequence_no,
            "stepCount": 1,
            "artifactCount": 0,
            "entryCall": info.entry_call,
            "connector": info.provider,
            "correlationId": None,
            "status": self.status,
            "createdAt": iso(self.created_at),
            "startedAt": iso(self.started_at) if self.started_at else None,
            "finishedAt": iso(self.finished_at) if self.finished_at else None,
            "lastHeartbeatAt": iso(self.heartbeat_at) if self.heartbeat_at else None,
            "cancelRequestedAt": (iso(self.cancel_requested_at) if self.cancel_requested_at else None),
            "durationMs": self.elapsed_ms,
            "metadata": info.metadata,
            "progress": progress,
            "request": request,
            "result": result,
            "error": error,
        }

    def to_state(self) -> Dict[str, Any]:
        """The invocation as ``GET /_emulator/state`` shows it."""
        data = self.to_json()
        data["request"] = copy.deepcopy(self.request)  # the body as received
        data["idempotencyKey"] = self.idempotency_key
        data["sequence"] = self.seq
        data["legacy"] = self.legacy is not None
        return data


@dataclass
class IdempotencyRecord:
    fingerprint: str
    status: int
    body: Dict[str, Any]
    invocation_id: str


@dataclass
class Store:
    """All emulator state. Methods that start timers must run on the server's loop."""

    duration_ms: int = DEFAULT_DURATION_MS
    minute_ms: int = MINUTE_MS
    runtimes: Dict[str, Runtime] = field(default_factory=dict)
    runs: Dict[str, str] = field(default_factory=dict)
    invocations: Dict[str, Invocation] = field(default_factory=dict)
    idempotency: Dict[Tuple[str, str, str], IdempotencyRecord] = field(default_factory=dict)
    scripts: List[Script] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lock = threading.RLock()
        #: Called (under :attr:`lock`, on the server loop) with each invocation that has
        #: just become terminal, right before its waiters are woken. Not cleared by
        #: :meth:`reset`. A callback that raises is logged and does not stop the others.
        self.on_terminal: List[TerminalCallback] = []
        self._seq = 0
        # Per run: its invocations in creation order and their sequence numbers (for
        # bisecting a cursor); append-only, as sequences only grow.
        self._run_invocations: Dict[str, List[Invocation]] = {}
        self._run_seqs: Dict[str, List[int]] = {}
        # How many invocations were stored under each idempotency key (first use first).
        self._key_counts: Dict[str, int] = {}
        self._active: Dict[str, str] = {}
        self._queues: Dict[str, List[str]] = {}
        self._tasks: Dict[str, asyncio.Task[None]] = {}
        self._all_tasks: Set[asyncio.Task[None]] = set()
        self._runtime_seq = 0
        self._idle_timers: Dict[str, asyncio.Task[None]] = {}
        self.deleted_runtimes = 0

    # ---- runtimes -------------------------------------------------------------------

    def create_runtime(self, body: Mapping[str, Any]) -> Runtime:
        with self.lock:
            runtime_id = str(uuid.uuid4())
            run_id = str(uuid.uuid4())
            config = body.get("config")
            metadata = body.get("metadata")
            runtime = Runtime(
                id=runtime_id,
                space_id=str(body["spaceId"]),
                run_id=run_id,
                name=str(body.get("name") or f"runtime-{runtime_id[:8]}"),
                type=str(body.get("type", "browser")),
                config=dict(config) if isinstance(config, dict) else {},
                metadata=dict(metadata) if isinstance(metadata, dict) else None,
                created_at=utcnow(),
            )
            self._runtime_seq += 1
            runtime.seq = self._runtime_seq
            self.runtimes[runtime_id] = runtime
            self.runs[run_id] = runtime_id
            self._arm_idle_timer(runtime)
            return runtime

    def add_runtime(
        self,
        space_id: Optional[str] = None,
        name: Optional[str] = None,
        idle_timeout_minutes: Optional[int] = None,
    ) -> Runtime:
        """Create a runtime directly (for tests); same as ``POST /v2/runtimes``."""
        body: Dict[str, Any] = {"spaceId": space_id or str(uuid.uuid4()), "type": "browser"}
        if name is not None:
            body["name"] = name
        if idle_timeout_minutes is not None:
            body["config"] = {"lifecycle": {"idleTimeoutMinutes": idle_timeout_minutes}}
        return self.create_runtime(body)

    def list_runtimes(
        self, *, statuses: Optional[List[str]], cursor: Optional[str], limit: int
    ) -> Tuple[List[Runtime], Optional[str]]:
        """One page of runtimes in creation order (``InvalidCursor`` for a foreign cursor)."""
        with self.lock:
            items = [rt for rt in self.runtimes.values() if statuses is None or rt.status in statuses]
            return paginate(items, key=lambda rt: (rt.seq, rt.id), cursor=cursor, limit=limit)

    def stop_runtime(self, runtime_id: str) -> Runtime:
        """Stop an active runtime (its live invocations end ``cancelled``); others are returned unchanged."""
        with self.lock:
            runtime = self.runtime(runtime_id)
            self._end_runtime(runtime, "stopped")
            return runtime

    def fail_runtime(self, runtime_id: str, message: Optional[str] = None) -> Runtime:
        """Make an active runtime ``failed`` (its live invocations end ``failed``), as if its host died."""
        with self.lock:
            runtime = self.runtime(runtime_id)
            self._end_runtime(runtime, "failed", message=message)
            return runtime

    def fail_runtime_later(self, runtime_id: str, delay: float, message: Optional[str] = None) -> Runtime:
        """Fail the runtime after ``delay`` seconds (now if 0); call on the server loop."""
        with self.lock:
            runtime = self.runtime(runtime_id)
            if delay <= 0:
                self._end_runtime(runtime, "failed", message=message)
                return runtime
            task: asyncio.Task[None] = asyncio.get_running_loop().create_task(self._fail_after(runtime, delay, message))
            self._all_tasks.add(task)
            task.add_done_callback(self._all_tasks.discard)
            return runtime

    async def _fail_after(self, runtime: Runtime, delay: float, message: Optional[str]) -> None:
        await asyncio.sleep(delay)
        with self.lock:
            self._end_runtime(runtime, "failed", message=message)

    def delete_runtime(self, runtime_id: str) -> Runtime:
        """Stop the runtime if it is active and forget it; its run and the run's history stay."""
        with self.lock:
            runtime = self.runtime(runtime_id)
            self._end_runtime(runtime, "stopped")
            del self.runtimes[runtime_id]
            self.deleted_runtimes += 1
            return runtime

    def _end_runtime(self, runtime: Runtime, status: str, *, message: Optional[str] = None) -> None:
        """``active`` -> ``status`` (``stopped`` or ``failed``), ending every live invocation now."""
        if not runtime.active:
            return
        runtime.status = status
        runtime.updated_at = utcnow()
        timer = self._idle_timers.pop(runtime.id, None)
        if timer is not None and timer is not _current_task():
            timer.cancel()
        queued = self._queues.pop(runtime.id, [])
        live = [self.invocations[i] for i in queued if i in self.invocations]
        active = self._active.pop(runtime.id, None)
        if active is not None and active in self.invocations:
            live.insert(0, self.invocations[active])
        live += [
            inv for inv in self._run_invocations.get(runtime.run_id, []) if inv.status == "cancelling"
        ]  # a cancel already under way ends now as well
        if status == "stopped":
            final, text = "cancelled", "The runtime was stopped before the invocation completed."
        else:
            final, text = "failed", message or "The runtime failed before the invocation completed."
        code = DEFAULT_ERROR[final][0]
        for inv in live:
            if inv.terminal:
                continue
            task = self._tasks.pop(inv.id, None)
            if task is not None:
                task.cancel()
            self._finish(inv, final, error={"code": code, "message": text, "details": {"runtimeStatus": status}})

    # ---- idle timeout ---------------------------------------------------------------

    def _arm_idle_timer(self, runtime: Runtime) -> None:
        """(Re)start the idle clock of an active runtime that has no live invocation."""
        minutes = runtime.idle_timeout_minutes
        if minutes is None or not runtime.active:
            return
        old = self._idle_timers.pop(runtime.id, None)
        if old is not None and old is not _current_task():
            old.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # created off the server loop (tests): no timer
        delay = max(minutes, 0) * self.minute_ms / 1000.0
        task: asyncio.Task[None] = loop.create_task(self._idle_stop(runtime, delay))
        self._idle_timers[runtime.id] = task
        self._all_tasks.add(task)
        task.add_done_callback(self._all_tasks.discard)

    def _disarm_idle_timer(self, runtime_id: str) -> None:
        timer = self._idle_timers.pop(runtime_id, None)
        if timer is not None:
            timer.cancel()

    async def _idle_stop(self, runtime: Runtime, delay: float) -> None:
        await asyncio.sleep(delay)
        with self.lock:
            if self._idle_timers.get(runtime.id) is not _current_task():
                return
            del self._idle_timers[runtime.id]
            logger.info("runtime %s: idle for %.3f s, stopping", runtime.id, delay)
            self._end_runtime(runtime, "stopped")

    def runtime(self, runtime_id: str) -> Runtime:
        runtime = self.runtimes.get(runtime_id)
        if runtime is None:
            raise not_found("runtime.not_found", "Runtime", runtime_id)
        return runtime

    # ---- lookups --------------------------------------------------------------------

    def invocation(self, invocation_id: str) -> Invocation:
        inv = self.invocations.get(invocation_id)
        if inv is None:
            raise not_found("invocation.not_found", "Invocation", invocation_id)
        return inv

    def runtime_invocation(self, runtime_id: str, invocation_id: str) -> Invocation:
        self.runtime(runtime_id)
        inv = self.invocation(invocation_id)
        if inv.runtime_id != runtime_id:
            raise not_found("invocation.not_found", "Invocation", invocation_id)
        return inv

    def run_invocation(self, run_id: str, invocation_id: str) -> Invocation:
        self.check_run(run_id)
        inv = self.invocation(invocation_id)
        if inv.run_id != run_id:
            raise not_found("invocation.not_found", "Invocation", invocation_id)
        return inv

    def check_run(self, run_id: str) -> None:
        if run_id not in self.runs:
            raise not_found("run.not_found", "Run", run_id)

    def list_run(
        self,
        run_id: str,
        *,
        statuses: Optional[List[str]],
        actions: Optional[List[str]],
        cursor: Optional[str],
        limit: int,
    ) -> Tuple[List[Invocation], Optional[str]]:
        with self.lock:
            self.check_run(run_id)

            def accept(inv: Invocation) -> bool:
                return (statuses is None or inv.status in statuses) and (actions is None or inv.action in actions)

            return paginate_indexed(
                self._run_invocations.get(run_id, []),
                self._run_seqs.get(run_id, []),
                key=lambda inv: (inv.seq, inv.id),
                accept=accept,
                cursor=cursor,
                limit=limit,
            )

    def _store(self, inv: Invocation) -> None:
        """Add a new invocation (the highest sequence so far) to the store and its indexes."""
        self.invocations[inv.id] = inv
        self._run_invocations.setdefault(inv.run_id, []).append(inv)
        self._run_seqs.setdefault(inv.run_id, []).append(inv.seq)
        if inv.idempotency_key is not None:
            self._key_counts[inv.idempotency_key] = self._key_counts.get(inv.idempotency_key, 0) + 1

    # ---- idempotency ----------------------------------------------------------------

    def replay(self, scope: Tuple[str, str, str], operation: str, body: Any) -> Optional[IdempotencyRecord]:
        """The stored answer for this key, ``None`` if new; 409 if the request differs."""
        with self.lock:
            record = self.idempotency.get(scope)
            if record is None:
                return None
            if record.fingerprint != fingerprint(operation, body):
                raise ApiError(
                    409,
                    "idempotency.conflict",
                    "This Idempotency-Key was already used with a different request.",
                    details={"idempotencyKey": scope[2], "invocationId": record.invocation_id},
                    hint="Use a new Idempotency-Key for a different request.",
                )
            return record

    def remember(
        self,
        scope: Tuple[str, str, str],
        operation: str,
        body: Any,
        status: int,
        response: Dict[str, Any],
        invocation_id: str,
    ) -> None:
        with self.lock:
            self.idempotency[scope] = IdempotencyRecord(fingerprint(operation, body), status, response, invocation_id)

    def count_by_key(self, key: str) -> int:
        """How many invocations were stored under an idempotency key."""
        with self.lock:
            return self._key_counts.get(key, 0)

    # ---- scripts --------------------------------------------------------------------

    def add_script(self, script: Script) -> None:
        with self.lock:
            self.scripts.append(script)

    # ---- invocations ----------------------------------------------------------------

    def create_invocation(
        self,
        runtime_id: str,
        request: Mapping[str, Any],
        *,
        idempotency_key: Optional[str] = None,
        space_id: Optional[str] = None,
    ) -> Invocation:
        """Store a new invocation (``queued``) and start it if its runtime is free."""
        with self.lock:
            runtime = self.runtime(runtime_id)
            if not runtime.active:
                raise ApiError(
                    409,
                    "runtime.not_executable",
                    f"Runtime '{runtime_id}' is {runtime.status}; invocations need an active runtime.",
                    details={"runtimeId": runtime_id, "status": runtime.status},
                    hint="Create a new runtime.",
                )
            legacy: Optional[LegacyInfo] = None
            if space_id is not None:
                if runtime.space_id != space_id:
                    raise not_found("runtime.not_found", "Runtime", runtime_id)
                runtime.sequence += 1
                provider = str(request.get("provider"))
                options = request.get("options")
                max_steps = options.get("maxSteps") if isinstance(options, dict) else None
                metadata = request.get("metadata")
                legacy = LegacyInfo(
                    space_id=space_id,
                    provider=provider,
                    sequence_no=runtime.sequence,
                    entry_call=f"{provider}.{request.get('operation', 'agent.execute')}",
                    max_steps=max_steps if isinstance(max_steps, int) else None,
                    metadata=dict(metadata) if isinstance(metadata, dict) else None,
                )
                action = LEGACY_ACTIONS.get(provider, "stagehandAgent")
            else:
                runtime.sequence += 1
                action = str(request["action"])
            self._seq += 1
            script = take_script(self.scripts, runtime_id)
            duration = self.duration_ms
            if script is not None and script.duration_ms is not None:
                duration = script.duration_ms
            inv = Invocation(
                id=str(uuid.uuid4()),
                runtime_id=runtime_id,
                run_id=runtime.run_id,
                action=action,
                request=dict(request),
                seq=self._seq,
                created_at=utcnow(),
                script=script,
                duration_ms=duration,
                idempotency_key=idempotency_key,
                legacy=legacy,
            )
            self._store(inv)
            self._queues.setdefault(runtime_id, []).append(inv.id)
            self._disarm_idle_timer(runtime_id)
            self._advance(runtime_id)
            return inv

    def seed_invocations(self, runtime_id: str, count: int, status: str = "succeeded") -> List[Invocation]:
        """Store ``count`` invocations of ``runtime_id`` that are already ``status`` (terminal).

        For tests and benchmarks that need a large history: no timers run and no scripts
        are consumed, and :attr:`on_terminal` is not called. Each is an ``act`` with the
        default output (``succeeded``) or the default error of its status, numbered after
        everything stored so far, and appears in its run's listing like any other.
        """
        if status not in TERMINAL_STATUSES:
            raise ValueError(f"status must be one of {', '.join(TERMINAL_STATUSES)}")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError("count must be a non-negative integer")
        request = {"action": "act", "instruction": "seeded"}
        error: Optional[Dict[str, Any]] = None
        if status != "succeeded":
            code, message = DEFAULT_ERROR[status]
            error = {"code": code, "message": message}
        with self.lock:
            runtime = self.runtime(runtime_id)
            now = utcnow()
            seeded: List[Invocation] = []
            for _ in range(count):
                self._seq += 1
                runtime.sequence += 1
                inv = Invocation(
                    id=str(uuid.uuid4()),
                    runtime_id=runtime_id,
                    run_id=runtime.run_id,
                    action="act",
                    request=dict(request),
                    seq=self._seq,
                    created_at=now,
                    duration_ms=0,
                    status=status,
                    started_at=now,
                    finished_at=now,
                    heartbeat_at=now,
                    output=default_output("act", request) if error is None else None,
                    error=dict(error) if error is not None else None,
                )
                self._store(inv)
                seeded.append(inv)
            return seeded

    def _advance(self, runtime_id: str) -> None:
        """Start the next queued invocation of a runtime if none holds it; idle, start its idle clock."""
        if runtime_id in self._active:
            return
        runtime = self.runtimes.get(runtime_id)
        if runtime is None or not runtime.active:
            return
        queue = self._queues.get(runtime_id, [])
        while queue:
            inv = self.invocations.get(queue.pop(0))
            if inv is None or inv.terminal:
                continue
            self._active[runtime_id] = inv.id
            self._spawn(inv.id, self._drive(inv))
            return
        self._arm_idle_timer(runtime)

    def _spawn(self, invocation_id: str, coro: Any) -> None:
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(coro)
        self._tasks[invocation_id] = task
        self._all_tasks.add(task)
        task.add_done_callback(self._all_tasks.discard)
        task.add_done_callback(lambda done: self._task_done(invocation_id, done))

    def _task_done(self, invocation_id: str, task: asyncio.Task[None]) -> None:
        """If one of an invocation's timers raised, the invocation ends ``failed``.

        No timer may die silently: an invocation whose task crashed would stay live for
        ever (and hold its runtime, so everything queued behind it would too).
        """
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        logger.error("invocation %s: its lifecycle task failed", invocation_id, exc_info=exc)
        with self.lock:
            inv = self.invocations.get(invocation_id)
            if inv is None or inv.terminal:
                return
            code, message = DEFAULT_ERROR["failed"]
            self._finish(
                inv,
                "failed",
                error={
                    "code": code,
                    "message": f"{message} The emulator could not run it ({type(exc).__name__}).",
                },
            )

    async def _drive(self, inv: Invocation) -> None:
        phases = Phases.for_duration(inv.duration_ms)
        await asyncio.sleep(phases.queued)
        with self.lock:
            if inv.status != "queued":
                return
            inv.status = "dispatching"
            inv.started_at = inv.heartbeat_at = utcnow()
        cut = timeout_cut(phases, inv.timeout_ms)
        loop = asyncio.get_running_loop()
        began = loop.time()
        if cut is not None and cut < phases.dispatching:
            await asyncio.sleep(cut)
            self._time_out(inv)
            return
        await asyncio.sleep(phases.dispatching)
        with self.lock:
            if inv.status != "dispatching":
                return
            inv.status = "running"
            inv.heartbeat_at = utcnow()
        if cut is not None:
            await asyncio.sleep(max(cut - (loop.time() - began), 0.0))
            self._time_out(inv)
            return
        await asyncio.sleep(phases.running)
        self._complete(inv)

    def _time_out(self, inv: Invocation) -> None:
        with self.lock:
            if inv.status not in ("dispatching", "running"):
                return
            code, message = DEFAULT_ERROR["timed_out"]
            self._finish(
                inv,
                "timed_out",
                error={
                    "code": code,
                    "message": message,
                    "details": {"timeoutMs": inv.timeout_ms},
                },
            )

    def _complete(self, inv: Invocation) -> None:
        with self.lock:
            if inv.status != "running":
                return
            status, output, error = self.outcome(inv)
            self._finish(inv, status, output=output, error=error)

    def outcome(self, inv: Invocation) -> Tuple[str, Any, Optional[Dict[str, Any]]]:
        """The terminal status, output and error an invocation ends with."""
        script = inv.script
        final = script.final_status if script is not None else None
        if script is not None and final is not None and final != "succeeded":
            code, message = DEFAULT_ERROR[final]
            error: Dict[str, Any] = {
                "code": script.error_code or code,
                "message": script.error_message or message,
            }
            if script.error_details is not None:
                error["details"] = script.error_details
            return final, None, error
        schema = inv.output_schema
        if script is not None and script.output is not UNSET:
            output = script.output
        elif schema is not None:
            try:
                output = generate(schema)
            except CannotGenerate as exc:
                return "failed", None, _validation_error([str(exc)])
        else:
            output = default_output(inv.action, _output_request(inv))
        validate = script.validate_output if script is not None else True
        if schema is not None and validate:
            problems = output_errors(schema, output)
            if problems:
                return "failed", None, _validation_error(problems)
        return "succeeded", output, None

    def _finish(
        self,
        inv: Invocation,
        status: str,
        *,
        output: Any = None,
        error: Optional[Dict[str, Any]] = None,
    ) -> None:
        """Make an invocation terminal (exactly once), wake waiters, free its runtime."""
        if inv.terminal:
            return
        inv.status = status
        inv.output = output
        inv.error = error
        inv.finished_at = inv.heartbeat_at = utcnow()
        for callback in list(self.on_terminal):
            try:
                callback(inv)
            except Exception:
                logger.exception("invocation %s: an on_terminal callback failed", inv.id)
        if inv.done is not None:
            inv.done.set()
        self._tasks.pop(inv.id, None)
        if self._active.get(inv.runtime_id) == inv.id:
            del self._active[inv.runtime_id]
            self._advance(inv.runtime_id)

    def cancel(self, inv: Invocation) -> Invocation:
        """Move a live invocation to ``cancelling`` (``cancelled`` shortly after)."""
        with self.lock:
            if inv.terminal or inv.status == "cancelling":
                return inv
            inv.status = "cancelling"
            inv.cancel_requested_at = utcnow()
            task = self._tasks.pop(inv.id, None)
            if task is not None:
                task.cancel()
            queue = self._queues.get(inv.runtime_id, [])
            if inv.id in queue:
                queue.remove(inv.id)
            delay = min(CANCEL_DELAY_MS, max(inv.duration_ms // 4, 1)) / 1000.0
            self._spawn(inv.id, self._cancelled_after(inv, delay))
            return inv

    async def _cancelled_after(self, inv: Invocation, delay: float) -> None:
        await asyncio.sleep(delay)
        with self.lock:
            code, message = DEFAULT_ERROR["cancelled"]
            self._finish(inv, "cancelled", error={"code": code, "message": message})

    def done_event(self, inv: Invocation) -> asyncio.Event:
        """An event set when the invocation turns terminal (create on the server loop)."""
        with self.lock:
            if inv.done is None:
                inv.done = asyncio.Event()
                if inv.terminal:
                    inv.done.set()
            return inv.done

    # ---- housekeeping ---------------------------------------------------------------

    def snapshot(self) -> Dict[str, Any]:
        """Counts and every invocation (with its idempotency key), in creation order."""
        with self.lock:
            invocations = list(self.invocations.values())  # stored in creation order
            counts: Dict[str, int] = {}
            for inv in invocations:
                counts[inv.status] = counts.get(inv.status, 0) + 1
            by_key = dict(self._key_counts)
            runtimes_by_status: Dict[str, int] = {}
            for rt in self.runtimes.values():
                runtimes_by_status[rt.status] = runtimes_by_status.get(rt.status, 0) + 1
            return {
                "counts": {
                    "runtimes": len(self.runtimes),
                    "runtimesByStatus": runtimes_by_status,
                    "runtimesDeleted": self.deleted_runtimes,
                    "invocations": len(invocations),
                    "byStatus": counts,
                    "scriptsPending": sum(s.count for s in self.scripts),
                },
                "runtimes": [rt.to_json() for rt in self.runtimes.values()],
                "invocations": [inv.to_state() for inv in invocations],
                "idempotencyKeys": by_key,
            }

    def reset(self) -> None:
        """Forget everything and stop every timer (call on the server loop)."""
        with self.lock:
            for task in list(self._all_tasks):
                task.cancel()
            for inv in self.invocations.values():
                if inv.done is not None:
                    inv.done.set()
            self.runtimes.clear()
            self.runs.clear()
            self.invocations.clear()
            self._run_invocations.clear()
            self._run_seqs.clear()
            self._key_counts.clear()
            self.idempotency.clear()
            self.scripts.clear()
            self._active.clear()
            self._queues.clear()
            self._tasks.clear()
            self._idle_timers.clear()
            self.deleted_runtimes = 0

    async def aclose(self) -> None:
        """Cancel every timer and wait for them to finish."""
        with self.lock:
            tasks = list(self._all_tasks)
            for task in tasks:
                task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


def _current_task() -> Optional[asyncio.Task[Any]]:
    try:
        return asyncio.current_task()
    except RuntimeError:
        return None


def _output_request(inv: Invocation) -> Dict[str, Any]:
    """The fields default outputs use, for both create contracts."""
    if inv.legacy is None:
        return inv.request
    source = inv.request.get("input")
    instruction = source.get("instruction") if isinstance(source, dict) else None
    return {"instruction": instruction, "maxSteps": inv.legacy.max_steps}


def _validation_error(problems: List[str]) -> Dict[str, Any]:
    return {
        "code": "invocation.output_validation_failed",
        "message": "The output did not match the requested output schema.",
        "details": {"errors": problems},
    }
