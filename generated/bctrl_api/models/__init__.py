"""Contains all the data models used in inputs/outputs"""

from .act_invocation_request import ActInvocationRequest
from .act_invocation_request_action import ActInvocationRequestAction
from .browser_use_invocation_request import BrowserUseInvocationRequest
from .browser_use_invocation_request_action import BrowserUseInvocationRequestAction
from .browser_use_sensitive_data import BrowserUseSensitiveData
from .custom_proxy_config import CustomProxyConfig
from .custom_proxy_config_mode import CustomProxyConfigMode
from .error_response import ErrorResponse
from .error_response_details import ErrorResponseDetails
from .error_response_reason_class import ErrorResponseReasonClass
from .extract_invocation_request import ExtractInvocationRequest
from .extract_invocation_request_action import ExtractInvocationRequestAction
from .fingerprint_browser import FingerprintBrowser
from .fingerprint_locale import FingerprintLocale
from .invocation import Invocation
from .invocation_action import InvocationAction
from .invocation_error import InvocationError
from .invocation_error_code import InvocationErrorCode
from .invocation_error_details import InvocationErrorDetails
from .invocation_file import InvocationFile
from .invocation_metadata import InvocationMetadata
from .invocation_status import InvocationStatus
from .invocation_summary import InvocationSummary
from .invocation_summary_error import InvocationSummaryError
from .invocation_summary_error_details import InvocationSummaryErrorDetails
from .invocation_target_by_id import InvocationTargetById
from .invocation_target_page import InvocationTargetPage
from .invocation_wait_request import InvocationWaitRequest
from .invocation_wait_response import InvocationWaitResponse
from .invocation_wait_status import InvocationWaitStatus
from .legacy_binding_type import LegacyBindingType
from .legacy_browser_use_config import LegacyBrowserUseConfig
from .legacy_browser_use_config_sensitive_data import (
    LegacyBrowserUseConfigSensitiveData,
)
from .legacy_browser_use_invocation_request import LegacyBrowserUseInvocationRequest
from .legacy_browser_use_invocation_request_metadata import (
    LegacyBrowserUseInvocationRequestMetadata,
)
from .legacy_browser_use_invocation_request_operation import (
    LegacyBrowserUseInvocationRequestOperation,
)
from .legacy_browser_use_invocation_request_provider import (
    LegacyBrowserUseInvocationRequestProvider,
)
from .legacy_browser_use_options import LegacyBrowserUseOptions
from .legacy_described_variable import LegacyDescribedVariable
from .legacy_diagnostic_category import LegacyDiagnosticCategory
from .legacy_diagnostic_fix import LegacyDiagnosticFix
from .legacy_execution_mode import LegacyExecutionMode
from .legacy_invocation import LegacyInvocation
from .legacy_invocation_error import LegacyInvocationError
from .legacy_invocation_error_details import LegacyInvocationErrorDetails
from .legacy_invocation_input import LegacyInvocationInput
from .legacy_invocation_metadata_type_0 import LegacyInvocationMetadataType0
from .legacy_invocation_progress import LegacyInvocationProgress
from .legacy_invocation_request_record import LegacyInvocationRequestRecord
from .legacy_invocation_request_record_mode import LegacyInvocationRequestRecordMode
from .legacy_invocation_result import LegacyInvocationResult
from .legacy_invocation_result_mode import LegacyInvocationResultMode
from .legacy_invocation_target import LegacyInvocationTarget
from .legacy_invocation_target_page import LegacyInvocationTargetPage
from .legacy_invocation_target_type import LegacyInvocationTargetType
from .legacy_model_connection import LegacyModelConnection
from .legacy_model_credentials import LegacyModelCredentials
from .legacy_model_provider import LegacyModelProvider
from .legacy_resolved_step import LegacyResolvedStep
from .legacy_sensitive_data_value_type_1 import LegacySensitiveDataValueType1
from .legacy_stagehand_config import LegacyStagehandConfig
from .legacy_stagehand_invocation_request import LegacyStagehandInvocationRequest
from .legacy_stagehand_invocation_request_metadata import (
    LegacyStagehandInvocationRequestMetadata,
)
from .legacy_stagehand_invocation_request_operation import (
    LegacyStagehandInvocationRequestOperation,
)
from .legacy_stagehand_invocation_request_provider import (
    LegacyStagehandInvocationRequestProvider,
)
from .legacy_stagehand_options import LegacyStagehandOptions
from .legacy_stagehand_options_variables import LegacyStagehandOptionsVariables
from .legacy_step import LegacyStep
from .legacy_step_binding import LegacyStepBinding
from .legacy_step_diagnostic import LegacyStepDiagnostic
from .legacy_step_error import LegacyStepError
from .legacy_step_error_code import LegacyStepErrorCode
from .legacy_step_failure import LegacyStepFailure
from .legacy_step_options import LegacyStepOptions
from .legacy_step_success import LegacyStepSuccess
from .legacy_storage_file import LegacyStorageFile
from .legacy_uploaded_file import LegacyUploadedFile
from .observe_invocation_request import ObserveInvocationRequest
from .observe_invocation_request_action import ObserveInvocationRequestAction
from .output_schema import OutputSchema
from .proxy_geo import ProxyGeo
from .proxy_ip_family import ProxyIpFamily
from .proxy_pool_preference import ProxyPoolPreference
from .proxy_protocol import ProxyProtocol
from .rotate_proxy_affinity import RotateProxyAffinity
from .rotate_proxy_affinity_strategy import RotateProxyAffinityStrategy
from .run_invocation_list_response import RunInvocationListResponse
from .runtime import Runtime
from .runtime_browser import RuntimeBrowser
from .runtime_browser_config import RuntimeBrowserConfig
from .runtime_config import RuntimeConfig
from .runtime_create_request import RuntimeCreateRequest
from .runtime_create_request_type import RuntimeCreateRequestType
from .runtime_fingerprint import RuntimeFingerprint
from .runtime_fingerprint_config import RuntimeFingerprintConfig
from .runtime_lifecycle import RuntimeLifecycle
from .runtime_lifecycle_config import RuntimeLifecycleConfig
from .runtime_list_response import RuntimeListResponse
from .runtime_metadata import RuntimeMetadata
from .runtime_proxy import RuntimeProxy
from .runtime_raw_config import RuntimeRawConfig
from .runtime_resolved_config import RuntimeResolvedConfig
from .runtime_status import RuntimeStatus
from .runtime_type import RuntimeType
from .runtime_viewport import RuntimeViewport
from .saved_proxy_config import SavedProxyConfig
from .saved_proxy_config_mode import SavedProxyConfigMode
from .saved_proxy_overrides import SavedProxyOverrides
from .solve_captcha_invocation_request import SolveCaptchaInvocationRequest
from .solve_captcha_invocation_request_action import SolveCaptchaInvocationRequestAction
from .stagehand_action import StagehandAction
from .stagehand_agent_invocation_request import StagehandAgentInvocationRequest
from .stagehand_agent_invocation_request_action import (
    StagehandAgentInvocationRequestAction,
)
from .stagehand_agent_variables import StagehandAgentVariables
from .stealth_level import StealthLevel
from .sticky_proxy_affinity import StickyProxyAffinity
from .sticky_proxy_affinity_strategy import StickyProxyAffinityStrategy
from .use_vision_type_1 import UseVisionType1
from .vision_detail_level import VisionDetailLevel

__all__ = (
    "ActInvocationRequest",
    "ActInvocationRequestAction",
    "BrowserUseInvocationRequest",
    "BrowserUseInvocationRequestAction",
    "BrowserUseSensitiveData",
    "CustomProxyConfig",
    "CustomProxyConfigMode",
    "ErrorResponse",
    "ErrorResponseDetails",
    "ErrorResponseReasonClass",
    "ExtractInvocationRequest",
    "ExtractInvocationRequestAction",
    "FingerprintBrowser",
    "FingerprintLocale",
    "Invocation",
    "InvocationAction",
    "InvocationError",
    "InvocationErrorCode",
    "InvocationErrorDetails",
    "InvocationFile",
    "InvocationMetadata",
    "InvocationStatus",
    "InvocationSummary",
    "InvocationSummaryError",
    "InvocationSummaryErrorDetails",
    "InvocationTargetById",
    "InvocationTargetPage",
    "InvocationWaitRequest",
    "InvocationWaitResponse",
    "InvocationWaitStatus",
    "LegacyBindingType",
    "LegacyBrowserUseConfig",
    "LegacyBrowserUseConfigSensitiveData",
    "LegacyBrowserUseInvocationRequest",
    "LegacyBrowserUseInvocationRequestMetadata",
    "LegacyBrowserUseInvocationRequestOperation",
    "LegacyBrowserUseInvocationRequestProvider",
    "LegacyBrowserUseOptions",
    "LegacyDescribedVariable",
    "LegacyDiagnosticCategory",
    "LegacyDiagnosticFix",
    "LegacyExecutionMode",
    "LegacyInvocation",
    "LegacyInvocationError",
    "LegacyInvocationErrorDetails",
    "LegacyInvocationInput",
    "LegacyInvocationMetadataType0",
    "LegacyInvocationProgress",
    "LegacyInvocationRequestRecord",
    "LegacyInvocationRequestRecordMode",
    "LegacyInvocationResult",
    "LegacyInvocationResultMode",
    "LegacyInvocationTarget",
    "LegacyInvocationTargetPage",
    "LegacyInvocationTargetType",
    "LegacyModelConnection",
    "LegacyModelCredentials",
    "LegacyModelProvider",
    "LegacyResolvedStep",
    "LegacySensitiveDataValueType1",
    "LegacyStagehandConfig",
    "LegacyStagehandInvocationRequest",
    "LegacyStagehandInvocationRequestMetadata",
    "LegacyStagehandInvocationRequestOperation",
    "LegacyStagehandInvocationRequestProvider",
    "LegacyStagehandOptions",
    "LegacyStagehandOptionsVariables",
    "LegacyStep",
    "LegacyStepBinding",
    "LegacyStepDiagnostic",
    "LegacyStepError",
    "LegacyStepErrorCode",
    "LegacyStepFailure",
    "LegacyStepOptions",
    "LegacyStepSuccess",
    "LegacyStorageFile",
    "LegacyUploadedFile",
    "ObserveInvocationRequest",
    "ObserveInvocationRequestAction",
    "OutputSchema",
    "ProxyGeo",
    "ProxyIpFamily",
    "ProxyPoolPreference",
    "ProxyProtocol",
    "RotateProxyAffinity",
    "RotateProxyAffinityStrategy",
    "RunInvocationListResponse",
    "Runtime",
    "RuntimeBrowser",
    "RuntimeBrowserConfig",
    "RuntimeConfig",
    "RuntimeCreateRequest",
    "RuntimeCreateRequestType",
    "RuntimeFingerprint",
    "RuntimeFingerprintConfig",
    "RuntimeLifecycle",
    "RuntimeLifecycleConfig",
    "RuntimeListResponse",
    "RuntimeMetadata",
    "RuntimeProxy",
    "RuntimeRawConfig",
    "RuntimeResolvedConfig",
    "RuntimeStatus",
    "RuntimeType",
    "RuntimeViewport",
    "SavedProxyConfig",
    "SavedProxyConfigMode",
    "SavedProxyOverrides",
    "SolveCaptchaInvocationRequest",
    "SolveCaptchaInvocationRequestAction",
    "StagehandAction",
    "StagehandAgentInvocationRequest",
    "StagehandAgentInvocationRequestAction",
    "StagehandAgentVariables",
    "StealthLevel",
    "StickyProxyAffinity",
    "StickyProxyAffinityStrategy",
    "UseVisionType1",
    "VisionDetailLevel",
)
