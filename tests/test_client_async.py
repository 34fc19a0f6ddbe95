"""AsyncBctrl: the same essentials as the sync client, awaited."""

from __future__ import annotations

import asyncio
import json
import types
import uuid

import httpx
import pytest
from _mock import (
    API_KEY,
    INV,
    RT,
    RUN,
    SPACE,
    AsyncSleepRecorder,
    FakeClock,
    MockAPI,
    error_body,
    invocation,
    json_response,
    page,
    wait_answer,
)

import bctrl._async.resources
import bctrl._transport
from bctrl import (
    APIConnectionError,
    APIResponseValidationError,
    AsyncBctrl,
    BctrlError,
    InternalServerError,
    Invocation,
    RequestValidationError,
    ServiceUnavailableError,
    WaitTimeoutError,
)


@pytest.fixture
def sleeps(monkeypatch) -> AsyncSleepRecorder:
    rec = AsyncSleepRecorder()
    monkeypatch.setattr(bctrl._transport, "asyncio", types.SimpleNamespace(sleep=rec))
    return rec


@pytest.fixture
def clock(monkeypatch, sleeps) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(bctrl._async.resources, "time", types.SimpleNamespace(monotonic=fake.monotonic))
    monkeypatch.setattr(bctrl._transport, "_now", fake.monotonic)  # deadlines share the wait's clock
    monkeypatch.setattr(bctrl._async.resources, "sleep", fake.async_sleep)
    return fake


def unavailable() -> httpx.Response:
    return json_response(503, error_body("runtime.host_unavailable", "upstream", "later"))


# --- wire bodies -------------------------------------------------------------------------------


async def test_create_wire_body_and_headers():
    api = MockAPI()
    async with api.async_client() as client:
        inv = await client.runtimes.invocations.create(
            RT, action="browserUse", instruction="Go.", max_steps=50, step_timeout_ms=1000, use_vision="auto"
        )
    assert isinstance(inv, Invocation)
    (req,) = api.requests
    assert req.method == "POST" and req.url.path == f"/v1/runtimes/{RT}/invocations"
    assert req.headers["authorization"] == f"Bearer {API_KEY}"
    uuid.UUID(req.headers["idempotency-key"])
    assert json.loads(req.content) == {
        "action": "browserUse",
        "instruction": "Go.",
        "maxSteps": 50,
        "stepTimeoutMs": 1000,
        "useVision": "auto",
    }


async def test_typed_helpers_create_then_wait():
    api = MockAPI()
    async with api.async_client() as client:
        a = await client.runtimes.invocations.stagehand.act(RT, instruction="Click.", wait=True)
        e = await client.runtimes.invocations.stagehand.extract(RT, instruction="Total.", schema={"type": "object"})
        b = await client.runtimes.invocations.browser_use.agent(RT, "Go.", max_steps=3, wait=True)
        s = await client.runtimes.invocations.solve_captcha(RT, target="active", wait=True)
        o = await client.runtimes.invocations.stagehand.observe(RT, "Look.", wait=True)
        g = await client.runtimes.invocations.stagehand.agent(RT, instruction="Do.", max_steps=2, wait=True)
    assert [x.status for x in (a, e, b, s, o, g)] == ["succeeded", "queued", "succeeded", "succeeded"] + [
        "succeeded"
    ] * 2
    assert api.bodies("create") == [
        {"action": "act", "instruction": "Click."},
        {"action": "extract", "instruction": "Total.", "outputSchema": {"type": "object"}},
        {"action": "browserUse", "instruction": "Go.", "maxSteps": 3},
        {"action": "solveCaptcha", "target": "active"},
        {"action": "observe", "instruction": "Look."},
        {"action": "stagehandAgent", "instruction": "Do.", "maxSteps": 2},
    ]
    assert len(api.of("wait")) == 5
    assert len({r.headers["idempotency-key"] for r in api.of("create")}) == 6


async def test_runtime_and_space_scoped_create_and_reads():
    api = MockAPI()
    async with api.async_client() as client:
        rt = await client.runtimes.create(space_id=SPACE, type="browser", config={"stealth": "ultra"})
        await client.spaces.runtimes.invocations.create(SPACE, RT, provider="browserUse", instruction="hi")
        await client.runtimes.invocations.cancel(RT, INV)
        await client.runs.invocations.get(RUN, INV)
        await client.invocations.get(INV)
    assert rt.id == RT
    assert [(r.method, r.url.path) for r in api.requests] == [
        ("POST", "/v2/runtimes"),
        ("POST", f"/v1/spaces/{SPACE}/runtimes/{RT}/invocations"),
        ("POST", f"/v1/runtimes/{RT}/invocations/{INV}/cancel"),
        ("GET", f"/v1/runs/{RUN}/invocations/{INV}"),
        ("GET", f"/v1/invocations/{INV}"),
    ]
    assert api.body("runtime_create") == {"spaceId": SPACE, "type": "browser", "config": {"stealth": "ultra"}}
    legacy = api.body("legacy_create")
    assert legacy["input"] == {"instruction": "hi"}
    assert legacy["operation"] == "agent.execute" and legacy["provider"] == "browserUse"
    assert isinstance(legacy["idempotencyKey"], str)


async def test_validation_before_send():
    api = MockAPI()
    async with api.async_client() as client:
        with pytest.raises(RequestValidationError):
            await client.runtimes.invocations.browser_use.agent(RT, instruction="x", max_step=3)
        with pytest.raises(RequestValidationError):
            client.runs.invocations.list(RUN, limit=0)
    assert api.requests == []


# --- retries ---------------------------------------------------------------------------------------


async def test_retry_same_idempotency_key(sleeps):
    api = MockAPI().queue("create", unavailable(), httpx.ConnectError("refused"), json_response(202, invocation()))
    async with api.async_client(max_retries=2) as client:
        inv = await client.runtimes.invocations.create(RT, action="act", instruction="x")
    assert inv.id == INV
    creates = api.of("create")
    assert len(creates) == 3
    assert len({r.headers["idempotency-key"] for r in creates}) == 1
    assert [r.headers.get("x-bctrl-retry-count") for r in creates] == [None, "1", "2"]
    assert len(sleeps.delays) == 2


async def test_retry_after_and_exhaustion(sleeps):
    api = MockAPI().queue("get", *[json_response(503, error_body("x", "upstream"), {"Retry-After": "2"})] * 5)
    async with api.async_client(max_retries=2) as client:
        with pytest.raises(ServiceUnavailableError):
            await client.invocations.get(INV)
    assert sleeps.delays == [2.0, 2.0]
    assert len(api.requests) == 3


async def test_runtime_create_not_retried_after_read_error_or_500(sleeps):
    api = MockAPI().queue("runtime_create", httpx.ReadError("reset"), json_response(500, error_body("x", "server")))
    async with api.async_client() as client:
        with pytest.raises(APIConnectionError):
            await client.runtimes.create(space_id=SPACE, type="browser")
        with pytest.raises(InternalServerError):
            await client.runtimes.create(space_id=SPACE, type="browser")
    assert len(api.requests) == 2
    assert sleeps.delays == []


async def test_undecodable_answer_is_a_bctrl_error(sleeps):
    bad = httpx.Response(
        200,
        stream=httpx.ByteStream(b"this is not gzip"),
        headers={"content-encoding": "gzip", "content-type": "application/json"},
    )
    api = MockAPI().queue("get", bad)
    async with api.async_client(max_retries=0) as client:
        with pytest.raises(BctrlError):
            await client.invocations.get(INV)


# --- pagination ---------------------------------------------------------------------------------------


def _ids(n: int) -> list:
    return [str(uuid.UUID(int=i + 1)) for i in range(n)]


async def test_async_pagination():
    ids = _ids(5)
    pages = {
        None: page([invocation(id=i) for i in ids[:2]], "c1"),
        "c1": page([invocation(id=i) for i in ids[2:4]], "c2"),
        "c2": page([invocation(id=i) for i in ids[4:]], None),
    }
    api = MockAPI().queue("list", *[lambda r: json_response(200, pages[r.url.params.get("cursor")])] * 10)
    async with api.async_client() as client:
        iterator = client.runs.invocations.list(RUN, status="succeeded")
        assert api.requests == []
        got = [inv.id async for inv in iterator]
    assert got == ids
    assert [r.url.params.get("cursor") for r in api.requests] == [None, "c1", "c2"]
    assert all(r.url.params.get("status") == "succeeded" for r in api.requests)


async def test_async_pagination_stops_early_and_detects_repeated_cursor():
    ids = _ids(6)
    api = MockAPI().queue("list", *[json_response(200, page([invocation(id=i)], "again")) for i in ids])
    async with api.async_client() as client:
        seen = []
        async for inv in client.runs.invocations.list(RUN):
            seen.append(inv.id)
            break
        assert len(api.requests) == 1
        with pytest.raises(APIResponseValidationError):
            async for inv in client.runs.invocations.list(RUN):
                seen.append(inv.id)
    assert len(seen) == 3


async def test_async_pagination_cursor_cycle_raises():
    cycle = [json_response(200, page([invocation(id=i)], "ab"[n % 2])) for n, i in enumerate(_ids(12))]
    api = MockAPI().queue("list", *cycle)
    async with api.async_client() as client:
        with pytest.raises(APIResponseValidationError):
            async for _ in client.runs.invocations.list(RUN):
                pass
    assert len(api.requests) <= 4


# --- waiting ---------------------------------------------------------------------------------------------


async def test_create_and_wait_with_async_on_update(clock):
    api = MockAPI().queue(
        "wait",
        json_response(200, wait_answer("queued", wait_status="timeout", retry_after_ms=200)),
        json_response(200, wait_answer("running", wait_status="timeout")),
        json_response(200, wait_answer("running", wait_status="timeout")),
        json_response(200, wait_answer("succeeded", output={"n": 1})),
    )
    seen = []

    async def on_update(inv: Invocation) -> None:
        await asyncio.sleep(0)
        seen.append(inv.status)

    async with api.async_client() as client:
        inv = await client.runtimes.invocations.create_and_wait(
            RT, action="act", instruction="x", timeout=60, on_update=on_update
        )
    assert inv.status == "succeeded" and inv.output == {"n": 1}
    assert seen == ["queued", "running", "succeeded"]


async def test_sync_on_update_also_accepted(clock):
    api = MockAPI().queue("wait", json_response(200, wait_answer("running", wait_status="timeout")))
    seen = []
    async with api.async_client() as client:
        await client.runtimes.invocations.create_and_wait(
            RT, action="act", instruction="x", timeout=60, on_update=lambda i: seen.append(i.status)
        )
    assert seen == ["queued", "running", "succeeded"]


async def test_wait_budget_exhaustion_and_cancel(clock):
    def handler(request):
        return json_response(200, wait_answer("running", wait_status="timeout", retry_after_ms=1000))

    api = MockAPI().queue("wait", *[handler] * 50)
    async with api.async_client() as client:
        with pytest.raises(WaitTimeoutError) as info:
            await client.runtimes.invocations.wait(RT, INV, timeout=4, cancel_on_timeout=True)
    assert info.value.invocation_id == INV
    assert info.value.cancelled is True
    assert len(api.of("cancel")) == 1
    assert sum(clock.delays) == pytest.approx(3.0)  # the pause that would reach the deadline is not slept


# --- lifecycle ---------------------------------------------------------------------------------------------


async def test_context_manager_keeps_user_http_client_open():
    api = MockAPI()
    http = httpx.AsyncClient(transport=httpx.MockTransport(api))
    async with AsyncBctrl(api_key="k", http_client=http) as client:
        await client.invocations.get(INV)
    assert not http.is_closed
    await http.aclose()


async def test_context_manager_closes_own_client():
    async with AsyncBctrl(api_key="k") as client:
        own = client._http
        assert not own.is_closed
    assert own.is_closed


async def test_cancelling_create_and_wait_leaves_client_usable():
    api = MockAPI()
    started = asyncio.Event()

    async def slow_wait(request):
        started.set()
        await asyncio.sleep(10)
        return json_response(200, wait_answer("succeeded"))

    api.queue("wait", slow_wait)
    http = httpx.AsyncClient(transport=httpx.MockTransport(api))
    client = AsyncBctrl(api_key="k", http_client=http)
    with pytest.raises((asyncio.TimeoutError, asyncio.CancelledError)):
        await asyncio.wait_for(
            client.runtimes.invocations.create_and_wait(RT, action="act", instruction="x", timeout=60), 0.05
        )
    assert started.is_set()
    assert not http.is_closed
    inv = await client.invocations.get(INV)
    assert inv.id == INV
    await client.close()
    assert not http.is_closed
    await http.aclose()
