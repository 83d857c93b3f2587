"""The inbox page's data: working days left across the 2026 cuti bersama week (per OPD week),
sorting by deadline, filters, paging and the process filter's options."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import InvalidInput
from tests import bpmn_builder as b
from tests.conftest import FixedClock
from tests.integration.conftest import deploy
from tests.integration.work_support import deploy_all, load_org, one_task_process, start, task, wib


@pytest.fixture
def app(lintas: Lintas, tmp_path: Path) -> Lintas:
    load_org(lintas)
    deploy_all(lintas, tmp_path)
    return lintas


def deadline(app: Lintas, user: str, item_id: int) -> tuple[str, int | None, str, str]:
    [row] = [r for r in app.inbox.page(user).items if r.item.id == item_id]
    d = row.deadline
    return d.state, d.working_days_left, d.label_id, d.label_en


def test_working_days_left_count_the_cuti_bersama_week_and_the_opds_own_week(app: Lintas, clock: FixedClock) -> None:
    # Tue 17 March 2026, 09:00 WIB; 18-24 March are Nyepi, Idul Fitri and cuti bersama: + 3 working days = Fri 27.
    pupr, dishub = start(app, "layanan"), start(app, "uji")
    [row] = [r for r in app.inbox.page("budi").items if r.item.id == pupr]
    assert row.deadline.due_at == row.item.due_at == wib(27, 16).replace(minute=30)    # Fri 16:30 WIB, closing
    assert deadline(app, "budi", pupr) == ("on_time", 3, "3 hari kerja lagi", "3 working days left")
    clock.moment = wib(23, 10)                                          # Monday of the cuti bersama week
    assert deadline(app, "budi", pupr) == ("on_time", 3, "3 hari kerja lagi", "3 working days left")
    clock.moment = wib(25, 9)
    assert deadline(app, "budi", pupr) == ("on_time", 2, "2 hari kerja lagi", "2 working days left")
    clock.moment = wib(26, 9)
    assert deadline(app, "budi", pupr) == ("due_soon", 1, "1 hari kerja lagi", "1 working day left")
    clock.moment = wib(27, 9)
    assert deadline(app, "budi", pupr) == ("due_soon", 0, "jatuh tempo hari ini", "due today")
    clock.moment = wib(27, 17)
    assert deadline(app, "budi", pupr) == ("breached", 0, "lewat tenggat", "overdue")
    clock.moment = wib(30, 9)                                           # Monday after
    assert deadline(app, "budi", pupr) == ("breached", -1, "lewat 1 hari kerja", "1 working day overdue")
    # Dinas Perhubungan works six days a week: Saturday 28 March counted as a working day.
    assert deadline(app, "dedi", dishub) == ("breached", -2, "lewat 2 hari kerja", "2 working days overdue")
    clock.moment = wib(1, 9, month=4)
    assert deadline(app, "budi", pupr) == ("breached", -3, "lewat 3 hari kerja", "3 working days overdue")


def test_items_without_deadline_read_as_such(app: Lintas) -> None:
    surat = start(app, "surat")
    assert deadline(app, "budi", surat) == ("none", None, "tanpa tenggat", "no deadline")


@pytest.fixture
def four(app: Lintas, clock: FixedClock) -> dict[str, int]:
    """surat (no deadline, oldest), L1 and L3 due Fri 27 March (L1 older), L2 due Mon 30 March, claimed by budi."""
    items = {"surat": start(app, "surat")}
    clock.moment = wib(17, 10)
    items["L1"] = start(app, "layanan")
    clock.moment = wib(17, 11)
    items["L3"] = start(app, "layanan")
    clock.moment = wib(25, 9)
    items["L2"] = start(app, "layanan")
    app.work_items.claim(items["L2"], as_user="budi")
    return items


def ids(page: object) -> list[int]:
    return [r.item.id for r in page.items]  # type: ignore[attr-defined]


def test_sorted_by_deadline_then_oldest_and_undated_last(app: Lintas, four: dict[str, int]) -> None:
    page = app.inbox.page("budi")
    assert ids(page) == [four["L1"], four["L3"], four["L2"], four["surat"]]
    assert page.total == 4
    assert [r.mine for r in page.items] == [False, False, True, False]
    assert ids(app.inbox.page("ani")) == [four["L1"], four["L3"], four["surat"]], "claimed by budi: not ani's"
    assert app.inbox.page("dedi").items == () and app.inbox.page("dedi").total == 0


def test_filters_scope_bucket_process_status(app: Lintas, four: dict[str, int]) -> None:
    assert ids(app.inbox.page("budi", scope="mine")) == [four["L2"]]
    assert ids(app.inbox.page("budi", scope="queue")) == [four["L1"], four["L3"], four["surat"]]
    assert ids(app.inbox.page("budi", bucket="disposisi")) == [four["surat"]]
    assert ids(app.inbox.page("budi", bucket="paraf")) == []
    assert ids(app.inbox.page("budi", process="layanan")) == [four["L1"], four["L3"], four["L2"]]
    assert ids(app.inbox.page("budi", status="claimed")) == [four["L2"]]
    assert ids(app.inbox.page("budi", status="open")) == [four["L1"], four["L3"], four["surat"]]
    assert ids(app.inbox.page("budi", scope="queue", status="claimed")) == []
    both = app.inbox.page("budi", process="layanan", status="open", scope="queue")
    assert (ids(both), both.total) == ([four["L1"], four["L3"]], 2)
    for bad in ({"scope": "semua"}, {"bucket": "rahasia"}, {"status": "done"}, {"limit": 0}, {"limit": 500},
                {"offset": -1}):
        with pytest.raises(InvalidInput):
            app.inbox.page("budi", **bad)  # type: ignore[arg-type]


def test_paging_keeps_the_total(app: Lintas, four: dict[str, int]) -> None:
    first, second = app.inbox.page("budi", limit=2), app.inbox.page("budi", limit=2, offset=2)
    assert (ids(first), first.total) == ([four["L1"], four["L3"]], 4)
    assert (ids(second), second.total) == ([four["L2"], four["surat"]], 4)
    beyond = app.inbox.page("budi", limit=2, offset=10)
    assert (beyond.items, beyond.total) == ((), 4)


def test_process_filter_lists_the_processes_of_the_persons_items(app: Lintas, four: dict[str, int]) -> None:
    start(app, "uji")
    assert [(p.key, p.name, p.count) for p in app.inbox.processes("budi")] == [
        ("layanan", "Layanan Perbaikan", 3), ("surat", "Surat Masuk", 1)]
    assert [(p.key, p.count) for p in app.inbox.processes("dedi")] == [("uji", 1)]
    assert app.inbox.processes("kabid") == []


def test_an_item_offered_to_two_of_a_persons_roles_is_listed_once(app: Lintas, tmp_path: Path) -> None:
    deploy(app, b.bundle(tmp_path, "ganda", one_task_process(
        "ganda", "Ganda", task("kerja", "Dua peran", "PUPR/Staf, PUPR/Kepala Bidang"))))
    load_org(app, roles={"kabid": ["PUPR/Kepala Bidang", "PUPR/Staf"]})
    item = start(app, "ganda")
    page = app.inbox.page("kabid")
    assert (ids(page), page.total) == ([item], 1)
    assert app.inbox.counts("kabid")["total"] == 1
