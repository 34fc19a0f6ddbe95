"""client.runtimes get/list/stop/delete and the ``with`` block, against a mock transport:
what goes on the wire, how answers are read, and what leaving a block does."""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from typing import Any, List

import httpx
import pytest
from _mock import RT, RUN, MockAPI, error_body, json_response, page, runtime_body

from bctrl import (
    APIResponseValidationError,
    APITimeoutError,
    NotFoundError,
    RequestValidationError,
    Runtime,
    RuntimeNotExecutableError,
    ServiceUnavailableError,
    _runtime,
)

RT2 = "2c9e6679-7425-40de-944b-e07fc1f90ae7"
RT3 = "3c9e6679-7425-40de-944b-e07fc1f90ae7"


@pytest.fixture
def api() -> MockAPI:
    return MockAPI()


@pytest.fixture
def client(api):
    with api.client(max_retries=0) as c:
        yield c


def _paths(api: MockAPI) -> List[str]:
    return [f"{r.method} {r.url.raw_path.decode()}" for r in api.requests]


# --- requests -------------------------------------------------------------------------------


def test_get_stop_delete_paths_and_bodies(api, client):
    rt = client.runtimes.get(RT)
    stopped = client.runtimes.stop(RT)
    assert client.runtimes.delete(RT) is None
    assert _paths(api) == [f"GET /v1/runtimes/{RT}", f"POST /v1/runtimes/{RT}/stop", f"DELETE /v1/runtimes/{RT}"]
    assert api.requests[1].content == b""  # stop has no body
    assert all(r.headers["authorization"] == "Bearer sk-test-key" for r in api.requests)
    assert rt.status == "active" and rt.active_run_id == RUN
    assert stopped.status == "stopped" and stopped.active_run_id is None


def test_runtime_ids_are_percent_encoded(api, client):
    api.queue("unknown", json_response(200, runtime_body()))
    client.runtimes.get("a/b c")
    assert api.requests[0].url.raw_path.decode() == "/v1/runtimes/a%2Fb%20c"


@pytest.mark.parametrize("bad", ["", "   ", None, 5, "\ud800"])
def test_bad_runtime_id_refused_before_sending(api, client, bad):
    for call in (client.runtimes.get, client.runtimes.stop, client.runtimes.delete):
        with pytest.raises(RequestValidationError):
            call(bad)
    assert api.requests == []


def test_list_query(api, client):
    list(client.runtimes.list(status="active", limit=5))
    list(client.runtimes.list(status=["stopped", "failed"]))
    list(client.runtimes.list())
    first, second, third = (r.url.params for r in api.requests)
    assert first.get_list("status") == ["active"] and first["limit"] == "5" and "cursor" not in first
    assert second.get_list("status") == ["stopped", "failed"] and "limit" not in second
    assert dict(third) == {}


@pytest.mark.parametrize(
    "kwargs", [{"status": "paused"}, {"status": []}, {"status": 3}, {"limit": 0}, {"limit": 101}, {"limit": True}]
)
def test_bad_list_arguments_refused_at_call_time(api, client, kwargs):
    with pytest.raises(RequestValidationError):
        client.runtimes.list(**kwargs)  # not even iterated
    assert api.requests == []


def _paged(api: MockAPI) -> MockAPI:
    pages = {
        None: page([runtime_body(id=RT), runtime_body(id=RT2)], "c1"),
        "c1": page([runtime_body(id=RT3, status="stopped", activeRunId=None)], None),
    }
    api.queue("runtime_list", *([lambda r: json_response(200, pages[r.url.params.get("cursor")])] * 4))
    return api


def test_list_pages_lazily_and_follows_the_cursor(api, client):
    _paged(api)
    it = client.runtimes.list(limit=2)
    assert api.requests == []
    assert next(it).id == RT and next(it).id == RT2
    assert len(api.requests) == 1
    rest = list(it)
    assert [r.id for r in rest] == [RT3] and rest[0].status == "stopped"
    assert [r.url.params.get("cursor") for r in api.requests] == [None, "c1"]


def test_list_cursor_repeated_by_the_server_is_an_error_not_a_loop(api, client):
    api.queue("runtime_list", *[json_response(200, page([runtime_body()], "same"))] * 5)
    with pytest.raises(APIResponseValidationError, match="runtimes-list"):
        list(client.runtimes.list())
    assert len(api.requests) == 2


async def test_async_list_get_stop_delete(api):
    _paged(api)
    async with api.async_client(max_retries=0) as client:
        ids = [rt.id async for rt in client.runtimes.list(limit=2, status="active")]
        assert ids == [RT, RT2, RT3]
        assert (await client.runtimes.get(RT)).status == "active"
        assert (await client.runtimes.stop(RT)).status == "stopped"
        assert await client.runtimes.delete(RT) is None
    assert _paths(api)[-3:] == [f"GET /v1/runtimes/{RT}", f"POST /v1/runtimes/{RT}/stop", f"DELETE /v1/runtimes/{RT}"]


# --- answers ------------------------------------------------------------------------------------


def test_delete_accepts_204_without_a_body(api, client):
    api.queue("runtime_delete", httpx.Response(204))
    assert client.runtimes.delete(RT) is None


def test_delete_with_a_malformed_200_body_is_a_response_error(api, client):
    api.queue("runtime_delete", json_response(200, {"id": RT}))
    with pytest.raises(APIResponseValidationError, match="runtimes-delete"):
        client.runtimes.delete(RT)


def test_204_where_a_runtime_is_expected_is_a_response_error(api, client):
    api.queue("runtime_get", httpx.Response(204))
    with pytest.raises(APIResponseValidationError, match="runtimes-get"):
        client.runtimes.get(RT)


@pytest.mark.parametrize(
    "body",
    [
        {"id": RT},
        runtime_body(createdAt="yesterday"),
        runtime_body(status=None),
        [runtime_body()],
        page([runtime_body()], None),
    ],
)
def test_malformed_runtime_answers(api, client, body):
    api.queue("runtime_get", json_response(200, body))
    with pytest.raises(APIResponseValidationError):
        client.runtimes.get(RT)


def test_unknown_runtime_status_is_kept(api, client):
    api.queue("runtime_get", json_response(200, runtime_body(status="hibernating", activeRunId=None)))
    rt = client.runtimes.get(RT)
    assert rt.status == "hibernating" and isinstance(rt.status, str)


def test_errors_are_typed(api, client):
    api.queue("runtime_get", json_response(404, error_body("runtime.not_found", "not_found")))
    api.queue("create", json_response(409, error_body("runtime.not_executable", "conflict", "Runtime is stopped.")))
    with pytest.raises(NotFoundError):
        client.runtimes.get(RT)
    with pytest.raises(RuntimeNotExecutableError) as caught:
        client.runtimes.invocations.create(RT, action="act", instruction="go")
    assert caught.value.code == "runtime.not_executable" and caught.value.status_code == 409


# --- the with block -----------------------------------------------------------------------------


def _stops(api: MockAPI) -> int:
    return len(api.of("runtime_stop"))


def test_with_stops_on_success(api, client):
    with client.runtimes.create(space_id=RT, type="browser") as rt:
        assert isinstance(rt, Runtime) and _stops(api) == 0
    assert _stops(api) == 1
    assert api.of("runtime_stop")[0].url.path == f"/v1/runtimes/{RT}/stop"


def test_with_on_get_and_list_results_too(api, client):
    with client.runtimes.get(RT):
        pass
    _paged(api)
    for rt in client.runtimes.list():
        with rt:
            pass
    assert _stops(api) == 4


@pytest.mark.parametrize("exc", [ValueError("boom"), KeyboardInterrupt(), SystemExit(3)])
def test_with_stops_and_lets_the_callers_exception_through(api, client, exc):
    with pytest.raises(type(exc)) as caught, client.runtimes.create(space_id=RT, type="browser"):
        raise exc
    assert caught.value is exc
    assert _stops(api) == 1


def test_stop_failure_is_raised_when_the_block_succeeded(api, client, caplog):
    api.queue("runtime_stop", json_response(503, error_body("runtime.host_unavailable", "upstream")))
    with caplog.at_level(logging.WARNING, logger="bctrl"), pytest.raises(ServiceUnavailableError):  # noqa: SIM117
        with client.runtimes.create(space_id=RT, type="browser"):
            pass
    assert any(RT in r.getMessage() and "could not stop" in r.getMessage() for r in caplog.records)


def test_stop_failure_never_hides_the_callers_exception(api, client, caplog):
    api.queue("runtime_stop", json_response(503, error_body("runtime.host_unavailable", "upstream")))
    with caplog.at_level(logging.WARNING, logger="bctrl"), pytest.raises(KeyError) as caught:  # noqa: SIM117
        with client.runtimes.create(space_id=RT, type="browser"):
            raise KeyError("mine")
    assert caught.value.args == ("mine",)
    assert any("could not stop" in r.getMessage() for r in caplog.records)
    if sys.version_info >= (3, 11):
        assert any(RT in note for note in caught.value.__notes__)


def test_a_runtime_already_deleted_counts_as_stopped(api, client):
    api.queue("runtime_stop", json_response(404, error_body("runtime.not_found", "not_found")))
    with client.runtimes.create(space_id=RT, type="browser") as rt:
        client.runtimes.delete(rt.id)
    assert _stops(api) == 1  # tried, found it gone, no error


def test_stop_on_exit_is_bounded_in_time(api, monkeypatch):
    monkeypatch.setattr(_runtime, "STOP_TIMEOUT", 0.3)
    api.queue("runtime_stop", *[httpx.ReadTimeout("held")] * 50)
    with api.client(max_retries=10) as client:  # retries must stop at the deadline
        started = time.monotonic()
        with pytest.raises(APITimeoutError), client.runtimes.create(space_id=RT, type="browser"):
            pass
        took = time.monotonic() - started
    assert took < 5.0
    assert 1 <= _stops(api) < 10


def test_with_needs_a_runtime_from_a_client(api, client):
    rt = client.runtimes.get(RT)
    bare = Runtime(
        id=rt.id,
        status=rt.status,
        type=rt.type,
        name=rt.name,
        active_run_id=rt.active_run_id,
        created_at=rt.created_at,
        updated_at=rt.updated_at,
    )
    assert bare == rt  # the owner is not part of the value
    with pytest.raises(TypeError, match="returned by a client"), bare:
        pass


async def test_async_with_stops_on_success_and_on_exception(api):
    async with api.async_client(max_retries=0) as client:
        async with client.runtimes.create(space_id=RT, type="browser") as rt:
            assert isinstance(rt, Runtime) and _stops(api) == 0
        assert _stops(api) == 1
        with pytest.raises(ValueError, match="boom"):
            async with client.runtimes.create(space_id=RT, type="browser"):
                raise ValueError("boom")
        assert _stops(api) == 2
        created = await client.runtimes.create(space_id=RT, type="browser")  # plain await: no stop
        assert created.status == "active" and _stops(api) == 2
        async with created:
            pass
        assert _stops(api) == 3
        with pytest.raises(TypeError, match="async with"), created:
            pass


async def test_async_with_stops_when_the_task_is_cancelled(api):
    entered = asyncio.Event()

    async def work(client: Any) -> None:
        async with client.runtimes.create(space_id=RT, type="browser"):
            entered.set()
            await asyncio.sleep(30)

    async with api.async_client(max_retries=0) as client:
        task = asyncio.ensure_future(work(client))
        await asyncio.wait_for(entered.wait(), 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert _stops(api) == 1


async def test_async_stop_failure_raised_only_without_another_exception(api):
    async with api.async_client(max_retries=0) as client:
        api.queue("runtime_stop", json_response(503, error_body("runtime.host_unavailable", "upstream")))
        with pytest.raises(ServiceUnavailableError):
            async with client.runtimes.create(space_id=RT, type="browser"):
                pass
        api.queue("runtime_stop", json_response(503, error_body("runtime.host_unavailable", "upstream")))
        with pytest.raises(LookupError):
            async with client.runtimes.create(space_id=RT, type="browser"):
                raise LookupError("mine")


async def test_async_stop_on_exit_is_bounded_even_against_a_silent_server(api, monkeypatch):
    monkeypatch.setattr(_runtime, "STOP_TIMEOUT", 0.3)

    async def hang(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(60)
        raise AssertionError("not reached")

    async with AsyncHangingClient(api, hang) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            async with client.runtimes.create(space_id=RT, type="browser"):
                pass
        assert time.monotonic() - started < 5.0


class AsyncHangingClient:
    """An AsyncBctrl whose stop requests never get an answer."""

    def __init__(self, api: MockAPI, hang: Any) -> None:
        self.api = api
        self.hang = hang

    async def __aenter__(self) -> Any:
        from bctrl import AsyncBctrl

        async def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/stop"):
                return await self.hang(request)
            return self.api(request)

        self.client = AsyncBctrl(
            api_key="sk-test-key", max_retries=0, http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler))
        )
        return self.client

    async def __aexit__(self, *exc: Any) -> None:
        await self.client.close()


def test_a_runtime_pickles_as_a_plain_value(api, client):
    import copy
    import pickle

    rt = client.runtimes.get(RT)
    back = pickle.loads(pickle.dumps(rt))
    assert back == rt and back.config == rt.config and back.extra == rt.extra
    with pytest.raises(TypeError, match="returned by a client"), back:  # the client stayed behind
        pass
    assert copy.deepcopy(rt) == rt
