"""The same two requests (create an invocation, read it back) made three ways.

``SdkCaller`` goes through :class:`bctrl.Bctrl`; ``HttpxCaller`` sends the same requests
(same headers, an ``Idempotency-Key`` each, JSON decoded) with a bare keep-alive
``httpx.Client``; ``UrllibCaller`` uses ``urllib.request`` with a new connection per
request, as a naive client does.
"""

from __future__ import annotations

import gc
import json
import ssl
import time
import urllib.request
import uuid
from typing import Dict, List, Optional, Protocol, Sequence, Tuple

import httpx

from bctrl import Bctrl

BODY = {"action": "act", "instruction": "x"}
USER_AGENT = "bench/0.1"


class Caller(Protocol):
    name: str

    def create(self, runtime_id: str) -> str: ...

    def get(self, invocation_id: str) -> None: ...

    def close(self) -> None: ...


def _headers(api_key: str) -> Dict[str, str]:
    return {
        "Authorization": f"Bearer {api_key}",
        "Accept": "application/json",
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }


class SdkCaller:
    name = "sdk"

    def __init__(
        self,
        base_url: str,
        api_key: str,
        verify: Optional[ssl.SSLContext] = None,
        transport: Optional[httpx.BaseTransport] = None,
    ) -> None:
        # Over TLS the SDK gets an httpx.Client that trusts the test CA; on loopback it
        # makes its own (the default users get).
        self._http = None
        if verify is not None or transport is not None:
            self._http = httpx.Client(verify=verify or True, transport=transport)
        self.client = Bctrl(api_key=api_key, base_url=base_url, http_client=self._http)

    def create(self, runtime_id: str) -> str:
        inv = self.client.runtimes.invocations.create(runtime_id, action="act", instruction="x")
        return inv.id

    def get(self, invocation_id: str) -> None:
        self.client.invocations.get(invocation_id)

    def close(self) -> None:
        self.client.close()
        if self._http is not None:
            self._http.close()


class HttpxCaller:
    name = "httpx"

    def __init__(
        self,
        base_url: str,
        api_key: str,
        verify: Optional[ssl.SSLContext] = None,
        transport: Optional[httpx.BaseTransport] = None,
    ) -> None:
        self.http = httpx.Client(
            base_url=base_url, headers=_headers(api_key), verify=verify or True, transport=transport
        )

    def create(self, runtime_id: str) -> str:
        response = self.http.post(
            f"/v1/runtimes/{runtime_id}/invocations",
            json=BODY,
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        response.raise_for_status()
        return str(response.json()["id"])

    def get(self, invocation_id: str) -> None:
        response = self.http.get(f"/v1/invocations/{invocation_id}")
        response.raise_for_status()
        response.json()

    def close(self) -> None:
        self.http.close()


class UrllibCaller:
    name = "urllib-new-conn"

    def __init__(self, base_url: str, api_key: str, verify: Optional[ssl.SSLContext] = None) -> None:
        self.base_url = base_url
        self.headers = _headers(api_key)
        self.context = verify

    def _send(self, request: urllib.request.Request) -> object:
        with urllib.request.urlopen(request, timeout=30, context=self.context) as response:
            return json.loads(response.read())

    def create(self, runtime_id: str) -> str:
        request = urllib.request.Request(
            f"{self.base_url}/v1/runtimes/{runtime_id}/invocations",
            data=json.dumps(BODY).encode(),
            headers={**self.headers, "Idempotency-Key": str(uuid.uuid4())},
            method="POST",
        )
        answer = self._send(request)
        assert isinstance(answer, dict)
        return str(answer["id"])

    def get(self, invocation_id: str) -> None:
        request = urllib.request.Request(f"{self.base_url}/v1/invocations/{invocation_id}", headers=self.headers)
        self._send(request)

    def close(self) -> None:
        return None


def make_callers(base_url: str, api_key: str, verify: Optional[ssl.SSLContext] = None) -> List[Caller]:
    return [
        SdkCaller(base_url, api_key, verify),
        HttpxCaller(base_url, api_key, verify),
        UrllibCaller(base_url, api_key, verify),
    ]


def canned_invocation(request: httpx.Request) -> httpx.Response:
    """What the emulator answers to a create (202) or a read (200), without a server."""
    body = {
        "id": str(uuid.uuid4()),
        "runtimeId": str(uuid.UUID(int=1)),
        "runId": str(uuid.UUID(int=2)),
        "action": "act",
        "status": "queued",
        "createdAt": "2026-01-01T00:00:00.000Z",
        "startedAt": None,
        "finishedAt": None,
        "durationMs": None,
        "output": None,
        "error": None,
    }
    return httpx.Response(202 if request.method == "POST" else 200, json=body)


def mock_callers(api_key: str) -> Tuple[SdkCaller, HttpxCaller]:
    """The SDK and bare httpx over ``httpx.MockTransport``: client-side cost only."""
    base_url = "http://127.0.0.1:9"  # loopback: the mock transport answers, nothing connects
    sdk = SdkCaller(base_url, api_key, transport=httpx.MockTransport(canned_invocation))
    bare = HttpxCaller(base_url, api_key, transport=httpx.MockTransport(canned_invocation))
    return sdk, bare


def timed_pairs(caller: Caller, runtime_id: str, pairs: int) -> List[float]:
    """``pairs`` times (create, get); the µs of each call."""
    samples: List[float] = []
    for _ in range(pairs):
        started = time.perf_counter()
        invocation_id = caller.create(runtime_id)
        created = time.perf_counter()
        caller.get(invocation_id)
        done = time.perf_counter()
        samples.append((created - started) * 1e6)
        samples.append((done - created) * 1e6)
    return samples


def interleave(
    callers: Sequence[Caller], runtime_ids: Dict[str, str], *, rounds: int, pairs: int, warmup: int
) -> Dict[str, List[float]]:
    """Round by round, each caller in turn (order rotated each round); µs per call."""
    for caller in callers:
        timed_pairs(caller, runtime_ids[caller.name], warmup)
    samples: Dict[str, List[float]] = {caller.name: [] for caller in callers}
    for index in range(rounds):
        shift = index % len(callers)
        for caller in [*callers[shift:], *callers[:shift]]:
            gc.collect()
            samples[caller.name].extend(timed_pairs(caller, runtime_ids[caller.name], pairs))
    return samples
