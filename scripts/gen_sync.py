"""Generate the sync resource namespaces from the async ones (httpcore's approach).

``bctrl/_async/resources.py`` is the one source; ``bctrl/_sync/resources.py`` is written
from it by the `unasync` package (``async``/``await`` dropped, ``__aiter__`` -> ``__iter__``,
``AsyncIterator`` -> ``Iterator``, ...), with ``AsyncX`` names becoming ``X``
(``AsyncTransport`` becomes ``SyncTransport``), then formatted with ruff. The two
``_io.py`` modules beside them hold the few things that differ by hand (sleeping, calling
``on_update``). Run by ``scripts/generate.py``; ``make check-generated`` fails when the
committed sync file differs from a fresh generation.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "bctrl" / "_async" / "resources.py"
TARGET = ROOT / "bctrl" / "_sync" / "resources.py"

RENAMES = {
    "AsyncTransport": "SyncTransport",
    "AsyncBctrl": "Bctrl",
    "AsyncWaits": "SyncWaits",
    "_async_schedule": "_sync_schedule",
    "_astop_on_exit": "_stop_on_exit",
}
HEADER = '''"""The resource namespaces of :class:`~bctrl.Bctrl`.

Generated from ``bctrl/_async/resources.py`` by ``scripts/gen_sync.py``: do not edit by
hand; edit the async source and run ``make generate``.
"""
'''


def names(source: str) -> Dict[str, str]:
    """Every ``AsyncX`` name of the source -> its sync name."""
    found = set(re.findall(r"\bAsync[A-Z]\w*", source))
    return {**{name: RENAMES.get(name, name[len("Async") :]) for name in sorted(found)}, **RENAMES}


def render(source_path: Path = SOURCE) -> str:
    import unasync

    source = source_path.read_text()
    mapping = names(source)
    with tempfile.TemporaryDirectory() as tmp:
        async_dir = Path(tmp) / "_async"
        async_dir.mkdir()
        shutil.copy(source_path, async_dir / "resources.py")
        rule = unasync.Rule("/_async/", "/_sync/", additional_replacements=mapping)
        unasync.unasync_files([str(async_dir / "resources.py")], [rule])
        text = (Path(tmp) / "_sync" / "resources.py").read_text()
    # Names inside docstrings are strings to the tokenizer: rename them too.
    text = re.sub(r"\b(?:Async[A-Z]\w*|_async_\w+|_astop_on_exit)", lambda m: mapping.get(m.group(0), m.group(0)), text)
    # The module docstring is the generated file's own.
    text = HEADER + text.split('"""', 2)[2].lstrip("\n").join(["\n", ""])
    ruff = Path(sys.executable).parent / "ruff"
    for command in (["check", "--fix", "--select", "I", "--quiet"], ["format", "--quiet"]):  # renamed imports re-sorted
        text = subprocess.run(
            [str(ruff), *command, "--stdin-filename", str(TARGET), "-"],
            input=text,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
    return text


def write(target: Path = TARGET) -> None:
    target.write_text(render())


def differs(target: Path = TARGET) -> bool:
    return not target.exists() or target.read_text() != render()


if __name__ == "__main__":
    if "--check" in sys.argv[1:]:
        sys.exit(1 if differs() else 0)
    write()
