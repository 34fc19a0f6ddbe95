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
    assert seen == 12


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


# --- the contract overlay ---------------------------------------------------------------


def _merged_nodes(node, path=()):
    """Every object in the document that carries ``x-bctrl-merged``, with its path."""
    if isinstance(node, dict):
        if "x-bctrl-merged" in node:
            yield path, node
        for key, value in node.items():
            yield from _merged_nodes(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _merged_nodes(value, (*path, index))


def test_every_overlay_addition_is_marked_and_present(merged, fragments):
    nodes = list(_merged_nodes(merged))
    assert len(nodes) > 50
    for path, node in nodes:
        mark = node["x-bctrl-merged"]
        assert mark is True or (isinstance(mark, list) and mark), path
        if isinstance(mark, list):
            assert all(keyword in node for keyword in mark), (path, mark)
    # no fragment carries these keywords where the merge says it added them
    raw = yaml.safe_dump([doc for _name, doc in fragments])
    assert "x-bctrl-merged" not in raw and "additionalProperties: false" not in raw


def _schema(merged, name):
    return merged["components"]["schemas"][name]


def _op(merged, op_id):
    for item in merged["paths"].values():
        for method in HTTP:
            if method in item and item[method]["operationId"] == op_id:
                return item[method]
    raise KeyError(op_id)


def test_request_objects_are_closed_and_responses_open(merged):
    for name in ("ActInvocationRequest", "RuntimeCreateRequest", "RuntimeConfig", "InvocationWaitRequest"):
        assert _schema(merged, name)["additionalProperties"] is False, name
        assert _schema(merged, name)["x-bctrl-merged"] == ["additionalProperties"]
    for name in ("Invocation", "InvocationSummary", "Runtime", "ErrorResponse", "LegacyInvocation"):
        assert "additionalProperties" not in _schema(merged, name), name
    # a free-form map stays free-form
    assert _schema(merged, "InvocationMetadata").get("additionalProperties") is not False


def test_every_timestamp_is_a_date_time(merged):
    seen = 0
    for name, schema in merged["components"]["schemas"].items():
        for prop, sub in (schema.get("properties") or {}).items():
            if prop.endswith("At") and "string" in str(sub.get("type")):
                assert sub.get("format") == "date-time", f"{name}.{prop}"
                seen += 1
    assert seen >= 10
    assert _schema(merged, "Invocation")["properties"]["createdAt"]["x-bctrl-merged"] == ["format"]


def test_parameters_and_bodies_state_the_rules(merged):
    create = _op(merged, "invocations-create")
    key = next(p for p in create["parameters"] if p["name"] == "Idempotency-Key")["schema"]
    assert (key["minLength"], key["maxLength"]) == (1, 255)
    legacy = _schema(merged, "LegacyBrowserUseInvocationRequest")["properties"]["idempotencyKey"]
    assert legacy["pattern"] == key["pattern"]
    listing = _op(merged, "invocations-list")
    limit = next(p for p in listing["parameters"] if p["name"] == "limit")["schema"]
    assert (limit["minimum"], limit["maximum"], limit["default"]) == (1, 100, 50)
    for name in ("status", "action"):
        param = next(p for p in listing["parameters"] if p["name"] == name)
        assert (param["style"], param["explode"]) == ("form", True)
    for op_id in ("invocations-create", "runtimes-invocations-create", "v-2-runtimes-create"):
        assert _op(merged, op_id)["requestBody"]["required"] is True, op_id
        assert _op(merged, op_id)["responses"]["415"]["x-bctrl-merged"] is True
    assert _op(merged, "invocations-wait")["requestBody"].get("required") is not True
    cancel = _op(merged, "invocations-cancel")
    assert "requestBody" not in cancel and cancel["responses"]["400"]["x-bctrl-merged"] is True


def test_idempotency_key_pattern_accepts_what_http_can_carry():
    import re

    pattern = re.compile(merge_spec.PRINTABLE_TOKEN)
    for good in ("a", "order-42", "key with inner spaces", "~" * 255, "!"):
        assert pattern.fullmatch(good), good
    for bad in ("", " a", "a ", "tab\there", "caf\u00e9", "line\nbreak", "\x7f"):
        assert not pattern.fullmatch(bad), bad


def test_links_name_real_operations_and_parameters(merged):
    ops = {}
    for item in merged["paths"].values():
        for method in HTTP:
            if method in item:
                ops[item[method]["operationId"]] = item[method]
    count = 0
    for op in ops.values():
        for response in op["responses"].values():
            for link in response.get("links", {}).values():
                target = ops[link["operationId"]]
                names = {p["name"] for p in target.get("parameters", [])}
                assert set(link["parameters"]) <= names, link
                count += 1
    assert count == 15


def test_a_schema_shared_by_requests_and_responses_is_not_closed():
    frags = merge_spec.load_fragments()
    doc = merge_spec.merge(frags)
    # make the runtime answer reuse a request object
    doc["components"]["schemas"]["Runtime"]["properties"]["config"] = {"$ref": "#/components/schemas/RuntimeConfig"}
    with pytest.raises(merge_spec.MergeError, match="used by requests and responses alike"):
        merge_spec.apply_contract(doc)


def test_examples_match_their_schemas(merged):
    """Every example in the merged document validates against the schema beside it."""
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    uri = "urn:bctrl:merged"
    registry = Registry().with_resource(uri, Resource.from_contents(merged, default_specification=DRAFT202012))
    checked = 0
    for path, item in merged["paths"].items():
        for method in HTTP:
            op = item.get(method)
            if op is None:
                continue
            media = [op.get("requestBody", {}).get("content", {}).get("application/json", {})]
            media += [r.get("content", {}).get("application/json", {}) for r in op["responses"].values()]
            for entry in media:
                schema = entry.get("schema")
                for label, example in (entry.get("examples") or {}).items():
                    wrapped = {**schema, "$ref": uri + schema["$ref"]} if "$ref" in schema else schema
                    validator = Draft202012Validator(wrapped, registry=registry, format_checker=FormatChecker())
                    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(example["value"])]
                    assert not errors, f"{method.upper()} {path} example {label}: {errors}"
                    checked += 1
    assert checked == 5
