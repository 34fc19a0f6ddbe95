from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
    cast,
)

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StagehandAction")


@_attrs_define
class StagehandAction:
    """
    Attributes:
        description (str):
        selector (str):
        arguments (Union[Unset, list[str]]):
        method (Union[Unset, str]):
    """

    description: str
    selector: str
    arguments: Union[Unset, list[str]] = UNSET
    method: Union[Unset, str] = UNSET

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        selector = self.selector

        arguments: Union[Unset, list[str]] = UNSET
        if not isinstance(self.arguments, Unset):
            arguments = self.arguments

        method = self.method

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
                "selector": selector,
            }
        )
        if arguments is not UNSET:
            field_dict["arguments"] = arguments
        if method is not UNSET:
            field_dict["method"] = method

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        selector = d.pop("selector")

        arguments = cast(list[str], d.pop("arguments", UNSET))

        method = d.pop("method", UNSET)

        stagehand_action = cls(
            description=description,
            selector=selector,
            arguments=arguments,
            method=method,
        )

        return stagehand_action
