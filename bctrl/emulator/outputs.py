"""Invocation outputs: a plausible default per action, and a deterministic value that
satisfies a caller's ``outputSchema``."""

from __future__ import annotations

import math
from typing import Any, Dict, List, Mapping, Optional

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from jsonschema.validators import validator_for
from referencing.exceptions import Unresolvable

MAX_DEPTH = 12
# Bounds on a generated value: the generator runs on the emulator's event loop, and an
# ``outputSchema`` may ask for anything (``minItems: 10**12``, ``$ref`` fan-out).
MAX_ITEMS = 1000  # items of one array, properties of one object
MAX_STRING = 1000  # characters of one string
MAX_NODES = 10_000  # schema nodes visited for one value
MAX_MAGNITUDE = 1e15  # |number| the generator will produce (exact as a double)
FIXED_UUID = "00000000-0000-4000-8000-000000000000"
FIXED_DATE = "2024-01-01"
FIXED_DATE_TIME = "2024-01-01T00:00:00Z"

STRING_FORMATS: Dict[str, str] = {
    "date": FIXED_DATE,
    "date-time": FIXED_DATE_TIME,
    "time": "00:00:00Z",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "uri-reference": "https://example.com/",
    "iri": "https://example.com/",
    "uuid": FIXED_UUID,
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
}


class CannotGenerate(Exception):
    """The schema uses something the generator does not handle."""


def output_errors(schema: Any, value: Any) -> List[str]:
    """Messages for every way ``value`` fails ``schema`` (empty when it conforms)."""
    try:
        cls = validator_for(schema, default=Draft202012Validator)
        errors = list(cls(schema).iter_errors(value))
    except Unresolvable as exc:
        return [f"unresolvable reference: {str(exc)[:200]}"]
    except RecursionError:
        return ["the schema nests too deeply to be applied"]
    except Exception as exc:  # the schema cannot be applied (bad $id, odd keyword values)
        return [f"the schema could not be applied: {type(exc).__name__}"]
    return [_short(error) for error in errors[:10]]


def _short(error: ValidationError) -> str:
    where = "/".join(str(p) for p in error.absolute_path)
    return f"{where or '(root)'}: {error.message[:200]}"


def generate(schema: Any) -> Any:
    """A deterministic value satisfying ``schema``; raise :class:`CannotGenerate` otherwise."""
    root = schema if isinstance(schema, dict) else {}
    try:
        value = _gen(schema, root, 0, "value", _Budget())
    except CannotGenerate:
        raise
    except RecursionError:
        raise CannotGenerate("schema nests too deeply") from None
    except (ArithmeticError, ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        # A keyword of an odd type or size (the metaschema allows more than we handle).
        raise CannotGenerate(f"cannot generate a value ({type(exc).__name__})") from None
    if output_errors(schema, value):
        raise CannotGenerate("generated value does not satisfy the schema")
    return value


class _Budget:
    """Counts schema nodes visited while generating one value."""

    def __init__(self) -> None:
        self.nodes = 0

    def spend(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise CannotGenerate("schema expands to too large a value")


def _size(schema: Mapping[str, Any], key: str, default: int) -> int:
    """A size keyword (``minItems`` ...), refusing one beyond :data:`MAX_ITEMS`."""
    value = schema.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    if not value <= MAX_ITEMS:  # also NaN
        raise CannotGenerate(f"{key} {value!r:.40} is larger than the generator supports ({MAX_ITEMS})")
    return int(value)


def _resolve(ref: str, root: Mapping[str, Any]) -> Any:
    if not ref.startswith("#"):
        raise CannotGenerate(f"cannot resolve non-local $ref {ref}")
    target: Any = root
    for part in ref[1:].split("/"):
        if not part:
            continue
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(target, dict) and part in target:
            target = target[part]
        elif isinstance(target, list) and part.isdigit() and int(part) < len(target):
            target = target[int(part)]
        else:
            raise CannotGenerate(f"cannot resolve $ref {ref}")
    return target


def _pick_type(schema: Mapping[str, Any]) -> Optional[str]:
    kind = schema.get("type")
    if isinstance(kind, list):
        non_null = [k for k in kind if k != "null"]
        return str(non_null[0]) if non_null else "null"
    if isinstance(kind, str):
        return kind
    if "properties" in schema or "required" in schema:
        return "object"
    if "items" in schema:
        return "array"
    return None


def _gen(schema: Any, root: Mapping[str, Any], depth: int, name: str, budget: _Budget) -> Any:
    if depth > MAX_DEPTH:
        raise CannotGenerate("schema nests too deeply")
    budget.spend()
    if schema is True or schema == {}:
        return f"example {name}"
    if not isinstance(schema, dict):
        raise CannotGenerate("unsupported schema")
    if "$ref" in schema:
        merged = dict(_resolve(str(schema["$ref"]), root))
        merged.update({k: v for k, v in schema.items() if k != "$ref"})
        return _gen(merged, root, depth + 1, name, budget)
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    if "examples" in schema and isinstance(schema["examples"], list) and schema["examples"]:
        candidate = schema["examples"][0]
        if not output_errors({**schema, "$defs": root.get("$defs", {})}, candidate):
            return candidate
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if isinstance(options, list) and options:
            return _gen(options[0], root, depth + 1, name, budget)
    if isinstance(schema.get("allOf"), list):
        merged = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema["allOf"]:
            part = _resolve(str(part["$ref"]), root) if "$ref" in part else part
            for k, v in part.items():
                if k == "properties":
                    merged.setdefault("properties", {}).update(v)
                elif k == "required":
                    merged["required"] = [*merged.get("required", []), *v]
                else:
                    merged.setdefault(k, v)
        return _gen(merged, root, depth + 1, name, budget)
    kind = _pick_type(schema)
    if kind == "object":
        return _object(schema, root, depth, budget)
    if kind == "array":
        return _array(schema, root, depth, name, budget)
    if kind == "string":
        return _string(schema, name)
    if kind == "integer":
        return int(_number(schema, integer=True))
    if kind == "number":
        return _number(schema, integer=False)
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    return f"example {name}"


def _object(schema: Mapping[str, Any], root: Mapping[str, Any], depth: int, budget: _Budget) -> Dict[str, Any]:
    props = schema.get("properties") or {}
    required = [str(r) for r in schema.get("required") or []]
    out: Dict[str, Any] = {}
    for key, sub in props.items():
        out[key] = _gen(sub, root, depth + 1, key, budget)
    for key in required:
        if key not in out:
            extra = schema.get("additionalProperties")
            sub = extra if isinstance(extra, dict) else {}
            out[key] = _gen(sub, root, depth + 1, key, budget)
    min_props = _size(schema, "minProperties", 0)
    index = 0
    while len(out) < min_props:
        extra = schema.get("additionalProperties")
        sub = extra if isinstance(extra, dict) else {}
        out[f"key{index}"] = _gen(sub, root, depth + 1, f"key{index}", budget)
        index += 1
    return out


def _array(schema: Mapping[str, Any], root: Mapping[str, Any], depth: int, name: str, budget: _Budget) -> List[Any]:
    prefix = schema.get("prefixItems")
    items = schema.get("items", {})
    out: List[Any] = []
    if isinstance(prefix, list):
        out = [_gen(sub, root, depth + 1, name, budget) for sub in prefix]
    count = max(_size(schema, "minItems", 1), len(out))
    max_items = schema.get("maxItems")
    if isinstance(max_items, (int, float)) and not isinstance(max_items, bool) and max_items < count:
        count = int(max_items)
    index = len(out)
    while len(out) < count:
        value = _gen(items if items is not False else {}, root, depth + 1, f"{name} {index + 1}", budget)
        if schema.get("uniqueItems") and value in out:
            if isinstance(value, str):
                value = f"{value} {index + 1}"
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                value = value + index
        out.append(value)
        index += 1
    return out


def _string(schema: Mapping[str, Any], name: str) -> str:
    fmt = schema.get("format")
    if isinstance(fmt, str) and fmt in STRING_FORMATS:
        return STRING_FORMATS[fmt]
    if "pattern" in schema:
        raise CannotGenerate("string patterns are not supported")
    text = f"example {name}"
    min_len = schema.get("minLength")
    max_len = schema.get("maxLength")
    if isinstance(min_len, (int, float)) and not isinstance(min_len, bool):
        if not min_len <= MAX_STRING:  # also NaN
            raise CannotGenerate(f"minLength {min_len!r:.40} is larger than the generator supports ({MAX_STRING})")
        if len(text) < min_len:
            text = text + "x" * (int(min_len) - len(text))
    if isinstance(max_len, (int, float)) and not isinstance(max_len, bool) and len(text) > max_len:
        text = text[: max(int(max_len), 0)]
    return text


def _number(schema: Mapping[str, Any], *, integer: bool) -> float:
    for key in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf"):
        bound = schema.get(key)
        if isinstance(bound, (int, float)) and not isinstance(bound, bool) and not abs(bound) <= MAX_MAGNITUDE:
            raise CannotGenerate(f"{key} {bound!r:.40} is beyond the numbers the generator supports")
    low = schema.get("minimum")
    ex_low = schema.get("exclusiveMinimum")
    high = schema.get("maximum")
    ex_high = schema.get("exclusiveMaximum")
    step = 1 if integer else 0.5
    value: float = 1 if integer else 1.5
    if isinstance(low, (int, float)):
        value = max(value, low)
    if isinstance(ex_low, (int, float)) and not isinstance(ex_low, bool) and value <= ex_low:
        value = ex_low + step
    if isinstance(high, (int, float)):
        value = min(value, high)
    if isinstance(ex_high, (int, float)) and not isinstance(ex_high, bool) and value >= ex_high:
        value = ex_high - step
    multiple = schema.get("multipleOf")
    if isinstance(multiple, (int, float)) and multiple > 0:
        value = multiple * max(1, round(value / multiple))
    if not math.isfinite(value):
        raise CannotGenerate("cannot generate a finite number for the schema")
    if integer:
        return int(value)
    return float(value)


def default_output(action: str, request: Mapping[str, Any]) -> Any:
    """A plausible output for an action when the caller gave no ``outputSchema``."""
    instruction = str(request.get("instruction") or "")
    if action == "act":
        return {
            "success": True,
            "message": f"Action completed: {instruction}" if instruction else "Action completed.",
            "action": instruction,
        }
    if action == "observe":
        return [
            {
                "selector": "xpath=/html/body/main/button[1]",
                "description": f"Element matching: {instruction}" if instruction else "Button",
                "method": "click",
                "arguments": [],
            }
        ]
    if action == "extract":
        return {"extraction": f"Extracted content for: {instruction}" if instruction else ""}
    if action == "browserUse":
        steps = min(int(request.get("maxSteps") or 3), 3)
        return {
            "finalResult": f"Task completed: {instruction}",
            "isDone": True,
            "success": True,
            "steps": steps,
            "urls": ["https://example.com/"],
        }
    if action == "stagehandAgent":
        steps = min(int(request.get("maxSteps") or 3), 3)
        return {
            "success": True,
            "completed": True,
            "message": f"Task completed: {instruction}",
            "steps": steps,
            "actions": [{"type": "act", "instruction": instruction, "success": True}],
        }
    if action == "solveCaptcha":
        return {"solved": True, "captchaType": "recaptcha_v2", "attempts": 1}
    return None


__all__ = ["CannotGenerate", "default_output", "generate", "output_errors"]
