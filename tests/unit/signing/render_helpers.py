"""Helpers for the rendering tests: a pemda letterhead, requests, and poppler's PDF tools.

Poppler's command-line tools (pdffonts, pdftotext, pdftoppm) read the PDFs the way a person's
viewer would; a test that needs one is skipped, saying so, if it is not installed.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from signing.render import Letterhead, RenderRequest, SignatureSlot

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
REPO = HERE.parents[2]
VERIFY_URL = "https://lintas.contoh.go.id/verifikasi/7f3a9c0d"
ISSUER = "Balai Besar Sertifikasi Elektronik (BSrE), BSSN"

KOP = Letterhead(
    pemda="Pemerintah Kabupaten Contoh",
    opd="Dinas Pekerjaan Umum dan Penataan Ruang",
    address="Jl. Veteran No. 1, Contoh 12345",
    contact="Telepon (0123) 456789, Pos-el dpupr@contoh.go.id, Laman pupr.contoh.go.id",
)
PARAF = SignatureSlot("paraf_kabid", "paraf", "Kepala Bidang Bina Marga")
TTD = SignatureSlot("ttd_kadis", "sign", "Kepala Dinas PUPR")

LETTER_DATA: dict[str, Any] = {
    "tanggal": "2026-03-17",
    "hal": "Jawaban pengaduan jalan rusak",
    "tujuan": "Sdr. Rudi Hartono",
    "alinea": ["Menindaklanjuti laporan Saudara melalui SP4N-LAPOR!, lubang di Jl. Merdeka km 3 telah ditambal."],
    "nilai": 1250000,
    "mulai": "2026-03-18",
    "paraf": True,
    "tembusan": ["Bupati Contoh", "Inspektur Kabupaten Contoh"],
}


def letter_request(**changes: Any) -> RenderRequest:
    """The sample letter (templates/surat.html) with a paraf and a signature, unnumbered."""
    base = RenderRequest(
        template_dir=TEMPLATES, template="surat.html", data=LETTER_DATA, letterhead=KOP,
        signatures=(PARAF, TTD), verify_url=VERIFY_URL, issuer_name=ISSUER, title="Jawaban Pengaduan",
    )
    return dataclasses.replace(base, **changes)


def bundle_request(bundle: Path, template: str = "t.html", **changes: Any) -> RenderRequest:
    """A request against a throw-away bundle folder, with one planned signature (ttd_kadis)."""
    base = RenderRequest(
        template_dir=bundle, template=template, data={}, letterhead=KOP, signatures=(TTD,),
        verify_url=VERIFY_URL, issuer_name=ISSUER,
    )
    return dataclasses.replace(base, **changes)


def page_template(body: str, head: str = "") -> str:
    """A bundle template on the base layout that places the ttd_kadis slot after ``body``."""
    return ('{% extends "lintas/surat.html" %}{% block gaya %}' + head + "{% endblock %}"
            "{% block isi %}" + body + '{{ tanda_tangan("ttd_kadis") }}{% endblock %}')


def pdf_tool(name: str, pdf: bytes, *args: str, tmp: Path) -> str:
    """Run a poppler tool on ``pdf`` and return what it prints."""
    exe = shutil.which(name)
    if exe is None:
        pytest.fail(f"{name} is missing: install the Debian package poppler-utils (`make setup` does)")
    path = tmp / "doc.pdf"
    path.write_bytes(pdf)
    # pdftotext writes to "-" (stdout); pdftoppm writes tmp/page-N.png and friends.
    tail = {"pdftotext": ["-"], "pdftoppm": [str(tmp / "page")]}.get(name, [])
    proc = subprocess.run([exe, *args, str(path), *tail], capture_output=True, check=True, timeout=120)
    return proc.stdout.decode("utf-8", "replace")


def reader(pdf: bytes) -> PdfFileReader:
    return PdfFileReader(io.BytesIO(pdf))


def pages(pdf: bytes) -> list[generic.DictionaryObject]:
    """The page dictionaries in order."""
    def walk(node: generic.DictionaryObject) -> list[generic.DictionaryObject]:
        if node["/Type"] == "/Pages":
            return [leaf for kid in node["/Kids"] for leaf in walk(kid.get_object())]
        return [node]
    return walk(reader(pdf).root["/Pages"])


def widgets(pdf: bytes) -> dict[str, tuple[int, generic.DictionaryObject]]:
    """Every widget annotation by field name, with the 0-based index of the page listing it."""
    found: dict[str, tuple[int, generic.DictionaryObject]] = {}
    for index, page in enumerate(pages(pdf)):
        for annot_ref in page.get("/Annots", []):
            annot = annot_ref.get_object()
            if annot.get("/Subtype") == "/Widget":
                found[str(annot["/T"])] = (index, annot)
    return found


def rect(annot: generic.DictionaryObject) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
    return x1, y1, x2, y2


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def words(pdf: bytes, tmp: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, word) as pdftotext -bbox sees them; y from the top of the page."""
    html = pdf_tool("pdftotext", pdf, "-bbox", tmp=tmp)
    return [(page_no, *(float(m.group(i)) for i in range(1, 5)), m.group(5))  # type: ignore[misc]
            for page_no, page in enumerate(html.split("<page ")[1:]) for m in _WORD.finditer(page)]
