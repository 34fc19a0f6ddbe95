"""Merge the OpenAPI fragments in ``spec/fragments/`` into one spec.

Each fragment is a self-contained OpenAPI 3.1 document (the vendor's pages copied
unchanged, plus our own fragment for the operations they do not cover).  The merge:

* renames machine-titled components to the names in ``RENAMES``;
* hoists inline ``oneOf`` variants and inline request bodies into named components
  (``VARIANTS``, ``REQUEST_BODIES``);
* folds schemas that end up under one name into one when they are identical
  (ignoring ``title``) and stops with a clear message when they are not;
* states as ``anyOf`` the unions listed in ``ANY_OF`` (a branch accepts any object);
* replaces the ``Authorization`` header parameter of every operation with the
  ``bearerAuth`` security requirement the fragments already declare;
* documents the standard ``ErrorResponse`` answers an operation lacks (``STANDARD_ERRORS``);
* states the contract the SDK checks and the emulator enforces where the pages are silent
  (:func:`apply_contract`: closed request objects, timestamp formats, header and query
  constraints, required bodies, content types, links between operations);
* attaches the request and response examples of ``spec/examples/``;
* refuses any component name that still looks machine-made, and validates the
  result with ``openapi-spec-validator``.

Usage: ``python scripts/merge_spec.py [--out spec/openapi.yaml]``.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
FRAGMENTS = ROOT / "spec" / "fragments"
EXAMPLES = ROOT / "spec" / "examples"
OUT = ROOT / "spec" / "openapi.yaml"
PACKAGE_COPY = ROOT / "bctrl" / "openapi.json"

Schema = Dict[str, Any]

_REQ = "V1SpacesIdRuntimesRuntimeIdInvocationsPostRequestBodyContentApplicationJsonSchema"
_RESP = "V1SpacesIdRuntimesRuntimeIdInvocationsPostResponsesContentApplicationJsonSchema"
_RT_REQ = "V2RuntimesPostRequestBodyContentApplicationJsonSchema"
_RT_RESP = "V2RuntimesPostResponsesContentApplicationJsonSchema"
_INV = "RuntimeInvocationCreateRequestDiscriminatorMapping"
_LIST = "V1RunsRunIdInvocationsGetParameters"


def _renames() -> Dict[str, str]:
    """Seed component name -> the name a person would choose.

    Several seed names may map to one name: the merge then checks that they are
    really the same schema.
    """
    r: Dict[str, str] = {}
    # --- 000: simplified invocation contract -------------------------------
    for variant, prefix in [
        ("Act", _INV + "Act"),
        ("BrowserUse", _INV + "BrowserUse"),
        ("Extract", _INV + "Extract"),
        ("Observe", _INV + "Observe"),
        ("SolveCaptcha", "SolveCaptchaRequest"),
        ("StagehandAgent", "StagehandAgentRequest"),
    ]:
        r[prefix + "Metadata"] = "InvocationMetadata"
        r[prefix + "Target"] = "InvocationTarget"
        r[prefix + "Target0"] = "InvocationTargetPage"
        r[prefix + "Target1"] = "InvocationTargetById"
        if variant in ("BrowserUse", "StagehandAgent"):
            r[prefix + "FilesItems"] = "InvocationFile"
    r[_INV + "ActStagehandAction"] = "StagehandAction"
    r[_INV + "BrowserUseSensitiveData"] = "BrowserUseSensitiveData"
    r[_INV + "BrowserUseUseVision"] = "UseVision"
    r[_INV + "BrowserUseVisionDetailLevel"] = "VisionDetailLevel"
    r["StagehandAgentRequestVariables"] = "StagehandAgentVariables"
    # --- 001: older space-scoped contract ------------------------------------
    for n, provider in [("0", "Stagehand"), ("1", "BrowserUse")]:
        p = f"{_REQ}OneOf{n}"
        r[f"{p}Config"] = f"Legacy{provider}Config"
        r[f"{p}FilesItems"] = "LegacyInvocationFile"
        r[f"{p}FilesItems0"] = "LegacyStorageFile"
        r[f"{p}FilesItems1"] = "LegacyUploadedFile"
        r[f"{p}Input"] = "LegacyInvocationInput"
        r[f"{p}Options"] = f"Legacy{provider}Options"
        r[f"{p}Target"] = "LegacyInvocationTarget"
        r[f"SpacesRuntimesInvocationsCreateRequest{n}"] = f"Legacy{provider}InvocationRequest"
    for model in (
        "OneOf0ConfigExecutionModel",
        "OneOf0ConfigModel",
        "OneOf1ConfigFallbackLlm",
        "OneOf1ConfigLlm",
        "OneOf1ConfigPageExtractionLlm",
    ):
        r[f"{_REQ}{model}"] = "LegacyModelSelection"
        r[f"{_REQ}{model}0"] = "LegacyModelConnection"
        r[f"{_REQ}{model}1"] = "LegacyModelCredentials"
        r[f"{_REQ}{model}OneOf1Provider"] = "LegacyModelProvider"
    r[f"{_REQ}OneOf0OptionsVariables"] = "LegacyStagehandVariable"
    r[f"{_REQ}OneOf0OptionsVariables0"] = "LegacyVariableValue"
    r[f"{_REQ}OneOf0OptionsVariablesOneOf1Value"] = "LegacyVariableValue"
    r[f"{_REQ}OneOf0OptionsVariables1"] = "LegacyDescribedVariable"
    r[f"{_REQ}OneOf1ConfigGenerateGif"] = "LegacyGenerateGif"
    r[f"{_REQ}OneOf1ConfigSensitiveData"] = "LegacySensitiveDataValue"
    r[f"{_REQ}OneOf1ConfigUseVision"] = "UseVision"
    r[f"{_REQ}OneOf1ConfigVisionDetailLevel"] = "VisionDetailLevel"
    r["spaces_runtimesInvocationsCreate_Request"] = "LegacyInvocationCreateRequest"
    r["spaces_runtimesInvocationsCreate_Response_202"] = "LegacyInvocation"
    for seed, name in [
        ("Error", "LegacyInvocationError"),
        ("ExecutionMode", "LegacyExecutionMode"),
        ("Progress", "LegacyInvocationProgress"),
        ("RequestStepsItemsOptions", "LegacyStepOptions"),
        ("RequestStepsItems", "LegacyStep"),
        ("Request", "LegacyInvocationRequestRecord"),
        ("ResultStepsItemsOneOf0BindingType", "LegacyBindingType"),
        ("ResultStepsItemsOneOf0Binding", "LegacyStepBinding"),
        ("ResultStepsItemsOneOf0Resolved", "LegacyResolvedStep"),
        ("ResultStepsItems0", "LegacyStepSuccess"),
        ("ResultStepsItemsOneOf1ErrorCode", "LegacyStepErrorCode"),
        ("ResultStepsItemsOneOf1ErrorDiagnosticCategory", "LegacyDiagnosticCategory"),
        ("ResultStepsItemsOneOf1ErrorDiagnosticFixesItems", "LegacyDiagnosticFix"),
        ("ResultStepsItemsOneOf1ErrorDiagnostic", "LegacyStepDiagnostic"),
        ("ResultStepsItemsOneOf1Error", "LegacyStepError"),
        ("ResultStepsItems1", "LegacyStepFailure"),
        ("ResultStepsItems", "LegacyStepResult"),
        ("Result", "LegacyInvocationResult"),
        ("RuntimeKind", "RuntimeType"),
        ("Status", "InvocationStatus"),
    ]:
        r[_RESP + seed] = name
    # --- 002: run invocation list --------------------------------------------
    r[f"{_LIST}Status"] = "InvocationStatusFilter"
    r[f"{_LIST}Status0"] = "InvocationStatus"
    r[f"{_LIST}StatusSchemaOneOf1Items"] = "InvocationStatus"
    r[f"{_LIST}Status1"] = "InvocationStatusList"
    r[f"{_LIST}Action"] = "InvocationActionFilter"
    r[f"{_LIST}Action0"] = "InvocationAction"
    r[f"{_LIST}ActionSchemaOneOf1Items"] = "InvocationAction"
    r[f"{_LIST}Action1"] = "InvocationActionList"
    r["InvocationSummaryAction"] = "InvocationAction"
    r["InvocationSummaryStatus"] = "InvocationStatus"
    # --- 004: runtime create -------------------------------------------------
    c = _RT_REQ + "Config"
    proxy = c + "ProxyDiscriminatorMapping"
    for seed, name in [
        (c, "RuntimeConfig"),
        (c + "Browser", "RuntimeBrowserConfig"),
        (c + "FingerprintBrowser", "FingerprintBrowser"),
        (c + "FingerprintLocale", "FingerprintLocale"),
        (c + "Fingerprint", "RuntimeFingerprintConfig"),
        (c + "Lifecycle", "RuntimeLifecycleConfig"),
        (c + "Proxy", "RuntimeProxyConfig"),
        (proxy + "CustomProtocol", "ProxyProtocol"),
        (proxy + "SavedOverridesAffinity", "ProxyAffinity"),
        (proxy + "SavedOverridesGeo", "ProxyGeo"),
        (proxy + "SavedOverridesIpFamily", "ProxyIpFamily"),
        (proxy + "SavedOverridesPoolPreference", "ProxyPoolPreference"),
        (proxy + "SavedOverridesProtocol", "ProxyProtocol"),
        (proxy + "SavedOverrides", "SavedProxyOverrides"),
        (c + "Stealth", "StealthLevel"),
        (_RT_REQ + "Metadata", "RuntimeMetadata"),
        (_RT_RESP + "ConfigOneOf0Browser", "RuntimeBrowser"),
        (_RT_RESP + "ConfigOneOf0FingerprintViewport", "RuntimeViewport"),
        (_RT_RESP + "ConfigOneOf0Fingerprint", "RuntimeFingerprint"),
        (_RT_RESP + "ConfigOneOf0Lifecycle", "RuntimeLifecycle"),
        (_RT_RESP + "ConfigOneOf0Proxy", "RuntimeProxy"),
        (_RT_RESP + "ConfigOneOf0Stealth", "StealthLevel"),
        (_RT_RESP + "Config0", "RuntimeResolvedConfig"),
        (_RT_RESP + "Config", "RuntimeDetailConfig"),
        (_RT_RESP + "Metadata", "RuntimeMetadata"),
        (_RT_RESP + "Status", "RuntimeStatus"),
        (_RT_RESP + "Type", "RuntimeType"),
        ("runtimes_v2.runtimes.create_Response_200", "Runtime"),
    ]:
        r[seed] = name
    return r


RENAMES = _renames()

# Inline oneOf variants: union component -> {discriminator value (or index) -> name}.
VARIANTS: Dict[str, Dict[str, str]] = {
    "RuntimeInvocationCreateRequest": {
        "act": "ActInvocationRequest",
        "browserUse": "BrowserUseInvocationRequest",
        "extract": "ExtractInvocationRequest",
        "observe": "ObserveInvocationRequest",
        "solveCaptcha": "SolveCaptchaInvocationRequest",
        "stagehandAgent": "StagehandAgentInvocationRequest",
    },
    "RuntimeProxyConfig": {"custom": "CustomProxyConfig", "saved": "SavedProxyConfig"},
    "ProxyAffinity": {"rotate": "RotateProxyAffinity", "sticky": "StickyProxyAffinity"},
    "RuntimeDetailConfig": {"1": "RuntimeRawConfig"},
}

# Unions whose last branch accepts any object, so a value can match two branches and fail
# ``oneOf``; the merge states them as ``anyOf`` (the first matching branch wins).
ANY_OF = {"RuntimeDetailConfig"}

# Inline request bodies: operationId -> component name.
REQUEST_BODIES = {"v-2-runtimes-create": "RuntimeCreateRequest"}

# Inline object properties worth a name of their own: (component, property) -> name.
PROPERTIES = {
    ("BrowserUseInvocationRequest", "outputSchema"): "OutputSchema",
    ("ExtractInvocationRequest", "outputSchema"): "OutputSchema",
    ("StagehandAgentInvocationRequest", "outputSchema"): "OutputSchema",
}

# A component name that still looks machine-made means the tables above missed it.
MACHINE_NAME = re.compile(r"^V\d|OneOf|DiscriminatorMapping|Items\d*$|_Response_|_Request$|\d$|\.")

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

# Every bctrl operation answers errors as ErrorResponse, but the pages document them
# unevenly (runtime create and the space-scoped create list none). The merge adds the
# ones an operation can produce and does not list, marked with x-bctrl-merged.
STANDARD_ERRORS = {
    "400": "The request was invalid. See `code` and `details`.",
    "401": "Authentication required: the API key is missing or invalid.",
    "403": "Forbidden: the API key cannot access this resource.",
    "404": "The requested resource was not found.",
    "409": "The request conflicts with the current resource state (for example an idempotency key reused with a "
    "different request).",
    "429": "Rate limit exceeded. Retry after the delay indicated by Retry-After.",
    "500": "An unexpected server error occurred.",
    "503": "An upstream dependency was unavailable. Retry later.",
}


class MergeError(Exception):
    """The fragments cannot be merged; the message says where and why."""


def _walk_refs(node: Any) -> Iterator[Dict[str, Any]]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node
        for value in node.values():
            yield from _walk_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk_refs(value)


def _ref(name: str) -> Dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _is_inline_object(schema: Any) -> bool:
    return isinstance(schema, dict) and "$ref" not in schema and schema.get("type") == "object"


def _rename_components(doc: Dict[str, Any]) -> None:
    prefix = "#/components/schemas/"
    for node in _walk_refs(doc):
        ref = node["$ref"]
        if ref.startswith(prefix):
            node["$ref"] = prefix + RENAMES.get(ref[len(prefix) :], ref[len(prefix) :])
    schemas = doc.get("components", {}).get("schemas", {})
    renamed: Dict[str, Schema] = {}
    source: Dict[str, str] = {}
    for name, schema in schemas.items():
        new = RENAMES.get(name, name)
        if new in renamed:
            _check_same(new, renamed[new], schema, source[new], name)
            continue
        renamed[new] = schema
        source[new] = name
    doc["components"]["schemas"] = renamed


def _hoist_variants(schemas: Dict[str, Schema], where: str) -> None:
    for union in list(schemas):
        options = schemas[union].get("oneOf")
        if not isinstance(options, list):
            continue
        disc = schemas[union].get("discriminator", {}).get("propertyName")
        mapping: Dict[str, str] = {}
        for index, option in enumerate(options):
            if not _is_inline_object(option):
                continue
            key = option["properties"][disc]["enum"][0] if disc else str(index)
            name = VARIANTS.get(union, {}).get(key)
            if name is None and "properties" not in option:
                continue  # a plain map stays inline
            if name is None:
                raise MergeError(f"{where}: inline variant {key!r} of {union} has no name; add it to VARIANTS")
            option = dict(option)
            option.pop("description", None) if option.get("description", "").endswith(" variant") else None
            _add(schemas, name, option, where)
            options[index] = _ref(name)
            if disc:
                mapping[key] = f"#/components/schemas/{name}"
        if disc and mapping:
            schemas[union]["discriminator"]["mapping"] = mapping


def _relax_unions(schemas: Dict[str, Schema]) -> None:
    for name in ANY_OF:
        if name in schemas and "oneOf" in schemas[name]:
            schemas[name]["anyOf"] = schemas[name].pop("oneOf")


def _hoist_properties(schemas: Dict[str, Schema], where: str) -> None:
    for (owner, prop), name in PROPERTIES.items():
        props = schemas.get(owner, {}).get("properties", {})
        if prop in props and _is_inline_object(props[prop]):
            _add(schemas, name, props[prop], where)
            props[prop] = _ref(name)


def _hoist_request_bodies(doc: Dict[str, Any], where: str) -> None:
    schemas = doc["components"]["schemas"]
    for _path, _method, op in _operations(doc):
        name = REQUEST_BODIES.get(op.get("operationId", ""))
        media = op.get("requestBody", {}).get("content", {}).get("application/json")
        if name and media and _is_inline_object(media.get("schema")):
            _add(schemas, name, media["schema"], where)
            media["schema"] = _ref(name)


def _operations(doc: Dict[str, Any]) -> Iterator[Tuple[str, str, Dict[str, Any]]]:
    for path, item in doc.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                yield path, method, item[method]


def _strip(schema: Schema) -> Schema:
    return {k: v for k, v in schema.items() if k != "title"}


def _check_same(name: str, a: Schema, b: Schema, where_a: str, where_b: str) -> None:
    if _strip(a) != _strip(b):
        raise MergeError(
            f"conflicting definitions of schema {name!r}: {where_a} and {where_b} differ\n"
            f"  {where_a}: {json.dumps(_strip(a), sort_keys=True)[:300]}\n"
            f"  {where_b}: {json.dumps(_strip(b), sort_keys=True)[:300]}"
        )


def _add(schemas: Dict[str, Schema], name: str, schema: Schema, where: str) -> None:
    if name in schemas:
        _check_same(name, schemas[name], schema, f"{where} ({name})", f"{where} (inline)")
    else:
        schemas[name] = schema


def _use_security(doc: Dict[str, Any]) -> None:
    """The Authorization header parameter becomes the bearerAuth security scheme."""
    for _path, _method, op in _operations(doc):
        params = [p for p in op.get("parameters", []) if not _is_auth_header(p)]
        if len(params) != len(op.get("parameters", [])):
            op["security"] = [{"bearerAuth": []}]
        op["parameters"] = params
        if not params:
            del op["parameters"]


def _is_auth_header(param: Dict[str, Any]) -> bool:
    return param.get("in") == "header" and str(param.get("name", "")).lower() == "authorization"


def prepare(doc: Dict[str, Any], where: str) -> Dict[str, Any]:
    """Rename, hoist and tidy one fragment on its own."""
    doc = copy.deepcopy(doc)
    doc.setdefault("components", {}).setdefault("schemas", {})
    _rename_components(doc)
    _hoist_request_bodies(doc, where)
    _hoist_variants(doc["components"]["schemas"], where)
    _hoist_properties(doc["components"]["schemas"], where)
    _relax_unions(doc["components"]["schemas"])
    _use_security(doc)
    return doc


def merge(fragments: List[Tuple[str, Dict[str, Any]]]) -> Dict[str, Any]:
    """Merge prepared-or-raw fragments, given as (name, document) in order."""
    out: Dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": "bctrl API",
            "version": "1.0.0",
            "description": "bctrl's hosted browser-runtime API, merged from "
            + ", ".join(name for name, _ in fragments)
            + ".",
        },
        "servers": [],
        "security": [{"bearerAuth": []}],
        "paths": {},
        "components": {"schemas": {}, "securitySchemes": {}},
    }
    schema_source: Dict[str, str] = {}
    scheme_source: Dict[str, str] = {}
    for where, raw in fragments:
        doc = prepare(raw, where)
        for server in doc.get("servers", []):
            known = next((s for s in out["servers"] if s["url"] == server["url"]), None)
            if known is None:
                out["servers"].append(dict(server))
            elif "description" not in known and "description" in server:
                known["description"] = server["description"]
        for path, method, op in _operations(doc):
            item = out["paths"].setdefault(path, {})
            if method in item:
                raise MergeError(f"{where}: {method.upper()} {path} is defined twice")
            item[method] = op
        for name, schema in doc["components"]["schemas"].items():
            if name in out["components"]["schemas"]:
                _check_same(name, out["components"]["schemas"][name], schema, schema_source[name], where)
            else:
                out["components"]["schemas"][name] = schema
                schema_source[name] = where
        for name, scheme in doc["components"].get("securitySchemes", {}).items():
            known_scheme = out["components"]["securitySchemes"].get(name)
            if known_scheme is not None and known_scheme != scheme:
                raise MergeError(f"conflicting security scheme {name!r}: {scheme_source[name]} and {where}")
            out["components"]["securitySchemes"][name] = scheme
            scheme_source[name] = where
    schemas = out["components"]["schemas"]
    for name, schema in schemas.items():
        schema["title"] = name
        if MACHINE_NAME.search(name):
            raise MergeError(
                f"schema {name!r} ({schema_source[name]}) still has a machine-made name; "
                "add it to RENAMES in scripts/merge_spec.py"
            )
    out["components"]["schemas"] = dict(sorted(schemas.items()))
    out["paths"] = dict(sorted(out["paths"].items()))
    _complete_errors(out)
    _check_refs(out)
    return out


def _complete_errors(doc: Dict[str, Any]) -> None:
    for path, method, op in _operations(doc):
        takes_input = "requestBody" in op or any(p.get("in") == "query" for p in op.get("parameters", []))
        wanted = {"401", "403", "429", "500", "503"}
        if takes_input:
            wanted.add("400")
        if "{" in path:
            wanted.add("404")
        if method == "post" and "requestBody" in op:
            wanted.add("409")
        responses = op.setdefault("responses", {})
        for status in sorted(wanted - set(responses)):
            responses[status] = {
                "description": STANDARD_ERRORS[status],
                "x-bctrl-merged": True,
                "content": {"application/json": {"schema": _ref("ErrorResponse")}},
            }
        op["responses"] = dict(sorted(responses.items()))


# --- the contract overlay -------------------------------------------------------------
#
# The pages leave some of the contract unsaid: whether a request object may carry fields
# it does not declare, what a timestamp looks like, how long an Idempotency-Key may be,
# which `limit` values a list takes, whether a create needs a body at all. The SDK checks
# these before sending and the emulator enforces them on arrival; stating them here means
# every tool that reads the spec (the generator, Schemathesis, Prism) sees the same
# contract. Every addition is marked ``x-bctrl-merged``: on a schema or parameter it lists
# the keywords the merge added; on an added response or link it is ``true``.
#
# Choices made where the pages are silent, each to protect users:
# * request objects are closed (``additionalProperties: false``): a misspelt field such as
#   ``maxStep`` for ``maxSteps`` is refused with its name instead of silently ignored;
#   responses stay open, so a server may add fields without breaking a client;
# * ``Idempotency-Key`` (and the space-scoped body's ``idempotencyKey``) is 1 to 255
#   printable ASCII characters with no leading or trailing space: HTTP strips such spaces,
#   so a key that had them could never be replayed as sent;
# * ``limit`` is 1 to 100 (default 50);
# * list filters use the OpenAPI default serialization, one value per repetition
#   (``status=queued&status=running``); ``status=queued,running`` is an unknown status;
# * the create operations need a body; cancel takes none (a body is refused with 400);
# * request bodies are ``application/json``; any other media type is a 415.

TIMESTAMP_NAME = re.compile(r"[a-z]At$")
PRINTABLE_TOKEN = r"^[!-~](?:[ -~]*[!-~])?$"
IDEMPOTENCY_KEY: Schema = {
    "minLength": 1,
    "maxLength": 255,
    "pattern": PRINTABLE_TOKEN,
    "description": "1 to 255 printable ASCII characters, without leading or trailing spaces",
}
LIST_LIMIT: Schema = {"minimum": 1, "maximum": 100}
LIST_FILTERS = ("status", "action")
BODY_REQUIRED = ("invocations-create", "runtimes-invocations-create", "v-2-runtimes-create")
NO_BODY = ("invocations-cancel", "runtimes-stop", "runtimes-delete")
LEGACY_KEY_OWNERS = ("LegacyStagehandInvocationRequest", "LegacyBrowserUseInvocationRequest")
UNSUPPORTED_MEDIA_TYPE = "The request body is not `application/json`."
NO_BODY_ERROR = "The request was invalid; this operation takes no request body."

_INVOCATION_AT_RUNTIME = {"runtimeId": "$response.body#/runtimeId", "invocationId": "$response.body#/id"}
_INVOCATION_IN_RUN = {"runId": "$response.body#/runId", "invocationId": "$response.body#/id"}
# operationId -> {link name: (target operationId, {target parameter: runtime expression})}
LINKS: Dict[str, Dict[str, Tuple[str, Dict[str, str]]]] = {
    "v-2-runtimes-create": {
        "CreateInvocation": ("invocations-create", {"runtimeId": "$response.body#/id"}),
        "GetRuntime": ("runtimes-get", {"runtimeId": "$response.body#/id"}),
        "StopRuntime": ("runtimes-stop", {"runtimeId": "$response.body#/id"}),
        "ListRunInvocations": ("invocations-list", {"runId": "$response.body#/activeRunId"}),
        "CreateSpaceInvocation": (
            "runtimes-invocations-create",
            {"id": "$request.body#/spaceId", "runtimeId": "$response.body#/id"},
        ),
    },
    "invocations-create": {
        "WaitForInvocation": ("invocations-wait", _INVOCATION_AT_RUNTIME),
        "CancelInvocation": ("invocations-cancel", _INVOCATION_AT_RUNTIME),
        "GetRunInvocation": ("invocations-get", _INVOCATION_IN_RUN),
        "GetInvocation": ("invocations-retrieve", {"invocationId": "$response.body#/id"}),
        "ListRunInvocations": ("invocations-list", {"runId": "$response.body#/runId"}),
    },
    "invocations-list": {
        "NextPage": ("invocations-list", {"runId": "$request.path.runId", "cursor": "$response.body#/nextCursor"}),
    },
    "runtimes-list": {
        "NextPage": ("runtimes-list", {"cursor": "$response.body#/nextCursor"}),
    },
    "runtimes-get": {
        "StopRuntime": ("runtimes-stop", {"runtimeId": "$response.body#/id"}),
    },
    "runtimes-stop": {
        "GetRuntime": ("runtimes-get", {"runtimeId": "$response.body#/id"}),
        "DeleteRuntime": ("runtimes-delete", {"runtimeId": "$response.body#/id"}),
    },
}


def _mark(node: Dict[str, Any], *keywords: str) -> None:
    marked = node.setdefault("x-bctrl-merged", [])
    marked.extend(k for k in keywords if k not in marked)


def _add_keywords(node: Dict[str, Any], keywords: Dict[str, Any]) -> None:
    added = [k for k in keywords if k not in node]
    for key in added:
        node[key] = copy.deepcopy(keywords[key])
    if added:
        _mark(node, *added)


def _reachable(node: Any, schemas: Dict[str, Schema], out: set) -> set:
    for ref in _walk_refs(node):
        name = ref["$ref"].rsplit("/", 1)[-1]
        if name in schemas and name not in out:
            out.add(name)
            _reachable(schemas[name], schemas, out)
    return out


SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
SUBSCHEMA_ONE = ("items", "not", "if", "then", "else", "contains")
SUBSCHEMA_MAPS = ("properties", "patternProperties", "$defs")


def _subschemas(schema: Schema) -> Iterator[Schema]:
    for key in SUBSCHEMA_LISTS:
        for item in schema.get(key, []) or []:
            if isinstance(item, dict):
                yield item
    for key in SUBSCHEMA_ONE:
        if isinstance(schema.get(key), dict):
            yield schema[key]
    for key in SUBSCHEMA_MAPS:
        for item in (schema.get(key) or {}).values():
            if isinstance(item, dict):
                yield item
    if isinstance(schema.get("additionalProperties"), dict):
        yield schema["additionalProperties"]


def _close(schema: Schema) -> None:
    """Close every object schema that declares properties (an inline one too)."""
    if "$ref" in schema:
        return
    if schema.get("properties") and "additionalProperties" not in schema:
        schema["additionalProperties"] = False
        _mark(schema, "additionalProperties")
    for sub in _subschemas(schema):
        _close(sub)


def _timestamps(schema: Schema) -> None:
    """``...At`` string properties are RFC 3339 date-times (the SDK parses them as such)."""
    for name, prop in (schema.get("properties") or {}).items():
        types = prop.get("type") if isinstance(prop, dict) else None
        if not TIMESTAMP_NAME.search(name) or "format" in prop:
            continue
        if types == "string" or (isinstance(types, list) and "string" in types):
            _add_keywords(prop, {"format": "date-time"})
    for sub in _subschemas(schema):
        _timestamps(sub)


def _parameter(op: Dict[str, Any], name: str, where: str) -> Optional[Dict[str, Any]]:
    return next((p for p in op.get("parameters", []) if p["name"] == name and p["in"] == where), None)


def _merged_response(description: str) -> Dict[str, Any]:
    return {
        "description": description,
        "x-bctrl-merged": True,
        "content": {"application/json": {"schema": _ref("ErrorResponse")}},
    }


def apply_contract(doc: Dict[str, Any]) -> None:
    """State in ``doc`` what the SDK checks and the emulator enforces (see above)."""
    schemas = doc["components"]["schemas"]
    ops = {op["operationId"]: op for _p, _m, op in _operations(doc)}
    requests: set = set()
    responses: set = set()
    for op in ops.values():
        _reachable([op.get("requestBody", {}), op.get("parameters", [])], schemas, requests)
        _reachable(op.get("responses", {}), schemas, responses)
    for name in sorted(requests - responses):
        _close(schemas[name])
    for name in sorted(requests & responses):
        if schemas[name].get("properties"):
            raise MergeError(f"schema {name!r} is used by requests and responses alike; it cannot be closed")
    for schema in schemas.values():
        _timestamps(schema)
    for owner in LEGACY_KEY_OWNERS:
        _add_keywords(schemas[owner]["properties"]["idempotencyKey"], IDEMPOTENCY_KEY)
    for op_id, op in ops.items():
        key = _parameter(op, "Idempotency-Key", "header")
        if key is not None:
            _add_keywords(key["schema"], IDEMPOTENCY_KEY)
        body = op.get("requestBody")
        if body is not None:
            if op_id in BODY_REQUIRED and not body.get("required"):
                body["required"] = True
                _mark(body, "required")
            op["responses"].setdefault("415", {**_merged_response(UNSUPPORTED_MEDIA_TYPE)})
        if op_id in NO_BODY:
            op["responses"].setdefault("400", _merged_response(NO_BODY_ERROR))
        op["responses"] = dict(sorted(op["responses"].items()))
    listing = ops["invocations-list"]
    limit = _parameter(listing, "limit", "query")
    if limit is None:
        raise MergeError("invocations-list has no limit parameter")
    _add_keywords(limit["schema"], LIST_LIMIT)
    for name in LIST_FILTERS:
        param = _parameter(listing, name, "query")
        if param is None:
            raise MergeError(f"invocations-list has no {name} parameter")
        _add_keywords(param, {"style": "form", "explode": True})
    for source, links in LINKS.items():
        ok = next(code for code in sorted(ops[source]["responses"]) if code.startswith("2"))
        answer = ops[source]["responses"][ok].setdefault("links", {})
        for name, (target, params) in links.items():
            if target not in ops:
                raise MergeError(f"link {source} -> {target}: no such operation")
            answer[name] = {"operationId": target, "parameters": dict(params), "x-bctrl-merged": True}


def _check_refs(doc: Dict[str, Any]) -> None:
    names = doc["components"]["schemas"]
    for node in _walk_refs(doc):
        name = node["$ref"].rsplit("/", 1)[-1]
        if name not in names:
            raise MergeError(f"dangling reference {node['$ref']}")


def attach_examples(doc: Dict[str, Any], examples: List[Tuple[str, Dict[str, Any]]]) -> None:
    """Put the seed pages' examples on the operations they belong to."""
    by_id = {op["operationId"]: op for _p, _m, op in _operations(doc)}
    for where, ex in examples:
        op = by_id.get(ex["operationId"])
        if op is None:
            raise MergeError(f"{where}: no operation {ex['operationId']!r}")
        label = Path(ex.get("source", where)).stem
        body = op.get("requestBody", {}).get("content", {}).get("application/json")
        if "request" in ex and body is not None:
            body.setdefault("examples", {})[label] = {"summary": "From the documentation page", "value": ex["request"]}
        if "response" in ex:
            ok = next(code for code in sorted(op["responses"]) if code.startswith("2"))
            media = op["responses"][ok]["content"]["application/json"]
            media.setdefault("examples", {})[label] = {
                "summary": "From the documentation page",
                "value": ex["response"],
            }


def load_fragments(folder: Path = FRAGMENTS) -> List[Tuple[str, Dict[str, Any]]]:
    return [(p.name, yaml.safe_load(p.read_text())) for p in sorted(folder.glob("*.yaml"))]


def load_examples(folder: Path = EXAMPLES) -> List[Tuple[str, Dict[str, Any]]]:
    return [(p.name, json.loads(p.read_text())) for p in sorted(folder.glob("*.json"))]


def build(fragments_dir: Optional[Path] = None, examples_dir: Optional[Path] = None) -> Dict[str, Any]:
    doc = merge(load_fragments(fragments_dir or FRAGMENTS))
    apply_contract(doc)
    attach_examples(doc, load_examples(examples_dir or EXAMPLES))
    from openapi_spec_validator import validate

    validate(doc)
    return doc


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(doc: Dict[str, Any]) -> str:
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, width=100, allow_unicode=True)


def dump_json(doc: Dict[str, Any]) -> str:
    return json.dumps(doc, separators=(",", ":")) + "\n"


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--package-copy", type=Path, default=PACKAGE_COPY)
    args = parser.parse_args(argv)
    try:
        doc = build()
    except MergeError as exc:
        print(f"merge_spec: {exc}", file=sys.stderr)
        return 1
    args.out.write_text(dump(doc))
    args.package_copy.parent.mkdir(parents=True, exist_ok=True)
    args.package_copy.write_text(dump_json(doc))
    print(
        f"merge_spec: wrote {args.out.relative_to(ROOT)} "
        f"({len(doc['paths'])} paths, {len(doc['components']['schemas'])} schemas)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
