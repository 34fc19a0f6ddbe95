"""Pure pieces of the invocation lifecycle: statuses, phase timing and scripted outcomes."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Dict, List, Mapping, Optional, Tuple

LIVE = ("queued", "dispatching", "running", "cancelling")
TERMINAL = ("succeeded", "failed", "cancelled", "timed_out")

DEFAULT_DURATION_MS = 200
QUEUED_SHARE = 0.1
DISPATCHING_SHARE = 0.2
CANCEL_DELAY_MS = 30
# A ``timeoutMs`` above this (about 31 years) cannot end an emulated invocation: no timeout.
MAX_TIMEOUT_MS = 10**12

# The error code each non-success terminal status carries unless a script says otherwise.
DEFAULT_ERROR: Dict[str, Tuple[str, str]] = {
    "failed": ("invocation.failed", "The invocation failed."),
    "timed_out": ("invocation.timed_out", "The invocation exceeded its timeout."),
    "cancelled": ("invocation.cancelled", "The invocation was cancelled before completion."),
}


class Unset:
    """Marks "not given" where ``None`` is a meaningful value (an output of ``null``)."""

    _instance: Optional[Unset] = None

    def __new__(cls) -> Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET = Unset()


def is_terminal(status: str) -> bool:
    return status in TERMINAL


def iso(moment: datetime) -> str:
    """ISO-8601 UTC with millisecond precision and a ``Z`` suffix."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + (f"{moment.microsecond // 1000:03d}Z")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Phases:
    """Seconds spent queued (once it is this invocation's turn), dispatching and running."""

    queued: float
    dispatching: float
    running: float

    @classmethod
    def for_duration(cls, duration_ms: int) -> Phases:
        total = max(duration_ms, 0) / 1000.0
        return cls(
            queued=total * QUEUED_SHARE,
            dispatching=total * DISPATCHING_SHARE,
            running=total * (1 - QUEUED_SHARE - DISPATCHING_SHARE),
        )


def timeout_cut(phases: Phases, timeout_ms: Optional[int]) -> Optional[float]:
    """Seconds after dispatch begins at which ``timeoutMs`` ends the invocation, if it does.

    ``timeoutMs`` counts from the moment the invocation leaves the queue; an invocation
    whose dispatching plus running would take longer ends ``timed_out`` at that point. A
    value above :data:`MAX_TIMEOUT_MS` (JSON allows integers no float can hold) means no
    timeout; the comparison stays in integers so it cannot overflow.
    """
    if timeout_ms is None or timeout_ms > MAX_TIMEOUT_MS:
        return None
    budget = max(timeout_ms, 0) / 1000.0
    if budget < phases.dispatching + phases.running:
        return budget
    return None


@dataclass
class Script:
    """A queued outcome for the next matching invocation(s)."""

    output: Any = UNSET
    error_code: Optional[str] = None
    error_message: Optional[str] = None
    error_details: Optional[Dict[str, Any]] = None
    duration_ms: Optional[int] = None
    status: Optional[str] = None
    runtime_id: Optional[str] = None
    count: int = 1
    validate_output: bool = True

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in TERMINAL:
            raise ValueError(f"status must be one of {', '.join(TERMINAL)}, got {self.status!r}")
        if self.status == "succeeded" and self.error_code is not None:
            raise ValueError("a succeeded outcome cannot carry an error_code")
        if self.status in ("failed", "timed_out", "cancelled") and self.output is not UNSET:
            raise ValueError(f"a {self.status} outcome cannot carry an output")
        if self.error_code is not None and self.output is not UNSET:
            raise ValueError("give either output or error_code, not both")
        if self.duration_ms is not None and (
            isinstance(self.duration_ms, bool)
            or not isinstance(self.duration_ms, int)
            or not 0 <= self.duration_ms <= 600_000
        ):
            raise ValueError("duration_ms must be an integer between 0 and 600000")
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 1:
            raise ValueError("count must be a positive integer")
        if self.error_details is not None and not isinstance(self.error_details, dict):
            raise ValueError("error_details must be an object")
        for name in ("error_code", "error_message", "runtime_id"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{name} must be a string")

    @property
    def final_status(self) -> Optional[str]:
        if self.status is not None:
            return self.status
        if self.error_code is not None:
            return "failed"
        return None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Script:
        known = {
            "output",
            "error_code",
            "error_message",
            "error_details",
            "duration_ms",
            "status",
            "runtime_id",
            "count",
            "validate_output",
        }
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown script field(s): {', '.join(unknown)}")
        values = dict(data)
        if "validate_output" in values and not isinstance(values["validate_output"], bool):
            raise ValueError("validate_output must be a boolean")
        return cls(**values)

    def as_dict(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {
            "error_code": self.error_code,
            "error_message": self.error_message,
            "error_details": self.error_details,
            "duration_ms": self.duration_ms,
            "status": self.status,
            "runtime_id": self.runtime_id,
            "count": self.count,
            "validate_output": self.validate_output,
        }
        if self.output is not UNSET:
            out["output"] = self.output
        return out


def take_script(scripts: List[Script], runtime_id: str) -> Optional[Script]:
    """Pop one use of the first script that applies to ``runtime_id`` (FIFO)."""
    for index, script in enumerate(scripts):
        if script.runtime_id is None or script.runtime_id == runtime_id:
            if script.count <= 1:
                scripts.pop(index)
            else:
                script.count -= 1
            return script
    return None


def fingerprint(operation: str, body: Any) -> str:
    """A canonical digest of a request for idempotency comparison."""
    # ASCII escapes: the digest can be taken of any decoded JSON, even text that is not UTF-8-encodable.
    canonical = json.dumps([operation, body], sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def key_digest(token: str) -> str:
    """A digest of an API key: idempotency is scoped per key without storing the key."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()[:16]
