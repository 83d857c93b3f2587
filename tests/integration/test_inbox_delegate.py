"""Delegating a task to a colleague in the same role: who may, to whom, and what it leaves behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied, ValidationFailed
from tests.integration.work_support import deploy_all, load_org, notification_titles, start, start_case, trail


@pytest.fixture
def app(lintas: Lintas, tmp_path: Path) -> Lintas:
    load_org(lintas)
    deploy_all(lintas, tmp_path)
    return lintas


def test_the_claimant_delegates_to_a_colleague_of_the_same_role(app: Lintas) -> None:
    case, item = start_case(app, "layanan")
    app.work_items.claim(item, as_user="budi")
    app.inbox.mark_opened(item, "budi")
    done = app.task_actions.delegate(item, to_user="ani", as_user="budi", note="Saya cuti besok.")
    assert (done.status, done.claimed_by, done.opened_at) == ("claimed", "ani", None), "unread again for ani"
    assert [r.item.id for r in app.inbox.page("ani", scope="mine").items] == [item]
    assert app.inbox.page("budi").items == ()
    assert notification_titles(app, "ani") == ["Tugas didelegasikan kepada Anda: Periksa permohonan"]
    [(actor, summary)] = trail(app, case, "task_delegated")
    assert (actor, summary["from"], summary["to"], summary["note"]) == ("budi", "budi", "ani", "Saya cuti besok.")
    with pytest.raises(PermissionDenied, match="sedang diambil oleh ani"):
        app.task_actions.delegate(item, to_user="budi", as_user="budi")
    app.work_items.complete(item, as_user="ani")


def test_an_unclaimed_task_is_delegated_by_any_holder_of_its_role(app: Lintas) -> None:
    case, item = start_case(app, "layanan")
    done = app.task_actions.delegate(item, to_user="budi", as_user="ani")
    assert (done.status, done.claimed_by) == ("claimed", "budi")
    assert [(actor, summary.get("note")) for actor, summary in trail(app, case, "task_delegated")] == [("ani", None)]


def test_delegation_is_refused_outside_the_role(app: Lintas) -> None:
    case, item = start_case(app, "layanan")
    for target, why in (("kabid", "tidak memegang peran"), ("dedi", "tidak memegang peran"),
                        ("lama", "tidak memegang peran"), ("nonaktif", "bukan pegawai aktif"),
                        ("orang.lain", "bukan pegawai aktif"), ("tidak.ada", "bukan pegawai aktif")):
        with pytest.raises(InvalidInput, match=why):
            app.task_actions.delegate(item, to_user=target, as_user="budi")
    with pytest.raises(InvalidInput, match="bukan diri sendiri"):
        app.task_actions.delegate(item, to_user="budi", as_user="budi")
    for outsider in ("kabid", "dedi", "kadis"):
        with pytest.raises(PermissionDenied):
            app.task_actions.delegate(item, to_user="ani", as_user=outsider)
    with pytest.raises(NotFound):
        app.task_actions.delegate(item, to_user="ani", as_user="orang.lain")
    with pytest.raises(ValidationFailed):
        app.task_actions.delegate(item, to_user="ani", as_user="budi", note="x" * 1001)
    assert trail(app, case, "task_delegated") == []


def test_a_task_naming_one_person_and_a_finished_task_cannot_be_delegated(app: Lintas) -> None:
    personal = start(app, "pribadi")
    with pytest.raises(InvalidInput, match="ditujukan langsung"):
        app.task_actions.delegate(personal, to_user="ani", as_user="budi")
    item = start(app, "layanan")
    app.work_items.complete(item, as_user="ani")
    with pytest.raises(Conflict):
        app.task_actions.delegate(item, to_user="budi", as_user="ani")


def test_colleagues_for_the_delegate_picker(app: Lintas) -> None:
    item = start(app, "layanan")
    assert [(c.username, c.via, [(r.path, r.capacity) for r in c.roles])
            for c in app.task_actions.colleagues(item, "budi")] == [("ani", "role", [("PUPR/Staf", "definitif")])]
    app.work_items.claim(item, as_user="ani")
    assert [c.username for c in app.task_actions.colleagues(item, "ani")] == ["budi"]
    with pytest.raises(PermissionDenied):
        app.task_actions.colleagues(item, "budi")          # claimed by ani: budi cannot hand it on
    with pytest.raises(PermissionDenied):
        app.task_actions.colleagues(item, "ani", purpose="reassign")     # not a supervisor
