"""Loading form schemas: what is accepted, what is refused, and that every problem is reported."""

from __future__ import annotations

import json
import socket
import urllib.request
from typing import Any

import pytest

from forms import Form, FormError, FormSchemaError, content_hash, load_form

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def problems_of(form_id: str, source: Any) -> list[str]:
    with pytest.raises(FormSchemaError) as caught:
        load_form(form_id, source)
    assert caught.value.form_id == form_id
    return caught.value.problems


def minimal(**extra: Any) -> dict[str, Any]:
    return {"type": "object", "properties": {"catatan": {"type": "string"}}, **extra}


class TestAccepted:
    def test_dict_source(self, aduan_schema: dict[str, Any]) -> None:
        form = load_form("verifikasi-aduan", aduan_schema)
        assert form.id == "verifikasi-aduan"
        assert form.title == "Verifikasi Aduan"
        assert form.description.startswith("Diisi admin penghubung")
        assert form.schema == aduan_schema
        assert len(form.content_hash) == 64

    def test_text_and_bytes_give_the_same_form(self, aduan_schema: dict[str, Any]) -> None:
        text = json.dumps(aduan_schema, indent=2)
        from_text = load_form("verifikasi-aduan", text)
        from_bytes = load_form("verifikasi-aduan", "\ufeff".encode() + text.encode())  # with a BOM
        assert from_text == from_bytes == load_form("verifikasi-aduan", aduan_schema)

    def test_content_hash_ignores_key_order_and_whitespace(self) -> None:
        a = load_form("a", '{"type": "object", "title": "Surat Masuk"}')
        b = load_form("a", '{"title":"Surat Masuk","type":"object"}')
        assert a.content_hash == b.content_hash == content_hash({"title": "Surat Masuk", "type": "object"})
        c = load_form("a", {"title": "Surat Keluar", "type": "object"})
        assert c.content_hash != a.content_hash

    def test_schema_is_a_private_copy(self, aduan_schema: dict[str, Any]) -> None:
        form = load_form("verifikasi-aduan", aduan_schema)
        aduan_schema["properties"]["catatan"]["minLength"] = 0
        assert form.schema["properties"]["catatan"]["minLength"] == 10

    def test_title_defaults_to_readable_id(self) -> None:
        assert load_form("disposisi_surat-masuk", minimal()).title == "Disposisi surat masuk"

    def test_dialect_with_trailing_hash_and_root_id(self) -> None:
        load_form("a", minimal(**{"$schema": DIALECT + "#", "$id": "https://lintas.example/forms/a"}))

    def test_local_refs(self) -> None:
        schema = {
            "type": "object",
            "$defs": {"nik": {"type": "string", "format": "nik"}},
            "properties": {"nik": {"$ref": "#/$defs/nik"}, "salinan": {"$ref": "#/properties/nik"}},
        }
        load_form("a", schema)

    def test_form_error_string_has_both_languages(self) -> None:
        error = FormError("Wajib diisi", "required")
        assert str(error) == "Wajib diisi (required)"


class TestRefused:
    def test_bad_json_reports_line_and_column(self) -> None:
        [problem] = problems_of("a", '{"type": "object",\n "properties": }')
        assert "Bukan JSON yang valid: baris 2 kolom" in problem
        assert "(not valid JSON: line 2 column" in problem

    @pytest.mark.parametrize("source", ["[]", '"teks"', "42", b"null"])
    def test_not_an_object(self, source: Any) -> None:
        assert problems_of("a", source) == ["Skema harus berupa objek JSON (schema must be a JSON object)"]

    def test_not_utf8(self) -> None:
        assert problems_of("a", b'{"title": "\xff"}') == ["Berkas bukan teks UTF-8 (file is not UTF-8 text)"]

    def test_wrong_dialect(self) -> None:
        [problem] = problems_of("a", minimal(**{"$schema": "http://json-schema.org/draft-07/schema#"}))
        assert problem.startswith(f"$schema harus {DIALECT}")

    @pytest.mark.parametrize("top", [{}, {"type": "array"}, {"type": ["object", "null"]}])
    def test_top_level_must_be_an_object_schema(self, top: dict[str, Any]) -> None:
        assert 'Tingkat atas skema harus "type": "object"' in " ".join(problems_of("a", top))

    @pytest.mark.parametrize("bad_id", ["", "Aduan", "-aduan", "aduan form", "a" * 65, "aduan.v2", "adüan"])
    def test_bad_form_id(self, bad_id: str) -> None:
        [problem] = problems_of(bad_id, minimal())
        assert problem.startswith("Id formulir tidak valid")

    def test_good_form_ids(self) -> None:
        for good in ("a", "0", "verifikasi-aduan", "uji_kir_2", "a" * 64):
            assert load_form(good, minimal()).id == good

    def test_meta_schema_failure(self) -> None:
        problems = problems_of("a", minimal(properties={"catatan": {"type": "teks", "minLength": -1}}))
        assert len(problems) == 2
        assert all(p.startswith("Tidak sesuai JSON Schema 2020-12 di /properties/catatan/") for p in problems)
        assert any("minLength" in p for p in problems)

    def test_invalid_regex_reported_once_with_reason(self) -> None:
        [problem] = problems_of("a", minimal(properties={"nomor": {"type": "string", "pattern": "[0-9"}}))
        assert problem.startswith("Pola '[0-9' tidak valid di /properties/nomor: unterminated character set")
        [problem] = problems_of("a", minimal(patternProperties={"[a": {}}))
        assert problem.startswith("Pola '[a' tidak valid di /patternProperties")

    def test_unsupported_format_is_refused_not_ignored(self) -> None:
        [problem] = problems_of("a", minimal(properties={"telepon": {"type": "string", "format": "phone"}}))
        assert "Format 'phone' tidak didukung di /properties/telepon" in problem
        assert "nik" in problem and "date" in problem

    def test_missing_local_ref(self) -> None:
        [problem] = problems_of("a", minimal(properties={"x": {"$ref": "#/$defs/tidak_ada"}}))
        assert problem.startswith("$ref '#/$defs/tidak_ada' di /properties/x tidak ditemukan")

    def test_inner_id(self) -> None:
        schema = minimal(properties={"x": {"$id": "https://contoh.go.id/x", "type": "string"}})
        assert any("$id hanya boleh di tingkat atas" in p for p in problems_of("a", schema))

    def test_duplicate_json_keys(self) -> None:
        [problem] = problems_of("a", '{"type": "object", "title": "A", "title": "B"}')
        assert problem == "Kunci ganda dalam JSON: 'title' (duplicate key in JSON: 'title')"

    def test_nan_is_not_json(self) -> None:
        assert "Bukan JSON yang valid" in problems_of("a", '{"type": "object", "maximum": NaN}')[0]
        assert "bukan JSON" in problems_of("a", {"type": "object", "maximum": float("nan")})[0]

    def test_too_large(self) -> None:
        big = minimal(description="x" * (256 * 1024))
        assert problems_of("a", big) == ["Ukuran skema melebihi 256 KB (schema is larger than 256 KB)"]
        assert problems_of("a", json.dumps(big).encode()) == problems_of("a", big)

    def test_too_deep_does_not_crash(self) -> None:
        deep = '{"type": "object", "not": ' * 5000 + "{}" + "}" * 5000
        assert "terlalu dalam" in problems_of("a", deep)[0]

    @pytest.mark.parametrize(
        ("keyword", "value"),
        [
            ("x-order", "catatan"),
            ("x-order", ["catatan", "catatan"]),
            ("x-order", ["tidak_ada"]),
            ("x-messages", ["Wajib"]),
            ("x-messages", {"required": "Wajib diisi."}),
            ("x-messages", {"required": {"en": "Required"}}),
            ("x-messages", {"required": {"id": "Wajib", "fr": "Requis"}}),
            ("x-widget", "peta"),
            ("x-widget", ["textarea"]),
            ("x-en", "Report"),
            ("x-en", {"title": ""}),
            ("x-en", {"label": "Report"}),
        ],
    )
    def test_malformed_lintas_keywords(self, keyword: str, value: Any) -> None:
        [problem] = problems_of("a", minimal(**{keyword: value}))
        assert problem.startswith(f"{keyword}")

    def test_all_problems_are_collected(self) -> None:
        schema = {
            "$schema": "http://json-schema.org/draft-04/schema#",
            "type": "array",
            "properties": {
                "lokasi": {"$ref": "https://contoh.go.id/lokasi.json"},
                "tanggal": {"type": "string", "format": "tanggal"},
                "jumlah": {"type": "integer", "minimum": "satu"},
            },
        }
        with pytest.raises(FormSchemaError) as caught:
            load_form("Aduan", schema)
        problems = caught.value.problems
        assert len(problems) == 6, problems
        text = str(caught.value)
        assert text.startswith("Skema formulir 'Aduan' tidak dapat dipakai: Id formulir tidak valid")
        assert text.endswith("(form schema 'Aduan' is unusable, 6 problems)")


class TestNoNetwork:
    @pytest.fixture
    def offline(self, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        attempts: list[str] = []

        def refuse(*args: Any, **kwargs: Any) -> Any:
            attempts.append(repr(args))
            raise AssertionError("network access attempted")

        monkeypatch.setattr(socket, "create_connection", refuse)
        monkeypatch.setattr(socket, "getaddrinfo", refuse)
        monkeypatch.setattr(socket.socket, "connect", refuse)
        monkeypatch.setattr(urllib.request, "urlopen", refuse)
        return attempts

    @pytest.mark.parametrize(
        "ref",
        [
            "https://contoh.go.id/skema/alamat.json",
            "http://169.254.169.254/latest",
            "alamat.json#/x",
            "file:///etc/passwd",
            "#alamat",
        ],
    )
    def test_remote_ref_refused_without_fetching(self, offline: list[str], ref: str) -> None:
        schema = minimal(properties={"alamat": {"$ref": ref}})
        [problem] = problems_of("a", schema)
        assert problem.startswith(f"$ref {ref!r} di /properties/alamat ditolak")
        assert offline == []

    def test_remote_dynamic_ref_refused(self, offline: list[str]) -> None:
        [problem] = problems_of("a", minimal(items={"$dynamicRef": "https://contoh.go.id/meta#node"}))
        assert "$dynamicRef" in problem and "ditolak" in problem
        assert offline == []

    def test_hand_built_form_cannot_fetch_either(self, offline: list[str]) -> None:
        schema = minimal(properties={"alamat": {"$ref": "https://contoh.go.id/alamat.json"}})
        form = Form(id="a", title="A", schema=schema, content_hash=content_hash(schema))
        with pytest.raises(Exception, match="contoh.go.id"):
            form.validate({"alamat": "Jl. Merdeka 1"})
        assert offline == []
