"""Output schemas: what ``schema=`` accepts, what is sent as ``outputSchema``, and how the
returned ``output`` is checked and parsed.

``schema=`` may be a JSON Schema dict, or a Python type when the ``pydantic`` extra is installed
(``pip install "bctrl-python[pydantic]"``): a pydantic model, a dataclass, a TypedDict, or anything else
:class:`pydantic.TypeAdapter` understands (``list[Invoice]``, ``Optional[Line]``...).
:func:`resolve_output_schema` turns it into an :class:`OutputSchema` once; the result is
cached, so passing the same type or dict on every call costs a dictionary lookup.

The schema that is sent (``OutputSchema.wire``) is also the one the output is validated
against, so the SDK and the server agree on what "valid" means. Neither pydantic nor
jsonschema is imported until a schema is actually resolved.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import json
import re
import threading
import typing
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Tuple, Type

import attrs

from ._errors import OutputValidationError, OutputValidationIssue, RequestValidationError
from ._version import pip_install

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

__all__ = ["OutputSchema", "output_error", "resolve_output_schema"]

_EXPECTED = "a JSON Schema object (dict), or a type such as a pydantic model, dataclass or TypedDict"
_PYDANTIC_HINT = f"pass a JSON Schema dict, or `{pip_install('pydantic')}` to pass a type"
_CACHE_SIZE = 256
_MESSAGE_ISSUES = 10
"""How many issues an :class:`OutputValidationError` message spells out."""

_PathElem = typing.Union[str, int]
_INF = float("inf")


@attrs.frozen(eq=False)
class OutputSchema:
    """A resolved output schema: the JSON Schema to send and how to check the answer.

    ``wire`` is the JSON Schema sent as ``outputSchema`` (a plain, JSON-serialisable dict
    shared by every user of this schema: treat it as read-only). ``python_type`` is the
    type that was given, or ``None`` for a dict schema.
    """

    wire: Mapping[str, Any]
    python_type: Optional[Any]
    _validator: Validator = attrs.field(repr=False, alias="validator")
    _adapter: Any = attrs.field(default=None, repr=False, alias="adapter")

    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]:
        # Pickled as what it was made from (the validator holds closures): an invocation that
        # remembers its schema pickles, and resolves it again (cached) when unpickled.
        return resolve_output_schema, (self.python_type if self.python_type is not None else dict(self.wire),)

    def issues(self, output: object) -> List[OutputValidationIssue]:
        """Every place where ``output`` does not match ``wire``, sorted by path.

        An empty list means the output is valid.
        """
        found: Dict[Tuple[Tuple[_PathElem, ...], str], None] = {}
        try:
            for error in self._validator.iter_errors(typing.cast(Any, output)):
                for path, message in _explain(error):
                    found[(path, message)] = None
        except (re.error, RecursionError) as exc:  # a schema the metaschema allows but cannot be applied
            found[((), f"the schema cannot be applied: {exc}")] = None
        ordered = sorted(found, key=lambda item: (_path_key(item[0]), item[1]))
        return [OutputValidationIssue(_format_path(path), message) for path, message in ordered]

    def parse(self, output: object) -> Any:
        """The output as the caller asked for it.

        For a type, a validated instance of it (a model or dataclass instance, a dict for
        a TypedDict, a list for ``list[...]``); for a dict schema, ``output`` itself.
        Call it after :meth:`issues` returned ``[]``. Raises :class:`OutputValidationError`
        if the type's own validation (custom validators, constraints JSON Schema cannot
        express) still rejects the output.
        """
        if self._adapter is None:
            return output
        from pydantic import ValidationError as PydanticValidationError

        try:
            return self._adapter.validate_python(output)
        except PydanticValidationError as exc:
            found = sorted((_path_key(err["loc"]), tuple(err["loc"]), str(err["msg"])) for err in exc.errors())
            issues = [OutputValidationIssue(_format_path(loc), msg) for _, loc, msg in found]
            raise OutputValidationError(_issues_message(issues), issues=issues) from exc


def resolve_output_schema(schema: object, *, field: str = "schema") -> OutputSchema:
    """Turn a ``schema=`` argument into an :class:`OutputSchema`.

    ``schema`` is a JSON Schema dict or a type (see the module documentation). The JSON
    Schema is checked against its metaschema before anything is sent; a top-level
    ``$schema`` selects the dialect (2020-12 by default) and is not sent. Raises
    :class:`RequestValidationError` naming ``field`` for anything that cannot be used.
    """
    if isinstance(schema, Mapping):
        return _resolve_dict(schema, field)
    if _is_type(schema):
        try:
            hash(schema)
        except TypeError:
            return _build_for_type(schema, field)
        return _resolve_type(schema, field)
    raise RequestValidationError(
        f"{field} must be {_EXPECTED}; got {_describe(schema)}",
        field=field,
        expected=_EXPECTED,
    )


def output_error(schema: OutputSchema, output: object) -> Optional[OutputValidationError]:
    """An :class:`OutputValidationError` listing every issue of ``output``, or ``None``.

    The error carries no invocation; the caller attaches it (``err.invocation = inv``).
    """
    issues = schema.issues(output)
    if not issues:
        return None
    return OutputValidationError(_issues_message(issues), issues=issues)


# --- resolving ----------------------------------------------------------------


def _is_type(value: object) -> bool:
    if isinstance(value, type):
        return True
    # Generic aliases and special forms: list[X], Optional[X], Union[A, B], Annotated[...].
    return typing.get_origin(value) is not None


def _describe(value: object) -> str:
    if value is None:
        return "None"
    cls = type(value)
    if dataclasses.is_dataclass(value) or hasattr(cls, "model_json_schema"):
        return f"an instance of {cls.__name__}; pass the class itself"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{cls.__name__} {text}"


class _LRU:
    """A small thread-safe LRU map of resolved schemas."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Any, OutputSchema] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Optional[OutputSchema]:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Any, value: OutputSchema) -> OutputSchema:
        with self._lock:
            # A concurrent resolve of the same schema may have won; keep the first one.
            value = self._items.setdefault(key, value)
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
            return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_dict_cache = _LRU(_CACHE_SIZE)
"""Dict schemas, keyed by their JSON text."""
_type_cache = _LRU(_CACHE_SIZE)
"""Types, keyed by the type object itself."""


def _resolve_dict(schema: Mapping[Any, Any], field: str) -> OutputSchema:
    try:
        # Key order is kept: property order in the sent schema can matter to the server.
        key = json.dumps(schema, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError):
        key = None
    if key is not None:
        cached = _dict_cache.get(key)
        if cached is not None:
            return cached
    wire = _to_json(schema, field)
    resolved = _build(wire, python_type=None, adapter=None, field=field)
    return resolved if key is None else _dict_cache.put(key, resolved)


def _to_json(value: object, path: str) -> Any:
    """A deep, JSON-only copy of ``value`` (dicts with str keys, lists, scalars)."""
    if isinstance(value, Mapping):
        out: Dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str) or not _utf8(key):
                raise RequestValidationError(
                    f"{path}: keys must be strings (UTF-8); got {key!r}",
                    field=path,
                    expected="a JSON object",
                )
            out[key] = _to_json(item, f"{path}.{key}")
        return out
    if isinstance(value, (list, tuple)):
        return [_to_json(item, f"{path}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, float) and (value != value or value in (_INF, -_INF)):
        raise RequestValidationError(f"{path}: {value!r} is not a JSON number", field=path, expected="a JSON value")
    if isinstance(value, str) and not _utf8(value):
        raise RequestValidationError(f"{path}: not encodable as UTF-8 (lone surrogate)", field=path, expected="UTF-8")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise RequestValidationError(
        f"{path}: {type(value).__name__} is not a JSON value",
        field=path,
        expected="a JSON value (dict, list, str, number, bool or None)",
    )


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _resolve_type(tp: Any, field: str) -> OutputSchema:
    cached = _type_cache.get(tp)
    if cached is not None:
        return cached
    return _type_cache.put(tp, _build_for_type(tp, field))


def _build_for_type(tp: Any, field: str) -> OutputSchema:
    try:
        import pydantic
    except ImportError:
        raise RequestValidationError(
            f"{field}: a type needs pydantic to become a JSON Schema; {_PYDANTIC_HINT}",
            field=field,
            expected="a JSON Schema dict",
        ) from None
    try:
        adapter: Any = pydantic.TypeAdapter(tp)
        generated = adapter.json_schema()
    except (pydantic.PydanticUserError, pydantic.PydanticUndefinedAnnotation, TypeError) as exc:
        raise RequestValidationError(
            f"{field}: cannot build a JSON Schema from {tp!r}: {exc}",
            field=field,
            expected=_EXPECTED,
        ) from exc
    if not isinstance(generated, Mapping):
        raise RequestValidationError(
            f"{field}: the JSON Schema of {tp!r} is not an object",
            field=field,
            expected="a type whose JSON Schema is an object",
        )
    return _build(_to_json(generated, field), python_type=tp, adapter=adapter, field=field)


def _build(wire: Dict[str, Any], *, python_type: Optional[Any], adapter: Any, field: str) -> OutputSchema:
    """Check ``wire`` and make its validator. ``wire`` is a fresh JSON-only dict."""
    from referencing import Registry

    validator_class = _validator_class(wire.get("$schema"))
    wire.pop("$schema", None)
    _check_schema(wire, validator_class, field)
    _check_refs(wire, validator_class, field)
    validator = validator_class(
        wire,
        registry=Registry(),  # metaschemas only; no remote retrieval
        format_checker=validator_class.FORMAT_CHECKER,
    )
    return OutputSchema(wire=wire, python_type=python_type, validator=validator, adapter=adapter)


@functools.cache
def _dialects() -> Dict[str, Type[Validator]]:
    from jsonschema import validators

    known: Dict[str, Type[Validator]] = {}
    for cls in (
        validators.Draft4Validator,
        validators.Draft6Validator,
        validators.Draft7Validator,
        validators.Draft201909Validator,
        validators.Draft202012Validator,
    ):
        uri = cls.META_SCHEMA.get("$id") or cls.META_SCHEMA.get("id")
        if isinstance(uri, str):
            known[_normalise_uri(uri)] = cls
    return known


def _normalise_uri(uri: str) -> str:
    uri = uri.rstrip("#")
    return "https://" + uri[len("http://") :] if uri.startswith("http://") else uri


def _validator_class(dialect: object) -> Type[Validator]:
    """The validator class for a ``$schema`` value; 2020-12 when absent or unknown."""
    from jsonschema.validators import Draft202012Validator

    if isinstance(dialect, str):
        return _dialects().get(_normalise_uri(dialect), Draft202012Validator)
    return Draft202012Validator


@functools.cache
def _metaschema_validator(cls: Type[Validator]) -> Validator:
    from jsonschema.validators import validator_for

    meta_class = validator_for(cls.META_SCHEMA, default=cls)
    # The format checker catches what the server would refuse too, e.g. a `pattern` that is no regex.
    return meta_class(cls.META_SCHEMA, format_checker=meta_class.FORMAT_CHECKER)


def _check_schema(wire: Dict[str, Any], cls: Type[Validator], field: str) -> None:
    errors = sorted(
        _metaschema_validator(cls).iter_errors(wire),
        key=lambda e: (_path_key(tuple(e.absolute_path)), e.message),
    )
    if not errors:
        return
    problems = "; ".join(f"{_schema_path(field, tuple(e.absolute_path))}: {e.message}" for e in errors)
    first = _schema_path(field, tuple(errors[0].absolute_path))
    raise RequestValidationError(
        f"{field} is not a valid JSON Schema: {problems}",
        field=first,
        expected="a valid JSON Schema",
    )


def _check_refs(wire: Dict[str, Any], cls: Type[Validator], field: str) -> None:
    """Every ``$ref`` must resolve inside the schema itself (or to a metaschema)."""
    from referencing.exceptions import Unresolvable
    from referencing.jsonschema import DRAFT202012, specification_with

    uri = cls.META_SCHEMA.get("$id") or cls.META_SCHEMA.get("id") or ""
    specification = specification_with(str(uri), default=DRAFT202012)
    root = specification.create_resource(wire)
    # The metaschemas, so a $ref to one of them resolves as it does when validating.
    metaschemas: Any = importlib.import_module("jsonschema_specifications").REGISTRY
    resolver = metaschemas.resolver_with_root(root)
    bad: List[str] = []

    def walk(contents: Any, resolver: Any, depth: int) -> None:
        if not isinstance(contents, Mapping) or depth > 200:
            return
        ref = contents.get("$ref")
        if isinstance(ref, str):
            try:
                resolver.lookup(ref)
            except (Unresolvable, ValueError):  # ValueError: a reference that is not a URI
                bad.append(ref)
        for sub in specification.subresources_of(contents):
            if isinstance(sub, Mapping):
                resource = specification.create_resource(sub)
                walk(sub, resolver.in_subresource(resource), depth + 1)

    walk(wire, resolver, 0)
    if bad:
        refs = ", ".join(repr(r) for r in dict.fromkeys(bad))
        raise RequestValidationError(
            f"{field} is not a valid JSON Schema: $ref {refs} cannot be resolved "
            "(references must point inside the schema, e.g. '#/$defs/Name')",
            field=field,
            expected="a JSON Schema whose $ref targets exist",
        )


def _clear_caches() -> None:
    """Forget every resolved schema (for tests)."""
    _type_cache.clear()
    _dict_cache.clear()


# --- issues -------------------------------------------------------------------

_COMBINATORS = ("anyOf", "oneOf")
_KIND_KEYWORDS = ("type", "const", "enum")


def _explain(error: ValidationError) -> Iterable[Tuple[Tuple[_PathElem, ...], str]]:
    """(path, message) pairs for one error, looking inside anyOf/oneOf when it helps."""
    path = tuple(error.absolute_path)
    if error.validator not in _COMBINATORS or not error.context:
        yield path, error.message
        return
    branches: Dict[Any, List[ValidationError]] = {}
    for sub in error.context:
        branch = sub.relative_schema_path[0] if sub.relative_schema_path else None
        branches.setdefault(branch, []).append(sub)

    def wrong_kind(errors: List[ValidationError]) -> bool:
        return any(e.validator in _KIND_KEYWORDS and not e.relative_path for e in errors)

    def score(item: Tuple[Any, List[ValidationError]]) -> Tuple[bool, bool, int]:
        errors = item[1]
        discriminator = any(e.validator in ("const", "enum") and len(e.relative_path) == 1 for e in errors)
        return (wrong_kind(errors), discriminator, len(errors))

    candidates = sorted(branches.items(), key=score)
    best_branch = candidates[0][1]
    if wrong_kind(best_branch):
        # The value fits no branch at all: say which kinds were expected.
        types = _expected_types(error.context)
        if types is not None and all(
            e.validator == "type" and not e.relative_path for errors in branches.values() for e in errors
        ):
            yield path, f"{error.instance!r} is not of type {types}"
        else:
            reasons = "; ".join(dict.fromkeys(e.message for e in error.context if not e.relative_path))
            yield path, f"{error.message} ({reasons})" if reasons else error.message
        return
    if score(candidates[0])[1]:
        # Every branch rejects a tag-like property (a discriminator): name the choices.
        tags = [
            e
            for errors in branches.values()
            for e in errors
            if e.validator in ("const", "enum") and len(e.relative_path) == 1
        ]
        keys = {e.relative_path[0] for e in tags}
        if len(keys) == 1:
            choices: List[Any] = []
            for e in tags:
                value: Any = e.validator_value
                values = value if e.validator == "enum" else [value]
                choices.extend(v for v in values if v not in choices)
            key = keys.pop()
            yield (*path, key), f"{tags[0].instance!r} is not one of {choices!r}"
            return
    for sub in best_branch:
        yield from _explain(sub)


def _expected_types(errors: Iterable[ValidationError]) -> Optional[str]:
    names: Dict[str, None] = {}
    for e in errors:
        value = e.validator_value
        for name in value if isinstance(value, list) else [value]:
            if not isinstance(name, str):
                return None
            names[name] = None
    return ", ".join(repr(n) for n in names) if names else None


# --- paths and messages -------------------------------------------------------

_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def _format_path(path: Iterable[Any]) -> str:
    """``$``, ``$.a``, ``$.lines[0].total``, ``$['odd key']``."""
    parts = ["$"]
    for elem in path:
        if isinstance(elem, int) and not isinstance(elem, bool):
            parts.append(f"[{elem}]")
        elif isinstance(elem, str) and _IDENTIFIER.match(elem):
            parts.append(f".{elem}")
        else:
            parts.append(f"[{json.dumps(str(elem))}]")
    return "".join(parts)


def _schema_path(field: str, path: Tuple[_PathElem, ...]) -> str:
    text = field
    for elem in path:
        text += f"[{elem}]" if isinstance(elem, int) else f".{elem}"
    return text


def _path_key(path: Iterable[Any]) -> Tuple[Tuple[int, Any], ...]:
    return tuple((0, e) if isinstance(e, int) else (1, str(e)) for e in path)


def _issues_message(issues: List[OutputValidationIssue]) -> str:
    count = len(issues)
    shown = "; ".join(f"{i.path}: {i.message}" for i in issues[:_MESSAGE_ISSUES])
    if count > _MESSAGE_ISSUES:
        shown += f"; and {count - _MESSAGE_ISSUES} more"
    noun = "problem" if count == 1 else "problems"
    return f"output does not match the schema: {count} {noun}: {shown}"
