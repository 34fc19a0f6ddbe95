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

from ..models.stealth_level import StealthLevel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.runtime_browser import RuntimeBrowser
    from ..models.runtime_fingerprint import RuntimeFingerprint
    from ..models.runtime_lifecycle import RuntimeLifecycle
    from ..models.runtime_proxy import RuntimeProxy


T = TypeVar("T", bound="RuntimeResolvedConfig")


@_attrs_define
class RuntimeResolvedConfig:
    """
    Attributes:
        browser (RuntimeBrowser):
        extensions (Union[Unset, list[str]]):
        fingerprint (Union[Unset, RuntimeFingerprint]):
        lifecycle (Union[Unset, RuntimeLifecycle]):
        proxy (Union['RuntimeProxy', None, Unset]):
        stealth (Union[Unset, StealthLevel]):
    """

    browser: "RuntimeBrowser"
    extensions: Union[Unset, list[str]] = UNSET
    fingerprint: Union[Unset, "RuntimeFingerprint"] = UNSET
    lifecycle: Union[Unset, "RuntimeLifecycle"] = UNSET
    proxy: Union["RuntimeProxy", None, Unset] = UNSET
    stealth: Union[Unset, StealthLevel] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.runtime_proxy import RuntimeProxy

        browser = self.browser.to_dict()

        extensions: Union[Unset, list[str]] = UNSET
        if not isinstance(self.extensions, Unset):
            extensions = self.extensions

        fingerprint: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.fingerprint, Unset):
            fingerprint = self.fingerprint.to_dict()

        lifecycle: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.lifecycle, Unset):
            lifecycle = self.lifecycle.to_dict()

        proxy: Union[None, Unset, dict[str, Any]]
        if isinstance(self.proxy, Unset):
            proxy = UNSET
        elif isinstance(self.proxy, RuntimeProxy):
            proxy = self.proxy.to_dict()
        else:
            proxy = self.proxy

        stealth: Union[Unset, str] = UNSET
        if not isinstance(self.stealth, Unset):
            stealth = self.stealth.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "browser": browser,
            }
        )
        if extensions is not UNSET:
            field_dict["extensions"] = extensions
        if fingerprint is not UNSET:
            field_dict["fingerprint"] = fingerprint
        if lifecycle is not UNSET:
            field_dict["lifecycle"] = lifecycle
        if proxy is not UNSET:
            field_dict["proxy"] = proxy
        if stealth is not UNSET:
            field_dict["stealth"] = stealth

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.runtime_browser import RuntimeBrowser
        from ..models.runtime_fingerprint import RuntimeFingerprint
        from ..models.runtime_lifecycle import RuntimeLifecycle
        from ..models.runtime_proxy import RuntimeProxy

        d = dict(src_dict)
        browser = RuntimeBrowser.from_dict(d.pop("browser"))

        extensions = cast(list[str], d.pop("extensions", UNSET))

        _fingerprint = d.pop("fingerprint", UNSET)
        fingerprint: Union[Unset, RuntimeFingerprint]
        if isinstance(_fingerprint, Unset):
            fingerprint = UNSET
        else:
            fingerprint = RuntimeFingerprint.from_dict(_fingerprint)

        _lifecycle = d.pop("lifecycle", UNSET)
        lifecycle: Union[Unset, RuntimeLifecycle]
        if isinstance(_lifecycle, Unset):
            lifecycle = UNSET
        else:
            lifecycle = RuntimeLifecycle.from_dict(_lifecycle)

        def _parse_proxy(data: object) -> Union["RuntimeProxy", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                proxy_type_0 = RuntimeProxy.from_dict(data)

                return proxy_type_0
            except:  # noqa: E722
                pass
            return cast(Union["RuntimeProxy", None, Unset], data)

        proxy = _parse_proxy(d.pop("proxy", UNSET))

        _stealth = d.pop("stealth", UNSET)
        stealth: Union[Unset, StealthLevel]
        if isinstance(_stealth, Unset):
            stealth = UNSET
        else:
            stealth = StealthLevel(_stealth)

        runtime_resolved_config = cls(
            browser=browser,
            extensions=extensions,
            fingerprint=fingerprint,
            lifecycle=lifecycle,
            proxy=proxy,
            stealth=stealth,
        )

        runtime_resolved_config.additional_properties = d
        return runtime_resolved_config

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
