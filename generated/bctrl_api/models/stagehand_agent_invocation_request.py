from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)
from uuid import UUID

from attrs import define as _attrs_define

from ..models.invocation_target_page import InvocationTargetPage
from ..models.stagehand_agent_invocation_request_action import (
    StagehandAgentInvocationRequestAction,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.invocation_file import InvocationFile
    from ..models.invocation_metadata import InvocationMetadata
    from ..models.invocation_target_by_id import InvocationTargetById
    from ..models.output_schema import OutputSchema
    from ..models.stagehand_agent_variables import StagehandAgentVariables


T = TypeVar("T", bound="StagehandAgentInvocationRequest")


@_attrs_define
class StagehandAgentInvocationRequest:
    """
    Attributes:
        action (StagehandAgentInvocationRequestAction):
        instruction (str):
        ai_provider_id (Union[Unset, str]):
        execution_ai_provider_id (Union[Unset, str]):
        files (Union[Unset, list['InvocationFile']]):
        highlight_cursor (Union[Unset, bool]):
        max_steps (Union[Unset, int]):
        metadata (Union[Unset, InvocationMetadata]):
        model (Union[Unset, str]):
        output_schema (Union[Unset, OutputSchema]):
        system_prompt (Union[Unset, str]):
        target (Union['InvocationTargetById', InvocationTargetPage, Unset]):
        temperature (Union[Unset, float]):
        timeout_ms (Union[Unset, int]):
        tool_ids (Union[Unset, list[UUID]]):
        toolset_id (Union[Unset, UUID]):
        variables (Union[Unset, StagehandAgentVariables]):
    """

    action: StagehandAgentInvocationRequestAction
    instruction: str
    ai_provider_id: Union[Unset, str] = UNSET
    execution_ai_provider_id: Union[Unset, str] = UNSET
    files: Union[Unset, list["InvocationFile"]] = UNSET
    highlight_cursor: Union[Unset, bool] = UNSET
    max_steps: Union[Unset, int] = UNSET
    metadata: Union[Unset, "InvocationMetadata"] = UNSET
    model: Union[Unset, str] = UNSET
    output_schema: Union[Unset, "OutputSchema"] = UNSET
    system_prompt: Union[Unset, str] = UNSET
    target: Union["InvocationTargetById", InvocationTargetPage, Unset] = UNSET
    temperature: Union[Unset, float] = UNSET
    timeout_ms: Union[Unset, int] = UNSET
    tool_ids: Union[Unset, list[UUID]] = UNSET
    toolset_id: Union[Unset, UUID] = UNSET
    variables: Union[Unset, "StagehandAgentVariables"] = UNSET

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        instruction = self.instruction

        ai_provider_id = self.ai_provider_id

        execution_ai_provider_id = self.execution_ai_provider_id

        files: Union[Unset, list[dict[str, Any]]] = UNSET
        if not isinstance(self.files, Unset):
            files = []
            for files_item_data in self.files:
                files_item = files_item_data.to_dict()
                files.append(files_item)

        highlight_cursor = self.highlight_cursor

        max_steps = self.max_steps

        metadata: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        model = self.model

        output_schema: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.output_schema, Unset):
            output_schema = self.output_schema.to_dict()

        system_prompt = self.system_prompt

        target: Union[Unset, dict[str, Any], str]
        if isinstance(self.target, Unset):
            target = UNSET
        elif isinstance(self.target, InvocationTargetPage):
            target = self.target.value
        else:
            target = self.target.to_dict()

        temperature = self.temperature

        timeout_ms = self.timeout_ms

        tool_ids: Union[Unset, list[str]] = UNSET
        if not isinstance(self.tool_ids, Unset):
            tool_ids = []
            for tool_ids_item_data in self.tool_ids:
                tool_ids_item = str(tool_ids_item_data)
                tool_ids.append(tool_ids_item)

        toolset_id: Union[Unset, str] = UNSET
        if not isinstance(self.toolset_id, Unset):
            toolset_id = str(self.toolset_id)

        variables: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.variables, Unset):
            variables = self.variables.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
                "instruction": instruction,
            }
        )
        if ai_provider_id is not UNSET:
            field_dict["aiProviderId"] = ai_provider_id
        if execution_ai_provider_id is not UNSET:
            field_dict["executionAiProviderId"] = execution_ai_provider_id
        if files is not UNSET:
            field_dict["files"] = files
        if highlight_cursor is not UNSET:
            field_dict["highlightCursor"] = highlight_cursor
        if max_steps is not UNSET:
            field_dict["maxSteps"] = max_steps
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if model is not UNSET:
            field_dict["model"] = model
        if output_schema is not UNSET:
            field_dict["outputSchema"] = output_schema
        if system_prompt is not UNSET:
            field_dict["systemPrompt"] = system_prompt
        if target is not UNSET:
            field_dict["target"] = target
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if timeout_ms is not UNSET:
            field_dict["timeoutMs"] = timeout_ms
        if tool_ids is not UNSET:
            field_dict["toolIds"] = tool_ids
        if toolset_id is not UNSET:
            field_dict["toolsetId"] = toolset_id
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invocation_file import InvocationFile
        from ..models.invocation_metadata import InvocationMetadata
        from ..models.invocation_target_by_id import InvocationTargetById
        from ..models.output_schema import OutputSchema
        from ..models.stagehand_agent_variables import StagehandAgentVariables

        d = dict(src_dict)
        action = StagehandAgentInvocationRequestAction(d.pop("action"))

        instruction = d.pop("instruction")

        ai_provider_id = d.pop("aiProviderId", UNSET)

        execution_ai_provider_id = d.pop("executionAiProviderId", UNSET)

        _files = d.pop("files", UNSET)
        files: Union[Unset, list["InvocationFile"]]
        if isinstance(_files, Unset):
            files = UNSET
        else:
            files = []
            for files_item_data in _files:
                files_item = InvocationFile.from_dict(files_item_data)

                files.append(files_item)

        highlight_cursor = d.pop("highlightCursor", UNSET)

        max_steps = d.pop("maxSteps", UNSET)

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

        system_prompt = d.pop("systemPrompt", UNSET)

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

        _tool_ids = d.pop("toolIds", UNSET)
        tool_ids: Union[Unset, list[UUID]]
        if isinstance(_tool_ids, Unset):
            tool_ids = UNSET
        else:
            tool_ids = []
            for tool_ids_item_data in _tool_ids:
                _tool_ids_item_text: Any = tool_ids_item_data
                UUID(_tool_ids_item_text)  # a check only: the text is kept as it came
                tool_ids_item: UUID = _tool_ids_item_text

                tool_ids.append(tool_ids_item)

        _toolset_id = d.pop("toolsetId", UNSET)
        toolset_id: Union[Unset, UUID]
        if isinstance(_toolset_id, Unset):
            toolset_id = UNSET
        else:
            UUID(_toolset_id)  # a check only: the text is kept as it came
            toolset_id = _toolset_id

        _variables = d.pop("variables", UNSET)
        variables: Union[Unset, StagehandAgentVariables]
        if isinstance(_variables, Unset):
            variables = UNSET
        else:
            variables = StagehandAgentVariables.from_dict(_variables)

        stagehand_agent_invocation_request = cls(
            action=action,
            instruction=instruction,
            ai_provider_id=ai_provider_id,
            execution_ai_provider_id=execution_ai_provider_id,
            files=files,
            highlight_cursor=highlight_cursor,
            max_steps=max_steps,
            metadata=metadata,
            model=model,
            output_schema=output_schema,
            system_prompt=system_prompt,
            target=target,
            temperature=temperature,
            timeout_ms=timeout_ms,
            tool_ids=tool_ids,
            toolset_id=toolset_id,
            variables=variables,
        )

        return stagehand_agent_invocation_request
