from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.saved_proxy_config_mode import SavedProxyConfigMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.saved_proxy_overrides import SavedProxyOverrides


T = TypeVar("T", bound="SavedProxyConfig")


@_attrs_define
class SavedProxyConfig:
    """
    Attributes:
        mode (SavedProxyConfigMode): Discriminator value: saved
        id (UUID):
        overrides (Union[Unset, SavedProxyOverrides]):
    """

    mode: SavedProxyConfigMode
    id: UUID
    overrides: Union[Unset, "SavedProxyOverrides"] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode.value

        id = str(self.id)

        overrides: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.overrides, Unset):
            overrides = self.overrides.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mode": mode,
                "id": id,
            }
        )
        if overrides is not UNSET:
            field_dict["overrides"] = overrides

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.saved_proxy_overrides import SavedProxyOverrides

        d = dict(src_dict)
        mode = SavedProxyConfigMode(d.pop("mode"))

        id = UUID(d.pop("id"))

        _overrides = d.pop("overrides", UNSET)
        overrides: Union[Unset, SavedProxyOverrides]
        if isinstance(_overrides, Unset):
            overrides = UNSET
        else:
            overrides = SavedProxyOverrides.from_dict(_overrides)

        saved_proxy_config = cls(
            mode=mode,
            id=id,
            overrides=overrides,
        )

        saved_proxy_config.additional_properties = d
        return saved_proxy_config

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
