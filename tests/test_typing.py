"""Type checkers see every field of every variant: a misspelt or mistyped argument is caught statically.

mypy and pyright run the way a user runs them on their own code: in a directory outside this
repository, with no MYPYPATH and no configuration, so they find ``bctrl`` and ``bctrl_api`` only
through the installed package (an editable install in development, which must be a plain path
entry, not an import hook).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

USER_CODE = """
from bctrl import AsyncBctrl, Bctrl, Invocation

async def main(a: AsyncBctrl) -> Invocation:
    return await a.runtimes.invocations.stagehand.agent("rt", instruction="x", max_steps=3, highlight_cursor=True)

c = Bctrl(api_key="k")
ok: Invocation = c.runtimes.invocations.create("rt", action="browserUse", instruction="x", max_steps=5)
c.runtimes.invocations.browser_use.agent("rt", instruction="x", use_vision="auto", sensitive_data={"pw": "s"})
c.runtimes.create(space_id="s", type="browser", config={"stealth": "high"})
c.runtimes.invocations.create("rt", action="browserUse", instruction="x", max_step=5)  # line 11
c.runtimes.invocations.browser_use.agent("rt", instruction="x", use_vision="sometimes")  # line 12
c.runtimes.invocations.stagehand.act("rt", instruction=3)  # line 13
c.runtimes.invocations.create("rt", action="summarize")  # line 14

from bctrl_api.models import RuntimeConfig
cfg: RuntimeConfig = RuntimeConfig.from_dict({})
cfg.no_such_field  # line 18
"""


def run_mypy(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MYPYPATH", "PYTHONPATH")}
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "", "--no-incremental", "--cache-dir", os.devnull, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_mypy_checks_keyword_arguments_in_user_code(tmp_path: Path) -> None:
    (tmp_path / "user_code.py").write_text(USER_CODE)
    done = run_mypy(tmp_path, "--strict", "user_code.py")
    out = done.stdout + done.stderr
    assert "Cannot find implementation or library stub" not in out
    assert "missing library stubs or py.typed marker" not in out
    lines = {int(line.split(":")[1]) for line in done.stdout.splitlines() if ": error:" in line}
    assert lines == {11, 12, 13, 14, 18}, out
    line_11 = [line for line in done.stdout.splitlines() if line.startswith("user_code.py:11: error:")]
    # create() is overloaded: mypy 2 suggests "max_steps", mypy 1.19 (which checks for 3.9) names no variant
    assert 'did you mean "max_steps"' in out or 'No overload variant of "create"' in line_11[0], out
    assert '"RuntimeConfig" has no attribute "no_such_field"' in out
    assert done.returncode == 1


def test_pyright_checks_keyword_arguments_in_user_code(tmp_path: Path) -> None:
    (tmp_path / "user_code.py").write_text(USER_CODE)
    env = {k: v for k, v in os.environ.items() if k not in ("MYPYPATH", "PYTHONPATH")}
    done = subprocess.run(
        [sys.executable, "-m", "pyright", "--outputjson", "--pythonpath", sys.executable, "user_code.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(done.stdout)
    errors = [d for d in report["generalDiagnostics"] if d["severity"] == "error"]
    assert not [d for d in errors if d["rule"] in ("reportMissingImports", "reportMissingModuleSource")], errors
    assert {d["range"]["start"]["line"] + 1 for d in errors} == {11, 12, 13, 14, 18}, errors
    assert done.returncode == 1
