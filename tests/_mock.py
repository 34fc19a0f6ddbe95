"""Shared helpers for the unit tests: spec-valid bodies and a scriptable mock API.

``MockAPI`` is an ``httpx.MockTransport`` handler that records every request and answers
each route either from a queue (``api.queue("wait", ...)``) or with a sensible default.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any, Callable, Dict, List, Optional, Union

import httpx

from bctrl import AsyncBctrl, Bctrl

RT = "1c9e6679-7425-40de-944b-e07fc1f90ae7"
RUN = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
INV = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
SPACE = "5b1f7a4e-2d3c-4e8f-9a0b-1c2d3e4f5a6b"
FILE_ID = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"
API_KEY = "sk-test-key"

Item = Union[httpx.Response, BaseException, Callable[[httpx.Request], Any]]


def invocation(status: str = "queued", action: str = "act", id: str = INV, **fields: Any) -> Dict[str, Any]:
    """A spec-valid ``Invocation`` body."""
    body: Dict[str, Any] = {
        "action": action,
        "createdAt": "2024-06-01T12:00:00Z",
        "id": id,
        "runId": RUN,
        "runtimeId": RT,
        "status": status,
    }
    body.update(fields)
    return body


def wait_answer(
    status: str = "succeeded",
    action: str = "act",
    *,
    wait_status: Optional[str] = None,
    retry_after_ms: Optional[int] = None,
    **fields: Any,
) -> Dict[str, Any]:
    """A spec-valid ``InvocationWaitResponse`` body."""
    terminal = status in {"succeeded", "failed", "cancelled", "timed_out"}
    body = invocation(status, action, **fields)
    body["waitStatus"] = wait_status or ("completed" if terminal else "timeout")
    if retry_after_ms is not None:
        body["retryAfterMs"] = retry_after_ms
    return body


def error_body(
    code: str,
    reason_class: str,
    error: str = "something went wrong",
    *,
    hint: Optional[str] = None,
    details: Optional[Dict[str, Any]] = None,
    request_id: Optional[str] = None,
) -> Dict[str, Any]:
    body: Dict[str, Any] = {"code": code, "reasonClass": reason_class, "error": error}
    if hint is not None:
        body["hint"] = hint
    if details is not None:
        body["details"] = details
    if request_id is not None:
        body["requestId"] = request_id
    return body


def runtime_body(**fields: Any) -> Dict[str, Any]:
    body: Dict[str, Any] = {
        "activeRunId": RUN,
        "createdAt": "2024-06-01T12:00:00Z",
        "updatedAt": "2024-06-01T12:00:00Z",
        "id": RT,
        "name": "my-runtime",
        "status": "active",
        "type": "browser",
    }
    body.update(fields)
    return body


def legacy_body(**fields: Any) -> Dict[str, Any]:
    body: Dict[str, Any] = {
        "artifactCount": 0,
        "createdAt": "2024-06-01T12:00:00Z",
        "entryCall": "agent.execute",
        "executionMode": "durable",
        "id": INV,
        "runId": RUN,
        "runtimeId": RT,
        "runtimeKind": "browser",
        "sequenceNo": 1,
        "spaceId": SPACE,
        "status": "queued",
        "stepCount": 0,
    }
    body.update(fields)
    return body


def page(items: List[Dict[str, Any]], next_cursor: Optional[str]) -> Dict[str, Any]:
    return {"data": items, "nextCursor": next_cursor}


def json_response(status: int, body: Any, headers: Optional[Dict[str, str]] = None) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


_ROUTES = [
    ("POST", re.compile(r"^/v1/runtimes/[^/]+/invocations/[^/]+/wait$"), "wait"),
    ("POST", re.compile(r"^/v1/runtimes/[^/]+/invocations/[^/]+/cancel$"), "cancel"),
    ("POST", re.compile(r"^/v1/runtimes/[^/]+/invocations$"), "create"),
    ("GET", re.compile(r"^/v1/runs/[^/]+/invocations$"), "list"),
    ("GET", re.compile(r"^/v1/runs/[^/]+/invocations/[^/]+$"), "get_run"),
    ("GET", re.compile(r"^/v1/invocations/[^/]+$"), "get"),
    ("POST", re.compile(r"^/v2/runtimes$"), "runtime_create"),
    ("GET", re.compile(r"^/v1/runtimes$"), "runtime_list"),
    ("GET", re.compile(r"^/v1/runtimes/[^/]+$"), "runtime_get"),
    ("DELETE", re.compile(r"^/v1/runtimes/[^/]+$"), "runtime_delete"),
    ("POST", re.compile(r"^/v1/runtimes/[^/]+/stop$"), "runtime_stop"),
    ("POST", re.compile(r"^/v1/spaces/[^/]+/runtimes/[^/]+/invocations$"), "legacy_create"),
]


def route_of(request: httpx.Request) -> str:
    for method, pattern, name in _ROUTES:
        if request.method == method and pattern.match(request.url.path):
            return name
    return "unknown"


class MockAPI:
    """Records requests; answers from per-route queues, else from defaults."""

    def __init__(self) -> None:
        self.requests: List[httpx.Request] = []
        self.queues: Dict[str, List[Item]] = defaultdict(list)

    def queue(self, route: str, *items: Item) -> MockAPI:
        self.queues[route].extend(items)
        return self

    def _answer(self, request: httpx.Request) -> Any:
        route = route_of(request)
        if self.queues[route]:
            item = self.queues[route].pop(0)
            if isinstance(item, BaseException):
                raise item
            if isinstance(item, httpx.Response):
                return item
            return item(request)
        return self.default(route, request)

    def __call__(self, request: httpx.Request) -> Any:
        self.requests.append(request)
        return self._answer(request)

    @staticmethod
    def default(route: str, request: httpx.Request) -> httpx.Response:
        if route == "create":
            action = json.loads(request.content).get("action", "act")
            return json_response(202, invocation("queued", action))
        if route == "wait":
            return json_response(200, wait_answer("succeeded"))
        if route == "cancel":
            return json_response(200, invocation("cancelled"))
        if route in ("get_run", "get"):
            return json_response(200, invocation("succeeded", output={"ok": True}))
        if route == "list":
            return json_response(200, page([], None))
        if route in ("runtime_create", "runtime_get"):
            return json_response(200, runtime_body())
        if route in ("runtime_stop", "runtime_delete"):
            return json_response(200, runtime_body(status="stopped", activeRunId=None))
        if route == "runtime_list":
            return json_response(200, page([], None))
        if route == "legacy_create":
            return json_response(202, legacy_body())
        return json_response(404, error_body("route.not_found", "not_found", f"no route {request.url.path}"))

    # --- inspection -------------------------------------------------------------

    def of(self, route: str) -> List[httpx.Request]:
        return [r for r in self.requests if route_of(r) == route]

    def bodies(self, route: str) -> List[Any]:
        return [json.loads(r.content) if r.content else None for r in self.of(route)]

    def body(self, route: str = "create", index: int = 0) -> Any:
        return self.bodies(route)[index]

    # --- clients ----------------------------------------------------------------

    def client(self, **kwargs: Any) -> Bctrl:
        kwargs.setdefault("api_key", API_KEY)
        return Bctrl(http_client=httpx.Client(transport=httpx.MockTransport(self)), **kwargs)

    def async_client(self, **kwargs: Any) -> AsyncBctrl:
        kwargs.setdefault("api_key", API_KEY)
        return AsyncBctrl(http_client=httpx.AsyncClient(transport=httpx.MockTransport(self)), **kwargs)


class SleepRecorder:
    """Stands in for ``time.sleep`` / ``asyncio.sleep``: records delays, sleeps for nothing."""

    def __init__(self) -> None:
        self.delays: List[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


class AsyncSleepRecorder(SleepRecorder):
    async def __call__(self, seconds: float) -> None:  # type: ignore[override]
        self.delays.append(seconds)


class FakeClock:
    """A monotonic clock that advances only when something sleeps on it."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.delays: List[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.delays.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)
