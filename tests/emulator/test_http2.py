"""The emulator over HTTP/2 (``--http2``, Hypercorn) and the SDK through an HTTP/2 client."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import uuid
from typing import Iterator, Tuple

import httpx
import pytest

from bctrl import AsyncBctrl

API_KEY = "h2-key"


@pytest.fixture
def h2_emulator() -> Iterator[Tuple[str, subprocess.Popen[str]]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bctrl.emulator", "--http2", "--port", "0", "--api-key", API_KEY, "--duration-ms", "50"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        assert first.startswith("bctrl emulator listening on http://127.0.0.1:"), first
        yield first.rsplit(" ", 1)[1], proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


async def test_the_sdk_waits_over_one_http2_connection(h2_emulator) -> None:
    url, proc = h2_emulator
    versions = set()

    async def note(response: httpx.Response) -> None:
        versions.add(response.http_version)

    http = httpx.AsyncClient(http1=False, http2=True, event_hooks={"response": [note]})
    async with http, AsyncBctrl(api_key=API_KEY, base_url=url, http_client=http) as client:
        runtime = await client.runtimes.create(space_id=str(uuid.uuid4()), type="browser")
        results = await asyncio.gather(
            *(
                client.runtimes.invocations.create_and_wait(runtime.id, action="act", instruction="x", timeout=30)
                for _ in range(8)
            )
        )
    assert [r.status for r in results] == ["succeeded"] * 8
    assert versions == {"HTTP/2"}
    # HTTP/1.1 on the same port
    answer = httpx.get(f"{url}/_emulator/state", headers={"Authorization": f"Bearer {API_KEY}"})  # keyed controls
    assert answer.http_version == "HTTP/1.1"
    assert answer.json()["counts"]["invocations"] == 8
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_http2_refuses_the_fault_it_cannot_inject() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bctrl.emulator", "--http2", "--port", "0", "--fault-drop-after-store", "0.1"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error:") and "--fault-drop-after-store" in done.stderr
