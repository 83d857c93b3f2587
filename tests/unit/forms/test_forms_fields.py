"""The field list a renderer will use: order, words, choices, nesting."""

from __future__ import annotations

from typing import Any

from forms import Choice, Field, Form


def by_name(fields: tuple[Field, ...]) -> dict[str, Field]:
    return {f.name: f for f in fields}


def test_fields_in_declared_order_with_words(aduan: Form) -> None:
    fields = aduan.fields()
    assert [f.name for f in fields] == [
        "keputusan",
        "catatan",
        "tanggal_kejadian",
        "tingkat",
        "alasan_arsip",
        "lampiran",
    ]
    catatan = by_name(fields)["catatan"]
    assert (catatan.title, catatan.description) == ("Catatan", "Alasan keputusan, dibaca oleh pelapor.")
    assert (catatan.type, catatan.required, catatan.widget) == ("string", True, "textarea")
    assert catatan.schema["maxLength"] == 2000
    assert by_name(fields)["tanggal_kejadian"].format == "date"
    # Required only when archiving: not marked as always required.
    assert by_name(fields)["alasan_arsip"].required is False


def test_plain_enum(aduan: Form) -> None:
    keputusan = by_name(aduan.fields())["keputusan"]
    assert keputusan.enum == ("verifikasi", "tunda", "bukan_wewenang", "arsipkan")
    assert keputusan.enum_labels == keputusan.enum


def test_labelled_enum(aduan: Form) -> None:
    tingkat = by_name(aduan.fields())["tingkat"]
    assert tingkat.choices == (Choice("ringan", "Ringan"), Choice("berat", "Berat"))
    assert tingkat.type == "string"  # inferred from the values


def test_array_of_objects_has_item_fields(aduan: Form) -> None:
    lampiran = by_name(aduan.fields())["lampiran"]
    assert lampiran.type == "array"
    assert [(f.name, f.title, f.required) for f in lampiran.item_fields] == [
        ("nama", "Nama Berkas", True),
        ("jenis", "Jenis", True),
        ("ukuran_kb", "Ukuran (KB)", False),
    ]
    assert by_name(lampiran.item_fields)["jenis"].enum == ("foto", "dokumen")


def test_x_order(make_form: Any) -> None:
    props = {"perihal": {"type": "string"}, "nomor": {"type": "string"}, "tanggal": {"type": "string"}}
    form = make_form(props, **{"x-order": ["tanggal", "nomor"]})
    assert [f.name for f in form.fields()] == ["tanggal", "nomor", "perihal"]


def test_nested_object_fields_and_default_titles(make_form: Any) -> None:
    form = make_form(
        {
            "pelapor": {
                "type": "object",
                "required": ["nama_lengkap"],
                "properties": {"nama_lengkap": {"type": "string"}, "no-hp": {"type": "string"}},
            }
        }
    )
    [pelapor] = form.fields()
    assert pelapor.type == "object" and pelapor.item_fields == ()
    assert [(f.title, f.required) for f in pelapor.fields] == [("Nama lengkap", True), ("No hp", False)]


def test_ref_with_words_at_the_use_site(make_form: Any) -> None:
    defs = {"nik": {"type": "string", "format": "nik", "title": "NIK", "description": "16 digit sesuai KTP"}}
    form = make_form({"nik_pelapor": {"$ref": "#/$defs/nik", "title": "NIK Pelapor"}}, **{"$defs": defs})
    [nik] = form.fields()
    assert (nik.title, nik.description, nik.type, nik.format) == ("NIK Pelapor", "16 digit sesuai KTP", "string", "nik")


def test_optional_value_is_unwrapped(make_form: Any) -> None:
    form = make_form(
        {
            "tanggal_selesai": {
                "title": "Tanggal Selesai",
                "anyOf": [{"type": "string", "format": "date"}, {"type": "null"}],
            },
            "keterangan": {"type": ["string", "null"]},
        }
    )
    selesai, keterangan = form.fields()
    assert (selesai.title, selesai.type, selesai.format, selesai.nullable) == (
        "Tanggal Selesai",
        "string",
        "date",
        True,
    )
    assert (keterangan.type, keterangan.nullable) == ("string", True)


def test_multi_select_choices_come_from_items(make_form: Any) -> None:
    form = make_form(
        {"tembusan": {"type": "array", "uniqueItems": True, "items": {"enum": ["Inspektorat", "Sekda", "Bupati"]}}}
    )
    [tembusan] = form.fields()
    assert tembusan.type == "array" and tembusan.enum == ("Inspektorat", "Sekda", "Bupati")


def test_boolean_default_and_read_only(make_form: Any) -> None:
    form = make_form(
        {
            "setuju": {"type": "boolean", "default": False, "title": "Data yang saya isi benar"},
            "nomor_tiket": {"type": "string", "readOnly": True},
        }
    )
    setuju, tiket = form.fields()
    assert (setuju.default, setuju.read_only, tiket.read_only) == (False, False, True)


def test_self_referencing_schema_does_not_unfold_forever(make_form: Any) -> None:
    form = make_form({"nama": {"type": "string"}, "sub_bagian": {"type": "object", "$ref": "#"}})
    depth, fields = 0, form.fields()
    while fields and fields[-1].fields:
        fields, depth = fields[-1].fields, depth + 1
    assert 1 < depth < 20


def test_forbidden_property_is_not_a_field(make_form: Any) -> None:
    form = make_form({"nama": {"type": "string"}, "nomor_tiket": False})
    assert [f.name for f in form.fields()] == ["nama"]
    assert [(e.path, e.code) for e in form.validate({"nomor_tiket": "X"})] == [("nomor_tiket", "false")]


def test_fields_are_cached(aduan: Form) -> None:
    assert aduan.fields() is aduan.fields()
