"""The resource namespaces of :class:`~bctrl.Bctrl` and :class:`~bctrl.AsyncBctrl`.

Every method builds an operation (``_operations``, shared) and hands it to the client's
transport; waiting follows the shared :class:`~bctrl._wait.Waiter`. The sync and async
classes mirror each other and contain no decisions of their own.
"""

from __future__ import annotations

import asyncio
import time
from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Iterator,
    Literal,
    Optional,
    Sequence,
    Type,
    Union,
)

from . import _operations as ops
from . import _runtime
from ._async_schedule import AsyncWaits
from ._errors import APITimeoutError, BctrlError, DeadlineExceededError
from ._invocation import Invocation
from ._sync_schedule import SyncWaits
from ._wait import Cancel, Done, Expired, Sleep, Waiter, check_budget

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._params import (
        ActParams,
        BrowserUseParams,
        ExtractParams,
        InvocationParams,
        ObserveParams,
        RuntimeCreateParams,
        SolveCaptchaParams,
        StagehandAgentParams,
    )
    from ._runtime import Runtime
    from ._transport import AsyncTransport, SyncTransport

Action = Literal["act", "observe", "extract", "stagehandAgent", "browserUse", "solveCaptcha"]
RuntimeStatus = Literal["active", "stopped", "failed"]
OnUpdate = Callable[[Invocation], Any]
DEFAULT_WAIT = 300.0
"""Default client-side wait budget, seconds."""


# ==================================================================================
# sync
# ==================================================================================


class Invocations:
    """``client.runtimes.invocations``: create, wait for and cancel invocations."""

    def __init__(self, transport: SyncTransport):
        self._t = transport
        self._waits = SyncWaits(transport)  # one per client: the waits of every thread share it
        self.stagehand = Stagehand(self)
        self.browser_use = BrowserUse(self)

    def create(
        self,
        runtime_id: str,
        *,
        action: Action,
        schema: Any = None,
        idempotency_key: Optional[str] = None,
        **params: Unpack[InvocationParams],
    ) -> Invocation:
        """Submit an invocation and return it as accepted (usually ``queued``).

        ``params`` are the fields of the action's variant in snake_case (see the typed
        helpers for each one's names). ``schema`` (extract, stagehandAgent, browserUse) is a
        JSON Schema dict or a type; it is sent as ``outputSchema``.
        """
        op = ops.create_invocation(runtime_id, action, params, schema=schema, idempotency_key=idempotency_key)
        return self._t.send(op)

    def create_and_wait(
        self,
        runtime_id: str,
        *,
        action: Action,
        schema: Any = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = DEFAULT_WAIT,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        **params: Unpack[InvocationParams],
    ) -> Invocation:
        """Create an invocation and wait until it is terminal (``timeout``: seconds, client-side)."""
        check_budget(timeout)  # before anything is sent
        op = ops.create_invocation(runtime_id, action, params, schema=schema, idempotency_key=idempotency_key)
        started = time.monotonic()
        created = self._t.send(op, deadline=None if timeout is None else started + timeout)
        return self._wait(
            runtime_id,
            created.id,
            budget=timeout,
            started=started,
            initial=created,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            schema=op.output_schema,
        )

    def wait(
        self,
        runtime_id: str,
        invocation_id: str,
        *,
        timeout: Optional[float] = DEFAULT_WAIT,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        schema: Any = None,
    ) -> Invocation:
        """Block until the invocation is terminal, long-polling as often as the budget allows."""
        output_schema = _resolve(schema)
        return self._wait(
            runtime_id,
            invocation_id,
            budget=timeout,
            started=time.monotonic(),
            initial=None,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            schema=output_schema,
        )

    def cancel(self, runtime_id: str, invocation_id: str) -> Invocation:
        """Ask for cancellation; returns the invocation (``cancelling`` or already terminal)."""
        return self._t.send(ops.cancel_invocation(runtime_id, invocation_id))

    def solve_captcha(
        self,
        runtime_id: str,
        *,
        wait: bool = True,
        timeout: Optional[float] = DEFAULT_WAIT,
        idempotency_key: Optional[str] = None,
        on_update: Optional[OnUpdate] = None,
        **params: Unpack[SolveCaptchaParams],
    ) -> Invocation:
        """Solve a CAPTCHA on the active page (waits for the result unless ``wait=False``)."""
        return self._helper("solveCaptcha", runtime_id, None, wait, timeout, idempotency_key, on_update, params)

    def _helper(
        self,
        action: Action,
        runtime_id: str,
        schema: Any,
        wait: bool,
        timeout: Optional[float],
        idempotency_key: Optional[str],
        on_update: Optional[OnUpdate],
        params: Any,
    ) -> Invocation:
        if not wait:
            return self.create(runtime_id, action=action, schema=schema, idempotency_key=idempotency_key, **params)
        return self.create_and_wait(
            runtime_id,
            action=action,
            schema=schema,
            idempotency_key=idempotency_key,
            timeout=timeout,
            on_update=on_update,
            **params,
        )

    def _wait(
        self,
        runtime_id: str,
        invocation_id: str,
        *,
        budget: Optional[float],
        started: float,
        initial: Optional[Invocation],
        on_update: Optional[OnUpdate],
        cancel_on_timeout: bool,
        schema: Any,
    ) -> Invocation:
        waiter = Waiter.start(
            budget, started, follow_progress=on_update is not None, cancel_on_timeout=cancel_on_timeout
        )
        if initial is not None and waiter.observe(initial) and on_update is not None:
            on_update(initial)
        # Waits on a run are ordered by creation unless they follow progress (each poll answers).
        ticket = self._waits.join(initial, invocation_id, ordered=on_update is None)
        try:
            while True:
                step = waiter.next_step(time.monotonic())
                if isinstance(step, Done):
                    return ops.apply_output_schema(step.invocation, schema)
                if isinstance(step, Expired):
                    raise waiter.timeout_error(invocation_id) from waiter.timeout_cause
                if isinstance(step, Sleep):
                    time.sleep(step.seconds)
                    continue
                if isinstance(step, Cancel):
                    try:
                        waiter.cancelled(self._t.send(ops.cancel_invocation(runtime_id, invocation_id), step.deadline))
                    except BctrlError as exc:
                        waiter.cancel_failed(exc)
                    continue
                try:
                    current = self._waits.poll(ticket, runtime_id, invocation_id, step.timeout_ms, step.deadline)
                except DeadlineExceededError as exc:
                    waiter.poll_timed_out(exc)
                    continue
                if waiter.observe(current, time.monotonic()) and on_update is not None:
                    on_update(current)
        finally:
            self._waits.leave(ticket)


class Stagehand:
    """``client.runtimes.invocations.stagehand``: typed Stagehand helpers (create and wait)."""

    def __init__(self, invocations: Invocations):
        self._inv = invocations

    def act(
        self,
        runtime_id: str,
        *,
        wait: bool = True,
        timeout: Optional[float] = DEFAULT_WAIT,
        idempotency_key: Optional[str] = None,
        on_update: Optional[OnUpdate] = None,
        **params: Unpack[ActParams],
    ) -> Invocation:
        """Perform one natural-language action on the page."""
        return self._inv._helper("act", runtime_id, None, wait, timeout, idempotency_key, on_update, params)

    def observe(
        self,
        runtime_id: str,
        *,
        wait: bool = True,
        timeout: Optional[float] = DEFAULT_WAIT,
        idempotency_key: Optional[str] = None,
        on_update: Optional[OnUpdate] = None,
        **params: Unpack[ObserveParams],
    ) -> Invocation:
        """Inspect the page and return Stagehand guidance."""
        return self._inv._helper("observe", runtime_id, None, wait, timeout, idempotency_key, on_update, params)

    def extract(
        self,
        runtime_id: str,
        *,
        schema: Any = None,
        wait: bool = True,
        timeout: Optional[float] = DEFAULT_WAIT,
        idempotency_key: Optional[str] = None,
        on_update: Optional[OnUpdate] = None,
        **params: Unpack[ExtractParams],
    ) -> Invocation:
        """Pull structured data, optionally against ``schema`` (``parsed`` holds the typed result)."""
        return self._inv._helper("extract", runtime_id, schema, wait, timeout, idempotency_key, on_update, params)

    def agent(
        self,
        runtime_id: str,
        *,
        schema: Any = None,
        wait: bool = True,
        timeout: Optional[float] = DEFAULT_WAIT,
        idempotency_key: Optional[str] = None,
        on_update: Optional[OnUpdate] = None,
        **params: Unpack[StagehandAgentParams],
    ) -> Invocation:
        """Run a multi-step Stagehand agent flow."""
        return self._inv._helper(
            "stagehandAgent", runtime_id, schema, wait, timeout, idempotency_key, on_update, params
        )


class BrowserUse:
    """``client.runtimes.invocations.browser_use``: the browser-use agent helper."""

    def __init__(self, invocations: Invocations):
        self._inv = invocations

    def agent(
        self,
        runtime_id: str,
        *,
        schema: Any = None,
        wait: bool = True,
        timeout: Optional[float] = DEFAULT_WAIT,
        idempotency_key: Optional[str] = None,
        on_update: Optional[OnUpdate] = None,
        **params: Unpack[BrowserUseParams],
    ) -> Invocation:
        """Run a browser-use agent task."""
        return self._inv._helper("browserUse", runtime_id, schema, wait, timeout, idempotency_key, on_update, params)


class Runtimes:
    """``client.runtimes``: create, read, list, stop and delete runtimes.

    A runtime runs (and is billed) until it is stopped or its idle timeout passes; use the
    one :meth:`create` returns as a context manager to stop it when you are done::

        with client.runtimes.create(space_id=..., type="browser") as rt:
            client.runtimes.invocations.create_and_wait(rt.id, action="act", instruction="...")
    """

    def __init__(self, transport: SyncTransport):
        self._t = transport
        self.invocations = Invocations(transport)

    def create(self, **params: Unpack[RuntimeCreateParams]) -> Runtime:
        """Create a runtime (``space_id`` and ``type="browser"`` are required).

        The runtime is ``active`` at once. Used in a ``with`` block it is stopped when the
        block ends, however it ends (see :class:`~bctrl.Runtime`).
        """
        return self._t.send(ops.create_runtime(params, owner=self))

    def get(self, runtime_id: str) -> Runtime:
        """Read one runtime; :class:`~bctrl.NotFoundError` if it does not exist (or was deleted)."""
        return self._t.send(ops.get_runtime(runtime_id, owner=self))

    def list(
        self, *, status: Union[None, RuntimeStatus, Sequence[RuntimeStatus]] = None, limit: Optional[int] = None
    ) -> Iterator[Runtime]:
        """Iterate over the runtimes (oldest first), optionally of one or several ``status``;
        pages of ``limit`` (1 to 100) are fetched lazily as you go."""
        ops.list_runtimes(status=status, limit=limit)  # check arguments now
        return self._iterate(status, limit)

    def _iterate(self, status: Any, limit: Optional[int]) -> Iterator[Runtime]:
        cursor: Optional[str] = None
        cursors = ops.Cursors("runtimes-list")
        while True:
            page = self._t.send(ops.list_runtimes(status=status, limit=limit, cursor=cursor, owner=self))
            yield from page.data
            cursor = cursors.after(page)
            if cursor is None:
                return

    def stop(self, runtime_id: str) -> Runtime:
        """Stop a runtime: it becomes ``stopped`` (``active_run_id`` ``None``) and its live
        invocations end ``cancelled``. Stopping a runtime that is not active returns it unchanged."""
        return self._t.send(ops.stop_runtime(runtime_id, owner=self))

    def delete(self, runtime_id: str) -> None:
        """Delete a runtime (stopping it first if it is active). Its run's history stays readable."""
        self._t.send(ops.delete_runtime(runtime_id))

    def _stop_on_exit(self, runtime_id: str) -> Runtime:
        return self._t.send(ops.stop_runtime(runtime_id, owner=self, timeout=_runtime.STOP_TIMEOUT))


class RunInvocations:
    """``client.runs.invocations``: a run's invocation history."""

    def __init__(self, transport: SyncTransport):
        self._t = transport

    def list(
        self,
        run_id: str,
        *,
        status: Union[None, str, Sequence[str]] = None,
        action: Union[None, str, Sequence[str]] = None,
        limit: Optional[int] = None,
    ) -> Iterator[Invocation]:
        """Iterate over the run's invocations; pages are fetched lazily as you go."""
        ops.list_run_invocations(run_id, status=status, action=action, limit=limit)  # check arguments now
        return self._iterate(run_id, status, action, limit)

    def _iterate(self, run_id: str, status: Any, action: Any, limit: Optional[int]) -> Iterator[Invocation]:
        cursor: Optional[str] = None
        cursors = ops.Cursors()
        while True:
            page = self._t.send(
                ops.list_run_invocations(run_id, status=status, action=action, limit=limit, cursor=cursor)
            )
            yield from page.data
            cursor = cursors.after(page)
            if cursor is None:
                return

    def get(self, run_id: str, invocation_id: str) -> Invocation:
        """Read one invocation of the run, with its ``output`` and ``error``."""
        return self._t.send(ops.get_run_invocation(run_id, invocation_id))


class Runs:
    """``client.runs``."""

    def __init__(self, transport: SyncTransport):
        self.invocations = RunInvocations(transport)


class InvocationsById:
    """``client.invocations``: read an invocation by its id alone."""

    def __init__(self, transport: SyncTransport):
        self._t = transport

    def get(self, invocation_id: str) -> Invocation:
        return self._t.send(ops.retrieve_invocation(invocation_id))


class SpaceRuntimeInvocations:
    """``client.spaces.runtimes.invocations``: the older space-scoped contract."""

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
        **params: Any,
    ) -> Any:
        """Create an invocation through ``/v1/spaces/{id}/runtimes/{runtimeId}/invocations``.

        Returns the generated ``LegacyInvocation`` record (``execution_mode``, ``progress``, …).
        """
        op = ops.create_legacy_invocation(
            space_id, runtime_id, provider, params, instruction=instruction, idempotency_key=idempotency_key
        )
        return self._t.send(op)


class SpaceRuntimes:
    def __init__(self, transport: SyncTransport):
        self.invocations = SpaceRuntimeInvocations(transport)


class Spaces:
    """``client.spaces``."""

    def __init__(self, transport: SyncTransport):
        self.runtimes = SpaceRuntimes(transport)


def _resolve(schema: Any) -> Any:
    if schema is None:
        return None
    from ._schema import resolve_output_schema

    return resolve_output_schema(schema)


# ==================================================================================
# async
# ==================================================================================


async def _notify(on_update: Optional[OnUpdate], invocation: Invocation) -> None:
    if on_update is None:
        return
    result = on_update(invocation)
    if hasattr(result, "__await__"):
        await result


class AsyncInvocations:
    """``client.runtimes.invocations`` of :class:`~bctrl.AsyncBctrl`."""

    def __init__(self, transport: AsyncTransport):
        self._t = transport
        self._waits = AsyncWaits(transport)  # one per client: every wait of the client shares it
        self.stagehand = AsyncStagehand(self)
        self.browser_use = AsyncBrowserUse(self)

    async def create(
        self,
        runtime_id: str,
        *,
        action: Action,
        schema: Any = None,
        idempotency_key: Optional[str] = None,
        **params: Unpack[InvocationParams],
    ) -> Invocation:
        op = ops.create_invocation(runtime_id, action, params, schema=schema, idempotency_key=idempotency_key)
        return await self._t.send(op)

    async def create_and_wait(
        self,
        runtime_id: str,
        *,
        action: Action,
        schema: Any = None,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = DEFAULT_WAIT,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        **params: Unpack[InvocationParams],
    ) -> Invocation:
        check_budget(timeout)  # before anything is sent
        op = ops.create_invocation(runtime_id, action, params, schema=schema, idempotency_key=idempotency_key)
        started = time.monotonic()
        created = await self._t.send(op, deadline=None if timeout is None else started + timeout)
        return await self._wait(
            runtime_id,
            created.id,
            budget=timeout,
            started=started,
            initial=created,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            schema=op.output_schema,
        )

    async def wait(
        self,
        runtime_id: str,
        invocation_id: str,
        *,
        timeout: Optional[float] = DEFAULT_WAIT,
        on_update: Optional[OnUpdate] = None,
        cancel_on_timeout: bool = False,
        schema: Any = None,
    ) -> Invocation:
        output_schema = _resolve(schema)
        return await self._wait(
            runtime_id,
            invocation_id,
            budget=timeout,
            started=time.monotonic(),
            initial=None,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            schema=output_schema,
        )

    async def cancel(self, runtime_id: str, invocation_id: str) -> Invocation:
        return await self._t.send(ops.cancel_invocation(runtime_id, invocation_id))

    async def solve_captcha(
        self,
        runtime_id: str,
        *,
        wait: bool = True,
        timeout: Optional[float] = DEFAULT_WAIT,
        idempotency_key: Optional[str] = None,
        on_update: Optional[OnUpdate] = None,
        **params: Unpack[SolveCaptchaParams],
    ) -> Invocation:
        return await self._helper("solveCaptcha", runtime_id, None, wait, timeout, idempotency_key, on_update, params)

    def _helper(
        self,
        action: Action,
        runtime_id: str,
        schema: Any,
        wait: bool,
        timeout: Optional[float],
        idempotency_key: Optional[str],
        on_update: Optional[OnUpdate],
        params: Any,
    ) -> Awaitable[Invocation]:
        if not wait:
            return self.create(runtime_id, action=action, schema=schema, idempotency_key=idempotency_key, **params)
        return self.create_and_wait(
            runtime_id,
            action=action,
            schema=schema,
            idempotency_key=idempotency_key,
            timeout=timeout,
            on_update=on_update,
            **params,
        )

    async def _wait(
        self,
        runtime_id: str,
        invocation_id: str,
        *,
        budget: Optional[float],
        started: float,
        initial: Optional[Invocation],
        on_update: Optional[OnUpdate],
        cancel_on_timeout: bool,
        schema: Any,
    ) -> Invocation:
        waiter = Waiter.start(
            budget, started, follow_progress=on_update is not None, cancel_on_timeout=cancel_on_timeout
        )
        if initial is not None and waiter.observe(initial):
            await _notify(on_update, initial)
        # Waits on a run are ordered by creation unless they follow progress (each poll answers).
        ticket = self._waits.join(initial, invocation_id, ordered=on_update is None)
        try:
            while True:
                step = waiter.next_step(time.monotonic())
                if isinstance(step, Done):
                    return ops.apply_output_schema(step.invocation, schema)
                if isinstance(step, Expired):
                    raise waiter.timeout_error(invocation_id) from waiter.timeout_cause
                if isinstance(step, Sleep):
                    await asyncio.sleep(step.seconds)
                    continue
                if isinstance(step, Cancel):
                    try:
                        cancel = ops.cancel_invocation(runtime_id, invocation_id)
                        waiter.cancelled(await self._t.send(cancel, step.deadline))
                    except BctrlError as exc:
                        waiter.cancel_failed(exc)
                    continue
                try:
                    current = await self._waits.poll(ticket, runtime_id, invocation_id, step.timeout_ms, step.deadline)
                except DeadlineExceededError as exc:
                    waiter.poll_timed_out(exc)
                    continue
                if waiter.observe(current, time.monotonic()):
                    await _notify(on_update, current)
        finally:
            self._waits.leave(ticket)


class AsyncStagehand:
    def __init__(self, invocations: AsyncInvocations):
        self._inv = invocations

    async def act(
        self,
        runtime_id: str,
        *,
        wait: bool = True,
        timeout: Optional[float] = DEFAULT_WAIT,
        idempotency_key: Optional[str] = None,
        on_update: Optional[OnUpdate] = None,
        **params: Unpack[ActParams],
    ) -> Invocation:
        return await self._inv._helper("act", runtime_id, None, wait, timeout, idempotency_key, on_update, params)

    async def observe(
        self,
        runtime_id: str,
        *,
        wait: bool = True,
        timeout: Optional[float] = DEFAULT_WAIT,
        idempotency_key: Optional[str] = None,
        on_update: Optional[OnUpdate] = None,
        **params: Unpack[ObserveParams],
    ) -> Invocation:
        return await self._inv._helper("observe", runtime_id, None, wait, timeout, idempotency_key, on_update, params)

    async def extract(
        self,
        runtime_id: str,
        *,
        schema: Any = None,
        wait: bool = True,
        timeout: Optional[float] = DEFAULT_WAIT,
        idempotency_key: Optional[str] = None,
        on_update: Optional[OnUpdate] = None,
        **params: Unpack[ExtractParams],
    ) -> Invocation:
        return await self._inv._helper("extract", runtime_id, schema, wait, timeout, idempotency_key, on_update, params)

    async def agent(
        self,
        runtime_id: str,
        *,
        schema: Any = None,
        wait: bool = True,
        timeout: Optional[float] = DEFAULT_WAIT,
        idempotency_key: Optional[str] = None,
        on_update: Optional[OnUpdate] = None,
        **params: Unpack[StagehandAgentParams],
    ) -> Invocation:
        return await self._inv._helper(
            "stagehandAgent", runtime_id, schema, wait, timeout, idempotency_key, on_update, params
        )


class AsyncBrowserUse:
    def __init__(self, invocations: AsyncInvocations):
        self._inv = invocations

    async def agent(
        self,
        runtime_id: str,
        *,
        schema: Any = None,
        wait: bool = True,
        timeout: Optional[float] = DEFAULT_WAIT,
        idempotency_key: Optional[str] = None,
        on_update: Optional[OnUpdate] = None,
        **params: Unpack[BrowserUseParams],
    ) -> Invocation:
        return await self._inv._helper(
            "browserUse", runtime_id, schema, wait, timeout, idempotency_key, on_update, params
        )


class AsyncRuntimes:
    """``client.runtimes`` of :class:`~bctrl.AsyncBctrl`; ``async with client.runtimes.create(...) as rt:``
    stops the runtime when the block ends."""

    def __init__(self, transport: AsyncTransport):
        self._t = transport
        self.invocations = AsyncInvocations(transport)

    def create(self, **params: Unpack[RuntimeCreateParams]) -> RuntimeCreation:
        """Create a runtime: ``await`` it for the :class:`~bctrl.Runtime`, or use it in ``async with``
        to have the runtime stopped when the block ends. Arguments are checked at once."""
        op = ops.create_runtime(params, owner=self)
        return RuntimeCreation(lambda: self._t.send(op))

    async def get(self, runtime_id: str) -> Runtime:
        return await self._t.send(ops.get_runtime(runtime_id, owner=self))

    def list(
        self, *, status: Union[None, RuntimeStatus, Sequence[RuntimeStatus]] = None, limit: Optional[int] = None
    ) -> AsyncIterator[Runtime]:
        """``async for`` over the runtimes (oldest first); pages are fetched lazily."""
        ops.list_runtimes(status=status, limit=limit)  # check arguments now
        return self._iterate(status, limit)

    async def _iterate(self, status: Any, limit: Optional[int]) -> AsyncIterator[Runtime]:
        cursor: Optional[str] = None
        cursors = ops.Cursors("runtimes-list")
        while True:
            page = await self._t.send(ops.list_runtimes(status=status, limit=limit, cursor=cursor, owner=self))
            for item in page.data:
                yield item
            cursor = cursors.after(page)
            if cursor is None:
                return

    async def stop(self, runtime_id: str) -> Runtime:
        return await self._t.send(ops.stop_runtime(runtime_id, owner=self))

    async def delete(self, runtime_id: str) -> None:
        await self._t.send(ops.delete_runtime(runtime_id))

    async def _astop_on_exit(self, runtime_id: str) -> Runtime:
        bound = _runtime.STOP_TIMEOUT
        op = ops.stop_runtime(runtime_id, owner=self, timeout=bound)
        try:
            return await asyncio.wait_for(self._t.send(op), bound)
        except asyncio.TimeoutError:
            raise APITimeoutError(f"runtimes-stop: not done within {bound:g} s") from None


class RuntimeCreation:
    """What :meth:`AsyncRuntimes.create` returns: awaitable (the runtime) and an async context
    manager (the runtime, stopped when the block ends). It sends the create once, when
    first awaited or entered."""

    def __init__(self, send: Callable[[], Awaitable[Runtime]]):
        self._send = send
        self._runtime: Optional[Runtime] = None

    def __await__(self) -> Generator[Any, None, Runtime]:
        return self._once().__await__()

    async def _once(self) -> Runtime:
        if self._runtime is None:
            self._runtime = await self._send()
        return self._runtime

    async def __aenter__(self) -> Runtime:
        return await (await self._once()).__aenter__()

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        if self._runtime is not None:
            await self._runtime.__aexit__(exc_type, exc, tb)


class AsyncRunInvocations:
    def __init__(self, transport: AsyncTransport):
        self._t = transport

    def list(
        self,
        run_id: str,
        *,
        status: Union[None, str, Sequence[str]] = None,
        action: Union[None, str, Sequence[str]] = None,
        limit: Optional[int] = None,
    ) -> AsyncIterator[Invocation]:
        """``async for`` over the run's invocations; pages are fetched lazily."""
        ops.list_run_invocations(run_id, status=status, action=action, limit=limit)  # check arguments now
        return self._iterate(run_id, status, action, limit)

    async def _iterate(self, run_id: str, status: Any, action: Any, limit: Optional[int]) -> AsyncIterator[Invocation]:
        cursor: Optional[str] = None
        cursors = ops.Cursors()
        while True:
            page = await self._t.send(
                ops.list_run_invocations(run_id, status=status, action=action, limit=limit, cursor=cursor)
            )
            for item in page.data:
                yield item
            cursor = cursors.after(page)
            if cursor is None:
                return

    async def get(self, run_id: str, invocation_id: str) -> Invocation:
        return await self._t.send(ops.get_run_invocation(run_id, invocation_id))


class AsyncRuns:
    def __init__(self, transport: AsyncTransport):
        self.invocations = AsyncRunInvocations(transport)


class AsyncInvocationsById:
    def __init__(self, transport: AsyncTransport):
        self._t = transport

    async def get(self, invocation_id: str) -> Invocation:
        return await self._t.send(ops.retrieve_invocation(invocation_id))


class AsyncSpaceRuntimeInvocations:
    def __init__(self, transport: AsyncTransport):
        self._t = transport

    async def create(
        self,
        space_id: str,
        runtime_id: str,
        *,
        provider: Literal["stagehand", "browserUse"],
        instruction: Optional[str] = None,
        idempotency_key: Optional[str] = None,
        **params: Any,
    ) -> Any:
        op = ops.create_legacy_invocation(
            space_id, runtime_id, provider, params, instruction=instruction, idempotency_key=idempotency_key
        )
        return await self._t.send(op)


class AsyncSpaceRuntimes:
    def __init__(self, transport: AsyncTransport):
        self.invocations = AsyncSpaceRuntimeInvocations(transport)


class AsyncSpaces:
    def __init__(self, transport: AsyncTransport):
        self.runtimes = AsyncSpaceRuntimes(transport)
