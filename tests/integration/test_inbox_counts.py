"""The inbox counters (per bucket, unread, overdue, mine, queue) and the first-opened ("read") mark."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import NotFound
from tests.conftest import FixedClock
from tests.integration.work_support import deploy_all, load_org, start, wib


@pytest.fixture
def app(lintas: Lintas, tmp_path: Path) -> Lintas:
    load_org(lintas)
    deploy_all(lintas, tmp_path)
    return lintas


@pytest.fixture
def items(app: Lintas, clock: FixedClock) -> dict[str, int]:
    """Tue 17 March: a letter to dispose (no deadline), two services due Fri 27 March; budi claims one."""
    found = {"surat": start(app, "surat"), "L1": start(app, "layanan"), "L2": start(app, "layanan"),
             "pribadi": start(app, "pribadi")}
    app.work_items.claim(found["L2"], as_user="budi")
    return found


def bucket(counts: dict[str, object], name: str) -> tuple[int, int, int]:
    slot = counts["buckets"][name]  # type: ignore[index]
    return slot["total"], slot["belum_dibaca"], slot["lewat_tenggat"]


def test_counters_per_bucket_and_over_all(app: Lintas, items: dict[str, int], clock: FixedClock) -> None:
    counts = app.inbox.counts("budi")
    assert {k: counts[k] for k in ("total", "mine", "queue", "belum_dibaca", "lewat_tenggat")} == {
        "total": 4, "mine": 2, "queue": 2, "belum_dibaca": 4, "lewat_tenggat": 0}
    assert bucket(counts, "disposisi") == (1, 1, 0)
    assert bucket(counts, "lainnya") == (3, 3, 0)
    assert bucket(counts, "paraf") == bucket(counts, "tanda_tangan") == (0, 0, 0)
    ani = app.inbox.counts("ani")
    assert (ani["total"], ani["mine"], ani["queue"]) == (2, 0, 2), "budi's claim and his personal task are his"
    clock.moment = wib(27, 17)                                     # past Friday's closing time
    counts = app.inbox.counts("budi")
    assert (counts["lewat_tenggat"], bucket(counts, "lainnya")) == (2, (3, 3, 2))
    assert app.inbox.counts("kabid") == {"total": 0, "mine": 0, "queue": 0, "belum_dibaca": 0, "lewat_tenggat": 0,
                                         "buckets": {b: {"total": 0, "belum_dibaca": 0, "lewat_tenggat": 0}
                                                     for b in ("paraf", "tanda_tangan", "disposisi", "lainnya")}}


def test_first_opening_by_someone_who_may_act_marks_the_item_read(app: Lintas, items: dict[str, int],
                                                                  clock: FixedClock) -> None:
    assert app.inbox.mark_opened(items["L1"], "kabid") is False, "not one of its people"
    assert app.inbox.mark_opened(items["L2"], "ani") is False, "claimed by budi"
    assert app.inbox.mark_opened(items["pribadi"], "ani") is False, "assigned to budi"
    assert app.inbox.counts("budi")["belum_dibaca"] == 4
    clock.advance(minutes=5)
    assert app.inbox.mark_opened(items["L1"], "ani") is True
    clock.advance(minutes=5)
    assert app.inbox.mark_opened(items["L1"], "budi") is False, "already read"
    [row] = [r for r in app.inbox.page("budi").items if r.item.id == items["L1"]]
    assert (row.unread, row.item.opened_at) == (False, wib(17, 9).replace(minute=5))
    counts = app.inbox.counts("budi")
    assert (counts["belum_dibaca"], bucket(counts, "lainnya")) == (3, (3, 2, 0))
    assert app.inbox.mark_opened(items["surat"], "budi") is True
    assert bucket(app.inbox.counts("budi"), "disposisi") == (1, 0, 0)
    assert [r.unread for r in app.inbox.page("budi", bucket="disposisi").items] == [False]
    with pytest.raises(NotFound):
        app.inbox.mark_opened(items["L1"], "orang.lain")


def test_a_completed_item_is_neither_counted_nor_marked(app: Lintas, items: dict[str, int]) -> None:
    app.work_items.complete(items["L1"], as_user="ani")
    assert app.inbox.counts("budi")["total"] == 3
    assert app.inbox.mark_opened(items["L1"], "ani") is False
