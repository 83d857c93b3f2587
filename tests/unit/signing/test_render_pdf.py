"""The rendered PDF as an archive and a reader see it: PDF/A-3b, embedded fonts, footer and QR code."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from render_helpers import (
    ISSUER,
    LETTER_DATA,
    VERIFY_URL,
    bundle_request,
    letter_request,
    page_template,
    pages,
    pdf_tool,
    reader,
)

from signing.errors import RenderError, TemplateError
from signing.render import MAX_PAGES, RenderedDocument, layout, render_document
from signing.render.footer import make_qr

Bundle = Callable[..., Path]

MM = 72 / 25.4


@pytest.fixture(scope="module")
def three_pages() -> RenderedDocument:
    paragraphs = [f"Alinea {n}: pemeriksaan ruas jalan kabupaten dan drainase di sekitarnya. " * 6 for n in range(15)]
    return render_document(letter_request(data={**LETTER_DATA, "alinea": paragraphs}))


def _xmp(pdf: bytes) -> str:
    return reader(pdf).root["/Metadata"].data.decode("utf-8")


def test_pdfa_3b_identification_in_xmp(three_pages: RenderedDocument) -> None:
    xmp = _xmp(three_pages.pdf)
    part = re.search(r'pdfaid:part(?:="|>)(\d)', xmp)
    conformance = re.search(r'pdfaid:conformance(?:="|>)([A-Z])', xmp)
    assert part and part.group(1) == "3"
    assert conformance and conformance.group(1) == "B"
    assert "Jawaban Pengaduan" in xmp                      # dc:title


def test_srgb_output_intent_and_no_info_dictionary(three_pages: RenderedDocument) -> None:
    pdf = reader(three_pages.pdf)
    intents = pdf.root["/OutputIntents"]
    assert any(intent.get_object()["/S"] == "/GTS_PDFA1" for intent in intents)
    # PDF/A needs the info dictionary to match XMP; pyHanko rewrites /Producer there on every
    # update, so Lintas writes none and keeps everything in XMP.
    with pytest.raises(KeyError):
        pdf.trailer["/Info"]


def test_every_font_is_embedded(three_pages: RenderedDocument, tmp_path: Path) -> None:
    rows = pdf_tool("pdffonts", three_pages.pdf, tmp=tmp_path).splitlines()[2:]
    assert rows, "pdffonts lists no font"
    for row in rows:
        columns = row.split()
        assert columns[-5] == "yes", f"not embedded: {row}"
    assert all("Noto" in row for row in rows)


def test_text_page_count_and_page_numbers(three_pages: RenderedDocument, tmp_path: Path) -> None:
    assert three_pages.page_count == 3 == len(pages(three_pages.pdf))
    text = pdf_tool("pdftotext", three_pages.pdf, "-layout", tmp=tmp_path)
    assert "PEMERINTAH KABUPATEN CONTOH" in text and "Alinea 14" in text
    for page, body in enumerate(text.split("\f")[:3], start=1):
        assert f"Halaman {page} dari 3" in body
        assert "ditandatangani secara elektronik" in body and "signed electronically" in body
        assert ISSUER.split(" (")[0] in " ".join(body.split())
        assert VERIFY_URL in body


def test_qr_code_on_every_page_encodes_the_verification_url(three_pages: RenderedDocument, tmp_path: Path) -> None:
    expected = [[bool(cell) for cell in row] for row in make_qr(VERIFY_URL).matrix]
    dpi = 288
    pdf_tool("pdftoppm", three_pages.pdf, "-r", str(dpi), "-gray", "-png", tmp=tmp_path)
    for number in (1, 2, 3):
        image = Image.open(tmp_path / f"page-{number}.png")
        assert _read_qr(image, dpi, len(expected)) == expected, f"QR on page {number}"


def _read_qr(image: Image.Image, dpi: int, modules: int) -> list[list[bool]]:
    """Sample the QR symbol in the footer's left cell (left margin 25 mm, bottom margin 36 mm)."""
    px_per_mm = dpi / 25.4
    left, right = int(20 * px_per_mm), int(45 * px_per_mm)   # the cell ends before the rule at 46 mm
    top, bottom = image.height - int(35 * px_per_mm), image.height   # below the body text
    region = image.convert("L").crop((left, top, right, bottom)).point(lambda v: 255 if v < 128 else 0)
    x1, y1, x2, y2 = region.getbbox() or (0, 0, 0, 0)
    size = (x2 - x1) / modules
    assert abs((x2 - x1) - (y2 - y1)) <= 2 and 17 * px_per_mm < x2 - x1 < 19 * px_per_mm
    grid = region.load()
    return [[grid[int(x1 + (col + 0.5) * size), int(y1 + (row + 0.5) * size)] == 255 for col in range(modules)]
            for row in range(modules)]


def test_f4_paper_from_the_template(bundle: Bundle, tmp_path: Path) -> None:
    folder = bundle(**{"t.html": page_template("<p>isi</p>", head="<style>@page { size: 215mm 330mm }</style>")})
    doc = render_document(bundle_request(folder))
    _, _, width, height = (float(v) for v in pages(doc.pdf)[0]["/MediaBox"])
    assert abs(width - 215 * MM) < 0.5 and abs(height - 330 * MM) < 0.5
    assert "609.449 x 935.433 pts" in pdf_tool("pdfinfo", doc.pdf, tmp=tmp_path)


def test_template_without_the_base_layout_is_refused(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": '<html><body><p>tanpa kaki</p>{{ tanda_tangan("ttd_kadis") }}</body></html>'})
    with pytest.raises(TemplateError, match="lintas/surat.html"):
        render_document(bundle_request(folder))


def test_hiding_the_footer_with_css_is_refused(bundle: Bundle) -> None:
    folder = bundle(**{"t.html": page_template("<p>isi</p>", head="<style>.lintas-kaki { display: none }</style>")})
    with pytest.raises(TemplateError, match="QR"):
        render_document(bundle_request(folder))


def test_pdf_opens_as_pdf_1_7(three_pages: RenderedDocument) -> None:
    assert three_pages.pdf.startswith(b"%PDF-1.7")
    assert io.BytesIO(three_pages.pdf).getvalue().rstrip().endswith(b"%%EOF")


def test_page_limit(bundle: Bundle, monkeypatch: pytest.MonkeyPatch) -> None:
    assert MAX_PAGES == 500
    monkeypatch.setattr(layout, "MAX_PAGES", 2)
    folder = bundle(**{"t.html": page_template('<p style="break-after: page">1</p><p style="break-after: page">2</p>'
                                               "<p>3</p>")})
    with pytest.raises(RenderError) as caught:
        render_document(bundle_request(folder))
    assert "2 halaman (3)" in caught.value.message_id and "2 pages (3)" in caught.value.message_en


def test_verification_address_is_a_link_on_every_page(three_pages: RenderedDocument) -> None:
    for page in pages(three_pages.pdf):
        links = [annot.get_object() for annot in page["/Annots"] if annot.get_object()["/Subtype"] == "/Link"]
        assert {str(link["/A"]["/URI"]) for link in links} == {VERIFY_URL}
        assert all(int(link["/F"]) == 4 for link in links)          # PDF/A: printable, not hidden
