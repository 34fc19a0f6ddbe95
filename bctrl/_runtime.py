"""The typed view of a runtime that the SDK returns."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, Optional

import attrs

from ._invocation import parse_timestamp


@attrs.frozen
class Runtime:
    """A runtime as the API reported it. ``active_run_id`` is the run its invocations join."""

    id: str
    status: str
    type: str
    name: str
    active_run_id: Optional[str]
    created_at: _dt.datetime
    updated_at: _dt.datetime
    config: Dict[str, Any] = attrs.field(factory=dict)
    metadata: Optional[Dict[str, Any]] = None
    extra: Dict[str, Any] = attrs.field(factory=dict, repr=False)


def runtime_from_model(model: Any) -> Runtime:
    """Build a :class:`Runtime` from the generated ``Runtime``; ``ValueError`` if malformed."""
    from bctrl_api.types import Unset

    def plain(value: Any) -> Any:
        if isinstance(value, Unset) or value is None:
            return None
        return value.to_dict() if hasattr(value, "to_dict") else value

    created = parse_timestamp(model.created_at, "createdAt")
    updated = parse_timestamp(model.updated_at, "updatedAt")
    assert created is not None and updated is not None
    return Runtime(
        id=str(model.id),
        status=getattr(model.status, "value", model.status),
        type=getattr(model.type_, "value", model.type_),
        name=model.name,
        active_run_id=None if model.active_run_id is None else str(model.active_run_id),
        created_at=created,
        updated_at=updated,
        config=plain(model.config) or {},
        metadata=plain(model.metadata),
        extra=dict(model.additional_properties),
    )
