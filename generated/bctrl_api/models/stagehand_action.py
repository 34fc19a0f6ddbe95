from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        selector = self.selector

        arguments: Union[Unset, list[str]] = UNSET
        if not isinstance(self.arguments, Unset):
            arguments = self.arguments

        method = self.method

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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

        stagehand_action.additional_properties = d
        return stagehand_action

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
