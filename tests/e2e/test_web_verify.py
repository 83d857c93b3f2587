"""Verifying an uploaded PDF on /v, without signing in, on SQLite and PostgreSQL: the sample complaint's
signed Berita Acara is SAH with its signers, a copy with one byte changed in the signed range is TIDAK
SAH, a file over the limit and a file that is not a PDF get clear errors, and nothing is stored."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from flask import request
from sqlalchemy import func, select

from engine.bootstrap import Lintas
from engine.persistence.models.cases import AttachmentRow
from engine.persistence.models.documents import BlobRow
from engine.services.demo_walk import SampleCase
from tests.e2e.sample_support import sample_complaint
from tests.e2e.web_support import Browser
from tests.signing_support import SessionPki


@pytest.fixture
def sample(demo_lintas: Lintas, session_pki: SessionPki) -> SampleCase:
    return sample_complaint(demo_lintas, session_pki)


def signed_pdf(lintas: Lintas, sample: SampleCase) -> bytes:
    return lintas.documents.public_pdf(sample.document.public_id)[1]


def tampered(pdf: bytes) -> bytes:
    """One byte changed inside the first signed range of the last signature, in a content stream."""
    ranges = re.findall(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    start, length = int(ranges[-1][0]), int(ranges[-1][1])
    at = pdf.index(b"stream", start, start + length) + 20
    assert at < start + length
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1:]


def upload(browser: Browser, content: bytes, name: str = "berita-acara.pdf") -> tuple[int, str]:
    response = browser.client.post("/v", data={"csrf_token": browser.token("/v"),
                                               "berkas": (io.BytesIO(content), name)},
                                   content_type="multipart/form-data")
    return response.status_code, response.get_data(as_text=True)


def verdict(html: str) -> str:
    found = re.search(r'<strong class="verdict__word">([^<]+)</strong>', html)
    assert found is not None
    return found.group(1)


def test_the_upload_page_explains_and_needs_no_sign_in(browser: Browser, sample: SampleCase) -> None:
    page = browser.get("/v")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Periksa keabsahan dokumen PDF" in html
    assert 'enctype="multipart/form-data"' in html and 'name="csrf_token"' in html
    assert '<label for="berkas">Berkas PDF</label>' in html and 'aria-describedby="berkas-petunjuk"' in html
    assert "paling besar 20 MB" in html
    assert 'href="/v"' in browser.text(f"/v/{sample.document.public_id}")        # from the QR page
    assert 'href="/v"' in browser.text("/masuk")                                 # and every page's footer


def test_the_signed_berita_acara_is_valid_with_its_signers(browser: Browser, sample: SampleCase) -> None:
    blobs_before = _stored(browser.lintas)
    status, html = upload(browser, signed_pdf(browser.lintas, sample))
    assert status == 200 and verdict(html) == "SAH"
    assert 'class="verdict verdict--valid" role="status"' in html
    table = html[html.index('class="table verify-signatures"'):]
    # The header, then the paraf and the signature, each followed by its B-LTA document time-stamp.
    assert table.count("<tr>") == 5 and table.count("Cap waktu dokumen") == 2
    assert "kabid.binamarga" in table and "kadis.pupr" in table
    assert "TOTAL-PASSED" in table and "Utuh" in table and "Isi berubah" not in table
    assert "2026" in table and "WIB" in table
    assert "Berkas yang Anda unggah hanya diperiksa dan tidak disimpan." in html
    assert _stored(browser.lintas) == blobs_before


def test_a_tampered_copy_is_not_valid(browser: Browser, sample: SampleCase) -> None:
    status, html = upload(browser, tampered(signed_pdf(browser.lintas, sample)))
    assert status == 200 and verdict(html) == "TIDAK SAH"
    assert 'class="verdict verdict--invalid"' in html and "Isi berubah" in html and "TOTAL-FAILED" in html


def test_not_a_pdf_and_an_empty_form(browser: Browser, sample: SampleCase) -> None:
    status, html = upload(browser, b"<html>bukan pdf</html>", "surat.pdf")
    assert status == 415 and "Berkas ini bukan PDF" in html and 'aria-invalid="true"' in html
    assert 'aria-describedby="berkas-petunjuk berkas-galat"' in html and "verdict__word" not in html
    status, html = upload(browser, b"", "kosong.pdf")
    assert status == 400 and "Pilih berkas PDF" in html
    no_token = browser.client.post("/v", data={"berkas": (io.BytesIO(b"%PDF-1.7"), "a.pdf")},
                                   content_type="multipart/form-data")
    assert no_token.status_code == 400 and "kedaluwarsa" in no_token.get_data(as_text=True)


def test_files_over_the_limit_are_refused_kindly(demo_lintas: Lintas, session_pki: SessionPki) -> None:
    sample = sample_complaint(demo_lintas, session_pki)
    pdf = signed_pdf(demo_lintas, sample)
    demo_lintas.ctx.settings = replace(demo_lintas.settings, max_verify_bytes=len(pdf) - 1)
    browser = Browser(demo_lintas)            # the app's request limit: the setting plus room for the form
    status, html = upload(browser, pdf)
    assert status == 413 and "Berkas terlalu besar" in html and 'id="berkas-galat"' in html
    status, html = upload(browser, pdf + b"\0" * (2 * 1024 * 1024))          # beyond the request limit too
    assert status == 413 and "Berkas terlalu besar" in html and 'id="berkas-galat"' in html


def _stored(lintas: Lintas) -> tuple[int, int]:
    with lintas.ctx.uow(write=False) as uow:           # test code may count rows; views never do
        return tuple(int(uow.session.scalar(select(func.count()).select_from(row)) or 0)  # type: ignore[return-value]
                     for row in (BlobRow, AttachmentRow))


def test_uploads_to_verify_stay_in_memory(browser: Browser) -> None:
    """werkzeug spools large uploads to a temporary file; a PDF sent to /v is kept in memory instead."""
    with browser.app.test_request_context("/v", method="POST"):
        assert isinstance(request._get_file_stream(15 * 1024 * 1024, "application/pdf", "a.pdf"), io.BytesIO)
    with browser.app.test_request_context("/tugas/1", method="POST"):
        assert not isinstance(request._get_file_stream(15 * 1024 * 1024, "application/pdf", "a.pdf"), io.BytesIO)
