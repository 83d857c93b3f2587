"""The public verification page (the QR target) in a real browser: the signed sample Berita Acara
reads SAH with its signers, an unknown code shows the not-found page, both without console errors and
without serious accessibility violations."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

from playwright.sync_api import expect
from pyhanko.pdf_utils.reader import PdfFileReader

from tests.browser.support import LiveApp, PageProblems


def test_signed_document_verifies_as_valid(page: Any, page_problems: PageProblems, live_app: LiveApp,
                                           axe: Any) -> None:
    document = live_app.sample.document
    response = page.goto(f"/v/{document.public_id}")
    assert response is not None and response.status == 200
    verdict = page.get_by_role("status")
    expect(verdict).to_contain_text("SAH")
    expect(verdict).not_to_contain_text("TIDAK SAH")
    expect(page.locator("main")).to_contain_text(document.number or "")
    signers = page.locator("table").nth(1)
    expect(signers).to_contain_text("Paraf")
    expect(signers).to_contain_text("Tanda tangan elektronik")
    axe(page)


def test_link_in_the_signed_pdf_opens_a_valid_verification(page: Any, page_problems: PageProblems,
                                                            live_app: LiveApp) -> None:
    """Download the PDF from its verification page, follow the link its QR stamp and footer carry."""
    page.goto(f"/v/{live_app.sample.document.public_id}")
    download = page.get_by_role("link", name="Unduh dokumen (PDF)")
    pdf = page.request.get(download.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    links = _link_targets(pdf.body())
    assert links == {f"{live_app.url}/v/{live_app.sample.document.public_id}"}
    fresh = page.context.new_page()
    page_problems.watch(fresh)
    fresh.goto(links.pop())
    expect(fresh.get_by_role("status")).to_contain_text("SAH")
    expect(fresh.get_by_role("status")).not_to_contain_text("TIDAK SAH")


def test_unknown_code_shows_not_found(page: Any, page_problems: PageProblems, axe: Any) -> None:
    # The browser reports the 404 of the page itself on the console; that one line is expected.
    page_problems.allow(r"^console error: Failed to load resource: the server responded with a status of 404 "
                        r"\(NOT FOUND\) \(at http://127\.0\.0\.1:\d+/v/TIDAK-ADA-123\)$")
    response = page.goto("/v/TIDAK-ADA-123")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dokumen tidak ditemukan")
    expect(page.get_by_role("status")).to_contain_text(re.compile("TIDAK DITEMUKAN"))
    axe(page)


def _link_targets(pdf: bytes) -> set[str]:
    reader = PdfFileReader(BytesIO(pdf))
    targets = set()
    for index in range(int(reader.root["/Pages"]["/Count"])):
        page = reader.find_page_for_modification(index)[0].get_object()
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action.get_object():
                targets.add(str(action.get_object()["/URI"]))
    return targets


def test_upload_a_signed_pdf_on_the_verification_page(page: Any, page_problems: PageProblems, live_app: LiveApp,
                                                      axe: Any) -> None:
    """From the QR page to /v, upload the document's PDF and read the verdict per signature."""
    document = live_app.sample.document
    page.goto(f"/v/{document.public_id}")
    pdf = page.request.get(page.get_by_role("link", name="Unduh dokumen (PDF)").get_attribute("href")).body()
    page.get_by_role("link", name="Periksa berkas PDF yang Anda terima").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa keabsahan dokumen PDF")
    axe(page)
    page.get_by_label("Berkas PDF").set_input_files(
        files=[{"name": "berita-acara.pdf", "mimeType": "application/pdf", "buffer": pdf}])
    with page.expect_navigation():
        page.get_by_role("button", name="Periksa dokumen").click()
    verdict = page.get_by_role("status")
    expect(verdict).to_contain_text("SAH")
    expect(verdict).not_to_contain_text("TIDAK SAH")
    signatures = page.get_by_role("table", name="Tanda tangan dalam dokumen")
    expect(signatures).to_contain_text("Ir. Slamet Riyadi, M.T.")
    expect(signatures).to_contain_text("Kepala Dinas, PUPR")
    expect(signatures).to_contain_text("TOTAL-PASSED")
    expect(signatures.locator("tbody tr")).to_have_count(4)
    axe(page)


def test_a_file_that_is_not_a_pdf_is_refused_on_the_page(page: Any, page_problems: PageProblems, axe: Any) -> None:
    page_problems.allow(r"^console error: Failed to load resource: the server responded with a status of 415 "
                        r"\(UNSUPPORTED MEDIA TYPE\) \(at http://127\.0\.0\.1:\d+/v\)$")
    page.goto("/v")
    page.get_by_label("Berkas PDF").set_input_files(
        files=[{"name": "surat.pdf", "mimeType": "application/pdf", "buffer": b"<html>bukan pdf</html>"}])
    with page.expect_navigation():
        page.get_by_role("button", name="Periksa dokumen").click()
    expect(page.get_by_role("alert")).to_contain_text("Berkas ini bukan PDF")
    expect(page.get_by_label("Berkas PDF")).to_have_attribute("aria-invalid", "true")
    axe(page)
