"""Deadlines on tasks, phases and cases: reminders, breaches with escalation and reassignment, pauses
while waiting for the citizen, and the compliance report — all on the injected clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import DeploymentRejected
from tests import bpmn_builder as b
from tests.conftest import FixedClock
from tests.integration.conftest import TENANT, deploy


def sla_task(id: str, name: str, groups: str, due: str, reminder: str | None = None,
             on_breach: str | None = None, pauses: bool = False, form: str | None = None) -> str:
    extra = f' lintas:due="{due}"' if due else ""
    extra += f' lintas:reminder="{reminder}"' if reminder else ""
    extra += f' lintas:onBreach="{on_breach}"' if on_breach else ""
    extra += ' lintas:pausesSla="true"' if pauses else ""
    extra += f' lintas:form="{form}"' if form else ""
    return f'<bpmn:userTask id="{id}" name="{name}" lintas:candidateGroups="{groups}"{extra}/>'


def notifications(app: Lintas, user: str) -> list[str]:
    return [n.title for n in app.notifications.inbox(user)]


def run_jobs(app: Lintas, clock: FixedClock, **delta: float) -> int:
    clock.advance(**delta)
    return app.jobs.run_due().done


ESCALATING = b.process(
    "tindak",
    b.start(),
    sla_task("kerjakan", "Tindak lanjut", "PUPR/Staf", "2 hari kerja", reminder="1 hari kerja",
             on_breach="escalate:PUPR/Kepala Bidang; escalate:SETDA/Admin Koordinator"),
    b.end(), b.flow("start", "kerjakan", "end"),
)


def test_reminder_then_two_levels_of_escalation(app: Lintas, tmp_path: Path, clock: FixedClock) -> None:
    # Mon 6 Jul 2026 09:00 WIB, a week without holidays: due Wed 16:00 WIB, reminder a working day earlier.
    clock.moment = clock.moment.replace(month=7, day=6)
    deploy(app, b.bundle(tmp_path, "tindak", ESCALATING))
    view = app.instances.start("tindak", as_user="admin")
    item = app.work_items.inbox("budi")[0]
    assert item.due_at is not None and item.due_at.isoformat() == "2026-07-08T09:00:00+00:00"   # Wed 16:00 WIB
    assert run_jobs(app, clock, days=1, hours=6) == 0             # Tue 15:00 WIB: not yet
    assert run_jobs(app, clock, hours=1) == 1                      # Tue 16:00 WIB: a working day before the deadline
    assert notifications(app, "budi") == ["Pengingat tenggat: Tindak lanjut"]
    assert notifications(app, "ani") == ["Pengingat tenggat: Tindak lanjut"]
    assert run_jobs(app, clock, days=1, hours=1) == 1             # Wed 17:00 WIB: first breach
    assert notifications(app, "kabid") == ["Eskalasi: Tindak lanjut"]
    assert [i.id for i in app.work_items.inbox("kabid")] == [item.id], "the supervisor can now pick it up"
    assert notifications(app, "admin") == []
    assert run_jobs(app, clock, days=1) == 0                      # Thu 17:00: not a full period later yet
    assert run_jobs(app, clock, days=1) == 1                      # Fri 17:00: second breach
    assert notifications(app, "admin") == ["Eskalasi: Tindak lanjut"]
    assert run_jobs(app, clock, days=7) == 0, "no third level was configured"
    app.work_items.complete(item.id, as_user="kabid")
    actions = [e.action for e in app.instances.trail(view.id)]
    assert actions.count("sla_breached") == 2 and actions.count("sla_reminded") == 1
    assert actions[-2:] == ["sla_closed", "instance_completed"]
    assert [e.summary["status"] for e in app.instances.trail(view.id) if e.action == "sla_closed"] == ["breached"]
    report = app.sla.report(start=date(2026, 7, 1), end=date(2026, 7, 31), tenant=TENANT)
    row = next(r for r in report if r.opd == "PUPR")
    assert (row.total, row.met, row.breached) == (1, 0, 1) and row.overdue_hours > 8


def test_met_deadline_is_reported_as_met(app: Lintas, tmp_path: Path, clock: FixedClock) -> None:
    clock.moment = clock.moment.replace(month=7, day=6)
    deploy(app, b.bundle(tmp_path, "tindak", ESCALATING))
    app.instances.start("tindak", as_user="admin")
    clock.advance(hours=3)
    app.work_items.complete(app.work_items.inbox("budi")[0].id, as_user="budi")
    assert run_jobs(app, clock, days=10) == 0, "jobs of a met deadline are cancelled"
    rows = app.sla.report(start=date(2026, 7, 6), end=date(2026, 7, 6), opd="PUPR", tenant=TENANT)
    assert [(r.total, r.met, r.compliance) for r in rows] == [(1, 1, 1.0)]


def test_reassign_moves_the_task_and_releases_the_claim(app: Lintas, tmp_path: Path, clock: FixedClock) -> None:
    clock.moment = clock.moment.replace(month=7, day=6)
    bpmn = b.process("alih", b.start(), sla_task("kerjakan", "Kerjakan", "PUPR/Staf", "4 jam kerja",
                                                  on_breach="reassign:DISHUB/Staf"), b.end(),
                     b.flow("start", "kerjakan", "end"))
    deploy(app, b.bundle(tmp_path, "alih", bpmn))
    app.instances.start("alih", as_user="admin")
    item = app.work_items.claim(app.work_items.inbox("budi")[0].id, as_user="budi")
    assert run_jobs(app, clock, hours=5) == 1
    assert app.work_items.inbox("budi") == [] and [i.id for i in app.work_items.inbox("dedi")] == [item.id]
    assert "Dialihkan: Kerjakan" in notifications(app, "budi") and "Dialihkan: Kerjakan" in notifications(app, "dedi")
    app.work_items.complete(item.id, as_user="dedi")


PAUSING = b.process(
    "tunda",
    b.start(),
    '<bpmn:subProcess id="verifikasi_fase" name="Verifikasi" lintas:due="3 hari kerja" '
    'lintas:onBreach="escalate:SETDA/Admin Koordinator">'
    + b.start("vs") + sla_task("periksa", "Periksa laporan", "PUPR/Staf", "", form="hasil")
    + b.xor("lengkap", default="ok")
    + sla_task("lengkapi", "Tunggu kelengkapan dari pelapor", "PUPR/Staf", "", pauses=True)
    + b.end("ve") + b.seq("v1", "vs", "periksa") + b.seq("v2", "periksa", "lengkap")
    + b.seq("kurang", "lengkap", "lengkapi", "hasil == 'tunda'") + b.seq("v3", "lengkapi", "periksa")
    + b.seq("ok", "lengkap", "ve") + "</bpmn:subProcess>",
    b.end(), b.flow("start", "verifikasi_fase", "end"),
)
HASIL = b.form("hasil", hasil={"type": "string", "enum": ["tunda", "lengkap"]})


def test_waiting_for_the_citizen_pauses_the_phase_clock(app: Lintas, tmp_path: Path, clock: FixedClock) -> None:
    clock.moment = clock.moment.replace(month=7, day=6)            # Mon 09:00 WIB; phase due Thu 16:00 WIB
    deploy(app, b.bundle(tmp_path, "tunda", PAUSING, {"hasil": HASIL}))
    view = app.instances.start("tunda", as_user="admin")
    app.work_items.complete(app.work_items.inbox("budi")[0].id, as_user="budi", data={"hasil": "tunda"})
    clock.advance(days=7)                                          # a week waiting for the citizen
    assert app.jobs.run_due().done == 0, "a paused clock does not breach"
    app.work_items.complete(app.work_items.inbox("budi")[0].id, as_user="budi")   # details arrived
    trail = app.instances.trail(view.id)
    resumed = [e for e in trail if e.action == "sla_resumed"][0]
    assert resumed.summary["paused_hours"] == 43.0   # Mon 09:00 → next Mon 09:00: 7 + 3 x 8.5 + 9 + 1.5 office hours
    assert resumed.summary["due"] == "2026-07-16T09:00:00+00:00"    # shifted by the paused office time
    assert run_jobs(app, clock, days=3) == 0                       # Thu 09:00 WIB, still in time
    app.work_items.complete(app.work_items.inbox("budi")[0].id, as_user="budi", data={"hasil": "lengkap"})
    closed = [e for e in app.instances.trail(view.id) if e.action == "sla_closed"]
    assert [(e.element_id, e.summary["status"]) for e in closed] == [("verifikasi_fase", "met")]


def test_due_from_the_tenants_sla_classes(app: Lintas, tmp_path: Path, clock: FixedClock) -> None:
    from tests.integration.conftest import ORG

    org = tmp_path / "org.yaml"
    org.write_text(ORG.read_text().replace("    timezone: Asia/Jakarta\n", "    timezone: Asia/Jakarta\n"
                   "    calendar:\n      sla_classes: {ringan: '1 hari kerja', normatif: '5 hari kerja'}\n", 1))
    app.org.load_file(org)
    clock.moment = clock.moment.replace(month=7, day=6)
    bpmn = b.process("kelas", b.start(form="awal"),
                     sla_task("kerjakan", "Kerjakan", "PUPR/Staf", "=kelas_sla[kelas]"), b.end(),
                     b.flow("start", "kerjakan", "end"))
    deploy(app, b.bundle(tmp_path, "kelas", bpmn, {"awal": b.form("kelas", kelas={"type": "string"})}))
    app.instances.start("kelas", as_user="admin", data={"kelas": "normatif"})
    assert app.work_items.inbox("budi")[0].due_at.isoformat() == "2026-07-13T09:00:00+00:00"   # Mon 16:00 WIB
    broken = app.instances.start("kelas", as_user="admin", data={"kelas": "tidak-ada"})
    assert broken.incidents and "tenggat" in broken.incidents[0].message


@pytest.mark.parametrize(("attrs", "reason"), [
    ('lintas:due="3 hari"', "unrecognised due duration"),
    ('lintas:due="P1D" lintas:onBreach="telepon"', "unknown breach action"),
    ('lintas:due="P1D" lintas:onBreach="escalate"', "needs a role"),
    ('lintas:due="P1D" lintas:onBreach="escalate:SETDA/Tidak Ada"', "SETDA/Tidak Ada"),
    ('lintas:due="P1D" lintas:reminder="besok"', "unrecognised reminder"),
])
def test_bad_deadlines_are_refused_at_deploy(app: Lintas, tmp_path: Path, attrs: str, reason: str) -> None:
    bpmn = b.process("salah", b.start(), f'<bpmn:userTask id="t" lintas:candidateGroups="PUPR/Staf" {attrs}/>',
                     b.end(), b.flow("start", "t", "end"))
    with pytest.raises(DeploymentRejected, match=reason):
        app.deployments.deploy(b.bundle(tmp_path, "salah", bpmn), tenant=TENANT)


def test_phase_reports_under_its_lanes_opd_and_lends_its_deadline(app: Lintas, tmp_path: Path,
                                                                   clock: FixedClock) -> None:
    clock.moment = clock.moment.replace(month=7, day=6)
    phase = ('<bpmn:subProcess id="fase" name="Tindak lanjut" lintas:due="2 hari kerja">' + b.start("fs")
             + b.user("kerjakan", "Kerjakan") + b.end("fe") + b.flow("fs", "kerjakan", "fe", prefix="g")
             + "</bpmn:subProcess>")
    bpmn = b.process("fase_opd", b.lanes({"PUPR/Staf": ["fase"]}), b.start(), phase, b.end(),
                     b.flow("start", "fase", "end"))
    deploy(app, b.bundle(tmp_path, "fase_opd", bpmn))
    app.instances.start("fase_opd", as_user="admin")
    item = app.work_items.inbox("budi")[0]
    assert item.due_at is not None and item.due_at.isoformat() == "2026-07-08T09:00:00+00:00"
    app.work_items.complete(item.id, as_user="budi")
    rows = app.sla.report(start=date(2026, 7, 6), end=date(2026, 7, 6), opd="PUPR", tenant=TENANT)
    assert [(r.scope, r.total, r.met) for r in rows] == [("phase", 1, 1)]
