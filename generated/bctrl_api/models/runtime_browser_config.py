from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RuntimeBrowserConfig")


@_attrs_define
class RuntimeBrowserConfig:
    """
    Attributes:
        profile (Union[Unset, bool]):
    """

    profile: Union[Unset, bool] = UNSET

    def to_dict(self) -> dict[str, Any]:
        profile = self.profile

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if profile is not UNSET:
            field_dict["profile"] = profile

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        profile = d.pop("profile", UNSET)

        runtime_browser_config = cls(
            profile=profile,
        )

        return runtime_browser_config
