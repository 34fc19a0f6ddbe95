"""The generated low-level client: complete, named, and tolerant of newer servers."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import attrs
import pytest
import yaml
from dateutil.parser import isoparse

from bctrl_api import models
from bctrl_api.models import (
    ActInvocationRequest,
    BrowserUseInvocationRequest,
    CustomProxyConfig,
    ExtractInvocationRequest,
    Invocation,
    InvocationStatus,
    InvocationTargetById,
    InvocationTargetPage,
    LegacyBrowserUseConfig,
    LegacyBrowserUseInvocationRequest,
    LegacyStagehandConfig,
    LegacyStagehandInvocationRequest,
    ObserveInvocationRequest,
    RunInvocationListResponse,
    SavedProxyConfig,
    SolveCaptchaInvocationRequest,
    StagehandAgentInvocationRequest,
)

ROOT = Path(__file__).resolve().parent.parent
SPEC = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text())
HTTP = ("get", "put", "post", "delete", "patch")


def _fields(cls: type) -> set[str]:
    return {f.name for f in attrs.fields(cls)}


def _operations():
    for path, item in SPEC["paths"].items():
        for method in HTTP:
            if method in item:
                yield path, method, item[method]


def _module_for(op: dict):
    tag = op["tags"][0]
    name = op["operationId"].replace("-", "_")
    return importlib.import_module(f"bctrl_api.api.{tag}.{name}")


@pytest.mark.parametrize("path,method,op", list(_operations()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_operation_has_an_endpoint_module(path, method, op):
    module = _module_for(op)
    kwargs = module._get_kwargs.__code__.co_varnames
    assert callable(module.sync_detailed) and callable(module.asyncio_detailed)
    # the generated request goes to this very path and method
    args = {p["name"]: "x" for p in op.get("parameters", []) if p["in"] == "path"}
    call = {k if k != "runtimeId" else "runtime_id": v for k, v in args.items()}
    call = {("run_id" if k == "runId" else "invocation_id" if k == "invocationId" else k): v for k, v in call.items()}
    if "body" in kwargs:
        ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        body_cls = getattr(models, ref, None) or ActInvocationRequest
        if ref == "RuntimeInvocationCreateRequest":
            body_cls = ActInvocationRequest
        elif ref == "LegacyInvocationCreateRequest":
            body_cls = LegacyStagehandInvocationRequest
        call["body"] = body_cls.from_dict(_minimal(body_cls))
    built = module._get_kwargs(**call)
    assert built["method"] == method
    assert built["url"] == path.replace("{runtimeId}", "x").replace("{runId}", "x").replace(
        "{invocationId}", "x"
    ).replace("{id}", "x")


def _minimal(cls):
    return {
        ActInvocationRequest: {"action": "act"},
        LegacyStagehandInvocationRequest: {
            "input": {"instruction": "i"},
            "operation": "agent.execute",
            "provider": "stagehand",
        },
        models.RuntimeCreateRequest: {"spaceId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "type": "browser"},
        models.InvocationWaitRequest: {"timeoutMs": 5},
    }.get(cls, {})


def test_each_variant_has_its_own_model_with_its_seed_fields():
    assert {"max_failures", "use_vision", "sensitive_data", "max_steps", "step_timeout_ms", "output_schema"} <= _fields(
        BrowserUseInvocationRequest
    )
    assert {"stagehand_action", "instruction", "timeout_ms"} <= _fields(ActInvocationRequest)
    assert {"selector", "output_schema"} <= _fields(ExtractInvocationRequest)
    assert {"selector", "instruction"} <= _fields(ObserveInvocationRequest)
    assert {"target", "timeout_ms"} <= _fields(SolveCaptchaInvocationRequest)
    assert {"highlight_cursor", "system_prompt", "tool_ids", "toolset_id", "variables"} <= _fields(
        StagehandAgentInvocationRequest
    )
    # both legacy providers, each with its own config
    assert {"config", "input_", "operation", "provider", "options"} <= _fields(LegacyStagehandInvocationRequest)
    assert {"config", "input_", "operation", "provider"} <= _fields(LegacyBrowserUseInvocationRequest)
    assert {"execution_model", "system_prompt"} <= _fields(LegacyStagehandConfig)
    assert {"fallback_llm", "page_extraction_llm", "use_judge", "max_failures"} <= _fields(LegacyBrowserUseConfig)
    # both proxy modes, both target forms
    assert {"host", "port", "protocol", "username", "password"} <= _fields(CustomProxyConfig)
    assert {"id", "overrides"} <= _fields(SavedProxyConfig)
    assert {"id"} <= _fields(InvocationTargetById)
    assert {m.value for m in InvocationTargetPage} == {"active", "new"}


def _examples():
    for p in sorted((ROOT / "spec" / "examples").glob("*.json")):
        yield p.name, json.loads(p.read_text())


REQUEST_MODELS = {
    "invocations-create": lambda body: getattr(models, _variant(body["action"])),
    "runtimes-invocations-create": lambda body: LegacyStagehandInvocationRequest,
    "v-2-runtimes-create": lambda body: models.RuntimeCreateRequest,
}
RESPONSE_MODELS = {
    "invocations-create": Invocation,
    "invocations-list": RunInvocationListResponse,
}


def _instants(value):
    """``value`` with every ``...At`` timestamp parsed: a round trip keeps the instant, not
    the spelling (``Z`` comes back as ``+00:00``)."""
    if isinstance(value, dict):
        return {k: isoparse(v) if k.endswith("At") and isinstance(v, str) else _instants(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_instants(v) for v in value]
    return value


def _variant(action: str) -> str:
    return action[0].upper() + action[1:] + "InvocationRequest"


@pytest.mark.parametrize("name,example", list(_examples()), ids=lambda v: v if isinstance(v, str) else "")
def test_seed_examples_round_trip(name, example):
    checked = 0
    op = example["operationId"]
    if op in REQUEST_MODELS and example.get("request"):
        cls = REQUEST_MODELS[op](example["request"])
        assert cls.from_dict(example["request"]).to_dict() == example["request"]
        checked += 1
    if "response" in example:
        cls = RESPONSE_MODELS[op]
        assert _instants(cls.from_dict(example["response"]).to_dict()) == _instants(example["response"])
        checked += 1
    assert checked >= 1


INVOCATION = {
    "action": "extract",
    "createdAt": "2024-06-01T12:00:00Z",
    "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "runId": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    "runtimeId": "1c9e6679-7425-40de-944b-e07fc1f90ae7",
    "status": "queued",
}


def test_unknown_status_parses_and_keeps_its_value():
    inv = Invocation.from_dict({**INVOCATION, "status": "paused"})
    assert inv.status == "paused"
    assert inv.status.value == "paused"
    assert isinstance(inv.status, InvocationStatus)
    assert inv.to_dict()["status"] == "paused"
    assert InvocationStatus("running") is InvocationStatus.RUNNING


def test_unknown_error_code_parses_and_keeps_its_value():
    body = {**INVOCATION, "status": "failed", "error": {"code": "invocation.timeout", "message": "slow"}}
    inv = Invocation.from_dict(body)
    assert isinstance(inv.error, models.InvocationError)
    assert inv.error.code == "invocation.timeout"
    assert _instants(inv.to_dict()) == _instants(body)


def test_unknown_action_and_extra_fields_are_kept():
    body = {**INVOCATION, "action": "summarize", "priority": 3, "labels": {"a": 1}}
    inv = Invocation.from_dict(body)
    assert inv.action.value == "summarize"
    assert inv.additional_properties == {"priority": 3, "labels": {"a": 1}}
    assert _instants(inv.to_dict()) == _instants(body)


def test_non_string_enum_value_still_fails():
    with pytest.raises(ValueError):
        InvocationStatus(3)
