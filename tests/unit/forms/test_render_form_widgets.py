"""Which control each kind of field gets, and what it shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from form_submit import parse_html
from form_widgets_example import ATTACHMENTS, full_data, schema
from lxml.html import HtmlElement

from forms import load_form
from forms.render import form_description, form_title, needs_multipart, render_form


def one(props: dict[str, Any], data: dict[str, Any] | None = None, **options: Any) -> HtmlElement:
    form = load_form("uji", {"type": "object", "properties": props, **options.pop("extra", {})})
    return parse_html(render_form(form, data, **options))


@pytest.fixture(scope="module")
def doc() -> HtmlElement:
    return parse_html(render_form(load_form("bantuan", schema()), full_data(), attachments=ATTACHMENTS))


def control(doc: HtmlElement, fid: str) -> HtmlElement:
    return doc.get_element_by_id(fid)


@pytest.mark.parametrize(("fid", "tag", "kind"), [
    ("f-nama", "input", "text"),
    ("f-email", "input", "email"),
    ("f-situs", "input", "url"),
    ("f-uraian", "textarea", None),  # maxLength 2000 > 200
    ("f-catatan", "textarea", None),  # x-widget textarea
    ("f-kode_usulan", "input", "text"),  # maxLength 500 but x-widget text
    ("f-tanggal_usulan", "input", "date"),
    ("f-waktu_survei", "input", "datetime-local"),
    ("f-jam_layanan", "input", "time"),
    ("f-jumlah_penerima", "input", "text"),  # numbers are text boxes (see forms/README.md)
    ("f-jumlah_unit", "input", "number"),  # unless x-widget number
    ("f-mendesak", "input", "checkbox"),
    ("f-kategori", "select", None),  # six choices
    ("f-proposal", "input", "file"),
])
def test_control_kinds(doc: HtmlElement, fid: str, tag: str, kind: str | None) -> None:
    node = control(doc, fid)
    assert node.tag == tag and node.get("type") == kind


def test_numbers(doc: HtmlElement) -> None:
    assert control(doc, "f-jumlah_penerima").get("inputmode") == "numeric"
    luas = control(doc, "f-luas_m2")
    assert (luas.get("inputmode"), luas.get("value")) == ("decimal", "2,5")  # Indonesian decimal comma
    unit = control(doc, "f-jumlah_unit")
    assert (unit.get("step"), unit.get("min"), unit.get("max"), unit.get("value")) == ("1", "0", "50", "3")
    english = parse_html(render_form(load_form("bantuan", schema()), full_data(), locale="en"))
    assert control(english, "f-luas_m2").get("value") == "2.5"


def test_number_box_step_follows_multiple_of() -> None:
    doc = one({"tarif": {"type": "number", "x-widget": "number", "multipleOf": 0.5, "minimum": 0}}, {"tarif": 1.5})
    box = control(doc, "f-tarif")
    assert (box.get("step"), box.get("min"), box.get("max"), box.get("value")) == ("0.5", "0", None, "1.5")


def test_radio_buttons_up_to_four_choices(doc: HtmlElement) -> None:
    group = control(doc, "f-prioritas")
    assert group.tag == "fieldset" and group.get("role") == "radiogroup"
    assert group.xpath("legend")[0].text_content() == "Prioritas"
    radios = group.xpath(".//input[@type='radio']")
    assert [(r.get("value"), r.get("checked") is not None) for r in radios] == [
        ("rendah", False), ("sedang", False), ("tinggi", True)]
    assert [doc.xpath(f"//label[@for='{r.get('id')}']")[0].text_content() for r in radios] == [
        "rendah", "sedang", "tinggi"]


def test_radio_hint_with_many_non_text_choices(doc: HtmlElement) -> None:
    radios = control(doc, "f-tahap").xpath(".//input[@type='radio']")
    assert [r.get("value") for r in radios] == ["1", "2", "3", "4", "5", "6"]
    assert [r.get("value") for r in radios if r.get("checked") is not None] == ["2"]


def test_select_hint_and_labelled_choices() -> None:
    choices = [{"const": "ringan", "title": "Ringan"}, {"const": "berat", "title": "Berat"}]
    doc = one({"tingkat": {"type": "string", "oneOf": choices, "x-widget": "select"}}, {"tingkat": "berat"})
    options = control(doc, "f-tingkat").xpath("option")
    assert [(o.get("value"), o.text_content(), o.get("selected") is not None) for o in options] == [
        ("", "— Pilih —", False), ("ringan", "Ringan", False), ("berat", "Berat", True)]


def test_yes_no_radio(doc: HtmlElement) -> None:
    radios = control(doc, "f-pernah_menerima").xpath(".//input")
    labels = [doc.xpath(f"//label[@for='{r.get('id')}']")[0].text_content() for r in radios]
    assert labels == ["Ya", "Tidak"] and [r.get("checked") is not None for r in radios] == [False, True]


def test_checkboxes_for_a_list_of_choices(doc: HtmlElement) -> None:
    group = control(doc, "f-sasaran")
    assert group.tag == "fieldset" and group.get("role") is None
    boxes = group.xpath(".//input[@type='checkbox']")
    assert [(b.get("name"), b.get("value"), b.get("checked") is not None) for b in boxes] == [
        ("sasaran", "lansia", True), ("sasaran", "disabilitas", False), ("sasaran", "anak", True)]


def test_single_checkbox_and_declaration(doc: HtmlElement) -> None:
    box = control(doc, "f-mendesak")
    assert (box.get("value"), box.get("checked")) == ("true", "checked")
    assert doc.xpath("//label[@for='f-mendesak']")[0].text_content() == "Mendesak"  # optional: no marker
    assert doc.xpath("//label[@for='f-pernyataan']")[0].text_content() == (
        "Saya menyatakan data ini benar (wajib dicentang)")


def test_lines_for_a_list_of_plain_values(doc: HtmlElement) -> None:
    assert control(doc, "f-kata_kunci").text == "\nsumur\npompa air"
    assert control(doc, "f-ukuran_m").text == "\n12,5\n3"
    assert "Satu isian per baris." in control(doc, "f-kata_kunci:bantuan").text_content()


def test_textarea_keeps_a_leading_newline() -> None:
    doc = one({"isi": {"type": "string", "x-widget": "textarea"}}, {"isi": "\nbaris dua"})
    assert control(doc, "f-isi").text == "\n\nbaris dua"  # the parser eats exactly one


def test_dates_in_the_tenant_zone() -> None:
    props = {"waktu": {"type": "string", "format": "date-time"}, "jam": {"type": "string", "format": "time"}}
    data = {"waktu": "2026-03-20T02:30:00Z", "jam": "01:15:30Z"}
    wita = dt.timezone(dt.timedelta(hours=8), "WITA")
    doc = one(props, data, zone=wita)
    assert control(doc, "f-waktu").get("value") == "2026-03-20T10:30"
    assert control(doc, "f-jam").get("value") == "09:15:30"
    doc = one(props, {"waktu": "kemarin sore", "jam": "siang"})
    assert (control(doc, "f-waktu").get("value"), control(doc, "f-jam").get("value")) == ("kemarin sore", "siang")


def test_attachment_with_link_and_detach(doc: HtmlElement) -> None:
    current = control(doc, "f-proposal:kini")
    assert current.text_content() == "Lampiran saat ini: proposal-sumur.pdf Pilih berkas untuk menggantinya."
    assert current.xpath(".//span/@data-lintas-lampiran") == ["lmp-101"]
    assert doc.xpath("//input[@type='hidden'][@name='proposal']/@value") == ["lmp-101"]
    upload = control(doc, "f-proposal")
    assert upload.get("accept") == "application/pdf"
    assert upload.get("aria-describedby") == "f-proposal:kini f-proposal:bantuan"
    assert control(doc, "f-proposal:bantuan").text_content() == "Jenis berkas: PDF."
    # Only an optional attachment can be taken off; a required one is replaced.
    assert doc.xpath("//input[@name='_lepas:proposal']") == []
    assert doc.xpath("//input[@name='_lepas:foto_lokasi']/@id") == ["f-foto_lokasi:lepas"]
    assert control(doc, "f-foto_lokasi").get("accept") == "image/png,image/jpeg"

    form = load_form("bantuan", schema())
    linked = parse_html(render_form(form, full_data(), attachments=ATTACHMENTS,
                                    attachment_url=lambda i: f"/lampiran/{i}"))
    assert linked.xpath("//p[@id='f-proposal:kini']/a/@href") == ["/lampiran/lmp-101"]


def test_attachment_without_current_file() -> None:
    doc = one({"surat": {"type": "string", "format": "lintas-lampiran"}}, {}, extra={"required": ["surat"]})
    assert doc.xpath("//input[@type='hidden']") == [] and doc.xpath("//*[@id='f-surat:kini']") == []
    assert control(doc, "f-surat").get("aria-required") == "true"


def test_read_only_fields_are_shown_not_editable() -> None:
    props = {"nomor": {"type": "string", "readOnly": True}, "jenis": {"enum": ["a", "b"], "readOnly": True},
             "banyak": {"enum": ["a", "b", "c", "d", "e"], "readOnly": True},
             "ok": {"type": "boolean", "readOnly": True},
             "berkas": {"type": "string", "format": "lintas-lampiran", "readOnly": True}}
    doc = one(props, {"nomor": "001", "jenis": "b", "banyak": "e", "ok": True, "berkas": "lmp-9"},
              extra={"required": ["nomor"]}, attachments={"lmp-9": "surat.pdf"})
    assert control(doc, "f-nomor").get("readonly") is not None and control(doc, "f-nomor").get("value") == "001"
    assert doc.xpath("//label[@for='f-nomor']")[0].text_content() == "Nomor"  # not "wajib": cannot be changed
    assert all(r.get("disabled") is not None for r in control(doc, "f-jenis").xpath(".//input"))
    assert control(doc, "f-banyak").get("disabled") is not None
    assert control(doc, "f-ok").get("disabled") is not None
    assert doc.xpath("//input[@type='file'] | //input[@type='hidden']") == []
    assert control(doc, "f-berkas:kini").text_content() == "Lampiran saat ini: surat.pdf"


def test_nested_object_is_a_fieldset_with_legend(doc: HtmlElement) -> None:
    group = control(doc, "f-alamat")
    assert group.tag == "fieldset" and group.xpath("legend")[0].text_content() == "Alamat lokasi"
    assert [i.get("name") for i in group.xpath(".//input")] == ["alamat.jalan", "alamat.rt", "alamat.kelurahan"]


def test_defaults_on_a_fresh_form_only() -> None:
    props = {"kota": {"type": "string", "default": "Semarang"}, "ok": {"type": "boolean", "default": True},
             "tingkat": {"enum": ["ringan", "berat"], "default": "berat"},
             "alamat": {"type": "object", "default": {"rt": "001"}, "properties": {"rt": {"type": "string"}}}}
    fresh = one(props)
    assert control(fresh, "f-kota").get("value") == "Semarang" and control(fresh, "f-ok").get("checked")
    assert control(fresh, "f-tingkat:1").get("checked") and control(fresh, "f-alamat.rt").get("value") == "001"
    cleared = one(props, {})
    assert control(cleared, "f-kota").get("value") == "" and control(cleared, "f-ok").get("checked") is None


def test_prefix_on_every_name() -> None:
    form = load_form("bantuan", schema())
    doc = parse_html(render_form(form, full_data(), prefix="isian-", attachments=ATTACHMENTS))
    names = {n for n in doc.xpath("//@name")}
    assert all(n.startswith("isian-") for n in names)
    assert {"isian-barang[0].jumlah", "isian-_hapus:barang[1]", "isian-_tambah:barang"} <= names
    assert control(doc, "f-isian-nama").get("name") == "isian-nama"


def test_odd_field_names_get_valid_ids() -> None:
    doc = one({"nama lengkap": {"type": "string"}, "a:b": {"type": "string"}})
    names_ids = [(i.get("name"), i.get("id")) for i in doc.xpath("//input")]
    assert names_ids == [('["nama lengkap"]', "f-[%22nama%20lengkap%22]"), ('["a:b"]', "f-[%22a%3Ab%22]")]


def test_form_title_description_and_multipart() -> None:
    form = load_form("bantuan", schema())
    assert form_title(form) == "Permohonan bantuan sarana"
    assert form_title(form, "en") == "Request for facility assistance"
    assert form_description(form, "en") == form_description(form)  # no English given: Indonesian
    assert needs_multipart(form) and needs_multipart(schema())
    assert not needs_multipart({"type": "object", "properties": {"a": {"type": "string"}}})
