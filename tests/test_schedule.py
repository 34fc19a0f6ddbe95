"""Schedule: which waits of a client hold a long poll, and which are told (pure)."""

from __future__ import annotations

import datetime as dt
from typing import List

import attrs
import pytest

from bctrl import Invocation
from bctrl._schedule import LIST_INTERVAL, Go, ListRun, Park, Schedule, Ticket

T0 = 1000.0
HOLD = 30_000
RT, RUN = "rt-1", "run-1"


def inv(n: int, status: str = "queued", runtime: str = RT, run: str = RUN, second: int = 0) -> Invocation:
    return Invocation(
        id=f"inv-{n}",
        status=status,
        action="act",
        run_id=run,
        runtime_id=runtime,
        created_at=dt.datetime(2026, 1, 1, 0, 0, second, n * 1000, tzinfo=dt.timezone.utc),
    )


def join(s: Schedule, n: int, now: float = T0, **kw) -> Ticket:
    return s.join(inv(n, **kw), f"inv-{n}", now, ordered=True)


def ids(tickets: List[Ticket]) -> List[str]:
    return [t.invocation_id for t in tickets]


def test_only_the_oldest_wait_of_a_run_holds_a_long_poll():
    s = Schedule()
    tickets = [join(s, n) for n in (2, 1, 3)]  # joined out of creation order
    until = T0 + HOLD / 1000
    steps = {t.invocation_id: s.next(t, T0, until, HOLD) for t in tickets}
    assert steps["inv-1"] == Go(HOLD)
    assert steps["inv-2"] == Park(T0 + LIST_INTERVAL)  # it will read the run's live invocations
    assert steps["inv-3"] == Park(until)  # told by the others, or reads its state at the end
    assert s.polls == 1


def test_the_end_of_the_head_wakes_the_next_one_which_then_polls():
    s = Schedule()
    first, second, third = (join(s, n) for n in (1, 2, 3))
    until = T0 + 30
    assert s.next(first, T0, until, HOLD) == Go(HOLD)
    assert isinstance(s.next(second, T0, until, HOLD), Park)
    assert s.polled(first, inv(1, "running")) == []  # still running: nobody moves up
    assert isinstance(s.next(second, T0 + 1, until, HOLD), Park)
    assert s.next(first, T0 + 1, until, HOLD) == Go(29_000)
    # inv-2 moves up; inv-3 takes over reading the run's live invocations
    assert ids(s.polled(first, inv(1, "succeeded"))) == ["inv-2", "inv-3"]
    assert s.next(second, T0 + 2, until, HOLD) == Go(28_000)
    assert s.next(third, T0 + 2, until, HOLD) == Park(T0 + LIST_INTERVAL)


def test_a_wait_that_leaves_early_hands_the_head_on():
    s = Schedule()
    first, second = join(s, 1), join(s, 2)
    assert s.next(first, T0, T0 + 30, HOLD) == Go(HOLD)
    assert ids(s.leave(first)) == ["inv-2"]  # e.g. its task was cancelled
    assert s.polls == 0
    assert s.next(second, T0, T0 + 30, HOLD) == Go(HOLD)


def test_runs_do_not_order_each_other():
    s = Schedule()
    a = join(s, 1, runtime="rt-a", run="run-a")
    b = join(s, 2, runtime="rt-b", run="run-b")
    assert s.next(a, T0, T0 + 30, HOLD) == Go(HOLD)
    assert s.next(b, T0, T0 + 30, HOLD) == Go(HOLD)


def test_waits_created_in_the_same_instant_all_poll():
    s = Schedule()
    a = s.join(inv(1), "inv-1", T0, ordered=True)
    b = s.join(attrs.evolve(inv(1), id="inv-1b"), "inv-1b", T0, ordered=True)
    assert s.next(a, T0, T0 + 30, HOLD) == Go(HOLD)
    assert s.next(b, T0, T0 + 30, HOLD) == Go(HOLD)


def test_unordered_waits_always_poll():
    s = Schedule()
    first = join(s, 1)
    follower = s.join(inv(2), "inv-2", T0, ordered=False)  # e.g. it follows progress
    lone = s.join(None, "inv-9", T0, ordered=True)  # waited for by id: no creation time known
    assert s.next(first, T0, T0 + 30, HOLD) == Go(HOLD)
    assert s.next(follower, T0, T0 + 30, HOLD) == Go(HOLD)
    assert s.next(lone, T0, T0 + 30, HOLD) == Go(HOLD)


def test_a_parked_wait_reads_its_state_when_its_hold_ends():
    s = Schedule(list_interval=100.0)
    join(s, 1)
    second = join(s, 2)
    until = T0 + 2.5
    assert s.next(second, T0, until, 2500) == Park(until)
    assert s.next(second, until, until, 2500) == Go(0)


def test_long_polls_are_capped_and_granted_first_come_first_served():
    s = Schedule(max_polls=2)
    heads = [join(s, n, runtime=f"rt-{n}", run=f"run-{n}") for n in range(4)]
    until = T0 + 30
    assert [s.next(t, T0, until, HOLD) for t in heads] == [Go(HOLD), Go(HOLD), Park(until), Park(until)]
    assert s.polls == 2
    granted = s.polled(heads[1], inv(1, "succeeded", runtime="rt-1", run="run-1"))
    assert ids(granted) == ["inv-2"]
    assert s.next(heads[2], T0 + 5, until, HOLD) == Go(25_000)
    assert isinstance(s.next(heads[3], T0 + 5, until, HOLD), Park)
    assert s.polls == 2


def test_a_wait_granted_no_slot_within_its_hold_reads_its_state():
    s = Schedule(max_polls=1)
    a = join(s, 1, runtime="rt-a", run="run-a")
    b = join(s, 2, runtime="rt-b", run="run-b")
    until = T0 + 2
    assert s.next(a, T0, until, 2000) == Go(2000)
    assert s.next(b, T0, until, 2000) == Park(until)
    assert s.next(b, until, until, 2000) == Go(0)  # no slot taken: a read is over at once
    assert s.polls == 1
    assert s.polled(b, inv(2, "queued", runtime="rt-b", run="run-b")) == []
    assert s.polls == 1


def test_leaving_while_waiting_for_a_slot_gives_up_the_place_in_line():
    s = Schedule(max_polls=1)
    a = join(s, 1, runtime="rt-a", run="run-a")
    b = join(s, 2, runtime="rt-b", run="run-b")
    c = join(s, 3, runtime="rt-c", run="run-c")
    until = T0 + 30
    s.next(a, T0, until, HOLD)
    s.next(b, T0, until, HOLD)
    s.next(c, T0, until, HOLD)
    s.leave(b)
    assert ids(s.polled(a, inv(1, "succeeded", runtime="rt-a", run="run-a"))) == ["inv-3"]


def test_a_listing_is_due_every_interval_and_tells_who_ended_out_of_turn():
    s = Schedule()
    head, second, third = (join(s, n) for n in (1, 2, 3))
    until = T0 + 30
    s.next(head, T0, until, HOLD)
    assert s.next(second, T0, until, HOLD) == Park(T0 + LIST_INTERVAL)
    due = T0 + LIST_INTERVAL
    step = s.next(second, due, until, HOLD)
    assert step == ListRun(run_id=RUN, lane=(RT, RUN), sent_at=due)
    assert s.next(third, due, until, HOLD) == Park(until)  # one listing at a time
    # inv-3 was cancelled by someone else: it is no longer live
    woken = s.listed((RT, RUN), due, [inv(1, "running"), inv(2, "queued")], due + 0.01)
    assert ids(woken) == ["inv-3"]
    assert s.next(third, due + 0.01, until, HOLD) == Go(0)
    assert s.next(second, due + 0.01, until, HOLD) == Park(min(until, due + 0.01 + LIST_INTERVAL))


def test_a_listing_that_shows_a_parked_wait_started_makes_it_poll():
    s = Schedule()
    head, second = join(s, 1), join(s, 2)
    due = T0 + LIST_INTERVAL
    s.next(head, T0, T0 + 30, HOLD)
    assert isinstance(s.next(second, due, T0 + 30, HOLD), ListRun)
    woken = s.listed((RT, RUN), due, [inv(1, "succeeded"), inv(2, "running")], due)
    assert ids(woken) == ["inv-2"]
    assert s.next(second, due, T0 + 30, HOLD) == Go(25_000)


def test_waits_that_joined_after_the_listing_was_sent_are_not_told():
    s = Schedule()
    head = join(s, 1)
    lister = join(s, 2)
    due = T0 + LIST_INTERVAL
    s.next(head, T0, T0 + 30, HOLD)
    assert isinstance(s.next(lister, due, T0 + 30, HOLD), ListRun)
    late = join(s, 3, now=due + 0.001)  # its create returned after the listing was sent
    assert ids(s.listed((RT, RUN), due, [inv(1, "running"), inv(2, "queued")], due + 0.01)) == []
    assert isinstance(s.next(late, due + 0.01, T0 + 30, HOLD), Park)


def test_a_failed_listing_tells_nothing_and_is_tried_again_later():
    s = Schedule()
    head, second = join(s, 1), join(s, 2)
    due = T0 + LIST_INTERVAL
    s.next(head, T0, T0 + 60, HOLD)
    assert isinstance(s.next(second, due, T0 + 60, HOLD), ListRun)
    assert s.listed((RT, RUN), due, None, due + 1) == []
    assert s.next(second, due + 1, T0 + 60, HOLD) == Park(due + 1 + LIST_INTERVAL)
    assert isinstance(s.next(second, due + 1 + LIST_INTERVAL, T0 + 60, HOLD), ListRun)


def test_every_wait_ends_and_the_schedule_is_empty_again():
    s = Schedule(max_polls=3)
    tickets = [join(s, n, runtime=f"rt-{n % 4}", run=f"run-{n % 4}") for n in range(20)]
    now = T0
    finished = set()
    for _ in range(200):
        for t in tickets:
            if t.invocation_id in finished:
                continue
            step = s.next(t, now, now + 30, HOLD)
            if isinstance(step, Go) and step.hold_ms > 0:
                n = int(t.invocation_id.split("-")[1])
                s.polled(t, inv(n, "succeeded", runtime=f"rt-{n % 4}", run=f"run-{n % 4}"))
                s.leave(t)
                finished.add(t.invocation_id)
        now += 1
    assert len(finished) == 20
    assert s.polls == 0
    assert s._lanes == {} and not s._slot_queue


@pytest.mark.parametrize("n", [0, 5])
def test_leave_is_safe_to_repeat(n):
    s = Schedule()
    t = join(s, n)
    s.next(t, T0, T0 + 1, 1000)
    s.leave(t)
    if n:
        s.leave(t)
    assert s.polls == 0


def test_when_the_wait_that_reads_the_listing_leaves_another_takes_over():
    s = Schedule()
    head, lister, other = (join(s, n) for n in (1, 2, 3))
    s.next(head, T0, T0 + 30, HOLD)
    assert s.next(lister, T0, T0 + 30, HOLD) == Park(T0 + LIST_INTERVAL)
    assert s.next(other, T0, T0 + 30, HOLD) == Park(T0 + 30)
    assert ids(s.leave(lister)) == ["inv-3"]  # e.g. its own budget ran out
    assert s.next(other, T0 + 1, T0 + 30, HOLD) == Park(T0 + LIST_INTERVAL)
    assert isinstance(s.next(other, T0 + LIST_INTERVAL, T0 + 30, HOLD), ListRun)


def test_readings_of_live_invocations_are_spread_when_there_are_many_runs():
    s = Schedule(list_interval=5.0, listings_per_second=10.0)
    for n in range(100):  # 100 other runs: one reading per run every 10 s keeps to 10 a second
        join(s, n, runtime=f"other-rt-{n}", run=f"other-run-{n}")
    head, parked = join(s, 200), join(s, 201)
    s.next(head, T0, T0 + 30, HOLD)
    assert s.next(parked, T0, T0 + 30, HOLD) == Park(T0 + 10.0)
