"""What a request must look like before the emulator acts on it (standard library only).

A local emulator is reachable by every web page the developer opens: a page on another
origin must not drive it, and neither may one whose name an attacker rebinds to
127.0.0.1 (DNS rebinding). So a request is refused when

- its ``Host`` is not a loopback name (``localhost``, ``127.x.x.x``, ``::1``), the address
  the connection came in on, or a name the emulator was told to allow; or
- it carries an ``Origin`` that is not the emulator's own (``scheme://Host``).

Bodies are limited in size while they stream, and JSON nesting is counted before
``json.loads`` sees the text, so neither depends on how the parser recurses.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Collection, Optional, Tuple
from urllib.parse import urlsplit

MAX_BODY_BYTES = 1_000_000
MAX_JSON_DEPTH = 100
DEFAULT_PORTS = {"http": 80, "https": 443}
LOOPBACK_NAMES = frozenset({"localhost", "ip6-localhost", "ip6-loopback"})
ANY_HOST = "*"

_STRINGS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")


def split_host(value: str) -> Tuple[str, Optional[int]]:
    """``Host`` header -> (lower-case name without brackets or final dot, port or None).

    A malformed value gives an empty name (which nothing allows).
    """
    value = value.strip().lower()
    if value.startswith("["):  # [v6]:port
        end = value.find("]")
        if end < 0:
            return "", None
        name, rest = value[1:end], value[end + 1 :]
        if rest and not rest.startswith(":"):
            return "", None
        port_text = rest[1:]
    elif value.count(":") == 1:
        name, port_text = value.split(":")
    elif ":" in value:  # a bare IPv6 address is not a valid Host
        return "", None
    else:
        name, port_text = value, ""
    port: Optional[int] = None
    if port_text:
        if not port_text.isdigit() or len(port_text) > 5:
            return "", None
        port = int(port_text)
    return name.rstrip("."), port


def is_loopback(name: str) -> bool:
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_allowed(host: str, bound: Optional[str], allowed: Collection[str]) -> bool:
    """Whether a request's ``Host`` names this emulator."""
    if ANY_HOST in allowed:
        return True
    name, _ = split_host(host)
    if not name:
        return False
    if is_loopback(name) or name in {a.lower().rstrip(".") for a in allowed}:
        return True
    return bound is not None and name == split_host(bound)[0] and not _is_wildcard(name)


def _is_wildcard(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).is_unspecified
    except ValueError:
        return False


def origin_allowed(origin: str, scheme: str, host: str) -> bool:
    """Whether an ``Origin`` header is the emulator's own origin (``scheme://Host``)."""
    try:
        parts = urlsplit(origin.strip().lower())
        origin_port = parts.port
    except ValueError:
        return False
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or parts.path not in ("", "/"):
        return False
    name, port = split_host(host)
    own = (scheme, name, port if port is not None else DEFAULT_PORTS.get(scheme))
    theirs = (parts.scheme, parts.hostname.rstrip("."), origin_port or DEFAULT_PORTS[parts.scheme])
    return own == theirs


def declared_length_too_large(value: Optional[str], limit: int = MAX_BODY_BYTES) -> bool:
    """Whether a ``Content-Length`` header already says the body is over ``limit``."""
    if value is None:
        return False
    value = value.strip()
    return value.isdigit() and int(value) > limit


def json_depth_exceeds(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether JSON text nests arrays/objects deeper than ``limit`` (strings skipped).

    Counts brackets outside strings; it does not check that the text is JSON (the
    parser does that next), so an unbalanced text just counts as it stands.
    """
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    depth = 0
    for match in _BRACKETS.finditer(_STRINGS.sub(b'""', raw)):
        if match.group() in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


__all__ = [
    "ANY_HOST",
    "MAX_BODY_BYTES",
    "MAX_JSON_DEPTH",
    "declared_length_too_large",
    "host_allowed",
    "is_loopback",
    "json_depth_exceeds",
    "origin_allowed",
    "split_host",
]
