"""The ``bctrl`` commands (click). Each one calls the SDK's client and prints the answer.

Results go to standard output (a readable view, or JSON with ``--json``); progress, hints
and the one-line error go to standard error. Exit codes are in :mod:`._failures`.
"""

from __future__ import annotations

import contextlib
import itertools
from typing import (
    TYPE_CHECKING,
    AbstractSet,
    Any,
    Callable,
    Dict,
    Iterable,
    Iterator,
    List,
    Optional,
    Sequence,
    Tuple,
    cast,
)

import attrs
import click
from rich.console import Console
from rich.text import Text

from .. import __version__
from .._errors import BctrlError, OutputValidationError, WaitTimeoutError
from .._operations import ACTIONS
from ._failures import (
    EXIT_CODES,
    INTERRUPTED,
    OK,
    USAGE,
    CommandFailed,
    Failure,
    describe,
)
from ._fields import FieldError, apply_assignments, keyword_arguments, read_json, read_object
from ._progress import Follower
from ._render import (
    INVOCATION_COLUMNS,
    INVOCATION_FIELDS,
    RUNTIME_COLUMNS,
    RUNTIME_FIELDS,
    Column,
    StreamTable,
    dumps,
    field_text,
    invocation_record,
    invocation_view,
    runtime_record,
    runtime_view,
    write_json_stream,
)

if TYPE_CHECKING:
    from .._client import Bctrl
    from .._invocation import Invocation

CANCEL_TIMEOUT = 5.0
"""After Ctrl-C: the HTTP timeout of the cancel request (tried at most twice), seconds."""

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# --- shared state -------------------------------------------------------------------


@attrs.frozen
class App:
    """What every command gets: the client settings and the two consoles."""

    api_key: Optional[str] = attrs.field(repr=False)
    base_url: Optional[str]
    max_retries: Optional[int]
    out: Console
    err: Console

    def client(self, *, timeout: Optional[float] = None, max_retries: Optional[int] = None) -> Bctrl:
        """A client configured from the flags, else ``BCTRL_API_KEY`` / ``BCTRL_BASE_URL``."""
        from .._client import Bctrl

        options: Dict[str, Any] = {}
        retries = max_retries if max_retries is not None else self.max_retries
        if retries is not None:
            options["max_retries"] = retries
        if timeout is not None:
            options["timeout"] = timeout
        try:
            return Bctrl(api_key=self.api_key, base_url=self.base_url, **options)
        except BctrlError as exc:
            raise CommandFailed(describe(exc, "configuration")) from None

    def show(self, item: Any, *, as_json: bool, fields: Sequence[str] = ()) -> None:
        """Print one invocation or runtime: a view, JSON, or the values of ``fields``."""
        from .._invocation import Invocation

        is_invocation = isinstance(item, Invocation)
        if as_json or fields:
            record = invocation_record(item) if is_invocation else runtime_record(item)
            text = "\t".join(field_text(record.get(name)) for name in fields) if fields else dumps(record)
            self.out.file.write(text + "\n")
            self.out.file.flush()
        else:
            self.out.print(invocation_view(item) if is_invocation else runtime_view(item))

    def hint(self, message: str) -> None:
        """A hint for a person at a terminal (not printed when standard error is captured)."""
        if self.err.is_terminal:
            self.err.print(Text(message, style="dim"), soft_wrap=True)


@contextlib.contextmanager
def failing(what: str, client: Optional[Bctrl] = None) -> Iterator[None]:
    """Turn an SDK error raised while doing ``what`` into the command's failure."""
    try:
        yield
    except BctrlError as exc:
        raise CommandFailed(describe(exc, what, base_url=client.base_url if client else None)) from None


@contextlib.contextmanager
def usage(what: str) -> Iterator[None]:
    """Turn an unreadable ``--set`` value or file into a usage error."""
    try:
        yield
    except FieldError as exc:
        raise click.UsageError(f"{what}: {exc}") from None


def output_options(known: AbstractSet[str]) -> Callable[[Any], Any]:
    """``--json`` and ``--field`` (one of ``known``), for commands that print one invocation or runtime."""

    def check(ctx: click.Context, param: click.Parameter, value: Tuple[str, ...]) -> Tuple[str, ...]:
        for name in value:
            if name not in known:
                raise click.BadParameter(f"{name!r} is not a field; one of {', '.join(sorted(known))}", ctx, param)
        return value

    def decorate(func: Any) -> Any:
        func = click.option(
            "--field",
            "fields",
            multiple=True,
            metavar="NAME",
            callback=check,
            help=f"Print only this field ({', '.join(sorted(known))}); tab-separated when repeated.",
        )(func)
        return click.option(
            "--json", "as_json", is_flag=True, help="Print the result as JSON (the API's field names)."
        )(func)

    return decorate


# --- the group ------------------------------------------------------------------------

EXIT_CODE_HELP = "\n".join(f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES.items())


@click.group(
    context_settings=CONTEXT,
    epilog=f"""\b
Examples:
  export BCTRL_API_KEY=...          # or --api-key; never printed
  bctrl runtimes create --space-id $SPACE_ID --name checkout
  bctrl invoke $RUNTIME extract -i "Extract the invoice total." --schema invoice.json --wait
  bctrl runs invocations $RUN --status failed

\b
Exit codes:
{EXIT_CODE_HELP}
""",
)
@click.option("--api-key", metavar="KEY", help="API key (default: $BCTRL_API_KEY). Never printed.")
@click.option("--base-url", metavar="URL", help="API base URL (default: $BCTRL_BASE_URL, else https://api.bctrl.ai).")
@click.option("--max-retries", type=click.IntRange(min=0), help="Retries of a failed request (default 2).")
@click.version_option(__version__, "--version", prog_name="bctrl", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, api_key: Optional[str], base_url: Optional[str], max_retries: Optional[int]) -> None:
    """bctrl: browser runtimes and durable AI invocations, from the terminal."""
    ctx.obj = App(
        api_key=api_key,
        base_url=base_url,
        max_retries=max_retries,
        out=Console(soft_wrap=True, highlight=False),
        err=Console(stderr=True, soft_wrap=True, highlight=False),
    )


# --- lists ---------------------------------------------------------------------------


def _values(given: Sequence[str]) -> Optional[List[str]]:
    values = [v.strip() for item in given for v in item.split(",") if v.strip()]
    return values or None


def list_options(func: Any) -> Any:
    """``--page-size``, ``--limit``, ``--json`` and ``--jsonl``, for commands that list."""
    for option in reversed(
        (
            click.option(
                "--page-size", type=click.IntRange(1, 100), default=50, show_default=True, help="Items per request."
            ),
            click.option("--limit", type=click.IntRange(min=1), help="Stop after this many items."),
            click.option("--json", "as_json", is_flag=True, help="Print a JSON array (written as pages arrive)."),
            click.option("--jsonl", "as_jsonl", is_flag=True, help="Print one JSON object per line."),
        )
    ):
        func = option(func)
    return func


@attrs.frozen
class Listing:
    """How to print a lazily paged list: table columns, or JSON records."""

    noun: str
    columns: Sequence[Column]
    record: Callable[[Any], Dict[str, Any]]


INVOCATIONS = Listing("invocation", INVOCATION_COLUMNS, invocation_record)
RUNTIMES = Listing("runtime", RUNTIME_COLUMNS, runtime_record)


def print_listing(
    app: App,
    items: Iterable[Any],
    listing: Listing,
    *,
    page_size: int,
    limit: Optional[int],
    as_json: bool,
    as_jsonl: bool,
) -> None:
    """Print ``items`` as they come (each page is fetched when the previous one is printed)."""
    if as_json and as_jsonl:
        raise click.UsageError("choose one of --json and --jsonl")
    iterator: Iterator[Any] = iter(items)
    if limit is not None:
        iterator = itertools.islice(iterator, limit)
    if as_json or as_jsonl:
        write_json_stream(app.out.file, (listing.record(item) for item in iterator), lines=as_jsonl)
        return
    table = StreamTable(app.out, listing.columns, sample=page_size)
    for item in iterator:
        table.add(item)
    table.flush()
    app.hint(f"{table.rows} {listing.noun}{'s' if table.rows != 1 else ''}")


# --- runtimes -------------------------------------------------------------------------


@cli.group(context_settings=CONTEXT)
def runtimes() -> None:
    """Create, read, list, stop and delete browser runtimes.

    \b
    Example:
      bctrl runtimes create --space-id $SPACE_ID --name checkout
    """


@runtimes.command("create", context_settings=CONTEXT)
@click.option("--space-id", required=True, help="The space the runtime belongs to (a UUID).")
@click.option("--name", help="A name for the runtime.")
@click.option("--config", "config_file", metavar="FILE", help="JSON file with the runtime's config object (- : stdin).")
@click.option("--stealth", metavar="LEVEL", help="config.stealth: medium, high or ultra.")
@click.option("--idle-timeout", type=int, metavar="MINUTES", help="config.lifecycle.idleTimeoutMinutes.")
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="KEY=VALUE",
    help="Any request field, dotted for nested ones (config.fingerprint.locale=de-DE). Repeatable.",
)
@output_options(RUNTIME_FIELDS)
@click.pass_obj
def runtimes_create(
    app: App,
    space_id: str,
    name: Optional[str],
    config_file: Optional[str],
    stealth: Optional[str],
    idle_timeout: Optional[int],
    assignments: Sequence[str],
    as_json: bool,
    fields: Tuple[str, ...],
) -> int:
    """Create a browser runtime and print it (its id, and the run its invocations join).

    \b
    Example:
      bctrl runtimes create --space-id 5b6f...e1 --name checkout --stealth high \\
          --set config.fingerprint.locale=de-DE
    """
    params: Dict[str, Any] = {"space_id": space_id, "type": "browser"}
    with usage("runtimes create"):
        if config_file is not None:
            params["config"] = read_object(config_file, "--config")
        if name is not None:
            params["name"] = name
        if stealth is not None:
            params.setdefault("config", {})["stealth"] = stealth
        if idle_timeout is not None:
            params.setdefault("config", {}).setdefault("lifecycle", {})["idleTimeoutMinutes"] = idle_timeout
        apply_assignments(params, assignments, typed="RuntimeCreateParams", component_name="RuntimeCreateRequest")
    with app.client() as client, failing("create runtime", client):
        rt = client.runtimes.create(**params)
    app.show(rt, as_json=as_json, fields=fields)
    app.hint(f"invoke on it: bctrl invoke {rt.id} act -i '...' --wait")
    return OK


@runtimes.command("get", context_settings=CONTEXT)
@click.argument("runtime")
@output_options(RUNTIME_FIELDS)
@click.pass_obj
def runtimes_get(app: App, runtime: str, as_json: bool, fields: Tuple[str, ...]) -> int:
    """Print one runtime (its status and the run its invocations join).

    \b
    Example:
      bctrl runtimes get $RUNTIME --field activeRunId
    """
    with app.client() as client, failing(f"get runtime {runtime}", client):
        rt = client.runtimes.get(runtime)
    app.show(rt, as_json=as_json, fields=fields)
    return OK


@runtimes.command("list", context_settings=CONTEXT)
@click.option("--status", multiple=True, help="Only these statuses (repeat, or comma-separate: active,failed).")
@list_options
@click.pass_obj
def runtimes_list(
    app: App, status: Sequence[str], page_size: int, limit: Optional[int], as_json: bool, as_jsonl: bool
) -> int:
    """List runtimes, oldest first; pages are fetched only as they are printed.

    \b
    Examples:
      bctrl runtimes list --status active
      bctrl runtimes list --jsonl | jq -r .id
    """
    with app.client() as client, failing("list runtimes", client):
        items = client.runtimes.list(status=cast(Any, _values(status)), limit=page_size)
        print_listing(app, items, RUNTIMES, page_size=page_size, limit=limit, as_json=as_json, as_jsonl=as_jsonl)
    return OK


@runtimes.command("stop", context_settings=CONTEXT)
@click.argument("runtime")
@output_options(RUNTIME_FIELDS)
@click.pass_obj
def runtimes_stop(app: App, runtime: str, as_json: bool, fields: Tuple[str, ...]) -> int:
    """Stop a runtime (its live invocations end cancelled); print it.

    Stopping a runtime that is already stopped changes nothing. Its run's history stays
    readable with `bctrl runs invocations`.

    \b
    Example:
      bctrl runtimes stop $RUNTIME
    """
    with app.client() as client, failing(f"stop runtime {runtime}", client):
        rt = client.runtimes.stop(runtime)
    app.show(rt, as_json=as_json, fields=fields)
    return OK


@runtimes.command("delete", context_settings=CONTEXT)
@click.argument("runtime")
@click.pass_obj
def runtimes_delete(app: App, runtime: str) -> int:
    """Delete a runtime (stopped first if it is active). Its run's history stays readable.

    \b
    Example:
      bctrl runtimes delete $RUNTIME
    """
    with app.client() as client, failing(f"delete runtime {runtime}", client):
        client.runtimes.delete(runtime)
    app.err.print(Text(f"deleted runtime {runtime}"), soft_wrap=True)
    return OK


# --- invocations ----------------------------------------------------------------------


_ACTIONS_BY_KEY = {a.lower(): a for a in ACTIONS}


def _action(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """An action by its wire name, case and ``-``/``_`` insensitive (``browser-use``)."""
    key = value.replace("-", "").replace("_", "").lower()
    if key not in _ACTIONS_BY_KEY:
        raise click.BadParameter(f"{value!r} is not one of {', '.join(ACTIONS)}", ctx, param)
    return _ACTIONS_BY_KEY[key]


def _target(value: str) -> Any:
    return value if value in ("active", "new") else {"id": value}


@cli.command(context_settings=CONTEXT)
@click.argument("runtime")
@click.argument("action", callback=_action)
@click.option("-i", "--instruction", help="What to do, in natural language.")
@click.option(
    "--schema",
    "schema_file",
    metavar="FILE",
    help="JSON Schema file the output must match (extract, stagehandAgent, browserUse); - : stdin.",
)
@click.option("--model", help="The model to use.")
@click.option("--max-steps", type=int, help="Most agent steps (stagehandAgent, browserUse).")
@click.option("--selector", help="Limit to this CSS selector (observe, extract).")
@click.option("--target", metavar="PAGE", help="Page to work on: active (default), new, or a page id.")
@click.option("--timeout-ms", type=int, help="Server-side limit of the invocation, milliseconds.")
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="KEY=VALUE",
    help="Any other field of the action (use_vision=auto, variables='{\"q\": 1}', sensitive_data=@secrets.json). "
    "Repeatable; wins over the flags above.",
)
@click.option("--params", "params_file", metavar="FILE", help="JSON object of request fields; flags win over it.")
@click.option("--idempotency-key", metavar="KEY", help="Replays instead of creating twice when repeated.")
@click.option("--wait", is_flag=True, help="Wait until it ends, showing its status; Ctrl-C cancels it.")
@click.option("--timeout", type=click.FloatRange(min=0), help="With --wait: the most to wait, seconds (default 300).")
@output_options(INVOCATION_FIELDS)
@click.pass_obj
def invoke(
    app: App,
    runtime: str,
    action: str,
    instruction: Optional[str],
    schema_file: Optional[str],
    model: Optional[str],
    max_steps: Optional[int],
    selector: Optional[str],
    target: Optional[str],
    timeout_ms: Optional[int],
    assignments: Sequence[str],
    params_file: Optional[str],
    idempotency_key: Optional[str],
    wait: bool,
    timeout: Optional[float],
    as_json: bool,
    fields: Tuple[str, ...],
) -> int:
    """Submit an invocation to RUNTIME: ACTION is act, observe, extract, stagehandAgent,
    browserUse or solveCaptcha.

    Without --wait it prints the accepted invocation (usually queued). With --wait it shows
    the status as it changes, prints the final invocation and exits 4 if it did not succeed;
    Ctrl-C asks the API to cancel it and exits 130.

    \b
    Examples:
      bctrl invoke $RUNTIME act -i "Click the login button" --wait
      bctrl invoke $RUNTIME extract -i "Extract the invoice" --schema invoice.json --wait --json
      bctrl invoke $RUNTIME browser-use -i "Find the cheapest flight" --max-steps 50 \\
          --set use_vision=auto --set sensitive_data=@secrets.json --wait
    """
    _component, typed, _takes_schema = ACTIONS[action]
    params: Dict[str, Any] = {}
    schema: Any = None
    with usage("invoke"):
        if params_file is not None:
            params.update(keyword_arguments(read_object(params_file, "--params"), typed))
        flags = {
            "instruction": instruction,
            "model": model,
            "max_steps": max_steps,
            "selector": selector,
            "target": None if target is None else _target(target),
            "timeout_ms": timeout_ms,
        }
        params.update({k: v for k, v in flags.items() if v is not None})
        apply_assignments(params, assignments, typed=typed, component_name=_component)
        if schema_file is not None:
            schema = read_json(schema_file, "--schema")
    client = app.client()
    with client:
        what = f"invoke {action}"
        try:
            with failing(what, client):
                created = client.runtimes.invocations.create(
                    runtime, action=cast(Any, action), schema=schema, idempotency_key=idempotency_key, **params
                )
        except KeyboardInterrupt:
            app.err.print(
                "interrupted before the API answered: the invocation may have been created "
                "(list the run's invocations with `bctrl runs invocations RUN_ID`)",
                soft_wrap=True,
                markup=False,
            )
            return INTERRUPTED
        if not wait:
            app.show(created, as_json=as_json, fields=fields)
            app.hint(f"wait for it: bctrl wait {created.runtime_id} {created.id}")
            return OK
        return follow(
            app,
            client,
            created,
            runtime_id=created.runtime_id,
            invocation_id=created.id,
            schema=schema,
            timeout=timeout,
            cancel_on_interrupt=True,
            as_json=as_json,
            fields=fields,
        )


def follow(
    app: App,
    client: Bctrl,
    initial: Optional[Invocation],
    *,
    runtime_id: str,
    invocation_id: str,
    schema: Any,
    timeout: Optional[float],
    cancel_on_interrupt: bool,
    as_json: bool,
    fields: Tuple[str, ...],
) -> int:
    """Wait for an invocation while showing its status, then print its final state.

    ``initial`` is the invocation as last seen (``None`` when only the ids are known).
    Ctrl-C cancels it when ``cancel_on_interrupt``, else says how to.
    """
    rid, iid = runtime_id, invocation_id
    if app.err.is_terminal:
        label = f"{initial.action if initial is not None else 'invocation'} {iid[:8]}"
        app.err.print(
            Text(f"invocation {iid}" + ("; Ctrl-C cancels it" if cancel_on_interrupt else ""), style="dim"),
            soft_wrap=True,
        )
    else:
        label = iid
    options: Dict[str, Any] = {} if timeout is None else {"timeout": timeout}
    what = f"wait for invocation {iid}"
    final: Optional[Invocation] = None
    failure: Optional[Failure] = None
    interrupted: Optional[str] = None
    with Follower(app.err, label) as follower:
        if initial is not None:
            follower.update(initial)
        try:
            final = client.runtimes.invocations.wait(rid, iid, on_update=follower.update, schema=schema, **options)
        except OutputValidationError as exc:
            final, failure = exc.invocation, describe(exc, what)
        except WaitTimeoutError as exc:
            follower.note("out of wait time")
            failure = describe(exc, what)
            hint = f"; hint: `bctrl wait {rid} {iid}` waits again, `bctrl cancel {rid} {iid}` ends it"
            raise CommandFailed(attrs.evolve(failure, message=failure.message + hint)) from None
        except KeyboardInterrupt:
            follower.note("interrupted" + ("; cancelling" if cancel_on_interrupt else ""))
            interrupted = _interrupted(app, rid, iid, cancel=cancel_on_interrupt)
        except BctrlError as exc:
            raise CommandFailed(describe(exc, what, base_url=client.base_url)) from None
        if final is not None:
            follower.update(final)
    if interrupted is not None:
        app.err.print(Text(interrupted), soft_wrap=True)
        return INTERRUPTED
    if final is not None:
        app.show(final, as_json=as_json, fields=fields)
        if failure is None:
            error = final.error_for_failure()
            failure = describe(error, f"invocation {iid}") if error is not None else None
    if failure is not None:
        app.err.print(Text(failure.line), soft_wrap=True)
        return failure.exit_code
    return OK


def _interrupted(app: App, runtime_id: str, invocation_id: str, *, cancel: bool) -> str:
    how = f"bctrl cancel {runtime_id} {invocation_id}"
    if not cancel:
        return f"interrupted: invocation {invocation_id} goes on; cancel it with `{how}`"
    try:
        with app.client(timeout=CANCEL_TIMEOUT, max_retries=1) as client:
            inv = client.runtimes.invocations.cancel(runtime_id, invocation_id)
    except (BctrlError, CommandFailed) as exc:
        reason = exc.failure.message if isinstance(exc, CommandFailed) else describe(exc, "cancel").message
        return f"interrupted: could not cancel invocation {invocation_id} ({reason}); cancel it with `{how}`"
    return f"interrupted: asked the API to cancel invocation {invocation_id} (now {inv.status})"


@cli.command(context_settings=CONTEXT)
@click.argument("runtime")
@click.argument("invocation")
@click.option("--timeout", type=click.FloatRange(min=0), help="The most to wait, seconds (default 300).")
@click.option("--schema", "schema_file", metavar="FILE", help="JSON Schema file to check the output against.")
@output_options(INVOCATION_FIELDS)
@click.pass_obj
def wait(
    app: App,
    runtime: str,
    invocation: str,
    timeout: Optional[float],
    schema_file: Optional[str],
    as_json: bool,
    fields: Tuple[str, ...],
) -> int:
    """Wait for an invocation to end, showing its status; print it.

    Exits 4 if it did not succeed, 5 if the wait ran out of time. Ctrl-C stops waiting and
    leaves the invocation running (`bctrl cancel` ends it).

    \b
    Example:
      bctrl wait $RUNTIME $INVOCATION --timeout 120 --json
    """
    schema = None
    with usage("wait"):
        if schema_file is not None:
            schema = read_json(schema_file, "--schema")
    with app.client() as client:
        return follow(
            app,
            client,
            None,
            runtime_id=runtime,
            invocation_id=invocation,
            schema=schema,
            timeout=timeout,
            cancel_on_interrupt=False,
            as_json=as_json,
            fields=fields,
        )


@cli.command(context_settings=CONTEXT)
@click.argument("runtime")
@click.argument("invocation")
@output_options(INVOCATION_FIELDS)
@click.pass_obj
def cancel(app: App, runtime: str, invocation: str, as_json: bool, fields: Tuple[str, ...]) -> int:
    """Ask the API to cancel an invocation; print it (cancelling, or already ended).

    Cancelling an invocation that already ended changes nothing.

    \b
    Example:
      bctrl cancel $RUNTIME $INVOCATION
    """
    with app.client() as client, failing(f"cancel invocation {invocation}", client):
        inv = client.runtimes.invocations.cancel(runtime, invocation)
    app.show(inv, as_json=as_json, fields=fields)
    return OK


@cli.group(context_settings=CONTEXT)
def invocations() -> None:
    """Read invocations.

    \b
    Example:
      bctrl invocations get $INVOCATION
    """


@invocations.command("get", context_settings=CONTEXT)
@click.argument("invocation")
@click.option("--run", "run_id", metavar="RUN_ID", help="Read it through its run (the same answer).")
@output_options(INVOCATION_FIELDS)
@click.pass_obj
def invocations_get(app: App, invocation: str, run_id: Optional[str], as_json: bool, fields: Tuple[str, ...]) -> int:
    """Print one invocation, with its output and error.

    \b
    Example:
      bctrl invocations get $INVOCATION --json
    """
    with app.client() as client, failing(f"get invocation {invocation}", client):
        inv = client.invocations.get(invocation) if run_id is None else client.runs.invocations.get(run_id, invocation)
    app.show(inv, as_json=as_json, fields=fields)
    return OK


# --- runs -----------------------------------------------------------------------------


@cli.group(context_settings=CONTEXT)
def runs() -> None:
    """Read a run's history.

    \b
    Example:
      bctrl runs invocations $RUN --status failed
    """


@runs.command("invocations", context_settings=CONTEXT)
@click.argument("run_id")
@click.option("--status", multiple=True, help="Only these statuses (repeat, or comma-separate: failed,timed_out).")
@click.option("--action", multiple=True, help="Only these actions (repeat, or comma-separate).")
@list_options
@click.pass_obj
def runs_invocations(
    app: App,
    run_id: str,
    status: Sequence[str],
    action: Sequence[str],
    page_size: int,
    limit: Optional[int],
    as_json: bool,
    as_jsonl: bool,
) -> int:
    """List a run's invocations; pages are fetched only as they are printed.

    A table (time, action, status, duration, error code, invocation id) on the terminal;
    --json or --jsonl for scripts.

    \b
    Examples:
      bctrl runs invocations $RUN --status failed --action extract
      bctrl runs invocations $RUN --jsonl | jq -r 'select(.error) | .error.code'
    """
    with app.client() as client, failing(f"list invocations of run {run_id}", client):
        items = client.runs.invocations.list(
            run_id, status=cast(Any, _values(status)), action=cast(Any, _values(action)), limit=page_size
        )
        print_listing(app, items, INVOCATIONS, page_size=page_size, limit=limit, as_json=as_json, as_jsonl=as_jsonl)
    return OK


# --- the emulator ---------------------------------------------------------------------


@cli.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []},
    add_help_option=False,
    short_help="Run the local emulator of the API (python -m bctrl.emulator).",
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def emulator(args: Tuple[str, ...]) -> int:
    """Run the local emulator of the API: the same server as ``python -m bctrl.emulator``."""
    try:
        from ..emulator.__main__ import main as emulator_main
    except ImportError as exc:
        raise CommandFailed(Failure(USAGE, f"emulator: {exc}")) from None
    try:
        return emulator_main(list(args), prog="bctrl emulator")
    except SystemExit as done:  # argparse: --help, or bad flags (2)
        return done.code if isinstance(done.code, int) else USAGE
