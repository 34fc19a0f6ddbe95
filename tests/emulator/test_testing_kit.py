"""The testing kit users get: recorded request bodies, the pytest fixtures (one server per
session, reset per test, per-test options by marker) run as users run them: by pytest in
a fresh process, through the ``bctrl`` entry point."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Dict

import httpx
import pytest

from bctrl.testing import Emulator

ROOT = Path(__file__).resolve().parents[2]


def test_invocations_keep_the_request_body_as_received(
    emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    body = {
        "action": "extract",
        "instruction": "Extract the total. Ünïcode ✓",
        "outputSchema": {"type": "object", "properties": {"total": {"type": "number"}}, "required": ["total"]},
        "timeoutMs": 60_000,
    }
    created = helpers.create(client, runtime["id"], body, headers={"Idempotency-Key": "k-1"})
    assert created.status_code == 202
    recorded = emu.invocations[0]
    assert recorded["request"] == body
    assert recorded["idempotencyKey"] == "k-1"
    assert emu.invocation(created.json()["id"])["request"] == body
    state = client.get("/_emulator/state").json()
    assert state["invocations"][0]["request"] == body
    recorded["request"]["instruction"] = "changed by the test"  # a copy: the store is untouched
    assert emu.invocations[0]["request"] == body


def test_legacy_create_keeps_its_body_too(emu: Emulator, client: httpx.Client, runtime: Dict[str, Any]) -> None:
    body = {"provider": "stagehand", "operation": "agent.execute", "input": {"instruction": "go"}}
    response = client.post(
        f"/v1/spaces/{emu.app.store.runtimes[runtime['id']].space_id}/runtimes/{runtime['id']}/invocations", json=body
    )
    assert response.status_code == 202, response.text
    assert emu.invocations[-1]["request"] == body


def test_configure_changes_a_running_emulator_and_restores_it(emu: Emulator) -> None:
    with httpx.Client(base_url=emu.url, timeout=10) as http:
        emu.configure(api_key="per-test-key", fault_503=1.0, minute_ms=10)
        assert emu.api_key == "per-test-key"
        assert emu.app.store.minute_ms == 10
        assert http.get("/_emulator/state").status_code == 401
        answer = http.post("/v2/runtimes", json={"type": "browser"}, headers={"Authorization": "Bearer per-test-key"})
        assert answer.status_code == 503
        emu.configure()
        assert emu.api_key != "per-test-key"
        assert emu.app.store.minute_ms == 60_000
        assert http.get("/_emulator/state").status_code == 200
    with pytest.raises(TypeError, match="port"):
        emu.configure(port=1)


USER_TESTS = """
import asyncio
import time

import httpx
import pytest

SPACE = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


def test_sync_client(bctrl_client, bctrl_emulator):
    rt = bctrl_client.runtimes.create(space_id=SPACE, type="browser")
    bctrl_emulator.script(output={"total": 3})
    inv = bctrl_client.runtimes.invocations.create_and_wait(rt.id, action="extract", instruction="x", timeout=10)
    assert inv.output == {"total": 3}
    assert bctrl_emulator.invocations[0]["request"] == {"action": "extract", "instruction": "x"}


def test_state_does_not_leak_between_tests(bctrl_emulator):
    assert bctrl_emulator.invocations == []
    assert bctrl_emulator.state()["counts"]["runtimes"] == 0


@pytest.mark.bctrl_emulator(api_key="marker-key", duration_ms=300)
def test_marker_options(bctrl_emulator, bctrl_client):
    assert bctrl_emulator.api_key == "marker-key"
    bad = httpx.post(bctrl_emulator.url + "/v2/runtimes", json={"type": "browser", "spaceId": SPACE},
                     headers={"Authorization": "Bearer other"})
    assert bad.status_code == 401
    rt = bctrl_client.runtimes.create(space_id=SPACE, type="browser")
    started = time.monotonic()
    bctrl_client.runtimes.invocations.create_and_wait(rt.id, action="act", instruction="x", timeout=10)
    assert time.monotonic() - started >= 0.25


@pytest.mark.bctrl_emulator(fault_503=1.0, fault_retry_after_seconds=0)
def test_marker_faults(bctrl_emulator):
    answer = httpx.post(bctrl_emulator.url + "/v2/runtimes", json={"type": "browser", "spaceId": SPACE},
                        headers=bctrl_emulator.headers)
    assert answer.status_code == 503


def test_options_back_to_the_session_defaults(bctrl_emulator):
    answer = httpx.post(bctrl_emulator.url + "/v2/runtimes", json={"type": "browser", "spaceId": SPACE},
                        headers={"Authorization": "Bearer anything"})
    assert answer.status_code == 200


def test_async_client(bctrl_async_client, bctrl_emulator):
    async def main():
        rt = await bctrl_async_client.runtimes.create(space_id=SPACE, type="browser")
        inv = await bctrl_async_client.runtimes.invocations.create_and_wait(rt.id, action="act", instruction="y",
                                                                           timeout=10)
        return inv.status

    assert asyncio.run(main()) == "succeeded"


def test_one_server_for_the_session(bctrl_emulator, bctrl_emulator_server):
    assert bctrl_emulator is bctrl_emulator_server
"""


MODULE_OPTIONS = """
import pytest


@pytest.fixture
def bctrl_emulator_options():
    return {"duration_ms": 0}


def test_fixture_override_sets_options(bctrl_emulator):
    assert bctrl_emulator.state()["options"]["durationMs"] == 0
"""


def test_fixtures_as_a_user_runs_them(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(textwrap.dedent(USER_TESTS))
    (tmp_path / "test_module_options.py").write_text(MODULE_OPTIONS)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "8 passed" in result.stdout, result.stdout[-2000:]
