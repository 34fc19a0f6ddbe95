from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

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

    def to_dict(self) -> dict[str, Any]:
        api_key = self.api_key

        model = self.model

        provider = self.provider.value

        field_dict: dict[str, Any] = {}

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

        return legacy_model_credentials
