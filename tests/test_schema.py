"""Output schemas: resolving types and dicts, the wire schema, issues, parsing, caching."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import enum
import json
import subprocess
import sys
import threading
from typing import Any, Dict, List, Literal, Optional, Union
from unittest import mock

import pydantic
import pytest
from pydantic import BaseModel, Field
from typing_extensions import Annotated, TypedDict

from bctrl._errors import OutputValidationError, OutputValidationIssue, RequestValidationError
from bctrl._schema import OutputSchema, _clear_caches, output_error, resolve_output_schema


@pytest.fixture(autouse=True)
def _fresh_caches() -> Any:
    _clear_caches()
    yield
    _clear_caches()


class Currency(enum.Enum):
    EUR = "EUR"
    USD = "USD"


@dataclasses.dataclass
class Line:
    name: str
    quantity: int
    total: float
    note: Optional[str] = None


@dataclasses.dataclass
class Invoice:
    number: str
    currency: Currency
    lines: List[Line]
    status: Literal["draft", "sent", "paid"] = "draft"
    due: Optional[str] = None


class Address(TypedDict):
    street: str
    city: str


class Person(BaseModel):
    name: str = Field(description="Full name as printed on the page")
    age: Optional[int] = Field(default=None, description="Age in years")
    address: Address
    tags: List[str] = []


GOOD_INVOICE: Dict[str, Any] = {
    "number": "INV-1",
    "currency": "EUR",
    "lines": [
        {"name": "apples", "quantity": 3, "total": 4.5},
        {"name": "pears", "quantity": 1, "total": 2, "note": "ripe"},
    ],
    "status": "sent",
}


def paths(issues: List[OutputValidationIssue]) -> List[str]:
    return [issue.path for issue in issues]


# --- types --------------------------------------------------------------------


def test_dataclass_wire_schema_is_json_with_defs() -> None:
    schema = resolve_output_schema(Invoice)
    assert isinstance(schema, OutputSchema)
    assert schema.python_type is Invoice
    wire = schema.wire
    assert json.loads(json.dumps(wire)) == wire
    assert wire["type"] == "object"
    assert set(wire["required"]) == {"number", "currency", "lines"}
    assert wire["properties"]["lines"]["type"] == "array"
    assert wire["properties"]["lines"]["items"] == {"$ref": "#/$defs/Line"}
    assert set(wire["$defs"]) == {"Line", "Currency"}
    assert wire["$defs"]["Currency"]["enum"] == ["EUR", "USD"]
    assert wire["properties"]["status"]["enum"] == ["draft", "sent", "paid"]
    assert "$schema" not in wire


def test_valid_nested_dataclass_output_parses_to_instances() -> None:
    schema = resolve_output_schema(Invoice)
    assert schema.issues(GOOD_INVOICE) == []
    assert output_error(schema, GOOD_INVOICE) is None
    parsed = schema.parse(GOOD_INVOICE)
    assert isinstance(parsed, Invoice)
    assert parsed.currency is Currency.EUR
    assert parsed.status == "sent"
    assert parsed.due is None
    assert all(isinstance(line, Line) for line in parsed.lines)
    assert parsed.lines[1] == Line(name="pears", quantity=1, total=2.0, note="ripe")


def test_several_errors_are_all_reported_sorted_by_path() -> None:
    schema = resolve_output_schema(Invoice)
    output = copy.deepcopy(GOOD_INVOICE)
    output["currency"] = "GBP"
    output["status"] = "lost"
    output["lines"][0]["total"] = "4.50"
    output["lines"][1]["note"] = 7
    del output["lines"][1]["name"]
    output["due"] = 20240101
    for i in range(2, 12):
        output["lines"].append({"name": f"n{i}", "quantity": 1, "total": 1})
    output["lines"][10]["quantity"] = "many"
    output["lines"][2]["total"] = None

    issues = schema.issues(output)
    assert paths(issues) == [
        "$.currency",
        "$.due",
        "$.lines[0].total",
        "$.lines[1]",
        "$.lines[1].note",
        "$.lines[2].total",
        "$.lines[10].quantity",
        "$.status",
    ]
    by_path = {issue.path: issue.message for issue in issues}
    assert by_path["$.lines[0].total"] == "'4.50' is not of type 'number'"
    assert by_path["$.lines[1]"] == "'name' is a required property"
    assert by_path["$.lines[1].note"] == "7 is not of type 'string', 'null'"
    assert by_path["$.due"] == "20240101 is not of type 'string', 'null'"
    assert "'GBP' is not one of ['EUR', 'USD']" in by_path["$.currency"]
    assert by_path["$.status"] == "'lost' is not one of ['draft', 'sent', 'paid']"


def test_output_error_lists_every_issue() -> None:
    schema = resolve_output_schema(Invoice)
    output = {"number": 1, "currency": "EUR", "lines": [{"name": "a", "quantity": 1.5}]}
    error = output_error(schema, output)
    assert isinstance(error, OutputValidationError)
    assert error.invocation is None
    assert error.code == "invocation.output_validation_failed"
    assert paths(error.issues) == ["$.lines[0]", "$.lines[0].quantity", "$.number"]
    assert error.message.startswith("output does not match the schema: 3 problems: ")
    assert "$.number: 1 is not of type 'string'" in error.message
    assert "$.lines[0].quantity: 1.5 is not of type 'integer'" in error.message


def test_output_error_message_is_bounded() -> None:
    schema = resolve_output_schema(List[int])
    error = output_error(schema, ["x"] * 25)
    assert error is not None
    assert len(error.issues) == 25
    assert error.message.startswith("output does not match the schema: 25 problems: $[0]:")
    assert error.message.endswith("; and 15 more")
    assert "$[24]" not in error.message


def test_single_problem_message() -> None:
    schema = resolve_output_schema({"type": "object", "required": ["a"]})
    error = output_error(schema, {})
    assert error is not None
    assert error.message == "output does not match the schema: 1 problem: $: 'a' is a required property"


def test_wrong_top_level_kind() -> None:
    schema = resolve_output_schema(Invoice)
    assert schema.issues([1, 2]) == [OutputValidationIssue("$", "[1, 2] is not of type 'object'")]


def test_typed_dict() -> None:
    schema = resolve_output_schema(Address)
    assert schema.wire["required"] == ["street", "city"]
    assert schema.issues({"street": "Main St"}) == [OutputValidationIssue("$", "'city' is a required property")]
    value = {"street": "Main St", "city": "Springfield"}
    assert schema.issues(value) == []
    parsed = schema.parse(value)
    assert parsed == value
    assert type(parsed) is dict


def test_pydantic_model_descriptions_reach_the_wire() -> None:
    schema = resolve_output_schema(Person)
    props = schema.wire["properties"]
    assert props["name"]["description"] == "Full name as printed on the page"
    assert props["age"]["description"] == "Age in years"
    assert schema.wire["required"] == ["name", "address"]
    assert "Address" in schema.wire["$defs"]
    output = {"name": "Ada", "age": "old", "address": {"street": 5}}
    assert paths(schema.issues(output)) == ["$.address", "$.address.street", "$.age"]
    good = {"name": "Ada", "age": 36, "address": {"street": "a", "city": "b"}, "tags": ["x"]}
    assert schema.issues(good) == []
    person = schema.parse(good)
    assert isinstance(person, Person)
    assert person.address == {"street": "a", "city": "b"}
    assert person.tags == ["x"]


def test_generic_list_of_dataclasses() -> None:
    schema = resolve_output_schema(List[Line])
    assert schema.wire["type"] == "array"
    output = [{"name": "a", "quantity": 1, "total": 1.0}, {"name": "b", "quantity": "x"}]
    assert paths(schema.issues(output)) == ["$[1]", "$[1].quantity"]
    parsed = schema.parse(output[:1])
    assert parsed == [Line("a", 1, 1.0)]


class Tree(BaseModel):
    name: str
    when: Optional[datetime.date] = None
    children: List[Tree] = []


def test_recursive_model_and_formats() -> None:
    schema = resolve_output_schema(Tree)
    assert schema.wire["$ref"] == "#/$defs/Tree"
    output = {"name": "a", "children": [{"name": 1, "when": "2024-13-01", "children": [{}]}]}
    assert schema.issues(output) == [
        OutputValidationIssue("$.children[0].children[0]", "'name' is a required property"),
        OutputValidationIssue("$.children[0].name", "1 is not of type 'string'"),
        OutputValidationIssue("$.children[0].when", "'2024-13-01' is not a 'date'"),
    ]
    tree = schema.parse({"name": "a", "children": [{"name": "b", "when": "2024-01-02"}]})
    assert isinstance(tree.children[0], Tree)
    assert tree.children[0].when == datetime.date(2024, 1, 2)


class Cat(BaseModel):
    kind: Literal["cat"]
    lives: int


class Dog(BaseModel):
    kind: Literal["dog"]
    good: bool


class Pets(BaseModel):
    pets: List[Union[Cat, Dog]]


class TaggedPets(BaseModel):
    pets: List[Annotated[Union[Cat, Dog], Field(discriminator="kind")]]


@pytest.mark.parametrize("model", [Pets, TaggedPets])
def test_union_errors_point_at_the_matching_branch(model: Any) -> None:
    schema = resolve_output_schema(model)
    output = {"pets": [{"kind": "cat", "lives": "nine"}, {"kind": "dog", "good": True}, 3]}
    issues = schema.issues(output)
    assert paths(issues) == ["$.pets[0].lives", "$.pets[2]"]
    assert issues[0].message == "'nine' is not of type 'integer'"
    parsed = schema.parse({"pets": [{"kind": "dog", "good": False}]})
    assert isinstance(parsed.pets[0], Dog)


@pytest.mark.parametrize("model", [Pets, TaggedPets])
def test_unknown_tag_names_the_choices(model: Any) -> None:
    schema = resolve_output_schema(model)
    assert schema.issues({"pets": [{"kind": "cow"}, {"kind": "dog"}]}) == [
        OutputValidationIssue("$.pets[0].kind", "'cow' is not one of ['cat', 'dog']"),
        OutputValidationIssue("$.pets[1]", "'good' is a required property"),
    ]


def test_parse_reports_type_level_validation_as_output_error() -> None:
    class Positive(BaseModel):
        n: int

        @pydantic.field_validator("n")
        @classmethod
        def _positive(cls, value: int) -> int:
            if value <= 0:
                raise ValueError("must be positive")
            return value

    schema = resolve_output_schema(Positive)
    assert schema.issues({"n": -1}) == []
    with pytest.raises(OutputValidationError) as info:
        schema.parse({"n": -1})
    assert paths(info.value.issues) == ["$.n"]
    assert "must be positive" in info.value.issues[0].message


def test_unbuildable_type_is_a_request_error() -> None:
    class Opaque:
        pass

    with pytest.raises(RequestValidationError) as info:
        resolve_output_schema(Opaque, field="outputSchema")
    assert info.value.field == "outputSchema"
    assert "Opaque" in str(info.value)


# --- dict schemas -------------------------------------------------------------

INVOICE_JSON_SCHEMA: Dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "total": {"type": "number"},
        "lines": {"type": "array", "items": {"$ref": "#/$defs/line"}},
    },
    "required": ["total", "lines"],
    "$defs": {
        "line": {
            "type": "object",
            "properties": {"sku": {"type": "string"}, "qty": {"type": "integer"}},
            "required": ["sku"],
        }
    },
}


def test_dict_schema_wire_drops_dollar_schema_and_is_a_copy() -> None:
    original = copy.deepcopy(INVOICE_JSON_SCHEMA)
    schema = resolve_output_schema(original)
    assert schema.python_type is None
    assert "$schema" not in schema.wire
    expected = {k: v for k, v in INVOICE_JSON_SCHEMA.items() if k != "$schema"}
    assert schema.wire == expected
    assert list(schema.wire["properties"]) == ["total", "lines"]
    assert original == INVOICE_JSON_SCHEMA
    original["properties"]["total"]["type"] = "string"
    assert schema.wire["properties"]["total"]["type"] == "number"


def test_dict_schema_tuples_become_lists() -> None:
    schema = resolve_output_schema({"type": "object", "required": ("a",)})
    assert schema.wire["required"] == ["a"]
    json.dumps(schema.wire)


def test_dict_schema_issues_and_parse() -> None:
    schema = resolve_output_schema(INVOICE_JSON_SCHEMA)
    output = {"total": "12", "lines": [{"sku": 1}, {"qty": 2.5}]}
    assert paths(schema.issues(output)) == [
        "$.lines[0].sku",
        "$.lines[1]",
        "$.lines[1].qty",
        "$.total",
    ]
    good = {"total": 12.5, "lines": [{"sku": "A", "qty": 2}]}
    assert schema.issues(good) == []
    assert schema.parse(good) is good


def test_odd_keys_are_quoted_in_paths() -> None:
    schema = resolve_output_schema({"type": "object", "properties": {"line total": {"type": "number"}}})
    assert paths(schema.issues({"line total": "x"})) == ['$["line total"]']


def test_dialect_from_dollar_schema_is_used() -> None:
    draft7 = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "array",
        "items": [{"type": "string"}, {"type": "integer"}],
    }
    schema = resolve_output_schema(draft7)
    assert "$schema" not in schema.wire
    assert paths(schema.issues(["a", "b"])) == ["$[1]"]
    assert schema.issues(["a", 1, None]) == []


@pytest.mark.parametrize(
    ("bad", "where", "what"),
    [
        (
            {"type": "object", "properties": {"total": {"type": "numbr"}}},
            "schema.properties.total.type",
            "'numbr' is not valid under any of the given schemas",
        ),
        ({"type": "object", "required": "total"}, "schema.required", "is not of type 'array'"),
        ({"type": "object", "properties": ["a"]}, "schema.properties", "is not of type 'object'"),
        (
            {"anyOf": [{"type": "string"}, {"minLength": -1}]},
            "schema.anyOf[1].minLength",
            "-1 is less than the minimum of 0",
        ),
    ],
)
def test_invalid_schemas_are_rejected_with_the_keyword_path(bad: Dict[str, Any], where: str, what: str) -> None:
    with pytest.raises(RequestValidationError) as info:
        resolve_output_schema(bad)
    text = str(info.value)
    assert f"{where}: " in text
    assert what in text
    assert info.value.field == where
    assert isinstance(info.value, ValueError)


def test_every_metaschema_error_is_listed() -> None:
    bad = {"type": "object", "required": 1, "properties": {"a": {"type": "numbr"}}}
    with pytest.raises(RequestValidationError) as info:
        resolve_output_schema(bad, field="outputSchema")
    text = str(info.value)
    assert "outputSchema.properties.a.type:" in text
    assert "outputSchema.required:" in text


def test_unresolvable_ref_is_rejected() -> None:
    bad = {"type": "object", "properties": {"a": {"$ref": "#/$defs/missing"}}}
    with pytest.raises(RequestValidationError, match="#/\\$defs/missing"):
        resolve_output_schema(bad)


def test_non_json_dict_is_rejected() -> None:
    with pytest.raises(RequestValidationError, match="not a JSON value"):
        resolve_output_schema({"type": "object", "default": object()})
    with pytest.raises(RequestValidationError, match="keys must be strings"):
        resolve_output_schema({"type": "object", "properties": {1: {}}})
    with pytest.raises(RequestValidationError, match="not a JSON number"):
        resolve_output_schema({"type": "number", "maximum": float("nan")})


@pytest.mark.parametrize("value", ["Invoice", 3, None, True, [{"type": "object"}], Line("a", 1, 1.0)])
def test_non_schema_values_are_rejected(value: object) -> None:
    with pytest.raises(RequestValidationError) as info:
        resolve_output_schema(value, field="outputSchema")
    assert info.value.field == "outputSchema"
    assert str(info.value).startswith("outputSchema must be a JSON Schema object (dict), or a type")
    assert info.value.expected


def test_instance_hint_says_pass_the_class() -> None:
    with pytest.raises(RequestValidationError, match="instance of Person; pass the class itself"):
        resolve_output_schema(Person(name="a", address={"street": "s", "city": "c"}))


def test_non_object_type_schema_is_allowed_but_must_be_a_dict() -> None:
    schema = resolve_output_schema(int)
    assert schema.wire == {"type": "integer"}
    assert schema.parse(3) == 3


def test_format_is_checked() -> None:
    schema = resolve_output_schema({"type": "string", "format": "date"})
    assert paths(schema.issues("not a date")) == ["$"]
    assert schema.issues("2024-02-29") == []


# --- caching ------------------------------------------------------------------


def test_a_type_is_built_once() -> None:
    from bctrl import _schema

    real = pydantic.TypeAdapter
    with (
        mock.patch.object(pydantic, "TypeAdapter", side_effect=real) as adapter,
        mock.patch.object(_schema, "_build", wraps=_schema._build) as build,
    ):
        first = resolve_output_schema(Invoice)
        for _ in range(99):
            assert resolve_output_schema(Invoice) is first
        assert adapter.call_count == 1
        assert build.call_count == 1
        resolve_output_schema(List[Line])
        resolve_output_schema(List[Line])
        assert adapter.call_count == 2
        assert build.call_count == 2


def test_a_dict_schema_is_built_once() -> None:
    from bctrl import _schema

    with mock.patch.object(_schema, "_build", wraps=_schema._build) as build:
        first = resolve_output_schema(copy.deepcopy(INVOICE_JSON_SCHEMA))
        for _ in range(99):
            assert resolve_output_schema(copy.deepcopy(INVOICE_JSON_SCHEMA)) is first
        assert build.call_count == 1
        other = dict(INVOICE_JSON_SCHEMA, required=["total"])
        assert resolve_output_schema(other) is not first
        assert build.call_count == 2


def test_dict_cache_is_bounded() -> None:
    from bctrl import _schema

    first = resolve_output_schema({"type": "object", "title": "t0"})
    for i in range(1, 300):
        resolve_output_schema({"type": "object", "title": f"t{i}"})
    assert len(_schema._dict_cache._items) == 256
    assert resolve_output_schema({"type": "object", "title": "t0"}) is not first


def test_concurrent_resolution_and_validation() -> None:
    results: List[OutputSchema] = []
    failures: List[BaseException] = []

    def work() -> None:
        try:
            schema = resolve_output_schema(Invoice)
            assert schema.issues(GOOD_INVOICE) == []
            assert len(schema.issues({"number": 1})) == 3
            results.append(schema)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert len({id(s) for s in results}) == 1


# --- imports ------------------------------------------------------------------


def test_importing_the_module_imports_neither_pydantic_nor_jsonschema() -> None:
    code = (
        "import sys, bctrl._schema\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pydantic', 'pydantic_core', 'jsonschema', 'referencing'))\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == ""
