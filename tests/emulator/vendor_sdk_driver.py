"""Drive the emulator with bctrl's own Python SDK of the invocation era (``bctrl==0.1.1``).

Run by ``test_vendor_sdk.py`` with the interpreter of a separate virtual environment (that
SDK is imported as ``bctrl`` too)::

    .venv-vendor/bin/python vendor_sdk_driver.py <base-url> <api-key> <runtime-id> <run-id> <space-id>

Each case runs on its own and reports, as one JSON document on stdout, whether it passed its
own checks, the error it raised (type, HTTP status, error code) and every request the SDK
sent (method and path), so the test can hold each case against the merged document.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
import traceback
import uuid
from typing import Any, Callable, Dict, List, Literal, Optional, Tuple
from urllib.parse import urlsplit

from pydantic import BaseModel, Field

import bctrl
from bctrl import http as vendor_http

Check = Callable[[], Any]
SENT: List[Tuple[str, str]] = []


def _record(send: Any) -> Any:
    def wrapper(self: Any, method: str, path: str, **kwargs: Any) -> Any:
        SENT.append((method.upper(), urlsplit(vendor_http._url(self.base_url, path, None)).path))
        return send(self, method, path, **kwargs)

    return wrapper


vendor_http.V1HttpClient._send = _record(vendor_http.V1HttpClient._send)  # type: ignore[method-assign]


# --- output models ------------------------------------------------------------------


class Color(str, enum.Enum):
    RED = "red"
    GREEN = "green"


class Address(BaseModel):
    street: str
    city: str


class Person(BaseModel):
    name: str
    age: int
    address: Address
    tags: List[str]
    nickname: Optional[str] = None


class Choice(BaseModel):
    color: Color
    level: Literal["low", "high"]
    flag: Literal[True]


class Stamped(BaseModel):
    at: dt.datetime
    day: dt.date


class Identified(BaseModel):
    id: uuid.UUID
    parent: Optional[uuid.UUID] = None


class Bounded(BaseModel):
    short: str = Field(min_length=2, max_length=5)
    score: int = Field(ge=0, le=100)
    ratio: float = Field(gt=0, lt=1)
    items: List[int] = Field(min_length=1, max_length=3)


class Patterned(BaseModel):
    code: str = Field(pattern=r"^[A-Z]{3}-[0-9]{4}$")
    slug: str = Field(pattern=r"^[a-z]+(-[a-z]+)*$", max_length=30)


class Node(BaseModel):
    value: int
    children: List[Node] = []


class Timed(BaseModel):
    took: dt.timedelta


OUTPUT_MODELS: Dict[str, type] = {
    "output_model_nested": Person,
    "output_model_enum_literal": Choice,
    "output_model_datetime": Stamped,
    "output_model_uuid": Identified,
    "output_model_bounds": Bounded,
    "output_model_pattern": Patterned,
    "output_model_recursive": Node,
    "output_model_timedelta": Timed,
}


# --- cases --------------------------------------------------------------------------


def main(argv: List[str]) -> int:
    base_url, api_key, runtime_id, run_id, space_id = argv
    client = bctrl.Bctrl(api_key=api_key, base_url=base_url, timeout=20, max_retries=0)
    inv = client.runtimes.invocations
    created: Dict[str, str] = {}

    def create(action: str, **fields: Any) -> Check:
        def run() -> Any:
            answer = inv.create(runtime_id, action=action, **fields)
            assert answer["action"] == action and answer["status"] == "queued", answer
            assert answer["runtimeId"] == runtime_id and answer["runId"] == run_id, answer
            created[action] = answer["id"]
            return answer["id"]

        return run

    def helper(call: Callable[[], Dict[str, Any]], action: str) -> Check:
        def run() -> Any:
            answer = call()
            assert answer["action"] == action, answer
            return answer["id"]

        return run

    def wait() -> Any:
        answer = inv.wait(runtime_id, created["act"], timeoutMs=10_000)
        assert answer["waitStatus"] == "completed" and answer["status"] == "succeeded", answer
        assert answer["output"] is not None
        return answer["status"]

    def cancel() -> Any:
        fresh = inv.create(runtime_id, action="act", instruction="Click the export button.")
        answer = inv.cancel(runtime_id, fresh["id"])
        assert answer["status"] in ("cancelling", "cancelled"), answer
        again = inv.cancel(runtime_id, fresh["id"])  # idempotent
        final = inv.wait(runtime_id, fresh["id"], timeoutMs=10_000)
        assert final["status"] == "cancelled" and final["waitStatus"] == "completed", final
        assert again["id"] == fresh["id"]
        return final["status"]

    def create_and_wait_plain() -> Any:
        answer = inv.create_and_wait(runtime_id, action="observe", instruction="Find the export button.", timeout=20)
        assert answer["status"] == "succeeded" and answer["waitStatus"] == "completed", answer
        return answer["status"]

    def output_case(model: type) -> Check:
        def run() -> Any:
            answer = inv.create_and_wait(
                runtime_id, action="extract", instruction="Extract it.", output_model=model, timeout=20
            )
            assert answer["status"] == "succeeded", answer.get("error")
            parsed = answer["parsed_output"]
            assert isinstance(parsed, model), type(parsed)
            return parsed.model_dump(mode="json")

        return run

    def agent_with_output() -> Any:
        answer = inv.create_and_wait(
            runtime_id,
            action="browserUse",
            instruction="Find the cheapest flight.",
            maxSteps=5,
            output_model=Person,
            timeout=20,
        )
        assert answer["status"] == "succeeded" and isinstance(answer["parsed_output"], Person), answer
        return answer["parsed_output"].name

    def list_and_page() -> Any:
        first = client.runs.invocations.list(run_id, limit=2)
        assert len(first["data"]) == 2 and first["nextCursor"], first
        everything = list(client.runs.invocations.iter(run_id, limit=3))
        ids = [item["id"] for item in everything]
        assert len(ids) == len(set(ids)) >= 8, ids
        assert set(created.values()) <= set(ids)
        acts = list(client.runs.invocations.iter(run_id, action="act"))
        assert acts and all(item["action"] == "act" for item in acts)
        done = list(client.runs.invocations.iter(run_id, status=["succeeded", "cancelled"], action=["act", "extract"]))
        assert done and all(i["status"] in ("succeeded", "cancelled") for i in done)
        return len(ids)

    def get_from_run() -> Any:
        answer = client.runs.invocations.get(run_id, created["extract"])
        assert answer["id"] == created["extract"] and answer["action"] == "extract", answer
        return answer["status"]

    def idempotent_replay() -> Any:
        key = f"vendor-{uuid.uuid4()}"
        first = inv.create(runtime_id, action="act", instruction="Click save.", idempotency_key=key)
        second = inv.create(runtime_id, action="act", instruction="Click save.", idempotency_key=key)
        assert first["id"] == second["id"], (first, second)
        try:
            inv.create(runtime_id, action="act", instruction="Click cancel.", idempotency_key=key)
        except bctrl.BctrlConflictError as exc:
            assert exc.status_code == 409
            return first["id"]
        raise AssertionError("a reused key with a different request was not refused")

    def typo_is_named() -> Any:
        try:
            inv.create(runtime_id, action="stagehandAgent", instruction="Go.", maxStep=3)
        except bctrl.BctrlValidationError as exc:
            assert exc.status_code == 400 and "maxStep" in str(exc) and "maxSteps" in str(exc), str(exc)
            return str(exc)
        raise AssertionError("a misspelt field was accepted")

    def unknown_runtime() -> Any:
        try:
            inv.create(str(uuid.uuid4()), action="act", instruction="Click.")
        except bctrl.BctrlNotFoundError as exc:
            assert exc.code == "runtime.not_found", exc.code
            return exc.code
        raise AssertionError("an unknown runtime was accepted")

    def wrong_key() -> Any:
        other = bctrl.Bctrl(api_key="not-the-key", base_url=base_url, timeout=20, max_retries=0)
        try:
            other.runs.invocations.list(run_id)
        except bctrl.BctrlAuthenticationError as exc:
            assert exc.status_code == 401
            return exc.code
        raise AssertionError("a wrong API key was accepted")

    def runtime_get() -> Any:
        got = client.runtimes.get(runtime_id)
        assert got["id"] == runtime_id and got["status"] == "active" and got["activeRunId"] == run_id, got
        return got["status"]

    def runtime_list() -> Any:
        ids = [rt["id"] for rt in client.runtimes.iter(limit=1)]  # one per page: follows nextCursor
        assert runtime_id in ids, ids
        active = client.runtimes.list(status="active")["data"]
        assert all(rt["status"] == "active" for rt in active) and runtime_id in [rt["id"] for rt in active]
        assert client.runtimes.list(status="stopped")["data"] == []
        return len(ids)

    def runtime_stop() -> Any:
        stopped = client.runtimes.stop(runtime_id)
        assert stopped["status"] == "stopped" and stopped["activeRunId"] is None, stopped
        assert client.runtimes.stop(runtime_id) == stopped  # idempotent
        assert client.runtimes.get(runtime_id)["status"] == "stopped"
        try:
            inv.create(runtime_id, action="act", instruction="Click.")
        except bctrl.BctrlConflictError as exc:
            assert exc.code == "runtime.not_executable", exc.code
        else:
            raise AssertionError("an invocation on a stopped runtime was accepted")
        assert client.runs.invocations.list(run_id)["data"], "the run's history is gone"
        return stopped["status"]

    def runtime_delete() -> Any:
        client.runtimes.delete(runtime_id)
        try:
            client.runtimes.get(runtime_id)
        except bctrl.BctrlNotFoundError as exc:
            assert exc.code == "runtime.not_found", exc.code
        else:
            raise AssertionError("a deleted runtime is still readable")
        assert client.runs.invocations.list(run_id)["data"], "the run's history went with the runtime"
        return "deleted"

    cases: List[Tuple[str, Check]] = [
        ("create_act", create("act", instruction="Click the export button.")),
        ("create_observe", create("observe", instruction="Find the export button.")),
        ("create_extract", create("extract", instruction="Extract the invoice total.")),
        ("create_stagehand_agent", create("stagehandAgent", instruction="Download invoices.", maxSteps=3)),
        ("create_browser_use", create("browserUse", instruction="Find a flight.", maxSteps=5)),
        ("create_solve_captcha", create("solveCaptcha")),
        ("stagehand_act", helper(lambda: inv.stagehand.act(runtime_id, "Click export."), "act")),
        ("stagehand_observe", helper(lambda: inv.stagehand.observe(runtime_id, "Find export."), "observe")),
        ("stagehand_extract", helper(lambda: inv.stagehand.extract(runtime_id, "Extract total."), "extract")),
        ("stagehand_agent", helper(lambda: inv.stagehand.agent(runtime_id, "Go.", maxSteps=2), "stagehandAgent")),
        ("browser_use_agent", helper(lambda: inv.browser_use.agent(runtime_id, "Book it."), "browserUse")),
        ("wait", wait),
        ("cancel", cancel),
        ("create_and_wait", create_and_wait_plain),
        *[(name, output_case(model)) for name, model in OUTPUT_MODELS.items()],
        ("browser_use_output_model", agent_with_output),
        ("runs_invocations_list_and_iter", list_and_page),
        ("runs_invocations_get", get_from_run),
        ("idempotent_replay", idempotent_replay),
        ("misspelt_field_is_named", typo_is_named),
        ("unknown_runtime_is_not_found", unknown_runtime),
        ("wrong_api_key_is_refused", wrong_key),
        # paths of the SDK that the merged document may or may not hold
        ("runtimes_create", lambda: client.runtimes.create(type="browser", spaceId=space_id)),
        ("spaces_runtimes_create", lambda: client.spaces.runtimes.create(space_id, type="browser")),
        ("runtimes_get", runtime_get),
        ("runtimes_list", runtime_list),
        ("runtimes_start", lambda: client.runtimes.start(runtime_id)),
        ("started_browser", lambda: client.runtimes.started_browser(spaceId=space_id).__enter__().run_id),
        ("runs_get", lambda: client.runs.get(run_id)),
        ("runs_wait", lambda: client.runs.wait(run_id, timeoutMs=100)),
        ("runtime_runs_list", lambda: client.runtimes.runs.list(runtime_id)),
        ("auth_whoami", lambda: client.auth.whoami()),
        # last: they end the runtime the cases above use
        ("runtimes_stop", runtime_stop),
        ("runtimes_delete", runtime_delete),
    ]
    results = []
    for name, check in cases:
        SENT.clear()
        result: Dict[str, Any] = {"case": name}
        try:
            result["value"] = check()
            result["ok"] = True
        except bctrl.BctrlApiError as exc:
            result.update(ok=False, error=type(exc).__name__, status=exc.status_code, code=exc.code, message=str(exc))
        except Exception as exc:
            result.update(ok=False, error=type(exc).__name__, message=str(exc)[:500], trace=traceback.format_exc())
        result["requests"] = list(SENT)
        results.append(result)
    json.dump(results, sys.stdout, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
