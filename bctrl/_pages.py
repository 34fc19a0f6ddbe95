"""Pages of a listing, and pagers that walk them.

A list method returns a pager. Iterating it (``for`` / ``async for``) yields every item,
fetching each page only when the previous one is used up. The pager also gives page
objects: ``await pager`` (async) or the pager's own page attributes (sync, the first page
is fetched on first use) — ``.data``, ``.next_cursor``, ``has_next_page()``,
``next_page()``. A saved ``next_cursor`` passed as ``cursor=`` to the list method resumes
the listing there.

Which cursor comes next, and that a cursor handed out twice is an error rather than an
endless loop (as is a long run of empty pages), is decided once, in :class:`bctrl._operations.Cursors`.
"""

from __future__ import annotations

from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Callable,
    Dict,
    Generator,
    Generic,
    Iterator,
    List,
    Optional,
    Tuple,
    TypeVar,
)

from . import _operations as ops
from ._errors import BctrlError
from ._options import RequestOptions
from ._results import RawResponse, wire_value

if TYPE_CHECKING:
    from ._transport import AsyncTransport, SyncTransport

T = TypeVar("T")

Query = Callable[..., "ops.Operation[ops.Listing[T]]"]
"""Builds the list operation for a cursor: ``query(cursor=...)``."""


def _start(query: Query[Any], cursor: Optional[str]) -> ops.Cursors:
    """The cursor state of a listing that starts at ``cursor`` (a saved one, or the first page)."""
    return ops.Cursors(query(cursor=None).name, frozenset() if cursor is None else frozenset({cursor}))


class _PageBase(Generic[T]):
    """What both page classes share: the items, the cursor, the answer."""

    __slots__ = ("_cursors", "_listing")

    def __init__(self, listing: ops.Listing[T], cursors: ops.Cursors) -> None:
        self._listing = listing
        self._cursors = cursors

    @property
    def data(self) -> List[T]:
        """The items of this page."""
        return self._listing.data

    @property
    def next_cursor(self) -> Optional[str]:
        """The cursor of the next page (save it and pass ``cursor=`` to resume), ``None`` on the last."""
        return self._listing.next_cursor

    @property
    def response(self) -> Optional[RawResponse]:
        """The HTTP answer this page was read from."""
        return self._listing.response

    @property
    def request_id(self) -> Optional[str]:
        return None if self._listing.response is None else self._listing.response.request_id

    def has_next_page(self) -> bool:
        """Whether another page follows (no request is sent)."""
        return bool(self._listing.next_cursor)

    def _following(self) -> Tuple[Optional[str], ops.Cursors]:
        return self._cursors.follow(self._listing)

    def _last_page_error(self) -> BctrlError:
        return BctrlError("this is the last page: check has_next_page() before next_page()")

    def to_dict(self) -> Dict[str, Any]:
        """The page as the API's JSON: ``{"data": [...], "nextCursor": ...}``."""
        return {"data": wire_value(self._listing.data), "nextCursor": self._listing.next_cursor}

    def to_json(self, *, indent: Optional[int] = None) -> str:
        import json

        return json.dumps(self.to_dict(), indent=indent)

    def __len__(self) -> int:
        return len(self._listing.data)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} items={len(self._listing.data)} next_cursor={self._listing.next_cursor!r}>"


class Page(_PageBase[T]):
    """One page of a listing. ``for item in page`` yields this page's items and those of
    every following page (fetched as you go); ``page.data`` is this page only."""

    __slots__ = ("_fetch",)

    def __init__(self, listing: ops.Listing[T], cursors: ops.Cursors, fetch: Callable[[str], ops.Listing[T]]):
        super().__init__(listing, cursors)
        self._fetch = fetch

    def next_page(self) -> Page[T]:
        """Fetch the page after this one (one request). Raises :class:`BctrlError` on the last
        page, or :class:`APIResponseValidationError` if the server repeats a cursor."""
        cursor, cursors = self._following()
        if cursor is None:
            raise self._last_page_error()
        return Page(self._fetch(cursor), cursors, self._fetch)

    def iter_pages(self) -> Iterator[Page[T]]:
        """This page and every following one, each fetched when the previous is done."""
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(_PageBase[T]):
    """One page of a listing. ``async for item in page`` yields this page's items and those
    of every following page (fetched as you go); ``page.data`` is this page only."""

    __slots__ = ("_fetch",)

    def __init__(self, listing: ops.Listing[T], cursors: ops.Cursors, fetch: Callable[[str], Any]):
        super().__init__(listing, cursors)
        self._fetch = fetch

    async def next_page(self) -> AsyncPage[T]:
        """Fetch the page after this one (one request). Raises :class:`BctrlError` on the last
        page, or :class:`APIResponseValidationError` if the server repeats a cursor."""
        cursor, cursors = self._following()
        if cursor is None:
            raise self._last_page_error()
        return AsyncPage(await self._fetch(cursor), cursors, self._fetch)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        """This page and every following one, each fetched when the previous is done."""
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class Pager(Iterator[T]):
    """What a sync list method returns: an iterator over every item (pages fetched lazily,
    one pass, like a generator), and its first page (``.data``, ``.next_cursor``,
    ``has_next_page()``, ``next_page()``, ``iter_pages()``), fetched on first use. Nothing is
    sent before that."""

    def __init__(
        self, transport: SyncTransport, query: Query[T], options: RequestOptions, cursor: Optional[str] = None
    ) -> None:
        self._t = transport
        self._query = query
        self._options = options
        self._cursor = cursor
        self._first: Optional[Page[T]] = None
        self._items: Optional[Iterator[T]] = None

    def _fetch(self, cursor: Optional[str]) -> ops.Listing[T]:
        return self._t.send(self._query(cursor=cursor), self._options)

    def first_page(self) -> Page[T]:
        """The first page (fetched once, on first use)."""
        if self._first is None:
            self._first = Page(self._fetch(self._cursor), _start(self._query, self._cursor), self._fetch)
        return self._first

    @property
    def data(self) -> List[T]:
        return self.first_page().data

    @property
    def next_cursor(self) -> Optional[str]:
        return self.first_page().next_cursor

    @property
    def request_id(self) -> Optional[str]:
        return self.first_page().request_id

    @property
    def response(self) -> Optional[RawResponse]:
        return self.first_page().response

    def has_next_page(self) -> bool:
        return self.first_page().has_next_page()

    def next_page(self) -> Page[T]:
        return self.first_page().next_page()

    def iter_pages(self) -> Iterator[Page[T]]:
        return self.first_page().iter_pages()

    def to_dict(self) -> Dict[str, Any]:
        return self.first_page().to_dict()

    def to_json(self, *, indent: Optional[int] = None) -> str:
        return self.first_page().to_json(indent=indent)

    def __iter__(self) -> Pager[T]:
        return self

    def __next__(self) -> T:
        if self._items is None:
            self._items = self._walk()
        return next(self._items)

    def _walk(self) -> Iterator[T]:
        yield from self.first_page()  # a generator: nothing is fetched before the first next()

    def __repr__(self) -> str:
        return f"<Pager cursor={self._cursor!r} fetched={self._first is not None}>"


class AsyncPager(AsyncIterator[T]):
    """What an async list method returns: an async iterator over every item (pages fetched
    lazily, one pass, like an async generator), or ``await`` it for the first page. Nothing
    is sent before either."""

    def __init__(
        self, transport: AsyncTransport, query: Query[T], options: RequestOptions, cursor: Optional[str] = None
    ) -> None:
        self._t = transport
        self._query = query
        self._options = options
        self._cursor = cursor
        self._items: Optional[AsyncIterator[T]] = None

    async def _fetch(self, cursor: Optional[str]) -> ops.Listing[T]:
        return await self._t.send(self._query(cursor=cursor), self._options)

    async def first_page(self) -> AsyncPage[T]:
        """The first page (one request)."""
        return AsyncPage(await self._fetch(self._cursor), _start(self._query, self._cursor), self._fetch)

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self.first_page().__await__()

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        first = await self.first_page()
        async for page in first.iter_pages():
            yield page

    def __aiter__(self) -> AsyncPager[T]:
        return self

    async def __anext__(self) -> T:
        if self._items is None:
            self._items = self._walk()
        return await self._items.__anext__()

    async def _walk(self) -> AsyncIterator[T]:
        first = await self.first_page()
        async for item in first:
            yield item

    def __repr__(self) -> str:
        return f"<AsyncPager cursor={self._cursor!r}>"
