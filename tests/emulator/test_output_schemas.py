"""Every satisfiable output schema gets a value its validator accepts; the others are refused
at create (400 ``invocation.output_schema_invalid``), never failed later.

Referees: jsonschema with formats asserted (the emulator's own validator), pydantic (the
models' ``model_validate_json``) and zod itself (``data/zod_shapes.js`` run by node on the
values made for the schemas zod emitted).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict, Iterator, List

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from output_schema_cases import ISSUE_SCHEMAS, PYDANTIC_MODELS, UNSATISFIABLE_SCHEMAS

from bctrl.emulator import outputs
from bctrl.emulator.outputs import CannotGenerate, generate, output_errors

DATA = Path(__file__).parent / "data"
ZOD_SCHEMAS: Dict[str, Any] = json.loads((DATA / "zod_schemas.json").read_text())
# zod writes Unicode property escapes (\p{...}) that Python's re, and so jsonschema, cannot
# compile: the schema is refused at create as one its validator cannot apply.
ZOD_REFUSED = {"emoji"}
ROOT = Path(__file__).resolve().parents[2]
ZOD_DIR = ROOT / ".venv" / "zod"


@pytest.mark.parametrize("name", sorted(PYDANTIC_MODELS))
def test_pydantic_models_get_values_pydantic_accepts(name: str) -> None:
    model = PYDANTIC_MODELS[name]
    schema = model.model_json_schema()
    value = generate(schema)
    assert output_errors(schema, value) == []
    model.model_validate_json(json.dumps(value))  # raises if pydantic disagrees
    assert generate(schema) == value  # deterministic


@pytest.mark.parametrize("name", sorted(ISSUE_SCHEMAS))
def test_schema_keywords_are_satisfied(name: str) -> None:
    schema = ISSUE_SCHEMAS[name]
    value = generate(schema)
    assert output_errors(schema, value) == [], value
    assert generate(schema) == value


@pytest.mark.parametrize("name", sorted(set(ZOD_SCHEMAS) - ZOD_REFUSED))
def test_zod_schemas_are_satisfied(name: str) -> None:
    schema = ZOD_SCHEMAS[name]
    assert output_errors(schema, generate(schema)) == []


def test_zod_pattern_python_cannot_compile_is_refused_at_create(
    client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    for name in ZOD_REFUSED:
        response = helpers.create(client, runtime["id"], {"action": "extract", "outputSchema": ZOD_SCHEMAS[name]})
        assert response.status_code == 400, response.text
        assert response.json()["code"] == "invocation.output_schema_invalid"


@pytest.fixture(scope="module")
def zod_node() -> Path:
    """zod 4 installed for node under ``.venv/zod`` (once; ``make clean`` removes it)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node and npm, "node and npm are needed to run zod as a referee"
    if not (ZOD_DIR / "node_modules" / "zod").is_dir():
        ZOD_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--prefix", str(ZOD_DIR), "--no-audit", "--no-fund", "--silent", "zod@4"],
            check=True,
            timeout=180,
            capture_output=True,
        )
    return ZOD_DIR / "node_modules"


def test_zod_accepts_every_value_made_for_its_schemas(zod_node: Path) -> None:
    values = {name: generate(ZOD_SCHEMAS[name]) for name in sorted(set(ZOD_SCHEMAS) - ZOD_REFUSED)}
    result = subprocess.run(
        ["node", str(DATA / "zod_shapes.js"), "check"],
        input=json.dumps(values),
        capture_output=True,
        text=True,
        timeout=60,
        env={"NODE_PATH": str(zod_node), "PATH": str(Path(shutil.which("node") or "node").parent)},
        check=True,
    )
    rejected = {name: issues for name, issues in json.loads(result.stdout).items() if issues}
    assert rejected == {}
    assert len(values) == len(ZOD_SCHEMAS) - len(ZOD_REFUSED)


def test_zod_schemas_file_is_what_zod_emits(zod_node: Path) -> None:
    result = subprocess.run(
        ["node", str(DATA / "zod_shapes.js"), "schemas"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"NODE_PATH": str(zod_node), "PATH": str(Path(shutil.which("node") or "node").parent)},
        check=True,
    )
    assert json.loads(result.stdout) == ZOD_SCHEMAS


@pytest.mark.parametrize("name", sorted(UNSATISFIABLE_SCHEMAS))
def test_unsatisfiable_schemas_are_refused_naming_why(name: str) -> None:
    schema, phrase = UNSATISFIABLE_SCHEMAS[name]
    with pytest.raises(CannotGenerate) as info:
        generate(schema)
    assert phrase in str(info.value) or phrase == "cannot be satisfied"


@pytest.mark.parametrize("name", sorted(UNSATISFIABLE_SCHEMAS))
def test_unsatisfiable_schema_is_a_400_at_create(
    name: str, client: httpx.Client, runtime: Dict[str, Any], helpers: Any, emu: Any
) -> None:
    schema, phrase = UNSATISFIABLE_SCHEMAS[name]
    response = helpers.create(client, runtime["id"], {"action": "extract", "outputSchema": schema})
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["code"] == "invocation.output_schema_invalid"
    assert "cannot be satisfied" in body["error"]
    if phrase != "cannot be satisfied":
        assert phrase in body["error"]
    assert emu.invocations == []  # nothing stored, nothing to fail later


@pytest.mark.parametrize(
    "schema",
    [
        ISSUE_SCHEMAS["pattern"],
        ZOD_SCHEMAS["isoDuration"],
        ZOD_SCHEMAS["int"],
        ZOD_SCHEMAS["recursive"],
        PYDANTIC_MODELS["timedelta, datetime, UUID, URL, IP, enum, Literal, base64, set"].model_json_schema(),
    ],
    ids=["pattern", "zod iso.duration", "zod int", "zod recursive", "pydantic kinds"],
)
def test_invocations_with_such_schemas_succeed(
    schema: Any, client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    created = helpers.create(client, runtime["id"], {"action": "extract", "outputSchema": schema})
    assert created.status_code == 202, created.text
    final = helpers.wait(client, runtime["id"], created.json()["id"])
    assert final["status"] == "succeeded", final["error"]
    assert output_errors(schema, final["output"]) == []
    assert final["output"] == generate(schema)


def test_generation_runs_off_the_event_loop_and_is_remembered() -> None:
    schema = {"type": "string", "pattern": "^gen-[0-9]{2}[a-f]{3}$"}
    first = outputs.executor().submit(generate, schema).result(timeout=60)
    assert re.search(schema["pattern"], first)
    assert generate(schema) == first


def test_a_search_inside_a_callers_hypothesis_test_still_works() -> None:
    @settings(max_examples=3, deadline=None, database=None)
    @given(st.integers(min_value=0, max_value=4))
    def check(n: int) -> None:
        assert re.fullmatch(f"b{{{n}}}", generate({"type": "string", "pattern": f"^b{{{n}}}$"}))

    check()


# ---- property: any schema built around a value is satisfied ---------------------------------

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(min_value=-1e300, max_value=1e300),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def schema_around(draw: Any, value: Any, depth: int = 0) -> Any:
    """A schema ``value`` satisfies, using the keyword families of draft 2020-12."""
    base: Dict[str, Any]
    if value is None:
        base = {"type": "null"}
    elif isinstance(value, bool):
        base = draw(st.sampled_from([{"type": "boolean"}, {"const": value}, {"enum": [value, None]}]))
    elif isinstance(value, int):
        low, high = draw(st.integers(0, 2**60)), draw(st.integers(0, 2**60))
        base = draw(
            st.sampled_from(
                [
                    {"type": "integer", "minimum": value - low, "maximum": value + high},
                    {"type": "integer", "exclusiveMinimum": value - low - 1},
                    {"type": "number", "maximum": value},
                    {"type": "integer", "multipleOf": next(d for d in (7, 3, 2, 1) if value % d == 0)},
                ]
            )
        )
    elif isinstance(value, float):
        base = draw(
            st.sampled_from(
                [
                    {"type": "number", "minimum": value, "maximum": value},
                    {"type": "number", "exclusiveMaximum": value + max(1.0, abs(value)), "minimum": value - 1},
                    {"type": "number"},
                ]
            )
        )
    elif isinstance(value, str):
        base = draw(
            st.sampled_from(
                [
                    {"type": "string", "minLength": len(value), "maxLength": len(value)},
                    {"type": "string", "pattern": "^" + re.escape(value) + "$"},
                    {"type": "string", "pattern": "^" + re.escape(value[:2])},
                    {"type": "string", "not": {"const": value + "x"}},
                ]
            )
        )
    elif isinstance(value, list):
        prefix = [draw(schema_around(item, depth + 1)) for item in value]
        base = {"type": "array", "prefixItems": prefix, "minItems": len(value), "items": False}
        if draw(st.booleans()) and all(
            json.dumps(a, sort_keys=True) != json.dumps(b, sort_keys=True)
            for i, a in enumerate(value)
            for b in value[i + 1 :]
        ):
            base["uniqueItems"] = True
    else:
        props = {key: draw(schema_around(item, depth + 1)) for key, item in value.items()}
        keys = sorted(value)
        required = draw(st.lists(st.sampled_from(keys), unique=True)) if keys else []
        base = {"type": "object", "properties": props, "required": required, "additionalProperties": False}
        if len(keys) >= 2 and draw(st.booleans()):
            base["dependentRequired"] = {keys[0]: [keys[1]]}
        if draw(st.booleans()):
            base["maxProperties"] = len(keys)
    wrap = draw(st.sampled_from(["none", "allOf", "anyOf", "oneOf", "ref", "if"]))
    if wrap == "allOf":
        return {"allOf": [base, {"not": {"const": "never this"}}]}
    if wrap == "anyOf":
        return {"anyOf": [{"type": "string", "minLength": 3, "maxLength": 2}, base]}
    if wrap == "oneOf":
        return {"oneOf": [base, {"const": "only this"}]}
    if wrap == "ref" and depth == 0:
        return {"$defs": {"it": base}, "$ref": "#/$defs/it"}
    if wrap == "if":
        return {"if": {"type": "string"}, "then": base if isinstance(value, str) else True, "else": base}
    return base


@st.composite
def satisfiable_schemas(draw: Any) -> Any:
    return draw(schema_around(draw(JSON_VALUES)))


@settings(max_examples=80, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(schema=satisfiable_schemas())
def test_any_satisfiable_schema_gets_a_valid_value(schema: Any) -> None:
    value = generate(schema)
    assert output_errors(schema, value) == [], (schema, value)


def _names(schema: Any) -> Iterator[str]:  # pragma: no cover - debugging aid
    if isinstance(schema, dict):
        yield from schema
        for sub in schema.values():
            yield from _names(sub)
    elif isinstance(schema, list):
        for sub in schema:
            yield from _names(sub)


__all__: List[str] = []
