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
    from ..models.legacy_stagehand_options_variables import (
        LegacyStagehandOptionsVariables,
    )


T = TypeVar("T", bound="LegacyStagehandOptions")


@_attrs_define
class LegacyStagehandOptions:
    """
    Attributes:
        highlight_cursor (Union[Unset, bool]):
        max_steps (Union[Unset, int]):
        timeout (Union[Unset, float]):
        variables (Union[Unset, LegacyStagehandOptionsVariables]):
    """

    highlight_cursor: Union[Unset, bool] = UNSET
    max_steps: Union[Unset, int] = UNSET
    timeout: Union[Unset, float] = UNSET
    variables: Union[Unset, "LegacyStagehandOptionsVariables"] = UNSET

    def to_dict(self) -> dict[str, Any]:
        highlight_cursor = self.highlight_cursor

        max_steps = self.max_steps

        timeout = self.timeout

        variables: Union[Unset, dict[str, Any]] = UNSET
        if not isinstance(self.variables, Unset):
            variables = self.variables.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if highlight_cursor is not UNSET:
            field_dict["highlightCursor"] = highlight_cursor
        if max_steps is not UNSET:
            field_dict["maxSteps"] = max_steps
        if timeout is not UNSET:
            field_dict["timeout"] = timeout
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_stagehand_options_variables import (
            LegacyStagehandOptionsVariables,
        )

        d = dict(src_dict)
        highlight_cursor = d.pop("highlightCursor", UNSET)

        max_steps = d.pop("maxSteps", UNSET)

        timeout = d.pop("timeout", UNSET)

        _variables = d.pop("variables", UNSET)
        variables: Union[Unset, LegacyStagehandOptionsVariables]
        if isinstance(_variables, Unset):
            variables = UNSET
        else:
            variables = LegacyStagehandOptionsVariables.from_dict(_variables)

        legacy_stagehand_options = cls(
            highlight_cursor=highlight_cursor,
            max_steps=max_steps,
            timeout=timeout,
            variables=variables,
        )

        return legacy_stagehand_options
