from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)
from uuid import UUID

from attrs import define as _attrs_define

from ..models.legacy_stagehand_invocation_request_operation import (
    LegacyStagehandInvocationRequestOperation,
)
from ..models.legacy_stagehand_invocation_request_provider import (
    LegacyStagehandInvocationRequestProvider,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.legacy_invocation_input import LegacyInvocationInput
    from ..models.legacy_invocation_target import LegacyInvocationTarget
    from ..models.legacy_stagehand_config import LegacyStagehandConfig
    from ..models.legacy_stagehand_invocation_request_metadata import (
        LegacyStagehandInvocationRequestMetadata,
    )
    from ..models.legacy_stagehand_options import LegacyStagehandOptions
    from ..models.legacy_storage_file import LegacyStorageFile
    from ..models.legacy_uploaded_file import LegacyUploadedFile


T = TypeVar("T", bound="LegacyStagehandInvocationRequest")


@_attrs_define
class LegacyStagehandInvocationRequest:
    """
    Attributes:
        input_ (LegacyInvocationInput):
        operation (LegacyStagehandInvocationRequestOperation):
        provider (LegacyStagehandInvocationRequestProvider):
        config (Union[Unset, LegacyStagehandConfig]):
        files (Union[Unset, list[Union['LegacyStorageFile', 'LegacyUploadedFile']]]):
        idempotency_key (Union[Unset, str]): 1 to 255 printable ASCII characters, without leading or trailing spaces
        metadata (Union[Unset, LegacyStagehandInvocationRequestMetadata]):
        options (Union[Unset, LegacyStagehandOptions]):
        target (Union[Unset, LegacyInvocationTarget]):
        toolset_id (Union[Unset, UUID]):
    """

    input_: "LegacyInvocationInput"
    operation: LegacyStagehandInvocationRequestOperation
    provider: LegacyStagehandInvocationRequestProvider
    config: Union[Unset, "LegacyStagehandConfig"] = UNSET
    files: Union[Unset, list[Union["LegacyStorageFile", "LegacyUploadedFile"]]] = UNSET
    idempotency_key: Union[Unset, str] = UNSET
    metadata: Union[Unset, "LegacyStagehandInvocationRequestMetadata"] = UNSET
    options: Union[Unset, "LegacyStagehandOptions"] = UNSET
    target: Union[Unset, "LegacyInvocationTarget"] = UNSET
    toolset_id: Union[Unset, UUID] = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.legacy_storage_file import LegacyStorageFile

        input_ = self.input_.to_dict()

        operation = self.operation.value

        provider = self.provider.value

        config: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        files: Union[Unset, list[dict[str, Any]]] = UNSET
        if not isinstance(self.files, Unset):
            files = []
            for files_item_data in self.files:
                files_item: dict[str, Any]
                if isinstance(files_item_data, LegacyStorageFile):
                    files_item = files_item_data.to_dict()
                else:
                    files_item = files_item_data.to_dict()

                files.append(files_item)

        idempotency_key = self.idempotency_key

        metadata: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        options: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        target: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.target, Unset):
            target = self.target.to_dict()

        toolset_id: Union[Unset, str] = UNSET
        if not isinstance(self.toolset_id, Unset):
            toolset_id = str(self.toolset_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "input": input_,
                "operation": operation,
                "provider": provider,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config
        if files is not UNSET:
            field_dict["files"] = files
        if idempotency_key is not UNSET:
            field_dict["idempotencyKey"] = idempotency_key
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if options is not UNSET:
            field_dict["options"] = options
        if target is not UNSET:
            field_dict["target"] = target
        if toolset_id is not UNSET:
            field_dict["toolsetId"] = toolset_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_invocation_input import LegacyInvocationInput
        from ..models.legacy_invocation_target import LegacyInvocationTarget
        from ..models.legacy_stagehand_config import LegacyStagehandConfig
        from ..models.legacy_stagehand_invocation_request_metadata import (
            LegacyStagehandInvocationRequestMetadata,
        )
        from ..models.legacy_stagehand_options import LegacyStagehandOptions
        from ..models.legacy_storage_file import LegacyStorageFile
        from ..models.legacy_uploaded_file import LegacyUploadedFile

        d = dict(src_dict)
        input_ = LegacyInvocationInput.from_dict(d.pop("input"))

        operation = LegacyStagehandInvocationRequestOperation(d.pop("operation"))

        provider = LegacyStagehandInvocationRequestProvider(d.pop("provider"))

        _config = d.pop("config", UNSET)
        config: Union[Unset, LegacyStagehandConfig]
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = LegacyStagehandConfig.from_dict(_config)

        _files = d.pop("files", UNSET)
        files: Union[Unset, list[Union["LegacyStorageFile", "LegacyUploadedFile"]]]
        if isinstance(_files, Unset):
            files = UNSET
        else:
            files = []
            for files_item_data in _files:

                def _parse_files_item(
                    data: object,
                ) -> Union["LegacyStorageFile", "LegacyUploadedFile"]:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_legacy_invocation_file_type_0 = (
                            LegacyStorageFile.from_dict(data)
                        )

                        return componentsschemas_legacy_invocation_file_type_0
                    except:  # noqa: E722
                        pass
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_legacy_invocation_file_type_1 = (
                        LegacyUploadedFile.from_dict(data)
                    )

                    return componentsschemas_legacy_invocation_file_type_1

                files_item = _parse_files_item(files_item_data)

                files.append(files_item)

        idempotency_key = d.pop("idempotencyKey", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: Union[Unset, LegacyStagehandInvocationRequestMetadata]
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = LegacyStagehandInvocationRequestMetadata.from_dict(_metadata)

        _options = d.pop("options", UNSET)
        options: Union[Unset, LegacyStagehandOptions]
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = LegacyStagehandOptions.from_dict(_options)

        _target = d.pop("target", UNSET)
        target: Union[Unset, LegacyInvocationTarget]
        if isinstance(_target, Unset):
            target = UNSET
        else:
            target = LegacyInvocationTarget.from_dict(_target)

        _toolset_id = d.pop("toolsetId", UNSET)
        toolset_id: Union[Unset, UUID]
        if isinstance(_toolset_id, Unset):
            toolset_id = UNSET
        else:
            UUID(_toolset_id)  # a check only: the text is kept as it came
            toolset_id = _toolset_id

        legacy_stagehand_invocation_request = cls(
            input_=input_,
            operation=operation,
            provider=provider,
            config=config,
            files=files,
            idempotency_key=idempotency_key,
            metadata=metadata,
            options=options,
            target=target,
            toolset_id=toolset_id,
        )

        return legacy_stagehand_invocation_request
