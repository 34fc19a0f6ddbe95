"""What the emulator fixture costs a user's test: setup plus teardown, per test.

One pytest run in a child process over a generated suite: tests using the plugin's
``bctrl_emulator`` fixture (one server per session, reset per test) and, side by side,
tests using a fixture that starts and stops an emulator for every test (what the plugin
did before). Each test makes the same request. Per-test cost is the time of pytest's
setup and teardown phases of each test (timed by hook wrappers in the suite's conftest);
the first test of the session also pays for starting the shared server, reported apart.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List

from ._stats import median

SHARED_TESTS = 100
PER_TEST_TESTS = 15

CONFTEST = """
import json
import os
import time

import pytest

from bctrl.testing import Emulator

TIMES = {}


def _timed(phase):
    @pytest.hookimpl(hookwrapper=True)
    def hook(item, *args):
        started = time.perf_counter()
        yield
        TIMES.setdefault(item.nodeid, {})[phase] = time.perf_counter() - started

    return hook


pytest_runtest_setup = _timed("setup")
pytest_runtest_call = _timed("call")
pytest_runtest_teardown = _timed("teardown")


def pytest_sessionfinish(session):
    with open(os.environ["FIXTURE_TIMES"], "w") as out:
        json.dump(TIMES, out)


@pytest.fixture
def emulator_per_test():
    with Emulator() as emu:
        yield emu


@pytest.fixture
def shared_without_reset(bctrl_emulator_server):
    return bctrl_emulator_server
"""

TEST_TEMPLATE = """
import httpx
import pytest

SPACE = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


@pytest.mark.parametrize("n", range({count}))
def test_one(n, {fixture}):
    emu = {fixture}
    answer = httpx.post(emu.url + "/v2/runtimes", json={{"spaceId": SPACE, "type": "browser"}}, headers=emu.headers)
    assert answer.status_code == 200
"""


def _suite(directory: Path) -> None:
    (directory / "conftest.py").write_text(CONFTEST)
    (directory / "test_shared.py").write_text(TEST_TEMPLATE.format(count=SHARED_TESTS, fixture="bctrl_emulator"))
    (directory / "test_per_test.py").write_text(TEST_TEMPLATE.format(count=PER_TEST_TESTS, fixture="emulator_per_test"))
    (directory / "test_no_reset.py").write_text(
        TEST_TEMPLATE.format(count=SHARED_TESTS, fixture="shared_without_reset")
    )


def fixture_cost() -> Dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        _suite(directory)
        times = directory / "times.json"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "test_no_reset.py",
                "test_shared.py",
                "test_per_test.py",
            ],
            cwd=directory,
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "FIXTURE_TIMES": str(times)},
        )
        if result.returncode != 0:
            raise RuntimeError(f"the fixture suite failed: {result.stdout[-2000:]}{result.stderr[-1000:]}")
        costs: Dict[str, Dict[str, float]] = json.loads(times.read_text())
    figures: Dict[str, Any] = {}
    for name, prefix, count in (
        ("no_reset", "test_no_reset.py", SHARED_TESTS),
        ("shared", "test_shared.py", SHARED_TESTS),
        ("per_test", "test_per_test.py", PER_TEST_TESTS),
    ):
        tests = sorted((t for t in costs if t.startswith(prefix)), key=lambda t: int(t.rsplit("[", 1)[1][:-1]))
        if name == "shared":
            tests = tests[:-1]  # the last one also stops the session's server
        fixture_ms: List[float] = [(costs[t].get("setup", 0.0) + costs[t].get("teardown", 0.0)) * 1000 for t in tests]
        call_ms = [costs[t].get("call", 0.0) * 1000 for t in tests]
        if len(tests) < count - 1:
            raise RuntimeError(f"expected {count} timed tests in {prefix}, found {len(tests)}")
        steady = fixture_ms[1:] if name == "no_reset" else fixture_ms
        figures[name] = {
            "tests": count,
            "fixture_ms_median": round(median(steady), 2),
            "fixture_ms_first": round(fixture_ms[0], 1),
            "call_ms_median": round(median(call_ms), 2),
        }
    shared, per_test, bare = figures["shared"], figures["per_test"], figures["no_reset"]
    figures["ratio"] = round(per_test["fixture_ms_median"] / max(shared["fixture_ms_median"], 1e-3), 1)
    print(
        f"fixture cost (setup+teardown per test, medians): emulator started per test "
        f"{per_test['fixture_ms_median']:.1f} ms; bctrl_emulator (shared server, reset per test) "
        f"{shared['fixture_ms_median']:.2f} ms, of which pytest's own fixture handling "
        f"{bare['fixture_ms_median']:.2f} ms (same server, no reset); {figures['ratio']}x cheaper; "
        f"starting the shared server once: {bare['fixture_ms_first']:.0f} ms"
    )
    return figures


if __name__ == "__main__":
    fixture_cost()
