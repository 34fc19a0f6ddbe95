"""The API key and sensitive_data never show up in logs, reprs or exception texts."""

from __future__ import annotations

import logging
import types

import httpx
import pytest
from _mock import INV, RT, RUN, SPACE, MockAPI, SleepRecorder, error_body, json_response, wait_answer

import bctrl._sync.resources
import bctrl._transport
from bctrl import AsyncBctrl, Bctrl, BctrlError

KEY = "sk-canary-123"
PASSWORD = "canary-pw-456"
CANARIES = (KEY, PASSWORD)
SENSITIVE = {"password": PASSWORD, "x_user": "bob"}


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    monkeypatch.setattr(bctrl._transport.time, "sleep", SleepRecorder())


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.DEBUG, logger="bctrl")
    return caplog


def assert_clean(*texts: str) -> None:
    for text in texts:
        for canary in CANARIES:
            assert canary not in text, f"secret {canary!r} leaked in: {text[:300]!r}"


def assert_exception_clean(err: BaseException) -> None:
    chain = []
    while err is not None and err not in chain:
        chain.append(err)
        assert_clean(str(err), repr(err), repr(getattr(err, "args", ())))
        err = err.__cause__ or err.__context__


def test_repr_of_client_hides_key():
    api = MockAPI()
    for client in (api.client(api_key=KEY), api.async_client(api_key=KEY)):
        text = repr(client)
        assert "<hidden>" in text
        assert_clean(text, str(client), repr(client._config), repr(vars(client)))


def test_successful_calls_with_retries_do_not_log_secrets(logs):
    api = MockAPI()
    api.queue(
        "create",
        json_response(503, error_body("runtime.host_unavailable", "upstream"), {"Retry-After": "0"}),
        httpx.ConnectError("refused"),
    )
    api.queue("wait", json_response(200, wait_answer("running", wait_status="timeout")))
    with api.client(api_key=KEY, max_retries=3) as client:
        inv = client.runtimes.invocations.browser_use.agent(
            RT, instruction="log in", sensitive_data=SENSITIVE, max_steps=5, timeout=30, wait=True
        )
        listed = list(client.runs.invocations.list(RUN))
        got = client.runs.invocations.get(RUN, INV)
        rt = client.runtimes.create(space_id=SPACE, type="browser")
        legacy = client.spaces.runtimes.invocations.create(
            SPACE, RT, provider="browserUse", instruction="x", config={"sensitiveData": {"password": PASSWORD}}
        )
    # the secrets did go where they belong
    assert api.requests[0].headers["authorization"] == f"Bearer {KEY}"
    assert api.body()["sensitiveData"] == SENSITIVE
    assert any("retrying" in r.getMessage() for r in logs.records)
    assert any(r.levelno == logging.DEBUG for r in logs.records)
    assert_clean(logs.text, repr(inv), str(inv), repr(listed), repr(got), repr(rt), repr(legacy))


@pytest.mark.parametrize(
    "answer",
    [
        json_response(401, error_body("auth.invalid_api_key", "unauthorized", "bad key")),
        json_response(400, error_body("invocation.invalid", "invalid_input", "bad")),
        json_response(500, error_body("server.internal", "server", "oops")),
        httpx.Response(502, text="<html>bad gateway</html>"),
        httpx.ReadTimeout("slow"),
        httpx.ConnectError("refused"),
        json_response(202, {"not": "an invocation"}),
    ],
    ids=["401", "400", "500", "502-html", "ReadTimeout", "ConnectError", "malformed-202"],
)
def test_errors_do_not_leak(logs, answer):
    api = MockAPI().queue("create", *([answer] * 4))
    with api.client(api_key=KEY, max_retries=2) as client, pytest.raises(BctrlError) as info:
        client.runtimes.invocations.browser_use.agent(RT, instruction="x", sensitive_data=SENSITIVE, wait=False)
    assert_exception_clean(info.value)
    assert_clean(logs.text)


def test_wait_timeout_error_does_not_leak(logs, monkeypatch):
    clock = types.SimpleNamespace(now=0.0)

    def sleep(s):
        clock.now += s

    monkeypatch.setattr(bctrl._sync.resources, "time", types.SimpleNamespace(monotonic=lambda: clock.now))
    monkeypatch.setattr(bctrl._transport, "_now", lambda: clock.now)
    monkeypatch.setattr(bctrl._sync.resources, "sleep", sleep)
    api = MockAPI().queue(
        "wait", *[json_response(200, wait_answer("running", wait_status="timeout", retry_after_ms=500))] * 50
    )
    with api.client(api_key=KEY) as client, pytest.raises(TimeoutError) as info:
        client.runtimes.invocations.browser_use.agent(
            RT, instruction="x", sensitive_data=SENSITIVE, timeout=2, wait=True
        )
    assert_exception_clean(info.value)
    assert_clean(logs.text, repr(info.value.last))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_steps": "3"},
        {"use_vision": "sometimes"},
        {"max_step": 3},
        {"target": {"id": 5}},
    ],
)
def test_validation_errors_do_not_echo_sensitive_data(kwargs):
    api = MockAPI()
    with api.client(api_key=KEY) as client, pytest.raises(BctrlError) as info:
        client.runtimes.invocations.browser_use.agent(RT, instruction="x", sensitive_data=SENSITIVE, **kwargs)
    assert api.requests == []
    assert_exception_clean(info.value)


@pytest.mark.parametrize(
    "bad_sensitive",
    [[PASSWORD], PASSWORD, {"password": {"nested": object(), "secret": PASSWORD}}],
    ids=["list", "string", "not-json"],
)
def test_malformed_sensitive_data_not_echoed(bad_sensitive):
    api = MockAPI()
    with api.client(api_key=KEY) as client, pytest.raises(BctrlError) as info:
        client.runtimes.invocations.browser_use.agent(RT, instruction="x", sensitive_data=bad_sensitive)
    assert api.requests == []
    assert_exception_clean(info.value)


def test_constructor_errors_do_not_leak_key():
    for kwargs in ({"base_url": "nope"}, {"max_retries": -1}, {"timeout": "x"}):
        with pytest.raises(BctrlError) as info:
            Bctrl(api_key=KEY, **kwargs)
        assert_exception_clean(info.value)


async def test_async_calls_do_not_leak(logs, monkeypatch):
    async def no_sleep(_s):
        return None

    monkeypatch.setattr(bctrl._transport, "asyncio", types.SimpleNamespace(sleep=no_sleep))
    api = MockAPI().queue("create", httpx.ReadError("reset"))
    api.queue("get", *[json_response(503, error_body("x.y", "upstream", "down"))] * 3)
    async with AsyncBctrl(api_key=KEY, http_client=httpx.AsyncClient(transport=httpx.MockTransport(api))) as client:
        inv = await client.runtimes.invocations.browser_use.agent(
            RT, instruction="x", sensitive_data=SENSITIVE, wait=True
        )
        with pytest.raises(BctrlError) as info:
            await client.invocations.get(INV)
        assert_clean(repr(client))
    assert_exception_clean(info.value)
    assert_clean(logs.text, repr(inv))
    assert api.body()["sensitiveData"] == SENSITIVE
    assert inv.status == "succeeded"
