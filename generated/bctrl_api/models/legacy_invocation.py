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

from ..models.invocation_status import InvocationStatus
from ..models.legacy_execution_mode import LegacyExecutionMode
from ..models.runtime_type import RuntimeType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.legacy_invocation_error import LegacyInvocationError
    from ..models.legacy_invocation_metadata_type_0 import LegacyInvocationMetadataType0
    from ..models.legacy_invocation_progress import LegacyInvocationProgress
    from ..models.legacy_invocation_request_record import LegacyInvocationRequestRecord
    from ..models.legacy_invocation_result import LegacyInvocationResult


T = TypeVar("T", bound="LegacyInvocation")


@_attrs_define
class LegacyInvocation:
    """
    Attributes:
        artifact_count (int):
        created_at (datetime.datetime):
        entry_call (str):
        execution_mode (LegacyExecutionMode):
        id (UUID):
        run_id (UUID):
        runtime_id (UUID):
        runtime_kind (RuntimeType):
        sequence_no (int):
        space_id (UUID):
        status (InvocationStatus):
        step_count (int):
        cancel_requested_at (Union[None, Unset, datetime.datetime]):
        connector (Union[None, Unset, str]):
        correlation_id (Union[None, Unset, str]):
        duration_ms (Union[None, Unset, int]):
        error (Union['LegacyInvocationError', None, Unset]):
        finished_at (Union[None, Unset, datetime.datetime]):
        last_heartbeat_at (Union[None, Unset, datetime.datetime]):
        metadata (Union['LegacyInvocationMetadataType0', None, Unset]):
        progress (Union['LegacyInvocationProgress', None, Unset]):
        request (Union['LegacyInvocationRequestRecord', None, Unset]):
        result (Union['LegacyInvocationResult', None, Unset]):
        started_at (Union[None, Unset, datetime.datetime]):
    """

    artifact_count: int
    created_at: datetime.datetime
    entry_call: str
    execution_mode: LegacyExecutionMode
    id: UUID
    run_id: UUID
    runtime_id: UUID
    runtime_kind: RuntimeType
    sequence_no: int
    space_id: UUID
    status: InvocationStatus
    step_count: int
    cancel_requested_at: Union[None, Unset, datetime.datetime] = UNSET
    connector: Union[None, Unset, str] = UNSET
    correlation_id: Union[None, Unset, str] = UNSET
    duration_ms: Union[None, Unset, int] = UNSET
    error: Union["LegacyInvocationError", None, Unset] = UNSET
    finished_at: Union[None, Unset, datetime.datetime] = UNSET
    last_heartbeat_at: Union[None, Unset, datetime.datetime] = UNSET
    metadata: Union["LegacyInvocationMetadataType0", None, Unset] = UNSET
    progress: Union["LegacyInvocationProgress", None, Unset] = UNSET
    request: Union["LegacyInvocationRequestRecord", None, Unset] = UNSET
    result: Union["LegacyInvocationResult", None, Unset] = UNSET
    started_at: Union[None, Unset, datetime.datetime] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.legacy_invocation_error import LegacyInvocationError
        from ..models.legacy_invocation_metadata_type_0 import (
            LegacyInvocationMetadataType0,
        )
        from ..models.legacy_invocation_progress import LegacyInvocationProgress
        from ..models.legacy_invocation_request_record import (
            LegacyInvocationRequestRecord,
        )
        from ..models.legacy_invocation_result import LegacyInvocationResult

        artifact_count = self.artifact_count

        created_at = self.created_at.isoformat()

        entry_call = self.entry_call

        execution_mode = self.execution_mode.value

        id = str(self.id)

        run_id = str(self.run_id)

        runtime_id = str(self.runtime_id)

        runtime_kind = self.runtime_kind.value

        sequence_no = self.sequence_no

        space_id = str(self.space_id)

        status = self.status.value

        step_count = self.step_count

        cancel_requested_at: Union[None, Unset, str]
        if isinstance(self.cancel_requested_at, Unset):
            cancel_requested_at = UNSET
        elif isinstance(self.cancel_requested_at, datetime.datetime):
            cancel_requested_at = self.cancel_requested_at.isoformat()
        else:
            cancel_requested_at = self.cancel_requested_at

        connector: Union[None, Unset, str]
        if isinstance(self.connector, Unset):
            connector = UNSET
        else:
            connector = self.connector

        correlation_id: Union[None, Unset, str]
        if isinstance(self.correlation_id, Unset):
            correlation_id = UNSET
        else:
            correlation_id = self.correlation_id

        duration_ms: Union[None, Unset, int]
        if isinstance(self.duration_ms, Unset):
            duration_ms = UNSET
        else:
            duration_ms = self.duration_ms

        error: Union[None, Unset, dict[str, Any]]
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, LegacyInvocationError):
            error = self.error.to_dict()
        else:
            error = self.error

        finished_at: Union[None, Unset, str]
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        last_heartbeat_at: Union[None, Unset, str]
        if isinstance(self.last_heartbeat_at, Unset):
            last_heartbeat_at = UNSET
        elif isinstance(self.last_heartbeat_at, datetime.datetime):
            last_heartbeat_at = self.last_heartbeat_at.isoformat()
        else:
            last_heartbeat_at = self.last_heartbeat_at

        metadata: Union[None, Unset, dict[str, Any]]
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, LegacyInvocationMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        progress: Union[None, Unset, dict[str, Any]]
        if isinstance(self.progress, Unset):
            progress = UNSET
        elif isinstance(self.progress, LegacyInvocationProgress):
            progress = self.progress.to_dict()
        else:
            progress = self.progress

        request: Union[None, Unset, dict[str, Any]]
        if isinstance(self.request, Unset):
            request = UNSET
        elif isinstance(self.request, LegacyInvocationRequestRecord):
            request = self.request.to_dict()
        else:
            request = self.request

        result: Union[None, Unset, dict[str, Any]]
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, LegacyInvocationResult):
            result = self.result.to_dict()
        else:
            result = self.result

        started_at: Union[None, Unset, str]
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "artifactCount": artifact_count,
                "createdAt": created_at,
                "entryCall": entry_call,
                "executionMode": execution_mode,
                "id": id,
                "runId": run_id,
                "runtimeId": runtime_id,
                "runtimeKind": runtime_kind,
                "sequenceNo": sequence_no,
                "spaceId": space_id,
                "status": status,
                "stepCount": step_count,
            }
        )
        if cancel_requested_at is not UNSET:
            field_dict["cancelRequestedAt"] = cancel_requested_at
        if connector is not UNSET:
            field_dict["connector"] = connector
        if correlation_id is not UNSET:
            field_dict["correlationId"] = correlation_id
        if duration_ms is not UNSET:
            field_dict["durationMs"] = duration_ms
        if error is not UNSET:
            field_dict["error"] = error
        if finished_at is not UNSET:
            field_dict["finishedAt"] = finished_at
        if last_heartbeat_at is not UNSET:
            field_dict["lastHeartbeatAt"] = last_heartbeat_at
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if progress is not UNSET:
            field_dict["progress"] = progress
        if request is not UNSET:
            field_dict["request"] = request
        if result is not UNSET:
            field_dict["result"] = result
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_invocation_error import LegacyInvocationError
        from ..models.legacy_invocation_metadata_type_0 import (
            LegacyInvocationMetadataType0,
        )
        from ..models.legacy_invocation_progress import LegacyInvocationProgress
        from ..models.legacy_invocation_request_record import (
            LegacyInvocationRequestRecord,
        )
        from ..models.legacy_invocation_result import LegacyInvocationResult

        d = dict(src_dict)
        artifact_count = d.pop("artifactCount")

        created_at = (
            lambda text: datetime.datetime.fromisoformat(text[:-1] + "+00:00")
            if type(text) is str
            and len(text) in (20, 24, 27)
            and text[-1] == "Z"
            and text[10] == "T"
            else isoparse(text)
        )(d.pop("createdAt"))

        entry_call = d.pop("entryCall")

        execution_mode = LegacyExecutionMode(d.pop("executionMode"))

        _id_text: Any = d.pop("id")
        UUID(_id_text)  # a check only: the text is kept as it came
        id: UUID = _id_text

        _run_id_text: Any = d.pop("runId")
        UUID(_run_id_text)  # a check only: the text is kept as it came
        run_id: UUID = _run_id_text

        _runtime_id_text: Any = d.pop("runtimeId")
        UUID(_runtime_id_text)  # a check only: the text is kept as it came
        runtime_id: UUID = _runtime_id_text

        runtime_kind = RuntimeType(d.pop("runtimeKind"))

        sequence_no = d.pop("sequenceNo")

        _space_id_text: Any = d.pop("spaceId")
        UUID(_space_id_text)  # a check only: the text is kept as it came
        space_id: UUID = _space_id_text

        status = InvocationStatus(d.pop("status"))

        step_count = d.pop("stepCount")

        def _parse_cancel_requested_at(
            data: object,
        ) -> Union[None, Unset, datetime.datetime]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancel_requested_at_type_0 = (
                    lambda text: datetime.datetime.fromisoformat(text[:-1] + "+00:00")
                    if type(text) is str
                    and len(text) in (20, 24, 27)
                    and text[-1] == "Z"
                    and text[10] == "T"
                    else isoparse(text)
                )(data)

                return cancel_requested_at_type_0
            except:  # noqa: E722
                pass
            return cast(Union[None, Unset, datetime.datetime], data)

        cancel_requested_at = _parse_cancel_requested_at(
            d.pop("cancelRequestedAt", UNSET)
        )

        def _parse_connector(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        connector = _parse_connector(d.pop("connector", UNSET))

        def _parse_correlation_id(data: object) -> Union[None, Unset, str]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, str], data)

        correlation_id = _parse_correlation_id(d.pop("correlationId", UNSET))

        def _parse_duration_ms(data: object) -> Union[None, Unset, int]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, int], data)

        duration_ms = _parse_duration_ms(d.pop("durationMs", UNSET))

        def _parse_error(data: object) -> Union["LegacyInvocationError", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = LegacyInvocationError.from_dict(data)

                return error_type_0
            except:  # noqa: E722
                pass
            return cast(Union["LegacyInvocationError", None, Unset], data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_finished_at(data: object) -> Union[None, Unset, datetime.datetime]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = (
                    lambda text: datetime.datetime.fromisoformat(text[:-1] + "+00:00")
                    if type(text) is str
                    and len(text) in (20, 24, 27)
                    and text[-1] == "Z"
                    and text[10] == "T"
                    else isoparse(text)
                )(data)

                return finished_at_type_0
            except:  # noqa: E722
                pass
            return cast(Union[None, Unset, datetime.datetime], data)

        finished_at = _parse_finished_at(d.pop("finishedAt", UNSET))

        def _parse_last_heartbeat_at(
            data: object,
        ) -> Union[None, Unset, datetime.datetime]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_heartbeat_at_type_0 = (
                    lambda text: datetime.datetime.fromisoformat(text[:-1] + "+00:00")
                    if type(text) is str
                    and len(text) in (20, 24, 27)
                    and text[-1] == "Z"
                    and text[10] == "T"
                    else isoparse(text)
                )(data)

                return last_heartbeat_at_type_0
            except:  # noqa: E722
                pass
            return cast(Union[None, Unset, datetime.datetime], data)

        last_heartbeat_at = _parse_last_heartbeat_at(d.pop("lastHeartbeatAt", UNSET))

        def _parse_metadata(
            data: object,
        ) -> Union["LegacyInvocationMetadataType0", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = LegacyInvocationMetadataType0.from_dict(data)

                return metadata_type_0
            except:  # noqa: E722
                pass
            return cast(Union["LegacyInvocationMetadataType0", None, Unset], data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_progress(
            data: object,
        ) -> Union["LegacyInvocationProgress", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                progress_type_0 = LegacyInvocationProgress.from_dict(data)

                return progress_type_0
            except:  # noqa: E722
                pass
            return cast(Union["LegacyInvocationProgress", None, Unset], data)

        progress = _parse_progress(d.pop("progress", UNSET))

        def _parse_request(
            data: object,
        ) -> Union["LegacyInvocationRequestRecord", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                request_type_0 = LegacyInvocationRequestRecord.from_dict(data)

                return request_type_0
            except:  # noqa: E722
                pass
            return cast(Union["LegacyInvocationRequestRecord", None, Unset], data)

        request = _parse_request(d.pop("request", UNSET))

        def _parse_result(data: object) -> Union["LegacyInvocationResult", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = LegacyInvocationResult.from_dict(data)

                return result_type_0
            except:  # noqa: E722
                pass
            return cast(Union["LegacyInvocationResult", None, Unset], data)

        result = _parse_result(d.pop("result", UNSET))

        def _parse_started_at(data: object) -> Union[None, Unset, datetime.datetime]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = (
                    lambda text: datetime.datetime.fromisoformat(text[:-1] + "+00:00")
                    if type(text) is str
                    and len(text) in (20, 24, 27)
                    and text[-1] == "Z"
                    and text[10] == "T"
                    else isoparse(text)
                )(data)

                return started_at_type_0
            except:  # noqa: E722
                pass
            return cast(Union[None, Unset, datetime.datetime], data)

        started_at = _parse_started_at(d.pop("startedAt", UNSET))

        legacy_invocation = cls(
            artifact_count=artifact_count,
            created_at=created_at,
            entry_call=entry_call,
            execution_mode=execution_mode,
            id=id,
            run_id=run_id,
            runtime_id=runtime_id,
            runtime_kind=runtime_kind,
            sequence_no=sequence_no,
            space_id=space_id,
            status=status,
            step_count=step_count,
            cancel_requested_at=cancel_requested_at,
            connector=connector,
            correlation_id=correlation_id,
            duration_ms=duration_ms,
            error=error,
            finished_at=finished_at,
            last_heartbeat_at=last_heartbeat_at,
            metadata=metadata,
            progress=progress,
            request=request,
            result=result,
            started_at=started_at,
        )

        legacy_invocation.additional_properties = d
        return legacy_invocation

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
