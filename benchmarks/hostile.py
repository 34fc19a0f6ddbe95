"""``python -m benchmarks.hostile``: the client against servers that misbehave, case by case.

Prints one line per case: what the client did (requests sent, seconds, peak memory growth
for the big bodies, measured in a child process) and how it ended (the exception type, or
what it returned). Nothing is asserted here; ``tests/test_hostile_*.py`` hold the limits.
Each case is bounded: the stand-in servers give up after ``MAX_SECONDS`` and a case still
running after ``LIMIT`` seconds is reported as such.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import warnings
from typing import Any, Callable, Dict, List, Tuple

from ._hostile import (
    INV,
    KEY,
    RT,
    RUN,
    Conn,
    HostileServer,
    Request,
    answer,
    chunked_forever,
    deep_json,
    dribble_body,
    dribble_headers,
    gzip_bomb,
    hold_forever,
    invocation,
    padded,
    raw_body,
    runtime,
    wait_answer,
)

LIMIT = 25.0
MB = 1024 * 1024


def _client(server: HostileServer, **options: Any) -> Any:
    from bctrl import Bctrl

    return Bctrl(api_key=KEY, base_url=server.url, **options)


def _bounded(call: Callable[[], Any]) -> Tuple[str, float]:
    """Run ``call`` in a thread for at most ``LIMIT`` s: (how it ended, seconds)."""
    outcome: List[str] = []

    def run() -> None:
        try:
            value = call()
            outcome.append(f"returned {value}"[:60])
        except BaseException as exc:
            cause = exc.__cause__
            outcome.append(type(exc).__name__ + (f" (from {type(cause).__name__})" if cause is not None else ""))

    started = time.monotonic()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(LIMIT)
    elapsed = time.monotonic() - started
    return (outcome[0] if outcome else f"still running after {LIMIT:.0f} s"), elapsed


def _case(behaviour: Any, call: Callable[[Any], Any], **options: Any) -> Dict[str, Any]:
    with HostileServer(behaviour) as server:
        client = _client(server, **options)
        result, seconds = _bounded(lambda: call(client))
        requests = len(server.requests)
    return {"requests": requests, "seconds": seconds, "result": result}


def spin(body: Dict[str, Any]) -> Callable[[], Dict[str, Any]]:
    return lambda: _case(answer(200, body), lambda c: c.runtimes.invocations.wait(RT, INV, timeout=2))


def spin_without_budget() -> Dict[str, Any]:
    started = time.monotonic()

    def behaviour(request: Request, conn: Conn) -> None:
        done = time.monotonic() - started > 3.0
        conn.json(200, wait_answer("succeeded", "completed") if done else wait_answer("running"))

    return _case(behaviour, lambda c: c.runtimes.invocations.wait(RT, INV, timeout=None).status)


def rate_limited() -> Dict[str, Any]:
    body = {"code": "rate_limited", "reasonClass": "rate_limited", "error": "slow down"}
    return _case(answer(429, body, {"Retry-After": "4"}), lambda c: c.runtimes.invocations.wait(RT, INV, timeout=1))


MEMORY_CHILD = r"""
import json, sys, time
from bctrl import Bctrl

def peak_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024

client = Bctrl(api_key=sys.argv[2], base_url=sys.argv[1], max_retries=0, timeout=60)
import bctrl_api.api.subpackage_invocations.invocations_retrieve  # noqa
baseline = peak_mb()
started = time.monotonic()
try:
    client.invocations.get(sys.argv[3])
    result = "returned"
except Exception as exc:
    result = type(exc).__name__
print(json.dumps({"result": result, "mb": peak_mb() - baseline, "seconds": time.monotonic() - started}))
"""


def memory(behaviour: Any) -> Callable[[], Dict[str, Any]]:
    def case() -> Dict[str, Any]:
        with HostileServer(behaviour) as server:
            try:
                out = subprocess.run(
                    [sys.executable, "-c", MEMORY_CHILD, server.url, KEY, INV],
                    capture_output=True,
                    text=True,
                    timeout=LIMIT + 30,
                )
                figures: Dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
            except (subprocess.TimeoutExpired, IndexError, ValueError):
                figures = {"result": "child did not finish", "mb": float("nan"), "seconds": float("nan")}
            figures["requests"] = len(server.requests)
        return figures

    return case


def key_with_newline() -> Dict[str, Any]:
    from bctrl import Bctrl

    key = "sk-live-0123456789abcdef"
    with HostileServer(answer(200, invocation("succeeded"))) as server:

        def call() -> Any:
            try:
                Bctrl(api_key=key + "\n", base_url=server.url, max_retries=2).invocations.get(INV)
            except Exception as exc:
                leaked = key in str(exc) or key in repr(exc)
                return ("the key IS in its text: " if leaked else "the key is not in its text: ") + type(exc).__name__
            return "no error"

        result, seconds = _bounded(call)
        return {"requests": len(server.requests), "seconds": seconds, "result": result}


def dot_dot_id() -> Dict[str, Any]:
    with HostileServer(answer(200, invocation("succeeded"))) as server:
        result, seconds = _bounded(lambda: _client(server).runs.invocations.get("..", INV).id)
        paths = [r.path for r in server.requests]
    return {"requests": len(paths), "seconds": seconds, "result": result + (f"; sent {paths[0]}" if paths else "")}


def uuid_rewrite() -> Dict[str, Any]:
    given = "12345678-1234-1234-1234-123456789ab\n"
    with HostileServer(answer(200, runtime())) as server:
        result, seconds = _bounded(lambda: _client(server).runtimes.create(space_id=given, type="browser").id)
        sent = [r.json().get("spaceId") for r in server.requests]
    return {"requests": len(sent), "seconds": seconds, "result": result + (f"; sent {sent[0]!r}" if sent else "")}


def endless_pages() -> Dict[str, Any]:
    count = {"n": 0}

    def behaviour(request: Request, conn: Conn) -> None:
        count["n"] += 1
        conn.json(200, {"data": [], "nextCursor": f"c{count['n']}"})

    def call(c: Any) -> Any:
        return sum(1 for _ in c.runs.invocations.list(RUN))

    with HostileServer(behaviour) as server:
        client = _client(server)
        stop = threading.Timer(3.0, server.stop)
        stop.start()
        result, seconds = _bounded(lambda: call(client))
        stop.cancel()
    return {"requests": count["n"], "seconds": seconds, "result": result}


def plain_http() -> Dict[str, Any]:
    from bctrl import Bctrl

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Bctrl(api_key=KEY, base_url="http://api.bctrl.ai").close()
    warned = [w for w in caught if "unencrypted" in str(w.message)]
    return {"requests": 0, "seconds": 0.0, "result": "warned" if warned else "accepted silently"}


def construction(**options: Any) -> Callable[[], Dict[str, Any]]:
    def case() -> Dict[str, Any]:
        with HostileServer(answer(200, invocation("succeeded"))) as server:
            merged = {"api_key": KEY, "base_url": server.url, **options}

            def call() -> Any:
                from bctrl import Bctrl

                return Bctrl(**merged).invocations.get(INV).id

            result, seconds = _bounded(call)
            return {"requests": len(server.requests), "seconds": seconds, "result": result}

    return case


def closed_client() -> Dict[str, Any]:
    def call(c: Any) -> Any:
        c.close()
        return c.invocations.get(INV)

    return _case(answer(200, invocation("succeeded")), call)


def _get(c: Any) -> Any:
    return c.invocations.get(INV).id


def _wait(c: Any) -> Any:
    return c.runtimes.invocations.wait(RT, INV, timeout=1).status


def _wait_with_schema(c: Any) -> Any:
    return c.runtimes.invocations.wait(RT, INV, timeout=5, schema={"type": "object"}).status


def _list(c: Any) -> Any:
    return len(list(c.runs.invocations.list(RUN)))


def _huge_id(c: Any) -> Any:
    return c.invocations.get("a" * 70_000).id


DEEP_2XX = b'{"output": ' + deep_json(100_000) + b"}"

OUTPUT_FAILED = wait_answer(
    "succeeded", "completed", error={"code": "invocation.output_validation_failed", "message": "bad"}
)

CASES: List[Tuple[str, Callable[[], Dict[str, Any]]]] = [
    ("wait(timeout=2), early answers without retryAfterMs", spin(wait_answer("running"))),
    ("wait(timeout=2), retryAfterMs: 0", spin(wait_answer("running", retryAfterMs=0))),
    ("wait(timeout=2), waitStatus completed + running", spin(wait_answer("running", "completed"))),
    ("wait(timeout=2), unknown status paused", spin(wait_answer("paused", "completed"))),
    ("wait(timeout=None), early answers for 3 s", spin_without_budget),
    (
        "wait(timeout=1), server holds the poll",
        lambda: _case(hold_forever, _wait),
    ),
    ("wait(timeout=1), 429 Retry-After: 4", rate_limited),
    (
        "get(), timeout=2, body dribbled 1 byte/s (max_retries=0)",
        lambda: _case(
            dribble_body(invocation("succeeded"), 1.0), lambda c: c.invocations.get(INV), timeout=2, max_retries=0
        ),
    ),
    (
        "get(), timeout=2, headers dribbled 1 byte/s (max_retries=0)",
        lambda: _case(dribble_headers(1.0), _get, timeout=2, max_retries=0),
    ),
    ("get(), 200 MB body", memory(raw_body(padded(200 * MB), {}))),
    ("get(), 300 KB gzip inflating to 300 MB", memory(raw_body(gzip_bomb(300 * MB), {"Content-Encoding": "gzip"}))),
    ("get(), endless chunked body (10 s)", memory(chunked_forever(limit_seconds=10))),
    (
        "get(), 2xx body nested 100,000 deep",
        lambda: _case(answer(200, DEEP_2XX), _get),
    ),
    (
        "get(), 404 body nested 100,000 deep",
        lambda: _case(answer(404, deep_json(100_000)), _get),
    ),
    ('wait(), retryAfterMs: "abc"', spin(wait_answer("running", retryAfterMs="abc"))),
    (
        "get() with a 70,000-character id",
        lambda: _case(answer(200, invocation()), _huge_id),
    ),
    ('base_url="http://[::1"', construction(base_url="http://[::1")),
    ("non-ASCII API key", construction(api_key="sk-clé")),
    ("non-ASCII default header", construction(default_headers={"X-Team": "équipe"})),
    ("call on a closed client", closed_client),
    (
        "wait(schema=...), succeeded + output_validation_failed",
        lambda: _case(
            answer(200, OUTPUT_FAILED),
            lambda c: c.runtimes.invocations.wait(RT, INV, timeout=5, schema={"type": "object"}),
        ),
    ),
    (
        "list(), nextCursor: 5",
        lambda: _case(answer(200, {"data": [], "nextCursor": 5}), _list),
    ),
    ("API key with a trailing newline", key_with_newline),
    ('runs.invocations.get("..", inv_id)', dot_dot_id),
    ('runtimes.create(space_id="...9ab\\n")', uuid_rewrite),
    ("list(), empty pages with fresh cursors (3 s)", endless_pages),
    ('base_url="http://api.bctrl.ai"', plain_http),
]


def main() -> int:
    only = sys.argv[1:]
    for name, case in CASES:
        if only and not any(o in name for o in only):
            continue
        figures = case()
        mb = f", {figures['mb']:.0f} MB" if "mb" in figures else ""
        print(
            f"{name}: {figures['requests']} requests, {figures['seconds']:.1f} s{mb} -> {figures['result']}", flush=True
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
