"""The inbox page on SQLite and PostgreSQL: SRIKANDI-style buckets and counters, scope, process and
status filters, working days left, the unread marker, claim and release, paging, and the counters
fragment that the page polls."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from tests.conftest import FixedClock
from tests.e2e.inbox_support import prepare, signed_in, work
from tests.e2e.web_support import Browser
from tests.integration.work_support import start, wib


@pytest.fixture
def app(lintas: Lintas, tmp_path: Path) -> Lintas:
    return prepare(lintas, tmp_path)


@pytest.fixture
def items(app: Lintas) -> dict[str, int]:
    return work(app)


def count(page: str, name: str) -> int:
    found = re.search(rf'data-count="{name}">(\d+)<', page)
    assert found is not None, f"no counter {name}"
    return int(found.group(1))


def listed(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<tr class="inbox-row[^"]*" data-item="(\d+)"', page)]


def test_buckets_and_scopes_with_their_counters(app: Lintas, items: dict[str, int]) -> None:
    budi = signed_in(app, "budi")
    page = budi.text("/kotak-masuk")
    assert "<h1>Kotak Masuk</h1>" in page
    assert (count(page, "all"), count(page, "mine"), count(page, "queue")) == (5, 0, 5)
    assert [count(page, b) for b in ("paraf", "tanda_tangan", "disposisi", "lainnya")] == [1, 1, 1, 2]
    assert "Perlu diverifikasi/paraf" in page and "Perlu ditandatangani" in page and "Disposisi" in page
    assert page.count("1 baru") == 3 and "2 baru" in page and "5 belum dibaca" in page
    assert items["uji"] not in listed(page), "DISHUB's work is not budi's"
    # Sorted by deadline: ttd (2 working days), layanan x2 (3), verifikasi (5), then the undated letter.
    assert listed(page) == [items["ttd"], items["layanan"], items["layanan2"], items["paraf"], items["surat"]]
    paraf = budi.text("/kotak-masuk?bucket=paraf")
    assert listed(paraf) == [items["paraf"]] and "Paraf nota dinas" in paraf
    assert re.search(r'href="/kotak-masuk\?bucket=paraf"\s+aria-current="true"', paraf)
    assert listed(budi.text("/kotak-masuk?scope=mine")) == []
    assert "Tidak ada tugas yang cocok dengan saringan ini." in budi.text("/kotak-masuk?scope=mine")
    assert len(listed(budi.text("/kotak-masuk?scope=queue&bucket=lainnya"))) == 2
    assert budi.get("/kotak-masuk?scope=semua").status_code == 400


def test_filters_by_process_and_status_as_a_plain_form(app: Lintas, items: dict[str, int]) -> None:
    budi = signed_in(app, "budi")
    page = budi.text("/kotak-masuk")
    assert '<option value="layanan">Layanan Perbaikan (2)</option>' in page
    assert re.search(r'<label for="filter-process">Proses</label>\s*<select id="filter-process" name="process">', page)
    layanan = budi.text("/kotak-masuk?process=layanan")
    assert listed(layanan) == [items["layanan"], items["layanan2"]]
    assert '<option value="layanan" selected>' in layanan and "Hapus saringan" in layanan
    app.work_items.claim(items["layanan2"], as_user="budi")
    assert listed(budi.text("/kotak-masuk?status=claimed")) == [items["layanan2"]]
    assert listed(budi.text("/kotak-masuk?process=layanan&status=open")) == [items["layanan"]]
    mine = budi.text("/kotak-masuk?scope=mine")
    assert listed(mine) == [items["layanan2"]] and "Anda (sudah diambil)" in mine
    # The filter form keeps the tab the person is on.
    assert '<input type="hidden" name="bucket" value="lainnya">' in budi.text("/kotak-masuk?bucket=lainnya")


def test_working_days_left_and_overdue_read_as_text(app: Lintas, items: dict[str, int], clock: FixedClock) -> None:
    budi = signed_in(app, "budi")
    page = budi.text("/kotak-masuk?process=layanan")
    assert "deadline--on-time" in page and "3 hari kerja lagi" in page and "27 Maret 2026 16.30 WIB" in page
    assert "tanpa tenggat" in budi.text("/kotak-masuk?bucket=disposisi")
    clock.moment = wib(26, 9)
    budi = signed_in(app, "budi")                   # a new sign-in: the session's age follows the clock
    assert "deadline--due-soon" in budi.text("/kotak-masuk?process=layanan")
    assert "1 hari kerja lagi" in budi.text("/kotak-masuk?process=layanan")
    clock.moment = wib(31, 9)
    budi = signed_in(app, "budi")
    page = budi.text("/kotak-masuk?process=layanan")
    assert "deadline--breached" in page and "lewat 2 hari kerja" in page
    assert "5 lewat tenggat" not in page and "2 lewat tenggat" in page     # ttd and verifikasi are not late yet
    budi.post("/bahasa", {"lang": "en", "next": "/kotak-masuk"}, page="/kotak-masuk")
    english = budi.text("/kotak-masuk?process=layanan")
    assert "2 working days overdue" in english and "<h1>Inbox</h1>" in english


def test_unread_marker_goes_once_the_task_is_opened(app: Lintas, items: dict[str, int]) -> None:
    budi = signed_in(app, "budi")
    row = re.compile(rf'<tr class="inbox-row inbox-row--unread" data-item="{items["surat"]}">')
    assert row.search(budi.text("/kotak-masuk"))
    app.inbox.mark_opened(items["surat"], "ani")
    page = budi.text("/kotak-masuk")
    assert not row.search(page) and f'<tr class="inbox-row" data-item="{items["surat"]}">' in page
    assert "4 belum dibaca" in page


def test_claim_and_release_from_the_unit_queue(app: Lintas, items: dict[str, int]) -> None:
    budi, ani = signed_in(app, "budi"), signed_in(app, "ani")
    target = items["layanan"]
    assert f'action="/kotak-masuk/{target}/ambil"' in budi.text("/kotak-masuk")
    claimed = budi.post(f"/kotak-masuk/{target}/ambil", {"next": "/kotak-masuk?scope=mine"}, page="/kotak-masuk")
    assert (claimed.status_code, claimed.location) == (303, "/kotak-masuk?scope=mine")
    page = budi.text("/kotak-masuk?scope=mine")
    assert 'Tugas "Periksa permohonan" sudah Anda ambil.' in page.replace("&#34;", '"')
    assert listed(page) == [target] and f'action="/kotak-masuk/{target}/lepaskan"' in page
    assert (count(page, "mine"), count(page, "queue")) == (1, 4)
    assert target not in listed(ani.text("/kotak-masuk")), "claimed by budi: gone from ani's queue"
    # Ani was looking at an old page: her claim is refused with a message, not an error page.
    late = ani.post(f"/kotak-masuk/{target}/ambil", {"next": "/kotak-masuk"}, page="/kotak-masuk")
    assert late.status_code == 303
    assert f"Tugas {target} sudah diambil oleh budi" in ani.text("/kotak-masuk")
    refused = ani.post(f"/kotak-masuk/{target}/lepaskan", page="/kotak-masuk")
    assert refused.location == "/kotak-masuk" and "tidak sedang Anda ambil" in ani.text("/kotak-masuk")
    released = budi.post(f"/kotak-masuk/{target}/lepaskan", {"next": "https://jahat.example/"}, page="/kotak-masuk")
    assert released.location == "/kotak-masuk", "never an open redirect"
    page = budi.text("/kotak-masuk")
    assert "dikembalikan ke antrean unit" in page and count(page, "mine") == 0
    assert target in listed(ani.text("/kotak-masuk?scope=queue"))
    assert budi.post(f"/kotak-masuk/{target}/ambil", page="/kotak-masuk", token=False).status_code == 400


def test_paging_keeps_the_filters(app: Lintas, items: dict[str, int]) -> None:
    for _ in range(26):
        start(app, "layanan")
    budi = signed_in(app, "budi")
    first = budi.text("/kotak-masuk?process=layanan")
    assert len(listed(first)) == 25 and "Menampilkan 1–25 dari 28 · halaman 1 dari 2" in first
    assert 'href="/kotak-masuk?process=layanan&amp;page=2" rel="next"' in first and 'rel="prev"' not in first
    second = budi.text("/kotak-masuk?process=layanan&page=2")
    assert len(listed(second)) == 3 and "Menampilkan 26–28 dari 28 · halaman 2 dari 2" in second
    assert 'href="/kotak-masuk?process=layanan" rel="prev"' in second
    assert not set(listed(first)) & set(listed(second))
    assert "Halaman ini kosong." in budi.text("/kotak-masuk?process=layanan&page=9")
    assert len(listed(budi.text("/kotak-masuk?page=x"))) == 25


def test_counters_fragment_for_polling(app: Lintas, items: dict[str, int]) -> None:
    budi = signed_in(app, "budi")
    page = budi.text("/kotak-masuk?bucket=lainnya")
    assert 'hx-get="/kotak-masuk/jumlah?bucket=lainnya"' in page and 'hx-trigger="every 30s"' in page
    assert 'src="/static/vendor/htmx/htmx.min.js"' in page
    start(app, "verifikasi")
    fragment = budi.get("/kotak-masuk/jumlah?bucket=lainnya", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and html.lstrip().startswith('<div id="inbox-counts"')
    assert "<html" not in html and (count(html, "all"), count(html, "paraf")) == (6, 2)
    assert re.search(r'href="/kotak-masuk\?bucket=lainnya"\s+aria-current="true"', html), "keeps the tab"
    signed_out = Browser(app).get("/kotak-masuk/jumlah", headers={"HX-Request": "true"})
    assert signed_out.status_code == 286 and signed_out.get_data() == b"", "htmx stops polling"


def test_signed_out_visitors_are_sent_to_sign_in(app: Lintas) -> None:
    visitor = Browser(app)
    assert visitor.get("/kotak-masuk").location.startswith("/masuk?next=")
    assert visitor.post("/kotak-masuk/1/ambil").location == "/masuk"
