from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fingerprint_browser import FingerprintBrowser
from ..models.fingerprint_locale import FingerprintLocale
from ..types import UNSET, Unset

T = TypeVar("T", bound="RuntimeFingerprintConfig")


@_attrs_define
class RuntimeFingerprintConfig:
    """
    Attributes:
        browser (Union[Unset, FingerprintBrowser]):
        locale (Union[Unset, FingerprintLocale]):
    """

    browser: Union[Unset, FingerprintBrowser] = UNSET
    locale: Union[Unset, FingerprintLocale] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        browser: Union[Unset, str] = UNSET
        if not isinstance(self.browser, Unset):
            browser = self.browser.value

        locale: Union[Unset, str] = UNSET
        if not isinstance(self.locale, Unset):
            locale = self.locale.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if browser is not UNSET:
            field_dict["browser"] = browser
        if locale is not UNSET:
            field_dict["locale"] = locale

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _browser = d.pop("browser", UNSET)
        browser: Union[Unset, FingerprintBrowser]
        if isinstance(_browser, Unset):
            browser = UNSET
        else:
            browser = FingerprintBrowser(_browser)

        _locale = d.pop("locale", UNSET)
        locale: Union[Unset, FingerprintLocale]
        if isinstance(_locale, Unset):
            locale = UNSET
        else:
            locale = FingerprintLocale(_locale)

        runtime_fingerprint_config = cls(
            browser=browser,
            locale=locale,
        )

        runtime_fingerprint_config.additional_properties = d
        return runtime_fingerprint_config

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
