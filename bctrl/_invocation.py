"""The typed view of an invocation that the SDK returns."""

from __future__ import annotations

import datetime as _dt
import functools
from typing import TYPE_CHECKING, Any, Dict, Generic, Mapping, Optional, Union

import attrs
from typing_extensions import TypeVar

from ._errors import InvocationError, OutputValidationError, invocation_error_class
from ._results import RawResponse, Result

if TYPE_CHECKING:
    from ._params import InvocationAction, InvocationStatus, InvocationWaitStatus
    from ._schema import OutputSchema

T = TypeVar("T", default=Any)

TERMINAL_STATUSES = frozenset({"succeeded", "failed", "cancelled", "timed_out"})


@attrs.frozen
class InvocationErrorInfo(Result):
    """Why an invocation failed: its ``error`` object."""

    code: Optional[str]
    message: str
    details: Dict[str, Any] = attrs.field(factory=dict)

    _wire = (("code", "code"), ("message", "message"), ("details", "details"))

    def __hash__(self) -> int:
        return hash((self.code, self.message))


@attrs.frozen
class Invocation(Result, Generic[T]):
    """An invocation as the API last reported it.

    ``status`` and ``action`` are typed with the values this SDK knows
    (:data:`bctrl.InvocationStatus`, :data:`bctrl.InvocationAction`); a value it does not
    know yet is kept as it came. Timestamps are timezone-aware datetimes. ``output`` is
    the JSON the server returned; ``parsed`` is that output validated against the schema
    given at create or wait (an instance of the type for ``schema=SomeType``, so
    ``Invocation[SomeType].parsed`` is typed; the JSON itself for a dict schema), and
    ``None`` when no schema was given or the invocation did not succeed. Invocations read
    from a run's list carry no ``output``. ``wait_status`` is set on results of ``wait``.

    ``to_dict()`` / ``to_json()`` give the API's JSON; ``response`` is the HTTP answer
    this state was read from and ``request_id`` its request id. Equality compares the
    fields; hashing never fails (it uses ``id``, ``status`` and ``finished_at``).
    """

    id: str
    status: InvocationStatus
    action: InvocationAction
    run_id: str
    runtime_id: str
    created_at: _dt.datetime
    started_at: Optional[_dt.datetime] = None
    finished_at: Optional[_dt.datetime] = None
    duration_ms: Optional[int] = None
    output: Any = None
    error: Optional[InvocationErrorInfo] = None
    parsed: Optional[T] = None
    wait_status: Optional[InvocationWaitStatus] = None
    retry_after_ms: Optional[int] = None
    extra: Dict[str, Any] = attrs.field(factory=dict, repr=False)
    """Fields the server sent that this SDK version does not know."""
    response: Optional[RawResponse] = attrs.field(default=None, eq=False, repr=False)
    """The HTTP answer this state was read from."""
    output_schema: Optional[OutputSchema] = attrs.field(default=None, eq=False, repr=False)
    """The schema given at create (or wait): waiting on this invocation validates against it."""

    _wire = (
        ("id", "id"),
        ("status", "status"),
        ("action", "action"),
        ("run_id", "runId"),
        ("runtime_id", "runtimeId"),
        ("created_at", "createdAt"),
        ("started_at", "startedAt"),
        ("finished_at", "finishedAt"),
        ("duration_ms", "durationMs"),
        ("output", "output"),
        ("error", "error"),
        ("wait_status", "waitStatus"),
        ("retry_after_ms", "retryAfterMs"),
    )

    def __hash__(self) -> int:
        return hash((self.id, self.status, self.finished_at))

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"

    def error_for_failure(self) -> Optional[InvocationError]:
        """The typed exception for a terminal failure, or ``None`` (live or succeeded)."""
        if not self.is_terminal or self.status == "succeeded":
            return None
        code = self.error.code if self.error else None
        message = self.error.message if self.error else f"invocation ended {self.status}"
        details = self.error.details if self.error else {}
        cls = invocation_error_class(self.status, code)
        if cls is OutputValidationError:
            return OutputValidationError(message, invocation=self, code=code, details=details)
        return cls(message, invocation=self, code=code, details=details)

    def raise_for_failure(self) -> Invocation[T]:
        """Raise the typed :class:`~bctrl.InvocationError` if the invocation failed.

        Returns the invocation itself otherwise, so it chains:
        ``inv = client.runtimes.invocations.wait(...).raise_for_failure()``.
        """
        error = self.error_for_failure()
        if error is not None:
            raise error
        return self


def parse_timestamp(value: Union[str, _dt.datetime, None], field: str) -> Optional[_dt.datetime]:
    """An ISO-8601 timestamp from the API (as text, or already parsed by the generated
    model), as an aware datetime (naive means UTC)."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=_dt.timezone.utc)
    if not isinstance(value, str):
        raise ValueError(f"{field}: not an ISO-8601 timestamp: {value!r}")
    try:  # the common shape, fast: 2024-06-01T12:00:00.123Z
        parsed = _dt.datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError:
        from dateutil.parser import isoparse  # every other ISO-8601 form

        try:
            parsed = isoparse(value)
        except (TypeError, ValueError, OverflowError) as exc:
            raise ValueError(f"{field}: not an ISO-8601 timestamp: {value!r}") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_dt.timezone.utc)
    return parsed


def _unset_to_none(value: Any) -> Any:
    return None if isinstance(value, _unset_type()) else value


@functools.lru_cache(maxsize=1)
def _unset_type() -> type:
    from bctrl_api.types import Unset  # the generated package loads on first use, not on import

    return Unset


def invocation_from_model(model: Any, response: Optional[RawResponse] = None) -> Invocation[Any]:
    """Build an :class:`Invocation` from a generated ``Invocation``, ``InvocationWaitResponse``
    or ``InvocationSummary``. Raises ``ValueError`` on a malformed value."""
    error = _unset_to_none(getattr(model, "error", None))
    info = None
    if error is not None:
        if isinstance(error, Mapping):  # a shape the generated model could not parse
            raise ValueError(f"error: unexpected shape {error!r}")
        info = InvocationErrorInfo(
            code=_enum_value(_unset_to_none(error.code)),
            message=error.message,
            details=dict(_unset_to_none(error.details).to_dict()) if _unset_to_none(error.details) else {},
        )
    duration = _unset_to_none(getattr(model, "duration_ms", None))
    if duration is not None and (not isinstance(duration, int) or isinstance(duration, bool)):
        raise ValueError(f"durationMs: expected an integer, got {duration!r}")
    retry_after = _unset_to_none(getattr(model, "retry_after_ms", None))
    if retry_after is not None and (not isinstance(retry_after, int) or isinstance(retry_after, bool)):
        raise ValueError(f"retryAfterMs: expected an integer, got {retry_after!r}")
    wait_status = _unset_to_none(getattr(model, "wait_status", None))
    created_at = parse_timestamp(model.created_at, "createdAt")
    if created_at is None:
        raise ValueError("createdAt: expected a timestamp, got null")
    return Invocation(
        id=str(model.id),
        status=_enum_value(model.status),
        action=_enum_value(model.action),
        run_id=str(model.run_id),
        runtime_id=str(model.runtime_id),
        created_at=created_at,
        started_at=parse_timestamp(_unset_to_none(getattr(model, "started_at", None)), "startedAt"),
        finished_at=parse_timestamp(_unset_to_none(model.finished_at), "finishedAt"),
        duration_ms=duration,
        output=_unset_to_none(getattr(model, "output", None)),
        error=info,
        wait_status=_enum_value(wait_status) if wait_status is not None else None,
        retry_after_ms=retry_after,
        extra=dict(model.additional_properties),
        response=response,
    )


def _enum_value(value: Any) -> Any:
    return getattr(value, "value", value)
