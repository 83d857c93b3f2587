"""The task page on the reference complaint process (demo organisation): returning the draft with a
reason, and the Berita Acara initialled and signed with a passphrase (a wrong one changes nothing).
Both backends."""

from __future__ import annotations

import pytest

from engine.bootstrap import Lintas
from tests.e2e.web_support import Browser
from tests.processes.conftest import BUNDLE, SIGNERS
from tests.processes.test_pengaduan_jalan_rusak import (
    ADMIN,
    DRAF_RINGAN,
    KABID,
    KADIS,
    SETUJUI,
    approve,
    do,
    task_for,
    until_draft,
)
from tests.signing_support import PASSPHRASE, SessionPki, enrol


@pytest.fixture
def app(demo_lintas: Lintas, session_pki: SessionPki) -> Lintas:
    demo_lintas.deployments.deploy(BUNDLE)
    enrol(demo_lintas, session_pki, *SIGNERS)
    return demo_lintas


def as_user(app: Lintas, username: str) -> Browser:
    return Browser(app).signed_in_as(username)


def test_returning_needs_a_reason_and_sends_the_draft_back(app: Lintas) -> None:
    view = until_draft(app)
    do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    item = task_for(app, KADIS, view.id, "Task_Persetujuan")
    kadis = as_user(app, KADIS)
    page = f"/tugas/{item.id}"
    html = kadis.text(page)
    assert "Kembalikan ke langkah sebelumnya" in html and "Alasan pengembalian" in html
    empty = kadis.post(f"{page}/kembalikan", {"alasan": "  "}, page=page)
    assert empty.status_code == 422
    assert 'id="alasan-galat"' in empty.get_data(as_text=True)
    assert app.work_items.get(item.id, as_user=KADIS).status in ("open", "claimed")
    done = kadis.post(f"{page}/kembalikan", {"alasan": "Tanggal rencana terlalu lama."}, page=page)
    assert done.status_code == 303
    assert app.work_items.get(item.id, as_user=KADIS).status == "completed"
    again = task_for(app, KABID, view.id, "Task_SusunRingan")
    assert app.instances.show(view.id).data["alasan_pengembalian"] == "Tanggal rencana terlalu lama."
    assert "Tanggal rencana terlalu lama." in as_user(app, KABID).text(f"/tugas/{again.id}")


def test_signing_with_a_wrong_passphrase_changes_nothing_and_the_right_one_signs(app: Lintas) -> None:
    view = until_draft(app)
    do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    do(app, KADIS, view.id, "Task_Persetujuan", SETUJUI)
    app.jobs.run_due()
    [doc] = app.documents.for_instance(view.id)

    paraf = task_for(app, KABID, view.id, "Task_ParafBA")
    kabid = as_user(app, KABID)
    page = f"/tugas/{paraf.id}"
    html = kabid.text(page)
    assert f'src="/dokumen/{doc.id}/pdf"' in html and "<iframe" in html and " download" in html
    assert 'type="password"' in html and 'autocomplete="off"' in html and '<label for="frasa_sandi"' in html
    assert "Selesaikan tugas" not in html
    wrong = kabid.post(f"{page}/tandatangani", {"frasa_sandi": "bukan-frasa-ini"}, page=page)
    assert wrong.status_code == 422
    body = wrong.get_data(as_text=True)
    assert 'id="frasa_sandi-galat"' in body and "bukan-frasa-ini" not in body
    assert app.documents.detail(doc.id, as_user=KABID).document.revisions == doc.revisions
    assert app.work_items.get(paraf.id, as_user=KABID).status in ("open", "claimed")
    empty = kabid.post(f"{page}/tandatangani", {"frasa_sandi": ""}, page=page)
    assert empty.status_code == 422 and "Frasa sandi wajib diisi." in empty.get_data(as_text=True)
    right = kabid.post(f"{page}/tandatangani", {"frasa_sandi": PASSPHRASE}, page=page)
    assert right.status_code == 303 and right.headers["Location"].endswith("/kotak-masuk")
    assert "Paraf dibubuhkan" in kabid.text("/kotak-masuk")
    assert app.documents.detail(doc.id, as_user=KABID).document.revisions == doc.revisions + 1

    ttd = task_for(app, KADIS, view.id, "Task_TandaTanganBA")
    kadis = as_user(app, KADIS)
    signed = kadis.post(f"/tugas/{ttd.id}/tandatangani", {"frasa_sandi": PASSPHRASE}, page=f"/tugas/{ttd.id}")
    assert signed.status_code == 303
    number = app.documents.for_instance(view.id)[0].number
    inbox = kadis.text("/kotak-masuk")
    assert number and f"nomor {number}" in inbox and "Hasil verifikasi: SAH." in inbox


def test_the_clerk_sees_the_signed_document_with_its_verdict(app: Lintas) -> None:
    view = until_draft(app)
    do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    approve(app, view.id)
    item = task_for(app, ADMIN, view.id, "Task_TanggapanPelapor")
    html = as_user(app, ADMIN).text(f"/tugas/{item.id}")
    assert "Berita Acara Hasil Tindak Lanjut" in html and "SAH" in html and "000.8.3.3/1/PUPR/2026" in html
