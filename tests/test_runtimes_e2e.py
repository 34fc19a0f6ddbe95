"""Runtime lifecycle end to end: the SDK against the emulator over real sockets.

Every answer is checked against the merged spec. Timing only separates behaviours by wide
margins (an invocation scripted to take 30 s against waits that end in well under that).
"""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from typing import Any, Iterator, List

import httpx
import pytest

from bctrl import (
    AsyncBctrl,
    Bctrl,
    InvocationCancelledError,
    InvocationError,
    NotFoundError,
    RuntimeNotExecutableError,
)
from bctrl.testing import Emulator

SPACE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
LONG_MS = 30_000  # an invocation that would outlast every test


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(duration_ms=50, minute_ms=100) as emulator:
        yield emulator


@pytest.fixture
def client(emu: Emulator, spec_checker: Any) -> Iterator[Bctrl]:
    emu.reset()
    http = httpx.Client(event_hooks={"response": [lambda r: (r.read(), spec_checker.check(r))]})
    with Bctrl(api_key=emu.api_key, base_url=emu.url, http_client=http, max_retries=0) as c:
        yield c
    http.close()


def _async_client(emu: Emulator, spec_checker: Any) -> AsyncBctrl:
    async def check(response: httpx.Response) -> None:
        await response.aread()
        spec_checker.check(response)

    http = httpx.AsyncClient(event_hooks={"response": [check]})
    return AsyncBctrl(api_key=emu.api_key, base_url=emu.url, http_client=http, max_retries=0)


def _status(emu: Emulator, runtime_id: str) -> str:
    states = {rt["id"]: rt["status"] for rt in emu.state()["runtimes"]}
    return states[runtime_id]


def _active(emu: Emulator) -> int:
    return int(emu.state()["counts"]["runtimesByStatus"].get("active", 0))


# --- read, list, stop, delete --------------------------------------------------------------


def test_get_stop_delete_and_history_survives(emu: Emulator, client: Bctrl) -> None:
    rt = client.runtimes.create(space_id=SPACE_ID, type="browser", name="lifecycle")
    assert client.runtimes.get(rt.id) == rt
    inv = client.runtimes.invocations.create_and_wait(rt.id, action="act", instruction="Click.")
    assert inv.status == "succeeded"
    stopped = client.runtimes.stop(rt.id)
    assert stopped.status == "stopped" and stopped.active_run_id is None and stopped.id == rt.id
    assert stopped.updated_at >= rt.updated_at
    assert client.runtimes.stop(rt.id) == stopped  # idempotent: unchanged
    assert client.runtimes.get(rt.id) == stopped
    client.runtimes.delete(rt.id)
    with pytest.raises(NotFoundError) as caught:
        client.runtimes.get(rt.id)
    assert caught.value.code == "runtime.not_found"
    with pytest.raises(NotFoundError):
        client.runtimes.stop(rt.id)
    with pytest.raises(NotFoundError):
        client.runtimes.delete(rt.id)
    assert rt.active_run_id is not None
    history = list(client.runs.invocations.list(rt.active_run_id))
    assert [i.id for i in history] == [inv.id]
    assert client.runs.invocations.get(rt.active_run_id, inv.id).output == inv.output


def test_list_pages_and_filters(emu: Emulator, client: Bctrl) -> None:
    made = [client.runtimes.create(space_id=SPACE_ID, type="browser", name=f"rt-{n}") for n in range(7)]
    client.runtimes.stop(made[1].id)
    client.runtimes.stop(made[4].id)
    emu.fail_runtime(made[5].id)
    requests: List[httpx.Request] = []
    client_http = client._http  # type: ignore[attr-defined]
    client_http.event_hooks["request"] = [requests.append]

    everything = [rt.id for rt in client.runtimes.list(limit=3)]
    assert everything == [rt.id for rt in made]  # oldest first, across three pages
    assert len(requests) == 3

    active = [rt.name for rt in client.runtimes.list(status="active", limit=2)]
    assert active == ["rt-0", "rt-2", "rt-3", "rt-6"]
    ended = {rt.name: rt.status for rt in client.runtimes.list(status=["stopped", "failed"])}
    assert ended == {"rt-1": "stopped", "rt-4": "stopped", "rt-5": "failed"}

    requests.clear()
    first = next(iter(client.runtimes.list(limit=2)))
    assert first.id == made[0].id and len(requests) == 1  # lazily: one page for one item


async def test_async_get_list_stop_delete(emu: Emulator, spec_checker: Any) -> None:
    emu.reset()
    async with _async_client(emu, spec_checker) as client:
        rts = [await client.runtimes.create(space_id=SPACE_ID, type="browser") for _ in range(3)]
        assert (await client.runtimes.get(rts[0].id)).status == "active"
        assert (await client.runtimes.stop(rts[0].id)).status == "stopped"
        await client.runtimes.delete(rts[1].id)
        listed = [(rt.id, rt.status) async for rt in client.runtimes.list(limit=1)]
        assert listed == [(rts[0].id, "stopped"), (rts[2].id, "active")]
        with pytest.raises(NotFoundError):
            await client.runtimes.get(rts[1].id)


# --- invocations and a runtime that ends ---------------------------------------------------


def test_invocation_on_a_stopped_runtime_is_a_typed_409(emu: Emulator, client: Bctrl) -> None:
    rt = client.runtimes.create(space_id=SPACE_ID, type="browser")
    client.runtimes.stop(rt.id)
    with pytest.raises(RuntimeNotExecutableError) as caught:
        client.runtimes.invocations.create(rt.id, action="act", instruction="Click.")
    assert caught.value.status_code == 409 and caught.value.code == "runtime.not_executable"
    assert caught.value.reason_class == "conflict"
    assert emu.invocations == []


def test_a_waited_invocation_ends_cancelled_when_its_runtime_stops(emu: Emulator, client: Bctrl) -> None:
    rt = client.runtimes.create(space_id=SPACE_ID, type="browser")
    emu.script(duration_ms=LONG_MS, count=2)
    running = client.runtimes.invocations.create(rt.id, action="act", instruction="Slow.")
    queued = client.runtimes.invocations.create(rt.id, action="act", instruction="Also slow.")
    result: List[Any] = []

    def wait() -> None:
        result.append(client.runtimes.invocations.wait(rt.id, running.id, timeout=60))

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(0.2)  # the wait is parked on the server
    started = time.monotonic()
    client.runtimes.stop(rt.id)
    waiter.join(timeout=20)
    assert not waiter.is_alive()
    assert time.monotonic() - started < 10  # returned on the stop, not at the 30 s mark
    (final,) = result
    assert final.status == "cancelled"
    with pytest.raises(InvocationCancelledError):
        final.raise_for_failure()
    assert client.invocations.get(queued.id).status == "cancelled"


def test_a_failed_runtime_fails_its_work_and_takes_no_more(emu: Emulator, client: Bctrl) -> None:
    rt = client.runtimes.create(space_id=SPACE_ID, type="browser")
    emu.script(duration_ms=LONG_MS)
    inv = client.runtimes.invocations.create(rt.id, action="act", instruction="Slow.")
    emu.fail_runtime(rt.id, after_ms=100, message="The browser crashed.")
    final = client.runtimes.invocations.wait(rt.id, inv.id, timeout=20)
    assert final.status == "failed" and final.error is not None
    assert final.error.message == "The browser crashed."
    with pytest.raises(InvocationError):
        final.raise_for_failure()
    assert client.runtimes.get(rt.id).status == "failed"
    assert client.runtimes.get(rt.id).active_run_id is None
    with pytest.raises(RuntimeNotExecutableError):
        client.runtimes.invocations.create(rt.id, action="act", instruction="Again.")
    assert client.runtimes.stop(rt.id).status == "failed"  # stop leaves a failed runtime as it is


def test_idle_timeout_stops_a_runtime_only_when_idle(emu: Emulator, client: Bctrl) -> None:
    # One emulated minute is 100 ms here: the runtime stops itself after 200 ms without work.
    rt = client.runtimes.create(space_id=SPACE_ID, type="browser", config={"lifecycle": {"idleTimeoutMinutes": 2}})
    emu.script(duration_ms=800)  # four times the idle timeout: work keeps the runtime alive
    inv = client.runtimes.invocations.create_and_wait(rt.id, action="act", instruction="Work.", timeout=20)
    assert inv.status == "succeeded"
    deadline = time.monotonic() + 10
    while client.runtimes.get(rt.id).status == "active" and time.monotonic() < deadline:
        time.sleep(0.05)
    stopped = client.runtimes.get(rt.id)
    assert stopped.status == "stopped" and stopped.active_run_id is None
    with pytest.raises(RuntimeNotExecutableError):
        client.runtimes.invocations.create(rt.id, action="act", instruction="Too late.")


def test_no_idle_timeout_means_no_idle_stop(emu: Emulator, client: Bctrl) -> None:
    timed = client.runtimes.create(space_id=SPACE_ID, type="browser", config={"lifecycle": {"idleTimeoutMinutes": 1}})
    plain = client.runtimes.create(space_id=SPACE_ID, type="browser")
    deadline = time.monotonic() + 10
    while client.runtimes.get(timed.id).status == "active" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert client.runtimes.get(timed.id).status == "stopped"
    assert client.runtimes.get(plain.id).status == "active"  # created at the same moment


# --- the with block ------------------------------------------------------------------------


def test_with_stops_on_success(emu: Emulator, client: Bctrl) -> None:
    with client.runtimes.create(space_id=SPACE_ID, type="browser") as rt:
        inv = client.runtimes.invocations.create_and_wait(rt.id, action="extract", instruction="Total?")
        assert inv.status == "succeeded"
        assert _status(emu, rt.id) == "active"
    assert _status(emu, rt.id) == "stopped"
    assert _active(emu) == 0


def test_with_stops_on_an_exception(emu: Emulator, client: Bctrl) -> None:
    with pytest.raises(ZeroDivisionError), client.runtimes.create(space_id=SPACE_ID, type="browser") as rt:
        _ = 1 / 0
    assert _status(emu, rt.id) == "stopped"


def test_with_stops_on_ctrl_c(emu: Emulator, client: Bctrl) -> None:
    emu.script(duration_ms=LONG_MS)
    with pytest.raises(KeyboardInterrupt), client.runtimes.create(space_id=SPACE_ID, type="browser") as rt:
        inv = client.runtimes.invocations.create(rt.id, action="act", instruction="Slow.")
        raise KeyboardInterrupt
    assert _status(emu, rt.id) == "stopped"
    assert emu.invocation(inv.id)["status"] == "cancelled"  # stopping ended the work it left behind


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="needs signals")
def test_with_stops_on_a_real_sigint_during_a_wait(emu: Emulator, client: Bctrl) -> None:
    emu.script(duration_ms=LONG_MS)
    timer = threading.Timer(0.5, lambda: signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT))
    rt_ids: List[str] = []
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt), client.runtimes.create(space_id=SPACE_ID, type="browser") as rt:
            rt_ids.append(rt.id)
            client.runtimes.invocations.create_and_wait(rt.id, action="act", instruction="Slow.", timeout=20)
    finally:
        timer.cancel()
    assert _status(emu, rt_ids[0]) == "stopped"


async def test_async_with_stops_on_success_exception_and_cancellation(emu: Emulator, spec_checker: Any) -> None:
    emu.reset()
    async with _async_client(emu, spec_checker) as client:
        async with client.runtimes.create(space_id=SPACE_ID, type="browser") as ok:
            await client.runtimes.invocations.create_and_wait(ok.id, action="act", instruction="Click.")
        assert _status(emu, ok.id) == "stopped"

        with pytest.raises(RuntimeError, match="mine"):
            async with client.runtimes.create(space_id=SPACE_ID, type="browser") as failing:
                raise RuntimeError("mine")
        assert _status(emu, failing.id) == "stopped"

        emu.script(duration_ms=LONG_MS)
        ids: List[str] = []
        parked = asyncio.Event()

        async def work() -> None:
            async with client.runtimes.create(space_id=SPACE_ID, type="browser") as rt:
                ids.append(rt.id)
                created = await client.runtimes.invocations.create(rt.id, action="act", instruction="Slow.")
                ids.append(created.id)
                parked.set()
                await client.runtimes.invocations.wait(rt.id, created.id, timeout=60)

        task = asyncio.ensure_future(work())
        await asyncio.wait_for(parked.wait(), 10)
        await asyncio.sleep(0.1)  # inside the long poll
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, 15)
        assert _status(emu, ids[0]) == "stopped"
        assert emu.invocation(ids[1])["status"] == "cancelled"
    assert _active(emu) == 0


async def test_async_with_stop_survives_a_second_cancellation(emu: Emulator, spec_checker: Any) -> None:
    emu.reset()
    emu.set_faults(latency_ms=300)  # every API call takes 300 ms, the stop included
    try:
        async with _async_client(emu, spec_checker) as client:
            ids: List[str] = []
            inside = asyncio.Event()

            async def work() -> None:
                async with client.runtimes.create(space_id=SPACE_ID, type="browser") as rt:
                    ids.append(rt.id)
                    inside.set()
                    await asyncio.sleep(60)

            task = asyncio.ensure_future(work())
            await asyncio.wait_for(inside.wait(), 10)
            task.cancel()
            await asyncio.sleep(0.1)  # the stop is under way
            task.cancel()  # cancelled again while stopping
            with pytest.raises(asyncio.CancelledError):
                await task
            deadline = time.monotonic() + 10
            while _status(emu, ids[0]) == "active" and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            assert _status(emu, ids[0]) == "stopped"  # the stop went on in the background
    finally:
        emu.set_faults(latency_ms=0)


def test_quickstart_leaves_no_runtime_active(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    import runpy
    from pathlib import Path

    emu.reset()
    monkeypatch.setenv("BCTRL_API_KEY", emu.api_key)
    monkeypatch.setenv("BCTRL_BASE_URL", emu.url)
    quickstart = Path(__file__).resolve().parent.parent / "examples" / "quickstart.py"
    with pytest.raises(SystemExit) as ended:
        runpy.run_path(str(quickstart), run_name="__main__")
    assert ended.value.code == 0
    counts = emu.state()["counts"]
    assert counts["runtimes"] == 1
    assert counts["runtimesByStatus"] == {"stopped": 1}
