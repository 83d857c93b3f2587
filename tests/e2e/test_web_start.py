"""Starting work (/mulai): the list of processes this person may start, the start form with errors
next to its fields, and a started complaint with its case number. Both backends."""

from __future__ import annotations

import pytest

from engine.bootstrap import Lintas
from tests.e2e.web_support import Browser
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
