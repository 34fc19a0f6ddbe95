"""Output schemas without the ``pydantic`` extra: dicts work, types explain the fix."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap
from typing import Any, List

import pytest

from bctrl._errors import RequestValidationError
from bctrl._schema import _clear_caches, resolve_output_schema


@dataclasses.dataclass
class Item:
    name: str


@pytest.fixture
def no_pydantic(monkeypatch: pytest.MonkeyPatch) -> Any:
    _clear_caches()
    monkeypatch.setitem(sys.modules, "pydantic", None)
    yield
    _clear_caches()


@pytest.mark.parametrize("tp", [Item, List[Item]])
def test_type_without_pydantic_asks_for_the_extra(no_pydantic: Any, tp: Any) -> None:
    with pytest.raises(RequestValidationError) as info:
        resolve_output_schema(tp, field="outputSchema")
    text = str(info.value)
    assert 'pip install "bctrl-python[pydantic]"' in text
    assert "JSON Schema dict" in text
    assert info.value.field == "outputSchema"


def test_dict_schema_without_pydantic(no_pydantic: Any) -> None:
    schema = resolve_output_schema({"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]})
    assert [i.path for i in schema.issues({"name": 1})] == ["$.name"]
    assert schema.parse({"name": "a"}) == {"name": "a"}


_BLOCKED = textwrap.dedent(
    """
    import dataclasses, importlib.abc, sys

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "pydantic" or name.startswith(("pydantic.", "pydantic_core")):
                raise ModuleNotFoundError(f"No module named {name!r}")
            return None

    sys.meta_path.insert(0, Block())

    from bctrl._errors import RequestValidationError
    from bctrl._schema import resolve_output_schema

    @dataclasses.dataclass
    class Item:
        name: str

    try:
        resolve_output_schema(Item)
    except RequestValidationError as exc:
        print("type:", exc)
    schema = resolve_output_schema({"type": "array", "items": {"type": "integer"}})
    print("dict:", [(i.path, i.message) for i in schema.issues([1, "x"])])
    print("pydantic loaded:", any(m.startswith("pydantic") for m in sys.modules))
    """
)


def test_in_a_process_where_pydantic_cannot_be_imported() -> None:
    done = subprocess.run([sys.executable, "-c", _BLOCKED], capture_output=True, text=True, check=True, timeout=60)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("type: schema: ")
    assert 'pip install "bctrl-python[pydantic]"' in lines[0]
    assert lines[1] == "dict: [('$[1]', \"'x' is not of type 'integer'\")]"
    assert lines[2] == "pydantic loaded: False"
