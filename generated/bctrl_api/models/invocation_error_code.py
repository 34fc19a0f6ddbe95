from enum import Enum
from typing import Optional


class InvocationErrorCode(str, Enum):
    INVOCATION_BROWSER_USE_FAILED = "invocation.browser_use_failed"
    INVOCATION_BROWSER_USE_INCOMPLETE = "invocation.browser_use_incomplete"
    INVOCATION_BROWSER_USE_INTERRUPTED = "invocation.browser_use_interrupted"
    INVOCATION_CANCELLED = "invocation.cancelled"
    INVOCATION_CAPTCHA_SOLVE_FAILED = "invocation.captcha_solve_failed"
    INVOCATION_DISPATCH_PREPARATION_FAILED = "invocation.dispatch_preparation_failed"
    INVOCATION_DISPATCH_UNAVAILABLE = "invocation.dispatch_unavailable"
    INVOCATION_FAILED = "invocation.failed"
    INVOCATION_OUTPUT_VALIDATION_FAILED = "invocation.output_validation_failed"
    INVOCATION_STAGEHAND_FAILED = "invocation.stagehand_failed"
    INVOCATION_STAGEHAND_INCOMPLETE = "invocation.stagehand_incomplete"
    INVOCATION_TIMED_OUT = "invocation.timed_out"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Optional["InvocationErrorCode"]:
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
