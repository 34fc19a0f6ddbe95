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
    from ..models.runtime_viewport import RuntimeViewport


T = TypeVar("T", bound="RuntimeFingerprint")


@_attrs_define
class RuntimeFingerprint:
    """
    Attributes:
        browser (Union[Unset, str]):
        locale (Union[Unset, str]):
        timezone (Union[Unset, str]):
        user_agent (Union[Unset, str]):
        viewport (Union[Unset, RuntimeViewport]):
    """

    browser: Union[Unset, str] = UNSET
    locale: Union[Unset, str] = UNSET
    timezone: Union[Unset, str] = UNSET
    user_agent: Union[Unset, str] = UNSET
    viewport: Union[Unset, "RuntimeViewport"] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        browser = self.browser

        locale = self.locale

        timezone = self.timezone

        user_agent = self.user_agent

        viewport: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.viewport, Unset):
            viewport = self.viewport.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if browser is not UNSET:
            field_dict["browser"] = browser
        if locale is not UNSET:
            field_dict["locale"] = locale
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if user_agent is not UNSET:
            field_dict["userAgent"] = user_agent
        if viewport is not UNSET:
            field_dict["viewport"] = viewport

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.runtime_viewport import RuntimeViewport

        d = dict(src_dict)
        browser = d.pop("browser", UNSET)

        locale = d.pop("locale", UNSET)

        timezone = d.pop("timezone", UNSET)

        user_agent = d.pop("userAgent", UNSET)

        _viewport = d.pop("viewport", UNSET)
        viewport: Union[Unset, RuntimeViewport]
        if isinstance(_viewport, Unset):
            viewport = UNSET
        else:
            viewport = RuntimeViewport.from_dict(_viewport)

        runtime_fingerprint = cls(
            browser=browser,
            locale=locale,
            timezone=timezone,
            user_agent=user_agent,
            viewport=viewport,
        )

        runtime_fingerprint.additional_properties = d
        return runtime_fingerprint

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
