"""Signing in and out of the web app, on SQLite and PostgreSQL: the inbox after sign-in, the lock
after five failures, no open redirect, CSRF on every POST, sessions ended by a new password or age,
and access levels."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Blueprint

from engine.bootstrap import Lintas
from tests.conftest import FixedClock
from tests.e2e.web_support import PASSWORD, Browser
from web.app import create_app
from web.auth import requires
from web.nav import NavItem, add_nav_item

BUNDLE = Path(__file__).resolve().parents[2] / "processes" / "pengaduan-jalan-rusak"
REPORT = {"nama_pelapor": "Rudi Hartono", "kanal": "lapor", "lokasi": "Jl. Merdeka km 3", "kecamatan": "Kota",
          "uraian": "Lubang besar di tengah jalan.", "tanggal_kejadian": "2026-03-15"}
LOGIN_FAILED = "Nama pengguna atau kata sandi salah, atau akun tidak aktif"


def test_signing_in_lands_in_the_inbox_with_the_task_and_its_deadline(browser: Browser) -> None:
    browser.lintas.deployments.deploy(BUNDLE)
    case = browser.lintas.instances.start("pengaduan-jalan-rusak", as_user="admin.pengaduan", data=REPORT,
                                          business_key="LAP-UJI-0001")
    home = browser.get("/")
    assert (home.status_code, home.location) == (303, "/masuk")
    browser.lintas.accounts.set_password("admin.pengaduan", PASSWORD)
    signed_in = browser.login("admin.pengaduan")
    assert (signed_in.status_code, signed_in.location) == (303, "/")
    assert browser.get("/").location == "/kotak-masuk"
    page = browser.text("/kotak-masuk")
    assert "Nur Aini Safitri, A.Md." in page and "Pemerintah Kabupaten Contoh" in page
    assert "Verifikasi laporan" in page and "LAP-UJI-0001" in page and f"#{case.id}" in page
    assert "27 Maret 2026 16.30 WIB" in page                        # 3 working days, in the tenant's zone
    assert "Antrean unit: DISKOMINFO/Admin Pengaduan" in page
    assert 'aria-current="page">Kotak Masuk' in page and ">Admin<" not in page
    assert "Belum ada" not in page and browser.get("/masuk").location == "/"   # signed in: no form again


def test_one_message_for_every_failure_then_the_lock_then_the_unlock(browser: Browser, clock: FixedClock) -> None:
    browser.lintas.accounts.set_password("kadis.pupr", PASSWORD)
    for wrong in ("salah-sekali-1", "salah-sekali-2", "salah-sekali-3", "salah-sekali-4"):
        failed = browser.login("kadis.pupr", wrong)
        assert failed.status_code == 401 and LOGIN_FAILED in failed.get_data(as_text=True)
    unknown = browser.login("tidak.ada", PASSWORD)
    assert unknown.status_code == 401 and LOGIN_FAILED in unknown.get_data(as_text=True)
    clock.advance(minutes=1)
    assert browser.login("kadis.pupr", "salah-sekali-5").status_code == 401       # the fifth failure
    locked = browser.login("kadis.pupr", PASSWORD)
    page = locked.get_data(as_text=True)
    assert locked.status_code == 429 and "coba lagi dalam 15 menit" in page and locked.headers["Retry-After"] == "900"
    assert 'value="kadis.pupr"' in page and PASSWORD not in page
    assert browser.get("/kotak-masuk").status_code == 303                         # still not signed in
    clock.advance(minutes=15)
    assert browser.login("kadis.pupr", PASSWORD).status_code == 303
    assert browser.get("/kotak-masuk").status_code == 200


@pytest.mark.parametrize(("target", "landing"), [
    ("/kotak-masuk?urut=tenggat", "/kotak-masuk?urut=tenggat"),
    ("https://jahat.example/masuk", "/"),
    ("//jahat.example/masuk", "/"),
    ("/\\jahat.example", "/"),
    ("javascript:alert(1)", "/"),
    ("/\tjahat", "/"),
])
def test_after_sign_in_only_paths_of_this_site_are_followed(demo_lintas: Lintas, target: str, landing: str) -> None:
    demo_lintas.accounts.set_password("kadis.pupr", PASSWORD)
    response = Browser(demo_lintas).login("kadis.pupr", next=target)
    assert (response.status_code, response.location) == (303, landing)


def test_a_page_asked_for_before_signing_in_is_shown_after_it(browser: Browser) -> None:
    asked = browser.get("/kotak-masuk?urut=tenggat")
    where = urlsplit(asked.location)
    assert (where.path, parse_qs(where.query)) == ("/masuk", {"next": ["/kotak-masuk?urut=tenggat"]})
    form = browser.text(asked.location)
    assert 'name="next" value="/kotak-masuk?urut=tenggat"' in form
    browser.lintas.accounts.set_password("kadis.pupr", PASSWORD)
    assert browser.login("kadis.pupr", next="/kotak-masuk?urut=tenggat").location == "/kotak-masuk?urut=tenggat"
    htmx = Browser(browser.lintas).get("/kotak-masuk", headers={"HX-Request": "true"})
    assert htmx.status_code == 401 and htmx.headers["HX-Redirect"].startswith("/masuk")


def test_a_post_without_csrf_token_is_refused_and_changes_nothing(browser: Browser) -> None:
    browser.lintas.accounts.set_password("kadis.pupr", PASSWORD)
    for _ in range(6):                                   # refused before the password is even looked at
        refused = browser.post("/masuk", {"username": "kadis.pupr", "password": "salah-sekali-9"}, token=False)
        assert refused.status_code == 400 and "Formulir ini sudah kedaluwarsa" in refused.get_data(as_text=True)
    assert browser.post("/masuk", {"username": "kadis.pupr", "password": PASSWORD}, token=False).status_code == 400
    assert browser.get("/kotak-masuk").status_code == 303
    assert browser.login("kadis.pupr").status_code == 303                 # no failure was counted
    assert browser.post("/keluar", token=False).status_code == 400
    assert browser.post("/bahasa", {"lang": "en"}, token=False).status_code == 400
    page = browser.text("/kotak-masuk")                                   # still signed in, still Indonesian
    assert 'lang="id"' in page and "Kotak Masuk" in page
    forged = browser.client.post("/keluar", data={"csrf_token": "palsu"})
    assert forged.status_code == 400 and browser.get("/kotak-masuk").status_code == 200


def test_signing_out(browser: Browser) -> None:
    browser.signed_in_as("kadis.pupr")
    page = browser.get("/kotak-masuk")
    assert page.headers["Cache-Control"] == "no-store"          # not kept for the back button
    out = browser.post("/keluar", page="/kotak-masuk")
    assert (out.status_code, out.location) == (303, "/masuk")
    assert "Anda telah keluar." in browser.text("/masuk")
    assert browser.get("/kotak-masuk").status_code == 303
    assert browser.get("/keluar").status_code == 405                     # never by a link or an image


def test_a_new_password_ends_the_sessions_made_with_the_old_one(browser: Browser) -> None:
    browser.signed_in_as("kadis.pupr")
    other = Browser(browser.lintas, browser.app).signed_in_as("kadis.pupr")
    assert other.get("/kotak-masuk").status_code == 200
    browser.lintas.accounts.set_password("kadis.pupr", "kata-sandi-baru-2026")
    for session in (browser, other):
        ended = session.get("/kotak-masuk")
        assert ended.status_code == 303 and ended.location.startswith("/masuk")
    assert "Sesi Anda telah berakhir" in browser.text("/masuk")
    assert browser.login("kadis.pupr", "kata-sandi-baru-2026").status_code == 303


def test_a_sign_in_ends_after_ten_hours(browser: Browser, clock: FixedClock) -> None:
    browser.signed_in_as("kadis.pupr")
    clock.advance(hours=9, minutes=59)
    assert browser.get("/kotak-masuk").status_code == 200
    clock.advance(minutes=2)
    assert browser.get("/kotak-masuk").status_code == 303


def test_inactive_and_former_accounts_cannot_sign_in(lintas: Lintas) -> None:
    lintas.org.load_file(Path(__file__).resolve().parents[1] / "fixtures" / "org.yaml")
    lintas.accounts.set_password("nonaktif", PASSWORD)
    refused = Browser(lintas).login("nonaktif")
    assert refused.status_code == 401 and LOGIN_FAILED in refused.get_data(as_text=True)


def test_requires_gives_403_to_others_and_the_nav_follows_access(demo_lintas: Lintas) -> None:
    probe = Blueprint("probe", __name__)
    probe.add_url_rule("/uji-admin", "index", requires("admin")(lambda: "halaman admin"))
    flask_app = create_app(demo_lintas, {"TESTING": True})
    flask_app.register_blueprint(probe)
    add_nav_item(flask_app, NavItem("probe.index", "Uji Admin", access="admin", order=95))
    clerk = Browser(demo_lintas, flask_app).signed_in_as("admin.pengaduan")
    denied = clerk.get("/uji-admin")
    page = denied.get_data(as_text=True)
    assert denied.status_code == 403 and "Akses ditolak" in page
    assert "Halaman ini hanya untuk pengguna dengan akses" in page
    assert ">Uji Admin<" not in clerk.text("/kotak-masuk")
    boss = Browser(demo_lintas, flask_app).signed_in_as("kabag.umum")
    assert boss.get("/uji-admin").get_data(as_text=True) == "halaman admin"
    assert '<a href="/uji-admin">Uji Admin</a>' in boss.text("/kotak-masuk")
    assert Browser(demo_lintas, flask_app).get("/uji-admin").status_code == 303
