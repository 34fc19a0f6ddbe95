"""A stateful local emulator of the bctrl API.

Run it with ``python -m bctrl.emulator`` or from tests with :class:`bctrl.testing.Emulator`.
The ASGI app is :func:`create_app` (Starlette; needs the ``emulator`` extra: ``pip install "bctrl-python[emulator]"``).
"""

from __future__ import annotations

import importlib.util
import sys
from typing import TYPE_CHECKING, Any, Optional

from .._version import pip_install

_MISSING = [name for name in ("starlette", "uvicorn") if importlib.util.find_spec(name) is None]
MISSING_EXTRA: Optional[str] = None
if _MISSING:
    MISSING_EXTRA = f"the bctrl emulator needs {' and '.join(_MISSING)}: install it with {pip_install('emulator')}"
# `python -m bctrl.emulator` imports this package while sys.argv[0] is still "-m": leave the
# message to __main__, which prints it as one line instead of a traceback.
if MISSING_EXTRA and sys.argv[:1] != ["-m"]:
    raise ImportError(MISSING_EXTRA)

if TYPE_CHECKING:
    from .app import EmulatorApp, EmulatorOptions, create_app

__all__ = ["EmulatorApp", "EmulatorOptions", "create_app"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
