from collections.abc import Mapping
from typing import (
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LegacyModelConnection")


@_attrs_define
class LegacyModelConnection:
    """
    Attributes:
        connection (str):
        model (Union[Unset, str]):
    """

    connection: str
    model: Union[Unset, str] = UNSET

    def to_dict(self) -> dict[str, Any]:
        connection = self.connection

        model = self.model

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "connection": connection,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        connection = d.pop("connection")

        model = d.pop("model", UNSET)

        legacy_model_connection = cls(
            connection=connection,
            model=model,
        )

        return legacy_model_connection
