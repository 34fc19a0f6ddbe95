"""The emulator's ASGI application (Starlette): routing, auth, faults and JSON rendering.

The API operations follow the packaged OpenAPI document. The ``/_emulator`` control paths
(script outcomes, faults, reset, state) are not part of the API and are never subject to
faults; they need the API key only when the emulator has one (``api_key``).

Order of checks: ``Host`` and ``Origin`` (403, see :mod:`.guard`), then for an API
request auth (401), injected latency and faults (429/503), the body's size (413, counted
while it streams), the body's presence and media type as the document states them (400,
415), nesting and parsing (400 ``request.invalid_json``) and validation (400
``request.invalid``, ``invocation.output_schema_invalid``), then the resources named in
the path (404). A
path id that is not a UUID is answered like an unknown one: 404 ``*.not_found``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Awaitable, Callable, Dict, List, Optional, Tuple

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse as StarletteJSONResponse
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from .._contract import body_media_types, body_required, parameter_errors, request_body_schema
from . import guard, outputs
from .errors import ApiError, invalid
from .faults import FaultConfig, FaultInjector
from .lifecycle import DEFAULT_DURATION_MS, Script, key_digest
from .pagination import InvalidCursor
from .state import MINUTE_MS, Invocation, Store
from .validation import (
    BodyValidator,
    check_media_type,
    check_output_schema,
    check_text,
    parse_json_body,
    parse_list_query,
    parse_runtime_list_query,
)

logger = logging.getLogger("bctrl.emulator")

REQUEST_ID_HEADER = "X-Request-Id"
ABORT_EXTENSION = "bctrl.abort"
CONTEXT_KEY = "bctrl.emulator"
DEFAULT_WAIT_MS = 10_000
MAX_WAIT_MS = 30_000
MAX_BODY_BYTES = guard.MAX_BODY_BYTES

Handler = Callable[[Request], Awaitable[Response]]


SENT_AT_HEADER = b"x-emulator-sent-at"
"""On every answer: when the emulator started sending it (Unix time, milliseconds), so a
benchmark can tell the client's share of a delay from the server's."""


class JSONResponse(StarletteJSONResponse):
    """Every emulator answer: ASCII-only JSON (``\\uXXXX`` escapes), so rendering can never
    fail to encode whatever text ended up in a body; ``NaN``/``Infinity`` are still refused."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False, indent=None, separators=(",", ":")).encode(
            "ascii"
        )


class ConnectionDropped(Exception):
    """Raised to an in-process caller in place of a response when a create is dropped.

    Over a real socket (see :mod:`bctrl.emulator.server`) the connection is aborted
    instead and the client sees a transport error.
    """


@dataclass
class EmulatorOptions:
    """How an emulator behaves; every field has a command-line flag."""

    api_key: Optional[str] = None
    duration_ms: int = DEFAULT_DURATION_MS
    strict: bool = True
    faults: FaultConfig = field(default_factory=FaultConfig)
    minute_ms: int = MINUTE_MS
    """Real milliseconds in one minute of runtime lifecycle time: ``lifecycle.idleTimeoutMinutes``
    of 2 stops an idle runtime after ``2 * minute_ms`` ms (make it small to test idle timeouts)."""
    #: ``Host`` names accepted besides loopback ones and the address a request came in on
    #: (e.g. a container's name); ``"*"`` accepts any.
    allowed_hosts: Tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.duration_ms, bool) or not isinstance(self.duration_ms, int):
            raise ValueError("duration_ms must be an integer")
        if not 0 <= self.duration_ms <= 600_000:
            raise ValueError("duration_ms must be between 0 and 600000")
        if isinstance(self.minute_ms, bool) or not isinstance(self.minute_ms, int):
            raise ValueError("minute_ms must be an integer")
        if not 1 <= self.minute_ms <= 3_600_000:
            raise ValueError("minute_ms must be between 1 and 3600000")
        if self.api_key is not None and (not self.api_key or " " in self.api_key):
            raise ValueError("api_key must be a non-empty string without spaces")
        if isinstance(self.allowed_hosts, str) or not all(isinstance(h, str) and h for h in self.allowed_hosts):
            raise ValueError("allowed_hosts must be a sequence of host names")
        self.allowed_hosts = tuple(self.allowed_hosts)


@dataclass
class RequestContext:
    request_id: str
    drop: bool = False


OPERATIONS: Dict[str, Tuple[str, str]] = {
    "runtimes-create": ("/v2/runtimes", "post"),
    "invocations-create": ("/v1/runtimes/{runtimeId}/invocations", "post"),
    "legacy-invocations-create": ("/v1/spaces/{id}/runtimes/{runtimeId}/invocations", "post"),
    "invocations-wait": ("/v1/runtimes/{runtimeId}/invocations/{invocationId}/wait", "post"),
    "invocations-cancel": ("/v1/runtimes/{runtimeId}/invocations/{invocationId}/cancel", "post"),
    "runtimes-stop": ("/v1/runtimes/{runtimeId}/stop", "post"),
    "runtimes-delete": ("/v1/runtimes/{runtimeId}", "delete"),
}


def _context(request: Request) -> RequestContext:
    ctx = request.scope.get(CONTEXT_KEY)
    if isinstance(ctx, RequestContext):
        return ctx
    ctx = RequestContext(request_id=f"req_{uuid.uuid4().hex}")
    request.scope[CONTEXT_KEY] = ctx
    return ctx


FALLBACK_MESSAGE = "The request could not be handled."


def error_response(request: Request, error: ApiError) -> Response:
    """The ``ErrorResponse`` for ``error``; a fixed-text one if that cannot be rendered."""
    ctx = _context(request)
    try:
        return JSONResponse(error.body(ctx.request_id), status_code=error.status, headers=error.headers)
    except Exception:
        logger.exception("could not render the error %s", error.code)
    fallback = ApiError(error.status, error.code, FALLBACK_MESSAGE)
    try:
        return JSONResponse(fallback.body(ctx.request_id), status_code=error.status, headers=error.headers)
    except Exception:
        logger.exception("could not render the fallback error")
    return JSONResponse(
        ApiError(500, "server.internal", FALLBACK_MESSAGE).body(ctx.request_id),
        status_code=500,
    )


class EmulatorApp:
    """The ASGI application plus the state it serves (``store``, ``faults``)."""

    def __init__(self, options: Optional[EmulatorOptions] = None) -> None:
        self.options = options or EmulatorOptions()
        self.store = Store(duration_ms=self.options.duration_ms, minute_ms=self.options.minute_ms)
        self.faults = FaultInjector(self.options.faults)
        self._closing: Optional[asyncio.Event] = None
        self.requests = 0
        """HTTP requests received (API and control), since start or reset."""
        self.validators = _validators(strict=self.options.strict)
        api = self._api
        control = self._control
        routes = [
            Route("/v2/runtimes", api(self.create_runtime), methods=["POST"]),
            Route("/v1/runtimes", api(self.list_runtimes), methods=["GET"]),
            # One route for both methods, so a 405 on this path lists both in ``Allow``.
            Route("/v1/runtimes/{runtimeId}", api(self.runtime_resource), methods=["GET", "DELETE"]),
            Route("/v1/runtimes/{runtimeId}/stop", api(self.stop_runtime), methods=["POST"]),
            Route(
                "/v1/runtimes/{runtimeId}/invocations",
                api(self.create_invocation),
                methods=["POST"],
            ),
            Route(
                "/v1/spaces/{id}/runtimes/{runtimeId}/invocations",
                api(self.create_legacy_invocation),
                methods=["POST"],
            ),
            Route("/v1/runs/{runId}/invocations", api(self.list_invocations), methods=["GET"]),
            Route(
                "/v1/runtimes/{runtimeId}/invocations/{invocationId}/wait",
                api(self.wait_invocation),
                methods=["POST"],
            ),
            Route(
                "/v1/runtimes/{runtimeId}/invocations/{invocationId}/cancel",
                api(self.cancel_invocation),
                methods=["POST"],
            ),
            Route(
                "/v1/runs/{runId}/invocations/{invocationId}",
                api(self.get_run_invocation),
                methods=["GET"],
            ),
            Route("/v1/invocations/{invocationId}", api(self.get_invocation), methods=["GET"]),
            Route("/_emulator/script", control(self.control_script), methods=["POST"]),
            Route("/_emulator/faults", control(self.control_faults), methods=["POST"]),
            Route("/_emulator/reset", control(self.control_reset), methods=["POST"]),
            Route("/_emulator/state", control(self.control_state), methods=["GET"]),
            Route("/_emulator/runtimes/{runtimeId}/fail", control(self.control_fail_runtime), methods=["POST"]),
        ]
        self.starlette = Starlette(
            routes=routes,
            exception_handlers={HTTPException: self._http_exception},
            lifespan=self._lifespan,
        )
        self.starlette.router.redirect_slashes = False

    # ---- ASGI -----------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.starlette(scope, receive, send)
            return
        self.requests += 1
        ctx = RequestContext(request_id=f"req_{uuid.uuid4().hex}")
        scope[CONTEXT_KEY] = ctx
        header = (REQUEST_ID_HEADER.lower().encode(), ctx.request_id.encode())
        body = _BodyProgress(scope, receive)

        async def send_with_id(message: Message) -> None:
            if ctx.drop:
                return
            if message["type"] == "http.response.start":
                extra = [header, (SENT_AT_HEADER, b"%.3f" % (time.time() * 1000))]
                if not body.done and scope.get("http_version", "1.1") in ("1.0", "1.1"):
                    # Answered before the body was read: do not read the rest. (HTTP/2 has
                    # no such header; its server ends the stream instead.)
                    extra.append((b"connection", b"close"))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        receive = body.receive

        refused = self._refuse_foreign(scope)
        if refused is not None:
            await error_response(Request(scope), refused)(scope, receive, send_with_id)
            return
        await self.starlette(scope, receive, send_with_id)
        if ctx.drop:
            await self._drop(scope, receive)

    def _refuse_foreign(self, scope: Scope) -> Optional[ApiError]:
        """A 403 for a request from a web page on another origin or to a name that is not
        this emulator's (DNS rebinding); ``None`` for the others."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        server = scope.get("server")
        bound = str(server[0]) if server else None
        host = headers.get("host")
        if host is not None and not guard.host_allowed(host, bound, self.options.allowed_hosts):
            return ApiError(
                403,
                "request.host_not_allowed",
                f"Host {host[:100]!r} does not name this emulator; allow it with --allow-host.",
            )
        origin = headers.get("origin")
        if origin is not None and not guard.origin_allowed(origin, str(scope.get("scheme", "http")), host or ""):
            return ApiError(
                403,
                "request.origin_not_allowed",
                f"Requests from origin {origin[:100]!r} are not allowed.",
            )
        return None

    async def _drop(self, scope: Scope, receive: Receive) -> None:
        abort = scope.get("extensions", {}).get(ABORT_EXTENSION)
        if not callable(abort):
            raise ConnectionDropped("connection dropped after the invocation was stored")
        abort()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(_until_disconnect(receive), timeout=1.0)

    @contextlib.asynccontextmanager
    async def _lifespan(self, app: Starlette) -> AsyncIterator[None]:
        yield
        await self.store.aclose()

    async def _http_exception(self, request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if status == 405:
            error = ApiError(
                405,
                "request.method_not_allowed",
                f"Method {request.method} is not allowed on {request.url.path}.",
            )
        elif status == 404:
            error = ApiError(404, "route.not_found", f"No route matches {request.url.path}.")
        else:
            error = ApiError(status, "request.invalid", "The request could not be handled.")
        response = error_response(request, error)
        if isinstance(exc, HTTPException) and exc.headers:
            response.headers.update(exc.headers)
        return response

    # ---- endpoint wrappers ----------------------------------------------------------

    def _api(self, handler: Handler) -> Handler:
        async def endpoint(request: Request) -> Response:
            try:
                self._authenticate(request)
                await self._inject_faults()
                return await handler(request)
            except ApiError as error:
                return error_response(request, error)
            except Exception:
                logger.exception("unexpected error in %s", request.url.path)
                return error_response(request, ApiError(500, "server.internal", "An unexpected error occurred."))

        return endpoint

    def _control(self, handler: Handler) -> Handler:
        async def endpoint(request: Request) -> Response:
            try:
                if self.options.api_key is not None:
                    self._authenticate(request)
                return await handler(request)
            except ApiError as error:
                return error_response(request, error)
            except ValueError as exc:
                return error_response(request, invalid(str(exc)))
            except Exception:
                logger.exception("unexpected error in %s", request.url.path)
                return error_response(request, ApiError(500, "server.internal", "An unexpected error occurred."))

        return endpoint

    def _authenticate(self, request: Request) -> None:
        header = request.headers.get("authorization")
        challenge = {"WWW-Authenticate": "Bearer"}
        if header is None:
            raise ApiError(
                401,
                "auth.missing_api_key",
                "Authentication required: send 'Authorization: Bearer <api-key>'.",
                headers=challenge,
            )
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or " " in token:
            raise ApiError(
                401,
                "auth.invalid_api_key",
                "The Authorization header must be 'Bearer <api-key>'.",
                headers=challenge,
            )
        expected = self.options.api_key
        if expected is not None and not hmac.compare_digest(
            token.encode("utf-8", "surrogateescape"), expected.encode("utf-8")
        ):
            raise ApiError(401, "auth.invalid_api_key", "The API key is not valid.", headers=challenge)
        request.state.api_key_digest = key_digest(token)

    async def _inject_faults(self) -> None:
        latency = self.faults.latency_seconds
        if latency > 0:
            await asyncio.sleep(latency)
        fault = self.faults.request_fault()
        if fault is None:
            return
        retry = self.faults.config.retry_after_seconds
        headers = {"Retry-After": str(retry)}
        if fault == 429:
            raise ApiError(
                429,
                "rate_limited",
                "Rate limit exceeded. Retry after the delay indicated by Retry-After.",
                hint=f"retry after {retry}s",
                headers=headers,
            )
        raise ApiError(
            503,
            "service.unavailable",
            "The service is temporarily unavailable. Retry later.",
            hint=f"retry after {retry}s",
            headers=headers,
        )

    async def _raw_body(self, request: Request) -> bytes:
        """The body, read while counting: past :data:`MAX_BODY_BYTES` (declared or
        streamed) it is a 413 and the rest is never read; JSON nesting past
        :data:`guard.MAX_JSON_DEPTH` is a 400 before any parser sees it."""
        if guard.declared_length_too_large(request.headers.get("content-length"), MAX_BODY_BYTES):
            raise _too_large()
        chunks: List[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise _too_large()
            chunks.append(chunk)
        raw = b"".join(chunks)
        if guard.json_depth_exceeds(raw):
            raise invalid(f"request body nests deeper than {guard.MAX_JSON_DEPTH} levels", code="request.invalid_json")
        return raw

    async def _body(self, request: Request, *, required: bool) -> Any:
        return parse_json_body(await self._raw_body(request), required=required)

    async def _api_body(self, request: Request, operation: str) -> Any:
        """An API operation's body as the document states it: required or optional (``None``
        when absent), of a media type it lists, valid JSON that matches its schema. An
        operation that documents no body refuses one."""
        raw = await self._raw_body(request)
        path, method = OPERATIONS[operation]
        media_types = body_media_types(path, method)
        if not raw.strip():
            if body_required(path, method):
                raise invalid("a JSON request body is required", code="request.invalid_json")
            return None
        if not media_types:
            raise invalid(f"{method.upper()} {path} takes no request body", code="request.unexpected_body")
        check_media_type(request.headers.get("content-type"), media_types)
        body = parse_json_body(raw, required=True)
        self.validators[operation].validate(body)
        return body

    # ---- API operations -------------------------------------------------------------

    async def create_runtime(self, request: Request) -> Response:
        body = await self._api_body(request, "runtimes-create")
        runtime = self.store.create_runtime(body)
        return JSONResponse(runtime.to_json(), status_code=200)

    async def list_runtimes(self, request: Request) -> Response:
        query = parse_runtime_list_query(request.query_params.multi_items(), strict=self.options.strict)
        try:
            items, cursor = self.store.list_runtimes(statuses=query.statuses, cursor=query.cursor, limit=query.limit)
        except InvalidCursor:
            raise invalid("query parameter 'cursor' is not a valid cursor", parameter="cursor") from None
        return JSONResponse({"data": [rt.to_json() for rt in items], "nextCursor": cursor})

    async def runtime_resource(self, request: Request) -> Response:
        runtime_id = request.path_params["runtimeId"]
        if request.method == "DELETE":
            await self._api_body(request, "runtimes-delete")
            return JSONResponse(self.store.delete_runtime(runtime_id).to_json())
        return JSONResponse(self.store.runtime(runtime_id).to_json())

    async def stop_runtime(self, request: Request) -> Response:
        await self._api_body(request, "runtimes-stop")
        return JSONResponse(self.store.stop_runtime(request.path_params["runtimeId"]).to_json())

    async def create_invocation(self, request: Request) -> Response:
        runtime_id = request.path_params["runtimeId"]
        body = await self._api_body(request, "invocations-create")
        if "outputSchema" in body:
            check_output_schema(body["outputSchema"])
            await _check_satisfiable(body["outputSchema"])
        return self._create(request, "invocations-create", runtime_id, body, None)

    async def create_legacy_invocation(self, request: Request) -> Response:
        space_id = request.path_params["id"]
        runtime_id = request.path_params["runtimeId"]
        body = await self._api_body(request, "legacy-invocations-create")
        return self._create(request, "legacy-invocations-create", runtime_id, body, space_id)

    def _create(
        self,
        request: Request,
        operation: str,
        runtime_id: str,
        body: Dict[str, Any],
        space_id: Optional[str],
    ) -> Response:
        key = request.headers.get("idempotency-key")
        if key is None and space_id is not None and isinstance(body.get("idempotencyKey"), str):
            key = body["idempotencyKey"]
        if key is not None:
            check_text(key, "Idempotency-Key", parameter="Idempotency-Key")
            problems = parameter_errors(*OPERATIONS["invocations-create"], "Idempotency-Key", "header", key)
            if problems:
                raise invalid(problems[0], parameter="Idempotency-Key")
        runtime = self.store.runtime(runtime_id)
        if space_id is not None and runtime.space_id != space_id:
            raise ApiError(404, "runtime.not_found", f"Runtime '{runtime_id}' was not found in this space.")
        scope = (str(request.state.api_key_digest), runtime_id, key) if key is not None else None
        with self.store.lock:
            if scope is not None:
                record = self.store.replay(scope, operation, body)
                if record is not None:
                    return JSONResponse(
                        record.body,
                        status_code=record.status,
                        headers={"Idempotent-Replayed": "true"},
                    )
            inv = self.store.create_invocation(runtime_id, body, idempotency_key=key, space_id=space_id)
            payload = inv.to_legacy() if space_id is not None else inv.to_json()
            if scope is not None:
                self.store.remember(scope, operation, body, 202, payload, inv.id)
        if self.faults.drop_after_store():
            _context(request).drop = True
        return JSONResponse(payload, status_code=202)

    async def list_invocations(self, request: Request) -> Response:
        run_id = request.path_params["runId"]
        query = parse_list_query(request.query_params.multi_items(), strict=self.options.strict)
        try:
            items, cursor = self.store.list_run(
                run_id,
                statuses=query.statuses,
                actions=query.actions,
                cursor=query.cursor,
                limit=query.limit,
            )
        except InvalidCursor:
            raise invalid("query parameter 'cursor' is not a valid cursor", parameter="cursor") from None
        return JSONResponse({"data": [inv.to_summary() for inv in items], "nextCursor": cursor})

    async def wait_invocation(self, request: Request) -> Response:
        runtime_id = request.path_params["runtimeId"]
        invocation_id = request.path_params["invocationId"]
        body = await self._api_body(request, "invocations-wait")
        timeout_ms = DEFAULT_WAIT_MS
        requested = body.get("timeoutMs") if isinstance(body, dict) else None
        if isinstance(requested, int) and not isinstance(requested, bool):
            # Clamp as integers first: a huge value never reaches float arithmetic.
            timeout_ms = min(max(requested, 0), MAX_WAIT_MS)
        inv = self.store.runtime_invocation(runtime_id, invocation_id)
        done = self.store.done_event(inv)
        closing = self._closing_event()
        if not done.is_set() and not closing.is_set() and timeout_ms > 0:
            waiters = [asyncio.ensure_future(done.wait()), asyncio.ensure_future(closing.wait())]
            try:
                await asyncio.wait(waiters, timeout=timeout_ms / 1000.0, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for waiter in waiters:
                    waiter.cancel()
        return JSONResponse(_wait_payload(inv))

    async def cancel_invocation(self, request: Request) -> Response:
        runtime_id = request.path_params["runtimeId"]
        invocation_id = request.path_params["invocationId"]
        await self._api_body(request, "invocations-cancel")
        inv = self.store.runtime_invocation(runtime_id, invocation_id)
        return JSONResponse(self.store.cancel(inv).to_json())

    async def get_run_invocation(self, request: Request) -> Response:
        inv = self.store.run_invocation(request.path_params["runId"], request.path_params["invocationId"])
        return JSONResponse(inv.to_json())

    async def get_invocation(self, request: Request) -> Response:
        inv = self.store.invocation(request.path_params["invocationId"])
        return JSONResponse(inv.to_json())

    # ---- control --------------------------------------------------------------------

    async def control_script(self, request: Request) -> Response:
        body = await self._body(request, required=True)
        items: List[Any] = body if isinstance(body, list) else [body]
        scripts: List[Script] = []
        for item in items:
            if not isinstance(item, dict):
                raise invalid("a script must be a JSON object")
            scripts.append(Script.from_mapping(item))
        for script in scripts:
            self.store.add_script(script)
        return JSONResponse({"queued": len(scripts), "pending": [s.as_dict() for s in self.store.scripts]})

    async def control_faults(self, request: Request) -> Response:
        body = await self._body(request, required=True)
        if not isinstance(body, dict):
            raise invalid("fault settings must be a JSON object")
        self.faults.update(**body)
        return JSONResponse(self.faults.snapshot())

    async def control_fail_runtime(self, request: Request) -> Response:
        """Script a runtime failure: ``{"afterMs": 0, "message": "..."}`` (both optional)."""
        body = await self._body(request, required=False)
        body = {} if body is None else body
        if not isinstance(body, dict) or set(body) - {"afterMs", "message"}:
            raise invalid('expected {"afterMs": <integer>, "message": <string>}, both optional')
        after_ms = body.get("afterMs", 0)
        message = body.get("message")
        if isinstance(after_ms, bool) or not isinstance(after_ms, int) or not 0 <= after_ms <= 600_000:
            raise invalid("afterMs must be an integer between 0 and 600000")
        if message is not None and not isinstance(message, str):
            raise invalid("message must be a string")
        runtime = self.store.fail_runtime_later(request.path_params["runtimeId"], after_ms / 1000.0, message)
        return JSONResponse(runtime.to_json())

    async def control_reset(self, request: Request) -> Response:
        self.reset()
        return JSONResponse({"reset": True})

    async def control_state(self, request: Request) -> Response:
        return JSONResponse(self.state())

    def _closing_event(self) -> asyncio.Event:
        if self._closing is None:
            self._closing = asyncio.Event()
        return self._closing

    def begin_shutdown(self) -> None:
        """Answer every open long poll now (``waitStatus: timeout``); call on the server loop."""
        self._closing_event().set()

    def reset(self) -> None:
        """Forget all state and scripts; restore the fault settings the app started with."""
        self.store.reset()
        self.faults = FaultInjector(self.options.faults)
        self.requests = 0

    def reconfigure(self, options: EmulatorOptions) -> None:
        """Start over with other options: state forgotten (as by :meth:`reset`), then the
        key, durations, faults, strictness and allowed hosts of ``options`` apply."""
        if options.strict != self.options.strict:
            self.validators = _validators(strict=options.strict)
        self.options = options
        self.store.duration_ms = options.duration_ms
        self.store.minute_ms = options.minute_ms
        self.reset()

    def state(self) -> Dict[str, Any]:
        data = self.store.snapshot()
        data["counts"]["requests"] = self.requests
        data["faults"] = self.faults.snapshot()
        data["options"] = {
            "strict": self.options.strict,
            "durationMs": self.options.duration_ms,
            "minuteMs": self.options.minute_ms,
            "apiKeyRequired": self.options.api_key is not None,
        }
        return data


def _validators(*, strict: bool) -> Dict[str, BodyValidator]:
    validators: Dict[str, BodyValidator] = {}
    for name, (path, method) in OPERATIONS.items():
        schema = request_body_schema(path, method)
        if schema is not None:
            validators[name] = BodyValidator(schema, strict=strict)
    return validators


def _wait_payload(inv: Invocation) -> Dict[str, Any]:
    payload = inv.to_json()
    if inv.terminal:
        payload["waitStatus"] = "completed"
    else:
        payload["waitStatus"] = "timeout"
        payload["retryAfterMs"] = 100
    return payload


def _too_large() -> ApiError:
    return ApiError(413, "request.too_large", f"The request body is larger than {MAX_BODY_BYTES} bytes.")


class _BodyProgress:
    """Whether a request's body has been read to its end (``done``), seen through ``receive``."""

    def __init__(self, scope: Scope, receive: Receive) -> None:
        headers = dict(scope.get("headers", []))
        length = headers.get(b"content-length", b"").strip()
        self.done = b"transfer-encoding" not in headers and (not length or length == b"0")
        self._receive = receive

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request" and not message.get("more_body", False):
            self.done = True
        return message


async def _check_satisfiable(schema: Any) -> None:
    """400 ``invocation.output_schema_invalid`` unless an output can be made for ``schema``
    (made now, off the event loop; the invocation later gets the same value)."""
    loop = asyncio.get_running_loop()
    reason = await loop.run_in_executor(outputs.executor(), outputs.unsatisfied, schema)
    if reason is not None:
        raise invalid(
            f"outputSchema cannot be satisfied: {reason}"[:500],
            code="invocation.output_schema_invalid",
            path="outputSchema",
        )


async def _until_disconnect(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


def create_app(options: Optional[EmulatorOptions] = None, **kwargs: Any) -> EmulatorApp:
    """Build an emulator app from :class:`EmulatorOptions` or the same fields as keywords."""
    if options is not None and kwargs:
        raise TypeError("pass either options or keyword arguments, not both")
    if options is None:
        options = EmulatorOptions(**kwargs)
    return EmulatorApp(options)
