from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

from ..models.custom_proxy_config_mode import CustomProxyConfigMode
from ..models.proxy_protocol import ProxyProtocol
from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomProxyConfig")


@_attrs_define
class CustomProxyConfig:
    """
    Attributes:
        mode (CustomProxyConfigMode): Discriminator value: custom
        host (str):
        port (int):
        protocol (ProxyProtocol):
        password (Union[Unset, str]):
        username (Union[Unset, str]):
    """

    mode: CustomProxyConfigMode
    host: str
    port: int
    protocol: ProxyProtocol
    password: Union[Unset, str] = UNSET
    username: Union[Unset, str] = UNSET

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode.value

        host = self.host

        port = self.port

        protocol = self.protocol.value

        password = self.password

        username = self.username

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mode": mode,
                "host": host,
                "port": port,
                "protocol": protocol,
            }
        )
        if password is not UNSET:
            field_dict["password"] = password
        if username is not UNSET:
            field_dict["username"] = username

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mode = CustomProxyConfigMode(d.pop("mode"))

        host = d.pop("host")

        port = d.pop("port")

        protocol = ProxyProtocol(d.pop("protocol"))

        password = d.pop("password", UNSET)

        username = d.pop("username", UNSET)

        custom_proxy_config = cls(
            mode=mode,
            host=host,
            port=port,
            protocol=protocol,
            password=password,
            username=username,
        )

        return custom_proxy_config
