"""Everyday use, as a user writes it: helpers, per-call options, results, pages, abandoning a wait, docs.

Against the local emulator over real sockets, the scriptable mock API, and small raw-socket
servers that hold or count connections; sync and async.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import json
import os
import pickle
import pydoc
import signal
import socket
import subprocess
import sys
import threading
import time
import typing
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List

import httpx
import pytest
from _mock import INV, RT, RUN, MockAPI, error_body, invocation, json_response

import bctrl
from bctrl import (
    APITimeoutError,
    AsyncBctrl,
    AsyncPage,
    Bctrl,
    BctrlError,
    Invocation,
    OutputValidationError,
    Page,
    RequestValidationError,
    WaitTimeoutError,
)
from bctrl.testing import Emulator

SPACE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
LIVE = {"queued", "dispatching", "running"}


@dataclass
class Invoice:
    number: str
    total: float


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(duration_ms=50) as emulator:
        yield emulator


@pytest.fixture
def client(emu: Emulator) -> Iterator[Bctrl]:
    emu.reset()
    with Bctrl(api_key=emu.api_key, base_url=emu.url) as c:
        yield c


@pytest.fixture
def rt(client: Bctrl) -> bctrl.Runtime:
    return client.runtimes.create(space_id=SPACE_ID, type="browser")


def _async_client(emu: Emulator) -> AsyncBctrl:
    emu.reset()
    return AsyncBctrl(api_key=emu.api_key, base_url=emu.url)


# --- helpers create and return; waiting is one argument away -------------------------------------------


def test_helpers_create_and_return_then_wait_later(emu: Emulator, client: Bctrl, rt: bctrl.Runtime) -> None:
    emu.script(duration_ms=1_000, count=5)
    invocations = client.runtimes.invocations
    created = [
        invocations.stagehand.act(rt.id, "Click the export button."),
        invocations.stagehand.observe(rt.id, "Find the buttons."),
        invocations.stagehand.extract(rt.id, "Extract the total."),
        invocations.stagehand.agent(rt.id, "Download invoices.", max_steps=3),
        invocations.browser_use.agent(rt.id, "Find a flight.", max_steps=3),
    ]
    assert all(inv.status in LIVE for inv in created), [inv.status for inv in created]
    assert [inv.action for inv in created] == ["act", "observe", "extract", "stagehandAgent", "browserUse"]
    assert len(emu.invocations) == 5
    done = invocations.wait(created[0], timeout=30)
    assert done.status == "succeeded" and done.id == created[0].id


def test_helper_wait_true_blocks_until_terminal(emu: Emulator, client: Bctrl, rt: bctrl.Runtime) -> None:
    updates: List[str] = []
    inv = client.runtimes.invocations.stagehand.act(
        rt.id, "Click.", wait=True, timeout=30, on_update=lambda i: updates.append(i.status)
    )
    assert inv.status == "succeeded" and updates[-1] == "succeeded"


def test_wait_options_need_wait_true(client: Bctrl, rt: bctrl.Runtime) -> None:
    with pytest.raises(RequestValidationError, match="wait=True"):
        client.runtimes.invocations.stagehand.act(rt.id, "Click.", on_update=print)


async def test_async_helpers_create_and_return(emu: Emulator) -> None:
    async with _async_client(emu) as a:
        rt = await a.runtimes.create(space_id=SPACE_ID, type="browser")
        emu.script(duration_ms=1_000)
        inv = await a.runtimes.invocations.browser_use.agent(rt.id, "Find a flight.")
        assert inv.status in LIVE
        done = await a.runtimes.invocations.stagehand.observe(rt.id, "Look.", wait=True, timeout=30)
        assert done.status == "succeeded"
        assert (await a.runtimes.invocations.wait(inv, timeout=30)).status == "succeeded"


# --- a schema given at create is kept ------------------------------------------------------------------


def test_schema_given_at_create_types_a_later_wait(emu: Emulator, client: Bctrl, rt: bctrl.Runtime) -> None:
    pytest.importorskip("pydantic")
    emu.script({"number": "A-1", "total": 12.5})
    created = client.runtimes.invocations.stagehand.extract(rt.id, "Extract the invoice.", schema=Invoice)
    assert created.parsed is None
    restored = pickle.loads(pickle.dumps(created))  # e.g. handed to another process to wait on
    done = client.runtimes.invocations.wait(restored, timeout=30)
    assert done.parsed == Invoice("A-1", 12.5)

    emu.script({"number": 7}, validate_output=False)
    bad = client.runtimes.invocations.create(rt.id, action="extract", instruction="x", schema=Invoice)
    with pytest.raises(OutputValidationError):
        client.runtimes.invocations.wait(bad, timeout=30)


async def test_async_schema_given_at_create_types_a_later_wait(emu: Emulator) -> None:
    pytest.importorskip("pydantic")
    async with _async_client(emu) as a:
        rt = await a.runtimes.create(space_id=SPACE_ID, type="browser")
        emu.script({"number": "B-2", "total": 3.0})
        created = await a.runtimes.invocations.create(rt.id, action="extract", instruction="x", schema=Invoice)
        done = await a.runtimes.invocations.wait(created, timeout=30)
        assert done.parsed == Invoice("B-2", 3.0)


# --- timeout= is the most a call may take; per-call options everywhere ---------------------------------


class HoldServer:
    """Accepts connections, reads the request, never answers. Counts connections."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.accepted = 0
        self.conns: List[socket.socket] = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _run(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self.conns.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.conns:
            conn.close()


@pytest.fixture
def hold() -> Iterator[HoldServer]:
    server = HoldServer()
    yield server
    server.close()


def test_timeout_bounds_a_read_call_retries_included(hold: HoldServer) -> None:
    with Bctrl(api_key="k", base_url=hold.url) as c:  # client default: 60 s per request, 2 retries
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            c.invocations.get(INV, timeout=0.5)
        elapsed = time.monotonic() - started
    assert elapsed < 3.0, elapsed


async def test_async_timeout_bounds_a_read_call(hold: HoldServer) -> None:
    async with AsyncBctrl(api_key="k", base_url=hold.url) as a:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            await a.runs.invocations.get(RUN, INV, timeout=0.5)
        assert time.monotonic() - started < 3.0


def test_timeout_on_create_is_the_call_deadline_not_timeout_ms() -> None:
    api = MockAPI()
    with api.client() as c:
        c.runtimes.invocations.create(RT, action="act", instruction="x", timeout=5)
        c.runs.invocations.get(RUN, INV, timeout=3)
    assert api.body() == {"action": "act", "instruction": "x"}


def test_per_call_max_retries() -> None:
    unavailable = [json_response(503, error_body("x.y", "upstream", "down"), {"retry-after-ms": "0"})] * 10
    api = MockAPI().queue("get", *unavailable)
    with api.client() as c:
        with pytest.raises(bctrl.ServiceUnavailableError):
            c.invocations.get(INV, max_retries=0)
        assert len(api.requests) == 1
        with pytest.raises(bctrl.ServiceUnavailableError):
            c.invocations.get(INV, max_retries=4)
        assert len(api.requests) == 1 + 5


def test_extra_headers_query_and_body_reach_every_request_of_a_call() -> None:
    api = MockAPI()
    with api.client() as c:
        c.runtimes.invocations.create_and_wait(
            RT,
            action="act",
            instruction="x",
            extra_headers={"X-Trace": "t-1"},
            extra_query={"debug": "1"},
            extra_body={"experimental": True},
        )
    assert [r.headers.get("x-trace") for r in api.requests] == ["t-1"] * len(api.requests) and len(api.requests) >= 2
    assert all(r.url.params.get("debug") == "1" for r in api.requests)
    assert api.body() == {"action": "act", "instruction": "x", "experimental": True}
    assert api.body("wait")["experimental"] is True


@pytest.mark.parametrize(
    "options",
    [
        {"extra_headers": {"X-Trace": 3}},
        {"extra_headers": {"X-Trace": "a\nb"}},
        {"extra_query": {"filter": {"nested": 1}}},
        {"extra_body": {"x": float("nan")}},
        {"max_retries": -1},
        {"timeout": -1},
        {"timeout": "soon"},
    ],
)
def test_bad_per_call_options_are_refused_before_sending(options: Dict[str, Any]) -> None:
    api = MockAPI()
    with api.client() as c, pytest.raises(RequestValidationError):
        c.invocations.get(INV, **options)
    assert api.requests == []


class CountingServer:
    """A keep-alive HTTP server answering every request with one invocation; counts connections."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.accepted = 0
        body = json.dumps(invocation()).encode()
        self.answer = (
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-Id: req-count\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        threading.Thread(target=self._run, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _run(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            buffer = b""
            while True:
                try:
                    chunk = conn.recv(65536)
                except OSError:
                    return
                if not chunk:
                    return
                buffer += chunk
                while b"\r\n\r\n" in buffer:
                    _head, buffer = buffer.split(b"\r\n\r\n", 1)
                    conn.sendall(self.answer)

    def close(self) -> None:
        self.sock.close()


def test_with_options_shares_the_connection_pool() -> None:
    server = CountingServer()
    try:
        with Bctrl(api_key="k", base_url=server.url) as c:
            quick = c.with_options(max_retries=0, timeout=5.0, default_headers={"X-Team": "a"})
            assert quick.max_retries == 0 and c.max_retries == 2
            c.invocations.get(INV)
            quick.invocations.get(INV)
            quick.close()  # leaves the shared pool open
            c.invocations.get(INV)
            assert server.accepted == 1
        with pytest.raises(BctrlError):
            c.with_options(max_retries=-1)
    finally:
        server.close()


async def test_async_with_options_shares_the_connection_pool() -> None:
    server = CountingServer()
    try:
        async with AsyncBctrl(api_key="k", base_url=server.url) as a:
            other = a.with_options(max_retries=1)
            await a.invocations.get(INV)
            await other.invocations.get(INV)
            await other.close()
            await a.invocations.get(INV)
        assert server.accepted == 1
    finally:
        server.close()


def _run_script(emu: Emulator, env: Dict[str, str]) -> subprocess.CompletedProcess:
    code = (
        "from bctrl import Bctrl\n"
        f"c = Bctrl(api_key={emu.api_key!r}, base_url={emu.url!r})\n"
        f"c.runtimes.create(space_id={SPACE_ID!r}, type='browser')\n"
    )
    clean = {k: v for k, v in os.environ.items() if k != "BCTRL_LOG"}
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True, timeout=60, check=True
    )


def test_bctrl_log_turns_on_the_logger(emu: Emulator) -> None:
    quiet = _run_script(emu, {})
    assert quiet.stderr == ""
    loud = _run_script(emu, {"BCTRL_LOG": "debug"})
    assert "POST /v2/runtimes -> 200" in loud.stderr and "request_id=req_" in loud.stderr
    assert emu.api_key not in loud.stderr


# --- results --------------------------------------------------------------------------------------------


def _same_json(ours: Any, theirs: Any) -> bool:
    """Equal as JSON (a member that is null the same as one left out), timestamps compared as instants."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        keys = {k for k, v in ours.items() if v is not None} | {k for k, v in theirs.items() if v is not None}
        return all(_same_json(ours.get(k), theirs.get(k)) for k in keys)
    if isinstance(ours, list) and isinstance(theirs, list):
        return len(ours) == len(theirs) and all(_same_json(a, b) for a, b in zip(ours, theirs))
    if isinstance(ours, str) and isinstance(theirs, str) and ours != theirs:
        try:
            parse = bctrl._invocation.parse_timestamp
            return parse(ours, "a") == parse(theirs, "b")
        except ValueError:
            return False
    return bool(ours == theirs)


def test_results_serialise_compare_hash_and_carry_their_response(
    emu: Emulator, client: Bctrl, rt: bctrl.Runtime
) -> None:
    emu.script({"lines": [{"total": 1.5}]})
    done = client.runtimes.invocations.create_and_wait(rt.id, action="extract", instruction="x", timeout=30)
    read = client.invocations.get(done.id)
    again = client.invocations.get(done.id)
    raw = httpx.get(f"{emu.url}/v1/invocations/{done.id}", headers={"Authorization": f"Bearer {emu.api_key}"})
    assert _same_json(read.to_dict(), raw.json())
    assert json.loads(read.to_json()) == read.to_dict()
    assert read == again and hash(read) == hash(again) and len({read, again}) == 1  # output is a dict
    assert read.request_id is not None and read.request_id.startswith("req_") and read.request_id != again.request_id
    assert read.response is not None and read.response.status_code == 200
    assert read.response.headers["content-type"].startswith("application/json")
    assert read.response.method == "GET" and read.response.url.endswith(f"/v1/invocations/{done.id}")
    assert "response" not in repr(read) and "request_id" not in read.to_dict()

    assert hash(rt) == hash(rt) and len({rt, rt}) == 1  # config is a dict
    assert rt.to_dict()["activeRunId"] == rt.active_run_id and rt.to_dict()["status"] == "active"
    assert rt.response is not None and rt.response.status_code == 200


def test_status_and_action_are_typed_and_keep_unknown_values() -> None:
    from bctrl._contract import enum_values

    assert set(typing.get_args(bctrl.InvocationStatus)) == set(enum_values("InvocationStatus"))
    assert set(typing.get_args(bctrl.InvocationAction)) == set(enum_values("InvocationAction"))
    api = MockAPI().queue("get", json_response(200, invocation(status="paused", action="summarize")))
    with api.client() as c:
        inv = c.invocations.get(INV)
    assert (inv.status, inv.action) == ("paused", "summarize")
    assert inv.to_dict()["status"] == "paused"


def test_error_info_and_datetimes_serialise() -> None:
    body = invocation(
        status="failed",
        finishedAt="2024-06-01T12:00:01.250Z",
        error={"code": "invocation.stagehand_failed", "message": "boom", "details": {"step": 2}},
    )
    api = MockAPI().queue("get", json_response(200, body))
    with api.client() as c:
        inv = c.invocations.get(INV)
    assert inv.to_dict()["error"] == {"code": "invocation.stagehand_failed", "message": "boom", "details": {"step": 2}}
    assert inv.to_dict()["finishedAt"] == "2024-06-01T12:00:01.250Z"
    assert inv.finished_at == dt.datetime(2024, 6, 1, 12, 0, 1, 250_000, tzinfo=dt.timezone.utc)
    assert hash(inv.error) == hash(inv.error)


# --- pages ----------------------------------------------------------------------------------------------


def test_pages_and_resuming_from_a_cursor(emu: Emulator, client: Bctrl, rt: bctrl.Runtime) -> None:
    emu.seed_invocations(rt.id, 5)
    run_id = rt.active_run_id
    assert run_id is not None
    everything = [inv.id for inv in client.runs.invocations.list(run_id)]
    assert len(everything) == 5

    first = client.runs.invocations.list(run_id, limit=2)
    assert len(first.data) == 2 and first.has_next_page() and first.next_cursor
    second = first.next_page()
    assert isinstance(second, Page) and len(second.data) == 2
    saved = second.next_cursor
    assert saved is not None
    rest = [inv.id for inv in client.runs.invocations.list(run_id, limit=2, cursor=saved)]
    assert [i.id for i in first.data] + [i.id for i in second.data] + rest == everything
    last = client.runs.invocations.list(run_id, limit=2, cursor=saved).first_page()
    assert not last.has_next_page() and last.next_cursor is None
    with pytest.raises(BctrlError, match="last page"):
        last.next_page()
    assert [len(p.data) for p in client.runs.invocations.list(run_id, limit=2).iter_pages()] == [2, 2, 1]
    assert first.to_dict()["nextCursor"] == first.next_cursor and len(first.to_dict()["data"]) == 2
    assert first.request_id is not None


async def test_async_pages_await_and_resume(emu: Emulator) -> None:
    async with _async_client(emu) as a:
        rt = await a.runtimes.create(space_id=SPACE_ID, type="browser")
        emu.seed_invocations(rt.id, 5)
        run_id = rt.active_run_id
        assert run_id is not None
        everything = [inv.id async for inv in a.runs.invocations.list(run_id)]
        page = await a.runs.invocations.list(run_id, limit=2)
        assert isinstance(page, AsyncPage) and len(page.data) == 2 and page.has_next_page()
        following = await page.next_page()
        rest = [inv.id async for inv in a.runs.invocations.list(run_id, limit=2, cursor=following.next_cursor)]
        assert [i.id for i in page.data + following.data] + rest == everything
        assert [len(p.data) async for p in a.runs.invocations.list(run_id, limit=2).iter_pages()] == [2, 2, 1]


# --- abandoning a wait -----------------------------------------------------------------------------------


def _only_invocation(emu: Emulator) -> Dict[str, Any]:
    (one,) = emu.invocations
    return one


def _interrupt_after(seconds: float) -> threading.Timer:
    """Ctrl-C, for real: SIGINT to this process after ``seconds``."""
    timer = threading.Timer(seconds, os.kill, args=(os.getpid(), signal.SIGINT))
    timer.start()
    return timer


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="SIGINT needs the main thread")
@pytest.mark.parametrize("cancel_on_abandon", [True, False])
def test_ctrl_c_in_a_sync_wait(emu: Emulator, client: Bctrl, rt: bctrl.Runtime, cancel_on_abandon: bool) -> None:
    emu.script(duration_ms=30_000)
    timer = _interrupt_after(0.5)
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            client.runtimes.invocations.create_and_wait(
                rt.id, action="act", instruction="x", timeout=20, cancel_on_abandon=cancel_on_abandon
            )
    finally:
        timer.cancel()
    assert time.monotonic() - started < 10
    status = _only_invocation(emu)["status"]
    if cancel_on_abandon:
        assert status in {"cancelling", "cancelled"}
    else:
        assert status in LIVE  # left running: the caller did not ask to cancel it


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="SIGINT needs the main thread")
def test_ctrl_c_cancel_is_bounded_and_never_hides_the_interruption(hold: HoldServer) -> None:
    with Bctrl(api_key="k", base_url=hold.url) as c:
        timer = _interrupt_after(0.3)
        started = time.monotonic()
        try:
            with pytest.raises(KeyboardInterrupt):
                c.runtimes.invocations.wait(RT, INV, timeout=60, cancel_on_abandon=True)
        finally:
            timer.cancel()
        elapsed = time.monotonic() - started
    assert hold.accepted == 2  # the held poll, then the cancel (which the server also holds)
    assert elapsed < 8, elapsed  # 0.3 s, then the cancel's 5 s bound


async def test_cancelling_the_task_of_an_async_wait(emu: Emulator) -> None:
    async with _async_client(emu) as a:
        rt = await a.runtimes.create(space_id=SPACE_ID, type="browser")
        emu.script(duration_ms=30_000)
        task = asyncio.create_task(
            a.runtimes.invocations.create_and_wait(rt.id, action="act", instruction="x", cancel_on_abandon=True)
        )
        await asyncio.sleep(0.5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert _only_invocation(emu)["status"] in {"cancelling", "cancelled"}


async def test_async_budget_runs_out_with_cancel_on_abandon(emu: Emulator) -> None:
    async with _async_client(emu) as a:
        rt = await a.runtimes.create(space_id=SPACE_ID, type="browser")
        emu.script(duration_ms=30_000)
        inv = await a.runtimes.invocations.create(rt.id, action="act", instruction="x")
        with pytest.raises(WaitTimeoutError) as info:
            await a.runtimes.invocations.wait(inv, timeout=0.3, cancel_on_abandon=True)
        assert info.value.cancelled
        assert _only_invocation(emu)["status"] in {"cancelling", "cancelled"}


def test_an_error_raised_by_on_update_cancels_when_asked(emu: Emulator, client: Bctrl, rt: bctrl.Runtime) -> None:
    emu.script(duration_ms=30_000)

    def give_up(inv: Invocation[Any]) -> None:
        raise RuntimeError("not interested any more")

    with pytest.raises(RuntimeError, match="not interested"):
        client.runtimes.invocations.create_and_wait(
            rt.id, action="act", instruction="x", timeout=20, on_update=give_up, cancel_on_abandon=True
        )
    assert _only_invocation(emu)["status"] in {"cancelling", "cancelled"}


# --- docs in the IDE ----------------------------------------------------------------------------------------


def _public_methods(client: Any) -> List[Any]:
    found: List[Any] = []
    seen: set = set()

    def walk(obj: Any, depth: int) -> None:
        if depth > 4 or id(obj) in seen:
            return
        seen.add(id(obj))
        for name in dir(obj):
            if name.startswith("_"):
                continue
            value = getattr(obj, name)
            if inspect.ismethod(value):
                found.append(value)
            elif type(value).__module__.startswith("bctrl._") and not isinstance(value, (str, int)):
                walk(value, depth + 1)

    walk(client, 0)
    return found


@pytest.mark.parametrize("make", [lambda: Bctrl(api_key="k"), lambda: AsyncBctrl(api_key="k")])
def test_every_public_method_says_what_it_sends_blocks_and_raises(make: Any) -> None:
    client = make()
    methods = [m for m in _public_methods(client) if m.__name__ not in {"close", "with_options"}]
    assert len(methods) >= 13, [m.__qualname__ for m in methods]
    for method in methods:
        doc = inspect.getdoc(method) or ""
        assert "Sends" in doc, method.__qualname__
        assert "Raises" in doc or "raises" in doc, method.__qualname__
        assert any(word in doc for word in ("blocks", "Blocks", "does not wait", "Sends nothing")), method.__qualname__
    for name in ("close", "with_options"):
        assert inspect.getdoc(getattr(client, name)), name


@pytest.mark.parametrize("make", [lambda: Bctrl(api_key="k"), lambda: AsyncBctrl(api_key="k")])
def test_help_shows_the_real_parameters(make: Any) -> None:
    extract = make().runtimes.invocations.stagehand.extract
    params = inspect.signature(extract).parameters
    for name in ("instruction", "schema", "wait", "timeout", "max_retries", "extra_headers", "selector", "timeout_ms"):
        assert name in params, name
    assert list(params)[:2] == ["runtime_id", "instruction"]
    assert not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    text = pydoc.render_doc(extract)
    assert "selector" in text and "timeout_ms" in text and "Raises" in text
    create = make().runtimes.invocations.create
    assert {"action", "max_steps", "sensitive_data", "extra_body"} <= set(inspect.signature(create).parameters)
