"""The packaged OpenAPI document and helpers to turn its schemas into plain JSON Schema."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

SPEC_PATH = Path(__file__).resolve().parent / "openapi.json"

JsonObject = Dict[str, Any]

ANNOTATIONS = frozenset({"description", "title", "examples", "example", "deprecated"})

# oneOf unions that carry no ``discriminator`` in the document but are still chosen by
# one property whose value each variant pins with a single-value ``enum``.
IMPLICIT_DISCRIMINATORS: Dict[str, str] = {
    "LegacyInvocationCreateRequest": "provider",
}


@lru_cache(maxsize=1)
def load_spec() -> JsonObject:
    """The merged OpenAPI document (parsed once per process; treat it as read-only)."""
    with SPEC_PATH.open(encoding="utf-8") as handle:
        spec: JsonObject = json.load(handle)
    return spec


def component(name: str, spec: Optional[Mapping[str, Any]] = None) -> JsonObject:
    """A ``components/schemas`` entry with every ``$ref`` inlined (a fresh copy)."""
    doc = spec if spec is not None else load_spec()
    result: JsonObject = inline_refs({"$ref": f"#/components/schemas/{name}"}, doc)
    return result


def inline_refs(schema: Any, spec: Mapping[str, Any], _seen: Optional[List[str]] = None) -> Any:
    """Replace every local ``$ref`` by a copy of its target (the document has no cycles).

    The name of each inlined component is kept under ``x-component`` so later steps can
    recognise known unions.
    """
    seen = _seen or []
    if isinstance(schema, list):
        return [inline_refs(item, spec, seen) for item in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        if ref in seen:
            raise ValueError(f"recursive $ref {ref}")
        target: Any = spec
        for part in ref[2:].split("/"):
            target = target[part]
        resolved = inline_refs(copy.deepcopy(target), spec, [*seen, ref])
        if isinstance(resolved, dict):
            resolved.setdefault("x-component", ref.rsplit("/", 1)[-1])
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            if siblings and set(siblings) <= ANNOTATIONS:
                resolved.update(siblings)
            elif siblings:
                return {"allOf": [resolved], **inline_refs(siblings, spec, seen)}
        return resolved
    return {key: inline_refs(value, spec, seen) for key, value in schema.items()}


def discriminator_of(schema: Mapping[str, Any]) -> Optional[str]:
    """The property that picks a variant of this ``oneOf`` union, if it has one."""
    disc = schema.get("discriminator")
    if isinstance(disc, dict) and isinstance(disc.get("propertyName"), str):
        return str(disc["propertyName"])
    name = schema.get("x-component")
    if isinstance(name, str):
        return IMPLICIT_DISCRIMINATORS.get(name)
    return None


def variant_value(variant: Mapping[str, Any], prop: str) -> Optional[str]:
    """The discriminator value a variant pins (``enum: [x]`` or ``const: x``)."""
    props = variant.get("properties")
    if not isinstance(props, dict):
        return None
    pinned = props.get(prop)
    if not isinstance(pinned, dict):
        return None
    if "const" in pinned and isinstance(pinned["const"], str):
        return str(pinned["const"])
    enum = pinned.get("enum")
    if isinstance(enum, list) and len(enum) == 1 and isinstance(enum[0], str):
        return str(enum[0])
    return None


def operation(path: str, method: str, spec: Optional[Mapping[str, Any]] = None) -> JsonObject:
    """The operation object for ``method`` on ``path`` (a path template of the document)."""
    doc = spec if spec is not None else load_spec()
    op: JsonObject = doc["paths"][path][method.lower()]
    return op


def request_body_schema(path: str, method: str) -> Optional[JsonObject]:
    """The inlined JSON request body schema of an operation, if it takes one."""
    op = operation(path, method)
    body = op.get("requestBody")
    if not isinstance(body, dict):
        return None
    schema = body.get("content", {}).get("application/json", {}).get("schema")
    if not isinstance(schema, dict):
        return None
    result: JsonObject = inline_refs(schema, load_spec())
    return result


def response_schema(path: str, method: str, status: int) -> Optional[JsonObject]:
    """The inlined JSON schema documented for one response status of an operation."""
    op = operation(path, method)
    response = op.get("responses", {}).get(str(status))
    if not isinstance(response, dict):
        return None
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    if not isinstance(schema, dict):
        return None
    result: JsonObject = inline_refs(schema, load_spec())
    return result


def enum_values(name: str) -> List[str]:
    """The values of a string enum component, e.g. ``InvocationStatus``."""
    values = load_spec()["components"]["schemas"][name]["enum"]
    return [str(v) for v in values]
