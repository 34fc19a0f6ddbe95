"""Long poll, idempotency and listing over real sockets."""

from __future__ import annotations

import base64
import time
from datetime import datetime, timezone
from typing import Any, Dict, List

import httpx
import pytest

from bctrl.testing import Emulator

# ---- wait ------------------------------------------------------------------------------


def test_wait_returns_promptly_after_terminal(
    emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    emu.script(duration_ms=300)
    inv = helpers.create(client, runtime["id"], {"action": "act", "instruction": "x"}).json()
    started = time.monotonic()
    result = helpers.wait(client, runtime["id"], inv["id"], 10_000)
    answered = datetime.now(timezone.utc)
    elapsed = time.monotonic() - started
    assert result["waitStatus"] == "completed" and result["status"] == "succeeded"
    assert "retryAfterMs" not in result
    finished = datetime.fromisoformat(result["finishedAt"].replace("Z", "+00:00"))
    # answered when it finished, not when the 10 s hold ran out (bounds wide for a loaded machine)
    assert (answered - finished).total_seconds() < 2.0
    assert 0.2 < elapsed < 5.0


def test_wait_times_out_with_retry_hint(
    emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    emu.script(duration_ms=5000)
    inv = helpers.create(client, runtime["id"], {"action": "act", "instruction": "x"}).json()
    started = time.monotonic()
    result = helpers.wait(client, runtime["id"], inv["id"], 150)
    elapsed = time.monotonic() - started
    assert result["waitStatus"] == "timeout"
    assert result["status"] in ("queued", "dispatching", "running")
    assert 0 <= result["retryAfterMs"] <= 250
    assert 0.14 <= elapsed < 3.0  # the hold's end, not the invocation's 5 s


def test_wait_without_body_and_on_terminal(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    inv = helpers.create(client, runtime["id"], {"action": "observe", "instruction": "x"}).json()
    url = f"/v1/runtimes/{runtime['id']}/invocations/{inv['id']}/wait"
    first = client.post(url)
    assert first.status_code == 200 and first.json()["waitStatus"] == "completed"
    started = time.monotonic()
    again = client.post(url, json={"timeoutMs": 5000})
    assert time.monotonic() - started < 2.0  # at once, not after the 5 s hold
    assert again.json()["status"] == "succeeded"


def test_wait_rejects_bad_bodies_and_unknown_ids(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    inv = helpers.create(client, runtime["id"], {"action": "act", "instruction": "x"}).json()
    url = f"/v1/runtimes/{runtime['id']}/invocations/{inv['id']}/wait"
    bad_type = client.post(url, json={"timeoutMs": "soon"})
    assert bad_type.status_code == 400 and bad_type.json()["code"] == "request.invalid"
    unknown = client.post(url, json={"timeout": 5})
    assert unknown.status_code == 400 and "did you mean 'timeoutMs'" in unknown.json()["error"]
    broken = client.post(url, content=b"{", headers={"Content-Type": "application/json"})
    assert broken.status_code == 400 and broken.json()["code"] == "request.invalid_json"
    missing = client.post(f"/v1/runtimes/{runtime['id']}/invocations/not-a-uuid/wait")
    assert missing.status_code == 404 and missing.json()["code"] == "invocation.not_found"
    other = helpers.make_runtime(client)
    foreign = client.post(f"/v1/runtimes/{other['id']}/invocations/{inv['id']}/wait")
    assert foreign.status_code == 404 and foreign.json()["code"] == "invocation.not_found"
    no_runtime = client.post(f"/v1/runtimes/00000000-0000-4000-8000-000000000000/invocations/{inv['id']}/wait")
    assert no_runtime.status_code == 404 and no_runtime.json()["code"] == "runtime.not_found"


# ---- idempotency -----------------------------------------------------------------------


def test_idempotent_replay_and_conflict(
    emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    body = {"action": "extract", "instruction": "total", "metadata": {"a": 1, "b": 2}}
    headers = {"Idempotency-Key": "order-42"}
    first = helpers.create(client, runtime["id"], body, headers=headers)
    reordered = {"metadata": {"b": 2, "a": 1}, "instruction": "total", "action": "extract"}
    time.sleep(0.05)  # the invocation moves on; the replay is the original answer
    second = helpers.create(client, runtime["id"], reordered, headers=headers)
    assert first.status_code == second.status_code == 202
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert emu.count("order-42") == 1
    conflict = helpers.create(client, runtime["id"], {**body, "instruction": "other"}, headers=headers)
    assert conflict.status_code == 409
    assert conflict.json()["code"] == "idempotency.conflict"
    assert conflict.json()["reasonClass"] == "conflict"
    assert emu.count("order-42") == 1
    state = client.get("/_emulator/state").json()
    assert state["idempotencyKeys"] == {"order-42": 1}
    assert state["invocations"][0]["idempotencyKey"] == "order-42"


def test_idempotency_is_scoped_per_runtime_and_api_key(
    emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    body = {"action": "act", "instruction": "x"}
    headers = {"Idempotency-Key": "same"}
    other = helpers.make_runtime(client)
    a = helpers.create(client, runtime["id"], body, headers=headers).json()
    b = helpers.create(client, other["id"], body, headers=headers).json()
    c = helpers.create(client, runtime["id"], body, headers={**headers, "Authorization": "Bearer another-key"}).json()
    assert len({a["id"], b["id"], c["id"]}) == 3
    assert emu.count("same") == 3


def test_legacy_idempotency_key_in_body(
    emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any
) -> None:
    url = f"/v1/spaces/{helpers.SPACE_ID}/runtimes/{runtime['id']}/invocations"
    body = {
        "provider": "stagehand",
        "operation": "agent.execute",
        "input": {"instruction": "x"},
        "idempotencyKey": "legacy-1",
    }
    first = client.post(url, json=body)
    second = client.post(url, json=body)
    assert second.json() == first.json() and emu.count("legacy-1") == 1
    assert first.json()["request"]["idempotencyKey"] == "legacy-1"


# ---- listing ---------------------------------------------------------------------------


def _flat(pages: List[List[str]]) -> List[str]:
    return [item for page in pages for item in page]


def _all_pages(http: httpx.Client, run_id: str, params: Dict[str, Any]) -> List[List[str]]:
    pages: List[List[str]] = []
    cursor = None
    while True:
        query = dict(params)
        if cursor is not None:
            query["cursor"] = cursor
        response = http.get(f"/v1/runs/{run_id}/invocations", params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append([item["id"] for item in body["data"]])
        cursor = body["nextCursor"]
        if cursor is None:
            return pages
        assert len(pages) < 20


def test_pagination_with_filters(emu: Emulator, client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    actions = ["act", "observe", "extract"] * 4 + ["solveCaptcha"]
    ids: Dict[str, List[str]] = {}
    all_ids: List[str] = []
    emu.script(duration_ms=0, count=len(actions))
    for action in actions:
        body: Dict[str, Any] = {"action": action}
        if action in ("observe",):
            body["instruction"] = "x"
        inv = helpers.create(client, runtime["id"], body).json()
        ids.setdefault(action, []).append(inv["id"])
        all_ids.append(inv["id"])
    run_id = runtime["activeRunId"]
    pages = _all_pages(client, run_id, {"limit": 5})
    assert [len(p) for p in pages] == [5, 5, 3]
    assert _flat(pages) == all_ids
    acts = _all_pages(client, run_id, {"limit": 3, "action": "act"})
    assert [len(p) for p in acts] == [3, 1] and _flat(acts) == ids["act"]
    both = _all_pages(client, run_id, {"limit": 2, "action": ["observe", "solveCaptcha"]})
    wanted = ids["observe"] + ids["solveCaptcha"]
    assert _flat(both) == [i for i in all_ids if i in wanted]
    assert [len(p) for p in both] == [2, 2, 1]
    # the document serializes a list filter by repetition; a comma is part of the value
    comma = client.get(f"/v1/runs/{run_id}/invocations", params={"action": "observe,solveCaptcha"})
    assert comma.status_code == 400
    assert "action=a&action=b" in comma.json()["error"]
    helpers.wait(client, runtime["id"], all_ids[-1])
    done = _all_pages(client, run_id, {"status": "succeeded", "limit": 50})
    assert done == [all_ids]
    none = client.get(f"/v1/runs/{run_id}/invocations", params={"status": ["failed", "cancelled"]})
    assert none.json() == {"data": [], "nextCursor": None}


def test_pagination_is_stable_under_inserts(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    first_ids = [helpers.create(client, runtime["id"], {"action": "act"}).json()["id"] for _ in range(4)]
    run_id = runtime["activeRunId"]
    page1 = client.get(f"/v1/runs/{run_id}/invocations", params={"limit": 3}).json()
    assert [i["id"] for i in page1["data"]] == first_ids[:3]
    later = helpers.create(client, runtime["id"], {"action": "act"}).json()["id"]
    page2 = client.get(f"/v1/runs/{run_id}/invocations", params={"limit": 3, "cursor": page1["nextCursor"]}).json()
    assert [i["id"] for i in page2["data"]] == [first_ids[3], later]
    assert page2["nextCursor"] is None


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "101"},
        {"limit": "ten"},
        {"status": "sleeping"},
        {"action": "fly"},
        {"cursor": "not-a-cursor"},
        {"cursor": base64.urlsafe_b64encode(b'{"s": "x"}').decode()},
        {"page": "2"},
    ],
)
def test_list_rejects_bad_query(client: httpx.Client, runtime: Dict[str, Any], params: Dict[str, str]) -> None:
    response = client.get(f"/v1/runs/{runtime['activeRunId']}/invocations", params=params)
    assert response.status_code == 400
    assert response.json()["code"] == "request.invalid"


def test_list_unknown_run_is_404(client: httpx.Client) -> None:
    for run_id in ["00000000-0000-4000-8000-000000000000", "nope"]:
        response = client.get(f"/v1/runs/{run_id}/invocations")
        assert response.status_code == 404 and response.json()["code"] == "run.not_found"


def test_get_by_run_checks_membership(client: httpx.Client, runtime: Dict[str, Any], helpers: Any) -> None:
    inv = helpers.create(client, runtime["id"], {"action": "act"}).json()
    other = helpers.make_runtime(client)
    wrong = client.get(f"/v1/runs/{other['activeRunId']}/invocations/{inv['id']}")
    assert wrong.status_code == 404 and wrong.json()["code"] == "invocation.not_found"
    right = client.get(f"/v1/runs/{runtime['activeRunId']}/invocations/{inv['id']}")
    assert right.status_code == 200 and right.json()["id"] == inv["id"]
