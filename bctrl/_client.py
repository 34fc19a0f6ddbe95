"""The clients users create: :class:`Bctrl` and :class:`AsyncBctrl`."""

from __future__ import annotations

import os
from types import TracebackType
from typing import Mapping, Optional, Type, TypeVar

import httpx

from ._errors import BctrlError
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
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    AsyncTransport,
    ClientConfig,
    Core,
    SyncTransport,
    TimeoutTypes,
    async_http_client,
    make_timeout,
)

_S = TypeVar("_S", bound="Bctrl")
_A = TypeVar("_A", bound="AsyncBctrl")


def _config(
    api_key: Optional[str],
    base_url: Optional[str],
    timeout: TimeoutTypes,
    max_retries: int,
    default_headers: Optional[Mapping[str, str]],
) -> ClientConfig:
    key = api_key if api_key is not None else os.environ.get("BCTRL_API_KEY")
    if not key or not isinstance(key, str):
        raise BctrlError("no API key: pass api_key= or set the BCTRL_API_KEY environment variable")
    url = base_url or os.environ.get("BCTRL_BASE_URL") or DEFAULT_BASE_URL
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise BctrlError(f"base_url must be an http(s) URL, got {url!r}")
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise BctrlError(f"max_retries must be a non-negative integer, got {max_retries!r}")
    try:
        t = make_timeout(timeout)
    except ValueError as exc:
        raise BctrlError(str(exc)) from None
    return ClientConfig(
        api_key=key,
        base_url=url.rstrip("/"),
        timeout=t,
        max_retries=max_retries,
        default_headers=dict(default_headers or {}),
    )


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
    ``https://api.bctrl.ai``. ``timeout`` (seconds or an ``httpx.Timeout``) applies to each
    HTTP request; ``max_retries`` to each call. Pass ``http_client`` to bring your own
    ``httpx.Client`` (proxies, limits, transports); the client then does not close it.
    Use as a context manager, or call :meth:`close`.
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
    ):
        self._config = _config(api_key, base_url, timeout, max_retries, default_headers)
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(limits=httpx.Limits(max_connections=100, max_keepalive_connections=20))
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
    ):
        self._config = _config(api_key, base_url, timeout, max_retries, default_headers)
        self._owns_http = http_client is None
        # At most 256 connections, spread over small pools; long polls share them (``_schedule``).
        self._http = http_client or async_http_client()
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
