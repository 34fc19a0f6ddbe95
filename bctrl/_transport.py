"""Sending operations: shared decisions in :class:`Core`, thin sync and async loops.

``Core`` turns an :class:`~bctrl._operations.Operation` into an HTTP request, an answer
into a value or a typed error, and a transport exception into an
:class:`~bctrl._retry.Outcome`; :class:`~bctrl._retry.RetryPolicy` decides about retries.
``SyncTransport`` and ``AsyncTransport`` only send, sleep and loop.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import logging
import time
from typing import Any, Deque, Dict, Mapping, Optional, TypeVar, Union

import attrs
import httpx

from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    BctrlError,
    api_error_class,
)
from ._operations import Operation
from ._options import DEFAULT, NOT_GIVEN, RequestOptions
from ._results import RawResponse
from ._retry import Failure, Outcome, RetryPolicy, retry_after_seconds
from ._version import __version__

T = TypeVar("T")

log = logging.getLogger("bctrl")

DEFAULT_BASE_URL = "https://api.bctrl.ai"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 2
USER_AGENT = f"bctrl-python/{__version__}"

TimeoutTypes = Union[float, int, httpx.Timeout, None]


@attrs.frozen
class ClientConfig:
    """Everything a client needs to reach the API. ``repr`` never shows the key."""

    api_key: str = attrs.field(repr=False)
    base_url: str
    timeout: httpx.Timeout
    max_retries: int
    default_headers: Mapping[str, str] = attrs.field(factory=dict, repr=False)


def make_timeout(timeout: TimeoutTypes) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if timeout is None:
        return httpx.Timeout(None)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ValueError(f"timeout must be a positive number of seconds, an httpx.Timeout or None, got {timeout!r}")
    return httpx.Timeout(float(timeout), connect=min(10.0, float(timeout)))


class Core:
    """Request building, answer reading and logging shared by both transports."""

    def __init__(self, config: ClientConfig, policy: RetryPolicy):
        from bctrl_api.client import Client as GeneratedClient

        self.config = config
        self.policy = policy
        # Only consulted by the generated parsers (for raise_on_unexpected_status).
        self._generated = GeneratedClient(base_url=config.base_url, raise_on_unexpected_status=False)

    def policy_for(self, options: RequestOptions) -> RetryPolicy:
        """The retry policy of one call (the client's, or its own ``max_retries``)."""
        if options.max_retries is None or options.max_retries == self.policy.max_retries:
            return self.policy
        return attrs.evolve(self.policy, max_retries=options.max_retries)

    def request_args(
        self, op: Operation[Any], attempt: int, remaining: Optional[float] = None, options: RequestOptions = DEFAULT
    ) -> Dict[str, Any]:
        args: Dict[str, Any] = op.endpoint._get_kwargs(**op.args)
        headers = {
            "Authorization": f"Bearer {self.config.api_key}",
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
            **self.config.default_headers,
            **args.pop("headers", {}),
        }
        if attempt:
            headers["X-Bctrl-Retry-Count"] = str(attempt)
        if options is not DEFAULT:
            headers.update(options.extra_headers)
            if options.extra_query:
                args["params"] = {**(args.get("params") or {}), **options.extra_query}
            if options.extra_body:
                args["json"] = {**(args.get("json") or {}), **options.extra_body}
        timeout = self.config.timeout
        if op.hold_seconds and timeout.read is not None:
            timeout = httpx.Timeout(
                connect=timeout.connect,
                read=timeout.read + op.hold_seconds,
                write=timeout.write,
                pool=timeout.pool,
            )
        if remaining is not None:  # the call's own deadline: no phase may wait past it
            timeout = httpx.Timeout(
                connect=_at_most(timeout.connect, remaining),
                read=_at_most(timeout.read, remaining),
                write=_at_most(timeout.write, remaining),
                pool=_at_most(timeout.pool, remaining),
            )
        args["url"] = self.config.base_url + args["url"]
        args["headers"] = headers
        args["timeout"] = timeout
        return args

    @staticmethod
    def deadline(op: Operation[Any], options: RequestOptions = DEFAULT) -> Optional[float]:
        """The monotonic time by which ``op`` must be done: the call's ``timeout=`` if given,
        else the operation's own timeout, if it has one."""
        given = options.timeout
        timeout = op.timeout if given is NOT_GIVEN or given is None else given
        return None if timeout is None else time.monotonic() + float(timeout)  # type: ignore[arg-type]

    @staticmethod
    def remaining(op: Operation[Any], deadline: Optional[float]) -> Optional[float]:
        """Seconds left before ``deadline``; ``APITimeoutError`` once it has passed."""
        if deadline is None:
            return None
        left = deadline - time.monotonic()
        if left <= 0:
            raise APITimeoutError(f"{op.name}: no time left before its deadline")
        return left

    @staticmethod
    def pause_fits(deadline: Optional[float], delay: float) -> bool:
        """Whether a retry after ``delay`` seconds could still start before ``deadline``."""
        return deadline is None or time.monotonic() + delay < deadline

    @staticmethod
    def outcome(response: Optional[httpx.Response], exc: Optional[Exception]) -> Outcome:
        if response is not None:
            return Outcome(status=response.status_code, headers=response.headers)
        if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
            return Outcome(failure=Failure.CONNECT)
        if isinstance(exc, httpx.TimeoutException):
            return Outcome(failure=Failure.TIMEOUT)
        return Outcome(failure=Failure.DROPPED)

    def finish(self, op: Operation[T], response: Optional[httpx.Response], exc: Optional[Exception]) -> T:
        """The value of a completed attempt, or the typed error it stands for."""
        if response is None:
            assert exc is not None
            raise transport_error(exc) from exc
        if response.status_code >= 400:
            raise api_error(response)
        request_id = response.headers.get("x-request-id")
        try:
            parsed = op.endpoint._parse_response(client=self._generated, response=response)
            if parsed is None and response.status_code != 204:  # 204: no body, the converter decides
                raise ValueError(f"unexpected status {response.status_code}")
            request = response.request
            raw = RawResponse(response.status_code, response.headers, request.method, str(request.url))
            return op.convert(parsed, raw)
        except (KeyError, ValueError, TypeError, AttributeError, json.JSONDecodeError) as err:
            raise APIResponseValidationError(
                f"{op.name}: the {response.status_code} answer does not match the API contract: "
                f"{type(err).__name__}: {err}",
                status_code=response.status_code,
                request_id=request_id,
            ) from None

    def log_attempt(
        self,
        op: Operation[Any],
        args: Mapping[str, Any],
        attempt: int,
        started: float,
        response: Optional[httpx.Response],
        exc: Optional[Exception],
    ) -> None:
        if not log.isEnabledFor(logging.DEBUG):
            return
        elapsed_ms = (time.perf_counter() - started) * 1000
        path = httpx.URL(args["url"]).path
        result = f"{response.status_code}" if response is not None else type(exc).__name__
        request_id = response.headers.get("x-request-id") if response is not None else None
        log.debug(
            "%s %s -> %s in %.1f ms (attempt %d, request_id=%s)",
            args["method"].upper(),
            path,
            result,
            elapsed_ms,
            attempt + 1,
            request_id,
        )

    @staticmethod
    def log_retry(op: Operation[Any], attempt: int, delay: float, reason: str) -> None:
        log.info("retrying %s in %.2f s (attempt %d, %s)", op.name, delay, attempt + 2, reason)


def _at_most(value: Optional[float], limit: float) -> float:
    return limit if value is None else min(value, limit)


def transport_error(exc: Exception) -> BctrlError:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"request timed out: {type(exc).__name__}")
    return APIConnectionError(f"connection failed: {type(exc).__name__}: {exc}")


def api_error(response: httpx.Response) -> APIError:
    """The typed error for a non-2xx answer, whatever its body."""
    status = response.status_code
    retry_after = retry_after_seconds(response.headers)
    request_id = response.headers.get("x-request-id")
    body: Any = None
    with contextlib.suppress(ValueError):
        body = response.json()
    if isinstance(body, dict) and isinstance(body.get("code"), str):
        code = body["code"]
        reason = body.get("reasonClass") if isinstance(body.get("reasonClass"), str) else None
        message = body["error"] if isinstance(body.get("error"), str) else code
        details = body.get("details") if isinstance(body.get("details"), dict) else None
        hint = body.get("hint") if isinstance(body.get("hint"), str) else None
        rid = body.get("requestId") if isinstance(body.get("requestId"), str) else request_id
        cls = api_error_class(status, code, reason)
        return cls(
            message,
            status_code=status,
            code=code,
            reason_class=reason,
            hint=hint,
            details=details,
            request_id=rid,
            retry_after=retry_after,
        )
    excerpt = " ".join(response.text.split())[:200] if response.content else "(empty body)"
    cls = api_error_class(status, None, None)
    return cls(
        f"{response.reason_phrase or 'HTTP error'}: {excerpt}",
        status_code=status,
        request_id=request_id,
        retry_after=retry_after,
    )


class SpreadAsyncTransport(httpx.AsyncBaseTransport):
    """Several httpx connection pools behind one gate: at most ``max_connections`` requests
    in flight, each sent through a pool with a free connection.

    httpcore's pool re-examines every connection for every queued request on each
    request event, so its cost grows with connections x requests queued
    (encode/httpcore#1035). Here no pool ever queues: the gate lets a request through only
    when a connection can take it (so at most ``max_connections`` are ever open), and the
    rest wait in line, first come first served, for at most the request's pool timeout.
    Sequential calls all go to the first pool, so they keep reusing one connection.
    """

    def __init__(self, pools: int = 128, max_connections: int = 256) -> None:
        import ssl

        pools = max(1, min(pools, max_connections))
        per_pool = max_connections // pools
        limits = httpx.Limits(max_connections=per_pool, max_keepalive_connections=per_pool)
        verify = ssl.create_default_context()  # shared: each context costs milliseconds to build
        self._pools = [httpx.AsyncHTTPTransport(limits=limits, verify=verify) for _ in range(pools)]
        for transport in self._pools:
            _use_asyncio_backend(transport)
        # One entry per free connection, naming its pool; the last freed is reused first, so
        # sequential calls keep to one warm connection.
        self._all = [index for index in reversed(range(pools)) for _ in range(per_pool)]
        self._free = list(self._all)
        self.max_in_flight = len(self._all)
        self._gate: Optional[_Gate] = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        gate = self._loop_gate()
        await gate.acquire(request.extensions.get("timeout", {}).get("pool"), request)
        index = self._free.pop()  # the gate let this request through: a connection is free
        try:
            response = await self._pools[index].handle_async_request(request)
        except BaseException:
            self._release(index)
            raise
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_Released(response.stream, lambda: self._release(index)),  # type: ignore[arg-type]
            extensions=response.extensions,
        )

    def _loop_gate(self) -> _Gate:
        """The gate of the running loop (asyncio futures belong to one loop)."""
        loop = asyncio.get_running_loop()
        if self._gate is None or self._gate.loop is not loop:  # first use, or a new loop
            self._gate = _Gate(loop, self.max_in_flight)
            self._free = list(self._all)
        return self._gate

    def _release(self, index: int) -> None:
        self._free.append(index)
        if self._gate is not None:
            self._gate.release()

    async def aclose(self) -> None:
        for pool in self._pools:
            await pool.aclose()


class Cookieless(httpx.Cookies):
    """A cookie store that keeps none: the API sets no cookies, and reading ``Set-Cookie``
    through the standard library's cookie jar costs about a tenth of each request."""

    def extract_cookies(self, response: httpx.Response) -> None:
        return None


def async_http_client() -> httpx.AsyncClient:
    """The HTTP client :class:`~bctrl.AsyncBctrl` makes for itself."""
    client = httpx.AsyncClient(transport=SpreadAsyncTransport(pools=128, max_connections=256))
    client._cookies = Cookieless()  # httpx has no public switch for it; see Cookieless
    return client


class _Gate:
    """A counter of free connections, with a timeout per request. Requests wait their turn
    first come first served, except that answers go first: a ``wait`` request (a long poll
    or a read of an invocation's state; at most a few hundred at once, see ``_schedule``)
    is let through before new work such as thousands of queued creates, so a call learns
    that its invocation ended even while the client is still sending the rest."""

    def __init__(self, loop: asyncio.AbstractEventLoop, size: int) -> None:
        self.loop = loop
        self.free = size
        self._answers: Deque[asyncio.Future[None]] = collections.deque()
        self._others: Deque[asyncio.Future[None]] = collections.deque()

    async def acquire(self, timeout: Optional[float], request: httpx.Request) -> None:
        if self.free > 0 and not self._answers and not self._others:
            self.free -= 1
            return
        line = self._answers if _is_wait(request) else self._others
        turn: asyncio.Future[None] = self.loop.create_future()
        line.append(turn)
        timer = None if timeout is None else self.loop.call_later(timeout, _no_turn, turn, request)
        try:
            await turn
        except BaseException:
            if turn.done() and not turn.cancelled() and turn.exception() is None:
                self.release()  # granted just as the caller gave up: hand it on
            else:
                with contextlib.suppress(ValueError):
                    line.remove(turn)
            raise
        finally:
            if timer is not None:
                timer.cancel()

    def release(self) -> None:
        for line in (self._answers, self._others):
            while line:
                turn = line.popleft()
                if not turn.done():
                    turn.set_result(None)
                    return
        self.free += 1


def _is_wait(request: httpx.Request) -> bool:
    return request.method == "POST" and request.url.path.endswith("/wait")


def _no_turn(turn: asyncio.Future[None], request: httpx.Request) -> None:
    if not turn.done():
        turn.set_exception(httpx.PoolTimeout("no connection became free in time", request=request))


def _use_asyncio_backend(transport: httpx.AsyncHTTPTransport) -> None:
    """Put :class:`~bctrl._asyncio_backend.AsyncioBackend` under an httpx transport's pool
    (httpx takes no backend argument; a pool without the attribute keeps its own)."""
    from ._asyncio_backend import AsyncioBackend

    pool = getattr(transport, "_pool", None)
    if pool is not None and hasattr(pool, "_network_backend"):
        pool._network_backend = AsyncioBackend()


class _Released(httpx.AsyncByteStream):
    """A response stream that tells its pool's counter when it is closed."""

    def __init__(self, stream: httpx.AsyncByteStream, on_close: Any) -> None:
        self._stream = stream
        self._on_close = on_close
        self._closed = False

    async def __aiter__(self) -> Any:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        if not self._closed:
            self._closed = True
            self._on_close()
        await self._stream.aclose()


class SyncTransport:
    def __init__(self, core: Core, http: httpx.Client):
        self.core = core
        self.http = http

    def send(self, op: Operation[T], options: RequestOptions = DEFAULT) -> T:
        attempt = 0
        policy = self.core.policy_for(options)
        deadline = self.core.deadline(op, options)
        while True:
            response, exc = None, None
            args = self.core.request_args(op, attempt, self.core.remaining(op, deadline), options)
            started = time.perf_counter()
            try:
                response = self.http.request(**args)
            except httpx.RequestError as err:  # transport failures, and bodies that cannot be decoded
                exc = err
            self.core.log_attempt(op, args, attempt, started, response, exc)
            decision = policy.decide(attempt, self.core.outcome(response, exc), replayable=op.replayable)
            if not decision.retry or not self.core.pause_fits(deadline, decision.delay):
                return self.core.finish(op, response, exc)
            if response is not None:
                response.close()
            self.core.log_retry(op, attempt, decision.delay, decision.reason)
            time.sleep(decision.delay)
            attempt += 1


class AsyncTransport:
    def __init__(self, core: Core, http: httpx.AsyncClient):
        self.core = core
        self.http = http

    async def send(self, op: Operation[T], options: RequestOptions = DEFAULT) -> T:
        attempt = 0
        policy = self.core.policy_for(options)
        deadline = self.core.deadline(op, options)
        while True:
            response, exc = None, None
            args = self.core.request_args(op, attempt, self.core.remaining(op, deadline), options)
            started = time.perf_counter()
            try:
                response = await self.http.request(**args)
            except httpx.RequestError as err:  # transport failures, and bodies that cannot be decoded
                exc = err
            self.core.log_attempt(op, args, attempt, started, response, exc)
            decision = policy.decide(attempt, self.core.outcome(response, exc), replayable=op.replayable)
            if not decision.retry or not self.core.pause_fits(deadline, decision.delay):
                return self.core.finish(op, response, exc)
            if response is not None:
                await response.aclose()
            self.core.log_retry(op, attempt, decision.delay, decision.reason)
            await asyncio.sleep(decision.delay)
            attempt += 1
