from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LegacyInvocationInput")


@_attrs_define
class LegacyInvocationInput:
    """
    Attributes:
        instruction (str):
    """

    instruction: str

    def to_dict(self) -> dict[str, Any]:
        instruction = self.instruction

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "instruction": instruction,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        instruction = d.pop("instruction")

        legacy_invocation_input = cls(
            instruction=instruction,
        )

        return legacy_invocation_input
