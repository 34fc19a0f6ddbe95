"""Seeded fault injection: rate limiting, upstream outages, latency and dropped connections.

Every decision draws from one ``random.Random(seed)``, so a given seed and request order
give the same faults. Faults are off by default and never touch the ``/_emulator`` paths.
"""

from __future__ import annotations

import random
import threading
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Dict, Mapping, Optional

MAX_LATENCY_MS = 10_000
MAX_RETRY_AFTER_SECONDS = 60


@dataclass(frozen=True)
class FaultConfig:
    """What share of requests get which fault (each share is between 0 and 1)."""

    seed: Optional[int] = None
    rate_503: float = 0.0
    rate_429: float = 0.0
    drop_after_store: float = 0.0
    latency_ms: int = 0
    retry_after_seconds: int = 1

    def __post_init__(self) -> None:
        for name in ("rate_503", "rate_429", "drop_after_store"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"{name} must be a number between 0 and 1")
            if not 0.0 <= float(value) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value}")
        if self.rate_503 + self.rate_429 > 1.0:
            raise ValueError("rate_503 + rate_429 must not exceed 1")
        if isinstance(self.latency_ms, bool) or not isinstance(self.latency_ms, int):
            raise ValueError("latency_ms must be an integer")
        if not 0 <= self.latency_ms <= MAX_LATENCY_MS:
            raise ValueError(f"latency_ms must be between 0 and {MAX_LATENCY_MS}")
        retry = self.retry_after_seconds
        if isinstance(retry, bool) or not isinstance(retry, int):
            raise ValueError("retry_after_seconds must be an integer")
        if not 0 <= retry <= MAX_RETRY_AFTER_SECONDS:
            raise ValueError(f"retry_after_seconds must be between 0 and {MAX_RETRY_AFTER_SECONDS}")
        if self.seed is not None and (isinstance(self.seed, bool) or not isinstance(self.seed, int)):
            raise ValueError("seed must be an integer or null")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], base: Optional[FaultConfig] = None) -> FaultConfig:
        """Build from JSON-like data; unknown keys are a ``ValueError``."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown fault setting(s): {', '.join(unknown)}")
        return replace(base or cls(), **dict(data))

    def as_dict(self) -> Dict[str, Any]:
        return asdict(self)


@dataclass
class FaultCounts:
    rate_limited: int = 0
    unavailable: int = 0
    dropped: int = 0


@dataclass
class FaultInjector:
    """Draws fault decisions; thread-safe so tests can reconfigure a running server."""

    config: FaultConfig = field(default_factory=FaultConfig)
    counts: FaultCounts = field(default_factory=FaultCounts)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._rng = random.Random(self.config.seed)

    def configure(self, config: FaultConfig) -> None:
        """Replace the settings and reseed."""
        with self._lock:
            self.config = config
            self._rng = random.Random(config.seed)

    def update(self, **changes: Any) -> FaultConfig:
        """Change some settings (reseeding from ``seed``) and return the result."""
        config = FaultConfig.from_mapping(changes, self.config)
        self.configure(config)
        return config

    @property
    def latency_seconds(self) -> float:
        return self.config.latency_ms / 1000.0

    def request_fault(self) -> Optional[int]:
        """429, 503 or ``None`` for the next API request."""
        with self._lock:
            config = self.config
            if config.rate_429 <= 0 and config.rate_503 <= 0:
                return None
            draw = self._rng.random()
            if draw < config.rate_429:
                self.counts.rate_limited += 1
                return 429
            if draw < config.rate_429 + config.rate_503:
                self.counts.unavailable += 1
                return 503
            return None

    def drop_after_store(self) -> bool:
        """Whether to drop the connection of the invocation create just stored."""
        with self._lock:
            if self.config.drop_after_store <= 0:
                return False
            if self._rng.random() < self.config.drop_after_store:
                self.counts.dropped += 1
                return True
            return False

    def snapshot(self) -> Dict[str, Any]:
        with self._lock:
            return {"config": self.config.as_dict(), "injected": asdict(self.counts)}
