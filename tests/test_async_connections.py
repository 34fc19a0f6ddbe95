"""What AsyncBctrl's own connections changed around them: request checks, timestamps,
proxies from the environment, header names."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any, List

import httpx
import pytest
from dateutil.parser import isoparse

from bctrl import AsyncBctrl, RequestValidationError
from bctrl._contract import RequestChecker
from bctrl._http11 import Pool
from bctrl.testing import Emulator

ARRAY_BODY = {"type": "object", "properties": {"a": {"type": "array"}}, "required": ["a"]}


def test_a_body_found_valid_is_not_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    checker = RequestChecker(ARRAY_BODY, strict=False)
    calls: List[Any] = []
    inner = checker._validator

    class Counting:
        def iter_errors(self, body: Any) -> Any:
            calls.append(body)
            return inner.iter_errors(body)

    monkeypatch.setattr(checker, "_validator", Counting())
    assert checker.errors({"a": [1, 2]}) == []
    assert checker.errors({"a": [1, 2]}) == []
    assert len(calls) == 1


def test_a_remembered_body_vouches_for_no_other() -> None:
    checker = RequestChecker(ARRAY_BODY, strict=False)
    assert checker.errors({"a": [1]}) == []
    assert checker.errors({"a": (1,)}), "a tuple serialises like a list but is not a JSON array"
    assert checker.errors({"a": "x"})
    assert checker.errors({"b": [1]})
    assert checker.errors({"a": [1]}) == []


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-25T10:00:00Z",
        "2026-11-25T10:00:00.123Z",
        "2026-11-25T10:00:00.123456Z",
        "2026-11-25T10:00:00.1Z",
        "2026-11-25T10:00:00.12345Z",
        "2026-11-25T10:00:00+02:00",
        "2026-11-25T10:00:00.5-03:30",
        "2026-11-25t10:00:00z",
        "2026-11-25 10:00:00.250Z",
        "2026-11-25T10:00Z",
    ],
)
def test_generated_models_read_timestamps_as_dateutil_does(text: str) -> None:
    from bctrl_api.models.invocation_summary import InvocationSummary

    summary = InvocationSummary.from_dict(
        {
            "id": str(uuid.uuid4()),
            "runId": str(uuid.uuid4()),
            "runtimeId": str(uuid.uuid4()),
            "action": "act",
            "status": "succeeded",
            "createdAt": text,
            "finishedAt": text,
        }
    )
    expected = isoparse(text)
    assert summary.created_at == expected and summary.finished_at == expected
    assert summary.created_at.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text", ["2026-11-25T25:00:00Z", "2026-13-25T10:00:00.000Z", "not a time", 5])
def test_generated_models_refuse_what_is_not_a_timestamp(text: Any) -> None:
    from bctrl_api.models.invocation_summary import InvocationSummary

    with pytest.raises((ValueError, TypeError)):
        InvocationSummary.from_dict(
            {
                "id": str(uuid.uuid4()),
                "runId": str(uuid.uuid4()),
                "runtimeId": str(uuid.uuid4()),
                "action": "act",
                "status": "succeeded",
                "createdAt": text,
            }
        )


def test_timestamps_keep_utc_on_the_way_out() -> None:
    from bctrl_api.models.invocation_summary import InvocationSummary

    summary = InvocationSummary.from_dict(
        {
            "id": str(uuid.uuid4()),
            "runId": str(uuid.uuid4()),
            "runtimeId": str(uuid.uuid4()),
            "action": "act",
            "status": "succeeded",
            "createdAt": "2026-11-25T10:00:00.120Z",
        }
    )
    assert summary.created_at == dt.datetime(2026, 11, 25, 10, 0, 0, 120000, tzinfo=dt.timezone.utc)
    assert summary.to_dict()["createdAt"].startswith("2026-11-25T10:00:00.120")


@pytest.mark.parametrize("variable", ["HTTPS_PROXY", "https_proxy", "ALL_PROXY"])
async def test_a_proxy_named_by_the_environment_is_used_through_httpx(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    async with AsyncBctrl(api_key="sk-test-proxy", base_url="https://api.example.com") as direct:
        assert isinstance(direct._http, Pool)
    monkeypatch.setenv(variable, "http://127.0.0.1:9")
    async with AsyncBctrl(api_key="sk-test-proxy", base_url="https://api.example.com") as proxied:
        assert isinstance(proxied._http, httpx.AsyncClient)
    monkeypatch.setenv("NO_PROXY", "api.example.com")
    async with AsyncBctrl(api_key="sk-test-proxy", base_url="https://api.example.com") as bypassed:
        assert isinstance(bypassed._http, Pool)


@pytest.mark.parametrize("name", ["Bad Name", "X-Colon:", "", "Ünï", "X\x00"])
async def test_a_header_name_that_is_not_a_token_is_refused_before_sending(name: str) -> None:
    # nothing listens there: had the request been sent, this would be an APIConnectionError
    async with AsyncBctrl(api_key="sk-test-headers", base_url="http://127.0.0.1:9", max_retries=0) as client:
        with pytest.raises(RequestValidationError):
            await client.runtimes.get(str(uuid.uuid4()), extra_headers={name: "x"})
        assert client._http.peak_open == 0


async def test_with_options_shares_the_connections_and_closing_the_copy_keeps_them() -> None:
    with Emulator() as emu:
        async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as client:
            copy = client.with_options(timeout=5)
            assert copy._http is client._http
            await copy.runtimes.create(space_id=str(uuid.uuid4()), type="browser")
            await copy.close()
            runtime = await client.runtimes.create(space_id=str(uuid.uuid4()), type="browser")
            assert runtime.id
            assert client._http.peak_open == 1
        assert client._http.is_closed


async def test_own_connections_speak_tls_and_verify_the_certificate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trustme

    from bctrl import APIConnectionError

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ca_path, cert_path, key_path = tmp_path / "ca.pem", tmp_path / "cert.pem", tmp_path / "key.pem"
    ca.cert_pem.write_to_path(str(ca_path))
    cert.private_key_pem.write_to_path(str(key_path))
    for index, pem in enumerate(cert.cert_chain_pems):
        pem.write_to_path(str(cert_path), append=index > 0)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    with Emulator(ssl_certfile=str(cert_path), ssl_keyfile=str(key_path), duration_ms=50) as emu:
        async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url, max_retries=0) as untrusting:
            assert isinstance(untrusting._http, Pool)
            with pytest.raises(APIConnectionError, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
                await untrusting.runtimes.create(space_id=str(uuid.uuid4()), type="browser")
        monkeypatch.setenv("SSL_CERT_FILE", str(ca_path))  # httpx's defaults: the CA bundle named by the environment
        async with AsyncBctrl(api_key=emu.api_key, base_url=emu.url) as client:
            runtime = await client.runtimes.create(space_id=str(uuid.uuid4()), type="browser")
            done = await client.runtimes.invocations.create_and_wait(
                runtime.id, action="act", instruction="x", timeout=30
            )
            assert done.status == "succeeded"
            assert client._http.peak_open == 1
