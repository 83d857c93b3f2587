"""Deadlines of the reference process "Pengaduan jalan rusak", walked across the 2026 cuti bersama week.

The clock is injected (``clock`` fixture: Tuesday 17 March 2026 09:00 WIB) and moved by hand; due jobs run
with ``jobs.run_due()``. Days off around it (demo tenant, cuti bersama counted as days off):
18 Mar cuti bersama Nyepi, 19 Mar Nyepi, 20/23/24 Mar cuti bersama Idul Fitri, 21-22 Mar weekend,
3 Apr Wafat Yesus Kristus. Office hours: Mon-Thu 07:30-16:00, Fri 07:30-16:30 WIB (UTC+7).

Hand-computed deadlines used below ("N hari kerja" ends at closing time of the N-th working day after the
start day):

* verification, report received Tue 17 Mar: 25, 26, 27 Mar -> Fri 27 Mar 16:30 WIB = 09:30 UTC;
* follow-up from Wed 25 Mar, by class: ringan 2 -> Fri 27 Mar 16:30 WIB; normatif 5 -> Wed 1 Apr 16:00 WIB;
  tidak berkadar pengawasan 14 -> Wed 15 Apr 16:00 WIB; berkadar pengawasan 60 -> Mon 29 Jun 16:00 WIB;
* second escalation level: one more 5 working days after Wed 1 Apr (3 Apr off) -> Thu 9 Apr 16:00 WIB;
* auto-close, reply approved Wed 1 Apr: 2, 6-10, 13-16 Apr -> Thu 16 Apr 16:00 WIB = 09:00 UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from lxml import etree

import forms
from engine.bootstrap import Lintas
from engine.domain.views import AuditEntry, InstanceView
from engine.services.org_file import parse_org
from tests.conftest import DEMO_ORG, FixedClock
from tests.processes.test_pengaduan_jalan_rusak import (
    ADMIN,
    BUNDLE,
    DISPOSISI,
    DRAF_RINGAN,
    KABID,
    KADIS,
    KEY,
    LAPORAN,
    PEMERIKSAAN_RINGAN,
    STAF,
    approve,
    do,
    items_for,
    status_path,
    task_for,
)

TENANT = "kab-contoh"
WIB = ZoneInfo("Asia/Jakarta")
KOORD = "koord.pengaduan"        # SETDA/Admin Koordinator Pengaduan (also DISKOMINFO/Admin Pengaduan)
SEKDA = "sekda"                  # SETDA/Sekretaris Daerah
VERIFIKASI = "SubProcess_Verifikasi"
TINDAK_LANJUT = "SubProcess_TindakLanjut"
CLASSES = {"ringan": ("Ringan", "2 hari kerja"),
           "normatif": ("Normatif", "5 hari kerja"),
           "tidak_berkadar_pengawasan": ("Tidak berkadar pengawasan", "14 hari kerja"),
           "berkadar_pengawasan": ("Berkadar pengawasan", "60 hari kerja")}


def wib(month: int, day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A 2026 wall-clock moment in WIB, as the UTC moment the clock and the database use."""
    return datetime(2026, month, day, hour, minute, second, tzinfo=WIB).astimezone(UTC)


def at(app: Lintas, clock: FixedClock, moment: datetime) -> int:
    """Move the clock to ``moment`` and run the jobs due by then; how many ran."""
    clock.moment = moment
    return app.jobs.run_due().done


def titles(app: Lintas, username: str) -> list[str]:
    return [n.title for n in app.notifications.inbox(username)]


def entries(app: Lintas, instance_id: int, action: str, element_id: str | None = None) -> list[AuditEntry]:
    return [e for e in app.instances.trail(instance_id)
            if e.action == action and (element_id is None or e.element_id == element_id)]


def due_of(app: Lintas, instance_id: int, element_id: str) -> str:
    """The deadline (UTC, ISO) of the latest clock started for ``element_id``."""
    return str(entries(app, instance_id, "sla_started", element_id)[-1].summary["due"])


def timer_jobs(app: Lintas, instance_id: int) -> list[str]:
    with app.ctx.uow(write=False) as uow:
        return sorted(due.isoformat() for _, due in uow.jobs.pending_for_instance(instance_id, "timer").values())


def phase_rows(app: Lintas, day: date) -> list[tuple[int, int, int, float]]:
    return [(r.total, r.met, r.breached, r.overdue_hours)
            for r in app.sla.report(start=day, end=day, tenant=TENANT) if r.scope == "phase"]


def verify(app: Lintas, instance_id: int, kelas: str | None = "normatif", user: str = ADMIN) -> InstanceView:
    data = {"hasil_verifikasi": "verifikasi", "klasifikasi": "pengaduan"}
    if kelas is not None:
        data["kelas_pengaduan"] = kelas
    return do(app, user, instance_id, "Task_Verifikasi", data)


def follow_up(app: Lintas, instance_id: int) -> InstanceView:
    """Disposition, field check, draft and approval: the Tindak Lanjut phase, all at the current moment."""
    do(app, KADIS, instance_id, "Task_Disposisi", DISPOSISI)
    do(app, STAF, instance_id, "Task_PemeriksaanLapangan", PEMERIKSAAN_RINGAN)
    do(app, KABID, instance_id, "Task_SusunRingan", DRAF_RINGAN)
    return approve(app, instance_id)


def replied(app: Lintas, clock: FixedClock) -> InstanceView:
    """A report received Tue 17 Mar, verified Wed 25 Mar 10:00 WIB, reply approved Wed 1 Apr 10:00 WIB."""
    view = app.instances.start(KEY, as_user=ADMIN, data=LAPORAN)
    clock.moment = wib(3, 25, 10)
    verify(app, view.id)
    clock.moment = wib(4, 1, 10)
    view = follow_up(app, view.id)
    assert view.data["status"] == "Ditanggapi"
    return view


# -- the configuration ---------------------------------------------------------------------------------

def test_demo_tenant_defines_the_four_complaint_classes_the_form_offers() -> None:
    [tenant], problems = parse_org(DEMO_ORG.read_bytes(), DEMO_ORG.name)
    assert problems == []
    assert tenant.calendar.sla_classes == CLASSES
    assert tenant.calendar.joint_leave_is_day_off is True
    verifikasi = forms.load_forms_dir(BUNDLE / "forms")["verifikasi"]
    field = next(f for f in verifikasi.fields() if f.name == "kelas_pengaduan")
    assert {c.value: c.label for c in field.choices} == {code: name for code, (name, _) in CLASSES.items()}


def test_the_bundle_declares_its_deadlines() -> None:
    lintas = "{urn:lintas:bpmn:1}"
    tree = etree.parse(str(BUNDLE / "process.bpmn"))
    by_id = {e.get("id"): e for e in tree.iter() if e.get("id")}
    verifikasi, tindak = by_id[VERIFIKASI], by_id[TINDAK_LANJUT]
    assert etree.QName(verifikasi).localname == etree.QName(tindak).localname == "subProcess"
    assert (verifikasi.get(f"{lintas}due"), verifikasi.get(f"{lintas}onBreach")) == (
        "3 hari kerja", "escalate:SETDA/Admin Koordinator Pengaduan")
    assert tindak.get(f"{lintas}due") == '=kelas_sla[kelas_pengaduan] if kelas_sla else "5 hari kerja"'
    assert tindak.get(f"{lintas}onBreach") == ("escalate:SETDA/Admin Koordinator Pengaduan; "
                                                 "escalate:SETDA/Sekretaris Daerah")
    assert by_id["Task_Kelengkapan"].get(f"{lintas}pausesSla") == "true"
    assert by_id["Task_Kelengkapan"].getparent() is verifikasi
    timer = by_id["Timer_TanpaTanggapan"]
    assert (timer.get("attachedToRef"), timer.get("cancelActivity")) == ("Task_TanggapanPelapor", "true")
    assert "".join(timer.itertext()).strip().endswith("10 hari kerja")
    shapes = {e.get("bpmnElement") for e in tree.iter("{http://www.omg.org/spec/BPMN/20100524/DI}BPMNShape",
                                                        "{http://www.omg.org/spec/BPMN/20100524/DI}BPMNEdge")}
    process = tree.find("{http://www.omg.org/spec/BPMN/20100524/MODEL}process")
    drawn = {e.get("id") for e in process.iter() if e.get("id") and etree.QName(e).localname not in (
        "laneSet", "timerEventDefinition")} - {process.get("id")}
    assert drawn <= shapes, f"elements without a shape: {sorted(drawn - shapes)}"


def test_hand_computed_dates_agree_with_the_tenant_calendar(app: Lintas) -> None:
    def due(start: date, days: int) -> str:
        return app.calendars.add(start, days, tenant=TENANT).due.isoformat()

    assert due(date(2026, 3, 17), 3) == "2026-03-27T09:30:00+00:00"       # Fri 27 Mar 16:30 WIB
    assert due(date(2026, 3, 25), 2) == "2026-03-27T09:30:00+00:00"       # ringan
    assert due(date(2026, 3, 25), 5) == "2026-04-01T09:00:00+00:00"       # normatif: Wed 1 Apr 16:00 WIB
    assert due(date(2026, 4, 1), 5) == "2026-04-09T09:00:00+00:00"        # second level: Thu 9 Apr 16:00 WIB
    assert due(date(2026, 3, 25), 14) == "2026-04-15T09:00:00+00:00"      # tidak berkadar pengawasan
    assert due(date(2026, 3, 25), 60) == "2026-06-29T09:00:00+00:00"      # berkadar pengawasan
    assert due(date(2026, 4, 1), 10) == "2026-04-16T09:00:00+00:00"       # auto-close
    assert [d.day.day for d in app.calendars.add(date(2026, 3, 17), 3, tenant=TENANT).skipped] == [18, 19, 20, 23, 24]


# -- verification: 3 working days, escalation to the Admin Koordinator, paused while waiting ------------

def test_verification_does_not_breach_across_the_cuti_bersama_week(app: Lintas, clock: FixedClock) -> None:
    assert clock.moment == wib(3, 17, 9)
    view = app.instances.start(KEY, as_user=ADMIN, data=LAPORAN)
    [started] = entries(app, view.id, "sla_started", VERIFIKASI)
    assert started.summary == {"clock": started.summary["clock"], "due": "2026-03-27T09:30:00+00:00",
                               "duration": "3 hari kerja", "scope": "phase"}

    at(app, clock, wib(3, 26, 16))                   # the reminder is out by Thursday's closing time
    assert "Pengingat tenggat: Verifikasi" in titles(app, ADMIN)
    assert at(app, clock, wib(3, 27, 16, 29, 59)) == 0
    assert entries(app, view.id, "sla_breached") == []
    assert titles(app, KOORD) == ["Pengingat tenggat: Verifikasi"]          # as an Admin Pengaduan, no escalation

    verify(app, view.id)                             # Fri 27 Mar 16:29:59 WIB: just in time
    [closed] = entries(app, view.id, "sla_closed", VERIFIKASI)
    assert (closed.summary["status"], closed.summary["overdue_hours"]) == ("met", 0.0)
    assert at(app, clock, wib(3, 30, 8)) == 0, "the breach job of a met deadline is cancelled"
    assert "Eskalasi: Verifikasi" not in titles(app, KOORD)
    assert phase_rows(app, date(2026, 3, 27)) == [(1, 1, 0, 0.0)]


def test_late_verification_escalates_to_the_admin_koordinator(app: Lintas, clock: FixedClock) -> None:
    view = app.instances.start(KEY, as_user=ADMIN, data=LAPORAN)
    assert at(app, clock, wib(3, 27, 16, 29, 59)) == 1                      # the reminder only
    assert entries(app, view.id, "sla_breached") == []
    assert at(app, clock, wib(3, 27, 16, 30)) == 1                          # Fri 27 Mar 16:30 WIB = 09:30 UTC
    [breach] = entries(app, view.id, "sla_breached", VERIFIKASI)
    assert (breach.at, breach.summary["level"], breach.summary["action"]) == (
        wib(3, 27, 16, 30), 1, "escalate:SETDA/Admin Koordinator Pengaduan")
    assert breach.summary["notified"] == [KOORD]
    assert titles(app, KOORD)[0] == "Eskalasi: Verifikasi"
    assert "Eskalasi: Verifikasi" not in titles(app, ADMIN)
    item = task_for(app, KOORD, view.id, "Task_Verifikasi")
    assert item.candidate_roles == ("DISKOMINFO/Admin Pengaduan", "SETDA/Admin Koordinator Pengaduan")

    # A second level would have come 3 working days later (Wed 1 Apr 16:00 WIB): verification has only one.
    assert at(app, clock, wib(4, 2, 9)) == 0
    assert len(entries(app, view.id, "sla_breached")) == 1
    verify(app, view.id, user=KOORD)                                        # Thu 2 Apr 09:00 WIB
    [closed] = entries(app, view.id, "sla_closed", VERIFIKASI)
    # Late office time from Fri 27 Mar 16:30: Mon 30, Tue 31, Wed 1 (3 x 8.5) + Thu 2 07:30-09:00 (1.5) = 27 h.
    assert (closed.summary["status"], closed.summary["overdue_hours"]) == ("breached", 27.0)
    assert phase_rows(app, date(2026, 4, 2)) == [(1, 0, 1, 27.0)]


def test_tunda_stops_the_verification_clock_while_the_citizen_completes_the_report(
    app: Lintas, clock: FixedClock
) -> None:
    view = app.instances.start(KEY, as_user=ADMIN, data=LAPORAN)
    clock.moment = wib(3, 17, 10)
    do(app, ADMIN, view.id, "Task_Verifikasi",
       {"hasil_verifikasi": "tunda", "rincian_diminta": "Mohon kirim titik lokasi dan foto lubang."})
    [paused] = entries(app, view.id, "sla_paused", VERIFIKASI)
    assert paused.at == wib(3, 17, 10)

    # The citizen answers two weeks later, long after the original deadline (Fri 27 Mar 16:30 WIB).
    assert at(app, clock, wib(3, 30, 10)) == 0, "a paused clock neither reminds nor breaches"
    assert titles(app, KOORD) == []
    do(app, ADMIN, view.id, "Task_Kelengkapan",
       {"tanggal_kelengkapan": "2026-03-30", "keterangan_tambahan": "Titik -7.2575, 112.7521; foto di LAPOR!."})
    [resumed] = entries(app, view.id, "sla_resumed", VERIFIKASI)
    # Paused office time: Tue 17 10:00-16:00 (6) + Wed 25 (8.5) + Thu 26 (8.5) + Fri 27 (9) + Mon 30 07:30-10:00
    # (2.5) = 34.5 h. The 32 office hours left at the pause run from Mon 30 10:00: Mon 6 + Tue 8.5 + Wed 8.5
    # + Thu 8.5 = 31.5, Fri 3 Apr is a holiday, so the deadline is Mon 6 Apr 08:00 WIB.
    assert resumed.summary["paused_hours"] == 34.5
    assert resumed.summary["due"] == "2026-04-06T01:00:00+00:00"
    assert [e.summary["due"] for e in entries(app, view.id, "sla_started", VERIFIKASI)] == [
        "2026-03-27T09:30:00+00:00"], "the same clock goes on; no new one is started"

    at(app, clock, wib(4, 6, 7, 59))
    assert entries(app, view.id, "sla_breached") == []
    verify(app, view.id)
    [closed] = entries(app, view.id, "sla_closed", VERIFIKASI)
    assert (closed.summary["status"], closed.summary["due"]) == ("met", "2026-04-06T01:00:00+00:00")
    assert "Eskalasi: Verifikasi" not in titles(app, KOORD)


# -- follow-up: deadline by complaint class, two escalation levels ---------------------------------------

def test_follow_up_breached_twice_escalates_to_the_koordinator_then_the_sekda(
    app: Lintas, clock: FixedClock
) -> None:
    view = app.instances.start(KEY, as_user=ADMIN, data=LAPORAN)
    clock.moment = wib(3, 25, 10)
    verify(app, view.id, "normatif")
    assert [e.summary["status"] for e in entries(app, view.id, "sla_closed", VERIFIKASI)] == ["met"]
    assert due_of(app, view.id, TINDAK_LANJUT) == "2026-04-01T09:00:00+00:00"     # Wed 1 Apr 16:00 WIB
    clock.moment = wib(3, 26, 9)
    do(app, KADIS, view.id, "Task_Disposisi", DISPOSISI)                # then the field check waits

    at(app, clock, wib(4, 1, 15, 59))
    assert "Pengingat tenggat: Tindak Lanjut" in titles(app, STAF)
    assert entries(app, view.id, "sla_breached") == []
    assert at(app, clock, wib(4, 1, 16)) == 1
    assert titles(app, KOORD)[0] == "Eskalasi: Tindak Lanjut" and titles(app, SEKDA) == []
    item = task_for(app, KOORD, view.id, "Task_PemeriksaanLapangan")      # now in the koordinator's queue
    assert items_for(app, SEKDA, view.id) == []

    assert at(app, clock, wib(4, 9, 15, 59)) == 0, "the second level waits one more full 5 working days"
    assert at(app, clock, wib(4, 9, 16)) == 1                          # Thu 9 Apr 16:00 WIB (3 Apr is off)
    assert titles(app, SEKDA) == ["Eskalasi: Tindak Lanjut"]
    assert [w.id for w in items_for(app, SEKDA, view.id)] == [item.id]
    assert set(task_for(app, STAF, view.id, "Task_PemeriksaanLapangan").candidate_roles) == {
        "PUPR/Staf Bina Marga", "SETDA/Admin Koordinator Pengaduan", "SETDA/Sekretaris Daerah"}
    breaches = entries(app, view.id, "sla_breached", TINDAK_LANJUT)
    assert [(e.at, e.summary["level"], e.summary["action"], e.summary["notified"]) for e in breaches] == [
        (wib(4, 1, 16), 1, "escalate:SETDA/Admin Koordinator Pengaduan", [KOORD]),
        (wib(4, 9, 16), 2, "escalate:SETDA/Sekretaris Daerah", [SEKDA])]
    assert at(app, clock, wib(4, 30, 16)) == 0, "no third level"

    clock.moment = wib(4, 10, 9)                                       # Fri 10 Apr 09:00 WIB
    do(app, STAF, view.id, "Task_PemeriksaanLapangan", PEMERIKSAAN_RINGAN)
    do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    view = approve(app, view.id)
    assert view.data["status"] == "Ditanggapi"
    [closed] = entries(app, view.id, "sla_closed", TINDAK_LANJUT)
    # Late office time from Wed 1 Apr 16:00: Thu 2 (8.5) + Mon 6..Thu 9 (4 x 8.5) + Fri 10 07:30-09:00 (1.5).
    assert (closed.summary["status"], closed.summary["overdue_hours"]) == ("breached", 44.0)
    assert phase_rows(app, date(2026, 4, 10)) == [(1, 0, 1, 44.0)]


def test_the_complaint_class_sets_the_follow_up_deadline(app: Lintas, clock: FixedClock) -> None:
    expected = {"ringan": "2026-03-27T09:30:00+00:00",                    # Fri 27 Mar 16:30 WIB
                "normatif": "2026-04-01T09:00:00+00:00",                  # Wed 1 Apr 16:00 WIB
                "tidak_berkadar_pengawasan": "2026-04-15T09:00:00+00:00",  # Wed 15 Apr 16:00 WIB
                "berkadar_pengawasan": "2026-06-29T09:00:00+00:00",        # Mon 29 Jun 16:00 WIB
                None: "2026-04-01T09:00:00+00:00"}                        # not classified: normatif
    ids = {kelas: app.instances.start(KEY, as_user=ADMIN, data=LAPORAN).id for kelas in expected}
    clock.moment = wib(3, 25, 10)
    for kelas, instance_id in ids.items():
        verify(app, instance_id, kelas)
    assert {kelas: due_of(app, i, TINDAK_LANJUT) for kelas, i in ids.items()} == expected
    durations = {kelas: entries(app, i, "sla_started", TINDAK_LANJUT)[0].summary["duration"]
                 for kelas, i in ids.items()}
    assert durations == {**{code: duration for code, (_, duration) in CLASSES.items()}, None: "5 hari kerja"}
    assert app.instances.show(ids[None]).data["kelas_pengaduan"] == "normatif"

    at(app, clock, wib(3, 27, 16, 30))                                 # only the ringan report is late
    assert [kelas for kelas, i in ids.items() if entries(app, i, "sla_breached")] == ["ringan"]
    assert titles(app, KOORD).count("Eskalasi: Tindak Lanjut") == 1
    at(app, clock, wib(4, 1, 16))                                      # then the two normatif ones
    assert [kelas for kelas, i in ids.items() if entries(app, i, "sla_breached")] == ["ringan", "normatif", None]


def test_tenant_without_classes_gets_five_days_and_a_missing_class_is_an_incident(
    app: Lintas, clock: FixedClock, tmp_path: Path
) -> None:
    text = DEMO_ORG.read_text(encoding="utf-8")
    block = "".join(f"        {code}: {{name: {name}, duration: \"{duration}\"}}\n"
                    for code, (name, duration) in CLASSES.items())
    assert block in text
    without_one = tmp_path / "tanpa-satu-kelas.yaml"
    three = "".join(block.splitlines(keepends=True)[:3])                 # berkadar_pengawasan left out
    without_one.write_text(text.replace(block, three), encoding="utf-8")
    app.org.load_file(without_one)
    view = app.instances.start(KEY, as_user=ADMIN, data=LAPORAN)
    clock.moment = wib(3, 25, 10)
    view = verify(app, view.id, "berkadar_pengawasan")
    assert [(i.element_id, i.kind) for i in view.incidents] == [(TINDAK_LANJUT, "sla")]
    assert "tenggat" in view.incidents[0].message
    task_for(app, KADIS, view.id, "Task_Disposisi")                    # the work itself goes on

    without_any = tmp_path / "tanpa-kelas.yaml"
    without_any.write_text(text.replace("      sla_classes:\n" + block, ""), encoding="utf-8")
    app.org.load_file(without_any)
    other = app.instances.start(KEY, as_user=ADMIN, data=LAPORAN)
    verify(app, other.id, "berkadar_pengawasan")
    assert due_of(app, other.id, TINDAK_LANJUT) == "2026-04-01T09:00:00+00:00"    # LAPOR!'s 5 hari kerja
    assert app.instances.show(other.id).incidents == ()


# -- the complainant's response: auto-close after 10 working days ------------------------------------------

def test_no_response_closes_the_report_exactly_ten_working_days_after_the_reply(
    app: Lintas, clock: FixedClock
) -> None:
    view = replied(app, clock)
    assert [e.summary["status"] for e in entries(app, view.id, "sla_closed")] == ["met", "met"]
    assert timer_jobs(app, view.id) == ["2026-04-16T09:00:00+00:00"]    # Thu 16 Apr 16:00 WIB

    assert at(app, clock, wib(4, 16, 15, 59)) == 0, "not a minute earlier"
    still = app.instances.show(view.id)
    assert (still.status, [w.element_id for w in still.open_work]) == ("running", ["Task_TanggapanPelapor"])

    assert at(app, clock, wib(4, 16, 16)) == 1
    done = app.instances.show(view.id)
    assert (done.status, done.data["status"], done.data["ditutup_otomatis"]) == ("completed", "Selesai", True)
    assert done.data["tanggapan_pelapor"] == "tidak_ada_tanggapan"
    assert status_path(done) == ["Diterima", "Verifikasi", "Didisposisikan", "Tindak Lanjut", "Ditanggapi", "Selesai"]
    assert done.data["riwayat_status"][-1] == {"status": "Selesai", "waktu": "2026-04-16T16:00:00+07:00",
                                               "otomatis": True}
    assert done.open_work == () and done.incidents == ()
    assert items_for(app, ADMIN, view.id) == []
    [fired] = entries(app, view.id, "timer_fired")
    assert fired.at == wib(4, 16, 16) and fired.summary["due"] == "2026-04-16T09:00:00+00:00"
    history = [h.element_id for h in app.instances.history(view.id)]
    assert "End_SelesaiOtomatis" in history and "End_Selesai" not in history
    assert timer_jobs(app, view.id) == []
    assert app.instances.verify_audit(view.id).ok


def test_a_response_before_the_timer_cancels_it(app: Lintas, clock: FixedClock) -> None:
    view = replied(app, clock)
    clock.moment = wib(4, 16, 15, 59)                                  # the last minute
    view = do(app, ADMIN, view.id, "Task_TanggapanPelapor",
              {"tanggapan_pelapor": "puas", "tanggal_tanggapan": "2026-04-16"})
    assert (view.status, view.data["status"], view.data["ditutup_otomatis"]) == ("completed", "Selesai", False)
    assert timer_jobs(app, view.id) == []
    assert app.jobs.run_due().claimed == 0
    clock.moment = wib(5, 4, 16)
    assert app.jobs.run_due().claimed == 0, "no job fires later"
    assert entries(app, view.id, "timer_fired") == []
    assert "End_SelesaiOtomatis" not in [h.element_id for h in app.instances.history(view.id)]


def test_reopened_report_gets_a_new_follow_up_deadline_and_a_new_wait(app: Lintas, clock: FixedClock) -> None:
    view = replied(app, clock)
    clock.moment = wib(4, 8, 9)                                        # Wed 8 Apr 09:00 WIB: not satisfied
    view = do(app, ADMIN, view.id, "Task_TanggapanPelapor",
              {"tanggapan_pelapor": "tidak_puas", "tanggal_tanggapan": "2026-04-08",
               "alasan_tidak_puas": "Lubang ditambal asal-asalan, sudah terbuka lagi."})
    assert timer_jobs(app, view.id) == [], "the first wait ended with the response"
    task_for(app, KABID, view.id, "Task_SusunRingan")                  # straight back to the draft
    starts = entries(app, view.id, "sla_started", TINDAK_LANJUT)
    assert [e.summary["due"] for e in starts] == ["2026-04-01T09:00:00+00:00",
                                                   "2026-04-15T09:00:00+00:00"]   # Wed 8 Apr + 5: Wed 15 Apr

    clock.moment = wib(4, 14, 10)                                      # Tue 14 Apr 10:00 WIB
    do(app, KABID, view.id, "Task_SusunRingan", {**DRAF_RINGAN, "tanggal_rencana": "2026-04-15"})
    view = approve(app, view.id)
    assert [e.summary["status"] for e in entries(app, view.id, "sla_closed", TINDAK_LANJUT)] == ["met", "met"]
    assert timer_jobs(app, view.id) == ["2026-04-28T09:00:00+00:00"]    # Tue 14 Apr + 10: Tue 28 Apr 16:00 WIB
    assert app.calendars.add(date(2026, 4, 14), 10, tenant=TENANT).due.isoformat() == "2026-04-28T09:00:00+00:00"
    assert at(app, clock, wib(4, 28, 16)) == 1
    done = app.instances.show(view.id)
    assert (done.status, done.data["status"], done.data["ditutup_otomatis"]) == ("completed", "Selesai", True)
    assert done.data["jumlah_dibuka_kembali"] == 1
    assert done.data["riwayat_status"][-1] == {"status": "Selesai", "waktu": "2026-04-28T16:00:00+07:00",
                                               "otomatis": True}
