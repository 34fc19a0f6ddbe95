import datetime
from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
    cast,
)
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from dateutil.parser import isoparse

from ..models.runtime_status import RuntimeStatus
from ..models.runtime_type import RuntimeType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.runtime_metadata import RuntimeMetadata
    from ..models.runtime_raw_config import RuntimeRawConfig
    from ..models.runtime_resolved_config import RuntimeResolvedConfig


T = TypeVar("T", bound="Runtime")


@_attrs_define
class Runtime:
    """
    Attributes:
        active_run_id (Union[None, UUID]):
        created_at (datetime.datetime):
        id (UUID):
        name (str):
        status (RuntimeStatus):
        type_ (RuntimeType):
        updated_at (datetime.datetime):
        config (Union['RuntimeRawConfig', 'RuntimeResolvedConfig', Unset]):
        metadata (Union['RuntimeMetadata', None, Unset]):
    """

    active_run_id: Union[None, UUID]
    created_at: datetime.datetime
    id: UUID
    name: str
    status: RuntimeStatus
    type_: RuntimeType
    updated_at: datetime.datetime
    config: Union["RuntimeRawConfig", "RuntimeResolvedConfig", Unset] = UNSET
    metadata: Union["RuntimeMetadata", None, Unset] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.runtime_metadata import RuntimeMetadata
        from ..models.runtime_resolved_config import RuntimeResolvedConfig

        active_run_id: Union[None, str]
        if isinstance(self.active_run_id, UUID):
            active_run_id = str(self.active_run_id)
        else:
            active_run_id = self.active_run_id

        created_at = self.created_at.isoformat()

        id = str(self.id)

        name = self.name

        status = self.status.value

        type_ = self.type_.value

        updated_at = self.updated_at.isoformat()

        config: Union[Unset, dict[str, Any]]
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, RuntimeResolvedConfig):
            config = self.config.to_dict()
        else:
            config = self.config.to_dict()

        metadata: Union[None, Unset, dict[str, Any]]
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, RuntimeMetadata):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activeRunId": active_run_id,
                "createdAt": created_at,
                "id": id,
                "name": name,
                "status": status,
                "type": type_,
                "updatedAt": updated_at,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.runtime_metadata import RuntimeMetadata
        from ..models.runtime_raw_config import RuntimeRawConfig
        from ..models.runtime_resolved_config import RuntimeResolvedConfig

        d = dict(src_dict)

        def _parse_active_run_id(data: object) -> Union[None, UUID]:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                _active_run_id_type_0_text: Any = data
                UUID(
                    _active_run_id_type_0_text
                )  # a check only: the text is kept as it came
                active_run_id_type_0: UUID = _active_run_id_type_0_text

                return active_run_id_type_0
            except:  # noqa: E722
                pass
            return cast(Union[None, UUID], data)

        active_run_id = _parse_active_run_id(d.pop("activeRunId"))

        created_at = (
            lambda text: datetime.datetime.fromisoformat(text[:-1] + "+00:00")
            if type(text) is str
            and len(text) in (20, 24, 27)
            and text[-1] == "Z"
            and text[10] == "T"
            else isoparse(text)
        )(d.pop("createdAt"))

        _id_text: Any = d.pop("id")
        UUID(_id_text)  # a check only: the text is kept as it came
        id: UUID = _id_text

        name = d.pop("name")

        status = RuntimeStatus(d.pop("status"))

        type_ = RuntimeType(d.pop("type"))

        updated_at = (
            lambda text: datetime.datetime.fromisoformat(text[:-1] + "+00:00")
            if type(text) is str
            and len(text) in (20, 24, 27)
            and text[-1] == "Z"
            and text[10] == "T"
            else isoparse(text)
        )(d.pop("updatedAt"))

        def _parse_config(
            data: object,
        ) -> Union["RuntimeRawConfig", "RuntimeResolvedConfig", Unset]:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_runtime_detail_config_type_0 = (
                    RuntimeResolvedConfig.from_dict(data)
                )

                return componentsschemas_runtime_detail_config_type_0
            except:  # noqa: E722
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_runtime_detail_config_type_1 = RuntimeRawConfig.from_dict(
                data
            )

            return componentsschemas_runtime_detail_config_type_1

        config = _parse_config(d.pop("config", UNSET))

        def _parse_metadata(data: object) -> Union["RuntimeMetadata", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = RuntimeMetadata.from_dict(data)

                return metadata_type_0
            except:  # noqa: E722
                pass
            return cast(Union["RuntimeMetadata", None, Unset], data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        runtime = cls(
            active_run_id=active_run_id,
            created_at=created_at,
            id=id,
            name=name,
            status=status,
            type_=type_,
            updated_at=updated_at,
            config=config,
            metadata=metadata,
        )

        runtime.additional_properties = d
        return runtime

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
