"""AsyncBctrl's shared wait schedule against the emulator: many waits, few long polls."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Dict

import httpx
import pytest

from bctrl import AsyncBctrl, WaitTimeoutError
from bctrl.testing import Emulator


class WaitCounter:
    """Counts ``wait`` requests in flight through an httpx client's event hooks."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.peak = 0
        self.holds: Dict[int, int] = {}

    async def request(self, request: httpx.Request) -> None:
        if request.url.path.endswith("/wait"):
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)

    async def response(self, response: httpx.Response) -> None:
        if response.request.url.path.endswith("/wait"):
            self.in_flight -= 1

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(event_hooks={"request": [self.request], "response": [self.response]})


async def _runtimes(client: AsyncBctrl, count: int) -> list:
    return [(await client.runtimes.create(space_id=str(uuid.uuid4()), type="browser")).id for _ in range(count)]


async def test_only_one_wait_per_runtime_holds_a_long_poll():
    counter = WaitCounter()
    with Emulator(duration_ms=40) as emu:
        async with counter.client() as http, AsyncBctrl(api_key=emu.api_key, base_url=emu.url, http_client=http) as c:
            runtimes = await _runtimes(c, 3)
            calls = [
                c.runtimes.invocations.create_and_wait(runtimes[i % 3], action="act", instruction="x", timeout=30)
                for i in range(30)
            ]
            results = await asyncio.gather(*calls)
    assert [r.status for r in results] == ["succeeded"] * 30
    assert len({r.id for r in results}) == 30
    # Each runtime runs one invocation at a time: one long poll each is enough (every wait
    # holding its own would put 30 in flight). Invocations created in the same millisecond
    # cannot be ordered and poll side by side, hence a little slack.
    assert counter.peak <= 6


async def test_a_queued_invocation_cancelled_out_of_turn_is_noticed_without_waiting_for_the_queue():
    with Emulator(duration_ms=3000) as emu:
        async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as c:
            c.runtimes.invocations._waits.schedule.list_interval = 0.2
            runtime = await c.runtimes.create(space_id=str(uuid.uuid4()), type="browser")
            calls = [
                asyncio.ensure_future(
                    c.runtimes.invocations.create_and_wait(runtime.id, action="act", instruction=text, timeout=30)
                )
                for text in ("a", "b")
            ]
            live = []
            while len(live) < 2:
                await asyncio.sleep(0.05)
                live = [inv async for inv in c.runs.invocations.list(runtime.active_run_id)]
            started = time.monotonic()
            async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as other:
                await other.runtimes.invocations.cancel(runtime.id, live[1].id)  # someone else cancels it
            done, _ = await asyncio.wait(calls, timeout=2.0, return_when=asyncio.FIRST_COMPLETED)
            # the second call ends (cancelled) long before the first invocation ends (3 s)
            assert [task.result().status for task in done] == ["cancelled"]
            assert time.monotonic() - started < 2.0
            assert (await calls[0]).status == "succeeded"


@pytest.mark.parametrize("cancel_on_timeout", [False, True])
async def test_a_parked_wait_still_times_out_on_time(cancel_on_timeout):
    with Emulator(duration_ms=2000) as emu:
        async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as c:
            (runtime,) = await _runtimes(c, 1)
            first = asyncio.ensure_future(
                c.runtimes.invocations.create_and_wait(runtime, action="act", instruction="a", timeout=30)
            )
            await asyncio.sleep(0.1)
            started = time.monotonic()
            with pytest.raises(WaitTimeoutError) as caught:
                await c.runtimes.invocations.create_and_wait(
                    runtime, action="act", instruction="b", timeout=0.5, cancel_on_timeout=cancel_on_timeout
                )
            assert time.monotonic() - started < 1.5
            assert caught.value.last is not None
            assert caught.value.last.status in (("cancelling", "cancelled") if cancel_on_timeout else ("queued",))
            assert caught.value.cancelled is cancel_on_timeout
            first.cancel()


async def test_a_head_whose_caller_stops_waiting_hands_over_at_once():
    with Emulator(duration_ms=600) as emu:
        async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as c:
            (runtime,) = await _runtimes(c, 1)
            first = asyncio.ensure_future(
                c.runtimes.invocations.create_and_wait(runtime, action="act", instruction="a", timeout=30)
            )
            await asyncio.sleep(0.1)
            started = time.monotonic()
            second = asyncio.ensure_future(
                c.runtimes.invocations.create_and_wait(runtime, action="act", instruction="b", timeout=30)
            )
            await asyncio.sleep(0.1)
            first.cancel()  # the head's caller gives up; the invocation runs on
            ended = await second
            assert ended.status == "succeeded"
            # it ends ~1.1 s after it was created (behind the first); noticed at once, not at a listing
            assert time.monotonic() - started < 1.1 + 0.6


def _wire(emu: Emulator):
    """A request maker for the SDK's own connection pool, straight to the emulator."""
    from bctrl._http11 import Origin, Request

    url = httpx.URL(emu.url)
    origin = Origin("http", url.host, url.port)
    headers = [("Authorization", f"Bearer {emu.api_key}"), ("Content-Type", "application/json")]

    def request(method: str, path: str, body: bytes = b"", answer_first: bool = False) -> Request:
        return Request(method, emu.url + path, origin, path, headers, body or None, answer_first)

    return request


async def test_the_gate_keeps_connections_within_the_limit_and_times_out_a_request_left_waiting():
    from bctrl._http11 import Pool

    with Emulator(duration_ms=5000) as emu:
        async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as c:
            (runtime,) = await _runtimes(c, 1)
            invocation = await c.runtimes.invocations.create(runtime, action="act", instruction="x")
        request = _wire(emu)
        wait_path = f"/v1/runtimes/{runtime}/invocations/{invocation.id}/wait"
        pool = Pool(max_connections=2)
        send = dict(deadline=None, cap=1 << 20, connect_timeout=5.0)
        holds = [
            asyncio.ensure_future(
                pool.send(request("POST", wait_path, b'{"timeoutMs": 800}', True), pool_timeout=None, **send)
            )
            for _ in range(2)
        ]
        await asyncio.sleep(0.2)
        with pytest.raises(httpx.PoolTimeout):  # both connections are held: no third one
            await pool.send(request("GET", f"/v1/invocations/{invocation.id}"), pool_timeout=0.2, **send)
        started = time.monotonic()
        third = await pool.send(request("GET", f"/v1/invocations/{invocation.id}"), pool_timeout=None, **send)
        assert third.status_code == 200  # it waited its turn
        assert time.monotonic() - started > 0.2
        assert [(await h).json()["waitStatus"] for h in holds] == ["timeout", "timeout"]
        assert pool.peak_open == 2
        await pool.aclose()


async def test_the_gate_lets_answers_through_before_new_work():
    from bctrl._http11 import Pool

    with Emulator(duration_ms=5000) as emu:
        async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as c:
            (runtime,) = await _runtimes(c, 1)
            invocation = await c.runtimes.invocations.create(runtime, action="act", instruction="x")
        request = _wire(emu)
        wait_path = f"/v1/runtimes/{runtime}/invocations/{invocation.id}/wait"
        pool = Pool(max_connections=1)
        order = []

        async def send(name: str, *args, **kw) -> None:
            await pool.send(request(*args, **kw), deadline=None, cap=1 << 20, connect_timeout=5.0, pool_timeout=None)
            order.append(name)

        holder = asyncio.ensure_future(send("holder", "POST", wait_path, b'{"timeoutMs": 500}', True))
        await asyncio.sleep(0.1)
        reads = [asyncio.ensure_future(send(f"read-{n}", "GET", f"/v1/invocations/{invocation.id}")) for n in range(3)]
        await asyncio.sleep(0.05)
        answer = asyncio.ensure_future(send("answer", "POST", wait_path, b'{"timeoutMs": 0}', answer_first=True))
        await asyncio.gather(holder, answer, *reads)
        await pool.aclose()
    assert order == ["holder", "answer", "read-0", "read-1", "read-2"]


def test_threads_sharing_a_sync_client_hold_one_long_poll_per_runtime():
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from bctrl import Bctrl

    lock = threading.Lock()
    counts = {"in_flight": 0, "peak": 0}

    def on_request(request: httpx.Request) -> None:
        if request.url.path.endswith("/wait"):
            with lock:
                counts["in_flight"] += 1
                counts["peak"] = max(counts["peak"], counts["in_flight"])

    def on_response(response: httpx.Response) -> None:
        if response.request.url.path.endswith("/wait"):
            with lock:
                counts["in_flight"] -= 1

    with (
        Emulator(duration_ms=40) as emu,
        httpx.Client(event_hooks={"request": [on_request], "response": [on_response]}) as http,
        Bctrl(api_key=emu.api_key, base_url=emu.url, http_client=http) as c,
    ):
        runtimes = [c.runtimes.create(space_id=str(uuid.uuid4()), type="browser").id for _ in range(2)]

        def call(i: int) -> str:
            return c.runtimes.invocations.create_and_wait(
                runtimes[i % 2], action="act", instruction="x", timeout=30
            ).status

        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(call, range(16)))
    assert statuses == ["succeeded"] * 16
    assert counts["peak"] <= 4  # one per runtime, and invocations created in the same millisecond
