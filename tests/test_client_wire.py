"""What the sync client puts on the wire, and how it reads the answers."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import httpx
import pytest
from _mock import (
    API_KEY,
    FILE_ID,
    INV,
    RT,
    RUN,
    SPACE,
    MockAPI,
    invocation,
    json_response,
    page,
    wait_answer,
)

from bctrl import APIResponseValidationError, Invocation, NotFoundError, Runtime
from bctrl_api.models import CustomProxyConfig, InvocationTargetById

TOOL = "0b6f8a52-1e2d-4c3b-9a8f-7e6d5c4b3a21"
SCHEMA = {"type": "object", "properties": {"total": {"type": "number"}}, "required": ["total"]}


@pytest.fixture
def api() -> MockAPI:
    return MockAPI()


@pytest.fixture
def client(api):
    with api.client() as c:
        yield c


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, TypeError):
        return False
    return True


# --- create: one body per action ------------------------------------------------------

CREATE_CASES = [
    (
        "act",
        {
            "instruction": "Click the export button.",
            "ai_provider_id": "prov-1",
            "timeout_ms": 5000,
            "model": "gpt-x",
            "temperature": 0.2,
            "target": "active",
            "stagehand_action": {"description": "Export", "selector": "#export"},
            "metadata": {"k": "v"},
        },
        {
            "action": "act",
            "instruction": "Click the export button.",
            "aiProviderId": "prov-1",
            "timeoutMs": 5000,
            "model": "gpt-x",
            "temperature": 0.2,
            "target": "active",
            "stagehandAction": {"description": "Export", "selector": "#export"},
            "metadata": {"k": "v"},
        },
    ),
    ("act", {}, {"action": "act"}),
    (
        "observe",
        {"instruction": "Find the login form.", "selector": "#main", "target": "new"},
        {"action": "observe", "instruction": "Find the login form.", "selector": "#main", "target": "new"},
    ),
    (
        "extract",
        {"instruction": "Extract the invoice total.", "output_schema": SCHEMA, "selector": "table"},
        {"action": "extract", "instruction": "Extract the invoice total.", "outputSchema": SCHEMA, "selector": "table"},
    ),
    ("extract", {"instruction": "Everything."}, {"action": "extract", "instruction": "Everything."}),
    (
        "stagehandAgent",
        {
            "instruction": "Download every invoice.",
            "max_steps": 30,
            "system_prompt": "Be careful.",
            "tool_ids": [TOOL],
            "toolset_id": TOOL,
            "variables": {"year": 2024},
            "highlight_cursor": True,
            "execution_ai_provider_id": "exec-1",
            "files": [{"fileId": FILE_ID, "name": "a.pdf"}],
        },
        {
            "action": "stagehandAgent",
            "instruction": "Download every invoice.",
            "maxSteps": 30,
            "systemPrompt": "Be careful.",
            "toolIds": [TOOL],
            "toolsetId": TOOL,
            "variables": {"year": 2024},
            "highlightCursor": True,
            "executionAiProviderId": "exec-1",
            "files": [{"fileId": FILE_ID, "name": "a.pdf"}],
        },
    ),
    ("stagehandAgent", {"instruction": "Go."}, {"action": "stagehandAgent", "instruction": "Go."}),
    (
        "browserUse",
        {"instruction": "Find the cheapest flight.", "max_steps": 50, "flash_mode": True, "vision_detail_level": "low"},
        {
            "action": "browserUse",
            "instruction": "Find the cheapest flight.",
            "maxSteps": 50,
            "flashMode": True,
            "visionDetailLevel": "low",
        },
    ),
    ("browserUse", {"instruction": "Go."}, {"action": "browserUse", "instruction": "Go."}),
    (
        "solveCaptcha",
        {"target": {"id": "tab-1"}, "timeout_ms": 20_000},
        {"action": "solveCaptcha", "target": {"id": "tab-1"}, "timeoutMs": 20_000},
    ),
    ("solveCaptcha", {}, {"action": "solveCaptcha"}),
]


@pytest.mark.parametrize(("action", "kwargs", "wire"), CREATE_CASES)
def test_create_sends_exact_wire_body(api, client, action, kwargs, wire):
    inv = client.runtimes.invocations.create(RT, action=action, **kwargs)
    assert isinstance(inv, Invocation)
    assert inv.status == "queued"
    assert len(api.requests) == 1
    request = api.requests[0]
    assert request.method == "POST"
    assert request.url.path == f"/v1/runtimes/{RT}/invocations"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == wire
    assert _is_uuid(request.headers["idempotency-key"])


def test_none_kwargs_are_absent(api, client):
    client.runtimes.invocations.create(RT, action="browserUse", instruction="x", max_steps=None, model=None)
    assert api.body() == {"action": "browserUse", "instruction": "x"}


def test_schema_kwarg_sent_as_output_schema(api, client):
    client.runtimes.invocations.create(RT, action="extract", instruction="total", schema=SCHEMA)
    assert api.body()["outputSchema"] == SCHEMA
    assert "schema" not in api.body()


# --- typed helpers: create then wait ------------------------------------------------------


def test_stagehand_act_helper_creates_then_waits(api, client):
    api.queue("wait", json_response(200, wait_answer("succeeded", "act", output={"done": True})))
    inv = client.runtimes.invocations.stagehand.act(RT, "Click the export button.", wait=True)
    assert [r.url.path for r in api.requests] == [
        f"/v1/runtimes/{RT}/invocations",
        f"/v1/runtimes/{RT}/invocations/{INV}/wait",
    ]
    assert api.body() == {"action": "act", "instruction": "Click the export button."}
    assert api.body("wait") == {"timeoutMs": pytest.approx(30_000, abs=1000)}
    assert api.body("wait")["timeoutMs"] <= 30_000
    assert inv.status == "succeeded"
    assert inv.wait_status == "completed"
    assert inv.output == {"done": True}


def test_stagehand_observe_helper(api, client):
    inv = client.runtimes.invocations.stagehand.observe(RT, "Find buttons.", selector="body", wait=True)
    assert api.body() == {"action": "observe", "instruction": "Find buttons.", "selector": "body"}
    assert len(api.of("wait")) == 1
    assert inv.is_terminal


def test_stagehand_extract_helper_with_schema(api, client):
    api.queue("wait", json_response(200, wait_answer("succeeded", "extract", output={"total": 42.5})))
    inv = client.runtimes.invocations.stagehand.extract(
        RT, instruction="Extract the invoice total.", schema=SCHEMA, timeout_ms=60_000, wait=True
    )
    assert api.body() == {
        "action": "extract",
        "instruction": "Extract the invoice total.",
        "outputSchema": SCHEMA,
        "timeoutMs": 60_000,
    }
    assert inv.output == {"total": 42.5}
    assert inv.parsed == {"total": 42.5}


def test_stagehand_agent_helper(api, client):
    client.runtimes.invocations.stagehand.agent(RT, instruction="Download invoices.", max_steps=30, ai_provider_id="p")
    assert api.body() == {
        "action": "stagehandAgent",
        "instruction": "Download invoices.",
        "maxSteps": 30,
        "aiProviderId": "p",
    }


def test_browser_use_agent_full_body(api, client):
    inv = client.runtimes.invocations.browser_use.agent(
        RT,
        instruction="Find the cheapest flight and add it to the cart.",
        max_steps=50,
        use_vision="auto",
        sensitive_data={"password": "hunter2"},
        step_timeout_ms=45_000,
        max_history_items=12,
        files=[{"fileId": FILE_ID, "runtimePath": "/tmp/a.pdf"}],
        target={"id": "tab-7"},
        ai_provider_id="prov-9",
        timeout_ms=600_000,
        wait=True,
    )
    assert api.body() == {
        "action": "browserUse",
        "instruction": "Find the cheapest flight and add it to the cart.",
        "maxSteps": 50,
        "useVision": "auto",
        "sensitiveData": {"password": "hunter2"},
        "stepTimeoutMs": 45_000,
        "maxHistoryItems": 12,
        "files": [{"fileId": FILE_ID, "runtimePath": "/tmp/a.pdf"}],
        "target": {"id": "tab-7"},
        "aiProviderId": "prov-9",
        "timeoutMs": 600_000,
    }
    assert inv.status == "succeeded"


@pytest.mark.parametrize("use_vision", [True, False, "auto"])
def test_browser_use_use_vision_forms(api, client, use_vision):
    client.runtimes.invocations.browser_use.agent(RT, instruction="x", use_vision=use_vision, wait=False)
    assert api.body()["useVision"] == use_vision


def test_solve_captcha_helper(api, client):
    inv = client.runtimes.invocations.solve_captcha(RT, target="active", timeout_ms=30_000, wait=True)
    assert api.body() == {"action": "solveCaptcha", "target": "active", "timeoutMs": 30_000}
    assert len(api.of("wait")) == 1
    assert inv.status == "succeeded"


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.runtimes.invocations.stagehand.act(RT, instruction="x", wait=False),
        lambda c: c.runtimes.invocations.stagehand.observe(RT, instruction="x", wait=False),
        lambda c: c.runtimes.invocations.stagehand.extract(RT, instruction="x", wait=False),
        lambda c: c.runtimes.invocations.stagehand.agent(RT, instruction="x", wait=False),
        lambda c: c.runtimes.invocations.browser_use.agent(RT, instruction="x", wait=False),
        lambda c: c.runtimes.invocations.solve_captcha(RT, wait=False),
    ],
)
def test_helpers_wait_false_only_create(api, client, call):
    inv = call(client)
    assert [route for route in ("create", "wait") if api.of(route)] == ["create"]
    assert len(api.requests) == 1
    assert inv.status == "queued"


def test_generated_models_accepted_where_dicts_are(api, client):
    client.runtimes.invocations.browser_use.agent(
        RT, instruction="x", target=InvocationTargetById(id="tab-3"), wait=False
    )
    assert api.body()["target"] == {"id": "tab-3"}
    proxy = CustomProxyConfig.from_dict({"mode": "custom", "host": "h", "port": 8080, "protocol": "http"})
    client.runtimes.create(space_id=SPACE, type="browser", config={"proxy": proxy})
    assert api.body("runtime_create") == {
        "spaceId": SPACE,
        "type": "browser",
        "config": {"proxy": {"mode": "custom", "host": "h", "port": 8080, "protocol": "http"}},
    }


# --- idempotency keys ------------------------------------------------------------------------


def test_caller_idempotency_key_is_sent(api, client):
    client.runtimes.invocations.create(RT, action="act", instruction="x", idempotency_key="my-key-1")
    client.runtimes.invocations.stagehand.act(RT, instruction="x", idempotency_key="my-key-2")
    assert [r.headers["idempotency-key"] for r in api.of("create")] == ["my-key-1", "my-key-2"]
    # the key is a header, never a body field
    assert all("idempotencyKey" not in b for b in api.bodies("create"))


def test_fresh_uuid_idempotency_key_per_call(api, client):
    for _ in range(3):
        client.runtimes.invocations.create(RT, action="act", instruction="x")
    client.runtimes.invocations.create_and_wait(RT, action="act", instruction="x")
    client.runtimes.invocations.browser_use.agent(RT, instruction="x")
    keys = [r.headers["idempotency-key"] for r in api.of("create")]
    assert len(keys) == 5
    assert all(_is_uuid(k) for k in keys)
    assert len(set(keys)) == 5


def test_only_creates_carry_idempotency_key(api, client):
    client.runtimes.invocations.create_and_wait(RT, action="act", instruction="x")
    client.runtimes.invocations.cancel(RT, INV)
    client.runtimes.create(space_id=SPACE, type="browser")
    for r in api.of("wait") + api.of("cancel") + api.of("runtime_create"):
        assert "idempotency-key" not in r.headers


# --- other endpoints ---------------------------------------------------------------------------


def test_wait_sends_budget_as_timeout_ms(api, client):
    inv = client.runtimes.invocations.wait(RT, INV, timeout=7)
    (request,) = api.of("wait")
    assert request.method == "POST"
    assert request.url.path == f"/v1/runtimes/{RT}/invocations/{INV}/wait"
    assert json.loads(request.content) == {"timeoutMs": pytest.approx(7000, abs=50)}
    assert json.loads(request.content)["timeoutMs"] <= 7000
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert inv.status == "succeeded"


def test_wait_large_budget_capped_at_30s(api, client):
    client.runtimes.invocations.wait(RT, INV, timeout=3600)
    assert api.body("wait") == {"timeoutMs": 30_000}


def test_cancel(api, client):
    inv = client.runtimes.invocations.cancel(RT, INV)
    (request,) = api.requests
    assert request.method == "POST"
    assert request.url.path == f"/v1/runtimes/{RT}/invocations/{INV}/cancel"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert inv.status == "cancelled"


def test_run_invocation_get(api, client):
    inv = client.runs.invocations.get(RUN, INV)
    (request,) = api.requests
    assert request.method == "GET"
    assert request.url.path == f"/v1/runs/{RUN}/invocations/{INV}"
    assert request.content == b""
    assert inv.output == {"ok": True}


def test_invocation_get_by_id(api, client):
    inv = client.invocations.get(INV)
    (request,) = api.requests
    assert request.method == "GET"
    assert request.url.path == f"/v1/invocations/{INV}"
    assert inv.id == INV


def test_path_ids_are_percent_encoded(api, client):
    # the decoded path has an extra "/", so the mock's router files it under "unknown"
    api.queue("unknown", json_response(200, invocation("succeeded")))
    client.invocations.get("a/b c")
    assert api.requests[0].url.raw_path.decode() == "/v1/invocations/a%2Fb%20c"


def test_list_filters_in_query(api, client):
    api.queue("list", json_response(200, page([invocation("failed", "extract")], None)))
    items = list(client.runs.invocations.list(RUN, status=["failed", "timed_out"], action="extract", limit=20))
    (request,) = api.requests
    assert request.method == "GET"
    assert request.url.path == f"/v1/runs/{RUN}/invocations"
    params = request.url.params
    assert params.get_list("status") == ["failed", "timed_out"]
    assert params.get_list("action") == ["extract"]
    assert params.get("limit") == "20"
    assert "cursor" not in params
    assert [i.status for i in items] == ["failed"]


def test_list_without_filters_sends_no_filter_params(api, client):
    list(client.runs.invocations.list(RUN))
    params = api.requests[0].url.params
    assert "status" not in params and "action" not in params and "cursor" not in params


def test_runtime_create(api, client):
    rt = client.runtimes.create(
        space_id=SPACE,
        type="browser",
        name="checkout-bot",
        config={"stealth": "high", "proxy": {"mode": "custom", "host": "h", "port": 8080, "protocol": "http"}},
    )
    (request,) = api.requests
    assert request.method == "POST"
    assert request.url.path == "/v2/runtimes"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert json.loads(request.content) == {
        "spaceId": SPACE,
        "type": "browser",
        "name": "checkout-bot",
        "config": {"stealth": "high", "proxy": {"mode": "custom", "host": "h", "port": 8080, "protocol": "http"}},
    }
    assert isinstance(rt, Runtime)
    assert rt.id == RT
    assert rt.active_run_id == RUN
    assert rt.status == "active"
    assert rt.created_at.tzinfo is not None


def test_space_scoped_create(api, client):
    record = client.spaces.runtimes.invocations.create(
        SPACE,
        RT,
        provider="browserUse",
        instruction="Reconcile this month's transactions.",
        config={"maxSteps": 25, "useVision": True},
    )
    (request,) = api.requests
    assert request.method == "POST"
    assert request.url.path == f"/v1/spaces/{SPACE}/runtimes/{RT}/invocations"
    body = json.loads(request.content)
    key = body.pop("idempotencyKey")
    assert _is_uuid(key)
    assert body == {
        "input": {"instruction": "Reconcile this month's transactions."},
        "operation": "agent.execute",
        "provider": "browserUse",
        "config": {"maxSteps": 25, "useVision": True},
    }
    assert str(record.id) == INV


def test_space_scoped_create_stagehand_with_key_and_input(api, client):
    client.spaces.runtimes.invocations.create(
        SPACE, RT, provider="stagehand", input={"instruction": "Do it."}, idempotency_key="k-77"
    )
    assert api.body("legacy_create") == {
        "input": {"instruction": "Do it."},
        "operation": "agent.execute",
        "provider": "stagehand",
        "idempotencyKey": "k-77",
    }


# --- pagination -----------------------------------------------------------------------------------


def _ids(n: int, start: int = 0) -> list:
    return [str(uuid.UUID(int=i + 1)) for i in range(start, start + n)]


def _paged_api():
    api = MockAPI()
    pages = {
        None: page([invocation("succeeded", id=i) for i in _ids(2, 0)], "c1"),
        "c1": page([invocation("failed", id=i) for i in _ids(2, 2)], "c2"),
        "c2": page([invocation("succeeded", id=i) for i in _ids(1, 4)], None),
    }

    def handler(request: httpx.Request) -> httpx.Response:
        return json_response(200, pages[request.url.params.get("cursor")])

    api.queue("list", *([handler] * 10))
    return api


def test_pagination_follows_cursor_across_pages():
    api = _paged_api()
    with api.client() as client:
        items = list(client.runs.invocations.list(RUN, limit=2))
    assert [i.id for i in items] == _ids(5)
    assert [r.url.params.get("cursor") for r in api.requests] == [None, "c1", "c2"]
    assert all(r.url.params.get("limit") == "2" for r in api.requests)


def test_pagination_is_lazy_and_stops_early():
    api = _paged_api()
    with api.client() as client:
        it = client.runs.invocations.list(RUN)
        assert api.requests == []
        first_three = [next(it) for _ in range(3)]
    assert [i.id for i in first_three] == _ids(3)
    assert len(api.requests) == 2


def test_pagination_repeated_cursor_raises():
    api = MockAPI()
    api.queue("list", *[json_response(200, page([invocation(id=i)], "same")) for i in _ids(5)])
    with api.client() as client:
        it = client.runs.invocations.list(RUN)
        with pytest.raises(APIResponseValidationError):
            for _ in range(10):
                next(it)
    assert len(api.requests) == 2


def test_pagination_cursor_cycle_raises_instead_of_looping():
    # A server that cycles between two cursors (a -> b -> a -> ...) must not be followed for ever.
    api = MockAPI()
    cycle = [json_response(200, page([invocation(id=i)], "ab"[n % 2])) for n, i in enumerate(_ids(12))]
    api.queue("list", *cycle)  # after 12 pages the default answer ends the listing
    with api.client() as client, pytest.raises(APIResponseValidationError):
        list(client.runs.invocations.list(RUN))
    assert len(api.requests) <= 4


def test_pagination_error_is_typed():
    api = MockAPI().queue(
        "list", json_response(404, {"code": "run.not_found", "reasonClass": "not_found", "error": "x"})
    )
    with api.client(max_retries=0) as client, pytest.raises(NotFoundError):
        list(client.runs.invocations.list(RUN))


# --- response parsing ---------------------------------------------------------------------------------


def test_invocation_fields_are_typed(api, client):
    api.queue(
        "get",
        json_response(
            200,
            invocation(
                "failed",
                "extract",
                startedAt="2024-06-01T12:00:01.250Z",
                finishedAt="2024-06-01T12:00:03+02:00",
                durationMs=1750,
                output=None,
                error={"code": "invocation.failed", "message": "boom", "details": {"step": 4}},
            ),
        ),
    )
    inv = client.invocations.get(INV)
    assert inv.id == INV and isinstance(inv.id, str)
    assert inv.run_id == RUN and isinstance(inv.run_id, str)
    assert inv.runtime_id == RT and isinstance(inv.runtime_id, str)
    assert inv.status == "failed" and inv.action == "extract"
    assert inv.created_at == dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.timezone.utc)
    assert inv.started_at == dt.datetime(2024, 6, 1, 12, 0, 1, 250_000, tzinfo=dt.timezone.utc)
    assert inv.finished_at is not None and inv.finished_at.utcoffset() == dt.timedelta(hours=2)
    for ts in (inv.created_at, inv.started_at, inv.finished_at):
        assert ts.tzinfo is not None
    assert inv.duration_ms == 1750 and type(inv.duration_ms) is int
    assert inv.error is not None
    assert inv.error.code == "invocation.failed"
    assert inv.error.message == "boom"
    assert inv.error.details == {"step": 4}
    assert inv.is_terminal and not inv.succeeded


def test_unknown_status_and_error_code_kept_raw(api, client):
    api.queue(
        "get",
        json_response(
            200,
            invocation(
                "paused",
                "teleport",
                error={"code": "invocation.timeout", "message": "too long", "details": {"timeoutSeconds": 30}},
            ),
        ),
    )
    inv = client.invocations.get(INV)
    assert inv.status == "paused"
    assert isinstance(inv.status, str) and str(inv.status) == "paused"
    assert inv.action == "teleport"
    assert inv.error is not None and inv.error.code == "invocation.timeout"
    assert inv.error.details == {"timeoutSeconds": 30}
    assert not inv.is_terminal


def test_list_parses_seed_example_with_unknown_error_code(api, client):
    api.queue(
        "list",
        json_response(
            200,
            page(
                [
                    invocation(
                        "failed",
                        durationMs=350,
                        error={"message": "exceeded", "code": "invocation.timeout", "details": {"step": "fetchData"}},
                        finishedAt="2024-06-10T15:22:35Z",
                    )
                ],
                None,
            ),
        ),
    )
    (item,) = list(client.runs.invocations.list(RUN))
    assert item.error is not None and item.error.code == "invocation.timeout"
    assert item.output is None


def test_unknown_fields_kept_in_extra(api, client):
    api.queue("get", json_response(200, invocation("succeeded", costUsd=0.12, region="eu-1")))
    inv = client.invocations.get(INV)
    assert inv.extra == {"costUsd": 0.12, "region": "eu-1"}
    assert "costUsd" not in repr(inv)


@pytest.mark.parametrize(
    "body",
    [
        {k: v for k, v in invocation().items() if k != "id"},
        invocation(createdAt="yesterday"),
        invocation(id="not-a-uuid"),
        invocation(durationMs="12"),
        {k: v for k, v in invocation().items() if k != "runId"},
        ["not", "an", "object"],
    ],
    ids=["missing-id", "bad-createdAt", "bad-id", "durationMs-string", "missing-runId", "list-body"],
)
def test_malformed_2xx_body_is_response_validation_error(api, client, body):
    api.queue("get", json_response(200, body))
    with pytest.raises(APIResponseValidationError) as info:
        client.invocations.get(INV)
    assert info.value.status_code == 200


def test_non_json_2xx_body_is_response_validation_error(api, client):
    api.queue("get", httpx.Response(200, text="<html>hello</html>"))
    with pytest.raises(APIResponseValidationError):
        client.invocations.get(INV)


def test_malformed_create_answer(api, client):
    api.queue("create", json_response(202, {k: v for k, v in invocation().items() if k != "id"}))
    with pytest.raises(APIResponseValidationError) as info:
        client.runtimes.invocations.create(RT, action="act", instruction="x")
    assert info.value.status_code == 202


def test_malformed_wait_answer(api, client):
    api.queue("wait", json_response(200, {**wait_answer("succeeded"), "createdAt": "32/13/2024"}))
    with pytest.raises(APIResponseValidationError):
        client.runtimes.invocations.wait(RT, INV, timeout=5)


# --- client basics -----------------------------------------------------------------------------------


def test_default_base_url_and_headers(api, client):
    client.invocations.get(INV)
    r = api.requests[0]
    assert r.url.scheme == "https" and r.url.host == "api.bctrl.ai"
    assert r.headers["accept"] == "application/json"
    assert r.headers["user-agent"].startswith("bctrl-python/")
    assert "x-bctrl-retry-count" not in r.headers


def test_custom_base_url_and_default_headers():
    api = MockAPI()
    with api.client(base_url="http://localhost:8787/", default_headers={"X-Team": "qa"}) as c:
        c.invocations.get(INV)
    r = api.requests[0]
    assert str(r.url) == f"http://localhost:8787/v1/invocations/{INV}"
    assert r.headers["x-team"] == "qa"


def test_user_http_client_not_closed_by_client():
    api = MockAPI()
    http = httpx.Client(transport=httpx.MockTransport(api))
    from bctrl import Bctrl

    with Bctrl(api_key="k", http_client=http) as c:
        c.invocations.get(INV)
    assert not http.is_closed
    http.close()


def test_own_http_client_closed():
    from bctrl import Bctrl

    c = Bctrl(api_key="k")
    c.close()
    assert c._http.is_closed
