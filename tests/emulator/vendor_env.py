"""The virtual environment that holds bctrl's own Python SDK, ``bctrl==0.1.1``.

That SDK is imported as ``bctrl`` too, so it cannot share an environment with this one; it
needs Python 3.10 or newer. ``python tests/emulator/vendor_env.py`` (``make vendor-sdk``)
creates ``.venv-vendor`` once; the interop test calls :func:`vendor_python`, which does the
same when the environment is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List, Optional

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv-vendor"
PACKAGE = "bctrl==0.1.1"
STAMP = VENV / f".installed-{PACKAGE}"
MIN_VERSION = (3, 10)


def _candidates() -> List[str]:
    found = [os.environ.get("BCTRL_VENDOR_PYTHON", ""), sys.executable]
    found += [shutil.which(f"python3.{minor}") or "" for minor in (13, 12, 11, 10)]
    found.append(shutil.which("python3") or "")
    return [c for c in found if c]


def _new_enough(python: str) -> bool:
    probe = f"import sys; print(sys.version_info >= {MIN_VERSION!r})"
    try:
        out = subprocess.run([python, "-c", probe], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return out.stdout.strip() == "True"


def base_python() -> Optional[str]:
    """An interpreter new enough for the vendor SDK, if this machine has one."""
    return next((python for python in _candidates() if _new_enough(python)), None)


def vendor_python() -> Path:
    """The vendor environment's interpreter, creating the environment if needed."""
    python = VENV / "bin" / "python"
    if STAMP.exists() and python.exists():
        return python
    base = base_python()
    if base is None:
        raise RuntimeError(f"{PACKAGE} needs Python {'.'.join(map(str, MIN_VERSION))}+; none found")
    if VENV.exists():
        shutil.rmtree(VENV)
    subprocess.run([base, "-m", "venv", str(VENV)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, PACKAGE], check=True, timeout=600)
    STAMP.touch()
    return python


if __name__ == "__main__":
    print(f"vendor SDK environment: {vendor_python()}")
