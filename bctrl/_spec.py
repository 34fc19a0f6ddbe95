"""Request bodies checked against the merged OpenAPI spec before they are sent.

The spec packaged with the SDK (``spec/openapi.yaml`` as JSON) is the one source of what a
request may contain. :func:`check_body` validates a wire body against a component schema
in *strict* mode: an object schema that lists its ``properties`` accepts no other key, so
a misspelt ``maxStep`` is caught here rather than ignored by the server.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping

from ._errors import RequestValidationError

SPEC_PATH = Path(__file__).parent / "emulator" / "openapi.json"
_REF = "#/components/schemas/"


@functools.lru_cache(maxsize=1)
def spec() -> Dict[str, Any]:
    """The merged OpenAPI document."""
    with SPEC_PATH.open(encoding="utf-8") as f:
        doc: Dict[str, Any] = json.load(f)
    return doc


def strict_schemas(schemas: Mapping[str, Any]) -> Dict[str, Any]:
    """A copy of the component schemas where listed properties are the only ones allowed."""
    out = copy.deepcopy(dict(schemas))

    def close(node: Any) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            # An empty ``properties`` (metadata, sensitiveData, …) marks a free-form map.
            if isinstance(props, dict) and props and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(out)
    return out


@functools.cache
def _validator(component: str) -> Any:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = strict_schemas(spec()["components"]["schemas"])
    root = {"components": {"schemas": schemas}}
    registry: Registry[Any] = Registry().with_resource(
        "urn:bctrl", Resource.from_contents(root, default_specification=_dialect())
    )
    return Draft202012Validator({"$ref": f"urn:bctrl{_REF}{component}"}, registry=registry)


def _dialect() -> Any:
    from referencing.jsonschema import DRAFT202012

    return DRAFT202012


def properties_of(component: str) -> List[str]:
    """The wire property names of an object component."""
    return list(spec()["components"]["schemas"][component].get("properties", {}))


def check_body(component: str, body: Mapping[str, Any], *, what: str) -> None:
    """Raise :class:`RequestValidationError` naming the first bad field of ``body``."""
    errors = list(_validator(component).iter_errors(body))
    if not errors:
        return
    from jsonschema.exceptions import best_match

    error = best_match(errors)
    raise _to_request_error(error, component, what)


def _field(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _to_request_error(error: Any, component: str, what: str) -> RequestValidationError:
    path = _field(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))
        name = unknown[0] if unknown else "?"
        full = f"{path}.{name}" if path else name
        import difflib

        guess = difflib.get_close_matches(_camel(name), allowed, n=1) or difflib.get_close_matches(name, allowed, n=1)
        hint = f"; did you mean {guess[0]!r}?" if guess else f"; expected one of {', '.join(allowed)}"
        return RequestValidationError(f"{what}: unknown field {full!r}{hint}", field=full, expected=", ".join(allowed))
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        full = f"{path}.{missing}" if path else missing
        return RequestValidationError(f"{what}: missing required field {full!r}", field=full, expected="a value")
    expected = _expected(error)
    return RequestValidationError(
        f"{what}: {path or 'body'}: expected {expected}, got {error.instance!r}",
        field=path or None,
        expected=expected,
    )


def _expected(error: Any) -> str:
    schema = error.schema
    if "enum" in schema:
        return "one of " + ", ".join(repr(v) for v in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    if "type" in schema:
        t = schema["type"]
        return " or ".join(t) if isinstance(t, list) else str(t)
    if "format" in schema:
        return f"a {schema['format']}"
    if "oneOf" in schema or "anyOf" in schema:
        return "a value matching one of the documented forms"
    return str(error.message)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def camel(name: str) -> str:
    """``max_steps`` -> ``maxSteps``: the wire name of a keyword argument."""
    return _camel(name)
