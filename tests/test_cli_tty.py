"""``bctrl invoke ... --wait`` in a pseudo-terminal, as a person sees it: one live status
line with the elapsed time ticking, and Ctrl-C cancelling the invocation server-side."""

from __future__ import annotations

import re
from typing import Iterator

import pexpect  # a dev dependency
import pytest
from _cli import BCTRL, clean_env

from bctrl.testing import Emulator

SPACE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(duration_ms=50) as emulator:
        yield emulator


def spawn(emu: Emulator, *args: str) -> pexpect.spawn:
    env = clean_env(BCTRL_API_KEY=emu.api_key, BCTRL_BASE_URL=emu.url, TERM="xterm-256color")
    for name in ("NO_COLOR", "FORCE_COLOR"):
        env.pop(name, None)
    return pexpect.spawn(BCTRL, list(args), env=env, encoding="utf-8", timeout=60, dimensions=(24, 120))


def test_invoke_wait_live_status_then_ctrl_c_cancels(emu: Emulator) -> None:
    rt = emu.create_runtime(space_id=SPACE_ID)
    emu.script(duration_ms=20_000)  # about 6 s queued and dispatching, then 14 s running
    child = spawn(emu, "invoke", rt.id, "extract", "-i", "Extract the invoice total.", "--wait")
    transcript = []
    try:
        child.expect(r"invocation ([0-9a-f-]{36}); Ctrl-C cancels it")
        inv_id = child.match.group(1)
        transcript.append(child.before + child.after)
        # The live line: spinner, the statuses seen so far, the elapsed time redrawn in place.
        child.expect(r"running\S*\s+(\d+\.\d)s")
        transcript.append(child.before + child.after)
        first = float(child.match.group(1))
        child.expect(r"running\S*\s+(\d+\.\d)s")
        while float(child.match.group(1)) < first + 0.5:
            transcript.append(child.before + child.after)
            child.expect(r"running\S*\s+(\d+\.\d)s")
        transcript.append(child.before + child.after)
        assert emu.invocation(inv_id)["status"] == "running"

        child.sendintr()  # Ctrl-C
        child.expect(r"asked the API to cancel invocation ([0-9a-f-]{36}) \(now (\w+)\)")
        transcript.append(child.before + child.after)
        assert child.match.group(1) == inv_id
        child.expect(pexpect.EOF)
        transcript.append(child.before)
    finally:
        child.close(force=True)
    screen = ANSI.sub("", "".join(transcript))
    assert "\r" in "".join(transcript)  # redrawn in place, not one line per tick
    assert re.search(r"extract [0-9a-f]{8}\s+queued → (dispatching → )?running", screen), screen
    assert "interrupted; cancelling" in screen
    assert child.exitstatus == 130
    assert emu.invocation(inv_id)["status"] in ("cancelling", "cancelled")


def test_invoke_wait_on_a_terminal_ends_with_the_final_status(emu: Emulator) -> None:
    rt = emu.create_runtime(space_id=SPACE_ID)
    emu.script(output={"total": 42}, duration_ms=200)
    child = spawn(emu, "invoke", rt.id, "extract", "-i", "Extract the invoice total.", "--wait")
    try:
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    screen = ANSI.sub("", child.before)
    assert re.search(r"✔ extract [0-9a-f]{8}\s+queued → .*succeeded\s+\d+\.\ds", screen), screen
    assert re.search(r"status\s+succeeded", screen)
    assert child.exitstatus == 0
