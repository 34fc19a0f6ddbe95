"""Waiting for an invocation: a small state machine, no I/O.

A client-side budget (``timeout=`` seconds, ``None`` for no limit) is spread over as many
long-poll ``wait`` requests as it takes. After each answer the shell asks
:meth:`Waiter.next_step` what to do: poll again (with how long the server may hold the
request), sleep first (the server's ``retryAfterMs``), stop with the terminal invocation,
cancel it (the budget is spent and the caller asked for that), or give up, raising
:meth:`Waiter.timeout_error`.
"""

from __future__ import annotations

import math
from typing import Optional, Union

import attrs

from ._errors import BctrlError, RequestValidationError, WaitTimeoutError
from ._invocation import Invocation

SERVER_HOLD_CAP_MS = 30_000
PROGRESS_HOLD_MS = 1_000
"""Hold used when a caller follows progress (``on_update``): a status change is seen within ~1 s."""


@attrs.frozen
class Poll:
    timeout_ms: int
    """How long the server may hold this wait request."""


@attrs.frozen
class Sleep:
    seconds: float


@attrs.frozen
class Done:
    invocation: Invocation


@attrs.frozen
class Cancel:
    """The budget is spent and the caller asked to cancel: do it, then report with
    :meth:`Waiter.cancelled` or :meth:`Waiter.cancel_failed`."""


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
    _cancel_tried: bool = False
    _cancelled: Optional[Invocation] = None
    cancel_error: Optional[BctrlError] = None
    """Why cancelling on timeout failed, if it did (the cause of :meth:`timeout_error`)."""

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

    def abandoned(self) -> bool:
        """Whether a wait that ends now, by an exception, leaves the invocation to cancel:
        it was not seen terminal and no cancel was tried yet."""
        return not (self.last is not None and self.last.is_terminal) and not self._cancel_tried

    def timeout_error(self, invocation_id: str) -> WaitTimeoutError:
        """The error for a spent budget, naming the invocation and the last state seen."""
        last = self._cancelled or self.last
        state = f"last seen {self.last.status}" if self.last is not None else "no state seen"
        action = "; cancelled it" if self._cancelled is not None else ""
        return WaitTimeoutError(
            f"invocation {invocation_id} did not finish within {self.budget} s ({state}){action}",
            invocation_id=invocation_id,
            last=last,
            cancelled=self._cancelled is not None,
        )

    def observe(self, invocation: Invocation) -> bool:
        """Record an answer. Returns whether the status changed (for ``on_update``)."""
        changed = self.last is None or self.last.status != invocation.status
        self.last = invocation
        if not invocation.is_terminal and invocation.wait_status == "timeout":
            self._pause = max(0.0, (invocation.retry_after_ms or 0) / 1000.0)
        else:
            self._pause = 0.0
        return changed

    def next_step(self, now: float) -> Step:
        if self.last is not None and self.last.is_terminal:
            return Done(self.last)
        remaining = math.inf if self.deadline is None else self.deadline - now
        if remaining <= 0:
            if self.cancel_on_timeout and not self._cancel_tried:
                return Cancel()
            return Expired(self.last)
        if self._pause > 0:
            pause, self._pause = min(self._pause, remaining), 0.0
            return Sleep(pause)
        hold = self.max_hold_ms if math.isinf(remaining) else min(self.max_hold_ms, math.ceil(remaining * 1000))
        return Poll(max(1, hold))
