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

from ..models.browser_use_invocation_request_action import (
    BrowserUseInvocationRequestAction,
)
from ..models.invocation_target_page import InvocationTargetPage
from ..models.use_vision_type_1 import UseVisionType1
from ..models.vision_detail_level import VisionDetailLevel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.browser_use_sensitive_data import BrowserUseSensitiveData
    from ..models.invocation_file import InvocationFile
    from ..models.invocation_metadata import InvocationMetadata
    from ..models.invocation_target_by_id import InvocationTargetById
    from ..models.output_schema import OutputSchema


T = TypeVar("T", bound="BrowserUseInvocationRequest")


@_attrs_define
class BrowserUseInvocationRequest:
    """
    Attributes:
        action (BrowserUseInvocationRequestAction): Discriminator value: browserUse
        instruction (str):
        ai_provider_id (Union[Unset, str]):
        directly_open_url (Union[Unset, bool]):
        enable_planning (Union[Unset, bool]):
        extend_system_message (Union[Unset, str]):
        extraction_ai_provider_id (Union[Unset, str]):
        fallback_ai_provider_id (Union[Unset, str]):
        files (Union[Unset, list['InvocationFile']]):
        flash_mode (Union[Unset, bool]):
        include_attributes (Union[Unset, list[str]]):
        max_actions_per_step (Union[Unset, int]):
        max_failures (Union[Unset, int]):
        max_history_items (Union[None, Unset, int]):
        max_steps (Union[Unset, int]):
        metadata (Union[Unset, InvocationMetadata]):
        model (Union[Unset, str]):
        output_schema (Union[Unset, OutputSchema]):
        override_system_message (Union[Unset, str]):
        sensitive_data (Union[Unset, BrowserUseSensitiveData]):
        step_timeout_ms (Union[Unset, int]):
        target (Union['InvocationTargetById', InvocationTargetPage, Unset]):
        temperature (Union[Unset, float]):
        timeout_ms (Union[Unset, int]):
        tool_ids (Union[Unset, list[UUID]]):
        toolset_id (Union[Unset, UUID]):
        use_thinking (Union[Unset, bool]):
        use_vision (Union[Unset, UseVisionType1, bool]):
        vision_detail_level (Union[Unset, VisionDetailLevel]):
    """

    action: BrowserUseInvocationRequestAction
    instruction: str
    ai_provider_id: Union[Unset, str] = UNSET
    directly_open_url: Union[Unset, bool] = UNSET
    enable_planning: Union[Unset, bool] = UNSET
    extend_system_message: Union[Unset, str] = UNSET
    extraction_ai_provider_id: Union[Unset, str] = UNSET
    fallback_ai_provider_id: Union[Unset, str] = UNSET
    files: Union[Unset, list["InvocationFile"]] = UNSET
    flash_mode: Union[Unset, bool] = UNSET
    include_attributes: Union[Unset, list[str]] = UNSET
    max_actions_per_step: Union[Unset, int] = UNSET
    max_failures: Union[Unset, int] = UNSET
    max_history_items: Union[None, Unset, int] = UNSET
    max_steps: Union[Unset, int] = UNSET
    metadata: Union[Unset, "InvocationMetadata"] = UNSET
    model: Union[Unset, str] = UNSET
    output_schema: Union[Unset, "OutputSchema"] = UNSET
    override_system_message: Union[Unset, str] = UNSET
    sensitive_data: Union[Unset, "BrowserUseSensitiveData"] = UNSET
    step_timeout_ms: Union[Unset, int] = UNSET
    target: Union["InvocationTargetById", InvocationTargetPage, Unset] = UNSET
    temperature: Union[Unset, float] = UNSET
    timeout_ms: Union[Unset, int] = UNSET
    tool_ids: Union[Unset, list[UUID]] = UNSET
    toolset_id: Union[Unset, UUID] = UNSET
    use_thinking: Union[Unset, bool] = UNSET
    use_vision: Union[Unset, UseVisionType1, bool] = UNSET
    vision_detail_level: Union[Unset, VisionDetailLevel] = UNSET

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        instruction = self.instruction

        ai_provider_id = self.ai_provider_id

        directly_open_url = self.directly_open_url

        enable_planning = self.enable_planning

        extend_system_message = self.extend_system_message

        extraction_ai_provider_id = self.extraction_ai_provider_id

        fallback_ai_provider_id = self.fallback_ai_provider_id

        files: Union[Unset, list[dict[str, Any]]] = UNSET
        if not isinstance(self.files, Unset):
            files = []
            for files_item_data in self.files:
                files_item = files_item_data.to_dict()
                files.append(files_item)

        flash_mode = self.flash_mode

        include_attributes: Union[Unset, list[str]] = UNSET
        if not isinstance(self.include_attributes, Unset):
            include_attributes = self.include_attributes

        max_actions_per_step = self.max_actions_per_step

        max_failures = self.max_failures

        max_history_items: Union[None, Unset, int]
        if isinstance(self.max_history_items, Unset):
            max_history_items = UNSET
        else:
            max_history_items = self.max_history_items

        max_steps = self.max_steps

        metadata: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        model = self.model

        output_schema: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.output_schema, Unset):
            output_schema = self.output_schema.to_dict()

        override_system_message = self.override_system_message

        sensitive_data: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.sensitive_data, Unset):
            sensitive_data = self.sensitive_data.to_dict()

        step_timeout_ms = self.step_timeout_ms

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

        use_thinking = self.use_thinking

        use_vision: Union[Unset, bool, str]
        if isinstance(self.use_vision, Unset):
            use_vision = UNSET
        elif isinstance(self.use_vision, UseVisionType1):
            use_vision = self.use_vision.value
        else:
            use_vision = self.use_vision

        vision_detail_level: Union[Unset, str] = UNSET
        if not isinstance(self.vision_detail_level, Unset):
            vision_detail_level = self.vision_detail_level.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
                "instruction": instruction,
            }
        )
        if ai_provider_id is not UNSET:
            field_dict["aiProviderId"] = ai_provider_id
        if directly_open_url is not UNSET:
            field_dict["directlyOpenUrl"] = directly_open_url
        if enable_planning is not UNSET:
            field_dict["enablePlanning"] = enable_planning
        if extend_system_message is not UNSET:
            field_dict["extendSystemMessage"] = extend_system_message
        if extraction_ai_provider_id is not UNSET:
            field_dict["extractionAiProviderId"] = extraction_ai_provider_id
        if fallback_ai_provider_id is not UNSET:
            field_dict["fallbackAiProviderId"] = fallback_ai_provider_id
        if files is not UNSET:
            field_dict["files"] = files
        if flash_mode is not UNSET:
            field_dict["flashMode"] = flash_mode
        if include_attributes is not UNSET:
            field_dict["includeAttributes"] = include_attributes
        if max_actions_per_step is not UNSET:
            field_dict["maxActionsPerStep"] = max_actions_per_step
        if max_failures is not UNSET:
            field_dict["maxFailures"] = max_failures
        if max_history_items is not UNSET:
            field_dict["maxHistoryItems"] = max_history_items
        if max_steps is not UNSET:
            field_dict["maxSteps"] = max_steps
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if model is not UNSET:
            field_dict["model"] = model
        if output_schema is not UNSET:
            field_dict["outputSchema"] = output_schema
        if override_system_message is not UNSET:
            field_dict["overrideSystemMessage"] = override_system_message
        if sensitive_data is not UNSET:
            field_dict["sensitiveData"] = sensitive_data
        if step_timeout_ms is not UNSET:
            field_dict["stepTimeoutMs"] = step_timeout_ms
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
        if use_thinking is not UNSET:
            field_dict["useThinking"] = use_thinking
        if use_vision is not UNSET:
            field_dict["useVision"] = use_vision
        if vision_detail_level is not UNSET:
            field_dict["visionDetailLevel"] = vision_detail_level

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.browser_use_sensitive_data import BrowserUseSensitiveData
        from ..models.invocation_file import InvocationFile
        from ..models.invocation_metadata import InvocationMetadata
        from ..models.invocation_target_by_id import InvocationTargetById
        from ..models.output_schema import OutputSchema

        d = dict(src_dict)
        action = BrowserUseInvocationRequestAction(d.pop("action"))

        instruction = d.pop("instruction")

        ai_provider_id = d.pop("aiProviderId", UNSET)

        directly_open_url = d.pop("directlyOpenUrl", UNSET)

        enable_planning = d.pop("enablePlanning", UNSET)

        extend_system_message = d.pop("extendSystemMessage", UNSET)

        extraction_ai_provider_id = d.pop("extractionAiProviderId", UNSET)

        fallback_ai_provider_id = d.pop("fallbackAiProviderId", UNSET)

        _files = d.pop("files", UNSET)
        files: Union[Unset, list["InvocationFile"]]
        if isinstance(_files, Unset):
            files = UNSET
        else:
            files = []
            for files_item_data in _files:
                files_item = InvocationFile.from_dict(files_item_data)

                files.append(files_item)

        flash_mode = d.pop("flashMode", UNSET)

        include_attributes = cast(list[str], d.pop("includeAttributes", UNSET))

        max_actions_per_step = d.pop("maxActionsPerStep", UNSET)

        max_failures = d.pop("maxFailures", UNSET)

        def _parse_max_history_items(data: object) -> Union[None, Unset, int]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, int], data)

        max_history_items = _parse_max_history_items(d.pop("maxHistoryItems", UNSET))

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

        override_system_message = d.pop("overrideSystemMessage", UNSET)

        _sensitive_data = d.pop("sensitiveData", UNSET)
        sensitive_data: Union[Unset, BrowserUseSensitiveData]
        if isinstance(_sensitive_data, Unset):
            sensitive_data = UNSET
        else:
            sensitive_data = BrowserUseSensitiveData.from_dict(_sensitive_data)

        step_timeout_ms = d.pop("stepTimeoutMs", UNSET)

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

        use_thinking = d.pop("useThinking", UNSET)

        def _parse_use_vision(data: object) -> Union[Unset, UseVisionType1, bool]:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_use_vision_type_1 = UseVisionType1(data)

                return componentsschemas_use_vision_type_1
            except:  # noqa: E722
                pass
            return cast(Union[Unset, UseVisionType1, bool], data)

        use_vision = _parse_use_vision(d.pop("useVision", UNSET))

        _vision_detail_level = d.pop("visionDetailLevel", UNSET)
        vision_detail_level: Union[Unset, VisionDetailLevel]
        if isinstance(_vision_detail_level, Unset):
            vision_detail_level = UNSET
        else:
            vision_detail_level = VisionDetailLevel(_vision_detail_level)

        browser_use_invocation_request = cls(
            action=action,
            instruction=instruction,
            ai_provider_id=ai_provider_id,
            directly_open_url=directly_open_url,
            enable_planning=enable_planning,
            extend_system_message=extend_system_message,
            extraction_ai_provider_id=extraction_ai_provider_id,
            fallback_ai_provider_id=fallback_ai_provider_id,
            files=files,
            flash_mode=flash_mode,
            include_attributes=include_attributes,
            max_actions_per_step=max_actions_per_step,
            max_failures=max_failures,
            max_history_items=max_history_items,
            max_steps=max_steps,
            metadata=metadata,
            model=model,
            output_schema=output_schema,
            override_system_message=override_system_message,
            sensitive_data=sensitive_data,
            step_timeout_ms=step_timeout_ms,
            target=target,
            temperature=temperature,
            timeout_ms=timeout_ms,
            tool_ids=tool_ids,
            toolset_id=toolset_id,
            use_thinking=use_thinking,
            use_vision=use_vision,
            vision_detail_level=vision_detail_level,
        )

        return browser_use_invocation_request
