"""The merge of spec/fragments into one spec: folding, naming, and refusing conflicts."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import merge_spec  # noqa: E402

HTTP = ("get", "put", "post", "delete", "patch")


@pytest.fixture(scope="module")
def fragments():
    return merge_spec.load_fragments()


@pytest.fixture(scope="module")
def merged():
    return merge_spec.build()


def test_every_fragment_operation_is_in_the_merged_spec(fragments, merged):
    seen = 0
    for name, doc in fragments:
        for path, item in doc["paths"].items():
            for method in HTTP:
                if method in item:
                    seen += 1
                    assert method in merged["paths"][path], f"{name}: {method.upper()} {path} lost"
                    assert merged["paths"][path][method]["operationId"] == item[method]["operationId"]
    assert seen == 8


def test_merged_spec_is_valid_openapi(merged):
    from openapi_spec_validator import validate

    validate(merged)


def test_identical_shared_schemas_become_one(merged):
    schemas = merged["components"]["schemas"]
    # ErrorResponse is repeated by four fragments; the status enum by three under five names.
    assert "ErrorResponse" in schemas
    assert "InvocationStatus" in schemas
    assert not [n for n in schemas if n.startswith(("InvocationSummaryStatus", "V1Runs", "V2Runtimes"))]
    statuses = [n for n, s in schemas.items() if s.get("enum") and "timed_out" in s["enum"]]
    assert statuses == ["InvocationStatus"]


def test_names_are_chosen_not_machine_made(merged):
    schemas = merged["components"]["schemas"]
    for name in (
        "ActInvocationRequest",
        "BrowserUseInvocationRequest",
        "ExtractInvocationRequest",
        "ObserveInvocationRequest",
        "SolveCaptchaInvocationRequest",
        "StagehandAgentInvocationRequest",
        "InvocationTarget",
        "RuntimeProxyConfig",
        "CustomProxyConfig",
        "SavedProxyConfig",
        "LegacyBrowserUseConfig",
        "LegacyStagehandConfig",
        "Runtime",
        "RuntimeCreateRequest",
    ):
        assert name in schemas, name
        assert schemas[name]["title"] == name
    assert all(len(n) <= 40 for n in schemas), [n for n in schemas if len(n) > 40]
    disc = schemas["RuntimeInvocationCreateRequest"]["discriminator"]
    assert disc["mapping"]["browserUse"] == "#/components/schemas/BrowserUseInvocationRequest"


def test_authorization_header_becomes_bearer_security(merged):
    assert merged["security"] == [{"bearerAuth": []}]
    for item in merged["paths"].values():
        for method in HTTP:
            if method in item:
                op = item[method]
                names = [p["name"].lower() for p in op.get("parameters", [])]
                assert "authorization" not in names
                assert op["security"] == [{"bearerAuth": []}]


def test_servers_descriptions_and_examples_are_kept(merged):
    assert [s["url"] for s in merged["servers"]] == ["https://api.bctrl.ai", "http://localhost:8787"]
    assert merged["servers"][1]["description"] == "Local development gateway"
    create = merged["paths"]["/v1/runtimes/{runtimeId}/invocations"]["post"]
    assert create["description"].startswith("Submit durable AI work")
    example = create["responses"]["202"]["content"]["application/json"]["examples"]
    assert next(iter(example.values()))["value"]["status"] == "queued"


def _doctored(tmp_path: Path, mutate) -> Path:
    folder = tmp_path / "fragments"
    folder.mkdir()
    for p in sorted(merge_spec.FRAGMENTS.glob("*.yaml")):
        doc = yaml.safe_load(p.read_text())
        if p.name.startswith("002"):
            mutate(doc)
        (folder / p.name).write_text(yaml.safe_dump(doc))
    return folder


def test_conflicting_duplicate_stops_the_merge(tmp_path):
    def mutate(doc):
        doc["components"]["schemas"]["ErrorResponse"]["required"] = ["code"]

    folder = _doctored(tmp_path, mutate)
    with pytest.raises(merge_spec.MergeError) as info:
        merge_spec.build(fragments_dir=folder)
    text = str(info.value)
    assert "ErrorResponse" in text
    assert "002_run_invocations_list.yaml" in text
    assert "differ" in text


def test_cli_reports_conflict_and_exits_nonzero(tmp_path, monkeypatch, capsys):
    def mutate(doc):
        doc["components"]["schemas"]["InvocationSummaryStatus"]["enum"].append("paused")

    folder = _doctored(tmp_path, mutate)
    monkeypatch.setattr(merge_spec, "FRAGMENTS", folder)
    code = merge_spec.main(["--out", str(tmp_path / "out.yaml"), "--package-copy", str(tmp_path / "out.json")])
    assert code == 1
    err = capsys.readouterr().err
    assert "InvocationStatus" in err and "conflicting" in err
    assert not (tmp_path / "out.yaml").exists()


def test_unnamed_inline_variant_stops_the_merge(tmp_path):
    def mutate(doc):
        schemas = doc["components"]["schemas"]
        schemas["InvocationSummary"] = {
            "oneOf": [{"type": "object", "properties": {"kind": {"type": "string", "enum": ["x"]}}}],
            "discriminator": {"propertyName": "kind"},
        }

    folder = _doctored(tmp_path, mutate)
    with pytest.raises(merge_spec.MergeError, match="add it to VARIANTS"):
        merge_spec.build(fragments_dir=folder)


def test_machine_titled_schema_left_unnamed_stops_the_merge(tmp_path):
    def mutate(doc):
        schemas = doc["components"]["schemas"]
        schemas["V1RunsRunIdInvocationsGetParametersNewThing"] = {"type": "string"}

    folder = _doctored(tmp_path, mutate)
    with pytest.raises(merge_spec.MergeError, match="machine-made name"):
        merge_spec.build(fragments_dir=folder)


def test_duplicate_operation_stops_the_merge():
    frags = merge_spec.load_fragments()
    twice = [*frags, ("copy.yaml", copy.deepcopy(frags[0][1]))]
    with pytest.raises(merge_spec.MergeError, match="defined twice"):
        merge_spec.merge(twice)


def test_operations_document_their_error_responses(merged):
    runtime_create = merged["paths"]["/v2/runtimes"]["post"]["responses"]
    for status in ("400", "401", "409", "429", "500"):
        assert runtime_create[status]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorResponse"
        }
        assert runtime_create[status]["x-bctrl-merged"] is True
    # what a page documents itself is left as it is
    create = merged["paths"]["/v1/runtimes/{runtimeId}/invocations"]["post"]["responses"]
    assert "x-bctrl-merged" not in create["404"]
    assert "runtime.not_found" in create["404"]["description"]
