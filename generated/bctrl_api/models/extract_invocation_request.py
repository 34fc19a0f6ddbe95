from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

from ..models.extract_invocation_request_action import ExtractInvocationRequestAction
from ..models.invocation_target_page import InvocationTargetPage
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.invocation_metadata import InvocationMetadata
    from ..models.invocation_target_by_id import InvocationTargetById
    from ..models.output_schema import OutputSchema


T = TypeVar("T", bound="ExtractInvocationRequest")


@_attrs_define
class ExtractInvocationRequest:
    """
    Attributes:
        action (ExtractInvocationRequestAction): Discriminator value: extract
        ai_provider_id (Union[Unset, str]):
        instruction (Union[Unset, str]):
        metadata (Union[Unset, InvocationMetadata]):
        model (Union[Unset, str]):
        output_schema (Union[Unset, OutputSchema]):
        selector (Union[Unset, str]):
        target (Union['InvocationTargetById', InvocationTargetPage, Unset]):
        temperature (Union[Unset, float]):
        timeout_ms (Union[Unset, int]):
    """

    action: ExtractInvocationRequestAction
    ai_provider_id: Union[Unset, str] = UNSET
    instruction: Union[Unset, str] = UNSET
    metadata: Union[Unset, "InvocationMetadata"] = UNSET
    model: Union[Unset, str] = UNSET
    output_schema: Union[Unset, "OutputSchema"] = UNSET
    selector: Union[Unset, str] = UNSET
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

        output_schema: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.output_schema, Unset):
            output_schema = self.output_schema.to_dict()

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
        if output_schema is not UNSET:
            field_dict["outputSchema"] = output_schema
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
        from ..models.output_schema import OutputSchema

        d = dict(src_dict)
        action = ExtractInvocationRequestAction(d.pop("action"))

        ai_provider_id = d.pop("aiProviderId", UNSET)

        instruction = d.pop("instruction", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: Union[Unset, InvocationMetadata]
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = InvocationMetadata.from_dict(_metadata)

        model = d.pop("model", UNSET)

        _output_schema = d.pop("outputSchema", UNSET)
        output_schema: Union[Unset, OutputSchema]
        if isinstance(_output_schema, Unset):
            output_schema = UNSET
        else:
            output_schema = OutputSchema.from_dict(_output_schema)

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

        extract_invocation_request = cls(
            action=action,
            ai_provider_id=ai_provider_id,
            instruction=instruction,
            metadata=metadata,
            model=model,
            output_schema=output_schema,
            selector=selector,
            target=target,
            temperature=temperature,
            timeout_ms=timeout_ms,
        )

        return extract_invocation_request
