"""OpenType fonts for signature stamps, embedded and normalised to 1000 units per em.

pyHanko's glyph accumulator writes glyph advances straight from the font's ``hmtx`` table into
the PDF ``/W`` array and into ``TJ`` adjustments, both of which PDF reads in thousandths of an
em. For a font drawn on 1000 units per em (Noto Sans) that is right; for one on 2048 (DejaVu
Sans, most TrueType fonts) every glyph is drawn about twice as wide as it is, so stamp text
comes out letter-spaced. ``StampFont`` therefore rescales any other font to 1000 units per em
(fontTools ``scale_upem``) before pyHanko sees it, so the font program, ``/W``, the shaping
advances and the font descriptor all agree. TrueType hinting is dropped when rescaling: its
instructions address the old grid and would distort the rescaled outlines.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.writer import BasePdfFileWriter

from signing.errors import RenderError

PDF_UNITS_PER_EM = 1000
FONT_DIR = Path(__file__).parent / "fonts"
NOTO_SANS = FONT_DIR / "NotoSans-Regular.ttf"
NOTO_SANS_BOLD = FONT_DIR / "NotoSans-Bold.ttf"
_LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF")
_HINTING_TABLES = ("fpgm", "prep", "cvt ", "hdmx", "VDMX", "LTSH", "cvar")


@dataclass(frozen=True)
class StampFont(FontEngineFactory):
    """An embedded (subset) OpenType/TrueType font for stamp text at a whole-point size.

    The size must be a whole number: pyHanko writes ``Tf`` with ``%d``, so a fractional size
    would be shaped at one size and drawn at another.
    """

    path: Path = NOTO_SANS
    font_size: int = 8

    def create_font_engine(self, writer: BasePdfFileWriter, obj_stream: object = None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        engine = GlyphAccumulator(writer=writer, font_handle=io.BytesIO(font_program(self.path)),
                                  font_size=self.font_size, obj_stream=obj_stream)
        # Shaping uses HarfBuzz's own copy of the font, and pyHanko drops these tables from the
        # embedded subset anyway; but fontTools' subsetter (4.68) decompiles them before dropping
        # them, which costs ~0.6 s per signature with Noto Sans. Remove them from the copy it subsets.
        for tag in _LAYOUT_TABLES:
            if tag in engine.tt:
                del engine.tt[tag]
        return engine


def font_program(path: Path) -> bytes:
    """The font file at ``path`` with 1000 units per em (rescaled once per process)."""
    return _font_program(str(Path(path).resolve()))


@lru_cache(maxsize=8)
def _font_program(path: str) -> bytes:
    try:
        font = TTFont(path)
    except Exception as exc:  # fontTools raises several unrelated types for a bad file
        raise RenderError(f"berkas huruf tidak dapat dibaca: {path}", f"cannot read font file: {path}") from exc
    if font["head"].unitsPerEm != PDF_UNITS_PER_EM:
        scale_upem(font, PDF_UNITS_PER_EM)
        _drop_hinting(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _drop_hinting(font: TTFont) -> None:
    for tag in _HINTING_TABLES:
        if tag in font:
            del font[tag]
    if "glyf" in font:
        glyf = font["glyf"]
        for name in font.getGlyphOrder():
            glyph = glyf[name]
            if hasattr(glyph, "removeHinting"):
                glyph.removeHinting()
    if "maxp" in font and hasattr(font["maxp"], "maxSizeOfInstructions"):
        font["maxp"].maxSizeOfInstructions = 0
