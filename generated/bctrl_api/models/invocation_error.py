from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invocation_error_code import InvocationErrorCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.invocation_error_details import InvocationErrorDetails


T = TypeVar("T", bound="InvocationError")


@_attrs_define
class InvocationError:
    """
    Attributes:
        code (InvocationErrorCode): Stable invocation error identifier for programmatic handling.
            `invocation.failed`: generic invocation failure.
            `invocation.cancelled`: invocation was cancelled before completion.
            `invocation.timed_out`: invocation exceeded its timeout.
            `invocation.dispatch_preparation_failed`: server could not prepare the invocation dispatch request.
            `invocation.dispatch_unavailable`: server could not dispatch the prepared invocation.
            `invocation.captcha_solve_failed`: CAPTCHA solving failed.
            `invocation.output_validation_failed`: produced output did not match the requested output schema.
            `invocation.stagehand_failed`: Stagehand returned a failure.
            `invocation.stagehand_incomplete`: Stagehand agent stopped before completing the task.
            `invocation.browser_use_failed`: Browser-use returned a failure.
            `invocation.browser_use_interrupted`: Browser-use was interrupted before completion.
            `invocation.browser_use_incomplete`: Browser-use stopped before completing the task.
        message (str): Human-readable summary of why the invocation failed.
        details (Union[Unset, InvocationErrorDetails]): Action-specific structured context. Use `code` for branching.
    """

    code: InvocationErrorCode
    message: str
    details: Union[Unset, "InvocationErrorDetails"] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        message = self.message

        details: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invocation_error_details import InvocationErrorDetails

        d = dict(src_dict)
        code = InvocationErrorCode(d.pop("code"))

        message = d.pop("message")

        _details = d.pop("details", UNSET)
        details: Union[Unset, InvocationErrorDetails]
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = InvocationErrorDetails.from_dict(_details)

        invocation_error = cls(
            code=code,
            message=message,
            details=details,
        )

        invocation_error.additional_properties = d
        return invocation_error

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
