from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LegacyDiagnosticFix")


@_attrs_define
class LegacyDiagnosticFix:
    """
    Attributes:
        title (str):
        command (Union[Unset, str]):
        example (Union[Unset, str]):
    """

    title: str
    command: Union[Unset, str] = UNSET
    example: Union[Unset, str] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        command = self.command

        example = self.example

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
            }
        )
        if command is not UNSET:
            field_dict["command"] = command
        if example is not UNSET:
            field_dict["example"] = example

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        command = d.pop("command", UNSET)

        example = d.pop("example", UNSET)

        legacy_diagnostic_fix = cls(
            title=title,
            command=command,
            example=example,
        )

        legacy_diagnostic_fix.additional_properties = d
        return legacy_diagnostic_fix

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
