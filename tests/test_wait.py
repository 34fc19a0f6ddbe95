"""Waiter: the pure wait state machine."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from _mock import INV, RT, RUN

from bctrl import Invocation
from bctrl._wait import SERVER_HOLD_CAP_MS, Done, Expired, Poll, Sleep, Waiter

T0 = 500.0


def inv(status: str, wait_status: str | None = None, retry_after_ms: int | None = None) -> Invocation:
    return Invocation(
        id=INV,
        status=status,
        action="browserUse",
        run_id=RUN,
        runtime_id=RT,
        created_at=dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc),
        wait_status=wait_status,
        retry_after_ms=retry_after_ms,
    )


def test_cap_is_30_seconds():
    assert SERVER_HOLD_CAP_MS == 30_000


def test_budget_spread_over_several_polls():
    budget = 75.0
    w = Waiter.start(budget, T0)
    now = T0
    polls = []
    for _ in range(20):
        step = w.next_step(now)
        if isinstance(step, Expired):
            break
        assert isinstance(step, Poll)
        remaining_ms = (T0 + budget - now) * 1000
        assert 1 <= step.timeout_ms <= SERVER_HOLD_CAP_MS
        assert step.timeout_ms <= math.ceil(remaining_ms)
        polls.append(step.timeout_ms)
        now += step.timeout_ms / 1000  # the server held the request for the whole time
        w.observe(inv("running", "timeout"))
    assert polls == [30_000, 30_000, 15_000]
    assert isinstance(w.next_step(now), Expired)


def test_small_budget_single_short_poll():
    w = Waiter.start(2.5, T0)
    step = w.next_step(T0)
    assert step == Poll(2500)
    step = w.next_step(T0 + 2.0)
    assert step == Poll(500)


def test_poll_never_below_one_ms():
    w = Waiter.start(1.0, T0)
    step = w.next_step(T0 + 0.99999)
    assert isinstance(step, Poll) and step.timeout_ms >= 1


def test_sleep_honours_retry_after():
    w = Waiter.start(60.0, T0)
    w.observe(inv("queued", "timeout", retry_after_ms=1500))
    assert w.next_step(T0 + 1) == Sleep(1.5)
    # the pause is used once; the next step polls
    assert isinstance(w.next_step(T0 + 2.5), Poll)


def test_pause_past_the_deadline_ends_the_wait_now():
    w = Waiter.start(10.0, T0)
    running = inv("running", "timeout", retry_after_ms=20_000)
    w.observe(running)
    step = w.next_step(T0 + 8.0)  # sleeping 20 s (or the 2 s left) could only end in a timeout
    assert step == Expired(running)


def test_no_sleep_without_retry_after():
    w = Waiter.start(60.0, T0)
    w.observe(inv("running", "timeout"))
    assert isinstance(w.next_step(T0), Poll)


def test_completed_with_a_live_status_is_not_done_and_keeps_the_pause():
    w = Waiter.start(60.0, T0)
    w.observe(inv("running", "completed", retry_after_ms=5000))
    assert w.next_step(T0) == Sleep(5.0)


@pytest.mark.parametrize("status", ["succeeded", "failed", "cancelled", "timed_out"])
def test_done_on_terminal(status):
    w = Waiter.start(60.0, T0)
    final = inv(status, "completed")
    w.observe(final)
    step = w.next_step(T0 + 1)
    assert isinstance(step, Done) and step.invocation is final
    # terminal wins even after the deadline and even with a retry hint
    w2 = Waiter.start(1.0, T0)
    w2.observe(inv(status, "timeout", retry_after_ms=1000))
    assert isinstance(w2.next_step(T0 + 100), Done)


def test_expired_after_deadline_with_last_state():
    w = Waiter.start(5.0, T0)
    running = inv("running", "timeout")
    w.observe(running)
    step = w.next_step(T0 + 5.0)
    assert isinstance(step, Expired)
    assert step.last is running
    assert isinstance(w.next_step(T0 + 50.0), Expired)


def test_expired_with_no_state_seen():
    w = Waiter.start(0, T0)
    step = w.next_step(T0)
    assert step == Expired(None)


def test_initial_last_is_kept():
    first = inv("queued")
    w = Waiter.start(1.0, T0)
    w.observe(first)
    assert w.next_step(T0 + 2) == Expired(first)


def test_observe_reports_status_changes_only():
    w = Waiter.start(60.0, T0)
    seq = ["queued", "queued", "running", "running", "running", "succeeded"]
    changes = [w.observe(inv(s, "timeout" if s != "succeeded" else "completed")) for s in seq]
    assert changes == [True, False, True, False, False, True]
    assert w.last is not None and w.last.status == "succeeded"


def test_budget_none_polls_with_cap_forever():
    w = Waiter.start(None, T0)
    assert w.deadline is None
    for now in (T0, T0 + 10_000, T0 + 10**9):
        assert w.next_step(now) == Poll(SERVER_HOLD_CAP_MS)
        w.observe(inv("running", "timeout"))
    w.observe(inv("running", "timeout", retry_after_ms=250))
    assert w.next_step(T0) == Sleep(0.25)


@pytest.mark.parametrize("budget", [-1, -0.001, float("nan"), "10", [5], object()])
def test_invalid_budget(budget):
    with pytest.raises(ValueError):
        Waiter.start(budget, T0)


@pytest.mark.parametrize("budget", [0, 0.5, 10, 10.0, float("inf")])
def test_valid_budgets(budget):
    w = Waiter.start(budget, T0)
    step = w.next_step(T0)
    if budget == 0:
        assert isinstance(step, Expired)
    else:
        assert isinstance(step, Poll)
        assert step.timeout_ms <= SERVER_HOLD_CAP_MS


def test_cancel_on_timeout_is_one_cancel_step_then_expired() -> None:
    from bctrl import NotFoundError
    from bctrl._wait import Cancel

    w = Waiter.start(1.0, T0, cancel_on_timeout=True)
    w.observe(inv("running", wait_status="timeout", retry_after_ms=0))
    assert w.next_step(T0 + 2) == Cancel()
    cancelling = inv("cancelling")
    w.cancelled(cancelling)
    step = w.next_step(T0 + 2)
    assert isinstance(step, Expired)
    err = w.timeout_error("inv-1")
    assert err.cancelled is True and err.last is cancelling and "cancelled it" in str(err)

    failing = Waiter.start(1.0, T0, cancel_on_timeout=True)
    assert failing.next_step(T0 + 2) == Cancel()
    failing.cancel_failed(NotFoundError("gone", status_code=404))
    assert isinstance(failing.next_step(T0 + 2), Expired)
    assert failing.timeout_error("inv-1").cancelled is False
    assert isinstance(failing.cancel_error, NotFoundError)


def _answer_after(w: Waiter, now: float, held: float, invocation: Invocation) -> float:
    """Poll at ``now``; the server answers after ``held`` seconds. Returns the answer's time."""
    step = w.next_step(now)
    assert isinstance(step, Poll), step
    w.observe(invocation, now + held)
    return now + held


def test_early_answers_meet_a_doubling_floor_reset_by_a_real_hold():
    from bctrl._wait import FLOOR_CAP, FLOOR_START

    w = Waiter.start(None, T0)
    now = _answer_after(w, T0, 0.0, inv("running", "timeout"))  # news (first status): no pause
    pauses = []
    for _ in range(8):
        now = _answer_after(w, now, 0.0, inv("running", "timeout"))
        step = w.next_step(now)
        assert isinstance(step, Sleep)
        pauses.append(step.seconds)
        now += step.seconds
    assert pauses[:3] == [FLOOR_START, FLOOR_START * 2, FLOOR_START * 4]
    assert max(pauses) == FLOOR_CAP
    now = _answer_after(w, now, 30.0, inv("running", "timeout"))  # held as asked: behaving
    assert isinstance(w.next_step(now), Poll)
    now = _answer_after(w, now, 0.0, inv("running", "timeout"))
    assert w.next_step(now) == Sleep(FLOOR_START)


def test_a_usable_retry_after_replaces_the_floor_and_a_tiny_one_does_not():
    w = Waiter.start(None, T0)
    now = _answer_after(w, T0, 0.0, inv("running", "timeout"))
    now = _answer_after(w, now, 0.0, inv("running", "timeout", retry_after_ms=700))
    assert w.next_step(now) == Sleep(0.7)
    now = _answer_after(w, now + 0.7, 0.0, inv("running", "timeout", retry_after_ms=1))
    assert w.next_step(now) == Sleep(0.1)


@pytest.mark.parametrize(
    "answer",
    [inv("running", "completed"), inv("paused", "completed"), inv("queued", None), inv("running", "timeout")],
)
def test_contradictory_answers_are_not_done_and_never_spin(answer: Invocation) -> None:
    w = Waiter.start(10.0, T0)
    now, polls = T0, 0
    while True:
        step = w.next_step(now)
        if isinstance(step, Expired):
            break
        assert not isinstance(step, Done)
        if isinstance(step, Sleep):
            now += step.seconds
            continue
        polls += 1
        w.observe(answer, now + 0.001)
        now += 0.001
    assert polls <= 8


def test_statuses_never_seen_before_pass_free_only_a_few_times():
    w = Waiter.start(None, T0)
    now, free = T0, 0
    for i in range(20):
        now = _answer_after(w, now, 0.0, inv(f"made-up-{i}", "timeout"))
        step = w.next_step(now)
        if isinstance(step, Poll):
            free += 1
        else:
            assert isinstance(step, Sleep)
            now += step.seconds
    assert free <= 4
