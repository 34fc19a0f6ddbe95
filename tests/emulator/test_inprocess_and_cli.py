"""The app in-process (httpx.ASGITransport), the pytest fixture and the command line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from typing import Any, List

import httpx

from bctrl.emulator import create_app
from bctrl.testing import Emulator


async def test_in_process_create_and_wait(spec_checker: Any, helpers: Any) -> None:
    app = create_app(duration_ms=50)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://emulator",
        headers={"Authorization": "Bearer local"},
        event_hooks={"response": [helpers.async_checking_hook(spec_checker)]},
    ) as http:
        runtime = (await http.post("/v2/runtimes", json={"spaceId": helpers.SPACE_ID, "type": "browser"})).json()
        created = await http.post(
            f"/v1/runtimes/{runtime['id']}/invocations",
            json={"action": "extract", "instruction": "title"},
        )
        assert created.status_code == 202
        inv = created.json()
        waited = await http.post(f"/v1/runtimes/{runtime['id']}/invocations/{inv['id']}/wait", json={"timeoutMs": 2000})
        assert waited.json()["waitStatus"] == "completed"
        assert waited.json()["output"] == {"extraction": "Extracted content for: title"}
    await app.store.aclose()


def test_emulator_app_attribute_is_the_asgi_app(emu: Emulator) -> None:
    assert callable(emu.app) and emu.app.store is not None
    assert emu.url.startswith("http://127.0.0.1:") and emu.port > 0


def test_pytest_fixture(bctrl_emulator: Emulator) -> None:
    response = httpx.post(
        f"{bctrl_emulator.url}/v2/runtimes",
        json={"spaceId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "type": "browser"},
        headers=bctrl_emulator.headers,
    )
    assert response.status_code == 200


def test_emulator_stops_cleanly_with_open_long_poll(helpers: Any, spec_checker: Any) -> None:
    emu = Emulator(duration_ms=60_000).start()
    try:
        with helpers.checked_client(emu, spec_checker) as http:
            runtime = helpers.make_runtime(http)
            inv = helpers.create(http, runtime["id"], {"action": "act"}).json()
            started = time.monotonic()
            result = helpers.wait(http, runtime["id"], inv["id"], 100)
            assert result["waitStatus"] == "timeout"
            assert time.monotonic() - started < 5  # the 100 ms hold, not the 60 s invocation
    finally:
        started = time.monotonic()
        emu.stop()
        assert time.monotonic() - started < 15  # not held up by the open long poll
    assert not emu.running


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_cli_starts_serves_and_stops_on_sigint() -> None:
    port = _free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bctrl.emulator",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--api-key",
            "cli-key",
            "--duration-ms",
            "50",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.strip() == f"bctrl emulator listening on http://127.0.0.1:{port}"
        base = f"http://127.0.0.1:{port}"
        ok = httpx.post(
            f"{base}/v2/runtimes",
            json={"spaceId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "type": "browser"},
            headers={"Authorization": "Bearer cli-key"},
        )
        assert ok.status_code == 200
        denied = httpx.get(f"{base}/v1/invocations/x", headers={"Authorization": "Bearer no"})
        assert denied.status_code == 401
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "cli-key" not in err + out
    assert "stopped" in out


def test_cli_answers_open_long_polls_on_sigint() -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bctrl.emulator", "--port", str(port), "--duration-ms", "60000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    try:
        assert proc.stdout is not None
        assert "listening" in proc.stdout.readline()
        base = f"http://127.0.0.1:{port}"
        headers = {"Authorization": "Bearer anything"}
        with httpx.Client(base_url=base, headers=headers, timeout=10) as http:
            runtime = http.post(
                "/v2/runtimes", json={"spaceId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "type": "browser"}
            ).json()
            inv = http.post(f"/v1/runtimes/{runtime['id']}/invocations", json={"action": "act"}).json()
            results: List[httpx.Response] = []
            poller = threading.Thread(
                target=lambda: results.append(
                    http.post(f"/v1/runtimes/{runtime['id']}/invocations/{inv['id']}/wait", json={"timeoutMs": 30_000})
                )
            )
            poller.start()
            time.sleep(0.3)
            started = time.monotonic()
            proc.send_signal(signal.SIGINT)
            poller.join(timeout=10)
            _, err = proc.communicate(timeout=10)
            assert time.monotonic() - started < 15  # the open long poll does not hold up Ctrl-C
        assert results and results[0].json()["waitStatus"] == "timeout"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_cli_rejects_bad_fault_settings() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bctrl.emulator", "--fault-503", "2"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert proc.returncode == 2 and "rate_503" in proc.stderr
    assert "Traceback" not in proc.stderr
