"""What the command line prints: records (JSON, wire names), detail views and tables.

Detail views and tables are rich ``Text``: styled on a terminal, plain when piped (rich
drops the styles itself). Values from the API are never read as rich markup.
Secret-bearing fields (a proxy ``password``, ``sensitiveData``) are shown as ``<hidden>``.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import IO, Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from rich.console import Console
from rich.text import Text

from .._invocation import Invocation
from .._runtime import Runtime

SECRET_KEYS = frozenset({"password", "sensitiveData", "sensitive_data", "apiKey", "api_key"})
STATUS_STYLES = {
    "succeeded": "bold green",
    "failed": "bold red",
    "timed_out": "bold red",
    "cancelled": "yellow",
    "cancelling": "yellow",
    "running": "cyan",
    "dispatching": "cyan",
    "queued": "blue",
    "active": "green",
    "stopped": "yellow",
}

# --- records -----------------------------------------------------------------------


def timestamp(value: Optional[_dt.datetime]) -> Optional[str]:
    if value is None:
        return None
    utc = value.astimezone(_dt.timezone.utc)
    spec = "milliseconds" if utc.microsecond % 1000 == 0 else "microseconds"
    return utc.isoformat(timespec=spec).replace("+00:00", "Z")


def redact(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: "<hidden>" if k in SECRET_KEYS else redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def invocation_record(inv: Invocation) -> Dict[str, Any]:
    """The invocation as JSON with the API's field names."""
    record: Dict[str, Any] = {
        "id": inv.id,
        "status": inv.status,
        "action": inv.action,
        "runId": inv.run_id,
        "runtimeId": inv.runtime_id,
        "createdAt": timestamp(inv.created_at),
        "startedAt": timestamp(inv.started_at),
        "finishedAt": timestamp(inv.finished_at),
        "durationMs": inv.duration_ms,
        "output": inv.output,
        "error": None
        if inv.error is None
        else {"code": inv.error.code, "message": inv.error.message, "details": inv.error.details},
    }
    record.update(inv.extra)
    return redact(record)  # type: ignore[no-any-return]


def runtime_record(rt: Runtime) -> Dict[str, Any]:
    """The runtime as JSON with the API's field names."""
    record: Dict[str, Any] = {
        "id": rt.id,
        "status": rt.status,
        "type": rt.type,
        "name": rt.name,
        "activeRunId": rt.active_run_id,
        "createdAt": timestamp(rt.created_at),
        "updatedAt": timestamp(rt.updated_at),
        "config": rt.config,
        "metadata": rt.metadata,
    }
    record.update(rt.extra)
    return redact(record)  # type: ignore[no-any-return]


INVOCATION_FIELDS = frozenset(
    (
        "id",
        "status",
        "action",
        "runId",
        "runtimeId",
        "createdAt",
        "startedAt",
        "finishedAt",
        "durationMs",
        "output",
        "error",
    )
)
RUNTIME_FIELDS = frozenset(
    ("id", "status", "type", "name", "activeRunId", "createdAt", "updatedAt", "config", "metadata")
)


def dumps(record: Any, *, indent: Optional[int] = 2) -> str:
    return json.dumps(record, indent=indent, ensure_ascii=False, default=str)


def field_text(value: Any) -> str:
    """One field for ``--field``: text as it is, nothing for null, anything else as compact JSON."""
    if value is None:
        return ""
    return value if isinstance(value, str) else dumps(value, indent=None)


# --- detail views ------------------------------------------------------------------


def status_text(status: str) -> Text:
    return Text(status, style=STATUS_STYLES.get(status, ""))


def duration(ms: Optional[int]) -> str:
    if ms is None:
        return "-"
    seconds = ms / 1000
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, rest = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes}m{rest:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


def short_time(value: Optional[_dt.datetime]) -> str:
    if value is None:
        return "-"
    return value.astimezone(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ")


def _detail(rows: Sequence[Tuple[str, Any]]) -> Text:
    width = max(len(label) for label, _ in rows) + 2
    out = Text()
    for label, value in rows:
        out.append(label.ljust(width), style="dim")
        if isinstance(value, Text):
            out.append_text(value)
        else:
            text = value if isinstance(value, str) else dumps(value)
            out.append(text.replace("\n", "\n" + " " * width))
        out.append("\n")
    out.rstrip()
    return out


def invocation_view(inv: Invocation) -> Text:
    rows: List[Tuple[str, Any]] = [
        ("invocation", inv.id),
        ("status", status_text(inv.status)),
        ("action", inv.action),
        ("runtime", inv.runtime_id),
        ("run", inv.run_id),
        ("created", short_time(inv.created_at)),
    ]
    if inv.started_at is not None:
        rows.append(("started", short_time(inv.started_at)))
    if inv.finished_at is not None:
        rows.append(("finished", short_time(inv.finished_at)))
    if inv.duration_ms is not None:
        rows.append(("duration", duration(inv.duration_ms)))
    if inv.error is not None:
        code = f"{inv.error.code}: " if inv.error.code else ""
        rows.append(("error", Text(code + inv.error.message, style="red")))
    if inv.output is not None:
        rows.append(("output", redact(inv.output)))
    return _detail(rows)


def runtime_view(rt: Runtime) -> Text:
    rows: List[Tuple[str, Any]] = [
        ("runtime", rt.id),
        ("status", status_text(rt.status)),
        ("name", rt.name),
        ("type", rt.type),
        ("active run", rt.active_run_id or "-"),
        ("created", short_time(rt.created_at)),
        ("updated", short_time(rt.updated_at)),
    ]
    if rt.config:
        rows.append(("config", redact(rt.config)))
    if rt.metadata:
        rows.append(("metadata", redact(rt.metadata)))
    return _detail(rows)


# --- tables -----------------------------------------------------------------------


Column = Tuple[str, Callable[[Any], Text]]
"""A header and how to show one item in that column."""

INVOCATION_COLUMNS: Sequence[Column] = (
    ("TIME", lambda inv: Text(short_time(inv.created_at))),
    ("ACTION", lambda inv: Text(inv.action)),
    ("STATUS", lambda inv: status_text(inv.status)),
    ("DURATION", lambda inv: Text(duration(inv.duration_ms))),
    ("ERROR CODE", lambda inv: Text((inv.error.code or "?") if inv.error is not None else "-")),
    ("INVOCATION", lambda inv: Text(inv.id)),
)

RUNTIME_COLUMNS: Sequence[Column] = (
    ("RUNTIME", lambda rt: Text(rt.id)),
    ("STATUS", lambda rt: status_text(rt.status)),
    ("NAME", lambda rt: Text(rt.name or "-")),
    ("ACTIVE RUN", lambda rt: Text(rt.active_run_id or "-")),
    ("CREATED", lambda rt: Text(short_time(rt.created_at))),
)


class StreamTable:
    """A table printed row by row as items arrive (a list is paged lazily, so it is never
    all in memory). Column widths are set by the header and the first ``sample`` rows."""

    def __init__(self, console: Console, columns: Sequence[Column], *, sample: int = 50):
        self._console = console
        self._columns = columns
        self._sample = sample
        self._pending: List[List[Text]] = []
        self._widths: Optional[List[int]] = None
        self.rows = 0

    def add(self, item: Any) -> None:
        self.rows += 1
        cells = [show(item) for _, show in self._columns]
        if self._widths is not None:
            self._print(cells, self._widths)
            return
        self._pending.append(cells)
        if len(self._pending) >= self._sample:
            self.flush()

    def flush(self) -> None:
        widths = self._widths
        if widths is None:
            widths = [len(header) for header, _ in self._columns]
            for cells in self._pending:
                widths = [max(w, c.cell_len) for w, c in zip(widths, cells)]
            self._widths = widths
            self._print([Text(header, style="bold") for header, _ in self._columns], widths)
        pending, self._pending = self._pending, []
        for cells in pending:
            self._print(cells, widths)

    def _print(self, cells: List[Text], widths: List[int]) -> None:
        line = Text()
        last = len(cells) - 1
        for i, (cell, width) in enumerate(zip(cells, widths)):
            line.append_text(cell)
            if i < last:
                line.append(" " * (max(width - cell.cell_len, 0) + 2))
        self._console.print(line, soft_wrap=True, overflow="ignore", crop=False)


def write_json_stream(out: IO[str], records: Iterable[Dict[str, Any]], *, lines: bool) -> int:
    """Write ``records`` as JSON Lines, or as one JSON array written as items arrive."""
    count = 0
    if lines:
        for record in records:
            out.write(dumps(record, indent=None) + "\n")
            count += 1
        return count
    out.write("[")
    for record in records:
        out.write(("," if count else "") + "\n  " + dumps(record, indent=None))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
