"""fill_number: the letter number goes into its field, visibly, in the update the signature covers."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from render_helpers import bundle_request, letter_request, page_template, pdf_tool, reader, rect, widgets, words

from signing.errors import DocumentRefused, TemplateError
from signing.render import NUMBER_FIELD, RenderedDocument, fill_number, render_document

NUMBER = "000.8.3.3/15/PUPR/2026"
Bundle = Callable[..., Path]


@pytest.fixture(scope="module")
def letter() -> RenderedDocument:
    return render_document(letter_request())


def _filled(pdf: bytes, number: str = NUMBER) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fill_number(writer, number)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _bbox_words(pdf: bytes, tmp: Path) -> dict[str, tuple[float, float, float, float]]:
    return {word: (x1, y1, x2, y2) for page, x1, y1, x2, y2, word in words(pdf, tmp) if page == 0}


def test_number_shows_on_the_page_with_an_embedded_font(letter: RenderedDocument, tmp_path: Path) -> None:
    assert NUMBER not in pdf_tool("pdftotext", letter.pdf, tmp=tmp_path)
    filled = _filled(letter.pdf)
    assert filled.startswith(letter.pdf)                               # an incremental update
    assert NUMBER in pdf_tool("pdftotext", filled, tmp=tmp_path)
    fonts = pdf_tool("pdffonts", filled, tmp=tmp_path).splitlines()[2:]
    assert len(fonts) == len(pdf_tool("pdffonts", letter.pdf, tmp=tmp_path).splitlines()[2:]) + 1
    assert all(row.split()[-5] == "yes" for row in fonts)
    assert any(row.startswith(tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) and "NotoSans" in row for row in fonts)


def test_field_value_is_set_and_read_only(letter: RenderedDocument) -> None:
    _, annot = widgets(_filled(letter.pdf))[NUMBER_FIELD]
    assert str(annot["/V"]) == NUMBER
    assert int(annot["/Ff"]) & 1
    appearance = annot["/AP"]["/N"]
    assert appearance["/BBox"][2] == pytest.approx(rect(annot)[2] - rect(annot)[0], abs=0.01)
    assert b"/Tx BMC" in appearance.data and b" Tf" in appearance.data


def test_number_sits_on_the_line_of_its_label(letter: RenderedDocument, tmp_path: Path) -> None:
    words = _bbox_words(_filled(letter.pdf), tmp_path)
    label, number = words["Nomor"], words[NUMBER]
    # Same font and size as the body text, so the glyph boxes line up when the baselines do.
    assert abs(label[3] - number[3]) <= 1.0 and abs(label[1] - number[1]) <= 1.0
    x1, _, x2, _ = letter.number_field.box if letter.number_field else (0, 0, 0, 0)
    assert x1 - 0.5 <= number[0] and number[2] <= x2 + 0.5


def test_long_number_is_set_smaller_to_fit_its_box(letter: RenderedDocument, tmp_path: Path) -> None:
    long_number = "000.8.3.3/1234/PUPR-BM/SEKRETARIAT/III/2026"
    words = _bbox_words(_filled(letter.pdf, long_number), tmp_path)
    assert long_number in words
    x1, _, x2, _ = letter.number_field.box if letter.number_field else (0, 0, 0, 0)
    assert x1 - 0.5 <= words[long_number][0] and words[long_number][2] <= x2 + 0.5


def test_pdfa_identification_survives_the_fill(letter: RenderedDocument) -> None:
    filled = reader(_filled(letter.pdf))
    xmp = filled.root["/Metadata"].data.decode()
    assert re.search(r'pdfaid:part(?:="|>)3', xmp) and re.search(r'pdfaid:conformance(?:="|>)B', xmp)
    with pytest.raises(KeyError):
        filled.trailer["/Info"]


def test_a_filled_number_cannot_be_filled_again(letter: RenderedDocument) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(_filled(letter.pdf)))
    with pytest.raises(DocumentRefused, match="sudah terisi"):
        fill_number(writer, "600/16/PUPR/2026")


def test_document_without_number_field(tmp_path: Path) -> None:
    numbered = render_document(letter_request(number="600/15/PUPR/2026"))
    with pytest.raises(DocumentRefused):
        fill_number(IncrementalPdfFileWriter(io.BytesIO(numbered.pdf)), NUMBER)


@pytest.mark.parametrize("bad", ["", "   ", "600/15\n/2026", "x" * 121])
def test_unusable_numbers_are_refused(letter: RenderedDocument, bad: str) -> None:
    with pytest.raises(DocumentRefused):
        fill_number(IncrementalPdfFileWriter(io.BytesIO(letter.pdf)), bad)


@pytest.mark.parametrize(("rata", "quadding"), [("kiri", 0), ("tengah", 1), ("kanan", 2)])
def test_number_alignment_in_its_box(bundle: Bundle, tmp_path: Path, rata: str, quadding: int) -> None:
    body = '<p style="text-align: center">{{ nomor_surat(rata="' + rata + '") }}</p>'
    doc = render_document(bundle_request(bundle(**{"t.html": page_template(body)})))
    assert int(widgets(doc.pdf)[NUMBER_FIELD][1]["/Q"]) == quadding
    x1, _, x2, _ = doc.number_field.box if doc.number_field else (0, 0, 0, 0)
    left, _, right, _ = _bbox_words(_filled(doc.pdf), tmp_path)[NUMBER]
    expected = {"kiri": left - x1, "tengah": (left + right) / 2 - (x1 + x2) / 2, "kanan": x2 - right}[rata]
    assert abs(expected) <= 1.5


def test_unknown_alignment_is_refused(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template('{{ nomor_surat(rata="center") }}')})
    with pytest.raises(TemplateError, match="kiri, tengah atau kanan"):
        render_document(bundle_request(folder))
