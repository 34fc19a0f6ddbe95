from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)
from uuid import UUID

from attrs import define as _attrs_define

from ..models.runtime_create_request_type import RuntimeCreateRequestType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.runtime_config import RuntimeConfig
    from ..models.runtime_metadata import RuntimeMetadata


T = TypeVar("T", bound="RuntimeCreateRequest")


@_attrs_define
class RuntimeCreateRequest:
    """
    Attributes:
        space_id (UUID):
        type_ (RuntimeCreateRequestType):
        config (Union[Unset, RuntimeConfig]):
        metadata (Union[Unset, RuntimeMetadata]):
        name (Union[Unset, str]):
    """

    space_id: UUID
    type_: RuntimeCreateRequestType
    config: Union[Unset, "RuntimeConfig"] = UNSET
    metadata: Union[Unset, "RuntimeMetadata"] = UNSET
    name: Union[Unset, str] = UNSET

    def to_dict(self) -> dict[str, Any]:
        space_id = str(self.space_id)

        type_ = self.type_.value

        config: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        metadata: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "spaceId": space_id,
                "type": type_,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.runtime_config import RuntimeConfig
        from ..models.runtime_metadata import RuntimeMetadata

        d = dict(src_dict)
        _space_id_text: Any = d.pop("spaceId")
        UUID(_space_id_text)  # a check only: the text is kept as it came
        space_id: UUID = _space_id_text

        type_ = RuntimeCreateRequestType(d.pop("type"))

        _config = d.pop("config", UNSET)
        config: Union[Unset, RuntimeConfig]
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = RuntimeConfig.from_dict(_config)

        _metadata = d.pop("metadata", UNSET)
        metadata: Union[Unset, RuntimeMetadata]
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = RuntimeMetadata.from_dict(_metadata)

        name = d.pop("name", UNSET)

        runtime_create_request = cls(
            space_id=space_id,
            type_=type_,
            config=config,
            metadata=metadata,
            name=name,
        )

        return runtime_create_request
