"""Property-based fuzzing of the local emulator: random bodies in, documented answers out.

One strict :class:`bctrl.testing.Emulator` serves the module (no faults). Hypothesis sends
it random JSON values, mutated valid bodies (a field removed, a field of the wrong type, an
unknown field, a random action), raw non-JSON bytes and odd content types, to every
operation, with existing, unknown and malformed path ids, plus list queries with random
parameters.

The property, for every answer:

* never a 5xx (the emulator runs without faults);
* a 2xx carries a JSON object;
* a 4xx is a valid ``ErrorResponse`` (``code`` and ``error`` strings, ``reasonClass`` in
  the enum, ``requestId``) whose ``requestId`` equals the ``X-Request-Id`` header;
* the status is one of those ``spec/openapi.yaml`` documents for the operation. Three
  operations answer a status the spec does not list (see ``SPEC_GAPS``); the property
  tolerates exactly those, and ``test_error_statuses_are_documented`` fails until the spec
  documents them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple
from urllib.parse import quote

import httpx
import pytest
import yaml
from hypothesis import HealthCheck, Phase, currently_in_test_context, given, settings
from hypothesis import event as _event
from hypothesis import note as _note
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from bctrl.testing import Emulator

ROOT = Path(__file__).resolve().parent.parent
SPEC: Dict[str, Any] = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
SPEC_URI = "urn:bctrl:openapi-yaml"
REGISTRY: Registry[Any] = Registry().with_resource(
    SPEC_URI, Resource.from_contents(SPEC, default_specification=DRAFT202012)
)
ERROR_VALIDATOR = Draft202012Validator({"$ref": f"{SPEC_URI}#/components/schemas/ErrorResponse"}, registry=REGISTRY)
REASON_CLASSES = SPEC["components"]["schemas"]["ErrorResponseReasonClass"]["enum"]

CREATE = ("/v1/runtimes/{runtimeId}/invocations", "post")
LEGACY = ("/v1/spaces/{id}/runtimes/{runtimeId}/invocations", "post")
RUNTIMES = ("/v2/runtimes", "post")
WAIT = ("/v1/runtimes/{runtimeId}/invocations/{invocationId}/wait", "post")
CANCEL = ("/v1/runtimes/{runtimeId}/invocations/{invocationId}/cancel", "post")
LIST = ("/v1/runs/{runId}/invocations", "get")
Operation = Tuple[str, str]


def documented(op: Operation) -> Set[int]:
    responses = SPEC["paths"][op[0]][op[1]]["responses"]
    return {int(code) for code in responses if code.isdigit()}


# Statuses the emulator (rightly) answers that the spec does not list for the operation:
# an invalid body or query is a 400, a runtime of another space a 404 and a reused
# idempotencyKey a 409, but the documented responses of these operations are only their 2xx
# (and, for the list, 401/403/404).
SPEC_GAPS: Dict[Operation, Set[int]] = {
    RUNTIMES: {400},
    LEGACY: {400, 404, 409},
    LIST: {400},
}

ACTIONS = ["act", "observe", "extract", "stagehandAgent", "browserUse", "solveCaptcha"]
STATUSES = ["queued", "dispatching", "running", "cancelling", "succeeded", "failed", "cancelled", "timed_out"]

SETTINGS = settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
SMALL = settings(SETTINGS, max_examples=200)


# --- the emulator ---------------------------------------------------------------------------------


class World:
    """The emulator, a client, and ids of things that exist in it."""

    def __init__(self, emu: Emulator) -> None:
        self.emu = emu
        self.http = httpx.Client(base_url=emu.url, headers=emu.headers, timeout=30)
        self.space = str(uuid.uuid4())
        runtime = self.http.post("/v2/runtimes", json={"spaceId": self.space, "type": "browser"}).json()
        self.runtime: str = runtime["id"]
        self.run: str = runtime["activeRunId"]
        created = self.http.post(f"/v1/runtimes/{self.runtime}/invocations", json={"action": "act"})
        assert created.status_code == 202, created.text
        self.invocation: str = created.json()["id"]
        done = self.http.post(
            f"/v1/runtimes/{self.runtime}/invocations/{self.invocation}/wait", json={"timeoutMs": 10_000}
        ).json()
        assert done["status"] == "succeeded", done
        # Fuzzed creates go to a runtime of their own, so their queue never delays anything.
        self.fuzz_runtime: str = self.http.post("/v2/runtimes", json={"spaceId": self.space, "type": "browser"}).json()[
            "id"
        ]

    def fresh_runtime(self) -> str:
        answer = self.http.post("/v2/runtimes", json={"spaceId": self.space, "type": "browser"})
        assert answer.status_code == 200, answer.text
        runtime_id: str = answer.json()["id"]
        return runtime_id


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    with Emulator(duration_ms=20) as emu:
        w = World(emu)
        yield w
        w.http.close()


def note(text: str) -> None:
    if currently_in_test_context():
        _note(text)


def event(text: str) -> None:
    if currently_in_test_context():
        _event(text)


def check_answer(op: Operation, response: httpx.Response) -> Any:
    """The property every answer must satisfy; returns the decoded body."""
    status = response.status_code
    note(f"answer: {status} {response.text[:300]}")
    event(f"{op[1].upper()} {op[0]} -> {status}")
    assert status < 500, f"{op[1].upper()} {op[0]} answered {status}: {response.text[:500]}"
    request_id = response.headers.get("x-request-id")
    assert request_id, "every answer carries X-Request-Id"
    body = response.json()
    if status < 300:
        assert isinstance(body, dict), body
        return body
    errors = [e.message for e in ERROR_VALIDATOR.iter_errors(body)]
    assert not errors, f"{status} body is not an ErrorResponse: {errors} in {body}"
    assert isinstance(body.get("code"), str) and body["code"], body
    assert isinstance(body.get("error"), str) and body["error"], body
    assert body.get("reasonClass") in REASON_CLASSES, body
    assert body.get("requestId") == request_id, (body.get("requestId"), request_id)
    allowed = documented(op) | SPEC_GAPS.get(op, set())
    assert status in allowed, f"{op[1].upper()} {op[0]} answered {status}, documented: {sorted(documented(op))}"
    return body


def post(world: World, op: Operation, path: str, content: Optional[bytes], headers: Dict[str, str]) -> Any:
    note(f"POST {path} headers={headers!r} body={content[:300] if content is not None else None!r}")
    response = world.http.post(path, content=content, headers=headers)
    return check_answer(op, response)


# --- strategies --------------------------------------------------------------------------------

text = st.text(max_size=12) | st.sampled_from(["", "é", "\ud800", "a\nb", "\x00", "x" * 300, "active", "auto"])
uuids = st.uuids().map(str)
numbers = st.integers() | st.integers(min_value=-(10**400), max_value=10**400) | st.floats()
json_values = st.recursive(
    st.none() | st.booleans() | numbers | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=10,
)
target = st.sampled_from(["active", "new"]) | st.fixed_dictionaries({"id": text})
output_schemas = st.sampled_from(
    [
        {"type": "object", "properties": {"total": {"type": "number"}}, "required": ["total"]},
        {"type": "string", "pattern": "^a"},
        {"type": "object", "patternProperties": {"(": {}}},
        {"$schema": 5},
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "integer"},
        {"$ref": "#/$defs/missing"},
        {"$ref": "http://[bad"},
        {"$id": "http://[bad", "type": "object"},
        {"const": float("nan")},
        {"enum": [float("inf")]},
        {"type": "number", "minimum": 10**400},
        {"type": "strng"},
        True,
    ]
) | st.dictionaries(st.sampled_from(["type", "properties", "required", "items", "const", "$ref"]), json_values)

FIELDS: Dict[str, st.SearchStrategy[Any]] = {
    "instruction": text,
    "model": text,
    "selector": text,
    "aiProviderId": text,
    "systemPrompt": text,
    "temperature": st.floats() | st.integers(0, 2),
    "timeoutMs": st.integers(-5, 10**6) | st.integers(min_value=10**300, max_value=10**400),
    "maxSteps": st.integers(-5, 10**400),
    "metadata": st.dictionaries(text, json_values, max_size=3),
    "variables": st.dictionaries(text, json_values, max_size=2),
    "sensitiveData": st.dictionaries(text, json_values, max_size=2),
    "target": target,
    "outputSchema": output_schemas,
    "files": st.lists(st.fixed_dictionaries({"fileId": uuids | text}), max_size=2),
    "toolIds": st.lists(uuids | text, max_size=2),
    "toolsetId": uuids | text,
    "useVision": st.booleans() | st.just("auto"),
    "visionDetailLevel": st.sampled_from(["low", "high", "auto"]),
    "maxHistoryItems": st.none() | st.integers(0, 10),
    "highlightCursor": st.booleans(),
    "stagehandAction": st.fixed_dictionaries({"description": text, "selector": text}),
}
VARIANT_FIELDS = {
    "act": [
        "instruction",
        "model",
        "aiProviderId",
        "temperature",
        "timeoutMs",
        "metadata",
        "target",
        "stagehandAction",
    ],
    "observe": ["instruction", "selector", "model", "temperature", "timeoutMs", "metadata", "target"],
    "extract": ["instruction", "selector", "outputSchema", "temperature", "timeoutMs", "metadata", "target"],
    "stagehandAgent": [
        *("instruction", "maxSteps", "outputSchema", "systemPrompt", "toolIds", "toolsetId", "variables"),
        *("files", "highlightCursor", "timeoutMs", "metadata"),
    ],
    "browserUse": [
        *("instruction", "maxSteps", "outputSchema", "useVision", "visionDetailLevel", "maxHistoryItems"),
        *("sensitiveData", "toolIds", "files", "timeoutMs", "metadata", "target"),
    ],
    "solveCaptcha": ["timeoutMs", "metadata", "target"],
}
REQUIRED = {"observe": ["instruction"], "stagehandAgent": ["instruction"], "browserUse": ["instruction"]}


@st.composite
def valid_ish_create_body(draw: st.DrawFn) -> Dict[str, Any]:
    action = draw(st.sampled_from(ACTIONS))
    names = draw(st.lists(st.sampled_from(VARIANT_FIELDS[action]), unique=True, max_size=4))
    body: Dict[str, Any] = {"action": action}
    for name in [*REQUIRED.get(action, []), *names]:
        body[name] = draw(FIELDS[name])
    return body


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[Dict[str, Any]]) -> Any:
    """A body with one mutation: drop a field, retype a field, add a field, or change a tag."""
    body = dict(draw(base))
    how = draw(st.sampled_from(["drop", "retype", "add", "tag", "none"]))
    keys = sorted(body)
    if how == "drop" and keys:
        body.pop(draw(st.sampled_from(keys)))
    elif how == "retype" and keys:
        body[draw(st.sampled_from(keys))] = draw(json_values | st.just([]) | st.just({}))
    elif how == "add":
        body[draw(text | st.sampled_from(["maxStep", "outputschema", "action_", "spaceID"]))] = draw(json_values)
    elif how == "tag":
        tag = draw(st.sampled_from(["action", "provider", "operation", "type"]))
        body[tag] = draw(text | st.sampled_from([*ACTIONS, "stagehand", "browserUse", "agent.execute", "browser"]))
    return body


def legacy_base(provider: str) -> st.SearchStrategy[Dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "provider": st.just(provider),
            "operation": st.just("agent.execute"),
            "input": st.fixed_dictionaries({"instruction": text}),
        },
        optional={
            "idempotencyKey": text,
            "metadata": st.dictionaries(text, json_values, max_size=2),
            "options": st.fixed_dictionaries({}, optional={"maxSteps": st.integers(-1, 10**400)}),
            "target": st.fixed_dictionaries({"page": st.just("active"), "type": st.just("browser_page")}),
            "toolsetId": uuids | text,
            "files": st.lists(json_values, max_size=1),
            "config": st.dictionaries(text, json_values, max_size=1),
        },
    )


runtime_base = st.fixed_dictionaries(
    {"spaceId": uuids, "type": st.just("browser")},
    optional={
        "name": text,
        "metadata": st.dictionaries(text, json_values, max_size=2),
        "config": st.fixed_dictionaries({}, optional={"stealth": text, "extensions": st.lists(text, max_size=1)})
        | st.dictionaries(text, json_values, max_size=2),
    },
)


def encode(value: Any, ascii_only: bool) -> bytes:
    # NaN/Infinity literals and \ud800 escapes are what a sloppy client really sends.
    return json.dumps(value, allow_nan=True, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


raw_bodies = st.one_of(
    st.binary(max_size=40),
    st.sampled_from(
        [
            b"",
            b"   ",
            b"{",
            b'{"action": "act"',
            b"null",
            b"[]",
            b'"act"',
            b"NaN",
            b"\xef\xbb\xbf{}",
            b'{"action":"act"}garbage',
            '{"action":"act"}'.encode("utf-16"),
            b'{"action":"act","instruction":"\xff"}',
            b'{"a":' * 50 + b"1" + b"}" * 50,
        ]
    ),
    st.integers(0, 200_000).map(nested),
    st.sampled_from([2_000, 20_000, 200_000]).map(nested),
)
content_types = st.sampled_from(
    [
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=latin-1",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
        "",
    ]
)


@st.composite
def bodies(draw: st.DrawFn, structured: st.SearchStrategy[Any]) -> bytes:
    kind = draw(st.sampled_from(["structured", "structured", "mutated", "json", "raw"]))
    event(f"body kind: {kind}")
    if kind == "raw":
        return draw(raw_bodies)
    if kind == "json":
        value = draw(json_values)
    elif kind == "mutated":
        value = draw(mutated(structured))
    else:
        value = draw(structured)
    return encode(value, draw(st.booleans()))


@st.composite
def headers(draw: st.DrawFn, *, idempotency: bool = False) -> Dict[str, str]:
    out: Dict[str, str] = {}
    content_type = draw(content_types)
    if content_type:
        out["Content-Type"] = content_type
    if idempotency and draw(st.booleans()):
        out["Idempotency-Key"] = draw(
            # printable ASCII without surrounding spaces: what an HTTP client can send at all
            st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=300).map(str.strip)
            | st.sampled_from(["", "k"])
        )
    return out


def path_id(world: World, draw: st.DrawFn, existing: str) -> str:
    choice = draw(st.sampled_from(["existing", "existing", "uuid", "junk"]))
    if choice == "existing":
        return existing
    if choice == "uuid":
        return str(draw(st.uuids()))
    junk = draw(st.text(st.characters(codec="utf-8"), min_size=1, max_size=20) | st.sampled_from(["..", "%", "a b"]))
    return quote(junk, safe="")


# --- properties ---------------------------------------------------------------------------------


@SETTINGS
@given(data=st.data())
def test_invocation_create_answers_are_documented(world: World, data: st.DataObject) -> None:
    runtime_id = path_id(world, data.draw, world.fuzz_runtime)
    content = data.draw(bodies(valid_ish_create_body()), label="body")
    post(world, CREATE, f"/v1/runtimes/{runtime_id}/invocations", content, data.draw(headers(idempotency=True)))


@SMALL
@given(data=st.data())
def test_runtime_create_answers_are_documented(world: World, data: st.DataObject) -> None:
    content = data.draw(bodies(runtime_base), label="body")
    post(world, RUNTIMES, "/v2/runtimes", content, data.draw(headers()))


@SMALL
@given(data=st.data())
def test_legacy_create_answers_are_documented(world: World, data: st.DataObject) -> None:
    space_id = path_id(world, data.draw, world.space)
    runtime_id = path_id(world, data.draw, world.fuzz_runtime)
    structured = legacy_base("stagehand") | legacy_base("browserUse")
    content = data.draw(bodies(structured), label="body")
    post(world, LEGACY, f"/v1/spaces/{space_id}/runtimes/{runtime_id}/invocations", content, data.draw(headers()))


wait_bodies = st.fixed_dictionaries(
    {}, optional={"timeoutMs": st.integers(-(10**400), 10**400) | st.integers(-5, 100) | json_values}
)


@SMALL
@given(data=st.data(), op=st.sampled_from([WAIT, CANCEL]))
def test_wait_and_cancel_answers_are_documented(world: World, data: st.DataObject, op: Operation) -> None:
    runtime_id = path_id(world, data.draw, world.runtime)
    invocation_id = path_id(world, data.draw, world.invocation)
    content = data.draw(st.none() | bodies(wait_bodies), label="body")
    verb = "wait" if op == WAIT else "cancel"
    post(world, op, f"/v1/runtimes/{runtime_id}/invocations/{invocation_id}/{verb}", content, data.draw(headers()))


query_values = st.text(max_size=15) | st.sampled_from(
    ["", ",", "queued,running", "act,extract", " act ", "0", "1", "100", "101", "-1", "1e2", "\u0661", "10" * 200]
)
query_pairs = st.lists(
    st.tuples(
        st.sampled_from(["status", "action", "limit", "cursor", "status[]", "action[]", "page", "", "Status"]),
        st.one_of(st.sampled_from(STATUSES + ACTIONS), query_values),
    ),
    max_size=5,
)


@SETTINGS
@given(data=st.data(), pairs=query_pairs)
def test_list_answers_are_documented(world: World, data: st.DataObject, pairs: List[Tuple[str, str]]) -> None:
    run_id = path_id(world, data.draw, world.run)
    note(f"GET /v1/runs/{run_id}/invocations params={pairs!r}")
    body = check_answer(LIST, world.http.get(f"/v1/runs/{run_id}/invocations", params=pairs))
    cursor = body.get("nextCursor") if isinstance(body, dict) else None
    if cursor:
        # A cursor the emulator made must be accepted back.
        check_answer(LIST, world.http.get(f"/v1/runs/{run_id}/invocations", params=[("cursor", cursor)]))


@SMALL
@given(cursor=st.text(max_size=40) | st.binary(max_size=30).map(lambda b: __import__("base64").b64encode(b).decode()))
def test_list_with_garbage_cursor_is_a_400(world: World, cursor: str) -> None:
    response = world.http.get(f"/v1/runs/{world.run}/invocations", params={"cursor": cursor})
    check_answer(LIST, response)


def wait_until_done(world: World, runtime_id: str, invocation_id: str) -> Dict[str, Any]:
    """Long-poll an accepted invocation until it is terminal; every answer is checked."""
    path = f"/v1/runtimes/{runtime_id}/invocations/{invocation_id}"
    deadline = time.monotonic() + 1.5  # each invocation takes 20 ms
    final: Dict[str, Any] = {}
    while time.monotonic() < deadline:
        final = check_answer(WAIT, world.http.post(f"{path}/wait", json={"timeoutMs": 700}))
        if final.get("waitStatus") == "completed":
            break
    assert final.get("status") in ("succeeded", "failed", "timed_out"), f"accepted invocation never finished: {final}"
    check_answer(("/v1/invocations/{invocationId}", "get"), world.http.get(f"/v1/invocations/{invocation_id}"))
    check_answer(LIST, world.http.get(f"/v1/runs/{final['runId']}/invocations"))
    return final


@settings(SMALL, max_examples=40, phases=[Phase.explicit, Phase.reuse, Phase.generate])  # no shrinking: each
@given(body=valid_ish_create_body())  # failing example costs a 1.5 s wait, and `note` shows the body anyway
def test_accepted_invocations_finish_and_read_back(world: World, body: Dict[str, Any]) -> None:
    """An invocation the emulator accepted must end, and reading it back must not fail."""
    runtime_id = world.fresh_runtime()
    content = encode(body, ascii_only=True)
    note(f"body={content[:300]!r}")
    created = world.http.post(
        f"/v1/runtimes/{runtime_id}/invocations", content=content, headers={"Content-Type": "application/json"}
    )
    answer = check_answer(CREATE, created)
    if created.status_code == 202:
        wait_until_done(world, runtime_id, answer["id"])


# --- edge bodies, one by one --------------------------------------------------------------------------

LONE = "\ud800"  # sent as the JSON escape \ud800: syntactically valid JSON text, no Unicode scalar
BIG = 10**400  # an integer JSON allows and no float can hold
RUNTIME_OK = {"spaceId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "type": "browser"}
LEGACY_OK = {"provider": "stagehand", "operation": "agent.execute", "input": {"instruction": "x"}}


def extract(schema: Any) -> Dict[str, Any]:
    return {"action": "extract", "outputSchema": schema}


EDGE_CASES: Dict[str, Tuple[Operation, Any]] = {
    "runtime name with a lone surrogate": (RUNTIMES, {**RUNTIME_OK, "name": LONE}),
    "runtime metadata key with a lone surrogate": (RUNTIMES, {**RUNTIME_OK, "metadata": {LONE: 1}}),
    "runtime unknown field with a lone surrogate": (RUNTIMES, {**RUNTIME_OK, LONE: 1}),
    "legacy unknown field with a lone surrogate": (LEGACY, {**LEGACY_OK, LONE: 1}),
    "legacy instruction with a lone surrogate": (LEGACY, {**LEGACY_OK, "input": {"instruction": LONE}}),
    "create unknown field with a lone surrogate": (CREATE, {"action": "act", LONE: 1}),
    "create unknown action with a lone surrogate": (CREATE, {"action": LONE}),
    "act instruction with a lone surrogate": (CREATE, {"action": "act", "instruction": LONE}),
    "extract instruction with a lone surrogate": (CREATE, {"action": "extract", "instruction": LONE}),
    "outputSchema const with a lone surrogate": (CREATE, extract({"const": LONE})),
    "outputSchema $schema not a string": (CREATE, extract({"$schema": 5})),
    "outputSchema $schema null": (CREATE, extract({"$schema": None})),
    "outputSchema $id not a URI": (CREATE, extract({"$id": "http://[bad"})),
    "outputSchema unresolvable $ref": (CREATE, extract({"$ref": "#/$defs/missing"})),
    "outputSchema huge minimum": (CREATE, extract({"type": "number", "minimum": BIG})),
    "timeoutMs beyond float range": (CREATE, {"action": "act", "timeoutMs": BIG}),
    "maxSteps beyond float range": (CREATE, {"action": "browserUse", "instruction": "x", "maxSteps": BIG}),
    "NaN literal": (CREATE, {"action": "act", "temperature": float("nan")}),
    "Infinity in outputSchema": (CREATE, extract({"const": float("inf")})),
    "deeply nested array": (CREATE, b"[" * 100_000 + b"]" * 100_000),
    "deeply nested metadata": (CREATE, {"action": "act", "metadata": {"a": "NESTED"}}),
    "wait timeoutMs beyond float range": (WAIT, {"timeoutMs": BIG}),
}


def edge_content(value: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    return encode(value, ascii_only=True).replace(b'"NESTED"', nested(3_000))


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_edge_bodies_get_documented_answers(world: World, name: str) -> None:
    """Each body is refused with a 4xx ErrorResponse, or accepted and then runs to the end."""
    op, content = EDGE_CASES[name]
    runtime_id = world.fresh_runtime()
    path = {
        CREATE: f"/v1/runtimes/{runtime_id}/invocations",
        LEGACY: f"/v1/spaces/{world.space}/runtimes/{runtime_id}/invocations",
        RUNTIMES: "/v2/runtimes",
        WAIT: f"/v1/runtimes/{world.runtime}/invocations/{world.invocation}/wait",
    }[op]
    # A fresh connection each time: a crash inside the emulator may reset it.
    with httpx.Client(base_url=world.emu.url, headers=world.emu.headers, timeout=30) as http:
        response = http.post(path, content=edge_content(content), headers={"Content-Type": "application/json"})
    body = check_answer(op, response)
    if op == CREATE and response.status_code == 202:
        wait_until_done(world, runtime_id, body["id"])


GENERATE_PROBE = """
import resource, time
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # a runaway generator fails fast
from bctrl.emulator.outputs import CannotGenerate, generate
started = time.process_time()
try:
    generate({schema})
except CannotGenerate:
    pass
print("done", time.process_time() - started)
"""
# CPU seconds one generate() call may take; CPU time, so a loaded machine does not count
GENERATE_CPU_S = 2.0
# wall-clock bound for a probe process (start-up included), to catch a hang
PROBE_TIMEOUT_S = 60.0
HUGE_SCHEMAS = {
    "minItems 1e400": {"type": "array", "minItems": BIG},
    "minItems 1e12": {"type": "array", "minItems": 10**12},
    "minLength 1e400": {"type": "string", "minLength": BIG},
    "minProperties 1e400": {"type": "object", "minProperties": BIG},
    "number minimum 1e400": {"type": "number", "minimum": BIG},
}


def test_output_generation_is_bounded() -> None:
    """The emulator makes the output for an ``outputSchema`` when it is created, so for any
    schema it must finish quickly: a value, or ``CannotGenerate`` (the create is then a 400
    ``invocation.output_schema_invalid``). Any other exception would be a 500; a runaway
    loop would hold the create for ever. Each schema runs in a subprocess (1 GiB address
    space, 2 CPU seconds) that can be killed.
    """
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-c", GENERATE_PROBE.format(schema=repr(schema))],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=str(ROOT),
        )
        for name, schema in HUGE_SCHEMAS.items()
    }
    deadline = time.monotonic() + PROBE_TIMEOUT_S
    problems = []
    for name, proc in procs.items():
        try:
            out, err = proc.communicate(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            problems.append(f"{name}: still running after {PROBE_TIMEOUT_S:.0f} s")
            continue
        if proc.returncode != 0 or "done" not in out:
            last = err.strip().splitlines()[-1] if err.strip() else f"exit {proc.returncode}"
            problems.append(f"{name}: {last}")
        elif float(out.split()[-1]) > GENERATE_CPU_S:
            problems.append(f"{name}: generate() took {float(out.split()[-1]):.1f} CPU seconds")
    assert not problems, "generate() is not bounded: " + "; ".join(problems)


# --- the spec gaps, one failing check ---------------------------------------------------------------


def test_error_statuses_are_documented(world: World) -> None:
    """Every error status the emulator answers for a plain invalid request is in the spec."""
    other_space = str(uuid.uuid4())
    probes = [
        (RUNTIMES, "post", "/v2/runtimes", {"type": "browser"}),
        (LEGACY, "post", f"/v1/spaces/{world.space}/runtimes/{world.runtime}/invocations", {"provider": "x"}),
        (
            LEGACY,
            "post",
            f"/v1/spaces/{other_space}/runtimes/{world.runtime}/invocations",
            {"provider": "stagehand", "operation": "agent.execute", "input": {"instruction": "x"}},
        ),
        (LIST, "get", f"/v1/runs/{world.run}/invocations?limit=0", None),
        (CREATE, "post", f"/v1/runtimes/{world.runtime}/invocations", {"action": "nope"}),
        (WAIT, "post", f"/v1/runtimes/{world.runtime}/invocations/{world.invocation}/wait", {"timeoutMs": "x"}),
    ]
    key = f"spec-gap-{uuid.uuid4()}"
    legacy_path = f"/v1/spaces/{world.space}/runtimes/{world.fresh_runtime()}/invocations"
    first = {
        "provider": "stagehand",
        "operation": "agent.execute",
        "input": {"instruction": "a"},
        "idempotencyKey": key,
    }
    assert world.http.post(legacy_path, json=first).status_code == 202
    probes.append((LEGACY, "post", legacy_path, {**first, "input": {"instruction": "b"}}))
    undocumented = []
    for op, method, path, body in probes:
        response = world.http.request(method, path, json=body)
        assert 400 <= response.status_code < 500, response.text
        if response.status_code not in documented(op):
            undocumented.append(f"{method.upper()} {op[0]} -> {response.status_code} ({response.json()['code']})")
    assert not undocumented, "error statuses spec/openapi.yaml does not document: " + "; ".join(undocumented)
