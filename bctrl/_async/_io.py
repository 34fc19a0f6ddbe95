"""The few things the async namespaces do differently from the sync ones (hand-written)."""

from __future__ import annotations

import asyncio
import inspect
from types import TracebackType
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Generator, Optional, Type, TypeVar

from .._errors import APITimeoutError

if TYPE_CHECKING:
    from .._operations import Operation
    from .._options import RequestOptions
    from .._runtime import Runtime
    from .._transport import AsyncTransport

T = TypeVar("T")

sleep = asyncio.sleep


async def notify(on_update: Optional[Callable[[Any], Any]], invocation: Any) -> None:
    """Call ``on_update`` (a function or a coroutine function) with a new state."""
    if on_update is None:
        return
    result = on_update(invocation)
    if inspect.isawaitable(result):
        await result


async def bounded(call: Awaitable[T], seconds: float, what: str) -> T:
    """``call``, given at most ``seconds``; :class:`~bctrl.APITimeoutError` past that."""
    try:
        return await asyncio.wait_for(call, seconds)
    except asyncio.TimeoutError:
        raise APITimeoutError(f"{what}: not done within {seconds:g} s") from None


class AsyncRuntimeCreation:
    """What ``AsyncBctrl.runtimes.create`` returns: awaitable (the runtime) and an async
    context manager (the runtime, stopped when the block ends). It sends the create once,
    when first awaited or entered."""

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


def runtime_creation(
    transport: AsyncTransport, op: Operation[Runtime], options: RequestOptions
) -> AsyncRuntimeCreation:
    """The runtime create, sent when first awaited or entered."""
    return AsyncRuntimeCreation(lambda: transport.send(op, options))
