from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LegacyResolvedStep")


@_attrs_define
class LegacyResolvedStep:
    """
    Attributes:
        call (str):
        context_id (Union[None, str]):
        handle_id (Union[None, str]):
        method (str):
        page_id (Union[None, str]):
        ref (Union[None, str]):
        runtime_id (str):
        target (str):
    """

    call: str
    context_id: Union[None, str]
    handle_id: Union[None, str]
    method: str
    page_id: Union[None, str]
    ref: Union[None, str]
    runtime_id: str
    target: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        call = self.call

        context_id: Union[None, str]
        context_id = self.context_id

        handle_id: Union[None, str]
        handle_id = self.handle_id

        method = self.method

        page_id: Union[None, str]
        page_id = self.page_id

        ref: Union[None, str]
        ref = self.ref

        runtime_id = self.runtime_id

        target = self.target

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "call": call,
                "contextId": context_id,
                "handleId": handle_id,
                "method": method,
                "pageId": page_id,
                "ref": ref,
                "runtimeId": runtime_id,
                "target": target,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        call = d.pop("call")

        def _parse_context_id(data: object) -> Union[None, str]:
            if data is None:
                return data
            return cast(Union[None, str], data)

        context_id = _parse_context_id(d.pop("contextId"))

        def _parse_handle_id(data: object) -> Union[None, str]:
            if data is None:
                return data
            return cast(Union[None, str], data)

        handle_id = _parse_handle_id(d.pop("handleId"))

        method = d.pop("method")

        def _parse_page_id(data: object) -> Union[None, str]:
            if data is None:
                return data
            return cast(Union[None, str], data)

        page_id = _parse_page_id(d.pop("pageId"))

        def _parse_ref(data: object) -> Union[None, str]:
            if data is None:
                return data
            return cast(Union[None, str], data)

        ref = _parse_ref(d.pop("ref"))

        runtime_id = d.pop("runtimeId")

        target = d.pop("target")

        legacy_resolved_step = cls(
            call=call,
            context_id=context_id,
            handle_id=handle_id,
            method=method,
            page_id=page_id,
            ref=ref,
            runtime_id=runtime_id,
            target=target,
        )

        legacy_resolved_step.additional_properties = d
        return legacy_resolved_step

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
