from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.legacy_step_options import LegacyStepOptions


T = TypeVar("T", bound="LegacyStep")


@_attrs_define
class LegacyStep:
    """
    Attributes:
        call (str):
        args (Union[Unset, list[Any]]):
        bind (Union[Unset, str]):
        options (Union[Unset, LegacyStepOptions]):
        ref (Union[Unset, str]):
    """

    call: str
    args: Union[Unset, list[Any]] = UNSET
    bind: Union[Unset, str] = UNSET
    options: Union[Unset, "LegacyStepOptions"] = UNSET
    ref: Union[Unset, str] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        call = self.call

        args: Union[Unset, list[Any]] = UNSET
        if not isinstance(self.args, Unset):
            args = self.args

        bind = self.bind

        options: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        ref = self.ref

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "call": call,
            }
        )
        if args is not UNSET:
            field_dict["args"] = args
        if bind is not UNSET:
            field_dict["bind"] = bind
        if options is not UNSET:
            field_dict["options"] = options
        if ref is not UNSET:
            field_dict["ref"] = ref

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_step_options import LegacyStepOptions

        d = dict(src_dict)
        call = d.pop("call")

        args = cast(list[Any], d.pop("args", UNSET))

        bind = d.pop("bind", UNSET)

        _options = d.pop("options", UNSET)
        options: Union[Unset, LegacyStepOptions]
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = LegacyStepOptions.from_dict(_options)

        ref = d.pop("ref", UNSET)

        legacy_step = cls(
            call=call,
            args=args,
            bind=bind,
            options=options,
            ref=ref,
        )

        legacy_step.additional_properties = d
        return legacy_step

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
