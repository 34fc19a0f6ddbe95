"""Invocation outputs: a plausible default per action, and a deterministic value that
satisfies a caller's ``outputSchema``."""

from __future__ import annotations

import copy
import json
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Any, List, Mapping, Optional, Tuple

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from jsonschema.validators import validator_for
from referencing.exceptions import Unresolvable

from .values import MAX_ITEMS, MAX_STRING, NoValue, ValueFinder

CACHE_SIZE = 512  # schemas whose value (or reason for having none) is remembered


class CannotGenerate(Exception):
    """No value satisfies the schema (or none the emulator can produce); ``str()`` says why."""


def validator(schema: Any) -> Any:
    """The jsonschema validator outputs are checked with: the schema's dialect (2020-12 by
    default), formats asserted."""
    cls = validator_for(schema, default=Draft202012Validator)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def output_errors(schema: Any, value: Any) -> List[str]:
    """Messages for every way ``value`` fails ``schema`` (empty when it conforms)."""
    try:
        errors = list(validator(schema).iter_errors(value))
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


_cache: OrderedDict[str, Tuple[bool, Any]] = OrderedDict()
_cache_lock = threading.Lock()
_executor: Optional[ThreadPoolExecutor] = None


def generate(schema: Any) -> Any:
    """A deterministic value satisfying ``schema``; raise :class:`CannotGenerate` naming why not.

    The same schema always gives the same value (results are remembered, so asking again
    is cheap).
    """
    try:
        key = json.dumps(schema, sort_keys=True, ensure_ascii=True)
    except (TypeError, ValueError, RecursionError):
        raise CannotGenerate("the schema cannot be read as JSON") from None
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
    if hit is None:
        hit = _find(schema)
        with _cache_lock:
            _cache[key] = hit
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    found, value = hit
    if not found:
        raise CannotGenerate(value)
    return copy.deepcopy(value)


def _find(schema: Any) -> Tuple[bool, Any]:
    try:
        checker = validator(schema)
        value = ValueFinder(schema, checker).find()
    except NoValue as exc:
        return False, str(exc)
    except RecursionError:
        return False, "the schema nests too deeply"
    except Exception as exc:  # a keyword of an odd type or size (the metaschema allows more)
        return False, f"the schema could not be applied ({type(exc).__name__})"
    return True, value


def unsatisfied(schema: Any) -> Optional[str]:
    """Why no output can be made for ``schema``, or ``None`` when one can."""
    try:
        generate(schema)
    except CannotGenerate as exc:
        return str(exc)
    return None


def executor() -> ThreadPoolExecutor:
    """The one thread outputs are generated on (off the event loop; one at a time)."""
    global _executor
    with _cache_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bctrl-emulator-outputs")
        return _executor


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


__all__ = [
    "MAX_ITEMS",
    "MAX_STRING",
    "CannotGenerate",
    "default_output",
    "executor",
    "generate",
    "output_errors",
    "unsatisfied",
]
