from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LegacyInvocationProgress")


@_attrs_define
class LegacyInvocationProgress:
    """
    Attributes:
        current_call (Union[Unset, str]):
        last_event_type (Union[Unset, str]):
        message (Union[Unset, str]):
        step (Union[Unset, int]):
        total_steps (Union[Unset, int]):
    """

    current_call: Union[Unset, str] = UNSET
    last_event_type: Union[Unset, str] = UNSET
    message: Union[Unset, str] = UNSET
    step: Union[Unset, int] = UNSET
    total_steps: Union[Unset, int] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current_call = self.current_call

        last_event_type = self.last_event_type

        message = self.message

        step = self.step

        total_steps = self.total_steps

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if current_call is not UNSET:
            field_dict["currentCall"] = current_call
        if last_event_type is not UNSET:
            field_dict["lastEventType"] = last_event_type
        if message is not UNSET:
            field_dict["message"] = message
        if step is not UNSET:
            field_dict["step"] = step
        if total_steps is not UNSET:
            field_dict["totalSteps"] = total_steps

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        current_call = d.pop("currentCall", UNSET)

        last_event_type = d.pop("lastEventType", UNSET)

        message = d.pop("message", UNSET)

        step = d.pop("step", UNSET)

        total_steps = d.pop("totalSteps", UNSET)

        legacy_invocation_progress = cls(
            current_call=current_call,
            last_event_type=last_event_type,
            message=message,
            step=step,
            total_steps=total_steps,
        )

        legacy_invocation_progress.additional_properties = d
        return legacy_invocation_progress

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
