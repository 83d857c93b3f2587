"""The admin's acting-officials page (/admin) on SQLite and PostgreSQL: appointing a Plt shows the
service's field errors next to the inputs, then records it; the Plt then receives the role's tasks;
ending it early takes them away again; only admins get the page."""

from __future__ import annotations

import re

from engine.bootstrap import Lintas
from tests.e2e.sample_support import BUNDLE
from tests.e2e.web_support import Browser

ADMIN = "kabag.umum"
REPORT = {"nama_pelapor": "Rudi Hartono", "kanal": "lapor", "lokasi": "Jl. Merdeka km 3", "kecamatan": "Kota",
          "uraian": "Lubang besar di tengah jalan.", "tanggal_kejadian": "2026-03-15"}


def disposition_waiting(lintas: Lintas) -> int:
    """A complaint verified by the admin, waiting for the PUPR Kepala Dinas's disposition."""
    lintas.deployments.deploy(BUNDLE)
    case = lintas.instances.start("pengaduan-jalan-rusak", as_user="admin.pengaduan", data=REPORT).id
    [verify] = [w for w in lintas.work_items.inbox("admin.pengaduan") if w.instance_id == case]
    lintas.work_items.complete(verify.id, as_user="admin.pengaduan",
                               data={"hasil_verifikasi": "verifikasi", "klasifikasi": "pengaduan"})
    return case


def tasks_of(lintas: Lintas, username: str, case: int) -> list[str]:
    return [w.element_id for w in lintas.work_items.inbox(username) if w.instance_id == case]


def test_appoint_with_errors_then_success_then_end_early(browser: Browser) -> None:
    case = disposition_waiting(browser.lintas)
    assert tasks_of(browser.lintas, "kabid.binamarga", case) == []
    browser.signed_in_as(ADMIN)
    page = browser.text("/admin")
    assert "<h1>Pejabat Plt/Plh</h1>" in page and "Belum ada penunjukan." in page
    assert '<option value="PUPR/Kepala Dinas">PUPR/Kepala Dinas</option>' in page
    assert "Siti Rahmawati, S.T., M.T. (kabid.binamarga" in page
    assert "Plt (Pelaksana Tugas)" in page and "Plh (Pelaksana Harian)" in page
    assert 'min="2026-03-17"' in page

    wrong = browser.post("/admin/penunjukan", {"role": "", "username": "kabid.binamarga", "capacity": "plt",
                                               "valid_from": "2026-03-10", "valid_to": "2026-03-01"}, page="/admin")
    html = wrong.get_data(as_text=True)
    assert wrong.status_code == 422 and "Penunjukan belum dicatat" in html
    assert re.search(r'<span class="error" id="galat-role">Tulis peran sebagai OPD/Peran', html)
    assert re.search(r'<span class="error" id="galat-valid_to">Tanggal akhir sebelum tanggal mulai', html)
    assert re.search(r'<span class="error" id="galat-valid_from">Penunjukan tidak dapat berlaku surut', html)
    assert 'aria-describedby="petunjuk-mulai galat-valid_from" aria-invalid="true"' in html
    assert '<option value="kabid.binamarga" selected>' in html                 # the choices are kept
    assert browser.lintas.acting.listing(ADMIN) == []

    done = browser.post("/admin/penunjukan", {"role": "PUPR/Kepala Dinas", "username": "kabid.binamarga",
                                              "capacity": "plt", "valid_from": "2026-03-17",
                                              "valid_to": "2026-04-30", "decree": "800/12/BKPSDM/2026"},
                        page="/admin")
    assert (done.status_code, done.location) == (303, "/admin")
    page = browser.text("/admin")
    assert "Siti Rahmawati, S.T., M.T. ditunjuk sebagai Plt. PUPR/Kepala Dinas." in page
    row = page[page.index('data-appointment="'):]
    assert "Plt (Pelaksana Tugas)" in row and "17 Maret 2026 – 30 April 2026" in row and "Aktif" in row
    assert "800/12/BKPSDM/2026" in row
    assert "Aktif" in browser.text("/admin?aktif=1")
    [made] = browser.lintas.acting.listing(ADMIN)
    assert tasks_of(browser.lintas, "kabid.binamarga", case) == ["Task_Disposisi"]    # the role's queue, as Plt

    again = browser.post("/admin/penunjukan", {"role": "PUPR/Kepala Dinas", "username": "kabid.binamarga",
                                               "capacity": "plh", "valid_from": "2026-03-20",
                                               "valid_to": "2026-03-27"}, page="/admin")
    assert again.status_code == 422 and "bertumpang tindih" in again.get_data(as_text=True)

    too_late = browser.post(f"/admin/penunjukan/{made.id}/akhiri", {"on": "2026-05-31"}, page="/admin")
    html = too_late.get_data(as_text=True)
    assert too_late.status_code == 422 and f'id="galat-akhir-{made.id}"' in html and "diperpanjang" in html
    ended = browser.post(f"/admin/penunjukan/{made.id}/akhiri", {"on": "2026-03-16"}, page="/admin")
    assert (ended.status_code, ended.location) == (303, "/admin")
    page = browser.text("/admin")
    assert "Penunjukan Plt. PUPR/Kepala Dinas untuk Siti Rahmawati, S.T., M.T. diakhiri." in page
    assert "Dibatalkan" in page and "diakhiri oleh kabag.umum" in page
    assert tasks_of(browser.lintas, "kabid.binamarga", case) == []
    assert "Belum ada penunjukan." in browser.text("/admin?aktif=1")


def test_only_admins_get_the_page(browser: Browser) -> None:
    browser.signed_in_as("kadis.pupr")
    assert browser.get("/admin").status_code == 403
    refused = browser.post("/admin/penunjukan", {"role": "PUPR/Kepala Dinas", "username": "kadis.pupr",
                                                 "capacity": "plt", "valid_from": "2026-03-17",
                                                 "valid_to": "2026-03-20"}, page="/kotak-masuk")
    assert refused.status_code == 403 and browser.lintas.acting.listing("auditor") == []
    assert 'href="/admin"' not in browser.text("/kotak-masuk")
    browser.signed_in_as(ADMIN)
    assert 'href="/admin"' in browser.text("/kotak-masuk")                 # the nav item, for admins
    assert Browser(browser.lintas).get("/admin").status_code == 303         # anonymous: sign in first
