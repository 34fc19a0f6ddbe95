from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

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

    def to_dict(self) -> dict[str, Any]:
        strategy = self.strategy.value

        key = self.key

        field_dict: dict[str, Any] = {}

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

        return sticky_proxy_affinity
