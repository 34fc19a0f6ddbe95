"""Sending operations: shared decisions in :class:`Core`, thin sync and async loops.

``Core`` turns an :class:`~bctrl._operations.Operation` into an HTTP request, an answer
into a value or a typed error, and a transport exception into an
:class:`~bctrl._retry.Outcome`; :class:`~bctrl._retry.RetryPolicy` decides about retries.
``SyncTransport`` and ``AsyncTransport`` only send, read, sleep and loop.

``AsyncBctrl`` sends through its own connections (:mod:`bctrl._http11`) unless given an
``httpx.AsyncClient``; ``Bctrl`` sends through httpx. ``Core.request`` builds the request
bytes for both, and both end in one :class:`~bctrl._http11.Answer`.

Deadlines: every attempt ends by ``now + timeout`` (plus the hold of a long poll), and a
call may carry a deadline of its own (the wait budget, a per-call timeout) that bounds all
its attempts and the pauses between them. The SDK's own connections end an attempt at its
deadline with a timer, whatever the server does. Through httpx, the body is read in a loop
that checks the deadline and the size cap (``max_response_bytes``, on the decoded size)
chunk by chunk, and in the httpx clients this SDK creates every socket operation is also
cut to what is left (:class:`DeadlineBackend`), so a server that dribbles headers cannot
hold a call either.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import logging
import re
import time
import urllib.request
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, TypeVar, Union
from urllib.parse import quote, urlencode

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
from ._http11 import ACCEPT_ENCODING, Answer, Body, BodyTooLarge, Origin, Pool, Request
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
        url = httpx.URL(config.base_url)
        self.origin = Origin.of(url)
        self._root = f"{url.scheme}://{self.origin.authority}"
        self._base_path = url.raw_path.decode("ascii").split("?", 1)[0].rstrip("/")
        fixed = [
            ("Authorization", f"Bearer {config.api_key}"),
            ("User-Agent", USER_AGENT),
            ("Accept", "application/json"),
            ("Accept-Encoding", ACCEPT_ENCODING),
            *config.default_headers.items(),
        ]
        self._headers: Dict[str, Tuple[str, str]] = {name.lower(): (name, value) for name, value in fixed}

    def policy_for(self, options: RequestOptions) -> RetryPolicy:
        """The retry policy of one call (the client's, or its own ``max_retries``)."""
        if options.max_retries is None or options.max_retries == self.policy.max_retries:
            return self.policy
        return attrs.evolve(self.policy, max_retries=options.max_retries)

    def request(self, op: Operation[Any], attempt: int, options: RequestOptions = DEFAULT) -> Request:
        """The request of this attempt, as bytes will carry it (one place for both transports)."""
        args: Dict[str, Any] = op.endpoint._get_kwargs(**op.args)
        headers = dict(self._headers)
        for name, value in args.get("headers", {}).items():
            headers[name.lower()] = (name, value)
        if attempt:
            headers["x-bctrl-retry-count"] = ("X-Bctrl-Retry-Count", str(attempt))
        params = args.get("params")
        body = args.get("json")
        if options is not DEFAULT:
            for name, value in options.extra_headers.items():
                headers[name.lower()] = (name, value)
            if options.extra_query:
                params = {**(params or {}), **options.extra_query}
            if options.extra_body:
                body = {**(body or {}), **options.extra_body}
        content = None
        if body is not None:
            content = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
            headers.setdefault("content-type", ("Content-Type", "application/json"))
        path = args["url"]
        path = self._base_path + (path if _SAFE_PATH.fullmatch(path) else quote(path, safe=_PATH_SAFE))
        target = path + "?" + encode_query(params) if params else path
        method = args["method"].upper()
        return Request(
            method,
            self._root + target,
            self.origin,
            target,
            list(headers.values()),
            content,
            answer_first=method == "POST" and path.endswith("/wait"),
        )

    def httpx_timeout(self, op: Operation[Any], remaining: Optional[float]) -> httpx.Timeout:
        """The phases' timeouts of an attempt sent through httpx; ``remaining`` is how long
        the attempt may take: no phase's timeout is longer."""
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
        return timeout

    def attempt_deadline(self, op: Operation[Any], started: float, call_deadline: Optional[float]) -> Optional[float]:
        """When an attempt started at ``started`` must be over: its own timeout (plus the
        long-poll hold), or the call's deadline if that comes first."""
        own = None if self.config.attempt_seconds is None else started + self.config.attempt_seconds + op.hold_seconds
        if call_deadline is None:
            return own
        return call_deadline if own is None else min(own, call_deadline)

    def build(
        self, http: Union[httpx.Client, httpx.AsyncClient], request: Request, timeout: httpx.Timeout
    ) -> httpx.Request:
        """The httpx request, or a :class:`RequestValidationError` for one httpx cannot send."""
        if http.is_closed:
            raise closed_error()
        try:
            return http.build_request(
                request.method, request.url, headers=request.headers, content=request.body, timeout=timeout
            )
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

    def too_large(
        self, op: Operation[Any], status: int, headers: Mapping[str, str], size: int
    ) -> ResponseTooLargeError:
        cap = self.config.max_response_bytes
        return ResponseTooLargeError(
            f"{op.name}: the {status} answer is larger than max_response_bytes={cap} "
            f"(at least {size} bytes{' once decoded' if headers.get('content-encoding') else ''})",
            status_code=status,
            request_id=headers.get("x-request-id"),
            limit=cap,
        )

    def give_up(self, op: Operation[T], answer: Optional[Answer], exc: Optional[Exception], decision: Decision) -> T:
        """:meth:`finish`, except that an attempt the call's deadline left no time to retry
        ends in :class:`DeadlineExceededError` (caused by what the attempt produced)."""
        if not decision.out_of_time:
            return self.finish(op, answer, exc)
        try:
            self.finish(op, answer, exc)
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
    def outcome(answer: Optional[Answer], exc: Optional[Exception]) -> Outcome:
        if answer is not None:
            return Outcome(status=answer.status_code, headers=answer.headers)
        if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
            return Outcome(failure=Failure.CONNECT)
        if isinstance(exc, httpx.TimeoutException):
            return Outcome(failure=Failure.TIMEOUT)
        return Outcome(failure=Failure.DROPPED)

    def finish(self, op: Operation[T], answer: Optional[Answer], exc: Optional[Exception]) -> T:
        """The value of a completed attempt, or the typed error it stands for."""
        if answer is None:
            raise transport_error(exc, self.redact) from exc
        if answer.status_code >= 400:
            raise api_error(answer)
        request_id = answer.headers.get("x-request-id")
        try:
            parsed = op.endpoint._parse_response(client=self._generated, response=answer)
            if parsed is None and answer.status_code != 204:  # 204: no body, the converter decides
                raise ValueError(f"unexpected status {answer.status_code}")
            raw = RawResponse(answer.status_code, answer.headers, answer.method, answer.url)
            return op.convert(parsed, raw)
        except RecursionError:
            raise APIResponseValidationError(
                f"{op.name}: the {answer.status_code} answer is nested too deeply to read",
                status_code=answer.status_code,
                request_id=request_id,
            ) from None
        except (KeyError, ValueError, TypeError, AttributeError, json.JSONDecodeError) as err:
            raise APIResponseValidationError(
                f"{op.name}: the {answer.status_code} answer does not match the API contract: "
                f"{type(err).__name__}: {_short(str(err))}",
                status_code=answer.status_code,
                request_id=request_id,
            ) from None

    def log_attempt(
        self,
        request: Request,
        attempt: int,
        started: float,
        answer: Optional[Answer],
        exc: Optional[Exception],
    ) -> None:
        if not log.isEnabledFor(logging.DEBUG):
            return
        elapsed_ms = (_now() - started) * 1000
        result = f"{answer.status_code}" if answer is not None else type(exc).__name__
        request_id = answer.headers.get("x-request-id") if answer is not None else None
        log.debug(
            "%s %s -> %s in %.1f ms (attempt %d, request_id=%s)",
            request.method,
            request.target.split("?", 1)[0],
            result,
            elapsed_ms,
            attempt + 1,
            request_id,
        )

    @staticmethod
    def log_retry(op: Operation[Any], attempt: int, delay: float, reason: str) -> None:
        log.info("retrying %s in %.2f s (attempt %d, %s)", op.name, delay, attempt + 2, reason)


_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
"""Characters a path may carry as they are (RFC 3986 pchar, ``/``, and ``%``: the generated
client escapes path parameters already); others are escaped."""


_SAFE_PATH = re.compile(r"[A-Za-z0-9/:@!$&'()*+,;=\-._~%]*")


def encode_query(params: Mapping[str, Any]) -> str:
    """A query string: lists as repeated names, booleans as ``true``/``false`` (as httpx writes them)."""
    pairs = []
    for name, value in params.items():
        for item in value if isinstance(value, (list, tuple)) else (value,):
            text = "true" if item is True else "false" if item is False else "" if item is None else str(item)
            pairs.append((name, text))
    return urlencode(pairs, quote_via=quote)


def closed_error() -> BctrlError:
    return BctrlError("the client is closed: create a new one (or do not call close() before this call)")


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


def api_error(response: Union[Answer, httpx.Response]) -> APIError:
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


MAX_CONNECTIONS = 256
"""Connections an :class:`~bctrl.AsyncBctrl` opens at most (long polls share them: ``_schedule``)."""


def async_connections(config: ClientConfig) -> Union[Pool, httpx.AsyncClient]:
    """What :class:`~bctrl.AsyncBctrl` sends through when given no HTTP client: its own
    connections, or, where the environment names a proxy for the API's host (which only
    httpx knows how to use), an ``httpx.AsyncClient`` with the same connection limit."""
    url = httpx.URL(config.base_url)
    proxies = urllib.request.getproxies_environment()
    host = url.raw_host.decode("ascii")
    if (proxies.get(url.scheme) or proxies.get("all")) and not urllib.request.proxy_bypass(host):
        limits = httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_CONNECTIONS)
        return httpx.AsyncClient(limits=limits)
    return Pool(max_connections=MAX_CONNECTIONS)


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
    return [t for t in transports if t is not None]


# --- the sync and async loops --------------------------------------------------------------


def _answer(response: httpx.Response, content: bytes) -> Answer:
    request = response.request
    return Answer(
        response.status_code, response.reason_phrase, response.headers, content, request.method, str(request.url)
    )


def _late(deadline: Optional[float]) -> None:
    if deadline is not None and _now() > deadline:
        raise httpx.ReadTimeout("the call's deadline passed while reading the body")


def _in_memory(core: Core, response: httpx.Response) -> Optional[Answer]:
    """The answer of a response read already (built in memory, by a mock transport say),
    held to the size cap; ``None`` for one still to be read."""
    if not response.is_stream_consumed:
        return None
    content = response.content
    if len(content) > core.config.max_response_bytes:
        raise BodyTooLarge(response.status_code, response.headers, len(content))
    return _answer(response, content)


def read_body(core: Core, response: httpx.Response, deadline: Optional[float]) -> Answer:
    """Read the whole body of an httpx answer by ``deadline`` and within the size cap."""
    body = Body(core.config.max_response_bytes, response.status_code, response.headers)
    answer = _in_memory(core, response)
    if answer is not None:
        return answer
    for chunk in response.iter_raw() if body.decodes else response.iter_bytes():
        body.feed(chunk)
        _late(deadline)
    return _answer(response, body.finish())


async def aread_body(core: Core, response: httpx.Response, deadline: Optional[float]) -> Answer:
    body = Body(core.config.max_response_bytes, response.status_code, response.headers)
    answer = _in_memory(core, response)
    if answer is not None:
        return answer
    async for chunk in response.aiter_raw() if body.decodes else response.aiter_bytes():
        body.feed(chunk)
        _late(deadline)
    return _answer(response, body.finish())


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
            answer, exc = None, None
            started = _now()
            until = core.attempt_deadline(op, started, deadline)
            request = core.request(op, attempt, options)
            sent = core.build(self.http, request, core.httpx_timeout(op, None if until is None else until - started))
            token = DEADLINE.set(until)
            try:
                response = self.http.send(sent, stream=True)
                try:
                    answer = read_body(core, response, until)
                finally:
                    response.close()
            except httpx.RequestError as err:  # transport failures, and bodies that cannot be decoded
                exc = err
            except BodyTooLarge as big:
                raise core.too_large(op, big.status_code, big.headers, big.size) from None
            finally:
                DEADLINE.reset(token)
            core.log_attempt(request, attempt, started, answer, exc)
            decision = policy.decide(
                attempt,
                core.outcome(answer, exc),
                replayable=op.replayable,
                remaining=_remaining(deadline, _now()),
            )
            if not decision.retry:
                return core.give_up(op, answer, exc, decision)
            core.log_retry(op, attempt, decision.delay, decision.reason)
            time.sleep(decision.delay)
            attempt += 1


class AsyncTransport:
    """Sends through the SDK's own connections (:class:`~bctrl._http11.Pool`), or through
    an ``httpx.AsyncClient`` a caller brought."""

    def __init__(self, core: Core, http: Union[Pool, httpx.AsyncClient]):
        self.core = core
        self.http = http

    async def send(self, op: Operation[T], options: RequestOptions = DEFAULT, deadline: Optional[float] = None) -> T:
        core = self.core
        attempt = 0
        policy = core.policy_for(options)
        deadline = core.call_deadline(op, options, deadline)
        while True:
            answer, exc = None, None
            started = _now()
            until = core.attempt_deadline(op, started, deadline)
            request = core.request(op, attempt, options)
            try:
                answer = await self._attempt(op, request, started, until)
            except httpx.RequestError as err:
                exc = err
            except BodyTooLarge as big:
                raise core.too_large(op, big.status_code, big.headers, big.size) from None
            core.log_attempt(request, attempt, started, answer, exc)
            decision = policy.decide(
                attempt,
                core.outcome(answer, exc),
                replayable=op.replayable,
                remaining=_remaining(deadline, _now()),
            )
            if not decision.retry:
                return core.give_up(op, answer, exc, decision)
            core.log_retry(op, attempt, decision.delay, decision.reason)
            await asyncio.sleep(decision.delay)
            attempt += 1

    async def _attempt(self, op: Operation[Any], request: Request, started: float, until: Optional[float]) -> Answer:
        core, http = self.core, self.http
        if isinstance(http, Pool):
            if http.is_closed:
                raise closed_error()
            timeout = core.config.timeout
            return await http.send(
                request,
                deadline=until,
                cap=core.config.max_response_bytes,
                connect_timeout=timeout.connect,
                pool_timeout=timeout.pool,
            )
        sent = core.build(http, request, core.httpx_timeout(op, None if until is None else until - started))
        token = DEADLINE.set(until)
        try:
            response = await http.send(sent, stream=True)
            try:
                return await aread_body(core, response, until)
            finally:
                await response.aclose()
        finally:
            DEADLINE.reset(token)
