"""Audit trail (hash chain, append-only, tamper detection), failing scripts as incidents, long loops."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from engine.bootstrap import Lintas
from tests import bpmn_builder as b
from tests.conftest import FixedClock
from tests.integration.conftest import deploy

STEPS = b.process(
    "langkah", b.start(), b.user("satu", groups="PUPR/Staf"), b.user("dua", groups="PUPR/Staf"), b.end(),
    b.flow("start", "satu", "dua", "end"),
)


@pytest.fixture
def finished(app: Lintas, tmp_path: Path) -> tuple[Lintas, int]:
    deploy(app, b.bundle(tmp_path, "langkah", STEPS))
    view = app.instances.start("langkah", as_user="budi")
    for _ in range(2):
        app.work_items.complete(app.instances.show(view.id).open_work[0].id, as_user="budi")
    return app, view.id


def raw(app: Lintas, sql: str) -> None:
    with app.ctx.db.writer.begin() as conn:
        conn.execute(text(sql))


def unguard(app: Lintas) -> None:
    """Tampering needs the append-only guard out of the way, as an attacker with DBA rights would do."""
    if app.ctx.db.is_sqlite:
        raw(app, "DROP TRIGGER audit_entry_no_update")
        raw(app, "DROP TRIGGER audit_entry_no_delete")
    else:
        raw(app, "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")


def test_chain_verifies(finished: tuple[Lintas, int]) -> None:
    app, instance_id = finished
    report = app.instances.verify_audit(instance_id)
    assert report.ok and report.entries == 6


def test_database_refuses_to_change_or_delete_entries(finished: tuple[Lintas, int]) -> None:
    app, instance_id = finished
    with pytest.raises(Exception, match="append-only"):
        raw(app, f"UPDATE audit_entry SET actor = 'x' WHERE instance_id = {instance_id}")
    with pytest.raises(Exception, match="append-only"):
        raw(app, f"DELETE FROM audit_entry WHERE instance_id = {instance_id}")


def test_altered_entry_is_named(finished: tuple[Lintas, int]) -> None:
    app, instance_id = finished
    unguard(app)
    raw(app, f"UPDATE audit_entry SET actor = 'penyusup' WHERE instance_id = {instance_id} AND seq = 3")
    report = app.instances.verify_audit(instance_id)
    assert (report.ok, report.first_broken_seq) == (False, 3)
    assert "diubah" in (report.reason_id or "")


def test_removed_entry_is_named(finished: tuple[Lintas, int]) -> None:
    app, instance_id = finished
    unguard(app)
    raw(app, f"DELETE FROM audit_entry WHERE instance_id = {instance_id} AND seq = 2")
    report = app.instances.verify_audit(instance_id)
    assert (report.ok, report.first_broken_seq) == (False, 2)


def test_truncated_tail_is_detected(finished: tuple[Lintas, int]) -> None:
    app, instance_id = finished
    unguard(app)
    raw(app, f"DELETE FROM audit_entry WHERE instance_id = {instance_id} AND seq >= 5")
    report = app.instances.verify_audit(instance_id)
    assert (report.ok, report.first_broken_seq) == (False, 5)


@pytest.mark.parametrize(("code", "expected"), [
    ("while True:\n    pass", "waktu"),
    ("x = 'a' * 10**10", "batas"),
    ("hasil = 1 / 0", "ZeroDivisionError"),
])
def test_failing_script_becomes_an_incident_and_others_keep_working(
    app: Lintas, tmp_path: Path, code: str, expected: str
) -> None:
    bad = b.process("gagal", b.start(), b.user("isi", groups="PUPR/Staf"), b.script("hitung", code),
                    b.user("lanjut", groups="PUPR/Staf"), b.end(), b.flow("start", "isi", "hitung", "lanjut", "end"))
    deploy(app, b.bundle(tmp_path, "gagal", bad))
    deploy(app, b.bundle(tmp_path, "langkah", STEPS))
    view = app.instances.start("gagal", as_user="budi")
    done = app.work_items.complete(view.open_work[0].id, as_user="budi")
    assert done.status == "completed", "the clerk's completion stands; the failure is the designer's"
    broken = app.instances.show(view.id)
    assert broken.status == "incident" and broken.open_work == ()
    assert len(broken.incidents) == 1 and broken.incidents[0].element_id == "hitung"
    assert expected in broken.incidents[0].message
    assert "incident" in [e.action for e in app.instances.trail(view.id)]
    healthy = app.instances.start("langkah", as_user="budi")
    assert [w.element_id for w in healthy.open_work] == ["satu"]


def test_loop_runs_past_where_raw_spiffworkflow_stops(app: Lintas) -> None:
    folder = Path(__file__).resolve().parents[2] / "bench" / "models" / "loop"
    deploy(app, folder)
    view = app.instances.start("loop", as_user="budi", data={"batas": 400})
    item = view.open_work[0].id
    for _ in range(400):
        app.work_items.complete(item, as_user="budi")
        work = app.instances.show(view.id).open_work
        item = work[0].id if work else -1
    final = app.instances.show(view.id)
    assert (final.status, final.data["putaran"]) == ("completed", 400)
    assert app.instances.verify_audit(view.id).ok
    assert sum(1 for h in app.instances.history(view.id) if h.element_id == "langkah") == 400


def test_scripts_see_the_tenants_local_date(app: Lintas, tmp_path: Path, clock: FixedClock) -> None:
    bpmn = b.process("tanggal", b.start(), b.script("catat", "hari = today().isoformat()"),
                     b.user("lihat", groups="PUPR/Staf"), b.end(), b.flow("start", "catat", "lihat", "end"))
    deploy(app, b.bundle(tmp_path, "tanggal", bpmn))
    clock.moment = datetime(2026, 3, 17, 18, 30, tzinfo=UTC)   # 01:30 WIB on 18 March
    assert app.instances.start("tanggal", as_user="budi").data["hari"] == "2026-03-18"
