from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.rotate_proxy_affinity_strategy import RotateProxyAffinityStrategy

T = TypeVar("T", bound="RotateProxyAffinity")


@_attrs_define
class RotateProxyAffinity:
    """
    Attributes:
        strategy (RotateProxyAffinityStrategy): Discriminator value: rotate
    """

    strategy: RotateProxyAffinityStrategy

    def to_dict(self) -> dict[str, Any]:
        strategy = self.strategy.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "strategy": strategy,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        strategy = RotateProxyAffinityStrategy(d.pop("strategy"))

        rotate_proxy_affinity = cls(
            strategy=strategy,
        )

        return rotate_proxy_affinity
