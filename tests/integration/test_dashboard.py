"""The unit dashboard: open, overdue and due-soon work per OPD and process, and weekly SLA compliance,
seen by supervisors for their own units and by auditors for the whole pemda."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import InvalidInput, NotFound, PermissionDenied
from tests import bpmn_builder as b
from tests.conftest import FixedClock
from tests.integration.cases_support import (
    AUDITOR,
    FOREIGN_AUDITOR,
    KABID,
    OTHER_SUPERVISOR,
    STAF,
    SUPERVISOR,
    deploy_berkas,
    load_org,
    open_item,
    start,
)
from tests.integration.conftest import TENANT

UJI = b.process("uji", b.lanes({"DISHUB/Staf": ["periksa"]}), b.start(),
                b.user("periksa", "Periksa kendaraan", lintas__due="5 hari kerja"), b.end(),
                b.flow("start", "periksa", "end"), name="Uji Kendaraan")
TUESDAY_BEFORE = datetime(2026, 4, 7, 2, 0, tzinfo=UTC)         # 09:00 WIB
TUESDAY = datetime(2026, 4, 14, 2, 0, tzinfo=UTC)


@pytest.fixture
def app(lintas: Lintas, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Lintas:
    load_org(lintas, tmp_path)
    deploy_berkas(lintas, tmp_path)
    lintas.deployments.deploy(b.bundle(tmp_path, "uji", UJI), tenant=TENANT)
    return lintas


def finish_tulis(app: Lintas, case: int) -> None:
    app.work_items.complete(open_item(app, case), as_user=STAF, data={"uraian": "Sudah diperiksa"})


def by_process(app: Lintas, user: str, **kw: str) -> dict[tuple[str, str | None], tuple[int, int, int]]:
    overview = app.dashboard.overview(user, **kw)
    return {(r.opd_code, r.definition_key): (r.open, r.overdue, r.due_soon) for r in overview.rows}


@pytest.fixture
def week_of_work(app: Lintas, clock: FixedClock) -> dict[str, int]:
    """Week 1 (6 April): one case and one vehicle test done on time. Week 2 (13 April): three cases
    started on Tuesday, their first step due Thursday 16:00 (the clock stays on Tuesday)."""
    clock.moment = TUESDAY_BEFORE
    early = start(app)
    vehicle = app.instances.start("uji", as_user="dedi").id
    clock.advance(days=1)
    finish_tulis(app, early)
    app.work_items.complete(open_item(app, early), as_user=KABID, data={"setuju": True})
    app.work_items.complete(open_item(app, vehicle), as_user="dedi")
    clock.moment = TUESDAY
    cases = {"a": start(app), "b": start(app), "c": start(app)}
    app.instances.start("uji", as_user="dedi")
    return cases


def test_open_overdue_and_due_soon_follow_the_clock(app: Lintas, clock: FixedClock,
                                                     week_of_work: dict[str, int]) -> None:
    assert by_process(app, SUPERVISOR) == {("PUPR", "berkas"): (3, 0, 0)}
    overview = app.dashboard.overview(SUPERVISOR)
    [unit] = overview.units
    assert (unit.opd_code, unit.opd_name, unit.open, unit.oldest_open_at) == (
        "PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", 3, TUESDAY)
    assert overview.rows[0].process_name == "Pengajuan Berkas"
    clock.advance(days=1)                              # Wednesday: Thursday's deadline is due soon
    week_of_work["d"] = start(app)                     # due Friday
    assert by_process(app, SUPERVISOR) == {("PUPR", "berkas"): (4, 0, 3)}
    clock.advance(days=2, hours=1)                     # Friday 10:00: past Thursday 16:00
    finish_tulis(app, week_of_work["a"])               # late; its next step is due Monday
    assert by_process(app, SUPERVISOR) == {("PUPR", "berkas"): (4, 2, 2)}
    assert by_process(app, OTHER_SUPERVISOR) == {("DISHUB", "uji"): (1, 0, 0)}
    everything = by_process(app, AUDITOR)
    assert everything == {("PUPR", "berkas"): (4, 2, 2), ("DISHUB", "uji"): (1, 0, 0)}
    assert {u.opd_code: u.open for u in app.dashboard.overview(AUDITOR).units} == {
        "DISHUB": 1, "INSPEKTORAT": 0, "PUPR": 4, "SETDA": 0}
    assert by_process(app, AUDITOR, opd="dishub") == {("DISHUB", "uji"): (1, 0, 0)}


def test_only_supervisors_and_auditors_see_units_and_only_their_own(app: Lintas,
                                                                   week_of_work: dict[str, int]) -> None:
    with pytest.raises(PermissionDenied, match="supervisor"):
        app.dashboard.overview(STAF)
    with pytest.raises(PermissionDenied, match="DISHUB"):
        app.dashboard.overview(SUPERVISOR, opd="DISHUB")
    with pytest.raises(NotFound):
        app.dashboard.overview(SUPERVISOR, opd="TIDAKADA")
    with pytest.raises(PermissionDenied):
        app.dashboard.compliance_series(STAF)
    foreign = app.dashboard.overview(FOREIGN_AUDITOR)  # an auditor of the other pemda sees only that one
    assert ([(u.opd_code, u.open) for u in foreign.units], foreign.rows) == ([("PUPR", 0)], ())
    with pytest.raises(InvalidInput):
        app.dashboard.compliance_series(AUDITOR, weeks=0)


def test_compliance_per_week_from_the_closed_deadlines(app: Lintas, clock: FixedClock,
                                                       week_of_work: dict[str, int]) -> None:
    clock.advance(days=1)
    week_of_work["d"] = start(app)                     # Wednesday: due Friday
    clock.advance(days=2, hours=1)                     # Friday 17 April, 10:00 WIB
    finish_tulis(app, week_of_work["a"])               # due Thursday: breached
    finish_tulis(app, week_of_work["d"])               # due Friday: met
    series = app.dashboard.compliance_series(SUPERVISOR, weeks=3)
    assert [(p.week_start, p.met, p.breached, p.compliance) for p in series] == [
        (date(2026, 3, 30), 0, 0, None), (date(2026, 4, 6), 2, 0, 1.0), (date(2026, 4, 13), 1, 1, 0.5)]
    assert [(p.met, p.breached) for p in app.dashboard.compliance_series(AUDITOR, weeks=2)] == [(3, 0), (1, 1)]
    assert [(p.met, p.breached) for p in app.dashboard.compliance_series(OTHER_SUPERVISOR, weeks=2)] == [
        (1, 0), (0, 0)]
    assert len(app.dashboard.compliance_series(AUDITOR)) == 12
    assert series[0].as_dict() == {"week_start": "2026-03-30", "met": 0, "breached": 0, "compliance": None}
