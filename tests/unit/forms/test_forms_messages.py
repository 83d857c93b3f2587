"""Messages that need more than the keyword: missing and unknown fields, options, custom wording."""

from __future__ import annotations

from typing import Any

from forms import FieldError, Form


def test_required_is_reported_at_the_missing_field(aduan: Form) -> None:
    assert aduan.validate({"keputusan": "tunda", "catatan": "Mohon lengkapi lokasi kejadian."}) == [
        FieldError("tanggal_kejadian", "required", "Wajib diisi.", "This field is required."),
    ]


def test_empty_form_lists_every_required_field_in_form_order(aduan: Form) -> None:
    assert [(e.path, e.code) for e in aduan.validate({})] == [
        ("keputusan", "required"),
        ("catatan", "required"),
        ("tanggal_kejadian", "required"),
    ]


def test_conditional_required(aduan: Form, valid_data: dict[str, Any]) -> None:
    valid_data["keputusan"] = "arsipkan"
    assert aduan.validate(valid_data) == [
        FieldError("alasan_arsip", "required", "Wajib diisi.", "This field is required."),
    ]


def test_unknown_fields_one_error_each_at_their_own_path(aduan: Form, valid_data: dict[str, Any]) -> None:
    valid_data.update(nomor_hp="0812", alamat="Jl. Merdeka")
    assert aduan.validate(valid_data) == [
        FieldError("alamat", "additionalProperties", "Isian tidak dikenal: alamat.", "Unknown field: alamat."),
        FieldError("nomor_hp", "additionalProperties", "Isian tidak dikenal: nomor_hp.", "Unknown field: nomor_hp."),
    ]


def test_pattern_properties_are_not_unknown(make_form: Any) -> None:
    form = make_form({}, patternProperties={"^tembusan_[0-9]+$": {"type": "string"}}, additionalProperties=False)
    assert form.validate({"tembusan_1": "Inspektorat"}) == []
    assert [e.path for e in form.validate({"tembusan_x": "Inspektorat"})] == ["tembusan_x"]


def test_unevaluated_properties(make_form: Any) -> None:
    form = make_form({}, allOf=[{"properties": {"nomor_surat": {"type": "string"}}}], unevaluatedProperties=False)
    assert form.validate({"nomor_surat": "000.8.3.3/15/OR"}) == []
    assert form.validate({"nomor_surat": "1", "perihal": "x", "sifat": "biasa"}) == [
        FieldError("perihal", "unevaluatedProperties", "Isian tidak dikenal: perihal.", "Unknown field: perihal."),
        FieldError("sifat", "unevaluatedProperties", "Isian tidak dikenal: sifat.", "Unknown field: sifat."),
    ]


def test_dependent_required_names_the_trigger(make_form: Any) -> None:
    form = make_form(
        {"nomor_surat": {"type": "string", "title": "Nomor Surat"}, "tanggal_surat": {"type": "string"}},
        dependentRequired={"nomor_surat": ["tanggal_surat"]},
    )
    assert form.validate({"nomor_surat": "100/12/2026"}) == [
        FieldError(
            "tanggal_surat",
            "dependentRequired",
            "Wajib diisi jika Nomor Surat diisi.",
            "Required when Nomor Surat is filled in.",
        ),
    ]


def test_labelled_enum_lists_labels(aduan: Form, valid_data: dict[str, Any]) -> None:
    valid_data["tingkat"] = "sedang"
    assert aduan.validate(valid_data) == [
        FieldError("tingkat", "oneOf", "Pilih salah satu: Ringan, Berat.", "Choose one of: Ringan, Berat."),
    ]


def test_any_of_required_names_the_fields(make_form: Any) -> None:
    form = make_form(
        {
            "nik": {"type": "string", "title": "NIK"},
            "nomor_paspor": {"type": "string", "title": "Nomor Paspor"},
        },
        anyOf=[{"required": ["nik"]}, {"required": ["nomor_paspor"]}],
    )
    assert form.validate({}) == [
        FieldError("", "anyOf", "Isi salah satu: NIK, Nomor Paspor.", "Fill in one of: NIK, Nomor Paspor."),
    ]


def test_optional_date_explains_the_date_not_the_options(make_form: Any) -> None:
    form = make_form({"tanggal_selesai": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}})
    assert form.validate({"tanggal_selesai": None}) == []
    assert form.validate({"tanggal_selesai": "31-03-2026"}) == [
        FieldError(
            "tanggal_selesai",
            "format",
            "Tanggal tidak valid (format TTTT-BB-HH).",
            "Not a valid date (YYYY-MM-DD).",
        ),
    ]


def test_discriminated_options_explain_the_matching_one(make_form: Any) -> None:
    pemohon = {
        "oneOf": [
            {
                "type": "object",
                "required": ["jenis", "nik"],
                "properties": {"jenis": {"const": "perorangan"}, "nik": {"type": "string", "format": "nik"}},
            },
            {
                "type": "object",
                "required": ["jenis", "nib"],
                "properties": {"jenis": {"const": "badan_usaha"}, "nib": {"type": "string", "minLength": 13}},
            },
        ]
    }
    form = make_form({"pemohon": pemohon})
    assert form.validate({"pemohon": {"jenis": "badan_usaha"}}) == [
        FieldError("pemohon.nib", "required", "Wajib diisi.", "This field is required."),
    ]


class TestCustomMessages:
    def test_field_override_for_pattern_and_required(self, make_form: Any) -> None:
        nomor = {
            "type": "string",
            "pattern": "^[0-9]{3}(\\.[0-9]+)*/[0-9]+/[A-Z]+$",
            "x-messages": {
                "pattern": {"id": "Contoh nomor: 000.8.3.3/15/OR.", "en": "Example number: 000.8.3.3/15/OR."},
                "required": {"id": "Nomor surat belum diisi.", "en": "The letter number is missing."},
            },
        }
        form = make_form({"nomor_surat": nomor}, required=["nomor_surat"])
        assert form.validate({}) == [
            FieldError("nomor_surat", "required", "Nomor surat belum diisi.", "The letter number is missing."),
        ]
        assert form.validate({"nomor_surat": "15/OR"}) == [
            FieldError("nomor_surat", "pattern", "Contoh nomor: 000.8.3.3/15/OR.", "Example number: 000.8.3.3/15/OR."),
        ]

    def test_english_may_be_left_out(self, make_form: Any) -> None:
        form = make_form(
            {
                "catatan": {
                    "type": "string",
                    "minLength": 10,
                    "x-messages": {"minLength": {"id": "Tulis catatan yang jelas."}},
                }
            }
        )
        assert form.validate({"catatan": "ok"}) == [
            FieldError("catatan", "minLength", "Tulis catatan yang jelas.", "At least 10 characters."),
        ]

    def test_use_site_wins_over_definition(self, make_form: Any) -> None:
        defs = {
            "nik": {
                "type": "string",
                "format": "nik",
                "x-messages": {"format": {"id": "NIK salah.", "en": "Wrong NIK."}},
            }
        }
        form = make_form(
            {
                "nik_pelapor": {
                    "$ref": "#/$defs/nik",
                    "x-messages": {"format": {"id": "NIK pelapor salah.", "en": "Wrong reporter NIK."}},
                },
                "nik_saksi": {"$ref": "#/$defs/nik"},
            },
            **{"$defs": defs},
        )
        assert [(e.path, e.message_id) for e in form.validate({"nik_pelapor": "1", "nik_saksi": "2"})] == [
            ("nik_pelapor", "NIK pelapor salah."),
            ("nik_saksi", "NIK salah."),
        ]

    def test_parent_override_for_unknown_fields(self, make_form: Any) -> None:
        form = make_form(
            {"a": {"type": "string"}},
            additionalProperties=False,
            **{
                "x-messages": {
                    "additionalProperties": {
                        "id": "Isian ini tidak ada di formulir.",
                        "en": "Not on this form.",
                    }
                }
            },
        )
        assert form.validate({"b": 1}) == [
            FieldError("b", "additionalProperties", "Isian ini tidak ada di formulir.", "Not on this form."),
        ]


class TestMoreKeywords:
    def test_property_names_reported_at_the_key(self, make_form: Any) -> None:
        form = make_form({}, propertyNames={"pattern": "^[a-z_]+$"})
        assert form.validate({"NomorSurat": "1"}) == [
            FieldError(
                "NomorSurat", "propertyNames", "Nama isian tidak valid: NomorSurat.", "Invalid field name: NomorSurat."
            ),
        ]

    def test_dependent_schemas(self, make_form: Any) -> None:
        form = make_form(
            {"sudah_bayar": {"type": "boolean"}, "nomor_kuitansi": {"type": "string"}},
            dependentSchemas={"sudah_bayar": {"required": ["nomor_kuitansi"]}},
        )
        assert [(e.path, e.code) for e in form.validate({"sudah_bayar": True})] == [("nomor_kuitansi", "required")]

    def test_if_then_else(self, make_form: Any) -> None:
        # Uji KIR: a failed test needs repair notes.
        form = make_form(
            {"hasil": {"enum": ["lulus", "tidak_lulus"]}, "catatan_perbaikan": {"type": "string"}},
            **{
                "if": {"properties": {"hasil": {"const": "lulus"}}},
                "else": {"required": ["catatan_perbaikan"], "properties": {"catatan_perbaikan": {"minLength": 10}}},
            },
        )
        assert form.validate({"hasil": "lulus"}) == []
        assert [(e.path, e.code) for e in form.validate({"hasil": "tidak_lulus"})] == [
            ("catatan_perbaikan", "required")
        ]
        assert [
            (e.path, e.message_id) for e in form.validate({"hasil": "tidak_lulus", "catatan_perbaikan": "rem"})
        ] == [("catatan_perbaikan", "Minimal 10 karakter.")]

    def test_unevaluated_properties_with_a_schema(self, make_form: Any) -> None:
        form = make_form({"a": {"type": "string"}}, unevaluatedProperties={"type": "string"})
        assert form.validate({"a": "x", "b": 1, "c": "ok"}) == [
            FieldError("b", "unevaluatedProperties", "Isian tambahan tidak valid.", "Additional field is not valid."),
        ]

    def test_forbidden_tuple_position(self, make_form: Any) -> None:
        form = make_form({"kode": {"type": "array", "prefixItems": [{"type": "string"}, False]}})
        assert [(e.path, e.code) for e in form.validate({"kode": ["x", "y"]})] == [("kode[1]", "false")]

    def test_labelled_enum_in_a_list(self, make_form: Any) -> None:
        options = [{"const": "sekda", "title": "Sekretaris Daerah"}, {"const": "inspektorat", "title": "Inspektorat"}]
        form = make_form({"tembusan": {"type": "array", "items": {"oneOf": options}}})
        assert form.validate({"tembusan": ["sekda", "bupati"]}) == [
            FieldError(
                "tembusan[1]",
                "oneOf",
                "Pilih salah satu: Sekretaris Daerah, Inspektorat.",
                "Choose one of: Sekretaris Daerah, Inspektorat.",
            ),
        ]
