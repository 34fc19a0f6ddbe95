"""Real parameters for ``help()`` and ``inspect.signature`` of methods taking ``**params``.

A method typed ``**params: Unpack[SomeParams]`` lets type checkers see every field, but
``help()`` would show only ``**params``. :func:`fields_of` gives such a method a
``__signature__`` with each field of the TypedDict as a keyword-only parameter (its
annotation as written in ``bctrl/_params.py``), in place of ``**params``.
"""

from __future__ import annotations

import inspect
import re
from typing import Any, Callable, List, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_WRAPPER = re.compile(r"^(?:typing_extensions\.|typing\.)?(?:Required|NotRequired)\[(.*)\]$", re.S)


def _annotation(hint: Any) -> str:
    text = getattr(hint, "__forward_arg__", None) or (hint if isinstance(hint, str) else repr(hint))
    match = _WRAPPER.match(text)
    return match.group(1) if match else text


def fields_of(typed: Any) -> Callable[[F], F]:
    """Decorator: show the fields of ``typed`` (a TypedDict) as the method's keyword parameters."""

    def apply(function: F) -> F:
        signature = inspect.signature(function)
        params: List[inspect.Parameter] = []
        taken = set(signature.parameters)
        for param in signature.parameters.values():
            if param.kind is inspect.Parameter.VAR_KEYWORD:
                for name, hint in typed.__annotations__.items():
                    if name in taken:
                        continue
                    required = name in typed.__required_keys__
                    default = inspect.Parameter.empty if required else None
                    params.append(
                        inspect.Parameter(
                            name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=_annotation(hint)
                        )
                    )
                continue
            params.append(param)
        # Keyword-only parameters without a default may follow ones with a default.
        function.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        return function

    return apply
