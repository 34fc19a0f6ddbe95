"""Following an invocation while the command waits for it.

On a terminal (standard error is a TTY) one live line shows the statuses seen so far and
the elapsed time, redrawn a few times a second::

    ⠹ 3f0c…  extract  queued → running  2.4s

When standard error is not a terminal (piped, captured, in CI) each status change is one
plain line instead: ``3f0c… extract queued 0.0s``. Standard output only ever carries the
result, so ``bctrl invoke ... --wait --json | jq`` sees nothing else.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import List, Optional, Type

from rich.console import Console, RenderableType
from rich.live import Live
from rich.spinner import Spinner
from rich.text import Text

from .._invocation import Invocation
from ._render import status_text

MARKS = {"succeeded": ("✔", "bold green")}
FAILED_MARK = ("✘", "bold red")


class Follower:
    """Receives each status change (``update``, the SDK's ``on_update``) and shows it."""

    def __init__(self, console: Console, label: str, *, started: Optional[float] = None):
        self.console = console
        self.label = label
        self.started = time.monotonic() if started is None else started
        self.statuses: List[str] = []
        self.live = console.is_terminal and not console.is_dumb_terminal
        self._spinner = Spinner("dots")
        self._live: Optional[Live] = None
        self._note: Optional[Text] = None
        self._ended: Optional[float] = None

    def elapsed(self) -> float:
        """Seconds since the command started; frozen once the invocation ended or the wait stopped."""
        end = self._ended if self._ended is not None else time.monotonic()
        return end - self.started

    # --- the SDK's callback ---------------------------------------------------------

    def update(self, inv: Invocation) -> None:
        if self.statuses and self.statuses[-1] == inv.status:
            return
        self.statuses.append(inv.status)
        if inv.is_terminal:
            self._ended = time.monotonic()
        if not self.live:
            self.console.print(
                Text.assemble(f"{self.label} ", status_text(inv.status), f" {self.elapsed():.1f}s"),
                soft_wrap=True,
                highlight=False,
            )
        elif self._live is not None:
            self._live.refresh()

    def note(self, message: str) -> None:
        """A closing remark on the live line (``interrupted``), or a plain line."""
        if self._ended is None:
            self._ended = time.monotonic()
        if self.live:
            self._note = Text(message, style="yellow")
            if self._live is not None:
                self._live.refresh()
        else:
            self.console.print(Text(f"{self.label} {message}"), soft_wrap=True, highlight=False)

    # --- the live line --------------------------------------------------------------

    def __rich__(self) -> RenderableType:
        statuses = list(self.statuses)  # appended to by the waiting thread
        history = Text(" → ").join(status_text(s) for s in statuses) if statuses else Text("waiting")
        line = Text.assemble(f"{self.label}  ", history, f"  {self.elapsed():.1f}s")
        if self._note is not None:
            line.append_text(Text("  ")).append_text(self._note)
        last = statuses[-1] if statuses else None
        if self._note is not None or last in ("succeeded", "failed", "cancelled", "timed_out"):
            mark, style = MARKS.get(last or "", FAILED_MARK)
            return Text.assemble((mark, style), " ", line)
        self._spinner.update(text=line)
        return self._spinner

    def __enter__(self) -> Follower:
        if self.live:
            self._live = Live(
                self,
                console=self.console,
                refresh_per_second=8,
                transient=False,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._live.start()
        return self

    def __exit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], tb: Optional[TracebackType]
    ) -> None:
        if self._live is not None:
            self._live.refresh()
            self._live.stop()
            self._live = None
