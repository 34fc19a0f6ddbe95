"""What a user's ``mypy --strict`` sees of the SDK, installed from its wheel.

Each ``reveal_type`` line states the type the user should see (``# reveal: ...``); each
line marked ``# error: ...`` must be rejected with that text, and no other line may be.
"""

from __future__ import annotations

import re
from typing import Dict

import pytest
from _usercode import ROOT, build_site, errors, expectations, reveals, run_mypy


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, str]:
    """mypy's output for every user module below, from one run against the built wheel."""
    folder = tmp_path_factory.mktemp("wheel")
    site = build_site(folder)
    assert (site / "bctrl_api" / "py.typed").exists()
    modules = {"sync": SYNC, "asynchronous": ASYNC, "models": MODELS}
    modules.update({f"readme{i}": PREAMBLE + snippet for i, snippet in enumerate(readme_snippets())})
    return run_mypy(modules, site, folder)


SYNC = """
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from bctrl import Bctrl, Invocation, InvocationStatus, Page, Pager
from bctrl_api.models import InvocationTargetById


@dataclass
class Invoice:
    number: str
    total: float


c = Bctrl(api_key="k")
inv = c.runtimes.invocations.create("rt", action="extract", instruction="x", schema=Invoice, timeout=5)
reveal_type(inv)  # reveal: bctrl._invocation.Invocation[user_code.Invoice]
reveal_type(inv.parsed)  # reveal: user_code.Invoice | None
reveal_type(c.runtimes.invocations.wait(inv))  # reveal: bctrl._invocation.Invocation[user_code.Invoice]
reveal_type(c.runtimes.invocations.cancel(inv))  # reveal: bctrl._invocation.Invocation[user_code.Invoice]
done = c.runtimes.invocations.create_and_wait("rt", action="extract", schema=Invoice, timeout=60, max_retries=0)
reveal_type(done.parsed)  # reveal: user_code.Invoice | None
many = c.runtimes.invocations.create_and_wait("rt", action="browserUse", instruction="x", schema=List[Invoice])
reveal_type(many.parsed)  # reveal: list[user_code.Invoice] | None
loose = c.runtimes.invocations.create_and_wait("rt", action="extract", schema={"type": "object"})
reveal_type(loose)  # reveal: bctrl._invocation.Invocation[Any]
plain = c.runtimes.invocations.create("rt", action="act", instruction="click")
reveal_type(plain)  # reveal: bctrl._invocation.Invocation[Any]
by_id = c.runtimes.invocations.wait("rt", "inv-1", schema=Invoice)
reveal_type(by_id)  # reveal: bctrl._invocation.Invocation[user_code.Invoice]

reveal_type(inv.status)  # reveal: STATUS
reveal_type(inv.action)  # reveal: ACTION
status: InvocationStatus = inv.status
reveal_type(inv.to_dict())  # reveal: dict[str, Any]
reveal_type(inv.to_json())  # reveal: str
reveal_type(inv.request_id)  # reveal: str | None
assert inv.response is not None
reveal_type(inv.response.status_code)  # reveal: int
seen = {inv, done}

helper = c.runtimes.invocations.stagehand.extract("rt", "Extract the invoice.", schema=Invoice)
reveal_type(helper)  # reveal: bctrl._invocation.Invocation[user_code.Invoice]
waited = c.runtimes.invocations.browser_use.agent(
    "rt", "Find a flight.", max_steps=5, wait=True, timeout=120, cancel_on_abandon=True,
    target=InvocationTargetById(id="tab-1"),
)
reveal_type(waited)  # reveal: bctrl._invocation.Invocation[Any]

pager = c.runs.invocations.list("run", status=["failed", "timed_out"], limit=10, timeout=3)
reveal_type(pager)  # reveal: bctrl._pages.Pager[bctrl._invocation.Invocation[Any]]
reveal_type(pager.data)  # reveal: list[bctrl._invocation.Invocation[Any]]
reveal_type(pager.next_cursor)  # reveal: str | None
if pager.has_next_page():
    reveal_type(pager.next_page())  # reveal: bctrl._pages.Page[bctrl._invocation.Invocation[Any]]
for item in c.runs.invocations.list("run", cursor="saved"):
    reveal_type(item)  # reveal: bctrl._invocation.Invocation[Any]
got = c.runs.invocations.get("run", "inv", timeout=3, extra_headers={"X-Trace": "1"})
by_id_only = c.invocations.get("inv", max_retries=5, extra_query={"expand": "steps"})
rt = c.runtimes.create(space_id="s", type="browser", timeout=10, extra_body={"labels": ["a"]})
reveal_type(rt.status)  # reveal: RUNTIMESTATUS
other = c.with_options(max_retries=0, timeout=5.0)
reveal_type(other)  # reveal: bctrl._client.Bctrl
with c.runtimes.create(space_id="s", type="browser") as session:
    reveal_type(session)  # reveal: bctrl._runtime.Runtime
reveal_type(c.runtimes.list(status="active", timeout=2))  # reveal: bctrl._pages.Pager[bctrl._runtime.Runtime]
reveal_type(c.runtimes.stop("rt", max_retries=0))  # reveal: bctrl._runtime.Runtime

c.runtimes.invocations.create_and_wait("rt", action="act", max_steps=3)  # error: No overload variant
c.runtimes.invocations.create("rt", action="act", schema=Invoice)  # error: No overload variant of "create"
c.runtimes.invocations.stagehand.act("rt", "click", cancel_on_timeout="yes")  # error: incompatible type "str"
c.runtimes.invocations.stagehand.observe("rt")  # error: Missing positional argument "instruction"
c.runtimes.invocations.browser_use.agent("rt", "x", timeout="soon")  # error: incompatible type "str"
c.runs.invocations.list("run", status="finished")  # error: incompatible type "Literal['finished']"
wrong: Invocation[str] = c.runtimes.invocations.wait(inv)  # error: incompatible type "Invocation[Invoice]"
"""


ASYNC = """
import asyncio
from dataclasses import dataclass
from typing import Any

from bctrl import AsyncBctrl, AsyncPage, Invocation


@dataclass
class Invoice:
    total: float


async def notify(inv: Invocation[Any]) -> None:
    print(inv.status)


async def main(a: AsyncBctrl) -> None:
    inv = await a.runtimes.invocations.stagehand.extract("rt", "Extract.", schema=Invoice)
    reveal_type(inv)  # reveal: bctrl._invocation.Invocation[user_code.Invoice]
    done = await a.runtimes.invocations.wait(inv, timeout=30, on_update=notify)
    reveal_type(done.parsed)  # reveal: user_code.Invoice | None
    created = await a.runtimes.invocations.create("rt", action="stagehandAgent", instruction="x", max_steps=3)
    reveal_type(created)  # reveal: bctrl._invocation.Invocation[Any]
    page = await a.runs.invocations.list("run", limit=2)
    reveal_type(page)  # reveal: bctrl._pages.AsyncPage[bctrl._invocation.Invocation[Any]]
    reveal_type(page.data)  # reveal: list[bctrl._invocation.Invocation[Any]]
    if page.has_next_page():
        following = await page.next_page()
        reveal_type(following)  # reveal: bctrl._pages.AsyncPage[bctrl._invocation.Invocation[Any]]
    async for item in a.runs.invocations.list("run", cursor=page.next_cursor):
        reveal_type(item)  # reveal: bctrl._invocation.Invocation[Any]
    got = await a.runs.invocations.get("run", "inv", timeout=3)
    reveal_type(got.status)  # reveal: STATUS
    other = a.with_options(max_retries=1)
    reveal_type(other)  # reveal: bctrl._client.AsyncBctrl
    runtime = await a.runtimes.create(space_id="s", type="browser", timeout=10)
    reveal_type(runtime)  # reveal: bctrl._runtime.Runtime
    async with a.runtimes.create(space_id="s", type="browser") as session:
        reveal_type(session)  # reveal: bctrl._runtime.Runtime
    first = await a.runtimes.list(limit=5)
    reveal_type(first)  # reveal: bctrl._pages.AsyncPage[bctrl._runtime.Runtime]
    await a.runtimes.invocations.create_and_wait("rt", action="observe", max_steps=3)  # error: No overload variant
    a.runtimes.invocations.stagehand.act("rt", "x")  # error: must be used


asyncio.run(main(AsyncBctrl(api_key="k")))
"""


# How mypy prints the Literal aliases (bctrl.InvocationStatus, ...), each value spelt out.
ALIASES = {
    "RUNTIMESTATUS": "active stopped failed",
    "STATUS": "queued dispatching running cancelling succeeded failed cancelled timed_out",
    "ACTION": "act observe extract browserUse stagehandAgent solveCaptcha",
}


def _spelt(expected: str) -> str:
    for alias, values in ALIASES.items():
        expected = expected.replace(alias, " | ".join(f"Literal['{v}']" for v in values.split()))
    return expected


def check(code: str, out: str) -> None:
    expected_reveals, expected_errors = expectations(code)
    expected_reveals = {line: _spelt(text) for line, text in expected_reveals.items()}
    # mypy before 2.0 (the one that checks for Python 3.9) spells builtins out: builtins.str
    got_reveals = {line: text.replace("builtins.", "") for line, text in reveals(out).items()}
    assert got_reveals == expected_reveals, out
    got = errors(out)
    assert set(got) == set(expected_errors), out
    for line, text in expected_errors.items():
        assert any(text in message for message in got[line]), (line, got[line])


def test_sync_user_code_types(checked: Dict[str, str]) -> None:
    check(SYNC, checked["sync"])


def test_async_user_code_types(checked: Dict[str, str]) -> None:
    check(ASYNC, checked["asynchronous"])


# bctrl_api ships py.typed: without it mypy --strict would refuse the import as untyped.
MODELS = (
    "from bctrl_api.models import InvocationTargetById\n"
    "reveal_type(InvocationTargetById(id='t').id)  # reveal: str\n"
    'InvocationTargetById(id=3)  # error: incompatible type "int"\n'
)


def test_generated_models_are_typed_for_users(checked: Dict[str, str]) -> None:
    check(MODELS, checked["models"])


def readme_snippets() -> list:
    text = (ROOT / "README.md").read_text()
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


PREAMBLE = """
from typing import Any
SPACE_ID: str = "space"
PROXY_ID: str = "proxy"
"""


def test_readme_snippets_pass_mypy_strict(checked: Dict[str, str]) -> None:
    snippets = readme_snippets()
    assert len(snippets) >= 3
    for index, snippet in enumerate(snippets):
        out = checked[f"readme{index}"]
        assert "error" not in out, f"README snippet {index}:\n{snippet}\n{out}"
