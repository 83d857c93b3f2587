"""The instance page's data: who may read a case, its summary, diagram marks with step deadlines,
timeline sentences, and the processes a person may start."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import NotFound, PermissionDenied
from tests import bpmn_builder as b
from tests.conftest import FixedClock
from tests.integration.cases_support import (
    AUDITOR,
    FOREIGN_AUDITOR,
    FOREIGNER,
    KABID,
    OTHER_SUPERVISOR,
    OUTSIDER,
    STAF,
    STARTER,
    SUPERVISOR,
    deploy_berkas,
    load_org,
    open_item,
    pdf,
    start,
)
from tests.integration.conftest import TENANT

QUIET_TUESDAY = datetime(2026, 4, 14, 2, 0, tzinfo=UTC)       # 09:00 WIB, no day off that week


@pytest.fixture
def app(lintas: Lintas, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Lintas:
    load_org(lintas, tmp_path)
    deploy_berkas(lintas, tmp_path)
    return lintas


def test_readers_are_people_involved_supervisors_of_its_units_and_auditors(app: Lintas) -> None:
    case = start(app)
    expected = {STARTER: "involved", STAF: "involved", "ani": "involved", SUPERVISOR: "supervisor",
                AUDITOR: "auditor"}
    for user, why in expected.items():
        assert app.cases.summary(case, as_user=user).access == why
        assert app.instances.show(case, as_user=user).id == case           # ensure_involved, as documents use it
        assert app.documents.for_instance(case, as_user=user) == []
    for refused, error in ((KABID, PermissionDenied), (OUTSIDER, PermissionDenied),
                           (OTHER_SUPERVISOR, PermissionDenied), (FOREIGNER, NotFound), (FOREIGN_AUDITOR, NotFound)):
        for read in (app.cases.summary, app.cases.timeline, app.cases.diagram, app.cases.page):
            with pytest.raises(error):
                read(case, as_user=refused)
        with pytest.raises(error):
            app.instances.show(case, as_user=refused)
        with pytest.raises(error):
            app.documents.for_instance(case, as_user=refused)
    with pytest.raises(NotFound):
        app.cases.summary(424242, as_user=AUDITOR)
    app.work_items.complete(open_item(app, case), as_user=STAF, data={"uraian": "Sudah diperiksa"})
    assert app.cases.summary(case, as_user=KABID).access == "involved"      # the next step is theirs


def test_summary_names_the_starter_the_current_step_and_the_access(app: Lintas) -> None:
    case = start(app)
    summary = app.cases.summary(case, as_user=STAF)
    assert (summary.name, summary.definition_key, summary.status, summary.started_by, summary.started_by_name) == (
        "Pengajuan Berkas", "berkas", "running", STARTER, "Admin Koordinator")
    assert [(s.element_id, s.name, s.candidate_roles) for s in summary.current_steps] == [
        ("tulis", "Tulis laporan", ("PUPR/Staf",))]
    assert (summary.case_deadline, summary.open_incidents, summary.ended_at) == (None, 0, None)


def test_diagram_marks_completed_and_active_elements_as_the_case_moves(app: Lintas) -> None:
    case = start(app)
    diagram = app.cases.diagram(case, as_user=STAF)
    assert 'id="tulis"' in diagram.bpmn_xml
    assert (diagram.completed, diagram.active, diagram.failed) == (("start",), ("tulis",), ())
    assert diagram.names["tulis"] == "Tulis laporan"
    app.work_items.complete(open_item(app, case), as_user=STAF, data={"uraian": "Sudah diperiksa"})
    diagram = app.cases.diagram(case, as_user=STAF)
    assert (diagram.completed, diagram.active) == (("start", "tulis"), ("setujui",))
    app.work_items.complete(open_item(app, case), as_user=KABID, data={"setuju": True})
    diagram = app.cases.diagram(case, as_user=AUDITOR)
    assert (diagram.completed, diagram.active) == (("end", "setujui", "start", "tulis"), ())
    assert app.cases.summary(case, as_user=AUDITOR).status == "completed"


def test_step_deadlines_show_their_state_and_urgency(app: Lintas, clock: FixedClock) -> None:
    clock.moment = QUIET_TUESDAY
    case = start(app)                                   # Tuesday 14 April 2026, 09:00 WIB; due Thursday 16:00
    sla = app.cases.diagram(case, as_user=STAF).step_sla["tulis"]
    assert (sla.scope, sla.state, sla.urgency, sla.working_days_left, sla.overdue_hours) == (
        "task", "running", "on_time", 2, 0.0)
    clock.advance(days=1)                               # Wednesday: due before the close of the next working day
    assert app.cases.diagram(case, as_user=STAF).step_sla["tulis"].urgency == "due_soon"
    clock.advance(days=2, hours=1)                      # Friday 10:00: 2.5 office hours after Thursday's close
    sla = app.cases.diagram(case, as_user=STAF).step_sla["tulis"]
    assert (sla.urgency, sla.working_days_left) == ("overdue", -1)
    assert sla.overdue_hours == pytest.approx(2.5, abs=0.6)
    app.work_items.complete(open_item(app, case), as_user=STAF, data={"uraian": "Terlambat"})
    step_sla = app.cases.diagram(case, as_user=STAF).step_sla
    assert (step_sla["tulis"].state, step_sla["tulis"].closed_as, step_sla["tulis"].urgency) == (
        "closed", "breached", "breached")
    assert step_sla["tulis"].overdue_hours > 0
    assert (step_sla["setujui"].state, step_sla["setujui"].urgency) == ("running", "due_soon")


def test_timeline_tells_each_step_in_both_languages(app: Lintas, clock: FixedClock) -> None:
    clock.moment = QUIET_TUESDAY
    case = start(app)
    app.work_items.claim(open_item(app, case), as_user=STAF)
    app.attachments.store(case, as_user=STAF, filename="laporan.pdf", data=pdf())
    app.comments.add(case, as_user=AUDITOR, text="Mohon lampirkan foto.")
    app.work_items.complete(open_item(app, case), as_user=STAF, data={"uraian": "Sudah diperiksa"})
    lines = [(t.kind, t.actor_name, t.element_name, t.text_id, t.text_en)
             for t in app.cases.timeline(case, as_user=STAF)]
    texts = [line[3] for line in lines]
    assert texts[0] == "Admin Koordinator memulai Pengajuan Berkas"
    assert "Tugas 'Tulis laporan' masuk ke PUPR/Staf" in texts
    assert "Tenggat tugas 'Tulis laporan' (2 hari kerja) berjalan sampai 16/04/2026 16:00 WIB" in texts
    assert ("task", "Budi Santoso", "Tulis laporan", "Budi Santoso mengambil tugas 'Tulis laporan'",
            "Budi Santoso claimed task 'Tulis laporan'") in lines
    assert "Budi Santoso melampirkan berkas 'laporan.pdf'" in texts
    assert "Putri Auditor menambahkan komentar: “Mohon lampirkan foto.”" in texts
    assert "Budi Santoso menyelesaikan tugas 'Tulis laporan'" in texts
    assert "Tenggat 'Tulis laporan' terpenuhi" in texts
    assert lines[-1][3].startswith("Tenggat tugas 'Setujui laporan'")
    page = app.cases.page(case, as_user=STAF)
    assert [t.text_id for t in page.timeline] == texts
    assert (len(page.comments), len(page.attachments), page.diagram.active) == (1, 1, ("setujui",))


def test_startable_processes_follow_starters_tenant_and_latest_version(app: Lintas, tmp_path: Path) -> None:
    documentation = "<bpmn:documentation>Usulan kegiatan bidang\n  untuk tahun depan.</bpmn:documentation>"
    bidang = b.process("usulan", documentation,
                       b.start(form="usulan"), b.user("kerjakan", "Kerjakan"), b.end(),
                       b.flow("start", "kerjakan", "end"), name="Usulan Kegiatan",
                       attrs=' lintas:starters="PUPR/Kepala Bidang"')
    usulan = b.form("judul", judul={"type": "string", "title": "Judul"})
    app.deployments.deploy(b.bundle(tmp_path / "v1", "usulan", bidang, {"usulan": usulan}), tenant=TENANT)
    app.deployments.deploy(b.bundle(tmp_path / "v2", "usulan", bidang.replace("Kerjakan", "Kerjakan usulan"),
                                    {"usulan": usulan}), tenant=TENANT)
    by_message = b.process("otomatis", '<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m"/>'
                           "</bpmn:startEvent>", b.end(), b.flow("start", "end"), name="Otomatis",
                           extra='<bpmn:message id="m" name="laporan-masuk"/>')
    app.deployments.deploy(b.bundle(tmp_path, "otomatis", by_message), tenant=TENANT)

    for_kabid = {p.key: p for p in app.catalog.startable(KABID)}
    assert list(for_kabid) == ["berkas", "usulan"]                      # by name: Pengajuan..., Usulan...
    usulan_entry = for_kabid["usulan"]
    assert (usulan_entry.version, usulan_entry.start_form_id, usulan_entry.start_form_schema) == (2, "usulan", usulan)
    assert usulan_entry.description == "Usulan kegiatan bidang untuk tahun depan."
    assert for_kabid["berkas"].description == (
        "Pengajuan berkas ke Dinas PUPR: staf menulis laporan, kepala bidang menyetujui.")
    assert [p.key for p in app.catalog.startable(STAF)] == ["berkas"]
    assert app.catalog.startable(FOREIGNER) == []


def test_a_failing_step_is_marked_failed_and_told_as_an_incident(app: Lintas, tmp_path: Path) -> None:
    broken = b.process("rusak", b.start(), b.script("hitung", "x = 1 / 0"), b.end(),
                       b.flow("start", "hitung", "end"), name="Hitung Retribusi")
    app.deployments.deploy(b.bundle(tmp_path, "rusak", broken), tenant=TENANT)
    case = app.instances.start("rusak", as_user=STARTER).id
    diagram = app.cases.diagram(case, as_user=STARTER)
    assert (diagram.completed, diagram.active, diagram.failed) == (("start",), (), ("hitung",))
    summary = app.cases.summary(case, as_user=STARTER)
    assert (summary.status, summary.open_incidents) == ("incident", 1)
    incident = [t for t in app.cases.timeline(case, as_user=STARTER) if t.action == "incident"]
    assert [(t.kind, t.element_id) for t in incident] == [("incident", "hitung")]
    assert incident[0].text_id.startswith("Insiden pada 'hitung': ")


def test_long_timelines_come_in_pages(app: Lintas, monkeypatch: pytest.MonkeyPatch) -> None:
    case = start(app)
    for i in range(3):
        app.comments.add(case, as_user=STAF, text=f"catatan {i}")
    everything = app.cases.timeline(case, as_user=STAF)
    assert [t.seq for t in everything] == list(range(1, len(everything) + 1))
    assert [t.seq for t in app.cases.timeline(case, as_user=STAF, after_seq=2, limit=2)] == [3, 4]
    assert app.cases.page(case, as_user=STAF).earlier_entries == 0
    monkeypatch.setattr("engine.services.case_view.TIMELINE_PAGE", 2)
    page = app.cases.page(case, as_user=STAF)
    assert (page.earlier_entries, [t.text_id for t in page.timeline]) == (
        len(everything) - 2, ["Budi Santoso menambahkan komentar: “catatan 1”",
                              "Budi Santoso menambahkan komentar: “catatan 2”"])
