from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LegacyUploadedFile")


@_attrs_define
class LegacyUploadedFile:
    """
    Attributes:
        file_id (UUID):
        name (Union[Unset, str]):
    """

    file_id: UUID
    name: Union[Unset, str] = UNSET

    def to_dict(self) -> dict[str, Any]:
        file_id = str(self.file_id)

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "fileId": file_id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _file_id_text: Any = d.pop("fileId")
        UUID(_file_id_text)  # a check only: the text is kept as it came
        file_id: UUID = _file_id_text

        name = d.pop("name", UNSET)

        legacy_uploaded_file = cls(
            file_id=file_id,
            name=name,
        )

        return legacy_uploaded_file
