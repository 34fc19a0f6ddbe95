"""RetryPolicy: pure retry decisions and backoff."""

from __future__ import annotations

import email.utils

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bctrl._retry import Failure, Outcome, RetryPolicy, retry_after_seconds

NOW = 1_700_000_000.0


def policy(**kwargs) -> RetryPolicy:
    kwargs.setdefault("random", lambda: 1.0)
    kwargs.setdefault("now", lambda: NOW)
    return RetryPolicy(**kwargs)


# --- backoff ------------------------------------------------------------------------


def test_backoff_grows_exponentially_with_full_jitter_top():
    p = policy(initial_delay=0.5, max_delay=100.0, random=lambda: 1.0)
    assert [p.backoff(a) for a in range(5)] == [0.5, 1.0, 2.0, 4.0, 8.0]


def test_backoff_lower_jitter_bound_is_half():
    p = policy(initial_delay=0.5, max_delay=100.0, random=lambda: 0.0)
    assert [p.backoff(a) for a in range(4)] == [0.25, 0.5, 1.0, 2.0]


def test_backoff_capped_at_max_delay():
    p = policy(initial_delay=0.5, max_delay=3.0, random=lambda: 1.0)
    assert p.backoff(10) == 3.0
    assert p.backoff(60) == 3.0
    assert policy(initial_delay=0.5, max_delay=3.0, random=lambda: 0.0).backoff(10) == 1.5


@pytest.mark.parametrize("attempt", range(8))
@pytest.mark.parametrize("r", [0.0, 0.3, 0.999, 1.0])
def test_backoff_within_jitter_bounds(attempt, r):
    p = policy(initial_delay=0.5, max_delay=8.0, random=lambda: r)
    base = min(0.5 * 2**attempt, 8.0)
    assert base / 2 <= p.backoff(attempt) <= base


def test_decide_uses_backoff_without_retry_after():
    p = policy(initial_delay=0.5, max_delay=8.0, random=lambda: 0.0, max_retries=5)
    d = p.decide(2, Outcome(status=503), replayable=True)
    assert d.retry and d.delay == 1.0


# --- Retry-After -----------------------------------------------------------------------


def test_retry_after_seconds_honoured():
    d = policy().decide(0, Outcome(status=429, headers={"Retry-After": "7"}), replayable=True)
    assert d.retry and d.delay == 7.0


def test_retry_after_beyond_max_delay_still_honoured():
    d = policy(max_delay=2.0).decide(0, Outcome(status=503, headers={"retry-after": "30"}), replayable=True)
    assert d.delay == 30.0


def test_retry_after_above_max_retry_after_hands_the_error_to_the_caller():
    # Retrying sooner than the server asked would only be refused again.
    d = policy(max_retry_after=60.0, random=lambda: 1.0).decide(
        0, Outcome(status=503, headers={"Retry-After": "3600"}), replayable=True
    )
    assert not d.retry
    assert "3600" in d.reason


def test_retry_after_http_date_uses_injected_now():
    date = email.utils.formatdate(NOW + 12, usegmt=True)
    d = policy().decide(0, Outcome(status=503, headers={"Retry-After": date}), replayable=True)
    assert d.retry
    assert d.delay == pytest.approx(12.0)


def test_retry_after_http_date_in_the_past_is_zero():
    date = email.utils.formatdate(NOW - 100, usegmt=True)
    assert retry_after_seconds({"Retry-After": date}, now=NOW) == 0.0


def test_retry_after_ms_preferred():
    headers = {"Retry-After-Ms": "1500", "Retry-After": "9"}
    assert retry_after_seconds(headers, now=NOW) == 1.5
    d = policy().decide(0, Outcome(status=429, headers=headers), replayable=True)
    assert d.delay == 1.5


@pytest.mark.parametrize("value", ["-5", "garbage", "", "Mon, 99 Foo 2024", "nan-ish"])
def test_negative_or_garbage_retry_after_ignored(value):
    got = retry_after_seconds({"Retry-After": value}, now=NOW)
    assert got is None or got == 0.0
    d = policy(random=lambda: 1.0).decide(1, Outcome(status=503, headers={"Retry-After": value}), replayable=True)
    assert d.retry
    assert 0.0 <= d.delay <= 1.0  # never negative; garbage -> backoff (1.0 at attempt 1)


def test_negative_retry_after_never_negative_delay():
    assert retry_after_seconds({"Retry-After": "-5"}) == 0.0
    assert retry_after_seconds({"Retry-After-Ms": "-100"}) == 0.0


def test_garbage_retry_after_ms_falls_back_to_retry_after():
    assert retry_after_seconds({"Retry-After-Ms": "x", "Retry-After": "4"}, now=NOW) == 4.0


# --- which outcomes are retried -----------------------------------------------------------


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses(status):
    d = policy(max_retries=2).decide(0, Outcome(status=status), replayable=True)
    assert d.retry


@pytest.mark.parametrize("status", [400, 401, 402, 403, 404, 409, 418, 422, 501])
def test_final_statuses_never_retried(status):
    for attempt in range(3):
        assert not policy(max_retries=5).decide(attempt, Outcome(status=status), replayable=True).retry


@pytest.mark.parametrize("status", [200, 201, 202, 204, 302])
def test_success_not_retried(status):
    d = policy().decide(0, Outcome(status=status), replayable=True)
    assert not d.retry and d.reason == "success"


def test_attempts_exhausted_after_max_retries():
    p = policy(max_retries=3)
    outcome = Outcome(status=503)
    assert [p.decide(a, outcome, replayable=True).retry for a in range(5)] == [True, True, True, False, False]
    assert "exhausted" in p.decide(3, outcome, replayable=True).reason


def test_max_retries_zero_never_retries():
    p = policy(max_retries=0)
    assert not p.decide(0, Outcome(status=503), replayable=True).retry
    assert not p.decide(0, Outcome(failure=Failure.CONNECT), replayable=True).retry


def test_negative_max_retries_rejected():
    with pytest.raises(ValueError):
        RetryPolicy(max_retries=-1)


@pytest.mark.parametrize("failure", list(Failure))
def test_transport_failures_retried_when_replayable(failure):
    assert policy().decide(0, Outcome(failure=failure), replayable=True).retry


@pytest.mark.parametrize(
    ("outcome", "retried"),
    [
        (Outcome(failure=Failure.CONNECT), True),
        (Outcome(status=429), True),
        (Outcome(status=503), True),
        (Outcome(status=500), False),
        (Outcome(status=502), False),
        (Outcome(status=504), False),
        (Outcome(status=408), False),
        (Outcome(failure=Failure.TIMEOUT), False),
        (Outcome(failure=Failure.DROPPED), False),
    ],
)
def test_non_replayable_only_when_server_did_not_act(outcome, retried):
    assert policy().decide(0, outcome, replayable=False).retry is retried


def test_x_should_retry_false_stops():
    d = policy().decide(0, Outcome(status=503, headers={"x-should-retry": "false"}), replayable=True)
    assert not d.retry


# --- property ------------------------------------------------------------------------


outcomes = st.one_of(
    st.sampled_from(list(Failure)).map(lambda f: Outcome(failure=f)),
    st.builds(
        lambda status, ra: Outcome(status=status, headers={} if ra is None else {"Retry-After": ra}),
        st.sampled_from([200, 400, 404, 408, 409, 429, 500, 502, 503, 504]),
        st.one_of(
            st.none(),
            st.integers(-100, 200).map(str),
            st.floats(-10, 200, allow_nan=False).map(lambda f: f"{f:.3f}"),
            st.text(max_size=8),
        ),
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    max_retries=st.integers(0, 6),
    attempt=st.integers(0, 10),
    initial=st.floats(0.01, 5.0),
    max_delay=st.floats(0.01, 30.0),
    r=st.floats(0.0, 1.0),
    outcome=outcomes,
    replayable=st.booleans(),
)
def test_property_delay_bounded_and_retries_bounded(max_retries, attempt, initial, max_delay, r, outcome, replayable):
    p = RetryPolicy(
        max_retries=max_retries, initial_delay=initial, max_delay=max_delay, random=lambda: r, now=lambda: NOW
    )
    d = p.decide(attempt, outcome, replayable=replayable)
    if attempt >= max_retries:
        assert not d.retry
    if d.retry:
        ra = retry_after_seconds(outcome.headers, now=NOW) or 0.0
        assert 0.0 <= d.delay <= max(max_delay, ra) + 1e-9
        assert d.delay <= max(max_delay, p.max_retry_after) + 1e-9
