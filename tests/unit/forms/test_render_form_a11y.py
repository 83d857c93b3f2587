"""Accessibility of rendered forms: labels, ids, aria links, required text, error summary, escaping."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from bundle_samples import BUNDLE_FORMS
from form_submit import controls, parse_html
from form_widgets_example import ATTACHMENTS, full_data, schema
from lxml.html import HtmlElement

from forms import FieldError, Form, load_form
from forms.render import render_form

FIELD_PATHS = ["nama", "nik", "kategori", "prioritas", "pernah_menerima", "mendesak", "sasaran", "proposal",
               "kata_kunci", "alamat", "alamat.jalan", "barang", "barang[1]", "barang[1].jumlah", "barang[0].brosur",
               "pernyataan", "jumlah_unit", "waktu_survei"]


def error(path: str, message: str = "Isian tidak valid.") -> FieldError:
    return FieldError(path, "x", message, "Invalid value.")


def in_template(node: HtmlElement) -> bool:
    return any(a.tag == "template" for a in node.iterancestors())


def assert_accessible(html: str) -> HtmlElement:
    """Rules every rendered form must meet, checked on the parsed HTML."""
    doc = parse_html(html)
    ids = Counter(e.get("id") for e in doc.iter() if e.get("id") is not None)
    assert [i for i, n in ids.items() if n > 1] == [], "duplicate ids"
    labels = Counter(lab.get("for") for lab in doc.iter("label"))
    for node in controls(doc):
        kind = node.get("type", "")
        if kind in ("hidden", "submit") or node.tag == "button":
            continue
        assert node.get("id") and labels[node.get("id")] == 1, f"{node.get('name')} needs exactly one label"
    for node in doc.iter():
        for ref in (node.get("aria-describedby") or "").split():
            assert ref in ids, f"aria-describedby points at missing {ref}"
        if node.get("aria-invalid") == "true":
            holder = node if node.get("aria-describedby") else next(
                (a for a in node.iterancestors("fieldset") if a.get("aria-describedby")), None)
            assert holder is not None and any(r.endswith(":galat") for r in holder.get("aria-describedby").split())
    for link in doc.xpath("//div[contains(@class,'lintas-ringkasan-galat')]//a"):
        assert link.get("href")[1:] in ids
    return doc


@pytest.mark.parametrize(("process", "form_id", "form"), BUNDLE_FORMS, ids=[f"{p}/{f}" for p, f, _ in BUNDLE_FORMS])
@pytest.mark.parametrize("locale", ["id", "en"])
def test_bundle_forms_are_accessible(process: str, form_id: str, form: Form, locale: str) -> None:
    assert_accessible(render_form(form, locale=locale))
    doc = assert_accessible(render_form(form, {}, form.validate({}), locale=locale))
    required = [f for f in form.fields() if f.required]
    assert len(doc.xpath("//span[@class='lintas-wajib']")) == len(required)


@pytest.mark.parametrize("locale", ["id", "en"])
def test_every_widget_with_errors_everywhere(locale: str) -> None:
    form = load_form("bantuan", schema())
    html = render_form(form, full_data(), [error(p) for p in FIELD_PATHS], locale=locale, attachments=ATTACHMENTS)
    doc = assert_accessible(html)
    links = doc.xpath("//div[@class='lintas-ringkasan-galat']//a")
    assert len(links) == len(FIELD_PATHS)
    targets = [a.get("href") for a in links]
    # Radios and checkbox groups link to their first option, groups to their fieldset.
    assert targets[:4] == ["#f-nama", "#f-nik", "#f-kategori", "#f-prioritas:0"]
    assert "#f-barang[1].jumlah" in targets and "#f-barang[1]" in targets and "#f-alamat" in targets


def test_text_field_with_error_and_help() -> None:
    form = load_form("bantuan", schema())
    doc = parse_html(render_form(form, {"nama": "<b>x</b>"}, [error("nama", "Wajib diisi.")]))
    box = doc.get_element_by_id("f-nama")
    assert box.get("aria-invalid") == "true" and box.get("aria-required") == "true"
    assert box.get("aria-describedby") == "f-nama:bantuan f-nama:galat"
    assert doc.get_element_by_id("f-nama:bantuan").text_content() == "Sesuai KTP."
    assert doc.get_element_by_id("f-nama:galat").text_content() == "Kesalahan: Wajib diisi."
    label = doc.xpath("//label[@for='f-nama']")[0]
    assert label.text_content() == "Nama pemohon (wajib)"  # required said in words, not colour
    summary = doc.xpath("//div[@class='lintas-ringkasan-galat']")[0]
    assert summary.get("role") == "alert" and summary.xpath("h2")[0].text_content() == "Terdapat kesalahan"
    assert summary.xpath(".//a")[0].text_content() == "Nama pemohon: Wajib diisi."
    assert box.get("value") == "<b>x</b>"


def test_no_summary_without_errors_and_no_invalid_marks() -> None:
    html = render_form(load_form("bantuan", schema()), full_data(), attachments=ATTACHMENTS)
    assert "lintas-ringkasan-galat" not in html and "aria-invalid" not in html


def test_errors_on_unrendered_paths_still_reach_the_summary() -> None:
    form = load_form("bantuan", schema())
    errors = [error("", "Data formulir harus berupa objek."), error("barang[0].tidak_dikenal", "Isian tidak dikenal.")]
    doc = parse_html(render_form(form, full_data(), errors, attachments=ATTACHMENTS))
    items = doc.xpath("//div[@class='lintas-ringkasan-galat']//li")
    assert items[0].text_content() == "Data formulir harus berupa objek." and not items[0].xpath("a")
    # The unknown field's error links to the row it was sent in.
    assert items[1].xpath("a/@href") == ["#f-barang[0]"]
    assert items[1].text_content() == "Barang yang diusulkan › Barang ke-1: Isian tidak dikenal."
    assert doc.get_element_by_id("f-barang[0]:galat").text_content() == "Kesalahan: Isian tidak dikenal."


def test_english_labels_with_indonesian_fallback() -> None:
    form = load_form("bantuan", schema())
    doc = parse_html(render_form(form, None, [error("nama", "Wajib diisi.")], locale="en"))
    assert doc.xpath("//label[@for='f-nama']")[0].text_content() == "Applicant name (required)"
    assert doc.get_element_by_id("f-nama:bantuan").text_content() == "As on the identity card."
    assert doc.get_element_by_id("f-nama:galat").text_content() == "Error: Invalid value."
    assert doc.xpath("//label[@for='f-nik']")[0].text_content() == "NIK pemohon (required)"  # no x-en: Indonesian
    options = [o.text_content() for o in doc.get_element_by_id("f-kategori").iter("option")]
    assert options[:4] == ["— Choose —", "Clean water", "Sanitation", "Jalan lingkungan"]
    assert doc.xpath("//h2")[0].text_content() == "There is a problem"


def test_unknown_locale_falls_back_to_indonesian() -> None:
    html = render_form(load_form("bantuan", schema()), locale="fr")
    assert "(wajib)" in html and "Tambah baris" in html


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_everything_from_schema_and_data_is_escaped() -> None:
    props: dict[str, Any] = {
        "judul": {"type": "string", "title": HOSTILE, "description": HOSTILE, "x-en": {"title": HOSTILE}},
        "pilih": {"type": "string", "oneOf": [{"const": HOSTILE, "title": HOSTILE}, {"const": "b", "title": "B"},
                                              {"const": "c"}, {"const": "d"}, {"const": "e"}]},
        "radio": {"type": "string", "enum": [HOSTILE, "b"]},
        "berkas": {"type": "string", "format": "lintas-lampiran", "contentMediaType": HOSTILE},
        "baris": {"type": "array", "title": HOSTILE, "items": {"type": "object", "title": HOSTILE,
                                                              "properties": {"isi": {"type": "string"}}}},
    }
    form = load_form("jahat", {"type": "object", "title": HOSTILE, "properties": props, "required": ["judul"]})
    data = {"judul": HOSTILE, "pilih": HOSTILE, "radio": HOSTILE, "berkas": "lmp-1", "baris": [{"isi": HOSTILE}]}
    for locale in ("id", "en"):
        errors = [FieldError("judul", "x", HOSTILE, HOSTILE), FieldError("baris[0].isi", "x", HOSTILE, HOSTILE)]
        html = render_form(form, data, errors, locale=locale,
                           prefix='x"><script>', attachments={"lmp-1": HOSTILE}, attachment_url=lambda i: HOSTILE)
        doc = parse_html(html)
        assert doc.xpath("//script | //img | //*[@onerror]") == []
        assert HOSTILE in doc.get_element_by_id("f-x%22%3E%3Cscript%3Ejudul:galat").text_content()
        assert doc.xpath("//a[@class='lintas-lampiran']")[0].text_content() == HOSTILE
