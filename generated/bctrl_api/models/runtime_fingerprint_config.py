from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

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

    def to_dict(self) -> dict[str, Any]:
        browser: Union[Unset, str] = UNSET
        if not isinstance(self.browser, Unset):
            browser = self.browser.value

        locale: Union[Unset, str] = UNSET
        if not isinstance(self.locale, Unset):
            locale = self.locale.value

        field_dict: dict[str, Any] = {}

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

        return runtime_fingerprint_config
