"""Waiting and deadlines against servers that answer too early, hold, dribble or refuse.

Each test counts the requests the client sent and bounds the time it took; the bounds are
generous (the machine is shared), but far below what an unbounded client takes.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from bctrl import APITimeoutError, AsyncBctrl, Bctrl, RateLimitError, WaitTimeoutError
from benchmarks._hostile import (
    INV,
    KEY,
    RT,
    Conn,
    HostileServer,
    Request,
    dribble_body,
    dribble_headers,
    hold_forever,
    invocation,
    wait_answer,
)
from benchmarks._hostile import answer as answer_with

SLACK = 2.5
"""Seconds a call may run past its deadline on a loaded machine (the promise is about one)."""


def client(server: HostileServer, **kwargs: Any) -> Bctrl:
    return Bctrl(api_key=KEY, base_url=server.url, **kwargs)


EARLY_ANSWERS = {
    "no retryAfterMs": wait_answer("running"),
    "retryAfterMs 0": wait_answer("running", retryAfterMs=0),
    "completed but running": wait_answer("running", wait_status="completed"),
    "unknown status": wait_answer("paused", wait_status="completed"),
}


@pytest.mark.parametrize("body", EARLY_ANSWERS.values(), ids=EARLY_ANSWERS.keys())
def test_wait_does_not_spin_on_early_answers(body: Any) -> None:
    """Before: 2,300-3,500 requests in wait(timeout=2). Now a handful, spread by a growing floor."""
    with HostileServer(answer_with(200, body)) as server, client(server) as c:
        started = time.monotonic()
        with pytest.raises(WaitTimeoutError) as info:
            c.runtimes.invocations.wait(RT, INV, timeout=2)
        elapsed = time.monotonic() - started
    polls = server.of("/wait")
    assert len(polls) <= 10, f"{len(polls)} requests in a 2 s wait"
    gaps = [b.at - a.at for a, b in zip(polls, polls[1:])]
    assert gaps[-1] >= 0.2  # the floor has grown
    assert elapsed < 2 + SLACK
    assert info.value.last is not None and info.value.last.status == body["status"]


def test_wait_without_budget_does_not_spin_either() -> None:
    """timeout=None against a server that answers early for 3 s, then finishes."""
    started = time.monotonic()

    def behaviour(request: Request, conn: Conn) -> None:
        done = time.monotonic() - started > 3.0
        conn.json(200, wait_answer("succeeded", "completed") if done else wait_answer("running"))

    with HostileServer(behaviour) as server, client(server) as c:
        result = c.runtimes.invocations.wait(RT, INV, timeout=None)
    assert result.status == "succeeded"
    assert len(server.of("/wait")) <= 12


def test_floor_resets_after_a_real_hold() -> None:
    """A server that holds the poll as asked is polled again at once."""
    count = {"n": 0}

    def behaviour(request: Request, conn: Conn) -> None:
        count["n"] += 1
        hold = request.json()["timeoutMs"] / 1000
        if count["n"] >= 4:
            conn.json(200, wait_answer("succeeded", "completed"))
            return
        conn.sleep(min(hold, 0.3))
        conn.json(200, wait_answer("running"))

    with HostileServer(behaviour) as server, client(server) as c:
        result = c.runtimes.invocations.wait(RT, INV, timeout=10, on_update=lambda inv: None)
    assert result.status == "succeeded"
    polls = server.of("/wait")
    gaps = [b.at - a.at for a, b in zip(polls, polls[1:])]
    # on_update asks for 1 s holds; 0.3 s answers are early, but the pauses stay at the floor's start
    assert len(polls) == 4 and max(gaps) < 1.5


def test_wait_deadline_against_a_server_that_holds() -> None:
    """Before: wait(timeout=1) took 10 s and raised APITimeoutError."""
    with HostileServer(hold_forever) as server, client(server, timeout=60) as c:
        started = time.monotonic()
        with pytest.raises(WaitTimeoutError) as info:
            c.runtimes.invocations.wait(RT, INV, timeout=1)
        elapsed = time.monotonic() - started
    assert elapsed < 1 + SLACK
    assert isinstance(info.value.__cause__, APITimeoutError)
    assert len(server.of("/wait")) == 1


def test_wait_deadline_against_a_429_asking_for_more_than_is_left() -> None:
    """Before: 8 s against 429 Retry-After: 4, ending in RateLimitError."""
    body = {"code": "rate_limited", "reasonClass": "rate_limited", "error": "slow down"}
    with HostileServer(answer_with(429, body, {"Retry-After": "4"})) as server, client(server) as c:
        started = time.monotonic()
        with pytest.raises(WaitTimeoutError) as info:
            c.runtimes.invocations.wait(RT, INV, timeout=1)
        elapsed = time.monotonic() - started
    assert elapsed < 1 + SLACK
    assert isinstance(info.value.__cause__, RateLimitError)
    assert info.value.__cause__.retry_after == 4
    assert len(server.of("/wait")) == 1


def test_wait_deadline_against_429_for_ever() -> None:
    """429 without Retry-After, for ever: retried with backoff, ended by the budget."""
    body = {"code": "rate_limited", "reasonClass": "rate_limited", "error": "slow down"}
    with HostileServer(answer_with(429, body)) as server, client(server, max_retries=100) as c:
        started = time.monotonic()
        with pytest.raises(WaitTimeoutError):
            c.runtimes.invocations.wait(RT, INV, timeout=3)
        elapsed = time.monotonic() - started
    assert elapsed < 3 + SLACK
    assert len(server.of("/wait")) <= 6


def test_wait_deadline_against_a_dribbled_answer() -> None:
    with HostileServer(dribble_body(wait_answer("succeeded", "completed"), 0.5)) as server, client(server) as c:
        started = time.monotonic()
        with pytest.raises(WaitTimeoutError):
            c.runtimes.invocations.wait(RT, INV, timeout=2)
        elapsed = time.monotonic() - started
    assert elapsed < 2 + SLACK


def test_timeout_bounds_the_whole_attempt_of_a_dribbled_body() -> None:
    """Before: timeout=2 bounded each read, and a byte a second held get() for 15 s and more."""
    with (
        HostileServer(dribble_body(invocation("succeeded"), 0.5)) as server,
        client(server, timeout=2, max_retries=0) as c,
    ):
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            c.invocations.get(INV)
        elapsed = time.monotonic() - started
    assert elapsed < 2 + SLACK


def test_timeout_bounds_dribbled_headers() -> None:
    with HostileServer(dribble_headers(0.5)) as server, client(server, timeout=2, max_retries=0) as c:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            c.invocations.get(INV)
        elapsed = time.monotonic() - started
    assert elapsed < 2 + SLACK


def test_retries_keep_each_attempt_bounded() -> None:
    """With retries, each attempt is bounded: three attempts of 1 s and two short pauses."""
    with (
        HostileServer(dribble_body(invocation("succeeded"), 0.4)) as server,
        client(server, timeout=1, max_retries=2) as c,
    ):
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            c.invocations.get(INV)
        elapsed = time.monotonic() - started
    assert len(server.of(f"/invocations/{INV}")) == 3
    assert elapsed < 3 * 1 + 2 * 1.0 + SLACK


# --- the async twin --------------------------------------------------------------------


async def test_async_wait_does_not_spin() -> None:
    with HostileServer(answer_with(200, wait_answer("running", retryAfterMs=0))) as server:
        async with AsyncBctrl(api_key=KEY, base_url=server.url) as c:
            with pytest.raises(WaitTimeoutError):
                await c.runtimes.invocations.wait(RT, INV, timeout=2)
    assert len(server.of("/wait")) <= 10


async def test_async_wait_deadline_against_a_server_that_holds() -> None:
    with HostileServer(hold_forever) as server:
        async with AsyncBctrl(api_key=KEY, base_url=server.url) as c:
            started = time.monotonic()
            with pytest.raises(WaitTimeoutError):
                await c.runtimes.invocations.wait(RT, INV, timeout=1)
            elapsed = time.monotonic() - started
    assert elapsed < 1 + SLACK


async def test_async_timeout_bounds_dribbled_headers() -> None:
    with HostileServer(dribble_headers(0.5)) as server:
        async with AsyncBctrl(api_key=KEY, base_url=server.url, timeout=2, max_retries=0) as c:
            started = time.monotonic()
            with pytest.raises(APITimeoutError):
                await c.invocations.get(INV)
            elapsed = time.monotonic() - started
    assert elapsed < 2 + SLACK


def test_create_and_wait_budget_covers_the_create() -> None:
    """The budget of create_and_wait starts before the create: a held create ends it too."""
    with HostileServer(hold_forever) as server, client(server) as c:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            c.runtimes.invocations.create_and_wait(RT, action="act", instruction="x", timeout=1)
        elapsed = time.monotonic() - started
    assert elapsed < 1 + SLACK
