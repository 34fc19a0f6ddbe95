"""Fixtures for the emulator tests.

Every response an emulator test sees through the ``client`` / ``aclient`` fixtures is
checked against the merged OpenAPI document: the body must match the schema documented
for that operation and status (undocumented error statuses must still be an
``ErrorResponse``), and ``X-Request-Id`` must equal the body's ``requestId``.
"""

from __future__ import annotations

import copy
import re
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import httpx
import pytest
from jsonschema import Draft202012Validator, FormatChecker

from bctrl.emulator.spec import inline_refs, load_spec
from bctrl.testing import Emulator

SPACE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


def conformance_spec() -> Dict[str, Any]:
    """The merged document, with one known defect relaxed.

    ``RuntimeDetailConfig`` is ``oneOf: [RuntimeResolvedConfig, RuntimeRawConfig]`` and
    ``RuntimeRawConfig`` accepts every object, so a config that also satisfies the resolved
    shape (``browser: {profile: bool}``) matches both branches and fails ``oneOf``. The
    emulator echoes the submitted config (the raw shape); for the contract checks the
    union is read as ``anyOf``.
    """
    spec = copy.deepcopy(load_spec())
    union = spec["components"]["schemas"]["RuntimeDetailConfig"]
    union["anyOf"] = union.pop("oneOf")
    return spec


class SpecChecker:
    """Validates API responses against the response schemas of the document."""

    def __init__(self) -> None:
        self.spec = conformance_spec()
        self.routes: List[Tuple[re.Pattern[str], str, str]] = []
        for template, item in self.spec["paths"].items():
            pattern = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$")
            for method in item:
                self.routes.append((pattern, method.upper(), template))
        self._validators: Dict[Tuple[str, str, str], Draft202012Validator] = {}
        error_schema = inline_refs({"$ref": "#/components/schemas/ErrorResponse"}, self.spec)
        self.error_validator = Draft202012Validator(error_schema, format_checker=FormatChecker())
        self.checked = 0

    def _validator(self, template: str, method: str, status: int) -> Optional[Draft202012Validator]:
        key = (template, method, str(status))
        if key not in self._validators:
            op = self.spec["paths"][template][method.lower()]
            response = op.get("responses", {}).get(str(status))
            if response is None:
                return None
            schema = response.get("content", {}).get("application/json", {}).get("schema")
            if schema is None:
                return None
            self._validators[key] = Draft202012Validator(inline_refs(schema, self.spec), format_checker=FormatChecker())
        return self._validators[key]

    def check(self, response: httpx.Response) -> None:
        path = response.request.url.path
        if path.startswith("/_emulator"):
            return
        method = response.request.method
        body = response.json()
        request_id = response.headers.get("x-request-id")
        assert request_id, "every response carries X-Request-Id"
        template = next((t for pattern, m, t in self.routes if m == method and pattern.match(path)), None)
        validator = None
        if template is not None:
            validator = self._validator(template, method, response.status_code)
        if validator is None and response.status_code >= 400:
            validator = self.error_validator
        assert validator is not None, f"no documented schema for {method} {path} {response.status_code}"
        errors = [e.message for e in validator.iter_errors(body)]
        assert not errors, f"{method} {path} {response.status_code}: {errors[:3]} in {body}"
        if response.status_code >= 400:
            assert body["requestId"] == request_id
            expected = {
                400: "invalid_input",
                401: "unauthorized",
                404: "not_found",
                405: "invalid_input",
                409: "conflict",
                429: "rate_limited",
                500: "server",
                503: "upstream",
            }
            assert body["reasonClass"] == expected[response.status_code]
        self.checked += 1


@pytest.fixture(scope="session")
def spec_checker() -> SpecChecker:
    return SpecChecker()


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
        conformance_spec = staticmethod(conformance_spec)

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
