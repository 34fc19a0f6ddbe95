"""Answers that are too big, too deep or of the wrong shape.

The big bodies are read by a child process that reports its own peak memory (``VmHWM``
of ``/proc/self/status``, which, unlike ``ru_maxrss``, does not carry over the parent's
peak through ``exec``), so the figure is the client's alone.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any, Dict

import pytest

from bctrl import (
    APIError,
    APIResponseValidationError,
    Bctrl,
    OutputValidationError,
    ResponseTooLargeError,
)
from benchmarks._hostile import (
    INV,
    KEY,
    RT,
    RUN,
    HostileServer,
    answer,
    chunked_forever,
    deep_json,
    gzip_bomb,
    invocation,
    padded,
    raw_body,
    wait_answer,
)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")

MB = 1024 * 1024

CHILD = r"""
import json, sys, time
from bctrl import Bctrl

def peak_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise SystemExit("no VmHWM")

client = Bctrl(api_key=sys.argv[2], base_url=sys.argv[1], max_retries=0, timeout=60)
client.invocations  # everything imported
import bctrl_api.api.subpackage_invocations.invocations_retrieve  # noqa
baseline = peak_mb()
started = time.monotonic()
try:
    client.invocations.get(sys.argv[3])
    result = "returned"
except Exception as exc:
    result = type(exc).__name__
print(json.dumps({"result": result, "baseline_mb": baseline, "peak_mb": peak_mb(),
                  "seconds": time.monotonic() - started}))
"""


def read_in_child(server: HostileServer) -> Dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, server.url, KEY, INV], capture_output=True, text=True, timeout=90
    )
    assert out.returncode == 0, out.stderr[-2000:]
    figures: Dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    figures["growth_mb"] = figures["peak_mb"] - figures["baseline_mb"]
    print(figures)
    return figures


GROWTH_LIMIT_MB = 100
"""Twice the 32 MiB cap, and then some; far below the 640-950 MB these bodies took when
they were buffered whole."""


def test_huge_declared_body_is_refused_unread() -> None:
    with HostileServer(raw_body(padded(200 * MB), {})) as server:
        figures = read_in_child(server)
    assert figures["result"] == "ResponseTooLargeError"
    assert figures["growth_mb"] < GROWTH_LIMIT_MB


def test_huge_chunked_body_stops_at_the_cap() -> None:
    with HostileServer(raw_body(padded(200 * MB), {}, declare_length=False)) as server:
        figures = read_in_child(server)
    assert figures["result"] == "ResponseTooLargeError"
    assert figures["growth_mb"] < GROWTH_LIMIT_MB


def test_gzip_bomb_is_capped_on_its_decoded_size() -> None:
    bomb = gzip_bomb(300 * MB)
    assert len(bomb) < 400 * 1024
    with HostileServer(raw_body(bomb, {"Content-Encoding": "gzip"})) as server:
        figures = read_in_child(server)
    assert figures["result"] == "ResponseTooLargeError"
    assert figures["growth_mb"] < GROWTH_LIMIT_MB


def test_endless_chunked_body_stops_at_the_cap() -> None:
    with HostileServer(chunked_forever(limit_seconds=10)) as server:
        figures = read_in_child(server)
    assert figures["result"] == "ResponseTooLargeError"
    assert figures["growth_mb"] < GROWTH_LIMIT_MB


def test_the_cap_is_a_client_option() -> None:
    body = invocation("succeeded", output={"pad": "x" * 5000})
    with HostileServer(answer(200, body)) as server:
        with (
            Bctrl(api_key=KEY, base_url=server.url, max_response_bytes=1000) as c,
            pytest.raises(ResponseTooLargeError) as info,
        ):
            c.invocations.get(INV)
        assert info.value.limit == 1000
        with Bctrl(api_key=KEY, base_url=server.url, max_response_bytes=10_000) as c:
            assert c.invocations.get(INV).output == {"pad": "x" * 5000}


# --- shapes ----------------------------------------------------------------------------


def test_deeply_nested_success_body_is_a_response_error() -> None:
    """Before: RecursionError."""
    body = b'{"id": "' + INV.encode() + b'", "output": ' + deep_json(100_000) + b"}"
    with (
        HostileServer(answer(200, body)) as server,
        Bctrl(api_key=KEY, base_url=server.url) as c,
        pytest.raises(APIResponseValidationError, match="nested too deeply"),
    ):
        c.invocations.get(INV)


def test_deeply_nested_error_body_is_an_api_error() -> None:
    with (
        HostileServer(answer(404, deep_json(100_000))) as server,
        Bctrl(api_key=KEY, base_url=server.url) as c,
        pytest.raises(APIError) as info,
    ):
        c.invocations.get(INV)
    assert info.value.status_code == 404


def test_retry_after_ms_of_the_wrong_type_is_a_response_error() -> None:
    """Before: TypeError."""
    with (
        HostileServer(answer(200, wait_answer("running", retryAfterMs="abc"))) as server,
        Bctrl(api_key=KEY, base_url=server.url) as c,
        pytest.raises(APIResponseValidationError, match="retryAfterMs"),
    ):
        c.runtimes.invocations.wait(RT, INV, timeout=2)


def test_next_cursor_of_the_wrong_type_blames_the_server() -> None:
    """Before: RequestValidationError, as if the caller had passed the cursor."""
    page = {"data": [], "nextCursor": 5}
    with (
        HostileServer(answer(200, page)) as server,
        Bctrl(api_key=KEY, base_url=server.url) as c,
        pytest.raises(APIResponseValidationError, match="nextCursor"),
    ):
        list(c.runs.invocations.list(RUN))


def test_endless_empty_pages_stop_with_an_error_naming_the_cursor() -> None:
    """Before: 4,900 pages in 3 s, for ever."""
    count = {"n": 0}

    def behaviour(request: Any, conn: Any) -> None:
        count["n"] += 1
        conn.json(200, {"data": [], "nextCursor": f"cursor-{count['n']}"})

    with (
        HostileServer(behaviour) as server,
        Bctrl(api_key=KEY, base_url=server.url) as c,
        pytest.raises(APIResponseValidationError, match="cursor-10") as info,
    ):
        list(c.runs.invocations.list(RUN))
    assert "empty pages" in str(info.value)
    assert len(server.requests) == 10


def test_succeeded_with_output_validation_failed_raises_the_typed_error() -> None:
    """Before: a bare AssertionError (a TypeError under python -O)."""
    answer_body = wait_answer(
        "succeeded",
        "completed",
        output={"title": 5},
        error={"code": "invocation.output_validation_failed", "message": "title is not a string"},
    )
    schema = {"type": "object", "properties": {"title": {"type": "string"}}}
    with (
        HostileServer(answer(200, answer_body)) as server,
        Bctrl(api_key=KEY, base_url=server.url) as c,
        pytest.raises(OutputValidationError, match="title is not a string"),
    ):
        c.runtimes.invocations.wait(RT, INV, timeout=5, schema=schema)


def test_no_assert_guards_behaviour_under_python_O() -> None:
    """The same answer, in a child run with ``python -O`` (asserts stripped)."""
    answer_body = wait_answer(
        "succeeded", "completed", error={"code": "invocation.output_validation_failed", "message": "bad"}
    )
    code = (
        "import sys\n"
        "from bctrl import Bctrl, OutputValidationError\n"
        "c = Bctrl(api_key=sys.argv[2], base_url=sys.argv[1])\n"
        "try:\n"
        "    c.runtimes.invocations.wait(sys.argv[3], sys.argv[4], timeout=5, schema={'type': 'object'})\n"
        "except OutputValidationError:\n"
        "    print('OutputValidationError')\n"
    )
    with HostileServer(answer(200, answer_body)) as server:
        out = subprocess.run(
            [sys.executable, "-O", "-c", code, server.url, KEY, RT, INV], capture_output=True, text=True, timeout=60
        )
    assert out.stdout.strip() == "OutputValidationError", out.stderr[-2000:]
