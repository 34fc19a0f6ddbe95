"""Request fields from the command line: ``--set KEY=VALUE`` and JSON files.

Keys name a field of the request in snake_case (``max_steps``), kebab-case (``max-steps``)
or its wire name (``maxSteps``); a dotted key reaches into a nested object by its wire
names (``config.lifecycle.idleTimeoutMinutes``). A value is kept as text when the contract
says the field is a string, and read as JSON otherwise (``max_steps=5`` is the number 5,
``use_vision=auto`` stays the text ``auto``, ``variables={"q": 1}`` an object).
``KEY=@FILE`` takes the value from a file (``@-``: standard input).

Nothing here checks values: the SDK does that against the contract before sending.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from .._contract import component
from .._params import WIRE_NAMES


class FieldError(ValueError):
    """A ``--set`` or JSON file argument that cannot be read (a usage error)."""


def read_json(source: str, what: str) -> Any:
    """The JSON value in file ``source`` (``-``: standard input)."""
    text = read_text(source, what)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise FieldError(f"{what}: {source} is not JSON ({exc})") from None


def read_text(source: str, what: str) -> str:
    if source == "-":
        return sys.stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FieldError(f"{what}: cannot read {source} ({exc.__class__.__name__}: {exc})") from None


def read_object(source: str, what: str) -> Dict[str, Any]:
    value = read_json(source, what)
    if not isinstance(value, dict):
        raise FieldError(f"{what}: {source} must hold a JSON object, not {type(value).__name__}")
    return value


def python_name(key: str, typed: str) -> str:
    """The keyword argument for ``key`` (snake, kebab or wire name) among ``typed``'s fields.

    An unknown key is returned as given (the SDK refuses it with a "did you mean" hint).
    """
    names = WIRE_NAMES[typed]
    snake = key.replace("-", "_")
    if snake in names:
        return snake
    for name, wire in names.items():
        if wire == key:
            return name
    return key


def keyword_arguments(fields: Mapping[str, Any], typed: str) -> Dict[str, Any]:
    """A JSON object of request fields (wire or snake names) as the SDK's keyword arguments."""
    return {python_name(key, typed): value for key, value in fields.items()}


def apply_assignments(
    params: Dict[str, Any], assignments: Iterable[str], *, typed: str, component_name: str
) -> Dict[str, Any]:
    """``params`` with each ``KEY=VALUE`` of ``assignments`` set (later ones win)."""
    schema = component(component_name)
    for text in assignments:
        path, raw = _split(text)
        what = f"--set {'.'.join(path)}"  # never the value: it may be a secret
        head = python_name(path[0], typed)
        wire_path = [WIRE_NAMES[typed].get(head, head), *path[1:]]
        value = _value(raw, _schema_at(schema, wire_path), what)
        if len(path) == 1:
            params[head] = value
            continue
        node = params.setdefault(head, {})
        for part in path[1:-1]:
            if not isinstance(node, dict):
                break
            node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise FieldError(f"{what}: {'.'.join(path[:-1])} is already set to something other than an object")
        node[path[-1]] = value
    return params


def _split(text: str) -> Tuple[List[str], str]:
    key, sep, raw = text.partition("=")
    path = key.strip().split(".")
    if not sep or not all(path):
        shown = key.strip() if sep else "an argument without '='"
        raise FieldError(f"--set {shown}: expected KEY=VALUE (KEY may be dotted: config.stealth=high)")
    return path, raw


def _value(raw: str, schema: Optional[Mapping[str, Any]], what: str) -> Any:
    from_file = raw.startswith("@")
    if from_file:
        raw = read_text(raw[1:], what)
    if schema is not None and _is_string(schema):
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        if from_file:
            raise FieldError(f"{what}: the file is not JSON") from None
        return raw  # not JSON: sent as text, and the SDK says what it expected


def _is_string(schema: Mapping[str, Any]) -> bool:
    branches = schema.get("oneOf") or schema.get("anyOf")
    if branches:
        return all(isinstance(b, Mapping) and _is_string(b) for b in branches)
    return schema.get("type") == "string"


def _schema_at(schema: Mapping[str, Any], path: List[str]) -> Optional[Mapping[str, Any]]:
    """The schema of the field at ``path`` (wire names), or ``None`` when it is not one object's."""
    node: Optional[Mapping[str, Any]] = schema
    for part in path:
        props = node.get("properties") if node is not None else None
        if not isinstance(props, Mapping) or not isinstance(props.get(part), Mapping):
            return None
        node = props[part]
    return node
