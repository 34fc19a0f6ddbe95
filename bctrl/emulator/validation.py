"""Request validation: JSON bodies against the document's schemas, list query parameters,
and caller-supplied ``outputSchema`` documents.

Validators are built once (see :class:`BodyValidator`). The document closes every request
object (``additionalProperties: false``), so an unknown field anywhere in a body is rejected
with a message that names it; lenient mode reopens them. ``oneOf`` unions that are
chosen by a discriminator property are rewritten into ``if``/``then`` branches so that an
error points into the variant the caller picked instead of "not valid under any schema".
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from jsonschema.validators import validator_for

from .._contract import (
    RequestChecker,
    describe,
    dotted,
    enum_values,
    parameter,
    parameter_errors,
    unknown_field_message,
)
from .errors import ApiError, invalid

MAX_ERRORS = 10


class BodyValidator:
    """Validates one operation's JSON request body; build once, call per request."""

    def __init__(self, schema: Mapping[str, Any], *, strict: bool) -> None:
        self.checker = RequestChecker(schema, strict=strict)
        self.schema = self.checker.schema

    def errors(self, body: Any) -> List[Any]:
        """Every error, most useful first (unknown fields, then shallow ones)."""
        return self.checker.errors(body)

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
    if isinstance(schema, dict) and "$schema" in schema and not isinstance(schema["$schema"], str):
        raise invalid(
            f"{field}.$schema must be a string (a dialect URI)",
            code="invocation.output_schema_invalid",
            path=dotted([field, "$schema"]),
            keyword="$schema",
        )
    try:
        cls = validator_for(schema, default=Draft202012Validator)
    except Exception:  # a malformed dialect URI: jsonschema fails while normalizing it
        raise invalid(
            f"{field}.$schema is not a usable JSON Schema dialect URI",
            code="invocation.output_schema_invalid",
            path=dotted([field, "$schema"]),
            keyword="$schema",
        ) from None
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
    except RecursionError:
        raise invalid(f"{field} nests too deeply", code="invocation.output_schema_invalid", path=field) from None
    except Exception as exc:  # anything else the metaschema check trips over
        raise invalid(
            f"{field} is not valid JSON Schema ({type(exc).__name__})",
            code="invocation.output_schema_invalid",
            path=field,
        ) from None


def parse_json_body(raw: bytes, *, required: bool) -> Any:
    """Decode a request body; empty means ``None`` unless a body is required."""
    if not raw.strip():
        if required:
            raise invalid("a JSON request body is required", code="request.invalid_json")
        return None
    try:
        value = json.loads(raw, parse_constant=_reject_constant, parse_float=_finite_float)
    except RecursionError:
        raise invalid("request body nests too deeply", code="request.invalid_json") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise invalid(f"request body is not valid JSON: {exc}"[:300], code="request.invalid_json") from None
    where = find_lone_surrogate(value)
    if where is not None:
        raise invalid(
            f"request body is not valid JSON: {where} contains an unpaired UTF-16 surrogate escape",
            code="request.invalid_json",
        )
    return value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    """``parse_float`` hook: a number too large for a double (``1e400``) is refused, not ``inf``."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text[:40]} is out of range")
    return value


def is_unicode_text(text: str) -> bool:
    """Whether ``text`` is a sequence of Unicode scalar values (no unpaired surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def find_lone_surrogate(value: Any) -> Optional[str]:
    """Where a decoded JSON value holds a string (key or value) with an unpaired surrogate.

    ``json.loads`` accepts escapes like ``"\\ud800"`` that decode to no Unicode scalar; such a
    string cannot be encoded as UTF-8, so it must never get past the request boundary.
    Iterative, so a body nested as deeply as ``json.loads`` allows is fine.
    """
    stack: List[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not is_unicode_text(item):
                return "a string"
        elif isinstance(item, dict):
            for key, sub in item.items():
                if not is_unicode_text(key):
                    return "an object key"
                stack.append(sub)
        elif isinstance(item, list):
            stack.extend(item)
    return None


def check_text(value: str, name: str, *, code: str = "request.invalid", **details: Any) -> None:
    """Raise 400 if a header or query value holds an unpaired surrogate."""
    if not is_unicode_text(value):
        raise invalid(f"{name} must be valid Unicode text (it holds an unpaired surrogate)", code=code, **details)


def check_media_type(content_type: Optional[str], allowed: Sequence[str]) -> None:
    """Raise 415 unless ``content_type`` is one of ``allowed`` (parameters such as ``charset`` aside)."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media in allowed:
        return
    shown = f"'{media[:80]}'" if media else "no Content-Type"
    raise ApiError(
        415,
        "request.unsupported_media_type",
        f"the request body must be {' or '.join(allowed)}; got {shown}",
        details={"contentType": media[:80], "expected": list(allowed)},
    )


LIST_PATH = ("/v1/runs/{runId}/invocations", "get")
LIST_PARAMS = ("status", "action", "cursor", "limit")
RUNTIME_LIST_PATH = ("/v1/runtimes", "get")
RUNTIME_LIST_PARAMS = ("status", "cursor", "limit")


def _multi(values: Sequence[str], allowed: Sequence[str], name: str) -> Optional[List[str]]:
    """A filter given once or repeated (``status=queued&status=running``), as the document's
    ``style: form, explode: true`` states; a comma inside one value is not a separator."""
    if not values:
        return None
    picked: List[str] = []
    for item in values:
        if item not in allowed:
            hint = f"; repeat the parameter for several values ({name}=a&{name}=b)" if "," in item else ""
            raise invalid(
                f"query parameter '{name}': unknown value '{item[:80]}'; expected one of: {', '.join(allowed)}{hint}",
                parameter=name,
            )
        if item not in picked:
            picked.append(item)
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
    """Validate the list query against the document (``status``/``action`` repeated for several values)."""
    grouped = _group(items, LIST_PARAMS, strict=strict)
    statuses = _multi(grouped.get("status", []), enum_values("InvocationStatus"), "status")
    actions = _multi(grouped.get("action", []), enum_values("InvocationAction"), "action")
    cursor, limit = _page(grouped, LIST_PATH)
    return ListQuery(statuses, actions, cursor, limit)


def parse_runtime_list_query(items: Sequence[Tuple[str, str]], *, strict: bool) -> ListQuery:
    """Validate the query of ``GET /v1/runtimes`` (``status`` repeated for several values)."""
    grouped = _group(items, RUNTIME_LIST_PARAMS, strict=strict)
    statuses = _multi(grouped.get("status", []), enum_values("RuntimeStatus"), "status")
    cursor, limit = _page(grouped, RUNTIME_LIST_PATH)
    return ListQuery(statuses, None, cursor, limit)


def _group(items: Sequence[Tuple[str, str]], known: Sequence[str], *, strict: bool) -> Dict[str, List[str]]:
    grouped: Dict[str, List[str]] = {}
    for key, value in items:
        check_text(key, "query parameter names", parameter="query")
        check_text(value, "query parameter values", parameter="query")
        name = key
        if name not in known:
            if strict:
                raise invalid(
                    f"unknown query parameter '{name[:80]}'; expected one of: {', '.join(known)}",
                    parameter=name[:80],
                )
            continue
        grouped.setdefault(name, []).append(value)
    return grouped


def _page(grouped: Dict[str, List[str]], operation: Tuple[str, str]) -> Tuple[Optional[str], int]:
    """The ``cursor`` and ``limit`` of a list query, ``limit`` checked against the document's rule."""
    cursors = grouped.get("cursor", [])
    if len(cursors) > 1:
        raise invalid("query parameter 'cursor' given more than once", parameter="cursor")
    limits = grouped.get("limit", [])
    if len(limits) > 1:
        raise invalid("query parameter 'limit' given more than once", parameter="limit")
    rule = parameter(*operation, "limit", "query")["schema"]
    limit = int(rule["default"])
    if limits:
        if re.fullmatch(r"-?[0-9]+", limits[0]) is None:
            raise invalid(
                f"query parameter 'limit' must be an integer between {rule['minimum']} and {rule['maximum']}",
                parameter="limit",
            )
        limit = int(limits[0])
        if parameter_errors(*operation, "limit", "query", limit):
            raise invalid(
                f"query parameter 'limit' must be between {rule['minimum']} and {rule['maximum']}, got {limit}",
                parameter="limit",
            )
    return (cursors[0] if cursors else None), limit


__all__ = [
    "ApiError",
    "BodyValidator",
    "ListQuery",
    "check_media_type",
    "check_output_schema",
    "check_text",
    "find_lone_surrogate",
    "is_unicode_text",
    "parse_json_body",
    "parse_list_query",
    "parse_runtime_list_query",
]
