"""Interop: bctrl's own Python SDK of the invocation era (``bctrl==0.1.1``) against the emulator.

A client nobody here wrote, installed from the package index into its own environment
(``vendor_env.py``), runs ``vendor_sdk_driver.py`` against a keyed emulator: creates of all
six actions, the stagehand/browser-use helpers, wait, cancel, ``create_and_wait`` with
pydantic ``output_model``s, listing and paging a run's invocations, idempotent replay and
its typed errors. Every request it sends is matched against the merged document:

* a case whose requests are all operations of the document must pass its own checks;
* a case that sends a request the document does not hold is outside the contract: it is
  listed in ``OUTSIDE_CONTRACT`` with the reason, and must fail with 404 ``route.not_found``
  (or 405) at exactly those requests. A listed case that starts passing, or an unlisted one
  that leaves the document, fails the test, so the list follows the contract.
"""

from __future__ import annotations

import json
import re
import subprocess
from typing import Any, Dict, Iterator, List, Tuple

import pytest
from vendor_env import vendor_python

from bctrl._contract import load_spec
from bctrl.testing import Emulator

SPACE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
API_KEY = "sk_test_vendor_sdk"
DRIVER = __file__.replace("test_vendor_sdk.py", "vendor_sdk_driver.py")

IN_CONTRACT = [
    "create_act",
    "create_observe",
    "create_extract",
    "create_stagehand_agent",
    "create_browser_use",
    "create_solve_captcha",
    "stagehand_act",
    "stagehand_observe",
    "stagehand_extract",
    "stagehand_agent",
    "browser_use_agent",
    "wait",
    "cancel",
    "create_and_wait",
    "output_model_nested",
    "output_model_enum_literal",
    "output_model_datetime",
    "output_model_uuid",
    "output_model_bounds",
    "output_model_pattern",
    "output_model_recursive",
    "output_model_timedelta",
    "browser_use_output_model",
    "runs_invocations_list_and_iter",
    "runs_invocations_get",
    "runtimes_get",
    "runtimes_list",
    "runtimes_stop",
    "runtimes_delete",
    "idempotent_replay",
    "misspelt_field_is_named",
    "unknown_runtime_is_not_found",
    "wrong_api_key_is_refused",
]

_V1_RUNTIMES = "this SDK creates runtimes at POST /v1/runtimes; the contract creates them at POST /v2/runtimes"
OUTSIDE_CONTRACT: Dict[str, str] = {
    "runtimes_create": _V1_RUNTIMES,
    "spaces_runtimes_create": _V1_RUNTIMES + " (it posts the space id in the body)",
    "started_browser": _V1_RUNTIMES + ", then POST /v1/runtimes/{id}/start",
    "runtimes_start": "POST /v1/runtimes/{id}/start: a contract runtime is active from its create on",
    "runs_get": "GET /v1/runs/{id}: runs are read through their invocations only",
    "runs_wait": "POST /v1/runs/{id}/wait: the contract waits per invocation",
    "runtime_runs_list": "GET /v1/runtimes/{id}/runs: not in the merged document",
    "auth_whoami": "GET /v1/auth/whoami: not in the merged document",
}


def _templates() -> List[Tuple[str, re.Pattern[str]]]:
    out = []
    for path, item in load_spec()["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$")
        out += [(method.upper(), pattern) for method in item if method in ("get", "post", "put", "patch", "delete")]
    return out


def in_document(method: str, path: str) -> bool:
    return any(m == method and p.match(path) for m, p in _templates())


@pytest.fixture(scope="module")
def results() -> Iterator[Dict[str, Dict[str, Any]]]:
    python = vendor_python()
    with Emulator(api_key=API_KEY, duration_ms=30) as emu:
        runtime = emu.create_runtime(space_id=SPACE_ID)
        proc = subprocess.run(
            # -I: isolated, so no PYTHONPATH can put this repository's bctrl in place of the vendor's
            [str(python), "-I", DRIVER, emu.url, API_KEY, runtime.id, runtime.run_id, SPACE_ID],
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert proc.returncode == 0, proc.stderr[-5000:]
    report = json.loads(proc.stdout)
    yield {item["case"]: item for item in report}


def test_the_driver_ran_exactly_the_listed_cases(results: Dict[str, Dict[str, Any]]) -> None:
    assert set(IN_CONTRACT).isdisjoint(OUTSIDE_CONTRACT)
    assert set(results) == set(IN_CONTRACT) | set(OUTSIDE_CONTRACT)


def _describe(result: Dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in result.items() if k != "requests"}, default=str)[:3000]


def _params() -> List[Any]:
    params = []
    for case in IN_CONTRACT:
        params.append(pytest.param(case, id=case))
    return params


@pytest.mark.parametrize("case", _params())
def test_within_the_contract_it_works(results: Dict[str, Dict[str, Any]], case: str) -> None:
    result = results[case]
    assert result["requests"], "the case sent nothing"
    for method, path in result["requests"]:
        assert in_document(method, path), f"{case} sent {method} {path}, which the document does not hold"
    assert result["ok"], _describe(result)


@pytest.mark.parametrize("case", sorted(OUTSIDE_CONTRACT))
def test_outside_the_contract_it_fails_as_an_unknown_route(results: Dict[str, Dict[str, Any]], case: str) -> None:
    result = results[case]
    outside = [(m, p) for m, p in result["requests"] if not in_document(m, p)]
    assert outside, f"{case} stays inside the document now ({result['requests']}); move it to IN_CONTRACT"
    assert result["ok"] is False, _describe(result)
    assert (result.get("status"), result.get("code")) in {
        (404, "route.not_found"),
        (405, "request.method_not_allowed"),
    }, _describe(result)
    assert tuple(result["requests"][-1]) == outside[0], "the failing request is the one outside the document"
