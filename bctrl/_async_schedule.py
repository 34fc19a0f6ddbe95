"""The asyncio shell of :class:`~bctrl._schedule.Schedule`: one per :class:`~bctrl.AsyncBctrl`.

A wait registers with :meth:`AsyncWaits.join`, asks :meth:`AsyncWaits.poll` for each of
its polls (an answer as a ``wait`` request would give one, no later than the poll's hold)
and leaves with :meth:`AsyncWaits.leave`. Parking is a future resolved by a timer or by
another wait; nothing runs in the background.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional

from . import _operations as ops
from ._errors import BctrlError
from ._invocation import Invocation
from ._options import DEFAULT, RequestOptions
from ._schedule import LIVE_STATUSES, Go, ListRun, Schedule, Ticket

if TYPE_CHECKING:
    from ._transport import AsyncTransport

log = logging.getLogger("bctrl")

LIST_PAGE = 100


class AsyncWaits:
    def __init__(self, transport: AsyncTransport, schedule: Optional[Schedule] = None) -> None:
        self._t = transport
        self.schedule = schedule if schedule is not None else Schedule()
        self._parked: Dict[int, asyncio.Future[None]] = {}

    def join(self, invocation: Optional[Invocation], invocation_id: str, *, ordered: bool) -> Ticket:
        return self.schedule.join(invocation, invocation_id, time.monotonic(), ordered=ordered)

    def leave(self, ticket: Ticket) -> None:
        self._wake(self.schedule.leave(ticket))

    async def poll(
        self,
        ticket: Ticket,
        runtime_id: str,
        invocation_id: str,
        hold_ms: int,
        options: RequestOptions = DEFAULT,
        deadline: Optional[float] = None,
    ) -> Invocation:
        """The invocation's state within ``hold_ms``: from a long poll when it is this wait's
        turn, else read once it is told to or when the hold ends. ``deadline`` (monotonic)
        bounds each request made for it."""
        until = time.monotonic() + hold_ms / 1000.0
        while True:
            now = time.monotonic()
            step = self.schedule.next(ticket, now, until, hold_ms)
            if isinstance(step, Go):
                answer: Optional[Invocation] = None
                try:
                    got = await self._t.send(
                        ops.wait_invocation(runtime_id, invocation_id, step.hold_ms), options, deadline
                    )
                    answer = got
                    return got
                finally:
                    self._wake(self.schedule.polled(ticket, answer))
            if isinstance(step, ListRun):
                live: Optional[List[Invocation]] = None
                try:
                    live = await self._live(step.run_id, deadline)
                except BctrlError as exc:  # the next reading is due in a while; polls go on meanwhile
                    log.debug("reading the live invocations of run %s failed: %s", step.run_id, type(exc).__name__)
                finally:
                    self._wake(self.schedule.listed(step.lane, step.sent_at, live, time.monotonic()))
                continue
            await self._park(ticket, step.until)

    async def _live(self, run_id: str, deadline: Optional[float]) -> List[Invocation]:
        live: List[Invocation] = []
        cursor: Optional[str] = None
        cursors = ops.Cursors()
        while True:
            op = ops.list_run_invocations(run_id, status=LIVE_STATUSES, limit=LIST_PAGE, cursor=cursor)
            page = await self._t.send(op, deadline=deadline)
            live.extend(page.data)
            cursor, cursors = cursors.follow(page)
            if cursor is None:
                return live

    async def _park(self, ticket: Ticket, until: float) -> None:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        timer = loop.call_at(loop.time() + max(0.0, until - time.monotonic()), _resolve, future)
        self._parked[id(ticket)] = future
        try:
            await future
        finally:
            timer.cancel()
            if self._parked.get(id(ticket)) is future:
                del self._parked[id(ticket)]

    def _wake(self, tickets: Iterable[Ticket]) -> None:
        for ticket in tickets:
            future = self._parked.get(id(ticket))
            if future is not None:
                _resolve(future)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
