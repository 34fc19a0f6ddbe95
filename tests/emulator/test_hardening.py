"""Regression tests for inputs that once crashed or froze the emulator (found by
``tests/test_emulator_fuzz.py``): unpaired surrogate escapes, odd ``$schema`` values,
integers no float can hold, unbounded output generation and lifecycle tasks that died."""

from __future__ import annotations

import json
import time
from typing import Any, Dict, Tuple

import httpx
import pytest
from starlette.requests import Request

from bctrl.emulator import create_app
from bctrl.emulator.app import JSONResponse, error_response
from bctrl.emulator.errors import ApiError
from bctrl.emulator.lifecycle import Phases, fingerprint, timeout_cut
from bctrl.emulator.outputs import CannotGenerate, generate, output_errors
from bctrl.emulator.validation import check_output_schema, check_text, find_lone_surrogate, parse_json_body

LONE = "\ud800"
BIG = 10**400
SPACE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


def raw(value: Any) -> bytes:
    """JSON text as a sloppy client sends it: ``\\ud800`` escapes and 401-digit integers."""
    return json.dumps(value, ensure_ascii=True).encode("ascii")


def post_raw(http: httpx.Client, path: str, value: Any) -> httpx.Response:
    return http.post(path, content=raw(value), headers={"Content-Type": "application/json"})


# ---- 1. unpaired surrogates ---------------------------------------------------------------

LEGACY_OK = {"provider": "stagehand", "operation": "agent.execute", "input": {"instruction": "x"}}
SURROGATE_BODIES: Dict[str, Tuple[str, Any]] = {
    "runtime name": ("runtimes", {"spaceId": SPACE_ID, "type": "browser", "name": LONE}),
    "runtime metadata key": ("runtimes", {"spaceId": SPACE_ID, "type": "browser", "metadata": {LONE: 1}}),
    "runtime unknown field": ("runtimes", {"spaceId": SPACE_ID, "type": "browser", LONE: 1}),
    "create unknown field": ("create", {"action": "act", LONE: 1}),
    "create action": ("create", {"action": LONE}),
    "act instruction": ("create", {"action": "act", "instruction": LONE}),
    "surrogate inside longer text": ("create", {"action": "act", "instruction": "ok " + LONE + " ok"}),
    "outputSchema const": ("create", {"action": "extract", "outputSchema": {"const": LONE}}),
    "legacy instruction": ("legacy", {**LEGACY_OK, "input": {"instruction": LONE}}),
    "legacy idempotencyKey": ("legacy", {**LEGACY_OK, "idempotencyKey": LONE}),
}


@pytest.mark.parametrize("name", sorted(SURROGATE_BODIES))
def test_lone_surrogates_are_invalid_json(client: httpx.Client, runtime: Dict[str, Any], name: str) -> None:
    where, body = SURROGATE_BODIES[name]
    path = {
        "runtimes": "/v2/runtimes",
        "create": f"/v1/runtimes/{runtime['id']}/invocations",
        "legacy": f"/v1/spaces/{SPACE_ID}/runtimes/{runtime['id']}/invocations",
    }[where]
    response = post_raw(client, path, body)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "request.invalid_json"
    response.content.decode("ascii")  # every answer is ASCII-only JSON


def test_lone_surrogate_with_idempotency_key_is_a_400(client: httpx.Client, runtime: Dict[str, Any]) -> None:
    response = client.post(
        f"/v1/runtimes/{runtime['id']}/invocations",
        content=raw({"action": "act", "instruction": LONE}),
        headers={"Content-Type": "application/json", "Idempotency-Key": "k-1"},
    )
    assert response.status_code == 400 and response.json()["code"] == "request.invalid_json"


def test_paired_surrogates_and_non_ascii_text_still_work(
    client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    text = "caf\u00e9 \U0001f600"  # the emoji goes over the wire as a valid \ud83d\ude00 pair
    created = post_raw(client, f"/v1/runtimes/{runtime['id']}/invocations", {"action": "act", "instruction": text})
    assert created.status_code == 202, created.text
    done = helpers.wait(client, runtime["id"], created.json()["id"])
    assert done["status"] == "succeeded" and done["output"]["action"] == text


def test_surrogate_checks_units() -> None:
    assert find_lone_surrogate({"a": [1, {"b": "ok"}]}) is None
    assert find_lone_surrogate({"a": [1, {"b": LONE}]}) == "a string"
    assert find_lone_surrogate([{LONE: 1}]) == "an object key"
    deep: Any = "x"
    for _ in range(50_000):  # iterative: no RecursionError however deep
        deep = [deep]
    assert find_lone_surrogate(deep) is None
    with pytest.raises(ApiError) as info:
        parse_json_body(raw({"k": "\udfff"}), required=True)
    assert info.value.code == "request.invalid_json"
    with pytest.raises(ApiError):
        check_text(LONE, "Idempotency-Key")
    check_text("k\u00e9y", "Idempotency-Key")


def test_numbers_beyond_double_range_are_invalid_json() -> None:
    with pytest.raises(ApiError) as info:
        parse_json_body(b'{"action": "act", "temperature": 1e400}', required=True)
    assert info.value.code == "request.invalid_json"
    assert parse_json_body(b'{"t": 1.5e300}', required=True) == {"t": 1.5e300}


def test_list_query_with_lone_surrogate_is_a_400() -> None:
    from bctrl.emulator.validation import parse_list_query

    with pytest.raises(ApiError) as info:
        parse_list_query([("cursor", LONE)], strict=True)
    assert info.value.status == 400


def test_fingerprint_accepts_any_decoded_json() -> None:
    assert fingerprint("op", {"a": LONE}) != fingerprint("op", {"a": "\ud801"})
    assert fingerprint("op", {"a": "\u00e9"}) == fingerprint("op", {"a": "\u00e9"})


def test_responses_are_ascii_json() -> None:
    body = bytes(JSONResponse({"a": LONE + "\u00e9"}).body)
    assert json.loads(body) == {"a": LONE + "\u00e9"}
    body.decode("ascii")


def test_error_rendering_falls_back_to_fixed_text() -> None:
    request = Request({"type": "http", "method": "POST", "path": "/x", "headers": [], "query_string": b""})
    unrenderable = ApiError(400, "request.invalid", "bad", details={"value": object()})
    response = error_response(request, unrenderable)
    assert response.status_code == 400
    body = json.loads(bytes(response.body))
    assert body["code"] == "request.invalid" and body["error"] == "The request could not be handled."
    assert body["reasonClass"] == "invalid_input" and body["requestId"].startswith("req_")
    nan = error_response(request, ApiError(404, "x.not_found", "gone", details={"n": float("nan")}))
    assert nan.status_code == 404 and json.loads(bytes(nan.body))["code"] == "x.not_found"


# ---- 2. $schema that is not a usable dialect URI -------------------------------------------


@pytest.mark.parametrize("dialect", [5, None, True, [], {}, "http://[bad"])
def test_odd_dollar_schema_is_output_schema_invalid(dialect: Any) -> None:
    with pytest.raises(ApiError) as info:
        check_output_schema({"$schema": dialect, "type": "object"})
    assert info.value.status == 400 and info.value.code == "invocation.output_schema_invalid"


def test_odd_dollar_schema_over_http(client: httpx.Client, runtime: Dict[str, Any]) -> None:
    response = client.post(
        f"/v1/runtimes/{runtime['id']}/invocations",
        json={"action": "extract", "outputSchema": {"$schema": 5}},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invocation.output_schema_invalid"


def test_output_errors_never_raise() -> None:
    assert output_errors({"$id": "http://[bad", "$ref": "#/x"}, 1)
    assert output_errors({"$schema": 5}, 1)


# ---- 3. integers no float can hold -------------------------------------------------------


def test_timeout_cut_treats_huge_timeouts_as_none() -> None:
    phases = Phases.for_duration(200)
    assert timeout_cut(phases, BIG) is None
    assert timeout_cut(phases, 10**12 + 1) is None
    assert timeout_cut(phases, 10**12) is None  # longer than the run: no cut either
    assert timeout_cut(phases, 10) == pytest.approx(0.01)
    assert timeout_cut(phases, -BIG) == 0.0


def test_huge_timeout_ms_runs_to_the_end(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    created = post_raw(client, f"/v1/runtimes/{runtime['id']}/invocations", {"action": "act", "timeoutMs": BIG})
    assert created.status_code == 202, created.text
    done = helpers.wait(client, runtime["id"], created.json()["id"])
    assert done["status"] == "succeeded"


def test_huge_max_steps_runs_to_the_end(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    body = {"action": "browserUse", "instruction": "x", "maxSteps": BIG}
    created = post_raw(client, f"/v1/runtimes/{runtime['id']}/invocations", body)
    if created.status_code == 202:
        assert helpers.wait(client, runtime["id"], created.json()["id"])["status"] == "succeeded"
    else:
        assert created.status_code == 400


@pytest.mark.parametrize("timeout_ms", [BIG, -BIG])
def test_wait_with_huge_timeout_ms(client: httpx.Client, runtime: Dict[str, Any], timeout_ms: int) -> None:
    created = client.post(f"/v1/runtimes/{runtime['id']}/invocations", json={"action": "act"}).json()
    started = time.monotonic()
    response = client.post(
        f"/v1/runtimes/{runtime['id']}/invocations/{created['id']}/wait",
        content=raw({"timeoutMs": timeout_ms}),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    assert time.monotonic() - started < 10


# ---- 4. bounded output generation and a driver that always ends --------------------------

UNBOUNDED_SCHEMAS = {
    "minItems 1e12": {"type": "array", "minItems": 10**12},
    "minItems 1e400": {"type": "array", "minItems": BIG},
    "minItems float": {"type": "array", "minItems": 1e300},
    "minProperties 1e12": {"type": "object", "minProperties": 10**12},
    "minLength 1e400": {"type": "string", "minLength": BIG},
}
# Satisfiable, with values of a size JSON carries: generated exactly.
HUGE_BUT_SATISFIABLE = {
    "minimum 1e400": ({"type": "number", "minimum": BIG}, BIG),
    "integer maximum -1e400": ({"type": "integer", "maximum": -BIG}, -BIG),
    "exclusiveMinimum 1e400": ({"type": "number", "exclusiveMinimum": BIG}, BIG + 1),
    "multipleOf tiny": ({"type": "number", "multipleOf": 1e-320}, 0),
}


@pytest.mark.parametrize("name", sorted(UNBOUNDED_SCHEMAS))
def test_generation_is_bounded(name: str) -> None:
    started = time.monotonic()
    with pytest.raises(CannotGenerate, match=r"more than the emulator generates|longer than"):
        generate(UNBOUNDED_SCHEMAS[name])
    assert time.monotonic() - started < 10  # refused, not generated for ever


@pytest.mark.parametrize("name", sorted(HUGE_BUT_SATISFIABLE))
def test_huge_bounds_are_met_exactly(name: str) -> None:
    schema, expected = HUGE_BUT_SATISFIABLE[name]
    assert generate(schema) == expected


def test_recursive_fan_out_gets_a_small_value() -> None:
    schema = {
        "$defs": {"n": {"type": "object", "properties": {k: {"$ref": "#/$defs/n"} for k in "abcdefgh"}}},
        "$ref": "#/$defs/n",
    }
    value = generate(schema)
    assert output_errors(schema, value) == []
    assert len(json.dumps(value)) < 10_000


def test_generation_within_bounds_still_works() -> None:
    assert len(generate({"type": "array", "minItems": 1000})) == 1000
    assert len(generate({"type": "string", "minLength": 1000})) == 1000
    assert generate({"type": "number", "minimum": 1e12}) == 1e12


def test_unbounded_schema_is_refused_at_create(client: httpx.Client, runtime: Dict[str, Any], emu: Any) -> None:
    body = {"action": "extract", "outputSchema": {"type": "array", "minItems": 10**12}}
    created = post_raw(client, f"/v1/runtimes/{runtime['id']}/invocations", body)
    assert created.status_code == 400, created.text
    assert created.json()["code"] == "invocation.output_schema_invalid"
    assert "minItems" in created.json()["error"]
    assert emu.invocations == []


async def test_a_crashing_lifecycle_task_fails_the_invocation(monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(duration_ms=20)
    store = app.store
    real_outcome = store.outcome
    calls = []

    def exploding(inv: Any) -> Any:
        calls.append(inv.id)
        if len(calls) == 1:
            raise OverflowError("boom")
        return real_outcome(inv)

    monkeypatch.setattr(store, "outcome", exploding)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://emulator",
        headers={"Authorization": "Bearer local"},
    ) as http:
        runtime = (await http.post("/v2/runtimes", json={"spaceId": SPACE_ID, "type": "browser"})).json()
        path = f"/v1/runtimes/{runtime['id']}/invocations"
        first = (await http.post(path, json={"action": "act"})).json()
        second = (await http.post(path, json={"action": "act"})).json()
        done = (await http.post(f"{path}/{first['id']}/wait", json={"timeoutMs": 2000})).json()
        assert done["status"] == "failed"
        assert done["error"]["code"] == "invocation.failed"
        assert "OverflowError" in done["error"]["message"] and "boom" not in done["error"]["message"]
        # The runtime was freed: the invocation queued behind it still runs.
        after = (await http.post(f"{path}/{second['id']}/wait", json={"timeoutMs": 2000})).json()
        assert after["status"] == "succeeded"
    await store.aclose()


# ---- nearby: the same classes of bug elsewhere ---------------------------------------------


def test_deeply_nested_cursor_is_a_400(client: httpx.Client, runtime: Dict[str, Any]) -> None:
    import base64

    cursor = base64.urlsafe_b64encode(b"[" * 2_000).decode()
    response = client.get(f"/v1/runs/{runtime['activeRunId']}/invocations", params={"cursor": cursor})
    assert response.status_code == 400
    assert response.json()["details"]["parameter"] == "cursor"


def test_control_endpoints_never_answer_plain_text(emu: Any) -> None:
    with httpx.Client(base_url=emu.url, timeout=10) as http:
        response = http.post("/_emulator/script", content=raw({"output": LONE}))
        assert response.status_code == 400 and response.json()["code"] == "request.invalid_json"
        response = http.post("/_emulator/faults", content=raw({LONE: 1}))
        assert response.status_code == 400 and response.json()["code"] == "request.invalid_json"
