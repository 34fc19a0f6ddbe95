"""Deterministic values for JSON Schemas.

:class:`ValueFinder` walks a schema and proposes candidate values, plausible ones first
(``"example name"``, ``1``, one item per array, every declared property), then simpler
ones; every candidate is checked against its (sub)schema by the jsonschema validator
the caller passes (formats asserted), so a value it returns is one that validator
accepts. Strings that must match a ``pattern`` (or a format with extra constraints) are
searched with Hypothesis's regular-expression strategy, seeded (``derandomize``), so the
same schema always gives the same value. Hypothesis is imported only for those.

What it handles: ``$ref``/``$defs`` (recursion is cut after a few levels, so a recursive
model gets a finite value), ``allOf``/``anyOf``/``oneOf``/``not``, ``if``/``then``/``else``,
``const``/``enum``, every string ``format`` of draft 2020-12, ``contentEncoding: base64``,
``pattern``, ``multipleOf`` (exact arithmetic), integer bounds of any size,
``prefixItems``/``items``/``contains``/``uniqueItems``, ``properties``/``required``/
``additionalProperties``/``patternProperties``/``propertyNames``/``dependentRequired``/
``dependentSchemas`` and the min/max of everything. When no value can be found,
:class:`NoValue` says where and why.
"""

from __future__ import annotations

import math
import re
import time
from fractions import Fraction
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

MAX_ITEMS = 1000  # items of one array, properties of one object
MAX_STRING = 1000  # characters of one string
MAX_DIGITS = 1000  # digits of one generated integer
MAX_CHECKS = 20_000  # validations spent on one value
MAX_SEARCHES = 64  # Hypothesis string searches spent on one value
MAX_CANDIDATES = 24  # candidates one node proposes before giving up
MAX_REF_REPEAT = 3  # the same $ref nested in itself this many times, and no deeper
PLAUSIBLE_DEPTH = 4  # below this nesting, only what the schema requires is generated
SEARCH_SECONDS = 10.0  # no new string search starts after this long on one value

TYPES = ("string", "integer", "number", "boolean", "object", "array", "null")

# One fixed value per format of draft 2020-12 (and a few OpenAPI ones), each accepted by
# jsonschema's format checker with the ``format-nongpl`` extras installed.
FORMAT_VALUES: Dict[str, str] = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "00:00:00Z",
    "duration": "PT1S",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "hostname": "example.com",
    "idn-hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "uri": "https://example.com/",
    "uri-reference": "https://example.com/",
    "iri": "https://example.com/",
    "iri-reference": "https://example.com/",
    "url": "https://example.com/",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "uri-template": "https://example.com/{id}",
    "json-pointer": "/example",
    "relative-json-pointer": "0/example",
    "regex": "^example$",
    "byte": "ZXhhbXBsZQ==",
    "base64": "ZXhhbXBsZQ==",
    "binary": "example",
    "password": "example",
    "color": "#000000",
    "jwt": "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.e30.",  # {"alg":"none","typ":"JWT"}.{}.
    # pydantic's names for versioned UUIDs and IP networks
    **{f"uuid{v}": f"00000000-0000-{v}000-8000-000000000000" for v in range(1, 9)},
    "ipvanyaddress": "192.0.2.1",
    "ipvanyinterface": "192.0.2.1/24",
    "ipvanynetwork": "192.0.2.0/24",
    "ipv4network": "192.0.2.0/24",
    "ipv6network": "2001:db8::/32",
    "ipv4interface": "192.0.2.1/24",
    "ipv6interface": "2001:db8::1/32",
    "base64url": "ZXhhbXBsZQ==",
    "name-email": "User <user@example.com>",
    "json-string": "{}",
    "path": "example",
    "file-path": "example",
    "directory-path": ".",
    "multi-host-uri": "https://example.com/",
}
BASE64_EXAMPLE = "ZXhhbXBsZQ=="
BASE64_PATTERN = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"

# Keywords merged by taking the larger / smaller value.
LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains")
# Keywords whose sub-schemas, per name or position, are combined with allOf.
PER_NAME = ("properties", "patternProperties", "dependentSchemas")
APPLICATORS = ("$ref", "anyOf", "oneOf", "if", "not", "allOf")


class NoValue(Exception):
    """No value was found; ``str()`` says where and why."""


class _OutOfBudget(Exception):
    pass


class _At:
    """Where the walk is: a schema path for messages, a name for plausible strings, the
    ``$ref`` chain (to cut recursion) and the nesting depth."""

    __slots__ = ("depth", "minimal", "must", "name", "path", "refs")

    def __init__(
        self,
        path: str,
        name: str,
        refs: Tuple[str, ...],
        depth: int,
        minimal: bool = False,
        must: Tuple[Any, ...] = (),
    ) -> None:
        self.path = path
        self.name = name
        self.refs = refs
        self.depth = depth
        #: Generate only what is required (deep down, or once a $ref recurses).
        self.minimal = minimal or depth > PLAUSIBLE_DEPTH
        #: The schema of the position: a string search must satisfy it, not just the branch tried.
        self.must = must

    def down(self, step: str, name: Optional[str] = None) -> _At:
        """A position inside the value (an item, a property)."""
        name = self.name if name is None else name
        return _At(f"{self.path}/{step}", name, self.refs, self.depth + 1, self.minimal)

    def branch(self, step: str) -> _At:
        """The same position, through a branch of the schema (anyOf, then, ...)."""
        return _At(f"{self.path}/{step}", self.name, self.refs, self.depth, self.minimal, self.must)

    def via(self, ref: str) -> _At:
        return _At(self.path, self.name, (*self.refs, ref), self.depth, self.minimal or ref in self.refs, self.must)

    def checking(self, schema: Any) -> _At:
        return _At(self.path, self.name, self.refs, self.depth, self.minimal, (schema,))


ValidatorFactory = Callable[[Any], Any]


class ValueFinder:
    """Finds one value for ``root``; ``validator`` is a jsonschema validator of ``root``
    (its ``evolve(schema=...)`` checks sub-schemas with the same resolver and formats)."""

    def __init__(self, root: Any, validator: Any) -> None:
        self.root = root
        self.validator = validator
        self.checks = 0
        self.searches = 0
        self.why: Optional[Tuple[str, str]] = None
        self.deadline = time.monotonic() + SEARCH_SECONDS
        self._validators: Dict[int, Tuple[Any, Any]] = {}

    # ---- entry ----------------------------------------------------------------------

    def find(self) -> Any:
        try:
            for value in self.values(self.root, _At("", "value", (), 0)):
                return value
        except _OutOfBudget as exc:
            raise NoValue(str(exc)) from None
        except RecursionError:
            raise NoValue("the schema nests too deeply") from None
        if self.why is not None:
            path, reason = self.why
            raise NoValue(f"{path.lstrip('/') or '(root)'}: {reason}")
        raise NoValue("no value satisfies the schema")

    # ---- bookkeeping ----------------------------------------------------------------

    def valid(self, schema: Any, value: Any) -> bool:
        self.checks += 1
        if self.checks > MAX_CHECKS:
            raise _OutOfBudget("the schema needs more work than the emulator spends on one value")
        if schema is self.root:
            return bool(self.validator.is_valid(value))
        entry = self._validators.get(id(schema))
        if entry is None or entry[0] is not schema:
            entry = (schema, self.validator.evolve(schema=schema))
            self._validators[id(schema)] = entry
        return bool(entry[1].is_valid(value))

    def fail(self, at: _At, reason: str) -> None:
        # Keep the deepest reason: it names the part of the schema that cannot be met.
        if self.why is None or at.path.count("/") >= self.why[0].count("/"):
            self.why = (at.path, reason)

    def first(self, schema: Any, at: _At) -> Tuple[bool, Any]:
        for value in self.values(schema, at):
            return True, value
        return False, None

    # ---- the walk -------------------------------------------------------------------

    def values(self, schema: Any, at: _At) -> Iterator[Any]:
        """Candidates for ``schema``, each one it accepts; plausible ones first."""
        if schema is True:
            schema = {}
        if schema is False:
            self.fail(at, "the schema is false: nothing is allowed here")
            return
        if not isinstance(schema, dict):
            self.fail(at, "not a schema")
            return
        seen: List[Any] = []
        for value in self._candidates(schema, at.checking(schema)):
            if any(_same(value, other) for other in seen):
                continue
            if self.valid(schema, value):
                seen.append(value)
                yield value
            if len(seen) >= MAX_CANDIDATES:
                return

    def _candidates(self, schema: Dict[str, Any], at: _At) -> Iterator[Any]:
        if "$ref" in schema and isinstance(schema["$ref"], str):
            yield from self._ref(schema, at)
            return
        if "const" in schema:
            yield schema["const"]
            return
        if isinstance(schema.get("enum"), list):
            yield from schema["enum"]
            return
        for key in ("anyOf", "oneOf"):
            if isinstance(schema.get(key), list):
                rest = _without(schema, key)
                for index, branch in enumerate(schema[key]):
                    yield from self._candidates_of(merge([rest, branch]), at.branch(f"{key}/{index}"))
                return
        if "if" in schema:
            rest = _without(schema, "if", "then", "else")
            condition = schema["if"]
            then = schema.get("then", True)
            otherwise = schema.get("else", True)
            yield from self._candidates_of(merge([rest, condition, then]), at.branch("then"))
            yield from self._candidates_of(merge([rest, otherwise]), at.branch("else"))
            return
        if "not" in schema:
            if schema["not"] is True or schema["not"] == {}:
                self.fail(at, "'not' of a schema that allows everything allows nothing")
                return
            rest = _without(schema, "not")
            yield from self._candidates_of(rest, at)
            if "type" not in rest:
                for kind in TYPES:
                    yield from self._candidates_of(merge([rest, {"type": kind}]), at)
            return
        if isinstance(schema.get("allOf"), list):
            parts: List[Any] = [_without(schema, "allOf")]
            for index, part in enumerate(schema["allOf"]):
                if isinstance(part, dict) and isinstance(part.get("$ref"), str):
                    ref = part["$ref"]
                    if at.refs.count(ref) >= MAX_REF_REPEAT:
                        self.fail(at, f"$ref {ref!r} refers back to itself without end")
                        return
                    at = at.via(ref)
                    part = merge([self.resolve(ref, at), _without(part, "$ref")])
                parts.append(part)
                del index
            yield from self._candidates_of(merge(parts), at)
            return
        yield from self._hinted(schema)
        for kind in _types(schema):
            yield from self._typed(kind, schema, at)

    def _candidates_of(self, schema: Any, at: _At) -> Iterator[Any]:
        if schema is False:
            return
        if schema is True:
            schema = {}
        if isinstance(schema, dict):
            yield from self._candidates(schema, at)

    def _ref(self, schema: Dict[str, Any], at: _At) -> Iterator[Any]:
        ref = schema["$ref"]
        if at.refs.count(ref) >= MAX_REF_REPEAT:
            self.fail(at, f"$ref {ref!r} refers back to itself without end (a required part recurses)")
            return
        inner = at.via(ref)
        target = self.resolve(ref, inner)
        rest = _without(schema, "$ref")
        combined = merge([target, rest]) if _constrains(rest) else target
        yield from self._candidates_of(combined, inner)

    def resolve(self, ref: str, at: _At) -> Any:
        try:
            resolved = self.validator._resolver.lookup(ref)  # the validator's own resolution
        except Exception:
            self.fail(at, f"$ref {ref!r} cannot be resolved")
            return False
        return resolved.contents

    def _hinted(self, schema: Mapping[str, Any]) -> Iterator[Any]:
        for key in ("examples",):
            examples = schema.get(key)
            if isinstance(examples, list):
                yield from examples[:5]
        if "default" in schema:
            yield schema["default"]

    def _typed(self, kind: str, schema: Dict[str, Any], at: _At) -> Iterator[Any]:
        if kind == "null":
            yield None
        elif kind == "boolean":
            yield True
            yield False
        elif kind == "integer":
            yield from self._numbers(schema, at, integer=True)
        elif kind == "number":
            yield from self._numbers(schema, at, integer=False)
        elif kind == "string":
            yield from self._strings(schema, at)
        elif kind == "array":
            yield from self._arrays(schema, at)
        elif kind == "object":
            yield from self._objects(schema, at)

    # ---- numbers --------------------------------------------------------------------

    def _numbers(self, schema: Mapping[str, Any], at: _At, *, integer: bool) -> Iterator[Any]:
        low, low_open = _bound(schema, "minimum", "exclusiveMinimum", lower=True)
        high, high_open = _bound(schema, "maximum", "exclusiveMaximum", lower=False)
        step = _number(schema.get("multipleOf"))
        if step is not None and step <= 0:
            step = None
        if integer:
            # Integers that are multiples of p/q (lowest terms) are the multiples of p.
            step = Fraction(step.numerator) if step is not None else Fraction(1)
        for bound in (low, high):
            if bound is not None and abs(bound) > 10**MAX_DIGITS:
                self.fail(at, f"the bound {_show(bound)} is beyond the numbers the emulator generates")
                return
        preferred = Fraction(1) if integer else Fraction(3, 2)
        if step is None:  # numbers only: integers always have a step
            yield from self._reals(preferred, low, low_open, high, high_open, at)
            return
        k_low = None if low is None else _ceil(low / step)
        if k_low is not None and low_open and k_low * step == low:
            k_low += 1
        k_high = None if high is None else _floor(high / step)
        if k_high is not None and high_open and k_high * step == high:
            k_high -= 1
        if k_low is not None and k_high is not None and k_low > k_high:
            what = "integer" if integer else "number"
            if "multipleOf" in schema:
                what += f" that is a multiple of {_show(_number(schema['multipleOf']))}"
            self.fail(at, f"no {what} lies between {_show(low)} and {_show(high)}")
            return
        start = round(preferred / step)
        if k_low is not None:
            start = max(start, k_low)
        if k_high is not None:
            start = min(start, k_high)
        # The first few multiples around the preferred one, then zero and the ends.
        ks: List[int] = []
        for offset in range(12):
            for k in (start + offset, start - offset, 0):
                if (k_low is None or k >= k_low) and (k_high is None or k <= k_high) and k not in ks:
                    ks.append(k)
        for k in ks:
            yield from _spell(k * step, integer)

    def _reals(
        self,
        preferred: Fraction,
        low: Optional[Fraction],
        low_open: bool,
        high: Optional[Fraction],
        high_open: bool,
        at: _At,
    ) -> Iterator[Any]:
        if low is not None and high is not None and (low > high or (low == high and (low_open or high_open))):
            self.fail(at, f"no number lies between {_show(low)} and {_show(high)}")
            return
        value = preferred
        if low is not None and (value < low or (low_open and value == low)):
            value = _inside(low, low_open, high, +1)
        if high is not None and (value > high or (high_open and value == high)):
            value = _inside(high, high_open, low, -1)
        yield from _spell(value, False)
        for edge, open_, direction in ((low, low_open, math.inf), (high, high_open, -math.inf)):
            if edge is None:
                continue
            near = float(edge)
            if open_ or Fraction(near) != edge:
                near = math.nextafter(near, direction)
            yield from _spell(Fraction(near), False)
        if (low is None or low < 0 or (low == 0 and not low_open)) and (high is None or high > 0):
            yield 0

    # ---- strings --------------------------------------------------------------------

    def _strings(self, schema: Mapping[str, Any], at: _At) -> Iterator[Any]:
        min_len = _int(schema.get("minLength"), 0)
        max_len = _int(schema.get("maxLength"), None)
        if min_len > MAX_STRING:
            self.fail(at, f"minLength {min_len} is longer than the strings the emulator generates ({MAX_STRING})")
            return
        if max_len is not None and min_len > max_len:
            self.fail(at, f"minLength {min_len} exceeds maxLength {max_len}")
            return
        fmt = schema.get("format")
        pattern = schema.get("pattern")
        base64 = schema.get("contentEncoding") == "base64" or fmt in ("byte", "base64")
        if isinstance(fmt, str) and fmt in FORMAT_VALUES:
            yield FORMAT_VALUES[fmt]
        if base64:
            yield BASE64_EXAMPLE
            yield ""
        if not isinstance(pattern, str) and not (isinstance(fmt, str) and fmt in FORMAT_VALUES) and not base64:
            yield _fit(f"example {at.name}", min_len, max_len)
            yield _fit("", min_len, max_len)
        # Then a seeded search: the pattern (or format) drives it, the validator decides.
        if not isinstance(pattern, str) and base64:
            pattern = BASE64_PATTERN
        found = self._search_string(schema, pattern, fmt, at)
        if found is not None:
            yield found

    def _search_string(self, schema: Mapping[str, Any], pattern: Any, fmt: Any, at: _At) -> Optional[str]:
        self.searches += 1
        if self.searches > MAX_SEARCHES or time.monotonic() > self.deadline:
            raise _OutOfBudget("the schema needs more string searches than the emulator spends on one value")
        from . import _search

        def accept(text: str) -> bool:
            return self.valid(schema, text) and all(self.valid(outer, text) for outer in at.must)

        try:
            if isinstance(pattern, str):
                re.compile(pattern)
                found = _search.matching(pattern, accept)
            else:
                found = _search.formatted(fmt if isinstance(fmt, str) else None, accept)
        except re.error as exc:
            self.fail(at, f"pattern {pattern!r:.80} is not a regular expression the emulator can use ({exc})")
            return None
        except (_OutOfBudget, RecursionError):
            raise
        except Exception as exc:  # the search library cannot make strings for this pattern
            self.fail(at, f"the emulator cannot make strings for pattern {pattern!r:.80} ({type(exc).__name__})")
            return None
        if found is None:
            if isinstance(pattern, str):
                what = f"no string matching pattern {pattern!r:.80} meets the other constraints here"
            elif isinstance(fmt, str):
                what = f"no string of format {fmt!r:.40} meets the other constraints here"
            else:
                what = "no string meets the constraints here"
            self.fail(at, what)
        return found

    # ---- arrays ---------------------------------------------------------------------

    def _arrays(self, schema: Mapping[str, Any], at: _At) -> Iterator[Any]:
        min_items = _int(schema.get("minItems"), 0)
        max_items = _int(schema.get("maxItems"), None)
        if min_items > MAX_ITEMS:
            self.fail(at, f"minItems {min_items} is more than the emulator generates ({MAX_ITEMS})")
            return
        if max_items is not None and min_items > max_items:
            self.fail(at, f"minItems {min_items} exceeds maxItems {max_items}")
            return
        prefix = schema.get("prefixItems")
        items: Any = schema.get("items", True)
        if isinstance(items, list):  # draft 4-7 tuple form
            prefix, items = items, schema.get("additionalItems", True)
        prefix = prefix if isinstance(prefix, list) else []
        unique = schema.get("uniqueItems") is True
        contains = schema.get("contains")
        wanted = min_items if at.minimal else max(min_items, 1 if items is not False or prefix else 0)
        if max_items is not None:
            wanted = min(wanted, max_items)
        sizes = [wanted] if wanted == min_items else [wanted, min_items]
        for size in sizes:
            built = self._array_of(size, prefix, items, unique, at)
            if built is None:
                continue
            if contains is not None:
                built = self._with_contains(built, contains, items, prefix, max_items, unique, at)
                if built is None:
                    continue
            yield built

    def _array_of(self, size: int, prefix: Sequence[Any], items: Any, unique: bool, at: _At) -> Optional[List[Any]]:
        out: List[Any] = []
        for index, sub in enumerate(prefix[:size]):
            ok, value = self._distinct(sub, at.down(f"prefixItems/{index}"), out if unique else [])
            if not ok:
                return out if index >= size else None
            out.append(value)
        if len(out) < size:
            if items is False:
                self.fail(at, "more items are required than prefixItems allows")
                return None
            where = at.down("items", f"{at.name} item")
            for value in self.values(items, where):
                if unique and any(_same(value, other) for other in out):
                    continue
                out.append(value)
                if len(out) >= size:
                    break
                if not unique:
                    out.extend([value] * (size - len(out)))
                    break
            if unique and out and len(out) < size:
                self._more_distinct(out, size, items, where)
            if len(out) < size:
                if unique:
                    self.fail(at, f"not enough distinct values for {size} unique items")
                return None
        return out

    def _more_distinct(self, out: List[Any], size: int, items: Any, at: _At) -> None:
        """Grow ``out`` to ``size`` distinct items: numbered variants of the last one, then
        values found under "items, but none of these"."""
        base = out[-1]
        for number in range(2, 2 * MAX_ITEMS + 2):
            if len(out) >= size:
                return
            variant = _variant(base, number)
            if variant is None:
                break
            if not any(_same(variant, other) for other in out) and self.valid(items, variant):
                out.append(variant)
        while len(out) < size:
            ok, value = self.first({"allOf": [items, {"not": {"enum": list(out)}}]}, at)
            if not ok:
                return
            out.append(value)

    def _distinct(self, schema: Any, at: _At, taken: List[Any]) -> Tuple[bool, Any]:
        for value in self.values(schema, at):
            if not any(_same(value, other) for other in taken):
                return True, value
        return False, None

    def _with_contains(
        self,
        built: List[Any],
        contains: Any,
        items: Any,
        prefix: Sequence[Any],
        max_items: Optional[int],
        unique: bool,
        at: _At,
    ) -> Optional[List[Any]]:
        if any(self.valid(contains, value) for value in built):
            return built
        ok, value = self._distinct(merge([items, contains]), at.down("contains"), built if unique else [])
        if not ok:
            return None
        if max_items is None or len(built) < max_items:
            return [*built, value]
        if len(built) > len(prefix):
            return [*built[:-1], value]
        return None

    # ---- objects --------------------------------------------------------------------

    def _objects(self, schema: Mapping[str, Any], at: _At) -> Iterator[Any]:
        props: Dict[str, Any] = schema["properties"] if isinstance(schema.get("properties"), dict) else {}
        required = [str(r) for r in schema.get("required") or [] if isinstance(r, str)]
        min_props = _int(schema.get("minProperties"), 0)
        max_props = _int(schema.get("maxProperties"), None)
        if min_props > MAX_ITEMS:
            self.fail(at, f"minProperties {min_props} is more than the emulator generates ({MAX_ITEMS})")
            return
        plans: List[List[str]] = []
        if not at.minimal:
            plans.append(_unique([*props, *required]))
        plans.append(_unique(required))
        for keys in plans:
            keys = self._with_dependencies(keys, schema)
            if max_props is not None and len(keys) > max_props:
                keys = _unique([*required, *keys])[:max_props]
            built = self._object_of(keys, set(required), schema, at)
            if built is None:
                continue
            built = self._fill_properties(built, min_props, schema, at)
            if built is not None:
                yield built
                # Then the same without each optional property, for dependentSchemas/not/if.
                for key in list(built):
                    if key not in required:
                        yield {k: v for k, v in built.items() if k != key}

    def _with_dependencies(self, keys: List[str], schema: Mapping[str, Any]) -> List[str]:
        deps: Dict[str, Any] = {}
        for name in ("dependentRequired", "dependencies"):
            if isinstance(schema.get(name), dict):
                deps.update({k: v for k, v in schema[name].items() if isinstance(v, list)})
        out = list(keys)
        for key in out:  # grows while iterating: the closure
            for extra in deps.get(key, []):
                if isinstance(extra, str) and extra not in out:
                    out.append(extra)
        return out

    def _object_of(
        self, keys: List[str], required: set[str], schema: Mapping[str, Any], at: _At
    ) -> Optional[Dict[str, Any]]:
        out: Dict[str, Any] = {}
        for key in keys:
            sub = property_schema(schema, key)
            if sub is False:
                if key in required:
                    self.fail(at.down(f"properties/{key}"), f"required property {key!r} is not allowed")
                    return None
                continue
            ok, value = self.first(sub, at.down(f"properties/{key}", key))
            if ok:
                out[key] = value
            elif key in required:
                return None
        return out

    def _fill_properties(
        self, out: Dict[str, Any], min_props: int, schema: Mapping[str, Any], at: _At
    ) -> Optional[Dict[str, Any]]:
        if len(out) >= min_props:
            return out
        out = dict(out)
        names = self._free_names(schema, at)
        for name in names:
            if len(out) >= min_props:
                break
            if name in out:
                continue
            sub = property_schema(schema, name)
            if sub is False:
                continue
            ok, value = self.first(sub, at.down(f"properties/{name}", name))
            if ok:
                out[name] = value
        if len(out) < min_props:
            self.fail(at, f"cannot find {min_props} properties that the schema allows")
            return None
        return out

    def _free_names(self, schema: Mapping[str, Any], at: _At) -> Iterator[str]:
        names = schema.get("propertyNames", True)
        for index in range(MAX_ITEMS):
            name = f"key{index}"
            if self.valid(names, name) and property_schema(schema, name) is not False:
                yield name
            if index > 50:
                break
        # Then names found under propertyNames (and one patternProperties pattern), none twice.
        patterns = schema.get("patternProperties")
        shapes: List[Any] = [{"pattern": p} for p in patterns] if isinstance(patterns, dict) else []
        taken: List[str] = []
        for shape in [*shapes, {}]:
            for _ in range(MAX_ITEMS):
                ok, found = self.first(
                    {"allOf": [{"type": "string"}, shape, names, {"not": {"enum": list(taken)}}]},
                    at.down("propertyNames"),
                )
                if not ok:
                    break
                taken.append(found)
                yield found


def property_schema(schema: Mapping[str, Any], key: str) -> Any:
    """The schema a property named ``key`` must satisfy in an object of ``schema``."""
    parts: List[Any] = []
    props = schema.get("properties")
    if isinstance(props, dict) and key in props:
        parts.append(props[key])
    patterns = schema.get("patternProperties")
    if isinstance(patterns, dict):
        for pattern, sub in patterns.items():
            try:
                if re.search(pattern, key):
                    parts.append(sub)
            except re.error:
                continue
    if not parts:
        return schema.get("additionalProperties", True)
    return parts[0] if len(parts) == 1 else {"allOf": parts}


def merge(parts: Sequence[Any]) -> Any:
    """One schema meaning (about) the conjunction of ``parts``; used to pick candidates,
    which are then checked against the real schema. ``False`` if a part is ``False``."""
    out: Dict[str, Any] = {}
    rest: List[Any] = []
    for part in parts:
        if part is False:
            return False
        if part is True or not isinstance(part, dict):
            continue
        for key, value in part.items():
            if key in ("then", "else"):
                continue  # they go with their "if"
            if key == "if" and "if" not in out:
                out.update({k: part[k] for k in ("if", "then", "else") if k in part})
            elif key not in out:
                out[key] = value
            elif key == "type":
                out[key] = _type_meet(out[key], value)
            elif key in LOWER_BOUNDS and _number(value) is not None and _number(out[key]) is not None:
                out[key] = max(out[key], value)
            elif key in UPPER_BOUNDS and _number(value) is not None and _number(out[key]) is not None:
                out[key] = min(out[key], value)
            elif key == "required" and isinstance(value, list) and isinstance(out[key], list):
                out[key] = _unique([*out[key], *value])
            elif key in PER_NAME and isinstance(value, dict) and isinstance(out[key], dict):
                combined = dict(out[key])
                for name, sub in value.items():
                    combined[name] = {"allOf": [combined[name], sub]} if name in combined else sub
                out[key] = combined
            elif key == "allOf" and isinstance(value, list) and isinstance(out[key], list):
                out[key] = [*out[key], *value]
            elif key == "enum" and isinstance(value, list) and isinstance(out[key], list):
                out[key] = [v for v in out[key] if any(_same(v, w) for w in value)]
            elif key in ("items", "additionalProperties", "contains", "propertyNames"):
                out[key] = {"allOf": [out[key], value]}
            elif key in APPLICATORS or key in ("const", "pattern"):
                moved = {key: value}
                if key == "if":
                    moved.update({k: part[k] for k in ("then", "else") if k in part})
                rest.append(moved)
            elif out[key] != value:
                rest.append({key: value})
    if rest:
        out["allOf"] = [*out.get("allOf", []), *rest] if isinstance(out.get("allOf", []), list) else rest
    return out


def _type_meet(a: Any, b: Any) -> Any:
    left = set(a) if isinstance(a, list) else {a}
    right = set(b) if isinstance(b, list) else {b}
    both = left & right
    if "number" in left and "integer" in right:
        both.add("integer")
    if "number" in right and "integer" in left:
        both.add("integer")
    ordered = [t for t in TYPES if t in both]
    return ordered[0] if len(ordered) == 1 else ordered


def _types(schema: Mapping[str, Any]) -> List[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        named = [t for t in declared if isinstance(t, str)]
        return [t for t in named if t != "null"] + [t for t in named if t == "null"]
    inferred: List[str] = []
    keys = set(schema)
    if keys & {
        "properties",
        "required",
        "additionalProperties",
        "patternProperties",
        "minProperties",
        "maxProperties",
        "propertyNames",
        "dependentRequired",
        "dependentSchemas",
    }:
        inferred.append("object")
    if keys & {"items", "prefixItems", "minItems", "maxItems", "contains", "uniqueItems"}:
        inferred.append("array")
    if keys & {"pattern", "minLength", "maxLength", "format", "contentEncoding"}:
        inferred.append("string")
    if keys & {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}:
        inferred.append("number")
    return inferred + [t for t in TYPES if t not in inferred]


def _without(schema: Mapping[str, Any], *keys: str) -> Dict[str, Any]:
    return {k: v for k, v in schema.items() if k not in keys}


def _constrains(schema: Mapping[str, Any]) -> bool:
    quiet = {"$defs", "definitions", "$schema", "$id", "$comment", "title", "description", "examples", "default"}
    return any(key not in quiet for key in schema)


def _unique(names: Sequence[str]) -> List[str]:
    out: List[str] = []
    for name in names:
        if name not in out:
            out.append(name)
    return out


def _same(a: Any, b: Any) -> bool:
    """JSON equality (``True`` is not ``1``)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


def _number(value: Any) -> Optional[Fraction]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return Fraction(value)


def _int(value: Any, default: Any) -> Any:
    number = _number(value)
    if number is None:
        return default
    return _ceil(number) if default == 0 else _floor(number)


def _bound(
    schema: Mapping[str, Any], inclusive: str, exclusive: str, *, lower: bool
) -> Tuple[Optional[Fraction], bool]:
    value = _number(schema.get(inclusive))
    open_value = _number(schema.get(exclusive))
    if open_value is None:
        return value, False
    if value is None:
        return open_value, True
    if lower:
        return (open_value, True) if open_value >= value else (value, False)
    return (open_value, True) if open_value <= value else (value, False)


def _ceil(value: Fraction) -> int:
    return -((-value.numerator) // value.denominator)


def _floor(value: Fraction) -> int:
    return value.numerator // value.denominator


def _spell(value: Fraction, integer: bool) -> Iterator[Any]:
    """A number as JSON: an int when whole (exact at any size), else the nearest floats."""
    if value.denominator == 1:
        whole = int(value)
        yield whole
        if not integer and abs(whole) < 2**53:
            yield float(whole)
        return
    if integer:
        return
    near = float(value)
    yield near
    yield math.nextafter(near, math.inf)
    yield math.nextafter(near, -math.inf)


def _variant(value: Any, number: int) -> Any:
    """A numbered variant of a value, for unique items (``None`` if there is none)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return f"{value} {number}"
    if isinstance(value, int):
        return value + number - 1
    if isinstance(value, float):
        return value + number - 1
    return None


def _inside(edge: Fraction, open_: bool, other: Optional[Fraction], direction: int) -> Fraction:
    """The edge itself if it is allowed, else a number just inside it."""
    if not open_:
        return edge
    if other is None:
        return edge + direction
    return (edge + other) / 2


def _show(value: Optional[Fraction]) -> str:
    if value is None:
        return "(none)"
    if value.denominator == 1:
        text = str(value.numerator)
        return text if len(text) <= 40 else f"{text[:20]}...({len(text)} digits)"
    return repr(float(value))


def _fit(text: str, min_len: int, max_len: Optional[int]) -> str:
    if len(text) < min_len:
        text += "x" * (min_len - len(text))
    if max_len is not None and len(text) > max_len:
        text = text[: max(max_len, 0)]
    return text


__all__ = ["FORMAT_VALUES", "MAX_ITEMS", "MAX_STRING", "NoValue", "ValueFinder", "merge", "property_schema"]
