"""The form as a renderer sees it: ordered fields with titles, help text, choices and nesting.

Built from the schema once per form. Only what a person fills in is described; validation
details (lengths, patterns) stay in ``Field.schema`` for a renderer that wants to hint at them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from forms.walk import property_order, resolve

# Objects nested deeper than this are shown as opaque values; real forms are far shallower,
# and a schema that refers to itself ("#") must not unfold forever.
_MAX_NESTING = 8


@dataclass(frozen=True)
class Choice:
    """One option of a choice field: the stored value and the label shown for it."""

    value: Any
    label: str
    label_en: str = ""  # from "x-en": {"title": ...} on the option; "" when not given


@dataclass(frozen=True)
class Field:
    """One input of a form (or of a nested group / a row of a repeating group)."""

    name: str
    title: str  # schema "title", or the name made readable ("tanggal_kejadian" -> "Tanggal kejadian")
    description: str
    type: str | None  # the JSON type, "null" left out of unions such as ["string", "null"]
    required: bool
    nullable: bool = False
    format: str | None = None
    widget: str | None = None  # "x-widget", a hint such as "textarea"; the renderer decides
    choices: tuple[Choice, ...] = ()  # from "enum", or labelled: "oneOf": [{"const", "title"}]
    default: Any = None
    read_only: bool = False
    fields: tuple[Field, ...] = ()  # members of a nested object
    item_fields: tuple[Field, ...] = ()  # columns of each row of an array of objects
    schema: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    title_en: str = ""  # "x-en": {"title": ..., "description": ...}; "" when the schema has none
    description_en: str = ""

    @property
    def enum(self) -> tuple[Any, ...]:
        return tuple(c.value for c in self.choices)

    @property
    def enum_labels(self) -> tuple[str, ...]:
        return tuple(c.label for c in self.choices)


def humanize(name: str) -> str:
    text = name.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:] if text else name


def build_fields(root: Mapping[str, Any], schema: Any, depth: int = 0) -> tuple[Field, ...]:
    """The fields of an object schema, in declared order (``x-order``, then ``properties``)."""
    resolved = resolve(root, schema)
    if not isinstance(resolved, Mapping) or depth > _MAX_NESTING:
        return ()
    props = resolved.get("properties")
    declared: Mapping[str, Any] = props if isinstance(props, Mapping) else {}
    # A `false` property may never be sent, so there is nothing to show for it.
    names = [n for n in property_order(root, resolved) if n in declared and declared[n] is not False]
    required = resolved.get("required")
    required_names = set(required) if isinstance(required, list) else set()
    return tuple(_field(root, name, _merged(root, declared[name]), name in required_names, depth)
                 for name in names)


def _merged(root: Mapping[str, Any], as_written: Any) -> Any:
    # {"$ref": "#/$defs/nik", "title": "NIK Pelapor"}: the words at the use site win over the
    # shared definition's, as JSON Schema 2020-12 allows keywords next to "$ref".
    target = resolve(root, as_written)
    if not isinstance(as_written, Mapping) or not isinstance(target, Mapping) or target is as_written:
        return target
    return {**target, **{k: v for k, v in as_written.items() if k != "$ref"}}


def _field(root: Mapping[str, Any], name: str, schema: Any, required: bool, depth: int) -> Field:
    spec: Mapping[str, Any] = schema if isinstance(schema, Mapping) else {}
    spec, optional = _unwrap_nullable(root, spec)
    json_type, nullable = _json_type(spec)
    nullable = nullable or optional
    items = resolve(root, spec.get("items"))
    nested = build_fields(root, spec, depth + 1) if json_type == "object" else ()
    rows = build_fields(root, items, depth + 1) if json_type == "array" and _is_object(items) else ()
    choices = _choices(root, items if json_type == "array" and isinstance(items, Mapping) else spec)
    if json_type is None and choices:
        json_type = _type_of_values([c.value for c in choices])
    return Field(
        name=name,
        title=_text(spec.get("title")) or humanize(name),
        description=_text(spec.get("description")),
        type=json_type,
        required=required,
        nullable=nullable,
        format=spec.get("format") if isinstance(spec.get("format"), str) else None,
        widget=spec.get("x-widget") if isinstance(spec.get("x-widget"), str) else None,
        choices=choices,
        default=spec.get("default"),
        read_only=spec.get("readOnly") is True,
        fields=nested,
        item_fields=rows,
        schema=spec,
        title_en=english(spec, "title"),
        description_en=english(spec, "description"),
    )


def _unwrap_nullable(root: Mapping[str, Any], spec: Mapping[str, Any]) -> tuple[Mapping[str, Any], bool]:
    # "anyOf": [{"type": "string", "format": "date"}, {"type": "null"}] is how an optional
    # value is usually written; a renderer wants the date input, marked as allowed to be empty.
    for key in ("anyOf", "oneOf"):
        options = [resolve(root, o) for o in spec.get(key) or []]
        if len(options) != 2 or not all(isinstance(o, Mapping) for o in options):
            continue
        nulls = [o for o in options if o.get("type") == "null"]
        if len(nulls) == 1:
            other = options[1] if options[0] is nulls[0] else options[0]
            return {**other, **{k: v for k, v in spec.items() if k != key}}, True
    return spec, False


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def english(spec: Any, key: str) -> str:
    """The English ``title``/``description`` from ``"x-en": {"title": ..., "description": ...}``, or ""."""
    words = spec.get("x-en") if isinstance(spec, Mapping) else None
    return _text(words.get(key)) if isinstance(words, Mapping) else ""


def _json_type(spec: Mapping[str, Any]) -> tuple[str | None, bool]:
    declared = spec.get("type")
    if isinstance(declared, str):
        return declared, declared == "null"
    if isinstance(declared, list):
        others = [t for t in declared if t != "null"]
        return (others[0] if others else "null"), "null" in declared
    return None, False


def _is_object(schema: Any) -> bool:
    return isinstance(schema, Mapping) and (schema.get("type") == "object" or "properties" in schema)


def _choices(root: Mapping[str, Any], spec: Mapping[str, Any]) -> tuple[Choice, ...]:
    if isinstance(spec.get("enum"), list):
        return tuple(Choice(v, _label(v)) for v in spec["enum"])
    for key in ("oneOf", "anyOf"):
        options = [resolve(root, o) for o in spec.get(key) or []]
        if options and all(isinstance(o, Mapping) and "const" in o for o in options):
            return tuple(Choice(o["const"], _text(o.get("title")) or _label(o["const"]), english(o, "title"))
                         for o in options)
    return ()


def _label(value: Any) -> str:
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    return "" if value is None else str(value)


def _type_of_values(values: list[Any]) -> str | None:
    kinds = {"boolean" if isinstance(v, bool) else "integer" if isinstance(v, int)
             else "number" if isinstance(v, float) else "string" if isinstance(v, str) else "other"
             for v in values if v is not None}
    return kinds.pop() if len(kinds) == 1 and "other" not in kinds else None
