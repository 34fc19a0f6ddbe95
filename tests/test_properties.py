"""Property-based tests of the SDK facade: random arguments in, only typed errors out.

Every public call is driven with random arguments (valid and invalid action names, known
and unknown keyword names, JSON-ish and non-JSON values, random output schemas) against an
``httpx.MockTransport`` that records each request and answers with a spec-valid body.

The property, for every call:

* it returns, and every request it sent has a JSON body that validates against the
  request schema the merged spec (``bctrl/openapi.json``) documents for that
  operation (``$ref`` resolved through a ``referencing`` registry; formats asserted in a
  second, separate check, as the server does); or
* it raises a :class:`bctrl.BctrlError` subclass, and if that is a
  :class:`bctrl.RequestValidationError` nothing at all was sent.

Any other exception (``TypeError``, ``ValueError``, ``UnicodeEncodeError``, a jsonschema
error...) fails the property. The emulator side lives in ``test_emulator_fuzz.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import math
import re
import uuid
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import httpx
import pytest
from hypothesis import HealthCheck, Phase, currently_in_test_context, given, note, settings
from hypothesis import event as _event
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from typing_extensions import TypedDict

import bctrl
from bctrl import AsyncBctrl, Bctrl, BctrlError, RequestValidationError
from bctrl._params import WIRE_NAMES

SPEC_FILE = Path(bctrl.__file__).parent / "openapi.json"
SPEC: Dict[str, Any] = json.loads(SPEC_FILE.read_text(encoding="utf-8"))
SPEC_URI = "urn:bctrl:openapi"
REGISTRY: Registry[Any] = Registry().with_resource(
    SPEC_URI, Resource.from_contents(SPEC, default_specification=DRAFT202012)
)

RT = "1c9e6679-7425-40de-944b-e07fc1f90ae7"
RUN = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
INV = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
SPACE = "5b1f7a4e-2d3c-4e8f-9a0b-1c2d3e4f5a6b"
STAMP = "2024-06-01T12:00:00Z"

ACTIONS = ("act", "observe", "extract", "stagehandAgent", "browserUse", "solveCaptcha")
ACTION_PARAMS = {
    "act": "ActParams",
    "observe": "ObserveParams",
    "extract": "ExtractParams",
    "stagehandAgent": "StagehandAgentParams",
    "browserUse": "BrowserUseParams",
    "solveCaptcha": "SolveCaptchaParams",
}
STATUSES = ("queued", "dispatching", "running", "cancelling", "succeeded", "failed", "cancelled", "timed_out")
ALL_SNAKE_NAMES = sorted({name for names in WIRE_NAMES.values() for name in names})
ALL_WIRE_NAMES = sorted({wire for names in WIRE_NAMES.values() for wire in names.values()})

# 13 properties with these budgets: about 8 s when they pass, ~15 s while some fail (shrinking).
FAST = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    # No "explain" phase: it costs seconds per failing test and adds little here.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
SLOW = settings(FAST, max_examples=100)


# --- the spec's request schemas ---------------------------------------------------------------


def _operation(path: str, method: str) -> Dict[str, Any]:
    op: Dict[str, Any] = SPEC["paths"][path][method]
    return op


def _request_schema(path: str, method: str) -> Dict[str, Any]:
    schema = _operation(path, method)["requestBody"]["content"]["application/json"]["schema"]
    ref = schema["$ref"]
    assert ref.startswith("#/"), ref
    return {"$ref": SPEC_URI + ref}


CREATE_PATH = "/v1/runtimes/{runtimeId}/invocations"
WAIT_PATH = "/v1/runtimes/{runtimeId}/invocations/{invocationId}/wait"
LEGACY_PATH = "/v1/spaces/{id}/runtimes/{runtimeId}/invocations"
RUNTIME_PATH = "/v2/runtimes"
LIST_PATH = "/v1/runs/{runId}/invocations"

ROUTES: List[Tuple[str, re.Pattern[str], str]] = [
    ("POST", re.compile(r"^/v1/runtimes/[^/]+/invocations/[^/]+/wait$"), WAIT_PATH),
    ("POST", re.compile(r"^/v1/runtimes/[^/]+/invocations$"), CREATE_PATH),
    ("POST", re.compile(r"^/v1/spaces/[^/]+/runtimes/[^/]+/invocations$"), LEGACY_PATH),
    ("POST", re.compile(r"^/v2/runtimes$"), RUNTIME_PATH),
    ("GET", re.compile(r"^/v1/runs/[^/]+/invocations$"), LIST_PATH),
]

# Plain: the documented schema as jsonschema reads it. Formats: the same, asserting
# ``format`` (uuid, ...) the way the server (and the emulator) does.
PLAIN: Dict[str, Draft202012Validator] = {}
FORMATS: Dict[str, Draft202012Validator] = {}
for _method, _pattern, _path in ROUTES:
    if _method == "POST":
        _schema = _request_schema(_path, "post")
        PLAIN[_path] = Draft202012Validator(_schema, registry=REGISTRY)
        FORMATS[_path] = Draft202012Validator(_schema, registry=REGISTRY, format_checker=FormatChecker())


def raw_path(request: httpx.Request) -> str:
    """The path as sent (percent-encoded: an id ``a/b`` stays one segment)."""
    return request.url.raw_path.split(b"?", 1)[0].decode("ascii")


def template_of(request: httpx.Request) -> str:
    for method, pattern, template in ROUTES:
        if request.method == method and pattern.match(raw_path(request)):
            return template
    raise AssertionError(f"the SDK sent a request to an undocumented route: {request.method} {request.url}")


def _errors(validator: Draft202012Validator, body: Any) -> List[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message[:200]}" for e in validator.iter_errors(body)
    ]


def check_sent_request(request: httpx.Request) -> None:
    """A request the SDK chose to send must be one the spec documents."""
    template = template_of(request)
    assert request.headers.get("authorization") == "Bearer k"
    if request.method == "GET":
        check_list_query(request)
        return
    body = json.loads(request.content) if request.content else None
    if template == WAIT_PATH and body is None:
        return  # the wait body is optional
    errors = _errors(PLAIN[template], body)
    assert not errors, f"sent a body the spec rejects ({template}): {errors} in {body!r}"
    format_errors = _errors(FORMATS[template], body)
    assert not format_errors, f"sent a body whose formats the server rejects ({template}): {format_errors} in {body!r}"
    if isinstance(body, dict) and "outputSchema" in body:
        # The server checks outputSchema against its metaschema (with formats, e.g. regex).
        schema = body["outputSchema"]
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as exc:
            raise AssertionError(
                f"sent an outputSchema the server rejects: {exc.message[:200]} in {schema!r}"
            ) from None
    if template in (CREATE_PATH, LEGACY_PATH):
        key = request.headers.get("idempotency-key") if template == CREATE_PATH else body.get("idempotencyKey")
        assert isinstance(key, str) and 1 <= len(key) <= 255, key


def check_list_query(request: httpx.Request) -> None:
    params = _operation(LIST_PATH, "get")["parameters"]
    documented = {p["name"] for p in params if p.get("in") == "query"}
    for name, value in request.url.params.multi_items():
        assert name in documented, f"undocumented query parameter {name!r}"
        if name == "status":
            assert all(v in STATUSES for v in value.split(",")), value
        elif name == "action":
            assert all(v in ACTIONS for v in value.split(",")), value
        elif name == "limit":
            assert value.isdigit() and 1 <= int(value) <= 100, value


# --- the mock API ------------------------------------------------------------------------------


def _invocation(status: str, action: str, **fields: Any) -> Dict[str, Any]:
    body = {"id": INV, "runtimeId": RT, "runId": RUN, "action": action, "status": status, "createdAt": STAMP}
    body.update(fields)
    return body


def _summary(status: str = "succeeded") -> Dict[str, Any]:
    return _invocation(status, "act", finishedAt=STAMP, durationMs=5, error=None)


RUNTIME_BODY = {
    "id": RT,
    "activeRunId": RUN,
    "status": "active",
    "type": "browser",
    "name": "rt",
    "config": {},
    "metadata": None,
    "createdAt": STAMP,
    "updatedAt": STAMP,
}
LEGACY_BODY = {
    "id": INV,
    "runtimeId": RT,
    "runId": RUN,
    "spaceId": SPACE,
    "runtimeKind": "browser",
    "executionMode": "durable",
    "sequenceNo": 1,
    "stepCount": 1,
    "artifactCount": 0,
    "entryCall": "stagehand.agent.execute",
    "status": "queued",
    "createdAt": STAMP,
}
OUTPUT = {"total": 12.5, "name": "invoice", "lines": [{"sku": "a-1", "qty": 2}]}


class MockAPI:
    """Records every request; answers each documented route with a spec-valid body."""

    def __init__(self) -> None:
        self.requests: List[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        template = template_of(request)
        if template == CREATE_PATH:
            try:
                action = json.loads(request.content).get("action", "act")
            except (ValueError, AttributeError):
                action = "act"
            return httpx.Response(202, json=_invocation("queued", action))
        if template == WAIT_PATH:
            done = _invocation("succeeded", "extract", finishedAt=STAMP, durationMs=5, output=OUTPUT)
            return httpx.Response(200, json={**done, "waitStatus": "completed"})
        if template == RUNTIME_PATH:
            return httpx.Response(200, json=RUNTIME_BODY)
        if template == LEGACY_PATH:
            return httpx.Response(202, json=LEGACY_BODY)
        # The run listing: two pages, so iteration follows a cursor once.
        cursor = request.url.params.get("cursor")
        if cursor is None:
            return httpx.Response(200, json={"data": [_summary("queued")], "nextCursor": "page-2"})
        return httpx.Response(200, json={"data": [_summary()], "nextCursor": None})


def sync_client(api: MockAPI) -> Bctrl:
    return Bctrl(api_key="k", base_url="http://test", http_client=httpx.Client(transport=httpx.MockTransport(api)))


def async_client(api: MockAPI) -> AsyncBctrl:
    return AsyncBctrl(
        api_key="k", base_url="http://test", http_client=httpx.AsyncClient(transport=httpx.MockTransport(api))
    )


def event(text: str) -> None:
    if currently_in_test_context():
        _event(text)


def check_outcome(api: MockAPI, call: Callable[[], Any], desc: str = "") -> Any:
    """Run one facade call and check the property; return its result (or the error)."""
    if desc:
        note(f"call: {desc}")  # this Hypothesis version prints empty `x=,` for the arguments
    try:
        result = call()
    except RequestValidationError as exc:
        event("raised RequestValidationError")
        sent = [f"{r.method} {r.url}" for r in api.requests]
        assert not api.requests, f"RequestValidationError ({exc}) but requests were sent: {sent}"
        assert str(exc)
        return exc
    except BctrlError as exc:
        event(f"raised {type(exc).__name__}")
        # Raised after talking to the API (an output that fails the schema, say): whatever
        # was sent must still have been a valid request.
        for request in api.requests:
            check_sent_request(request)
        return exc
    # Anything else propagates and fails the test.
    event("succeeded")
    assert api.requests, "the call succeeded without sending anything"
    for request in api.requests:
        check_sent_request(request)
    return result


# --- strategies ------------------------------------------------------------------------------

TRICKY_TEXT = ["", " ", "é", "a\nb", "\x00", "\ud800", "ü" * 300, "active", "new", "auto", "browser", RT, "not-a-uuid"]
text = st.text(max_size=12) | st.sampled_from(TRICKY_TEXT)
uuid_text = st.uuids().map(str)
floats = st.floats(allow_nan=True, allow_infinity=True)
numbers = st.integers() | st.integers(min_value=-(2**80), max_value=2**80) | floats

json_values = st.recursive(
    st.none() | st.booleans() | numbers | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)


@dataclasses.dataclass
class Line:
    sku: str
    qty: int


class Row(TypedDict):
    total: float


class Opaque:
    def __repr__(self) -> str:
        return "<Opaque>"


non_json = st.one_of(
    st.binary(max_size=4),
    st.builds(Opaque),
    st.builds(object),
    st.sets(st.integers(), max_size=2),
    st.frozensets(text, max_size=2),
    st.complex_numbers(max_magnitude=10),
    st.decimals(allow_nan=True),
    st.just(Line("a", 1)),
    st.just(Line),
    st.just(int),
    st.just(uuid.UUID(RT)),
    st.dictionaries(st.integers() | st.none(), json_values, min_size=1, max_size=2),
    st.tuples(json_values, json_values),
    st.lists(st.builds(Opaque), min_size=1, max_size=2),
    st.dictionaries(text, st.binary(max_size=2), min_size=1, max_size=2),
)
anything = json_values | non_json

target = st.sampled_from(["active", "new"]) | st.fixed_dictionaries({"id": text})
invocation_file = st.fixed_dictionaries(
    {"fileId": uuid_text | text}, optional={"name": text, "runtimePath": text, "extra": json_values}
)
free_map = st.dictionaries(text, json_values, max_size=3)

# Plausible (often valid) values per keyword, so that calls also succeed.
PLAUSIBLE: Dict[str, st.SearchStrategy[Any]] = {
    "instruction": text,
    "model": text,
    "selector": text,
    "ai_provider_id": text,
    "execution_ai_provider_id": text,
    "extraction_ai_provider_id": text,
    "fallback_ai_provider_id": text,
    "system_prompt": text,
    "extend_system_message": text,
    "override_system_message": text,
    "name": text,
    "temperature": floats | st.integers(-5, 5),
    "timeout_ms": st.integers(-10, 10**6) | st.integers(),
    "max_steps": st.integers(-3, 50),
    "max_failures": st.integers(-3, 10),
    "max_actions_per_step": st.integers(-3, 10),
    "step_timeout_ms": st.integers(-3, 10**6),
    "max_history_items": st.none() | st.integers(-3, 100),
    "metadata": free_map,
    "variables": free_map,
    "sensitive_data": free_map,
    "target": target,
    "files": st.lists(invocation_file, max_size=2),
    "tool_ids": st.lists(uuid_text | text, max_size=2),
    "include_attributes": st.lists(text, max_size=2),
    "toolset_id": uuid_text | text,
    "highlight_cursor": st.booleans(),
    "directly_open_url": st.booleans(),
    "enable_planning": st.booleans(),
    "flash_mode": st.booleans(),
    "use_thinking": st.booleans(),
    "use_vision": st.booleans() | st.sampled_from(["auto", "always"]),
    "vision_detail_level": st.sampled_from(["low", "high", "auto", "max"]),
    "stagehand_action": st.fixed_dictionaries(
        {"description": text, "selector": text}, optional={"method": text, "arguments": st.lists(text, max_size=2)}
    ),
    "space_id": uuid_text | text,
    "type": st.sampled_from(["browser", "desktop"]),
    "config": st.just({}) | st.fixed_dictionaries({}, optional={"stealth": text, "extensions": st.lists(text)}),
    "input": st.fixed_dictionaries({"instruction": text}) | free_map,
    "operation": st.sampled_from(["agent.execute", "agent.run"]),
    "options": st.just({}) | st.fixed_dictionaries({"maxSteps": st.integers(-1, 20)}),
}


@st.composite
def mostly(draw: st.DrawFn, valid: st.SearchStrategy[Any], invalid: st.SearchStrategy[Any]) -> Any:
    """``valid`` about nine times out of ten, so that whole calls also succeed.

    (``one_of`` picks a branch about evenly, which would almost never yield a valid call.)
    """
    return draw(valid) if draw(st.sampled_from(range(10))) else draw(invalid)


def value_for(name: str) -> st.SearchStrategy[Any]:
    plausible = PLAUSIBLE.get(name)
    if plausible is None:
        return anything
    return mostly(plausible, anything)


JUNK_NAMES = st.sampled_from([*ALL_WIRE_NAMES, "foo", "maxStep", "timeout", "schema_", "instructions", "_private"])
kwarg_names = st.sampled_from(ALL_SNAKE_NAMES) | JUNK_NAMES | st.from_regex(r"\A[a-z_][a-z0-9_]{0,12}\Z")


# Parameters the facade methods name explicitly: passing one of them twice would be a
# TypeError raised by Python at the call site, not by the SDK.
EXPLICIT = frozenset(
    {"runtime_id", "run_id", "action", "schema", "idempotency_key", "wait", "timeout", "on_update"}
    | {"cancel_on_timeout", "provider", "self"}
)


REQUIRED = {
    "ObserveParams": ["instruction"],
    "StagehandAgentParams": ["instruction"],
    "BrowserUseParams": ["instruction"],
    "RuntimeCreateParams": ["space_id", "type"],
}


@st.composite
def kwargs_for(draw: st.DrawFn, typed: str, exclude: frozenset = frozenset()) -> Dict[str, Any]:
    """Keyword arguments for a variant: usually its required ones plus a few random names."""
    skip = EXPLICIT | exclude
    names = mostly(st.sampled_from(sorted(WIRE_NAMES[typed])), kwarg_names).filter(lambda n: n not in skip)
    chosen = draw(st.lists(names, unique=True, max_size=5))
    if draw(mostly(st.just(True), st.just(False))):
        chosen = [n for n in REQUIRED.get(typed, []) if n not in chosen and n not in skip] + chosen
    return {name: draw(value_for(name)) for name in chosen}


schema_leaf_types = st.sampled_from(["object", "string", "number", "integer", "boolean", "array", "null", "strng", 5])
schema_keywords: Dict[str, st.SearchStrategy[Any]] = {
    "type": schema_leaf_types | st.lists(schema_leaf_types, max_size=2),
    "required": st.lists(text, max_size=2) | anything,
    "additionalProperties": st.booleans() | st.just({"type": "string"}),
    "enum": st.lists(json_values, max_size=3) | json_values,
    "const": json_values,
    "minimum": numbers | text,
    "maxLength": st.integers(-1, 5),
    "pattern": st.sampled_from(["^a", "(", "[", "a{2}", "\\p{L}"]),
    "format": st.sampled_from(["date-time", "uuid", "email", "regex", "nope"]),
    "patternProperties": st.dictionaries(st.sampled_from(["^x", "(", "*"]), st.just({}), max_size=1),
    "$ref": st.sampled_from(
        ["#", "#/$defs/x", "#/$defs/missing", "#/definitions/x", "http://[bad", "other.json", "#a"]
    ),
    "$defs": st.just({"x": {"type": "string"}}) | st.dictionaries(text, json_values, max_size=1),
    "$schema": st.sampled_from(
        [
            "https://json-schema.org/draft/2020-12/schema",
            "http://json-schema.org/draft-07/schema#",
            "http://json-schema.org/draft-04/schema#",
            "urn:unknown",
        ]
    )
    | json_values,
    "$id": st.sampled_from(["urn:x", "http://[bad", "relative", "#frag"]) | json_values,
    "title": text,
    "items": st.just({"type": "integer"}) | st.booleans() | json_values,
    "nope": json_values,
}


@st.composite
def schema_dicts(draw: st.DrawFn, depth: int = 0) -> Dict[str, Any]:
    keys = draw(st.lists(st.sampled_from(sorted(schema_keywords)), unique=True, max_size=4))
    out: Dict[str, Any] = {key: draw(schema_keywords[key]) for key in keys}
    if depth < 2 and draw(st.booleans()):
        out["properties"] = draw(
            st.dictionaries(st.sampled_from(["total", "name", "lines", "x"]), schema_dicts(depth + 1), max_size=2)
        )
    return out


schemas = st.one_of(
    st.none(),
    st.sampled_from(
        [
            {"type": "object", "properties": {"total": {"type": "number"}}, "required": ["total"]},
            {"type": "object", "patternProperties": {"^[a-z]+$": {}}},
            {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"},
            {"$defs": {"n": {"type": "string"}}, "properties": {"name": {"$ref": "#/$defs/n"}}},
        ]
    ),
    schema_dicts(),
    st.sampled_from([Line, Row, int, List[Line], Optional[Line], Dict[str, int], Callable[[int], int], Opaque]),
    anything,
)


def schema_for(action: Any) -> st.SearchStrategy[Any]:
    """Usually no schema for an action that takes none; anything for the others."""
    if action in ("extract", "stagehandAgent", "browserUse"):
        return schemas
    return mostly(st.none(), schemas)


actions = mostly(st.sampled_from(ACTIONS), st.sampled_from(["Act", "extract ", "agent", "", "browser_use"]) | anything)
ids = mostly(
    st.just(RT) | uuid_text | st.sampled_from(["rt_1", "a/b", "../x", "?q=1#f", "é", "\ud800"]),
    st.sampled_from([" ", ""]) | text | anything,
)
idempotency_keys = mostly(st.none() | text, st.text(max_size=300) | anything)
statuses = mostly(
    st.none() | st.sampled_from(STATUSES) | st.lists(st.sampled_from(STATUSES), max_size=3),
    text | st.lists(text, max_size=2) | anything,
)
list_actions = mostly(
    st.none() | st.sampled_from(ACTIONS) | st.lists(st.sampled_from(ACTIONS), max_size=3),
    text | st.lists(text, max_size=2) | anything,
)
limits = mostly(st.none() | st.integers(1, 100), st.integers() | anything)


# --- sync properties ------------------------------------------------------------------------------


@FAST
@given(runtime_id=ids, action=actions, key=idempotency_keys, data=st.data())
def test_invocations_create_raises_only_bctrl_errors(
    runtime_id: Any, action: Any, key: Any, data: st.DataObject
) -> None:
    typed = ACTION_PARAMS.get(action, "ActParams") if isinstance(action, str) else "ActParams"
    schema = data.draw(schema_for(action), label="schema")
    kwargs = data.draw(kwargs_for(typed), label="kwargs")
    api = MockAPI()
    with sync_client(api) as client:
        result = check_outcome(
            api,
            lambda: client.runtimes.invocations.create(
                runtime_id, action=action, schema=schema, idempotency_key=key, **kwargs
            ),
            f"create({runtime_id!r}, action={action!r}, schema={schema!r}, idempotency_key={key!r}, **{kwargs!r})",
        )
    if isinstance(result, bctrl.Invocation):
        assert len(api.requests) == 1
        assert json.loads(api.requests[0].content)["action"] == action


HELPERS = {
    "stagehand.act": ("ActParams", False),
    "stagehand.observe": ("ObserveParams", False),
    "stagehand.extract": ("ExtractParams", True),
    "stagehand.agent": ("StagehandAgentParams", True),
    "browser_use.agent": ("BrowserUseParams", True),
    "solve_captcha": ("SolveCaptchaParams", False),
}


def _helper(invocations: Any, name: str) -> Any:
    target: Any = invocations
    for part in name.split("."):
        target = getattr(target, part)
    return target


@FAST
@given(
    helper=st.sampled_from(sorted(HELPERS)),
    runtime_id=ids,
    schema=schemas,
    key=idempotency_keys,
    wait=st.booleans(),
    data=st.data(),
)
def test_typed_helpers_raise_only_bctrl_errors(
    helper: str, runtime_id: Any, schema: Any, key: Any, wait: bool, data: st.DataObject
) -> None:
    typed, takes_schema = HELPERS[helper]
    kwargs = data.draw(kwargs_for(typed), label="kwargs")
    if helper != "solve_captcha":
        kwargs.setdefault("instruction", None)  # a parameter of the helper: refused by the SDK when None
    if takes_schema:
        kwargs["schema"] = schema
    api = MockAPI()
    with sync_client(api) as client:
        method = _helper(client.runtimes.invocations, helper)
        result = check_outcome(
            api,
            lambda: method(runtime_id, wait=wait, timeout=5, idempotency_key=key, **kwargs),
            f"{helper}({runtime_id!r}, wait={wait!r}, idempotency_key={key!r}, **{kwargs!r})",
        )
    if isinstance(result, bctrl.Invocation):
        kinds = [template_of(r) for r in api.requests]
        assert kinds[0] == CREATE_PATH
        assert kinds[1:] == ([WAIT_PATH] if wait else []), kinds


@FAST
@given(kwargs=kwargs_for("RuntimeCreateParams"))
def test_runtimes_create_raises_only_bctrl_errors(kwargs: Dict[str, Any]) -> None:
    api = MockAPI()
    with sync_client(api) as client:
        result = check_outcome(api, lambda: client.runtimes.create(**kwargs), f"runtimes.create(**{kwargs!r})")
    if isinstance(result, bctrl.Runtime):
        assert len(api.requests) == 1


@FAST
@given(run_id=ids, status=statuses, action=list_actions, limit=limits, take=st.integers(0, 3))
def test_run_invocations_list_raises_only_bctrl_errors(
    run_id: Any, status: Any, action: Any, limit: Any, take: int
) -> None:
    api = MockAPI()
    with sync_client(api) as client:

        def call() -> List[Any]:
            iterator = client.runs.invocations.list(run_id, status=status, action=action, limit=limit)
            return [item for _, item in zip(range(take), iterator)] if take < 3 else list(iterator)

        desc = f"runs.invocations.list({run_id!r}, status={status!r}, action={action!r}, limit={limit!r}), take {take}"
        result = check_outcome(api, call, desc) if take else None
        if take == 0:
            # Building the iterator checks the arguments (or raises) without sending.
            note(f"call: {desc} (not iterated)")
            with contextlib.suppress(RequestValidationError):
                client.runs.invocations.list(run_id, status=status, action=action, limit=limit)
            assert api.requests == []
    if isinstance(result, list):
        assert all(isinstance(item, bctrl.Invocation) for item in result)
        assert len(api.requests) == (2 if take >= 2 else 1)


@FAST
@given(
    space_id=ids,
    runtime_id=ids,
    provider=st.sampled_from(["stagehand", "browserUse"]) | st.sampled_from(["browser_use", "Stagehand"]) | anything,
    instruction=st.none() | text | anything,
    key=idempotency_keys,
    data=st.data(),
)
def test_space_scoped_create_raises_only_bctrl_errors(
    space_id: Any, runtime_id: Any, provider: Any, instruction: Any, key: Any, data: st.DataObject
) -> None:
    kwargs = data.draw(
        kwargs_for("LegacyStagehandParams", exclude=frozenset({"instruction", "space_id"})), label="kwargs"
    )
    api = MockAPI()
    with sync_client(api) as client:
        result = check_outcome(
            api,
            lambda: client.spaces.runtimes.invocations.create(
                space_id, runtime_id, provider=provider, instruction=instruction, idempotency_key=key, **kwargs
            ),
            f"spaces.runtimes.invocations.create({space_id!r}, {runtime_id!r}, provider={provider!r}, "
            f"instruction={instruction!r}, idempotency_key={key!r}, **{kwargs!r})",
        )
    if not isinstance(result, BaseException):
        assert len(api.requests) == 1


# --- targeted properties: values every field must either send or refuse ----------------------------


@SLOW
@given(
    action=st.sampled_from(ACTIONS),
    value=st.sampled_from([math.nan, math.inf, -math.inf]),
    where=st.sampled_from(["temperature", "metadata", "variables"]),
)
def test_non_finite_floats_are_refused_before_sending(action: str, value: float, where: str) -> None:
    """NaN and infinities are not JSON: the SDK must refuse them, not crash while encoding."""
    names = WIRE_NAMES[ACTION_PARAMS[action]]
    if where not in names:
        where = "metadata"
    kwargs: Dict[str, Any] = {"instruction": "go"} if "instruction" in names else {}
    kwargs[where] = value if where == "temperature" else {"x": value}
    api = MockAPI()
    with sync_client(api) as client:
        check_outcome(
            api,
            lambda: client.runtimes.invocations.create(RT, action=action, **kwargs),
            f"create(RT, action={action!r}, **{kwargs!r})",
        )


@SLOW
@given(
    field=st.sampled_from(["runtime_id", "instruction", "metadata", "idempotency_key"]),
    value=st.sampled_from(["\ud800", "x\udcff", "é", "日本", "a\u2028b"]),
)
def test_any_str_is_sent_or_refused(field: str, value: str) -> None:
    """Every ``str`` argument either reaches the wire or is refused with a typed error."""
    kwargs: Dict[str, Any] = {"instruction": "go"}
    runtime_id, key = RT, None
    if field == "runtime_id":
        runtime_id = value
    elif field == "idempotency_key":
        key = value
    elif field == "metadata":
        kwargs["metadata"] = {value: value}
    else:
        kwargs["instruction"] = value
    api = MockAPI()
    with sync_client(api) as client:
        check_outcome(
            api,
            lambda: client.runtimes.invocations.create(runtime_id, action="observe", idempotency_key=key, **kwargs),
            f"create({runtime_id!r}, action='observe', idempotency_key={key!r}, **{kwargs!r})",
        )


UUID_FIELDS = [
    ("browserUse", "tool_ids", lambda v: [v]),
    ("stagehandAgent", "toolset_id", lambda v: v),
    ("stagehandAgent", "files", lambda v: [{"fileId": v}]),
    ("runtime", "space_id", lambda v: v),
    ("legacy", "toolset_id", lambda v: v),
]


@SLOW
@given(
    case=st.sampled_from(range(len(UUID_FIELDS))),
    value=st.sampled_from(["", "nope", "1c9e6679", RT + "x"]) | st.text(max_size=8),
)
def test_uuid_fields_are_sent_or_refused(case: int, value: str) -> None:
    """A ``format: uuid`` field given a string that is no UUID: refused, or sent as is."""
    where, field, wrap = UUID_FIELDS[case]
    api = MockAPI()
    with sync_client(api) as client:
        if where == "runtime":
            kwargs: Dict[str, Any] = {"space_id": wrap(value), "type": "browser"}
            check_outcome(api, lambda: client.runtimes.create(**kwargs), f"runtimes.create(**{kwargs!r})")
        elif where == "legacy":
            kwargs = {field: wrap(value)}
            check_outcome(
                api,
                lambda: client.spaces.runtimes.invocations.create(
                    SPACE, RT, provider="stagehand", instruction="go", **kwargs
                ),
                f"spaces.runtimes.invocations.create(SPACE, RT, provider='stagehand', instruction='go', **{kwargs!r})",
            )
        else:
            kwargs = {"instruction": "go", field: wrap(value)}
            check_outcome(
                api,
                lambda: client.runtimes.invocations.create(RT, action=where, **kwargs),
                f"create(RT, action={where!r}, **{kwargs!r})",
            )


BAD_REGEXES = ["(", "[a-", "*", "a{2", "(?P<x>a)(?P<x>b)"]


@SLOW
@given(
    regex=st.sampled_from(BAD_REGEXES),
    where=st.sampled_from(["pattern", "patternProperties", "nested"]),
    wait=st.booleans(),
)
def test_output_schemas_with_invalid_regexes_are_refused(regex: str, where: str, wait: bool) -> None:
    """``pattern`` must be a regex (the metaschema says ``format: regex``; the server checks it)."""
    if where == "pattern":
        schema: Dict[str, Any] = {"type": "object", "properties": {"name": {"type": "string", "pattern": regex}}}
    elif where == "patternProperties":
        schema = {"type": "object", "patternProperties": {regex: {}}}
    else:
        schema = {"type": "object", "properties": {"lines": {"items": {"propertyNames": {"pattern": regex}}}}}
    api = MockAPI()
    with sync_client(api) as client:
        check_outcome(
            api,
            lambda: client.runtimes.invocations.stagehand.extract(RT, schema=schema, wait=wait, timeout=5),
            f"stagehand.extract(RT, schema={schema!r}, wait={wait!r})",
        )


# --- async ------------------------------------------------------------------------------------


def run_async(api: MockAPI, make_call: Callable[[AsyncBctrl], Any], desc: str) -> Any:
    async def main() -> Any:
        async with async_client(api) as client:
            return await make_call(client)

    return check_outcome(api, lambda: asyncio.run(main()), f"(async) {desc}")


@SLOW
@given(runtime_id=ids, action=actions, key=idempotency_keys, data=st.data())
def test_async_invocations_create_raises_only_bctrl_errors(
    runtime_id: Any, action: Any, key: Any, data: st.DataObject
) -> None:
    typed = ACTION_PARAMS.get(action, "ActParams") if isinstance(action, str) else "ActParams"
    schema = data.draw(schema_for(action), label="schema")
    kwargs = data.draw(kwargs_for(typed), label="kwargs")
    api = MockAPI()
    run_async(
        api,
        lambda client: client.runtimes.invocations.create(
            runtime_id, action=action, schema=schema, idempotency_key=key, **kwargs
        ),
        f"create({runtime_id!r}, action={action!r}, schema={schema!r}, idempotency_key={key!r}, **{kwargs!r})",
    )


@SLOW
@given(helper=st.sampled_from(sorted(HELPERS)), runtime_id=ids, schema=schemas, data=st.data())
def test_async_helpers_and_runtime_create_raise_only_bctrl_errors(
    helper: str, runtime_id: Any, schema: Any, data: st.DataObject
) -> None:
    typed, takes_schema = HELPERS[helper]
    kwargs = data.draw(kwargs_for(typed), label="kwargs")
    if helper != "solve_captcha":
        kwargs.setdefault("instruction", None)  # a parameter of the helper: refused by the SDK when None
    if takes_schema:
        kwargs["schema"] = schema
    api = MockAPI()
    run_async(
        api,
        lambda client: _helper(client.runtimes.invocations, helper)(runtime_id, wait=False, **kwargs),
        f"{helper}({runtime_id!r}, wait=False, **{kwargs!r})",
    )

    runtime_kwargs = data.draw(kwargs_for("RuntimeCreateParams"), label="runtime kwargs")
    api = MockAPI()
    run_async(api, lambda client: client.runtimes.create(**runtime_kwargs), f"runtimes.create(**{runtime_kwargs!r})")


@SLOW
@given(run_id=ids, status=statuses, action=list_actions, limit=limits)
def test_async_run_invocations_list_raises_only_bctrl_errors(run_id: Any, status: Any, action: Any, limit: Any) -> None:
    api = MockAPI()

    async def collect(client: AsyncBctrl) -> List[Any]:
        return [item async for item in client.runs.invocations.list(run_id, status=status, action=action, limit=limit)]

    result = run_async(
        api, collect, f"runs.invocations.list({run_id!r}, status={status!r}, action={action!r}, limit={limit!r})"
    )
    if isinstance(result, list):
        assert len(result) == 2 and len(api.requests) == 2


# --- sanity: the strategies do reach the success path --------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.runtimes.invocations.create(RT, action="act", instruction="click", temperature=0.5),
        lambda c: c.runtimes.invocations.stagehand.extract(RT, wait=False, schema=Line, instruction="x"),
        lambda c: c.runtimes.invocations.browser_use.agent(RT, wait=False, instruction="x", tool_ids=[RT]),
        lambda c: c.runtimes.invocations.solve_captcha(RT, wait=False, target={"id": "p1"}),
        lambda c: c.runtimes.create(space_id=SPACE, type="browser", metadata={"a": [1]}),
        lambda c: list(c.runs.invocations.list(RUN, status=["queued", "failed"], action="act", limit=5)),
        lambda c: c.spaces.runtimes.invocations.create(SPACE, RT, provider="stagehand", instruction="x"),
    ],
)
def test_valid_calls_send_spec_valid_requests(call: Callable[[Bctrl], Any]) -> None:
    api = MockAPI()
    with sync_client(api) as client:
        result = check_outcome(api, lambda: call(client))
    assert not isinstance(result, BaseException), result
