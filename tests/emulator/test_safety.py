"""Safe to leave running: the key guards the control paths, other origins and rebound names
are refused, bodies are limited while they stream, JSON nesting is limited by the emulator
itself. Over real sockets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import httpx
import pytest

from bctrl.emulator import guard
from bctrl.testing import Emulator
from benchmarks.safety import flood

KEY = "safety-test-key"
ROOT = Path(__file__).resolve().parents[2]
CONTROL: List[Tuple[str, str, Any]] = [
    ("GET", "/_emulator/state", None),
    ("POST", "/_emulator/faults", {"rate_503": 0}),
    ("POST", "/_emulator/reset", None),
    ("POST", "/_emulator/script", {"output": {"x": 1}}),
]


@pytest.fixture(scope="module")
def keyed() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, duration_ms=20) as emulator:
        yield emulator


@pytest.fixture
def http(keyed: Emulator) -> Iterator[httpx.Client]:
    keyed.reset()
    with httpx.Client(base_url=keyed.url, timeout=10) as client:
        yield client


# ---- the API key guards /_emulator/* too ------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "body"), CONTROL)
def test_control_paths_need_the_key(http: httpx.Client, method: str, path: str, body: Any) -> None:
    assert http.request(method, path, json=body).status_code == 401
    wrong = http.request(method, path, json=body, headers={"Authorization": "Bearer not-the-key"})
    assert wrong.status_code == 401 and wrong.json()["code"] == "auth.invalid_api_key"
    right = http.request(method, path, json=body, headers={"Authorization": f"Bearer {KEY}"})
    assert right.status_code == 200, right.text


def test_control_paths_stay_open_without_a_key(emu: Emulator) -> None:
    assert httpx.get(f"{emu.url}/_emulator/state", timeout=10).status_code == 200


def test_refused_control_request_changes_nothing(http: httpx.Client, keyed: Emulator) -> None:
    http.post("/_emulator/script", json={"output": {"x": 1}})
    http.post("/_emulator/faults", json={"rate_503": 1})
    assert keyed.state()["counts"]["scriptsPending"] == 0
    assert keyed.state()["faults"]["config"]["rate_503"] == 0


# ---- Host (DNS rebinding) and Origin (other web pages) ------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example", "localhost.evil.example", "0.0.0.0", "[::2]"],
)
def test_foreign_host_is_refused(http: httpx.Client, keyed: Emulator, host: str) -> None:
    response = http.get("/_emulator/state", headers={"Host": host.format(port=keyed.port), **keyed.headers})
    assert response.status_code == 403
    assert response.json()["code"] == "request.host_not_allowed"


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST", "app.localhost", "[::1]:{port}"])
def test_loopback_hosts_are_answered(http: httpx.Client, keyed: Emulator, host: str) -> None:
    response = http.get("/_emulator/state", headers={"Host": host.format(port=keyed.port), **keyed.headers})
    assert response.status_code == 200, response.text


def test_a_rebound_name_cannot_create_anything(http: httpx.Client, keyed: Emulator) -> None:
    response = http.post(
        "/v2/runtimes",
        json={"spaceId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "type": "browser"},
        headers={"Host": f"attacker.example:{keyed.port}", **keyed.headers},
    )
    assert response.status_code == 403
    assert keyed.state()["counts"]["runtimes"] == 0


def test_allowed_hosts_are_answered() -> None:
    with Emulator(allowed_hosts=("emulator",)) as emu, httpx.Client(base_url=emu.url, timeout=10) as client:
        assert client.get("/_emulator/state", headers={"Host": f"emulator:{emu.port}"}).status_code == 200
        assert client.get("/_emulator/state", headers={"Host": "other"}).status_code == 403


@pytest.mark.parametrize(
    "origin",
    ["http://evil.example", "null", "http://localhost:{port}", "https://127.0.0.1:{port}", "http://127.0.0.1:1"],
)
def test_other_origins_are_refused(http: httpx.Client, keyed: Emulator, origin: str) -> None:
    for method, path, body in [*CONTROL, ("POST", "/v2/runtimes", {"type": "browser"})]:
        response = http.request(
            method, path, json=body, headers={"Origin": origin.format(port=keyed.port), **keyed.headers}
        )
        assert response.status_code == 403, (path, response.text)
        assert response.json()["code"] == "request.origin_not_allowed"


def test_own_origin_is_answered(http: httpx.Client, keyed: Emulator) -> None:
    response = http.get("/_emulator/state", headers={"Origin": keyed.url, **keyed.headers})
    assert response.status_code == 200


# ---- bodies limited while they stream --------------------------------------------------------------


def test_declared_oversized_body_is_refused_unread(http: httpx.Client, keyed: Emulator) -> None:
    response = http.post(
        "/_emulator/script",
        content=b"{" + b" " * (guard.MAX_BODY_BYTES + 10) + b"}",
        headers={"Content-Type": "application/json", **keyed.headers},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "request.too_large"


@pytest.mark.parametrize(
    "path",
    ["/_emulator/script", "/v1/runtimes/00000000-0000-4000-8000-000000000000/invocations", "/v2/runtimes"],
)
def test_chunked_flood_is_stopped_early(keyed: Emulator, path: str) -> None:
    """A 300 MB chunked body: answered 413 and the connection closed long before the end."""
    result = flood(keyed.url, path, {"Authorization": f"Bearer {KEY}"}, seconds=30)
    assert result.status == 413, result.answer[:200]
    assert result.sent < 64 * 2**20  # the server stopped reading: the rest could not be sent


def test_unauthenticated_flood_is_refused_before_reading(keyed: Emulator) -> None:
    result = flood(keyed.url, "/_emulator/script", {}, seconds=30)
    assert result.status == 401
    assert result.sent < 64 * 2**20


# ---- JSON depth, counted by the emulator itself ----------------------------------------------------


def test_deep_body_is_refused(http: httpx.Client, keyed: Emulator) -> None:
    runtime = http.post(
        "/v2/runtimes",
        json={"spaceId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "type": "browser"},
        headers=keyed.headers,
    ).json()
    deep: Dict[str, Any] = {"type": "object"}
    body = json.dumps({"action": "extract", "outputSchema": deep})
    body = body.replace('{"type": "object"}', "[" * 5000 + "]" * 5000)
    response = http.post(
        f"/v1/runtimes/{runtime['id']}/invocations",
        content=body.encode(),
        headers={"Content-Type": "application/json", **keyed.headers},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "request.invalid_json"
    assert "nests deeper" in response.json()["error"]
    assert keyed.invocations == []


def test_nesting_up_to_the_limit_is_parsed(http: httpx.Client, keyed: Emulator) -> None:
    value = "[" * guard.MAX_JSON_DEPTH + "]" * guard.MAX_JSON_DEPTH
    response = http.post(
        "/_emulator/script",
        content=f'{{"output": {value[2:-2]}}}'.encode(),
        headers={"Content-Type": "application/json", **keyed.headers},
    )
    assert response.status_code == 200, response.text


def test_brackets_inside_strings_do_not_count() -> None:
    assert not guard.json_depth_exceeds(json.dumps({"s": "[" * 10_000, "t": '\\"[[[' * 100}).encode())
    assert guard.json_depth_exceeds(b"[" * 101 + b"]" * 101)
    assert not guard.json_depth_exceeds(b"[" * 100 + b"]" * 100)


DEPTH_PROBE = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("guard", sys.argv[1])
guard = importlib.util.module_from_spec(spec)
spec.loader.exec_module(guard)
deep = b"[" * 5000 + b"]" * 5000
print(json.dumps([guard.json_depth_exceeds(deep), guard.json_depth_exceeds(b"[" * 50 + b"]" * 50)]))
"""


def _pythons() -> List[str]:
    root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=False).stdout.strip()
    found = []
    for python in sorted(Path(root, "versions").glob("3.*/bin/python3")):
        major, minor = python.parent.parent.name.split(".")[:2]
        if (int(major), int(minor)) >= (3, 9):
            found.append(str(python))
    return found or [sys.executable]


def test_depth_limit_holds_on_every_python() -> None:
    """The same verdict on 3.9 to 3.13, whatever their json.loads recursion allows."""
    pythons = _pythons()
    versions = set()
    for python in pythons:
        out = subprocess.run(
            [python, "-c", DEPTH_PROBE, str(ROOT / "bctrl" / "emulator" / "guard.py")],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert json.loads(out.stdout) == [True, False], python
        versions.add(".".join(Path(python).parent.parent.name.split(".")[:2]))
    assert {"3.9", "3.10", "3.11", "3.12", "3.13"} <= versions


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("localhost", ("localhost", None)),
        ("LocalHost.:80", ("localhost", 80)),
        ("[::1]:8787", ("::1", 8787)),
        ("::1", ("", None)),
        ("a:b", ("", None)),
        ("[::1", ("", None)),
        ("host:123456", ("", None)),
    ],
)
def test_split_host(host: str, expected: Tuple[str, Any]) -> None:
    assert guard.split_host(host) == expected
