from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProxyGeo")


@_attrs_define
class ProxyGeo:
    """
    Attributes:
        city (Union[Unset, str]):
        country (Union[Unset, str]):
        isp (Union[Unset, str]):
        region (Union[Unset, str]):
    """

    city: Union[Unset, str] = UNSET
    country: Union[Unset, str] = UNSET
    isp: Union[Unset, str] = UNSET
    region: Union[Unset, str] = UNSET

    def to_dict(self) -> dict[str, Any]:
        city = self.city

        country = self.country

        isp = self.isp

        region = self.region

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if city is not UNSET:
            field_dict["city"] = city
        if country is not UNSET:
            field_dict["country"] = country
        if isp is not UNSET:
            field_dict["isp"] = isp
        if region is not UNSET:
            field_dict["region"] = region

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        city = d.pop("city", UNSET)

        country = d.pop("country", UNSET)

        isp = d.pop("isp", UNSET)

        region = d.pop("region", UNSET)

        proxy_geo = cls(
            city=city,
            country=country,
            isp=isp,
            region=region,
        )

        return proxy_geo
