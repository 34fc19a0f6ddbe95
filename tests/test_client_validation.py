"""Bad input is refused with RequestValidationError before anything is sent."""

from __future__ import annotations

import httpx
import pytest
from _mock import INV, RT, RUN, SPACE, MockAPI

from bctrl import AsyncBctrl, Bctrl, BctrlError, RequestValidationError


@pytest.fixture
def api() -> MockAPI:
    return MockAPI()


@pytest.fixture
def client(api):
    with api.client() as c:
        yield c


def refused(api: MockAPI, call, field: str | None = None, *words: str) -> RequestValidationError:
    with pytest.raises(RequestValidationError) as info:
        call()
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err, BctrlError)
    assert api.requests == [], "a request was sent before the arguments were checked"
    if field is not None:
        assert err.field == field
        assert field in str(err)
    for word in words:
        assert word in str(err)
    return err


# --- invocation create -----------------------------------------------------------------------


def test_unknown_action(api, client):
    refused(api, lambda: client.runtimes.invocations.create(RT, action="click", instruction="x"), "action", "click")


def test_unknown_action_on_create_and_wait(api, client):
    refused(api, lambda: client.runtimes.invocations.create_and_wait(RT, action="Act", instruction="x"), "action")


@pytest.mark.parametrize("action", ["browserUse", "observe", "stagehandAgent"])
def test_missing_instruction(api, client, action):
    refused(api, lambda: client.runtimes.invocations.create(RT, action=action), "instruction", "missing")


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.runtimes.invocations.browser_use.agent(RT),
        lambda c: c.runtimes.invocations.stagehand.observe(RT),
        lambda c: c.runtimes.invocations.stagehand.agent(RT, max_steps=3),
    ],
)
def test_helpers_missing_instruction(api, client, call):
    # A required parameter of the helper: Python names it, nothing is sent.
    with pytest.raises(TypeError, match="instruction"):
        call(client)
    assert api.requests == []


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.runtimes.invocations.browser_use.agent(RT, None),
        lambda c: c.runtimes.invocations.stagehand.observe(RT, instruction=None),
        lambda c: c.runtimes.invocations.stagehand.agent(RT, None, max_steps=3),
    ],
)
def test_helpers_none_instruction(api, client, call):
    refused(api, lambda: call(client), "instruction")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"max_steps": "3"}, "maxSteps"),
        ({"max_steps": 3.5}, "maxSteps"),
        ({"max_steps": True}, "maxSteps"),
        ({"step_timeout_ms": "1000"}, "stepTimeoutMs"),
        ({"temperature": "hot"}, "temperature"),
        ({"flash_mode": "yes"}, "flashMode"),
        ({"tool_ids": "abc"}, "toolIds"),
        ({"sensitive_data": ["a"]}, "sensitiveData"),
        ({"instruction": 42}, "instruction"),
    ],
)
def test_wrong_types(api, client, kwargs, field):
    kwargs.setdefault("instruction", "x")
    refused(api, lambda: client.runtimes.invocations.browser_use.agent(RT, **kwargs), field)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"use_vision": "sometimes"}, "useVision"),
        ({"vision_detail_level": "ultra"}, "visionDetailLevel"),
        ({"target": "sideways"}, "target"),
    ],
)
def test_enum_violations(api, client, kwargs, field):
    refused(api, lambda: client.runtimes.invocations.browser_use.agent(RT, instruction="x", **kwargs), field)


def test_files_item_needs_file_id(api, client):
    refused(
        api,
        lambda: client.runtimes.invocations.browser_use.agent(RT, instruction="x", files=[{"name": "a.pdf"}]),
        "files[0].fileId",
    )


def test_unknown_kwarg_did_you_mean(api, client):
    err = refused(
        api, lambda: client.runtimes.invocations.browser_use.agent(RT, instruction="x", max_step=3), "max_step"
    )
    assert "did you mean 'max_steps'" in str(err)


def test_camel_case_kwarg_suggests_snake_case(api, client):
    err = refused(
        api, lambda: client.runtimes.invocations.browser_use.agent(RT, instruction="x", maxSteps=3), "maxSteps"
    )
    assert "did you mean 'max_steps'" in str(err)


def test_kwarg_of_another_action_refused(api, client):
    # max_steps exists for browserUse but not for act
    refused(api, lambda: client.runtimes.invocations.stagehand.act(RT, instruction="x", max_steps=3), "max_steps")


def test_schema_on_act(api, client):
    refused(
        api,
        lambda: client.runtimes.invocations.create(RT, action="act", instruction="x", schema={"type": "object"}),
        "schema",
    )


def test_schema_and_output_schema_together(api, client):
    refused(
        api,
        lambda: client.runtimes.invocations.create(
            RT, action="extract", instruction="x", schema={"type": "object"}, output_schema={"type": "object"}
        ),
        "schema",
        "output_schema",
    )


def test_invalid_json_schema(api, client):
    refused(api, lambda: client.runtimes.invocations.stagehand.extract(RT, instruction="x", schema={"type": "objekt"}))


def test_not_json_serialisable(api, client):
    refused(
        api,
        lambda: client.runtimes.invocations.create(RT, action="act", instruction="x", metadata={"when": object()}),
        "metadata.when",
    )


@pytest.mark.parametrize("rid", ["", "   ", None, 123])
def test_bad_runtime_id(api, client, rid):
    refused(api, lambda: client.runtimes.invocations.create(rid, action="act", instruction="x"), "runtime_id")


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.runtimes.invocations.wait(RT, ""),
        lambda c: c.runtimes.invocations.cancel(RT, ""),
        lambda c: c.runtimes.invocations.wait("", INV),
        lambda c: c.invocations.get(""),
        lambda c: c.runs.invocations.get(RUN, " "),
    ],
)
def test_bad_ids_elsewhere(api, client, call):
    err = refused(api, lambda: call(client))
    assert err.field in ("invocation_id", "runtime_id")


@pytest.mark.parametrize("key", ["", "   ", "x" * 256, 5, "ключ-1", "abc\r\nX-Injected: 1"])
def test_bad_idempotency_key(api, client, key):
    refused(
        api,
        lambda: client.runtimes.invocations.create(RT, action="act", instruction="x", idempotency_key=key),
        "idempotency_key",
    )


# --- wait budget ---------------------------------------------------------------------------------


@pytest.mark.parametrize("timeout", [-1, float("nan"), "5"])
def test_bad_wait_budget_on_wait(api, client, timeout):
    refused(api, lambda: client.runtimes.invocations.wait(RT, INV, timeout=timeout))


@pytest.mark.parametrize("timeout", [-1, float("nan"), "5"])
def test_bad_wait_budget_refused_before_create(api, client, timeout):
    # An invalid budget must not first create (and bill) an invocation that nobody waits for.
    refused(
        api, lambda: client.runtimes.invocations.create_and_wait(RT, action="act", instruction="x", timeout=timeout)
    )


@pytest.mark.parametrize("timeout", [-1, "5"])
def test_bad_wait_budget_sends_nothing(api, client, timeout):
    # Whatever the exception class, no invocation may be created for a call that cannot wait.
    with pytest.raises(ValueError):
        client.runtimes.invocations.create_and_wait(RT, action="act", instruction="x", timeout=timeout)
    assert api.of("create") == []


def test_bad_wait_budget_on_helper(api, client):
    refused(api, lambda: client.runtimes.invocations.stagehand.act(RT, instruction="x", timeout=-5))


# --- space-scoped create ------------------------------------------------------------------------------


def test_instruction_given_twice(api, client):
    refused(
        api,
        lambda: client.spaces.runtimes.invocations.create(
            SPACE, RT, provider="browserUse", instruction="a", input={"instruction": "b"}
        ),
        "instruction",
        "twice",
    )


def test_space_scoped_unknown_provider(api, client):
    refused(
        api,
        lambda: client.spaces.runtimes.invocations.create(SPACE, RT, provider="openai", instruction="a"),
        "provider",
    )


def test_space_scoped_missing_instruction(api, client):
    refused(api, lambda: client.spaces.runtimes.invocations.create(SPACE, RT, provider="stagehand"), "input")


def test_space_scoped_empty_space_id(api, client):
    refused(
        api,
        lambda: client.spaces.runtimes.invocations.create("", RT, provider="stagehand", instruction="a"),
        "space_id",
    )


# --- runtime create ---------------------------------------------------------------------------------------


def test_stealth_enum(api, client):
    refused(
        api, lambda: client.runtimes.create(space_id=SPACE, type="browser", config={"stealth": "max"}), "config.stealth"
    )


def test_runtime_type_enum(api, client):
    refused(api, lambda: client.runtimes.create(space_id=SPACE, type="desktop"), "type")


def test_runtime_missing_space_id(api, client):
    refused(api, lambda: client.runtimes.create(type="browser"), "spaceId")


def test_runtime_nested_unknown_field_did_you_mean(api, client):
    err = refused(
        api, lambda: client.runtimes.create(space_id=SPACE, type="browser", config={"stelth": "high"}), "config.stelth"
    )
    assert "did you mean 'stealth'" in str(err)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"port": "8080"}, "config.proxy.port"),
        ({"protocol": "ftp"}, "config.proxy.protocol"),
        ({"hostname": "h2"}, "config.proxy.hostname"),
    ],
    ids=["port-type", "protocol-enum", "unknown-field"],
)
def test_runtime_custom_proxy_error_names_the_field(api, client, change, field):
    # proxy is a oneOf discriminated by "mode": the error must be about the "custom" branch
    # the caller chose, not "mode: expected 'saved'".
    proxy = {"mode": "custom", "host": "h", "port": 8080, "protocol": "http", **change}
    err = refused(api, lambda: client.runtimes.create(space_id=SPACE, type="browser", config={"proxy": proxy}))
    assert err.field == field, str(err)


def test_runtime_unknown_kwarg(api, client):
    err = refused(api, lambda: client.runtimes.create(space_id=SPACE, type="browser", nmae="x"), "nmae")
    assert "did you mean 'name'" in str(err)


# --- listing ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [0, 101, "5", True, -1, 2.0])
def test_bad_limit(api, client, limit):
    refused(api, lambda: client.runs.invocations.list(RUN, limit=limit), "limit")


@pytest.mark.parametrize("status", ["paused", ["failed", "nope"], [], 3])
def test_bad_status_filter(api, client, status):
    refused(api, lambda: client.runs.invocations.list(RUN, status=status), "status")


def test_bad_action_filter(api, client):
    refused(api, lambda: client.runs.invocations.list(RUN, action="click"), "action")


def test_list_empty_run_id(api, client):
    refused(api, lambda: client.runs.invocations.list(""), "run_id")


def test_async_list_validates_eagerly():
    api = MockAPI()
    client = api.async_client()
    with pytest.raises(RequestValidationError):
        client.runs.invocations.list(RUN, limit=1000)
    assert api.requests == []


# --- constructor --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [Bctrl, AsyncBctrl])
def test_no_api_key(monkeypatch, cls):
    monkeypatch.delenv("BCTRL_API_KEY", raising=False)
    with pytest.raises(BctrlError) as info:
        cls()
    assert "BCTRL_API_KEY" in str(info.value)


@pytest.mark.parametrize("key", ["", None])
def test_empty_api_key(monkeypatch, key):
    monkeypatch.delenv("BCTRL_API_KEY", raising=False)
    with pytest.raises(BctrlError):
        Bctrl(api_key=key)


def test_env_vars_used(monkeypatch):
    monkeypatch.setenv("BCTRL_API_KEY", "sk-from-env")
    monkeypatch.setenv("BCTRL_BASE_URL", "http://localhost:8787")
    api = MockAPI()
    with Bctrl(http_client=httpx.Client(transport=httpx.MockTransport(api))) as c:
        assert c.base_url == "http://localhost:8787"
        c.invocations.get(INV)
    (req,) = api.requests
    assert req.headers["authorization"] == "Bearer sk-from-env"
    assert str(req.url) == f"http://localhost:8787/v1/invocations/{INV}"


def test_explicit_args_beat_env(monkeypatch):
    monkeypatch.setenv("BCTRL_API_KEY", "sk-from-env")
    monkeypatch.setenv("BCTRL_BASE_URL", "http://localhost:8787")
    api = MockAPI()
    with Bctrl(
        api_key="sk-arg", base_url="https://example.test", http_client=httpx.Client(transport=httpx.MockTransport(api))
    ) as c:
        c.invocations.get(INV)
    assert api.requests[0].headers["authorization"] == "Bearer sk-arg"
    assert api.requests[0].url.host == "example.test"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"base_url": "ftp://api.bctrl.ai"},
        {"base_url": "api.bctrl.ai"},
        {"max_retries": -1},
        {"max_retries": "2"},
        {"max_retries": True},
        {"timeout": 0},
        {"timeout": -3},
        {"timeout": "60"},
    ],
)
def test_bad_constructor_args(kwargs):
    with pytest.raises(BctrlError):
        Bctrl(api_key="k", **kwargs)
