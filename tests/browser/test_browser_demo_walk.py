"""The README's demo walk, in a real browser, the way a newcomer does it: the complaint admin starts a
road-damage complaint from /mulai, each person of Dinas PUPR finds their step in the inbox and sends
its form, the Kepala Bidang initials and the Kepala Dinas signs the Berita Acara with their
passphrase, and the clerk opens the signed reply's verification page from the case page: SAH.

Only pages and clicks: no service call moves the case (the in-process job worker renders the
document, as under ``lintas serve --demo``)."""

from __future__ import annotations

import json
import re
from typing import Any

from playwright.sync_api import expect

from engine.services.demo_walk import REPORT, STEP_NAMES, STEPS
from tests.browser.support import LiveApp, PageProblems, login
from web.cli.serve import DEMO_PASSWORD

KEY = "pengaduan-jalan-rusak"
SIGNING = (("kabid.binamarga", STEP_NAMES["Task_ParafBA"], "Bubuhkan paraf", "Paraf dibubuhkan"),
           ("kadis.pupr", STEP_NAMES["Task_TandaTanganBA"], "Tanda tangani", "ditandatangani"))


def set_value(page: Any, name: str, value: Any) -> None:
    """Fill one field of a server-rendered form by its JSON name, whatever widget it became."""
    fields = page.locator(f"[name='isian.{name}']")
    first = fields.first
    kind = first.get_attribute("type")
    token = value if isinstance(value, str) else json.dumps(value)
    if kind == "radio":
        page.locator(f"[name='isian.{name}'][value='{token}']").check()
    elif kind == "checkbox":
        first.set_checked(bool(value))
    elif first.evaluate("element => element.tagName") == "SELECT":
        first.select_option(value=token)
    else:
        first.fill(str(value))


def open_task(page: Any, instance_id: int, task_name: str) -> None:
    """From the inbox, the row of this case whose task has this name (the worker may still be on it)."""
    row = page.locator("tr", has=page.locator(f"a[href='/kasus/{instance_id}']")).filter(has_text=task_name)
    for _ in range(40):
        page.goto("/kotak-masuk")
        if row.count():
            break
        page.wait_for_timeout(500)
    row.get_by_role("link", name=task_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(task_name)


def test_the_demo_walk_from_a_new_complaint_to_a_signed_reply_and_its_verification_page(
        new_page: Any, page_problems: PageProblems, live_app: LiveApp) -> None:
    pages: dict[str, Any] = {}

    def as_person(username: str) -> Any:
        if username not in pages:
            pages[username] = new_page()
            login(pages[username], username, DEMO_PASSWORD)
        return pages[username]

    clerk = as_person("admin.pengaduan")
    clerk.goto("/mulai")
    clerk.get_by_role("link", name="Pengaduan Jalan Rusak").click()
    report = {**REPORT, "nomor_tiket_lapor": "LAP-JALAN-0002", "nama_pelapor": "Dewi Lestari"}
    for name, value in report.items():
        set_value(clerk, name, value)
    clerk.get_by_role("button", name="Mulai layanan").click()
    notice = clerk.locator(".notice--sukses")
    expect(notice).to_contain_text("Layanan dimulai: kasus #")
    instance_id = int(re.search(r"kasus #(\d+)", notice.inner_text()).group(1))  # type: ignore[union-attr]

    for username, element, data in STEPS:
        page = as_person(username)
        open_task(page, instance_id, STEP_NAMES[element])
        for name, value in data.items():
            set_value(page, name, value)
        page.get_by_role("button", name="Selesaikan tugas").click()
        expect(page.locator(".notice--sukses")).to_contain_text("Tugas selesai.")

    for username, task_name, button, done in SIGNING:
        page = as_person(username)
        open_task(page, instance_id, task_name)
        expect(page.locator("iframe.task-pdf")).to_be_visible()
        page.get_by_label(re.compile("Frasa sandi sertifikat elektronik")).fill(live_app.passphrase)
        page.get_by_role("button", name=button).click()
        expect(page.locator(".notice--sukses")).to_contain_text(done)
        expect(page.locator(".notice--sukses")).to_contain_text("SAH")

    clerk.goto(f"/kasus/{instance_id}")
    documents = clerk.locator(".document-list__item", has_text="Berita Acara")
    expect(documents).to_contain_text("Ditandatangani")
    expect(documents).to_contain_text("SAH")
    number = re.search(r"\d{3}\.\d\.\d\.\d/\d+/PUPR/\d{4}", documents.inner_text())
    assert number, documents.inner_text()
    documents.get_by_role("link", name="Halaman verifikasi").click()
    expect(clerk).to_have_url(re.compile(r"/v/[^/]+$"))
    expect(clerk.locator(".verdict__word").first).to_have_text("SAH")
    expect(clerk.get_by_role("cell", name=number.group(0))).to_be_visible()
    expect(clerk.locator("table").last).to_contain_text("Kepala Dinas")
