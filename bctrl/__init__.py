"""bctrl: the Python SDK for bctrl's hosted browser-runtime API.

from bctrl import Bctrl

with Bctrl() as client:                      # BCTRL_API_KEY, BCTRL_BASE_URL
    with client.runtimes.create(space_id=..., type="browser") as rt:   # stopped when the block ends
        inv = client.runtimes.invocations.create_and_wait(
            rt.id, action="extract", instruction="Extract the invoice total.",
            schema={"type": "object", "properties": {"total": {"type": "number"}}},
        )
        print(inv.status, inv.parsed)
"""

from typing import TYPE_CHECKING, Any

from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BctrlError,
    ConflictError,
    DeadlineExceededError,
    IdempotencyConflictError,
    InternalServerError,
    InvocationCancelledError,
    InvocationError,
    InvocationTimedOutError,
    NotFoundError,
    OutputSchemaInvalidError,
    OutputValidationError,
    OutputValidationIssue,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    RequestValidationError,
    ResponseTooLargeError,
    RuntimeNotExecutableError,
    ServiceUnavailableError,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    from ._client import AsyncBctrl, Bctrl
    from ._invocation import Invocation, InvocationErrorInfo
    from ._runtime import Runtime

# The clients pull in httpx and the request machinery: load them on first use, so that
# `import bctrl` (for its exceptions, say) stays cheap.
_LAZY = {
    "Bctrl": "._client",
    "AsyncBctrl": "._client",
    "Invocation": "._invocation",
    "InvocationErrorInfo": "._invocation",
    "Runtime": "._runtime",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'bctrl' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__version__ = "0.1.0"

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APITimeoutError",
    "AsyncBctrl",
    "AuthenticationError",
    "BadRequestError",
    "Bctrl",
    "BctrlError",
    "ConflictError",
    "DeadlineExceededError",
    "IdempotencyConflictError",
    "InternalServerError",
    "Invocation",
    "InvocationCancelledError",
    "InvocationError",
    "InvocationErrorInfo",
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
    "Runtime",
    "RuntimeNotExecutableError",
    "ServiceUnavailableError",
    "WaitTimeoutError",
    "__version__",
]
