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
from ._version import __version__

if TYPE_CHECKING:
    from ._client import AsyncBctrl, Bctrl
    from ._invocation import Invocation, InvocationErrorInfo
    from ._options import NOT_GIVEN, NotGiven
    from ._pages import AsyncPage, AsyncPager, Page, Pager
    from ._params import InvocationAction, InvocationStatus, InvocationWaitStatus, RuntimeStatus, RuntimeType
    from ._results import RawResponse
    from ._runtime import Runtime

# The clients pull in httpx and the request machinery: load them on first use, so that
# `import bctrl` (for its exceptions, say) stays cheap.
_LAZY = {
    "Bctrl": "._client",
    "AsyncBctrl": "._client",
    "Invocation": "._invocation",
    "InvocationErrorInfo": "._invocation",
    "Runtime": "._runtime",
    "NOT_GIVEN": "._options",
    "NotGiven": "._options",
    "Page": "._pages",
    "AsyncPage": "._pages",
    "Pager": "._pages",
    "AsyncPager": "._pages",
    "RawResponse": "._results",
    "InvocationAction": "._params",
    "InvocationStatus": "._params",
    "InvocationWaitStatus": "._params",
    "RuntimeStatus": "._params",
    "RuntimeType": "._params",
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


__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APITimeoutError",
    "AsyncBctrl",
    "AsyncPage",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "Bctrl",
    "BctrlError",
    "ConflictError",
    "DeadlineExceededError",
    "IdempotencyConflictError",
    "InternalServerError",
    "Invocation",
    "InvocationAction",
    "InvocationCancelledError",
    "InvocationError",
    "InvocationErrorInfo",
    "InvocationStatus",
    "InvocationTimedOutError",
    "InvocationWaitStatus",
    "NotFoundError",
    "NotGiven",
    "OutputSchemaInvalidError",
    "OutputValidationError",
    "OutputValidationIssue",
    "Page",
    "Pager",
    "PermissionDeniedError",
    "QuotaExceededError",
    "RateLimitError",
    "RawResponse",
    "RequestValidationError",
    "ResponseTooLargeError",
    "Runtime",
    "RuntimeNotExecutableError",
    "RuntimeStatus",
    "RuntimeType",
    "ServiceUnavailableError",
    "WaitTimeoutError",
    "__version__",
]
