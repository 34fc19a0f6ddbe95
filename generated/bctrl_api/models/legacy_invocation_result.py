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

from ..models.legacy_invocation_result_mode import LegacyInvocationResultMode

if TYPE_CHECKING:
    from ..models.legacy_step_failure import LegacyStepFailure
    from ..models.legacy_step_success import LegacyStepSuccess


T = TypeVar("T", bound="LegacyInvocationResult")


@_attrs_define
class LegacyInvocationResult:
    """
    Attributes:
        mode (LegacyInvocationResultMode):
        ok (bool):
        runtime_id (UUID):
        steps (list[Union['LegacyStepFailure', 'LegacyStepSuccess']]):
    """

    mode: LegacyInvocationResultMode
    ok: bool
    runtime_id: UUID
    steps: list[Union["LegacyStepFailure", "LegacyStepSuccess"]]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.legacy_step_success import LegacyStepSuccess

        mode = self.mode.value

        ok = self.ok

        runtime_id = str(self.runtime_id)

        steps = []
        for steps_item_data in self.steps:
            steps_item: dict[str, Any]
            if isinstance(steps_item_data, LegacyStepSuccess):
                steps_item = steps_item_data.to_dict()
            else:
                steps_item = steps_item_data.to_dict()

            steps.append(steps_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mode": mode,
                "ok": ok,
                "runtimeId": runtime_id,
                "steps": steps,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_step_failure import LegacyStepFailure
        from ..models.legacy_step_success import LegacyStepSuccess

        d = dict(src_dict)
        mode = LegacyInvocationResultMode(d.pop("mode"))

        ok = d.pop("ok")

        _runtime_id_text: Any = d.pop("runtimeId")
        UUID(_runtime_id_text)  # a check only: the text is kept as it came
        runtime_id: UUID = _runtime_id_text

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:

            def _parse_steps_item(
                data: object,
            ) -> Union["LegacyStepFailure", "LegacyStepSuccess"]:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_legacy_step_result_type_0 = (
                        LegacyStepSuccess.from_dict(data)
                    )

                    return componentsschemas_legacy_step_result_type_0
                except:  # noqa: E722
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_legacy_step_result_type_1 = (
                    LegacyStepFailure.from_dict(data)
                )

                return componentsschemas_legacy_step_result_type_1

            steps_item = _parse_steps_item(steps_item_data)

            steps.append(steps_item)

        legacy_invocation_result = cls(
            mode=mode,
            ok=ok,
            runtime_id=runtime_id,
            steps=steps,
        )

        legacy_invocation_result.additional_properties = d
        return legacy_invocation_result

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
