"""Unit tests of the emulator's pure pieces (no server)."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from jsonschema import Draft202012Validator

from bctrl._contract import request_body_schema
from bctrl.emulator.errors import ApiError
from bctrl.emulator.faults import FaultConfig, FaultInjector
from bctrl.emulator.lifecycle import UNSET, Phases, Script, fingerprint, take_script, timeout_cut
from bctrl.emulator.outputs import CannotGenerate, default_output, generate
from bctrl.emulator.pagination import InvalidCursor, decode_cursor, encode_cursor, paginate
from bctrl.emulator.validation import (
    BodyValidator,
    check_output_schema,
    parse_json_body,
    parse_list_query,
)

CREATE = ("/v1/runtimes/{runtimeId}/invocations", "post")
LEGACY = ("/v1/spaces/{id}/runtimes/{runtimeId}/invocations", "post")


def _error(validator: BodyValidator, body: Any) -> ApiError:
    with pytest.raises(ApiError) as info:
        validator.validate(body)
    return info.value


# ---- pagination ------------------------------------------------------------------------


def test_cursor_round_trip_and_rejects_garbage() -> None:
    cursor = encode_cursor(7, "abc")
    assert decode_cursor(cursor) == (7, "abc")
    for bad in ["", "!!!", "bm90IGpzb24", encode_cursor(1, "x")[:-3] + "@@", "WzEsMl0"]:
        with pytest.raises(InvalidCursor):
            decode_cursor(bad)


def test_paginate_walks_pages_and_ends_with_none() -> None:
    items = [(i, f"id{i}") for i in range(1, 8)]
    seen = []
    cursor = None
    pages = 0
    while True:
        page, cursor = paginate(items, key=lambda x: x, cursor=cursor, limit=3)
        seen.extend(page)
        pages += 1
        if cursor is None:
            break
    assert seen == items
    assert pages == 3


def test_paginate_exact_multiple_has_no_empty_trailing_page() -> None:
    items = [(i, f"id{i}") for i in range(1, 7)]
    page, cursor = paginate(items, key=lambda x: x, cursor=None, limit=3)
    page, cursor = paginate(items, key=lambda x: x, cursor=cursor, limit=3)
    assert len(page) == 3 and cursor is None


# ---- lifecycle -------------------------------------------------------------------------


def test_phases_split_the_duration() -> None:
    phases = Phases.for_duration(200)
    assert phases.queued + phases.dispatching + phases.running == pytest.approx(0.2)


def test_timeout_cut() -> None:
    phases = Phases.for_duration(1000)
    assert timeout_cut(phases, None) is None
    assert timeout_cut(phases, 5000) is None
    assert timeout_cut(phases, 100) == pytest.approx(0.1)


def test_take_script_respects_runtime_and_count() -> None:
    scripts = [Script(output=1, runtime_id="r1"), Script(output=2, count=2)]
    first = take_script(scripts, "r2")
    assert first is not None and first.output == 2
    only_r1 = take_script(scripts, "r1")
    assert only_r1 is not None and only_r1.output == 1
    assert [s.output for s in scripts] == [2]
    last = take_script(scripts, "r3")
    assert last is not None and last.output == 2
    assert scripts == [] and take_script(scripts, "r3") is None


def test_script_rejects_contradictions() -> None:
    with pytest.raises(ValueError):
        Script(status="succeeded", error_code="invocation.failed")
    with pytest.raises(ValueError):
        Script(status="bogus")
    with pytest.raises(ValueError):
        Script(output={"a": 1}, error_code="x")
    with pytest.raises(ValueError):
        Script.from_mapping({"outptu": 1})
    assert Script().output is UNSET
    assert Script(error_code="invocation.stagehand_failed").final_status == "failed"


def test_fingerprint_is_canonical() -> None:
    assert fingerprint("op", {"a": 1, "b": [1, 2]}) == fingerprint("op", {"b": [1, 2], "a": 1})
    assert fingerprint("op", {"a": 1}) != fingerprint("op", {"a": 2})
    assert fingerprint("op", {"a": 1}) != fingerprint("other", {"a": 1})


# ---- faults ----------------------------------------------------------------------------


def test_faults_are_seeded_and_off_by_default() -> None:
    off = FaultInjector()
    assert [off.request_fault() for _ in range(50)] == [None] * 50
    assert not off.drop_after_store()
    config = FaultConfig(seed=3, rate_429=0.3, rate_503=0.2)
    a = FaultInjector(config)
    b = FaultInjector(config)
    draws_a = [a.request_fault() for _ in range(200)]
    draws_b = [b.request_fault() for _ in range(200)]
    assert draws_a == draws_b
    assert 30 < draws_a.count(429) < 90
    assert 15 < draws_a.count(503) < 65


def test_fault_config_is_bounded() -> None:
    for bad in [
        {"rate_429": 1.5},
        {"rate_503": -0.1},
        {"rate_429": 0.6, "rate_503": 0.6},
        {"latency_ms": 10**6},
        {"bogus": 1},
    ]:
        with pytest.raises(ValueError):
            FaultConfig.from_mapping(bad)


# ---- outputs ---------------------------------------------------------------------------

SCHEMAS = [
    {"type": "object", "properties": {"total": {"type": "number"}}, "required": ["total"]},
    {
        "$defs": {
            "Item": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "minLength": 20},
                    "price": {"type": "number", "minimum": 10, "maximum": 20},
                    "qty": {"type": "integer", "exclusiveMinimum": 0, "multipleOf": 5},
                },
                "required": ["name", "price", "qty"],
                "additionalProperties": False,
            }
        },
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": {"$ref": "#/$defs/Item"}, "minItems": 3},
            "when": {"type": "string", "format": "date-time"},
            "day": {"type": "string", "format": "date"},
            "email": {"type": "string", "format": "email"},
            "site": {"type": "string", "format": "uri"},
            "id": {"type": "string", "format": "uuid"},
            "kind": {"enum": ["a", "b"]},
            "fixed": {"const": 42},
            "maybe": {"anyOf": [{"type": "integer", "minimum": 3}, {"type": "null"}]},
            "either": {"oneOf": [{"type": "boolean"}, {"type": "string"}]},
            "nothing": {"type": "null"},
            "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        },
        "required": ["items", "when", "kind"],
    },
    {"type": "array", "items": {"type": "integer", "minimum": 100}, "minItems": 2},
    {"type": ["string", "null"], "maxLength": 3},
    {"type": "boolean"},
]


@pytest.mark.parametrize("schema", SCHEMAS)
def test_generated_output_satisfies_schema(schema: Dict[str, Any]) -> None:
    value = generate(schema)
    Draft202012Validator(schema).validate(value)
    assert generate(schema) == value  # deterministic


def test_generator_matches_patterns() -> None:
    assert generate({"type": "string", "pattern": "^[0-9]{3}$"}) == "000"


def test_generator_refuses_what_cannot_be_satisfied() -> None:
    with pytest.raises(CannotGenerate, match="pattern"):
        generate({"type": "string", "pattern": "^[0-9]{3}$", "maxLength": 2})


@pytest.mark.parametrize(
    ("action", "key"),
    [
        ("act", "success"),
        ("extract", "extraction"),
        ("browserUse", "finalResult"),
        ("stagehandAgent", "message"),
        ("solveCaptcha", "solved"),
    ],
)
def test_default_outputs(action: str, key: str) -> None:
    output = default_output(action, {"instruction": "do it"})
    assert key in output


def test_default_observe_output() -> None:
    (item,) = default_output("observe", {"instruction": "find"})
    assert set(item) == {"selector", "description", "method", "arguments"}


# ---- validation ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def strict_create() -> BodyValidator:
    schema = request_body_schema(*CREATE)
    assert schema is not None
    return BodyValidator(schema, strict=True)


def test_unknown_field_names_field_and_suggests(strict_create: BodyValidator) -> None:
    error = _error(strict_create, {"action": "browserUse", "instruction": "x", "maxStep": 3})
    assert error.status == 400 and error.code == "request.invalid"
    assert error.message == ("unknown field 'maxStep' in browserUse invocation; did you mean 'maxSteps'?")
    assert error.details is not None and error.details["unknownFields"] == ["maxStep"]


def test_unknown_nested_field(strict_create: BodyValidator) -> None:
    body = {
        "action": "act",
        "stagehandAction": {"selector": "#a", "description": "d", "methd": "click"},
    }
    error = _error(strict_create, body)
    assert "unknown field 'methd' at 'stagehandAction'" in error.message
    assert "did you mean 'method'" in error.message


def test_unknown_action_and_missing_required(strict_create: BodyValidator) -> None:
    assert "unknown action 'fly'" in _error(strict_create, {"action": "fly"}).message
    assert "instruction" in _error(strict_create, {"action": "observe"}).message
    assert "'action' is a required property" in _error(strict_create, {}).message


def test_wrong_types(strict_create: BodyValidator) -> None:
    error = _error(strict_create, {"action": "act", "timeoutMs": "soon"})
    assert error.message == "timeoutMs: expected integer, got string"
    assert error.details is not None and error.details["path"] == "timeoutMs"


def test_open_objects_stay_open(strict_create: BodyValidator) -> None:
    strict_create.validate({"action": "act", "metadata": {"anything": [1, 2]}})
    strict_create.validate({"action": "extract", "outputSchema": {"type": "object", "x-custom": True}})


def test_lenient_accepts_unknown_fields() -> None:
    schema = request_body_schema(*CREATE)
    assert schema is not None
    BodyValidator(schema, strict=False).validate({"action": "act", "surprise": 1})


def test_legacy_provider_discriminator() -> None:
    schema = request_body_schema(*LEGACY)
    assert schema is not None
    validator = BodyValidator(schema, strict=True)
    body = {
        "provider": "browserUse",
        "operation": "agent.execute",
        "input": {"instruction": "x"},
        "config": {"maxStepz": 1},
    }
    assert "did you mean 'maxSteps'" in _error(validator, body).message
    assert "unknown provider 'x'" in _error(validator, {"provider": "x"}).message


def test_secrets_are_not_echoed() -> None:
    schema = request_body_schema(*LEGACY)
    assert schema is not None
    validator = BodyValidator(schema, strict=True)
    body = {
        "provider": "browserUse",
        "operation": "agent.execute",
        "input": {"instruction": "x"},
        "config": {"llm": {"apiKey": "sk-SECRET", "model": "m", "provider": "nope"}},
    }
    error = _error(validator, body)
    assert "sk-SECRET" not in repr(error.body("r")) and "sk-SECRET" not in error.message


def test_output_schema_check_reports_path() -> None:
    check_output_schema({"type": "object", "properties": {"a": {"type": "number"}}})
    with pytest.raises(ApiError) as info:
        check_output_schema({"type": "object", "properties": {"total": {"type": "numbr"}}})
    assert info.value.code == "invocation.output_schema_invalid"
    assert info.value.details is not None
    assert info.value.details["path"].startswith("outputSchema.properties.total")
    with pytest.raises(ApiError):
        check_output_schema({"minItems": -1})


def test_parse_json_body() -> None:
    assert parse_json_body(b"", required=False) is None
    with pytest.raises(ApiError) as info:
        parse_json_body(b"{nope", required=True)
    assert info.value.code == "request.invalid_json"
    with pytest.raises(ApiError):
        parse_json_body(b"  ", required=True)


def test_parse_list_query_forms() -> None:
    query = parse_list_query(
        [("status", "queued"), ("status", "running"), ("status", "queued"), ("action", "act"), ("limit", "5")],
        strict=True,
    )
    assert query.statuses == ["queued", "running"]
    assert query.actions == ["act"] and query.limit == 5 and query.cursor is None
    assert parse_list_query([], strict=True).limit == 50
    for bad in [
        [("limit", "0")],
        [("limit", "101")],
        [("limit", "x")],
        [("limit", " 5")],
        [("limit", "\u0665")],
        [("status", "running,failed")],
        [("status[]", "running")],
        [("status", "nope")],
        [("action", "fly")],
        [("page", "2")],
    ]:
        with pytest.raises(ApiError):
            parse_list_query(bad, strict=True)
    assert parse_list_query([("page", "2")], strict=False).limit == 50
