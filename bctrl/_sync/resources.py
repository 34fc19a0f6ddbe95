"""The resource namespaces of :class:`~bctrl.Bctrl`.

Generated from ``bctrl/_async/resources.py`` by ``scripts/gen_sync.py``: do not edit by
hand; edit the async source and run ``make generate``.
"""

from __future__ import annotations

import functools
import logging
import time
from typing import TYPE_CHECKING, Any, Callable, Literal, Mapping, Optional, Sequence, Type, Union, overload

from typing_extensions import TypeVar

from .. import _operations as ops
from .. import _runtime
from .._errors import BctrlError, DeadlineExceededError, RequestValidationError
from .._invocation import Invocation
from .._options import NOT_GIVEN, Body, Headers, Query, RequestOptions, Timeout, check_timeout, request_options
from .._pages import Pager
from .._signature import fields_of
from .._sync_schedule import SyncWaits
from .._wait import Cancel, Done, Expired, Sleep, Waiter
from ._io import RuntimeCreation, bounded, notify, runtime_creation, sleep

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .._params import (
        ActHelperParams,
        ActParams,
        BrowserUseHelperParams,
        BrowserUseParams,
        ExtractHelperParams,
        ExtractParams,
        InvocationAction,
        InvocationParams,
        InvocationStatus,
        ObserveHelperParams,
        ObserveParams,
        RuntimeCreateParams,
        RuntimeStatus,
        SolveCaptchaParams,
        StagehandAgentHelperParams,
        StagehandAgentParams,
    )
    from .._runtime import Runtime
    from .._transport import SyncTransport

from .. import _params

T = TypeVar("T", default=Any)

log = logging.getLogger("bctrl")

Schema = Union[Type[T], Mapping[str, Any], None]
"""An output schema: a type (``parsed`` is then an instance of it) or a JSON Schema dict."""
OnUpdate = Callable[[Invocation[Any]], Any]
"""Called with each new state while waiting (with ``Bctrl``, it may be a coroutine function)."""

DEFAULT_WAIT = 300.0
"""The wait budget, in seconds, of a waiting call given no ``timeout=``."""
ABANDON_OPTIONS = RequestOptions(timeout=5.0, max_retries=1)
"""The cancel sent when a wait is abandoned (``cancel_on_abandon``): bounded to 5 s."""


def _budget(timeout: Timeout) -> Optional[float]:
    value = check_timeout(timeout)
    return DEFAULT_WAIT if value is NOT_GIVEN else value  # type: ignore[return-value]


def _wait_only(wait: bool, on_update: Any, cancel_on_timeout: bool, cancel_on_abandon: bool) -> None:
    if not wait and (on_update is not None or cancel_on_timeout or cancel_on_abandon):
        raise RequestValidationError(
            "on_update, cancel_on_timeout and cancel_on_abandon apply to a wait: pass wait=True",
            field="wait",
            expected="wait=True with on_update / cancel_on_timeout / cancel_on_abandon",
        )


def _ids(first: Union[str, Invocation[Any]], second: Optional[str]) -> Any:
    """``(runtime_id, invocation_id)`` from either both ids or an invocation."""
    if isinstance(first, Invocation):
        if second is not None:
            raise RequestValidationError(
                "invocation_id: pass an invocation, or a runtime id and an invocation id, not both",
                field="invocation_id",
                expected="no invocation_id with an invocation",
            )
        return first.runtime_id, first.id, first.output_schema
    if second is None:
        raise RequestValidationError(
            "invocation_id: missing (pass an invocation, or a runtime id and an invocation id)",
            field="invocation_id",
            expected="an invocation id",
        )
    return first, second, None


class Invocations:
    """``client.runtimes.invocations``: create invocations on a runtime, wait for them, cancel them.

    ``create`` returns as soon as the server accepted the invocation; ``wait`` blocks until
    it is terminal; ``create_and_wait`` does both. The typed helpers ``stagehand.*``,
    ``browser_use.agent`` and ``solve_captcha`` are shortcuts of ``create`` (``wait=True``
    makes them wait as well).
    """

    def __init__(self, transport: SyncTransport):
        self._t = transport
        self._waits = SyncWaits(transport)  # one per client: every wait of the client shares it
        self.stagehand = Stagehand(self)
        self.browser_use = BrowserUse(self)

    # --- create -----------------------------------------------------------------

    @overload
    def create(
        self,
        runtime_id: str,
        *,
        action: Literal["act"],
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[ActParams],
    ) -> Invocation[Any]: ...
    @overload
    def create(
        self,
        runtime_id: str,
        *,
        action: Literal["observe"],
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[ObserveParams],
    ) -> Invocation[Any]: ...
    @overload
    def create(
        self,
        runtime_id: str,
        *,
        action: Literal["extract"],
        schema: Schema[T] = None,
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[ExtractParams],
    ) -> Invocation[T]: ...
    @overload
    def create(
        self,
        runtime_id: str,
        *,
        action: Literal["stagehandAgent"],
        schema: Schema[T] = None,
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[StagehandAgentParams],
    ) -> Invocation[T]: ...
    @overload
    def create(
        self,
        runtime_id: str,
        *,
        action: Literal["browserUse"],
        schema: Schema[T] = None,
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[BrowserUseParams],
    ) -> Invocation[T]: ...
    @overload
    def create(
        self,
        runtime_id: str,
        *,
        action: Literal["solveCaptcha"],
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[SolveCaptchaParams],
    ) -> Invocation[Any]: ...
    @fields_of(_params.InvocationParams)
    def create(
        self,
        runtime_id: str,
        *,
        action: InvocationAction,
        schema: Schema[Any] = None,
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[InvocationParams],
    ) -> Invocation[Any]:
        """Submit an invocation and return it as accepted (usually ``queued``); does not wait.

        Sends ``POST /v1/runtimes/{runtime_id}/invocations`` with ``action`` and ``params``
        (the fields of the action's variant, snake_case, each checked against the contract
        before anything is sent) and an ``Idempotency-Key`` (``idempotency_key``, or a fresh
        one reused on every retry). ``schema`` (extract, stagehandAgent, browserUse) is a
        type or a JSON Schema dict, sent as ``outputSchema`` and remembered on the returned
        invocation: ``wait(invocation)`` validates and types its output.

        Blocks for one HTTP call (retries included) of at most ``timeout`` seconds (default:
        the client's). Raises :class:`~bctrl.RequestValidationError` before sending for a bad
        argument, :class:`~bctrl.APIError` subclasses for error answers,
        :class:`~bctrl.APIConnectionError` / :class:`~bctrl.APITimeoutError` when the API
        cannot be reached in time.
        """
        return self._submit(
            action,
            runtime_id,
            params,
            schema=schema,
            idempotency_key=idempotency_key,
            wait=False,
            timeout=timeout,
            on_update=None,
            cancel_on_timeout=False,
            cancel_on_abandon=False,
            options=(max_retries, extra_headers, extra_query, extra_body),
        )

    # --- create and wait --------------------------------------------------------

    @overload
    def create_and_wait(
        self,
        runtime_id: str,
        *,
        action: Literal["act"],
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[ActParams],
    ) -> Invocation[Any]: ...
    @overload
    def create_and_wait(
        self,
        runtime_id: str,
        *,
        action: Literal["observe"],
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[ObserveParams],
    ) -> Invocation[Any]: ...
    @overload
    def create_and_wait(
        self,
        runtime_id: str,
        *,
        action: Literal["extract"],
        schema: Schema[T] = None,
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[ExtractParams],
    ) -> Invocation[T]: ...
    @overload
    def create_and_wait(
        self,
        runtime_id: str,
        *,
        action: Literal["stagehandAgent"],
        schema: Schema[T] = None,
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[StagehandAgentParams],
    ) -> Invocation[T]: ...
    @overload
    def create_and_wait(
        self,
        runtime_id: str,
        *,
        action: Literal["browserUse"],
        schema: Schema[T] = None,
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[BrowserUseParams],
    ) -> Invocation[T]: ...
    @overload
    def create_and_wait(
        self,
        runtime_id: str,
        *,
        action: Literal["solveCaptcha"],
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[SolveCaptchaParams],
    ) -> Invocation[Any]: ...
    @fields_of(_params.InvocationParams)
    def create_and_wait(
        self,
        runtime_id: str,
        *,
        action: InvocationAction,
        schema: Schema[Any] = None,
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[InvocationParams],
    ) -> Invocation[Any]:
        """Create an invocation (as :meth:`create`); blocks until it is terminal.

        Sends the create, then long-poll ``POST .../invocations/{id}/wait`` requests until
        the invocation is terminal, honouring the server's ``retryAfterMs``. ``timeout`` is
        the wait budget in seconds for the whole call (default 300; ``None``: no limit), not
        the server-side limit (that is ``timeout_ms``). ``on_update`` is called with every
        status change. Returns the terminal invocation (``parsed`` set when a schema was
        given); a failed one is returned, not raised (``raise_for_failure()`` raises it).

        Raises :class:`~bctrl.WaitTimeoutError` when the budget runs out
        (``cancel_on_timeout=True`` cancels the invocation first),
        :class:`~bctrl.OutputValidationError` when the output does not match ``schema``, and
        what :meth:`create` raises. ``cancel_on_abandon=True`` also cancels it (one request
        of at most 5 s) when the wait ends any other way before the invocation is terminal:
        Ctrl-C, task cancellation, an error; that exception is then raised as it was.
        """
        return self._submit(
            action,
            runtime_id,
            params,
            schema=schema,
            idempotency_key=idempotency_key,
            wait=True,
            timeout=timeout,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            cancel_on_abandon=cancel_on_abandon,
            options=(max_retries, extra_headers, extra_query, extra_body),
        )

    # --- wait and cancel --------------------------------------------------------

    @overload
    def wait(
        self,
        invocation: Invocation[T],
        /,
        *,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
    ) -> Invocation[T]: ...
    @overload
    def wait(
        self,
        runtime_id: str,
        invocation_id: str,
        /,
        *,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        schema: Schema[T] = None,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
    ) -> Invocation[T]: ...
    def wait(
        self,
        runtime_id: Union[str, Invocation[Any]],
        invocation_id: Optional[str] = None,
        /,
        *,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        schema: Schema[Any] = None,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
    ) -> Invocation[Any]:
        """Blocks until an invocation is terminal: ``wait(invocation)`` or ``wait(runtime_id, invocation_id)``.

        Sends long-poll ``POST /v1/runtimes/{runtime_id}/invocations/{id}/wait`` requests,
        each held by the server for up to 30 s (1 s when ``on_update`` is given), honouring
        its ``retryAfterMs``, for at most ``timeout`` seconds in all (default 300; ``None``:
        no limit). Passing the invocation that ``create`` returned keeps its schema: the
        output is validated and ``parsed`` typed without repeating ``schema=``.

        Raises :class:`~bctrl.WaitTimeoutError` when the budget runs out (with the last
        state seen; ``cancel_on_timeout=True`` cancels first), :class:`~bctrl.OutputValidationError`
        when the output does not match the schema, :class:`~bctrl.APIError` subclasses and
        connection errors. ``cancel_on_abandon=True`` also cancels the invocation (one request
        of at most 5 s) when the wait ends any other way before it is terminal (Ctrl-C, task
        cancellation, an error), then raises that exception unchanged.
        """
        rid, iid, remembered = _ids(runtime_id, invocation_id)
        ops.path_id(rid, "runtime_id")
        ops.path_id(iid, "invocation_id")
        budget = _budget(timeout)
        output_schema = _resolve(schema) if schema is not None else remembered
        options = request_options(NOT_GIVEN, max_retries, extra_headers, extra_query, extra_body)
        return self._wait(
            rid,
            iid,
            budget=budget,
            started=time.monotonic(),
            initial=None,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            cancel_on_abandon=cancel_on_abandon,
            schema=output_schema,
            options=options,
        )

    @overload
    def cancel(
        self,
        invocation: Invocation[T],
        /,
        *,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
    ) -> Invocation[T]: ...
    @overload
    def cancel(
        self,
        runtime_id: str,
        invocation_id: str,
        /,
        *,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
    ) -> Invocation[Any]: ...
    def cancel(
        self,
        runtime_id: Union[str, Invocation[Any]],
        invocation_id: Optional[str] = None,
        /,
        *,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
    ) -> Invocation[Any]:
        """Ask the server to cancel an invocation: ``cancel(invocation)`` or ``cancel(runtime_id, invocation_id)``.

        Sends ``POST /v1/runtimes/{runtime_id}/invocations/{id}/cancel`` and returns the
        invocation as answered (``cancelling``, or unchanged if it was already terminal:
        cancel is idempotent); does not wait for ``cancelled``. Blocks for one HTTP call of
        at most ``timeout`` seconds (default: the client's). Raises
        :class:`~bctrl.RequestValidationError` for a bad id, :class:`~bctrl.NotFoundError` and
        other :class:`~bctrl.APIError` subclasses, and connection errors.
        """
        rid, iid, remembered = _ids(runtime_id, invocation_id)
        op = ops.cancel_invocation(rid, iid)
        options = request_options(timeout, max_retries, extra_headers, extra_query, extra_body)
        cancelled = self._t.send(op, options)
        return cancelled if remembered is None else ops.remember(cancelled, remembered)

    # --- helpers ----------------------------------------------------------------

    @fields_of(_params.SolveCaptchaParams)
    def solve_captcha(
        self,
        runtime_id: str,
        *,
        wait: bool = False,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        idempotency_key: Optional[str] = None,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[SolveCaptchaParams],
    ) -> Invocation[Any]:
        """Solve a CAPTCHA on the active page: :meth:`create` with ``action="solveCaptcha"``.

        Sends ``POST /v1/runtimes/{runtime_id}/invocations`` and returns the accepted
        invocation (one HTTP call of at most ``timeout`` s); with ``wait=True`` blocks until
        it is terminal (as :meth:`create_and_wait`, ``timeout`` then being the wait budget,
        default 300 s). Raises what :meth:`create` (or, waiting, :meth:`create_and_wait`) raises.
        """
        return self._submit(
            "solveCaptcha",
            runtime_id,
            params,
            schema=None,
            idempotency_key=idempotency_key,
            wait=wait,
            timeout=timeout,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            cancel_on_abandon=cancel_on_abandon,
            options=(max_retries, extra_headers, extra_query, extra_body),
        )

    # --- shared by every method above -------------------------------------------

    def _submit(
        self,
        action: str,
        runtime_id: str,
        params: Mapping[str, Any],
        *,
        schema: Any,
        idempotency_key: Optional[str],
        wait: bool,
        timeout: Timeout,
        on_update: Optional[OnUpdate],
        cancel_on_timeout: bool,
        cancel_on_abandon: bool,
        options: Any,
    ) -> Invocation[Any]:
        _wait_only(wait, on_update, cancel_on_timeout, cancel_on_abandon)
        budget = _budget(timeout) if wait else None
        call = request_options(NOT_GIVEN if wait else timeout, *options)
        op = ops.create_invocation(runtime_id, action, params, schema=schema, idempotency_key=idempotency_key)
        started = time.monotonic()
        created = self._t.send(op, call, None if budget is None else started + budget)
        if not wait:
            return created
        return self._wait(
            runtime_id,
            created.id,
            budget=budget,
            started=started,
            initial=created,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            cancel_on_abandon=cancel_on_abandon,
            schema=op.output_schema,
            options=call,
        )

    def _wait(
        self,
        runtime_id: str,
        invocation_id: str,
        *,
        budget: Optional[float],
        started: float,
        initial: Optional[Invocation[Any]],
        on_update: Optional[OnUpdate],
        cancel_on_timeout: bool,
        cancel_on_abandon: bool,
        schema: Any,
        options: RequestOptions,
    ) -> Invocation[Any]:
        waiter = Waiter.start(
            budget,
            started,
            follow_progress=on_update is not None,
            cancel_on_timeout=cancel_on_timeout or cancel_on_abandon,
        )
        # Waits on a run are ordered by creation unless they follow progress (each poll answers).
        ticket = self._waits.join(initial, invocation_id, ordered=on_update is None)
        try:
            if initial is not None and waiter.observe(initial):
                notify(on_update, initial)
            while True:
                step = waiter.next_step(time.monotonic())
                if isinstance(step, Done):
                    return ops.apply_output_schema(step.invocation, schema)
                if isinstance(step, Expired):
                    raise waiter.timeout_error(invocation_id) from waiter.timeout_cause
                if isinstance(step, Sleep):
                    sleep(step.seconds)
                    continue
                if isinstance(step, Cancel):
                    try:
                        cancel = ops.cancel_invocation(runtime_id, invocation_id)
                        waiter.cancelled(self._t.send(cancel, options, step.deadline))
                    except BctrlError as exc:
                        waiter.cancel_failed(exc)
                    continue
                try:
                    current = self._waits.poll(
                        ticket, runtime_id, invocation_id, step.timeout_ms, options, step.deadline
                    )
                except DeadlineExceededError as exc:
                    waiter.poll_timed_out(exc)
                    continue
                if waiter.observe(current, time.monotonic()):
                    notify(on_update, current)
        except BaseException:
            if cancel_on_abandon and waiter.abandoned():
                self._abandon(runtime_id, invocation_id)
            raise
        finally:
            self._waits.leave(ticket)

    def _abandon(self, runtime_id: str, invocation_id: str) -> None:
        """Cancel an invocation whose wait was given up (bounded); a failure is logged, not raised."""
        try:
            self._t.send(ops.cancel_invocation(runtime_id, invocation_id), ABANDON_OPTIONS)
        except BctrlError as exc:
            log.warning("could not cancel invocation %s after its wait was abandoned: %s", invocation_id, exc)
        else:
            log.info("cancelled invocation %s: its wait was abandoned", invocation_id)


class Stagehand:
    """``client.runtimes.invocations.stagehand``: typed shortcuts of ``create`` for Stagehand actions.

    Each returns the accepted invocation at once (as bctrl's own SDKs do); pass
    ``wait=True`` to block until it is terminal, ``timeout`` then being the wait budget
    (default 300 s) — that is :meth:`Invocations.create_and_wait`.
    """

    def __init__(self, invocations: Invocations):
        self._inv = invocations

    @fields_of(_params.ActHelperParams)
    def act(
        self,
        runtime_id: str,
        instruction: Optional[str] = None,
        *,
        wait: bool = False,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        idempotency_key: Optional[str] = None,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[ActHelperParams],
    ) -> Invocation[Any]:
        """Perform one natural-language action on the page (``action="act"``).

        Sends ``POST /v1/runtimes/{runtime_id}/invocations`` and returns the accepted
        invocation (one HTTP call of at most ``timeout`` s); with ``wait=True`` blocks until
        it is terminal (``timeout``: the wait budget, default 300 s). Raises
        :class:`~bctrl.RequestValidationError` before sending, :class:`~bctrl.APIError`
        subclasses, connection errors and, waiting, :class:`~bctrl.WaitTimeoutError`.
        """
        return self._inv._submit(
            "act",
            runtime_id,
            {"instruction": instruction, **params},
            schema=None,
            idempotency_key=idempotency_key,
            wait=wait,
            timeout=timeout,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            cancel_on_abandon=cancel_on_abandon,
            options=(max_retries, extra_headers, extra_query, extra_body),
        )

    @fields_of(_params.ObserveHelperParams)
    def observe(
        self,
        runtime_id: str,
        instruction: str,
        *,
        wait: bool = False,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        idempotency_key: Optional[str] = None,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[ObserveHelperParams],
    ) -> Invocation[Any]:
        """Inspect the page and return Stagehand guidance (``action="observe"``).

        Sends ``POST /v1/runtimes/{runtime_id}/invocations`` and returns the accepted
        invocation (one HTTP call of at most ``timeout`` s); with ``wait=True`` blocks until
        it is terminal (``timeout``: the wait budget, default 300 s). Raises
        :class:`~bctrl.RequestValidationError` before sending, :class:`~bctrl.APIError`
        subclasses, connection errors and, waiting, :class:`~bctrl.WaitTimeoutError`.
        """
        return self._inv._submit(
            "observe",
            runtime_id,
            {"instruction": instruction, **params},
            schema=None,
            idempotency_key=idempotency_key,
            wait=wait,
            timeout=timeout,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            cancel_on_abandon=cancel_on_abandon,
            options=(max_retries, extra_headers, extra_query, extra_body),
        )

    @fields_of(_params.ExtractHelperParams)
    def extract(
        self,
        runtime_id: str,
        instruction: Optional[str] = None,
        *,
        schema: Schema[T] = None,
        wait: bool = False,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        idempotency_key: Optional[str] = None,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[ExtractHelperParams],
    ) -> Invocation[T]:
        """Pull structured data from the page, optionally against ``schema`` (``action="extract"``).

        ``schema`` (a type or a JSON Schema dict) is sent as ``outputSchema`` and kept on the
        returned invocation, so ``wait(invocation)`` validates the output and types
        ``parsed``. Sends ``POST /v1/runtimes/{runtime_id}/invocations`` and returns the
        accepted invocation (one HTTP call of at most ``timeout`` s); with ``wait=True``
        blocks until it is terminal (``timeout``: the wait budget, default 300 s). Raises
        :class:`~bctrl.RequestValidationError` before sending, :class:`~bctrl.APIError`
        subclasses, connection errors and, waiting, :class:`~bctrl.WaitTimeoutError` and
        :class:`~bctrl.OutputValidationError`.
        """
        return self._inv._submit(
            "extract",
            runtime_id,
            {"instruction": instruction, **params},
            schema=schema,
            idempotency_key=idempotency_key,
            wait=wait,
            timeout=timeout,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            cancel_on_abandon=cancel_on_abandon,
            options=(max_retries, extra_headers, extra_query, extra_body),
        )

    @fields_of(_params.StagehandAgentHelperParams)
    def agent(
        self,
        runtime_id: str,
        instruction: str,
        *,
        schema: Schema[T] = None,
        wait: bool = False,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        idempotency_key: Optional[str] = None,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[StagehandAgentHelperParams],
    ) -> Invocation[T]:
        """Run a multi-step Stagehand agent flow (``action="stagehandAgent"``).

        Sends ``POST /v1/runtimes/{runtime_id}/invocations`` and returns the accepted
        invocation (one HTTP call of at most ``timeout`` s); with ``wait=True`` blocks until
        it is terminal (``timeout``: the wait budget, default 300 s). ``schema`` as for
        :meth:`extract`. Raises :class:`~bctrl.RequestValidationError` before sending,
        :class:`~bctrl.APIError` subclasses, connection errors and, waiting,
        :class:`~bctrl.WaitTimeoutError` and :class:`~bctrl.OutputValidationError`.
        """
        return self._inv._submit(
            "stagehandAgent",
            runtime_id,
            {"instruction": instruction, **params},
            schema=schema,
            idempotency_key=idempotency_key,
            wait=wait,
            timeout=timeout,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            cancel_on_abandon=cancel_on_abandon,
            options=(max_retries, extra_headers, extra_query, extra_body),
        )


class BrowserUse:
    """``client.runtimes.invocations.browser_use``: the typed shortcut of ``create`` for browser-use.

    Returns the accepted invocation at once; ``wait=True`` blocks until it is terminal.
    """

    def __init__(self, invocations: Invocations):
        self._inv = invocations

    @fields_of(_params.BrowserUseHelperParams)
    def agent(
        self,
        runtime_id: str,
        instruction: str,
        *,
        schema: Schema[T] = None,
        wait: bool = False,
        timeout: Timeout = NOT_GIVEN,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        cancel_on_abandon: bool = False,
        idempotency_key: Optional[str] = None,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[BrowserUseHelperParams],
    ) -> Invocation[T]:
        """Run a browser-use agent task (``action="browserUse"``).

        Sends ``POST /v1/runtimes/{runtime_id}/invocations`` and returns the accepted
        invocation (one HTTP call of at most ``timeout`` s); with ``wait=True`` blocks until
        it is terminal (``timeout``: the wait budget, default 300 s). ``schema`` as for
        ``stagehand.extract``; ``sensitive_data`` never appears in logs or errors. Raises
        :class:`~bctrl.RequestValidationError` before sending, :class:`~bctrl.APIError`
        subclasses, connection errors and, waiting, :class:`~bctrl.WaitTimeoutError` and
        :class:`~bctrl.OutputValidationError`.
        """
        return self._inv._submit(
            "browserUse",
            runtime_id,
            {"instruction": instruction, **params},
            schema=schema,
            idempotency_key=idempotency_key,
            wait=wait,
            timeout=timeout,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            cancel_on_abandon=cancel_on_abandon,
            options=(max_retries, extra_headers, extra_query, extra_body),
        )


class Runtimes:
    """``client.runtimes``: create, read, list, stop and delete runtimes; ``client.runtimes.invocations``
    submits work to them.

    A runtime runs (and is billed) until it is stopped or its idle timeout passes; use the
    one :meth:`create` returns in a ``with`` block (``async with`` for ``Bctrl``) to stop
    it when you are done::

        with client.runtimes.create(space_id=..., type="browser") as rt:
            client.runtimes.invocations.create_and_wait(rt.id, action="act", instruction="...")
    """

    def __init__(self, transport: SyncTransport):
        self._t = transport
        self.invocations = Invocations(transport)

    @fields_of(_params.RuntimeCreateParams)
    def create(
        self,
        *,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Unpack[RuntimeCreateParams],
    ) -> RuntimeCreation:
        """Create a runtime (``space_id`` and ``type="browser"`` are required); it starts ``active``.

        Sends ``POST /v2/runtimes``; blocks for one HTTP call of at most ``timeout`` s. With
        ``Bctrl`` it returns the runtime; with ``Bctrl`` an object to ``await`` for it, or
        to use in ``async with`` (the request is sent then). Used in a ``with`` / ``async with``
        block the runtime is stopped when the block ends, however it ends (at most 10 s). It is
        retried only when the server provably did not act on it (the request carries no
        idempotency key). Raises :class:`~bctrl.RequestValidationError` before sending,
        :class:`~bctrl.APIError` subclasses and connection errors.
        """
        options = request_options(timeout, max_retries, extra_headers, extra_query, extra_body)
        return runtime_creation(self._t, ops.create_runtime(params, owner=self), options)

    def get(
        self,
        runtime_id: str,
        *,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
    ) -> Runtime:
        """Read one runtime.

        Sends ``GET /v1/runtimes/{runtime_id}``; blocks for one HTTP call of at most
        ``timeout`` s. Raises :class:`~bctrl.NotFoundError` if it does not exist (or was
        deleted), other :class:`~bctrl.APIError` subclasses and connection errors.
        """
        options = request_options(timeout, max_retries, extra_headers, extra_query, extra_body)
        return self._t.send(ops.get_runtime(runtime_id, owner=self), options)

    def list(
        self,
        *,
        status: Union[None, RuntimeStatus, Sequence[RuntimeStatus]] = None,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
    ) -> Pager[Runtime]:
        """List the runtimes (oldest first), optionally of one or several ``status``.

        Sends nothing yet: iterate the returned pager for every runtime (each page, of
        ``limit`` items from 1 to 100, is one ``GET /v1/runtimes`` sent when the previous is
        used up), or take its first page (``.data``, ``.next_cursor``, ``has_next_page()``,
        ``next_page()``). ``cursor`` resumes from a saved ``next_cursor``. Each request takes at
        most ``timeout`` s. The arguments are checked now
        (:class:`~bctrl.RequestValidationError`); fetching raises :class:`~bctrl.APIError`
        subclasses and connection errors.
        """
        options = request_options(timeout, max_retries, extra_headers, extra_query, extra_body)
        query = functools.partial(ops.list_runtimes, status=status, limit=limit, owner=self)
        query(cursor=cursor)  # check the arguments now
        return Pager(self._t, query, options, cursor)

    def stop(
        self,
        runtime_id: str,
        *,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
    ) -> Runtime:
        """Stop a runtime: it becomes ``stopped`` (``active_run_id`` ``None``) and its live
        invocations end ``cancelled``; stopping one that is not active returns it unchanged.

        Sends ``POST /v1/runtimes/{runtime_id}/stop``; blocks for one HTTP call of at most
        ``timeout`` s. Raises :class:`~bctrl.NotFoundError` and other :class:`~bctrl.APIError`
        subclasses, and connection errors.
        """
        options = request_options(timeout, max_retries, extra_headers, extra_query, extra_body)
        return self._t.send(ops.stop_runtime(runtime_id, owner=self), options)

    def delete(
        self,
        runtime_id: str,
        *,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
    ) -> None:
        """Delete a runtime (stopping it first if it is active); its run's history stays readable.

        Sends ``DELETE /v1/runtimes/{runtime_id}``; blocks for one HTTP call of at most
        ``timeout`` s. Raises :class:`~bctrl.NotFoundError` (also when it was already
        deleted) and other :class:`~bctrl.APIError` subclasses, and connection errors.
        """
        options = request_options(timeout, max_retries, extra_headers, extra_query, extra_body)
        self._t.send(ops.delete_runtime(runtime_id), options)

    def _stop_on_exit(self, runtime_id: str) -> Runtime:
        """The stop at the end of a runtime's ``with`` block, bounded by ``_runtime.STOP_TIMEOUT``."""
        op = ops.stop_runtime(runtime_id, owner=self, timeout=_runtime.STOP_TIMEOUT)
        return bounded(self._t.send(op), _runtime.STOP_TIMEOUT, op.name)


class RunInvocations:
    """``client.runs.invocations``: the invocation history of a run (read-only)."""

    def __init__(self, transport: SyncTransport):
        self._t = transport

    def list(
        self,
        run_id: str,
        *,
        status: Union[None, InvocationStatus, Sequence[InvocationStatus]] = None,
        action: Union[None, InvocationAction, Sequence[InvocationAction]] = None,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
    ) -> Pager[Invocation[Any]]:
        """List a run's invocations, newest first, optionally filtered by ``status`` / ``action``.

        Sends nothing yet: iterate the returned pager for every invocation (each page, of
        ``limit`` items, is one ``GET /v1/runs/{run_id}/invocations`` sent when the previous
        is used up), or take its first page (``.data``, ``.next_cursor``, ``has_next_page()``,
        ``next_page()``). ``cursor`` resumes from a saved ``next_cursor``. Each request takes
        at most ``timeout`` s. The arguments are checked now (:class:`~bctrl.RequestValidationError`);
        fetching raises :class:`~bctrl.APIError` subclasses and connection errors.
        """
        options = request_options(timeout, max_retries, extra_headers, extra_query, extra_body)
        query = functools.partial(ops.list_run_invocations, run_id, status=status, action=action, limit=limit)
        query(cursor=cursor)  # check the arguments now
        return Pager(self._t, query, options, cursor)

    def get(
        self,
        run_id: str,
        invocation_id: str,
        *,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
    ) -> Invocation[Any]:
        """Read one invocation of a run, with its ``output`` and ``error``; does not wait.

        Sends ``GET /v1/runs/{run_id}/invocations/{invocation_id}``; blocks for one HTTP call of
        at most ``timeout`` s. Raises :class:`~bctrl.NotFoundError` and other
        :class:`~bctrl.APIError` subclasses, and connection errors.
        """
        options = request_options(timeout, max_retries, extra_headers, extra_query, extra_body)
        return self._t.send(ops.get_run_invocation(run_id, invocation_id), options)


class Runs:
    """``client.runs``: what happened on a runtime (``runs.invocations``)."""

    def __init__(self, transport: SyncTransport):
        self.invocations = RunInvocations(transport)


class InvocationsById:
    """``client.invocations``: read an invocation by its id alone."""

    def __init__(self, transport: SyncTransport):
        self._t = transport

    def get(
        self,
        invocation_id: str,
        *,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
    ) -> Invocation[Any]:
        """Read one invocation by id, with its ``output`` and ``error``; does not wait.

        Sends ``GET /v1/invocations/{invocation_id}``; blocks for one HTTP call of at most
        ``timeout`` s. Raises :class:`~bctrl.NotFoundError` and other :class:`~bctrl.APIError`
        subclasses, and connection errors.
        """
        options = request_options(timeout, max_retries, extra_headers, extra_query, extra_body)
        return self._t.send(ops.retrieve_invocation(invocation_id), options)


class SpaceRuntimeInvocations:
    """``client.spaces.runtimes.invocations``: the older, space-scoped contract."""

    def __init__(self, transport: SyncTransport):
        self._t = transport

    def create(
        self,
        space_id: str,
        runtime_id: str,
        *,
        provider: Literal["stagehand", "browserUse"],
        instruction: Optional[str] = None,
        idempotency_key: Optional[str] = None,
        timeout: Timeout = NOT_GIVEN,
        max_retries: Optional[int] = None,
        extra_headers: Headers = None,
        extra_query: Query = None,
        extra_body: Body = None,
        **params: Any,
    ) -> Any:
        """Create an invocation on the older, space-scoped contract.

        Sends ``POST /v1/spaces/{space_id}/runtimes/{runtime_id}/invocations``.

        ``params`` are the fields of ``LegacyStagehandParams`` / ``LegacyBrowserUseParams``
        (snake_case). Returns the generated ``LegacyInvocation`` record (``execution_mode``,
        ``progress``, …) as accepted; does not wait: blocks for one HTTP call of at most
        ``timeout`` s.
        Raises :class:`~bctrl.RequestValidationError` before sending, :class:`~bctrl.APIError`
        subclasses and connection errors.
        """
        op = ops.create_legacy_invocation(
            space_id, runtime_id, provider, params, instruction=instruction, idempotency_key=idempotency_key
        )
        options = request_options(timeout, max_retries, extra_headers, extra_query, extra_body)
        return self._t.send(op, options)


class SpaceRuntimes:
    """``client.spaces.runtimes``."""

    def __init__(self, transport: SyncTransport):
        self.invocations = SpaceRuntimeInvocations(transport)


class Spaces:
    """``client.spaces``: the older, space-scoped contract."""

    def __init__(self, transport: SyncTransport):
        self.runtimes = SpaceRuntimes(transport)


def _resolve(schema: Any) -> Any:
    from .._schema import resolve_output_schema

    return resolve_output_schema(schema)
