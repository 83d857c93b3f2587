"""Starting work (/mulai): the list of processes this person may start, the start form with errors
next to its fields, and a started complaint with its case number. Both backends."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from werkzeug.test import TestResponse

from engine.bootstrap import Lintas
from tests.e2e.web_support import Browser
from tests.integration.cases_support import STAF, STARTER, deploy_berkas, load_org, pdf, png
from tests.processes.conftest import BUNDLE, KEY
from tests.processes.test_pengaduan_jalan_rusak import ADMIN, KADIS, LAPORAN

PAGE = f"/mulai/{KEY}"


@pytest.fixture
def app(demo_lintas: Lintas) -> Lintas:
    demo_lintas.deployments.deploy(BUNDLE)
    return demo_lintas


def fields(data: dict[str, str]) -> dict[str, str]:
    return {f"isian.{name}": value for name, value in data.items()}


def test_the_start_page_lists_what_the_person_may_start(app: Lintas) -> None:
    html = Browser(app).signed_in_as(ADMIN).text("/mulai")
    assert "Pengaduan Jalan Rusak" in html
    assert f'href="{PAGE}"' in html
    kadis = Browser(app).signed_in_as(KADIS)
    assert f'href="{PAGE}"' not in kadis.text("/mulai")
    assert kadis.get(PAGE).status_code == 404


def test_starting_a_complaint_shows_errors_then_starts_it(app: Lintas) -> None:
    browser = Browser(app).signed_in_as(ADMIN)
    form = browser.text(PAGE)
    assert 'name="isian.nama_pelapor"' in form and 'name="isian.tanggal_kejadian"' in form
    missing = browser.post(PAGE, fields({**LAPORAN, "lokasi": ""}), page=PAGE)
    assert missing.status_code == 422
    html = missing.get_data(as_text=True)
    assert 'id="f-isian.lokasi:galat"' in html and LAPORAN["nama_pelapor"] in html
    assert app.work_items.inbox(ADMIN) == []
    started = browser.post(PAGE, fields(LAPORAN), page=PAGE)
    assert started.status_code == 303
    [item] = app.work_items.inbox(ADMIN)
    assert item.element_id == "Task_Verifikasi"
    landing = browser.get(started.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert f"kasus #{item.instance_id}" in landing
    if item.business_key:
        assert item.business_key in landing


def test_a_start_form_upload_is_checked_then_joins_the_new_case(lintas: Lintas, tmp_path: Path) -> None:
    load_org(lintas, tmp_path)
    deploy_berkas(lintas, tmp_path)
    browser = Browser(lintas).signed_in_as(STARTER)
    page = "/mulai/berkas"
    assert "Pengajuan berkas ke Dinas PUPR" in browser.text("/mulai")

    def send(name: str, content: bytes) -> TestResponse:
        form = {"isian.judul": "Laporan jalan", "csrf_token": browser.token(page),
                "isian.surat": (io.BytesIO(content), name)}
        return browser.client.post(page, data=form, content_type="multipart/form-data")

    refused = send("surat.pdf", png())
    assert refused.status_code == 422 and "Jenis berkas tidak diizinkan" in refused.get_data(as_text=True)
    assert lintas.attachments.pending(as_user=STARTER) == []
    started = send("surat.pdf", pdf())
    assert started.status_code == 303
    [instance_id] = {w.instance_id for w in lintas.work_items.inbox(STAF)}
    [linked] = lintas.attachments.listing(instance_id, as_user=STARTER)
    assert lintas.instances.show(instance_id).data["surat"] == linked.token
