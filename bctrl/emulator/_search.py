"""Seeded string searches with Hypothesis (imported on first use: it is large).

``hypothesis.find`` with ``derandomize=True`` and no example database returns the first
string the strategy makes that ``accept`` takes (its simplest ones come first), the same
one every time.
A search that finds nothing within its budget returns ``None``.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Dict, Optional

EXAMPLES = 300

# Searches run on a thread of their own, one at a time: Hypothesis keeps global state, and
# a search must not run inside a caller's own Hypothesis test (it would count as nested).
_thread: Optional[ThreadPoolExecutor] = None
_thread_lock = threading.Lock()
_settings: Any = None


def _on_search_thread(func: Callable[[], Optional[str]]) -> Optional[str]:
    global _thread
    with _thread_lock:
        if _thread is None:
            _thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bctrl-emulator-search")
        thread = _thread
    return thread.submit(func).result()


def _find(strategy: Any, accept: Callable[[str], bool]) -> Optional[str]:
    return _on_search_thread(lambda: _find_here(strategy, accept))


def _find_here(strategy: Any, accept: Callable[[str], bool]) -> Optional[str]:
    global _settings
    from hypothesis import HealthCheck, Phase, find, settings
    from hypothesis.errors import NoSuchExample, Unsatisfiable

    if _settings is None:
        _settings = settings(
            database=None,
            derandomize=True,
            deadline=None,
            max_examples=EXAMPLES,
            # Derandomized generation tries the simplest strings first; shrinking would
            # rarely find a simpler one and costs ten times as long.
            phases=(Phase.generate,),
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
        )

    def condition(value: Any) -> bool:
        return isinstance(value, str) and accept(value)

    try:
        return str(find(strategy, condition, settings=_settings))
    except (NoSuchExample, Unsatisfiable):
        return None


def matching(pattern: str, accept: Callable[[str], bool]) -> Optional[str]:
    """The simplest string containing a match of ``pattern`` that ``accept`` takes:
    printable ASCII first, then any Unicode text.

    Python's ``$`` also matches before a final newline, which JavaScript's and Rust's do
    not (zod, pydantic), so the first search refuses a string ending in ``\n``.
    """
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument

    printable = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
    try:
        found = _find(st.from_regex(pattern, alphabet=printable), lambda s: not s.endswith("\n") and accept(s))
    except InvalidArgument:  # the pattern needs characters outside printable ASCII
        found = None
    if found is None:
        found = _find(st.from_regex(pattern, alphabet=st.characters(codec="utf-8")), accept)
    return found


def _format_strategies() -> Dict[str, Any]:
    from hypothesis import strategies as st
    from hypothesis.provisional import domains, urls

    return {
        "date": st.dates().map(lambda d: d.isoformat()),
        "date-time": st.datetimes().map(lambda d: d.isoformat() + "Z"),
        "time": st.times().map(lambda t: t.isoformat() + "Z"),
        "email": st.emails(),
        "idn-email": st.emails(),
        "hostname": domains(),
        "idn-hostname": domains(),
        "ipv4": st.ip_addresses(v=4).map(str),
        "ipv6": st.ip_addresses(v=6).map(str),
        "uri": urls(),
        "iri": urls(),
        "uri-reference": urls(),
        "iri-reference": urls(),
        "uuid": st.uuids().map(str),
    }


def formatted(fmt: Optional[str], accept: Callable[[str], bool]) -> Optional[str]:
    """The simplest string of format ``fmt`` (any text if unknown) that ``accept`` takes."""
    from hypothesis import strategies as st

    strategy = _format_strategies().get(fmt or "", st.text(st.characters(codec="utf-8")))
    return _find(strategy, accept)
