"""Inbox, claim, release and completion: who may act, form validation, and concurrent completion."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tests import bpmn_builder as b
from tests.integration.conftest import deploy

LAPORAN = b.form(
    "uraian", "tingkat",
    uraian={"type": "string", "title": "Uraian", "minLength": 10},
    tingkat={"type": "string", "title": "Tingkat kerusakan", "enum": ["ringan", "berat"]},
    tanggal={"type": "string", "format": "date", "title": "Tanggal"},
)
PERSETUJUAN = b.form("setuju", setuju={"type": "boolean", "title": "Setuju"})

PROCESS = b.process(
    "laporan",
    b.lanes({"PUPR/Staf": ["tulis"], "PUPR/Kepala Bidang": ["setujui"]}),
    b.start(), b.user("tulis", "Tulis laporan", form="laporan"), b.user("setujui", "Setujui", form="persetujuan"),
    b.end(), b.flow("start", "tulis", "setujui", "end"),
)


@pytest.fixture
def started(app: Lintas, tmp_path: Path) -> tuple[Lintas, int]:
    deploy(app, b.bundle(tmp_path, "laporan", PROCESS, {"laporan": LAPORAN, "persetujuan": PERSETUJUAN}))
    view = app.instances.start("laporan", as_user="admin")
    return app, view.id


def open_item(app: Lintas, instance_id: int) -> int:
    work = app.instances.show(instance_id).open_work
    assert len(work) == 1
    return work[0].id


GOOD = {"uraian": "Jalan berlubang sepanjang 20 meter", "tingkat": "berat", "tanggal": "2026-03-16"}


def test_queue_shows_the_task_to_every_holder_of_the_role(started: tuple[Lintas, int]) -> None:
    app, instance_id = started
    item = open_item(app, instance_id)
    for user in ("budi", "ani"):
        assert [i.id for i in app.work_items.inbox(user)] == [item]
    for outsider in ("kabid", "dedi", "admin"):
        assert app.work_items.inbox(outsider) == []
    queued = app.work_items.inbox("budi")[0]
    assert (queued.name, queued.candidate_roles, queued.opd_code) == ("Tulis laporan", ("PUPR/Staf",), "PUPR")


def test_claim_moves_the_task_out_of_colleagues_queue(started: tuple[Lintas, int]) -> None:
    app, instance_id = started
    item = open_item(app, instance_id)
    claimed = app.work_items.claim(item, as_user="budi")
    assert (claimed.status, claimed.claimed_by) == ("claimed", "budi")
    assert app.work_items.inbox("ani") == []
    assert [i.id for i in app.work_items.inbox("budi", queue=False)] == [item]
    with pytest.raises(Conflict, match="sudah diambil oleh budi"):
        app.work_items.claim(item, as_user="ani")
    with pytest.raises(PermissionDenied):
        app.work_items.complete(item, as_user="ani", data=GOOD)
    with pytest.raises(PermissionDenied):
        app.work_items.unclaim(item, as_user="ani")
    released = app.work_items.unclaim(item, as_user="budi")
    assert (released.status, released.claimed_by) == ("open", None)
    assert [i.id for i in app.work_items.inbox("ani")] == [item]


def test_invalid_data_is_refused_field_by_field_and_nothing_changes(started: tuple[Lintas, int]) -> None:
    app, instance_id = started
    item = open_item(app, instance_id)
    trail_before = len(app.instances.trail(instance_id))
    with pytest.raises(ValidationFailed) as info:
        app.work_items.complete(item, as_user="budi", data={"uraian": "pendek", "tingkat": "parah",
                                                            "tanggal": "2026-02-30", "liar": 1})
    fields = {e.path: e for e in info.value.errors}
    assert set(fields) == {"uraian", "tingkat", "tanggal", "liar"}
    assert fields["uraian"].message_id.startswith("Minimal 10")
    assert "ringan" in fields["tingkat"].message_id
    with pytest.raises(ValidationFailed) as missing:
        app.work_items.complete(item, as_user="budi", data={})
    assert {e.path: e.code for e in missing.value.errors} == {"uraian": "required", "tingkat": "required"}
    assert missing.value.errors[0].message_id == "Wajib diisi."
    view = app.instances.show(instance_id)
    assert [w.id for w in view.open_work] == [item] and view.open_work[0].status == "open"
    assert "uraian" not in view.data
    assert len(app.instances.trail(instance_id)) == trail_before


def test_completion_moves_work_to_the_next_role_and_records_who(started: tuple[Lintas, int]) -> None:
    app, instance_id = started
    item = open_item(app, instance_id)
    done = app.work_items.complete(item, as_user="budi", data=GOOD)
    assert (done.status, done.completed_by) == ("completed", "budi")
    assert app.work_items.inbox("budi") == []
    nxt = app.work_items.inbox("kabid")
    assert [i.name for i in nxt] == ["Setujui"]
    app.work_items.complete(nxt[0].id, as_user="kabid", data={"setuju": True})
    view = app.instances.show(instance_id)
    assert view.status == "completed" and view.ended_at is not None
    assert view.data["uraian"] == GOOD["uraian"] and view.data["setuju"] is True
    actions = [e.action for e in app.instances.trail(instance_id)]
    assert actions == ["instance_started", "task_ready", "task_completed", "task_ready", "task_completed",
                       "instance_completed"]
    completed = [e for e in app.instances.trail(instance_id) if e.action == "task_completed"][0]
    assert completed.actor == "budi" and completed.summary["changed"]["tingkat"] == "berat"


def test_completed_task_cannot_be_completed_again(started: tuple[Lintas, int]) -> None:
    app, instance_id = started
    item = open_item(app, instance_id)
    app.work_items.complete(item, as_user="budi", data=GOOD)
    with pytest.raises(Conflict, match="sudah diselesaikan oleh budi"):
        app.work_items.complete(item, as_user="ani", data=GOOD)


def test_unknown_task_and_other_tenant(started: tuple[Lintas, int]) -> None:
    app, instance_id = started
    item = open_item(app, instance_id)
    with pytest.raises(NotFound):
        app.work_items.complete(999_999, as_user="budi", data=GOOD)
    with pytest.raises(NotFound):
        app.work_items.complete(item, as_user="orang.lain", data=GOOD)
    with pytest.raises(NotFound):
        app.work_items.get(item, as_user="orang.lain")


def test_non_candidate_gets_a_clear_refusal(started: tuple[Lintas, int]) -> None:
    app, instance_id = started
    item = open_item(app, instance_id)
    with pytest.raises(PermissionDenied, match="bukan calon pelaksana"):
        app.work_items.complete(item, as_user="dedi", data=GOOD)
    with pytest.raises(PermissionDenied):
        app.work_items.get(item, as_user="kabid")


def test_expired_membership_and_inactive_account_lose_access(started: tuple[Lintas, int]) -> None:
    app, instance_id = started
    item = open_item(app, instance_id)
    assert app.work_items.inbox("lama") == []
    with pytest.raises(PermissionDenied):
        app.work_items.complete(item, as_user="lama", data=GOOD)
    with pytest.raises(PermissionDenied, match="tidak aktif"):
        app.work_items.inbox("nonaktif")


def test_two_users_completing_at_once_exactly_one_wins(started: tuple[Lintas, int]) -> None:
    app, instance_id = started
    item = open_item(app, instance_id)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def attempt(user: str) -> None:
        barrier.wait()
        try:
            outcomes[user] = app.work_items.complete(item, as_user=user, data=GOOD).completed_by
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            outcomes[user] = exc

    threads = [threading.Thread(target=attempt, args=(u,)) for u in ("budi", "ani")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    winners = [u for u, o in outcomes.items() if isinstance(o, str)]
    losers = [o for o in outcomes.values() if not isinstance(o, str)]
    assert len(winners) == 1 and len(losers) == 1
    assert isinstance(losers[0], Conflict), losers[0]
    view = app.instances.show(instance_id)
    assert [w.name for w in view.open_work] == ["Setujui"]
    assert [e.action for e in app.instances.trail(instance_id)].count("task_completed") == 1
    assert app.instances.verify_audit(instance_id).ok


def test_starter_without_lane_gets_the_task_and_starters_are_enforced(app: Lintas, tmp_path: Path) -> None:
    bpmn = b.process("mandiri", b.start(), b.user("isi", "Isi sendiri"), b.end(), b.flow("start", "isi", "end"),
                     attrs=' lintas:starters="PUPR/Staf, PUPR/Kepala Bidang"')
    deploy(app, b.bundle(tmp_path, "mandiri", bpmn))
    view = app.instances.start("mandiri", as_user="ani")
    assert view.open_work[0].assignee == "ani"
    assert [i.id for i in app.work_items.inbox("ani")] == [view.open_work[0].id]
    assert app.work_items.inbox("budi") == []
    with pytest.raises(PermissionDenied):
        app.work_items.complete(view.open_work[0].id, as_user="budi")
    with pytest.raises(PermissionDenied, match="tidak berwenang memulai"):
        app.instances.start("mandiri", as_user="dedi")


def test_assignee_expression_routes_to_a_named_person(app: Lintas, tmp_path: Path) -> None:
    form = b.form("petugas", petugas={"type": "string"})
    bpmn = b.process("tunjuk", b.start(form="awal"), b.user("kerjakan", assignee="petugas"), b.end(),
                     b.flow("start", "kerjakan", "end"))
    deploy(app, b.bundle(tmp_path, "tunjuk", bpmn, {"awal": form}))
    view = app.instances.start("tunjuk", as_user="admin", data={"petugas": "ani"})
    assert view.open_work[0].assignee == "ani"
    bad = app.instances.start("tunjuk", as_user="admin", data={"petugas": "siapa"})
    assert bad.incidents and "siapa" in bad.incidents[0].message


def test_start_form_is_validated(app: Lintas, tmp_path: Path) -> None:
    form = b.form("judul", judul={"type": "string", "minLength": 3})
    bpmn = b.process("berjudul", b.start(form="awal"), b.user("isi", groups="PUPR/Staf"), b.end(),
                     b.flow("start", "isi", "end"))
    deploy(app, b.bundle(tmp_path, "berjudul", bpmn, {"awal": form}))
    with pytest.raises(ValidationFailed):
        app.instances.start("berjudul", as_user="admin", data={"judul": "x"})
    assert app.instances.list(tenant_id=1) == []


def test_org_reload_end_dates_what_the_file_no_longer_lists(app: Lintas, tmp_path: Path) -> None:
    from tests.integration.conftest import ORG

    text = ORG.read_text(encoding="utf-8").replace(
        "- {username: ani, name: Ani Lestari, roles: [PUPR/Staf]}", "- {username: ani, name: Ani Lestari, roles: []}")
    reduced = tmp_path / "org.yaml"
    reduced.write_text(text, encoding="utf-8")
    result = app.org.load_file(reduced)
    assert result.ended >= 1
    ani = next(u for t in app.org.show("kab-uji") for u in t["users"] if u["username"] == "ani")
    assert [(r["role"], r["active"]) for r in ani["roles"]] == [("PUPR/Staf", False)]
    assert ani["roles"][0]["valid_to"] == "2026-03-16"     # the day before the reload (clock: 17 March WIB)
    assert app.org.load_file(ORG).ended == 0


def test_tenant_outside_its_validity_cannot_act(app: Lintas, tmp_path: Path) -> None:
    from tests.integration.conftest import ORG

    text = ORG.read_text(encoding="utf-8").replace(
        "name: Pemerintah Kota Lain\n", "name: Pemerintah Kota Lain\n    valid_from: 2027-01-01\n")
    future = tmp_path / "org.yaml"
    future.write_text(text, encoding="utf-8")
    app.org.load_file(future)
    with pytest.raises(PermissionDenied, match="tidak aktif"):
        app.work_items.inbox("orang.lain")


def test_user_missing_from_the_file_is_end_dated_not_deleted(app: Lintas, tmp_path: Path) -> None:
    from tests.integration.conftest import ORG

    text = ORG.read_text(encoding="utf-8").replace(
        "      - {username: dedi, name: Dedi Perhubungan, roles: [DISHUB/Staf]}\n", "")
    reduced = tmp_path / "org.yaml"
    reduced.write_text(text, encoding="utf-8")
    assert app.org.load_file(reduced).ended == 2         # the account and its membership
    with pytest.raises(PermissionDenied, match="tidak aktif"):
        app.work_items.inbox("dedi")
    assert app.org.load_file(ORG).ended == 0
    assert app.work_items.inbox("dedi") == []
