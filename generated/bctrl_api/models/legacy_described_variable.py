from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
    cast,
)

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LegacyDescribedVariable")


@_attrs_define
class LegacyDescribedVariable:
    """
    Attributes:
        value (Union[bool, float, str]):
        description (Union[Unset, str]):
    """

    value: Union[bool, float, str]
    description: Union[Unset, str] = UNSET

    def to_dict(self) -> dict[str, Any]:
        value: Union[bool, float, str]
        value = self.value

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "value": value,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_value(data: object) -> Union[bool, float, str]:
            return cast(Union[bool, float, str], data)

        value = _parse_value(d.pop("value"))

        description = d.pop("description", UNSET)

        legacy_described_variable = cls(
            value=value,
            description=description,
        )

        return legacy_described_variable
