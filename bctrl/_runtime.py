"""The typed view of a runtime that the SDK returns, and the ``with`` block that stops it.

A runtime returned by ``client.runtimes`` remembers that namespace (``owner``), so it can
be used as a context manager: ``with client.runtimes.create(...) as rt:`` (or ``async with``
on :class:`~bctrl.AsyncBctrl`) stops the runtime when the block ends, however it ends —
normally, by an exception, ``KeyboardInterrupt`` or task cancellation. The stop is bounded
by :data:`STOP_TIMEOUT`; if it fails, that is logged and raised only when the block itself
raised nothing (the block's own exception is never replaced, it gets a note instead).
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import logging
from types import TracebackType
from typing import TYPE_CHECKING, Any, Dict, Optional, Protocol, Type

import attrs

from ._invocation import parse_timestamp
from ._results import RawResponse, Result

if TYPE_CHECKING:
    from ._params import RuntimeStatus, RuntimeType

log = logging.getLogger("bctrl")

STOP_TIMEOUT = 10.0
"""The most, in seconds, that stopping a runtime at the end of its ``with`` block may take."""


class _SyncOwner(Protocol):
    def _stop_on_exit(self, runtime_id: str) -> Any: ...


class _AsyncOwner(Protocol):
    async def _astop_on_exit(self, runtime_id: str) -> Any: ...


@attrs.frozen
class Runtime(Result):
    """A runtime as the API reported it. ``active_run_id`` is the run its invocations join
    (``None`` once the runtime is no longer ``active``).

    ``status`` and ``type`` are typed with the values this SDK knows; another value is kept
    as it came. ``to_dict()`` / ``to_json()`` give the API's JSON, ``request_id`` and
    ``response`` the HTTP answer it was read from; hashing never fails.
    """

    id: str
    status: RuntimeStatus
    type: RuntimeType
    name: str
    active_run_id: Optional[str]
    created_at: _dt.datetime
    updated_at: _dt.datetime
    config: Dict[str, Any] = attrs.field(factory=dict)
    metadata: Optional[Dict[str, Any]] = None
    extra: Dict[str, Any] = attrs.field(factory=dict, repr=False)
    response: Optional[RawResponse] = attrs.field(default=None, eq=False, repr=False)
    """The HTTP answer this state was read from."""

    _wire = (
        ("id", "id"),
        ("status", "status"),
        ("type", "type"),
        ("name", "name"),
        ("active_run_id", "activeRunId"),
        ("created_at", "createdAt"),
        ("updated_at", "updatedAt"),
        ("config", "config"),
        ("metadata", "metadata"),
    )
    _always = ("active_run_id",)

    def __hash__(self) -> int:
        return hash((self.id, self.status, self.updated_at))

    _owner: Any = attrs.field(default=None, repr=False, eq=False)

    def __getstate__(self) -> Dict[str, Any]:
        """Pickled (or copied) as a plain value: the client it came from stays behind."""
        state = {a.name: getattr(self, a.name) for a in attrs.fields(Runtime)}
        state["_owner"] = None
        return state

    def __setstate__(self, state: Dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    # ---- with ------------------------------------------------------------------------

    def __enter__(self) -> Runtime:
        self._sync_owner()
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        failure: Optional[Exception] = None
        try:
            self._sync_owner()._stop_on_exit(self.id)
        except Exception as err:
            failure = err
        settle_stop(self.id, failure, exc)

    async def __aenter__(self) -> Runtime:
        self._async_owner()
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        # The stop runs as a task of its own, shielded: if the block's task is cancelled
        # again while it stops, the stop still completes (in the background) and the
        # cancellation goes on up.
        stopping = asyncio.ensure_future(self._async_owner()._astop_on_exit(self.id))
        stopping.add_done_callback(_log_orphan)
        failure: Optional[Exception] = None
        try:
            await asyncio.shield(stopping)
        except Exception as err:
            failure = err
        settle_stop(self.id, failure, exc)

    def _sync_owner(self) -> _SyncOwner:
        owner = self._owner
        if owner is None or not hasattr(owner, "_stop_on_exit"):
            raise TypeError(_misuse(owner, "with", "async with"))
        return owner  # type: ignore[no-any-return]

    def _async_owner(self) -> _AsyncOwner:
        owner = self._owner
        if owner is None or not hasattr(owner, "_astop_on_exit"):
            raise TypeError(_misuse(owner, "async with", "with"))
        return owner  # type: ignore[no-any-return]


def _misuse(owner: Any, used: str, other: str) -> str:
    if owner is None:
        return f"only a runtime returned by a client's `runtimes` can be used in `{used}`"
    return f"this runtime comes from a client of the other kind: use `{other}`"


def settle_stop(runtime_id: str, failure: Optional[Exception], pending: Optional[BaseException]) -> None:
    """What a failed stop at the end of a ``with`` block does, given the block's own exception.

    A runtime that is already gone (404) counts as stopped. Any other failure is logged;
    it is raised only when the block raised nothing, and otherwise noted on the block's
    exception, which goes on unchanged.
    """
    if failure is None:
        return
    from ._errors import NotFoundError

    if isinstance(failure, NotFoundError):
        log.debug("runtime %s was already deleted when its block ended", runtime_id)
        return
    log.warning("could not stop runtime %s at the end of its block: %s", runtime_id, failure)
    if pending is None:
        raise failure
    note = f"bctrl: stopping runtime {runtime_id} at the end of the block also failed: {failure}"
    add_note = getattr(pending, "add_note", None)  # Python 3.11+
    if callable(add_note):
        add_note(note)


def _log_orphan(task: asyncio.Future[Any]) -> None:
    """Retrieve the outcome of a stop nobody waits for any more (its waiter was cancelled)."""
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        log.debug("stopping a runtime in the background failed: %s", exc)


def runtime_from_model(model: Any, response: Optional[RawResponse] = None, owner: Any = None) -> Runtime:
    """Build a :class:`Runtime` from the generated ``Runtime``; ``ValueError`` if malformed."""
    from bctrl_api.types import Unset

    def plain(value: Any) -> Any:
        if isinstance(value, Unset) or value is None:
            return None
        return value.to_dict() if hasattr(value, "to_dict") else value

    created = parse_timestamp(model.created_at, "createdAt")
    updated = parse_timestamp(model.updated_at, "updatedAt")
    if created is None or updated is None:
        raise ValueError("createdAt and updatedAt are required")
    return Runtime(
        id=str(model.id),
        status=getattr(model.status, "value", model.status),
        type=getattr(model.type_, "value", model.type_),
        name=model.name,
        active_run_id=None if model.active_run_id is None else str(model.active_run_id),
        created_at=created,
        updated_at=updated,
        config=plain(model.config) or {},
        metadata=plain(model.metadata),
        extra=dict(model.additional_properties),
        owner=owner,
        response=response,
    )
