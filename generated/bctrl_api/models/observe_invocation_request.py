from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

from ..models.invocation_target_page import InvocationTargetPage
from ..models.observe_invocation_request_action import ObserveInvocationRequestAction
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.invocation_metadata import InvocationMetadata
    from ..models.invocation_target_by_id import InvocationTargetById


T = TypeVar("T", bound="ObserveInvocationRequest")


@_attrs_define
class ObserveInvocationRequest:
    """
    Attributes:
        action (ObserveInvocationRequestAction): Discriminator value: observe
        instruction (str):
        ai_provider_id (Union[Unset, str]):
        metadata (Union[Unset, InvocationMetadata]):
        model (Union[Unset, str]):
        selector (Union[Unset, str]):
        target (Union['InvocationTargetById', InvocationTargetPage, Unset]):
        temperature (Union[Unset, float]):
        timeout_ms (Union[Unset, int]):
    """

    action: ObserveInvocationRequestAction
    instruction: str
    ai_provider_id: Union[Unset, str] = UNSET
    metadata: Union[Unset, "InvocationMetadata"] = UNSET
    model: Union[Unset, str] = UNSET
    selector: Union[Unset, str] = UNSET
    target: Union["InvocationTargetById", InvocationTargetPage, Unset] = UNSET
    temperature: Union[Unset, float] = UNSET
    timeout_ms: Union[Unset, int] = UNSET

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        instruction = self.instruction

        ai_provider_id = self.ai_provider_id

        metadata: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        model = self.model

        selector = self.selector

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
                "instruction": instruction,
            }
        )
        if ai_provider_id is not UNSET:
            field_dict["aiProviderId"] = ai_provider_id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if model is not UNSET:
            field_dict["model"] = model
        if selector is not UNSET:
            field_dict["selector"] = selector
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

        d = dict(src_dict)
        action = ObserveInvocationRequestAction(d.pop("action"))

        instruction = d.pop("instruction")

        ai_provider_id = d.pop("aiProviderId", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: Union[Unset, InvocationMetadata]
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = InvocationMetadata.from_dict(_metadata)

        model = d.pop("model", UNSET)

        selector = d.pop("selector", UNSET)

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

        observe_invocation_request = cls(
            action=action,
            instruction=instruction,
            ai_provider_id=ai_provider_id,
            metadata=metadata,
            model=model,
            selector=selector,
            target=target,
            temperature=temperature,
            timeout_ms=timeout_ms,
        )

        return observe_invocation_request
