from enum import Enum
from typing import Optional


class ErrorResponseReasonClass(str, Enum):
    CAPABILITY_DENIED = "capability_denied"
    CAPABILITY_LIMIT_EXCEEDED = "capability_limit_exceeded"
    CONFLICT = "conflict"
    INVALID_INPUT = "invalid_input"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"
    SERVER = "server"
    UNAUTHORIZED = "unauthorized"
    UPSTREAM = "upstream"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Optional["ErrorResponseReasonClass"]:
        """Keep a value this client was not generated for (sent by a newer server).

        The result compares equal to the raw string, its ``value`` is that string and
        its ``name`` is ``"UNKNOWN"``, so parsing never fails on a new enum value.
        """
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member
