"""Fixtures for the emulator tests.

Every response an emulator test sees through the ``client`` / ``aclient`` fixtures is
checked against the merged OpenAPI document: the body must match the schema documented
for that operation and status (undocumented error statuses must still be an
``ErrorResponse``), and ``X-Request-Id`` must equal the body's ``requestId``.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator

import httpx
import pytest
from spec_checker import SpecChecker

from bctrl._contract import load_spec
from bctrl.testing import Emulator

SPACE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


def _checking_hook(checker: SpecChecker) -> Callable[[httpx.Response], None]:
    def hook(response: httpx.Response) -> None:
        response.read()
        checker.check(response)

    return hook


@pytest.fixture(scope="session")
def shared_emulator() -> Iterator[Emulator]:
    """One emulator for the session (invocations take 100 ms), on a free port."""
    with Emulator(duration_ms=100) as emulator:
        yield emulator


@pytest.fixture
def emu(shared_emulator: Emulator) -> Iterator[Emulator]:
    """The shared emulator, reset before and after the test (state, scripts, faults)."""
    shared_emulator.reset()
    yield shared_emulator
    shared_emulator.reset()


@pytest.fixture
def client(emu: Emulator, spec_checker: SpecChecker) -> Iterator[httpx.Client]:
    """An httpx client for ``emu`` whose every response is checked against the spec."""
    with httpx.Client(
        base_url=emu.url,
        headers=emu.headers,
        timeout=10,
        event_hooks={"response": [_checking_hook(spec_checker)]},
    ) as http:
        yield http


def checked_client(emulator: Emulator, checker: SpecChecker, **kwargs: Any) -> httpx.Client:
    """A spec-checking client for an emulator started inside a test."""
    kwargs.setdefault("headers", emulator.headers)
    return httpx.Client(
        base_url=emulator.url,
        timeout=10,
        event_hooks={"response": [_checking_hook(checker)]},
        **kwargs,
    )


def async_checking_hook(checker: SpecChecker) -> Callable[[httpx.Response], Any]:
    async def hook(response: httpx.Response) -> None:
        await response.aread()
        checker.check(response)

    return hook


def make_runtime(http: httpx.Client, **fields: Any) -> Dict[str, Any]:
    body = {"spaceId": SPACE_ID, "type": "browser", **fields}
    response = http.post("/v2/runtimes", json=body)
    assert response.status_code == 200, response.text
    result: Dict[str, Any] = response.json()
    return result


@pytest.fixture
def runtime(client: httpx.Client) -> Dict[str, Any]:
    return make_runtime(client)


@pytest.fixture
def helpers() -> Any:
    """Small helpers shared by the test modules (no cross-module imports needed)."""

    class Helpers:
        SPACE_ID = SPACE_ID
        make_runtime = staticmethod(make_runtime)
        checked_client = staticmethod(checked_client)
        async_checking_hook = staticmethod(async_checking_hook)
        conformance_spec = staticmethod(load_spec)

        @staticmethod
        def create(http: httpx.Client, runtime_id: str, body: Dict[str, Any], **kwargs: Any) -> httpx.Response:
            return http.post(f"/v1/runtimes/{runtime_id}/invocations", json=body, **kwargs)

        @staticmethod
        def wait(http: httpx.Client, runtime_id: str, invocation_id: str, timeout_ms: int = 5000) -> Dict[str, Any]:
            response = http.post(
                f"/v1/runtimes/{runtime_id}/invocations/{invocation_id}/wait",
                json={"timeoutMs": timeout_ms},
            )
            assert response.status_code == 200, response.text
            result: Dict[str, Any] = response.json()
            return result

    return Helpers
