"""The supervisor's pages on SQLite and PostgreSQL: the unit dashboard (open and overdue work per unit
and process, weekly SLA compliance as a chart and a table) and the unit queue with reassignment;
both refused to clerks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from tests.conftest import FixedClock
from tests.e2e.inbox_support import prepare, signed_in, work
from tests.integration.work_support import trail, wib


@pytest.fixture
def app(lintas: Lintas, tmp_path: Path) -> Lintas:
    return prepare(lintas, tmp_path)


@pytest.fixture
def items(app: Lintas) -> dict[str, int]:
    return work(app)


def queue_rows(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<tr data-item="(\d+)">', page)]


def cells(page: str, heading: str) -> list[str]:
    """The cells of the table row whose header cell contains ``heading`` (tags stripped)."""
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", page, re.S) if '<th scope="row">' in r and heading in r]
    assert len(rows) == 1, f"{len(rows)} rows with {heading}"
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", rows[0], re.S)]


def test_clerks_may_not_open_the_supervisor_pages(app: Lintas, items: dict[str, int]) -> None:
    budi = signed_in(app, "budi")
    for path in ("/dasbor", "/dasbor/antrean"):
        refused = budi.get(path)
        assert refused.status_code == 403 and "Akses ditolak" in refused.get_data(as_text=True)
    post = budi.post(f"/dasbor/antrean/{items['layanan']}/alihkan", {"to_user": "ani", "reason": "cuti"},
                     page="/kotak-masuk")
    assert post.status_code == 403
    assert app.inbox.page("ani", scope="mine").total == 0
    assert 'href="/dasbor"' not in budi.text("/kotak-masuk"), "no menu entry for clerks"
    assert 'href="/dasbor"' in signed_in(app, "kadis").text("/kotak-masuk")


def test_dashboard_shows_open_overdue_and_compliance(app: Lintas, items: dict[str, int], clock: FixedClock) -> None:
    app.work_items.complete(items["layanan"], as_user="ani")               # on time, week of 16 March
    clock.moment = wib(30, 10)                                             # layanan2 is late since Friday
    app.work_items.complete(items["ttd"], as_user="budi")                  # late (due 26 March), week of 30 March
    kadis = signed_in(app, "kadis")
    page = kadis.text("/dasbor")
    assert "<h1>Dasbor Unit</h1>" in page
    # PUPR: surat, layanan2, verifikasi open (3); layanan2 overdue; verifikasi due 31 March: due soon.
    assert cells(page, "Dinas Pekerjaan Umum") == ["PUPR Dinas Pekerjaan Umum dan Penataan Ruang", "3", "1 lewat",
                                                   "1 segera", "17 Maret 2026"]
    assert cells(page, "Layanan Perbaikan") == ["PUPR", "Layanan Perbaikan", "1", "1 lewat", "0", "17 Maret 2026"]
    assert cells(page, "Surat Masuk")[2:5] == ["1", "0", "0"]
    assert "DISHUB" not in page, "kadis supervises PUPR only"
    # Compliance: one deadline met in the week of 16 March, one missed in the week of 30 March.
    assert "Dalam 12 minggu terakhir 1 dari 2 tenggat terpenuhi (50%)." in page
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg is not None and 'role="img"' in svg.group(0)
    assert 'aria-labelledby="chart-title chart-desc"' in svg.group(0)
    assert "<title id=\"chart-title\">" in svg.group(0)
    assert "Minggu 16 Maret 2026: 100% (1 terpenuhi, 0 terlewat)" in svg.group(0)
    assert "Minggu 30 Maret 2026: 0% (0 terpenuhi, 1 terlewat)" in svg.group(0)
    assert len(re.findall(r'<rect class="chart__bar', svg.group(0))) == 12
    assert cells(page, "16 Maret 2026") == ["16 Maret 2026", "1", "0", "100%"]
    assert cells(page, "30 Maret 2026") == ["30 Maret 2026", "0", "1", "0%"]
    four = kadis.text("/dasbor?minggu=4&opd=pupr")
    assert len(re.findall(r'<rect class="chart__bar', four)) == 4 and '<option value="4" selected>' in four
    assert kadis.get("/dasbor?opd=DISHUB").status_code == 403
    assert kadis.get("/dasbor?opd=TIDAKADA").status_code == 404
    kadis.post("/bahasa", {"lang": "en", "next": "/dasbor"}, page="/dasbor")
    english = kadis.text("/dasbor")
    assert "In the last 12 weeks 1 of 2 deadlines were met (50%)." in english
    assert "Week of 16 March 2026: 100% (1 met, 0 missed)" in english and ">16 Mar</text>" in english


def test_unit_queue_lists_holders_and_filters(app: Lintas, items: dict[str, int], clock: FixedClock) -> None:
    app.work_items.claim(items["layanan2"], as_user="ani")
    kadis = signed_in(app, "kadis")
    page = kadis.text("/dasbor/antrean")
    assert queue_rows(page) == [items["ttd"], items["layanan"], items["layanan2"], items["paraf"], items["surat"]]
    assert "Diambil oleh ani" in page and "Antrean unit: PUPR/Staf" in page and "3 hari kerja lagi" in page
    assert queue_rows(kadis.text("/dasbor/antrean?process=layanan")) == [items["layanan"], items["layanan2"]]
    assert queue_rows(kadis.text("/dasbor/antrean?lewat=1")) == []
    clock.moment = wib(30, 10)
    kadis = signed_in(app, "kadis")
    late = kadis.text("/dasbor/antrean?lewat=1&opd=PUPR")
    assert queue_rows(late) == [items["ttd"], items["layanan"], items["layanan2"]] and "lewat 1 hari kerja" in late
    assert kadis.get("/dasbor/antrean?opd=DISHUB").status_code == 403


def test_reassign_with_a_reason(app: Lintas, items: dict[str, int]) -> None:
    kadis = signed_in(app, "kadis")
    target = items["layanan"]
    page = kadis.text("/dasbor/antrean")
    form = re.search(rf'<form class="form reassign__form" method="post" action="/dasbor/antrean/{target}/alihkan">'
                     r".*?</form>", page, re.S)
    assert form is not None
    assert '<option value="ani">Ani Lestari (PUPR/Staf)</option>' in form.group(0)
    assert "Kepala Bidang (PUPR/Kepala Bidang) · unit yang sama" in form.group(0)
    assert f'<label for="reason-{target}">Alasan</label>' in form.group(0) and "required" in form.group(0)
    missing = kadis.post(f"/dasbor/antrean/{target}/alihkan", {"to_user": "ani", "reason": " ",
                                                                "next": "/dasbor/antrean"}, page="/dasbor/antrean")
    assert missing.status_code == 303
    assert f"Tugas #{target} tidak dialihkan: Alasan wajib diisi." in kadis.text("/dasbor/antrean")
    nobody = kadis.post(f"/dasbor/antrean/{target}/alihkan", {"to_user": "", "reason": "cuti"}, page="/dasbor/antrean")
    assert nobody.status_code == 303 and "Pilih pegawai penerima tugas" in kadis.text("/dasbor/antrean")
    wrong = kadis.post(f"/dasbor/antrean/{target}/alihkan", {"to_user": "dedi", "reason": "coba"},
                       page="/dasbor/antrean")
    assert wrong.location == "/dasbor/antrean"
    assert "tidak memegang peran tugas ini" in kadis.text("/dasbor/antrean")
    assert app.inbox.page("ani", scope="mine").total == 0
    done = kadis.post(f"/dasbor/antrean/{target}/alihkan", {"to_user": "ani", "reason": "Budi sedang dinas luar",
                                                             "next": "/dasbor/antrean?process=layanan"},
                      page="/dasbor/antrean")
    assert done.location == "/dasbor/antrean?process=layanan"
    page = kadis.text("/dasbor/antrean?process=layanan")
    assert f'Tugas "Periksa permohonan" (#{target}) dialihkan kepada ani.' in page.replace("&#34;", '"')
    assert "Diambil oleh ani" in page
    assert [r.item.id for r in app.inbox.page("ani", scope="mine").items] == [target]
    instance = app.inbox.page("ani", scope="mine").items[0].item.instance_id
    assert trail(app, instance, "task_reassigned")[0][1]["reason"] == "Budi sedang dinas luar"
