"""The ``bctrl`` command line against the emulator over real sockets.

``bctrl(...)`` runs the installed console script in a subprocess, as users run it (every
command and exit code goes through it at least once); ``cli(...)`` runs the same entry
point in this process, for the many variations. Output is captured, so this is the piped
mode (plain lines, no terminal codes); ``test_cli_tty.py`` drives a pseudo-terminal.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, NamedTuple, Optional

import httpx
import pytest
from _cli import BCTRL, clean_env, read_line

from bctrl.testing import Emulator

SPACE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
KEY = f"bctrl_canary_{uuid.uuid4().hex}"  # must never be printed
ANSI = re.compile(r"\x1b\[")
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
TOTAL = {"type": "object", "properties": {"total": {"type": "number"}}, "required": ["total"]}

USAGE, API_ERROR, UNSUCCESSFUL, WAIT_TIMEOUT, INTERRUPTED = 2, 3, 4, 5, 130


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(api_key=KEY, duration_ms=50) as emulator:
        yield emulator


@pytest.fixture(autouse=True)
def _fresh(emu: Emulator) -> None:
    emu.reset()


def bctrl(
    emu: Emulator, *args: str, env: Optional[Dict[str, str]] = None, input: Optional[str] = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    full_env = clean_env(BCTRL_API_KEY=KEY, BCTRL_BASE_URL=emu.url, COLUMNS="200", **(env or {}))
    done = subprocess.run(
        [BCTRL, *args], capture_output=True, text=True, env=full_env, input=input, timeout=timeout, check=False
    )
    for stream in (done.stdout, done.stderr):
        assert KEY not in stream
        assert not ANSI.search(stream), "terminal codes in piped output"
    return done


class Done(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


Cli = Callable[..., Done]


@pytest.fixture
def cli(emu: Emulator, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """The ``bctrl`` entry point in this process (same code as the script, without start-up)."""
    from bctrl.cli import run

    def call(*args: str, env: Optional[Dict[str, str]] = None, input: str = "") -> Done:
        for name in [k for k in os.environ if k.startswith("BCTRL_")]:
            monkeypatch.delenv(name)
        for name, value in {"BCTRL_API_KEY": KEY, "BCTRL_BASE_URL": emu.url, **(env or {})}.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(sys, "stdin", io.StringIO(input))
        capsys.readouterr()
        code = run(list(args))
        out, err = capsys.readouterr()
        for stream in (out, err):
            assert KEY not in stream
            assert not ANSI.search(stream)
        return Done(code, out, err)

    return call


def one_error_line(done: Any) -> str:
    lines = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1, done.stderr
    return lines[0]


def runtime(emu: Emulator) -> Dict[str, Any]:
    rt = emu.create_runtime(space_id=SPACE_ID)
    return {"id": rt.id, "activeRunId": rt.run_id}


# --- runtimes create ------------------------------------------------------------------


def test_runtimes_create_view_json_and_config_flags(emu: Emulator, cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"browser": {"profile": True}, "proxy": {"mode": "saved", "id": SPACE_ID}}))
    done = bctrl(
        emu,
        "runtimes",
        "create",
        "--space-id",
        SPACE_ID,
        "--name",
        "checkout",
        "--config",
        str(config),
        "--stealth",
        "high",
        "--idle-timeout",
        "15",
        "--set",
        "config.fingerprint.locale=de-DE",
        "--set",
        'metadata={"team": "growth"}',
    )
    assert done.returncode == 0, done.stderr
    assert re.search(rf"^runtime\s+{UUID}$", done.stdout, re.M)
    assert re.search(r"^status\s+active$", done.stdout, re.M)
    assert re.search(r"^name\s+checkout$", done.stdout, re.M)
    [stored] = emu.state()["runtimes"]
    assert stored["config"] == {
        "browser": {"profile": True},
        "proxy": {"mode": "saved", "id": SPACE_ID},
        "stealth": "high",
        "lifecycle": {"idleTimeoutMinutes": 15},
        "fingerprint": {"locale": "de-DE"},
    }
    assert stored["metadata"] == {"team": "growth"}

    done = bctrl(emu, "runtimes", "create", "--space-id", SPACE_ID, "--json")
    record = json.loads(done.stdout)
    assert record["status"] == "active" and record["type"] == "browser"
    assert set(record) >= {"id", "activeRunId", "createdAt", "config"}
    assert record["createdAt"].endswith("Z")

    fields = cli("runtimes", "create", "--space-id", SPACE_ID, "--field", "id", "--field", "activeRunId")
    rt_id, run_id = fields.stdout.rstrip("\n").split("\t")
    assert re.fullmatch(UUID, rt_id) and re.fullmatch(UUID, run_id)


def test_runtimes_create_hides_a_proxy_password(emu: Emulator, cli: Cli) -> None:
    secret = f"pw-{uuid.uuid4().hex}"
    proxy = {"mode": "custom", "host": "proxy.example", "port": 8080, "protocol": "http", "password": secret}
    for output in ((), ("--json",)):
        done = cli("runtimes", "create", "--space-id", SPACE_ID, "--set", f"config.proxy={json.dumps(proxy)}", *output)
        assert done.returncode == 0, done.stderr
        assert secret not in done.stdout and "<hidden>" in done.stdout
    assert emu.state()["runtimes"][0]["config"]["proxy"]["password"] == secret  # it was sent


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ((), "--space-id"),
        (("--space-id", SPACE_ID, "--stealth", "extreme"), "stealth"),
        (("--space-id", SPACE_ID, "--set", "config"), "KEY=VALUE"),
        (("--space-id", SPACE_ID, "--config", "/nonexistent/config.json"), "cannot read"),
        (("--space-id", SPACE_ID, "--set", "config.lifecycle.idleTimeoutMinutes=soon"), "idleTimeoutMinutes"),
        (("--space-id", SPACE_ID, "--set", "name=x", "--set", "name.first=SECRET-VALUE"), "name.first"),
        (("--space-id", SPACE_ID, "--set", "SECRET-VALUE"), "without '='"),
    ],
)
def test_runtimes_create_usage_errors_send_nothing(emu: Emulator, cli: Cli, args: Any, needle: str) -> None:
    done = cli("runtimes", "create", *args)
    assert done.returncode == USAGE
    assert needle in one_error_line(done)
    assert "SECRET-VALUE" not in done.stderr
    assert done.stdout == ""
    assert emu.state()["counts"]["runtimes"] == 0


def test_set_values_follow_the_contract(tmp_path: Path) -> None:
    from bctrl.cli._fields import apply_assignments

    prompt = tmp_path / "prompt.txt"
    prompt.write_text("be brief\n")
    params = apply_assignments(
        {"metadata": {"a": 1}},
        [
            "model=123",  # a string field stays text
            "max-steps=5",  # kebab-case name, an integer
            "useVision=auto",  # wire name; a union of boolean and "auto"
            "use_thinking=true",
            "max_history_items=null",
            f"extend_system_message=@{prompt}",  # a string field from a file, as it is
            "metadata.b=[1, 2]",  # dotted: into an object already given
            "target.id=page-1",
            "instruction=a=b",  # only the first '=' splits
        ],
        typed="BrowserUseParams",
        component_name="BrowserUseInvocationRequest",
    )
    assert params == {
        "metadata": {"a": 1, "b": [1, 2]},
        "model": "123",
        "max_steps": 5,
        "use_vision": "auto",
        "use_thinking": True,
        "max_history_items": None,
        "extend_system_message": "be brief\n",
        "target": {"id": "page-1"},
        "instruction": "a=b",
    }


def test_runtimes_get_list_stop_delete(emu: Emulator, cli: Cli) -> None:
    first, second = runtime(emu), runtime(emu)
    done = bctrl(emu, "runtimes", "get", first["id"])
    assert done.returncode == 0, done.stderr
    assert re.search(rf"^runtime\s+{first['id']}$", done.stdout, re.M)
    assert re.search(rf"^active run\s+{first['activeRunId']}$", done.stdout, re.M)
    assert cli("runtimes", "get", first["id"], "--field", "activeRunId").stdout == first["activeRunId"] + "\n"

    done = bctrl(emu, "runtimes", "stop", first["id"], "--json")
    assert done.returncode == 0, done.stderr
    stopped = json.loads(done.stdout)
    assert (stopped["status"], stopped["activeRunId"]) == ("stopped", None)
    done = cli("runtimes", "stop", first["id"])  # idempotent
    assert done.returncode == 0 and re.search(r"^status\s+stopped$", done.stdout, re.M)

    done = bctrl(emu, "runtimes", "list")
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()
    assert header.split() == ["RUNTIME", "STATUS", "NAME", "ACTIVE", "RUN", "CREATED"]
    assert [row.split()[:2] for row in rows] == [[first["id"], "stopped"], [second["id"], "active"]]
    done = cli("runtimes", "list", "--status", "active", "--jsonl")
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [second["id"]]
    done = cli("runtimes", "list", "--page-size", "1", "--limit", "1", "--json")
    assert [r["id"] for r in json.loads(done.stdout)] == [first["id"]]
    assert cli("runtimes", "list", "--status", "asleep").returncode == USAGE

    done = cli("invoke", first["id"], "act", "-i", "x")
    assert done.returncode == API_ERROR
    assert re.search(r"409 runtime\.not_executable: .* \[request req_\w+\]; hint: \S", one_error_line(done))

    done = bctrl(emu, "runtimes", "delete", second["id"])
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and f"deleted runtime {second['id']}" in done.stderr
    done = cli("runtimes", "get", second["id"])
    assert done.returncode == API_ERROR and "runtime.not_found" in one_error_line(done)
    done = cli("runs", "invocations", second["activeRunId"], "--json")  # the run's history stays
    assert done.returncode == 0 and json.loads(done.stdout) == []


# --- invoke -----------------------------------------------------------------------------


def test_invoke_every_action_with_its_fields(emu: Emulator, cli: Cli, tmp_path: Path) -> None:
    rt = runtime(emu)
    secrets_file = tmp_path / "secrets.json"
    secrets_file.write_text(json.dumps({"password": "hunter2"}))
    params = tmp_path / "params.json"
    params.write_text(json.dumps({"maxActionsPerStep": 4, "include_attributes": ["title"], "flashMode": False}))
    cases: List[Any] = [
        (
            "act",
            [
                "-i",
                "click login",
                "--set",
                'stagehand_action={"description": "the go button", "method": "click", "selector": "#go"}',
            ],
        ),
        ("observe", ["-i", "find buttons", "--selector", "main", "--target", "new"]),
        ("extract", ["-i", "the total", "--model", "gpt-4o", "--set", "temperature=0.2", "--timeout-ms", "9000"]),
        (
            "stagehand-agent",
            [
                "-i",
                "log in",
                "--max-steps",
                "7",
                "--set",
                'variables={"user": "ada"}',
                "--set",
                f'tool-ids=["{SPACE_ID}"]',
            ],
        ),
        (
            "browser_use",
            [
                "-i",
                "book",
                "--params",
                str(params),
                "--set",
                "use_vision=auto",
                "--set",
                "maxFailures=2",
                "--set",
                f"sensitive_data=@{secrets_file}",
                "--target",
                "page-7",
            ],
        ),
        ("solveCaptcha", ["--set", 'metadata={"k": "v"}']),
    ]
    for action, args in cases:
        done = cli("invoke", rt["id"], action, *args, "--json")
        assert done.returncode == 0, (action, done.stderr)
        record = json.loads(done.stdout)
        assert record["status"] == "queued" and record["runtimeId"] == rt["id"]
    requests = [emu.app.store.invocations[i["id"]].request for i in emu.invocations]
    assert [r["action"] for r in requests] == [
        "act",
        "observe",
        "extract",
        "stagehandAgent",
        "browserUse",
        "solveCaptcha",
    ]
    act, observe, extract, agent, browser_use, captcha = requests
    assert act["stagehandAction"] == {"description": "the go button", "method": "click", "selector": "#go"}
    assert (observe["selector"], observe["target"]) == ("main", "new")
    assert (extract["model"], extract["temperature"], extract["timeoutMs"]) == ("gpt-4o", 0.2, 9000)
    assert (agent["maxSteps"], agent["variables"], agent["toolIds"]) == (7, {"user": "ada"}, [SPACE_ID])
    assert browser_use["useVision"] == "auto" and browser_use["maxFailures"] == 2
    assert browser_use["maxActionsPerStep"] == 4 and browser_use["includeAttributes"] == ["title"]
    assert browser_use["flashMode"] is False and browser_use["target"] == {"id": "page-7"}
    assert browser_use["sensitiveData"] == {"password": "hunter2"}
    assert captcha["metadata"] == {"k": "v"}


def test_invoke_wait_plain_lines_then_the_result(emu: Emulator, cli: Cli, tmp_path: Path) -> None:
    rt = runtime(emu)
    schema = tmp_path / "invoice.json"
    schema.write_text(json.dumps(TOTAL))
    emu.script(output={"total": 42}, duration_ms=300)
    done = bctrl(emu, "invoke", rt["id"], "extract", "-i", "the total", "--schema", str(schema), "--wait")
    assert done.returncode == 0, done.stderr
    inv_id = emu.invocations[0]["id"]
    lines = done.stderr.splitlines()
    assert lines[0] == f"{inv_id} queued 0.0s" or re.fullmatch(rf"{inv_id} queued \d+\.\ds", lines[0])
    assert re.fullmatch(rf"{inv_id} succeeded \d+\.\ds", lines[-1])
    assert re.search(r"^status\s+succeeded$", done.stdout, re.M)
    assert '"total": 42' in done.stdout
    assert emu.app.store.invocations[inv_id].request["outputSchema"] == TOTAL

    emu.script(output={"total": 7})
    done = cli("invoke", rt["id"], "extract", "-i", "x", "--schema", str(schema), "--wait", "--json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["output"] == {"total": 7}  # stdout is JSON alone


@pytest.mark.parametrize("output", [(), ("--json",)])
def test_invoke_wait_unsuccessful_exits_4_with_the_invocation(emu: Emulator, cli: Cli, output: Any) -> None:
    rt = runtime(emu)
    emu.script(error_code="invocation.browser_use_failed", error_message="captcha wall")
    run = cli if output else functools.partial(bctrl, emu)
    done = run("invoke", rt["id"], "browserUse", "-i", "buy", "--wait", *output)
    assert done.returncode == UNSUCCESSFUL
    line = one_error_line(done)
    assert "ended failed" in line and "invocation.browser_use_failed" in line and "captcha wall" in line
    if output:
        assert json.loads(done.stdout)["error"]["code"] == "invocation.browser_use_failed"
    else:
        assert re.search(r"^error\s+invocation.browser_use_failed: captcha wall$", done.stdout, re.M)


def test_invoke_wait_output_not_matching_the_schema_exits_4(emu: Emulator, cli: Cli, tmp_path: Path) -> None:
    rt = runtime(emu)
    schema = tmp_path / "invoice.json"
    schema.write_text(json.dumps(TOTAL))
    emu.script(output={"total": "forty-two"}, validate_output=False)
    done = cli("invoke", rt["id"], "extract", "-i", "x", "--schema", str(schema), "--wait", "--json")
    assert done.returncode == UNSUCCESSFUL
    assert "does not match the schema: $.total" in one_error_line(done)
    assert json.loads(done.stdout)["output"] == {"total": "forty-two"}


def test_invoke_wait_out_of_time_exits_5_and_leaves_it_running(emu: Emulator) -> None:
    rt = runtime(emu)
    emu.script(duration_ms=30_000)
    done = bctrl(emu, "invoke", rt["id"], "act", "-i", "slow", "--wait", "--timeout", "0.5")
    assert done.returncode == WAIT_TIMEOUT
    inv_id = emu.invocations[0]["id"]
    line = one_error_line(done)
    assert inv_id in line and f"bctrl cancel {rt['id']} {inv_id}" in line
    assert emu.invocation(inv_id)["status"] in ("queued", "dispatching", "running")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("act", "--set", "max_step=3"), "max_step"),
        (("act", "--max-steps", "3"), "max_steps"),
        (("teleport", "-i", "x"), "teleport"),
        (("act", "--timeout-ms", "soon"), "--timeout-ms"),
        (("act", "--schema", "/nonexistent.json"), "cannot read"),
        (("act", "--params", "-"), "JSON object"),
        (("act", "-i", "x", "--schema", "-"), "takes no output schema"),
    ],
)
def test_invoke_usage_errors_send_nothing(emu: Emulator, cli: Cli, args: Any, needle: str) -> None:
    rt = runtime(emu)
    stdin = "[1, 2]" if "--params" in args else json.dumps(TOTAL)
    done = cli("invoke", rt["id"], *args, input=stdin)
    assert done.returncode == USAGE, done.stderr
    assert needle in one_error_line(done)
    assert emu.invocations == []


def test_api_errors_exit_3_with_code_request_id_and_hint(emu: Emulator, cli: Cli) -> None:
    done = bctrl(emu, "invoke", str(uuid.uuid4()), "act", "-i", "x")
    assert done.returncode == API_ERROR
    line = one_error_line(done)
    assert re.search(r"404 runtime\.not_found: .* \[request req_\w+\]; hint: check the id", line), line

    done = cli("invocations", "get", str(uuid.uuid4()), env={"BCTRL_API_KEY": "wrong-key"})
    assert done.returncode == API_ERROR
    assert re.search(r"401 \S+: .*hint: check the API key", one_error_line(done))
    assert "wrong-key" not in done.stderr


def test_configuration_errors(emu: Emulator, cli: Cli) -> None:
    done = cli("invocations", "get", "x", env={"BCTRL_API_KEY": ""})
    assert done.returncode == USAGE
    assert "BCTRL_API_KEY" in one_error_line(done)

    with socket_closed_port() as port:
        done = cli("--max-retries", "0", "invocations", "get", "x", env={"BCTRL_BASE_URL": f"http://127.0.0.1:{port}"})
    assert done.returncode == API_ERROR
    assert f"cannot reach http://127.0.0.1:{port}" in one_error_line(done)

    done = cli(
        "--api-key", KEY, "--base-url", emu.url, "invocations", "get", str(uuid.uuid4()), env={"BCTRL_API_KEY": ""}
    )
    assert done.returncode == API_ERROR and "404" in one_error_line(done)  # flags work without the environment


class socket_closed_port:
    """A local port with nothing listening on it."""

    def __enter__(self) -> int:
        import socket

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port: int = sock.getsockname()[1]
        sock.close()
        return self.port

    def __exit__(self, *exc: object) -> None:
        pass


# --- wait, cancel, invocations get --------------------------------------------------------


def test_wait_cancel_and_get(emu: Emulator, cli: Cli) -> None:
    rt = runtime(emu)
    emu.script(duration_ms=30_000)
    inv_id = cli("invoke", rt["id"], "act", "-i", "slow", "--field", "id").stdout.strip()

    done = bctrl(emu, "cancel", rt["id"], inv_id)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^status\s+(cancelling|cancelled)$", done.stdout, re.M)

    done = bctrl(emu, "wait", rt["id"], inv_id, "--json")
    assert done.returncode == UNSUCCESSFUL  # it ended cancelled
    assert json.loads(done.stdout)["status"] == "cancelled"
    assert "ended cancelled" in one_error_line(done)

    done = cli("cancel", rt["id"], inv_id, "--json")  # idempotent
    assert done.returncode == 0 and json.loads(done.stdout)["status"] == "cancelled"

    for run in (functools.partial(bctrl, emu), cli):
        done = run("invocations", "get", inv_id, "--json")
        assert done.returncode == 0
        assert json.loads(done.stdout)["id"] == inv_id
    done = cli("invocations", "get", inv_id, "--run", rt["activeRunId"], "--field", "status")
    assert done.stdout == "cancelled\n"
    done = cli("invocations", "get", inv_id)
    assert re.search(rf"^invocation\s+{inv_id}$", done.stdout, re.M)

    emu.script(output={"ok": True})
    other = cli("invoke", rt["id"], "act", "-i", "quick", "--field", "id").stdout.strip()
    done = bctrl(emu, "wait", rt["id"], other)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^status\s+succeeded$", done.stdout, re.M)
    assert re.fullmatch(rf"{other} succeeded \d+\.\ds", done.stderr.splitlines()[-1])

    done = cli("wait", rt["id"], str(uuid.uuid4()))
    assert done.returncode == API_ERROR and "invocation.not_found" in one_error_line(done)


def test_wait_interrupted_leaves_the_invocation_running(emu: Emulator, cli: Cli) -> None:
    rt = runtime(emu)
    emu.script(duration_ms=30_000)
    inv_id = cli("invoke", rt["id"], "act", "-i", "slow", "--field", "id").stdout.strip()
    env = clean_env(BCTRL_API_KEY=KEY, BCTRL_BASE_URL=emu.url)
    proc = subprocess.Popen(
        [BCTRL, "wait", rt["id"], inv_id], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert proc.stderr is not None
    first = read_line(proc, proc.stderr)  # the first status line: it is waiting
    assert inv_id in first
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == INTERRUPTED
    assert f"bctrl cancel {rt['id']} {inv_id}" in err
    assert emu.invocation(inv_id)["status"] in ("queued", "dispatching", "running")


# --- runs invocations ---------------------------------------------------------------------


class CountingProxy:
    """Forwards every request to the emulator and counts them by path (a referee for laziness)."""

    def __init__(self, target: str):
        self.requests: List[str] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                proxy.requests.append(self.path)
                answer = httpx.get(target + self.path, headers={"Authorization": self.headers["Authorization"]})
                self.send_response(answer.status_code)
                for name in ("content-type", "x-request-id"):
                    if name in answer.headers:
                        self.send_header(name, answer.headers[name])
                self.send_header("content-length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> CountingProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_runs_invocations_table_json_jsonl_and_filters(emu: Emulator, cli: Cli) -> None:
    rt = runtime(emu)
    emu.seed_invocations(rt["id"], 3, "succeeded")
    failed = emu.seed_invocations(rt["id"], 2, "failed")
    run = rt["activeRunId"]

    done = bctrl(emu, "runs", "invocations", run)
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()
    assert header.split() == ["TIME", "ACTION", "STATUS", "DURATION", "ERROR", "CODE", "INVOCATION"]
    assert len(rows) == 5
    columns = [row.split() for row in rows]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", c[0]) and c[2] == "act" for c in columns)
    assert [c[3] for c in columns] == ["succeeded"] * 3 + ["failed"] * 2
    assert all(c[5] == "-" for c in columns[:3]) and all(c[5] != "-" for c in columns[3:])
    assert [c[-1] for c in columns[3:]] == failed
    starts = {row.index(c[3]) for row, c in zip(rows, columns)}
    assert len(starts) == 1  # the status column is aligned

    done = bctrl(emu, "runs", "invocations", run, "--status", "failed", "--action", "act,extract", "--json")
    records = json.loads(done.stdout)
    assert [r["id"] for r in records] == failed
    assert all(r["error"]["code"] for r in records)

    done = cli("runs", "invocations", run, "--status", "failed", "--status", "succeeded", "--jsonl")
    assert len([json.loads(line) for line in done.stdout.splitlines()]) == 5

    done = cli("runs", "invocations", run, "--action", "extract", "--json")
    assert done.returncode == 0 and json.loads(done.stdout) == []

    done = cli("runs", "invocations", run, "--status", "exploded")
    assert done.returncode == USAGE and "status" in one_error_line(done)
    done = cli("runs", "invocations", run, "--json", "--jsonl")
    assert done.returncode == USAGE


def test_runs_invocations_pages_lazily(emu: Emulator, cli: Cli) -> None:
    rt = runtime(emu)
    emu.seed_invocations(rt["id"], 120, "succeeded")
    run = rt["activeRunId"]
    with CountingProxy(emu.url) as proxy:
        done = cli("runs", "invocations", run, "--page-size", "10", "--jsonl", env={"BCTRL_BASE_URL": proxy.url})
        assert len(done.stdout.splitlines()) == 120
        assert len(proxy.requests) == 12
        assert "cursor=" in proxy.requests[-1]

        proxy.requests.clear()
        done = cli("runs", "invocations", run, "--page-size", "10", "--limit", "15", env={"BCTRL_BASE_URL": proxy.url})
        assert len(done.stdout.splitlines()) == 1 + 15
        assert len(proxy.requests) == 2

        # The reader stops early: no more pages are fetched, and no error is shown.
        proxy.requests.clear()
        env = clean_env(BCTRL_API_KEY=KEY, BCTRL_BASE_URL=proxy.url)
        pipeline = subprocess.run(
            f"'{BCTRL}' runs invocations {run} --page-size 10 --jsonl | head -n 3",
            shell=True,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert len(pipeline.stdout.splitlines()) == 3
        assert pipeline.stderr == ""
        assert len(proxy.requests) < 12


# --- help, version, extras ----------------------------------------------------------------

COMMANDS = [
    [],
    ["runtimes"],
    ["runtimes", "create"],
    ["runtimes", "get"],
    ["runtimes", "list"],
    ["runtimes", "stop"],
    ["runtimes", "delete"],
    ["invoke"],
    ["wait"],
    ["cancel"],
    ["invocations"],
    ["invocations", "get"],
    ["runs"],
    ["runs", "invocations"],
    ["emulator"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "bctrl")
def test_help_has_an_example(command: List[str], capsys: pytest.CaptureFixture[str]) -> None:
    from bctrl.cli import run

    code = run([*command, "--help"])
    out = capsys.readouterr().out
    assert code == 0
    assert re.search(r"(?i)example", out), out
    leaf = not command or command[-1] not in ("runtimes", "invocations", "runs")
    if leaf:
        assert f"bctrl {' '.join(command)}".strip() in out


def test_top_level_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    from bctrl.cli import run
    from bctrl.cli._failures import EXIT_CODES

    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    for code in EXIT_CODES:
        assert re.search(rf"^\s+{code}\s+\S", out, re.M)


def test_version_and_unknown_command(emu: Emulator) -> None:
    done = bctrl(emu, "--version")
    assert done.returncode == 0 and re.fullmatch(r"bctrl \d+\.\d+\.\d+\S*\n", done.stdout)
    done = bctrl(emu, "teleport")
    assert done.returncode == USAGE and "teleport" in one_error_line(done)


def test_import_bctrl_loads_no_cli_library() -> None:
    code = "import sys, bctrl; print(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'rich')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_without_the_extra_the_command_names_it() -> None:
    code = "import sys; sys.modules['click'] = None; from bctrl.cli import run; sys.exit(run(['--help']))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == USAGE
    assert 'pip install "bctrl-python[cli]"' in done.stderr


# --- the emulator ---------------------------------------------------------------------------


def test_emulator_command_serves_the_api() -> None:
    env = clean_env()
    proc = subprocess.Popen(
        [BCTRL, "emulator", "--port", "0", "--duration-ms", "10"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        first = read_line(proc, proc.stdout)
        match = re.match(r"bctrl emulator listening on (http://127\.0\.0\.1:\d+)", first)
        assert match, first
        url = match.group(1)
        env.update({"BCTRL_API_KEY": "any-token", "BCTRL_BASE_URL": url})
        done = subprocess.run(
            [BCTRL, "runtimes", "create", "--space-id", SPACE_ID, "--field", "status"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert done.stdout == "active\n", done.stderr
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
    assert proc.returncode == 0

    done = subprocess.run([BCTRL, "emulator", "--port", "x"], capture_output=True, text=True, check=False)
    assert done.returncode == USAGE and "bctrl emulator" in done.stderr


def test_field_names_are_the_record_keys() -> None:
    import datetime as dt

    from bctrl import Invocation, Runtime
    from bctrl.cli._render import INVOCATION_FIELDS, RUNTIME_FIELDS, invocation_record, runtime_record

    now = dt.datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=dt.timezone.utc)
    inv = Invocation(id="i", status="queued", action="act", run_id="r", runtime_id="t", created_at=now)
    rt = Runtime(id="t", status="active", type="browser", name="n", active_run_id="r", created_at=now, updated_at=now)
    assert set(invocation_record(inv)) == INVOCATION_FIELDS
    assert set(runtime_record(rt)) == RUNTIME_FIELDS
    assert invocation_record(inv)["createdAt"] == "2026-01-02T03:04:05.678Z"
