"""Returning the complaint's draft ("Kembalikan", lintas:return on Task_Persetujuan): the Kepala Dinas
sends it back to the Kepala Bidang with a reason, through the form and the process's own gateway;
deploy refuses a lintas:return that does not fit the task's form."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import DeploymentRejected, InvalidInput, PermissionDenied, ValidationFailed
from tests.processes.conftest import BUNDLE
from tests.processes.test_pengaduan_jalan_rusak import (
    DRAF_RINGAN,
    KABID,
    KADIS,
    STAF,
    approve,
    do,
    task_for,
    until_draft,
)

REASON = "Lampirkan foto sesudah penambalan dan perbaiki jadwal."


def test_the_kepala_dinas_returns_the_draft_with_a_reason(app: Lintas) -> None:
    view = until_draft(app)
    do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    item = task_for(app, KADIS, view.id, "Task_Persetujuan")
    option = app.task_actions.returnable(item.id, as_user=KADIS)
    assert option is not None
    assert (option.field, option.value, option.reason_field, option.reason_title) == (
        "keputusan_kadis", "kembalikan", "alasan_pengembalian", "Alasan pengembalian")
    assert app.task_actions.returnable(item.id, as_user=KABID) is None, "not the Kepala Bidang's to return"
    trail_before = len(app.instances.trail(view.id))
    with pytest.raises(ValidationFailed) as info:
        app.task_actions.return_task(item.id, as_user=KADIS, reason="   ")
    assert [e.path for e in info.value.errors] == ["alasan_pengembalian"]
    with pytest.raises(PermissionDenied):
        app.task_actions.return_task(item.id, as_user=STAF, reason=REASON)
    assert len(app.instances.trail(view.id)) == trail_before, "nothing changed"
    done = app.task_actions.return_task(item.id, as_user=KADIS, reason=REASON)
    assert (done.status, done.completed_by) == ("completed", KADIS)
    view = app.instances.show(view.id)
    assert (view.data["keputusan_kadis"], view.data["alasan_pengembalian"]) == ("kembalikan", REASON)
    assert (view.data["jumlah_dikembalikan"], view.data["riwayat_pengembalian"][0]["alasan"]) == (1, REASON)
    redo = task_for(app, KABID, view.id, "Task_SusunRingan")
    assert app.task_actions.returnable(redo.id, as_user=KABID) is None, "drafting has no lintas:return"
    with pytest.raises(InvalidInput, match="tidak dapat dikembalikan"):
        app.task_actions.return_task(redo.id, as_user=KABID, reason=REASON)
    [entry] = [e for e in app.instances.trail(view.id) if e.action == "task_returned"]
    assert (entry.actor, entry.element_id, entry.summary["reason"]) == (KADIS, "Task_Persetujuan", REASON)
    assert entry.summary["changed"]["keputusan_kadis"] == "kembalikan"
    do(app, KABID, view.id, "Task_SusunRingan", DRAF_RINGAN)
    view = approve(app, view.id)
    assert view.data["status"] == "Ditanggapi"
    assert app.instances.verify_audit(view.id).ok


def with_return(tmp_path: Path, attribute: str, task: str = "Task_Persetujuan") -> Path:
    """A copy of the complaint bundle whose task carries another lintas:return."""
    folder = tmp_path / "pengaduan-jalan-rusak"
    shutil.copytree(BUNDLE, folder)
    bpmn = folder / "process.bpmn"
    text = bpmn.read_text(encoding="utf-8").replace(
        ' lintas:return="keputusan_kadis=kembalikan; reason=alasan_pengembalian"', "")
    marker = f'<bpmn:userTask id="{task}" '
    assert marker in text
    bpmn.write_text(text.replace(marker, f'{marker}lintas:return="{attribute}" '), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("attribute", "task", "expected"), [
    ("keputusan_kadis=tolak; reason=alasan_pengembalian", "Task_Persetujuan", "bukan pilihan"),
    ("keputusan=kembalikan; reason=alasan_pengembalian", "Task_Persetujuan", "isian 'keputusan' tidak ada"),
    ("keputusan_kadis=kembalikan; reason=alasan", "Task_Persetujuan", "isian alasan 'alasan' tidak ada"),
    ("keputusan_kadis=kembalikan", "Task_Persetujuan", "perlu isian alasan"),
    ("kembalikan", "Task_Persetujuan", "tulis lintas:return"),
    ("keputusan_kadis=kembalikan; reason=alasan_pengembalian", "Task_ParafBA", "bukan paraf/tanda tangan"),
])
def test_deploy_refuses_a_return_that_does_not_fit_the_form(app: Lintas, tmp_path: Path, attribute: str, task: str,
                                                            expected: str) -> None:
    with pytest.raises(DeploymentRejected) as info:
        app.deployments.deploy(with_return(tmp_path, attribute, task))
    assert any("lintas:return" in p.where and expected in p.message_id for p in info.value.problems), \
        info.value.problems
