from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.invocation_summary_error_details import InvocationSummaryErrorDetails


T = TypeVar("T", bound="InvocationSummaryError")


@_attrs_define
class InvocationSummaryError:
    """
    Attributes:
        message (str):
        code (Union[Unset, str]):
        details (Union[Unset, InvocationSummaryErrorDetails]): Resource-specific structured context. Use `code` for
            branching.
    """

    message: str
    code: Union[Unset, str] = UNSET
    details: Union[Unset, "InvocationSummaryErrorDetails"] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        code = self.code

        details: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invocation_summary_error_details import (
            InvocationSummaryErrorDetails,
        )

        d = dict(src_dict)
        message = d.pop("message")

        code = d.pop("code", UNSET)

        _details = d.pop("details", UNSET)
        details: Union[Unset, InvocationSummaryErrorDetails]
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = InvocationSummaryErrorDetails.from_dict(_details)

        invocation_summary_error = cls(
            message=message,
            code=code,
            details=details,
        )

        invocation_summary_error.additional_properties = d
        return invocation_summary_error

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
