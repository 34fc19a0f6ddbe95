"""The threaded shell of :class:`~bctrl._schedule.Schedule`: one per :class:`~bctrl.Bctrl`.

The twin of :mod:`bctrl._async_schedule` for waits made from many threads on one client:
the schedule is consulted under a lock, a parked thread sleeps on its own event until a
timer runs out or another thread wakes it.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional

from . import _operations as ops
from ._errors import BctrlError
from ._invocation import Invocation
from ._options import DEFAULT, RequestOptions
from ._schedule import LIVE_STATUSES, Go, ListRun, Schedule, Ticket

if TYPE_CHECKING:
    from ._transport import SyncTransport

log = logging.getLogger("bctrl")

LIST_PAGE = 100
MAX_POLLS = 64
"""Long polls at once from one :class:`~bctrl.Bctrl` (its own pool has 100 connections)."""


class SyncWaits:
    def __init__(self, transport: SyncTransport, schedule: Optional[Schedule] = None) -> None:
        self._t = transport
        self.schedule = schedule if schedule is not None else Schedule(max_polls=MAX_POLLS)
        self._lock = threading.Lock()
        self._events: Dict[int, threading.Event] = {}

    def join(self, invocation: Optional[Invocation], invocation_id: str, *, ordered: bool) -> Ticket:
        with self._lock:
            ticket = self.schedule.join(invocation, invocation_id, time.monotonic(), ordered=ordered)
            self._events[id(ticket)] = threading.Event()
            return ticket

    def leave(self, ticket: Ticket) -> None:
        with self._lock:
            self._wake(self.schedule.leave(ticket))
            self._events.pop(id(ticket), None)

    def poll(
        self,
        ticket: Ticket,
        runtime_id: str,
        invocation_id: str,
        hold_ms: int,
        options: RequestOptions = DEFAULT,
        deadline: Optional[float] = None,
    ) -> Invocation:
        """The invocation's state within ``hold_ms`` (see :meth:`AsyncWaits.poll`)."""
        until = time.monotonic() + hold_ms / 1000.0
        event = self._events[id(ticket)]
        while True:
            with self._lock:
                step = self.schedule.next(ticket, time.monotonic(), until, hold_ms)
                event.clear()
            if isinstance(step, Go):
                answer: Optional[Invocation] = None
                try:
                    answer = self._t.send(
                        ops.wait_invocation(runtime_id, invocation_id, step.hold_ms), options, deadline
                    )
                    return answer
                finally:
                    with self._lock:
                        self._wake(self.schedule.polled(ticket, answer))
            if isinstance(step, ListRun):
                live: Optional[List[Invocation]] = None
                try:
                    live = self._live(step.run_id, deadline)
                except BctrlError as exc:
                    log.debug("reading the live invocations of run %s failed: %s", step.run_id, type(exc).__name__)
                finally:
                    with self._lock:
                        self._wake(self.schedule.listed(step.lane, step.sent_at, live, time.monotonic()))
                continue
            event.wait(max(0.0, step.until - time.monotonic()))

    def _live(self, run_id: str, deadline: Optional[float]) -> List[Invocation]:
        live: List[Invocation] = []
        cursor: Optional[str] = None
        cursors = ops.Cursors()
        while True:
            op = ops.list_run_invocations(run_id, status=LIVE_STATUSES, limit=LIST_PAGE, cursor=cursor)
            page = self._t.send(op, deadline=deadline)
            live.extend(page.data)
            cursor, cursors = cursors.follow(page)
            if cursor is None:
                return live

    def _wake(self, tickets: Iterable[Ticket]) -> None:
        """Call with the lock held."""
        for ticket in tickets:
            event = self._events.get(id(ticket))
            if event is not None:
                event.set()
