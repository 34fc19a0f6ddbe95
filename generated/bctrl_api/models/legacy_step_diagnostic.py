from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    TypeVar,
    Union,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.legacy_diagnostic_category import LegacyDiagnosticCategory
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.legacy_diagnostic_fix import LegacyDiagnosticFix


T = TypeVar("T", bound="LegacyStepDiagnostic")


@_attrs_define
class LegacyStepDiagnostic:
    """
    Attributes:
        id (str):
        call (Union[Unset, str]):
        category (Union[Unset, LegacyDiagnosticCategory]):
        closest (Union[Unset, list[str]]):
        code (Union[Unset, str]):
        docs_url (Union[Unset, str]):
        driver (Union[Unset, str]):
        expected (Union[Unset, str]):
        fixes (Union[Unset, list['LegacyDiagnosticFix']]):
        received (Union[Unset, str]):
    """

    id: str
    call: Union[Unset, str] = UNSET
    category: Union[Unset, LegacyDiagnosticCategory] = UNSET
    closest: Union[Unset, list[str]] = UNSET
    code: Union[Unset, str] = UNSET
    docs_url: Union[Unset, str] = UNSET
    driver: Union[Unset, str] = UNSET
    expected: Union[Unset, str] = UNSET
    fixes: Union[Unset, list["LegacyDiagnosticFix"]] = UNSET
    received: Union[Unset, str] = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        call = self.call

        category: Union[Unset, str] = UNSET
        if not isinstance(self.category, Unset):
            category = self.category.value

        closest: Union[Unset, list[str]] = UNSET
        if not isinstance(self.closest, Unset):
            closest = self.closest

        code = self.code

        docs_url = self.docs_url

        driver = self.driver

        expected = self.expected

        fixes: Union[Unset, list[dict[str, Any]]] = UNSET
        if not isinstance(self.fixes, Unset):
            fixes = []
            for fixes_item_data in self.fixes:
                fixes_item = fixes_item_data.to_dict()
                fixes.append(fixes_item)

        received = self.received

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if call is not UNSET:
            field_dict["call"] = call
        if category is not UNSET:
            field_dict["category"] = category
        if closest is not UNSET:
            field_dict["closest"] = closest
        if code is not UNSET:
            field_dict["code"] = code
        if docs_url is not UNSET:
            field_dict["docsUrl"] = docs_url
        if driver is not UNSET:
            field_dict["driver"] = driver
        if expected is not UNSET:
            field_dict["expected"] = expected
        if fixes is not UNSET:
            field_dict["fixes"] = fixes
        if received is not UNSET:
            field_dict["received"] = received

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.legacy_diagnostic_fix import LegacyDiagnosticFix

        d = dict(src_dict)
        id = d.pop("id")

        call = d.pop("call", UNSET)

        _category = d.pop("category", UNSET)
        category: Union[Unset, LegacyDiagnosticCategory]
        if isinstance(_category, Unset):
            category = UNSET
        else:
            category = LegacyDiagnosticCategory(_category)

        closest = cast(list[str], d.pop("closest", UNSET))

        code = d.pop("code", UNSET)

        docs_url = d.pop("docsUrl", UNSET)

        driver = d.pop("driver", UNSET)

        expected = d.pop("expected", UNSET)

        _fixes = d.pop("fixes", UNSET)
        fixes: Union[Unset, list["LegacyDiagnosticFix"]]
        if isinstance(_fixes, Unset):
            fixes = UNSET
        else:
            fixes = []
            for fixes_item_data in _fixes:
                fixes_item = LegacyDiagnosticFix.from_dict(fixes_item_data)

                fixes.append(fixes_item)

        received = d.pop("received", UNSET)

        legacy_step_diagnostic = cls(
            id=id,
            call=call,
            category=category,
            closest=closest,
            code=code,
            docs_url=docs_url,
            driver=driver,
            expected=expected,
            fixes=fixes,
            received=received,
        )

        legacy_step_diagnostic.additional_properties = d
        return legacy_step_diagnostic

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
