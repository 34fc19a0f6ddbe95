"""Prism, a referee we did not write, on both sides of the contract.

* As a mock (``prism mock --dynamic``): a server that answers whatever the merged document
  allows, with values generated from its schemas. Every SDK operation must read those
  answers as typed values; a spec-valid answer the SDK cannot parse is a contract bug.
* As a validating proxy (``prism proxy --errors``) in front of the emulator: the SDK's whole
  flow goes through it, and Prism checks every request and every emulator answer against
  the document (a violation becomes an error answer and an ``sl-violations`` header). The
  requests the document forbids must be refused by Prism and by the emulator alike.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Iterator, List, Tuple

import httpx
import pytest
from prism_env import ROOT, serve

import bctrl
from bctrl.testing import Emulator

SPEC = str(ROOT / "spec" / "openapi.yaml")
SPACE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
API_KEY = "sk_test_prism"
SEED = "20261125"

Call = Callable[[bctrl.Bctrl, Dict[str, str]], Any]


def _operations() -> List[Tuple[str, Call]]:
    """One call of every SDK operation; ``ids`` carries the ids earlier answers gave."""

    def create(action: str, **fields: Any) -> Call:
        def call(c: bctrl.Bctrl, ids: Dict[str, str]) -> Any:
            inv = c.runtimes.invocations.create(ids["runtime"], action=action, **fields)
            ids["invocation"], ids["run"] = inv.id, inv.run_id
            return inv

        return call

    def runtime(c: bctrl.Bctrl, ids: Dict[str, str]) -> Any:
        rt = c.runtimes.create(space_id=SPACE_ID, type="browser")
        ids["runtime"] = rt.id
        return rt

    def wait(c: bctrl.Bctrl, ids: Dict[str, str]) -> Any:
        try:
            return c.runtimes.invocations.wait(ids["runtime"], ids["invocation"], timeout=2)
        except bctrl.WaitTimeoutError as exc:  # a typed answer too: the server said "not yet"
            return exc

    return [
        ("runtimes.create", runtime),
        ("invocations.create act", create("act", instruction="Click export.")),
        ("invocations.create observe", create("observe", instruction="Find export.")),
        ("invocations.create extract", create("extract", instruction="Total?", output_schema={"type": "object"})),
        ("invocations.create stagehandAgent", create("stagehandAgent", instruction="Go.", max_steps=2)),
        ("invocations.create browserUse", create("browserUse", instruction="Book it.", max_steps=3)),
        ("invocations.create solveCaptcha", create("solveCaptcha")),
        ("invocations.wait", wait),
        ("invocations.cancel", lambda c, ids: c.runtimes.invocations.cancel(ids["runtime"], ids["invocation"])),
        ("runs.invocations.get", lambda c, ids: c.runs.invocations.get(ids["run"], ids["invocation"])),
        ("invocations.get", lambda c, ids: c.invocations.get(ids["invocation"])),
        ("runs.invocations.list", lambda c, ids: next(iter(c.runs.invocations.list(ids["run"], limit=5)), None)),
        (
            "spaces.runtimes.invocations.create stagehand",
            lambda c, ids: c.spaces.runtimes.invocations.create(
                SPACE_ID, ids["runtime"], provider="stagehand", instruction="Summarize."
            ),
        ),
        (
            "spaces.runtimes.invocations.create browserUse",
            lambda c, ids: c.spaces.runtimes.invocations.create(
                SPACE_ID, ids["runtime"], provider="browserUse", instruction="Book it."
            ),
        ),
        ("runtimes.get", lambda c, ids: c.runtimes.get(ids["runtime"])),
        ("runtimes.list", lambda c, ids: next(iter(c.runtimes.list(status="active", limit=5)), None)),
        # last: they end the runtime the calls above use
        ("runtimes.stop", lambda c, ids: c.runtimes.stop(ids["runtime"])),
        ("runtimes.delete", lambda c, ids: c.runtimes.delete(ids["runtime"]) or "deleted"),
    ]


def _drive(client: bctrl.Bctrl) -> Dict[str, str]:
    """Run every operation; name -> "ok" or the error it raised."""
    # each operation runs even when an earlier one failed: until an answer gives real ids,
    # a well-formed one stands in
    ids: Dict[str, str] = {"runtime": SPACE_ID, "run": SPACE_ID, "invocation": SPACE_ID}
    outcome: Dict[str, str] = {}
    for name, call in _operations():
        try:
            value = call(client, ids)
            outcome[name] = "ok" if value is not None or name.endswith(".list") else "None"
        except Exception as exc:
            outcome[name] = f"{type(exc).__name__}: {str(exc)[:300]}"
    return outcome


def test_every_sdk_operation_reads_a_spec_valid_server() -> None:
    with serve("mock", SPEC, "--dynamic", "--seed", SEED, "--errors") as url:
        client = bctrl.Bctrl(api_key=API_KEY, base_url=url, max_retries=0, timeout=20)
        outcome = _drive(client)
        client.close()
    failed = {name: result for name, result in outcome.items() if result != "ok"}
    assert not failed, json.dumps(failed, indent=1)
    assert len(outcome) == 18


@pytest.fixture(scope="module")
def proxied() -> Iterator[Tuple[Emulator, str]]:
    with Emulator(api_key=API_KEY, duration_ms=20) as emu, serve("proxy", SPEC, emu.url, "--errors") as url:
        yield emu, url


def test_the_emulator_passes_a_validating_proxy(proxied: Tuple[Emulator, str]) -> None:
    _emu, url = proxied
    violations: List[str] = []

    def hook(response: httpx.Response) -> None:
        if "sl-violations" in response.headers:
            violations.append(
                f"{response.request.method} {response.request.url.path}: {response.headers['sl-violations']}"
            )

    http = httpx.Client(event_hooks={"response": [hook]}, timeout=30)
    client = bctrl.Bctrl(api_key=API_KEY, base_url=url, max_retries=0, timeout=20, http_client=http)
    outcome = _drive(client)
    # a full create-and-wait, so the long poll's answers are checked too
    rt = client.runtimes.create(space_id=SPACE_ID, type="browser")
    done = client.runtimes.invocations.create_and_wait(rt.id, action="extract", instruction="Total?", timeout=20)
    client.close()
    http.close()
    assert done.status == "succeeded"
    failed = {name: result for name, result in outcome.items() if result != "ok"}
    assert not failed, json.dumps(failed, indent=1)
    assert not violations, "\n".join(violations)


def _forbidden(url: str, rt: Dict[str, Any], inv_id: str) -> Dict[str, httpx.Response]:
    headers = {"Authorization": f"Bearer {API_KEY}"}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as http:
        return {
            "comma-separated status filter": http.get(
                f"/v1/runs/{rt['activeRunId']}/invocations", params={"status": "succeeded,failed"}
            ),
            "text/plain body": http.post(
                f"/v1/runtimes/{rt['id']}/invocations",
                content=b'{"action": "act"}',
                headers={"Content-Type": "text/plain"},
            ),
            "body on cancel": http.post(f"/v1/runtimes/{rt['id']}/invocations/{inv_id}/cancel", json={"force": True}),
            "empty Idempotency-Key": http.post(
                f"/v1/runtimes/{rt['id']}/invocations", json={"action": "act"}, headers={"Idempotency-Key": ""}
            ),
            "limit=500": http.get(f"/v1/runs/{rt['activeRunId']}/invocations", params={"limit": 500}),
            "unknown field in the wait body": http.post(
                f"/v1/runtimes/{rt['id']}/invocations/{inv_id}/wait", json={"timeoutMs": 10, "timeout": 5}
            ),
            "runtime create without a body": http.post("/v2/runtimes"),
            "comma-separated runtime status filter": http.get("/v1/runtimes", params={"status": "active,stopped"}),
            "unknown runtime status": http.get("/v1/runtimes", params={"status": "paused"}),
            "runtime list limit=0": http.get("/v1/runtimes", params={"limit": 0}),
            "body on stop": http.post(f"/v1/runtimes/{rt['id']}/stop", json={"force": True}),
        }


def test_what_the_document_forbids_both_refuse(proxied: Tuple[Emulator, str]) -> None:
    emu, url = proxied
    headers = {"Authorization": f"Bearer {API_KEY}"}
    with httpx.Client(base_url=emu.url, headers=headers, timeout=30) as http:
        rt = http.post("/v2/runtimes", json={"spaceId": SPACE_ID, "type": "browser"}).json()
        inv_id = http.post(f"/v1/runtimes/{rt['id']}/invocations", json={"action": "act"}).json()["id"]
    direct = _forbidden(emu.url, rt, inv_id)
    through_prism = _forbidden(url, rt, inv_id)
    for name, response in direct.items():
        assert response.status_code in (400, 415), (name, response.status_code, response.text)
        flagged = through_prism[name]
        # Prism refuses the request itself (422 with its violations), or forwards it and the
        # emulator's refusal comes back
        assert flagged.status_code in (400, 415, 422), (name, flagged.status_code, flagged.text[:500])


class _Liar(BaseHTTPRequestHandler):
    """Answers every GET with an invocation whose ``createdAt`` is not a date-time."""

    BODY = json.dumps(
        {
            "id": SPACE_ID,
            "runtimeId": SPACE_ID,
            "runId": SPACE_ID,
            "action": "act",
            "status": "queued",
            "createdAt": "yesterday",
        }
    ).encode()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.BODY)))
        self.end_headers()
        self.wfile.write(self.BODY)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_the_proxy_flags_a_server_that_breaks_the_document() -> None:
    """The control for the proxy test above: a wrong answer does not get through unnoticed."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Liar)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        upstream = f"http://127.0.0.1:{server.server_address[1]}"
        with serve("proxy", SPEC, upstream, "--errors") as url:
            response = httpx.get(f"{url}/v1/invocations/{SPACE_ID}", headers={"Authorization": "Bearer k"}, timeout=30)
    finally:
        server.shutdown()
        thread.join(timeout=10)
    assert response.status_code == 500
    violations = json.loads(response.headers["sl-violations"])
    assert [v["location"] for v in violations] == [["response", "body", "createdAt"]]
    assert violations[0]["code"] == "format"
