"""How a deadline reads in the inbox: working days left, state and label, around the 2026 Lebaran week."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from engine.domain.calendar import BusinessCalendar
from engine.domain.deadlines import NO_DEADLINE, deadline_of

WIB = ZoneInfo("Asia/Jakarta")
DUE = datetime(2026, 3, 27, 16, 30, tzinfo=WIB).astimezone(UTC)      # Fri 27 March, closing time


def at(day: int, hour: int, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=WIB).astimezone(UTC)


@pytest.mark.parametrize(("now", "state", "left", "label_id", "label_en"), [
    (at(17, 9), "on_time", 3, "3 hari kerja lagi", "3 working days left"),       # cuti bersama 18-24 skipped
    (at(21, 12), "on_time", 3, "3 hari kerja lagi", "3 working days left"),      # a Saturday of the holiday
    (at(25, 16), "on_time", 2, "2 hari kerja lagi", "2 working days left"),
    (at(26, 8), "due_soon", 1, "1 hari kerja lagi", "1 working day left"),
    (at(27, 7), "due_soon", 0, "jatuh tempo hari ini", "due today"),
    (at(27, 16), "due_soon", 0, "jatuh tempo hari ini", "due today"),
    (at(27, 17), "breached", 0, "lewat tenggat", "overdue"),
    (at(28, 10), "breached", 0, "lewat tenggat", "overdue"),                    # the weekend after
    (at(30, 9), "breached", -1, "lewat 1 hari kerja", "1 working day overdue"),
    (at(2, 9, month=4), "breached", -4, "lewat 4 hari kerja", "4 working days overdue"),
])
def test_labels(calendar: BusinessCalendar, now: datetime, state: str, left: int, label_id: str,
                label_en: str) -> None:
    found = deadline_of(DUE, now, calendar)
    assert (found.state, found.working_days_left, found.label_id, found.label_en) == (state, left, label_id, label_en)
    assert found.due_at == DUE


def test_no_deadline(calendar: BusinessCalendar) -> None:
    assert deadline_of(None, at(17, 9), calendar) == NO_DEADLINE
    assert NO_DEADLINE.as_dict() == {"due_at": None, "working_days_left": None, "state": "none",
                                     "label_id": "tanpa tenggat", "label_en": "no deadline"}
