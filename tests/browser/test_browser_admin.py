"""The admin's acting-officials page in a real browser: the form and the list pass the accessibility
check, before and after a refused submission whose errors sit next to their fields."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.support import LiveApp, PageProblems, login
from web.cli.serve import DEMO_PASSWORD


def sign_in(page: Any, username: str) -> None:
    """Sign in, then let the landing page finish loading (its icon too): leaving it mid-load aborts
    those requests, which the page watcher would report."""
    login(page, username, DEMO_PASSWORD)
    page.wait_for_load_state("networkidle")


def test_the_admin_page_is_accessible_with_and_without_errors(page: Any, page_problems: PageProblems,
                                                             live_app: LiveApp, axe: Any) -> None:
    # The refused form comes back with 422, which the browser reports on the console.
    page_problems.allow(r"^console error: Failed to load resource: the server responded with a status of 422 "
                        r"\(UNPROCESSABLE ENTITY\) \(at http://127\.0\.0\.1:\d+/admin/penunjukan\)$")
    sign_in(page, "kabag.umum")
    page.goto("/admin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pejabat Plt/Plh")
    expect(page.get_by_role("link", name="Admin")).to_have_attribute("aria-current", "page")
    axe(page)
    page.get_by_label("Pegawai yang ditunjuk").select_option("kabid.binamarga")
    page.get_by_label("Plh (Pelaksana Harian)").check()
    page.get_by_label("Berakhir (hari terakhir)").fill("2020-01-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Catat penunjukan").click()
    expect(page.locator("#galat-role")).to_contain_text("Tulis peran sebagai OPD/Peran")
    expect(page.locator("#galat-valid_to")).to_contain_text("Tanggal akhir sebelum tanggal mulai")
    expect(page.get_by_label("Berakhir (hari terakhir)")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Plh (Pelaksana Harian)")).to_be_checked()
    axe(page)
