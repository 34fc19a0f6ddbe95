"""A stateful local emulator of the bctrl API.

Run it with ``python -m bctrl.emulator`` or from tests with :class:`bctrl.testing.Emulator`.
The ASGI app is :func:`create_app` (Starlette; needs the ``bctrl[emulator]`` extra).
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING, Any

_MISSING = [name for name in ("starlette", "uvicorn") if importlib.util.find_spec(name) is None]
if _MISSING:
    raise ImportError(
        f'the bctrl emulator needs {" and ".join(_MISSING)}: install it with pip install "bctrl[emulator]"'
    )

if TYPE_CHECKING:
    from .app import EmulatorApp, EmulatorOptions, create_app

__all__ = ["EmulatorApp", "EmulatorOptions", "create_app"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
