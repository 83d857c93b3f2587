"""clean(): a validated copy holding only what the form declares; never drops anything silently."""

from __future__ import annotations

from typing import Any

import pytest

from forms import Form, FormValidationError


def test_returns_an_independent_copy(aduan: Form, valid_data: dict[str, Any]) -> None:
    cleaned = aduan.clean(valid_data)
    assert cleaned == valid_data
    cleaned["lampiran"][0]["nama"] = "lain.jpg"
    assert valid_data["lampiran"][0]["nama"] == "foto-lubang.jpg"


def test_invalid_data_raises_with_field_errors(aduan: Form, valid_data: dict[str, Any]) -> None:
    del valid_data["catatan"]
    valid_data["tanggal_kejadian"] = "2026-02-30"
    with pytest.raises(FormValidationError) as caught:
        aduan.clean(valid_data)
    assert [(e.path, e.code) for e in caught.value.errors] == [("catatan", "required"), ("tanggal_kejadian", "format")]
    assert str(caught.value).startswith("Data formulir tidak valid, 2 kesalahan: catatan: Wajib diisi.")
    assert str(caught.value).endswith("(form data is invalid, 2 errors)")


def test_unknown_fields_are_errors_when_additional_properties_is_false(aduan: Form, valid_data: dict[str, Any]) -> None:
    valid_data["lampiran"][0]["sumber"] = "WhatsApp"
    with pytest.raises(FormValidationError) as caught:
        aduan.clean(valid_data)
    assert [e.path for e in caught.value.errors] == ["lampiran[0].sumber"]


def test_undeclared_keys_are_dropped_when_extra_keys_are_allowed(make_form: Any) -> None:
    # Documented behaviour: where the schema allows extra keys they are valid, yet clean()
    # keeps only declared properties, at every level whose schema declares any.
    form = make_form(
        {
            "perihal": {"type": "string"},
            "pengirim": {"type": "object", "properties": {"nama": {"type": "string"}}},
            "meta": {"type": "object"},
        }
    )
    data = {
        "perihal": "Undangan rapat",
        "csrf_token": "abc",
        "pengirim": {"nama": "Setda", "nip": "1"},
        "meta": {"bebas": 1},
    }
    assert form.validate(data) == []
    assert form.clean(data) == {"perihal": "Undangan rapat", "pengirim": {"nama": "Setda"}, "meta": {"bebas": 1}}


def test_conditional_and_pattern_fields_are_kept(make_form: Any) -> None:
    form = make_form(
        {"keputusan": {"enum": ["tunda", "arsipkan"]}},
        patternProperties={"^tembusan_[0-9]+$": {"type": "string"}},
        allOf=[
            {
                "if": {"properties": {"keputusan": {"const": "arsipkan"}}},
                "then": {"properties": {"alasan_arsip": {"type": "string"}}, "required": ["alasan_arsip"]},
            }
        ],
    )
    data = {"keputusan": "arsipkan", "alasan_arsip": "Ganda", "tembusan_1": "Inspektorat", "lain": 1}
    assert form.clean(data) == {"keputusan": "arsipkan", "alasan_arsip": "Ganda", "tembusan_1": "Inspektorat"}


def test_defaults_are_not_filled_in(make_form: Any) -> None:
    form = make_form({"sifat": {"enum": ["biasa", "rahasia"], "default": "biasa"}})
    assert form.clean({}) == {}


def test_not_an_object_raises_validation_error(aduan: Form) -> None:
    with pytest.raises(FormValidationError) as caught:
        aduan.clean([])  # type: ignore[arg-type]
    assert [e.path for e in caught.value.errors] == [""]
