"""Where errors are reported and in which order: nested groups, rows, determinism, robustness."""

from __future__ import annotations

import random
from collections import OrderedDict
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from forms import MAX_ERRORS, FieldError, Form


def paths(form: Form, data: Any) -> list[tuple[str, str]]:
    return [(e.path, e.code) for e in form.validate(data)]


def test_valid_data_has_no_errors(aduan: Form, valid_data: dict[str, Any]) -> None:
    assert aduan.validate(valid_data) == []


def test_array_rows_and_required_inside_items(aduan: Form, valid_data: dict[str, Any]) -> None:
    valid_data["lampiran"] = [
        {"nama": "ok.pdf", "jenis": "dokumen"},
        {"jenis": "video", "ukuran_kb": 20000},
        {"nama": "x" * 101, "jenis": "foto", "asal": "WA"},
    ]
    assert paths(aduan, valid_data) == [
        ("lampiran[1].nama", "required"),
        ("lampiran[1].jenis", "enum"),
        ("lampiran[1].ukuran_kb", "maximum"),
        ("lampiran[2].nama", "maxLength"),
        ("lampiran[2].asal", "additionalProperties"),
    ]


def test_array_level_error_comes_before_its_rows(aduan: Form, valid_data: dict[str, Any]) -> None:
    valid_data["lampiran"] = [{"nama": "a", "jenis": "foto"}] * 5 + [{"jenis": "foto"}]
    assert paths(aduan, valid_data) == [("lampiran", "maxItems"), ("lampiran[5].nama", "required")]


def test_nested_object_paths(make_form: Any) -> None:
    alamat = {
        "type": "object",
        "required": ["kelurahan", "rt"],
        "properties": {
            "jalan": {"type": "string"},
            "rt": {"type": "string", "pattern": "^[0-9]{3}$"},
            "kelurahan": {"type": "object", "required": ["kode"], "properties": {"kode": {"type": "string"}}},
        },
    }
    form = make_form({"pelapor": {"type": "object", "properties": {"alamat": alamat}}})
    assert paths(form, {"pelapor": {"alamat": {"rt": "1", "kelurahan": {}}}}) == [
        ("pelapor.alamat.rt", "pattern"),
        ("pelapor.alamat.kelurahan.kode", "required"),
    ]


def test_errors_follow_declared_order_not_data_order(aduan: Form) -> None:
    data = {"lampiran": "x", "tingkat": 1, "tanggal_kejadian": "kemarin", "catatan": 5, "keputusan": "?"}
    expected = [
        ("keputusan", "enum"),
        ("catatan", "type"),
        ("tanggal_kejadian", "format"),
        ("tingkat", "oneOf"),
        ("lampiran", "type"),
    ]
    assert paths(aduan, data) == expected
    items = list(data.items())
    for seed in range(5):
        random.Random(seed).shuffle(items)
        assert paths(aduan, dict(items)) == expected


def test_x_order_decides_error_order(make_form: Any) -> None:
    props = {"perihal": {"type": "string"}, "nomor": {"type": "string"}, "tanggal": {"type": "string"}}
    form = make_form(props, required=list(props), **{"x-order": ["tanggal", "nomor"]})
    assert [e.path for e in form.validate({})] == ["tanggal", "nomor", "perihal"]


def test_whole_form_errors_come_first(make_form: Any) -> None:
    form = make_form({"a": {"type": "string"}}, required=["a"], minProperties=2)
    assert paths(form, {}) == [("", "minProperties"), ("a", "required")]


def test_type_error_comes_before_other_errors_on_the_same_field(make_form: Any) -> None:
    form = make_form({"kode": {"type": "string", "enum": ["A", "B"]}})
    assert paths(form, {"kode": 1}) == [("kode", "type"), ("kode", "enum")]


def test_duplicates_are_removed(make_form: Any) -> None:
    # Both branches of allOf require the same field: one error, not two.
    form = make_form({"nik": {"type": "string"}}, allOf=[{"required": ["nik"]}, {"required": ["nik"]}])
    assert form.validate({}) == [FieldError("nik", "required", "Wajib diisi.", "This field is required.")]


def test_unusual_names_are_quoted(make_form: Any) -> None:
    form = make_form({"no. surat": {"type": "string"}, "tembusan": {"type": "array", "items": {"type": "string"}}})
    assert paths(form, {"no. surat": 1, "tembusan": ["a", 2]}) == [('["no. surat"]', "type"), ("tembusan[1]", "type")]


class TestBadData:
    def test_not_an_object(self, aduan: Form) -> None:
        for data in (None, [], "keputusan=verifikasi", 3, [{"keputusan": "tunda"}]):
            assert aduan.validate(data) == [
                FieldError(
                    "",
                    "type",
                    "Data formulir harus berupa kelompok isian (objek JSON).",
                    "Form data must be a JSON object.",
                )
            ]

    def test_other_mappings_and_tuples_are_accepted(self, aduan: Form, valid_data: dict[str, Any]) -> None:
        valid_data["lampiran"] = tuple(OrderedDict(row) for row in valid_data["lampiran"])
        assert aduan.validate(MappingProxyType(valid_data)) == []

    def test_non_text_keys(self, aduan: Form) -> None:
        assert paths(aduan, {1: "a"}) == [("", "type")]

    def test_deeply_nested_data_does_not_crash(self, make_form: Any) -> None:
        node: dict[str, Any] = {}
        data = node
        for _ in range(10_000):
            node["anak"] = {}
            node = node["anak"]
        form = make_form({"anak": {"$ref": "#"}}, additionalProperties=False)
        [error] = form.validate(data)
        assert error.code == "maxDepth" and error.path.startswith("anak.anak.")
        assert error.message_id == "Data terlalu dalam bertingkat (maksimal 64 tingkat)."

    def test_huge_data_is_capped(self, aduan: Form) -> None:
        data = {f"isian_{i:05}": i for i in range(50_000)}
        errors = aduan.validate(data)
        assert len(errors) == MAX_ERRORS
        assert [e.path for e in errors[:3]] == ["keputusan", "catatan", "tanggal_kejadian"]

    def test_huge_rows_are_capped(self, aduan: Form, valid_data: dict[str, Any]) -> None:
        valid_data["lampiran"] = [{"nama": 1}] * 100_000
        errors = aduan.validate(valid_data)
        assert len(errors) == MAX_ERRORS
        assert errors[0].path == "lampiran"

    def test_odd_values_do_not_raise(self, make_form: Any) -> None:
        form = make_form(
            {
                "jumlah": {"type": "number", "multipleOf": 0.01, "maximum": 10},
                "teks": {"type": "string", "format": "date", "pattern": "^2"},
            }
        )
        for value in (float("nan"), float("-inf"), 10**400, Decimal("1.5"), object(), b"x", {1}, date(2026, 3, 17)):
            assert paths(form, {"jumlah": value, "teks": value}) == [("jumlah", "type"), ("teks", "type")]
        assert paths(form, {"jumlah": 10**300, "teks": "2026-03-17"}) == [("jumlah", "maximum")]
