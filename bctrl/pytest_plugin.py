"""pytest plugin (registered as the ``bctrl`` pytest11 entry point).

Fixtures, all backed by one emulator server for the whole session (started on first use),
reset before every test:

- ``bctrl_emulator``: the :class:`bctrl.testing.Emulator` (``emu.url``, ``emu.script(...)``,
  ``emu.invocations`` with each request body);
- ``bctrl_client`` / ``bctrl_async_client``: a :class:`bctrl.Bctrl` / :class:`bctrl.AsyncBctrl`
  bound to it;
- ``bctrl_emulator_options``: the options of the test's emulator, from the
  ``@pytest.mark.bctrl_emulator(...)`` marker (``api_key``, ``duration_ms``, ``fault_503``,
  ... as for :meth:`bctrl.testing.Emulator.configure`); override the fixture to set them
  for a whole module or directory.

Nothing heavy is imported until a fixture is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterator

import pytest

if TYPE_CHECKING:
    from ._client import AsyncBctrl, Bctrl
    from .testing import Emulator

MARKER = "bctrl_emulator"
SESSION_DURATION_MS = 50  # invocations take 50 ms unless a test asks otherwise


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**options): options of the bctrl_emulator fixture for this test "
        "(api_key, duration_ms, minute_ms, strict, lenient, fault_seed, fault_503, fault_429, "
        "fault_drop_after_store, fault_latency_ms, fault_retry_after_seconds, allowed_hosts)",
    )


@pytest.fixture(scope="session")
def bctrl_emulator_server() -> Iterator[Emulator]:
    """The session's emulator server; tests use ``bctrl_emulator``, which resets it."""
    from .testing import Emulator

    with Emulator(duration_ms=SESSION_DURATION_MS) as emu:
        yield emu


@pytest.fixture
def bctrl_emulator_options(request: pytest.FixtureRequest) -> Dict[str, Any]:
    """Options for this test's emulator: the ``bctrl_emulator`` marker's keywords."""
    options: Dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers(MARKER))):  # closest wins
        if marker.args:
            raise TypeError(f"@pytest.mark.{MARKER} takes keyword options only")
        options.update(marker.kwargs)
    return options


@pytest.fixture
def bctrl_emulator(bctrl_emulator_server: Emulator, bctrl_emulator_options: Dict[str, Any]) -> Iterator[Emulator]:
    """A running bctrl API emulator with this test's options and no state from other tests."""
    emu = bctrl_emulator_server
    emu.configure(**bctrl_emulator_options)  # also forgets the state of earlier tests
    try:
        yield emu
    finally:
        emu.configure()  # the session's options again


@pytest.fixture
def bctrl_client(bctrl_emulator: Emulator) -> Iterator[Bctrl]:
    """A :class:`bctrl.Bctrl` client bound to ``bctrl_emulator``."""
    from ._client import Bctrl

    with Bctrl(api_key=bctrl_emulator.api_key, base_url=bctrl_emulator.url, max_retries=2) as client:
        yield client


@pytest.fixture
def bctrl_async_client(bctrl_emulator: Emulator) -> Iterator[AsyncBctrl]:
    """A :class:`bctrl.AsyncBctrl` client bound to ``bctrl_emulator``.

    A plain fixture, so it works with any async test runner: its HTTP client keeps no
    idle connections, so nothing is left open on the test's event loop.
    """
    import httpx

    from ._client import AsyncBctrl

    http = httpx.AsyncClient(limits=httpx.Limits(max_keepalive_connections=0))
    yield AsyncBctrl(api_key=bctrl_emulator.api_key, base_url=bctrl_emulator.url, max_retries=2, http_client=http)
