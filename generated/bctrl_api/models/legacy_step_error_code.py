from enum import Enum
from typing import Optional


class LegacyStepErrorCode(str, Enum):
    CAPABILITY_NOT_AVAILABLE = "CAPABILITY_NOT_AVAILABLE"
    DRIVER_NOT_CONNECTED = "DRIVER_NOT_CONNECTED"
    INVALID_ARGS = "INVALID_ARGS"
    RUNTIME_NOT_FOUND = "RUNTIME_NOT_FOUND"
    SUBSCRIPTION_CURSOR_CONFLICT = "SUBSCRIPTION_CURSOR_CONFLICT"
    SUBSCRIPTION_GONE = "SUBSCRIPTION_GONE"
    TIMEOUT = "TIMEOUT"
    UNKNOWN_CALL = "UNKNOWN_CALL"
    UNKNOWN_REF = "UNKNOWN_REF"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Optional["LegacyStepErrorCode"]:
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
