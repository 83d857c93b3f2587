"""HTML to a laid-out document and a PDF/A-3b with WeasyPrint, and where the placeholders landed.

WeasyPrint reports each element id's box per page in ``Page.anchors`` as (x1, y1, x2, y2): the
element's border box in CSS pixels from the page's top-left corner. PDF user space is in points
from the bottom-left, and WeasyPrint draws the page with ``y_pdf = (page.height - y_css) * 0.75``
(1 CSS px = 0.75 pt, bleed only enlarges the MediaBox around that origin), so a box converts as
``x * 0.75`` and ``(page.height - y) * 0.75`` with y1 and y2 swapping roles.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from weasyprint import CSS, HTML, Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, path2url

from signing.errors import RenderError, TemplateError
from signing.render.fetcher import GuardedFetcher
from signing.render.model import MAX_PAGES, NUMBER_FIELD, FieldBox, SignatureSlot
from signing.render.slots import NUMBER_ID, SLOT_ID_PREFIX

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
BASE_CSS = Path(__file__).resolve().parent / "base.css"
PDF_VARIANT = "pdf/a-3b"
PX_TO_PT = 0.75
FOOTER_ANCHOR = "lintas-qr"
NUMBER_KIND = "number"


@dataclass(frozen=True)
class LaidOut:
    pdf: bytes
    fields: tuple[FieldBox, ...]
    number_field: FieldBox | None
    page_count: int


def lay_out(html: str, template_dir: Path, slots: tuple[SignatureSlot, ...], want_number: bool) -> LaidOut:
    """Lay the HTML out, check pages and footer, locate the placeholders, write the PDF/A-3b."""
    fetcher = GuardedFetcher((FONTS_DIR, template_dir))
    fonts = FontConfiguration()
    try:
        base = CSS(string=BASE_CSS.read_text(encoding="utf-8"), base_url=path2url(str(FONTS_DIR) + "/"),
                   url_fetcher=fetcher, font_config=fonts)
        document = HTML(string=html, base_url=path2url(str(template_dir.resolve()) + "/"),
                        url_fetcher=fetcher).render(stylesheets=[base], font_config=fonts, pdf_variant=PDF_VARIANT)
        _check_pages(document)
        fields = tuple(_locate(document, SLOT_ID_PREFIX + slot.name, slot.name, slot.kind) for slot in slots)
        number = _locate(document, NUMBER_ID, NUMBER_FIELD, NUMBER_KIND) if want_number else None
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT, finisher=_drop_info)
    except FatalURLFetchingError as exc:
        _raise_refusal(fetcher)
        detail = str(exc.__cause__ or exc)[:200]
        raise TemplateError(f"Sumber yang diminta templat tidak dapat dimuat: {detail}",
                            f"A resource the template asks for cannot be loaded: {detail}") from None
    # WeasyPrint swallows errors while drawing SVG images, so a refusal there only shows in the record.
    _raise_refusal(fetcher)
    return LaidOut(pdf=pdf, fields=fields, number_field=number, page_count=len(document.pages))


def _drop_info(document: Document, pdf: object) -> None:
    # No document information dictionary: the XMP packet carries title, author and PDF/A
    # identification. pyHanko rewrites /Producer in an info dictionary on every update (each
    # signature) to a value that no longer matches XMP pdf:Producer, which PDF/A forbids; without
    # the dictionary pyHanko writes XMP only. An incremental update cannot remove it later.
    pdf.info.clear()  # type: ignore[attr-defined]


def _raise_refusal(fetcher: GuardedFetcher) -> None:
    if fetcher.refusals:
        refusal = fetcher.refusals[0]
        raise TemplateError(refusal.message_id, refusal.message_en)


def _check_pages(document: Document) -> None:
    if len(document.pages) > MAX_PAGES:
        raise RenderError(f"Dokumen lebih dari {MAX_PAGES} halaman ({len(document.pages)}).",
                          f"The document has more than {MAX_PAGES} pages ({len(document.pages)}).")
    bare = [str(index + 1) for index, page in enumerate(document.pages) if FOOTER_ANCHOR not in page.anchors]
    if bare:
        raise TemplateError(
            f"Halaman tanpa kaki tanda tangan elektronik dan kode QR: {', '.join(bare[:10])}. "
            'Templat harus memperluas tata letak dasar: {% extends "lintas/surat.html" %}.',
            f"Pages without the electronic-signature footer and QR code: {', '.join(bare[:10])}. "
            'The template must extend the base layout: {% extends "lintas/surat.html" %}.')


def _locate(document: Document, anchor: str, name: str, kind: str) -> FieldBox:
    for index, page in enumerate(document.pages):
        if anchor in page.anchors:
            x1, y1, x2, y2 = page.anchors[anchor]
            if x2 - x1 < 1 or y2 - y1 < 1:
                raise TemplateError(f"Kotak {name} tidak terlihat (ukurannya nol); jangan sembunyikan dengan CSS.",
                                    f"The box for {name} is not visible (zero size); do not hide it with CSS.")
            box = (round(x1 * PX_TO_PT, 2), round((page.height - y2) * PX_TO_PT, 2),
                   round(x2 * PX_TO_PT, 2), round((page.height - y1) * PX_TO_PT, 2))
            return FieldBox(name=name, kind=kind, page=index, box=box)
    raise TemplateError(f"Kotak {name} tidak tampil di halaman mana pun; jangan sembunyikan dengan CSS.",
                        f"The box for {name} is not on any page; do not hide it with CSS.")
