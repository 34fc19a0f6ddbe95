from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_response_reason_class import ErrorResponseReasonClass
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_response_details import ErrorResponseDetails


T = TypeVar("T", bound="ErrorResponse")


@_attrs_define
class ErrorResponse:
    """
    Attributes:
        code (str): Stable, dot-namespaced error code, e.g. "runtime.not_found" or "request.invalid".
        error (str):
        details (Union[Unset, ErrorResponseDetails]): Resource-specific structured context. Use `code` and `reasonClass`
            for branching.
        hint (Union[Unset, str]): Optional next action for recoverable errors, e.g. "retry after 2s".
        reason_class (Union[Unset, ErrorResponseReasonClass]): Stable public error category for programmatic branching.
        request_id (Union[Unset, str]):
    """

    code: str
    error: str
    details: Union[Unset, "ErrorResponseDetails"] = UNSET
    hint: Union[Unset, str] = UNSET
    reason_class: Union[Unset, ErrorResponseReasonClass] = UNSET
    request_id: Union[Unset, str] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        error = self.error

        details: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        hint = self.hint

        reason_class: Union[Unset, str] = UNSET
        if not isinstance(self.reason_class, Unset):
            reason_class = self.reason_class.value

        request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "error": error,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details
        if hint is not UNSET:
            field_dict["hint"] = hint
        if reason_class is not UNSET:
            field_dict["reasonClass"] = reason_class
        if request_id is not UNSET:
            field_dict["requestId"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_response_details import ErrorResponseDetails

        d = dict(src_dict)
        code = d.pop("code")

        error = d.pop("error")

        _details = d.pop("details", UNSET)
        details: Union[Unset, ErrorResponseDetails]
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = ErrorResponseDetails.from_dict(_details)

        hint = d.pop("hint", UNSET)

        _reason_class = d.pop("reasonClass", UNSET)
        reason_class: Union[Unset, ErrorResponseReasonClass]
        if isinstance(_reason_class, Unset):
            reason_class = UNSET
        else:
            reason_class = ErrorResponseReasonClass(_reason_class)

        request_id = d.pop("requestId", UNSET)

        error_response = cls(
            code=code,
            error=error,
            details=details,
            hint=hint,
            reason_class=reason_class,
            request_id=request_id,
        )

        error_response.additional_properties = d
        return error_response

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
