from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.legacy_model_provider import LegacyModelProvider

T = TypeVar("T", bound="LegacyModelCredentials")


@_attrs_define
class LegacyModelCredentials:
    """
    Attributes:
        api_key (str):
        model (str):
        provider (LegacyModelProvider):
    """

    api_key: str
    model: str
    provider: LegacyModelProvider
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_key = self.api_key

        model = self.model

        provider = self.provider.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "apiKey": api_key,
                "model": model,
                "provider": provider,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api_key = d.pop("apiKey")

        model = d.pop("model")

        provider = LegacyModelProvider(d.pop("provider"))

        legacy_model_credentials = cls(
            api_key=api_key,
            model=model,
            provider=provider,
        )

        legacy_model_credentials.additional_properties = d
        return legacy_model_credentials

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
