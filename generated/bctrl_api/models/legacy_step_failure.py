from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.legacy_step_error import LegacyStepError


T = TypeVar("T", bound="LegacyStepFailure")


@_attrs_define
class LegacyStepFailure:
    """
    Attributes:
        call (str):
        error (LegacyStepError):
        index (int):
        ok (bool):
    """

    call: str
    error: "LegacyStepError"
    index: int
    ok: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        call = self.call

        error = self.error.to_dict()

        index = self.index

        ok = self.ok

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "call": call,
                "error": error,
                "index": index,
                "ok": ok,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_step_error import LegacyStepError

        d = dict(src_dict)
        call = d.pop("call")

        error = LegacyStepError.from_dict(d.pop("error"))

        index = d.pop("index")

        ok = d.pop("ok")

        legacy_step_failure = cls(
            call=call,
            error=error,
            index=index,
            ok=ok,
        )

        legacy_step_failure.additional_properties = d
        return legacy_step_failure

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
