"""Waiting for an invocation: a small state machine, no I/O.

A client-side budget (``timeout=`` seconds, ``None`` for no limit) is spread over as many
long-poll ``wait`` requests as it takes; it is a deadline for the whole wait, every request
included. After each answer the shell asks :meth:`Waiter.next_step` what to do: poll
again (with how long the server may hold the request and the deadline of that request),
sleep first, stop with the terminal invocation, cancel it (the budget is spent and the
caller asked for that), or give up, raising :meth:`Waiter.timeout_error`.

The waiter never polls faster than a floor: an answer that comes back early (well before
the hold the request asked for) and is not terminal is followed by a pause, the server's
``retryAfterMs`` when it gives a usable one, else a floor that doubles from
:data:`FLOOR_START` to :data:`FLOOR_CAP` while the server keeps answering early, and is
reset by a real hold. An answer that contradicts itself (``waitStatus: completed`` with a
live or unknown status) is just "not done yet". A pause that would end past the deadline
ends the wait at once.
"""

from __future__ import annotations

import math
from typing import Optional, Set, Union

import attrs

from ._errors import BctrlError, RequestValidationError, WaitTimeoutError
from ._invocation import Invocation

SERVER_HOLD_CAP_MS = 30_000
PROGRESS_HOLD_MS = 1_000
"""Hold used when a caller follows progress (``on_update``): a status change is seen within ~1 s."""
FLOOR_START = 0.1
"""Pause after the first early answer without a usable ``retryAfterMs``, seconds."""
FLOOR_CAP = 4.0
"""The floor doubles up to this many seconds while the server keeps answering early."""
EARLY = 0.5
"""An answer is early when it came back in less than this share of the hold asked for."""
SERVER_PAUSE_CAP = 60.0
"""The longest ``retryAfterMs`` honoured, seconds (a longer one is taken as this)."""
FREE_PROGRESS = 4
"""Early answers that report a status not seen before in this wait (real progress) are
polled again at once, at most this many times per wait: a server inventing new statuses
cannot make it spin."""
POLL_GRACE = 0.5
"""A poll's HTTP deadline is the wait's deadline plus this much, so an answer the server
sends when its hold ends (at the deadline) can still arrive."""
CANCEL_GRACE = 1.0
"""How long the cancel sent after the budget ran out (``cancel_on_timeout``) may take."""


@attrs.frozen
class Poll:
    timeout_ms: int
    """How long the server may hold this wait request."""
    deadline: Optional[float] = attrs.field(default=None, eq=False)
    """Monotonic time by which the request must be over, retries included (``None``: no limit)."""


@attrs.frozen
class Sleep:
    seconds: float


@attrs.frozen
class Done:
    invocation: Invocation


@attrs.frozen
class Cancel:
    """The budget is spent and the caller asked to cancel: do it (by ``deadline``), then
    report with :meth:`Waiter.cancelled` or :meth:`Waiter.cancel_failed`."""

    deadline: Optional[float] = attrs.field(default=None, eq=False)


@attrs.frozen
class Expired:
    last: Optional[Invocation]


Step = Union[Poll, Sleep, Done, Cancel, Expired]


def check_budget(budget: object) -> None:
    """Refuse a wait budget that is not ``None`` or a non-negative number of seconds."""
    if budget is not None and (isinstance(budget, bool) or not isinstance(budget, (int, float)) or not budget >= 0):
        raise RequestValidationError(
            f"timeout: expected a non-negative number of seconds or None, got {budget!r}",
            field="timeout",
            expected="a non-negative number of seconds or None",
        )


@attrs.define
class Waiter:
    """Tracks one wait: the deadline, the last state seen, and a pending pause."""

    deadline: Optional[float]
    """Monotonic time at which the budget runs out; ``None`` waits for ever."""
    last: Optional[Invocation] = None
    max_hold_ms: int = SERVER_HOLD_CAP_MS
    budget: Optional[float] = None
    cancel_on_timeout: bool = False
    _pause: float = 0.0
    _floor: float = 0.0
    _poll_sent: Optional[float] = None
    _poll_hold: float = 0.0
    _seen: Set[str] = attrs.field(factory=set)
    _free_progress: int = FREE_PROGRESS
    _cancel_tried: bool = False
    _cancelled: Optional[Invocation] = None
    _out_of_time: bool = False
    cancel_error: Optional[BctrlError] = None
    """Why cancelling on timeout failed, if it did (the cause of :meth:`timeout_error`)."""
    cause: Optional[BaseException] = None
    """What ended the last poll when the deadline did (a timeout, a 429 asking for too long)."""

    @classmethod
    def start(
        cls, budget: Optional[float], now: float, *, follow_progress: bool = False, cancel_on_timeout: bool = False
    ) -> Waiter:
        check_budget(budget)
        hold = PROGRESS_HOLD_MS if follow_progress else SERVER_HOLD_CAP_MS
        return cls(
            deadline=None if budget is None else now + budget,
            max_hold_ms=hold,
            budget=budget,
            cancel_on_timeout=cancel_on_timeout,
        )

    def cancelled(self, invocation: Invocation) -> None:
        self._cancel_tried, self._cancelled = True, invocation

    def cancel_failed(self, error: BctrlError) -> None:
        self._cancel_tried, self.cancel_error = True, error

    @property
    def timeout_cause(self) -> Optional[BaseException]:
        """What to chain to :meth:`timeout_error`: why cancelling failed, else what ended the last poll."""
        if self.cancel_error is not None:
            return self.cancel_error
        cause = self.cause
        return cause.__cause__ if cause is not None and cause.__cause__ is not None else cause

    def abandoned(self) -> bool:
        """Whether a wait that ends now, by an exception, leaves the invocation to cancel:
        it was not seen terminal and no cancel was tried yet."""
        return not (self.last is not None and self.last.is_terminal) and not self._cancel_tried

    def timeout_error(self, invocation_id: str) -> WaitTimeoutError:
        """The error for a spent budget, naming the invocation and the last state seen."""
        last = self._cancelled or self.last
        state = f"last seen {self.last.status}" if self.last is not None else "no state seen"
        action = "; cancelled it" if self._cancelled is not None else ""
        cause = self.timeout_cause
        why = f"; the last request ended in {type(cause).__name__}" if cause is not None else ""
        return WaitTimeoutError(
            f"invocation {invocation_id} did not finish within {self.budget} s ({state}){action}{why}",
            invocation_id=invocation_id,
            last=last,
            cancelled=self._cancelled is not None,
        )

    def observe(self, invocation: Invocation, now: Optional[float] = None) -> bool:
        """Record an answer; ``now`` is when it arrived, for the answer to a :class:`Poll`
        (without it, only the server's ``retryAfterMs`` sets the next pause). Returns
        whether the status changed (for ``on_update``)."""
        changed = self.last is None or self.last.status != invocation.status
        self.last = invocation
        sent, self._poll_sent = self._poll_sent, None
        new_status = invocation.status not in self._seen
        self._seen.add(invocation.status)
        self._pause = 0.0
        if invocation.is_terminal:
            return changed
        server = _usable_pause(invocation.retry_after_ms)
        if sent is None or now is None or now - sent >= EARLY * self._poll_hold:
            # not a timed poll, or the server really held it: it is behaving
            if sent is not None and now is not None:
                self._floor = 0.0
            self._pause = server or 0.0
        elif new_status and self._free_progress > 0:  # answered early, with news
            self._free_progress -= 1
            self._pause = server or 0.0
        elif server is not None and server >= FLOOR_START:
            self._pause = server
        else:  # early, no news, no usable pause: back off
            self._floor = FLOOR_START if self._floor <= 0 else min(self._floor * 2, FLOOR_CAP)
            self._pause = self._floor
        return changed

    def poll_timed_out(self, cause: BaseException) -> None:
        """The deadline ended a poll (``cause``: the timeout, or the 429 that asked for too long)."""
        self._poll_sent = None
        self._out_of_time = True
        self.cause = cause

    def next_step(self, now: float) -> Step:
        if self.last is not None and self.last.is_terminal:
            return Done(self.last)
        remaining = math.inf if self.deadline is None else self.deadline - now
        if remaining <= 0 or self._out_of_time or self._pause >= remaining:
            self._out_of_time = True
            if self.cancel_on_timeout and not self._cancel_tried:
                return Cancel(deadline=now + CANCEL_GRACE)
            return Expired(self.last)
        if self._pause > 0:
            pause, self._pause = self._pause, 0.0
            return Sleep(pause)
        hold = self.max_hold_ms if math.isinf(remaining) else min(self.max_hold_ms, math.ceil(remaining * 1000))
        hold = max(1, hold)
        self._poll_sent, self._poll_hold = now, hold / 1000.0
        return Poll(hold, deadline=None if self.deadline is None else self.deadline + POLL_GRACE)


def _usable_pause(retry_after_ms: object) -> Optional[float]:
    """``retryAfterMs`` in seconds when it is a positive finite number, else ``None``."""
    if isinstance(retry_after_ms, bool) or not isinstance(retry_after_ms, (int, float)):
        return None
    if not math.isfinite(retry_after_ms) or retry_after_ms <= 0:
        return None
    return min(retry_after_ms / 1000.0, SERVER_PAUSE_CAP)
