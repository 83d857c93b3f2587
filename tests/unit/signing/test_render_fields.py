"""The placeholder boxes become PDF fields where the layout put them, on the right page.

Positions are checked two ways: the widget's /Rect against the reported FieldBox, and the
FieldBox against the slot's own label as poppler extracts it from the page (the label is printed
1 mm under the box, centred on it), which does not depend on Lintas's coordinate conversion.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from render_helpers import (
    LETTER_DATA,
    PARAF,
    TTD,
    bundle_request,
    letter_request,
    page_template,
    pages,
    pdf_tool,
    rect,
    widgets,
    words,
)

from signing.errors import TemplateError
from signing.render import FieldBox, RenderedDocument, SignatureSlot, render_document

Bundle = Callable[..., Path]
MM = 72 / 25.4


@pytest.fixture(scope="module")
def letter() -> RenderedDocument:
    return render_document(letter_request())


def _page_height(pdf: bytes, index: int) -> float:
    return float(pages(pdf)[index]["/MediaBox"][3])


def test_one_signature_field_per_slot_with_the_reported_rect(letter: RenderedDocument) -> None:
    found = widgets(letter.pdf)
    assert set(found) == {"paraf_kabid", "ttd_kadis", "nomor_surat"}
    for box in (*letter.fields, letter.number_field):
        assert box is not None
        page, annot = found[box.name]
        assert page == box.page
        assert all(abs(a - b) <= 1.0 for a, b in zip(rect(annot), box.box, strict=True)), box
        assert annot.raw_get("/P").reference == pages(letter.pdf)[box.page].container_ref
        assert int(annot["/F"]) & 4 and not int(annot["/F"]) & 0b100011   # printed, never hidden (PDF/A)
        assert "/N" in annot["/AP"]                                            # PDF/A: appearance present


def test_field_types_kinds_and_tooltips(letter: RenderedDocument) -> None:
    found = widgets(letter.pdf)
    assert found["ttd_kadis"][1]["/FT"] == "/Sig" and found["paraf_kabid"][1]["/FT"] == "/Sig"
    assert str(found["ttd_kadis"][1]["/TU"]) == "Kepala Dinas PUPR"
    number = found["nomor_surat"][1]
    assert number["/FT"] == "/Tx" and "/V" not in number and "Tf" in str(number["/DA"])
    assert {(f.name, f.kind) for f in letter.fields} == {("paraf_kabid", "paraf"), ("ttd_kadis", "sign")}
    assert letter.number_field == FieldBox(letter.number_field.name, "number", 0, letter.number_field.box)


def test_slot_sizes_follow_the_css(letter: RenderedDocument) -> None:
    boxes = {f.name: f.box for f in letter.fields}
    x1, y1, x2, y2 = boxes["ttd_kadis"]
    assert abs((x2 - x1) - 60 * MM) < 0.5 and abs((y2 - y1) - 24 * MM) < 0.5
    x1, y1, x2, y2 = boxes["paraf_kabid"]
    assert abs((x2 - x1) - 22 * MM) < 0.5 and abs((y2 - y1) - 12 * MM) < 0.5


@pytest.mark.parametrize(("name", "label"), [("ttd_kadis", "Kepala Dinas PUPR"),
                                             ("paraf_kabid", "Kepala Bidang Bina Marga")])
def test_field_sits_right_above_its_printed_label(letter: RenderedDocument, tmp_path: Path,
                                                  name: str, label: str) -> None:
    box = next(f for f in letter.fields if f.name == name)
    height = _page_height(letter.pdf, box.page)
    found = words(letter.pdf, tmp_path)
    first = label.split()[0]
    # The label's first word is the one whose line starts centred under this box.
    candidates = [w for w in found if w[0] == box.page and w[5] == first and w[2] > height - box.box[1] - 1]
    line = min(candidates, key=lambda w: w[2])
    row = [w for w in found if w[0] == box.page and abs(w[2] - line[2]) < 0.5 and w[1] >= line[1]]
    row = row[: len(label.split())]
    assert " ".join(w[5] for w in row) == label
    label_top_from_bottom = height - min(w[2] for w in row)
    # label line box starts 1 mm under the field; the glyph box adds a little half-leading
    assert 0 < box.box[1] - label_top_from_bottom < 1 * MM + 3
    label_centre = (row[0][1] + row[-1][3]) / 2
    assert abs(label_centre - (box.box[0] + box.box[2]) / 2) <= 1.0


def test_slot_pushed_to_the_second_page(bundle: Bundle, tmp_path: Path) -> None:
    long_text = "".join(f"<p>Baris isi nomor {n} yang panjang sekali untuk mengisi halaman.</p>" for n in range(45))
    folder = bundle(**{"t.html": page_template(long_text)})
    doc = render_document(bundle_request(folder))
    assert doc.page_count == 2
    (box,) = doc.fields
    assert box.page == 1
    page, annot = widgets(doc.pdf)["ttd_kadis"]
    assert page == 1
    assert all(abs(a - b) <= 1.0 for a, b in zip(rect(annot), box.box, strict=True))
    found = words(doc.pdf, tmp_path)
    label = [w for w in found if w[5] == "PUPR"]
    assert [w[0] for w in label] == [1]
    assert abs(_page_height(doc.pdf, 1) - label[0][2] - box.box[1]) < 1 * MM + 3


def test_seal_slot_becomes_a_signature_field(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template('{{ segel("cap_dinas") }}')})
    seal = SignatureSlot("cap_dinas", "seal", "Segel elektronik Dinas PUPR")
    doc = render_document(bundle_request(folder, signatures=(TTD, seal)))
    box = next(f for f in doc.fields if f.name == "cap_dinas")
    assert box.kind == "seal" and abs((box.box[2] - box.box[0]) - 32 * MM) < 0.5
    assert widgets(doc.pdf)["cap_dinas"][1]["/FT"] == "/Sig"


def test_numbered_document_has_no_number_field(tmp_path: Path) -> None:
    doc = render_document(letter_request(number="600/15/PUPR/2026"))
    assert doc.number_field is None and "nomor_surat" not in widgets(doc.pdf)
    assert "600/15/PUPR/2026" in pdf_tool("pdftotext", doc.pdf, tmp=tmp_path)


def test_template_without_a_number_gets_no_number_field(bundle: Bundle) -> None:
    doc = render_document(bundle_request(bundle(**{"t.html": page_template("<p>isi</p>")})))
    assert doc.number_field is None and set(widgets(doc.pdf)) == {"ttd_kadis"}


def test_no_signatures_and_a_number_field_only(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": '{% extends "lintas/surat.html" %}{% block isi %}Nomor: {{ nomor }}{% endblock %}'})
    doc = render_document(bundle_request(folder, signatures=()))
    assert doc.fields == () and set(widgets(doc.pdf)) == {"nomor_surat"}


@pytest.mark.parametrize("css", [".lintas-slot { display: none }", "#lintas-slot-ttd_kadis { width: 0 }"])
def test_hidden_slot_is_refused(bundle: Bundle, css: str) -> None:
    folder = bundle(**{"t.html": page_template("<p>isi</p>", head=f"<style>{css}</style>")})
    with pytest.raises(TemplateError, match="ttd_kadis"):
        render_document(bundle_request(folder))


def test_fields_keep_the_paraf_before_the_signature_order(letter: RenderedDocument) -> None:
    # Planned order is the request's order; the signing code relies on it for the paraf chain.
    assert [f.name for f in letter.fields] == [PARAF.name, TTD.name]
    assert LETTER_DATA["paraf"] is True
