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

from ..models.invocation_action import InvocationAction
from ..models.invocation_status import InvocationStatus
from ..models.invocation_wait_status import InvocationWaitStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.invocation_error import InvocationError


T = TypeVar("T", bound="InvocationWaitResponse")


@_attrs_define
class InvocationWaitResponse:
    """
    Attributes:
        action (InvocationAction):
        created_at (datetime.datetime):
        id (UUID):
        run_id (UUID):
        runtime_id (UUID):
        status (InvocationStatus):
        wait_status (InvocationWaitStatus): `completed`: the invocation is terminal. `timeout`: it is not terminal yet;
            wait again.
        duration_ms (Union[None, Unset, int]):
        error (Union['InvocationError', None, Unset]):
        finished_at (Union[None, Unset, datetime.datetime]):
        output (Union[Unset, Any]): Any type
        started_at (Union[None, Unset, datetime.datetime]):
        retry_after_ms (Union[Unset, int]): When `waitStatus` is `timeout`, how long the client should pause before the
            next wait, in milliseconds.
    """

    action: InvocationAction
    created_at: datetime.datetime
    id: UUID
    run_id: UUID
    runtime_id: UUID
    status: InvocationStatus
    wait_status: InvocationWaitStatus
    duration_ms: Union[None, Unset, int] = UNSET
    error: Union["InvocationError", None, Unset] = UNSET
    finished_at: Union[None, Unset, datetime.datetime] = UNSET
    output: Union[Unset, Any] = UNSET
    started_at: Union[None, Unset, datetime.datetime] = UNSET
    retry_after_ms: Union[Unset, int] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.invocation_error import InvocationError

        action = self.action.value

        created_at = self.created_at.isoformat()

        id = str(self.id)

        run_id = str(self.run_id)

        runtime_id = str(self.runtime_id)

        status = self.status.value

        wait_status = self.wait_status.value

        duration_ms: Union[None, Unset, int]
        if isinstance(self.duration_ms, Unset):
            duration_ms = UNSET
        else:
            duration_ms = self.duration_ms

        error: Union[None, Unset, dict[str, Any]]
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, InvocationError):
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

        output = self.output

        started_at: Union[None, Unset, str]
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        retry_after_ms = self.retry_after_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "createdAt": created_at,
                "id": id,
                "runId": run_id,
                "runtimeId": runtime_id,
                "status": status,
                "waitStatus": wait_status,
            }
        )
        if duration_ms is not UNSET:
            field_dict["durationMs"] = duration_ms
        if error is not UNSET:
            field_dict["error"] = error
        if finished_at is not UNSET:
            field_dict["finishedAt"] = finished_at
        if output is not UNSET:
            field_dict["output"] = output
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if retry_after_ms is not UNSET:
            field_dict["retryAfterMs"] = retry_after_ms

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invocation_error import InvocationError

        d = dict(src_dict)
        action = InvocationAction(d.pop("action"))

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

        _run_id_text: Any = d.pop("runId")
        UUID(_run_id_text)  # a check only: the text is kept as it came
        run_id: UUID = _run_id_text

        _runtime_id_text: Any = d.pop("runtimeId")
        UUID(_runtime_id_text)  # a check only: the text is kept as it came
        runtime_id: UUID = _runtime_id_text

        status = InvocationStatus(d.pop("status"))

        wait_status = InvocationWaitStatus(d.pop("waitStatus"))

        def _parse_duration_ms(data: object) -> Union[None, Unset, int]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, int], data)

        duration_ms = _parse_duration_ms(d.pop("durationMs", UNSET))

        def _parse_error(data: object) -> Union["InvocationError", None, Unset]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = InvocationError.from_dict(data)

                return error_type_0
            except:  # noqa: E722
                pass
            return cast(Union["InvocationError", None, Unset], data)

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

        output = d.pop("output", UNSET)

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

        retry_after_ms = d.pop("retryAfterMs", UNSET)

        invocation_wait_response = cls(
            action=action,
            created_at=created_at,
            id=id,
            run_id=run_id,
            runtime_id=runtime_id,
            status=status,
            wait_status=wait_status,
            duration_ms=duration_ms,
            error=error,
            finished_at=finished_at,
            output=output,
            started_at=started_at,
            retry_after_ms=retry_after_ms,
        )

        invocation_wait_response.additional_properties = d
        return invocation_wait_response

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
