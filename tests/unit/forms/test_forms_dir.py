"""load_forms_dir: every form of a bundle folder, all problems reported together."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from forms import FormNotFound, FormSchemaError, load_forms_dir


def write(folder: Path, name: str, content: Any) -> None:
    text = content if isinstance(content, str) else json.dumps(content)
    (folder / name).write_text(text, encoding="utf-8")


def test_loads_every_json_file_by_stem(tmp_path: Path, aduan_schema: dict[str, Any]) -> None:
    write(tmp_path, "verifikasi-aduan.json", aduan_schema)
    write(tmp_path, "tindak_lanjut.json", {"type": "object", "title": "Tindak Lanjut"})
    write(tmp_path, "README.md", "# bukan formulir")
    write(tmp_path, ".#verifikasi-aduan.json", "editor lock file")
    (tmp_path / "arsip").mkdir()
    write(tmp_path / "arsip", "lama.json", "{ rusak")
    forms = load_forms_dir(tmp_path)
    assert sorted(forms) == ["tindak_lanjut", "verifikasi-aduan"]
    assert forms["tindak_lanjut"].title == "Tindak Lanjut"
    assert forms["verifikasi-aduan"].id == "verifikasi-aduan"


def test_missing_form_raises_form_not_found(tmp_path: Path) -> None:
    write(tmp_path, "a.json", {"type": "object"})
    forms = load_forms_dir(str(tmp_path))
    with pytest.raises(FormNotFound) as caught:
        forms["disposisi"]
    assert caught.value.form_id == "disposisi"
    assert str(caught.value) == "Formulir 'disposisi' tidak ditemukan (form 'disposisi' not found)"
    assert isinstance(caught.value, KeyError)
    assert forms.get("disposisi") is None


def test_problems_of_all_files_are_collected(tmp_path: Path) -> None:
    write(tmp_path, "baik.json", {"type": "object"})
    write(tmp_path, "rusak.json", '{"type": "object",')
    write(
        tmp_path,
        "jarak_jauh.json",
        {
            "type": "object",
            "properties": {"a": {"$ref": "https://x.go.id/a"}},
            "$schema": "http://json-schema.org/draft-07/schema#",
        },
    )
    write(tmp_path, "Huruf_Besar.json", {"type": "object"})
    with pytest.raises(FormSchemaError) as caught:
        load_forms_dir(tmp_path)
    error = caught.value
    assert error.form_id == str(tmp_path)
    assert sorted(error.problems_by_form) == ["Huruf_Besar", "jarak_jauh", "rusak"]
    assert len(error.problems_by_form["jarak_jauh"]) == 2
    assert len(error.problems) == 4
    assert error.problems[0].startswith("Huruf_Besar.json: Id formulir tidak valid")
    assert "(form schema" in str(error) and "4 problems" in str(error)


def test_oversized_file_is_not_read(tmp_path: Path) -> None:
    write(tmp_path, "besar.json", " " * (256 * 1024 + 1) + "{}")
    with pytest.raises(FormSchemaError) as caught:
        load_forms_dir(tmp_path)
    assert caught.value.problems == ["besar.json: Ukuran skema melebihi 256 KB (schema is larger than 256 KB)"]


def test_missing_folder_holds_no_forms(tmp_path: Path) -> None:
    assert load_forms_dir(tmp_path / "forms") == {}


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    write(tmp_path, "a.json", {"type": "object"})
    with pytest.raises(FormSchemaError):
        load_forms_dir(tmp_path / "a.json")
