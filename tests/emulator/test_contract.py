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
from typing import Iterator

import pytest

from bctrl._contract import load_spec
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
