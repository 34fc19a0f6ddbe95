"""Request validation, auth, outputs, scripting and the control endpoints."""

from __future__ import annotations

from typing import Any, Dict

import httpx
import pytest
from jsonschema import Draft202012Validator

from bctrl.testing import Emulator

# ---- validation ------------------------------------------------------------------------


def test_unknown_field_is_400_naming_it(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    response = helpers.create(client, runtime["id"], {"action": "browserUse", "instruction": "x", "maxStep": 3})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "request.invalid" and body["reasonClass"] == "invalid_input"
    assert body["error"] == ("unknown field 'maxStep' in browserUse invocation; did you mean 'maxSteps'?")
    assert body["details"]["unknownFields"] == ["maxStep"]


def test_lenient_accepts_unknown_fields(spec_checker: Any, helpers: Any) -> None:
    with Emulator(lenient=True) as emu, helpers.checked_client(emu, spec_checker) as http:
        runtime = helpers.make_runtime(http, surprise=True)
        response = helpers.create(http, runtime["id"], {"action": "act", "maxStep": 3})
        assert response.status_code == 202
        wrong_type = helpers.create(http, runtime["id"], {"action": "act", "timeoutMs": "x"})
        assert wrong_type.status_code == 400


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"{not json", "request.invalid_json"),
        (b"", "request.invalid_json"),
        (b"\xff\xfe", "request.invalid_json"),
        (b"[]", "request.invalid"),
        (b'"act"', "request.invalid"),
        (b'{"action": 5}', "request.invalid"),
        (b'{"action": "act", "target": {"id": 3}}', "request.invalid"),
        (b'{"action": "act", "temperature": "hot"}', "request.invalid"),
        (b'{"action": "browserUse", "instruction": "x", "toolIds": ["nope"]}', "request.invalid"),
        (b'{"action": "act", "metadata": {"x": NaN}}', "request.invalid_json"),
        (b'{"action": "act", "temperature": Infinity}', "request.invalid_json"),
        (b'{"action": "act", "metadata": ' + b'{"a": ' * 5000 + b"1" + b"}" * 5001, "request.invalid_json"),
    ],
)
def test_bad_bodies_are_400_never_500(client: httpx.Client, runtime: Dict[str, Any], content: bytes, code: str) -> None:
    response = client.post(
        f"/v1/runtimes/{runtime['id']}/invocations",
        content=content,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400, response.text
    assert response.json()["code"] == code


def test_legacy_default_output_uses_the_instruction(
    client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    url = f"/v1/spaces/{helpers.SPACE_ID}/runtimes/{runtime['id']}/invocations"
    body = {"provider": "browserUse", "operation": "agent.execute", "input": {"instruction": "book it"}}
    inv = client.post(url, json=body).json()
    final = helpers.wait(client, runtime["id"], inv["id"])
    assert final["output"]["finalResult"] == "Task completed: book it"


def test_runtime_create_validation(client: httpx.Client) -> None:
    bad = client.post("/v2/runtimes", json={"spaceId": "not-a-uuid", "type": "browser"})
    assert bad.status_code == 400 and "spaceId" in bad.json()["error"]
    proxy = {"mode": "custom", "host": "h", "port": 8080, "protocol": "http", "hots": "x"}
    nested = client.post(
        "/v2/runtimes",
        json={"spaceId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "type": "browser", "config": {"proxy": proxy}},
    )
    assert nested.status_code == 400
    assert "unknown field 'hots' at 'config.proxy'" in nested.json()["error"]


def test_output_schema_must_be_json_schema(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    body = {
        "action": "extract",
        "instruction": "x",
        "outputSchema": {"type": "object", "properties": {"total": {"type": "numbr"}}},
    }
    response = helpers.create(client, runtime["id"], body)
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "invocation.output_schema_invalid"
    assert error["details"]["path"].startswith("outputSchema.properties.total")


@pytest.mark.parametrize(
    ("method", "path", "code"),
    [
        ("POST", "/v1/runtimes/{bad}/invocations", "runtime.not_found"),
        ("POST", "/v1/runtimes/{zero}/invocations", "runtime.not_found"),
        ("GET", "/v1/invocations/{bad}", "invocation.not_found"),
        ("GET", "/v1/invocations/{zero}", "invocation.not_found"),
        ("GET", "/v1/runs/{zero}/invocations/{zero}", "run.not_found"),
        ("POST", "/v1/runtimes/{zero}/invocations/{zero}/cancel", "runtime.not_found"),
    ],
)
def test_unknown_and_malformed_ids_are_404(client: httpx.Client, method: str, path: str, code: str) -> None:
    url = path.format(bad="not-a-uuid%20at%20all", zero="00000000-0000-4000-8000-000000000000")
    body = None if path.endswith("/cancel") else {"action": "act"}  # cancel takes no body
    response = client.request(method, url, json=body)
    assert response.status_code == 404
    assert response.json()["code"] == code


def test_unknown_route_and_method(client: httpx.Client) -> None:
    assert client.get("/v1/nothing").json()["code"] == "route.not_found"
    response = client.delete("/v2/runtimes")
    assert response.status_code == 405
    assert response.json()["code"] == "request.method_not_allowed"


# ---- auth ------------------------------------------------------------------------------


def test_auth_missing_or_malformed(emu: Emulator, spec_checker: Any, helpers: Any) -> None:
    with helpers.checked_client(emu, spec_checker, headers={}) as http:
        for headers in [{}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer"}]:
            response = http.post(
                "/v2/runtimes",
                json={"spaceId": helpers.SPACE_ID, "type": "browser"},
                headers=headers,
            )
            assert response.status_code == 401
            assert response.json()["reasonClass"] == "unauthorized"
            assert response.headers["www-authenticate"] == "Bearer"
        assert http.get("/_emulator/state").status_code == 200  # control needs no auth


def test_api_key_is_enforced_and_never_echoed(spec_checker: Any, helpers: Any) -> None:
    with Emulator(api_key="sekrit-key") as emu:
        assert emu.api_key == "sekrit-key"
        with helpers.checked_client(emu, spec_checker) as http:
            assert helpers.make_runtime(http)["status"] == "active"
            wrong = http.post(
                "/v2/runtimes",
                json={"spaceId": helpers.SPACE_ID, "type": "browser"},
                headers={"Authorization": "Bearer guessed-key"},
            )
            assert wrong.status_code == 401
            assert wrong.json()["code"] == "auth.invalid_api_key"
            assert "guessed-key" not in wrong.text and "sekrit" not in wrong.text
            assert "sekrit" not in http.get("/_emulator/state").text


# ---- outputs ---------------------------------------------------------------------------

OUTPUT_SCHEMAS = [
    {"type": "object", "properties": {"total": {"type": "number"}}, "required": ["total"]},
    {
        "$defs": {
            "Line": {
                "properties": {
                    "sku": {"title": "Sku", "type": "string"},
                    "qty": {"title": "Qty", "type": "integer", "minimum": 1},
                    "when": {"type": "string", "format": "date"},
                },
                "required": ["sku", "qty", "when"],
                "title": "Line",
                "type": "object",
            }
        },
        "properties": {
            "lines": {"items": {"$ref": "#/$defs/Line"}, "title": "Lines", "type": "array", "minItems": 2},
            "email": {"anyOf": [{"type": "string", "format": "email"}, {"type": "null"}]},
            "status": {"enum": ["open", "paid"], "type": "string"},
        },
        "required": ["lines", "status"],
        "title": "Invoice",
        "type": "object",
    },
    {"type": "array", "items": {"type": "string", "format": "uri"}, "minItems": 1},
]


@pytest.mark.parametrize("schema", OUTPUT_SCHEMAS)
@pytest.mark.parametrize("action", ["extract", "stagehandAgent", "browserUse"])
def test_generated_outputs_match_output_schema(
    emu: Emulator,
    client: httpx.Client,
    runtime: Dict[str, Any],
    helpers: Any,
    schema: Dict[str, Any],
    action: str,
) -> None:
    emu.script(duration_ms=0)
    body = {"action": action, "instruction": "get it", "outputSchema": schema}
    inv = helpers.create(client, runtime["id"], body).json()
    final = helpers.wait(client, runtime["id"], inv["id"])
    assert final["status"] == "succeeded", final
    Draft202012Validator(schema).validate(final["output"])


@pytest.mark.parametrize(
    ("body", "check"),
    [
        ({"action": "act", "instruction": "click"}, lambda o: o["success"] is True),
        ({"action": "observe", "instruction": "find"}, lambda o: "selector" in o[0]),
        ({"action": "extract", "instruction": "x"}, lambda o: "extraction" in o),
        ({"action": "browserUse", "instruction": "x"}, lambda o: "finalResult" in o),
        ({"action": "stagehandAgent", "instruction": "x"}, lambda o: "message" in o),
        ({"action": "solveCaptcha"}, lambda o: o["solved"] is True),
    ],
)
def test_default_outputs_per_action(
    emu: Emulator,
    client: httpx.Client,
    runtime: Dict[str, Any],
    helpers: Any,
    body: Dict[str, Any],
    check: Any,
) -> None:
    emu.script(duration_ms=0)
    inv = helpers.create(client, runtime["id"], body).json()
    final = helpers.wait(client, runtime["id"], inv["id"])
    assert final["status"] == "succeeded" and check(final["output"])


def test_pattern_schema_gets_a_matching_output(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    body = {
        "action": "extract",
        "outputSchema": {"type": "string", "pattern": "^[0-9]{4}$"},
    }
    inv = helpers.create(client, runtime["id"], body).json()
    final = helpers.wait(client, runtime["id"], inv["id"])
    assert final["status"] == "succeeded"
    assert final["output"] == "0000"


def test_unsatisfiable_schema_is_refused_at_create(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    body = {
        "action": "extract",
        "outputSchema": {"type": "string", "pattern": "^[0-9]{4}$", "maxLength": 3},
    }
    response = helpers.create(client, runtime["id"], body)
    assert response.status_code == 400
    assert response.json()["code"] == "invocation.output_schema_invalid"
    assert response.json()["details"]["path"] == "outputSchema"


# ---- scripting -------------------------------------------------------------------------

TOTAL = {"type": "object", "properties": {"total": {"type": "number"}}, "required": ["total"]}


def test_scripted_output(emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    emu.script(output={"total": 99.5})
    body = {"action": "extract", "instruction": "x", "outputSchema": TOTAL}
    inv = helpers.create(client, runtime["id"], body).json()
    assert helpers.wait(client, runtime["id"], inv["id"])["output"] == {"total": 99.5}
    # the script was used up: the next one is generated again
    nxt = helpers.create(client, runtime["id"], body).json()
    assert helpers.wait(client, runtime["id"], nxt["id"])["output"] == {"total": 1.5}


def test_scripted_output_not_matching_schema_fails(
    emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    emu.script(output={"total": "lots"})
    body = {"action": "extract", "instruction": "x", "outputSchema": TOTAL}
    inv = helpers.create(client, runtime["id"], body).json()
    final = helpers.wait(client, runtime["id"], inv["id"])
    assert final["status"] == "failed" and final["output"] is None
    assert final["error"]["code"] == "invocation.output_validation_failed"
    assert final["error"]["details"]["errors"]


def test_scripted_wrong_output_can_succeed(
    emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    emu.script(output={"total": "lots"}, validate_output=False)
    body = {"action": "extract", "instruction": "x", "outputSchema": TOTAL}
    inv = helpers.create(client, runtime["id"], body).json()
    final = helpers.wait(client, runtime["id"], inv["id"])
    assert final["status"] == "succeeded" and final["output"] == {"total": "lots"}


def test_scripted_failure_and_runtime_scope(
    emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    other = helpers.make_runtime(client)
    emu.script(
        error_code="invocation.browser_use_failed",
        error_message="The agent gave up.",
        error_details={"step": 3},
        runtime_id=other["id"],
    )
    mine = helpers.create(client, runtime["id"], {"action": "act"}).json()
    theirs = helpers.create(client, other["id"], {"action": "browserUse", "instruction": "x"}).json()
    assert helpers.wait(client, runtime["id"], mine["id"])["status"] == "succeeded"
    failed = helpers.wait(client, other["id"], theirs["id"])
    assert failed["status"] == "failed" and failed["output"] is None
    assert failed["error"] == {
        "code": "invocation.browser_use_failed",
        "message": "The agent gave up.",
        "details": {"step": 3},
    }
    summary = client.get(f"/v1/runs/{other['activeRunId']}/invocations").json()["data"][0]
    assert summary["error"]["code"] == "invocation.browser_use_failed"


def test_scripted_status_and_count(emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    emu.script(status="timed_out", count=2, duration_ms=20)
    ids = [helpers.create(client, runtime["id"], {"action": "act"}).json()["id"] for _ in range(3)]
    finals = [helpers.wait(client, runtime["id"], i) for i in ids]
    assert [f["status"] for f in finals] == ["timed_out", "timed_out", "succeeded"]
    assert finals[0]["error"]["code"] == "invocation.timed_out"


def test_control_endpoints_over_http(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    queued = client.post(
        "/_emulator/script",
        json={"output": {"total": 7}, "duration_ms": 10, "runtime_id": runtime["id"]},
    )
    assert queued.status_code == 200 and queued.json()["queued"] == 1
    bad = client.post("/_emulator/script", json={"outptu": 1})
    assert bad.status_code == 400 and "outptu" in bad.json()["error"]
    inv = helpers.create(
        client,
        runtime["id"],
        {"action": "extract", "outputSchema": TOTAL},
        headers={"Idempotency-Key": "k"},
    ).json()
    assert helpers.wait(client, runtime["id"], inv["id"])["output"] == {"total": 7}
    state = client.get("/_emulator/state").json()
    assert state["counts"]["invocations"] == 1 and state["counts"]["runtimes"] == 1
    assert state["counts"]["byStatus"] == {"succeeded": 1}
    assert state["invocations"][0]["idempotencyKey"] == "k"
    faults = client.post("/_emulator/faults", json={"rate_429": 0.5, "seed": 1})
    assert faults.status_code == 200 and faults.json()["config"]["rate_429"] == 0.5
    assert client.post("/_emulator/faults", json={"rate_429": 7}).status_code == 400
    assert client.post("/_emulator/reset").json() == {"reset": True}
    state = client.get("/_emulator/state").json()
    assert state["counts"]["invocations"] == 0 and state["invocations"] == []
    assert state["faults"]["config"]["rate_429"] == 0.0
    gone = client.get(f"/v1/invocations/{inv['id']}")
    assert gone.status_code == 404


def test_python_state_helpers(emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    inv = helpers.create(client, runtime["id"], {"action": "act"}).json()
    assert [i["id"] for i in emu.invocations] == [inv["id"]]
    assert emu.invocation(inv["id"])["runtimeId"] == runtime["id"]
    direct = emu.create_runtime(name="direct")
    assert client.get(f"/v1/runs/{direct.run_id}/invocations").json()["data"] == []
    emu.reset()
    assert emu.invocations == [] and emu.state()["counts"]["runtimes"] == 0
