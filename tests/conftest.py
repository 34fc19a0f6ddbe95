"""Shared fixtures: the response checker against the merged spec."""

from __future__ import annotations

import pytest
from spec_checker import SpecChecker


@pytest.fixture(scope="session")
def spec_checker() -> SpecChecker:
    return SpecChecker()
