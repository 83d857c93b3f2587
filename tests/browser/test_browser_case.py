"""The case page in a real browser: the sample complaint's diagram drawn by bpmn-js with its completed
and active steps marked (under the app's own Content-Security-Policy, no console errors), the step list
in words, the timeline and documents, a comment added by keyboard, and no serious accessibility issues."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from engine.services.demo_walk import REPORT
from tests.browser.support import LiveApp, PageProblems, login
from web.cli.serve import DEMO_PASSWORD


def sign_in(page: Any, username: str) -> None:
    """Sign in, then let the landing page finish loading (its icon too): leaving it mid-load aborts
    those requests, which the page watcher would report."""
    login(page, username, DEMO_PASSWORD)
    page.wait_for_load_state("networkidle")


def _has(css_class: str) -> Any:
    return re.compile(rf"(^|\s){css_class}(\s|$)")


def test_the_diagram_marks_the_complaints_progress(page: Any, live_app: LiveApp, axe: Any) -> None:
    sign_in(page, "auditor")
    case = live_app.sample.instance_id
    response = page.goto(f"/kasus/{case}")
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Pengaduan Jalan Rusak")
    diagram = page.locator("#diagram")
    expect(diagram).to_have_attribute("data-diagram-state", "ready")
    for element_id in ("StartEvent_Laporan", "Task_Verifikasi", "Task_Disposisi", "Task_TandaTanganBA"):
        expect(diagram.locator(f"g.djs-element[data-element-id='{element_id}']")).to_have_class(_has("lintas-completed"))
    expect(diagram.locator("g.djs-element[data-element-id='Task_TanggapanPelapor']")).to_have_class(
        _has("lintas-active"))
    steps = diagram.get_by_role("list", name="Langkah proses dan statusnya")
    expect(steps.locator("li[data-element-id='Task_TanggapanPelapor'] .lintas-step-state")).to_have_text(
        "sedang berjalan")
    expect(steps.locator("li[data-element-id='Task_Verifikasi'] .lintas-step-state")).to_have_text("selesai")
    expect(diagram.locator(".bjs-powered-by")).to_be_visible()                # the bpmn.io watermark stays
    expect(page.locator(".timeline")).to_contain_text("menandatangani Berita Acara")
    expect(page.locator(".document-list")).to_contain_text("SAH")
    axe(page)


def test_a_comment_added_by_keyboard_appears(page: Any, live_app: LiveApp) -> None:
    sign_in(page, "kadis.pupr")
    case = live_app.sample.instance_id
    page.goto(f"/kasus/{case}")
    field = page.get_by_label("Tambah komentar")
    field.focus()
    page.keyboard.type("Mohon foto sesudah penambalan dilampirkan.")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("Komentar ditambahkan.")
    expect(page.locator(".case-comments")).to_contain_text("Mohon foto sesudah penambalan dilampirkan.")
    expect(page.locator("#diagram")).to_have_attribute("data-diagram-state", "ready")


def test_a_clerk_of_another_opd_is_refused(page: Any, page_problems: PageProblems, live_app: LiveApp) -> None:
    # The browser reports the page's own 403 on the console; that one line is expected.
    page_problems.allow(r"^console error: Failed to load resource: the server responded with a status of 403 "
                        r"\(FORBIDDEN\) \(at http://127\.0\.0\.1:\d+/(kasus|tugas)/\d+\)$")
    sign_in(page, "loket.dishub")
    response = page.goto(f"/kasus/{live_app.sample.instance_id}")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Akses ditolak")
    # A new complaint's first task (the complaint admins' of DISKOMINFO) by URL: refused too, no form.
    lintas = live_app.lintas
    case = live_app.run(lintas.instances.start, "pengaduan-jalan-rusak", as_user="admin.pengaduan",
                        data={**REPORT, "nomor_tiket_lapor": "LAP-LAIN-OPD"})
    [task] = [w for w in live_app.run(lintas.work_items.inbox, "admin.pengaduan") if w.instance_id == case.id]
    response = page.goto(f"/tugas/{task.id}")
    assert response is not None and response.status in (403, 404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Akses ditolak")
    expect(page.locator("form[action$='/selesai']")).to_have_count(0)
