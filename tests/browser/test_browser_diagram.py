"""web/static/js/diagram.js in a real browser, on a test-only page with the deployed complaint BPMN and
fixed states: markers on the shapes, badges with text, the text list of steps, keyboard zoom, no
console errors under a strict Content-Security-Policy, and no serious accessibility violations."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.diagram_page import STATES


def _ready(page: Any, path: str = "/_uji/diagram") -> Any:
    page.goto(path)
    diagram = page.locator("#diagram")
    expect(diagram).to_have_attribute("data-diagram-state", "ready")
    return diagram


def test_markers_badges_and_step_list(page: Any, axe: Any) -> None:
    diagram = _ready(page)
    for element_id in STATES["completed"]:
        expect(diagram.locator(f"g.djs-element[data-element-id='{element_id}']")).to_have_class(
            _has("lintas-completed"))
    expect(diagram.locator("g[data-element-id='Task_PemeriksaanLapangan']")).to_have_class(_has("lintas-active"))
    expect(diagram.locator("g[data-element-id='Task_PemeriksaanLapangan']")).to_have_class(
        _has("lintas-sla-breached"))
    expect(diagram.locator("g[data-element-id='Service_BeritaAcara']")).to_have_class(_has("lintas-failed"))
    expect(diagram.locator("g[data-element-id='Task_Persetujuan']")).not_to_have_class(_has("lintas-"))

    # Badges carry words, not only colour: the breached deadline, the late one, the failed step.
    badges = diagram.locator(".djs-overlay .lintas-badge")
    expect(diagram.locator(".lintas-sla-badge-breached")).to_have_text("Lewat 2 hari kerja")
    expect(diagram.locator(".lintas-sla-badge-late")).to_have_text("Selesai terlambat 1 hari kerja")
    expect(diagram.locator(".lintas-badge-failed")).to_have_text("gagal")
    expect(badges).to_have_count(3)                      # "met" has no badge; unknown ids are ignored

    steps = diagram.get_by_role("list", name="Langkah proses dan statusnya")
    expect(steps.locator("li[data-element-id='Task_PemeriksaanLapangan']")).to_have_text(
        "Pemeriksaan lapangan: sedang berjalan — tenggat: Lewat 2 hari kerja")
    expect(steps.locator("li[data-element-id='Task_Verifikasi']")).to_have_text(
        "Verifikasi laporan: selesai — tenggat: Selesai tepat waktu")
    expect(steps.locator("li[data-element-id='Service_BeritaAcara']")).to_contain_text("gagal")
    expect(steps.locator("li[data-element-id='Task_Persetujuan']")).to_have_text(
        "Persetujuan tindak lanjut: belum dijalankan")
    expect(steps.locator("li[data-element-id='Task_Tidak_Ada']")).to_have_count(0)
    # Every named step of the process is listed, in reading order (left to right).
    names = steps.locator(".lintas-step-name").all_inner_texts()
    assert names.index("Laporan diterima") < names.index("Verifikasi laporan") < names.index("Pemeriksaan lapangan")
    assert "Tanda tangani Berita Acara" in names

    expect(diagram.locator(".bjs-powered-by")).to_be_visible()      # the bpmn.io watermark stays
    axe(page)


def test_zoom_buttons_and_keys(page: Any) -> None:
    diagram = _ready(page)
    viewport = diagram.locator("svg .viewport")

    def scale() -> float:
        return float(page.evaluate("el => el.getCTM().a", viewport.element_handle()))

    fitted = scale()
    diagram.get_by_role("button", name="Perbesar").click()
    assert scale() > fitted * 1.2
    diagram.get_by_role("button", name="Pas layar").click()
    assert abs(scale() - fitted) < 1e-3
    # Keyboard only: Tab to the buttons and the diagram, then + and 0.
    canvas = diagram.get_by_role("group", name="Pengaduan Jalan Rusak", exact=False)
    canvas.focus()
    expect(canvas).to_be_focused()
    page.keyboard.press("+")
    assert scale() > fitted * 1.2
    page.keyboard.press("0")
    assert abs(scale() - fitted) < 1e-3
    page.keyboard.press("-")
    assert scale() < fitted


def test_english_page_and_diagram_without_states(page: Any, axe: Any) -> None:
    diagram = _ready(page, "/_uji/diagram/en")
    expect(diagram.get_by_role("button", name="Zoom in")).to_be_visible()
    expect(diagram.locator("li[data-element-id='Task_PemeriksaanLapangan'] .lintas-step-state")).to_have_text(
        "in progress")
    diagram = _ready(page, "/_uji/diagram/tanpa-status")
    expect(diagram.locator(".lintas-completed, .lintas-active, .lintas-failed")).to_have_count(0)
    expect(diagram.locator("li[data-state='none']").first).to_be_visible()
    axe(page)


def test_diagram_in_a_hidden_panel_fits_when_shown(page: Any) -> None:
    page.goto("/_uji/diagram/tersembunyi")
    diagram = page.locator("#diagram")
    expect(diagram).to_have_attribute("data-diagram-state", "ready")
    expect(diagram.locator("li[data-element-id='Task_PemeriksaanLapangan']")).to_have_attribute(
        "data-state", "active")
    page.evaluate("document.getElementById('panel').hidden = false")      # as a tab switch would
    shape = diagram.locator("g[data-element-id='Task_PemeriksaanLapangan']")
    expect(shape).to_be_visible()
    box, frame = shape.bounding_box(), diagram.locator(".lintas-diagram-canvas").bounding_box()
    assert box is not None and frame is not None
    assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"], "fitted into view"


def _has(css_class: str) -> Any:
    import re

    return re.compile(rf"(^|\s){css_class}")
