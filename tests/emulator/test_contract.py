"""Contract test: Schemathesis, with every one of its checks, against a running emulator.

The merged document is the only input: Schemathesis generates schema-valid requests (which
must be accepted), schema-invalid ones (which must be refused), follows the document's links
between operations (create a runtime, create an invocation on it, wait, cancel, read it,
page through the run), and checks every answer against the documented statuses, headers,
content types and schemas, plus authentication (a wrong key must be refused, so the
emulator runs with an API key). The run is bounded by ``MAX_EXAMPLES`` per operation and a
fixed seed (``BCTRL_SCHEMATHESIS_SEED`` overrides it); ``schemathesis.toml`` beside this file
holds the single documented exception.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Tuple

import httpx
import pytest

from bctrl._contract import RequestChecker, body_required, load_spec, parameter_errors, request_body_schema
from bctrl.testing import Emulator

HERE = Path(__file__).resolve().parent
SPEC = HERE.parent.parent / "spec" / "openapi.yaml"
CONFIG = HERE / "schemathesis.toml"
MAX_EXAMPLES = 30
SEED = int(os.environ.get("BCTRL_SCHEMATHESIS_SEED", "20261125"))
RUN_TIMEOUT_S = 600
API_KEY = "sk_test_contract_key"
PHASES = ("Examples", "Coverage", "Fuzzing", "Stateful")


@pytest.fixture(scope="module")
def keyed_emulator() -> Iterator[Emulator]:
    with Emulator(api_key=API_KEY, duration_ms=5) as emu:
        yield emu


def _operation_count() -> int:
    return sum(
        1
        for item in load_spec()["paths"].values()
        for method in item
        if method in ("get", "put", "post", "delete", "patch")
    )


def test_schemathesis_all_checks_find_nothing(keyed_emulator: Emulator, tmp_path: Path) -> None:
    schemathesis = Path(sys.executable).with_name("schemathesis")
    command = [
        str(schemathesis),
        "--config-file",
        str(CONFIG),
        "run",
        str(SPEC),
        "--url",
        keyed_emulator.url,
        "--header",
        f"Authorization: Bearer {API_KEY}",
        "--checks",
        "all",
        "--mode",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "2",
        "--request-timeout",
        "40",
        "--no-color",
        "--output-truncate",
        "false",
    ]
    proc = subprocess.run(
        command,
        cwd=tmp_path,  # its reports and example database stay out of the tree
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        env={**os.environ, "SCHEMATHESIS_HOOKS": ""},
    )
    output = proc.stdout + proc.stderr
    print(output[output.find("SUMMARY") - 40 :])  # shown with -s or -rA
    assert proc.returncode == 0, output[-20000:]
    tested = re.search(r"Tested:\s+(\d+)", output)
    assert tested is not None and int(tested.group(1)) == _operation_count(), output[-3000:]
    for phase in PHASES:
        assert re.search(rf"✅ {phase}\b", output), f"phase {phase} did not pass:\n{output[-3000:]}"
    links = re.search(r"API Links:\s+(\d+) covered", output)
    assert links is not None and int(links.group(1)) > 0, "no stateful link was followed"


# What Schemathesis found before the document and the emulator agreed, one by one. Each
# request breaks the merged document (so a generator counts it as invalid data) and the
# emulator refuses it (before, the first five were refused although the document allowed
# them, and the sixth was accepted).
CREATE = ("/v1/runtimes/{runtimeId}/invocations", "post")
LIST = ("/v1/runs/{runId}/invocations", "get")
WAIT = ("/v1/runtimes/{runtimeId}/invocations/{invocationId}/wait", "post")


def _wait_body_errors(body: Any) -> bool:
    schema = request_body_schema(*WAIT)
    assert schema is not None
    return bool(RequestChecker(schema, strict=True).errors(body))


SPACE = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
FINDINGS: List[Tuple[str, str, str, Dict[str, Any], Dict[str, str], Callable[[], bool]]] = [
    (
        "empty Idempotency-Key",
        "post",
        "/v1/runtimes/{rt}/invocations",
        {"json": {"action": "act"}},
        {"Idempotency-Key": ""},
        lambda: bool(parameter_errors(*CREATE, "Idempotency-Key", "header", "")),
    ),
    (
        "limit below the range",
        "get",
        "/v1/runs/{run}/invocations",
        {"params": {"limit": -219023}},
        {},
        lambda: bool(parameter_errors(*LIST, "limit", "query", -219023)),
    ),
    (
        "limit above the range",
        "get",
        "/v1/runs/{run}/invocations",
        {"params": {"limit": 500}},
        {},
        lambda: bool(parameter_errors(*LIST, "limit", "query", 500)),
    ),
    (
        "unknown field in the wait body",
        "post",
        "/v1/runtimes/{rt}/invocations/{inv}/wait",
        {"json": {"x": 1}},
        {},
        lambda: _wait_body_errors({"x": 1}),
    ),
    ("runtime create without a body", "post", "/v2/runtimes", {}, {}, lambda: body_required("/v2/runtimes", "post")),
    (
        "null wait body",
        "post",
        "/v1/runtimes/{rt}/invocations/{inv}/wait",
        {"content": b"null"},
        {},
        lambda: _wait_body_errors(None),
    ),
]


@pytest.mark.parametrize(
    ("name", "method", "path", "send", "headers", "breaks_spec"), FINDINGS, ids=[f[0] for f in FINDINGS]
)
def test_former_findings_break_the_document_and_are_refused(
    keyed_emulator: Emulator,
    name: str,
    method: str,
    path: str,
    send: Dict[str, Any],
    headers: Dict[str, str],
    breaks_spec: Callable[[], bool],
) -> None:
    assert breaks_spec(), f"{name}: the document allows it"
    auth = {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"}
    with httpx.Client(base_url=keyed_emulator.url, headers=auth, timeout=10) as http:
        rt = http.post("/v2/runtimes", json={"spaceId": SPACE, "type": "browser"}).json()
        inv = http.post(f"/v1/runtimes/{rt['id']}/invocations", json={"action": "act"}).json()
        url = path.format(rt=rt["id"], run=rt["activeRunId"], inv=inv["id"])
        response = http.request(method.upper(), url, headers=headers, **send)
    assert response.status_code == 400, (name, response.text)
    assert response.json()["reasonClass"] == "invalid_input"
