"""pytest plugin (registered as the ``bctrl`` pytest11 entry point).

Provides the ``bctrl_emulator`` fixture: a started :class:`bctrl.testing.Emulator`,
stopped after the test. Nothing heavy is imported until the fixture is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import pytest

if TYPE_CHECKING:
    from .testing import Emulator


@pytest.fixture
def bctrl_emulator() -> Iterator[Emulator]:
    """A running bctrl API emulator (``emu.url``, ``emu.api_key``, ``emu.script(...)``)."""
    from .testing import Emulator

    with Emulator() as emu:
        yield emu
