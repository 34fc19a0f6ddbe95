from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.legacy_step_error_code import LegacyStepErrorCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.legacy_step_diagnostic import LegacyStepDiagnostic


T = TypeVar("T", bound="LegacyStepError")


@_attrs_define
class LegacyStepError:
    """
    Attributes:
        code (LegacyStepErrorCode):
        message (str):
        diagnostic (Union[Unset, LegacyStepDiagnostic]):
        hint (Union[Unset, str]):
    """

    code: LegacyStepErrorCode
    message: str
    diagnostic: Union[Unset, "LegacyStepDiagnostic"] = UNSET
    hint: Union[Unset, str] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        message = self.message

        diagnostic: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.diagnostic, Unset):
            diagnostic = self.diagnostic.to_dict()

        hint = self.hint

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if diagnostic is not UNSET:
            field_dict["diagnostic"] = diagnostic
        if hint is not UNSET:
            field_dict["hint"] = hint

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_step_diagnostic import LegacyStepDiagnostic

        d = dict(src_dict)
        code = LegacyStepErrorCode(d.pop("code"))

        message = d.pop("message")

        _diagnostic = d.pop("diagnostic", UNSET)
        diagnostic: Union[Unset, LegacyStepDiagnostic]
        if isinstance(_diagnostic, Unset):
            diagnostic = UNSET
        else:
            diagnostic = LegacyStepDiagnostic.from_dict(_diagnostic)

        hint = d.pop("hint", UNSET)

        legacy_step_error = cls(
            code=code,
            message=message,
            diagnostic=diagnostic,
            hint=hint,
        )

        legacy_step_error.additional_properties = d
        return legacy_step_error

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
