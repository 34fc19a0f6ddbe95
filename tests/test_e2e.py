"""The SDK against the local emulator over real sockets: sync and async, end to end."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List

import httpx
import pytest

from bctrl import (
    AsyncBctrl,
    AuthenticationError,
    Bctrl,
    InvocationCancelledError,
    InvocationError,
    InvocationTimedOutError,
    NotFoundError,
    OutputValidationError,
    RequestValidationError,
    WaitTimeoutError,
)
from bctrl.testing import Emulator

SPACE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
TOTAL = {"type": "object", "properties": {"total": {"type": "number"}}, "required": ["total"]}


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(duration_ms=60) as emulator:
        yield emulator


@pytest.fixture
def client(emu: Emulator, spec_checker: Any) -> Iterator[Bctrl]:
    emu.reset()
    http = httpx.Client(event_hooks={"response": [lambda r: (r.read(), spec_checker.check(r))]})
    with Bctrl(api_key=emu.api_key, base_url=emu.url, http_client=http) as c:
        yield c
    http.close()


@pytest.fixture
def runtime_id(client: Bctrl) -> str:
    return client.runtimes.create(space_id=SPACE_ID, type="browser", name="e2e").id


@dataclass
class Line:
    description: str
    amount: float


@dataclass
class Invoice:
    number: str
    total: float
    lines: List[Line]


def test_runtime_create_returns_a_typed_runtime(client: Bctrl) -> None:
    rt = client.runtimes.create(
        space_id=SPACE_ID,
        type="browser",
        name="checkout",
        config={"stealth": "high", "proxy": {"mode": "custom", "host": "p", "port": 8080, "protocol": "http"}},
    )
    assert rt.status == "active"
    assert rt.name == "checkout"
    assert rt.active_run_id is not None
    assert rt.created_at.tzinfo is not None
    uuid.UUID(rt.id)


def test_create_and_wait_extract_with_a_dataclass(client: Bctrl, runtime_id: str) -> None:
    seen: List[str] = []
    inv = client.runtimes.invocations.create_and_wait(
        runtime_id,
        action="extract",
        instruction="Extract the invoice.",
        schema=Invoice,
        timeout=10,
        on_update=lambda i: seen.append(i.status),
    )
    assert inv.status == "succeeded"
    assert isinstance(inv.parsed, Invoice)
    assert all(isinstance(line, Line) for line in inv.parsed.lines)
    assert inv.output["number"] == inv.parsed.number
    assert seen[0] == "queued" and seen[-1] == "succeeded"
    assert len(seen) == len(set(seen)), "each status change is reported once"
    assert inv.finished_at is not None and inv.started_at is not None
    assert inv.finished_at >= inv.started_at >= inv.created_at
    assert isinstance(inv.duration_ms, int)


def test_scripted_wrong_output_raises_with_every_path(emu: Emulator, client: Bctrl, runtime_id: str) -> None:
    emu.script(output={"number": 7, "total": "x", "lines": [{"amount": "y"}]}, validate_output=False)
    with pytest.raises(OutputValidationError) as info:
        client.runtimes.invocations.create_and_wait(
            runtime_id, action="extract", instruction="x", schema=Invoice, timeout=10
        )
    paths = {issue.path for issue in info.value.issues}
    assert {"$.number", "$.total", "$.lines[0].amount", "$.lines[0]"} <= paths
    assert info.value.invocation is not None and info.value.invocation.status == "succeeded"


def test_server_side_output_validation_failure_maps_to_the_same_error(
    emu: Emulator, client: Bctrl, runtime_id: str
) -> None:
    emu.script(output={"total": "not a number"})  # the emulator validates like the server does
    with pytest.raises(OutputValidationError) as info:
        client.runtimes.invocations.create_and_wait(runtime_id, action="extract", instruction="x", schema=TOTAL)
    assert info.value.code == "invocation.output_validation_failed"
    assert info.value.invocation is not None and info.value.invocation.status == "failed"


def test_failures_become_typed_exceptions(emu: Emulator, client: Bctrl, runtime_id: str) -> None:
    emu.script(error_code="invocation.browser_use_failed", error_message="agent gave up", error_details={"step": 3})
    inv = client.runtimes.invocations.browser_use.agent(runtime_id, "go", max_steps=3, wait=True)
    assert inv.status == "failed"
    assert inv.error is not None and inv.error.code == "invocation.browser_use_failed"
    with pytest.raises(InvocationError) as info:
        inv.raise_for_failure()
    assert info.value.code == "invocation.browser_use_failed"
    assert info.value.details == {"step": 3}

    emu.script(duration_ms=400)
    slow = client.runtimes.invocations.stagehand.act(runtime_id, "click", timeout_ms=100, wait=True)
    assert slow.status == "timed_out"
    with pytest.raises(InvocationTimedOutError):
        slow.raise_for_failure()


def test_wait_budget_exhaustion_and_cancel_on_timeout(emu: Emulator, client: Bctrl, runtime_id: str) -> None:
    emu.script(duration_ms=5_000, count=2)
    inv = client.runtimes.invocations.create(runtime_id, action="observe", instruction="look")
    with pytest.raises(WaitTimeoutError) as info:
        client.runtimes.invocations.wait(runtime_id, inv.id, timeout=0.3)
    assert info.value.invocation_id == inv.id
    assert info.value.last is not None and not info.value.last.is_terminal
    assert info.value.cancelled is False

    with pytest.raises(WaitTimeoutError) as info:
        client.runtimes.invocations.wait(runtime_id, inv.id, timeout=0.2, cancel_on_timeout=True)
    assert info.value.cancelled is True
    final = client.runtimes.invocations.wait(runtime_id, inv.id, timeout=5)
    assert final.status == "cancelled"
    with pytest.raises(InvocationCancelledError):
        final.raise_for_failure()


def test_cancel_is_idempotent(client: Bctrl, runtime_id: str) -> None:
    done = client.runtimes.invocations.stagehand.act(runtime_id, "click", wait=True)
    again = client.runtimes.invocations.cancel(runtime_id, done.id)
    assert again.status == done.status == "succeeded"


def test_run_history_pages_lazily_with_filters(emu: Emulator, client: Bctrl) -> None:
    rt = client.runtimes.create(space_id=SPACE_ID, type="browser")
    assert rt.active_run_id is not None
    created = []
    for i in range(7):
        if i % 3 == 0:
            emu.script(error_code="invocation.stagehand_failed", runtime_id=rt.id)
        created.append(client.runtimes.invocations.stagehand.act(rt.id, f"step {i}", wait=True))
    listed = list(client.runs.invocations.list(rt.active_run_id, limit=2))
    assert [i.id for i in listed] == [c.id for c in created]
    assert all(i.output is None for i in listed), "summaries carry no output"
    failed = list(client.runs.invocations.list(rt.active_run_id, status="failed", limit=2))
    assert [i.id for i in failed] == [created[0].id, created[3].id, created[6].id]
    none = list(client.runs.invocations.list(rt.active_run_id, status=["cancelled", "timed_out"], action="extract"))
    assert none == []
    one = client.runs.invocations.get(rt.active_run_id, created[1].id)
    assert one.output is not None and one.id == created[1].id
    by_id = client.invocations.get(created[2].id)
    assert by_id.run_id == rt.active_run_id


def test_api_errors_from_the_server(emu: Emulator, client: Bctrl) -> None:
    with pytest.raises(NotFoundError) as info:
        client.runtimes.invocations.create(str(uuid.uuid4()), action="act")
    assert info.value.code == "runtime.not_found"
    assert info.value.reason_class == "not_found"
    assert info.value.request_id
    with pytest.raises(RequestValidationError):
        client.runtimes.invocations.create(str(uuid.uuid4()), action="act", max_steps=3)  # not an act field


def test_bad_api_key_is_an_authentication_error() -> None:
    with (
        Emulator(api_key="right-key") as emu,
        Bctrl(api_key="wrong-key", base_url=emu.url) as c,
        pytest.raises(AuthenticationError) as info,
    ):
        c.runtimes.create(space_id=SPACE_ID, type="browser")
    assert info.value.status_code == 401
    assert "wrong-key" not in str(info.value)


def test_space_scoped_contract(emu: Emulator, client: Bctrl, runtime_id: str) -> None:
    record = client.spaces.runtimes.invocations.create(
        SPACE_ID, runtime_id, provider="browserUse", instruction="Reconcile", config={"maxSteps": 5, "useVision": True}
    )
    assert str(record.runtime_id) == runtime_id
    assert record.status.value == "queued"
    assert record.execution_mode.value in ("inline", "durable")


def test_retries_never_duplicate_invocations(
    emu: Emulator, client: Bctrl, runtime_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bctrl._transport.time.sleep", lambda seconds: None)  # backoff timing is not under test
    emu.set_faults(seed=7, rate_503=0.3, rate_429=0.1, drop_after_store=0.2, retry_after_seconds=0)
    keys = []
    try:
        with Bctrl(api_key=emu.api_key, base_url=emu.url, max_retries=8) as c:
            for i in range(15):
                key = f"e2e-{i}-{uuid.uuid4()}"
                keys.append(key)
                c.runtimes.invocations.create(runtime_id, action="act", idempotency_key=key)
    finally:
        emu.set_faults(rate_503=0.0, rate_429=0.0, drop_after_store=0.0)
    assert [emu.count(k) for k in keys] == [1] * len(keys)


def test_one_client_reuses_its_connection(client: Bctrl, runtime_id: str) -> None:
    for _ in range(5):
        client.runtimes.invocations.create(runtime_id, action="act")
    pool = client._http._transport._pool  # type: ignore[attr-defined]
    assert len(pool.connections) == 1


# --- async -----------------------------------------------------------------------------


async def test_async_fan_out_and_history(emu: Emulator) -> None:
    emu.reset()
    updates: Dict[str, List[str]] = {}

    async def record(inv: Any) -> None:
        updates.setdefault(inv.id, []).append(inv.status)

    async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as c:
        runtimes = [await c.runtimes.create(space_id=SPACE_ID, type="browser") for _ in range(4)]
        results = await asyncio.gather(
            *[
                c.runtimes.invocations.create_and_wait(
                    rt.id, action="extract", instruction="x", schema=TOTAL, on_update=record, timeout=20
                )
                for rt in runtimes
                for _ in range(5)
            ]
        )
        assert [r.status for r in results] == ["succeeded"] * 20
        assert all(isinstance(r.parsed["total"], (int, float)) for r in results)
        assert all(u[-1] == "succeeded" for u in updates.values()) and len(updates) == 20
        rt = runtimes[0]
        assert rt.active_run_id is not None
        listed = [i async for i in c.runs.invocations.list(rt.active_run_id, limit=2)]
        assert len(listed) == 5
        # one runtime runs its invocations one after another, in creation order
        full = [await c.runs.invocations.get(rt.active_run_id, i.id) for i in listed]
        for a, b in zip(full, full[1:]):
            assert a.finished_at is not None and b.started_at is not None
            assert a.finished_at <= b.started_at


async def test_cancelling_an_async_wait_leaks_no_connection(emu: Emulator) -> None:
    emu.reset()
    async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as c:
        rt = await c.runtimes.create(space_id=SPACE_ID, type="browser")
        emu.script(duration_ms=5_000)
        task = asyncio.create_task(c.runtimes.invocations.create_and_wait(rt.id, action="act", timeout=30))
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        pool = c._http  # type: ignore[attr-defined]
        assert pool._gate.free == pool.max_connections, "the cancelled poll gave its connection back"
        assert all(conn.exchange is None for conn in pool._open)
        other = await c.runtimes.create(space_id=SPACE_ID, type="browser")
        again = await c.runtimes.invocations.stagehand.act(other.id, "still works", timeout=10, wait=True)
        assert again.is_terminal


async def test_async_client_reuses_one_connection_for_sequential_calls(emu: Emulator) -> None:
    emu.reset()
    async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as c:
        rt = await c.runtimes.create(space_id=SPACE_ID, type="browser")
        for _ in range(5):
            await c.runtimes.invocations.create(rt.id, action="act")
        pool = c._http  # type: ignore[attr-defined]
        assert pool.open_connections == 1 and pool.peak_open == 1


async def test_async_client_holds_concurrent_long_polls_on_connections_of_their_own(emu: Emulator) -> None:
    emu.reset()
    async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as c:
        rt = await c.runtimes.create(space_id=SPACE_ID, type="browser")
        emu.script(duration_ms=3_000)
        first = await c.runtimes.invocations.create(rt.id, action="act")
        # 40 long polls held open at once on the same invocation
        waits = [asyncio.ensure_future(c.runtimes.invocations.wait(rt.id, first.id, timeout=0.5)) for _ in range(40)]
        await asyncio.sleep(0.2)
        pool = c._http  # type: ignore[attr-defined]
        assert pool.max_connections - pool._gate.free == 40
        assert pool.open_connections == 40
        results = await asyncio.gather(*waits, return_exceptions=True)
        assert all(isinstance(r, WaitTimeoutError) for r in results)
        assert pool._gate.free == pool.max_connections, "every answer released its connection"
        assert pool.open_connections == 40, "and kept it for the next request"
        await c.runtimes.invocations.cancel(rt.id, first.id)
