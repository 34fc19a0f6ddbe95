"""Type-check code as a user's project would: against the wheel, installed, with ``mypy --strict``.

The wheel is built once per session and unpacked into a folder that mypy sees as
installed packages (through ``PYTHONPATH``), so a package without ``py.typed`` is
"installed, but missing library stubs" there, exactly as in a user's environment.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Dict, List, Tuple

from mypy import api

ROOT = Path(__file__).resolve().parent.parent


def build_site(folder: Path) -> Path:
    """Build the wheel from this checkout and unpack it into ``folder/site``."""
    wheels = folder / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(ROOT), "-w", str(wheels)],
        check=True,
        capture_output=True,
        cwd=folder,
    )
    (wheel,) = wheels.glob("bctrl_python-*.whl")
    site = folder / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def run_mypy(modules: Dict[str, str], site: Path, folder: Path) -> Dict[str, str]:
    """``mypy --strict`` on user modules (name -> code), in one run, with the wheel installed.

    Returns each module's lines of mypy output (``user_code.py:LINE: ...`` form).
    """
    paths = []
    for name, code in modules.items():
        path = folder / f"{name}.py"
        path.write_text(code)
        paths.append(str(path))
    env_before = {k: os.environ.get(k) for k in ("PYTHONPATH", "MYPYPATH")}
    os.environ["PYTHONPATH"] = str(site)
    os.environ.pop("MYPYPATH", None)
    try:
        out, err, _status = api.run(
            ["--strict", "--no-incremental", "--cache-dir", os.devnull, "--python-version", "3.11", *paths]
        )
    finally:
        for key, value in env_before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    if err.strip():
        raise RuntimeError(f"mypy failed: {err}")
    per_module: Dict[str, str] = {name: "" for name in modules}
    for line in out.splitlines():
        for name in modules:
            marker = os.sep + name + ".py:"
            if marker in line:
                text = line.split(marker, 1)[1].replace(f"{name}.", "user_code.")
                per_module[name] += "user_code.py:" + text + "\n"
    if "user_code.py:" not in "".join(per_module.values()) and out.strip():
        raise RuntimeError(f"mypy did not check the user modules: {out}")
    return per_module


def reveals(output: str) -> Dict[int, str]:
    """Line number -> revealed type."""
    found = {}
    for line in output.splitlines():
        match = re.match(r"user_code\.py:(\d+): note: Revealed type is \"(.*)\"$", line)
        if match:
            found[int(match.group(1))] = match.group(2)
    return found


def errors(output: str) -> Dict[int, List[str]]:
    """Line number -> error messages."""
    found: Dict[int, List[str]] = {}
    for line in output.splitlines():
        match = re.match(r"user_code\.py:(\d+): error: (.*)$", line)
        if match:
            found.setdefault(int(match.group(1)), []).append(match.group(2))
    return found


def expectations(code: str) -> Tuple[Dict[int, str], Dict[int, str]]:
    """``# reveal: T`` and ``# error: text`` markers of ``code``, by line."""
    expected_reveals, expected_errors = {}, {}
    for number, line in enumerate(code.splitlines(), start=1):
        if "# reveal: " in line:
            expected_reveals[number] = line.split("# reveal: ", 1)[1].strip()
        if "# error: " in line:
            expected_errors[number] = line.split("# error: ", 1)[1].strip()
    return expected_reveals, expected_errors
