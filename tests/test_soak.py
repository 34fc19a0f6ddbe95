"""A short soak: the SDK against an emulator injecting 503s, 429s, dropped connections
and latency. Asserts that nothing is lost, duplicated, leaked or left untyped, and that
canary secrets stay out of logs, reprs and exception texts (``make soak`` is the long run).
"""

from __future__ import annotations

from benchmarks.soak import SoakConfig, SoakReport, run_soak


def assert_sound(report: SoakReport, calls: int) -> None:
    assert report.calls == calls
    assert report.unhandled == []
    assert report.duplicates == []
    assert report.returned_not_stored_once == []
    assert report.returned_mismatch == []
    assert report.not_terminal == []
    assert set(report.raised_stored) <= {0, 1}
    assert sum(report.returned.values()) + sum(report.typed_errors.values()) == calls
    assert report.threads_after == report.threads_before
    assert report.connections_left == 0
    assert report.fds_after <= report.fds_before  # none leaked (one closed late by the collector is fine)
    assert report.canary_leaks == []
    assert report.ok


def test_soak_under_faults_loses_and_duplicates_nothing() -> None:
    config = SoakConfig(calls=60, sync_threads=3, async_runtimes=10, fault_retry_after_seconds=0, fault_latency_ms=2)
    report = run_soak(config)
    assert_sound(report, 60)
    assert report.faults_injected["unavailable"] > 0
    assert report.faults_injected["rate_limited"] > 0
    assert report.stored_invocations <= 60


def test_creates_dropped_after_store_are_replayed_not_duplicated() -> None:
    config = SoakConfig(
        calls=12,
        sync_threads=2,
        async_runtimes=4,
        fault_503=0.0,
        fault_429=0.0,
        fault_drop_after_store=1.0,
        fault_latency_ms=0,
        fault_retry_after_seconds=0,
    )
    report = run_soak(config)
    assert_sound(report, 12)
    assert report.faults_injected["dropped"] == 12
    assert report.stored_invocations == 12
    assert sum(report.returned.values()) == 12
