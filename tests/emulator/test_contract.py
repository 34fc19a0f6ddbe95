"""Contract test: schemathesis drives every operation of the merged document against a
running emulator and checks for server errors and schema-conformant responses."""

from __future__ import annotations

import warnings
from typing import Any, Callable, Dict, Iterator, List, Set

import hypothesis
import hypothesis.strategies as st
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from bctrl.testing import Emulator

MAX_EXAMPLES = 20
# Operations whose documented statuses cover every answer the emulator gives them.


@pytest.fixture(scope="module")
def contract_emulator() -> Iterator[Emulator]:
    with Emulator(duration_ms=5) as emu:
        yield emu


def _operations(spec: Dict[str, Any]) -> List[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        schema = schemathesis.openapi.from_dict(spec)
        return [result.ok() for result in schema.get_all_operations()]


def test_every_operation_is_covered(helpers: Any) -> None:
    ids = {op.definition.raw["operationId"] for op in _operations(helpers.conformance_spec())}
    assert len(ids) == 8


def _exercise(
    emu: Emulator,
    operation: Any,
    real: Dict[str, Callable[[], str]],
    statuses: Dict[str, Set[int]],
) -> None:
    """Run a bounded number of generated requests for one operation and check each answer."""
    op_id = operation.definition.raw["operationId"]
    # Every operation documents its error answers (the merge completes what the pages omit).
    checks: List[Callable[..., Any]] = [not_a_server_error, response_schema_conformance, status_code_conformance]
    strategy = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @hypothesis.given(case=strategy, real_ids=st.integers(0, 3).map(bool))
    @hypothesis.settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    def run(case: Any, real_ids: bool) -> None:
        params = case.path_parameters
        if real_ids and isinstance(params, dict):
            for name in list(params):
                if name in real:
                    params[name] = real[name]()
        if isinstance(case.body, dict) and "timeoutMs" in case.body:
            case.body["timeoutMs"] = 50  # keep long polls short
        response = case.call_and_validate(base_url=emu.url, headers=emu.headers, checks=checks, timeout=10)
        statuses.setdefault(op_id, set()).add(response.status_code)

    run()


def test_contract(contract_emulator: Emulator, helpers: Any) -> None:
    emu = contract_emulator
    runtime = emu.create_runtime(space_id=helpers.SPACE_ID)

    def last_invocation() -> str:
        invocations = emu.invocations
        return str(invocations[-1]["id"]) if invocations else "none"

    real: Dict[str, Callable[[], str]] = {
        "runtimeId": lambda: runtime.id,
        "runId": lambda: runtime.run_id,
        "id": lambda: str(helpers.SPACE_ID),
        "invocationId": last_invocation,
    }
    statuses: Dict[str, Set[int]] = {}
    for operation in _operations(helpers.conformance_spec()):
        _exercise(emu, operation, real, statuses)
    assert len(statuses) == 8
    # both accepted and rejected requests were exercised
    assert 200 in statuses["v-2-runtimes-create"] and 400 in statuses["invocations-create"]
    assert 202 in statuses["invocations-create"] | statuses["runtimes-invocations-create"]
    assert 200 in statuses["invocations-wait"] and 200 in statuses["invocations-list"]
    assert emu.invocations, "some generated creates reached the lifecycle"
