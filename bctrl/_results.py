"""What every result shares: the HTTP answer it came from, and its wire form.

Results are small frozen attrs classes. Each names its wire fields once
(``_wire``: attribute name -> JSON name); :meth:`Result.to_dict` and
:meth:`Result.to_json` follow that table, and fields the server sent that this SDK
version does not know (``extra``) are written back as they came.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any, ClassVar, Dict, Mapping, Optional, Tuple

import attrs


@attrs.frozen(eq=False)
class RawResponse:
    """The HTTP answer a result was read from: status, headers, and the request that produced it."""

    status_code: int
    headers: Mapping[str, str] = attrs.field(repr=False)
    method: str
    url: str

    @property
    def request_id(self) -> Optional[str]:
        """The ``x-request-id`` the server gave this answer (quote it to support)."""
        return self.headers.get("x-request-id")


def wire_value(value: Any) -> Any:
    """A value as JSON: datetimes in ISO-8601 as the API writes them (milliseconds, ``Z`` for UTC),
    results as their dicts."""
    if isinstance(value, _dt.datetime):
        text = value.isoformat(timespec="milliseconds" if value.microsecond % 1000 == 0 else "microseconds")
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(value, Mapping):
        return {k: wire_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [wire_value(v) for v in value]
    return value


class Result:
    """Mixin of the result classes: ``to_dict()`` / ``to_json()`` in wire names, ``request_id``."""

    __slots__ = ()
    _wire: ClassVar[Tuple[Tuple[str, str], ...]] = ()
    _always: ClassVar[Tuple[str, ...]] = ()
    """Attributes written even when ``None`` (the wire sends them as ``null``)."""

    def to_dict(self) -> Dict[str, Any]:
        """This result as the API's JSON (camelCase names), ready for ``json.dumps``."""
        out: Dict[str, Any] = {}
        for attr, name in self._wire:
            value = getattr(self, attr)
            if value is None and attr not in self._always:
                continue
            out[name] = wire_value(value)
        extra = getattr(self, "extra", None)
        if extra:
            for name, value in extra.items():
                out.setdefault(name, wire_value(value))
        return out

    def to_json(self, *, indent: Optional[int] = None) -> str:
        """:meth:`to_dict` serialised as JSON."""
        return json.dumps(self.to_dict(), indent=indent)

    @property
    def request_id(self) -> Optional[str]:
        """The request id of the answer this result was read from (``None`` if built locally)."""
        response: Optional[RawResponse] = getattr(self, "response", None)
        return None if response is None else response.request_id
