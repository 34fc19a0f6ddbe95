"""Request validation: JSON bodies against the document's schemas, list query parameters,
and caller-supplied ``outputSchema`` documents.

Validators are built once (see :class:`BodyValidator`). In strict mode every object schema
that declares properties is closed (``additionalProperties: false``), so an unknown field
anywhere in a body is rejected with a message that names it. ``oneOf`` unions that are
chosen by a discriminator property are rewritten into ``if``/``then`` branches so that an
error points into the variant the caller picked instead of "not valid under any schema".
"""

from __future__ import annotations

import difflib
import json
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError, ValidationError
from jsonschema.validators import validator_for

from .errors import ApiError, invalid
from .spec import JsonObject, discriminator_of, enum_values, variant_value

MAX_ERRORS = 10
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
    props = out.get("properties")
    if strict and isinstance(props, dict) and props and "additionalProperties" not in out:
        out["additionalProperties"] = False
    if label is not None:
        out["x-label"] = label
    return out


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


class BodyValidator:
    """Validates one operation's JSON request body; build once, call per request."""

    def __init__(self, schema: Mapping[str, Any], *, strict: bool) -> None:
        self.schema = prepare_schema(dict(schema), strict=strict)
        Draft202012Validator.check_schema(self.schema)
        self._validator = Draft202012Validator(self.schema, format_checker=FormatChecker())

    def errors(self, body: Any) -> List[ValidationError]:
        """Every error, most useful first (unknown fields, then shallow ones)."""
        return sorted(self._validator.iter_errors(body), key=_rank)

    def validate(self, body: Any) -> None:
        """Raise a 400 ``request.invalid`` :class:`ApiError` describing the first problem."""
        try:
            errors = self.errors(body)
        except RecursionError:
            raise invalid("request body nests too deeply") from None
        if not errors:
            return
        first = errors[0]
        listed: List[Dict[str, str]] = []
        for error in errors:
            item = {"path": dotted(error.absolute_path), "message": describe(error)}
            if item not in listed:
                listed.append(item)
            if len(listed) >= MAX_ERRORS:
                break
        details: Dict[str, Any] = {"path": dotted(first.absolute_path), "errors": listed}
        schema = first.schema if isinstance(first.schema, dict) else {}
        if first.validator == "additionalProperties" and schema.get("additionalProperties") is False:
            _, extras = unknown_field_message(first)
            details["unknownFields"] = extras
        raise invalid(describe(first), **details)


def check_output_schema(schema: Any, field: str = "outputSchema") -> None:
    """Raise 400 ``invocation.output_schema_invalid`` unless ``schema`` is valid JSON Schema."""
    if not isinstance(schema, (dict, bool)):
        raise invalid(
            f"{field} must be a JSON Schema object",
            code="invocation.output_schema_invalid",
            path=field,
        )
    cls = validator_for(schema, default=Draft202012Validator)
    try:
        cls.check_schema(schema)  # type: ignore[arg-type]
    except SchemaError as exc:
        path = dotted([field, *exc.path])
        raise invalid(
            f"{field} is not valid JSON Schema: '{exc.validator}' at {path}: {exc.message[:200]}",
            code="invocation.output_schema_invalid",
            path=path,
            keyword=str(exc.validator),
        ) from None


def parse_json_body(raw: bytes, *, required: bool) -> Any:
    """Decode a request body; empty means ``None`` unless a body is required."""
    if not raw.strip():
        if required:
            raise invalid("a JSON request body is required", code="request.invalid_json")
        return None
    try:
        return json.loads(raw, parse_constant=_reject_constant)
    except RecursionError:
        raise invalid("request body nests too deeply", code="request.invalid_json") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise invalid(f"request body is not valid JSON: {exc}"[:300], code="request.invalid_json") from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


LIST_PARAMS = ("status", "action", "cursor", "limit")
DEFAULT_LIMIT = 50
MAX_LIMIT = 100


def _multi(values: Sequence[str], allowed: Sequence[str], name: str) -> Optional[List[str]]:
    if not values:
        return None
    picked: List[str] = []
    for raw in values:
        for item in raw.split(","):
            item = item.strip()
            if not item:
                continue
            if item not in allowed:
                raise invalid(
                    f"query parameter '{name}': unknown value '{item[:80]}'; expected one of: {', '.join(allowed)}",
                    parameter=name,
                )
            if item not in picked:
                picked.append(item)
    if not picked:
        raise invalid(f"query parameter '{name}' is empty", parameter=name)
    return picked


class ListQuery:
    """The validated query of ``GET /v1/runs/{runId}/invocations``."""

    def __init__(
        self,
        statuses: Optional[List[str]],
        actions: Optional[List[str]],
        cursor: Optional[str],
        limit: int,
    ) -> None:
        self.statuses = statuses
        self.actions = actions
        self.cursor = cursor
        self.limit = limit


def parse_list_query(items: Sequence[Tuple[str, str]], *, strict: bool) -> ListQuery:
    """Validate the list query (``status``/``action`` repeated or comma-separated)."""
    grouped: Dict[str, List[str]] = {}
    for key, value in items:
        name = key[:-2] if key.endswith("[]") else key
        if name not in LIST_PARAMS:
            if strict:
                raise invalid(
                    f"unknown query parameter '{name[:80]}'; expected one of: {', '.join(LIST_PARAMS)}",
                    parameter=name[:80],
                )
            continue
        grouped.setdefault(name, []).append(value)
    statuses = _multi(grouped.get("status", []), enum_values("InvocationStatus"), "status")
    actions = _multi(grouped.get("action", []), enum_values("InvocationAction"), "action")
    cursors = grouped.get("cursor", [])
    if len(cursors) > 1:
        raise invalid("query parameter 'cursor' given more than once", parameter="cursor")
    limits = grouped.get("limit", [])
    if len(limits) > 1:
        raise invalid("query parameter 'limit' given more than once", parameter="limit")
    limit = DEFAULT_LIMIT
    if limits:
        try:
            limit = int(limits[0].strip())
        except ValueError:
            raise invalid(
                f"query parameter 'limit' must be an integer between 1 and {MAX_LIMIT}",
                parameter="limit",
            ) from None
        if not 1 <= limit <= MAX_LIMIT:
            raise invalid(
                f"query parameter 'limit' must be between 1 and {MAX_LIMIT}, got {limit}",
                parameter="limit",
            )
    return ListQuery(statuses, actions, cursors[0] if cursors else None, limit)


__all__ = [
    "ApiError",
    "BodyValidator",
    "ListQuery",
    "check_output_schema",
    "parse_json_body",
    "parse_list_query",
    "prepare_schema",
]
