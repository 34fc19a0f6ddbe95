"""The clients users create: :class:`Bctrl` and :class:`AsyncBctrl`."""

from __future__ import annotations

import ipaddress
import logging
import os
import warnings
from types import TracebackType
from typing import Any, Mapping, Optional, Type, TypeVar, Union

import httpx

from ._async.resources import AsyncInvocationsById, AsyncRuns, AsyncRuntimes, AsyncSpaces
from ._errors import BctrlError, RequestValidationError
from ._http11 import Pool
from ._logs import setup_logging
from ._retry import RetryPolicy
from ._sync.resources import InvocationsById, Runs, Runtimes, Spaces
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
    async_connections,
    client_transports,
    install_deadlines,
    make_timeout,
)

log = logging.getLogger("bctrl")

_S = TypeVar("_S", bound="Bctrl")
_A = TypeVar("_A", bound="AsyncBctrl")

setup_logging()

_Same: Any = object()
"""``with_options`` argument left out: keep the client's value."""


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

    def _options_config(
        self,
        api_key: Optional[str],
        base_url: Optional[str],
        timeout: Any,
        max_retries: Any,
        default_headers: Optional[Mapping[str, str]],
    ) -> ClientConfig:
        c = self._config
        return _config(
            api_key if api_key is not None else c.api_key,
            base_url if base_url is not None else c.base_url,
            c.timeout if timeout is _Same else timeout,
            c.max_retries if max_retries is _Same else max_retries,
            {**c.default_headers, **(default_headers or {})},
            c.max_response_bytes,
        )

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
    Every method also takes per-call ``timeout=`` (the most the call may take, seconds),
    ``max_retries``, ``extra_headers``, ``extra_query`` and ``extra_body``;
    :meth:`with_options` gives a client with other defaults sharing the same connections.
    ``BCTRL_LOG=debug|info`` turns on the ``bctrl`` logger. Pass ``http_client`` to bring
    your own ``httpx.Client`` (proxies, limits, transports); the client then does not close
    it. Use as a context manager, or call :meth:`close`.
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
        config = _config(api_key, base_url, timeout, max_retries, default_headers, max_response_bytes)
        owns = http_client is None
        http = http_client or httpx.Client(limits=httpx.Limits(max_connections=100, max_keepalive_connections=20))
        if owns:
            install_deadlines(client_transports(http))
        self._setup(config, http, owns)

    def _setup(self, config: ClientConfig, http: httpx.Client, owns: bool) -> None:
        self._config = config
        self._owns_http = owns
        self._http = http
        transport = SyncTransport(Core(config, RetryPolicy(max_retries=config.max_retries)), http)
        self.runtimes = Runtimes(transport)
        self.runs = Runs(transport)
        self.invocations = InvocationsById(transport)
        self.spaces = Spaces(transport)

    def with_options(
        self,
        *,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: TimeoutTypes = _Same,
        max_retries: int = _Same,
        default_headers: Optional[Mapping[str, str]] = None,
    ) -> Bctrl:
        """A client with some settings changed, sharing this one's connection pool.

        Arguments left out keep this client's values (``default_headers`` are added to
        its own). Sends nothing. Closing the new client leaves the pool open; closing this
        one (or leaving its ``with`` block) closes it for both. Raises
        :class:`~bctrl.BctrlError` for an invalid setting.
        """
        config = self._options_config(api_key, base_url, timeout, max_retries, default_headers)
        other = Bctrl.__new__(Bctrl)
        other._setup(config, self._http, owns=False)
        return other

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
    """Asynchronous client for the bctrl API; the same surface as :class:`Bctrl`, awaited.

    Every method is a coroutine except the list methods, which return a pager to
    ``async for`` over (or ``await`` for its first page). Use as ``async with``, or
    ``await client.close()``.
    """

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
        config = _config(api_key, base_url, timeout, max_retries, default_headers, max_response_bytes)
        owns = http_client is None
        http = http_client or async_connections(config)
        if owns and isinstance(http, httpx.AsyncClient):
            install_deadlines(client_transports(http))
        self._setup(config, http, owns)

    def _setup(self, config: ClientConfig, http: Union[Pool, httpx.AsyncClient], owns: bool) -> None:
        self._config = config
        self._owns_http = owns
        self._http = http
        transport = AsyncTransport(Core(config, RetryPolicy(max_retries=config.max_retries)), http)
        self.runtimes = AsyncRuntimes(transport)
        self.runs = AsyncRuns(transport)
        self.invocations = AsyncInvocationsById(transport)
        self.spaces = AsyncSpaces(transport)

    def with_options(
        self,
        *,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        timeout: TimeoutTypes = _Same,
        max_retries: int = _Same,
        default_headers: Optional[Mapping[str, str]] = None,
    ) -> AsyncBctrl:
        """A client with some settings changed, sharing this one's connection pool.

        Arguments left out keep this client's values (``default_headers`` are added to
        its own). Sends nothing. Closing the new client leaves the pool open; closing this
        one (or leaving its ``async with`` block) closes it for both. Raises
        :class:`~bctrl.BctrlError` for an invalid setting.
        """
        config = self._options_config(api_key, base_url, timeout, max_retries, default_headers)
        other = AsyncBctrl.__new__(AsyncBctrl)
        other._setup(config, self._http, owns=False)
        return other

    async def close(self) -> None:
        """Close the connections (only those of an HTTP client this client created)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self: _A) -> _A:
        return self

    async def __aexit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        await self.close()
