"""Sending operations: shared decisions in :class:`Core`, thin sync and async loops.

``Core`` turns an :class:`~bctrl._operations.Operation` into an HTTP request, an answer
into a value or a typed error, and a transport exception into an
:class:`~bctrl._retry.Outcome`; :class:`~bctrl._retry.RetryPolicy` decides about retries.
``SyncTransport`` and ``AsyncTransport`` only send, read, sleep and loop.

Deadlines: every attempt ends by ``now + timeout`` (plus the hold of a long poll), and a
call may carry a deadline of its own (the wait budget, a per-call timeout) that bounds all
its attempts and the pauses between them. The body is read in a loop that checks the
deadline and the size cap (``max_response_bytes``, on the decoded size) chunk by chunk;
in the HTTP clients this SDK creates, every socket operation is also cut to what is left
(:class:`DeadlineBackend`), so a server that dribbles headers cannot hold a call either.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import contextvars
import json
import logging
import time
import zlib
from typing import Any, Deque, Dict, Iterable, List, Mapping, Optional, TypeVar, Union

import attrs
import httpx

from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    BctrlError,
    DeadlineExceededError,
    RequestValidationError,
    ResponseTooLargeError,
    api_error_class,
)
from ._operations import Operation
from ._options import DEFAULT, NOT_GIVEN, RequestOptions
from ._results import RawResponse
from ._retry import Decision, Failure, Outcome, RetryPolicy, retry_after_seconds
from ._version import __version__

T = TypeVar("T")

_now = time.monotonic
"""The clock of every deadline (monotonic seconds); the wait loops use the same one."""

log = logging.getLogger("bctrl")

DEFAULT_BASE_URL = "https://api.bctrl.ai"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 2
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
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
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    attempt_seconds: Optional[float] = attrs.field(init=False)
    """How long one attempt may take in all (the longest phase of ``timeout``; ``None``: no limit)."""

    @attempt_seconds.default
    def _attempt_seconds(self) -> Optional[float]:
        t = self.timeout
        phases = [v for v in (t.connect, t.read, t.write, t.pool) if v is not None]
        return max(phases) if phases else None


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
        """The arguments of ``httpx.Client.build_request`` for this attempt; ``remaining`` is
        how long the attempt may take: no phase's timeout is longer."""
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
        if remaining is not None:
            timeout = _cut_timeout(timeout, remaining)
        args["url"] = self.config.base_url + args["url"]
        args["headers"] = headers
        args["timeout"] = timeout
        return args

    def attempt_deadline(self, op: Operation[Any], started: float, call_deadline: Optional[float]) -> Optional[float]:
        """When an attempt started at ``started`` must be over: its own timeout (plus the
        long-poll hold), or the call's deadline if that comes first."""
        own = None if self.config.attempt_seconds is None else started + self.config.attempt_seconds + op.hold_seconds
        if call_deadline is None:
            return own
        return call_deadline if own is None else min(own, call_deadline)

    def build(self, http: Union[httpx.Client, httpx.AsyncClient], args: Dict[str, Any]) -> httpx.Request:
        """The request, or a :class:`RequestValidationError` for one httpx cannot send (a URL
        or header it refuses)."""
        if http.is_closed:
            raise BctrlError("the client is closed: create a new one (or do not call close() before this call)")
        try:
            return http.build_request(**args)
        except httpx.InvalidURL as exc:
            raise RequestValidationError(f"cannot build the request URL: {exc}", field="url") from None
        except (UnicodeEncodeError, ValueError, TypeError) as exc:
            raise RequestValidationError(
                f"cannot build the request: {type(exc).__name__}: {self.redact(str(exc))}"
            ) from None

    def redact(self, text: str) -> str:
        """``text`` with the API key (and the default headers' values) replaced."""
        for secret in (self.config.api_key, *self.config.default_headers.values()):
            if secret and len(secret) >= 4:
                text = text.replace(secret, "<redacted>")
        return text

    def check_declared_size(self, op: Operation[Any], response: httpx.Response) -> None:
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.config.max_response_bytes:
            raise self.too_large(op, response, int(declared))

    def too_large(self, op: Operation[Any], response: httpx.Response, size: int) -> ResponseTooLargeError:
        cap = self.config.max_response_bytes
        return ResponseTooLargeError(
            f"{op.name}: the {response.status_code} answer is larger than max_response_bytes={cap} "
            f"(at least {size} bytes{' once decoded' if response.headers.get('content-encoding') else ''})",
            status_code=response.status_code,
            request_id=response.headers.get("x-request-id"),
            limit=cap,
        )

    def give_up(
        self, op: Operation[T], response: Optional[httpx.Response], exc: Optional[Exception], decision: Decision
    ) -> T:
        """:meth:`finish`, except that an attempt the call's deadline left no time to retry
        ends in :class:`DeadlineExceededError` (caused by what the attempt produced)."""
        if not decision.out_of_time:
            return self.finish(op, response, exc)
        try:
            self.finish(op, response, exc)
        except BctrlError as err:
            raise DeadlineExceededError(
                f"{op.name}: the call's deadline passed ({decision.reason}; last attempt: {type(err).__name__})"
            ) from err
        raise DeadlineExceededError(f"{op.name}: the call's deadline passed ({decision.reason})")

    @staticmethod
    def call_deadline(op: Operation[Any], options: RequestOptions, deadline: Optional[float]) -> Optional[float]:
        """The monotonic time by which the call must be over: ``deadline`` (the caller's, a
        wait's budget say), or sooner if the call's ``timeout=`` (else the operation's own
        timeout) ends first."""
        given = options.timeout
        timeout = op.timeout if given is NOT_GIVEN or given is None else given
        if timeout is None:
            return deadline
        own = _now() + float(timeout)  # type: ignore[arg-type]
        return own if deadline is None else min(own, deadline)

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
            raise transport_error(exc, self.redact) from exc
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
        except RecursionError:
            raise APIResponseValidationError(
                f"{op.name}: the {response.status_code} answer is nested too deeply to read",
                status_code=response.status_code,
                request_id=request_id,
            ) from None
        except (KeyError, ValueError, TypeError, AttributeError, json.JSONDecodeError) as err:
            raise APIResponseValidationError(
                f"{op.name}: the {response.status_code} answer does not match the API contract: "
                f"{type(err).__name__}: {_short(str(err))}",
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
        elapsed_ms = (_now() - started) * 1000
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


def transport_error(exc: Optional[Exception], redact: Any = None) -> BctrlError:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"request timed out: {type(exc).__name__}")
    text = _short(str(exc))
    if redact is not None:
        text = redact(text)
    return APIConnectionError(f"connection failed: {type(exc).__name__}: {text}")


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def _cut_timeout(timeout: httpx.Timeout, remaining: float) -> httpx.Timeout:
    """``timeout`` with no phase longer than ``remaining`` seconds (at least a millisecond)."""
    left = max(remaining, 0.001)
    phases = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    if all(v is not None and v <= left for v in phases):
        return timeout
    connect, read, write, pool = (left if v is None else min(v, left) for v in phases)
    return httpx.Timeout(connect=connect, read=read, write=write, pool=pool)


def api_error(response: httpx.Response) -> APIError:
    """The typed error for a non-2xx answer, whatever its body."""
    status = response.status_code
    retry_after = retry_after_seconds(response.headers)
    request_id = response.headers.get("x-request-id")
    body: Any = None
    with contextlib.suppress(ValueError, RecursionError):
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
    excerpt = " ".join(response.text[:2000].split())[:200] if response.content else "(empty body)"
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


# --- deadlines at the socket -----------------------------------------------------------

DEADLINE: contextvars.ContextVar[Optional[float]] = contextvars.ContextVar("bctrl_deadline", default=None)
"""The monotonic time at which the current attempt must be over (set around each attempt)."""


def _left(timeout: Optional[float], error: Any) -> Optional[float]:
    """``timeout`` cut to what is left of the current attempt; ``error`` once nothing is."""
    deadline = DEADLINE.get()
    if deadline is None:
        return timeout
    remaining = deadline - _now()
    if remaining <= 0:
        raise error("the call's deadline passed")
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream:
    """A network stream whose every read, write and TLS handshake ends by the attempt's deadline."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: Optional[float] = None) -> bytes:
        import httpcore

        data: bytes = self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))
        return data

    def write(self, buffer: bytes, timeout: Optional[float] = None) -> None:
        import httpcore

        self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: Optional[str] = None, timeout: Optional[float] = None
    ) -> Any:
        import httpcore

        return _DeadlineStream(
            self._stream.start_tls(ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _AsyncDeadlineStream:
    def __init__(self, stream: Any) -> None:
        self._stream = stream

    async def read(self, max_bytes: int, timeout: Optional[float] = None) -> bytes:
        import httpcore

        data: bytes = await self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))
        return data

    async def write(self, buffer: bytes, timeout: Optional[float] = None) -> None:
        import httpcore

        await self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(
        self, ssl_context: Any, server_hostname: Optional[str] = None, timeout: Optional[float] = None
    ) -> Any:
        import httpcore

        stream = await self._stream.start_tls(ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout))
        return _AsyncDeadlineStream(stream)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend:
    """An httpcore network backend that cuts every socket timeout to the attempt's deadline."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: Optional[float] = None,
        local_address: Optional[str] = None,
        socket_options: Optional[Iterable[Any]] = None,
    ) -> Any:
        import httpcore

        timeout = _left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.connect_tcp(host, port, timeout, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: Optional[float] = None, socket_options: Optional[Iterable[Any]] = None
    ) -> Any:
        import httpcore

        timeout = _left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class AsyncDeadlineBackend:
    """The async twin of :class:`DeadlineBackend`."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: Optional[float] = None,
        local_address: Optional[str] = None,
        socket_options: Optional[Iterable[Any]] = None,
    ) -> Any:
        import httpcore

        timeout = _left(timeout, httpcore.ConnectTimeout)
        stream = await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return _AsyncDeadlineStream(stream)

    async def connect_unix_socket(
        self, path: str, timeout: Optional[float] = None, socket_options: Optional[Iterable[Any]] = None
    ) -> Any:
        import httpcore

        timeout = _left(timeout, httpcore.ConnectTimeout)
        return _AsyncDeadlineStream(await self._inner.connect_unix_socket(path, timeout, socket_options))

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def install_deadlines(transports: Iterable[Any]) -> None:
    """Put :class:`DeadlineBackend` under the connection pools of httpx transports this SDK
    created. httpx has no public hook for it: a transport without the expected pool is left
    as it is (the body loop still checks the deadline between chunks)."""
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        inner = getattr(pool, "_network_backend", None)
        if inner is None or isinstance(inner, (DeadlineBackend, AsyncDeadlineBackend)):
            continue
        wrapper = AsyncDeadlineBackend if hasattr(inner, "connect_tcp") and _is_async(inner) else DeadlineBackend
        pool._network_backend = wrapper(inner)  # type: ignore[union-attr]


def _is_async(backend: Any) -> bool:
    import inspect

    return inspect.iscoroutinefunction(backend.connect_tcp)


def client_transports(http: Union[httpx.Client, httpx.AsyncClient]) -> List[Any]:
    """The transports of an httpx client (its default one and its proxy mounts)."""
    transports: List[Any] = [getattr(http, "_transport", None)]
    transports += list(getattr(http, "_mounts", {}).values())
    spread = [t for t in transports if isinstance(t, SpreadAsyncTransport)]
    for t in spread:
        transports += t._pools
    return [t for t in transports if t is not None]


# --- the sync and async loops --------------------------------------------------------------


class BodyReader:
    """Collects one answer's body within the size cap and the attempt's deadline.

    gzip and deflate bodies are inflated here, in steps that never produce more than the
    cap allows, so a small compressed body cannot inflate into a large one in memory;
    other encodings are left to httpx (``raw`` is then ``False``: feed decoded chunks).
    """

    def __init__(self, core: Core, op: Operation[Any], response: httpx.Response, deadline: Optional[float]):
        core.check_declared_size(op, response)
        self._core, self._op, self._response, self._deadline = core, op, response, deadline
        self._cap = core.config.max_response_bytes
        self._chunks: List[bytes] = []
        self._size = 0
        encoding = response.headers.get("content-encoding", "").strip().lower()
        self._wbits: Optional[int] = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16}.get(encoding)
        if encoding == "deflate":
            self._wbits = zlib.MAX_WBITS
        self._inflate = None if self._wbits is None else zlib.decompressobj(self._wbits)
        self._first = True
        self.raw = self._inflate is not None or encoding in ("", "identity")
        """Whether to feed the raw bytes (``iter_raw``) rather than httpx's decoded ones."""

    def feed(self, data: bytes) -> None:
        self._decode(data)
        if self._deadline is not None and _now() > self._deadline:
            raise httpx.ReadTimeout("the call's deadline passed while reading the body", request=self._response.request)

    def check(self, content: bytes) -> None:
        """Hold a body that is in memory already (decoded) to the size cap."""
        self._add(content)

    def finish(self) -> None:
        """Store the whole body in the response (``response.content`` and ``.json()`` read it)."""
        if self._inflate is not None:
            self._add(self._inflate.flush())
        self._response._content = b"".join(self._chunks)

    def _decode(self, data: bytes) -> None:
        inflate = self._inflate
        if inflate is None:
            self._add(data)
            return
        try:
            while data:
                self._add(inflate.decompress(data, self._cap - self._size + 1))
                data = inflate.unconsumed_tail
        except zlib.error as exc:
            if self._first and self._wbits == zlib.MAX_WBITS:  # deflate sent without its zlib header
                self._wbits = -zlib.MAX_WBITS
                self._inflate = zlib.decompressobj(self._wbits)
                self._first = False
                self._decode(data)
                return
            raise httpx.DecodingError(f"cannot inflate the body: {exc}", request=self._response.request) from None
        self._first = False

    def _add(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > self._cap:
            raise self._core.too_large(self._op, self._response, self._size)
        if chunk:
            self._chunks.append(chunk)


def read_body(core: Core, op: Operation[Any], response: httpx.Response, deadline: Optional[float]) -> None:
    """Read the whole body into ``response``, by ``deadline`` and within the size cap."""
    reader = BodyReader(core, op, response, deadline)
    if response.is_stream_consumed:  # read already (an answer built in memory, by a mock transport say)
        reader.check(response.content)
        return
    for chunk in response.iter_raw() if reader.raw else response.iter_bytes():
        reader.feed(chunk)
    reader.finish()


async def aread_body(core: Core, op: Operation[Any], response: httpx.Response, deadline: Optional[float]) -> None:
    reader = BodyReader(core, op, response, deadline)
    if response.is_stream_consumed:  # read already (an answer built in memory, by a mock transport say)
        reader.check(response.content)
        return
    async for chunk in response.aiter_raw() if reader.raw else response.aiter_bytes():
        reader.feed(chunk)
    reader.finish()


def _remaining(deadline: Optional[float], now: float) -> Optional[float]:
    return None if deadline is None else deadline - now


class SyncTransport:
    def __init__(self, core: Core, http: httpx.Client):
        self.core = core
        self.http = http

    def send(self, op: Operation[T], options: RequestOptions = DEFAULT, deadline: Optional[float] = None) -> T:
        """Send ``op`` (retrying as the policy says) and return its value; ``deadline``
        (monotonic) and the call's ``timeout=`` bound the whole call, every attempt and pause included."""
        core = self.core
        attempt = 0
        policy = core.policy_for(options)
        deadline = core.call_deadline(op, options, deadline)
        while True:
            response, exc = None, None
            started = _now()
            until = core.attempt_deadline(op, started, deadline)
            args = core.request_args(op, attempt, None if until is None else until - started, options)
            request = core.build(self.http, args)
            token = DEADLINE.set(until)
            try:
                response = self.http.send(request, stream=True)
                try:
                    read_body(core, op, response, until)
                finally:
                    response.close()
            except httpx.RequestError as err:  # transport failures, and bodies that cannot be decoded
                exc, response = err, None
            finally:
                DEADLINE.reset(token)
            core.log_attempt(op, args, attempt, started, response, exc)
            decision = policy.decide(
                attempt,
                core.outcome(response, exc),
                replayable=op.replayable,
                remaining=_remaining(deadline, _now()),
            )
            if not decision.retry:
                return core.give_up(op, response, exc, decision)
            core.log_retry(op, attempt, decision.delay, decision.reason)
            time.sleep(decision.delay)
            attempt += 1


class AsyncTransport:
    def __init__(self, core: Core, http: httpx.AsyncClient):
        self.core = core
        self.http = http

    async def send(self, op: Operation[T], options: RequestOptions = DEFAULT, deadline: Optional[float] = None) -> T:
        core = self.core
        attempt = 0
        policy = core.policy_for(options)
        deadline = core.call_deadline(op, options, deadline)
        while True:
            response, exc = None, None
            started = _now()
            until = core.attempt_deadline(op, started, deadline)
            args = core.request_args(op, attempt, None if until is None else until - started, options)
            request = core.build(self.http, args)
            token = DEADLINE.set(until)
            try:
                response = await self.http.send(request, stream=True)
                try:
                    await aread_body(core, op, response, until)
                finally:
                    await response.aclose()
            except httpx.RequestError as err:
                exc, response = err, None
            finally:
                DEADLINE.reset(token)
            core.log_attempt(op, args, attempt, started, response, exc)
            decision = policy.decide(
                attempt,
                core.outcome(response, exc),
                replayable=op.replayable,
                remaining=_remaining(deadline, _now()),
            )
            if not decision.retry:
                return core.give_up(op, response, exc, decision)
            core.log_retry(op, attempt, decision.delay, decision.reason)
            await asyncio.sleep(decision.delay)
            attempt += 1
