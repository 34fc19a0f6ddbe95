import datetime
from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

T = TypeVar("T", bound="RuntimeLifecycle")


@_attrs_define
class RuntimeLifecycle:
    """
    Attributes:
        idle_timeout_minutes (int):
        last_activity_at (datetime.datetime):
    """

    idle_timeout_minutes: int
    last_activity_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        idle_timeout_minutes = self.idle_timeout_minutes

        last_activity_at = self.last_activity_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "idleTimeoutMinutes": idle_timeout_minutes,
                "lastActivityAt": last_activity_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        idle_timeout_minutes = d.pop("idleTimeoutMinutes")

        last_activity_at = (
            lambda text: datetime.datetime.fromisoformat(text[:-1] + "+00:00")
            if type(text) is str
            and len(text) in (20, 24, 27)
            and text[-1] == "Z"
            and text[10] == "T"
            else isoparse(text)
        )(d.pop("lastActivityAt"))

        runtime_lifecycle = cls(
            idle_timeout_minutes=idle_timeout_minutes,
            last_activity_at=last_activity_at,
        )

        runtime_lifecycle.additional_properties = d
        return runtime_lifecycle

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
