"""Each JSON Schema keyword gives a specific message in both languages, with its parameter."""

from __future__ import annotations

from typing import Any

import pytest

from forms import FieldError

ARSIP = {"type": "string", "enum": ["biasa", "terbatas", "rahasia", "sangat_rahasia"]}

# (field schema, submitted value, code, Indonesian, English)
CASES: list[tuple[Any, Any, str, str, str]] = [
    ({"type": "string"}, 12, "type", "Harus berupa teks.", "Must be text."),
    ({"type": "integer"}, 1.5, "type", "Harus berupa angka bulat.", "Must be a whole number."),
    ({"type": "number"}, "lima", "type", "Harus berupa angka.", "Must be a number."),
    ({"type": "boolean"}, "ya", "type", "Harus berupa pilihan ya/tidak.", "Must be yes or no."),
    ({"type": "array"}, "a", "type", "Harus berupa daftar.", "Must be a list."),
    ({"type": "object"}, [], "type", "Harus berupa kelompok isian.", "Must be a group of fields."),
    ({"type": ["string", "null"]}, 3, "type", "Harus berupa teks atau kosong.", "Must be text or empty."),
    (
        {"enum": ["ringan", "berat"]},
        "sedang",
        "enum",
        "Pilih salah satu: ringan, berat.",
        "Choose one of: ringan, berat.",
    ),
    (
        {"enum": list(range(12))},
        99,
        "enum",
        "Pilih salah satu: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ….",
        "Choose one of: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ….",
    ),
    (
        ARSIP,
        "umum",
        "enum",
        "Pilih salah satu: biasa, terbatas, rahasia, sangat_rahasia.",
        "Choose one of: biasa, terbatas, rahasia, sangat_rahasia.",
    ),
    ({"const": "setuju"}, "tidak", "const", "Harus bernilai setuju.", "Must be setuju."),
    ({"const": True}, False, "const", "Harus dicentang.", "Must be ticked."),
    (
        {"type": "string", "minLength": 10},
        "pendek",
        "minLength",
        "Minimal 10 karakter.",
        "At least 10 characters.",
    ),
    ({"type": "string", "minLength": 1}, "", "minLength", "Minimal 1 karakter.", "At least 1 character."),
    (
        {"type": "string", "maxLength": 5},
        "terlalu panjang",
        "maxLength",
        "Maksimal 5 karakter.",
        "At most 5 characters.",
    ),
    (
        {"type": "string", "pattern": "^[0-9]{5}$"},
        "4012",
        "pattern",
        "Format isian tidak sesuai (pola: ^[0-9]{5}$).",
        "Does not match the required format (pattern: ^[0-9]{5}$).",
    ),
    (
        {"type": "string", "format": "date"},
        "2026-02-30",
        "format",
        "Tanggal tidak valid (format TTTT-BB-HH).",
        "Not a valid date (YYYY-MM-DD).",
    ),
    (
        {"type": "string", "format": "nik"},
        "12345",
        "format",
        "NIK tidak valid (16 digit angka sesuai KTP).",
        "Not a valid NIK (16-digit national ID number).",
    ),
    (
        {"type": "string", "format": "nip"},
        "1985",
        "format",
        "NIP tidak valid (18 digit angka).",
        "Not a valid NIP (18-digit civil servant ID number).",
    ),
    (
        {"type": "string", "format": "email"},
        "pelapor@",
        "format",
        "Alamat email tidak valid.",
        "Not a valid email address.",
    ),
    ({"type": "number", "minimum": 1500.5}, 10, "minimum", "Minimal 1.500,5.", "Must be at least 1,500.5."),
    (
        {"type": "integer", "maximum": 1000000},
        1000001,
        "maximum",
        "Maksimal 1.000.000.",
        "Must be at most 1,000,000.",
    ),
    (
        {"type": "integer", "exclusiveMinimum": 0},
        0,
        "exclusiveMinimum",
        "Harus lebih dari 0.",
        "Must be greater than 0.",
    ),
    (
        {"type": "integer", "exclusiveMaximum": 60},
        60,
        "exclusiveMaximum",
        "Harus kurang dari 60.",
        "Must be less than 60.",
    ),
    (
        {"type": "number", "multipleOf": 0.5},
        1.25,
        "multipleOf",
        "Harus kelipatan 0,5.",
        "Must be a multiple of 0.5.",
    ),
    ({"type": "array", "minItems": 2}, ["a"], "minItems", "Minimal 2 item.", "At least 2 items."),
    ({"type": "array", "maxItems": 1}, ["a", "b"], "maxItems", "Maksimal 1 item.", "At most 1 item."),
    (
        {"type": "array", "uniqueItems": True},
        ["PUPR", "PUPR"],
        "uniqueItems",
        "Tidak boleh ada item yang sama.",
        "Items must not repeat.",
    ),
    (
        {"type": "array", "contains": {"const": "PUPR"}},
        ["Dishub"],
        "contains",
        "Harus memuat minimal satu item yang sesuai.",
        "Must contain at least one matching item.",
    ),
    (
        {"type": "array", "contains": {"type": "string"}, "minContains": 2},
        ["a", 1],
        "minContains",
        "Minimal 2 item harus sesuai.",
        "At least 2 items must match.",
    ),
    (
        {"type": "array", "contains": {"type": "string"}, "maxContains": 1},
        ["a", "b"],
        "maxContains",
        "Maksimal 1 item boleh sesuai.",
        "At most 1 matching item allowed.",
    ),
    (
        {"type": "array", "prefixItems": [{"type": "string"}], "items": False},
        ["a", "b"],
        "items",
        "Jumlah item melebihi yang diizinkan.",
        "More items than allowed.",
    ),
    (
        {"type": "object", "minProperties": 1},
        {},
        "minProperties",
        "Minimal 1 isian harus diisi.",
        "At least 1 field must be filled in.",
    ),
    (
        {"type": "object", "maxProperties": 1},
        {"a": 1, "b": 2},
        "maxProperties",
        "Maksimal 1 isian.",
        "At most 1 field.",
    ),
    (
        {"type": "string", "not": {"const": "-"}},
        "-",
        "not",
        "Nilai ini tidak diizinkan.",
        "This value is not allowed.",
    ),
    (False, "apa saja", "false", "Isian ini tidak diizinkan.", "This field is not allowed."),
    (
        {"anyOf": [{"type": "string", "minLength": 16}, {"type": "integer", "minimum": 10}]},
        True,
        "anyOf",
        "Isian tidak sesuai dengan pilihan yang diizinkan.",
        "Does not match any of the allowed options.",
    ),
    (
        {"oneOf": [{"type": "string", "maxLength": 3}, {"type": "string", "pattern": "^A"}]},
        "ABC",
        "oneOf",
        "Cocok dengan lebih dari satu pilihan; harus tepat satu.",
        "Matches more than one option; it must match exactly one.",
    ),
    (
        {"oneOf": [{"type": "integer"}, {"type": "boolean"}]},
        "x",
        "oneOf",
        "Isian tidak sesuai dengan tepat satu pilihan yang diizinkan.",
        "Does not match exactly one of the allowed options.",
    ),
]


@pytest.mark.parametrize(
    ("field", "value", "code", "message_id", "message_en"),
    CASES,
    ids=[f"{c[2]}-{i}" for i, c in enumerate(CASES)],
)
def test_keyword_message(make_form: Any, field: Any, value: Any, code: str, message_id: str, message_en: str) -> None:
    form = make_form({"isian": field})
    assert form.validate({"isian": value}) == [FieldError("isian", code, message_id, message_en)]
