"""The shell every page shares, on SQLite and PostgreSQL: language switch and date formats, security
headers and cookies, error pages for domain and HTTP errors, and the public pages (/v, /pki, /healthz)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask import Blueprint, g, session
from flask_babel import refresh

from engine.bootstrap import Lintas
from engine.domain.accounts import SignedIn
from engine.domain.errors import Conflict, FieldError, NotFound, ValidationFailed
from engine.domain.org import Actor, Tenant
from tests.e2e.web_support import Browser
from tests.integration.conftest import ORG
from tests.integration.documents_support import started_letter
from tests.signing_support import SessionPki, enrol
from web.app import create_app
from web.i18n import tanggal, tanggal_jam
from web.security import csp

BUNDLE = Path(__file__).resolve().parents[2] / "processes" / "pengaduan-jalan-rusak"
REPORT = {"nama_pelapor": "Rudi Hartono", "kanal": "lapor", "lokasi": "Jl. Merdeka km 3", "kecamatan": "Kota",
          "uraian": "Lubang besar di tengah jalan.", "tanggal_kejadian": "2026-03-15"}


def switch(browser: Browser, lang: str, back_to: str) -> None:
    done = browser.post("/bahasa", {"lang": lang, "next": back_to}, page=back_to)
    assert (done.status_code, done.location) == (303, back_to)


def test_the_language_switch_changes_strings_and_dates_and_is_remembered(browser: Browser) -> None:
    browser.lintas.deployments.deploy(BUNDLE)
    browser.lintas.instances.start("pengaduan-jalan-rusak", as_user="admin.pengaduan", data=REPORT)
    browser.signed_in_as("admin.pengaduan")
    page = browser.text("/kotak-masuk")
    assert 'lang="id"' in page and "<h1>Kotak Masuk</h1>" in page and "27 Maret 2026 16.30 WIB" in page
    assert 'value="en" lang="en" class="lang-switch__option"' in page
    switch(browser, "en", "/kotak-masuk")
    page = browser.text("/kotak-masuk")
    assert 'lang="en"' in page and "<h1>Inbox</h1>" in page and "27 March 2026, 16:30 WIB" in page
    assert "Sign out" in page and "Kotak Masuk" not in page
    browser.post("/keluar", page="/kotak-masuk")
    assert "Sign in to Lintas" in browser.text("/masuk")                 # the choice outlives the sign-in
    switch(browser, "id", "/masuk")
    assert "Masuk ke Lintas" in browser.text("/masuk")
    assert browser.post("/bahasa", {"lang": "fr", "next": "https://jahat.example/"}).location == "/"
    assert 'lang="id"' in browser.text("/masuk")


def actor(tenant_id: int = 1) -> Actor:
    return Actor(1, "budi", "Budi", tenant_id, frozenset(), ())


@pytest.mark.parametrize(("zone", "label", "hour"), [
    ("Asia/Jakarta", "WIB", "09.30"), ("Asia/Makassar", "WITA", "10.30"), ("Asia/Jayapura", "WIT", "11.30")])
def test_dates_in_indonesian_and_english_in_the_zone_of_the_persons_pemda(lintas: Lintas, zone: str, label: str,
                                                                          hour: str) -> None:
    flask_app = create_app(lintas, {"TESTING": True})
    moment = datetime(2026, 3, 17, 2, 30, tzinfo=UTC)
    with flask_app.test_request_context("/"):
        g.lintas_user = SignedIn(actor(), Tenant(1, "kab", "Kabupaten", zone), "x")
        assert tanggal(moment) == "17 Maret 2026"
        assert tanggal_jam(moment) == f"17 Maret 2026 {hour} {label}"
        assert tanggal(date(2026, 8, 17), with_day=True) == "Senin, 17 Agustus 2026"
        assert tanggal("2026-03-15") == "15 Maret 2026" and tanggal(None) == "–"
        assert tanggal_jam(datetime(2026, 3, 16, 18, 0, tzinfo=UTC)).startswith("17 Maret 2026 ")  # local day
        session["lang"] = "en"
        refresh()                                                   # Flask-Babel keeps the locale per request
        assert tanggal(moment) == "17 March 2026"
        assert tanggal_jam(moment) == f"17 March 2026, {hour.replace('.', ':')} {label}"
        assert tanggal_jam(moment, "Asia/Jakarta") == "17 March 2026, 09:30 WIB"


def test_security_headers_and_cookie_flags(browser: Browser) -> None:
    page = browser.get("/masuk")
    headers = page.headers
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY" and "Strict-Transport-Security" not in headers
    cookie = headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    html = page.get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and " style=" not in html and "<style" not in html
    assert re.search(r'<meta name="csrf-token" content="[^"]+">', html)
    assert "http://" not in html and "https://" not in html                # nothing from elsewhere
    for path in ("/tidak-ada", "/v/tidak-ada", "/healthz"):
        assert "frame-ancestors 'none'" in browser.get(path).headers["Content-Security-Policy"]


def test_https_makes_the_cookie_secure_and_adds_hsts(demo_lintas: Lintas) -> None:
    demo_lintas.ctx.settings = replace(demo_lintas.settings, public_url="https://lintas.contoh.go.id")
    page = Browser(demo_lintas).get("/masuk")
    assert "Secure" in page.headers["Set-Cookie"] and page.headers["Strict-Transport-Security"]


def test_the_secret_key_is_generated_once_into_the_instance_folder(lintas: Lintas) -> None:
    first = create_app(lintas).secret_key
    key_file = lintas.settings.instance_dir / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600 and len(str(first)) == 64
    assert create_app(lintas).secret_key == first
    lintas.ctx.settings = replace(lintas.settings, secret_key="k" * 40)
    assert create_app(lintas).secret_key == "k" * 40
    lintas.ctx.settings = replace(lintas.settings, secret_key="pendek")
    with pytest.raises(ValueError, match="at least 32"):
        create_app(lintas)


def failing_app(lintas: Lintas) -> Browser:
    failing = Blueprint("gagal", __name__)

    @failing.get("/uji/tidak-ada")
    def missing() -> str:
        raise NotFound("kasus 7 tidak ditemukan", "case 7 not found")

    @failing.get("/uji/konflik")
    def conflict() -> str:
        raise Conflict("tugas sudah diambil orang lain", "the task was claimed by someone else")

    @failing.get("/uji/isian")
    def invalid() -> str:
        raise ValidationFailed([FieldError("lokasi", "required", "lokasi wajib diisi", "location is required")])

    @failing.get("/uji/bingkai")
    @csp(frame_ancestors="'self'", img_src="'self' blob:")
    def framed() -> str:
        return "boleh dibingkai"

    @failing.get("/uji/rusak")
    def broken() -> str:
        raise RuntimeError("rahasia internal")

    flask_app = create_app(lintas, {"TESTING": False, "PROPAGATE_EXCEPTIONS": False})
    flask_app.register_blueprint(failing)
    return Browser(lintas, flask_app)


def test_domain_errors_become_error_pages_in_indonesian_first(demo_lintas: Lintas) -> None:
    browser = failing_app(demo_lintas)
    missing = browser.get("/uji/tidak-ada")
    page = missing.get_data(as_text=True)
    assert missing.status_code == 404 and "<h1>Tidak ditemukan</h1>" in page
    assert page.index("Kasus 7 tidak ditemukan") < page.index("Case 7 not found")
    assert browser.get("/uji/konflik").status_code == 409
    invalid = browser.get("/uji/isian")
    assert invalid.status_code == 422 and "lokasi: lokasi wajib diisi" in invalid.get_data(as_text=True)
    as_json = browser.get("/uji/tidak-ada", headers={"Accept": "application/json"})
    assert as_json.get_json() == {"error": "not_found", "message_id": "kasus 7 tidak ditemukan",
                                  "message_en": "case 7 not found"}
    broken = browser.get("/uji/rusak")
    assert broken.status_code == 500 and "rahasia internal" not in broken.get_data(as_text=True)
    assert "Terjadi kesalahan pada sistem" in broken.get_data(as_text=True)
    switch(browser, "en", "/masuk")
    english = browser.get("/uji/tidak-ada").get_data(as_text=True)
    assert "<h1>Not found</h1>" in english and english.index("Case 7 not found") < english.index("Kasus 7")


def test_a_view_may_widen_its_own_content_security_policy(demo_lintas: Lintas) -> None:
    browser = failing_app(demo_lintas)
    framed = browser.get("/uji/bingkai")
    assert "frame-ancestors 'self'" in framed.headers["Content-Security-Policy"]
    assert "img-src 'self' blob:" in framed.headers["Content-Security-Policy"]
    assert "script-src 'self';" in framed.headers["Content-Security-Policy"]
    assert framed.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'none'" in browser.get("/masuk").headers["Content-Security-Policy"]


def test_http_error_pages(browser: Browser) -> None:
    missing = browser.get("/tidak-ada-halaman")
    assert missing.status_code == 404 and "Halaman yang Anda cari tidak ada" in missing.get_data(as_text=True)
    wrong = browser.get("/keluar")
    assert wrong.status_code == 405 and "Cara akses tidak diizinkan" in wrong.get_data(as_text=True)


def test_pki_endpoints_take_posts_without_csrf_tokens(lintas: Lintas) -> None:
    browser = Browser(lintas)
    ocsp = browser.client.post("/pki/ocsp", data=b"\x30\x00", content_type="application/ocsp-request")
    assert (ocsp.status_code, ocsp.mimetype) == (200, "application/ocsp-response")
    tsa = browser.client.post("/pki/tsa", data=b"\x30\x00", content_type="application/timestamp-query")
    assert (tsa.status_code, tsa.mimetype) == (200, "application/timestamp-reply")
    crl = browser.get("/pki/crl/issuing.crl")
    assert (crl.status_code, crl.mimetype) == (200, "application/pkix-crl")
    assert browser.client.post("/bahasa", data={"lang": "en"}).status_code == 400     # everything else: CSRF


def test_the_verification_page_and_pdf_need_no_sign_in(lintas: Lintas, session_pki: SessionPki,
                                                      tmp_path: Path) -> None:
    lintas.org.load_file(ORG)
    enrol(lintas, session_pki, "kabid", "kadis", seal_tenants=("kab-uji",))
    case = started_letter(lintas, tmp_path)
    [doc] = lintas.documents.for_instance(case)
    browser = Browser(lintas)
    page = browser.get(f"/v/{doc.public_id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Verifikasi Dokumen Elektronik" in html and "Surat Uji" in html
    assert "Draf" in html and "Belum ada tanda tangan." in html and 'class="brand"' in html
    pdf = browser.get(f"/v/{doc.public_id}/pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert pdf.headers["Content-Security-Policy"] == "frame-ancestors 'self'"     # the task page may show it
    assert (pdf.headers["X-Frame-Options"], pdf.headers["X-Content-Type-Options"]) == ("SAMEORIGIN", "nosniff")
    gone = browser.get("/v/kode-palsu-123")
    assert gone.status_code == 404 and "TIDAK DITEMUKAN" in gone.get_data(as_text=True)
    switch(browser, "en", f"/v/{doc.public_id}")
    assert "Electronic Document Verification" in browser.text(f"/v/{doc.public_id}")


def test_health_check(lintas: Lintas) -> None:
    health = Browser(lintas).get("/healthz").get_json()
    assert health == {"status": "ok", "database": lintas.ctx.db.backend}
