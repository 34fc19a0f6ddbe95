from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

from ..models.proxy_ip_family import ProxyIpFamily
from ..models.proxy_pool_preference import ProxyPoolPreference
from ..models.proxy_protocol import ProxyProtocol
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.proxy_geo import ProxyGeo
    from ..models.rotate_proxy_affinity import RotateProxyAffinity
    from ..models.sticky_proxy_affinity import StickyProxyAffinity


T = TypeVar("T", bound="SavedProxyOverrides")


@_attrs_define
class SavedProxyOverrides:
    """
    Attributes:
        affinity (Union['RotateProxyAffinity', 'StickyProxyAffinity', Unset]):
        geo (Union[Unset, ProxyGeo]):
        ip_family (Union[Unset, ProxyIpFamily]):
        pool_preference (Union[Unset, ProxyPoolPreference]):
        protocol (Union[Unset, ProxyProtocol]):
    """

    affinity: Union["RotateProxyAffinity", "StickyProxyAffinity", Unset] = UNSET
    geo: Union[Unset, "ProxyGeo"] = UNSET
    ip_family: Union[Unset, ProxyIpFamily] = UNSET
    pool_preference: Union[Unset, ProxyPoolPreference] = UNSET
    protocol: Union[Unset, ProxyProtocol] = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.rotate_proxy_affinity import RotateProxyAffinity

        affinity: Union[Unset, dict[str, Any]]
        if isinstance(self.affinity, Unset):
            affinity = UNSET
        elif isinstance(self.affinity, RotateProxyAffinity):
            affinity = self.affinity.to_dict()
        else:
            affinity = self.affinity.to_dict()

        geo: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.geo, Unset):
            geo = self.geo.to_dict()

        ip_family: Union[Unset, str] = UNSET
        if not isinstance(self.ip_family, Unset):
            ip_family = self.ip_family.value

        pool_preference: Union[Unset, str] = UNSET
        if not isinstance(self.pool_preference, Unset):
            pool_preference = self.pool_preference.value

        protocol: Union[Unset, str] = UNSET
        if not isinstance(self.protocol, Unset):
            protocol = self.protocol.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if affinity is not UNSET:
            field_dict["affinity"] = affinity
        if geo is not UNSET:
            field_dict["geo"] = geo
        if ip_family is not UNSET:
            field_dict["ipFamily"] = ip_family
        if pool_preference is not UNSET:
            field_dict["poolPreference"] = pool_preference
        if protocol is not UNSET:
            field_dict["protocol"] = protocol

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.proxy_geo import ProxyGeo
        from ..models.rotate_proxy_affinity import RotateProxyAffinity
        from ..models.sticky_proxy_affinity import StickyProxyAffinity

        d = dict(src_dict)

        def _parse_affinity(
            data: object,
        ) -> Union["RotateProxyAffinity", "StickyProxyAffinity", Unset]:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_proxy_affinity_type_0 = RotateProxyAffinity.from_dict(
                    data
                )

                return componentsschemas_proxy_affinity_type_0
            except:  # noqa: E722
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_proxy_affinity_type_1 = StickyProxyAffinity.from_dict(
                data
            )

            return componentsschemas_proxy_affinity_type_1

        affinity = _parse_affinity(d.pop("affinity", UNSET))

        _geo = d.pop("geo", UNSET)
        geo: Union[Unset, ProxyGeo]
        if isinstance(_geo, Unset):
            geo = UNSET
        else:
            geo = ProxyGeo.from_dict(_geo)

        _ip_family = d.pop("ipFamily", UNSET)
        ip_family: Union[Unset, ProxyIpFamily]
        if isinstance(_ip_family, Unset):
            ip_family = UNSET
        else:
            ip_family = ProxyIpFamily(_ip_family)

        _pool_preference = d.pop("poolPreference", UNSET)
        pool_preference: Union[Unset, ProxyPoolPreference]
        if isinstance(_pool_preference, Unset):
            pool_preference = UNSET
        else:
            pool_preference = ProxyPoolPreference(_pool_preference)

        _protocol = d.pop("protocol", UNSET)
        protocol: Union[Unset, ProxyProtocol]
        if isinstance(_protocol, Unset):
            protocol = UNSET
        else:
            protocol = ProxyProtocol(_protocol)

        saved_proxy_overrides = cls(
            affinity=affinity,
            geo=geo,
            ip_family=ip_family,
            pool_preference=pool_preference,
            protocol=protocol,
        )

        return saved_proxy_overrides
