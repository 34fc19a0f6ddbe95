"""Type checkers see every field of every variant: a misspelt or mistyped argument is caught statically."""

from __future__ import annotations

import os
from pathlib import Path

from mypy import api

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
"""


def test_mypy_checks_keyword_arguments(tmp_path: Path) -> None:
    snippet = tmp_path / "user_code.py"
    snippet.write_text(USER_CODE)
    env_path = os.pathsep.join([str(ROOT), str(ROOT / "generated")])
    old = os.environ.get("MYPYPATH")
    os.environ["MYPYPATH"] = env_path
    try:
        out, err, status = api.run(
            ["--strict", "--no-incremental", "--cache-dir", os.devnull, "--python-version", "3.11", str(snippet)]
        )
    finally:
        if old is None:
            os.environ.pop("MYPYPATH", None)
        else:
            os.environ["MYPYPATH"] = old
    lines = {int(line.split(":")[1]) for line in out.splitlines() if ": error:" in line}
    assert lines == {11, 12, 13, 14}, out + err
    assert 'did you mean "max_steps"' in out
    assert status == 1
