from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
)

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.legacy_model_connection import LegacyModelConnection
    from ..models.legacy_model_credentials import LegacyModelCredentials


T = TypeVar("T", bound="LegacyStagehandConfig")


@_attrs_define
class LegacyStagehandConfig:
    """
    Attributes:
        execution_model (Union['LegacyModelConnection', 'LegacyModelCredentials', Unset]):
        model (Union['LegacyModelConnection', 'LegacyModelCredentials', Unset]):
        system_prompt (Union[Unset, str]):
    """

    execution_model: Union["LegacyModelConnection", "LegacyModelCredentials", Unset] = (
        UNSET
    )
    model: Union["LegacyModelConnection", "LegacyModelCredentials", Unset] = UNSET
    system_prompt: Union[Unset, str] = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.legacy_model_connection import LegacyModelConnection

        execution_model: Union[Unset, dict[str, Any]]
        if isinstance(self.execution_model, Unset):
            execution_model = UNSET
        elif isinstance(self.execution_model, LegacyModelConnection):
            execution_model = self.execution_model.to_dict()
        else:
            execution_model = self.execution_model.to_dict()

        model: Union[Unset, dict[str, Any]]
        if isinstance(self.model, Unset):
            model = UNSET
        elif isinstance(self.model, LegacyModelConnection):
            model = self.model.to_dict()
        else:
            model = self.model.to_dict()

        system_prompt = self.system_prompt

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if execution_model is not UNSET:
            field_dict["executionModel"] = execution_model
        if model is not UNSET:
            field_dict["model"] = model
        if system_prompt is not UNSET:
            field_dict["systemPrompt"] = system_prompt

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_model_connection import LegacyModelConnection
        from ..models.legacy_model_credentials import LegacyModelCredentials

        d = dict(src_dict)

        def _parse_execution_model(
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

        execution_model = _parse_execution_model(d.pop("executionModel", UNSET))

        def _parse_model(
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

        model = _parse_model(d.pop("model", UNSET))

        system_prompt = d.pop("systemPrompt", UNSET)

        legacy_stagehand_config = cls(
            execution_model=execution_model,
            model=model,
            system_prompt=system_prompt,
        )

        return legacy_stagehand_config
