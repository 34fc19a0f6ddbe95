"""When to retry a request and how long to wait first: pure decisions, no I/O.

The sync and async clients both ask :meth:`RetryPolicy.decide` after every attempt and
only do what it says (sleep, then send again, or stop).
"""

from __future__ import annotations

import email.utils
import enum
import random
import time
from typing import Callable, Mapping, Optional

import attrs

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Answers that prove the server did not act on the request: safe to repeat even a
# non-idempotent POST.
NOT_ACTED_STATUSES = frozenset({429, 503})


class Failure(enum.Enum):
    """How a transport-level attempt failed."""

    CONNECT = "connect"
    """The connection was never established: nothing was sent."""
    TIMEOUT = "timeout"
    """A timeout after the request may have been sent."""
    DROPPED = "dropped"
    """The connection broke after the request may have been sent."""


@attrs.frozen
class Outcome:
    """What one attempt produced: a status (with headers) or a transport failure."""

    status: Optional[int] = None
    headers: Mapping[str, str] = attrs.field(factory=dict)
    failure: Optional[Failure] = None


@attrs.frozen
class Decision:
    retry: bool
    delay: float = 0.0
    reason: str = ""
    out_of_time: bool = False
    """The outcome was worth retrying, but the call's deadline leaves no time for it."""


@attrs.frozen
class RetryPolicy:
    """Exponential backoff with jitter, capped, honouring ``Retry-After``.

    ``replayable`` requests (GETs, and POSTs carrying an idempotency key) are retried on
    any retryable outcome; others only when the server provably did not act on them.
    """

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    random: Callable[[], float] = attrs.field(default=random.random, eq=False, repr=False)
    now: Callable[[], float] = attrs.field(default=time.time, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")

    def decide(
        self, attempt: int, outcome: Outcome, *, replayable: bool, remaining: Optional[float] = None
    ) -> Decision:
        """Decide after ``attempt`` (0 for the first try) produced ``outcome``.

        ``remaining`` is what is left of the call's deadline, in seconds (``None``: no
        deadline). A retry whose pause would end past it is not made: the decision says
        ``out_of_time``, and the call ends now rather than at the deadline.
        """
        if outcome.failure is None and outcome.status is not None and outcome.status < 400:
            return Decision(False, reason="success")
        if outcome.failure is not None:
            if not (outcome.failure is Failure.CONNECT or replayable):
                return Decision(False, reason=f"{outcome.failure.value} on a request that cannot be replayed")
            return self._retry(attempt, self.backoff(attempt), outcome.failure.value, remaining)
        status = outcome.status if outcome.status is not None else 0
        if status not in RETRYABLE_STATUSES:
            return Decision(False, reason=f"status {status} is final")
        if not replayable and status not in NOT_ACTED_STATUSES:
            return Decision(False, reason=f"status {status} on a request that cannot be replayed")
        if _should_retry_header(outcome.headers) is False:
            return Decision(False, reason="server said x-should-retry: false")
        server_delay = retry_after_seconds(outcome.headers, now=self.now())
        if server_delay is None:
            return self._retry(attempt, self.backoff(attempt), f"status {status}", remaining)
        if remaining is not None and server_delay >= remaining:
            return Decision(False, reason=f"status {status}, Retry-After {server_delay:.1f} s", out_of_time=True)
        if server_delay > self.max_retry_after:
            # Retrying sooner than asked would only be refused again: hand it to the caller
            # (RateLimitError.retry_after / ServiceUnavailableError.retry_after say how long).
            return Decision(False, reason=f"server asked to wait {server_delay:.0f} s")
        return self._retry(attempt, server_delay, f"status {status}, Retry-After", remaining)

    def _retry(self, attempt: int, delay: float, reason: str, remaining: Optional[float]) -> Decision:
        if remaining is not None and delay >= remaining:
            return Decision(False, reason=f"{reason}, no time left to retry", out_of_time=True)
        if attempt >= self.max_retries:
            return Decision(False, reason="retries exhausted")
        return Decision(True, delay, reason=reason)

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter: uniform in [base/2, base], base doubling per attempt."""
        base = min(self.initial_delay * (2.0**attempt), self.max_delay)
        jitter: float = self.random()
        return base * (0.5 + 0.5 * jitter)


def _should_retry_header(headers: Mapping[str, str]) -> Optional[bool]:
    value = _get(headers, "x-should-retry")
    if value is None:
        return None
    return value.strip().lower() == "true"


def _get(headers: Mapping[str, str], name: str) -> Optional[str]:
    value = headers.get(name)
    if value is None:
        value = next((v for k, v in headers.items() if k.lower() == name), None)
    return value


def retry_after_seconds(headers: Mapping[str, str], *, now: Optional[float] = None) -> Optional[float]:
    """The server's requested pause from ``Retry-After-Ms`` or ``Retry-After``.

    ``Retry-After`` may be delta-seconds or an HTTP date. Returns ``None`` when absent or
    unparseable; never negative.
    """
    ms = _get(headers, "retry-after-ms")
    if ms is not None:
        try:
            return max(0.0, float(ms) / 1000.0)
        except ValueError:
            pass
    value = _get(headers, "retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    when = email.utils.mktime_tz(parsed)
    return max(0.0, when - (time.time() if now is None else now))
