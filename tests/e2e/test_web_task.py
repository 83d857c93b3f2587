"""The task page (/tugas/<id>) on the small "berkas" process of the test organisation: what it shows,
its server-rendered form with errors next to the fields, uploads checked by content, claiming,
comments, and people of another OPD or pemda kept out. Both backends."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from tests.e2e.web_support import Browser
from tests.integration.cases_support import (
    FOREIGNER,
    OUTSIDER,
    STAF,
    deploy_berkas,
    load_org,
    open_item,
    pdf,
    png,
    start,
)
from tests.integration.documents_support import add_acting_kadis, started_letter
from tests.integration.documents_support import item as letter_item
from tests.signing_support import PASSPHRASE, SessionPki, enrol

OTHER_STAF = "ani"


@pytest.fixture
def app(lintas: Lintas, tmp_path: Path) -> Lintas:
    load_org(lintas, tmp_path)
    deploy_berkas(lintas, tmp_path)
    return lintas


def staf(app: Lintas, username: str = STAF) -> Browser:
    return Browser(app).signed_in_as(username)


def in_inbox(app: Lintas, username: str, item_id: int) -> bool:
    return any(w.id == item_id for w in app.work_items.inbox(username))


def test_the_task_page_shows_the_case_the_steps_the_form_and_marks_it_opened(app: Lintas) -> None:
    case = start(app)
    item = open_item(app, case)
    app.comments.add(case, as_user="admin", text="Mohon dicek lokasinya.")
    assert app.work_items.get(item, as_user=STAF).opened_at is None
    html = staf(app).text(f"/tugas/{item}")
    for expected in ("Tulis laporan", "Pengajuan Berkas", f"#{case}", "Ringkasan kasus", "Langkah sejauh ini",
                     "Admin Koordinator memulai Pengajuan Berkas", "Mohon dicek lokasinya.",
                     'name="isian.uraian"', 'type="file"', 'enctype="multipart/form-data"', "Selesaikan tugas",
                     "Ambil tugas", "Belum ada dokumen."):
        assert expected in html, expected
    assert app.work_items.get(item, as_user=STAF).opened_at is not None


def test_a_form_with_an_error_comes_back_with_it_next_to_the_field_then_completes(app: Lintas) -> None:
    item = open_item(app, start(app))
    browser = staf(app)
    page = f"/tugas/{item}"
    wrong = browser.post(f"{page}/selesai", {"isian.uraian": ""}, page=page)
    assert wrong.status_code == 422
    html = wrong.get_data(as_text=True)
    assert 'aria-invalid="true"' in html and "lintas-ringkasan-galat" in html
    assert re.search(r'id="f-isian\.uraian:galat"[^>]*>.*wajib', html, re.S | re.I), html
    assert in_inbox(app, STAF, item)
    done = browser.post(f"{page}/selesai", {"isian.uraian": "Jalan berlubang di km 3."}, page=page)
    assert done.status_code == 303 and done.headers["Location"].endswith("/kotak-masuk")
    assert "Tugas selesai." in browser.text("/kotak-masuk")
    assert not in_inbox(app, STAF, item)
    assert app.work_items.get(item, as_user=STAF).status == "completed"


def test_uploads_are_checked_by_content_and_size_before_anything_is_stored(app: Lintas) -> None:
    app.ctx.settings = dataclasses.replace(app.ctx.settings, max_upload_bytes=2048)
    case = start(app)
    item = open_item(app, case)
    browser = staf(app)
    page = f"/tugas/{item}"

    def send(name: str, content: bytes) -> tuple[int, str]:
        form = {"isian.uraian": "Laporan", "csrf_token": browser.token(page),
                "isian.lampiran": (io.BytesIO(content), name)}
        response = browser.client.post(f"{page}/selesai", data=form, content_type="multipart/form-data")
        return response.status_code, response.get_data(as_text=True)

    status, html = send("besar.pdf", pdf("x" * 4000))
    assert status == 422 and "Berkas terlalu besar" in html
    status, html = send("surat.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>")
    assert status == 422 and "Jenis berkas tidak diizinkan" in html and "PDF, PNG" in html
    assert app.attachments.listing(case, as_user=STAF) == []
    assert in_inbox(app, STAF, item)
    status, _ = send("foto.png", png())
    assert status == 303
    [stored] = app.attachments.listing(case, as_user=STAF)
    assert stored.name == "foto.png"
    assert app.instances.show(case).data["lampiran"] == stored.token


def test_claiming_a_queue_task_makes_it_yours(app: Lintas) -> None:
    item = open_item(app, start(app))
    browser = staf(app)
    response = browser.post(f"/tugas/{item}/ambil", page=f"/tugas/{item}")
    assert response.status_code == 303
    assert app.work_items.get(item, as_user=STAF).claimed_by == STAF
    html = browser.text(f"/tugas/{item}")
    assert "Ambil tugas" not in html and "Lepaskan ke antrean unit" in html
    assert "sedang dikerjakan oleh budi" in staf(app, OTHER_STAF).text(f"/tugas/{item}")


def test_comments_are_added_and_an_empty_one_is_refused(app: Lintas) -> None:
    case = start(app)
    item = open_item(app, case)
    browser = staf(app)
    page = f"/tugas/{item}"
    empty = browser.post(f"{page}/komentar", {"komentar": "   "}, page=page)
    assert empty.status_code == 422 and "Komentar kosong" in empty.get_data(as_text=True)
    added = browser.post(f"{page}/komentar", {"komentar": "Sudah saya cek di lapangan."}, page=page)
    assert added.status_code == 303
    assert "Sudah saya cek di lapangan." in browser.text(page)
    assert [c.text for c in app.comments.listing(case, as_user=STAF)] == ["Sudah saya cek di lapangan."]


def test_delegating_hands_the_task_to_a_colleague_in_the_same_role(app: Lintas) -> None:
    item = open_item(app, start(app))
    browser = staf(app)
    page = f"/tugas/{item}"
    assert 'value="ani"' in browser.text(page)
    response = browser.post(f"{page}/delegasi", {"kepada": OTHER_STAF, "catatan": "Tolong dibantu."}, page=page)
    assert response.status_code == 303
    assert app.work_items.get(item, as_user=OTHER_STAF).claimed_by == OTHER_STAF
    assert not in_inbox(app, STAF, item)


def test_people_of_another_opd_or_pemda_cannot_open_the_task(app: Lintas) -> None:
    item = open_item(app, start(app))
    assert staf(app, OUTSIDER).get(f"/tugas/{item}").status_code == 403
    assert staf(app, FOREIGNER).get(f"/tugas/{item}").status_code == 404
    outsider = staf(app, OUTSIDER)
    refused = outsider.post(f"/tugas/{item}/selesai", {"isian.uraian": "x"}, page="/kotak-masuk")
    assert refused.status_code == 403
    assert in_inbox(app, STAF, item)


def test_an_acting_official_sees_the_capacity_they_sign_in(lintas: Lintas, tmp_path: Path,
                                                           session_pki: SessionPki) -> None:
    add_acting_kadis(lintas, tmp_path)
    enrol(lintas, session_pki, "kabid")
    case = started_letter(lintas, tmp_path)
    lintas.documents.sign(letter_item(lintas, "kabid", case), as_user="kabid", passphrase=PASSPHRASE)
    html = staf(lintas, "plt.kadis").text(f"/tugas/{letter_item(lintas, 'plt.kadis', case)}")
    assert "Anda menandatangani sebagai: Plt. Kepala Dinas" in html
    assert "Plt · PUPR/Kepala Dinas" in html
    assert "Tanda tangani dokumen" in html


def test_adding_and_removing_rows_without_javascript_redraws_the_form(app: Lintas) -> None:
    item = open_item(app, start(app))
    browser = staf(app)
    page = f"/tugas/{item}"
    added = browser.post(f"{page}/selesai", {"isian.uraian": "Laporan", "isian._tambah:foto": "1"}, page=page)
    assert added.status_code == 200
    html = added.get_data(as_text=True)
    assert 'name="isian.foto[0].keterangan"' in html and "lintas-ringkasan-galat" not in html
    assert in_inbox(app, STAF, item)
    removed = browser.post(f"{page}/selesai", {"isian.uraian": "Laporan", "isian.foto[0].keterangan": "Depan",
                                               "isian._hapus:foto[0]": "1"}, page=page)
    assert removed.status_code == 200
    assert 'name="isian.foto[0].keterangan"' not in removed.get_data(as_text=True)
    assert app.work_items.get(item, as_user=STAF).status in ("open", "claimed")


def test_a_completed_task_can_be_read_back_by_who_completed_it_without_a_form(app: Lintas) -> None:
    item = open_item(app, start(app))
    app.work_items.complete(item, as_user=STAF, data={"uraian": "Selesai dikerjakan."})
    html = staf(app).text(f"/tugas/{item}")
    assert "Tugas ini sudah diselesaikan oleh budi." in html
    assert "Selesaikan tugas" not in html and 'name="isian.uraian"' not in html
    assert "Budi Santoso menyelesaikan tugas" in html
    gone = staf(app).post(f"/tugas/{item}/selesai", {"isian.uraian": "Lagi"}, page=f"/tugas/{item}")
    assert gone.status_code == 409
