"""The few things the sync namespaces do differently from the async ones (hand-written)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from .._runtime import Runtime

if TYPE_CHECKING:
    from .._operations import Operation
    from .._options import RequestOptions
    from .._transport import SyncTransport

T = TypeVar("T")

sleep = time.sleep

RuntimeCreation = Runtime
"""What ``Bctrl.runtimes.create`` returns: the runtime itself (a context manager)."""


def notify(on_update: Optional[Callable[[Any], Any]], invocation: Any) -> None:
    """Call ``on_update`` with a new state."""
    if on_update is not None:
        on_update(invocation)


def bounded(value: T, seconds: float, what: str) -> T:
    """The sync call was bounded by its own deadline (the operation's timeout): pass it on."""
    return value


def runtime_creation(transport: SyncTransport, op: Operation[Runtime], options: RequestOptions) -> Runtime:
    """The runtime create, sent now."""
    return transport.send(op, options)
