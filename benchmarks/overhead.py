"""Call overhead on loopback, and the same calls over a TLS link with 20 ms round trips.

Both compare the SDK, a bare keep-alive ``httpx.Client`` and ``urllib.request`` with a new
connection per request, interleaved round by round (see :mod:`benchmarks._contenders`).
The emulator runs in a child process so its CPU does not share the client's GIL.
"""

from __future__ import annotations

import gc
import ssl
import tempfile
import uuid
from pathlib import Path
from typing import Any, Dict, List, Sequence

import trustme

from bctrl import Bctrl

from . import _procs
from ._contenders import Caller, interleave, make_callers, mock_callers, timed_pairs
from ._stats import median, ratio, verdict

API_KEY = "sk-bench-overhead"
LOOPBACK_TARGET = 1.15
NETWORK_TARGET = 0.5
NETWORK_DELAY_MS = 10


def _runtimes(base_url: str, callers: Sequence[Caller], verify: Any = None) -> Dict[str, str]:
    import httpx

    http = httpx.Client(verify=verify) if verify is not None else None
    try:
        with Bctrl(api_key=API_KEY, base_url=base_url, http_client=http) as client:
            return {c.name: client.runtimes.create(space_id=str(uuid.uuid4()), type="browser").id for c in callers}
    finally:
        if http is not None:
            http.close()


def _measure(base_url: str, verify: Any, *, rounds: int, pairs: int, warmup: int) -> Dict[str, float]:
    callers = make_callers(base_url, API_KEY, verify)
    try:
        runtime_ids = _runtimes(base_url, callers, verify)
        samples = interleave(callers, runtime_ids, rounds=rounds, pairs=pairs, warmup=warmup)
    finally:
        for caller in callers:
            caller.close()
    return {name: median(values) for name, values in samples.items()} | {
        "calls_each": float(len(next(iter(samples.values()))))
    }


def client_cpu(rounds: int = 10, pairs: int = 100) -> Dict[str, float]:
    """µs per call spent in the client alone: the same calls over ``httpx.MockTransport``."""
    samples = {"sdk": [], "httpx": []}  # type: Dict[str, List[float]]
    sdk, bare = mock_callers(API_KEY)
    try:
        runtime_id = str(uuid.uuid4())
        for caller in (sdk, bare):
            timed_pairs(caller, runtime_id, pairs)
        for _ in range(rounds):
            for caller in (sdk, bare):
                gc.collect()
                samples[caller.name].append(median(timed_pairs(caller, runtime_id, pairs)))
    finally:
        sdk.close()
        bare.close()
    return {name: median(values) for name, values in samples.items()}


def call_overhead(rounds: int = 30, pairs: int = 20) -> Dict[str, Any]:
    command = _procs.emulator_command(duration_ms=600_000, api_key=API_KEY)
    with _procs.running(command) as child:
        figures = _measure(child.url, None, rounds=rounds, pairs=pairs, warmup=20)
    cpu = client_cpu()
    sdk, bare, naive = figures["sdk"], figures["httpx"], figures["urllib-new-conn"]
    sdk_vs_httpx = ratio(sdk, bare)
    passed = sdk_vs_httpx <= LOOPBACK_TARGET
    print(
        f"call overhead (loopback, median per call of {int(figures['calls_each'])} each): "
        f"sdk {sdk:.0f} µs, httpx {bare:.0f} µs, urllib-new-conn {naive:.0f} µs "
        f"-> sdk/httpx {sdk_vs_httpx:.2f}x (target <= {LOOPBACK_TARGET}x) {verdict(passed)}; "
        f"sdk/urllib {ratio(sdk, naive):.2f}x, httpx/urllib {ratio(bare, naive):.2f}x "
        f"(on loopback httpx itself costs more per call than urllib)"
    )
    print(
        f"call overhead, client side only (httpx.MockTransport, no sockets): sdk {cpu['sdk']:.0f} µs, "
        f"httpx {cpu['httpx']:.0f} µs per call -> the SDK adds {cpu['sdk'] - cpu['httpx']:.0f} µs per call"
    )
    return {
        "sdk_us": sdk,
        "httpx_us": bare,
        "urllib_new_conn_us": naive,
        "calls_each": int(figures["calls_each"]),
        "sdk_over_httpx": sdk_vs_httpx,
        "sdk_over_urllib": ratio(sdk, naive),
        "httpx_over_urllib": ratio(bare, naive),
        "client_side_sdk_us": cpu["sdk"],
        "client_side_httpx_us": cpu["httpx"],
        "target": LOOPBACK_TARGET,
        "pass": passed,
    }


def _certificates(folder: Path) -> Dict[str, str]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    paths = {"ca": folder / "ca.pem", "cert": folder / "cert.pem", "key": folder / "key.pem"}
    ca.cert_pem.write_to_path(str(paths["ca"]))
    cert.cert_chain_pems[0].write_to_path(str(paths["cert"]))
    for extra in cert.cert_chain_pems[1:]:
        extra.write_to_path(str(paths["cert"]), append=True)
    cert.private_key_pem.write_to_path(str(paths["key"]))
    return {name: str(path) for name, path in paths.items()}


def _tls_command(paths: Dict[str, str]) -> List[str]:
    return _procs.python_module(
        "benchmarks._servers", "tls", "--api-key", API_KEY, "--certfile", paths["cert"], "--keyfile", paths["key"]
    )


def _proxy_command(target_url: str, connect_rtt: bool) -> List[str]:
    port = target_url.rsplit(":", 1)[1].strip("/")
    extra = ["--connect-rtt"] if connect_rtt else []
    return _procs.python_module(
        "benchmarks._delay_proxy",
        *("--target-port", port, "--delay-ms", str(NETWORK_DELAY_MS), "--max-seconds", "300", *extra),
    )


def _network_once(paths: Dict[str, str], connect_rtt: bool, rounds: int, pairs: int) -> Dict[str, Any]:
    context = ssl.create_default_context(cafile=paths["ca"])
    with (
        _procs.running(_tls_command(paths)) as server,
        _procs.running(_proxy_command(server.url, connect_rtt)) as proxy,
    ):
        base_url = "https://" + proxy.url.split("://", 1)[1]
        figures = _measure(base_url, context, rounds=rounds, pairs=pairs, warmup=2)
    sdk, bare, naive = figures["sdk"], figures["httpx"], figures["urllib-new-conn"]
    sdk_vs_naive = ratio(sdk, naive)
    passed = sdk_vs_naive <= NETWORK_TARGET
    handshake = "TCP handshake RTT emulated" if connect_rtt else "chunks delayed, TCP handshake not delayed"
    print(
        f"network (TLS via proxy, {2 * NETWORK_DELAY_MS} ms RTT, {handshake}; "
        f"median per call of {int(figures['calls_each'])} each): "
        f"sdk {sdk / 1000:.1f} ms, urllib-new-conn {naive / 1000:.1f} ms -> sdk/urllib {sdk_vs_naive:.2f}x "
        f"(target <= {NETWORK_TARGET}x) {verdict(passed)}; bare httpx {bare / 1000:.1f} ms"
    )
    return {
        "tcp_handshake_rtt_emulated": connect_rtt,
        "sdk_ms": sdk / 1000,
        "httpx_ms": bare / 1000,
        "urllib_new_conn_ms": naive / 1000,
        "calls_each": int(figures["calls_each"]),
        "sdk_over_urllib": sdk_vs_naive,
        "target": NETWORK_TARGET,
        "pass": passed,
    }


def network(rounds: int = 6, pairs: int = 5) -> Dict[str, Any]:
    """As specified (every chunk delayed), then with the TCP handshake's round trip too."""
    with tempfile.TemporaryDirectory() as folder:
        paths = _certificates(Path(folder))
        plain = _network_once(paths, False, rounds, pairs)
        with_handshake = _network_once(paths, True, rounds, pairs)
    return {
        "rtt_ms": 2 * NETWORK_DELAY_MS,
        **plain,
        "with_tcp_handshake": with_handshake,
    }
