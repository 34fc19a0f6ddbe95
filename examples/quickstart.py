"""A tour of the SDK: a runtime in a `with` block, extract with a typed schema, an agent with progress,
cancel, history, and the runtime stopped at the end.

Runs against whatever BCTRL_BASE_URL / BCTRL_API_KEY point at; `make demo` points them at
the local emulator. Needs the pydantic extra (`pip install "bctrl-python[pydantic]"`) for the dataclass schema.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import List

from bctrl import Bctrl, Invocation, WaitTimeoutError


@dataclass
class Line:
    description: str
    amount: float


@dataclass
class Invoice:
    number: str
    total: float
    lines: List[Line]


def progress(label: str):
    started = time.monotonic()

    def show(inv: Invocation) -> None:
        print(f"  [{time.monotonic() - started:5.2f}s] {label}: {inv.status}")

    return show


def main() -> int:
    space_id = os.environ.get("BCTRL_SPACE_ID", str(uuid.uuid4()))
    with Bctrl() as client:
        print(f"client: {client!r}")

        # The `with` block stops the runtime when it ends, however it ends (an error, Ctrl-C):
        # a runtime left running is billed until its idle timeout.
        config = {"stealth": "high", "lifecycle": {"idleTimeoutMinutes": 10}}
        with client.runtimes.create(space_id=space_id, type="browser", name="checkout", config=config) as rt:
            print(f"runtime {rt.id} is {rt.status}; its invocations join run {rt.active_run_id}")

            # 1. extract, typed: the dataclass becomes JSON Schema on the wire; the output comes back validated.
            inv = client.runtimes.invocations.create_and_wait(
                rt.id, action="extract", instruction="Extract the invoice.", schema=Invoice, timeout=30.0
            )
            invoice = inv.parsed  # typed Invoice | None: None only if the invocation did not succeed
            assert invoice is not None, inv.status
            print(
                f"extract {inv.status} in {inv.duration_ms} ms -> {type(invoice).__name__}: number={invoice.number!r} "
                f"total={invoice.total} lines={len(invoice.lines)}"
            )

            # 2. a browser-use agent: the helper submits it and returns at once; waiting (with progress
            #    drawn from every status change) is a separate step.
            job = client.runtimes.invocations.browser_use.agent(
                rt.id, "Find the cheapest flight and add it to the cart.", max_steps=50, use_vision="auto"
            )
            print(f"browserUse accepted: {job.status}")
            agent = client.runtimes.invocations.wait(job, on_update=progress("browserUse"), timeout=30.0)
            print(f"browserUse {agent.status}: output keys {sorted(agent.output or {})}")

            # 3. start one and cancel it.
            long = client.runtimes.invocations.create(
                rt.id, action="stagehandAgent", instruction="Download every invoice from last quarter."
            )
            cancelling = client.runtimes.invocations.cancel(rt.id, long.id)
            print(f"cancel requested: {cancelling.status}")
            try:
                final = client.runtimes.invocations.wait(rt.id, long.id, timeout=10.0)
                print(f"stagehandAgent ended {final.status}" + (f" ({final.error.code})" if final.error else ""))
            except WaitTimeoutError as exc:
                print(f"still running after the budget: {exc}")

            # 4. the run's history, fetched page by page as we iterate.
            assert rt.active_run_id is not None
            history = list(client.runs.invocations.list(rt.active_run_id, limit=2))
            print(f"run {rt.active_run_id}: {len(history)} invocations {dict(Counter(i.status for i in history))}")
            for item in history:
                print(f"  {item.created_at:%H:%M:%S.%f} {item.action:<15} {item.status}")
            one = client.runs.invocations.get(rt.active_run_id, inv.id)
            print(f"read back {one.id}: output total={one.output['total']}")

        # 5. after the block: the runtime is stopped, and its run's history is still there.
        ended = client.runtimes.get(rt.id)
        print(f"runtime {ended.id} is {ended.status} (active run: {ended.active_run_id})")
        kept = list(client.runs.invocations.list(rt.active_run_id))
        print(f"run {rt.active_run_id} still lists its {len(kept)} invocations")
        print(f"active runtimes left: {sum(1 for _ in client.runtimes.list(status='active'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
