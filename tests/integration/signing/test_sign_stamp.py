"""The visible stamp: what it says, its QR code, and fonts that are embedded and drawn at their true width."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
import qrcode
from fontTools.ttLib import TTFont
from PIL import Image
from pyhanko.pdf_utils.content_stream_parser import parse_content_stream
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.generic import StreamObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import TextStamp, TextStampStyle

from signing.sign import SignatureKind, SignatureLevel, SigningRequest, StampContent, sign_document
from signing.stamp import build_stamp, format_nip, format_time, initials
from signing.typeface import NOTO_SANS, StampFont
from tests.integration.signing.pki_helpers import SigningPki, sample_pdf
from tests.integration.signing.sign_fixtures import VERIFY_URL, pkcs12_of, request_for, require_tool

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")   # 2048 units per em
MOMENT = datetime(2026, 3, 17, 2, 30, tzinfo=UTC)


def test_time_is_written_the_indonesian_way_in_each_zone() -> None:
    assert format_time(MOMENT, "Asia/Jakarta") == "17 Maret 2026 09.30 WIB"
    assert format_time(MOMENT, "Asia/Makassar") == "17 Maret 2026 10.30 WITA"
    assert format_time(MOMENT, "Asia/Jayapura") == "17 Maret 2026 11.30 WIT"
    assert format_time(MOMENT, "Asia/Jakarta", english=True) == "17 March 2026 09:30 WIB"
    with pytest.raises(ValueError, match="timezone-aware"):
        format_time(datetime(2026, 3, 17, 9, 30), "Asia/Jakarta")  # noqa: DTZ001 - the point of the test


def test_nip_and_initials() -> None:
    assert format_nip("197001011995031003") == "19700101 199503 1 003"
    assert format_nip("12345") == "12345"
    assert initials("Ir. Budi Santoso, M.T.") == "BS"
    assert initials("Drs. H. Hendra Wijaya, M.Si.") == "HW"


def test_signature_stamp_names_capacity_nip_time_and_verification_url() -> None:
    content = StampContent("Drs. Hendra Wijaya", role="Sekretaris Daerah", on_behalf_of="Bupati Contoh",
                           nip="197001011995031003", verify_url=VERIFY_URL, time_zone="Asia/Makassar")
    stamp = build_stamp(SignatureKind.SIGN, content, MOMENT)
    assert stamp.text.split("\n") == ["Ditandatangani secara elektronik oleh", "a.n. Bupati Contoh",
                                      "Sekretaris Daerah", "Drs. Hendra Wijaya", "NIP 19700101 199503 1 003",
                                      "17 Maret 2026 10.30 WITA"]
    assert stamp.text_params["url"] == VERIFY_URL
    acting = build_stamp(SignatureKind.SIGN, StampContent("Ir. Budi Santoso", role="Kepala Dinas PUPR", acting="Plt.",
                                                          verify_url=VERIFY_URL), MOMENT)
    assert "Plt. Kepala Dinas PUPR" in acting.text.split("\n")
    two_down = StampContent("Rina", role="Kepala Bagian Umum", on_behalf_of="Bupati Contoh",
                            by_order_of="Sekretaris Daerah", verify_url=VERIFY_URL)
    assert two_down.capacity_lines() == ["a.n. Bupati Contoh", "Sekretaris Daerah", "u.b.", "Kepala Bagian Umum"]


def test_paraf_and_seal_stamps() -> None:
    paraf = build_stamp(SignatureKind.PARAF, StampContent("Siti Aminah, S.T.", role="Kepala Bidang Bina Marga"),
                        MOMENT)
    assert paraf.text.split("\n") == ["Paraf: SA", "Kepala Bidang Bina Marga", "17 Maret 2026 09.30 WIB"]
    assert "url" not in paraf.text_params
    seal = build_stamp(SignatureKind.SEAL, StampContent("Pemerintah Kabupaten Uji", verify_url=VERIFY_URL), MOMENT)
    assert seal.text.split("\n")[:2] == ["Disegel secara elektronik oleh", "Pemerintah Kabupaten Uji"]
    assert "NIP" not in seal.text


def test_signed_stamp_shows_its_text_and_a_qr_code_for_the_verification_url(test_pki: SigningPki) -> None:
    sekda = test_pki.officials["sekda"]
    content = StampContent(sekda.subject.common_name, role="Sekretaris Daerah", on_behalf_of="Bupati Uji",
                           nip=sekda.subject.nip, verify_url=VERIFY_URL)
    signed = sign_document(sample_pdf(fields=(("ttd_sekda", 0, (300, 150, 560, 250)),)),
                           SigningRequest("ttd_sekda", content, level=SignatureLevel.B_B), pkcs12_of(sekda),
                           sekda.passphrase, test_pki.trust, clock=lambda: MOMENT.replace(year=datetime.now(UTC).year))
    appearance = _appearance(signed.pdf, "ttd_sekda")
    text = [str(op.args[1]["/ActualText"]) for op in parse_content_stream([appearance]) if op.op == "BDC"]
    assert text[1:5] == ["a.n. Bupati Uji", "Sekretaris Daerah", "Drs. Hendra Wijaya", "NIP 19700101 199503 1 003"]
    assert text[5].startswith("17 Maret") and text[5].endswith("09.30 WIB")
    assert _qr_modules(appearance["/Resources"]["/XObject"]["/QR"]) == _expected_qr(VERIFY_URL)


def test_every_font_of_a_signed_document_is_embedded(test_pki: SigningPki) -> None:
    tool = require_tool("pdffonts", "poppler-utils")
    kabid, kadis = test_pki.officials["kabid"], test_pki.officials["kadis"]
    paraf = sign_document(sample_pdf(), request_for(kabid, "paraf_kabid", kind=SignatureKind.PARAF,
                                                    level=SignatureLevel.B_B), pkcs12_of(kabid), kabid.passphrase,
                          test_pki.trust)
    signed = sign_document(paraf.pdf, request_for(kadis, "ttd_kadis", level=SignatureLevel.B_B,
                                                  stamp_font=DEJAVU), pkcs12_of(kadis), kadis.passphrase,
                           test_pki.trust)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "signed.pdf"
        path.write_bytes(signed.pdf)
        rows = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    fonts = [row.split() for row in rows if row.strip()]
    names = " ".join(row[0] for row in fonts)
    assert "NotoSans-Regular" in names and "DejaVuSans" in names
    for row in fonts:
        emb, sub = row[-5], row[-4]   # columns: name type encoding emb sub uni object-id
        assert (emb, sub) == ("yes", "yes"), row


@pytest.mark.parametrize("font", [NOTO_SANS, DEJAVU], ids=["noto-1000upem", "dejavu-2048upem"])
def test_font_widths_are_in_thousandths_of_an_em_and_match_the_embedded_program(test_pki: SigningPki,
                                                                               font: Path) -> None:
    kadis = test_pki.officials["kadis"]
    signed = sign_document(sample_pdf(), request_for(kadis, "ttd_kadis", level=SignatureLevel.B_B, stamp_font=font),
                           pkcs12_of(kadis), kadis.passphrase, test_pki.trust)
    type0 = _appearance(signed.pdf, "ttd_kadis")["/Resources"]["/Font"]["/F1"]
    cid_font = type0["/DescendantFonts"][0]
    program = TTFont(io.BytesIO(cid_font["/FontDescriptor"]["/FontFile2"].data))
    assert program["head"].unitsPerEm == 1000
    widths = _widths(cid_font["/W"])
    original = TTFont(str(font))
    scale = 1000 / original["head"].unitsPerEm
    order = program.getGlyphOrder()
    for cid, width in widths.items():
        glyph = order[cid]
        assert width == program["hmtx"][glyph][0], glyph        # /W agrees with the embedded font
        assert abs(width - original["hmtx"][glyph][0] * scale) <= 1, glyph   # and with the design, per 1000 em


@pytest.mark.parametrize("font", [NOTO_SANS, DEJAVU], ids=["noto-1000upem", "dejavu-2048upem"])
def test_rendered_text_is_spaced_as_the_font_says(font: Path) -> None:
    require_tool("pdftoppm", "poppler-utils")
    text, size = "M" * 20, 10
    ttf = TTFont(str(font))
    pitch = ttf["hmtx"]["M"][0] * size / ttf["head"].unitsPerEm       # points from one M to the next
    starts = _glyph_starts(_stamped(StampFont(font, size), text, size))
    assert len(starts) == len(text)
    assert (starts[-1] - starts[0]) / (len(starts) - 1) == pytest.approx(pitch, rel=0.02)
    if ttf["head"].unitsPerEm != 1000:
        # Control: with pyHanko's own factory a 2048-unit font is drawn letter-spaced (about twice the
        # pitch, the rest clipped by the stamp's box), and this measurement sees it.
        naive = _glyph_starts(_stamped(GlyphAccumulatorFactory(str(font), font_size=size), text, size))
        assert (naive[-1] - naive[0]) / (len(naive) - 1) > 1.5 * pitch


def _appearance(pdf: bytes, field: str) -> StreamObject:
    reader = PdfFileReader(io.BytesIO(pdf))
    sig = next(s for s in reader.embedded_regular_signatures if s.field_name == field)
    stream: StreamObject = sig.sig_field["/AP"]["/N"]
    return stream


def _qr_modules(xobject: StreamObject) -> set[tuple[int, int]]:
    # One "col row 1 1 re" per dark module. (pyHanko's content parser reads the final "f" as a boolean.)
    return {(int(row), int(col)) for col, row in re.findall(rb"(\d+) (\d+) 1 1 re", xobject.data)}


def _expected_qr(url: str) -> set[tuple[int, int]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make()
    return {(r, c) for r, row in enumerate(code.get_matrix()) for c, dark in enumerate(row) if dark}


def _widths(w_array: list[object]) -> dict[int, int]:
    widths, items = {}, list(w_array)
    while items:
        first, run = int(items.pop(0)), items.pop(0)   # "c [w1 w2 ...]" form, as pyHanko writes it
        for offset, width in enumerate(run):  # type: ignore[arg-type]
            widths[first + offset] = int(width)
    return widths


def _stamped(font: object, text: str, size: int) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(sample_pdf(fields=())))
    style = TextStampStyle(stamp_text=text, border_width=0,
                           text_box_style=TextBoxStyle(font=font, font_size=size))  # type: ignore[arg-type]
    TextStamp(writer, style).apply(0, 40, 40)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _glyph_starts(pdf: bytes, dpi: int = 288) -> list[float]:
    """Left edges (in points) of the separate runs of ink along the bottom-left 500 x 100 pt of page 1."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stamp.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", "1", "-l", "1", "-x", "0",
                        "-y", str(int((842 - 100) * dpi / 72)), "-W", str(int(500 * dpi / 72)),
                        "-H", str(int(100 * dpi / 72)), str(path), str(Path(folder) / "page")], check=True)
        image = Image.open(next(Path(folder).glob("page*.png"))).convert("L")
    width, height = image.size
    pixels = image.load()
    inked = [any(pixels[x, y] < 128 for y in range(height)) for x in range(width)]
    return [x * 72 / dpi for x in range(width) if inked[x] and (x == 0 or not inked[x - 1])]
