from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

from ..models.act_invocation_request_action import ActInvocationRequestAction
from ..models.invocation_target_page import InvocationTargetPage
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.invocation_metadata import InvocationMetadata
    from ..models.invocation_target_by_id import InvocationTargetById
    from ..models.stagehand_action import StagehandAction


T = TypeVar("T", bound="ActInvocationRequest")


@_attrs_define
class ActInvocationRequest:
    """
    Attributes:
        action (ActInvocationRequestAction): Discriminator value: act
        ai_provider_id (Union[Unset, str]):
        instruction (Union[Unset, str]):
        metadata (Union[Unset, InvocationMetadata]):
        model (Union[Unset, str]):
        stagehand_action (Union[Unset, StagehandAction]):
        target (Union['InvocationTargetById', InvocationTargetPage, Unset]):
        temperature (Union[Unset, float]):
        timeout_ms (Union[Unset, int]):
    """

    action: ActInvocationRequestAction
    ai_provider_id: Union[Unset, str] = UNSET
    instruction: Union[Unset, str] = UNSET
    metadata: Union[Unset, "InvocationMetadata"] = UNSET
    model: Union[Unset, str] = UNSET
    stagehand_action: Union[Unset, "StagehandAction"] = UNSET
    target: Union["InvocationTargetById", InvocationTargetPage, Unset] = UNSET
    temperature: Union[Unset, float] = UNSET
    timeout_ms: Union[Unset, int] = UNSET

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        ai_provider_id = self.ai_provider_id

        instruction = self.instruction

        metadata: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        model = self.model

        stagehand_action: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.stagehand_action, Unset):
            stagehand_action = self.stagehand_action.to_dict()

        target: Union[Unset, dict[str, Any], str]
        if isinstance(self.target, Unset):
            target = UNSET
        elif isinstance(self.target, InvocationTargetPage):
            target = self.target.value
        else:
            target = self.target.to_dict()

        temperature = self.temperature

        timeout_ms = self.timeout_ms

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
            }
        )
        if ai_provider_id is not UNSET:
            field_dict["aiProviderId"] = ai_provider_id
        if instruction is not UNSET:
            field_dict["instruction"] = instruction
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if model is not UNSET:
            field_dict["model"] = model
        if stagehand_action is not UNSET:
            field_dict["stagehandAction"] = stagehand_action
        if target is not UNSET:
            field_dict["target"] = target
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if timeout_ms is not UNSET:
            field_dict["timeoutMs"] = timeout_ms

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invocation_metadata import InvocationMetadata
        from ..models.invocation_target_by_id import InvocationTargetById
        from ..models.stagehand_action import StagehandAction

        d = dict(src_dict)
        action = ActInvocationRequestAction(d.pop("action"))

        ai_provider_id = d.pop("aiProviderId", UNSET)

        instruction = d.pop("instruction", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: Union[Unset, InvocationMetadata]
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = InvocationMetadata.from_dict(_metadata)

        model = d.pop("model", UNSET)

        _stagehand_action = d.pop("stagehandAction", UNSET)
        stagehand_action: Union[Unset, StagehandAction]
        if isinstance(_stagehand_action, Unset):
            stagehand_action = UNSET
        else:
            stagehand_action = StagehandAction.from_dict(_stagehand_action)

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

        temperature = d.pop("temperature", UNSET)

        timeout_ms = d.pop("timeoutMs", UNSET)

        act_invocation_request = cls(
            action=action,
            ai_provider_id=ai_provider_id,
            instruction=instruction,
            metadata=metadata,
            model=model,
            stagehand_action=stagehand_action,
            target=target,
            temperature=temperature,
            timeout_ms=timeout_ms,
        )

        return act_invocation_request
