"""Reading submitted forms: types, Indonesian numbers, files, actions, and never trusting the form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from form_widgets_example import ATTACHMENTS, full_data, schema
from werkzeug.datastructures import MultiDict

from forms import FieldError, load_form
from forms.convert import read_integer, read_number
from forms.parse import merge_errors, parse_form

BANTUAN = load_form("bantuan", schema())


def form_of(props: dict[str, Any], **extra: Any) -> Any:
    return load_form("uji", {"type": "object", "properties": props, **extra})


@pytest.mark.parametrize(("text", "locale", "expected"), [
    ("2,5", "id", 2.5), ("2.5", "id", 2.5), ("1.500", "id", 1500), ("1.500.000", "id", 1500000),
    ("1.500,25", "id", 1500.25), ("-0,75", "id", -0.75), (" 12 ", "id", 12), ("1 500 000", "id", 1500000),
    ("1e3", "id", 1000.0), ("1,500", "id", 1.5), ("0.001", "id", 0.001),
    ("1,500", "en", 1500), ("1,500.25", "en", 1500.25), ("2.5", "en", 2.5), ("2,5", "en", 2.5),
    ("1.500", "en", 1.5), ("850000000000", "id", 850000000000),
    ("dua", "id", None), ("", "id", None), ("1.5.0", "id", None), ("1,5,0", "id", None), ("1,500.5", "id", None),
    ("nan", "id", None), ("inf", "id", None), ("1e999", "id", None), ("9" * 41, "id", None), ("0x10", "id", None),
    ("٣", "id", None),  # Arabic-Indic digit
])
def test_numbers_as_people_type_them(text: str, locale: str, expected: float | None) -> None:
    assert read_number(text, locale) == expected


def test_number_box_syntax_is_html() -> None:
    assert read_number("1.500", "id", html=True) == 1.5 and read_number("2,5", "id", html=True) is None


@pytest.mark.parametrize(("text", "expected"), [("1.500", 1500), ("2,0", 2), ("1e3", 1000), ("2,5", None),
                                                ("1e30", None), ("12", 12)])
def test_integers(text: str, expected: int | None) -> None:
    value = read_integer(text, "id")
    assert value == expected and (value is None or type(value) is int)


def test_unreadable_numbers_are_field_errors_in_indonesian() -> None:
    form = form_of({"luas": {"type": "number"}, "jumlah": {"type": "integer"}, "ok": {"type": "string"}})
    parsed = parse_form(form, {"luas": ["dua setengah"], "jumlah": ["2,5"], "ok": ["ya"]})
    assert parsed.data == {"luas": "dua setengah", "jumlah": "2,5", "ok": "ya"}  # shown again as typed
    assert parsed.errors == [
        FieldError("luas", "type", "Harus berupa angka, mis. 2,5 atau 1.500.", "Must be a number, e.g. 2.5 or 1,500."),
        FieldError("jumlah", "type", "Harus berupa angka bulat, mis. 1500.", "Must be a whole number, e.g. 1500."),
    ]


def test_merge_errors_keeps_the_parsers_word_and_form_order() -> None:
    form = form_of({"luas": {"type": "number"}, "nama": {"type": "string"}}, required=["nama", "luas"])
    parsed = parse_form(form, {"luas": ["dua"]})
    merged = merge_errors(form, parsed.errors, form.validate(parsed.data))
    assert [(e.path, e.code, e.message_id) for e in merged] == [
        ("luas", "type", "Harus berupa angka, mis. 2,5 atau 1.500."), ("nama", "required", "Wajib diisi.")]


def test_empty_values_are_left_out_or_null_where_required_and_allowed() -> None:
    props = {"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": ["string", "null"]},
             "d": {"type": "integer"}, "e": {"enum": ["x", "y"]}, "f": {"type": "array", "items": {"enum": ["x"]}},
             "g": {"type": ["integer", "null"]}}
    parsed = parse_form(form_of(props, required=["b", "g"]), {k: [""] for k in props})
    assert parsed.data == {"g": None} and parsed.errors == []


def test_checkbox_presence() -> None:
    form = form_of({"ok": {"type": "boolean"}, "setuju": {"type": "boolean"}, "tidak": {"type": "boolean"}})
    assert parse_form(form, {"ok": ["true"], "tidak": ["false"]}).data == {"ok": True, "setuju": False,
                                                                            "tidak": False}


def test_unknown_names_are_ignored() -> None:
    values = {"nama": ["Budi"], "admin": ["true"], "barang[0].harga_palsu": ["1"], "nama.x": ["?"],
              "__proto__": ["x"], "_tambah:tidak_ada": ["1"], "_hapus:nama": ["1"]}
    parsed = parse_form(BANTUAN, values)
    assert parsed.action is None and parsed.data["nama"] == "Budi"
    assert parsed.data["barang"] == [{"baru": False}]  # the row exists, the unknown field does not
    assert set(parsed.data) == {"nama", "mendesak", "pernyataan", "barang"}


def test_choices_keep_their_json_type_and_unknown_ones_are_left_to_validation() -> None:
    form = form_of({"tahap": {"enum": [1, 2, None, True]}, "kode": {"type": "array", "items": {"enum": ["1", 1]}}})
    assert parse_form(form, {"tahap": ["2"], "kode": ["1"]}).data == {"tahap": 2, "kode": ["1"]}
    assert parse_form(form, {"tahap": ["true"]}).data == {"tahap": True}
    parsed = parse_form(form, {"tahap": ["99"]})
    assert parsed.data == {"tahap": "99"} and [e.code for e in form.validate(parsed.data)] == ["enum"]


def test_checkbox_lists_are_bounded_and_deduplicated() -> None:
    form = form_of({"sasaran": {"type": "array", "items": {"enum": ["a", "b"]}}})
    assert parse_form(form, {"sasaran": ["b", "a", "b"] * 1000}).data == {"sasaran": ["b", "a"]}


def test_text_is_capped() -> None:
    form = form_of({"pendek": {"type": "string", "maxLength": 10}, "bebas": {"type": "string"}})
    parsed = parse_form(form, {"pendek": ["x" * 10_000], "bebas": ["y" * 200_000]})
    assert len(parsed.data["pendek"]) == 21 and len(parsed.data["bebas"]) == 100_000
    assert [(e.path, e.code) for e in parsed.errors] == [("bebas", "maxLength")]
    assert [e.code for e in form.validate(parsed.data)] == ["maxLength"]  # pendek: still reported


def test_rows_are_capped() -> None:
    values = {f"barang[{i}].nama_barang": [str(i)] for i in range(50)}
    parsed = parse_form(BANTUAN, values)
    assert len(parsed.data["barang"]) == 5  # maxItems
    assert [(e.path, e.code, e.message_id) for e in parsed.errors] == [("barang", "maxItems", "Maksimal 5 item.")]
    free = form_of({"baris": {"type": "array", "items": {"type": "object", "properties": {"a": {"type": "string"}}}}})
    huge = {f"baris[{i}].a": ["x"] for i in range(150)} | {"baris[9999999].a": ["x"]}
    assert len(parse_form(free, huge).data["baris"]) == 100


def test_lines() -> None:
    form = form_of({"kata": {"type": "array", "items": {"type": "string"}},
                    "ukuran": {"type": "array", "items": {"type": "number"}}})
    parsed = parse_form(form, {"kata": ["  sumur \r\n\r\n pompa\r\n"], "ukuran": ["2,5\r\n3\r\nx"]})
    assert parsed.data == {"kata": ["sumur", "pompa"], "ukuran": [2.5, 3, "x"]}
    assert [e.path for e in parsed.errors] == ["ukuran[2]"]


def test_dates_and_times_get_the_tenant_zone() -> None:
    form = form_of({"waktu": {"type": "string", "format": "date-time"}, "jam": {"type": "string", "format": "time"},
                    "tanggal": {"type": "string", "format": "date"}})
    parsed = parse_form(form, {"waktu": ["2026-03-20T09:30"], "jam": ["07:05"], "tanggal": ["2026-03-20"]})
    assert parsed.data == {"waktu": "2026-03-20T09:30:00+07:00", "jam": "07:05:00+07:00", "tanggal": "2026-03-20"}
    assert form.validate(parsed.data) == []
    odd = parse_form(form, {"waktu": ["2026-02-30T09:30"], "jam": ["25:00"]}).data
    assert odd == {"waktu": "2026-02-30T09:30", "jam": "25:00"}  # left as typed: validation reports the format
    assert {e.code for e in form.validate(odd)} == {"format"}


@dataclass
class Upload:
    """Stands in for werkzeug's FileStorage: an empty file box arrives with no file name."""

    filename: str


def test_new_files_are_returned_and_attached_by_the_caller() -> None:
    data = full_data()
    values = MultiDict([("proposal", "lmp-101"), ("barang[0]", ""), ("barang[0].nama_barang", "Pompa"),
                        ("barang[1]", ""), ("barang[1].nama_barang", "Pipa")])
    files = MultiDict([("proposal", Upload("")), ("barang[1].brosur", Upload("brosur.pdf")),
                       ("foto_lokasi", Upload("lokasi.png"))])
    parsed = parse_form(BANTUAN, values, files, attachments=ATTACHMENTS, current=data)
    assert parsed.files == {"foto_lokasi": files["foto_lokasi"], "barang[1].brosur": files["barang[1].brosur"]}
    assert parsed.data["proposal"] == "lmp-101"  # no new file: the current one is kept
    for path, attachment_id in {"foto_lokasi": "lmp-201", "barang[1].brosur": "lmp-202"}.items():
        parsed.attach(path, attachment_id)
    assert parsed.data["foto_lokasi"] == "lmp-201" and parsed.data["barang"][1]["brosur"] == "lmp-202"


def test_forged_or_detached_attachments_are_dropped() -> None:
    form = form_of({"surat": {"type": "string", "format": "lintas-lampiran"},
                    "foto": {"type": "string", "format": "lintas-lampiran"},
                    "ktp": {"type": "string", "format": "lintas-lampiran"}})
    values = {"surat": ["lmp-999"], "foto": ["lmp-1"], "_lepas:foto": ["true"], "ktp": ["../../etc/passwd"]}
    assert parse_form(form, values, attachments={"lmp-1", "lmp-2"}).data == {}
    assert parse_form(form, {"surat": ["lmp-2"]}, attachments={"lmp-2"}).data == {"surat": "lmp-2"}


def test_read_only_values_come_from_the_stored_data() -> None:
    form = form_of({"nomor": {"type": "string", "readOnly": True}, "catatan": {"type": "string"}})
    parsed = parse_form(form, {"nomor": ["PALSU"], "catatan": ["ok"]}, current={"nomor": "001/2026"})
    assert parsed.data == {"nomor": "001/2026", "catatan": "ok"}
    assert parse_form(form, {"nomor": ["PALSU"]}).data == {}


def test_prefix_and_only_one_action() -> None:
    values = {"isian-nama": ["Budi"], "nama": ["bukan ini"], "isian-_hapus:barang[0]": ["1"],
              "isian-_tambah:barang": ["1"], "isian-barang[0]": [""], "isian-barang[1]": [""],
              "isian-barang[1].nama_barang": ["B"]}
    parsed = parse_form(BANTUAN, values, prefix="isian-")
    assert parsed.data["nama"] == "Budi" and parsed.action == "hapus:barang[0]"
    assert parsed.data["barang"] == [{"nama_barang": "B", "baru": False}]


def test_add_beyond_the_limit_still_reports_the_action() -> None:
    values = {f"barang[{i}].nama_barang": ["x"] for i in range(5)} | {"_tambah:barang": ["1"]}
    parsed = parse_form(BANTUAN, values)
    assert parsed.action == "tambah:barang" and len(parsed.data["barang"]) == 5
