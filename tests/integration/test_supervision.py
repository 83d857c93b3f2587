"""Supervisors see their units' open work and reassign it, with a reason, to people of the role or unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied, ValidationFailed
from tests.conftest import FixedClock
from tests.integration.work_support import deploy_all, load_org, notification_titles, start, start_case, trail, wib


@pytest.fixture
def app(lintas: Lintas, tmp_path: Path) -> Lintas:
    load_org(lintas)
    deploy_all(lintas, tmp_path)
    return lintas


def ids(page: object) -> list[int]:
    return [r.item.id for r in page.items]  # type: ignore[attr-defined]


def test_a_supervisor_sees_the_open_work_of_their_unit_only(app: Lintas, clock: FixedClock) -> None:
    surat = start(app, "surat")
    clock.moment = wib(25, 9)
    late = start(app, "layanan")                      # due Mon 30 March
    clock.moment = wib(17, 9, month=4)
    fresh = start(app, "layanan")
    app.work_items.claim(fresh, as_user="budi")
    start(app, "uji")                                  # DISHUB: not kadis's unit
    start(app, "pribadi")                              # names one person: no unit
    page = app.supervision.unit_items("kadis")
    assert (ids(page), page.total) == ([late, fresh, surat], 3)
    assert [r.deadline.state for r in page.items] == ["breached", "on_time", "none"]
    assert ids(app.supervision.unit_items("kadis", overdue_only=True)) == [late]
    assert ids(app.supervision.unit_items("kadis", process="surat")) == [surat]
    assert ids(app.supervision.unit_items("kadis", opd="pupr", limit=1, offset=1)) == [fresh]
    assert [(u.code, u.name) for u in app.supervision.units("kadis")] == [
        ("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang")]
    assert [(p.key, p.count) for p in app.supervision.processes("kadis")] == [("layanan", 2), ("surat", 1)]
    app.work_items.complete(fresh, as_user="budi")
    assert ids(app.supervision.unit_items("kadis")) == [late, surat], "completed work leaves the list"
    with pytest.raises(PermissionDenied):
        app.supervision.unit_items("kadis", opd="DISHUB")
    for clerk in ("budi", "kabid"):
        with pytest.raises(PermissionDenied, match="bukan pengawas"):
            app.supervision.unit_items(clerk)
    assert app.supervision.unit_items("orang.lain").items == (), "another pemda's supervisor sees none of it"


def test_reassign_to_a_colleague_with_a_reason(app: Lintas) -> None:
    case, item = start_case(app, "layanan")
    app.work_items.claim(item, as_user="budi")
    app.inbox.mark_opened(item, "budi")
    done = app.supervision.reassign(item, to_user="ani", as_user="kadis", reason="Budi dinas luar sepekan.")
    assert (done.status, done.claimed_by, done.opened_at) == ("claimed", "ani", None)
    assert app.inbox.page("budi").items == ()
    assert notification_titles(app, "ani") == ["Tugas dialihkan kepada Anda: Periksa permohonan"]
    assert notification_titles(app, "budi") == ["Tugas dialihkan: Periksa permohonan"]
    [(actor, summary)] = trail(app, case, "task_reassigned")
    assert (actor, summary["from"], summary["to"], summary["reason"]) == (
        "kadis", "budi", "ani", "Budi dinas luar sepekan.")
    assert app.instances.verify_audit(case).ok


def test_reassign_to_someone_of_the_unit_outside_the_tasks_role(app: Lintas) -> None:
    item = start(app, "layanan")
    done = app.supervision.reassign(item, to_user="kabid", as_user="kadis", reason="Perlu keputusan Kabid.")
    assert (done.claimed_by, done.candidate_roles) == ("kabid", ("PUPR/Staf",))
    assert [r.item.id for r in app.inbox.page("kabid").items] == [item]
    assert app.inbox.page("budi").items == () and app.inbox.page("ani").items == ()
    app.work_items.complete(item, as_user="kabid")


def test_reassign_is_refused_to_others_and_for_others(app: Lintas) -> None:
    item = start(app, "layanan")
    dishub = start(app, "uji")
    with pytest.raises(ValidationFailed) as info:
        app.supervision.reassign(item, to_user="ani", as_user="kadis", reason="   ")
    assert [e.path for e in info.value.errors] == ["reason"]
    with pytest.raises(InvalidInput, match="tidak bekerja di unitnya"):
        app.supervision.reassign(item, to_user="dedi", as_user="kadis", reason="Coba")
    with pytest.raises(InvalidInput, match="bukan pegawai aktif"):
        app.supervision.reassign(item, to_user="orang.lain", as_user="kadis", reason="Coba")
    with pytest.raises(PermissionDenied, match="bukan pengawas"):
        app.supervision.reassign(item, to_user="ani", as_user="budi", reason="Coba")
    with pytest.raises(PermissionDenied, match="bukan pekerjaan unit Anda"):
        app.supervision.reassign(item, to_user="ani", as_user="sekda", reason="Coba")     # supervises SETDA
    with pytest.raises(PermissionDenied, match="bukan pekerjaan unit Anda"):
        app.supervision.reassign(dishub, to_user="ani", as_user="kadis", reason="Coba")
    with pytest.raises(NotFound):
        app.supervision.reassign(item, to_user="ani", as_user="orang.lain", reason="Coba")  # other pemda
    personal = start(app, "pribadi")
    with pytest.raises(PermissionDenied):
        app.supervision.reassign(personal, to_user="ani", as_user="kadis", reason="Coba")
    app.work_items.complete(item, as_user="ani")
    with pytest.raises(Conflict):
        app.supervision.reassign(item, to_user="budi", as_user="kadis", reason="Coba")


def test_colleagues_for_the_reassign_picker(app: Lintas) -> None:
    item = start(app, "layanan")
    app.work_items.claim(item, as_user="budi")
    picked = app.task_actions.colleagues(item, "kadis", purpose="reassign")
    assert [(c.username, c.via) for c in picked] == [("ani", "role"), ("kabid", "unit")]
    with pytest.raises(PermissionDenied):
        app.task_actions.colleagues(item, "sekda", purpose="reassign")


def test_reassign_candidates_for_a_page_of_the_unit_queue(app: Lintas) -> None:
    claimed, free, letter = start(app, "layanan"), start(app, "layanan"), start(app, "surat")
    app.work_items.claim(claimed, as_user="budi")
    picked = app.task_actions.reassign_candidates([claimed, free, letter], "kadis")
    assert {i: [(c.username, c.via) for c in people] for i, people in picked.items()} == {
        claimed: [("ani", "role"), ("kabid", "unit")],
        free: [("ani", "role"), ("budi", "role"), ("kabid", "unit")],
        letter: [("ani", "role"), ("budi", "role"), ("kabid", "unit")]}
    assert picked[free] == app.task_actions.colleagues(free, "kadis", purpose="reassign")
    assert app.task_actions.reassign_candidates([], "kadis") == {}
    for outsider in ("sekda", "budi"):                       # another unit's supervisor; not a supervisor
        with pytest.raises(PermissionDenied):
            app.task_actions.reassign_candidates([free], outsider)
