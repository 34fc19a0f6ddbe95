from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)
from uuid import UUID

from attrs import define as _attrs_define

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

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode.value

        id = str(self.id)

        overrides: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.overrides, Unset):
            overrides = self.overrides.to_dict()

        field_dict: dict[str, Any] = {}

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

        _id_text: Any = d.pop("id")
        UUID(_id_text)  # a check only: the text is kept as it came
        id: UUID = _id_text

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

        return saved_proxy_config
