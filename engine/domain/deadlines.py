"""How a work item's deadline reads in the inbox: working days left, a state for the colour, a label.

Days are counted with the business calendar the deadline was set with (the tenant's, or the OPD's
own week), so a task due after the Lebaran cuti bersama week does not look overdue during it.

"Due soon" means the deadline falls today or on the next working day: the reference processes remind
people one working day ahead (``lintas:reminder="1 hari kerja"``), and the inbox turns amber at the
same moment, so the colour and the reminder e-mail never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from engine.domain.calendar import BusinessCalendar

STATES = ("on_time", "due_soon", "breached", "none")
DUE_SOON_DAYS = 1


@dataclass(frozen=True)
class Deadline:
    """``working_days_left`` is negative when overdue (``-2`` = two working days late), None without a deadline."""

    due_at: datetime | None
    working_days_left: int | None
    state: str                   # on_time | due_soon | breached | none
    label_id: str                # "3 hari kerja lagi", "jatuh tempo hari ini", "lewat 2 hari kerja"
    label_en: str                # "3 working days left", "due today", "2 working days overdue"

    def as_dict(self) -> dict[str, object]:
        return {"due_at": self.due_at.isoformat() if self.due_at else None,
                "working_days_left": self.working_days_left, "state": self.state,
                "label_id": self.label_id, "label_en": self.label_en}


NO_DEADLINE = Deadline(None, None, "none", "tanpa tenggat", "no deadline")


def deadline_of(due_at: datetime | None, now: datetime, calendar: BusinessCalendar) -> Deadline:
    """The deadline of an open item as seen at ``now``.

    Days left are the working days after today up to the due day: due today is 0, due on the next
    working day is 1, whatever weekend or holidays lie between.
    """
    if due_at is None:
        return NO_DEADLINE
    if now > due_at:
        late = calendar.working_days_between(due_at, now)
        if late <= 0:
            # Past its closing time, but no working day has begun since (e.g. on the weekend after).
            return Deadline(due_at, 0, "breached", "lewat tenggat", "overdue")
        return Deadline(due_at, -late, "breached", f"lewat {late} hari kerja", _en(late, "overdue"))
    left = calendar.working_days_between(now, due_at)
    if left <= 0:
        return Deadline(due_at, 0, "due_soon", "jatuh tempo hari ini", "due today")
    state = "due_soon" if left <= DUE_SOON_DAYS else "on_time"
    return Deadline(due_at, left, state, f"{left} hari kerja lagi", _en(left, "left"))


def _en(days: int, word: str) -> str:
    return f"{days} working day{'' if days == 1 else 's'} {word}"
