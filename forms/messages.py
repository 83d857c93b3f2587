"""What a clerk reads next to a field: one friendly sentence per JSON Schema keyword, in both languages.

Each builder returns ``(message_id, message_en)``. Parameters are shown the way a person reads
them: numbers with Indonesian separators in the Indonesian text (1.500,5) and English ones in the
English text (1,500.5); text without quotes; long choice lists cut short.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Text = tuple[str, str]

_MAX_CHOICES_SHOWN = 10

_TYPE_NAMES: dict[str, Text] = {
    "string": ("teks", "text"),
    "integer": ("angka bulat", "a whole number"),
    "number": ("angka", "a number"),
    "boolean": ("pilihan ya/tidak", "yes or no"),
    "array": ("daftar", "a list"),
    "object": ("kelompok isian", "a group of fields"),
    "null": ("kosong", "empty"),
}

_FORMATS: dict[str, Text] = {
    "date": ("Tanggal tidak valid (format TTTT-BB-HH).", "Not a valid date (YYYY-MM-DD)."),
    "date-time": ("Tanggal dan jam tidak valid (format TTTT-BB-HHTjj:mm:dd+07:00).",
                  "Not a valid date and time (YYYY-MM-DDThh:mm:ss+07:00)."),
    "time": ("Jam tidak valid (format jj:mm:dd+07:00).", "Not a valid time (hh:mm:ss+07:00)."),
    "email": ("Alamat email tidak valid.", "Not a valid email address."),
    "uri": ("Alamat tautan tidak valid (contoh: https://contoh.go.id).",
            "Not a valid link (e.g. https://example.go.id)."),
    "uuid": ("Kode UUID tidak valid.", "Not a valid UUID."),
    "ipv4": ("Alamat IPv4 tidak valid.", "Not a valid IPv4 address."),
    "ipv6": ("Alamat IPv6 tidak valid.", "Not a valid IPv6 address."),
    "nik": ("NIK tidak valid (16 digit angka sesuai KTP).", "Not a valid NIK (16-digit national ID number)."),
    "nip": ("NIP tidak valid (18 digit angka).", "Not a valid NIP (18-digit civil servant ID number)."),
    "lintas-lampiran": ("Lampiran tidak valid; unggah berkasnya lagi.",
                        "Not a valid attachment; upload the file again."),
}


def number(value: Any, lang: str) -> str:
    """A number as a person writes it: 1.500,5 in Indonesian, 1,500.5 in English."""
    text = format(value, ",")
    if lang == "id":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def show(value: Any, lang: str) -> str:
    """A parameter value inside a sentence: text bare, numbers localised, yes/no spelt out."""
    if isinstance(value, bool):
        return ("ya" if value else "tidak") if lang == "id" else ("yes" if value else "no")
    if value is None:
        return "kosong" if lang == "id" else "empty"
    if isinstance(value, int | float):
        return number(value, lang)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def listing(values: Sequence[Any], lang: str) -> str:
    shown = [show(v, lang) for v in values[:_MAX_CHOICES_SHOWN]]
    if len(values) > _MAX_CHOICES_SHOWN:
        shown.append("…")
    return ", ".join(shown)


def required() -> Text:
    return "Wajib diisi.", "This field is required."


def required_when(other: str) -> Text:
    return f"Wajib diisi jika {other} diisi.", f"Required when {other} is filled in."


def bad_name(name: str) -> Text:
    return f"Nama isian tidak valid: {name}.", f"Invalid field name: {name}."


def unknown_field(name: str) -> Text:
    return f"Isian tidak dikenal: {name}.", f"Unknown field: {name}."


def choose_one(labels: Sequence[Any]) -> Text:
    return f"Pilih salah satu: {listing(labels, 'id')}.", f"Choose one of: {listing(labels, 'en')}."


def fill_one_of(titles: Sequence[str]) -> Text:
    return f"Isi salah satu: {listing(titles, 'id')}.", f"Fill in one of: {listing(titles, 'en')}."


def many_matched() -> Text:
    return ("Cocok dengan lebih dari satu pilihan; harus tepat satu.",
            "Matches more than one option; it must match exactly one.")


def not_an_object() -> Text:
    return "Data formulir harus berupa kelompok isian (objek JSON).", "Form data must be a JSON object."


def too_deep(limit: int) -> Text:
    return (f"Data terlalu dalam bertingkat (maksimal {limit} tingkat).",
            f"Data is nested too deeply (at most {limit} levels).")


def bad_key() -> Text:
    return "Nama isian harus berupa teks.", "Field names must be text."


def unsupported_value() -> Text:
    return ("Jenis nilai tidak didukung (harus teks, angka, ya/tidak, daftar atau kelompok isian).",
            "Unsupported kind of value (must be text, a number, yes/no, a list or a group of fields).")


def unreadable_number(integer: bool) -> Text:
    """A number box holding something that is not a number (the form parser's finding)."""
    if integer:
        return "Harus berupa angka bulat, mis. 1500.", "Must be a whole number, e.g. 1500."
    return "Harus berupa angka, mis. 2,5 atau 1.500.", "Must be a number, e.g. 2.5 or 1,500."


def format_error(fmt: str) -> Text:
    return _FORMATS.get(fmt, (f"Format tidak valid ({fmt}).", f"Invalid format ({fmt})."))


def _type(value: Any, instance: Any) -> Text:
    names = [value] if isinstance(value, str) else list(value)
    known = [_TYPE_NAMES.get(n, (n, n)) for n in names]
    return (f"Harus berupa {' atau '.join(k[0] for k in known)}.",
            f"Must be {' or '.join(k[1] for k in known)}.")


def _const(value: Any, instance: Any) -> Text:
    if value is True:
        return "Harus dicentang.", "Must be ticked."
    return f"Harus bernilai {show(value, 'id')}.", f"Must be {show(value, 'en')}."


def _items_word(n: Any) -> str:
    return "item" if n == 1 else "items"


def _chars_word(n: Any) -> str:
    return "character" if n == 1 else "characters"


def _fields_word(n: Any) -> str:
    return "field" if n == 1 else "fields"


# keyword -> (validator value, instance) -> text. Keywords reported by validate.py with extra
# knowledge (required, enum labels, additionalProperties, anyOf/oneOf) are built there.
KEYWORDS: dict[str, Callable[[Any, Any], Text]] = {
    "type": _type,
    "enum": lambda v, i: choose_one(list(v)),
    "const": _const,
    "format": lambda v, i: format_error(v),
    "minLength": lambda v, i: (f"Minimal {number(v, 'id')} karakter.",
                               f"At least {number(v, 'en')} {_chars_word(v)}."),
    "maxLength": lambda v, i: (f"Maksimal {number(v, 'id')} karakter.",
                               f"At most {number(v, 'en')} {_chars_word(v)}."),
    "pattern": lambda v, i: (f"Format isian tidak sesuai (pola: {v}).",
                             f"Does not match the required format (pattern: {v})."),
    "minimum": lambda v, i: (f"Minimal {number(v, 'id')}.", f"Must be at least {number(v, 'en')}."),
    "maximum": lambda v, i: (f"Maksimal {number(v, 'id')}.", f"Must be at most {number(v, 'en')}."),
    "exclusiveMinimum": lambda v, i: (f"Harus lebih dari {number(v, 'id')}.",
                                      f"Must be greater than {number(v, 'en')}."),
    "exclusiveMaximum": lambda v, i: (f"Harus kurang dari {number(v, 'id')}.",
                                      f"Must be less than {number(v, 'en')}."),
    "multipleOf": lambda v, i: (f"Harus kelipatan {number(v, 'id')}.",
                                f"Must be a multiple of {number(v, 'en')}."),
    "minItems": lambda v, i: (f"Minimal {number(v, 'id')} item.",
                              f"At least {number(v, 'en')} {_items_word(v)}."),
    "maxItems": lambda v, i: (f"Maksimal {number(v, 'id')} item.",
                              f"At most {number(v, 'en')} {_items_word(v)}."),
    "uniqueItems": lambda v, i: ("Tidak boleh ada item yang sama.", "Items must not repeat."),
    "items": lambda v, i: ("Jumlah item melebihi yang diizinkan.", "More items than allowed."),
    "unevaluatedItems": lambda v, i: ("Jumlah item melebihi yang diizinkan.", "More items than allowed."),
    "contains": lambda v, i: ("Harus memuat minimal satu item yang sesuai.",
                              "Must contain at least one matching item."),
    "minContains": lambda v, i: (f"Minimal {number(v, 'id')} item harus sesuai.",
                                 f"At least {number(v, 'en')} {_items_word(v)} must match."),
    "maxContains": lambda v, i: (f"Maksimal {number(v, 'id')} item boleh sesuai.",
                                 f"At most {number(v, 'en')} matching {_items_word(v)} allowed."),
    "minProperties": lambda v, i: (f"Minimal {number(v, 'id')} isian harus diisi.",
                                   f"At least {number(v, 'en')} {_fields_word(v)} must be filled in."),
    "maxProperties": lambda v, i: (f"Maksimal {number(v, 'id')} isian.",
                                   f"At most {number(v, 'en')} {_fields_word(v)}."),
    "anyOf": lambda v, i: ("Isian tidak sesuai dengan pilihan yang diizinkan.",
                           "Does not match any of the allowed options."),
    "oneOf": lambda v, i: ("Isian tidak sesuai dengan tepat satu pilihan yang diizinkan.",
                           "Does not match exactly one of the allowed options."),
    "unevaluatedProperties": lambda v, i: ("Isian tambahan tidak valid.", "Additional field is not valid."),
    "not": lambda v, i: ("Nilai ini tidak diizinkan.", "This value is not allowed."),
    "false": lambda v, i: ("Isian ini tidak diizinkan.", "This field is not allowed."),
}


def describe(keyword: str, value: Any, instance: Any) -> Text:
    """The default message for a failed keyword; a generic one for keywords not listed."""
    builder = KEYWORDS.get(keyword)
    if builder is None:
        return "Isian tidak valid.", "Invalid value."
    return builder(value, instance)


def override(schema: Any, keyword: str) -> Text | None:
    """A schema author's own wording from ``"x-messages": {keyword: {"id": ..., "en": ...}}``.

    ``en`` may be left out; the default English message is used then.
    """
    if not isinstance(schema, Mapping):
        return None
    custom = schema.get("x-messages")
    if not isinstance(custom, Mapping):
        return None
    entry = custom.get(keyword)
    if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str):
        return None
    english = entry.get("en")
    return entry["id"], english if isinstance(english, str) else ""
