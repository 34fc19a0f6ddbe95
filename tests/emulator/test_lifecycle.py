"""Invocation lifecycle over real sockets: order, per-runtime serialisation, cancel, timeouts."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any, Dict, List

import httpx

from bctrl.testing import Emulator

TERMINAL = {"succeeded", "failed", "cancelled", "timed_out"}


def _ts(value: str) -> datetime:
    assert value.endswith("Z")
    return datetime.fromisoformat(value[:-1] + "+00:00")


def _statuses_until_terminal(http: httpx.Client, invocation_id: str, budget: float = 5) -> List[str]:
    seen: List[str] = []
    deadline = time.monotonic() + budget
    while time.monotonic() < deadline:
        status = http.get(f"/v1/invocations/{invocation_id}").json()["status"]
        if not seen or seen[-1] != status:
            seen.append(status)
        if status in TERMINAL:
            return seen
        time.sleep(0.005)
    raise AssertionError(f"not terminal in time: {seen}")


def test_runtime_create_returns_detail(client: httpx.Client, helpers: Any) -> None:
    runtime = helpers.make_runtime(client, name="crawler", config={"stealth": "high"})
    assert runtime["status"] == "active" and runtime["type"] == "browser"
    assert runtime["name"] == "crawler" and runtime["config"] == {"stealth": "high"}
    assert runtime["activeRunId"] and runtime["createdAt"].endswith("Z")


def test_lifecycle_goes_queued_dispatching_running_succeeded(
    emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    emu.script(duration_ms=400)
    created = helpers.create(client, runtime["id"], {"action": "act", "instruction": "click"})
    assert created.status_code == 202
    body = created.json()
    assert body["status"] == "queued" and body["startedAt"] is None
    assert body["runId"] == runtime["activeRunId"]
    seen = _statuses_until_terminal(client, body["id"])
    assert seen == ["queued", "dispatching", "running", "succeeded"]
    final = client.get(f"/v1/runs/{runtime['activeRunId']}/invocations/{body['id']}").json()
    assert final["output"]["action"] == "click" and final["error"] is None
    started, finished = _ts(final["startedAt"]), _ts(final["finishedAt"])
    assert finished >= started >= _ts(final["createdAt"])
    assert (
        final["durationMs"] == int((finished - started).total_seconds() * 1000)
        or abs(final["durationMs"] - (finished - started).total_seconds() * 1000) <= 1
    )
    time.sleep(0.05)
    assert client.get(f"/v1/invocations/{body['id']}").json() == final  # terminal never changes


def test_one_invocation_at_a_time_per_runtime(
    emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    other = helpers.make_runtime(client)
    emu.script(duration_ms=300, count=4)
    ids = [
        helpers.create(client, runtime["id"], {"action": "act", "instruction": f"step {i}"}).json()["id"]
        for i in range(3)
    ]
    parallel = helpers.create(client, other["id"], {"action": "act", "instruction": "p"}).json()
    time.sleep(0.1)
    statuses = [client.get(f"/v1/invocations/{i}").json()["status"] for i in ids]
    assert statuses[0] in ("dispatching", "running")
    assert statuses[1:] == ["queued", "queued"]
    assert client.get(f"/v1/invocations/{parallel['id']}").json()["status"] != "queued"
    finals = [helpers.wait(client, runtime["id"], i) for i in ids]
    assert all(f["status"] == "succeeded" for f in finals)
    for before, after in zip(finals, finals[1:]):
        assert _ts(after["startedAt"]) >= _ts(before["finishedAt"])


def test_cancel_live_invocation(emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    emu.script(duration_ms=2000)
    inv = helpers.create(client, runtime["id"], {"action": "browserUse", "instruction": "x"}).json()
    queued = helpers.create(client, runtime["id"], {"action": "act", "instruction": "y"}).json()
    time.sleep(0.05)
    cancelled = client.post(f"/v1/runtimes/{runtime['id']}/invocations/{inv['id']}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] in ("cancelling", "cancelled")
    final = helpers.wait(client, runtime["id"], inv["id"], 2000)
    assert final["status"] == "cancelled" and final["waitStatus"] == "completed"
    assert final["error"]["code"] == "invocation.cancelled"
    # the runtime is free again: the queued one runs next
    assert helpers.wait(client, runtime["id"], queued["id"])["status"] == "succeeded"
    again = client.post(f"/v1/runtimes/{runtime['id']}/invocations/{inv['id']}/cancel")
    assert again.status_code == 200 and again.json() == {
        k: v for k, v in final.items() if k not in ("waitStatus", "retryAfterMs")
    }


def test_cancel_queued_invocation_never_starts(
    emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    emu.script(duration_ms=300)
    first = helpers.create(client, runtime["id"], {"action": "act", "instruction": "1"}).json()
    second = helpers.create(client, runtime["id"], {"action": "act", "instruction": "2"}).json()
    response = client.post(f"/v1/runtimes/{runtime['id']}/invocations/{second['id']}/cancel")
    assert response.json()["status"] == "cancelling"
    final = helpers.wait(client, runtime["id"], second["id"])
    assert final["status"] == "cancelled" and final["startedAt"] is None
    assert helpers.wait(client, runtime["id"], first["id"])["status"] == "succeeded"


def test_cancel_terminal_is_unchanged(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    inv = helpers.create(client, runtime["id"], {"action": "act", "instruction": "x"}).json()
    done = helpers.wait(client, runtime["id"], inv["id"])
    assert done["status"] == "succeeded"
    response = client.post(f"/v1/runtimes/{runtime['id']}/invocations/{inv['id']}/cancel")
    assert response.status_code == 200
    assert response.json()["status"] == "succeeded"
    assert response.json()["output"] == done["output"]


def test_timeout_ms_ends_timed_out(emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    emu.script(duration_ms=1000)
    inv = helpers.create(client, runtime["id"], {"action": "act", "instruction": "slow", "timeoutMs": 80}).json()
    final = helpers.wait(client, runtime["id"], inv["id"], 3000)
    assert final["status"] == "timed_out"
    assert final["error"]["code"] == "invocation.timed_out"
    assert final["error"]["details"] == {"timeoutMs": 80}
    assert 60 <= final["durationMs"] <= 400


def test_generous_timeout_does_not_fire(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    inv = helpers.create(client, runtime["id"], {"action": "act", "instruction": "x", "timeoutMs": 60_000}).json()
    assert helpers.wait(client, runtime["id"], inv["id"])["status"] == "succeeded"


def test_legacy_create_runs_through_the_lifecycle(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    body = {
        "provider": "browserUse",
        "operation": "agent.execute",
        "input": {"instruction": "find flights"},
        "options": {"maxSteps": 5},
        "metadata": {"ticket": "T-1"},
    }
    url = f"/v1/spaces/{helpers.SPACE_ID}/runtimes/{runtime['id']}/invocations"
    first = client.post(url, json=body)
    assert first.status_code == 202
    record = first.json()
    assert record["executionMode"] == "durable" and record["runtimeKind"] == "browser"
    assert record["spaceId"] == helpers.SPACE_ID and record["status"] == "queued"
    assert record["stepCount"] == 1 and record["artifactCount"] == 0
    assert record["entryCall"] == "browserUse.agent.execute"
    assert record["request"]["steps"][0]["args"] == [{"instruction": "find flights"}]
    second = client.post(url, json={**body, "provider": "stagehand"}).json()
    assert second["sequenceNo"] == record["sequenceNo"] + 1
    final = helpers.wait(client, runtime["id"], record["id"])
    assert final["status"] == "succeeded" and final["action"] == "browserUse"
    assert helpers.wait(client, runtime["id"], second["id"])["action"] == "stagehandAgent"
    listed = client.get(f"/v1/runs/{runtime['activeRunId']}/invocations").json()["data"]
    assert [item["id"] for item in listed] == [record["id"], second["id"]]


def test_legacy_create_in_wrong_space_is_404(client: httpx.Client, runtime: Dict[str, Any]) -> None:
    body = {"provider": "stagehand", "operation": "agent.execute", "input": {"instruction": "x"}}
    other_space = "11111111-1111-4111-8111-111111111111"
    response = client.post(f"/v1/spaces/{other_space}/runtimes/{runtime['id']}/invocations", json=body)
    assert response.status_code == 404 and response.json()["code"] == "runtime.not_found"
