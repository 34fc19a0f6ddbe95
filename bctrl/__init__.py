"""bctrl: the Python SDK for bctrl's hosted browser-runtime API.

from bctrl import Bctrl

with Bctrl() as client:                      # BCTRL_API_KEY, BCTRL_BASE_URL
    rt = client.runtimes.create(space_id=..., type="browser")
    inv = client.runtimes.invocations.create_and_wait(
        rt.id, action="extract", instruction="Extract the invoice total.",
        schema={"type": "object", "properties": {"total": {"type": "number"}}},
    )
    print(inv.status, inv.parsed)
"""

from ._client import AsyncBctrl, Bctrl
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BctrlError,
    ConflictError,
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
    ServiceUnavailableError,
    WaitTimeoutError,
)
from ._invocation import Invocation, InvocationErrorInfo
from ._runtime import Runtime

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
    "Runtime",
    "ServiceUnavailableError",
    "WaitTimeoutError",
    "__version__",
]
