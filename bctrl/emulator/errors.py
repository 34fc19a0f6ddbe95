"""The emulator's error model: one exception type rendered as the API's ``ErrorResponse``."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

REASON_CLASSES: Dict[int, str] = {
    400: "invalid_input",
    405: "invalid_input",
    413: "invalid_input",
    415: "invalid_input",
    401: "unauthorized",
    402: "capability_limit_exceeded",
    403: "capability_denied",
    404: "not_found",
    409: "conflict",
    429: "rate_limited",
    500: "server",
    503: "upstream",
}


class ApiError(Exception):
    """An error answer: HTTP status, stable dot-namespaced code and a human message."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: Optional[Mapping[str, Any]] = None,
        hint: Optional[str] = None,
        headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = dict(details) if details is not None else None
        self.hint = hint
        self.headers = dict(headers or {})

    def body(self, request_id: str) -> Dict[str, Any]:
        """The ``ErrorResponse`` JSON body for this error."""
        body: Dict[str, Any] = {
            "code": self.code,
            "error": self.message,
            "reasonClass": REASON_CLASSES.get(self.status, "server"),
            "requestId": request_id,
        }
        if self.details is not None:
            body["details"] = self.details
        if self.hint is not None:
            body["hint"] = self.hint
        return body


def not_found(code: str, what: str, value: str) -> ApiError:
    """A 404 for an unknown (or malformed) resource id."""
    return ApiError(404, code, f"{what} '{value}' was not found.", details={"id": value})


def invalid(message: str, *, code: str = "request.invalid", **details: Any) -> ApiError:
    """A 400 for a request that does not match the contract."""
    return ApiError(400, code, message, details=details or None)
