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


async def test_the_gate_keeps_connections_within_the_limit_and_times_out_a_request_left_waiting():
    from bctrl._transport import SpreadAsyncTransport

    with Emulator(duration_ms=5000) as emu:
        async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as c:
            (runtime,) = await _runtimes(c, 1)
            invocation = await c.runtimes.invocations.create(runtime, action="act", instruction="x")
        transport = SpreadAsyncTransport(pools=2, max_connections=2)
        headers = {"Authorization": f"Bearer {emu.api_key}"}
        wait_url = f"{emu.url}/v1/runtimes/{runtime}/invocations/{invocation.id}/wait"
        async with httpx.AsyncClient(transport=transport, headers=headers) as http:
            holds = [asyncio.ensure_future(http.post(wait_url, json={"timeoutMs": 800})) for _ in range(2)]
            await asyncio.sleep(0.2)
            with pytest.raises(httpx.PoolTimeout):  # both connections are held: no third one
                await http.get(f"{emu.url}/v1/invocations/{invocation.id}", timeout=httpx.Timeout(5, pool=0.2))
            started = time.monotonic()
            third = await http.get(f"{emu.url}/v1/invocations/{invocation.id}")  # waits its turn
            assert third.status_code == 200
            assert time.monotonic() - started > 0.2
            assert [(await h).json()["waitStatus"] for h in holds] == ["timeout", "timeout"]
            assert sum(len(pool._pool.connections) for pool in transport._pools) <= 2


async def test_the_own_client_keeps_no_cookies():
    with Emulator() as emu:
        async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as c:
            await _runtimes(c, 1)
            http = c._http
            http.cookies.extract_cookies(
                httpx.Response(200, headers={"set-cookie": "a=b"}, request=httpx.Request("GET", emu.url))
            )
            assert len(http.cookies) == 0


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


async def test_the_gate_lets_answers_through_before_new_work():
    from bctrl._transport import SpreadAsyncTransport

    with Emulator(duration_ms=5000) as emu:
        async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as c:
            (runtime,) = await _runtimes(c, 1)
            invocation = await c.runtimes.invocations.create(runtime, action="act", instruction="x")
        headers = {"Authorization": f"Bearer {emu.api_key}"}
        wait_url = f"{emu.url}/v1/runtimes/{runtime}/invocations/{invocation.id}/wait"
        order = []

        async def send(name: str, method: str, url: str, **kw) -> None:
            await http.request(method, url, **kw)
            order.append(name)

        async with httpx.AsyncClient(
            transport=SpreadAsyncTransport(pools=1, max_connections=1), headers=headers
        ) as http:
            holder = asyncio.ensure_future(send("holder", "POST", wait_url, json={"timeoutMs": 500}))
            await asyncio.sleep(0.1)
            reads = [
                asyncio.ensure_future(send(f"read-{n}", "GET", f"{emu.url}/v1/invocations/{invocation.id}"))
                for n in range(3)
            ]
            await asyncio.sleep(0.05)
            answer = asyncio.ensure_future(send("answer", "POST", wait_url, json={"timeoutMs": 0}))
            await asyncio.gather(holder, answer, *reads)
    assert order == ["holder", "answer", "read-0", "read-1", "read-2"]
