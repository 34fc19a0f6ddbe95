"""The exceptions the SDK raises. All are subclasses of :class:`BctrlError`.

``APIError`` and its subclasses describe a non-2xx answer; the class is chosen by
:func:`api_error_class` (``code`` first, then ``reasonClass``, then the HTTP status).
``InvocationError`` and its subclasses describe an invocation that ended without success;
the class is chosen by :func:`invocation_error_class`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Type

import attrs

if TYPE_CHECKING:
    from ._invocation import Invocation

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BctrlError",
    "ConflictError",
    "DeadlineExceededError",
    "IdempotencyConflictError",
    "InternalServerError",
    "InvocationCancelledError",
    "InvocationError",
    "InvocationTimedOutError",
    "NotFoundError",
    "OutputSchemaInvalidError",
    "OutputValidationError",
    "OutputValidationIssue",
    "PermissionDeniedError",
    "QuotaExceededError",
    "RateLimitError",
    "RequestValidationError",
    "ResponseTooLargeError",
    "RuntimeNotExecutableError",
    "ServiceUnavailableError",
    "WaitTimeoutError",
]


class BctrlError(Exception):
    """Base class of every exception this SDK raises."""

    def __reduce__(self) -> Any:
        # Keyword-only constructors break Exception's default pickling; restore the state directly.
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(cls: Type[BctrlError], args: Any, state: Dict[str, Any]) -> BctrlError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


# --- request-side -------------------------------------------------------------


class RequestValidationError(BctrlError, ValueError):
    """Arguments that cannot make a valid request; raised before anything is sent.

    ``field`` names the argument (wire name, dotted for nested fields) and
    ``expected`` says what would have been accepted.
    """

    def __init__(self, message: str, *, field: Optional[str] = None, expected: Optional[str] = None):
        super().__init__(message)
        self.field = field
        self.expected = expected


# --- transport ----------------------------------------------------------------


class APIConnectionError(BctrlError):
    """The request could not be completed: connection refused, reset or dropped."""


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or pool timeout)."""


class DeadlineExceededError(APITimeoutError):
    """The call's deadline (its whole budget, retries and their pauses included) ran out,
    or what was left of it could not fit the retry the answer called for (a ``Retry-After``
    past it). ``__cause__`` is the last attempt's error, when there was one."""


class APIResponseValidationError(BctrlError):
    """A 2xx answer whose body does not match the contract (missing field, wrong type)."""

    def __init__(self, message: str, *, status_code: int, request_id: Optional[str] = None):
        super().__init__(message)
        self.status_code = status_code
        self.request_id = request_id


class ResponseTooLargeError(APIResponseValidationError):
    """An answer larger than the client's ``max_response_bytes`` (decoded size); reading
    stopped there and nothing of it was kept."""

    def __init__(self, message: str, *, status_code: int, request_id: Optional[str] = None, limit: int):
        super().__init__(message, status_code=status_code, request_id=request_id)
        self.limit = limit


# --- HTTP answers -------------------------------------------------------------


class APIError(BctrlError):
    """The API answered with a non-2xx status.

    ``code`` and ``reason_class`` come from the ``ErrorResponse`` body; when the body is
    not an ``ErrorResponse`` (an HTML page from a proxy, say) they are ``None`` and
    ``message`` holds a short excerpt of it.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        code: Optional[str] = None,
        reason_class: Optional[str] = None,
        hint: Optional[str] = None,
        details: Optional[Mapping[str, Any]] = None,
        request_id: Optional[str] = None,
        retry_after: Optional[float] = None,
    ):
        self.message = message
        self.status_code = status_code
        self.code = code
        self.reason_class = reason_class
        self.hint = hint
        self.details: Dict[str, Any] = dict(details or {})
        self.request_id = request_id
        self.retry_after = retry_after
        super().__init__(self._text())

    def _text(self) -> str:
        head = f"{self.status_code}"
        if self.code:
            head += f" {self.code}"
        text = f"{head}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        if self.request_id:
            text += f" [request {self.request_id}]"
        return text


class BadRequestError(APIError):
    """400: the request was invalid (``reasonClass`` ``invalid_input``)."""


class OutputSchemaInvalidError(BadRequestError):
    """400 ``invocation.output_schema_invalid``: the output schema is not valid JSON Schema."""


class AuthenticationError(APIError):
    """401: the API key is missing or invalid."""


class QuotaExceededError(APIError):
    """402: a capability or usage limit was exceeded."""


class PermissionDeniedError(APIError):
    """403: the API key cannot access this resource."""


class NotFoundError(APIError):
    """404: the runtime, run or invocation does not exist."""


class ConflictError(APIError):
    """409: the request conflicts with the current state of the resource."""


class IdempotencyConflictError(ConflictError):
    """409: the idempotency key was already used with a different request."""


class RuntimeNotExecutableError(ConflictError):
    """409 ``runtime.not_executable``: the runtime is not ``active`` (stopped, failed), so it
    takes no new invocations. Create a new runtime."""


class RateLimitError(APIError):
    """429: too many requests. ``retry_after`` is the server's requested pause, in seconds."""


class InternalServerError(APIError):
    """500: an unexpected server error."""


class ServiceUnavailableError(APIError):
    """503: an upstream dependency was unavailable; retry later."""


_BY_CODE: Mapping[str, Type[APIError]] = {
    "invocation.output_schema_invalid": OutputSchemaInvalidError,
    "idempotency.conflict": IdempotencyConflictError,
    "idempotency_key.conflict": IdempotencyConflictError,
    "runtime.not_executable": RuntimeNotExecutableError,
}

_BY_REASON: Mapping[str, Type[APIError]] = {
    "invalid_input": BadRequestError,
    "unauthorized": AuthenticationError,
    "capability_limit_exceeded": QuotaExceededError,
    "capability_denied": PermissionDeniedError,
    "not_found": NotFoundError,
    "conflict": ConflictError,
    "rate_limited": RateLimitError,
    "server": InternalServerError,
    "upstream": ServiceUnavailableError,
}

_BY_STATUS: Mapping[int, Type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: QuotaExceededError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
    500: InternalServerError,
    503: ServiceUnavailableError,
}


def api_error_class(status_code: int, code: Optional[str], reason_class: Optional[str]) -> Type[APIError]:
    """The exception class for an error answer: by ``code``, then ``reasonClass``, then status."""
    if code and code in _BY_CODE:
        return _BY_CODE[code]
    if reason_class and reason_class in _BY_REASON:
        return _BY_REASON[reason_class]
    return _BY_STATUS.get(status_code, APIError)


# --- invocation outcomes ------------------------------------------------------


class InvocationError(BctrlError):
    """An invocation ended without success.

    ``invocation`` is the final :class:`~bctrl.Invocation`; ``code``, ``message`` and
    ``details`` are its ``error`` fields.
    """

    def __init__(
        self,
        message: str,
        *,
        invocation: Optional[Invocation] = None,
        code: Optional[str] = None,
        details: Optional[Mapping[str, Any]] = None,
    ):
        super().__init__(message)
        self.message = message
        self.invocation = invocation
        self.code = code
        self.details: Dict[str, Any] = dict(details or {})

    def __str__(self) -> str:
        prefix = f"{self.code}: " if self.code else ""
        suffix = f" [invocation {self.invocation.id}]" if self.invocation is not None else ""
        return f"{prefix}{self.message}{suffix}"


class InvocationTimedOutError(InvocationError):
    """The invocation exceeded its server-side ``timeoutMs`` (status ``timed_out``)."""


class InvocationCancelledError(InvocationError):
    """The invocation was cancelled (status ``cancelled``)."""


@attrs.frozen
class OutputValidationIssue:
    """One place where an output does not match its schema."""

    path: str
    """JSON path of the offending value, e.g. ``$.lines[2].total``."""
    message: str


class OutputValidationError(InvocationError):
    """The invocation's output does not match the schema that was sent.

    Raised by the SDK's own validation (``issues`` lists every failing path, not only
    the first) and for a server-side ``invocation.output_validation_failed``.
    """

    def __init__(
        self,
        message: str,
        *,
        issues: Sequence[OutputValidationIssue] = (),
        invocation: Optional[Invocation] = None,
        code: Optional[str] = "invocation.output_validation_failed",
        details: Optional[Mapping[str, Any]] = None,
    ):
        super().__init__(message, invocation=invocation, code=code, details=details)
        self.issues: List[OutputValidationIssue] = list(issues)


_INVOCATION_BY_CODE: Mapping[str, Type[InvocationError]] = {
    "invocation.timed_out": InvocationTimedOutError,
    "invocation.timeout": InvocationTimedOutError,
    "invocation.cancelled": InvocationCancelledError,
    "invocation.output_validation_failed": OutputValidationError,
}

_INVOCATION_BY_STATUS: Mapping[str, Type[InvocationError]] = {
    "timed_out": InvocationTimedOutError,
    "cancelled": InvocationCancelledError,
}


def invocation_error_class(status: str, code: Optional[str]) -> Type[InvocationError]:
    """The exception class for a finished invocation: by error ``code``, then status."""
    if code and code in _INVOCATION_BY_CODE:
        return _INVOCATION_BY_CODE[code]
    return _INVOCATION_BY_STATUS.get(status, InvocationError)


class WaitTimeoutError(BctrlError, TimeoutError):
    """The client-side wait budget ran out before the invocation finished.

    ``invocation_id`` names it and ``last`` is the last state seen (``None`` if none was
    read). ``cancelled`` tells whether the SDK cancelled it (``cancel_on_timeout=True``).
    """

    def __init__(
        self,
        message: str,
        *,
        invocation_id: str,
        last: Optional[Invocation] = None,
        cancelled: bool = False,
    ):
        super().__init__(message)
        self.invocation_id = invocation_id
        self.last = last
        self.cancelled = cancelled
