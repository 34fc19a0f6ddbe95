"""Fault injection: 429 with Retry-After, 503, latency and dropped connections."""

from __future__ import annotations

import time
from typing import Any, Dict, List

import httpx
import pytest

from bctrl.emulator.app import ConnectionDropped, create_app
from bctrl.emulator.faults import FaultConfig
from bctrl.testing import Emulator


def test_faults_are_off_by_default(client: httpx.Client, emu: Emulator) -> None:
    assert emu.state()["faults"]["config"] == FaultConfig().as_dict()
    for _ in range(20):
        assert client.get("/v1/invocations/00000000-0000-4000-8000-000000000000").status_code == 404


def test_rate_limited_with_retry_after(client: httpx.Client, emu: Emulator) -> None:
    emu.set_faults(rate_429=1.0, retry_after_seconds=2, seed=1)
    response = client.post("/v2/runtimes", json={"spaceId": "x", "type": "browser"})
    assert response.status_code == 429
    assert response.headers["retry-after"] == "2"
    body = response.json()
    assert body["code"] == "rate_limited" and body["reasonClass"] == "rate_limited"
    assert body["hint"] == "retry after 2s"
    # control paths are never faulted
    assert client.get("/_emulator/state").json()["faults"]["injected"]["rate_limited"] == 1


def test_service_unavailable(client: httpx.Client, emu: Emulator, runtime: Dict[str, Any], helpers: Any) -> None:
    emu.set_faults(rate_503=1.0)
    response = helpers.create(client, runtime["id"], {"action": "act"})
    assert response.status_code == 503
    assert response.json()["code"] == "service.unavailable"
    assert response.json()["reasonClass"] == "upstream"
    assert "retry-after" in response.headers
    assert emu.invocations == []  # rejected before anything was stored


def test_seeded_faults_are_reproducible(emu: Emulator, spec_checker: Any, helpers: Any) -> None:
    def run() -> List[int]:
        emu.set_faults(seed=42, rate_429=0.3, rate_503=0.2)
        with helpers.checked_client(emu, spec_checker) as http:
            return [http.get("/v1/invocations/00000000-0000-4000-8000-000000000000").status_code for _ in range(30)]

    first, second = run(), run()
    assert first == second
    assert {429, 503, 404} <= set(first)


def test_latency_is_added(client: httpx.Client, emu: Emulator) -> None:
    emu.set_faults(latency_ms=400)
    started = time.monotonic()
    client.get("/v1/invocations/nope")
    assert time.monotonic() - started >= 0.4
    started = time.monotonic()
    client.get("/_emulator/state")
    assert time.monotonic() - started < 0.4  # the control path is never delayed


def test_drop_after_store_over_a_socket(
    client: httpx.Client, emu: Emulator, runtime: Dict[str, Any], helpers: Any
) -> None:
    emu.set_faults(drop_after_store=1.0)
    body = {"action": "act", "instruction": "pay"}
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        helpers.create(client, runtime["id"], body, headers={"Idempotency-Key": "pay-1"})
    # the invocation exists although the client never saw an answer
    (stored,) = emu.invocations
    assert stored["idempotencyKey"] == "pay-1" and stored["action"] == "act"
    assert emu.state()["faults"]["injected"]["dropped"] == 1
    # a retry with the same key replays instead of creating a second one
    emu.set_faults(drop_after_store=0.0)
    retry = helpers.create(client, runtime["id"], body, headers={"Idempotency-Key": "pay-1"})
    assert retry.status_code == 202 and retry.json()["id"] == stored["id"]
    assert emu.count("pay-1") == 1
    # other requests are not dropped
    assert client.get(f"/v1/invocations/{stored['id']}").status_code == 200


def test_drop_after_store_on_legacy_create(
    client: httpx.Client, emu: Emulator, runtime: Dict[str, Any], helpers: Any
) -> None:
    emu.set_faults(drop_after_store=1.0)
    url = f"/v1/spaces/{helpers.SPACE_ID}/runtimes/{runtime['id']}/invocations"
    body = {"provider": "stagehand", "operation": "agent.execute", "input": {"instruction": "x"}}
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.post(url, json=body)
    assert len(emu.invocations) == 1


async def test_drop_in_process_raises() -> None:
    app = create_app(faults=FaultConfig(drop_after_store=1.0))
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": "Bearer t"}
    async with httpx.AsyncClient(transport=transport, base_url="http://emu", headers=headers) as http:
        runtime = app.store.add_runtime()
        with pytest.raises(ConnectionDropped):
            await http.post(f"/v1/runtimes/{runtime.id}/invocations", json={"action": "act"})
    assert len(app.store.invocations) == 1
    await app.store.aclose()
