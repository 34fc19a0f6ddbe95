from enum import Enum
from typing import Optional


class FingerprintBrowser(str, Enum):
    CHROME = "chrome"
    EDGE = "edge"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Optional["FingerprintBrowser"]:
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
