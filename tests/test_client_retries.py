"""Retries through the sync client, and the client-side wait budget."""

from __future__ import annotations

import types

import httpx
import pytest
from _mock import (
    INV,
    RT,
    SPACE,
    FakeClock,
    MockAPI,
    SleepRecorder,
    error_body,
    invocation,
    json_response,
    runtime_body,
    wait_answer,
)

import bctrl._sync.resources
import bctrl._transport
from bctrl import (
    APIConnectionError,
    APITimeoutError,
    BadRequestError,
    BctrlError,
    InternalServerError,
    InvocationError,
    NotFoundError,
    RateLimitError,
    ServiceUnavailableError,
    WaitTimeoutError,
)


@pytest.fixture
def sleeps(monkeypatch) -> SleepRecorder:
    """Retry pauses of the transport, recorded instead of slept."""
    rec = SleepRecorder()
    monkeypatch.setattr(bctrl._transport.time, "sleep", rec)
    return rec


@pytest.fixture
def clock(monkeypatch, sleeps) -> FakeClock:
    """A fake clock for the wait loop: time moves only when the loop sleeps."""
    fake = FakeClock()
    monkeypatch.setattr(bctrl._sync.resources, "time", types.SimpleNamespace(monotonic=fake.monotonic))
    monkeypatch.setattr(bctrl._transport, "_now", fake.monotonic)  # deadlines share the wait's clock
    monkeypatch.setattr(bctrl._sync.resources, "sleep", fake.sleep)
    return fake


def unavailable(retry_after: str | None = None) -> httpx.Response:
    headers = {"Retry-After": retry_after} if retry_after is not None else None
    return json_response(503, error_body("runtime.host_unavailable", "upstream", "try later"), headers)


def rate_limited(retry_after: str = "2") -> httpx.Response:
    return json_response(
        429, error_body("rate_limit.exceeded", "rate_limited", "slow down"), {"Retry-After": retry_after}
    )


def accepted(action: str = "act") -> httpx.Response:
    return json_response(202, invocation("queued", action))


# --- idempotent creates ------------------------------------------------------------------


def test_503_then_202_keeps_idempotency_key(sleeps):
    api = MockAPI().queue("create", unavailable(), accepted())
    with api.client() as client:
        inv = client.runtimes.invocations.create(RT, action="act", instruction="x")
    assert inv.status == "queued"
    creates = api.of("create")
    assert len(creates) == 2
    keys = {r.headers["idempotency-key"] for r in creates}
    assert len(keys) == 1
    assert creates[0].content == creates[1].content
    assert "x-bctrl-retry-count" not in creates[0].headers
    assert creates[1].headers["x-bctrl-retry-count"] == "1"
    assert len(sleeps.delays) == 1
    assert 0 <= sleeps.delays[0] <= 8.0


def test_caller_key_kept_across_retries(sleeps):
    api = MockAPI().queue("create", unavailable(), unavailable(), accepted())
    with api.client(max_retries=3) as client:
        client.runtimes.invocations.create(RT, action="act", instruction="x", idempotency_key="mine")
    creates = api.of("create")
    assert [r.headers["idempotency-key"] for r in creates] == ["mine"] * 3
    assert [r.headers.get("x-bctrl-retry-count") for r in creates] == [None, "1", "2"]


@pytest.mark.parametrize(
    "exc",
    [
        httpx.ConnectError("refused"),
        httpx.ReadError("reset by peer"),
        httpx.RemoteProtocolError("server disconnected"),
        httpx.ReadTimeout("slow"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_transport_error_then_202_keeps_key(sleeps, exc):
    api = MockAPI().queue("create", exc, accepted())
    with api.client() as client:
        inv = client.runtimes.invocations.create(RT, action="act", instruction="x")
    assert inv.id == INV
    creates = api.of("create")
    assert len(creates) == 2
    assert creates[0].headers["idempotency-key"] == creates[1].headers["idempotency-key"]
    assert creates[1].headers["x-bctrl-retry-count"] == "1"
    assert len(sleeps.delays) == 1


def test_helper_retry_keeps_key_and_then_waits(sleeps):
    api = MockAPI().queue("create", httpx.ReadError("reset"), accepted("browserUse"))
    with api.client() as client:
        inv = client.runtimes.invocations.browser_use.agent(RT, instruction="go", max_steps=5, wait=True)
    creates = api.of("create")
    assert len(creates) == 2 and len({r.headers["idempotency-key"] for r in creates}) == 1
    assert len(api.of("wait")) == 1
    assert inv.status == "succeeded"


# --- Retry-After -----------------------------------------------------------------------------


def test_retry_after_seconds_honoured(sleeps):
    api = MockAPI().queue("create", rate_limited("3"), accepted())
    with api.client() as client:
        client.runtimes.invocations.create(RT, action="act", instruction="x")
    assert sleeps.delays == [3.0]


def test_retry_after_ms_honoured(sleeps):
    api = MockAPI().queue(
        "get",
        json_response(503, error_body("x.y", "upstream"), {"Retry-After-Ms": "120"}),
        json_response(200, invocation("succeeded")),
    )
    with api.client() as client:
        client.invocations.get(INV)
    assert sleeps.delays == [0.12]


def test_retry_after_on_each_attempt(sleeps):
    api = MockAPI().queue("get", unavailable("1"), unavailable("4"), json_response(200, invocation()))
    with api.client(max_retries=2) as client:
        client.invocations.get(INV)
    assert sleeps.delays == [1.0, 4.0]


# --- exhaustion ------------------------------------------------------------------------------


def test_max_retries_zero_means_one_attempt(sleeps):
    api = MockAPI().queue("create", unavailable(), accepted())
    with api.client(max_retries=0) as client, pytest.raises(ServiceUnavailableError):
        client.runtimes.invocations.create(RT, action="act", instruction="x")
    assert len(api.requests) == 1
    assert sleeps.delays == []


def test_exhausted_retries_raise_last_typed_error(sleeps):
    api = MockAPI().queue("create", unavailable(), unavailable(), unavailable(), accepted())
    with api.client(max_retries=2) as client, pytest.raises(ServiceUnavailableError) as info:
        client.runtimes.invocations.create(RT, action="act", instruction="x")
    assert info.value.status_code == 503
    assert info.value.code == "runtime.host_unavailable"
    assert len(api.requests) == 3
    assert len(sleeps.delays) == 2
    assert [r.headers.get("x-bctrl-retry-count") for r in api.requests] == [None, "1", "2"]


def test_exhausted_connect_errors_raise_api_connection_error(sleeps):
    api = MockAPI().queue("get", *[httpx.ConnectError("refused")] * 5)
    with api.client(max_retries=2) as client, pytest.raises(APIConnectionError) as info:
        client.invocations.get(INV)
    assert not isinstance(info.value, APITimeoutError)
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert len(api.requests) == 3


def test_exhausted_read_timeouts_raise_api_timeout_error(sleeps):
    api = MockAPI().queue("get", *[httpx.ReadTimeout("slow")] * 5)
    with api.client(max_retries=1) as client, pytest.raises(APITimeoutError):
        client.invocations.get(INV)
    assert len(api.requests) == 2


@pytest.mark.parametrize("status", [500, 502, 504, 408])
def test_gets_retried_on_server_errors(sleeps, status):
    api = MockAPI().queue("get", json_response(status, error_body("x.y", "server")), json_response(200, invocation()))
    with api.client() as client:
        assert client.invocations.get(INV).id == INV
    assert len(api.requests) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409])
def test_client_errors_never_retried(sleeps, status):
    api = MockAPI().queue("create", json_response(status, error_body("x.y", "other")), accepted())
    with api.client(max_retries=5) as client, pytest.raises(Exception) as info:
        client.runtimes.invocations.create(RT, action="act", instruction="x")
    assert info.value.status_code == status
    assert len(api.requests) == 1
    assert sleeps.delays == []


def test_400_is_bad_request_not_retried(sleeps):
    api = MockAPI().queue("runtime_create", json_response(400, error_body("runtime.invalid", "invalid_input")))
    with api.client(max_retries=5) as client, pytest.raises(BadRequestError):
        client.runtimes.create(space_id=SPACE, type="browser")
    assert len(api.requests) == 1


# --- runtime create: no idempotency key ----------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "error"),
    [
        (httpx.ReadError("reset after send"), APIConnectionError),
        (httpx.RemoteProtocolError("dropped"), APIConnectionError),
        (httpx.ReadTimeout("slow"), APITimeoutError),
        (json_response(500, error_body("server.internal", "server")), InternalServerError),
        (json_response(502, error_body("gateway", "server")), Exception),
        (json_response(504, error_body("gateway", "server")), Exception),
    ],
    ids=["ReadError", "RemoteProtocolError", "ReadTimeout", "500", "502", "504"],
)
def test_runtime_create_not_retried_when_server_may_have_acted(sleeps, first, error):
    api = MockAPI().queue("runtime_create", first, json_response(200, runtime_body()))
    with api.client(max_retries=3) as client, pytest.raises(error):
        client.runtimes.create(space_id=SPACE, type="browser")
    assert len(api.requests) == 1
    assert sleeps.delays == []


@pytest.mark.parametrize(
    "first",
    [rate_limited("1"), unavailable(), httpx.ConnectError("refused")],
    ids=["429", "503", "ConnectError"],
)
def test_runtime_create_retried_when_server_did_not_act(sleeps, first):
    api = MockAPI().queue("runtime_create", first, json_response(200, runtime_body()))
    with api.client() as client:
        rt = client.runtimes.create(space_id=SPACE, type="browser")
    assert rt.id == RT
    assert len(api.requests) == 2
    assert api.requests[0].content == api.requests[1].content
    assert api.requests[1].headers["x-bctrl-retry-count"] == "1"


def test_runtime_create_rate_limit_exhausted(sleeps):
    api = MockAPI().queue("runtime_create", *[rate_limited("1")] * 4)
    with api.client(max_retries=2) as client, pytest.raises(RateLimitError) as info:
        client.runtimes.create(space_id=SPACE, type="browser")
    assert info.value.retry_after == 1.0
    assert len(api.requests) == 3
    assert sleeps.delays == [1.0, 1.0]


@pytest.mark.parametrize(
    "answer",
    [
        httpx.DecodingError("corrupt gzip"),
        httpx.Response(
            200,
            stream=httpx.ByteStream(b"this is not gzip"),
            headers={"content-encoding": "gzip", "content-type": "application/json"},
        ),
    ],
    ids=["raised", "bad-gzip-body"],
)
def test_undecodable_answer_is_a_bctrl_error(sleeps, answer):
    # httpx.DecodingError is an httpx.RequestError but not an httpx.TransportError:
    # it must still surface as a BctrlError, never as a raw httpx exception.
    api = MockAPI().queue("get", answer, answer, answer)
    with api.client(max_retries=0) as client, pytest.raises(BctrlError) as info:
        client.invocations.get(INV)
    assert not isinstance(info.value, httpx.HTTPError)


# --- long poll timeouts ------------------------------------------------------------------------------


def test_wait_request_read_timeout_covers_server_hold(clock):
    api = MockAPI()
    with api.client(timeout=20.0) as client:
        client.runtimes.invocations.wait(RT, INV, timeout=100)
    (req,) = api.of("wait")
    hold_ms = api.body("wait")["timeoutMs"]
    assert hold_ms == 30_000
    assert req.extensions["timeout"]["read"] >= 20.0 + hold_ms / 1000 - 1e-6


def test_wait_retried_on_transport_error(clock):
    api = MockAPI().queue("wait", httpx.ReadError("reset"), json_response(200, wait_answer("succeeded")))
    with api.client() as client:
        inv = client.runtimes.invocations.wait(RT, INV, timeout=60)
    assert inv.status == "succeeded"
    assert len(api.of("wait")) == 2


# --- wait budget --------------------------------------------------------------------------------------


def _always_timeout(retry_after_ms: int = 1000):
    def handler(request: httpx.Request) -> httpx.Response:
        return json_response(200, wait_answer("running", wait_status="timeout", retry_after_ms=retry_after_ms))

    return handler


def test_wait_budget_exhaustion(clock):
    api = MockAPI().queue("wait", *[_always_timeout(1000)] * 100)
    with api.client() as client, pytest.raises(WaitTimeoutError) as info:
        client.runtimes.invocations.wait(RT, INV, timeout=5.0)
    err = info.value
    assert isinstance(err, TimeoutError)
    assert err.invocation_id == INV
    assert err.last is not None and err.last.status == "running"
    assert err.cancelled is False
    # four 1 s pauses; a fifth would end at the deadline, so the wait ends at once instead
    assert sum(clock.delays) == pytest.approx(4.0)
    assert all(d <= 1.0 for d in clock.delays)
    assert 4 <= len(api.of("wait")) <= 6
    assert api.of("cancel") == []
    # every poll's hold stays within the remaining budget
    holds = [b["timeoutMs"] for b in api.bodies("wait")]
    assert holds[0] <= 5000 and all(h <= 5000 for h in holds)
    assert INV in str(err)


def test_create_and_wait_budget_exhaustion_with_cancel(clock):
    api = MockAPI().queue("wait", *[_always_timeout(2000)] * 100)
    api.queue("cancel", json_response(200, invocation("cancelling")))
    with api.client() as client, pytest.raises(WaitTimeoutError) as info:
        client.runtimes.invocations.create_and_wait(
            RT, action="browserUse", instruction="go", timeout=10.0, cancel_on_timeout=True
        )
    err = info.value
    assert err.cancelled is True
    assert err.invocation_id == INV
    assert err.last is not None and err.last.status in ("cancelling", "cancelled")
    (cancel,) = api.of("cancel")
    assert cancel.url.path == f"/v1/runtimes/{RT}/invocations/{INV}/cancel"
    assert sum(clock.delays) == pytest.approx(8.0)  # the 2 s pause that would reach the deadline is not slept


def test_failed_cancel_on_timeout_keeps_the_wait_timeout_error(clock):
    api = MockAPI().queue("wait", *[_always_timeout(2000)] * 100)
    api.queue("cancel", json_response(404, error_body("invocation.not_found", "not_found")))
    with api.client(max_retries=0) as client, pytest.raises(WaitTimeoutError) as info:
        client.runtimes.invocations.wait(RT, INV, timeout=3.0, cancel_on_timeout=True)
    assert info.value.cancelled is False
    assert isinstance(info.value.__cause__, NotFoundError)
    assert len(api.of("cancel")) == 1


def test_wait_zero_budget_sends_no_wait(clock):
    api = MockAPI()
    with api.client() as client, pytest.raises(WaitTimeoutError) as info:
        client.runtimes.invocations.create_and_wait(RT, action="act", instruction="x", timeout=0)
    assert api.of("wait") == []
    assert info.value.last is not None and info.value.last.status == "queued"


def test_on_update_sees_each_status_change_once(clock):
    api = MockAPI().queue(
        "wait",
        json_response(200, wait_answer("queued", wait_status="timeout", retry_after_ms=100)),
        json_response(200, wait_answer("running", wait_status="timeout")),
        json_response(200, wait_answer("running", wait_status="timeout", retry_after_ms=100)),
        json_response(200, wait_answer("running", wait_status="timeout")),
        json_response(200, wait_answer("succeeded", output={"ok": 1})),
    )
    seen = []
    with api.client() as client:
        inv = client.runtimes.invocations.create_and_wait(
            RT, action="act", instruction="x", timeout=60, on_update=seen.append
        )
    assert [i.status for i in seen] == ["queued", "running", "succeeded"]
    assert seen[-1] == inv
    assert len(api.of("wait")) == 5


def test_wait_returns_failed_invocation_without_raising(clock):
    api = MockAPI().queue(
        "wait",
        json_response(200, wait_answer("failed", error={"code": "invocation.failed", "message": "boom"})),
    )
    with api.client() as client:
        inv = client.runtimes.invocations.wait(RT, INV, timeout=30)
    assert inv.status == "failed"
    with pytest.raises(InvocationError):
        inv.raise_for_failure()


def test_wait_none_budget_polls_until_done(clock):
    api = MockAPI().queue("wait", *[_always_timeout(500)] * 7, json_response(200, wait_answer("succeeded")))
    with api.client() as client:
        inv = client.runtimes.invocations.wait(RT, INV, timeout=None)
    assert inv.status == "succeeded"
    assert len(api.of("wait")) == 8
    assert all(b["timeoutMs"] == 30_000 for b in api.bodies("wait"))
