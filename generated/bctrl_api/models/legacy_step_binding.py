from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.legacy_binding_type import LegacyBindingType

T = TypeVar("T", bound="LegacyStepBinding")


@_attrs_define
class LegacyStepBinding:
    """
    Attributes:
        alias (str):
        id (str):
        type_ (LegacyBindingType):
    """

    alias: str
    id: str
    type_: LegacyBindingType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alias = self.alias

        id = self.id

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alias": alias,
                "id": id,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alias = d.pop("alias")

        id = d.pop("id")

        type_ = LegacyBindingType(d.pop("type"))

        legacy_step_binding = cls(
            alias=alias,
            id=id,
            type_=type_,
        )

        legacy_step_binding.additional_properties = d
        return legacy_step_binding

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
