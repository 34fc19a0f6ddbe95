"""Runtime read, list, stop and delete over real sockets; every answer is checked against the spec."""

from __future__ import annotations

import time
from typing import Any, Dict, List

import httpx
import pytest

from bctrl.emulator.state import Store
from bctrl.testing import Emulator

MISSING = "00000000-0000-4000-8000-000000000000"


def _stop(client: httpx.Client, runtime_id: str) -> httpx.Response:
    return client.post(f"/v1/runtimes/{runtime_id}/stop")


def test_get_and_stop(client: httpx.Client, runtime: Dict[str, Any]) -> None:
    got = client.get(f"/v1/runtimes/{runtime['id']}")
    assert got.status_code == 200 and got.json() == runtime
    stopped = _stop(client, runtime["id"])
    assert stopped.status_code == 200
    body = stopped.json()
    assert body["status"] == "stopped" and body["activeRunId"] is None
    assert body["updatedAt"] >= runtime["updatedAt"] and body["createdAt"] == runtime["createdAt"]
    again = _stop(client, runtime["id"])
    assert again.status_code == 200 and again.json() == body  # idempotent: unchanged


def test_stop_ends_live_work_at_once_and_refuses_new(
    emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    emu.script(duration_ms=30_000, count=3)
    made = [helpers.create(client, runtime["id"], {"action": "act", "instruction": f"{n}"}).json() for n in range(3)]
    cancelling = client.post(f"/v1/runtimes/{runtime['id']}/invocations/{made[2]['id']}/cancel").json()
    assert cancelling["status"] == "cancelling"
    _stop(client, runtime["id"])
    for inv in made:
        started = time.monotonic()
        final = helpers.wait(client, runtime["id"], inv["id"], 20_000)
        assert time.monotonic() - started < 5  # already terminal: no hold
        assert final["status"] == "cancelled" and final["waitStatus"] == "completed"
        assert final["error"]["code"] == "invocation.cancelled"
    refused = helpers.create(client, runtime["id"], {"action": "act", "instruction": "late"})
    assert refused.status_code == 409
    assert refused.json()["code"] == "runtime.not_executable" and refused.json()["reasonClass"] == "conflict"
    legacy = client.post(
        f"/v1/spaces/{helpers.SPACE_ID}/runtimes/{runtime['id']}/invocations",
        json={"provider": "stagehand", "operation": "agent.execute", "input": {"instruction": "late"}},
    )
    assert legacy.status_code == 409 and legacy.json()["code"] == "runtime.not_executable"
    assert len(emu.invocations) == 3


def test_idempotent_replay_still_answers_after_stop(
    client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    body = {"action": "act", "instruction": "once"}
    first = helpers.create(client, runtime["id"], body, headers={"Idempotency-Key": "k-1"})
    _stop(client, runtime["id"])
    replay = helpers.create(client, runtime["id"], body, headers={"Idempotency-Key": "k-1"})
    assert replay.status_code == 202 and replay.json() == first.json()
    assert replay.headers["Idempotent-Replayed"] == "true"


def test_delete_then_404_and_history_stays(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    inv = helpers.create(client, runtime["id"], {"action": "act", "instruction": "x"}).json()
    deleted = client.delete(f"/v1/runtimes/{runtime['id']}")
    assert deleted.status_code == 200 and deleted.json()["status"] == "stopped"
    for response in (
        client.get(f"/v1/runtimes/{runtime['id']}"),
        _stop(client, runtime["id"]),
        client.delete(f"/v1/runtimes/{runtime['id']}"),
        helpers.create(client, runtime["id"], {"action": "act", "instruction": "x"}),
    ):
        assert response.status_code == 404 and response.json()["code"] == "runtime.not_found"
    listed = client.get(f"/v1/runs/{runtime['activeRunId']}/invocations").json()["data"]
    assert [i["id"] for i in listed] == [inv["id"]] and listed[0]["status"] == "cancelled"
    assert client.get(f"/v1/runs/{runtime['activeRunId']}/invocations/{inv['id']}").status_code == 200
    assert client.get(f"/v1/invocations/{inv['id']}").status_code == 200
    assert runtime["id"] not in [r["id"] for r in client.get("/v1/runtimes").json()["data"]]


@pytest.mark.parametrize("path", [f"/v1/runtimes/{MISSING}", "/v1/runtimes/not-a-uuid"])
def test_unknown_runtime_is_404(client: httpx.Client, path: str) -> None:
    for response in (client.get(path), client.post(f"{path}/stop"), client.delete(path)):
        assert response.status_code == 404 and response.json()["code"] == "runtime.not_found"


def test_list_pages_and_filters(emu: Emulator, client: httpx.Client, helpers: Any) -> None:
    made = [helpers.make_runtime(client, name=f"rt-{n}") for n in range(5)]
    _stop(client, made[1]["id"])
    emu.fail_runtime(made[3]["id"])
    seen: List[str] = []
    cursor = None
    pages = 0
    while True:
        params: Dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/v1/runtimes", params=params).json()
        seen += [r["name"] for r in page["data"]]
        pages += 1
        cursor = page["nextCursor"]
        if cursor is None:
            break
    assert seen == [f"rt-{n}" for n in range(5)] and pages == 3

    def names(params: Any) -> List[str]:
        return [r["name"] for r in client.get("/v1/runtimes", params=params).json()["data"]]

    assert names({"status": "active"}) == ["rt-0", "rt-2", "rt-4"]
    assert names([("status", "stopped"), ("status", "failed")]) == ["rt-1", "rt-3"]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "paused"},
        {"status": ""},
        {"status": "failed,stopped"},  # several values: repeat the parameter
        {"limit": "0"},
        {"limit": "101"},
        {"limit": "ten"},
        {"cursor": "not-a-cursor"},
        {"action": "act"},  # runs' filter, not a runtimes one
    ],
)
def test_list_rejects_bad_query(client: httpx.Client, params: Dict[str, str]) -> None:
    response = client.get("/v1/runtimes", params=params)
    assert response.status_code == 400 and response.json()["code"] == "request.invalid"


def test_a_405_on_the_runtime_path_lists_both_methods(client: httpx.Client, runtime: Dict[str, Any]) -> None:
    response = client.put(f"/v1/runtimes/{runtime['id']}")
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["allow"].split(",")} >= {"GET", "DELETE"}


def test_auth_applies_to_runtime_operations() -> None:
    with Emulator(api_key="right-key") as emu, httpx.Client(base_url=emu.url) as http:
        runtime = emu.create_runtime()
        for method, path in (
            ("GET", "/v1/runtimes"),
            ("GET", f"/v1/runtimes/{runtime.id}"),
            ("POST", f"/v1/runtimes/{runtime.id}/stop"),
            ("DELETE", f"/v1/runtimes/{runtime.id}"),
        ):
            for headers in ({}, {"Authorization": "Bearer wrong-key"}):
                response = http.request(method, path, headers=headers)
                assert response.status_code == 401, (method, path, headers)
        assert emu.state()["counts"]["runtimesByStatus"] == {"active": 1}


def test_failure_control_over_http(emu: Emulator, client: httpx.Client, runtime: Dict[str, Any]) -> None:
    bad = client.post(f"/_emulator/runtimes/{runtime['id']}/fail", json={"afterMs": -1})
    assert bad.status_code == 400
    missing = client.post(f"/_emulator/runtimes/{MISSING}/fail")
    assert missing.status_code == 404
    failed = client.post(f"/_emulator/runtimes/{runtime['id']}/fail", json={"message": "host lost"})
    assert failed.status_code == 200 and failed.json()["status"] == "failed"
    assert client.get(f"/v1/runtimes/{runtime['id']}").json()["activeRunId"] is None


def test_state_counts_runtimes_by_status(emu: Emulator, client: httpx.Client, helpers: Any) -> None:
    a, b, c = (helpers.make_runtime(client) for _ in range(3))
    _stop(client, a["id"])
    client.delete(f"/v1/runtimes/{b['id']}")
    counts = client.get("/_emulator/state").json()["counts"]
    assert counts["runtimesByStatus"] == {"stopped": 1, "active": 1}
    assert counts["runtimes"] == 2 and counts["runtimesDeleted"] == 1
    assert c["id"] in [r["id"] for r in emu.state()["runtimes"]]


def test_idle_timer_needs_the_server_loop() -> None:
    # A store used off the server loop (no event loop running) still creates runtimes;
    # their idle clock simply does not run.
    store = Store(minute_ms=1)
    runtime = store.add_runtime(idle_timeout_minutes=1)
    assert runtime.status == "active" and runtime.idle_timeout_minutes == 1
