from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LegacyStorageFile")


@_attrs_define
class LegacyStorageFile:
    """
    Attributes:
        storage_path (str):
        name (Union[Unset, str]):
    """

    storage_path: str
    name: Union[Unset, str] = UNSET

    def to_dict(self) -> dict[str, Any]:
        storage_path = self.storage_path

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "storagePath": storage_path,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        storage_path = d.pop("storagePath")

        name = d.pop("name", UNSET)

        legacy_storage_file = cls(
            storage_path=storage_path,
            name=name,
        )

        return legacy_storage_file
