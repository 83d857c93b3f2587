"""The inbox and the supervisor's dashboard in a real browser: a clerk sees the inbox with its
counters, the counters fragment swaps in through htmx under the CSP, the clerk claims a task from the
unit queue; no console errors, and axe-core finds no serious issue on the inbox and the dashboard."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from tests.browser.support import LiveApp, PageProblems, login
from web.cli.serve import DEMO_PASSWORD

REPORT = {"nama_pelapor": "Sari Wulandari", "kanal": "lapor", "lokasi": "Jl. Pahlawan km 1", "kecamatan": "Kota",
          "uraian": "Jalan berlubang di depan sekolah.", "tanggal_kejadian": "2026-03-15"}


def new_complaint(live_app: LiveApp) -> int:
    """A complaint waiting in the DISKOMINFO/Admin Pengaduan queue; its work item's id."""
    view = live_app.run(live_app.lintas.instances.start, "pengaduan-jalan-rusak", as_user="admin.pengaduan",
                        data=REPORT)
    [item] = view.open_work
    return int(item.id)


def test_clerk_claims_a_task_from_the_unit_queue(page: Any, page_problems: PageProblems, live_app: LiveApp,
                                                 axe: Callable[..., Any]) -> None:
    item_id = new_complaint(live_app)
    login(page, "admin.lapor", DEMO_PASSWORD)
    page.goto("/kotak-masuk?scope=queue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kotak Masuk")
    counters = page.locator("#inbox-counts")
    expect(counters.get_by_role("navigation", name="Kelompok tugas")).to_be_visible()
    expect(counters.locator('[data-count="queue"]')).to_have_text(re.compile(r"^[1-9]\d*$"))
    row = page.locator(f'tr[data-item="{item_id}"]')
    expect(row).to_contain_text("Antrean unit")
    expect(row.locator(".deadline")).to_contain_text("hari kerja")
    axe(page)
    # The counters fragment, fetched and swapped by htmx as the 30-second poll does.
    mine_before = int(counters.locator('[data-count="mine"]').inner_text())
    page.evaluate("htmx.ajax('GET', '/kotak-masuk/jumlah?scope=queue', {target: '#inbox-counts', swap: 'outerHTML'})")
    expect(page.locator("#inbox-counts .inbox-counts__summary")).to_contain_text("tugas terbuka")
    with page.expect_navigation():
        row.get_by_role("button", name=re.compile(r"^Ambil")).click()
    expect(page.get_by_role("status").first).to_contain_text("sudah Anda ambil")
    page.goto("/kotak-masuk?scope=mine")
    mine = page.locator(f'tr[data-item="{item_id}"]')
    expect(mine).to_contain_text("Anda (sudah diambil)")
    expect(page.locator('#inbox-counts [data-count="mine"]')).to_have_text(str(mine_before + 1))
    expect(mine.get_by_role("button", name=re.compile("^Lepaskan"))).to_be_visible()


def test_supervisor_dashboard_and_unit_queue_are_accessible(new_page: Callable[..., Any], page_problems: PageProblems,
                                                            live_app: LiveApp, axe: Callable[..., Any]) -> None:
    new_complaint(live_app)
    page = new_page()
    login(page, "kadis.kominfo", DEMO_PASSWORD)
    page.goto("/dasbor")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor Unit")
    expect(page.get_by_role("img", name=re.compile("Kepatuhan SLA per minggu"))).to_be_visible()
    expect(page.locator("table").first).to_contain_text("DISKOMINFO")
    axe(page)
    page.goto("/dasbor/antrean")
    reassign = page.locator("details.reassign").first
    reassign.locator("summary").click()
    expect(reassign.get_by_label("Alasan")).to_be_visible()
    axe(page)
