from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

from ..models.invocation_target_page import InvocationTargetPage
from ..models.solve_captcha_invocation_request_action import (
    SolveCaptchaInvocationRequestAction,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.invocation_metadata import InvocationMetadata
    from ..models.invocation_target_by_id import InvocationTargetById


T = TypeVar("T", bound="SolveCaptchaInvocationRequest")


@_attrs_define
class SolveCaptchaInvocationRequest:
    """
    Attributes:
        action (SolveCaptchaInvocationRequestAction):
        metadata (Union[Unset, InvocationMetadata]):
        target (Union['InvocationTargetById', InvocationTargetPage, Unset]):
        timeout_ms (Union[Unset, int]):
    """

    action: SolveCaptchaInvocationRequestAction
    metadata: Union[Unset, "InvocationMetadata"] = UNSET
    target: Union["InvocationTargetById", InvocationTargetPage, Unset] = UNSET
    timeout_ms: Union[Unset, int] = UNSET

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        metadata: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        target: Union[Unset, dict[str, Any], str]
        if isinstance(self.target, Unset):
            target = UNSET
        elif isinstance(self.target, InvocationTargetPage):
            target = self.target.value
        else:
            target = self.target.to_dict()

        timeout_ms = self.timeout_ms

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if target is not UNSET:
            field_dict["target"] = target
        if timeout_ms is not UNSET:
            field_dict["timeoutMs"] = timeout_ms

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invocation_metadata import InvocationMetadata
        from ..models.invocation_target_by_id import InvocationTargetById

        d = dict(src_dict)
        action = SolveCaptchaInvocationRequestAction(d.pop("action"))

        _metadata = d.pop("metadata", UNSET)
        metadata: Union[Unset, InvocationMetadata]
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = InvocationMetadata.from_dict(_metadata)

        def _parse_target(
            data: object,
        ) -> Union["InvocationTargetById", InvocationTargetPage, Unset]:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_invocation_target_type_0 = InvocationTargetPage(data)

                return componentsschemas_invocation_target_type_0
            except:  # noqa: E722
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_invocation_target_type_1 = InvocationTargetById.from_dict(
                data
            )

            return componentsschemas_invocation_target_type_1

        target = _parse_target(d.pop("target", UNSET))

        timeout_ms = d.pop("timeoutMs", UNSET)

        solve_captcha_invocation_request = cls(
            action=action,
            metadata=metadata,
            target=target,
            timeout_ms=timeout_ms,
        )

        return solve_captcha_invocation_request
