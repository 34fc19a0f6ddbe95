"""Output schemas users write: pydantic models, and hand-written schemas for every keyword
of draft 2020-12 the emulator must satisfy. (zod's are in ``data/zod_schemas.json``, made
by ``data/zod_shapes.js``.)"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import ipaddress
import uuid
from typing import Any, Dict, List, Literal, Optional, Set, Tuple, Type, Union

from pydantic import UUID4, AnyUrl, Base64Bytes, BaseModel, Field, SecretStr

SAFE = 9007199254740991  # 2**53 - 1, zod's bounds for .int()
DRAFT_2020_12_FORMATS = [
    *("date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname"),
    *("ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template"),
    *("json-pointer", "relative-json-pointer", "regex"),
]


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Node(BaseModel):
    name: str
    children: List[Node] = []


class Tree(BaseModel):
    value: int
    left: Optional[Tree] = None
    right: Optional[Tree] = None


class Patterned(BaseModel):
    sku: str = Field(pattern=r"^[A-Z]{3}-\d{4}$")
    slug: str = Field(pattern=r"^[a-z0-9_]+$", min_length=4, max_length=8)
    version: str = Field(pattern=r"^v\d+\.\d+\.\d+$")


class Numbers(BaseModel):
    safe: int = Field(ge=-SAFE, le=SAFE)
    above_safe: int = Field(gt=SAFE)
    below_safe: int = Field(lt=-SAFE)
    price: float = Field(multiple_of=0.01, gt=0)
    ratio: float = Field(gt=0.1, lt=0.2)
    big: int = Field(ge=2**60)
    amount: decimal.Decimal = Field(max_digits=6, decimal_places=2)


class Kinds(BaseModel):
    took: dt.timedelta
    at: dt.datetime
    on: dt.date
    when: dt.time
    id: uuid.UUID
    id4: UUID4
    url: AnyUrl
    ip: ipaddress.IPv4Address
    ip6: ipaddress.IPv6Address
    net: ipaddress.IPv4Network
    color: Color
    kind: Literal["a", "b"]
    blob: Base64Bytes
    secret: SecretStr
    note: Optional[str] = None
    counts: Dict[str, int]
    pair: Tuple[int, str]
    tags: Set[str] = Field(min_length=3)
    either: Union[int, str]


class Invoice(BaseModel):
    number: int
    lines: List[Dict[str, float]] = Field(min_length=1)
    kinds: Kinds
    numbers: Numbers
    patterned: Patterned
    tree: Tree
    nodes: List[Node]


PYDANTIC_MODELS: Dict[str, Type[BaseModel]] = {
    "Field(pattern=...)": Patterned,
    "safe-integer and float bounds": Numbers,
    "timedelta, datetime, UUID, URL, IP, enum, Literal, base64, set": Kinds,
    "recursive Node(children: List[Node])": Node,
    "recursive Tree(left/right: Optional[Tree])": Tree,
    "nested invoice of all of these": Invoice,
}

ISSUE_SCHEMAS: Dict[str, Any] = {
    "pattern": {"type": "string", "pattern": "^[0-9]{3}-[A-Z]{2}$"},
    "pattern with length": {"type": "string", "pattern": "^[a-z]+$", "minLength": 5, "maxLength": 6},
    "pattern and format": {"type": "string", "format": "email", "pattern": "^z"},
    "format duration": {"type": "string", "format": "duration"},
    "every format of the draft": {
        "type": "object",
        "properties": {name: {"type": "string", "format": name} for name in DRAFT_2020_12_FORMATS},
        "required": ["date-time", "duration", "uri-template", "regex"],
    },
    "contentEncoding base64": {"type": "string", "contentEncoding": "base64", "minLength": 4},
    "multipleOf 0.01": {"type": "number", "multipleOf": 0.01, "minimum": 0.5},
    "multipleOf 0.1 in a narrow range": {"type": "number", "multipleOf": 0.1, "exclusiveMinimum": 0.3, "maximum": 0.45},
    "integer multipleOf 0.5": {"type": "integer", "multipleOf": 0.5, "minimum": 3},
    "safe integer range": {"type": "integer", "minimum": -SAFE, "maximum": SAFE},
    "minimum 2**53": {"type": "integer", "minimum": 2**53},
    "maximum -2**53": {"type": "integer", "maximum": -(2**53)},
    "minimum 10**30": {"type": "integer", "minimum": 10**30},
    "number between 2**60 and 2**61": {"type": "number", "minimum": 2**60, "exclusiveMaximum": 2**61},
    "$ref/$defs": {"$defs": {"Id": {"type": "string", "format": "uuid"}}, "$ref": "#/$defs/Id"},
    "recursive $ref": {
        "$defs": {
            "Node": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
                },
                "required": ["name", "children"],
            }
        },
        "$ref": "#/$defs/Node",
    },
    "recursive root $ref fan-out": {"type": "object", "properties": {k: {"$ref": "#"} for k in "abcdefgh"}},
    "allOf": {"allOf": [{"type": "integer", "minimum": 3}, {"maximum": 5}, {"multipleOf": 2}]},
    "anyOf": {"anyOf": [{"type": "string", "minLength": 5, "maxLength": 2}, {"type": "null"}]},
    "oneOf overlapping": {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 0}]},
    "not": {"type": "string", "not": {"enum": ["example value", ""]}},
    "not a type": {"not": {"type": ["string", "number", "object", "array", "boolean"]}},
    "const": {"const": {"a": [1, 2]}},
    "enum with not": {"enum": ["a", "b"], "not": {"const": "a"}},
    "uniqueItems of a pattern": {
        "type": "array",
        "items": {"type": "string", "pattern": "^[a-c]{2}$"},
        "uniqueItems": True,
        "minItems": 5,
    },
    "uniqueItems of small integers": {
        "type": "array",
        "items": {"type": "integer", "minimum": 0, "maximum": 5},
        "uniqueItems": True,
        "minItems": 4,
    },
    "dependentRequired": {
        "type": "object",
        "properties": {"card": {"type": "string"}},
        "required": ["card"],
        "dependentRequired": {"card": ["billing"]},
    },
    "dependentSchemas": {
        "type": "object",
        "properties": {"a": {"type": "integer"}, "b": {"type": "string"}},
        "dependentSchemas": {"a": {"required": ["b"], "properties": {"b": {"pattern": "^x"}}}},
    },
    "if/then/else": {
        "type": "object",
        "properties": {"kind": {"enum": ["card", "cash"]}},
        "required": ["kind"],
        "if": {"properties": {"kind": {"const": "card"}}},
        "then": {"required": ["number"], "properties": {"number": {"type": "string", "pattern": "^[0-9]{4}$"}}},
        "else": {"required": ["change"]},
    },
    "additionalProperties false with patternProperties": {
        "type": "object",
        "additionalProperties": False,
        "patternProperties": {"^x-[a-z]+$": {"type": "integer"}},
        "minProperties": 2,
    },
    "propertyNames": {"type": "object", "propertyNames": {"pattern": "^[A-Z]+$"}, "minProperties": 1},
    "prefixItems and items false": {
        "type": "array",
        "prefixItems": [{"type": "string"}, {"type": "integer"}],
        "items": False,
        "minItems": 2,
    },
    "contains with minContains": {
        "type": "array",
        "contains": {"type": "integer", "minimum": 10},
        "minContains": 1,
        "items": {"type": ["string", "integer"]},
    },
    "min/max of everything": {
        "type": "object",
        "properties": {
            "s": {"type": "string", "minLength": 7, "maxLength": 7},
            "a": {"type": "array", "minItems": 3, "maxItems": 3, "items": {"type": "boolean"}},
            "n": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 0.001},
            "i": {"type": "integer", "minimum": -3, "maximum": -3},
        },
        "required": ["s", "a", "n", "i"],
        "minProperties": 6,
        "maxProperties": 6,
    },
    "draft-07 dialect with definitions": {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": {"pos": {"type": "integer", "exclusiveMinimum": 0}},
        "type": "array",
        "items": [{"$ref": "#/definitions/pos"}, {"type": "string"}],
        "additionalItems": False,
        "minItems": 2,
    },
}

UNSATISFIABLE_SCHEMAS: Dict[str, Tuple[Any, str]] = {
    # name: (schema, a phrase the refusal must contain)
    "minimum above maximum": ({"type": "integer", "minimum": 5, "maximum": 3}, "no integer lies between 5 and 3"),
    "contradicting allOf": ({"allOf": [{"type": "string"}, {"type": "integer"}]}, "cannot be satisfied"),
    "not of everything": ({"not": {}}, "allows nothing"),
    "required infinite recursion": (
        {
            "$defs": {"N": {"type": "object", "properties": {"next": {"$ref": "#/$defs/N"}}, "required": ["next"]}},
            "$ref": "#/$defs/N",
        },
        "refers back to itself",
    ),
    "too few unique values": (
        {"type": "array", "items": {"enum": [1, 2]}, "uniqueItems": True, "minItems": 3},
        "unique",
    ),
    "pattern against maxLength": ({"type": "string", "pattern": "^a{5}$", "maxLength": 3}, "pattern"),
    "minItems beyond what is generated": ({"type": "array", "minItems": 10**12}, "minItems"),
    "required property forbidden": (
        {"type": "object", "required": ["a"], "additionalProperties": False},
        "'a' is not allowed",
    ),
}

__all__ = ["ISSUE_SCHEMAS", "PYDANTIC_MODELS", "SAFE", "UNSATISFIABLE_SCHEMAS", "List"]
