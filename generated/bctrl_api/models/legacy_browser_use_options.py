from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LegacyBrowserUseOptions")


@_attrs_define
class LegacyBrowserUseOptions:
    """
    Attributes:
        max_steps (Union[Unset, int]):
    """

    max_steps: Union[Unset, int] = UNSET

    def to_dict(self) -> dict[str, Any]:
        max_steps = self.max_steps

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if max_steps is not UNSET:
            field_dict["maxSteps"] = max_steps

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        max_steps = d.pop("maxSteps", UNSET)

        legacy_browser_use_options = cls(
            max_steps=max_steps,
        )

        return legacy_browser_use_options
