"""Checks API responses against the merged OpenAPI document (used by the end-to-end tests).

Every response a test sees through a checked client must match the schema documented for
its operation and status (undocumented error statuses must still be an ``ErrorResponse``),
and ``X-Request-Id`` must equal the body's ``requestId``.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

import httpx
from jsonschema import Draft202012Validator, FormatChecker

from bctrl._contract import inline_refs, load_spec


class SpecChecker:
    """Validates API responses against the response schemas of the document."""

    def __init__(self) -> None:
        self.spec = load_spec()
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
