"""Opaque cursors for creation-ordered lists.

A cursor is URL-safe base64 of ``{"s": <creation sequence>, "id": <last id>}``. Items are
ordered by their creation sequence, so a page boundary stays put when new items arrive.
"""

from __future__ import annotations

import base64
import binascii
import json
from bisect import bisect_right
from typing import Callable, List, Optional, Sequence, Tuple, TypeVar

T = TypeVar("T")


class InvalidCursor(ValueError):
    """The cursor was not produced by :func:`encode_cursor`."""


def encode_cursor(seq: int, item_id: str) -> str:
    raw = json.dumps({"s": seq, "id": item_id}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> Tuple[int, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError, RecursionError):
        raise InvalidCursor("cursor is not valid") from None
    if not isinstance(data, dict):
        raise InvalidCursor("cursor is not valid")
    seq, item_id = data.get("s"), data.get("id")
    if isinstance(seq, bool) or not isinstance(seq, int) or not isinstance(item_id, str):
        raise InvalidCursor("cursor is not valid")
    return seq, item_id


def paginate(
    items: Sequence[T],
    *,
    key: Callable[[T], Tuple[int, str]],
    cursor: Optional[str],
    limit: int,
) -> Tuple[List[T], Optional[str]]:
    """One page of ``items`` (already filtered and sorted by ``key``) after ``cursor``."""
    seqs = [key(item)[0] for item in items]
    return paginate_indexed(items, seqs, key=key, accept=lambda _item: True, cursor=cursor, limit=limit)


def paginate_indexed(
    items: Sequence[T],
    seqs: Sequence[int],
    *,
    key: Callable[[T], Tuple[int, str]],
    accept: Callable[[T], bool],
    cursor: Optional[str],
    limit: int,
) -> Tuple[List[T], Optional[str]]:
    """The same page as :func:`paginate`, from an unfiltered list in creation order.

    ``seqs[i]`` is the creation sequence of ``items[i]`` (ascending). The cursor position
    is found by bisection and only the items after it are tested with ``accept``, until
    the page and one more accepted item (which says a next page exists) are found.
    """
    after = decode_cursor(cursor) if cursor is not None else None
    start = 0 if after is None else bisect_right(seqs, after[0])
    page: List[T] = []
    for index in range(start, len(items)):
        item = items[index]
        if not accept(item):
            continue
        if len(page) >= limit:
            if not page:
                break
            seq, item_id = key(page[-1])
            return page, encode_cursor(seq, item_id)
        page.append(item)
    return page, None
