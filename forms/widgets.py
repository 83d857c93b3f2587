"""Which control each field gets. The renderer draws it and the parser reads it back by the same
decision, so a field can never be shown one way and read another.

Designers steer the choice with ``"x-widget"`` (see forms/README.md); everything else follows
from the schema: type, ``format``, choices, ``maxLength``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from forms.fields import Choice, Field, build_fields
from forms.model import Form
from forms.walk import resolve

SchemaLike = Form | Mapping[str, Any]

TEXTAREA_OVER = 200  # maxLength above which text gets a multi-line box
RADIO_UP_TO = 4  # choices shown as radio buttons; more become a drop-down
ATTACHMENT = "lintas-lampiran"
DEFAULT_MAX_ROWS = 100  # rows of a repeating group without maxItems
HARD_MAX_ROWS = 1000  # whatever maxItems says, no request builds more rows than this

_FORMAT_KINDS = {"date": "date", "date-time": "datetime", "time": "time", "email": "email", "uri": "url"}
_LINE_TYPES = ("string", "integer", "number")


def form_fields(schema: SchemaLike) -> tuple[Mapping[str, Any], tuple[Field, ...]]:
    """The schema root and its top-level fields, for a loaded ``Form`` or a plain schema."""
    if isinstance(schema, Form):
        return schema.schema, schema.fields()
    return schema, build_fields(schema, schema)


def kind_of(field: Field, root: Mapping[str, Any]) -> str:
    """One of: text, textarea, email, url, date, datetime, time, numeric, number, checkbox,
    select, radio, checkboxes, file, lines, group, rows, none (nothing to fill in)."""
    hint = field.widget
    if field.type == "object":
        return "group" if field.fields else "none"
    if field.type == "array":
        if field.item_fields:
            return "rows"
        if field.choices:
            return "checkboxes"
        return "lines" if item_type(field, root) in _LINE_TYPES else "none"
    if field.choices or (field.type == "boolean" and hint in ("radio", "select")):
        if hint == "select":
            return "select"
        return "radio" if hint == "radio" or len(choices_of(field)) <= RADIO_UP_TO else "select"
    if field.type == "boolean":
        return "checkbox"
    if field.type in ("integer", "number"):
        return "number" if hint == "number" else "numeric"
    if field.type not in ("string", None):
        return "none"
    if field.format == ATTACHMENT:
        return "file"
    if field.format in _FORMAT_KINDS:
        return _FORMAT_KINDS[field.format]
    if hint == "textarea":
        return "textarea"
    limit = field.schema.get("maxLength")
    long = isinstance(limit, int) and not isinstance(limit, bool) and limit > TEXTAREA_OVER
    return "textarea" if long and hint != "text" else "text"


def choices_of(field: Field) -> tuple[Choice, ...]:
    """The field's choices; a yes/no field shown as radio buttons gets "Ya" and "Tidak"."""
    if field.choices or field.type != "boolean":
        return field.choices
    return (Choice(True, "Ya", "Yes"), Choice(False, "Tidak", "No"))


def item_type(field: Field, root: Mapping[str, Any]) -> str | None:
    """The JSON type of the items of an array field (for one-value-per-line lists)."""
    items = resolve(root, field.schema.get("items"))
    kind = items.get("type") if isinstance(items, Mapping) else None
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        kind = kinds[0] if len(kinds) == 1 else None
    return kind if isinstance(kind, str) else None


def row_title(field: Field, root: Mapping[str, Any], locale: str) -> str:
    """What one row of a repeating group is called: the items' title, else the field's."""
    items = resolve(root, field.schema.get("items"))
    if isinstance(items, Mapping):
        words = items.get("x-en")
        if locale == "en" and isinstance(words, Mapping) and isinstance(words.get("title"), str):
            return str(words["title"])
        if isinstance(items.get("title"), str) and items["title"]:
            return str(items["title"])
    return field_title(field, locale)


def field_title(field: Field, locale: str) -> str:
    return field.title_en if locale == "en" and field.title_en else field.title


def field_help(field: Field, locale: str) -> str:
    return field.description_en if locale == "en" and field.description_en else field.description


def choice_label(choice: Choice, locale: str) -> str:
    return choice.label_en if locale == "en" and choice.label_en else choice.label


def int_keyword(schema: Mapping[str, Any], key: str) -> int | None:
    value = schema.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def row_limits(field: Field) -> tuple[int, int]:
    """(minItems, the most rows a form holds): ``maxItems``, else 100; never above 1000."""
    low = int_keyword(field.schema, "minItems") or 0
    high = int_keyword(field.schema, "maxItems")
    return low, max(0, min(high, HARD_MAX_ROWS)) if high is not None else DEFAULT_MAX_ROWS
