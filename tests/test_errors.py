"""The error table: which exception a non-2xx answer or a failed invocation becomes."""

from __future__ import annotations

import datetime as dt
import pickle

import httpx
import pytest
from _mock import INV, RT, RUN, MockAPI, error_body, json_response

import bctrl
from bctrl import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BctrlError,
    ConflictError,
    IdempotencyConflictError,
    InternalServerError,
    Invocation,
    InvocationCancelledError,
    InvocationError,
    InvocationErrorInfo,
    InvocationTimedOutError,
    NotFoundError,
    OutputSchemaInvalidError,
    OutputValidationError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    RequestValidationError,
    RuntimeNotExecutableError,
    ServiceUnavailableError,
    WaitTimeoutError,
)
from bctrl._errors import api_error_class, invocation_error_class
from bctrl._transport import api_error

TABLE = [
    (400, "invocation.bad_input", "invalid_input", BadRequestError),
    (401, "auth.invalid_api_key", "unauthorized", AuthenticationError),
    (402, "browser.concurrent_quota_exceeded", "capability_limit_exceeded", QuotaExceededError),
    (403, "auth.forbidden", "capability_denied", PermissionDeniedError),
    (404, "runtime.not_found", "not_found", NotFoundError),
    (409, "runtime.busy", "conflict", ConflictError),
    (429, "rate_limit.exceeded", "rate_limited", RateLimitError),
    (500, "server.internal", "server", InternalServerError),
    (503, "runtime.host_unavailable", "upstream", ServiceUnavailableError),
]


def _response(status: int, body=None, *, content: bytes | None = None, headers=None) -> httpx.Response:
    request = httpx.Request("GET", f"https://api.bctrl.ai/v1/invocations/{INV}")
    if content is not None:
        return httpx.Response(status, content=content, headers=headers, request=request)
    return httpx.Response(status, json=body, headers=headers, request=request)


@pytest.mark.parametrize(("status", "code", "reason", "cls"), TABLE)
def test_error_table_fields_populated(status, code, reason, cls):
    body = error_body(
        code,
        reason,
        f"the message for {status}",
        hint="try again differently",
        details={"runtimeId": RT, "n": 3},
        request_id="req_123",
    )
    err = api_error(_response(status, body))
    assert type(err) is cls
    assert isinstance(err, APIError)
    assert isinstance(err, BctrlError)
    assert err.status_code == status
    assert err.code == code
    assert err.reason_class == reason
    assert err.message == f"the message for {status}"
    assert err.hint == "try again differently"
    assert err.details == {"runtimeId": RT, "n": 3}
    assert err.request_id == "req_123"
    text = str(err)
    assert str(status) in text and code in text and f"the message for {status}" in text


@pytest.mark.parametrize(("status", "code", "reason", "cls"), TABLE)
def test_error_table_through_the_client(status, code, reason, cls):
    api = MockAPI().queue("get", json_response(status, error_body(code, reason, "nope", request_id="req_9")))
    client = api.client(max_retries=0)
    with pytest.raises(cls) as info:
        client.invocations.get(INV)
    assert type(info.value) is cls
    assert info.value.status_code == status
    assert info.value.code == code
    assert info.value.request_id == "req_9"
    assert len(api.requests) == 1


@pytest.mark.parametrize(("status", "_code", "_reason", "cls"), TABLE)
def test_status_alone_picks_the_class(status, _code, _reason, cls):
    assert api_error_class(status, None, None) is cls
    assert api_error_class(status, "some.unknown_code", "some_unknown_reason") is cls


def test_code_beats_reason_class_and_status():
    err = api_error(_response(400, error_body("invocation.output_schema_invalid", "invalid_input", "bad schema")))
    assert type(err) is OutputSchemaInvalidError
    assert isinstance(err, BadRequestError)
    err = api_error(_response(409, error_body("idempotency.conflict", "conflict", "key reused")))
    assert type(err) is IdempotencyConflictError
    assert isinstance(err, ConflictError)
    # code wins even when reasonClass and status point elsewhere
    err = api_error(_response(500, error_body("idempotency.conflict", "server", "odd")))
    assert type(err) is IdempotencyConflictError


@pytest.mark.parametrize(
    ("status", "reason", "cls"),
    [
        (400, "rate_limited", RateLimitError),
        (500, "upstream", ServiceUnavailableError),
        (403, "not_found", NotFoundError),
        (418, "conflict", ConflictError),
    ],
)
def test_reason_class_beats_status(status, reason, cls):
    err = api_error(_response(status, error_body("x.y", reason, "m")))
    assert type(err) is cls
    assert err.status_code == status


def test_unknown_status_is_plain_api_error():
    err = api_error(_response(418, error_body("teapot.short_and_stout", "teapot", "I am a teapot")))
    assert type(err) is APIError
    assert err.status_code == 418
    assert err.code == "teapot.short_and_stout"
    assert err.reason_class == "teapot"
    assert err.message == "I am a teapot"


def test_html_502_page_gives_short_excerpt():
    html = "<html><head><title>502 Bad Gateway</title></head><body>" + "<p>upstream broke</p>" * 200 + "</body></html>"
    err = api_error(_response(502, content=html.encode(), headers={"content-type": "text/html"}))
    assert type(err) is APIError
    assert err.status_code == 502
    assert err.code is None and err.reason_class is None
    assert "502 Bad Gateway" in err.message
    # message = reason phrase + excerpt; the excerpt itself is at most 200 characters
    excerpt = err.message.split(": ", 1)[1]
    assert len(excerpt) <= 200
    assert len(err.message) < 260


def test_html_502_through_client_is_api_error_not_keyerror():
    api = MockAPI().queue("get", httpx.Response(502, text="<html><body>Bad gateway</body></html>"))
    client = api.client(max_retries=0)
    with pytest.raises(APIError) as info:
        client.invocations.get(INV)
    assert info.value.status_code == 502
    assert "Bad gateway" in info.value.message


@pytest.mark.parametrize(
    "body",
    [
        {"error": "no code here"},
        {"code": 42, "error": "code not a string"},
        ["a", "list"],
        "just a string",
    ],
)
def test_json_body_that_is_not_an_error_response(body):
    err = api_error(_response(404, body))
    assert type(err) is NotFoundError
    assert err.code is None
    assert err.status_code == 404


def test_empty_body():
    err = api_error(_response(503, content=b""))
    assert type(err) is ServiceUnavailableError
    assert err.status_code == 503
    assert err.code is None
    assert "empty body" in err.message


def test_error_response_with_only_code():
    err = api_error(_response(404, {"code": "runtime.not_found"}))
    assert type(err) is NotFoundError
    assert err.message == "runtime.not_found"
    assert err.details == {}
    assert err.hint is None


def test_request_id_from_header_when_body_has_none():
    err = api_error(_response(404, error_body("runtime.not_found", "not_found"), headers={"x-request-id": "hdr-1"}))
    assert err.request_id == "hdr-1"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After": "1.5"}, 1.5),
        ({"Retry-After-Ms": "250"}, 0.25),
        ({}, None),
        ({"Retry-After": "soon"}, None),
    ],
)
def test_rate_limit_retry_after(headers, expected):
    err = api_error(_response(429, error_body("rate_limit.exceeded", "rate_limited", "slow down"), headers=headers))
    assert type(err) is RateLimitError
    assert err.retry_after == expected


def test_rate_limit_retry_after_http_date():
    when = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=120)
    date = when.strftime("%a, %d %b %Y %H:%M:%S GMT")
    err = api_error(_response(429, error_body("rate_limit.exceeded", "rate_limited"), headers={"Retry-After": date}))
    assert err.retry_after is not None
    assert 100 <= err.retry_after <= 121


# --- class hierarchy -----------------------------------------------------------------


@pytest.mark.parametrize("name", bctrl._errors.__all__)
def test_every_exception_subclasses_bctrl_error(name):
    cls = getattr(bctrl, name)
    if isinstance(cls, type) and issubclass(cls, BaseException):
        assert issubclass(cls, BctrlError)


def test_hierarchy_specifics():
    assert issubclass(RequestValidationError, ValueError)
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(OutputSchemaInvalidError, BadRequestError)
    assert issubclass(IdempotencyConflictError, ConflictError)
    assert issubclass(WaitTimeoutError, TimeoutError)
    for cls in (InvocationTimedOutError, InvocationCancelledError, OutputValidationError):
        assert issubclass(cls, InvocationError)
    assert not issubclass(InvocationError, APIError)


# --- invocation outcomes ---------------------------------------------------------------


def _inv(status: str, code: str | None = None, message: str = "it broke", details=None) -> Invocation:
    error = None if code is None else InvocationErrorInfo(code=code, message=message, details=details or {})
    return Invocation(
        id=INV,
        status=status,
        action="extract",
        run_id=RUN,
        runtime_id=RT,
        created_at=dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc),
        error=error,
    )


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        ("failed", "invocation.failed", InvocationError),
        ("failed", "invocation.stagehand_failed", InvocationError),
        ("timed_out", "invocation.timed_out", InvocationTimedOutError),
        ("timed_out", None, InvocationTimedOutError),
        ("cancelled", "invocation.cancelled", InvocationCancelledError),
        ("cancelled", None, InvocationCancelledError),
        ("failed", "invocation.output_validation_failed", OutputValidationError),
        ("failed", "invocation.timeout", InvocationTimedOutError),
    ],
)
def test_raise_for_failure(status, code, cls):
    inv = _inv(status, code, "boom", {"step": 3})
    with pytest.raises(InvocationError) as info:
        inv.raise_for_failure()
    err = info.value
    assert type(err) is cls
    assert err.invocation is inv
    assert err.code == code
    if code is not None:
        assert err.details == {"step": 3}
        assert err.message == "boom"
        assert code in str(err)
    else:
        assert status in err.message
    assert INV in str(err)
    assert inv.error_for_failure() is not None


def test_invocation_error_class_fallbacks():
    assert invocation_error_class("failed", None) is InvocationError
    assert invocation_error_class("failed", "invocation.brand_new_code") is InvocationError
    assert invocation_error_class("timed_out", "invocation.brand_new_code") is InvocationTimedOutError


@pytest.mark.parametrize("status", ["succeeded", "queued", "running", "cancelling", "paused"])
def test_raise_for_failure_returns_self_when_not_failed(status):
    inv = _inv(status)
    assert inv.raise_for_failure() is inv
    assert inv.error_for_failure() is None


# --- pickling ---------------------------------------------------------------------------


def test_runtime_not_executable_is_a_conflict_of_its_own():
    err = api_error(_response(409, error_body("runtime.not_executable", "conflict", "Runtime is stopped.")))
    assert type(err) is RuntimeNotExecutableError
    assert isinstance(err, ConflictError)
    assert err.code == "runtime.not_executable" and err.status_code == 409
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is RuntimeNotExecutableError and vars(back) == vars(err)


@pytest.mark.parametrize(("status", "code", "reason", "cls"), TABLE)
def test_api_error_pickle_roundtrip(status, code, reason, cls):
    err = api_error(
        _response(
            status,
            error_body(code, reason, "msg", hint="h", details={"a": [1, 2]}, request_id="r1"),
            headers={"Retry-After": "3"},
        )
    )
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert vars(back) == vars(err)
    assert str(back) == str(err)
    assert back.retry_after == 3.0


@pytest.mark.parametrize(
    "err",
    [
        APIResponseValidationError("bad body", status_code=200, request_id="r2"),
        WaitTimeoutError("too slow", invocation_id=INV, cancelled=True),
        RequestValidationError("bad", field="maxSteps", expected="integer"),
        InvocationError("failed", code="invocation.failed", details={"x": 1}),
        APITimeoutError("timed out"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_other_errors_pickle_roundtrip(err):
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err)
    assert str(back) == str(err)
    assert {k: v for k, v in vars(back).items() if k != "invocation"} == {
        k: v for k, v in vars(err).items() if k != "invocation"
    }
