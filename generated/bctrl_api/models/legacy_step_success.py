from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.legacy_resolved_step import LegacyResolvedStep
    from ..models.legacy_step_binding import LegacyStepBinding


T = TypeVar("T", bound="LegacyStepSuccess")


@_attrs_define
class LegacyStepSuccess:
    """
    Attributes:
        call (str):
        index (int):
        ok (bool):
        resolved (LegacyResolvedStep):
        result (Any): Any type
        binding (Union[Unset, LegacyStepBinding]):
    """

    call: str
    index: int
    ok: bool
    resolved: "LegacyResolvedStep"
    result: Any
    binding: Union[Unset, "LegacyStepBinding"] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        call = self.call

        index = self.index

        ok = self.ok

        resolved = self.resolved.to_dict()

        result = self.result

        binding: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.binding, Unset):
            binding = self.binding.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "call": call,
                "index": index,
                "ok": ok,
                "resolved": resolved,
                "result": result,
            }
        )
        if binding is not UNSET:
            field_dict["binding"] = binding

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_resolved_step import LegacyResolvedStep
        from ..models.legacy_step_binding import LegacyStepBinding

        d = dict(src_dict)
        call = d.pop("call")

        index = d.pop("index")

        ok = d.pop("ok")

        resolved = LegacyResolvedStep.from_dict(d.pop("resolved"))

        result = d.pop("result")

        _binding = d.pop("binding", UNSET)
        binding: Union[Unset, LegacyStepBinding]
        if isinstance(_binding, Unset):
            binding = UNSET
        else:
            binding = LegacyStepBinding.from_dict(_binding)

        legacy_step_success = cls(
            call=call,
            index=index,
            ok=ok,
            resolved=resolved,
            result=result,
            binding=binding,
        )

        legacy_step_success.additional_properties = d
        return legacy_step_success

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
