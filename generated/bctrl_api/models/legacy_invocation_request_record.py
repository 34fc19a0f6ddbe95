from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.legacy_invocation_request_record_mode import (
    LegacyInvocationRequestRecordMode,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.legacy_step import LegacyStep


T = TypeVar("T", bound="LegacyInvocationRequestRecord")


@_attrs_define
class LegacyInvocationRequestRecord:
    """
    Attributes:
        runtime_id (UUID):
        steps (list['LegacyStep']):
        idempotency_key (Union[Unset, str]):
        mode (Union[Unset, LegacyInvocationRequestRecordMode]):
    """

    runtime_id: UUID
    steps: list["LegacyStep"]
    idempotency_key: Union[Unset, str] = UNSET
    mode: Union[Unset, LegacyInvocationRequestRecordMode] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        runtime_id = str(self.runtime_id)

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        idempotency_key = self.idempotency_key

        mode: Union[Unset, str] = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "runtimeId": runtime_id,
                "steps": steps,
            }
        )
        if idempotency_key is not UNSET:
            field_dict["idempotencyKey"] = idempotency_key
        if mode is not UNSET:
            field_dict["mode"] = mode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_step import LegacyStep

        d = dict(src_dict)
        _runtime_id_text: Any = d.pop("runtimeId")
        UUID(_runtime_id_text)  # a check only: the text is kept as it came
        runtime_id: UUID = _runtime_id_text

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = LegacyStep.from_dict(steps_item_data)

            steps.append(steps_item)

        idempotency_key = d.pop("idempotencyKey", UNSET)

        _mode = d.pop("mode", UNSET)
        mode: Union[Unset, LegacyInvocationRequestRecordMode]
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = LegacyInvocationRequestRecordMode(_mode)

        legacy_invocation_request_record = cls(
            runtime_id=runtime_id,
            steps=steps,
            idempotency_key=idempotency_key,
            mode=mode,
        )

        legacy_invocation_request_record.additional_properties = d
        return legacy_invocation_request_record

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
