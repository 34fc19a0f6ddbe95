from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="InvocationWaitRequest")


@_attrs_define
class InvocationWaitRequest:
    """
    Attributes:
        timeout_ms (Union[Unset, int]): How long the server may hold the request open, in milliseconds. The server caps
            it at 30000.
    """

    timeout_ms: Union[Unset, int] = UNSET

    def to_dict(self) -> dict[str, Any]:
        timeout_ms = self.timeout_ms

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if timeout_ms is not UNSET:
            field_dict["timeoutMs"] = timeout_ms

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        timeout_ms = d.pop("timeoutMs", UNSET)

        invocation_wait_request = cls(
            timeout_ms=timeout_ms,
        )

        return invocation_wait_request
