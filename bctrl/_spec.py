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
# Values under these names are never echoed in error messages.
SECRET_FIELDS = frozenset({"sensitiveData", "apiKey", "password"})


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

    leaf = best_match(errors)
    top = leaf
    while top.parent is not None:
        top = top.parent
    error = _by_discriminator(top)
    if error is top:
        error = leaf
    elif error.validator in ("oneOf", "anyOf") and error.context:
        error = best_match(error.context)
    raise _to_request_error(error, component, what)


def _by_discriminator(error: Any) -> Any:
    """Inside a ``oneOf``, report the error of the variant the caller meant.

    That is the variant named by the discriminator when there is one, or the only
    non-null variant for a non-null value (``oneOf: [X, {type: null}]``).
    """
    from jsonschema.exceptions import relevance

    while error.validator in ("oneOf", "anyOf") and error.context:
        options = error.schema[error.validator]
        branches = [
            i for i, option in enumerate(options) if not (error.instance is not None and option == {"type": "null"})
        ]
        disc = error.schema.get("discriminator", {})
        prop = disc.get("propertyName")
        if prop and isinstance(error.instance, dict) and error.instance.get(prop) in disc.get("mapping", {}):
            chosen = disc["mapping"][error.instance[prop]]
            branches = [i for i, option in enumerate(options) if option.get("$ref") == chosen]
        if len(branches) != 1:
            break
        inner = [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] == branches[0]]
        if not inner:
            break
        error = max(inner, key=relevance)  # one level down; the loop decides the next one
    return error


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
    got = "a hidden value" if SECRET_FIELDS & {str(p) for p in error.absolute_path} else repr(error.instance)
    return RequestValidationError(
        f"{what}: {path or 'body'}: expected {expected}, got {got}",
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
