from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.legacy_invocation_target_page import LegacyInvocationTargetPage
from ..models.legacy_invocation_target_type import LegacyInvocationTargetType

T = TypeVar("T", bound="LegacyInvocationTarget")


@_attrs_define
class LegacyInvocationTarget:
    """
    Attributes:
        page (LegacyInvocationTargetPage):
        type_ (LegacyInvocationTargetType):
    """

    page: LegacyInvocationTargetPage
    type_: LegacyInvocationTargetType

    def to_dict(self) -> dict[str, Any]:
        page = self.page.value

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "page": page,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        page = LegacyInvocationTargetPage(d.pop("page"))

        type_ = LegacyInvocationTargetType(d.pop("type"))

        legacy_invocation_target = cls(
            page=page,
            type_=type_,
        )

        return legacy_invocation_target
