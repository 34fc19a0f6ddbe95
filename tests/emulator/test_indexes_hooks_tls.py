"""Indexed run listing, the idempotency-key count, ``on_terminal``, bulk seeding and TLS."""

from __future__ import annotations

import random
import signal
import ssl
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import httpx
import pytest
import trustme

from bctrl.emulator.errors import ApiError
from bctrl.emulator.pagination import encode_cursor, paginate, paginate_indexed
from bctrl.emulator.state import Invocation
from bctrl.testing import Emulator

# ---- paginate_indexed == paginate ------------------------------------------------------


def _reference(
    items: List[Tuple[int, str, str]], wanted: Optional[str], cursor: Optional[str], limit: int
) -> Tuple[List[Tuple[int, str, str]], Optional[str]]:
    kept = [item for item in items if wanted is None or item[2] == wanted]
    return paginate(kept, key=lambda x: (x[0], x[1]), cursor=cursor, limit=limit)


def _accepts(wanted: Optional[str]) -> Callable[[Tuple[int, str, str]], bool]:
    return lambda item: wanted is None or item[2] == wanted


def test_paginate_indexed_matches_paginate_for_random_lists_filters_and_cursors() -> None:
    rng = random.Random(7)
    for _ in range(300):
        seqs = sorted(rng.sample(range(1, 200), rng.randint(0, 40)))
        items = [(seq, f"id{seq}", rng.choice("abc")) for seq in seqs]
        wanted = rng.choice([None, "a", "b", "c"])
        limit = rng.randint(1, 8)
        # Cursors at, between and beyond the stored sequences (a foreign run's, say).
        cursor = rng.choice([None, encode_cursor(rng.randint(0, 210), "other")])
        got = paginate_indexed(
            items,
            seqs,
            key=lambda x: (x[0], x[1]),
            accept=_accepts(wanted),
            cursor=cursor,
            limit=limit,
        )
        assert got == _reference(items, wanted, cursor, limit)


# ---- listing over HTTP ---------------------------------------------------------------------


def _walk(http: httpx.Client, run_id: str, **params: Any) -> Tuple[List[str], int]:
    ids: List[str] = []
    pages = 0
    cursor = None
    while True:
        query = dict(params)
        if cursor is not None:
            query["cursor"] = cursor
        response = http.get(f"/v1/runs/{run_id}/invocations", params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        ids.extend(item["id"] for item in body["data"])
        pages += 1
        cursor = body["nextCursor"]
        if cursor is None:
            return ids, pages


def test_listing_seeded_and_created_invocations_across_runs(emu: Emulator, client: httpx.Client, helpers: Any) -> None:
    first = helpers.make_runtime(client)
    other = helpers.make_runtime(client)
    emu.script(duration_ms=0, count=4)
    created_before = [helpers.create(client, first["id"], {"action": "extract"}).json()["id"] for _ in range(2)]
    seeded_ok = emu.seed_invocations(first["id"], 250)
    noise = emu.seed_invocations(other["id"], 30)
    seeded_failed = emu.seed_invocations(first["id"], 5, status="failed")
    created_after = [helpers.create(client, first["id"], {"action": "extract"}).json()["id"] for _ in range(2)]
    everything = created_before + seeded_ok + seeded_failed + created_after

    ids, pages = _walk(client, first["activeRunId"], limit=100)
    assert ids == everything and pages == 3
    assert _walk(client, other["activeRunId"], limit=7) == (noise, 5)
    failed, _ = _walk(client, first["activeRunId"], status="failed", limit=2)
    assert failed == seeded_failed
    extracts, _ = _walk(client, first["activeRunId"], action="extract", limit=3)
    assert extracts == created_before + created_after

    page = client.get(f"/v1/runs/{first['activeRunId']}/invocations", params={"limit": 1, "status": "failed"}).json()
    summary = page["data"][0]
    assert summary["status"] == "failed" and summary["action"] == "act"
    assert summary["error"]["code"] == "invocation.failed" and summary["durationMs"] == 0
    got = client.get(f"/v1/invocations/{seeded_ok[0]}").json()
    assert got["status"] == "succeeded" and got["output"]["success"] is True
    assert emu.invocation(seeded_ok[0])["sequence"] < emu.invocation(seeded_failed[0])["sequence"]


def test_seeding_refuses_bad_arguments(emu: Emulator) -> None:
    runtime = emu.create_runtime()
    with pytest.raises(ValueError):
        emu.seed_invocations(runtime.id, 1, status="running")
    with pytest.raises(ValueError):
        emu.seed_invocations(runtime.id, -1)
    with pytest.raises(ApiError):
        emu.seed_invocations("00000000-0000-0000-0000-000000000000", 1)
    assert emu.seed_invocations(runtime.id, 0) == []


def test_deep_pages_of_a_seeded_history_are_exact(emu: Emulator) -> None:
    # How fast this is, is measured by `make bench` (large history), not asserted here.
    runtime = emu.create_runtime()
    ids = emu.seed_invocations(runtime.id, 2_000)
    store = emu.app.store
    seen: list = []
    cursor = None
    while True:
        page, cursor = store.list_run(runtime.run_id, statuses=None, actions=None, cursor=cursor, limit=100)
        seen.extend(inv.id for inv in page)
        if cursor is None:
            break
    assert seen == ids


def test_reset_clears_the_indexes(emu: Emulator, client: httpx.Client, helpers: Any) -> None:
    runtime = helpers.make_runtime(client)
    helpers.create(client, runtime["id"], {"action": "act"}, headers={"Idempotency-Key": "k-reset"})
    emu.seed_invocations(runtime["id"], 3)
    assert emu.count("k-reset") == 1
    emu.reset()
    assert emu.count("k-reset") == 0
    assert emu.state()["idempotencyKeys"] == {}
    assert client.get(f"/v1/runs/{runtime['activeRunId']}/invocations").status_code == 404


def test_count_by_idempotency_key(emu: Emulator, client: httpx.Client, helpers: Any) -> None:
    one = helpers.make_runtime(client)
    two = helpers.make_runtime(client)
    for runtime in (one, two, one):  # the third is a replay: nothing new is stored
        response = helpers.create(client, runtime["id"], {"action": "act"}, headers={"Idempotency-Key": "k-1"})
        assert response.status_code == 202
    helpers.create(client, one["id"], {"action": "act"}, headers={"Idempotency-Key": "k-2"})
    assert (emu.count("k-1"), emu.count("k-2"), emu.count("k-none")) == (2, 1, 0)
    assert emu.state()["idempotencyKeys"] == {"k-1": 2, "k-2": 1}


# ---- on_terminal -----------------------------------------------------------------------


def test_on_terminal_sees_each_invocation_once_before_wait_returns(
    emu: Emulator, client: httpx.Client, helpers: Any, caplog: pytest.LogCaptureFixture
) -> None:
    runtime = helpers.make_runtime(client)
    seen: List[Tuple[str, str, bool]] = []
    threads: List[str] = []

    def record(inv: Invocation) -> None:
        done_set = inv.done is not None and inv.done.is_set()
        seen.append((inv.id, inv.status, done_set))
        threads.append(threading.current_thread().name)

    def broken(inv: Invocation) -> None:
        raise RuntimeError("a broken callback must not break the lifecycle")

    remove_broken = emu.on_terminal(broken)
    remove = emu.on_terminal(record)
    try:
        emu.script(duration_ms=20)
        emu.script(status="failed", duration_ms=20)
        ok = helpers.create(client, runtime["id"], {"action": "act"}).json()["id"]
        bad = helpers.create(client, runtime["id"], {"action": "act"}).json()["id"]
        queued = helpers.create(client, runtime["id"], {"action": "act"}).json()["id"]
        client.post(f"/v1/runtimes/{runtime['id']}/invocations/{queued}/cancel")
        for inv_id in (ok, bad, queued):
            result = helpers.wait(client, runtime["id"], inv_id)
            assert result["waitStatus"] == "completed"
        # Waiters are woken after the callback: the done event was not yet set in it.
        assert sorted(seen) == sorted([(ok, "succeeded", False), (bad, "failed", False), (queued, "cancelled", False)])
        assert set(threads) == {"bctrl-emulator"}
        assert caplog.text.count("an on_terminal callback failed") == 3
        seeded = emu.seed_invocations(runtime["id"], 3)
        assert not any(item[0] in seeded for item in seen)
    finally:
        remove()
        remove_broken()
    emu.script(duration_ms=0)
    later = helpers.create(client, runtime["id"], {"action": "act"}).json()["id"]
    helpers.wait(client, runtime["id"], later)
    assert len(seen) == 3 and emu.app.store.on_terminal == []


# ---- TLS -------------------------------------------------------------------------------


def _certificates(folder: Path) -> Dict[str, str]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    paths = {"ca": folder / "ca.pem", "cert": folder / "cert.pem", "key": folder / "key.pem"}
    ca.cert_pem.write_to_path(str(paths["ca"]))
    cert.private_key_pem.write_to_path(str(paths["key"]))
    for index, pem in enumerate(cert.cert_chain_pems):
        pem.write_to_path(str(paths["cert"]), append=index > 0)
    return {name: str(path) for name, path in paths.items()}


def test_cli_serves_https_with_a_trustme_certificate(tmp_path: Path) -> None:
    paths = _certificates(tmp_path)
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "bctrl.emulator", "--port", "0", "--api-key", "tls-key"),
            *("--ssl-certfile", paths["cert"], "--ssl-keyfile", paths["key"]),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        assert first.startswith("bctrl emulator listening on https://127.0.0.1:"), first
        url = first.rsplit(" ", 1)[1]
        response = httpx.post(
            f"{url}/v2/runtimes",
            json={"spaceId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "type": "browser"},
            headers={"Authorization": "Bearer tls-key"},
            verify=ssl.create_default_context(cafile=paths["ca"]),
        )
        assert response.status_code == 200 and response.json()["status"] == "active"
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"{url}/_emulator/state")  # not signed by a CA the system trusts
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "extra",
    [["--ssl-keyfile", "key.pem"], ["--ssl-certfile", "missing.pem"]],
)
def test_cli_refuses_bad_tls_settings(extra: List[str], tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bctrl.emulator", "--port", "0", *extra],
        capture_output=True,
        text=True,
        timeout=20,
        cwd=tmp_path,
    )
    assert proc.returncode == 2 and proc.stderr.startswith("error:"), proc.stderr
    assert "Traceback" not in proc.stderr


def test_in_process_emulator_serves_https(tmp_path: Path) -> None:
    paths = _certificates(tmp_path)
    with Emulator(ssl_certfile=paths["cert"], ssl_keyfile=paths["key"]) as emu:
        assert emu.url.startswith("https://127.0.0.1:")
        with httpx.Client(
            base_url=emu.url, headers=emu.headers, verify=ssl.create_default_context(cafile=paths["ca"])
        ) as http:
            response = http.post(
                "/v2/runtimes", json={"spaceId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "type": "browser"}
            )
            assert response.status_code == 200
    with pytest.raises(ValueError):
        Emulator(ssl_keyfile=paths["key"])
