from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
    cast,
)

from attrs import define as _attrs_define

from ..models.use_vision_type_1 import UseVisionType1
from ..models.vision_detail_level import VisionDetailLevel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.legacy_browser_use_config_sensitive_data import (
        LegacyBrowserUseConfigSensitiveData,
    )
    from ..models.legacy_model_connection import LegacyModelConnection
    from ..models.legacy_model_credentials import LegacyModelCredentials


T = TypeVar("T", bound="LegacyBrowserUseConfig")


@_attrs_define
class LegacyBrowserUseConfig:
    """
    Attributes:
        calculate_cost (Union[Unset, bool]):
        directly_open_url (Union[Unset, bool]):
        display_files_in_done_text (Union[Unset, bool]):
        enable_planning (Union[Unset, bool]):
        extend_system_message (Union[Unset, str]):
        fallback_llm (Union['LegacyModelConnection', 'LegacyModelCredentials', Unset]):
        final_response_after_failure (Union[Unset, bool]):
        flash_mode (Union[Unset, bool]):
        generate_gif (Union[Unset, bool, str]):
        ground_truth (Union[Unset, str]):
        include_attributes (Union[Unset, list[str]]):
        include_recent_events (Union[Unset, bool]):
        include_tool_call_examples (Union[Unset, bool]):
        initial_actions (Union[Unset, list[Any]]):
        llm (Union['LegacyModelConnection', 'LegacyModelCredentials', Unset]):
        llm_screenshot_size (Union[Unset, list[Any]]):
        llm_timeout (Union[Unset, float]):
        loop_detection_enabled (Union[Unset, bool]):
        loop_detection_window (Union[Unset, int]):
        max_actions_per_step (Union[Unset, int]):
        max_clickable_elements_length (Union[Unset, int]):
        max_failures (Union[Unset, int]):
        max_history_items (Union[None, Unset, int]):
        max_steps (Union[Unset, int]):
        message_compaction (Union[Unset, bool]):
        override_system_message (Union[Unset, str]):
        page_extraction_llm (Union['LegacyModelConnection', 'LegacyModelCredentials', Unset]):
        planning_exploration_limit (Union[Unset, int]):
        planning_replan_on_stall (Union[Unset, int]):
        pricing_url (Union[Unset, str]):
        save_conversation_path (Union[Unset, str]):
        save_conversation_path_encoding (Union[Unset, str]):
        sensitive_data (Union[Unset, LegacyBrowserUseConfigSensitiveData]):
        source (Union[Unset, str]):
        step_timeout (Union[Unset, float]):
        use_judge (Union[Unset, bool]):
        use_thinking (Union[Unset, bool]):
        use_vision (Union[Unset, UseVisionType1, bool]):
        vision_detail_level (Union[Unset, VisionDetailLevel]):
    """

    calculate_cost: Union[Unset, bool] = UNSET
    directly_open_url: Union[Unset, bool] = UNSET
    display_files_in_done_text: Union[Unset, bool] = UNSET
    enable_planning: Union[Unset, bool] = UNSET
    extend_system_message: Union[Unset, str] = UNSET
    fallback_llm: Union["LegacyModelConnection", "LegacyModelCredentials", Unset] = (
        UNSET
    )
    final_response_after_failure: Union[Unset, bool] = UNSET
    flash_mode: Union[Unset, bool] = UNSET
    generate_gif: Union[Unset, bool, str] = UNSET
    ground_truth: Union[Unset, str] = UNSET
    include_attributes: Union[Unset, list[str]] = UNSET
    include_recent_events: Union[Unset, bool] = UNSET
    include_tool_call_examples: Union[Unset, bool] = UNSET
    initial_actions: Union[Unset, list[Any]] = UNSET
    llm: Union["LegacyModelConnection", "LegacyModelCredentials", Unset] = UNSET
    llm_screenshot_size: Union[Unset, list[Any]] = UNSET
    llm_timeout: Union[Unset, float] = UNSET
    loop_detection_enabled: Union[Unset, bool] = UNSET
    loop_detection_window: Union[Unset, int] = UNSET
    max_actions_per_step: Union[Unset, int] = UNSET
    max_clickable_elements_length: Union[Unset, int] = UNSET
    max_failures: Union[Unset, int] = UNSET
    max_history_items: Union[None, Unset, int] = UNSET
    max_steps: Union[Unset, int] = UNSET
    message_compaction: Union[Unset, bool] = UNSET
    override_system_message: Union[Unset, str] = UNSET
    page_extraction_llm: Union[
        "LegacyModelConnection", "LegacyModelCredentials", Unset
    ] = UNSET
    planning_exploration_limit: Union[Unset, int] = UNSET
    planning_replan_on_stall: Union[Unset, int] = UNSET
    pricing_url: Union[Unset, str] = UNSET
    save_conversation_path: Union[Unset, str] = UNSET
    save_conversation_path_encoding: Union[Unset, str] = UNSET
    sensitive_data: Union[Unset, "LegacyBrowserUseConfigSensitiveData"] = UNSET
    source: Union[Unset, str] = UNSET
    step_timeout: Union[Unset, float] = UNSET
    use_judge: Union[Unset, bool] = UNSET
    use_thinking: Union[Unset, bool] = UNSET
    use_vision: Union[Unset, UseVisionType1, bool] = UNSET
    vision_detail_level: Union[Unset, VisionDetailLevel] = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.legacy_model_connection import LegacyModelConnection

        calculate_cost = self.calculate_cost

        directly_open_url = self.directly_open_url

        display_files_in_done_text = self.display_files_in_done_text

        enable_planning = self.enable_planning

        extend_system_message = self.extend_system_message

        fallback_llm: Union[Unset, dict[str, Any]]
        if isinstance(self.fallback_llm, Unset):
            fallback_llm = UNSET
        elif isinstance(self.fallback_llm, LegacyModelConnection):
            fallback_llm = self.fallback_llm.to_dict()
        else:
            fallback_llm = self.fallback_llm.to_dict()

        final_response_after_failure = self.final_response_after_failure

        flash_mode = self.flash_mode

        generate_gif: Union[Unset, bool, str]
        if isinstance(self.generate_gif, Unset):
            generate_gif = UNSET
        else:
            generate_gif = self.generate_gif

        ground_truth = self.ground_truth

        include_attributes: Union[Unset, list[str]] = UNSET
        if not isinstance(self.include_attributes, Unset):
            include_attributes = self.include_attributes

        include_recent_events = self.include_recent_events

        include_tool_call_examples = self.include_tool_call_examples

        initial_actions: Union[Unset, list[Any]] = UNSET
        if not isinstance(self.initial_actions, Unset):
            initial_actions = self.initial_actions

        llm: Union[Unset, dict[str, Any]]
        if isinstance(self.llm, Unset):
            llm = UNSET
        elif isinstance(self.llm, LegacyModelConnection):
            llm = self.llm.to_dict()
        else:
            llm = self.llm.to_dict()

        llm_screenshot_size: Union[Unset, list[Any]] = UNSET
        if not isinstance(self.llm_screenshot_size, Unset):
            llm_screenshot_size = self.llm_screenshot_size

        llm_timeout = self.llm_timeout

        loop_detection_enabled = self.loop_detection_enabled

        loop_detection_window = self.loop_detection_window

        max_actions_per_step = self.max_actions_per_step

        max_clickable_elements_length = self.max_clickable_elements_length

        max_failures = self.max_failures

        max_history_items: Union[None, Unset, int]
        if isinstance(self.max_history_items, Unset):
            max_history_items = UNSET
        else:
            max_history_items = self.max_history_items

        max_steps = self.max_steps

        message_compaction = self.message_compaction

        override_system_message = self.override_system_message

        page_extraction_llm: Union[Unset, dict[str, Any]]
        if isinstance(self.page_extraction_llm, Unset):
            page_extraction_llm = UNSET
        elif isinstance(self.page_extraction_llm, LegacyModelConnection):
            page_extraction_llm = self.page_extraction_llm.to_dict()
        else:
            page_extraction_llm = self.page_extraction_llm.to_dict()

        planning_exploration_limit = self.planning_exploration_limit

        planning_replan_on_stall = self.planning_replan_on_stall

        pricing_url = self.pricing_url

        save_conversation_path = self.save_conversation_path

        save_conversation_path_encoding = self.save_conversation_path_encoding

        sensitive_data: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.sensitive_data, Unset):
            sensitive_data = self.sensitive_data.to_dict()

        source = self.source

        step_timeout = self.step_timeout

        use_judge = self.use_judge

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

        field_dict.update({})
        if calculate_cost is not UNSET:
            field_dict["calculateCost"] = calculate_cost
        if directly_open_url is not UNSET:
            field_dict["directlyOpenUrl"] = directly_open_url
        if display_files_in_done_text is not UNSET:
            field_dict["displayFilesInDoneText"] = display_files_in_done_text
        if enable_planning is not UNSET:
            field_dict["enablePlanning"] = enable_planning
        if extend_system_message is not UNSET:
            field_dict["extendSystemMessage"] = extend_system_message
        if fallback_llm is not UNSET:
            field_dict["fallbackLlm"] = fallback_llm
        if final_response_after_failure is not UNSET:
            field_dict["finalResponseAfterFailure"] = final_response_after_failure
        if flash_mode is not UNSET:
            field_dict["flashMode"] = flash_mode
        if generate_gif is not UNSET:
            field_dict["generateGif"] = generate_gif
        if ground_truth is not UNSET:
            field_dict["groundTruth"] = ground_truth
        if include_attributes is not UNSET:
            field_dict["includeAttributes"] = include_attributes
        if include_recent_events is not UNSET:
            field_dict["includeRecentEvents"] = include_recent_events
        if include_tool_call_examples is not UNSET:
            field_dict["includeToolCallExamples"] = include_tool_call_examples
        if initial_actions is not UNSET:
            field_dict["initialActions"] = initial_actions
        if llm is not UNSET:
            field_dict["llm"] = llm
        if llm_screenshot_size is not UNSET:
            field_dict["llmScreenshotSize"] = llm_screenshot_size
        if llm_timeout is not UNSET:
            field_dict["llmTimeout"] = llm_timeout
        if loop_detection_enabled is not UNSET:
            field_dict["loopDetectionEnabled"] = loop_detection_enabled
        if loop_detection_window is not UNSET:
            field_dict["loopDetectionWindow"] = loop_detection_window
        if max_actions_per_step is not UNSET:
            field_dict["maxActionsPerStep"] = max_actions_per_step
        if max_clickable_elements_length is not UNSET:
            field_dict["maxClickableElementsLength"] = max_clickable_elements_length
        if max_failures is not UNSET:
            field_dict["maxFailures"] = max_failures
        if max_history_items is not UNSET:
            field_dict["maxHistoryItems"] = max_history_items
        if max_steps is not UNSET:
            field_dict["maxSteps"] = max_steps
        if message_compaction is not UNSET:
            field_dict["messageCompaction"] = message_compaction
        if override_system_message is not UNSET:
            field_dict["overrideSystemMessage"] = override_system_message
        if page_extraction_llm is not UNSET:
            field_dict["pageExtractionLlm"] = page_extraction_llm
        if planning_exploration_limit is not UNSET:
            field_dict["planningExplorationLimit"] = planning_exploration_limit
        if planning_replan_on_stall is not UNSET:
            field_dict["planningReplanOnStall"] = planning_replan_on_stall
        if pricing_url is not UNSET:
            field_dict["pricingUrl"] = pricing_url
        if save_conversation_path is not UNSET:
            field_dict["saveConversationPath"] = save_conversation_path
        if save_conversation_path_encoding is not UNSET:
            field_dict["saveConversationPathEncoding"] = save_conversation_path_encoding
        if sensitive_data is not UNSET:
            field_dict["sensitiveData"] = sensitive_data
        if source is not UNSET:
            field_dict["source"] = source
        if step_timeout is not UNSET:
            field_dict["stepTimeout"] = step_timeout
        if use_judge is not UNSET:
            field_dict["useJudge"] = use_judge
        if use_thinking is not UNSET:
            field_dict["useThinking"] = use_thinking
        if use_vision is not UNSET:
            field_dict["useVision"] = use_vision
        if vision_detail_level is not UNSET:
            field_dict["visionDetailLevel"] = vision_detail_level

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_browser_use_config_sensitive_data import (
            LegacyBrowserUseConfigSensitiveData,
        )
        from ..models.legacy_model_connection import LegacyModelConnection
        from ..models.legacy_model_credentials import LegacyModelCredentials

        d = dict(src_dict)
        calculate_cost = d.pop("calculateCost", UNSET)

        directly_open_url = d.pop("directlyOpenUrl", UNSET)

        display_files_in_done_text = d.pop("displayFilesInDoneText", UNSET)

        enable_planning = d.pop("enablePlanning", UNSET)

        extend_system_message = d.pop("extendSystemMessage", UNSET)

        def _parse_fallback_llm(
            data: object,
        ) -> Union["LegacyModelConnection", "LegacyModelCredentials", Unset]:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_legacy_model_selection_type_0 = (
                    LegacyModelConnection.from_dict(data)
                )

                return componentsschemas_legacy_model_selection_type_0
            except:  # noqa: E722
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_legacy_model_selection_type_1 = (
                LegacyModelCredentials.from_dict(data)
            )

            return componentsschemas_legacy_model_selection_type_1

        fallback_llm = _parse_fallback_llm(d.pop("fallbackLlm", UNSET))

        final_response_after_failure = d.pop("finalResponseAfterFailure", UNSET)

        flash_mode = d.pop("flashMode", UNSET)

        def _parse_generate_gif(data: object) -> Union[Unset, bool, str]:
            if isinstance(data, Unset):
                return data
            return cast(Union[Unset, bool, str], data)

        generate_gif = _parse_generate_gif(d.pop("generateGif", UNSET))

        ground_truth = d.pop("groundTruth", UNSET)

        include_attributes = cast(list[str], d.pop("includeAttributes", UNSET))

        include_recent_events = d.pop("includeRecentEvents", UNSET)

        include_tool_call_examples = d.pop("includeToolCallExamples", UNSET)

        initial_actions = cast(list[Any], d.pop("initialActions", UNSET))

        def _parse_llm(
            data: object,
        ) -> Union["LegacyModelConnection", "LegacyModelCredentials", Unset]:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_legacy_model_selection_type_0 = (
                    LegacyModelConnection.from_dict(data)
                )

                return componentsschemas_legacy_model_selection_type_0
            except:  # noqa: E722
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_legacy_model_selection_type_1 = (
                LegacyModelCredentials.from_dict(data)
            )

            return componentsschemas_legacy_model_selection_type_1

        llm = _parse_llm(d.pop("llm", UNSET))

        llm_screenshot_size = cast(list[Any], d.pop("llmScreenshotSize", UNSET))

        llm_timeout = d.pop("llmTimeout", UNSET)

        loop_detection_enabled = d.pop("loopDetectionEnabled", UNSET)

        loop_detection_window = d.pop("loopDetectionWindow", UNSET)

        max_actions_per_step = d.pop("maxActionsPerStep", UNSET)

        max_clickable_elements_length = d.pop("maxClickableElementsLength", UNSET)

        max_failures = d.pop("maxFailures", UNSET)

        def _parse_max_history_items(data: object) -> Union[None, Unset, int]:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Union[None, Unset, int], data)

        max_history_items = _parse_max_history_items(d.pop("maxHistoryItems", UNSET))

        max_steps = d.pop("maxSteps", UNSET)

        message_compaction = d.pop("messageCompaction", UNSET)

        override_system_message = d.pop("overrideSystemMessage", UNSET)

        def _parse_page_extraction_llm(
            data: object,
        ) -> Union["LegacyModelConnection", "LegacyModelCredentials", Unset]:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_legacy_model_selection_type_0 = (
                    LegacyModelConnection.from_dict(data)
                )

                return componentsschemas_legacy_model_selection_type_0
            except:  # noqa: E722
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_legacy_model_selection_type_1 = (
                LegacyModelCredentials.from_dict(data)
            )

            return componentsschemas_legacy_model_selection_type_1

        page_extraction_llm = _parse_page_extraction_llm(
            d.pop("pageExtractionLlm", UNSET)
        )

        planning_exploration_limit = d.pop("planningExplorationLimit", UNSET)

        planning_replan_on_stall = d.pop("planningReplanOnStall", UNSET)

        pricing_url = d.pop("pricingUrl", UNSET)

        save_conversation_path = d.pop("saveConversationPath", UNSET)

        save_conversation_path_encoding = d.pop("saveConversationPathEncoding", UNSET)

        _sensitive_data = d.pop("sensitiveData", UNSET)
        sensitive_data: Union[Unset, LegacyBrowserUseConfigSensitiveData]
        if isinstance(_sensitive_data, Unset):
            sensitive_data = UNSET
        else:
            sensitive_data = LegacyBrowserUseConfigSensitiveData.from_dict(
                _sensitive_data
            )

        source = d.pop("source", UNSET)

        step_timeout = d.pop("stepTimeout", UNSET)

        use_judge = d.pop("useJudge", UNSET)

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

        legacy_browser_use_config = cls(
            calculate_cost=calculate_cost,
            directly_open_url=directly_open_url,
            display_files_in_done_text=display_files_in_done_text,
            enable_planning=enable_planning,
            extend_system_message=extend_system_message,
            fallback_llm=fallback_llm,
            final_response_after_failure=final_response_after_failure,
            flash_mode=flash_mode,
            generate_gif=generate_gif,
            ground_truth=ground_truth,
            include_attributes=include_attributes,
            include_recent_events=include_recent_events,
            include_tool_call_examples=include_tool_call_examples,
            initial_actions=initial_actions,
            llm=llm,
            llm_screenshot_size=llm_screenshot_size,
            llm_timeout=llm_timeout,
            loop_detection_enabled=loop_detection_enabled,
            loop_detection_window=loop_detection_window,
            max_actions_per_step=max_actions_per_step,
            max_clickable_elements_length=max_clickable_elements_length,
            max_failures=max_failures,
            max_history_items=max_history_items,
            max_steps=max_steps,
            message_compaction=message_compaction,
            override_system_message=override_system_message,
            page_extraction_llm=page_extraction_llm,
            planning_exploration_limit=planning_exploration_limit,
            planning_replan_on_stall=planning_replan_on_stall,
            pricing_url=pricing_url,
            save_conversation_path=save_conversation_path,
            save_conversation_path_encoding=save_conversation_path_encoding,
            sensitive_data=sensitive_data,
            source=source,
            step_timeout=step_timeout,
            use_judge=use_judge,
            use_thinking=use_thinking,
            use_vision=use_vision,
            vision_detail_level=vision_detail_level,
        )

        return legacy_browser_use_config
