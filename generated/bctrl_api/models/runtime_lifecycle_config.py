from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RuntimeLifecycleConfig")


@_attrs_define
class RuntimeLifecycleConfig:
    """
    Attributes:
        idle_timeout_minutes (Union[Unset, int]):
    """

    idle_timeout_minutes: Union[Unset, int] = UNSET

    def to_dict(self) -> dict[str, Any]:
        idle_timeout_minutes = self.idle_timeout_minutes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if idle_timeout_minutes is not UNSET:
            field_dict["idleTimeoutMinutes"] = idle_timeout_minutes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        idle_timeout_minutes = d.pop("idleTimeoutMinutes", UNSET)

        runtime_lifecycle_config = cls(
            idle_timeout_minutes=idle_timeout_minutes,
        )

        return runtime_lifecycle_config
