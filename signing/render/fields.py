"""PDF form fields for a rendered document (pyHanko): empty signature fields and the number field.

Every planned signature gets its empty signature field at render time, so each official later
only *fills* a field: an update that fills a field is form filling, which earlier signatures
allow, while an update that adds fields is not needed. The letter number, when assigned at
signing, goes into a text field that ``fill_number`` fills in the same incremental update as the
official's signature, so that signature covers the number.

PDF/A: the layout stage writes no document information dictionary (see ``layout._drop_info``),
so pyHanko's updates here and at signing keep only the XMP metadata, which stays consistent.
"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.content import PdfResources
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.form_tools import find_existing_empty_field, get_single_field_annot
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import FormFillingError
from pyhanko.pdf_utils.writer import BasePdfFileWriter, init_xobject_dictionary
from pyhanko.sign.fields import SigFieldSpec, append_signature_field

from signing.errors import DocumentRefused
from signing.render.model import NUMBER_FIELD, FieldBox, SignatureSlot

FONT_FILE = Path(__file__).resolve().parent.parent / "fonts" / "NotoSans-Regular.ttf"
# Must match .lintas-nomor in base.css: the box is 1.35em tall and its bottom is 0.3em below the baseline.
NUMBER_BOX_EM = 1.35
NUMBER_DESCENT_EM = 0.3
_DR_FONT = "/NotoSans"
# Glyphs a viewer may need if someone types into the unfilled number field by hand.
_DR_CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz ./-_:()"
_READ_ONLY = 1
_PRINT = 4
_DA_SIZE = re.compile(rb"([0-9]+(?:\.[0-9]+)?)\s+Tf")


def add_fields(pdf: bytes, slots: tuple[SignatureSlot, ...], fields: tuple[FieldBox, ...],
               number_field: FieldBox | None, title: str, number_quadding: int = 0) -> bytes:
    """The PDF with an empty signature field per slot and, if given, the number text field."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    if title:
        writer.document_meta.title = title
    labels = {slot.name: slot.label for slot in slots}
    for box in fields:
        append_signature_field(writer, SigFieldSpec(
            box.name, on_page=box.page, box=box.box,  # type: ignore[arg-type]  # pyHanko types the box as ints
            readable_field_name=labels.get(box.name)))
    if number_field is not None:
        _add_number_field(writer, number_field, number_quadding)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def fill_number(writer: IncrementalPdfFileWriter, number: str, field_name: str = NUMBER_FIELD) -> None:
    """Put ``number`` into the empty number field, value and appearance (Noto Sans, embedded subset).

    Only stages the change in ``writer``; the caller signs (or writes) in the same update.
    """
    text = number.strip()
    if not text or len(text) > 120 or any(ord(c) < 32 for c in text):
        raise DocumentRefused("Nomor surat kosong, terlalu panjang atau memuat karakter kendali.",
                              "The letter number is empty, too long or contains control characters.")
    try:
        field_ref = find_existing_empty_field(writer, field_name, "/Tx")
    except FormFillingError as exc:
        raise DocumentRefused(f"Isian nomor surat {field_name!r} tidak ada atau sudah terisi.",
                              f"The number field {field_name!r} does not exist or is already filled.") from exc
    field = field_ref.get_object()
    assert isinstance(field, generic.DictionaryObject)
    annot = get_single_field_annot(field)
    x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
    width, height = abs(x2 - x1), abs(y2 - y1)
    box_size = _da_font_size(field) or height / NUMBER_BOX_EM
    font = _font(writer, box_size)
    advance = font.shape(text).x_advance * box_size
    # A number longer than the box is set smaller rather than clipped (1 pt spare for side bearings).
    usable = width - 1.0
    size = box_size if advance <= usable else box_size * usable / advance
    font.font_size = size  # type: ignore[assignment]  # pyHanko annotates int; any number works
    shaped = font.shape(text)
    # /Q quadding as the template asked (nomor_surat(rata=...)): 0 left, 1 centre, 2 right.
    spare = max(width - shaped.x_advance * size, 0.0)
    x = {1: spare / 2, 2: spare}.get(int(field.get("/Q", 0)), 0.0)
    resources = PdfResources()
    resources.font[pdf_name("/F1")] = font.as_resource()
    stream = b"/Tx BMC q BT 0 0 0 rg /F1 %g Tf %g %g Td %s ET Q EMC" % (
        size, x, NUMBER_DESCENT_EM * box_size, shaped.graphics_ops)
    appearance = init_xobject_dictionary(stream, width, height, resources.as_pdf_object())
    annot["/AP"] = generic.DictionaryObject({pdf_name("/N"): writer.add_object(appearance)})
    field["/V"] = pdf_string(text)
    field["/Ff"] = generic.NumberObject(int(field.get("/Ff", 0)) | _READ_ONLY)
    writer.update_container(annot)
    writer.mark_update(field_ref)


# Form XObjects are built with init_xobject_dictionary, not pyHanko's BoxConstraints, which
# truncates sizes to whole points: a BBox narrower than /Rect makes viewers stretch the appearance.


def _add_number_field(writer: IncrementalPdfFileWriter, box: FieldBox, quadding: int) -> None:
    page_ref = writer.find_page_for_modification(box.page)[0]
    x1, y1, x2, y2 = box.box
    size = round((y2 - y1) / NUMBER_BOX_EM, 2)
    form = _acroform(writer)
    dr_font = _font(writer, size)
    dr_font.shape(_DR_CHARSET)
    form["/DR"] = generic.DictionaryObject({pdf_name("/Font"): generic.DictionaryObject({
        pdf_name(_DR_FONT): dr_font.as_resource()})})
    form["/DA"] = pdf_string(f"{_DR_FONT} 0 Tf 0 0 0 rg")
    empty = init_xobject_dictionary(b"", x2 - x1, y2 - y1)
    field = generic.DictionaryObject({
        pdf_name("/FT"): pdf_name("/Tx"),
        pdf_name("/T"): pdf_string(box.name),
        pdf_name("/TU"): pdf_string("Nomor surat"),
        pdf_name("/Type"): pdf_name("/Annot"),
        pdf_name("/Subtype"): pdf_name("/Widget"),
        pdf_name("/F"): generic.NumberObject(_PRINT),
        pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(v) for v in box.box),
        pdf_name("/P"): page_ref,
        pdf_name("/DA"): pdf_string(f"{_DR_FONT} {size:g} Tf 0 0 0 rg"),
        pdf_name("/Q"): generic.NumberObject(quadding),
        pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): writer.add_object(empty)}),
    })
    field_ref = writer.add_object(field)
    form["/Fields"].append(field_ref)
    writer.update_container(form)
    writer.register_annotation(page_ref, field_ref)


def _acroform(writer: BasePdfFileWriter) -> generic.DictionaryObject:
    root = writer.root
    if "/AcroForm" not in root:
        root["/AcroForm"] = writer.add_object(generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()}))
        writer.update_root()
    form = root["/AcroForm"]
    assert isinstance(form, generic.DictionaryObject)
    return form


def _font(writer: BasePdfFileWriter, size: float) -> GlyphAccumulator:
    # From bytes, not a file handle: fontTools reads tables lazily until pyHanko subsets at write time.
    engine = GlyphAccumulator(writer, io.BytesIO(_font_bytes()), font_size=size)
    # HarfBuzz shapes from its own copy of the font, and pyHanko drops the OpenType layout tables
    # from the embedded subset anyway, but fontTools' subsetter decompiles them first: ~0.4 s per
    # document with Noto Sans. Removing them from the copy it subsets brings that to ~25 ms.
    for tag in ("GSUB", "GPOS", "GDEF"):
        if tag in engine.tt:
            del engine.tt[tag]
    return engine


@functools.cache
def _font_bytes() -> bytes:
    return FONT_FILE.read_bytes()


def _da_font_size(field: generic.DictionaryObject) -> float | None:
    da = field.get("/DA")
    if da is None:
        return None
    raw = da.original_bytes if hasattr(da, "original_bytes") else str(da).encode("latin-1", "replace")
    match = _DA_SIZE.search(raw)
    size = float(match.group(1)) if match else 0.0
    return size if size > 0 else None
