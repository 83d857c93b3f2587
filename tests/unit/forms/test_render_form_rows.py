"""Repeating groups: rows added and removed with plain submit buttons, and the script template."""

from __future__ import annotations

from typing import Any

from form_submit import fill, parse_html, submit
from hypothesis import given, settings
from hypothesis import strategies as st

from forms import load_form
from forms.parse import parse_form
from forms.render import render_form

PENGADAAN: dict[str, Any] = {
    "type": "object",
    "required": ["barang"],
    "properties": {
        "perihal": {"type": "string", "title": "Perihal"},
        "barang": {
            "type": "array",
            "title": "Daftar barang",
            "maxItems": 3,
            "items": {
                "type": "object",
                "title": "Barang",
                "required": ["nama"],
                "properties": {
                    "nama": {"type": "string", "title": "Nama barang"},
                    "jumlah": {"type": "integer", "title": "Jumlah", "default": 1},
                    "sumber": {"type": "array", "title": "Sumber dana", "items": {
                        "type": "object", "properties": {"kode": {"type": "string", "title": "Kode rekening"}}}},
                },
            },
        },
    },
}
FORM = load_form("pengadaan", PENGADAAN)


def test_no_rows_yet_shows_only_the_add_button() -> None:
    doc = parse_html(render_form(FORM))
    group = doc.get_element_by_id("f-barang")
    assert group.xpath(".//div[@class='lintas-daftar-baris']/*") == []
    assert group.xpath("legend")[0].text_content() == "Daftar barang (wajib)"
    add = group.xpath("button")[0]
    assert (add.get("name"), add.get("type"), add.get("formnovalidate")) == ("_tambah:barang", "submit", "")
    assert add.text_content() == "Tambah baris Barang"  # the hidden words tell which group


def test_add_then_fill_then_remove_without_javascript() -> None:
    # 1. "Tambah baris" on the empty form: the view re-renders with one row holding the defaults.
    parsed = parse_form(FORM, submit(render_form(FORM), press="_tambah:barang"))
    assert (parsed.action, parsed.data) == ("tambah:barang", {"barang": [{"jumlah": 1}]})
    # 2. Fill it in, add another.
    doc = parse_html(render_form(FORM, parsed.data))
    fill(doc, {"barang[0].nama": "Laptop", "barang[0].jumlah": "2", "perihal": "ATK"})
    parsed = parse_form(FORM, submit(doc, press="_tambah:barang"))
    assert parsed.data == {"perihal": "ATK", "barang": [{"nama": "Laptop", "jumlah": 2}, {"jumlah": 1}]}
    # 3. Fill the second row, remove the first.
    doc = parse_html(render_form(FORM, parsed.data))
    fill(doc, {"barang[1].nama": "Printer"})
    parsed = parse_form(FORM, submit(doc, press="_hapus:barang[0]"))
    assert parsed.action == "hapus:barang[0]"
    assert parsed.data == {"perihal": "ATK", "barang": [{"nama": "Printer", "jumlah": 1}]}
    # 4. Submitting for real: no action, data ready for validation.
    parsed = parse_form(FORM, submit(render_form(FORM, parsed.data)))
    assert parsed.action is None and FORM.validate(parsed.data) == []


def test_row_captions_and_remove_buttons() -> None:
    doc = parse_html(render_form(FORM, {"barang": [{"nama": "A"}, {"nama": "B"}]}))
    rows = doc.xpath("//fieldset[@class='lintas-baris']")
    rows = [r for r in rows if not any(a.tag == "template" for a in r.iterancestors())]
    assert [r.get("id") for r in rows] == ["f-barang[0]", "f-barang[1]"]
    assert [r.xpath("legend")[0].text_content() for r in rows] == ["Barang ke-1", "Barang ke-2"]
    assert [r.xpath("button")[-1].text_content() for r in rows] == ["Hapus Barang ke-1", "Hapus Barang ke-2"]
    # The hidden row marker counts a row even when every box in it is empty.
    assert rows[0].xpath("input[@type='hidden']/@name") == ["barang[0]"]


def test_limits_hide_the_buttons() -> None:
    full = parse_html(render_form(FORM, {"barang": [{"nama": str(i)} for i in range(3)]}))  # maxItems 3
    assert full.xpath("//button[@name='_tambah:barang']") == []
    schema = {**PENGADAAN, "properties": {"barang": {**PENGADAAN["properties"]["barang"], "minItems": 1}}}
    doc = parse_html(render_form(load_form("p", schema), {"barang": [{"nama": "A"}]}))
    assert doc.xpath("//button[@name='_hapus:barang[0]']") == []  # cannot go below minItems


def test_default_submit_button_comes_first() -> None:
    # Pressing Enter in a box submits with the first submit button: it must not be a "Hapus".
    doc = parse_html(render_form(FORM, {"barang": [{"nama": "A"}]}))
    first = doc.xpath("//button")[0]
    assert first.get("name") is None and first.get("hidden") is not None and first.get("tabindex") == "-1"
    assert "<button" not in render_form(load_form("x", {"type": "object", "properties": {"a": {"type": "string"}}}))


def test_template_for_scripts() -> None:
    doc = parse_html(render_form(FORM, {"barang": [{"nama": "A"}]}))
    [template] = doc.get_element_by_id("f-barang").xpath("template")
    assert (template.get("data-lintas-slot"), template.get("data-lintas-berikut"),
            template.get("data-lintas-maks")) == ("__baris0__", "1", "3")
    names = template.xpath(".//@name")
    assert names[:3] == ["barang[__baris0__]", "barang[__baris0__].nama", "barang[__baris0__].jumlah"]
    assert "_tambah:barang[__baris0__].sumber" in names and "_hapus:barang[__baris0__]" in names
    # Nested groups inside the template use the next slot for their own rows.
    assert template.xpath(".//template/@data-lintas-slot") == ["__baris1__"]
    assert template.xpath(".//input[@name='barang[__baris0__].jumlah']/@value") == ["1"]


def test_rows_a_script_added_with_gaps_are_renumbered() -> None:
    sent = {"barang[0]": [""], "barang[0].nama": ["A"], "barang[7]": [""], "barang[7].nama": ["B"],
            "barang[3]": [""], "barang[3].jumlah": ["dua"]}
    parsed = parse_form(FORM, sent)
    assert parsed.data == {"barang": [{"nama": "A"}, {"jumlah": "dua"}, {"nama": "B"}]}
    assert [(e.path, e.code) for e in parsed.errors] == [("barang[1].jumlah", "type")]


def test_nested_rows_add_inside_a_row() -> None:
    doc = parse_html(render_form(FORM, {"barang": [{"nama": "A", "sumber": [{"kode": "5.1.02"}]}]}))
    assert doc.xpath("//input[@name='barang[0].sumber[0].kode']/@value") == ["5.1.02"]
    parsed = parse_form(FORM, submit(doc, press="_tambah:barang[0].sumber"))
    assert parsed.action == "tambah:barang[0].sumber"
    assert parsed.data["barang"] == [{"nama": "A", "sumber": [{"kode": "5.1.02"}, {}]}]


@settings(max_examples=60, deadline=None)
@given(names=st.lists(st.text("abcdefghij ", min_size=1, max_size=8).filter(str.strip), min_size=1, max_size=3),
       data=st.data())
def test_removing_any_row_keeps_the_others_in_order(names: list[str], data: st.DataObject) -> None:
    rows = [{"nama": n, "jumlah": i + 1} for i, n in enumerate(names)]
    gone = data.draw(st.integers(0, len(rows) - 1))
    parsed = parse_form(FORM, submit(render_form(FORM, {"barang": rows}), press=f"_hapus:barang[{gone}]"))
    assert parsed.action == f"hapus:barang[{gone}]"
    assert parsed.data == {"barang": rows[:gone] + rows[gone + 1:]}
