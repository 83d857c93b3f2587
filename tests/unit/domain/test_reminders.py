"""Reminders count back from the deadline, whatever time of day the clock started."""

from __future__ import annotations

from datetime import UTC, datetime

from engine.domain.calendar import BusinessCalendar, CalendarPolicy
from engine.services.sla import reminder_moment


class NoHolidays:
    def days_off(self, year: int) -> list:  # type: ignore[type-arg]
        return []


CAL = BusinessCalendar(CalendarPolicy(timezone="Asia/Jakarta"), NoHolidays())


def wib(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 7, day, hour - 7, minute, tzinfo=UTC)


def test_one_working_day_before_is_the_previous_closing_time() -> None:
    due = CAL.due_after_working_days(wib(6, 9), 2)                # Mon 09:00 + 2 hari kerja = Wed 16:00
    late_start = CAL.due_after_working_days(wib(6, 15, 30), 2)     # Mon 15:30: the same deadline
    assert due == late_start == wib(8, 16)
    assert reminder_moment("1 hari kerja", due, wib(6, 9), CAL) == wib(7, 16)
    assert reminder_moment("1 hari kerja", due, wib(6, 15, 30), CAL) == wib(7, 16)


def test_hours_before_and_reminders_already_past() -> None:
    due = wib(8, 16)
    assert reminder_moment("2 jam kerja", due, wib(6, 9), CAL) == wib(8, 14)
    assert reminder_moment("2 jam kerja", due, wib(8, 15), CAL) is None
    assert reminder_moment("PT1H", due, wib(6, 9), CAL) == wib(8, 15)
    assert reminder_moment(None, due, wib(6, 9), CAL) is None


def test_friday_deadline_reminds_on_thursday_and_monday_deadline_on_friday() -> None:
    assert reminder_moment("1 hari kerja", wib(13, 16), wib(6, 9), CAL) == wib(10, 16, 30)   # Fri closes 16:30
    assert reminder_moment("2 hari kerja", wib(10, 16, 30), wib(6, 9), CAL) == wib(8, 16)
