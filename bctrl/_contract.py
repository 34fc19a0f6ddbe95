"""The API contract at run time: the merged OpenAPI document packaged with the SDK.

Shared by the client (arguments are checked before anything is sent) and the emulator
(requests are checked on arrival), so both read the contract the same way:

* :func:`load_spec`, :func:`component`, :func:`inline_refs`: the document and its schemas as
  plain JSON Schema;
* :func:`prepare_schema` and :class:`RequestChecker`: request validation. The document closes
  every request object (``additionalProperties: false``, added by the merge), so an unknown
  field anywhere is rejected with a message that names it; lenient mode reopens them.
  ``oneOf`` unions chosen by a discriminator become ``if``/``then`` branches so an error
  points into the variant the caller picked instead of "not valid under any schema";
* :func:`parameter`, :func:`parameter_errors`, :func:`body_required`, :func:`body_media_types`:
  what the document says about an operation's parameters and request body;
* :func:`describe`, :func:`dotted`: short messages that never echo whole values.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

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


def parameter(path: str, method: str, name: str, location: str) -> JsonObject:
    """The parameter object ``name`` (``in: location``) of an operation; ``KeyError`` if absent."""
    for param in operation(path, method).get("parameters", []):
        if param.get("name") == name and param.get("in") == location:
            found: JsonObject = param
            return found
    raise KeyError(f"{method.upper()} {path} has no {location} parameter {name!r}")


@cache
def _parameter_validator(path: str, method: str, name: str, location: str) -> Any:
    from jsonschema import Draft202012Validator

    schema = inline_refs(parameter(path, method, name, location)["schema"], load_spec())
    return Draft202012Validator(schema)


def parameter_errors(path: str, method: str, name: str, location: str, value: Any) -> List[str]:
    """Why ``value`` breaks the schema of a parameter (empty when it does not)."""
    validator = _parameter_validator(path, method, name, location)
    return [_parameter_message(name, error) for error in validator.iter_errors(value)]


def _parameter_message(name: str, error: ValidationError) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    rule = schema.get("description")
    if isinstance(rule, str) and error.validator in ("pattern", "minLength", "maxLength"):
        return f"{name} must be {rule}"
    if error.validator in ("minimum", "maximum"):
        return f"{name} must be between {schema.get('minimum')} and {schema.get('maximum')}"
    return f"{name}: {error.message[:200]}"


def body_required(path: str, method: str) -> bool:
    """Whether an operation's request body is required (``requestBody.required``)."""
    body = operation(path, method).get("requestBody")
    return isinstance(body, dict) and body.get("required") is True


def body_media_types(path: str, method: str) -> List[str]:
    """The media types an operation's request body may have; empty when it takes none."""
    body = operation(path, method).get("requestBody")
    if not isinstance(body, dict):
        return []
    return [str(media) for media in body.get("content", {})]


def enum_values(name: str) -> List[str]:
    """The values of a string enum component, e.g. ``InvocationStatus``."""
    values = load_spec()["components"]["schemas"][name]["enum"]
    return [str(v) for v in values]


# Keywords whose value is a subschema or a list of subschemas.
SUBSCHEMA_KEYS = frozenset(
    {"items", "additionalProperties", "not", "if", "then", "else", "allOf", "anyOf", "oneOf", "prefixItems"}
)


def prepare_schema(schema: Any, *, strict: bool, label: Optional[str] = None) -> Any:
    """Rewrite an inlined schema for request validation (see the module docstring)."""
    if isinstance(schema, list):
        return [prepare_schema(item, strict=strict) for item in schema]
    if not isinstance(schema, dict):
        return schema
    variants = schema.get("oneOf")
    prop = discriminator_of(schema)
    if isinstance(variants, list) and prop is not None:
        return _discriminated(schema, variants, prop, strict=strict)
    if isinstance(variants, list) and len(variants) == 2:
        nullable = _nullable_branch(variants)
        if nullable is not None:
            rest = {k: v for k, v in schema.items() if k != "oneOf"}
            other = prepare_schema(nullable, strict=strict, label=label)
            return {**rest, "if": {"type": "null"}, "then": True, "else": other}
    out: JsonObject = {}
    for key, value in schema.items():
        if key in ("properties", "patternProperties", "$defs", "definitions"):
            out[key] = (
                {k: prepare_schema(v, strict=strict) for k, v in value.items()} if isinstance(value, dict) else value
            )
        elif key in SUBSCHEMA_KEYS:
            out[key] = prepare_schema(value, strict=strict)
        else:
            out[key] = value
    if not strict and out.get("additionalProperties") is False and "additionalProperties" in _merged(out):
        del out["additionalProperties"]  # lenient: accept the fields the contract refuses
    if label is not None:
        out["x-label"] = label
    return out


def _merged(schema: Mapping[str, Any]) -> List[str]:
    """The keywords the merge added to this schema (its ``x-bctrl-merged`` list)."""
    marked = schema.get("x-bctrl-merged")
    return [str(k) for k in marked] if isinstance(marked, list) else []


def _nullable_branch(variants: Sequence[Any]) -> Optional[Any]:
    """For ``oneOf: [X, {type: null}]`` (either order), return X."""
    nulls = [v for v in variants if isinstance(v, dict) and v.get("type") == "null" and len(v) == 1]
    if len(nulls) != 1:
        return None
    others = [v for v in variants if v is not nulls[0]]
    return others[0]


def _discriminated(schema: Mapping[str, Any], variants: Sequence[Any], prop: str, *, strict: bool) -> JsonObject:
    top_level = str(schema.get("x-component", "")).endswith("InvocationCreateRequest")
    branches: List[JsonObject] = []
    values: List[str] = []
    for variant in variants:
        if not isinstance(variant, dict):
            continue
        value = variant_value(variant, prop)
        if value is None:
            continue
        values.append(value)
        label = f"{value} invocation" if top_level else f"'{value}' {prop}"
        branches.append(
            {
                "if": {"properties": {prop: {"const": value}}, "required": [prop]},
                "then": prepare_schema(variant, strict=strict, label=label),
            }
        )
    out: JsonObject = {
        "type": "object",
        "required": [prop],
        "properties": {prop: {"enum": values}},
        "allOf": branches,
        "x-discriminator": prop,
    }
    for key in ("title", "description", "x-component"):
        if key in schema:
            out[key] = schema[key]
    return out


def dotted(path: Sequence[Any]) -> str:
    """``['config', 'proxy', 0]`` → ``config.proxy[0]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def unknown_field_message(error: ValidationError) -> Tuple[str, List[str]]:
    """A message naming the unexpected field(s) of an ``additionalProperties: false`` error."""
    known = list((error.schema.get("properties") or {}).keys())  # type: ignore[union-attr]
    instance = error.instance if isinstance(error.instance, dict) else {}
    extras = [key for key in instance if key not in known]
    label = error.schema.get("x-label") if isinstance(error.schema, dict) else None
    where = dotted(error.absolute_path)
    if isinstance(label, str) and not where:
        context = f" in {label}"
    elif where:
        context = f" at '{where}'"
    else:
        context = ""
    first = extras[0] if extras else "?"
    message = f"unknown field '{first}'{context}"
    guess = difflib.get_close_matches(first, known, n=1, cutoff=0.6)
    if guess:
        message += f"; did you mean '{guess[0]}'?"
    elif known:
        message += f"; expected one of: {', '.join(sorted(known))}"
    if len(extras) > 1:
        message += f" (also unknown: {', '.join(repr(e) for e in extras[1:])})"
    return message, extras


def describe(error: ValidationError) -> str:
    """A short message for one validation error that never repeats whole objects."""
    where = dotted(error.absolute_path) or "body"
    validator = str(error.validator)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if validator == "additionalProperties" and schema.get("additionalProperties") is False:
        return unknown_field_message(error)[0]
    if validator == "type":
        expected = schema.get("type")
        shown = " or ".join(expected) if isinstance(expected, list) else str(expected)
        return f"{where}: expected {shown}, got {_json_type(error.instance)}"
    if validator == "enum" and isinstance(error.instance, str):
        allowed = ", ".join(str(v) for v in schema.get("enum", []))
        disc = error.path and len(error.path) == 1 and error.parent is None
        prefix = f"unknown {where}" if disc else f"{where}: unknown value"
        return f"{prefix} '{error.instance[:80]}'; expected one of: {allowed}"
    if validator in ("oneOf", "anyOf"):
        return f"{where}: does not match any of the allowed shapes"
    if validator == "required":
        return f"{where}: {error.message}" if where != "body" else error.message
    if isinstance(error.instance, (dict, list)):
        return f"{where}: fails the '{validator}' constraint"
    text = error.message
    return f"{where}: {text[:200]}"


def _rank(error: ValidationError) -> Tuple[int, int]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    unknown = error.validator == "additionalProperties" and schema.get("additionalProperties") is False
    return (0 if unknown else 1, len(error.absolute_path))


_UUID_TEXT = re.compile(r"\A[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\Z")


def _format_checker(cls: Any) -> Any:
    """jsonschema's format checks, with ``uuid`` held to its canonical text (8-4-4-4-12 hex
    digits): jsonschema's own check accepts what ``uuid.UUID()`` parses, braces, a
    ``urn:uuid:`` prefix or a trailing newline included."""
    checker = cls()
    checker.checks("uuid")(_uuid_text)
    return checker


def _uuid_text(value: object) -> bool:
    return not isinstance(value, str) or _UUID_TEXT.match(value) is not None


MAX_REMEMBERED = 4096
"""Valid bodies a :class:`RequestChecker` remembers (then it starts again)."""
MAX_REMEMBERED_CHARS = 2048
"""Longer bodies are checked every time."""


class RequestChecker:
    """Validates request bodies against one schema; build once, call per request.

    Validation is a pure function of the body, and fan-out sends the same body thousands
    of times (the same action and instruction to many runtimes): a short body found valid
    is remembered, by its canonical JSON, and not checked again."""

    def __init__(self, schema: Mapping[str, Any], *, strict: bool) -> None:
        from jsonschema import Draft202012Validator, FormatChecker

        self.schema = prepare_schema(dict(schema), strict=strict)
        Draft202012Validator.check_schema(self.schema)
        self._validator = Draft202012Validator(self.schema, format_checker=_format_checker(FormatChecker))
        self._valid: Set[str] = set()

    def errors(self, body: Any) -> List[ValidationError]:
        """Every error, most useful first (unknown fields, then shallow ones)."""
        key = _canonical(body)
        if key is not None and key in self._valid:
            return []
        errors = sorted(self._validator.iter_errors(body), key=_rank)
        if not errors and key is not None:
            if len(self._valid) >= MAX_REMEMBERED:
                self._valid.clear()
            self._valid.add(key)
        return errors


def _canonical(body: Any) -> Optional[str]:
    """``body`` as canonical JSON when it is short and plain JSON (dicts, lists and
    scalars only: a tuple serialises like a list but does not validate like one); else ``None``."""
    if not _plain(body, 32):
        return None
    try:
        text = json.dumps(body, sort_keys=True, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        return None
    return text if len(text) <= MAX_REMEMBERED_CHARS else None


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any, depth: int) -> bool:
    kind = type(value)
    if kind in _SCALARS:
        return True
    if depth <= 0:
        return False
    if kind is list:
        return all(_plain(item, depth - 1) for item in value)
    if kind is dict:
        return all(type(k) is str and _plain(v, depth - 1) for k, v in value.items())
    return False
