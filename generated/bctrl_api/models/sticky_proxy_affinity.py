from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sticky_proxy_affinity_strategy import StickyProxyAffinityStrategy
from ..types import UNSET, Unset

T = TypeVar("T", bound="StickyProxyAffinity")


@_attrs_define
class StickyProxyAffinity:
    """
    Attributes:
        strategy (StickyProxyAffinityStrategy): Discriminator value: sticky
        key (Union[Unset, str]):
    """

    strategy: StickyProxyAffinityStrategy
    key: Union[Unset, str] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        strategy = self.strategy.value

        key = self.key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "strategy": strategy,
            }
        )
        if key is not UNSET:
            field_dict["key"] = key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        strategy = StickyProxyAffinityStrategy(d.pop("strategy"))

        key = d.pop("key", UNSET)

        sticky_proxy_affinity = cls(
            strategy=strategy,
            key=key,
        )

        sticky_proxy_affinity.additional_properties = d
        return sticky_proxy_affinity

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
