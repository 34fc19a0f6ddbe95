"""Requests as values: each public method first builds an :class:`Operation`.

Building checks every argument (strictly, against the merged spec) and produces the
generated endpoint module plus its arguments; nothing here does I/O, so the sync and
async clients share all of it and differ only in how they send.
"""

from __future__ import annotations

import math
import uuid
from types import ModuleType
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    FrozenSet,
    Generic,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypeVar,
    Union,
)
from urllib.parse import quote

import attrs

from ._contract import enum_values, parameter, parameter_errors
from ._errors import APIResponseValidationError, OutputValidationError, RequestValidationError
from ._invocation import Invocation, invocation_from_model
from ._results import RawResponse
from ._runtime import Runtime, runtime_from_model
from ._spec import camel, check_body

if TYPE_CHECKING:
    from ._schema import OutputSchema

T = TypeVar("T")


@attrs.frozen
class Operation(Generic[T]):
    """One API call: which generated endpoint, with what arguments, and how to read the answer."""

    name: str
    endpoint: ModuleType
    args: Dict[str, Any]
    convert: Callable[[Any, RawResponse], T]
    """The generated model of a 2xx answer (and the answer itself) -> the value returned."""
    replayable: bool
    """Safe to send again after a failure that may have reached the server."""
    hold_seconds: float = 0.0
    """How long the server may deliberately hold the request (long poll)."""
    output_schema: Optional[OutputSchema] = None
    timeout: Optional[float] = None
    """The most the whole call (every attempt and pause) may take, seconds; ``None``: the client's settings."""


# action -> (wire component = generated model class, kwargs TypedDict, takes an output schema)
ACTIONS: Mapping[str, Tuple[str, str, bool]] = {
    "act": ("ActInvocationRequest", "ActParams", False),
    "observe": ("ObserveInvocationRequest", "ObserveParams", False),
    "extract": ("ExtractInvocationRequest", "ExtractParams", True),
    "stagehandAgent": ("StagehandAgentInvocationRequest", "StagehandAgentParams", True),
    "browserUse": ("BrowserUseInvocationRequest", "BrowserUseParams", True),
    "solveCaptcha": ("SolveCaptchaInvocationRequest", "SolveCaptchaParams", False),
}
SCHEMA_ACTIONS = tuple(a for a, (_c, _p, takes) in ACTIONS.items() if takes)

LEGACY_PROVIDERS: Mapping[str, Tuple[str, str]] = {
    "stagehand": ("LegacyStagehandInvocationRequest", "LegacyStagehandParams"),
    "browserUse": ("LegacyBrowserUseInvocationRequest", "LegacyBrowserUseParams"),
}


def _model(name: str) -> Any:
    from bctrl_api import models

    return getattr(models, name)


def _endpoint(name: str) -> ModuleType:
    import importlib

    return importlib.import_module(f"bctrl_api.api.{name}")


# --- argument checks ------------------------------------------------------------


MAX_ID_LENGTH = 1024


def path_id(value: object, field: str) -> str:
    """An id for a URL path: a non-empty string (or UUID), percent-encoded.

    ``.`` and ``..`` are refused: percent-encoding leaves them as they are, and a URL
    resolver would take them as "this" and "the parent" segment, sending the request to
    another endpoint.
    """
    if isinstance(value, uuid.UUID):
        value = str(value)
    if (
        not isinstance(value, str)
        or not value.strip()
        or value in (".", "..")
        or len(value) > MAX_ID_LENGTH
        or not _encodable(value)
    ):
        shown = repr(value) if not isinstance(value, str) or len(value) <= 80 else f"{len(value)} characters"
        raise RequestValidationError(
            f"{field}: expected a non-empty id string, not '.' or '..', of at most {MAX_ID_LENGTH} "
            f"characters; got {shown}",
            field=field,
            expected="a non-empty id string",
        )
    return quote(value, safe="")


def _encodable(text: str) -> bool:
    """Whether ``text`` can go on the wire as UTF-8 (no lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _jsonable(value: Any, field: str) -> Any:
    """A plain-JSON copy of an argument; generated models become their wire dicts."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict) and callable(getattr(type(value), "from_dict", None)):  # a generated model
        return _jsonable(to_dict(), field)
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str) or not _encodable(k):
                raise RequestValidationError(
                    f"{field}: keys must be UTF-8 strings, got {k!r}", field=field, expected="string keys"
                )
            out[k] = _jsonable(v, f"{field}.{k}")
        return out
    if isinstance(value, (list, tuple)):
        return [_jsonable(v, f"{field}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, str):
        if not _encodable(value):
            raise RequestValidationError(
                f"{field}: not encodable as UTF-8 (lone surrogate)", field=field, expected="a UTF-8 string"
            )
        return value
    if isinstance(value, float) and not math.isfinite(value):
        raise RequestValidationError(f"{field}: {value} is not a JSON number", field=field, expected="a finite number")
    if value is None or isinstance(value, (int, float, bool)):
        return value
    raise RequestValidationError(
        f"{field}: {type(value).__name__} is not JSON-serialisable",
        field=field,
        expected="JSON values, dicts, lists or generated models",
    )


def to_wire(params: Mapping[str, Any], typed: str, what: str) -> Dict[str, Any]:
    """snake_case keyword arguments -> the wire body (camelCase), unknown names refused."""
    from ._params import WIRE_NAMES

    names = WIRE_NAMES[typed]
    wire: Dict[str, Any] = {}
    for key, value in params.items():
        if key not in names:
            import difflib

            guess = difflib.get_close_matches(key, list(names), n=1) or [
                n for n, w in names.items() if w == key or w == camel(key)
            ]
            hint = f"; did you mean {guess[0]!r}?" if guess else f"; accepted: {', '.join(sorted(names))}"
            raise RequestValidationError(
                f"{what}: unexpected argument {key!r}{hint}", field=key, expected=", ".join(sorted(names))
            )
        if value is None:
            continue
        wire[names[key]] = _jsonable(value, names[key])
    return wire


# --- invocations ----------------------------------------------------------------


def create_invocation(
    runtime_id: object,
    action: object,
    params: Mapping[str, Any],
    *,
    schema: Any = None,
    idempotency_key: Optional[str] = None,
) -> Operation[Invocation]:
    rid = path_id(runtime_id, "runtime_id")
    if not isinstance(action, str) or action not in ACTIONS:
        raise RequestValidationError(
            f"action: expected one of {', '.join(ACTIONS)}, got {action!r}", field="action", expected=", ".join(ACTIONS)
        )
    component, typed, takes_schema = ACTIONS[action]
    what = f"{action} invocation"
    wire = {"action": action, **to_wire(params, typed, what)}
    output_schema = None
    if schema is not None:
        if not takes_schema:
            raise RequestValidationError(
                f"schema: the {action!r} action takes no output schema (only {', '.join(SCHEMA_ACTIONS)})",
                field="schema",
                expected=f"no schema for {action}",
            )
        if "outputSchema" in wire:
            raise RequestValidationError(
                "schema: given together with output_schema; pass one of them",
                field="schema",
                expected="either schema= or output_schema=",
            )
        from ._schema import resolve_output_schema

        output_schema = resolve_output_schema(schema)
        wire["outputSchema"] = dict(output_schema.wire)
    elif "outputSchema" in wire:
        from ._schema import resolve_output_schema

        output_schema = resolve_output_schema(wire["outputSchema"], field="output_schema")
        wire["outputSchema"] = dict(output_schema.wire)
    check_body(component, wire, what=what)
    key = _idempotency_key(idempotency_key)
    return Operation(
        name="invocations-create",
        endpoint=_endpoint("subpackage_runtimes.invocations_create"),
        args={"runtime_id": rid, "body": _model(component).from_dict(wire), "idempotency_key": key},
        convert=invocation_from_model if output_schema is None else _remembering(output_schema),
        replayable=True,
        output_schema=output_schema,
    )


CREATE_PATH = ("/v1/runtimes/{runtimeId}/invocations", "post")
LIST_PATH = ("/v1/runs/{runId}/invocations", "get")
RUNTIME_LIST_PATH = ("/v1/runtimes", "get")


def _remembering(schema: OutputSchema) -> Callable[[Any, RawResponse], Invocation[Any]]:
    """Read an invocation that carries ``schema``, so a later wait validates against it."""

    def convert(model: Any, response: RawResponse) -> Invocation[Any]:
        return remember(invocation_from_model(model, response), schema)

    return convert


def remember(invocation: Invocation[Any], schema: Optional[OutputSchema]) -> Invocation[Any]:
    """``invocation`` carrying ``schema``, so that waiting on it later validates against it."""
    if schema is None or invocation.output_schema is schema:
        return invocation
    return attrs.evolve(invocation, output_schema=schema)


def _idempotency_key(key: Optional[str]) -> str:
    """The key to send: the caller's, checked against the contract, or a fresh UUID."""
    if key is None:
        return str(uuid.uuid4())
    rule = parameter(*CREATE_PATH, "Idempotency-Key", "header")["schema"]
    if not isinstance(key, str) or parameter_errors(*CREATE_PATH, "Idempotency-Key", "header", key):
        raise RequestValidationError(
            f"idempotency_key: expected {rule.get('description', 'a valid key')}, got {key!r}",
            field="idempotency_key",
            expected=str(rule.get("description", "a valid key")),
        )
    return key


def wait_invocation(runtime_id: object, invocation_id: object, hold_ms: int) -> Operation[Invocation]:
    body = _model("InvocationWaitRequest")(timeout_ms=hold_ms)
    return Operation(
        name="invocations-wait",
        endpoint=_endpoint("subpackage_runtimes.invocations_wait"),
        args={
            "runtime_id": path_id(runtime_id, "runtime_id"),
            "invocation_id": path_id(invocation_id, "invocation_id"),
            "body": body,
        },
        convert=invocation_from_model,
        replayable=True,
        hold_seconds=hold_ms / 1000.0,
    )


def cancel_invocation(runtime_id: object, invocation_id: object) -> Operation[Invocation]:
    return Operation(
        name="invocations-cancel",
        endpoint=_endpoint("subpackage_runtimes.invocations_cancel"),
        args={
            "runtime_id": path_id(runtime_id, "runtime_id"),
            "invocation_id": path_id(invocation_id, "invocation_id"),
        },
        convert=invocation_from_model,
        replayable=True,  # cancel is idempotent
    )


def get_run_invocation(run_id: object, invocation_id: object) -> Operation[Invocation]:
    return Operation(
        name="invocations-get",
        endpoint=_endpoint("subpackage_runs.invocations_get"),
        args={"run_id": path_id(run_id, "run_id"), "invocation_id": path_id(invocation_id, "invocation_id")},
        convert=invocation_from_model,
        replayable=True,
    )


def retrieve_invocation(invocation_id: object) -> Operation[Invocation]:
    return Operation(
        name="invocations-retrieve",
        endpoint=_endpoint("subpackage_invocations.invocations_retrieve"),
        args={"invocation_id": path_id(invocation_id, "invocation_id")},
        convert=invocation_from_model,
        replayable=True,
    )


@attrs.frozen
class Listing(Generic[T]):
    """One page of a list answer, as read: its items, the cursor of the next, the answer."""

    data: List[T]
    next_cursor: Optional[str]
    response: Optional[RawResponse] = attrs.field(default=None, eq=False, repr=False)


def _invocation_listing(model: Any, response: RawResponse) -> Listing[Invocation[Any]]:
    return _listing(model, response, invocation_from_model)


def _listing(model: Any, response: RawResponse, convert: Callable[[Any, RawResponse], T]) -> Listing[T]:
    from bctrl_api.types import Unset

    cursor = model.next_cursor
    if not isinstance(cursor, (str, Unset)) and cursor is not None:
        raise ValueError(f"nextCursor: expected a string or null, got {cursor!r}")
    return Listing(
        data=[convert(item, response) for item in model.data],
        next_cursor=None if isinstance(cursor, Unset) else cursor,
        response=response,
    )


def _filter(value: Union[None, str, Sequence[str]], field: str, allowed: Sequence[str], enum: str) -> Any:
    from bctrl_api.types import UNSET

    if value is None:
        return UNSET
    values = (
        [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple, set, frozenset)) else None
    )
    if values is None or not values or any(v not in allowed for v in values):
        raise RequestValidationError(
            f"{field}: expected one of {', '.join(allowed)} (or a list of them), got {value!r}",
            field=field,
            expected=", ".join(allowed),
        )
    cls = _model(enum)
    return cls(values[0]) if isinstance(value, str) else [cls(v) for v in values]


def _check_page_args(operation: Tuple[str, str], limit: Optional[int], cursor: Optional[str]) -> None:
    if limit is not None:
        rule = parameter(*operation, "limit", "query")["schema"]
        expected = f"an integer from {rule['minimum']} to {rule['maximum']}"
        wrong_type = not isinstance(limit, int) or isinstance(limit, bool)
        if wrong_type or parameter_errors(*operation, "limit", "query", limit):
            raise RequestValidationError(f"limit: expected {expected}, got {limit!r}", field="limit", expected=expected)
    if cursor is not None and not isinstance(cursor, str):
        raise RequestValidationError(f"cursor: expected a string, got {cursor!r}", field="cursor", expected="a string")


def list_run_invocations(
    run_id: object,
    *,
    status: Union[None, str, Sequence[str]] = None,
    action: Union[None, str, Sequence[str]] = None,
    limit: Optional[int] = None,
    cursor: Optional[str] = None,
) -> Operation[Listing[Invocation[Any]]]:
    from bctrl_api.types import UNSET

    _check_page_args(LIST_PATH, limit, cursor)
    return Operation(
        name="invocations-list",
        endpoint=_endpoint("subpackage_runs.invocations_list"),
        args={
            "run_id": path_id(run_id, "run_id"),
            "status": _filter(status, "status", enum_values("InvocationStatus"), "InvocationStatus"),
            "action": _filter(action, "action", tuple(ACTIONS), "InvocationAction"),
            "cursor": UNSET if cursor is None else cursor,
            "limit": UNSET if limit is None else limit,
        },
        convert=_invocation_listing,
        replayable=True,
    )


# --- runtimes ---------------------------------------------------------------------


# ``owner`` is the client namespace a returned runtime is bound to (for ``with``); see _runtime.


def create_runtime(params: Mapping[str, Any], owner: Any = None) -> Operation[Runtime]:
    wire = to_wire(params, "RuntimeCreateParams", "runtime")
    check_body("RuntimeCreateRequest", wire, what="runtime")
    return Operation(
        name="v-2-runtimes-create",
        endpoint=_endpoint("subpackage_runtimes.v_2_runtimes_create"),
        args={"body": _model("RuntimeCreateRequest").from_dict(wire)},
        convert=_runtime_reader(owner),
        replayable=False,  # no idempotency key: retried only when the server provably did not act
    )


def get_runtime(runtime_id: object, owner: Any = None) -> Operation[Runtime]:
    return Operation(
        name="runtimes-get",
        endpoint=_endpoint("subpackage_runtimes.runtimes_get"),
        args={"runtime_id": path_id(runtime_id, "runtime_id")},
        convert=_runtime_reader(owner),
        replayable=True,
    )


def stop_runtime(runtime_id: object, owner: Any = None, *, timeout: Optional[float] = None) -> Operation[Runtime]:
    return Operation(
        name="runtimes-stop",
        endpoint=_endpoint("subpackage_runtimes.runtimes_stop"),
        args={"runtime_id": path_id(runtime_id, "runtime_id")},
        convert=_runtime_reader(owner),
        replayable=True,  # stop is idempotent
        timeout=timeout,
    )


def delete_runtime(runtime_id: object) -> Operation[None]:
    return Operation(
        name="runtimes-delete",
        endpoint=_endpoint("subpackage_runtimes.runtimes_delete"),
        args={"runtime_id": path_id(runtime_id, "runtime_id")},
        convert=_deleted,
        replayable=True,  # a repeated delete finds the runtime gone: 404, never a second effect
    )


def _deleted(model: Any, response: RawResponse) -> None:
    """A delete answers 200 with the runtime as it was deleted, or 204 without a body (``None``)."""
    if model is not None:
        runtime_from_model(model)  # a 200 body must still be a runtime


def list_runtimes(
    *,
    status: Union[None, str, Sequence[str]] = None,
    limit: Optional[int] = None,
    cursor: Optional[str] = None,
    owner: Any = None,
) -> Operation[Listing[Runtime]]:
    from bctrl_api.types import UNSET

    _check_page_args(RUNTIME_LIST_PATH, limit, cursor)
    read = _runtime_reader(owner)
    return Operation(
        name="runtimes-list",
        endpoint=_endpoint("subpackage_runtimes.runtimes_list"),
        args={
            "status": _filter(status, "status", enum_values("RuntimeStatus"), "RuntimeStatus"),
            "cursor": UNSET if cursor is None else cursor,
            "limit": UNSET if limit is None else limit,
        },
        convert=lambda model, response: _listing(model, response, read),
        replayable=True,
    )


def _runtime_reader(owner: Any) -> Callable[[Any, RawResponse], Runtime]:
    if owner is None:
        return runtime_from_model
    return lambda model, response: runtime_from_model(model, response, owner=owner)


# --- the older, space-scoped contract -----------------------------------------------


def create_legacy_invocation(
    space_id: object,
    runtime_id: object,
    provider: object,
    params: Mapping[str, Any],
    *,
    instruction: Optional[str] = None,
    idempotency_key: Optional[str] = None,
) -> Operation[Any]:
    sid = path_id(space_id, "space_id")
    rid = path_id(runtime_id, "runtime_id")
    if not isinstance(provider, str) or provider not in LEGACY_PROVIDERS:
        raise RequestValidationError(
            f"provider: expected one of {', '.join(LEGACY_PROVIDERS)}, got {provider!r}",
            field="provider",
            expected=", ".join(LEGACY_PROVIDERS),
        )
    component, typed = LEGACY_PROVIDERS[provider]
    what = f"{provider} invocation (space-scoped)"
    wire = to_wire(params, typed, what)
    if instruction is not None:
        if "input" in wire:
            raise RequestValidationError(
                "instruction: given twice (as instruction= and in input=)",
                field="instruction",
                expected="one of instruction= or input=",
            )
        wire["input"] = {"instruction": instruction}
    wire.setdefault("operation", "agent.execute")
    wire["provider"] = provider
    wire["idempotencyKey"] = _idempotency_key(idempotency_key)
    check_body(component, wire, what=what)
    return Operation(
        name="runtimes-invocations-create",
        endpoint=_endpoint("subpackage_spaces.runtimes_invocations_create"),
        args={"id": sid, "runtime_id": rid, "body": _model(component).from_dict(wire)},
        convert=lambda model, response: model,
        replayable=True,
    )


def apply_output_schema(invocation: Invocation[Any], schema: Optional[OutputSchema]) -> Invocation[Any]:
    """Validate a succeeded invocation's output against the schema that was sent.

    Returns the invocation with ``parsed`` set; raises :class:`~bctrl.OutputValidationError`
    listing every mismatch, and likewise when the server itself reported
    ``invocation.output_validation_failed``. Other outcomes are returned unchanged.
    """
    if schema is None:
        return invocation
    invocation = remember(invocation, schema)
    if invocation.error is not None and invocation.error.code == "invocation.output_validation_failed":
        # Raised whatever the status says (a "succeeded" invocation carrying this code included).
        raise OutputValidationError(
            invocation.error.message,
            invocation=invocation,
            code=invocation.error.code,
            details=invocation.error.details,
        )
    if invocation.status != "succeeded":
        return invocation
    from ._schema import output_error

    error = output_error(schema, invocation.output)
    if error is not None:
        error.invocation = invocation
        raise error
    return attrs.evolve(invocation, parsed=schema.parse(invocation.output))


MAX_EMPTY_PAGES = 10
"""Empty pages in a row (each with a next cursor) after which a listing stops with an error."""


@attrs.frozen
class Cursors:
    """The cursors a listing has followed; :meth:`follow` gives the next one and the state after it.

    A server that hands out a cursor a second time, or keeps answering empty pages that
    each point to another one, would make the iteration run for ever: both end it with
    :class:`~bctrl.APIResponseValidationError` naming the cursor. A value, so a page can be
    asked for its next page more than once.
    """

    name: str = "invocations-list"
    seen: FrozenSet[str] = frozenset()
    empty_run: int = 0

    def follow(self, page: Listing[Any]) -> Tuple[Optional[str], Cursors]:
        """The cursor of the page after ``page`` (``None`` after the last) and the new state."""
        cursor = page.next_cursor
        if not cursor:
            return None, self
        if cursor in self.seen:
            raise APIResponseValidationError(
                f"{self.name}: the server returned cursor {cursor!r} a second time", status_code=200
            )
        empty_run = 0 if page.data else self.empty_run + 1
        if empty_run >= MAX_EMPTY_PAGES:
            raise APIResponseValidationError(
                f"{self.name}: {empty_run} empty pages in a row, each with a next cursor "
                f"(the last one {cursor!r}); stopping rather than fetching for ever",
                status_code=200,
            )
        return cursor, Cursors(self.name, self.seen | {cursor}, empty_run)
