from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.legacy_described_variable import LegacyDescribedVariable


T = TypeVar("T", bound="LegacyStagehandOptionsVariables")


@_attrs_define
class LegacyStagehandOptionsVariables:
    """ """

    additional_properties: dict[
        str, Union["LegacyDescribedVariable", bool, float, str]
    ] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.legacy_described_variable import LegacyDescribedVariable

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, LegacyDescribedVariable):
                field_dict[prop_name] = prop.to_dict()
            else:
                field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_described_variable import LegacyDescribedVariable

        d = dict(src_dict)
        legacy_stagehand_options_variables = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(
                data: object,
            ) -> Union["LegacyDescribedVariable", bool, float, str]:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_legacy_stagehand_variable_type_1 = (
                        LegacyDescribedVariable.from_dict(data)
                    )

                    return componentsschemas_legacy_stagehand_variable_type_1
                except:  # noqa: E722
                    pass
                return cast(Union["LegacyDescribedVariable", bool, float, str], data)

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        legacy_stagehand_options_variables.additional_properties = additional_properties
        return legacy_stagehand_options_variables

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(
        self, key: str
    ) -> Union["LegacyDescribedVariable", bool, float, str]:
        return self.additional_properties[key]

    def __setitem__(
        self, key: str, value: Union["LegacyDescribedVariable", bool, float, str]
    ) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
