"""Exit codes, and the one line the command line prints for each kind of failure.

:func:`describe` is a pure function from an exception to a :class:`Failure` (exit code and
message): what failed, the error code, the request id and a hint, on one line.
"""

from __future__ import annotations

from typing import Optional

import attrs

from .._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    BctrlError,
    InvocationError,
    NotFoundError,
    OutputValidationError,
    PermissionDeniedError,
    RateLimitError,
    RequestValidationError,
    RuntimeNotExecutableError,
    WaitTimeoutError,
)

OK = 0
ERROR = 1
"""Anything not listed below (a bug: please report it)."""
USAGE = 2
"""Bad flags, arguments or files, or missing configuration; nothing was sent."""
API_ERROR = 3
"""The API answered with an error, or could not be reached."""
UNSUCCESSFUL = 4
"""The invocation ended without success (failed, cancelled, timed_out, output not matching the schema)."""
WAIT_TIMEOUT = 5
"""The wait ran out of time; the invocation is still live."""
INTERRUPTED = 130
"""Ctrl-C (128 + SIGINT)."""

EXIT_CODES = {
    OK: "success",
    ERROR: "unexpected error",
    USAGE: "usage: bad flags, arguments or files, or missing configuration (nothing was sent)",
    API_ERROR: "API error: the API answered with an error or could not be reached",
    UNSUCCESSFUL: "the invocation ended without success (failed, cancelled, timed_out)",
    WAIT_TIMEOUT: "the wait ran out of time (the invocation is still live)",
    INTERRUPTED: "interrupted (Ctrl-C)",
}


@attrs.frozen
class Failure:
    exit_code: int
    message: str

    @property
    def line(self) -> str:
        return "error: " + " ".join(self.message.split())  # always one line


class CommandFailed(Exception):
    """Raised by a command to end with ``failure`` (printed once, by the entry point)."""

    def __init__(self, failure: Failure):
        super().__init__(failure.line)
        self.failure = failure


def describe(exc: BaseException, what: str, *, base_url: Optional[str] = None) -> Failure:
    """The exit code and the message for ``exc``, raised while doing ``what``."""
    if isinstance(exc, RequestValidationError):
        return Failure(USAGE, f"{what}: {exc}")
    if isinstance(exc, APIError):
        return Failure(API_ERROR, _api_error(exc, what))
    if isinstance(exc, APIResponseValidationError):
        request = f" [request {exc.request_id}]" if exc.request_id else ""
        return Failure(API_ERROR, f"{what}: unexpected answer from the API: {exc}{request}")
    if isinstance(exc, APITimeoutError):
        where = f" from {base_url}" if base_url else ""
        return Failure(API_ERROR, f"{what}: no answer{where} in time ({exc}); hint: retry, or raise --timeout")
    if isinstance(exc, APIConnectionError):
        where = f" {base_url}" if base_url else " the API"
        return Failure(
            API_ERROR,
            f"{what}: cannot reach{where} ({exc}); hint: check BCTRL_BASE_URL / --base-url and your network",
        )
    if isinstance(exc, WaitTimeoutError):
        return Failure(WAIT_TIMEOUT, f"{what}: {exc}")
    if isinstance(exc, OutputValidationError):
        issues = exc.issues
        first = f"{issues[0].path}: {issues[0].message}" if issues else exc.message
        more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        inv = f" [invocation {exc.invocation.id}]" if exc.invocation is not None else ""
        return Failure(UNSUCCESSFUL, f"{what}: the output does not match the schema: {first}{more}{inv}")
    if isinstance(exc, InvocationError):
        status = exc.invocation.status if exc.invocation is not None else "unsuccessfully"
        code = f"{exc.code}: " if exc.code else ""
        return Failure(UNSUCCESSFUL, f"{what} ended {status}: {code}{exc.message}")
    if isinstance(exc, BctrlError):
        return Failure(USAGE, f"{what}: {exc}" + _config_hint(str(exc)))
    return Failure(ERROR, f"{what}: unexpected {type(exc).__name__}: {exc}")


def _api_error(exc: APIError, what: str) -> str:
    code = f" {exc.code}" if exc.code else ""
    request = f" [request {exc.request_id}]" if exc.request_id else ""
    hint = exc.hint or _hint(exc)
    return f"{what}: {exc.status_code}{code}: {exc.message}{request}" + (f"; hint: {hint}" if hint else "")


def _hint(exc: APIError) -> Optional[str]:
    if isinstance(exc, AuthenticationError):
        return "check the API key (BCTRL_API_KEY or --api-key)"
    if isinstance(exc, PermissionDeniedError):
        return "this API key cannot use this resource"
    if isinstance(exc, NotFoundError):
        return "check the id (and BCTRL_BASE_URL: ids belong to one server)"
    if isinstance(exc, RateLimitError):
        after = f" in {exc.retry_after:g} s" if exc.retry_after is not None else " later"
        return "too many requests; retry" + after
    if isinstance(exc, RuntimeNotExecutableError):
        return "the runtime is not active; create a new one with `bctrl runtimes create`"
    if exc.status_code >= 500:
        return "a server-side failure; retry later"
    return None


def _config_hint(message: str) -> str:
    if "API key" in message:
        return "; hint: export BCTRL_API_KEY=... (or pass --api-key)"
    if "base_url" in message:
        return "; hint: BCTRL_BASE_URL / --base-url must look like https://api.bctrl.ai"
    return ""
