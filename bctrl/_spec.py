"""Request bodies checked against the API contract before they are sent.

The checks are those the emulator applies on arrival (:mod:`bctrl._contract`), in strict
mode: a misspelt ``maxStep`` or a value outside an enum is caught here, with a message that
names the field, rather than sent.
"""

from __future__ import annotations

import functools
from typing import Any, List, Mapping

from ._contract import RequestChecker, component, describe, dotted, unknown_field_message
from ._errors import RequestValidationError


@functools.cache
def _checker(name: str) -> RequestChecker:
    return RequestChecker(component(name), strict=True)


def check_body(name: str, body: Mapping[str, Any], *, what: str) -> None:
    """Raise :class:`RequestValidationError` naming the first bad field of ``body``."""
    try:
        errors = _checker(name).errors(body)
    except RecursionError:
        raise RequestValidationError(f"{what}: nested too deeply", field=None, expected="a shallower value") from None
    if not errors:
        return
    first = errors[0]
    path: List[Any] = list(first.absolute_path)
    schema = first.schema if isinstance(first.schema, dict) else {}
    message = describe(first)
    if first.validator == "additionalProperties" and schema.get("additionalProperties") is False:
        text, extras = unknown_field_message(first)
        path += extras[:1]
        hint = text.partition(";")[2]
        message = f"unknown field {dotted(path)!r}" + (f";{hint}" if hint else "")
        expected = ", ".join(sorted(schema.get("properties") or {}))
    elif first.validator == "required":
        missing = first.message.split("'")[1] if "'" in first.message else ""
        path += [missing] if missing else []
        message = f"missing required field {dotted(path)!r}"
        expected = "a value"
    else:
        expected = _expected(schema) or str(first.validator)
    raise RequestValidationError(f"{what}: {message}", field=dotted(path) or None, expected=expected)


def _expected(schema: Mapping[str, Any]) -> str:
    if "enum" in schema:
        return "one of " + ", ".join(repr(v) for v in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    if "type" in schema:
        t = schema["type"]
        return " or ".join(t) if isinstance(t, list) else str(t)
    if "format" in schema:
        return f"a {schema['format']}"
    return ""


def camel(name: str) -> str:
    """``max_steps`` -> ``maxSteps``: the wire name of a keyword argument."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)
