from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
    cast,
)

from attrs import define as _attrs_define

from ..models.stealth_level import StealthLevel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.custom_proxy_config import CustomProxyConfig
    from ..models.runtime_browser_config import RuntimeBrowserConfig
    from ..models.runtime_fingerprint_config import RuntimeFingerprintConfig
    from ..models.runtime_lifecycle_config import RuntimeLifecycleConfig
    from ..models.saved_proxy_config import SavedProxyConfig


T = TypeVar("T", bound="RuntimeConfig")


@_attrs_define
class RuntimeConfig:
    """
    Attributes:
        browser (Union[Unset, RuntimeBrowserConfig]):
        extensions (Union[Unset, list[str]]):
        fingerprint (Union[Unset, RuntimeFingerprintConfig]):
        lifecycle (Union[Unset, RuntimeLifecycleConfig]):
        proxy (Union['CustomProxyConfig', 'SavedProxyConfig', None, Unset]):
        stealth (Union[Unset, StealthLevel]):
    """

    browser: Union[Unset, "RuntimeBrowserConfig"] = UNSET
    extensions: Union[Unset, list[str]] = UNSET
    fingerprint: Union[Unset, "RuntimeFingerprintConfig"] = UNSET
    lifecycle: Union[Unset, "RuntimeLifecycleConfig"] = UNSET
    proxy: Union["CustomProxyConfig", "SavedProxyConfig", None, Unset] = UNSET
    stealth: Union[Unset, StealthLevel] = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.custom_proxy_config import CustomProxyConfig
        from ..models.saved_proxy_config import SavedProxyConfig

        browser: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.browser, Unset):
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
        elif isinstance(self.proxy, CustomProxyConfig):
            proxy = self.proxy.to_dict()
        elif isinstance(self.proxy, SavedProxyConfig):
            proxy = self.proxy.to_dict()
        else:
            proxy = self.proxy

        stealth: Union[Unset, str] = UNSET
        if not isinstance(self.stealth, Unset):
            stealth = self.stealth.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if browser is not UNSET:
            field_dict["browser"] = browser
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
        from ..models.custom_proxy_config import CustomProxyConfig
        from ..models.runtime_browser_config import RuntimeBrowserConfig
        from ..models.runtime_fingerprint_config import RuntimeFingerprintConfig
        from ..models.runtime_lifecycle_config import RuntimeLifecycleConfig
        from ..models.saved_proxy_config import SavedProxyConfig

        d = dict(src_dict)
        _browser = d.pop("browser", UNSET)
        browser: Union[Unset, RuntimeBrowserConfig]
        if isinstance(_browser, Unset):
            browser = UNSET
        else:
            browser = RuntimeBrowserConfig.from_dict(_browser)

        extensions = cast(list[str], d.pop("extensions", UNSET))

        _fingerprint = d.pop("fingerprint", UNSET)
        fingerprint: Union[Unset, RuntimeFingerprintConfig]
        if isinstance(_fingerprint, Unset):
            fingerprint = UNSET
        else:
            fingerprint = RuntimeFingerprintConfig.from_dict(_fingerprint)

        _lifecycle = d.pop("lifecycle", UNSET)
        lifecycle: Union[Unset, RuntimeLifecycleConfig]
        if isinstance(_lifecycle, Unset):
            lifecycle = UNSET
        else:
            lifecycle = RuntimeLifecycleConfig.from_dict(_lifecycle)

        def _parse_proxy(
            data: object,
        ) -> Union["CustomProxyConfig", "SavedProxyConfig", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_runtime_proxy_config_type_0 = (
                    CustomProxyConfig.from_dict(data)
                )

                return componentsschemas_runtime_proxy_config_type_0
            except:  # noqa: E722
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_runtime_proxy_config_type_1 = (
                    SavedProxyConfig.from_dict(data)
                )

                return componentsschemas_runtime_proxy_config_type_1
            except:  # noqa: E722
                pass
            return cast(
                Union["CustomProxyConfig", "SavedProxyConfig", None, Unset], data
            )

        proxy = _parse_proxy(d.pop("proxy", UNSET))

        _stealth = d.pop("stealth", UNSET)
        stealth: Union[Unset, StealthLevel]
        if isinstance(_stealth, Unset):
            stealth = UNSET
        else:
            stealth = StealthLevel(_stealth)

        runtime_config = cls(
            browser=browser,
            extensions=extensions,
            fingerprint=fingerprint,
            lifecycle=lifecycle,
            proxy=proxy,
            stealth=stealth,
        )

        return runtime_config
