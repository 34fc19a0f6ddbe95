"""What the caller passes: ids, keys, headers, URLs, a closed client, plain http.

Each case runs against a stand-in server that records every request, so "refused before
anything is sent" is checked by its request count.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

import pytest

from bctrl import AsyncBctrl, Bctrl, BctrlError, RequestValidationError
from benchmarks._hostile import INV, KEY, RT, RUN, HostileServer, answer, invocation, runtime, serving


@pytest.fixture
def server():
    with HostileServer(answer(200, invocation("succeeded"))) as s:
        yield s


@pytest.mark.parametrize("bad", [".", "..", "", " "])
def test_dot_segment_ids_are_refused_before_sending(server: HostileServer, bad: str) -> None:
    """Before: runs.invocations.get("..", inv) was sent as GET /v1/invocations/{inv}."""
    with Bctrl(api_key=KEY, base_url=server.url) as c:
        with pytest.raises(RequestValidationError) as info:
            c.runs.invocations.get(bad, INV)
        assert info.value.field == "run_id"
        with pytest.raises(RequestValidationError):
            c.invocations.get(bad)
        with pytest.raises(RequestValidationError):
            c.runtimes.invocations.wait(bad, INV, timeout=1)
    assert server.requests == []


def test_other_ids_are_percent_encoded(server: HostileServer) -> None:
    with Bctrl(api_key=KEY, base_url=server.url) as c:
        c.runs.invocations.get("...", "a/../b")
        c.invocations.get(".x")
    assert [r.path for r in server.requests] == ["/v1/runs/.../invocations/a%2F..%2Fb", "/v1/invocations/.x"]


def test_a_huge_id_is_refused_not_an_invalid_url(server: HostileServer) -> None:
    """Before: httpx.InvalidURL for a 70,000-character id."""
    with Bctrl(api_key=KEY, base_url=server.url) as c, pytest.raises(RequestValidationError) as info:
        c.invocations.get("a" * 70_000)
    assert len(str(info.value)) < 500
    assert server.requests == []


@pytest.mark.parametrize("url", ["http://[::1", "https://", "http://host:notaport"])
def test_bad_base_urls_are_refused_at_construction(url: str) -> None:
    """Before: httpx.InvalidURL on the first call."""
    with pytest.raises(RequestValidationError):
        Bctrl(api_key=KEY, base_url=url)


SECRET = "sk-live-0123456789abcdef"


@pytest.mark.parametrize("key", [SECRET + "\n", " " + SECRET, SECRET + "é", "sk live", SECRET + "\x00"])
def test_bad_api_keys_are_refused_without_showing_them(server: HostileServer, key: str) -> None:
    """Before: a trailing newline put the whole key in APIConnectionError's text (and a
    non-ASCII one raised UnicodeEncodeError)."""
    for cls in (Bctrl, AsyncBctrl):
        with pytest.raises(RequestValidationError) as info:
            cls(api_key=key, base_url=server.url)
        text = str(info.value) + repr(info.value)
        assert SECRET not in text and "sk live" not in text
    assert server.requests == []


@pytest.mark.parametrize(
    "headers", [{"X-Team": "équipe"}, {"X-Team": "a\r\nX-Injected: 1"}, {"X Bad": "v"}, {"X-Team": 5}]
)
def test_bad_default_headers_are_refused_at_construction(headers: Any) -> None:
    """Before: UnicodeEncodeError on the first call."""
    with pytest.raises(RequestValidationError):
        Bctrl(api_key=KEY, base_url="http://127.0.0.1:9", default_headers=headers)


def test_a_closed_client_raises_a_typed_error(server: HostileServer) -> None:
    """Before: httpx's RuntimeError."""
    c = Bctrl(api_key=KEY, base_url=server.url)
    c.close()
    with pytest.raises(BctrlError, match="closed"):
        c.invocations.get(INV)
    assert server.requests == []


async def test_a_closed_async_client_raises_a_typed_error(server: HostileServer) -> None:
    c = AsyncBctrl(api_key=KEY, base_url=server.url)
    await c.close()
    with pytest.raises(BctrlError, match="closed"):
        await c.invocations.get(INV)


@pytest.mark.parametrize("url", ["http://api.bctrl.ai", "http://10.1.2.3:8787", "http://[2001:db8::1]"])
def test_plain_http_to_another_host_warns(url: str, caplog: pytest.LogCaptureFixture) -> None:
    """Before: accepted silently, the key sent in clear."""
    with caplog.at_level(logging.WARNING, logger="bctrl"), pytest.warns(UserWarning, match="unencrypted"):
        Bctrl(api_key=KEY, base_url=url).close()
    assert any("unencrypted" in r.getMessage() for r in caplog.records)
    assert KEY not in caplog.text


def test_plain_http_on_loopback_is_quiet(server: HostileServer) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for url in (server.url, f"http://localhost:{server.port}", "http://[::1]:8787", "https://api.bctrl.ai"):
            Bctrl(api_key=KEY, base_url=url).close()


UUID_GIVEN = "12345678-1234-1234-1234-123456789ab\n"


def test_uuid_fields_are_never_rewritten() -> None:
    """Before: space_id "...9ab\\n" was sent as "01234567-8123-4123-4123-4123456789ab"."""
    with serving(answer(200, runtime())) as (server, c):
        with pytest.raises(RequestValidationError) as info:
            c.runtimes.create(space_id=UUID_GIVEN, type="browser")
        assert info.value.field == "spaceId"
        with pytest.raises(RequestValidationError):
            c.runtimes.invocations.create(RT, action="browserUse", instruction="go", tool_ids=[UUID_GIVEN])
        with pytest.raises(RequestValidationError):
            c.runtimes.invocations.create(
                RT, action="stagehandAgent", instruction="go", files=[{"fileId": "{" + RT + "}"}]
            )
        assert server.requests == []
        upper = RT.upper()
        c.runtimes.create(space_id=upper, type="browser")
        c.runtimes.create(
            space_id=RUN,
            type="browser",
            config={"proxy": {"mode": "saved", "id": upper}},
        )
    sent = [r.json() for r in server.requests]
    assert sent[0]["spaceId"] == upper
    assert sent[1]["config"]["proxy"]["id"] == upper


def test_ids_in_answers_are_kept_as_the_server_wrote_them() -> None:
    upper = INV.upper()
    with serving(answer(200, invocation("succeeded", id=upper))) as (_server, c):
        assert c.invocations.get(INV).id == upper
