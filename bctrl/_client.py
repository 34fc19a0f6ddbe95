"""The clients users create: :class:`Bctrl` and :class:`AsyncBctrl`."""

from __future__ import annotations

import ipaddress
import logging
import os
import warnings
from types import TracebackType
from typing import Mapping, Optional, Type, TypeVar

import httpx

from ._errors import BctrlError, RequestValidationError
from ._resources import (
    AsyncInvocationsById,
    AsyncRuns,
    AsyncRuntimes,
    AsyncSpaces,
    InvocationsById,
    Runs,
    Runtimes,
    Spaces,
)
from ._retry import RetryPolicy
from ._transport import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    AsyncTransport,
    ClientConfig,
    Core,
    SyncTransport,
    TimeoutTypes,
    async_http_client,
    client_transports,
    install_deadlines,
    make_timeout,
)

log = logging.getLogger("bctrl")

_S = TypeVar("_S", bound="Bctrl")
_A = TypeVar("_A", bound="AsyncBctrl")


def _config(
    api_key: Optional[str],
    base_url: Optional[str],
    timeout: TimeoutTypes,
    max_retries: int,
    default_headers: Optional[Mapping[str, str]],
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
) -> ClientConfig:
    key = api_key if api_key is not None else os.environ.get("BCTRL_API_KEY")
    if not key or not isinstance(key, str):
        raise BctrlError("no API key: pass api_key= or set the BCTRL_API_KEY environment variable")
    if not _token(key):
        # Never echo the key: say what is wrong with it, not what it is.
        raise RequestValidationError(
            f"api_key: expected printable ASCII without spaces or line breaks "
            f"(a {len(key)}-character value{' with surrounding whitespace' if key != key.strip() else ''} was given)",
            field="api_key",
            expected="printable ASCII, no whitespace",
        )
    url = base_url or os.environ.get("BCTRL_BASE_URL") or DEFAULT_BASE_URL
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise RequestValidationError(f"base_url must be an http(s) URL, got {url!r}", field="base_url")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise RequestValidationError(f"base_url: not a valid URL ({exc})", field="base_url") from None
    if not parsed.host:
        raise RequestValidationError(f"base_url: no host in {url!r}", field="base_url")
    if parsed.scheme == "http" and not _loopback(parsed.host):
        message = (
            f"base_url {url!r} is plain http: the API key would travel unencrypted; use https:// "
            "(plain http is meant for a local emulator on localhost)"
        )
        log.warning(message)
        warnings.warn(message, stacklevel=4)
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise BctrlError(f"max_retries must be a non-negative integer, got {max_retries!r}")
    if isinstance(max_response_bytes, bool) or not isinstance(max_response_bytes, int) or max_response_bytes < 1:
        raise RequestValidationError(
            f"max_response_bytes must be a positive integer, got {max_response_bytes!r}",
            field="max_response_bytes",
        )
    headers = dict(default_headers or {})
    for name, value in headers.items():
        if not isinstance(name, str) or not _token(name) or not isinstance(value, str) or not _header_value(value):
            shown = name if isinstance(name, str) and name.isascii() and name.isprintable() else "<unprintable>"
            raise RequestValidationError(
                f"default_headers: header {shown!r} needs a printable-ASCII name and value, without line breaks",
                field="default_headers",
                expected="printable ASCII strings",
            )
    try:
        t = make_timeout(timeout)
    except ValueError as exc:
        raise BctrlError(str(exc)) from None
    return ClientConfig(
        api_key=key,
        base_url=url.rstrip("/"),
        timeout=t,
        max_retries=max_retries,
        default_headers=headers,
        max_response_bytes=max_response_bytes,
    )


def _token(text: str) -> bool:
    """Printable ASCII without whitespace."""
    return text.isascii() and text.isprintable() and not any(c.isspace() for c in text)


def _header_value(text: str) -> bool:
    return text.isascii() and text.isprintable()


def _loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _ClientBase:
    """What both clients share: their configuration, shown without the key."""

    _config: ClientConfig

    @property
    def base_url(self) -> str:
        return self._config.base_url

    @property
    def max_retries(self) -> int:
        return self._config.max_retries

    def __repr__(self) -> str:
        c = self._config
        return f"<{type(self).__name__} base_url={c.base_url!r} max_retries={c.max_retries} api_key=<hidden>>"


class Bctrl(_ClientBase):
    """Synchronous client for the bctrl API.

    ``api_key`` defaults to ``$BCTRL_API_KEY`` and ``base_url`` to ``$BCTRL_BASE_URL`` or
    ``https://api.bctrl.ai``. ``timeout`` (seconds or an ``httpx.Timeout``) bounds each HTTP
    attempt as a whole (connect, send and the read of the whole body; a long poll adds the
    time the server may hold it); ``max_retries`` applies to each call. An answer larger
    than ``max_response_bytes`` (decoded) raises :class:`~bctrl.ResponseTooLargeError`.
    Pass ``http_client`` to bring your own ``httpx.Client`` (proxies, limits, transports);
    the client then does not close it. Use as a context manager, or call :meth:`close`.
    """

    runtimes: Runtimes
    runs: Runs
    invocations: InvocationsById
    spaces: Spaces

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        http_client: Optional[httpx.Client] = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ):
        self._config = _config(api_key, base_url, timeout, max_retries, default_headers, max_response_bytes)
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(limits=httpx.Limits(max_connections=100, max_keepalive_connections=20))
        if self._owns_http:
            install_deadlines(client_transports(self._http))
        transport = SyncTransport(Core(self._config, RetryPolicy(max_retries=max_retries)), self._http)
        self.runtimes = Runtimes(transport)
        self.runs = Runs(transport)
        self.invocations = InvocationsById(transport)
        self.spaces = Spaces(transport)

    def close(self) -> None:
        """Close the connections (only those of an HTTP client this client created)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        self.close()


class AsyncBctrl(_ClientBase):
    """Asynchronous client for the bctrl API; the same surface as :class:`Bctrl`, awaited."""

    runtimes: AsyncRuntimes
    runs: AsyncRuns
    invocations: AsyncInvocationsById
    spaces: AsyncSpaces

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        http_client: Optional[httpx.AsyncClient] = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ):
        self._config = _config(api_key, base_url, timeout, max_retries, default_headers, max_response_bytes)
        self._owns_http = http_client is None
        # At most 256 connections, spread over small pools; long polls share them (``_schedule``).
        self._http = http_client or async_http_client()
        if self._owns_http:
            install_deadlines(client_transports(self._http))
        transport = AsyncTransport(Core(self._config, RetryPolicy(max_retries=max_retries)), self._http)
        self.runtimes = AsyncRuntimes(transport)
        self.runs = AsyncRuns(transport)
        self.invocations = AsyncInvocationsById(transport)
        self.spaces = AsyncSpaces(transport)

    async def close(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self: _A) -> _A:
        return self

    async def __aexit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        await self.close()
