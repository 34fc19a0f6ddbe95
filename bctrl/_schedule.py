"""Many waits on one client: which hold a long poll, and which are told. No I/O.

Each wait of a client asks :meth:`Schedule.next` what to do for its next poll (the
:class:`~bctrl._wait.Waiter` still decides *when* to poll and for how long):

- :class:`Go`: send the ``wait`` request now, holding it ``hold_ms`` (0: read the state
  without holding a connection);
- :class:`Park`: send nothing; sleep until ``until`` unless woken sooner;
- :class:`ListRun`: read the run's live invocations (``status`` = the live statuses,
  every page) and report them with :meth:`Schedule.listed`.

Two facts decide. Invocations on one runtime run one at a time in creation order, so of
the waits on a runtime's run (a *lane*) only the oldest (the *head*) can finish next in
the ordinary course: the head holds a long poll, the others are parked and the head's
end wakes the next one. An invocation behind the head can still end out of turn
(cancelled by someone else, its runtime stopped): every :data:`LIST_INTERVAL` seconds one
parked wait of the lane reads the run's live invocations (less often with more than
``LIST_INTERVAL * LISTINGS_PER_SECOND`` lanes), and a parked wait missing from that list
(so terminal) or reported running is woken to poll. A parked wait also reads
its state when its poll's hold ends, so a budget always ends with the freshest state.

Long polls hold a connection each: at most ``max_polls`` are in flight at once, granted
first come first served; a wait granted none within its hold reads its state instead.
Waits that cannot be ordered (no creation time known, or following progress) are heads
of their own.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import math
from collections import deque
from typing import Deque, Dict, Iterable, List, Optional, Set, Tuple, Union

import attrs

from ._invocation import Invocation

LIVE_STATUSES = ("queued", "dispatching", "running", "cancelling")
"""The statuses of an invocation that has not ended (the filter of a lane's listing)."""
STARTED_STATUSES = frozenset({"dispatching", "running", "cancelling"})
LIST_INTERVAL = 5.0
"""Seconds between two readings of a lane's live invocations, while it has parked waits."""
LISTINGS_PER_SECOND = 100.0
"""Readings of live invocations per second, all lanes together, at most: with more than
``LIST_INTERVAL * LISTINGS_PER_SECOND`` lanes the interval grows with their number."""
MAX_POLLS = 240
"""Long polls in flight at once, per client (each holds a connection): of an
:class:`~bctrl.AsyncBctrl`'s 256 connections, 16 stay for other work (creates, listings)."""

LaneKey = Tuple[str, str]
"""(runtime id, run id)."""


@attrs.frozen
class Go:
    hold_ms: int
    """How long the server may hold the request; 0 reads the state at once."""


@attrs.frozen
class Park:
    until: float
    """Monotonic time to wake up at, unless woken sooner."""


@attrs.frozen
class ListRun:
    run_id: str
    lane: LaneKey
    sent_at: float


Step = Union[Go, Park, ListRun]


@attrs.define(eq=False)
class Ticket:
    """One wait known to the schedule."""

    invocation_id: str
    lane: Optional[LaneKey]
    """``None``: not ordered against others (always a head)."""
    order: Tuple[_dt.datetime, int]
    joined: float
    has_slot: bool = False
    queued: bool = False
    """Waiting for a slot."""
    started: bool = False
    """A listing reported it started (so it is at the head, whatever its creation time says)."""
    gone: bool = False
    """A listing no longer reported it live: it ended out of turn; read it without holding."""
    done: bool = False


@attrs.define(eq=False)
class Lane:
    key: LaneKey
    tickets: List[Ticket] = attrs.field(factory=list)
    """Sorted by creation order."""
    started: List[Ticket] = attrs.field(factory=list)
    """Waits a listing saw started (heads whatever their creation time says)."""
    next_list: float = math.inf
    listing: bool = False
    lister: Optional[Ticket] = None
    """The parked wait that reads the lane's live invocations when due (one per lane)."""

    def heads(self) -> List[Ticket]:
        """The waits at the front: every one created at the earliest creation time (a
        tie cannot be ordered), and those a listing saw started."""
        if not self.tickets:
            return []
        first = self.tickets[0].order[0]
        front = list(itertools.takewhile(lambda t: t.order[0] == first, self.tickets))
        return front + [t for t in self.started if t.order[0] != first]


_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)


@attrs.define
class Schedule:
    max_polls: int = MAX_POLLS
    list_interval: float = LIST_INTERVAL
    listings_per_second: float = LISTINGS_PER_SECOND
    polls: int = 0
    """Slots in use."""
    _lanes: Dict[LaneKey, Lane] = attrs.field(factory=dict)
    _slot_queue: Deque[Ticket] = attrs.field(factory=deque)
    _seq: itertools.count[int] = attrs.field(factory=itertools.count)

    # ---- joining and leaving --------------------------------------------------------

    def join(self, invocation: Optional[Invocation], invocation_id: str, now: float, *, ordered: bool) -> Ticket:
        """Register a wait. ``invocation`` is its state as created; with ``ordered`` (and
        that state) the wait is ordered against the others of its run."""
        seq = next(self._seq)
        if not ordered or invocation is None:
            return Ticket(invocation_id=invocation_id, lane=None, order=(_EPOCH, seq), joined=now)
        key = (invocation.runtime_id, invocation.run_id)
        ticket = Ticket(invocation_id=invocation_id, lane=key, order=(invocation.created_at, seq), joined=now)
        lane = self._lanes.get(key)
        if lane is None:
            lane = self._lanes[key] = Lane(key, next_list=now + self._interval())
        _insort(lane.tickets, ticket)
        return ticket

    def leave(self, ticket: Ticket) -> List[Ticket]:
        """The wait is over (whatever the reason). Returns the waits to wake."""
        wake: List[Ticket] = []
        ticket.done = True
        if ticket.queued:
            ticket.queued = False
            self._slot_queue.remove(ticket)
        if ticket.has_slot:
            wake.extend(self._release(ticket))
        wake.extend(self._drop_from_lane(ticket))
        return wake

    # ---- decisions ------------------------------------------------------------------

    def next(self, ticket: Ticket, now: float, until: float, hold_ms: int) -> Step:
        """What the wait does now, for a poll that may hold ``hold_ms`` and must be over by
        ``until``."""
        if ticket.gone:
            ticket.gone = False
            return Go(0)
        if self._is_head(ticket):
            if ticket.has_slot:
                return Go(_hold_left(now, until, hold_ms))
            if not ticket.queued and not self._slot_queue and self.polls < self.max_polls:
                self._take(ticket)
                return Go(_hold_left(now, until, hold_ms))
            if now >= until:
                self._unqueue(ticket)
                return Go(0)
            if not ticket.queued:
                ticket.queued = True
                self._slot_queue.append(ticket)
            return Park(until)
        if now >= until:
            return Go(0)
        lane = self._lanes[ticket.lane] if ticket.lane is not None else None
        if lane is None:  # not reachable: a ticket without a lane is always a head
            return Go(0)
        if lane.lister is None:
            lane.lister = ticket
        if lane.lister is not ticket:
            return Park(until)
        if not lane.listing and lane.next_list <= now:
            lane.listing = True
            return ListRun(run_id=lane.key[1], lane=lane.key, sent_at=now)
        return Park(min(until, lane.next_list))

    def polled(self, ticket: Ticket, answer: Optional[Invocation]) -> List[Ticket]:
        """A poll of this wait is over (``answer`` ``None``: it failed). Returns the waits to wake."""
        wake: List[Ticket] = []
        if ticket.has_slot:
            wake.extend(self._release(ticket))
        if answer is not None and answer.is_terminal:
            wake.extend(self._drop_from_lane(ticket))
        return wake

    def listed(self, key: LaneKey, sent_at: float, live: Optional[Iterable[Invocation]], now: float) -> List[Ticket]:
        """The live invocations of a lane's run, read from ``sent_at`` (``None``: the read
        failed). Returns the waits to wake."""
        lane = self._lanes.get(key)
        if lane is None:
            return []
        lane.listing = False
        lane.next_list = now + self._interval()
        if live is None:
            return []
        statuses = {inv.id: inv.status for inv in live}
        heads = {id(t) for t in lane.heads()}
        wake: List[Ticket] = []
        for ticket in lane.tickets:
            if ticket.joined > sent_at or id(ticket) in heads:
                continue  # created after the read was sent, or polling already
            status = statuses.get(ticket.invocation_id)
            if status is None:
                ticket.gone = True
                wake.append(ticket)
            elif status in STARTED_STATUSES and not ticket.started:
                ticket.started = True
                lane.started.append(ticket)
                wake.append(ticket)
        return wake + _hand_over_listing(lane)

    # ---- internals ------------------------------------------------------------------

    def _interval(self) -> float:
        return max(self.list_interval, len(self._lanes) / self.listings_per_second)

    def _is_head(self, ticket: Ticket) -> bool:
        if ticket.lane is None:
            return True
        lane = self._lanes.get(ticket.lane)
        if lane is None or ticket.done:
            return True
        return ticket.started or lane.tickets[0].order[0] == ticket.order[0]

    def _take(self, ticket: Ticket) -> None:
        ticket.has_slot = True
        self.polls += 1

    def _unqueue(self, ticket: Ticket) -> None:
        if ticket.queued:
            ticket.queued = False
            self._slot_queue.remove(ticket)

    def _release(self, ticket: Ticket) -> List[Ticket]:
        ticket.has_slot = False
        self.polls -= 1
        granted: List[Ticket] = []
        while self._slot_queue and self.polls < self.max_polls:
            waiting = self._slot_queue.popleft()
            waiting.queued = False
            self._take(waiting)
            granted.append(waiting)
        return granted

    def _drop_from_lane(self, ticket: Ticket) -> List[Ticket]:
        """Remove a finished wait from its lane; the waits that became heads are woken."""
        if ticket.lane is None:
            return []
        lane = self._lanes.get(ticket.lane)
        if lane is None or ticket not in lane.tickets:
            return []
        before: Set[int] = {id(t) for t in lane.heads()}
        lane.tickets.remove(ticket)
        if ticket.started:
            lane.started.remove(ticket)
        if not lane.tickets:
            del self._lanes[lane.key]
            return []
        return [t for t in lane.heads() if id(t) not in before] + _hand_over_listing(lane)


def _hand_over_listing(lane: Lane) -> List[Ticket]:
    """Make sure a parked wait of the lane will read its live invocations when due: when the
    one that did is gone, ended or now a head, the first parked wait takes over (and is
    woken, to park until the reading is due)."""
    heads = {id(t) for t in lane.heads()}
    lister = lane.lister
    if lister is not None and not lister.done and not lister.gone and id(lister) not in heads:
        return []
    lane.lister = None
    for ticket in lane.tickets:
        if id(ticket) not in heads and not ticket.gone:
            lane.lister = ticket
            return [ticket]
    return []


def _hold_left(now: float, until: float, hold_ms: int) -> int:
    return max(0, min(hold_ms, math.ceil((until - now) * 1000)))


def _insort(tickets: List[Ticket], ticket: Ticket) -> None:
    """Insert in creation order (usually at the end: creates mostly return in order)."""
    if not tickets or tickets[-1].order <= ticket.order:
        tickets.append(ticket)
        return
    low, high = 0, len(tickets)
    while low < high:
        middle = (low + high) // 2
        if tickets[middle].order <= ticket.order:
            low = middle + 1
        else:
            high = middle
    tickets.insert(low, ticket)
