"""Timers as durable jobs, fired by the worker on the injected clock; retries, incidents, restarts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import DeploymentRejected
from engine.services.jobs import Worker
from tests import bpmn_builder as b
from tests.conftest import FixedClock, make_lintas
from tests.integration.conftest import ORG, deploy


def timer(id: str, kind: str, value: str, attached: str | None = None, interrupting: bool = True) -> str:
    definition = f'<bpmn:timerEventDefinition><bpmn:{kind}>{value}</bpmn:{kind}></bpmn:timerEventDefinition>'
    if attached is None:
        return f'<bpmn:intermediateCatchEvent id="{id}">{definition}</bpmn:intermediateCatchEvent>'
    cancel = "true" if interrupting else "false"
    return (f'<bpmn:boundaryEvent id="{id}" attachedToRef="{attached}" cancelActivity="{cancel}">'
            f'{definition}</bpmn:boundaryEvent>')


def pending_jobs(app: Lintas, instance_id: int) -> dict[str, object]:
    with app.ctx.uow(write=False) as uow:
        return dict(uow.jobs.pending_for_instance(instance_id, "timer"))


def test_duration_timer_waits_as_a_job_and_fires_when_due(app: Lintas, tmp_path: Path, clock: FixedClock) -> None:
    bpmn = b.process("tunggu", b.start(), timer("jeda", "timeDuration", "PT2H"), b.user("lanjut", groups="PUPR/Staf"),
                     b.end(), b.flow("start", "jeda", "lanjut", "end"))
    deploy(app, b.bundle(tmp_path, "tunggu", bpmn))
    view = app.instances.start("tunggu", as_user="budi")
    assert view.open_work == ()
    jobs = pending_jobs(app, view.id)
    assert len(jobs) == 1 and list(jobs.values())[0][1] == clock.moment.replace(hour=4)   # 2 h after 02:00 UTC
    assert app.jobs.run_due().claimed == 0, "nothing is due yet"
    clock.advance(hours=2)
    assert app.jobs.run_due().done == 1
    after = app.instances.show(view.id)
    assert [w.element_id for w in after.open_work] == ["lanjut"]
    assert pending_jobs(app, view.id) == {}
    assert [e.action for e in app.instances.trail(view.id)].count("timer_fired") == 1
    assert app.jobs.run_due().claimed == 0, "a fired timer is not fired again"


def test_interrupting_boundary_timer_cancels_the_task(app: Lintas, tmp_path: Path, clock: FixedClock) -> None:
    bpmn = b.process("batas", b.start(), b.user("kerjakan", groups="PUPR/Staf"),
                     timer("habis", "timeDuration", '"P1D"', attached="kerjakan"),
                     b.user("eskalasi", groups="PUPR/Kepala Bidang"), b.end(), b.end("selesai_normal"),
                     b.flow("start", "kerjakan", "selesai_normal"), b.flow("habis", "eskalasi", "end"))
    deploy(app, b.bundle(tmp_path, "batas", bpmn))
    view = app.instances.start("batas", as_user="admin")
    item = view.open_work[0].id
    clock.advance(days=1)
    Worker(app.jobs).run(once=True)
    after = app.instances.show(view.id)
    assert [w.element_id for w in after.open_work] == ["eskalasi"]
    assert app.work_items.inbox("budi") == []
    with pytest.raises(Exception, match="dibatalkan|cancelled"):
        app.work_items.complete(item, as_user="budi")


def test_completing_the_task_cancels_its_boundary_timer(app: Lintas, tmp_path: Path, clock: FixedClock) -> None:
    bpmn = b.process("batas", b.start(), b.user("kerjakan", groups="PUPR/Staf"),
                     timer("habis", "timeDuration", "PT4H", attached="kerjakan"), b.end(), b.end("terlambat"),
                     b.flow("start", "kerjakan", "end"), b.flow("habis", "terlambat"))
    deploy(app, b.bundle(tmp_path, "batas", bpmn))
    view = app.instances.start("batas", as_user="admin")
    assert len(pending_jobs(app, view.id)) == 1
    app.work_items.complete(view.open_work[0].id, as_user="budi")
    assert pending_jobs(app, view.id) == {}
    clock.advance(hours=5)
    assert app.jobs.run_due().claimed == 0
    assert app.instances.show(view.id).status == "completed"


def test_non_interrupting_cycle_fires_each_time_and_keeps_the_task(
    app: Lintas, tmp_path: Path, clock: FixedClock
) -> None:
    bpmn = b.process("pengingat", b.start(), b.user("kerjakan", groups="PUPR/Staf"),
                     timer("ingatkan", "timeCycle", "R3/PT1H", attached="kerjakan", interrupting=False),
                     b.script("catat", "jumlah_pengingat = jumlah_pengingat + 1 if 'x' == 'y' else 1"),
                     b.end(), b.end("diingatkan"),
                     b.flow("start", "kerjakan", "end"), b.flow("ingatkan", "diingatkan"))
    deploy(app, b.bundle(tmp_path, "pengingat", bpmn))
    view = app.instances.start("pengingat", as_user="admin")
    fired = []
    for _ in range(5):
        clock.advance(hours=1)
        fired.append(app.jobs.run_due().done)
    assert fired == [1, 1, 1, 0, 0]
    after = app.instances.show(view.id)
    assert [w.element_id for w in after.open_work] == ["kerjakan"]
    assert [e.action for e in app.instances.trail(view.id)].count("timer_fired") == 3


def test_date_timer_without_zone_uses_the_tenants_zone(app: Lintas, tmp_path: Path, clock: FixedClock) -> None:
    bpmn = b.process("tanggal", b.start(), timer("pada", "timeDate", "2026-03-17T12:00:00"),
                     b.user("lanjut", groups="PUPR/Staf"), b.end(), b.flow("start", "pada", "lanjut", "end"))
    deploy(app, b.bundle(tmp_path, "tanggal", bpmn))
    view = app.instances.start("tanggal", as_user="budi")
    due = list(pending_jobs(app, view.id).values())[0][1]
    assert due.isoformat() == "2026-03-17T05:00:00+00:00"     # 12:00 WIB


def test_timers_survive_a_restart(lintas: Lintas, tmp_path: Path, clock: FixedClock, sandbox: object) -> None:
    lintas.org.load_file(ORG)
    bpmn = b.process("tunggu", b.start(), timer("jeda", "timeDuration", "PT30M"), b.user("lanjut", groups="PUPR/Staf"),
                     b.end(), b.flow("start", "jeda", "lanjut", "end"))
    deploy(lintas, b.bundle(tmp_path, "tunggu", bpmn))
    view = lintas.instances.start("tunggu", as_user="budi")
    url = lintas.ctx.db.url
    lintas.close()
    clock.advance(hours=1)
    restarted = make_lintas(url, tmp_path / "again", clock, sandbox)  # type: ignore[arg-type]
    try:
        assert restarted.jobs.run_due().done == 1
        assert [w.element_id for w in restarted.instances.show(view.id).open_work] == ["lanjut"]
    finally:
        restarted.close()


@pytest.mark.parametrize(("value", "reason"), [
    ("R/PT0.001S", "too frequent"),
    ("R/PT30S", "cycle with no end"),
    ("3 hari", "invalid timer value"),
    ("R0/PT1H", "0 repetitions"),
    ("P3X", "invalid timer value"),
    ("2026-02-30T10:00:00", "invalid timer value"),
    ("3 hari kerj", "invalid timer value"),
])
def test_bad_timer_values_are_refused_at_deploy(app: Lintas, tmp_path: Path, value: str, reason: str) -> None:
    kind = "timeCycle" if value.startswith("R") else "timeDuration"
    bpmn = b.process("salah", b.start(), b.user("kerjakan", groups="PUPR/Staf"),
                     timer("t", kind, value, attached="kerjakan", interrupting=False), b.end(), b.end("e2"),
                     b.flow("start", "kerjakan", "end"), b.flow("t", "e2"))
    with pytest.raises(DeploymentRejected, match=reason):
        app.deployments.deploy(b.bundle(tmp_path, "salah", bpmn), tenant="kab-uji")


def test_timer_expression_failing_at_run_time_is_an_incident_and_retry_works(
    app: Lintas, tmp_path: Path, clock: FixedClock
) -> None:
    form = b.form("jam", jam={"type": "string"})
    bpmn = b.process("dinamis", b.start(form="awal"), timer("jeda", "timeDuration", "jam"),
                     b.user("lanjut", groups="PUPR/Staf"), b.end(), b.flow("start", "jeda", "lanjut", "end"))
    deploy(app, b.bundle(tmp_path, "dinamis", bpmn, {"awal": form}))
    view = app.instances.start("dinamis", as_user="budi", data={"jam": "besok pagi"})
    assert view.status == "incident" and "tidak dikenali" in view.incidents[0].message
    assert app.jobs.run_due().claimed == 0
    assert [i.id for i in app.incidents.list(tenant="kab-uji")] == [view.incidents[0].id]
    retried = app.incidents.retry(view.incidents[0].id)
    assert retried.resolved_at is not None
    again = app.instances.show(view.id)
    assert again.status == "incident" and len(again.incidents) == 1 and again.incidents[0].id != retried.id


def test_failing_job_retries_with_backoff_then_becomes_an_incident(
    app: Lintas, tmp_path: Path, clock: FixedClock
) -> None:
    calls: list[int] = []

    def explode(ctx: object, uow: object, job: object) -> None:
        calls.append(1)
        raise RuntimeError("layanan surel mati")

    app.jobs.register("uji", explode)
    with app.ctx.uow() as uow:
        uow.jobs.schedule(tenant_id=1, kind="uji", due_at=clock.moment, now=clock.moment, max_attempts=3)
        uow.commit()
    outcomes = []
    for _ in range(6):
        summary = app.jobs.run_due()
        outcomes.append((summary.retried, summary.failed))
        clock.advance(minutes=5)
    assert outcomes[:3] == [(1, 0), (1, 0), (0, 1)] and len(calls) == 3
    with app.ctx.uow(write=False) as uow:
        assert uow.jobs.counts().get("failed") == 1


def test_working_day_timer_skips_the_cuti_bersama_week(app: Lintas, tmp_path: Path, clock: FixedClock) -> None:
    # 17 March 2026 09:00 WIB + 3 hari kerja: 18-24 March are Nyepi, Idul Fitri and cuti bersama, so the
    # deadline is closing time on Friday 27 March (16:30 WIB).
    bpmn = b.process("tiga_hari", b.start(), b.user("verifikasi", groups="PUPR/Staf"),
                     timer("lewat", "timeDuration", "3 hari kerja", attached="verifikasi"),
                     b.user("eskalasi", groups="PUPR/Kepala Bidang"), b.end(), b.end("e2"),
                     b.flow("start", "verifikasi", "end"), b.flow("lewat", "eskalasi", "e2"))
    deploy(app, b.bundle(tmp_path, "tiga_hari", bpmn))
    view = app.instances.start("tiga_hari", as_user="admin")
    due = list(pending_jobs(app, view.id).values())[0][1]
    assert due.isoformat() == "2026-03-27T09:30:00+00:00"
    clock.advance(days=9)      # Thursday 26 March: still in time
    assert app.jobs.run_due().claimed == 0
    clock.advance(days=1, hours=8)   # Friday 27 March 17:00 WIB
    assert app.jobs.run_due().done == 1
    assert [w.element_id for w in app.instances.show(view.id).open_work] == ["eskalasi"]


def test_calendar_policy_from_the_org_file(app: Lintas, tmp_path: Path) -> None:
    text = ORG.read_text(encoding="utf-8").replace(
        "    timezone: Asia/Jakarta\n",
        "    timezone: Asia/Jakarta\n    calendar:\n      joint_leave_is_day_off: false\n"
        "      days_off: [{date: 2026-03-25, name: Hari Jadi Kabupaten}]\n"
        "      sla_classes: {ringan: '2 hari kerja', normatif: {name: Normatif, duration: '5 hari kerja'}}\n", 1)
    org = tmp_path / "org.yaml"
    org.write_text(text, encoding="utf-8")
    app.org.load_file(org)
    answer = app.calendars.add(date(2026, 3, 17), 3, tenant="kab-uji")
    assert answer.result == date(2026, 3, 23) and answer.joint_leave_is_day_off is False
    assert app.calendars.add(date(2026, 3, 24), 1, tenant="kab-uji").result == date(2026, 3, 26)
    names = {d.day: d.name for d in app.calendars.days_off(2026, tenant="kab-uji")}
    assert names[date(2026, 3, 25)] == "Hari Jadi Kabupaten" and date(2026, 3, 18) not in names
    app.calendars.set_day(date(2026, 3, 25), clear=True, tenant="kab-uji")
    assert app.calendars.add(date(2026, 3, 24), 1, tenant="kab-uji").result == date(2026, 3, 25)


def timer_start_process(value: str, kind: str = "timeCycle") -> str:
    start = (f'<bpmn:startEvent id="jadwal"><bpmn:timerEventDefinition><bpmn:{kind}>{value}</bpmn:{kind}>'
             '</bpmn:timerEventDefinition></bpmn:startEvent>')
    return b.process("rekap", start, b.user("rekap_harian", "Susun rekap", groups="PUPR/Staf"), b.end(),
                     b.flow("jadwal", "rekap_harian", "end"))


def test_timer_start_event_creates_instances_on_schedule(app: Lintas, tmp_path: Path, clock: FixedClock) -> None:
    deploy(app, b.bundle(tmp_path, "rekap", timer_start_process("R3/PT1H")))
    assert app.jobs.run_due().claimed == 0
    started = []
    for _ in range(5):
        clock.advance(hours=1)
        started.append(app.jobs.run_due().done)
    assert started == [1, 1, 1, 0, 0]
    items = app.work_items.inbox("budi")
    assert [i.name for i in items] == ["Susun rekap"] * 3
    first = app.instances.trail(items[0].instance_id)[0]
    assert first.action == "instance_started" and first.summary["by_timer"] == "jadwal"


def test_redeploying_moves_the_schedule_instead_of_doubling_it(app: Lintas, tmp_path: Path, clock: FixedClock) -> None:
    folder = b.bundle(tmp_path, "rekap", timer_start_process("PT2H", "timeDuration"))
    deploy(app, folder)
    (folder / "process.bpmn").write_text(timer_start_process("PT3H", "timeDuration"))
    deploy(app, folder)
    clock.advance(hours=2)
    assert app.jobs.run_due().claimed == 0
    clock.advance(hours=1)
    assert app.jobs.run_due().done == 1
    assert len(app.work_items.inbox("budi")) == 1


def test_timer_start_event_must_be_literal(app: Lintas, tmp_path: Path) -> None:
    with pytest.raises(DeploymentRejected, match="literal value"):
        app.deployments.deploy(b.bundle(tmp_path, "rekap", timer_start_process("jadwal_var", "timeDuration")),
                               tenant="kab-uji")


def test_async_step_runs_in_a_job_after_the_request(app: Lintas, tmp_path: Path, clock: FixedClock) -> None:
    bpmn = b.process(
        "berat", b.start(), b.user("ajukan", groups="PUPR/Staf"),
        '<bpmn:scriptTask id="hitung" lintas:async="true"><bpmn:script>total = 6 * 7</bpmn:script></bpmn:scriptTask>',
        b.user("periksa", groups="PUPR/Kepala Bidang"), b.end(), b.flow("start", "ajukan", "hitung", "periksa", "end"),
    )
    deploy(app, b.bundle(tmp_path, "berat", bpmn))
    view = app.instances.start("berat", as_user="admin")
    app.work_items.complete(view.open_work[0].id, as_user="budi")
    waiting = app.instances.show(view.id)
    assert waiting.open_work == () and "total" not in waiting.data, "the clerk's request did not run the step"
    assert app.jobs.run_due().done == 1
    after = app.instances.show(view.id)
    assert after.data["total"] == 42 and [w.element_id for w in after.open_work] == ["periksa"]
    assert app.jobs.run_due().claimed == 0
