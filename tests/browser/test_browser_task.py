"""The clerk's work in a real browser: start a complaint from /mulai, send a form with a mistake and
fix it, see the task leave the inbox; an official initials the Berita Acara with a wrong then the
right passphrase; the task page in English; no serious accessibility violations, no console errors."""

from __future__ import annotations

import re
import time
from typing import Any

from playwright.sync_api import expect

from engine.domain.views import WorkItem
from engine.services.demo_walk import REPORT as DEMO_REPORT
from engine.services.demo_walk import STEPS
from tests.browser.support import LiveApp, PageProblems, login
from web.cli.serve import DEMO_PASSWORD

KEY = "pengaduan-jalan-rusak"
CLERK = "admin.pengaduan"
KABID = "kabid.binamarga"
REPORT = {"nama_pelapor": "Siti Aminah", "kontak_pelapor": "0813-1111-2222", "kecamatan": "Kota",
          "uraian": "Aspal retak dan berlubang sepanjang 5 meter.", "tanggal_kejadian": "2026-03-16"}
LOCATION = "Jl. Sudirman depan pasar"


def expect_form_errors(page_problems: PageProblems, *paths: str) -> None:
    """A form sent back with errors answers 422, which Chromium reports on the console: those lines
    are expected."""
    for path in paths:
        page_problems.allow(r"^console error: Failed to load resource: the server responded with a status of 422 "
                            rf"\(UNPROCESSABLE ENTITY\) \(at http://127\.0\.0\.1:\d+\S*{re.escape(path)}\)$")


def fill(page: Any, name: str, value: str) -> None:
    page.locator(f"[name='isian.{name}']").fill(value)


def item_of(live_app: LiveApp, username: str, instance_id: int, element_id: str, wait: float = 20.0) -> WorkItem:
    """The instance's task in ``username``'s inbox (the job worker may still be producing it)."""
    deadline = time.monotonic() + wait
    while True:
        found = [w for w in live_app.run(live_app.lintas.work_items.inbox, username)
                 if w.instance_id == instance_id and w.element_id == element_id]
        if found or time.monotonic() > deadline:
            assert found, f"{element_id} of case {instance_id} never reached {username}"
            return found[0]
        time.sleep(0.3)


def test_a_clerk_starts_a_complaint_fixes_a_form_and_the_task_leaves_the_inbox(
        page: Any, page_problems: PageProblems, live_app: LiveApp, axe: Any) -> None:
    expect_form_errors(page_problems, f"/mulai/{KEY}", "/selesai")
    login(page, CLERK, DEMO_PASSWORD)
    page.goto("/mulai")
    page.get_by_role("link", name="Pengaduan Jalan Rusak").click()
    for name, value in REPORT.items():
        fill(page, name, value)
    page.locator("[name='isian.kanal'][value='loket']").check()
    page.get_by_role("button", name="Mulai layanan").click()
    summary = page.locator(".lintas-ringkasan-galat")
    expect(summary).to_be_visible()
    expect(page.locator("[name='isian.lokasi']")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[name='isian.nama_pelapor']")).to_have_value(REPORT["nama_pelapor"])
    fill(page, "lokasi", LOCATION)
    page.get_by_role("button", name="Mulai layanan").click()
    notice = page.locator(".notice--sukses")
    expect(notice).to_contain_text("Layanan dimulai: kasus #")
    instance_id = int(re.search(r"kasus #(\d+)", notice.inner_text()).group(1))  # type: ignore[union-attr]

    task = item_of(live_app, CLERK, instance_id, "Task_Verifikasi")
    page.goto(f"/tugas/{task.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verifikasi laporan")
    expect(page.locator(".task-timeline")).to_contain_text("memulai")
    axe(page)
    page.get_by_role("button", name="Selesaikan tugas").click()
    expect(page.locator(".lintas-ringkasan-galat")).to_be_visible()
    expect(page.locator(".lintas-isian--galat")).to_contain_text("Hasil verifikasi")
    axe(page)
    page.locator("[name='isian.hasil_verifikasi'][value='verifikasi']").check()
    page.locator("[name='isian.klasifikasi'][value='pengaduan']").check()
    page.get_by_role("button", name="Selesaikan tugas").click()
    expect(page).to_have_url(re.compile(r"/kotak-masuk$"))
    expect(page.locator(".notice--sukses")).to_contain_text("Tugas selesai.")
    expect(page.locator(f"a[href='/tugas/{task.id}']")).to_have_count(0)


def test_an_official_initials_with_a_wrong_then_the_right_passphrase(
        page: Any, page_problems: PageProblems, live_app: LiveApp, axe: Any) -> None:
    lintas = live_app.lintas
    report = {**DEMO_REPORT, "nomor_tiket_lapor": "LAP-UJI"}
    case = live_app.run(lintas.instances.start, KEY, as_user=CLERK, data=report)
    for user, element, data in STEPS:
        item = item_of(live_app, user, case.id, element)
        live_app.run(lintas.work_items.complete, item.id, as_user=user, data=data)
    live_app.run(lintas.jobs.run_due)
    paraf = item_of(live_app, KABID, case.id, "Task_ParafBA")
    [document] = live_app.run(lintas.documents.for_instance, case.id)

    expect_form_errors(page_problems, f"/tugas/{paraf.id}/tandatangani")
    login(page, KABID, DEMO_PASSWORD)
    page.goto(f"/tugas/{paraf.id}")
    frame = page.locator("iframe.task-pdf")
    expect(frame).to_have_attribute("src", f"/dokumen/{document.id}/pdf")
    expect(page.get_by_role("link", name=re.compile("Unduh PDF"))).to_be_visible()
    passphrase = page.get_by_label(re.compile("Frasa sandi sertifikat elektronik"))
    expect(passphrase).to_have_attribute("type", "password")
    axe(page, exclude=["iframe.task-pdf"])

    passphrase.fill("bukan-frasa-sandi")
    page.get_by_role("button", name="Bubuhkan paraf").click()
    expect(page.locator("#frasa_sandi-galat")).to_be_visible()
    expect(page.locator("#frasa_sandi")).to_have_value("")
    assert live_app.run(lintas.documents.detail, document.id).document.revisions == document.revisions

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("button", name="Add initials")).to_be_visible()
    expect(page.get_by_role("heading", name="Case summary")).to_be_visible()
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.get_by_role("button", name="Bubuhkan paraf")).to_be_visible()

    page.get_by_label(re.compile("Frasa sandi sertifikat elektronik")).fill(live_app.passphrase)
    page.get_by_role("button", name="Bubuhkan paraf").click()
    expect(page).to_have_url(re.compile(r"/kotak-masuk$"))
    expect(page.locator(".notice--sukses")).to_contain_text("Paraf dibubuhkan")
    expect(page.locator(".notice--sukses")).to_contain_text("SAH")
    assert live_app.run(lintas.documents.detail, document.id).document.revisions == document.revisions + 1
