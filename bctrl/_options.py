"""Per-call options: what every method accepts besides its own arguments.

``timeout`` is the most the call may take, in seconds: for a waiting method that is the
wait budget (spread over as many long polls as it needs), for any other method the
deadline of the HTTP call, retries included. ``max_retries`` replaces the client's for
this call. ``extra_headers``, ``extra_query`` and ``extra_body`` are merged into each
request the call sends (the body ones after the contract check, for fields this SDK
version does not know yet).
"""

from __future__ import annotations

import math
import re
from typing import Any, Dict, Mapping, Optional, Union

import attrs

from ._errors import RequestValidationError


class NotGiven:
    """The default of an option left out (``None`` is a value: no limit)."""

    _instance: Optional[NotGiven] = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

Timeout = Union[float, None, NotGiven]
"""Seconds, ``None`` for no limit, or left out (the client's, or the method's, default)."""

Headers = Optional[Mapping[str, str]]
Query = Optional[Mapping[str, Any]]
Body = Optional[Mapping[str, Any]]


@attrs.frozen
class RequestOptions:
    """The per-call options of one call, checked. ``DEFAULT`` when none were given."""

    timeout: Timeout = NOT_GIVEN
    max_retries: Optional[int] = None
    extra_headers: Mapping[str, str] = attrs.field(factory=dict, repr=False)
    extra_query: Mapping[str, Any] = attrs.field(factory=dict)
    extra_body: Mapping[str, Any] = attrs.field(factory=dict, repr=False)


DEFAULT = RequestOptions()


def check_timeout(value: object, field: str = "timeout") -> Timeout:
    """A timeout argument: a non-negative number of seconds, ``None`` or left out."""
    if value is None or isinstance(value, NotGiven):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0 or math.isinf(value):
        raise RequestValidationError(
            f"{field}: expected a non-negative number of seconds or None, got {value!r}",
            field=field,
            expected="a non-negative number of seconds or None",
        )
    return float(value)


def request_options(
    timeout: Timeout = NOT_GIVEN,
    max_retries: Optional[int] = None,
    extra_headers: Headers = None,
    extra_query: Query = None,
    extra_body: Body = None,
) -> RequestOptions:
    """Check per-call options before anything is sent; the shared default when none are given."""
    if timeout is NOT_GIVEN and max_retries is None and not extra_headers and not extra_query and not extra_body:
        return DEFAULT
    if max_retries is not None and (
        isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0
    ):
        raise RequestValidationError(
            f"max_retries: expected a non-negative integer, got {max_retries!r}",
            field="max_retries",
            expected="a non-negative integer",
        )
    return RequestOptions(
        timeout=check_timeout(timeout),
        max_retries=max_retries,
        extra_headers=_headers(extra_headers),
        extra_query=_query(extra_query),
        extra_body=_mapping(extra_body, "extra_body"),
    )


def _headers(headers: Headers) -> Dict[str, str]:
    if not headers:
        return {}
    if not isinstance(headers, Mapping):
        raise RequestValidationError(
            f"extra_headers: expected a mapping of strings, got {type(headers).__name__}",
            field="extra_headers",
            expected="a mapping of header names to strings",
        )
    out = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not _TOKEN.fullmatch(name) or not isinstance(value, str) or not _latin1(value):
            raise RequestValidationError(
                f"extra_headers: {name!r} must map a header name to a string value encodable as latin-1",
                field="extra_headers",
                expected="a mapping of header names to strings",
            )
        out[name] = value
    return out


_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
"""A header name (RFC 9110 token)."""


def _latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return "\n" not in text and "\r" not in text and "\0" not in text


_SCALARS = (str, int, float, bool)


def _query(value: Query) -> Dict[str, Any]:
    """Query parameters: each a string, number or boolean, or a list of them."""
    plain = _mapping(value, "extra_query")
    for name, item in plain.items():
        items = item if isinstance(item, list) else [item]
        if not all(isinstance(v, _SCALARS) for v in items):
            raise RequestValidationError(
                f"extra_query: {name!r} must be a string, number or boolean, or a list of them",
                field="extra_query",
                expected="scalar query values",
            )
    return plain


def _mapping(value: Optional[Mapping[str, Any]], field: str) -> Dict[str, Any]:
    if not value:
        return {}
    if not isinstance(value, Mapping):
        raise RequestValidationError(
            f"{field}: expected a mapping, got {type(value).__name__}", field=field, expected="a mapping"
        )
    from ._operations import _jsonable

    plain = _jsonable(value, field)
    return dict(plain)
