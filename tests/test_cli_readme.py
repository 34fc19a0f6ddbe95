"""The README's "From the terminal" commands, run as written (with a free port)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
from pathlib import Path
from typing import List

from _cli import BIN, clean_env, read_line

ROOT = Path(__file__).resolve().parent.parent


def terminal_blocks() -> List[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## From the terminal", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.S)


def test_readme_terminal_section_runs(tmp_path: Path) -> None:
    server_block, client_block = terminal_blocks()
    assert server_block.strip() == "bctrl emulator --port 8787"
    env = clean_env()
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    server = subprocess.Popen(
        ["bash", "-c", "exec " + server_block.replace("8787", "0")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        assert server.stdout is not None
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", read_line(server, server.stdout))
        assert match, "the emulator did not start"
        script = client_block.replace("8787", match.group(1))
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=180,
            check=False,
        )
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(
        line.split() == ["TIME", "ACTION", "STATUS", "DURATION", "ERROR", "CODE", "INVOCATION"] for line in lines
    )
    table = [line.split() for line in lines if re.match(r"\d{4}-\d\d-\d\d ", line)]
    assert [(row[2], row[3]) for row in table] == [("extract", "succeeded"), ("browserUse", "succeeded")]
    assert lines[-1] == "stopped"
    assert "any-token" not in done.stdout + done.stderr
