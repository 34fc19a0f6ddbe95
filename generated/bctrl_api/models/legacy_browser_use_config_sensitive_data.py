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
    from ..models.legacy_sensitive_data_value_type_1 import (
        LegacySensitiveDataValueType1,
    )


T = TypeVar("T", bound="LegacyBrowserUseConfigSensitiveData")


@_attrs_define
class LegacyBrowserUseConfigSensitiveData:
    """ """

    additional_properties: dict[str, Union["LegacySensitiveDataValueType1", str]] = (
        _attrs_field(init=False, factory=dict)
    )

    def to_dict(self) -> dict[str, Any]:
        from ..models.legacy_sensitive_data_value_type_1 import (
            LegacySensitiveDataValueType1,
        )

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, LegacySensitiveDataValueType1):
                field_dict[prop_name] = prop.to_dict()
            else:
                field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_sensitive_data_value_type_1 import (
            LegacySensitiveDataValueType1,
        )

        d = dict(src_dict)
        legacy_browser_use_config_sensitive_data = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(
                data: object,
            ) -> Union["LegacySensitiveDataValueType1", str]:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_legacy_sensitive_data_value_type_1 = (
                        LegacySensitiveDataValueType1.from_dict(data)
                    )

                    return componentsschemas_legacy_sensitive_data_value_type_1
                except:  # noqa: E722
                    pass
                return cast(Union["LegacySensitiveDataValueType1", str], data)

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        legacy_browser_use_config_sensitive_data.additional_properties = (
            additional_properties
        )
        return legacy_browser_use_config_sensitive_data

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Union["LegacySensitiveDataValueType1", str]:
        return self.additional_properties[key]

    def __setitem__(
        self, key: str, value: Union["LegacySensitiveDataValueType1", str]
    ) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
